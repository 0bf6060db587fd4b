"""The dedup index's stored shapes: JSON-only values that round-trip, and config validation."""

from __future__ import annotations

import orjson
import pytest

from streams.article import DedupInfo
from streams.stages.dedup import DedupConfig
from streams.stages.dedup_state import (
    ArticleRecord,
    KeyValueState,
    MemoryState,
    Seen,
    StoryRecord,
    article_key,
    story_id,
)


def record() -> ArticleRecord:
    uri = "urn:ap:2024:x"
    return ArticleRecord(
        uri=uri,
        story="story:abc",
        version=2,
        body_hash="0123456789abcdef",
        pubstatus="usable",
        source="AP",
        publisher=None,
        versioncreated=1710220200.0,
        seen_at=1.5,
        shingles=200,
        signature="AAAA",
        indexed=True,
        agency=True,
        bands="AAAAAAAA",
        lead="AAAA",
        history=[
            Seen(1, "00", "usable", DedupInfo("new", "story:abc", None, 0.0, uri)),
            Seen(2, "11", "usable", DedupInfo("update", "story:abc", uri, 0.7, "urn:other")),
        ],
    )


def test_article_record_round_trips_through_json() -> None:
    original = record()
    value = orjson.loads(orjson.dumps(original.to_value()))
    assert ArticleRecord.from_value(value) == original


def test_own_uri_and_first_story_are_stored_as_empty_strings() -> None:
    original = record()
    original.story = story_id(original.uri)
    value = original.to_value()
    history = value[-1]
    assert history[1][4] == "" and history[1][6] == "urn:other"
    assert value[1] == ""
    assert ArticleRecord.from_value(orjson.loads(orjson.dumps(value))).story == original.story


def test_unknown_verdict_in_state_is_rejected() -> None:
    value = record().to_value()
    value[-1][0][3] = "maybe"
    with pytest.raises(ValueError):
        ArticleRecord.from_value(value)


def test_story_record_round_trips_through_json() -> None:
    story = StoryRecord("urn:ap:x", True, "AP", 3.0)
    assert StoryRecord.from_value(orjson.loads(orjson.dumps(story.to_value()))) == story


def test_ids_are_stable_and_distinct() -> None:
    assert story_id("urn:a") == story_id("urn:a") != story_id("urn:b")
    assert article_key("urn:a").startswith("a:") and len(article_key("urn:a")) == 18


def test_plain_dict_is_a_key_value_state() -> None:
    state: KeyValueState = MemoryState()
    state["k"] = [1]
    assert state.get("k") == [1]
    assert state.pop("k", None) == [1]
    assert state.get("k") is None


@pytest.mark.parametrize(
    "kwargs",
    [
        {"bands": 0},
        {"band_shingle": 0},
        {"shingle_size": 0},
        {"history": 0},
        {"max_band_entries": 1},
        {"lead_sentences": 0},
    ],
)
def test_config_rejects_impossible_settings(kwargs: dict[str, int]) -> None:
    with pytest.raises(ValueError):
        DedupConfig(**kwargs)
