"""Bad input: every kind fails with its typed error, through parse_raw and through the
in-process pipeline, where it becomes a dead letter with a reason and the run goes on.

Property tests feed arbitrary bytes and mutated fixtures: only WirestreamsError may escape.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.article import RawItem
from streams.errors import (
    DecodeError,
    EmptyItemError,
    MissingFieldError,
    ParseError,
    TooLargeError,
    UnsafeInputError,
    WirestreamsError,
)
from streams.formats.registry import DEFAULT_MAX_BYTES, parse_raw
from streams.pipeline import InProcessPipeline, Stages
from streams.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
MIB = 1_048_576
GOOD_FIXTURES = (
    "ninjs1_item.json", "ninjs2_item.json", "newsml_g2_item.xml", "nitf_doc.xml",
    "nitf_utf16le.xml", "rss_two_items.xml", "atom_feed.xml", "text_cp1252.txt",
    "newsml_12_item.xml", "anpa_1312_writethru.txt", "anpa_1312_flash.txt",
    "iptc_7901_update.txt", "ap_media_item.json",
)


def _fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _deep_json(depth: int) -> bytes:
    return b'{"headline": "h", "body_text": ' + b"[" * depth + b"]" * depth + b"}"


def _deep_xml(depth: int) -> bytes:
    return (b"<nitf><body><body.content>" + b"<p>" * depth + b"x" + b"</p>" * depth
            + b"</body.content></body></nitf>")


# (case id, payload, forced format, error class, reason label, words the message must hold)
BAD: list[tuple[str, bytes, str | None, type[WirestreamsError], str, str]] = [
    ("gzip", b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03\x00\x01binary", None, DecodeError,
     "undecodable", "NUL"),
    ("png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01", None, DecodeError,
     "undecodable", "NUL"),
    ("control-noise", bytes(range(5, 32)) * 20, None, DecodeError, "undecodable", "binary"),
    ("empty", b"", None, EmptyItemError, "empty", "empty"),
    ("whitespace", b" \r\n\t  \n", None, EmptyItemError, "empty", "empty"),
    ("bom-only", b"\xef\xbb\xbf  ", None, EmptyItemError, "empty", "whitespace"),
    ("over-limit", b"x" * (MIB + 1), None, TooLargeError, "too_large", "1048577"),
    ("ten-mib", b"<p>" + b"a" * (10 * MIB) + b"</p>", None, TooLargeError, "too_large",
     "1048576-byte limit"),
    ("billion-laughs", _fixture("xml_billion_laughs.xml"), None, UnsafeInputError,
     "unsafe_xml", "refused"),
    ("external-entity", _fixture("xml_external_entity.xml"), None, UnsafeInputError,
     "unsafe_xml", "refused"),
    ("external-dtd-file", _fixture("xml_external_dtd_file.xml"), None, UnsafeInputError,
     "unsafe_xml", "file:///etc/passwd"),
    ("entities-in-newsml-1.2", b'<!DOCTYPE NewsML [<!ENTITY a "aaaaaaaa">]><NewsML>&a;</NewsML>',
     None, UnsafeInputError, "unsafe_xml", "refused"),
    ("truncated-json", _fixture("ninjs_truncated.json"), None, ParseError, "parse_error",
     "invalid JSON"),
    ("truncated-ap-json", _fixture("ap_media_item.json")[:700], None, ParseError,
     "parse_error", "invalid JSON"),
    ("nan", b'{"uri": "u", "headline": "h", "urgency": NaN}', None, ParseError, "parse_error",
     "invalid JSON"),
    ("infinity", b'{"uri": "u", "headline": "h", "version": -Infinity}', None, ParseError,
     "parse_error", "invalid JSON"),
    ("duplicate-keys", b'{"uri": "u", "headline": "h", "pubstatus": "canceled", '
     b'"pubstatus": "usable"}', None, ParseError, "parse_error", "duplicate key 'pubstatus'"),
    ("duplicate-keys-forced", b'{"uri": "u", "headline": "h", "uri": "v"}', "ninjs",
     ParseError, "parse_error", "duplicate key 'uri'"),
    ("json-10000-deep", _deep_json(10_000), None, ParseError, "parse_error", "depth"),
    ("xml-10000-deep", _deep_xml(10_000), None, ParseError, "parse_error", "depth"),
    ("lone-surrogate-escape", b'{"uri": "u", "headline": "\\ud800 h"}', None, ParseError,
     "parse_error", "surrogate"),
    ("lone-surrogate-bytes", b"Harbour news \xed\xa0\x80 in the text", None, DecodeError,
     "undecodable", "lone surrogate"),
    ("ninjs-missing-fields", b'{"uri": "urn:x", "version": "2", "pubstatus": "usable"}', None,
     MissingFieldError, "missing_field", "neither a headline nor a body"),
    ("ap-missing-fields", b'{"data": {"item": {"altids": {"itemid": "x"}, "version": 1}}}',
     None, MissingFieldError, "missing_field", "neither a headline nor a body"),
    ("newsml-1.2-no-item", b'<NewsML Version="1.2"><NewsEnvelope/></NewsML>', None,
     MissingFieldError, "missing_field", "NewsItem"),
    ("anpa-no-text-block", b"\x16\x16\x01a0001\x1fsel\nr a\x13\x11 slug 11-11 0100\n", None,
     MissingFieldError, "missing_field", "STX"),
    ("iptc-7901-empty-text", b"\x01dpa0001 4 POL 0\r\nSlug\r\n\x02\r\n\x03\x04", None,
     MissingFieldError, "missing_field", "neither a headline nor a body"),
    ("non-news-json", b'{"name": "not news", "count": 3}', None, ParseError, "parse_error",
     "not a ninjs or AP Media item"),
]
IDS = [case[0] for case in BAD]


@pytest.mark.parametrize(("case", "payload", "forced", "error", "reason", "words"), BAD, ids=IDS)
def test_parse_raw_raises_the_typed_error(
    case: str, payload: bytes, forced: str | None, error: type[WirestreamsError], reason: str,
    words: str,
) -> None:
    with pytest.raises(error) as info:
        parse_raw(RawItem(id=case, payload=payload), forced)
    assert info.value.reason == reason
    assert words in str(info.value)


@pytest.fixture(scope="module")
def stages() -> Stages:
    return Stages(Settings())


def test_pipeline_dead_letters_each_bad_item_and_keeps_going(stages: Stages) -> None:
    good = RawItem(id="good", payload=_fixture("nitf_doc.xml"))
    raws = [RawItem(id=case, payload=payload) for case, payload, forced, *_ in BAD if not forced]
    raws.insert(len(raws) // 2, good)
    raws.append(RawItem(id="good-again", payload=_fixture("anpa_1312_flash.txt")))
    outcomes = list(InProcessPipeline(stages, until="clean").run(raws))
    assert [o.raw.id for o in outcomes] == [r.id for r in raws]
    expected = {case: (error, reason) for case, _, forced, error, reason, _ in BAD if not forced}
    for outcome in outcomes:
        if outcome.raw.id.startswith("good"):
            assert outcome.destination == "stopped" and outcome.article is not None
            continue
        letter = outcome.dead_letter
        assert outcome.destination == "dlq" and letter is not None, outcome.raw.id
        error, reason = expected[outcome.raw.id]
        assert (letter.stage, letter.error_class, letter.reason) == (
            "clean", error.__name__, reason)
        assert letter.error  # the message travels with the letter


def test_pipeline_uses_the_configured_size_limit() -> None:
    small = Stages(Settings(max_item_bytes=1024))
    raws = [RawItem(id="big", payload=_fixture("nitf_doc.xml") + b" " * 2048)]
    outcome = next(InProcessPipeline(small, until="clean").run(raws))
    assert outcome.dead_letter is not None
    assert outcome.dead_letter.reason == "too_large"
    assert "1024-byte limit" in outcome.dead_letter.error


def test_default_limit_is_one_mib() -> None:
    assert DEFAULT_MAX_BYTES == Settings().max_item_bytes == MIB


def test_forced_json_format_still_refuses_nan() -> None:
    with pytest.raises(ParseError, match="invalid JSON"):
        parse_raw(RawItem(id="f", payload=b'{"headline": "h", "urgency": NaN}'), "ap-media-json")


# ------------------------------------------------------------------------------ properties

_WIRE_BYTES = st.lists(
    st.sampled_from([b"\x01", b"\x02", b"\x03", b"\x04", b"\x16", b"\x1f", b"\x13", b"\x11",
                     b"^", b"<", b"=", b"\t", b"\r\n", b"\n", b" ", b"a0001", b"r ", b"f a",
                     b"By X", b"11-11 0100", b"AP-WF-11-11-21 0233GMT", b"dpa0001 4 POL 12",
                     b"(AP) _ ", b"Headline", b"1st Ld-Writethru", b"141532 Jun 23"]),
    max_size=30,
).map(b"".join)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_raise_only_typed_errors(payload: bytes) -> None:
    with contextlib.suppress(WirestreamsError):
        parse_raw(RawItem(id="p", payload=payload))


@settings(max_examples=300, deadline=None)
@given(_WIRE_BYTES)
def test_arbitrary_teletype_frames_raise_only_typed_errors(payload: bytes) -> None:
    try:
        article = parse_raw(RawItem(id="w", payload=payload))
    except WirestreamsError:
        return
    assert article.headline or article.body_text
    fields_text = " ".join(filter(None, [article.headline, article.body_text, article.byline]))
    assert not any(ch in fields_text for ch in "\x01\x02\x03\x04\x16\x1f")




@st.composite
def _mutated(draw: st.DrawFn) -> bytes:
    data = _fixture(draw(st.sampled_from(GOOD_FIXTURES)))
    for _ in range(draw(st.integers(1, 4))):
        if not data:
            break
        kind = draw(st.sampled_from(["truncate", "delete", "insert", "flip", "duplicate"]))
        at = draw(st.integers(0, len(data) - 1))
        if kind == "truncate":
            data = data[:at]
        elif kind == "delete":
            data = data[:at] + data[at + draw(st.integers(1, 64)):]
        elif kind == "insert":
            data = data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]
        elif kind == "flip":
            data = data[:at] + bytes([data[at] ^ draw(st.integers(1, 255))]) + data[at + 1:]
        else:
            end = min(len(data), at + draw(st.integers(1, 200)))
            data = data[:end] + data[at:end] + data[end:]
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_mutated_fixtures_raise_only_typed_errors(payload: bytes) -> None:
    try:
        article = parse_raw(RawItem(id="m", payload=payload))
    except WirestreamsError:
        return
    assert article.headline or article.body_text


@pytest.mark.parametrize("name", GOOD_FIXTURES)
def test_every_fixture_survives_a_json_round_trip_of_its_envelope(name: str) -> None:
    raw = RawItem(id=name, payload=_fixture(name), path=name)
    again = RawItem.from_json(raw.to_json())
    assert parse_raw(again).to_dict() == parse_raw(raw).to_dict()
    assert json.loads(parse_raw(raw).to_json())["provenance"]["path"] == name
