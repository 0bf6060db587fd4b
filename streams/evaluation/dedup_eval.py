"""Dedup quality on the labelled syndication set (tests/evaldata/dedup/syndication.jsonl).

The set is generated for the project (``generate.py`` there, fixed seed): ~200 stories in
families on one subject, with reprints, write-thrus, corrections, kills and hard negatives.
Items run in arrival order through one ``Deduplicator`` over a dict state, separately for the
two halves: stories with an even number (the half the thresholds were tuned on) and with an odd
number (held out). Reported per half:

- pairwise precision / recall / F1 of "same story" (pairs of items, predicted story id vs gold);
- adjusted Rand index of the predicted story clusters against the gold ones;
- update-versus-duplicate accuracy over items whose gold verdict is update or duplicate;
- verdict accuracy over all items, and hard-negative pairs merged (distinct stories of one
  family put in one cluster);
- kill reach: kills whose story id is the predicted story of their gold story's first item.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from streams.article import Article
from streams.evaluation.table import Row, ratio
from streams.stages.dedup import DedupConfig, Deduplicator

STAGE = "dedup"
DATA = Path(__file__).resolve().parents[2] / "tests" / "evaldata" / "dedup" / "syndication.jsonl"


@dataclass(frozen=True, slots=True)
class Outcome:
    story: str
    family: str
    role: str
    expect: str
    verdict: str
    predicted: str


def load(path: Path = DATA) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def run_items(items: Iterable[dict[str, Any]], config: DedupConfig | None = None) -> list[Outcome]:
    dedup = Deduplicator({}, config)
    out: list[Outcome] = []
    for item in items:
        checked = dedup.check(Article.from_dict(item["article"]), float(item["now"]))
        info = checked.dedup
        assert info is not None
        out.append(Outcome(item["story"], item["family"], item["role"], item["expect"],
                           info.verdict, info.story))  # fmt: skip
    return out


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


def pair_counts(gold: list[str], predicted: list[str]) -> tuple[int, int, int, int]:
    """(pairs together in both, together in predicted, together in gold, all pairs)."""
    both = sum(_pairs(c) for c in Counter(zip(gold, predicted, strict=True)).values())
    pred = sum(_pairs(c) for c in Counter(predicted).values())
    true = sum(_pairs(c) for c in Counter(gold).values())
    return both, pred, true, _pairs(len(gold))


def adjusted_rand_index(gold: list[str], predicted: list[str]) -> float:
    """Hubert and Arabie's ARI from the contingency table: (index - expected) / (max - expected)."""
    both, pred, true, total = pair_counts(gold, predicted)
    if total == 0:
        return 1.0
    expected = pred * true / total
    maximum = (pred + true) / 2
    if maximum == expected:
        return 1.0
    return (both - expected) / (maximum - expected)


def merged_hard_negatives(outcomes: list[Outcome]) -> tuple[int, int]:
    """(distinct same-family story pairs that share a predicted story, all such pairs)."""
    clusters: dict[str, set[str]] = {}
    families: dict[str, set[str]] = {}
    for o in outcomes:
        clusters.setdefault(o.story, set()).add(o.predicted)
        families.setdefault(o.family, set()).add(o.story)
    merged = total = 0
    for members in families.values():
        ordered = sorted(members)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                total += 1
                merged += bool(clusters[a] & clusters[b])
    return merged, total


def measure(outcomes: list[Outcome], half: str) -> list[Row]:
    gold = [o.story for o in outcomes]
    predicted = [o.predicted for o in outcomes]
    both, pred, true, _ = pair_counts(gold, predicted)
    precision, recall = ratio(both, pred), ratio(both, true)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    versions = [o for o in outcomes if o.expect in ("update", "duplicate")]
    version_hits = sum(1 for o in versions if o.verdict == o.expect)
    verdict_hits = sum(1 for o in outcomes if o.verdict == o.expect)
    first: dict[str, str] = {}
    for o in outcomes:
        first.setdefault(o.story, o.predicted)
    kills = [o for o in outcomes if o.role == "kill"]
    reached = sum(1 for o in kills if o.predicted == first[o.story])
    merged, negatives = merged_hard_negatives(outcomes)
    n = len(outcomes)
    stories = len(set(gold))
    return [
        Row(STAGE, f"pairwise precision, same story [{half}]", precision, n, f"{stories} stories"),
        Row(STAGE, f"pairwise recall, same story [{half}]", recall, n),
        Row(STAGE, f"pairwise F1, same story [{half}]", f1, n, "target >= 0.97"),
        Row(STAGE, f"adjusted Rand index of stories [{half}]", adjusted_rand_index(gold, predicted),
            n),
        Row(STAGE, f"update vs duplicate accuracy [{half}]", ratio(version_hits, len(versions)),
            len(versions), "target >= 0.95"),
        Row(STAGE, f"verdict accuracy new/dup/update [{half}]", ratio(verdict_hits, n), n),
        Row(STAGE, f"hard-negative story pairs merged [{half}]", ratio(merged, negatives),
            negatives, "lower is better"),
        Row(STAGE, f"kills reaching their story [{half}]", ratio(reached, len(kills)), len(kills)),
    ]  # fmt: skip


def run(path: Path = DATA, config: DedupConfig | None = None) -> list[Row]:
    items = load(path)
    rows: list[Row] = []
    for half, parity in (("tuned: even families", 0), ("held out: odd families", 1)):
        subset = [i for i in items if int(i["family"].lstrip("F")) % 2 == parity]
        rows += measure(run_items(subset, config), half)
    return rows


def errors(path: Path = DATA, config: DedupConfig | None = None) -> list[tuple[Any, ...]]:
    """Misjudged items of the whole set (for tuning by hand): seq, story, role, want, got."""
    items = load(path)
    outcomes = run_items(items, config)
    first: dict[str, str] = {}
    owner: dict[str, str] = {}
    for o in outcomes:
        first.setdefault(o.story, o.predicted)
        owner.setdefault(o.predicted, o.story)
    return [
        (item["seq"], o.story, o.role, o.expect, o.verdict, owner.get(o.predicted), item["ops"])
        for item, o in zip(items, outcomes, strict=True)
        if o.verdict != o.expect or o.predicted != first[o.story]
    ]


if __name__ == "__main__":
    from streams.evaluation.table import render

    print(render(run()))
