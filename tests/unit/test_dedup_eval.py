"""The dedup evaluation's measures and its labelled set."""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

from streams.evaluation.dedup_eval import (
    DATA,
    adjusted_rand_index,
    load,
    merged_hard_negatives,
    pair_counts,
    run_items,
)


def test_pair_counts_of_a_small_clustering() -> None:
    gold = ["a", "a", "a", "b", "b", "b"]
    predicted = ["x", "x", "y", "y", "z", "z"]
    assert pair_counts(gold, predicted) == (2, 3, 6, 15)


def test_adjusted_rand_index_matches_the_textbook_value() -> None:
    gold = ["a", "a", "a", "b", "b", "b"]
    predicted = ["x", "x", "y", "y", "z", "z"]
    assert adjusted_rand_index(gold, predicted) == pytest.approx(0.8 / 3.3)


def test_adjusted_rand_index_is_one_for_the_same_partition_under_other_names() -> None:
    assert adjusted_rand_index(["a", "a", "b", "c"], ["q", "q", "r", "s"]) == 1.0


def test_adjusted_rand_index_is_near_zero_for_an_unrelated_partition() -> None:
    gold = [str(i % 2) for i in range(200)]
    predicted = [str(i // 100) for i in range(200)]
    assert abs(adjusted_rand_index(gold, predicted)) < 0.02


def test_the_set_has_over_200_stories_with_every_kind_of_item() -> None:
    items = load()
    assert len({i["story"] for i in items}) >= 200
    roles = Counter(i["role"].split("-")[0] for i in items)
    assert {"original", "reprint", "writethru", "correction", "kill", "resend"} <= set(roles)
    families = Counter(i["family"] for i in items if i["role"] == "original")
    assert sum(1 for n in families.values() if n >= 2) >= 90  # hard negatives
    for story in {i["story"] for i in items}:
        first = min((i for i in items if i["story"] == story), key=lambda i: i["seq"])
        assert first["expect"] == "new"


def test_the_generator_reproduces_the_committed_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = DATA.parent / "generate.py"
    monkeypatch.syspath_prepend(str(DATA.parent))
    spec = importlib.util.spec_from_file_location("dedup_generate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "dedup_generate", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    monkeypatch.setattr(module, "OUT", tmp_path / "out.jsonl")
    module.main()
    fresh = hashlib.sha256((tmp_path / "out.jsonl").read_bytes()).hexdigest()
    assert fresh == hashlib.sha256(DATA.read_bytes()).hexdigest()


def test_no_hard_negative_is_merged_and_kills_reach_their_story() -> None:
    items = [i for i in load() if int(i["family"].lstrip("F")) < 20]
    outcomes = run_items(items)
    merged, total = merged_hard_negatives(outcomes)
    assert total > 20 and merged == 0
    first: dict[str, str] = {}
    for o in outcomes:
        first.setdefault(o.story, o.predicted)
    assert all(o.predicted == first[o.story] for o in outcomes if o.role == "kill")
