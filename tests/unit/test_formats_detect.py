"""Format sniffing: each wire format is recognised, and JSON never falls through to text."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.errors import ParseError, UnknownFormatError
from streams.formats.decoding import decode_payload
from streams.formats.detect import FORMATS, detect_format

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("ninjs2_item.json", "ninjs"),
        ("ninjs1_item.json", "ninjs"),
        ("newsml_g2_item.xml", "newsml-g2"),
        ("nitf_doc.xml", "nitf"),
        ("nitf_utf16le.xml", "nitf"),
        ("rss_two_items.xml", "rss"),
        ("atom_feed.xml", "atom"),
        ("text_cp1252.txt", "text"),
        ("newsml_12_item.xml", "newsml-1.2"),
        ("anpa_1312_writethru.txt", "anpa-1312"),
        ("anpa_1312_flash.txt", "anpa-1312"),
        ("iptc_7901_update.txt", "iptc-7901"),
        ("ap_media_item.json", "ap-media-json"),
    ],
)
def test_fixtures_are_detected(name: str, expected: str) -> None:
    assert detect_format(decode_payload((FIXTURES / name).read_bytes())) == expected


def test_format_names_are_the_published_tuple() -> None:
    assert FORMATS == ("ninjs", "newsml-g2", "nitf", "rss", "atom", "html", "text",
                       "newsml-1.2", "anpa-1312", "iptc-7901", "ap-media-json")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('<nar:newsMessage xmlns:nar="http://iptc.org/std/nar/2006-10-01/">', "newsml-g2"),
        ('<packageItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="x">', "newsml-g2"),
        ('<?xml version="1.0"?>\n<!-- feed -->\n<rdf:RDF xmlns:rdf="x"><item/></rdf:RDF>', "rss"),
        ('<entry xmlns="http://www.w3.org/2005/Atom"><id>x</id></entry>', "atom"),
        ("<!DOCTYPE html>\n<html><body><p>Story</p></body></html>", "html"),
        ("<div><p>One.</p><p>Two.</p><p>Three.</p></div>", "html"),
        ("SEOUL (AP) — Officials met.\n\nThey talked for an hour.", "text"),
        ("<b>Bold</b> start, then plain text.", "text"),
        ('{"$schema": "https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json"}', "ninjs"),
        ('{"uri": "urn:x", "versioncreated": "2021-11-11T11:33:00Z"}', "ninjs"),
        ('{"data": {"item": {"uri": "urn:x", "headline": "h"}}}', "ninjs"),
        ('<NewsML Version="1.2"><NewsItem/></NewsML>', "newsml-1.2"),
        ('<?xml version="1.0"?>\n<NewsItem Duid="x"/>', "newsml-1.2"),
        ("\x16\x16\x01a1234\x1fsel\nr a\x13\x11 slug 11-11 0100\n\x02text\x03", "anpa-1312"),
        ("\x02headless text block\x03", "anpa-1312"),
        ("\x01dpa0012 4 SPO 120\r\nSailing\r\n\x02Head\r\n\x03\x04", "iptc-7901"),
        ("\x01ab0012 1 s 60 extra\n\x02Head\n\x03", "iptc-7901"),
        ('{"data": {"item": {"headline": "h", "altids": {"itemid": "x"}}}}', "ap-media-json"),
        ('{"headline": "h", "headline_extended": "longer"}', "ap-media-json"),
        ('{"headline": "h", "bylines": [{"by": "By A"}]}', "ap-media-json"),
        ('{"data": {"items": [{"item": {"headline": "h"}}, {"item": {}}]}}', "ap-media-json"),
        ('{"headline": "h", "altids": {"your-id": "x"}}', "ninjs"),
        ('{"headline": "h", "renditions": {"main": {"href": "x"}}}', "ninjs"),
    ],
)
def test_sniffing(text: str, expected: str) -> None:
    assert detect_format(text) == expected


@pytest.mark.parametrize("text", ['{"name": "not news", "count": 3}', "[1, 2, 3]", "{}"])
def test_json_that_is_not_ninjs_raises(text: str) -> None:
    with pytest.raises(ParseError, match="not a ninjs or AP Media item"):
        detect_format(text)


def test_truncated_json_raises_with_the_json_error() -> None:
    text = decode_payload((FIXTURES / "ninjs_truncated.json").read_bytes())
    with pytest.raises(ParseError, match="invalid JSON"):
        detect_format(text)


def test_unknown_xml_root_is_not_taken_for_text() -> None:
    with pytest.raises(UnknownFormatError, match="<invoice>"):
        detect_format('<?xml version="1.0"?><invoice><total>3</total></invoice>')


def test_control_characters_that_frame_nothing_are_not_text() -> None:
    with pytest.raises(UnknownFormatError, match="control characters"):
        detect_format("\x16\x16 stray sync bytes then words")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"headline": "a", "headline": "b"}', "duplicate key 'headline'"),
        ('{"data": {"item": {"uri": "u", "uri": "v"}}}', "duplicate key 'uri'"),
        ('{"headline": NaN}', "invalid JSON"),
        ('{"urgency": Infinity}', "invalid JSON"),
        ('{"headline": "\\ud800"}', "surrogate"),
        ("[" * 10_000 + "]" * 10_000, "depth"),
    ],
)
def test_strict_json(text: str, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        detect_format(text)
