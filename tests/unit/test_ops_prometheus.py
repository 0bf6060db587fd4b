"""Prometheus config and alert rules: promtool accepts them and the alerts fire when they should."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

PROMETHEUS = Path(__file__).resolve().parents[2] / "deploy" / "prometheus"


def promtool(*args: str) -> subprocess.CompletedProcess[bytes]:
    tool = shutil.which("promtool")
    if tool is None:
        pytest.fail("promtool is missing: run deploy/install-tools.sh (make tools)")
    return subprocess.run([tool, *args], cwd=PROMETHEUS, capture_output=True, timeout=60)


def test_promtool_accepts_the_alert_rules() -> None:
    done = promtool("check", "rules", "alerts.yml")
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()


def test_alert_rules_pass_their_promtool_unit_tests() -> None:
    done = promtool("test", "rules", "alerts.test.yml")
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()


@pytest.mark.parametrize("config", ["prometheus.yml", "prometheus.compose.yml"])
def test_promtool_accepts_the_scrape_config_and_its_rule_files(config: str) -> None:
    done = promtool("check", "config", config)
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    assert "alerts.yml" in yaml.safe_load((PROMETHEUS / config).read_text())["rule_files"]


def test_the_alerts_ops_asked_for_exist_and_each_has_a_unit_test() -> None:
    rules = yaml.safe_load((PROMETHEUS / "alerts.yml").read_text())
    alerts = {r["alert"]: r["expr"] for g in rules["groups"] for r in g["rules"]}
    wanted = {
        "WirestreamsWorkerDown": "up",
        "WirestreamsConsumerLagGrowing": "wirestreams_consumer_lag",
        "WirestreamsDeadLetterRate": "wirestreams_dead_letters_total",
        "WirestreamsFeedSilent": "wirestreams_feed_last_item_age_seconds",
        "WirestreamsEndToEndLatencyHigh": "wirestreams_end_to_end_latency_seconds_bucket",
    }
    for name, metric in wanted.items():
        assert metric in alerts[name], name
    tests = yaml.safe_load((PROMETHEUS / "alerts.test.yml").read_text())["tests"]
    firing = {
        case["alertname"]
        for t in tests for case in t["alert_rule_test"] if case["exp_alerts"]
    }
    assert firing == set(alerts), "every alert needs a test in which it fires"


def test_a_broken_rule_file_is_rejected(tmp_path: Path) -> None:
    """The checks above can fail: promtool rejects a rule with a bad expression."""
    bad = tmp_path / "bad.yml"
    bad.write_text("groups:\n- name: x\n  rules:\n  - alert: X\n    expr: sum(rate(x[5m])\n")
    done = promtool("check", "rules", str(bad))
    assert done.returncode != 0
