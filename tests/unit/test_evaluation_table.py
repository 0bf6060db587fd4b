"""``make eval`` runs every stage's evaluation and prints one table per stage."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from streams.evaluation.table import Row, render

REPO = Path(__file__).resolve().parents[2]


def test_render_aligns_rows_under_the_header() -> None:
    text = render([Row("dedup", "pairwise F1", 0.98765, 10, "target >= 0.97")])
    header, rule, row = text.splitlines()
    assert header.split() == ["stage", "measure", "value", "n", "note"]
    assert "0.988" in row and row.index("0.988") == header.index("value")
    assert set(rule.replace(" ", "")) == {"-"}


def test_make_eval_prints_every_section_with_figures() -> None:
    done = subprocess.run([sys.executable, "-m", "streams.evaluation"], cwd=REPO,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    for section in ("sample feed", "cleaning", "dedup", "tagging"):
        assert f"== {section}" in done.stdout
    for measure in ("html F1", "pairwise F1", "entity F1", "items in the right place"):
        assert measure in done.stdout
