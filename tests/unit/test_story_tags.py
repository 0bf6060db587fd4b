"""Copies inherit their story's tags: what the route stage keeps per story and hands on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import orjson

from streams.article import (
    Article,
    DedupInfo,
    DuplicateNotice,
    Entity,
    Provenance,
    Subject,
)
from streams.ingest import read_items
from streams.pipeline import InProcessPipeline, Stages
from streams.schemas import validator
from streams.settings import Settings
from streams.stages.story_tags import (
    StoryTags,
    expired_stories,
    inherit,
    is_copy,
    remember,
    tags_in,
)

SAMPLES = Path(__file__).resolve().parents[2] / "samples"


def tagged(uri: str, verdict: str = "new", pubstatus: str = "usable", place: str = "Seoul",
           of: str | None = None) -> Article:
    return Article(
        uri=uri,
        headline="Envoys meet in Seoul",
        body_text="Talks went on.",
        provenance=Provenance(format="text", received_at="t"),
        pubstatus=pubstatus,  # type: ignore[arg-type]
        people=[Entity("Daniel Kritenbrink", 2, 0.8, None)],
        places=[Entity(place, 3, 0.9, "geonames:1835848")],
        subjects=[Subject("medtop:11000000", "politics", 0.7)],
        dedup=DedupInfo(verdict, "story:1", of=of, similarity=0.9 if of else 0.0,  # type: ignore[arg-type]
                        canonical=of or uri),
    )


def copy_of(uri: str, original: str) -> Article:
    bare = replace(tagged(uri, verdict="duplicate", of=original), people=[], places=[],
                   subjects=[])
    return bare


def test_a_copy_inherits_the_tags_of_the_story_version_routed_before_it() -> None:
    history = remember({"routes": {"world": ["a"]}}, None, tagged("a"), now=100.0)
    copy, source = inherit(copy_of("b", "a"), history)
    assert source == "a"
    assert [p.name for p in copy.places] == ["Seoul"]
    assert copy.places[0].id == "geonames:1835848"
    assert copy.subjects == [Subject("medtop:11000000", "politics", 0.7)]
    assert history["routes"] == {"world": ["a"]}


def test_an_update_replaces_the_tags_copies_inherit() -> None:
    history = remember({}, None, tagged("a"), now=1.0)
    history = remember({}, history, tagged("a2", verdict="update", place="Busan"), now=2.0)
    copy, source = inherit(copy_of("b", "a"), history)
    assert source == "a2" and [p.name for p in copy.places] == ["Busan"]


def test_a_kill_keeps_the_story_tags_its_copies_inherit() -> None:
    history = remember({}, None, tagged("a"), now=1.0)
    kill = replace(tagged("a", verdict="update", pubstatus="canceled"), places=[])
    history = remember({}, history, kill, now=2.0)
    tags = tags_in(history)
    assert tags is not None and [p.name for p in tags.places] == ["Seoul"]


def test_a_copy_of_a_story_without_tags_goes_on_untagged_and_says_so() -> None:
    for history in (None, {"routes": {"world": ["a"]}}, {"tags": "garbage"}):
        copy, source = inherit(copy_of("b", "a"), history)
        assert source is None and copy.places == [] and copy.subjects == []


def test_inherited_tags_are_copies_not_shared_objects() -> None:
    history = remember({}, None, tagged("a"), now=1.0)
    first, _ = inherit(copy_of("b", "a"), history)
    first.places[0].mentions = 99
    second, _ = inherit(copy_of("c", "a"), history)
    assert second.places[0].mentions == 3


def test_story_tags_survive_the_json_round_trip_of_a_changelog() -> None:
    tags = StoryTags.of(tagged("a"))
    assert StoryTags.from_value(orjson.loads(orjson.dumps(tags.to_value()))) == tags


def test_only_stories_last_seen_before_the_window_expire() -> None:
    items = [
        ("old", remember({}, None, tagged("a"), now=100.0)),
        ("fresh", remember({}, None, tagged("b"), now=5000.0)),
        ("legacy", {"routes": {"world": ["c"]}}),
    ]
    assert expired_stories(items, now=5100.0, retention_seconds=3600.0) == ["old"]


def test_a_notice_with_inherited_tags_matches_its_schema() -> None:
    history = remember({}, None, tagged("a"), now=1.0)
    notice = DuplicateNotice.for_article(*inherit(copy_of("b", "a"), history))
    record = orjson.loads(notice.to_json())
    errors = list(validator("duplicate-notice").iter_errors(record))
    assert errors == [] and record["tags_from"] == "a"


def test_in_process_reprints_inherit_the_agency_originals_tags_without_tagging() -> None:
    stages = Stages(Settings())
    names = ["05-ecb-rates-reuters.xml", "11-ecb-rates-capital-markets-daily.xml"]
    through_model: list[str] = []
    real_tag = stages.tag

    def counting_tag(articles: list[Article]) -> list[Article]:
        through_model.extend(a.uri for a in articles)
        return real_tag(articles)

    stages.tag = counting_tag  # type: ignore[method-assign]
    outcomes = list(InProcessPipeline(stages).run(read_items([str(SAMPLES / n) for n in names])))
    original, reprint = (o.article for o in outcomes)
    assert original is not None and reprint is not None
    assert [o.destination for o in outcomes] == ["routes", "duplicates"]
    assert is_copy(reprint) and through_model == [original.uri]
    assert outcomes[1].tags_from == original.uri
    assert reprint.places == original.places and reprint.subjects == original.subjects
    assert reprint.places and reprint.subjects
