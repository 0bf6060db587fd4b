"""Ops on a live pipeline: a real worker on the real broker, scraped by a real Prometheus.

One worker process runs the sample feed; a Prometheus (the Debian binary) with its own config,
storage and port scrapes it every second and evaluates the alert rules. The tests then check what
the dashboard, the alerts and ``wirestreams status`` rely on against what really runs.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
import yaml

from streams.accounting import Ledger
from streams.article import RawItem
from streams.demo import wait_accounted
from streams.ingest import read_items
from streams.kafka_admin import ensure_topics
from streams.kafka_io import produce_raw, read_ledger
from streams.settings import Settings
from streams.stages.rules import RuleSet
from streams.status import parse_exposition
from streams.topics import TopicNames, topic_specs
from streams.worker_process import WorkerProcess, settings_env
from tests.integration.conftest import free_port, run
from tests.unit.test_ops_dashboard import (
    ALERTS,
    alert_queries,
    for_prometheus,
    panel_queries,
    unknown_names,
)

pytestmark = pytest.mark.integration

FEED = "ops-sample"
T = TypeVar("T")


def eventually(probe: Callable[[], T | None], timeout: float, what: str) -> T:
    """Poll ``probe`` until it returns something truthy, at most ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    last: T | None = None
    while time.monotonic() < deadline:
        last = probe()
        if last:
            return last
        time.sleep(0.5)
    raise AssertionError(f"timed out after {timeout:.0f}s waiting for {what}; last: {last!r}")


@dataclass
class PrometheusProcess:
    """A real Prometheus scraping one target, with its own storage directory and port."""

    workdir: Path
    target: str
    port: int = 0
    proc: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        binary = shutil.which("prometheus")
        assert binary, "prometheus is missing: run deploy/install-tools.sh"
        self.port = free_port()
        config = {
            "global": {"scrape_interval": "1s", "evaluation_interval": "1s"},
            "rule_files": [str(ALERTS)],
            "scrape_configs": [
                {"job_name": "wirestreams", "static_configs": [{"targets": [self.target]}]}
            ],
        }
        config_file = self.workdir / "prometheus.yml"
        config_file.write_text(yaml.safe_dump(config))
        log = (self.workdir / "prometheus.log").open("ab")
        self.proc = subprocess.Popen(
            [binary, f"--config.file={config_file}",
             f"--storage.tsdb.path={self.workdir / 'data'}",
             f"--web.listen-address=127.0.0.1:{self.port}"],
            stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        eventually(self._ready, 60, "prometheus to be ready")

    def _ready(self) -> bool:
        assert self.proc is not None
        if self.proc.poll() is not None:
            raise RuntimeError(f"prometheus exited; see {self.workdir / 'prometheus.log'}")
        try:
            with urllib.request.urlopen(f"{self.url}/-/ready", timeout=2) as response:
                return bool(response.status == 200)
        except OSError:
            return False

    def api(self, path: str, **params: str) -> Any:
        query = urllib.parse.urlencode(params)
        with urllib.request.urlopen(f"{self.url}/api/v1/{path}?{query}", timeout=10) as response:
            body = json.loads(response.read())
        assert body["status"] == "success", body
        return body["data"]

    def query(self, expr: str) -> list[dict[str, Any]]:
        data = self.api("query", query=expr)
        result: list[dict[str, Any]] = data["result"]
        return result

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)


@dataclass
class OpsRun:
    settings: Settings
    names: TopicNames
    items: list[RawItem]
    ledger: Ledger
    worker: WorkerProcess
    prometheus: PrometheusProcess


@pytest.fixture(scope="module")
def ops(isolated_settings: Settings, samples_dir: Path) -> Iterator[OpsRun]:
    settings = isolated_settings
    names = TopicNames(settings.topic_prefix)
    routes = sorted(RuleSet.load(settings.rules_file).routes)
    run(ensure_topics(settings.bootstrap, topic_specs(settings, routes)))
    worker = WorkerProcess(settings, Path(settings.data_dir) / "worker.log")
    prom_dir = Path(settings.data_dir) / "prometheus"
    prom_dir.mkdir()
    prometheus = PrometheusProcess(prom_dir, f"127.0.0.1:{settings.web_port}")
    worker.start()
    try:
        worker.wait_ready()
        prometheus.start()
        # one scrape before the feed, so every counter's rise from zero is on record
        eventually(lambda: prometheus.query('up{job="wirestreams"} == 1'), 30, "a first scrape")
        items = list(read_items([str(samples_dir)], feed=FEED))
        ingested = run(produce_raw(settings.bootstrap, names.raw, items))
        ledger = wait_accounted(
            lambda: run(read_ledger(settings.bootstrap, names, routes)),
            ingested, timeout=240.0, say=lambda _: None,
        )
        assert not ledger.missing(ingested), "the sample feed did not get through"
        yield OpsRun(settings, names, items, ledger, worker, prometheus)
    finally:
        prometheus.stop()
        worker.stop()


def lag_series(ops: OpsRun) -> dict[tuple[str, str], float]:
    samples = parse_exposition(ops.worker.scrape())
    return {
        (dict(labels)["topic"], dict(labels)["partition"]): value
        for (name, labels), value in samples.items()
        if name == "wirestreams_consumer_lag"
    }


def test_every_dashboard_and_alert_metric_is_in_a_live_workers_metrics(ops: OpsRun) -> None:
    # the lag gauge is set by a timer: wait for its first run so the series exists
    eventually(lambda: lag_series(ops), 30, "the consumer lag series")
    queries = panel_queries() + alert_queries()
    assert unknown_names(queries, ops.worker.scrape()) == []


def test_the_worker_reports_lag_falling_to_zero_once_the_feed_is_processed(ops: OpsRun) -> None:
    def settled() -> dict[tuple[str, str], float] | None:
        lags = lag_series(ops)
        return lags if lags and all(v == 0 for v in lags.values()) else None

    lags = eventually(settled, 60, "every partition's lag to reach 0")
    topics = {topic for topic, _ in lags}
    assert {ops.names.raw, ops.names.clean, ops.names.unique, ops.names.tagged} <= topics
    partitions = {p for t, p in lags if t == ops.names.unique}
    assert len(partitions) == ops.settings.tag_partitions


def test_the_worker_exports_feed_freshness_rules_version_and_index_size(ops: OpsRun) -> None:
    samples = parse_exposition(ops.worker.scrape())
    age = samples[("wirestreams_feed_last_item_age_seconds", (("feed", FEED),))]
    assert 0 <= age < 600
    version = RuleSet.load(ops.settings.rules_file).version
    assert samples[("wirestreams_rules_info", (("version", version),))] == 1.0
    assert eventually(
        lambda: parse_exposition(ops.worker.scrape())[("wirestreams_dedup_index_entries", ())],
        30, "a non-empty dedup index",
    ) > 0
    dead = sum(v for (n, _), v in samples.items() if n == "wirestreams_dead_letters_total")
    assert dead == len(ops.ledger.dead_letters)


def test_prometheus_scrapes_the_worker_and_returns_the_counted_series(ops: OpsRun) -> None:
    prom = ops.prometheus
    expected = float(len(ops.items))

    def clean_count() -> list[dict[str, Any]] | None:
        result = prom.query('wirestreams_messages_in_total{stage="clean"}')
        return result if result and float(result[0]["value"][1]) == expected else None

    result = eventually(clean_count, 60, f"Prometheus to hold messages_in{{clean}}={expected}")
    assert result[0]["metric"]["job"] == "wirestreams"
    assert result[0]["metric"]["instance"] == ops.prometheus.target
    up = prom.query('up{job="wirestreams"}')
    assert [float(r["value"][1]) for r in up] == [1.0]
    routed = prom.query("sum(wirestreams_routed_articles_total)")
    # one count per article record on each route (withdrawal and kill records count elsewhere)
    articles = sum(
        1 for records in ops.ledger.routes.values() for r in records
        if r.headers.get("delivery", b"article") == b"article"
    )
    assert float(routed[0]["value"][1]) == articles


def test_every_dashboard_query_runs_on_prometheus_and_returns_data(ops: OpsRun) -> None:
    prom = ops.prometheus
    # the feed is processed in seconds: a 5 minute window holds the whole run
    eventually(lambda: prom.query("sum(rate(wirestreams_messages_in_total[5m])) > 0"), 30,
               "a non-zero message rate")
    results = {(title, expr): prom.query(for_prometheus(expr, "5m"))
               for title, expr in panel_queries()}
    assert [title for (title, _), result in results.items() if not result] == []

    def values(title: str) -> list[float]:
        return [float(r["value"][1]) for (t, _), rs in results.items() if t == title for r in rs]

    # (dead letters are not here: a reason's series is born at its first count, which a rate
    # over the first scrape cannot see)
    for title in ("Messages in per stage", "Routed articles per route", "Dedup verdict mix",
                  "Workers up"):
        assert any(v > 0 for v in values(title)), title
    heat = values("End-to-end latency heatmap")
    assert sum(heat) > 0


def test_prometheus_loads_the_alert_rules_and_evaluates_them_cleanly(ops: OpsRun) -> None:
    def evaluated() -> list[dict[str, Any]] | None:
        groups = ops.prometheus.api("rules")["groups"]
        rules = [r for g in groups for r in g["rules"]]
        done = rules and all(r.get("lastEvaluation", "").startswith("2") for r in rules)
        return rules if done else None

    rules = eventually(evaluated, 30, "one evaluation of every rule")
    assert {r["name"] for r in rules} == {name for name, _ in alert_queries()}
    assert [(r["name"], r["health"], r.get("lastError")) for r in rules
            if r["health"] != "ok"] == []
    down = next(r for r in rules if r["name"] == "WirestreamsWorkerDown")
    assert down["state"] == "inactive"


def test_healthz_answers_for_the_kubernetes_and_compose_probes(ops: OpsRun) -> None:
    url = f"http://{ops.settings.web_host}:{ops.settings.web_port}/healthz"
    with urllib.request.urlopen(url, timeout=5) as response:
        assert response.status == 200
        body = json.loads(response.read())
    assert body["status"] == "ok"


def test_status_summarises_topics_lag_rules_and_dead_letters(ops: OpsRun) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "status", "--interval", "1"],
        env=settings_env(ops.settings), capture_output=True, timeout=120,
    )
    out = done.stdout.decode()
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    version = RuleSet.load(ops.settings.rules_file).version
    assert f"rules version {version}" in out
    rows = {line.split()[0]: line.split() for line in out.splitlines() if line.strip()}
    raw = rows[ops.names.raw]
    assert int(raw[2]) == len(ops.items), out
    assert raw[4] == "0", out  # lag
    assert f"dead letters: {len(ops.ledger.dead_letters)} on {ops.names.dlq}" in out
    assert len(out.splitlines()) <= 40, "status must fit one screen"
