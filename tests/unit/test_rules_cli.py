"""``wirestreams rules check|explain``: validation errors name the rule; explain says why."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import orjson

from streams.article import Article, Entity, Provenance, Subject

REPO = Path(__file__).resolve().parents[2]
DEFAULT_RULES = REPO / "streams" / "data" / "rules" / "default.yaml"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "streams.cli", "rules", *args],
                          capture_output=True, text=True, timeout=120, cwd=REPO)


def test_check_accepts_the_default_rules_and_lists_routes() -> None:
    done = cli("check", str(DEFAULT_RULES))
    assert done.returncode == 0
    for route in ("breaking", "world", "world-asia", "politics", "business", "sports", "unrouted"):
        assert route in done.stdout


def test_check_names_the_bad_rule_and_its_problem(tmp_path: Path) -> None:
    bad = tmp_path / "rules.yaml"
    bad.write_text(
        "version: '1'\nrules:\n"
        "  - {name: ok, when: {field: urgency, op: lte, value: 2}, routes: [breaking]}\n"
        "  - {name: typo, when: {field: urgency, op: around, value: 2}, routes: [x]}\n"
    )
    done = cli("check", str(bad))
    assert done.returncode == 1
    assert "rules[1] ('typo')" in done.stderr and "around" in done.stderr


def test_explain_prints_each_rule_with_its_reason(tmp_path: Path) -> None:
    article = Article(
        uri="u", headline="Envoys meet in Seoul", body_text="Talks resumed.",
        provenance=Provenance(format="text", received_at="t"), urgency=3,
        places=[Entity("Seoul")], subjects=[Subject("medtop:11000000", "politics")],
    )
    path = tmp_path / "a.json"
    path.write_bytes(orjson.dumps(article.to_dict()))
    done = cli("explain", str(DEFAULT_RULES), str(path))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert any(ln.startswith("MATCH") and " asia " in f" {ln} " for ln in lines)
    assert any(ln.startswith("no") and "breaking" in ln and "urgency" in ln for ln in lines)
    assert lines[-1] == "routes: world, world-asia, politics"
