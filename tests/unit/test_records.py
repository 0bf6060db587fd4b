"""The records that travel on the topics round-trip and match their JSON Schemas."""

from __future__ import annotations

import orjson
import pytest

from streams.article import (
    Article,
    DedupInfo,
    DuplicateNotice,
    Entity,
    Provenance,
    RawItem,
    Subject,
)
from streams.dead_letter import DeadLetter
from streams.errors import EnvelopeError, ParseError
from streams.schemas import validator


def make_article() -> Article:
    return Article(
        uri="urn:test:1",
        headline="Ministers meet in Oslo",
        body_text="First paragraph.\n\nSecond paragraph.",
        provenance=Provenance(format="ninjs", received_at="2026-11-29T10:00:00Z", path="a.json"),
        people=[Entity("Ada Lovelace", mentions=2, relevance=0.8)],
        subjects=[Subject("medtop:11000000", "politics", 0.9)],
        dedup=DedupInfo(verdict="new", story="story:abc"),
        versioncreated="2026-11-29T09:00:00Z",
    )


def test_article_round_trips_through_json() -> None:
    article = make_article()
    assert Article.from_json(article.to_json()) == article


def test_article_json_matches_the_article_schema() -> None:
    validator("article").validate(orjson.loads(make_article().to_json()))


def test_article_with_a_local_time_fails_the_schema() -> None:
    obj = orjson.loads(make_article().to_json())
    obj["versioncreated"] = "2026-11-29T09:00:00+01:00"
    assert not validator("article").is_valid(obj)


def test_non_article_json_raises_envelope_error() -> None:
    with pytest.raises(EnvelopeError):
        Article.from_json(b'{"hello": "world"}')
    with pytest.raises(EnvelopeError):
        Article.from_json(b'{"uri": ')


def test_raw_item_keeps_non_utf8_bytes_exactly() -> None:
    payload = "caf\u00e9 \u201cquoted\u201d".encode("cp1252") + b"\x00\xff"
    raw = RawItem(id="x", payload=payload, path="p.txt", received_at="t")
    obj = orjson.loads(raw.to_json())
    assert obj["payload_encoding"] == "base64"
    validator("raw-item").validate(obj)
    assert RawItem.from_json(raw.to_json()).payload == payload


def test_raw_item_with_utf8_payload_is_readable_text() -> None:
    raw = RawItem(id="x", payload="Seoul — talks".encode(), received_at="t")
    obj = orjson.loads(raw.to_json())
    assert obj["payload_encoding"] == "utf-8" and obj["payload"] == "Seoul — talks"


def test_raw_item_envelope_errors_are_typed() -> None:
    bad_base64 = b'{"id":"x","payload":"!!","payload_encoding":"base64"}'
    for bad in (b"not json", b"[1]", b'{"id": "x"}', bad_base64):
        with pytest.raises(EnvelopeError):
            RawItem.from_json(bad)


def test_duplicate_notice_names_the_canonical_item_and_matches_schema() -> None:
    article = make_article()
    article.dedup = DedupInfo("duplicate", "story:abc", of="urn:agency:1", similarity=0.93)
    notice = DuplicateNotice.for_article(article)
    assert notice.canonical == "urn:agency:1"
    validator("duplicate-notice").validate(orjson.loads(notice.to_json()))


def test_dead_letter_keeps_original_bytes_and_says_why() -> None:
    original = b"\x00\x01binary\xff"
    letter = DeadLetter.build(
        "clean", ParseError("bad XML at line 3"), original,
        source_topic="wire.raw", partition=1, offset=42, raw_id="r1", path="x.xml",
    )
    validator("dead-letter").validate(orjson.loads(letter.to_json()))
    assert letter.original_bytes() == original
    headers = letter.headers()
    assert headers["stage"] == b"clean"
    assert headers["error-class"] == b"ParseError"
    assert headers["source-offset"] == b"42"
    assert headers["source-partition"] == b"1"
    assert headers["source-topic"] == b"wire.raw"
    assert "x.xml" in letter.stderr_line() and "parse_error" in letter.stderr_line()


def test_unexpected_exceptions_are_dead_lettered_as_unexpected() -> None:
    letter = DeadLetter.build("tag", ZeroDivisionError("boom"), b"{}")
    assert letter.reason == "unexpected" and letter.error_class == "ZeroDivisionError"
