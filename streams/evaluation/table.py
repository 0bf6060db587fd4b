"""The evaluation table: rows of (stage, measure, value, n), printed aligned."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Row:
    stage: str
    measure: str
    value: float
    n: int
    note: str = ""


def ratio(hits: int, total: int) -> float:
    return hits / total if total else 0.0


@dataclass(slots=True)
class Counts:
    """True positives, false positives and false negatives, summed over items."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return ratio(self.tp, self.tp + self.fp)

    @property
    def recall(self) -> float:
        return ratio(self.tp, self.tp + self.fn)

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def render(rows: Iterable[Row]) -> str:
    rows = list(rows)
    head = ("stage", "measure", "value", "n", "note")
    cells = [(r.stage, r.measure, f"{r.value:.3f}", str(r.n), r.note) for r in rows]
    widths = [max(len(c[i]) for c in [head, *cells]) for i in range(len(head))]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(h.ljust(w) for h, w in zip(head, widths, strict=True)), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)) for cell in cells]
    return "\n".join(out)
