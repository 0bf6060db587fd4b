"""AP-Media-API-style JSON maps to Articles; it is told apart from ninjs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from streams.article import RawItem
from streams.errors import MissingFieldError, ParseError, UnsafeInputError
from streams.formats.ap_media import parse_ap_media
from streams.formats.registry import parse_raw

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
RAW = RawItem(id="ap-raw", payload=b"", received_at="2021-11-11T12:00:00Z")


def fixture_obj() -> dict[str, Any]:
    obj: dict[str, Any] = json.loads((FIXTURES / "ap_media_item.json").read_text("utf-8"))
    return obj


def _item(**fields: Any) -> str:
    item = {"altids": {"itemid": "abc123"}, "headline": "Headline", **fields}
    return json.dumps({"data": {"item": item}})


def test_item_fields() -> None:
    article = parse_ap_media((FIXTURES / "ap_media_item.json").read_text("utf-8"), RAW)
    assert article.uri == "https://api.ap.example/media/v/content/4f1b2c3d5e6f70819a2b3c4d5e6f7081"
    assert article.headline == "Dockworkers end walkout at South Korean container ports"
    assert article.description is not None and article.description.startswith("Operators agree")
    assert article.byline == "Min-Ji Park"
    assert article.dateline == "Busan, South Korea"
    assert article.source == "AP"
    assert article.urgency == 3
    assert article.firstcreated == "2021-11-11T01:05:00Z"
    assert article.versioncreated == "2021-11-11T02:33:00Z"
    assert [s.name for s in article.subjects] == ["Labor", "Shipping industry"]
    assert [o.name for o in article.organisations] == ["Busan Port Authority"]
    assert article.provenance.format == "ap-media-json"


def test_identity_and_version_signals() -> None:
    article = parse_ap_media((FIXTURES / "ap_media_item.json").read_text("utf-8"), RAW)
    assert article.version == 3  # AP counts from 0
    assert article.signals.update is True
    assert article.signals.correction is False
    assert article.signals.embargoed_until == "2021-11-11T03:00:00Z"
    assert article.signals.agency_id == "4f1b2c3d5e6f70819a2b3c4d5e6f7081"


def test_nitf_block_body_paragraphs() -> None:
    article = parse_ap_media((FIXTURES / "ap_media_item.json").read_text("utf-8"), RAW)
    paragraphs = article.body_text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("BUSAN, South Korea (AP) — Dockworkers")
    assert article.body_html is not None and article.body_html.startswith("<p>BUSAN")


def test_full_nitf_document_in_inline_rendition() -> None:
    nitf = ("<nitf><body><body.head><hedline><hl1>From NITF</hl1></hedline></body.head>"
            "<body.content><p>One.</p><p>Two.</p></body.content></body></nitf>")
    text = json.dumps({"data": {"item": {"altids": {"itemid": "x1"},
                                         "renditions": {"nitf": {"body": nitf}}}}})
    article = parse_ap_media(text, RAW)
    assert article.headline == "From NITF"
    assert article.body_text == "One.\n\nTwo."
    assert article.uri == "urn:apmedia:x1"


def test_version_zero_is_first_version() -> None:
    article = parse_ap_media(_item(version=0, body_text="Body."), RAW)
    assert article.version == 1 and article.signals.update is False


@pytest.mark.parametrize(
    ("types", "pubstatus", "correction"),
    [(["Kill"], "canceled", False), (["Withhold"], "withheld", False),
     (["Correction"], "usable", True)],
)
def test_editorial_types(types: list[str], pubstatus: str, correction: bool) -> None:
    article = parse_ap_media(_item(editorialtypes=types, body_text="Body."), RAW)
    assert article.pubstatus == pubstatus
    assert article.signals.correction is correction


def test_item_without_headline_or_body_raises() -> None:
    with pytest.raises(MissingFieldError):
        parse_ap_media(json.dumps({"data": {"item": {"altids": {"itemid": "x"}}}}), RAW)


def test_feed_page_with_many_items_raises() -> None:
    page = {"data": {"items": [{"item": {"altids": {"itemid": str(i)}, "headline": "h"}}
                               for i in range(2)]}}
    with pytest.raises(ParseError, match="2 items"):
        parse_ap_media(json.dumps(page), RAW)


def test_feed_page_with_one_item_parses() -> None:
    page = {"data": {"items": [{"item": {"altids": {"itemid": "only"}, "headline": "h"}}]}}
    assert parse_ap_media(json.dumps(page), RAW).signals.agency_id == "only"


def test_entity_declarations_in_body_nitf_are_refused() -> None:
    body = ('<!DOCTYPE nitf [<!ENTITY a "aaaa">]>'
            "<nitf><body><body.content>&a;</body.content></body></nitf>")
    with pytest.raises(UnsafeInputError):
        parse_ap_media(_item(body_nitf=body), RAW)


def test_declarations_inside_a_body_fragment_are_refused() -> None:
    body = '<p>x</p><!DOCTYPE z [<!ENTITY b SYSTEM "file:///etc/hostname">]><p>&b;</p>'
    with pytest.raises(UnsafeInputError):
        parse_ap_media(_item(body_nitf=body), RAW)


def test_html_body_fragment_that_is_not_xml_is_read_as_html() -> None:
    article = parse_ap_media(_item(body_nitf="<p>One &amp; two<br>three</p><p>Four"), RAW)
    assert article.body_text == "One & two\n\nthree\n\nFour"


def test_detected_as_its_own_format_and_ninjs_stays_ninjs() -> None:
    ap = RawItem(id="a", payload=(FIXTURES / "ap_media_item.json").read_bytes())
    assert parse_raw(ap).provenance.format == "ap-media-json"
    ninjs = RawItem(id="n", payload=json.dumps(
        {"data": {"item": {"uri": "urn:x", "headline": "h", "body_text": "b"}}}).encode())
    assert parse_raw(ninjs).provenance.format == "ninjs"
    declared = fixture_obj()
    declared["data"]["item"]["$schema"] = "https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"
    assert parse_raw(RawItem(id="d", payload=json.dumps(declared).encode())).provenance.format \
        == "ninjs"
