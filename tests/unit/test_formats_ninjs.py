"""ninjs 1.x and 2.x items map to the same Article fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from streams.article import RawItem
from streams.errors import MissingFieldError, ParseError
from streams.formats.ninjs import parse_ninjs

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


def raw(name: str = "item.json") -> RawItem:
    return RawItem(id="raw-1", payload=b"", path=f"in/{name}", feed="wire",
                   received_at="2021-11-11T12:00:01Z")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_ninjs2_fields() -> None:
    article = parse_ninjs(fixture("ninjs2_item.json"), raw())
    assert article.uri == "urn:example:ap:7c1e2a9d4b"
    assert article.version == 2
    assert article.headline == "Harbour ferry crews end three-day strike after overnight pay talks"
    assert article.description.startswith("Commuter services across the bay")
    assert article.source == "AP"
    assert article.byline == "By MARGARET OSEI"
    assert article.dateline == "Halifax, Nova Scotia"
    assert article.versioncreated == "2021-11-11T11:33:00Z"
    assert article.firstcreated == "2021-11-11T11:05:00Z"
    assert article.urgency == 3
    assert article.keywords == ["ferries", "strikes", "Halifax"]
    assert [s.name for s in article.subjects] == ["labour dispute"]
    assert [p.name for p in article.places] == ["Halifax"]


def test_ninjs2_html_body_becomes_paragraphs_without_captions() -> None:
    article = parse_ninjs(fixture("ninjs2_item.json"), raw())
    paragraphs = article.body_text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("HALIFAX, Nova Scotia (AP) — Ferry crews on the city’s")
    assert "A ferry leaves the terminal" not in article.body_text
    assert article.body_html is not None and article.body_html.startswith("<p>HALIFAX")


def test_ninjs2_signals() -> None:
    signals = parse_ninjs(fixture("ninjs2_item.json"), raw()).signals
    assert signals.update is True  # version 2
    assert signals.correction is True  # ednote "Corrects spelling ..."
    assert signals.embargoed_until == "2021-11-11T11:00:00Z"
    assert signals.agency_id == "7c1e2a9d4b"


def test_ninjs1_publisher_reprint_keeps_agency_as_source() -> None:
    article = parse_ninjs(fixture("ninjs1_item.json"), raw())
    assert article.source == "Reuters"
    assert article.publisher == "The Harbour Gazette"
    assert article.headline == "Regulator orders review of household water rates"
    assert article.description is not None
    assert article.description.startswith("Companies have six months to justify increases")
    assert article.body_text.count("\n\n") == 2
    assert article.language == "en-GB"
    assert article.version == 1 and article.signals.update is False
    assert article.signals.correction is False


def test_provenance_comes_from_the_raw_item() -> None:
    article = parse_ninjs(fixture("ninjs1_item.json"), raw("a.json"))
    assert article.provenance.format == "ninjs"
    assert article.provenance.path == "in/a.json"
    assert article.provenance.feed == "wire"
    assert article.provenance.raw_id == "raw-1"
    assert article.provenance.received_at == "2021-11-11T12:00:01Z"


def test_item_without_uri_gets_a_stable_urn() -> None:
    text = json.dumps({"headline": "Bridge reopens", "body_text": "The bridge reopened."})
    first = parse_ninjs(text, raw())
    assert first.uri == "urn:wirestreams:raw-1"
    assert parse_ninjs(text, raw()).uri == first.uri


@pytest.mark.parametrize(
    ("pubstatus", "expected"),
    [("usable", "usable"), ("withheld", "withheld"), ("canceled", "canceled"),
     ("cancelled", "canceled"), ("nonsense", "usable")],
)
def test_pubstatus_mapping(pubstatus: str, expected: str) -> None:
    text = json.dumps({"uri": "u", "headline": "h", "pubstatus": pubstatus})
    assert parse_ninjs(text, raw()).pubstatus == expected


@pytest.mark.parametrize(("urgency", "expected"), [(1, 1), (9, 9), (0, None), (12, None), ("4", 4)])
def test_urgency_range(urgency: object, expected: int | None) -> None:
    text = json.dumps({"uri": "u", "headline": "h", "urgency": urgency})
    assert parse_ninjs(text, raw()).urgency == expected


def test_explicit_signals_are_read() -> None:
    text = json.dumps({"uri": "u", "headline": "h", "version": "1",
                       "signals": [{"qcode": "sig:correction"}]})
    signals = parse_ninjs(text, raw()).signals
    assert signals.correction is True and signals.update is False


def test_plain_body_text_keeps_paragraph_breaks() -> None:
    text = json.dumps({"uri": "u", "headline": "h",
                       "body_text": "First para\nwrapped line.\n\nSecond para.\r\n\r\nThird."})
    expected = "First para wrapped line.\n\nSecond para.\n\nThird."
    assert parse_ninjs(text, raw()).body_text == expected


def test_no_headline_and_no_body_raises_missing_field() -> None:
    with pytest.raises(MissingFieldError):
        parse_ninjs(json.dumps({"uri": "urn:x", "version": "1"}), raw())


def test_non_object_json_raises_parse_error() -> None:
    with pytest.raises(ParseError):
        parse_ninjs("[]", raw())
    with pytest.raises(ParseError):
        parse_ninjs(fixture("ninjs_truncated.json"), raw())
