"""NewsML-G2 newsItems, with or without namespaces, map to Articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.article import RawItem
from streams.errors import MissingFieldError, UnsafeInputError
from streams.formats.newsml_g2 import parse_newsml_g2

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
RAW = RawItem(id="g2-raw", payload=b"", received_at="2021-11-11T12:00:00Z")


def fixture() -> str:
    return (FIXTURES / "newsml_g2_item.xml").read_text(encoding="utf-8")


def test_item_fields() -> None:
    article = parse_newsml_g2(fixture(), RAW)
    assert article.uri == "tag:reuters.example,2021:newsml_L8N2S2041"
    assert article.version == 3
    assert article.headline == "South Korea's chip exports hit record as overseas demand holds up"
    assert article.description == "Shipments rose for the eleventh month in a row."
    assert article.byline == "By Hana Cho"
    assert article.dateline == "SEOUL, Nov 11 (Reuters) -"
    assert article.source == "Reuters"
    assert article.language == "en"
    assert article.versioncreated == "2021-11-11T11:33:00Z"
    assert article.firstcreated == "2021-11-11T10:02:00Z"
    assert article.urgency == 2
    assert article.pubstatus == "usable"
    assert article.keywords == ["semiconductors", "exports"]
    assert [s.code for s in article.subjects] == ["medtop:04000000"]
    assert [o.name for o in article.organisations] == ["Ministry of Trade"]
    assert [p.name for p in article.places] == ["South Korea"]
    assert article.provenance.format == "newsml-g2"


def test_inline_xhtml_body() -> None:
    article = parse_newsml_g2(fixture(), RAW)
    paragraphs = article.body_text.split("\n\n")
    assert len(paragraphs) == 4
    assert "data centres outweighed a slowdown" in paragraphs[0]
    assert "chip exports" not in article.body_text  # the XHTML <title> is not story text
    assert article.body_html is not None
    assert article.body_html.startswith("<p>SEOUL") and "<em>outweighed</em>" in article.body_html
    assert "xmlns" not in article.body_html


def test_signals() -> None:
    signals = parse_newsml_g2(fixture(), RAW).signals
    assert signals.update is True
    assert signals.correction is False
    assert signals.embargoed_until == "2021-11-11T13:00:00Z"
    assert signals.agency_id == "L8N2S2041"


def _minimal(meta: str = "", content: str = "", body: str = "", prefix: str = "") -> str:
    p = f"{prefix}:" if prefix else ""
    ns = f' xmlns{":" + prefix if prefix else ""}="http://iptc.org/std/nar/2006-10-01/"'
    return (
        f'<{p}newsItem{ns} guid="urn:g2:1" version="1">'
        f"<{p}itemMeta>{meta}</{p}itemMeta>"
        f"<{p}contentMeta>{content}</{p}contentMeta>"
        f"<{p}contentSet>{body}</{p}contentSet></{p}newsItem>"
    )


@pytest.mark.parametrize(
    ("qcode", "expected"),
    [("stat:usable", "usable"), ("stat:withheld", "withheld"), ("stat:canceled", "canceled")],
)
def test_pubstatus(qcode: str, expected: str) -> None:
    doc = _minimal(meta=f'<pubStatus qcode="{qcode}"/>', content="<headline>H</headline>")
    assert parse_newsml_g2(doc, RAW).pubstatus == expected


def test_prefixed_namespace_and_plain_inline_data() -> None:
    doc = _minimal(
        meta='<nar:signal qcode="sig:correction"/>',
        content="<nar:headline>Dam repairs finished</nar:headline>",
        body='<nar:inlineData contenttype="text/plain">Work ended early.\n\nThe road reopens.'
        "</nar:inlineData>",
        prefix="nar",
    )
    article = parse_newsml_g2(doc, RAW)
    assert article.headline == "Dam repairs finished"
    assert article.body_text == "Work ended early.\n\nThe road reopens."
    assert article.signals.correction is True


def test_no_namespace_is_tolerated() -> None:
    doc = '<newsItem guid="g"><contentMeta><headline>Plain</headline></contentMeta></newsItem>'
    assert parse_newsml_g2(doc, RAW).headline == "Plain"


def test_news_message_yields_its_first_item() -> None:
    item = _minimal(content="<headline>Inside a message</headline>")
    doc = (
        '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><header/>'
        f"<itemSet>{item}</itemSet></newsMessage>"
    )
    assert parse_newsml_g2(doc, RAW).headline == "Inside a message"


def test_empty_news_message_raises() -> None:
    doc = '<newsMessage xmlns="http://iptc.org/std/nar/2006-10-01/"><itemSet/></newsMessage>'
    with pytest.raises(MissingFieldError):
        parse_newsml_g2(doc, RAW)


def test_item_without_headline_and_body_raises() -> None:
    with pytest.raises(MissingFieldError):
        parse_newsml_g2(_minimal(), RAW)


def test_entity_declarations_are_refused() -> None:
    doc = '<!DOCTYPE newsItem [<!ENTITY e "x">]>' + _minimal(content="<headline>&e;</headline>")
    with pytest.raises(UnsafeInputError):
        parse_newsml_g2(doc, RAW)
