"""The worker's metrics: one registry, the names dashboards use, valid exposition format."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from streams.metrics import Metrics


def exercised() -> Metrics:
    m = Metrics()
    m.messages_in.labels(stage="clean").inc()
    m.messages_out.labels(stage="clean", outcome="ok").inc()
    m.dead_letters.labels(stage="clean", reason="parse_error").inc()
    m.stage_latency.labels(stage="clean").observe(0.002)
    m.end_to_end_latency.labels(route="politics").observe(0.4)
    m.dedup_verdicts.labels(verdict="duplicate").inc()
    m.routed.labels(route="politics").inc()
    return m


def test_two_metrics_objects_do_not_share_a_registry() -> None:
    a, b = Metrics(), Metrics()
    a.routed.labels(route="x").inc()
    assert b"route=\"x\"" not in b.exposition()


def test_exposition_has_the_spine_metric_names() -> None:
    text = exercised().exposition().decode()
    for name in (
        "wirestreams_messages_in_total",
        "wirestreams_messages_out_total",
        "wirestreams_messages_failed_total",
        "wirestreams_dead_letters_total",
        "wirestreams_stage_latency_seconds_bucket",
        "wirestreams_end_to_end_latency_seconds_bucket",
        "wirestreams_dedup_verdicts_total",
        "wirestreams_routed_articles_total",
    ):
        assert name in text, name


def test_promtool_accepts_the_exposition() -> None:
    promtool = shutil.which("promtool")
    if promtool is None:
        pytest.fail("promtool is missing: run deploy/install-tools.sh (make tools)")
    done = subprocess.run(
        [promtool, "check", "metrics"], input=exercised().exposition(), capture_output=True
    )
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
