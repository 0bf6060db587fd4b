"""parse_raw: size limit, decoding, detection or forced format, dispatch; only typed errors."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
from pathlib import Path

import orjson
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.article import RawItem
from streams.errors import (
    DecodeError,
    EmptyItemError,
    ParseError,
    TooLargeError,
    UnknownFormatError,
    UnsafeInputError,
    WirestreamsError,
)
from streams.formats import registry
from streams.formats.detect import FORMATS
from streams.formats.registry import parse_raw

FIXTURES = Path(__file__).parent / "fixtures" / "formats"

def raw_from(name: str, hint: str = "auto") -> RawItem:
    payload = (FIXTURES / name).read_bytes()
    return RawItem(id=RawItem.make_id(payload, name), payload=payload, path=name,
                   format_hint=hint, received_at="2021-11-11T12:00:00Z")


@pytest.mark.parametrize(
    ("name", "fmt", "headline"),
    [
        ("ninjs2_item.json", "ninjs", "Harbour ferry crews end three-day strike after overnight "
         "pay talks"),
        ("ninjs1_item.json", "ninjs", "Regulator orders review of household water rates"),
        ("newsml_g2_item.xml", "newsml-g2", "South Korea's chip exports hit record as overseas "
         "demand holds up"),
        ("nitf_doc.xml", "nitf", "Wildfire forces evacuation of hill villages"),
        ("nitf_utf16le.xml", "nitf", "Wildfire forces evacuation of hill villages"),
        ("rss_two_items.xml", "rss", "Envoys meet in Geneva to revive grain corridor talks"),
        ("atom_feed.xml", "atom", "Copper price climbs to four-month high"),
    ],
)
def test_structured_fixtures_parse_end_to_end(name: str, fmt: str, headline: str) -> None:
    article = parse_raw(raw_from(name))
    assert article.provenance.format == fmt
    assert article.headline == headline
    assert article.provenance.path == name


def test_size_limit_is_checked_before_anything_else() -> None:
    raw = RawItem(id="big", payload=b"\x00" * 2048)
    with pytest.raises(TooLargeError, match="2048") as info:
        parse_raw(raw, max_bytes=1024)
    assert "1024" in str(info.value)


def test_forced_format_skips_detection() -> None:
    raw = raw_from("nitf_doc.xml")
    with pytest.raises(ParseError, match="newsItem"):
        parse_raw(raw, forced_format="newsml-g2")


def test_format_hint_is_used_when_nothing_is_forced() -> None:
    with pytest.raises(ParseError):
        parse_raw(raw_from("nitf_doc.xml", hint="rss"))
    assert parse_raw(raw_from("nitf_doc.xml", hint="NITF")).provenance.format == "nitf"


def test_unknown_forced_format_raises() -> None:
    with pytest.raises(UnknownFormatError, match="anpa-9000"):
        parse_raw(raw_from("nitf_doc.xml"), forced_format="anpa-9000")


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        (b"", EmptyItemError),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03binary", DecodeError),
        (b'{"name": "not news"}', ParseError),
        ((FIXTURES / "ninjs_truncated.json").read_bytes(), ParseError),
        ((FIXTURES / "xml_billion_laughs.xml").read_bytes(), UnsafeInputError),
        ((FIXTURES / "xml_external_entity.xml").read_bytes(), UnsafeInputError),
    ],
)
def test_bad_input_raises_its_typed_error(payload: bytes, error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_raw(RawItem(id="bad", payload=payload))


def test_unexpected_parser_exceptions_become_parse_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str, raw: RawItem) -> None:
        raise KeyError("boom")

    monkeypatch.setattr(registry, "parser_for", lambda fmt: broken)
    with pytest.raises(ParseError, match="nitf parser failed: KeyError"):
        parse_raw(raw_from("nitf_doc.xml"))


def test_text_and_html_dispatch_to_their_parsers() -> None:
    text = parse_raw(raw_from("text_cp1252.txt"))
    assert text.provenance.format == "text"
    assert "licensing rules" in text.body_text
    page = RawItem(id="p", payload=b"<!DOCTYPE html><html><head><title>Tram line extended</title>"
                   b"</head><body><h1>Tram line extended</h1><p>Two stops were added on Thursday "
                   b"to the city's busiest tram line, officials said.</p></body></html>")
    assert parse_raw(page).provenance.format == "html"


_JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(
        st.sampled_from(["uri", "headline", "headlines", "body_text", "body_html", "bodies",
                         "version", "urgency", "pubstatus", "signals", "altids", "value",
                         "role", "contenttype", "versioncreated", "infosources", "name"]),
        inner, max_size=5),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(_JSONISH)
def test_arbitrary_ninjs_shaped_json_raises_only_typed_errors(obj: object) -> None:
    raw = RawItem(id="h", payload=json.dumps(obj).encode(), format_hint="ninjs")
    with contextlib.suppress(WirestreamsError):
        parse_raw(raw)


_XML_PIECES = st.sampled_from([
    "<nitf>", "</nitf>", "<head>", "</head>", "<docdata>", "</docdata>", "<body>", "</body>",
    "<body.head>", "</body.head>", "<hl1>", "</hl1>", "<body.content>", "</body.content>",
    "<p>", "</p>", '<doc-id id-string="x"/>', '<urgency ed-urg="q"/>', "text ", "&amp;", "&lt;",
    "<rss>", "<channel>", "<item>", "<title>", "</title>", "</item>", "<feed>", "<entry>",
    '<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/">', "<contentMeta>", "<headline>",
    "<!-- c -->", "<![CDATA[x]]>", "<!DOCTYPE nitf>",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_XML_PIECES, max_size=25), st.sampled_from(["nitf", "rss", "atom", "newsml-g2"]))
def test_arbitrary_xml_fragments_raise_only_typed_errors(pieces: list[str], fmt: str) -> None:
    raw = RawItem(id="h", payload="".join(pieces).encode() or b"x", format_hint=fmt)
    try:
        article = parse_raw(raw)
    except WirestreamsError:
        return
    assert article.headline or article.body_text


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("newsml_12_item.xml", "newsml-1.2"), ("anpa_1312_writethru.txt", "anpa-1312"),
     ("iptc_7901_update.txt", "iptc-7901"), ("ap_media_item.json", "ap-media-json")],
)
def test_new_formats_are_detected_and_can_be_forced(name: str, fmt: str) -> None:
    assert parse_raw(raw_from(name)).provenance.format == fmt
    assert parse_raw(raw_from(name), forced_format=fmt).provenance.format == fmt


@pytest.mark.parametrize(
    ("alias", "fmt"),
    [("NewsML1", "newsml-1.2"), ("anpa", "anpa-1312"), ("IPTC7901", "iptc-7901"),
     ("ap-media", "ap-media-json")],
)
def test_format_aliases(alias: str, fmt: str) -> None:
    assert registry.format_name(alias) == fmt


def test_every_format_has_a_parser() -> None:
    assert set(registry.PARSERS) == set(FORMATS)
    for fmt in FORMATS:
        assert callable(registry.parser_for(fmt))


def test_cli_format_flag_takes_the_new_names() -> None:
    repo = Path(__file__).resolve().parents[2]
    for name, fmt in [("anpa_1312_flash.txt", "anpa-1312"), ("ap_media_item.json",
                                                             "ap-media-json")]:
        done = subprocess.run(
            [sys.executable, "-m", "streams.cli", "process", "--until", "clean", "--format",
             fmt, str(FIXTURES / name)],
            capture_output=True, timeout=300, cwd=repo,
        )
        assert done.returncode == 0, done.stderr.decode()
        assert orjson.loads(done.stdout)["provenance"]["format"] == fmt
