"""The ledger finds items that landed nowhere or in more than one kind of place."""

from __future__ import annotations

import orjson

from streams.accounting import Ledger, Record


def rec(topic: str, tid: str, value: dict[str, object] | None = None) -> Record:
    body = orjson.dumps(value or {})
    return Record(topic, 0, 0, b"k", body, {"trace-id": tid.encode()})


def test_every_item_in_one_place_is_accounted_for() -> None:
    ledger = Ledger()
    ledger.add_route("politics", [rec("o", "a", {"dedup": {"verdict": "new"}})])
    ledger.add_route("world", [rec("o", "a", {"dedup": {"verdict": "new"}})])
    ledger.duplicates.append(rec("d", "b"))
    ledger.dead_letters.append(rec("q", "c"))
    assert ledger.missing(["a", "b", "c"]) == set()
    assert ledger.in_several_places() == set()
    assert ledger.verdicts() == {"new": 1, "duplicate": 1}


def test_missing_and_doubly_placed_items_are_reported() -> None:
    ledger = Ledger()
    ledger.add_route("politics", [rec("o", "a")])
    ledger.duplicates.append(rec("d", "a"))
    assert ledger.missing(["a", "z"]) == {"z"}
    assert ledger.in_several_places() == {"a"}
