"""Where every ingested item ended up, read back from the output side of the pipeline.

The pipeline promises that each raw item lands in exactly one place: one or more output routes,
``wire.duplicates`` or ``wire.dlq``. Items are matched by the ``trace-id`` header (the raw
item's id) that every stage carries forward. Pure: it works on records already read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import orjson

from streams.headers import TRACE_ID_H


@dataclass(frozen=True, slots=True)
class Record:
    """One Kafka message as read back, headers as a dict."""

    topic: str
    partition: int
    offset: int
    key: bytes | None
    value: bytes | None
    headers: dict[str, bytes]


def trace_id(record: Record) -> str | None:
    raw = record.headers.get(TRACE_ID_H)
    return raw.decode("utf-8", "replace") if raw else None


@dataclass
class Ledger:
    """Records from every output topic, grouped by where they landed."""

    routes: dict[str, list[Record]] = field(default_factory=lambda: defaultdict(list))
    duplicates: list[Record] = field(default_factory=list)
    dead_letters: list[Record] = field(default_factory=list)

    def add_route(self, route: str, records: Iterable[Record]) -> None:
        self.routes[route].extend(records)

    def places_of(self) -> dict[str, set[str]]:
        """trace id -> the kinds of place it reached ("routes", "duplicates", "dlq")."""
        places: dict[str, set[str]] = defaultdict(set)
        for records in self.routes.values():
            for r in records:
                if (tid := trace_id(r)) is not None:
                    places[tid].add("routes")
        for r in self.duplicates:
            if (tid := trace_id(r)) is not None:
                places[tid].add("duplicates")
        for r in self.dead_letters:
            if (tid := trace_id(r)) is not None:
                places[tid].add("dlq")
        return places

    def missing(self, ingested: Iterable[str]) -> set[str]:
        places = self.places_of()
        return {i for i in ingested if i not in places}

    def in_several_places(self) -> set[str]:
        return {tid for tid, kinds in self.places_of().items() if len(kinds) > 1}

    def verdicts(self) -> Counter[str]:
        """Dedup verdicts of the distinct items that reached a route, plus the duplicates."""
        seen: dict[str, str] = {}
        for records in self.routes.values():
            for r in records:
                tid = trace_id(r)
                if tid is None or tid in seen or r.value is None:
                    continue
                dedup = orjson.loads(r.value).get("dedup") or {}
                seen[tid] = dedup.get("verdict", "new")
        counts = Counter(seen.values())
        counts["duplicate"] += len({trace_id(r) for r in self.duplicates})
        return counts
