"""``wirestreams process``: the whole pipeline in process, articles out, dead letters on stderr."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson
import pytest
import yaml

from streams.schemas import validator

REPO = Path(__file__).resolve().parents[2]
SAMPLES = REPO / "samples"


def run_process(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "streams.cli", "process", *args],
        input=stdin, capture_output=True, timeout=300, cwd=REPO,
    )


@pytest.fixture(scope="module")
def sample_run() -> subprocess.CompletedProcess[bytes]:
    return run_process(str(SAMPLES))


def test_process_writes_one_valid_article_per_good_item(
    sample_run: subprocess.CompletedProcess[bytes],
) -> None:
    assert sample_run.returncode == 0
    expected = yaml.safe_load((SAMPLES / "EXPECTED.yaml").read_text())["items"]
    good = [e for e in expected if e["outcome"] != "dlq"]
    lines = sample_run.stdout.splitlines()
    assert len(lines) == len(good)
    v = validator("article")
    for line in lines:
        v.validate(orjson.loads(line))
    names = [Path(orjson.loads(line)["provenance"]["path"]).name for line in lines]
    assert names == [e["file"] for e in good], "output keeps input order"


def test_process_reports_each_bad_item_on_stderr_with_file_and_reason(
    sample_run: subprocess.CompletedProcess[bytes],
) -> None:
    expected = yaml.safe_load((SAMPLES / "EXPECTED.yaml").read_text())["items"]
    errors = [ln for ln in sample_run.stderr.decode().splitlines() if ln.startswith("dead-letter")]
    bad = [e["file"] for e in expected if e["outcome"] == "dlq"]
    assert len(errors) == len(bad)
    for name in bad:
        assert any(name in line and "reason=" in line for line in errors), name


def test_process_routes_new_items_and_marks_duplicates(
    sample_run: subprocess.CompletedProcess[bytes],
) -> None:
    articles = [orjson.loads(line) for line in sample_run.stdout.splitlines()]
    verdicts = {a["dedup"]["verdict"] for a in articles}
    assert {"new", "duplicate", "update"} <= verdicts
    for a in articles:
        if a["dedup"]["verdict"] == "duplicate":
            assert a["routes"] == []
        else:
            assert a["routes"], a["headline"]


def test_process_until_clean_stops_before_dedup_and_reads_stdin() -> None:
    payload = (SAMPLES / "03-seoul-envoys-talks-ap.xml").read_bytes()
    done = run_process("--until", "clean", stdin=payload)
    assert done.returncode == 0
    article = orjson.loads(done.stdout)
    assert article["dedup"] is None and article["routes"] == [] and article["people"] == []
    assert article["provenance"]["format"] == "newsml-g2"


def test_process_forced_format_overrides_detection() -> None:
    payload = (SAMPLES / "03-seoul-envoys-talks-ap.xml").read_bytes()
    done = run_process("--until", "clean", "--format", "text", stdin=payload)
    assert done.returncode == 0
    assert orjson.loads(done.stdout)["provenance"]["format"] == "text"


def test_process_misuse_exits_non_zero() -> None:
    assert run_process("--until", "nowhere").returncode == 2
