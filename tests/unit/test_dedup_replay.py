"""Dedup is crash-consistent under at-least-once delivery.

A worker killed mid-message leaves its dedup table (a changelog-backed Faust table) holding
a *prefix* of that message's writes, and then re-reads the message from its last committed
offset. Whatever the prefix, the replay must give every message the verdict the
uninterrupted run gave, and leave the same index behind; otherwise a kill turns into a
message routed twice or a story split in two (the fault harness's "conflicting").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

from streams.article import Article, DedupInfo
from streams.pipeline import Stages
from streams.settings import Settings
from streams.stages.dedup import DedupConfig, Deduplicator
from streams.wiremix import wire_mix

START = 1_790_000_000.0
Write = tuple[str, Any]


class RecordingState(dict[str, Any]):
    """A dict that logs writes in order, as a Faust table sends them to its changelog."""

    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.log: list[Write] = []

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, value)
        self.log.append((key, value))

    def __delitem__(self, key: str) -> None:
        super().__delitem__(key)
        self.log.append((key, None))

    def pop(self, key: str, default: Any = None) -> Any:
        if key in self:
            value = super().pop(key)
            self.log.append((key, None))
            return value
        return default


def snapshot(state: dict[str, Any]) -> dict[str, Any]:
    copied: dict[str, Any] = json.loads(json.dumps(state))
    return copied


def apply(state: dict[str, Any], writes: list[Write]) -> None:
    for key, value in writes:
        if value is None:
            state.pop(key, None)
        else:
            state[key] = json.loads(json.dumps(value))


@dataclass
class Run:
    articles: list[Article]
    verdicts: list[DedupInfo]
    writes: list[list[Write]]  # per article, in order
    after: list[dict[str, Any]]  # the state after each article


@pytest.fixture(scope="module")
def run() -> Run:
    stages = Stages(Settings())
    articles: list[Article] = []
    for item in wire_mix(70, seed=11):
        try:
            articles.append(stages.clean(item.raw))
        except Exception:
            continue  # malformed items never reach dedup
    state = RecordingState()
    dedup = Deduplicator(state, DedupConfig())
    verdicts, writes, after = [], [], []
    for n, article in enumerate(articles):
        mark = len(state.log)
        info = dedup.check(article, START + n).dedup
        assert info is not None
        verdicts.append(info)
        writes.append(state.log[mark:])
        after.append(snapshot(state))
    return Run(articles, verdicts, writes, after)


def test_the_mix_exercises_every_verdict(run: Run) -> None:
    assert {v.verdict for v in run.verdicts} == {"new", "duplicate", "update"}


@pytest.mark.parametrize("where", ["none", "first", "middle", "last"])
def test_a_replay_after_a_crash_between_any_two_writes_gives_the_same_verdicts_and_index(
    run: Run, where: str
) -> None:
    failures: list[str] = []
    for i, writes in enumerate(run.writes):
        if not writes:
            continue
        k = {"none": 0, "first": 1, "middle": len(writes) // 2, "last": len(writes) - 1}[where]
        state = snapshot(run.after[i - 1]) if i else {}
        apply(state, writes[:k])  # the kill lost the rest of this message's writes
        dedup = Deduplicator(state, DedupConfig())
        start, stop = max(0, i - 1), min(len(run.articles), i + 3)  # committed before i - 1
        for j in range(start, stop):
            info = dedup.check(run.articles[j], START + j).dedup
            if info != run.verdicts[j]:
                failures.append(f"crash in item {i} after {k}/{len(writes)} writes: item {j} "
                                f"got {info} instead of {run.verdicts[j]}")  # fmt: skip
        if snapshot(state) != run.after[stop - 1]:
            diff = {key for key in set(state) | set(run.after[stop - 1])
                    if snapshot(state).get(key) != run.after[stop - 1].get(key)}  # fmt: skip
            failures.append(f"crash in item {i} after {k}/{len(writes)} writes: index differs "
                            f"at {sorted(diff)[:4]}")  # fmt: skip
    assert not failures, "\n".join(failures[:10])
