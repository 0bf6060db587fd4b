"""Routing rules changed mid-stream on a running worker, without a restart."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import orjson
import pytest

from streams.accounting import trace_id
from streams.demo import wait_accounted
from streams.ingest import read_items
from streams.kafka_admin import ensure_topics
from streams.kafka_io import produce_raw, read_ledger, read_topic
from streams.rules_control import encode_rules
from streams.settings import Settings
from streams.stages.rules import RuleSet, read_rules_file
from streams.topics import TopicNames, topic_specs
from streams.worker_process import WorkerProcess, settings_env
from tests.integration.conftest import run

pytestmark = pytest.mark.integration

NEW_VERSION = "2.0.0-live-test"


@pytest.fixture(scope="module")
def worker(isolated_settings: Settings) -> Iterator[WorkerProcess]:
    settings = isolated_settings
    run(ensure_topics(settings.bootstrap,
                      topic_specs(settings, RuleSet.load(settings.rules_file).routes)))
    process = WorkerProcess(settings, Path(settings.data_dir) / "worker.log")
    process.start()
    try:
        process.wait_ready()
        yield process
    finally:
        process.stop()


def ingest_and_wait(settings: Settings, paths: list[Path], routes: list[str]) -> list[str]:
    names = TopicNames(settings.topic_prefix)
    items = list(read_items([str(p) for p in paths], feed="live-test"))
    ids = run(produce_raw(settings.bootstrap, names.raw, items))
    ledger = wait_accounted(lambda: run(read_ledger(settings.bootstrap, names, routes)),
                            ids, timeout=120.0, say=lambda _: None)
    assert ledger.missing(ids) == set()
    return ids


def wait_for_metric(worker: WorkerProcess, line: str, timeout: float = 60.0) -> float:
    start = time.monotonic()
    while time.monotonic() - start < timeout:
        if line in worker.scrape():
            return time.monotonic() - start
        time.sleep(0.25)
    raise AssertionError(f"{line!r} not in /metrics after {timeout}s")


def new_rules_file(tmp: Path) -> Path:
    rules = read_rules_file(Settings().rules_file)
    rules["version"] = NEW_VERSION
    rules["rules"].insert(0, {
        "name": "seoul-desk",
        "when": {"field": "places", "op": "eq", "value": "Seoul"},
        "routes": ["seoul-desk"],
    })
    path = tmp / "rules-v2.json"
    path.write_bytes(orjson.dumps(rules))
    return path


def cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "streams.cli", *args],
                          env=settings_env(settings), capture_output=True, timeout=120)


def test_rules_published_mid_stream_route_later_articles_without_a_restart(
    worker: WorkerProcess, samples_dir: Path, tmp_path: Path
) -> None:
    settings = worker.settings
    names = TopicNames(settings.topic_prefix)
    old_routes = RuleSet.load(settings.rules_file).routes
    before = ingest_and_wait(settings, [samples_dir / "03-seoul-envoys-talks-ap.xml"], old_routes)
    pid = worker.proc.pid if worker.proc else None

    done = cli(settings, "rules", "publish", str(new_rules_file(tmp_path)))
    assert done.returncode == 0, done.stderr.decode()
    took = wait_for_metric(worker, f'wirestreams_rules_info{{version="{NEW_VERSION}"}} 1.0')
    print(f"rules applied {took:.2f}s after publish")

    new_routes = RuleSet.from_obj(read_rules_file(new_rules_file(tmp_path))).routes
    after = ingest_and_wait(
        settings, [samples_dir / "20-seoul-crypto-taskforce-reuters.xml"], new_routes
    )
    desk = run(read_topic(settings.bootstrap, names.out("seoul-desk"), timeout=5.0))
    on_desk = {trace_id(r) for r in desk}
    assert set(after) <= on_desk, "an article after the change is routed by the new rule"
    assert not set(before) & on_desk, "an article before the change is not re-routed"
    assert worker.proc is not None and worker.proc.pid == pid and worker.proc.poll() is None


def test_a_bad_rules_file_is_refused_and_never_replaces_good_rules(
    worker: WorkerProcess, tmp_path: Path
) -> None:
    settings = worker.settings
    bad = tmp_path / "bad.json"
    bad.write_bytes(orjson.dumps({"version": "9", "rules": [
        {"name": "x", "when": {"field": "plcaes", "op": "eq", "value": "Seoul"}, "routes": ["x"]}
    ]}))
    done = cli(settings, "rules", "publish", str(bad))
    assert done.returncode == 1
    assert b"rules[0] ('x')" in done.stderr and b"plcaes" in done.stderr

    # a bad value that reaches the topic anyway (another tool) is rejected by the worker
    names = TopicNames(settings.topic_prefix)
    value = encode_rules({"version": "9", "rules": "not a list"})
    produced = subprocess.run(
        ["kcat", "-b", settings.bootstrap, "-P", "-t", names.control_rules, "-k", "rules"],
        input=value, capture_output=True, timeout=60,
    )
    assert produced.returncode == 0, produced.stderr.decode()
    wait_for_metric(worker, "wirestreams_rules_rejected_total 1.0")
    assert 'wirestreams_rules_info{version="9"}' not in worker.scrape()
