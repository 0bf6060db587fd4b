"""Incremental retention: a sweep reads the expiry buckets of expired hours, not the table."""

from __future__ import annotations

from typing import Any

from streams.article import Article, Provenance
from streams.stages.dedup import DedupConfig, Deduplicator
from streams.stages.dedup_state import HOURS_KEY, uri_id

HOUR = 3600.0
T0 = 1_790_000_000.0 - (1_790_000_000.0 % HOUR)  # on an hour boundary
SENTENCE = (
    "harbor officials said container traffic fell again this month as shipping lines "
    "rerouted vessels and insurers raised premiums for ships calling at ports in the "
    "region while dockworkers staged a brief strike over overtime pay"
)
WORDS = SENTENCE.split()


class RecordingState(dict[str, Any]):
    """A dict state that records which keys were read and refuses full scans."""

    def __init__(self) -> None:
        super().__init__()
        self.read: list[str] = []

    def get(self, key: str, default: Any = None, /) -> Any:
        self.read.append(key)
        return super().get(key, default)

    def items(self) -> Any:
        raise AssertionError("expire must not scan the whole table")


def story(n: int) -> Article:
    """A distinct long story per n (word order rotated and numbered)."""
    shift = n % len(WORDS)
    words = WORDS[shift:] + WORDS[:shift]
    text = " ".join(f"{w} {n}{i}" for i, w in enumerate(words * 3)) + "."
    return Article(
        uri=f"urn:publicid:apnews.com:test:{n}", headline="h", body_text=text,
        provenance=Provenance(format="ninjs", received_at=""), source="AP",
    )  # fmt: skip


def test_sweep_reads_only_expired_buckets_and_their_members() -> None:
    state = RecordingState()
    dedup = Deduplicator(state, DedupConfig(retention_seconds=10 * HOUR))
    for n in range(30):  # one story per hour for 30 hours
        dedup.check(story(n), T0 + n * HOUR + 60)
    state.read.clear()
    dropped = dedup.expire(T0 + 15 * HOUR + 30)  # cutoff inside hour 5, before story 5
    assert dropped == 5
    read_records = {k for k in state.read if k.startswith("a:")}
    assert read_records == {"a:" + uri_id(story(n).uri) for n in range(6)}
    hours = {int(k.split(":")[1]) for k in state.read if k.startswith("e:") and k != HOURS_KEY}
    assert hours == set(range(int(T0 // HOUR), int(T0 // HOUR) + 6))
    assert not any(k.startswith("a:" + uri_id(story(n).uri)) for n in range(6, 30)
                   for k in state.read)  # fmt: skip


def test_expired_story_is_forgotten_with_its_bands_and_hash() -> None:
    state: dict[str, Any] = {}
    dedup = Deduplicator(state, DedupConfig(retention_seconds=HOUR))
    dedup.check(story(1), T0)
    assert dedup.expire(T0 + 2 * HOUR) == 1
    assert state == {}
    again = dedup.check(Article.from_dict({**story(1).to_dict(), "uri": "urn:other"}), T0)
    assert again.dedup is not None and again.dedup.verdict == "new"


def test_a_record_refreshed_later_survives_the_sweep_of_its_first_hour() -> None:
    state: dict[str, Any] = {}
    dedup = Deduplicator(state, DedupConfig(retention_seconds=2 * HOUR))
    first = story(1)
    dedup.check(first, T0)
    update = Article.from_dict({**first.to_dict(), "version": 2,
                                "body_text": first.body_text + " More."})  # fmt: skip
    dedup.check(update, T0 + 3 * HOUR)  # same uri, seen again three hours later
    assert dedup.expire(T0 + 4 * HOUR) == 0
    copy = Article.from_dict({**update.to_dict(), "uri": "https://pub.example/x",
                              "publisher": "Pub"})  # fmt: skip
    info = dedup.check(copy, T0 + 4 * HOUR).dedup
    assert info is not None and info.verdict == "duplicate"
    assert dedup.expire(T0 + 10 * HOUR) == 2
    assert state == {}


def test_sweeps_are_incremental_and_idempotent() -> None:
    state: dict[str, Any] = {}
    dedup = Deduplicator(state, DedupConfig(retention_seconds=HOUR))
    for n in range(6):
        dedup.check(story(n), T0 + n * HOUR)
    counts = [dedup.expire(T0 + (n + 1) * HOUR + 1) for n in range(6)]
    assert counts == [1, 1, 1, 1, 1, 1]
    assert dedup.expire(T0 + 100 * HOUR) == 0
    assert state == {}


def test_story_records_expire_too() -> None:
    state: dict[str, Any] = {}
    dedup = Deduplicator(state, DedupConfig(retention_seconds=HOUR))
    early = Article.from_dict({**story(3).to_dict(), "uri": "https://pub.example/s3",
                               "publisher": "Pub"})  # fmt: skip
    dedup.check(early, T0)
    info = dedup.check(story(3), T0 + 60).dedup  # the agency original takes over: s: record
    assert info is not None and info.verdict == "update"
    assert any(k.startswith("s:") for k in state)
    dedup.expire(T0 + 5 * HOUR)
    assert state == {}
