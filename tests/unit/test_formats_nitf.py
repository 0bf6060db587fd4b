"""NITF 3.x documents map to Articles."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.article import RawItem
from streams.errors import MissingFieldError, UnsafeInputError
from streams.formats.decoding import decode_payload
from streams.formats.nitf import parse_nitf

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
RAW = RawItem(id="nitf-raw", payload=b"", received_at="2021-11-11T12:00:00Z")


def fixture() -> str:
    return (FIXTURES / "nitf_doc.xml").read_text(encoding="utf-8")


def test_document_fields() -> None:
    article = parse_nitf(fixture(), RAW)
    assert article.uri == "urn:nitf:AFP:afp-20211111-ab12cd"
    assert article.version == 2
    assert article.headline == "Wildfire forces evacuation of hill villages"
    assert article.description == "Four villages were emptied overnight as crews fought the blaze."
    assert article.byline == "Eleni Markou"
    assert article.dateline == "ATHENS, Nov 11"
    assert article.source == "AFP"
    assert article.versioncreated == "2021-11-11T11:33:00Z"
    assert article.urgency == 2
    assert article.pubstatus == "usable"
    assert article.keywords == ["wildfires", "Greece"]
    assert [o.name for o in article.organisations] == ["Hellenic Fire Service"]
    assert article.provenance.format == "nitf"


def test_body_content_paragraphs_skip_media_captions() -> None:
    article = parse_nitf(fixture(), RAW)
    paragraphs = article.body_text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[2] == "No injuries had been reported by early morning, officials said."
    assert "Smoke rises" not in article.body_text
    assert article.body_html is not None and article.body_html.startswith("<p>Firefighters")


def test_signals_from_du_key_and_ed_msg() -> None:
    signals = parse_nitf(fixture(), RAW).signals
    assert signals.update is True
    assert signals.correction is True
    assert signals.embargoed_until is None  # released at issue time
    assert signals.agency_id == "afp-20211111-ab12cd"


def test_utf16_document_parses_the_same() -> None:
    text = decode_payload((FIXTURES / "nitf_utf16le.xml").read_bytes())
    assert parse_nitf(text, RAW).headline == parse_nitf(fixture(), RAW).headline


def _doc(docdata: str = "", hl1: str = "Headline", content: str = "<p>Body.</p>") -> str:
    return (
        f"<nitf><head><docdata {docdata}</docdata></head><body><body.head><hedline>"
        f"<hl1>{hl1}</hl1></hedline></body.head><body.content>{content}</body.content>"
        "</body></nitf>"
    )


def test_embargo_from_release_after_issue() -> None:
    doc = _doc('management-status="embargoed"><date.issue norm="20211111T090000Z"/>'
               '<date.release norm="20211111T120000+0100"/>')
    article = parse_nitf(doc, RAW)
    assert article.signals.embargoed_until == "2021-11-11T11:00:00Z"
    assert article.pubstatus == "usable"


@pytest.mark.parametrize(
    ("status", "expected"), [("withheld", "withheld"), ("canceled", "canceled")]
)
def test_management_status(status: str, expected: str) -> None:
    assert parse_nitf(_doc(f'management-status="{status}">'), RAW).pubstatus == expected


@pytest.mark.parametrize(("urg", "expected"), [("1", 1), ("8", 8), ("9", None), ("x", None)])
def test_urgency_is_nitf_range(urg: str, expected: int | None) -> None:
    assert parse_nitf(_doc(f'><urgency ed-urg="{urg}"/>'), RAW).urgency == expected


def test_missing_doc_id_gives_stable_urn() -> None:
    assert parse_nitf(_doc(">"), RAW).uri == "urn:wirestreams:nitf-raw"


def test_associated_press_copyright_normalises_to_ap() -> None:
    doc = _doc('><doc.copyright holder="The Associated Press"/>')
    assert parse_nitf(doc, RAW).source == "AP"


def test_empty_document_raises_missing_field() -> None:
    with pytest.raises(MissingFieldError):
        parse_nitf(_doc(">", hl1="", content=""), RAW)


def test_billion_laughs_is_refused() -> None:
    with pytest.raises(UnsafeInputError):
        parse_nitf((FIXTURES / "xml_billion_laughs.xml").read_text(), RAW)


def test_a_location_with_city_and_country_parts_gives_one_place_each() -> None:
    doc = (
        '<nitf><head><title>T</title><docdata><doc-id id-string="x-1"/></docdata></head>'
        "<body><body.head><hedline><hl1>Metro opens</hl1></hedline></body.head>"
        "<body.content><p>A <location><city>Hanoi</city><country>Vietnam</country></location>"
        " line opened.</p></body.content></body></nitf>"
    )
    article = parse_nitf(doc, RawItem(id="r", payload=doc.encode(), received_at="t"))
    assert [p.name for p in article.places] == ["Hanoi", "Vietnam"]
