"""Payload bytes become text in the right encoding; binary and empty payloads are refused."""

from __future__ import annotations

import codecs
import gzip
import random
from pathlib import Path

import pytest

from streams.errors import DecodeError, EmptyItemError
from streams.formats.decoding import decode_payload

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
STORY = (
    "Café owners said the “new licensing rules” would cost jobs — a claim the council "
    "rejected on Thursday. Its résumé of the plan runs to 40 pages."
)


def test_utf8_with_and_without_bom() -> None:
    assert decode_payload(STORY.encode("utf-8")) == STORY
    assert decode_payload(codecs.BOM_UTF8 + STORY.encode("utf-8")) == STORY


@pytest.mark.parametrize(
    ("bom", "codec"),
    [(codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")],
)
def test_utf16_with_bom(bom: bytes, codec: str) -> None:
    assert decode_payload(bom + STORY.encode(codec)) == STORY


def test_utf16_without_bom_is_recognised_by_its_nul_pattern() -> None:
    assert decode_payload(STORY.encode("utf-16-le")) == STORY


def test_undeclared_cp1252_keeps_curly_quotes_and_accents() -> None:
    text = decode_payload((FIXTURES / "text_cp1252.txt").read_bytes())
    assert "“new licensing rules”" in text
    assert "Café" in text and "résumé" in text and "council’s" in text


def test_latin1_declaration_is_read_as_windows_1252() -> None:
    doc = '<?xml version="1.0" encoding="ISO-8859-1"?><p>Grüße, “quoted”</p>'
    assert decode_payload(doc.encode("cp1252")) == doc


def test_meta_charset_is_honoured() -> None:
    page = '<html><head><meta charset="windows-1251"></head><body>Министр заявил</body></html>'
    assert decode_payload(page.encode("cp1251")) == page


def test_utf16_fixture_file_decodes() -> None:
    text = decode_payload((FIXTURES / "nitf_utf16le.xml").read_bytes())
    assert text.startswith("<?xml") and "Wildfire forces evacuation" in text


@pytest.mark.parametrize(
    "payload",
    [
        gzip.compress(STORY.encode() * 10),
        b"\x89PNG\r\n\x1a\n" + bytes(range(1, 256)) * 8,
        b"plain text with a \x00 NUL in the middle",
        random.Random(7).randbytes(4000).replace(b"\x00", b"\x01"),
        b"\x05\x06\x07\x08\x0e\x0f\x10" * 50 + b"some words",
    ],
)
def test_binary_payloads_raise_decode_error(payload: bytes) -> None:
    with pytest.raises(DecodeError):
        decode_payload(payload)


@pytest.mark.parametrize(
    "payload", [b"", b"  \r\n\t ", codecs.BOM_UTF16_LE + " \n".encode("utf-16-le")]
)
def test_empty_or_blank_payloads_raise_empty_item_error(payload: bytes) -> None:
    with pytest.raises(EmptyItemError):
        decode_payload(payload)


def test_wire_framing_controls_are_not_taken_for_binary() -> None:
    anpa = (
        b"\x01\x16\x16a0412 r i BC-Ferry-Strike 11-11 0300\x02\r\n"
        b"   HALIFAX (AP) -- Crews returned.\r\n\x03"
    )
    assert "HALIFAX (AP)" in decode_payload(anpa)


@pytest.mark.parametrize("name", ["anpa_1312_flash.txt", "anpa_1312_writethru.txt",
                                  "iptc_7901_update.txt"])
def test_teletype_fixtures_keep_their_framing_codes(name: str) -> None:
    text = decode_payload((FIXTURES / name).read_bytes())
    assert "\x01" in text and "\x02" in text and "\x03" in text


def test_short_flash_with_many_framing_codes_is_not_binary() -> None:
    payload = (b"\x16\x16\x01f0001\x1fab\nf a\x13\x11 QUAKE 11-12 0004\n"
               b"\x02QUAKE\n\tQuake.\n\x03\x04")
    assert decode_payload(payload).startswith("\x16\x16\x01")


def test_cp1252_teletype_copy_keeps_accents_and_codes() -> None:
    payload = "\x01afp0001 3 ACE 20\r\n\x02Caf\u00e9 reopens\r\n\x03".encode("cp1252")
    assert decode_payload(payload) == "\x01afp0001 3 ACE 20\r\n\x02Caf\u00e9 reopens\r\n\x03"


def test_utf8_encoded_surrogate_pairs_are_joined() -> None:
    cesu = "Port \ud83d\udea2 reopens".encode("utf-8", "surrogatepass")
    assert decode_payload(cesu) == "Port \U0001f6a2 reopens"


@pytest.mark.parametrize("lone", ["\ud800", "\udfff", "\ude00\ud83d"])
def test_lone_surrogates_raise_decode_error(lone: str) -> None:
    payload = f"Harbour news {lone} in the text".encode("utf-8", "surrogatepass")
    with pytest.raises(DecodeError, match="lone surrogate"):
        decode_payload(payload)


def test_utf16_with_lone_surrogate_raises_decode_error() -> None:
    payload = codecs.BOM_UTF16_LE + "Harbour \ud800 news".encode("utf-16-le", "surrogatepass")
    with pytest.raises(DecodeError):
        decode_payload(payload)
