"""IPTC 7901 messages map to Articles; the not-for-publication part never reaches the body."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.article import RawItem
from streams.errors import MissingFieldError
from streams.formats.decoding import decode_payload
from streams.formats.iptc_7901 import parse_iptc_7901

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
RAW = RawItem(id="7901-raw", payload=b"", received_at="2023-06-14T16:00:00Z")


def fixture() -> str:
    return decode_payload((FIXTURES / "iptc_7901_update.txt").read_bytes())


def _message(priority: str = "4", category: str = "SPO", keyword: str = "Sailing/Race") -> str:
    return (f"\x01afx0009 {priority} {category} 40\r\n{keyword}\r\n\x02Crew wins harbour race\r\n"
            "\r\nKIEL (dpa) - The home crew won by two lengths.\r\n\x03\x04")


def test_message_fields() -> None:
    article = parse_iptc_7901(fixture(), RAW)
    assert article.headline == "Negotiators agree draft text on adaptation fund at Bonn talks"
    assert article.byline == "Katrin Vogel"
    assert article.source == "dpa"
    assert article.dateline == "Bonn"
    assert article.urgency == 2
    assert article.keywords == ["Climate", "Conference", "Germany"]
    assert [s.code for s in article.subjects] == ["medtop:11000000"]
    assert article.versioncreated == "2023-06-14T15:32:00Z"
    assert article.provenance.format == "iptc-7901"


def test_cp1252_guillemets_survive_decoding() -> None:
    assert "\u00abWe have a frame" in parse_iptc_7901(fixture(), RAW).body_text


def test_version_line_is_update_signal() -> None:
    article = parse_iptc_7901(fixture(), RAW)
    assert article.version == 3
    assert article.signals.update is True
    assert article.signals.agency_id == "Climate/Conference/Germany"
    assert article.uri == "urn:iptc7901:dpa:2023-06-14:climate/conference/germany"


def test_body_stops_before_not_for_publication_and_initials() -> None:
    article = parse_iptc_7901(fixture(), RAW)
    paragraphs = article.body_text.split("\n\n")
    assert len(paragraphs) == 3
    assert paragraphs[0].startswith("Bonn (dpa) - Negotiators")
    assert "droughts and floods." in paragraphs[0]
    for leaked in ("Editorial contact", "not for publication", "dpa kv", "141532", "* * *"):
        assert leaked not in article.body_text


@pytest.mark.parametrize(("priority", "expected"), [("1", 1), ("4", 4), ("6", 6), ("9", None)])
def test_priority_digit_is_urgency(priority: str, expected: int | None) -> None:
    assert parse_iptc_7901(_message(priority=priority), RAW).urgency == expected


@pytest.mark.parametrize(
    ("category", "code"),
    [("SPO", "medtop:15000000"), ("FIN", "medtop:04000000"), ("WEA", "medtop:17000000"),
     ("XYZ", None)],
)
def test_category_maps_to_media_topic(category: str, code: str | None) -> None:
    subjects = parse_iptc_7901(_message(category=category), RAW).subjects
    assert [s.code for s in subjects] == ([code] if code else [])


def test_correction_line_in_heading() -> None:
    article = parse_iptc_7901(_message(keyword="Sailing/Race\r\nCorrection"), RAW)
    assert article.signals.correction is True
    assert article.keywords == ["Sailing", "Race"]


def test_no_text_block_raises() -> None:
    with pytest.raises(MissingFieldError, match="STX"):
        parse_iptc_7901("\x01afx0009 4 SPO 40\r\nSailing\r\n", RAW)
