"""The sample feed through a real broker and a real worker process, read back from Kafka."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson
import pytest
import yaml

from streams.accounting import Ledger, Record, trace_id
from streams.article import RawItem
from streams.dead_letter import DeadLetter
from streams.demo import wait_accounted
from streams.ingest import read_items
from streams.kafka_admin import ensure_topics
from streams.kafka_io import produce_raw, read_ledger, read_topic
from streams.schemas import validator
from streams.settings import Settings
from streams.stages.rules import RuleSet
from streams.topics import TopicNames, topic_specs
from streams.worker_process import WorkerProcess, settings_env
from tests.integration.conftest import run

pytestmark = pytest.mark.integration


@dataclass
class SpineRun:
    settings: Settings
    names: TopicNames
    routes: list[str]
    items: list[RawItem]
    ledger: Ledger
    worker: WorkerProcess

    def id_of(self, file_name: str) -> str:
        matches = [i.id for i in self.items if i.path and Path(i.path).name == file_name]
        assert len(matches) == 1, f"{file_name} is not exactly one ingested item"
        return matches[0]


@pytest.fixture(scope="module")
def spine(isolated_settings: Settings, samples_dir: Path) -> Iterator[SpineRun]:
    settings = isolated_settings
    names = TopicNames(settings.topic_prefix)
    routes = sorted(RuleSet.load(settings.rules_file).routes)
    run(ensure_topics(settings.bootstrap, topic_specs(settings, routes)))
    worker = WorkerProcess(settings, Path(settings.data_dir) / "worker.log")
    worker.start()
    try:
        worker.wait_ready()
        items = list(read_items([str(samples_dir)], feed="samples"))
        ingested = run(produce_raw(settings.bootstrap, names.raw, items))
        ledger = wait_accounted(
            lambda: run(read_ledger(settings.bootstrap, names, routes)),
            ingested, timeout=240.0, say=lambda _: None,
        )
        yield SpineRun(settings, names, routes, items, ledger, worker)
    finally:
        worker.stop()


@pytest.fixture(scope="module")
def expected(samples_dir: Path) -> dict[str, dict[str, object]]:
    data = yaml.safe_load((samples_dir / "EXPECTED.yaml").read_text())
    items = data["items"] if isinstance(data, dict) and "items" in data else data
    if isinstance(items, dict):
        return items
    return {entry["file"]: entry for entry in items}


def test_every_sample_item_is_accounted_for_exactly_once(spine: SpineRun) -> None:
    ids = [i.id for i in spine.items]
    assert len(ids) >= 30
    assert spine.ledger.missing(ids) == set()
    assert spine.ledger.in_several_places() == set()
    routed = {trace_id(r) for recs in spine.ledger.routes.values() for r in recs}
    dups = {trace_id(r) for r in spine.ledger.duplicates}
    dead = {trace_id(r) for r in spine.ledger.dead_letters}
    assert len(routed) + len(dups) + len(dead) == len(ids)


def test_republications_yield_one_routed_article_and_the_rest_duplicates(
    spine: SpineRun, expected: dict[str, dict[str, object]]
) -> None:
    dup_ids = {trace_id(r) for r in spine.ledger.duplicates}
    routed_ids = {trace_id(r) for recs in spine.ledger.routes.values() for r in recs}
    duplicates = {f: e for f, e in expected.items() if e.get("outcome") == "duplicate"}
    assert duplicates, "the sample feed must hold republications"
    for file_name, entry in duplicates.items():
        assert spine.id_of(file_name) in dup_ids, f"{file_name} should be a duplicate"
        original = str(entry["duplicate_of"])
        assert spine.id_of(original) in routed_ids, f"{original} should be routed"


def test_duplicate_notices_carry_the_tags_of_the_story_they_copy(spine: SpineRun) -> None:
    kinds = ("people", "organisations", "places", "subjects")
    versions: dict[str, list[dict[str, object]]] = {}  # uri -> the routed versions' tags
    for recs in spine.ledger.routes.values():
        for r in recs:
            if r.value and r.headers.get("delivery", b"article") == b"article":
                article = orjson.loads(r.value)
                versions.setdefault(article["uri"], []).append(
                    {"story": article["dedup"]["story"], **{k: article[k] for k in kinds}}
                )
    assert spine.ledger.duplicates
    for record in spine.ledger.duplicates:
        notice = orjson.loads(record.value or b"{}")
        assert notice["tags_from"] in versions, f"{notice['uri']} inherited no routed tags"
        inherited = {"story": notice["story"], **{k: notice[k] for k in kinds}}
        assert inherited in versions[notice["tags_from"]], f"{notice['uri']}: tags differ"
        assert notice["places"] or notice["subjects"]


def test_malformed_items_reach_the_dlq_with_stage_and_source_headers(
    spine: SpineRun, expected: dict[str, dict[str, object]]
) -> None:
    bad = [f for f, e in expected.items() if e.get("outcome") == "dlq"]
    assert len(bad) >= 4
    letters = {trace_id(r): r for r in spine.ledger.dead_letters}
    for file_name in bad:
        raw = next(i for i in spine.items if i.path and Path(i.path).name == file_name)
        record = letters.get(raw.id)
        assert record is not None, f"{file_name} did not reach the DLQ"
        h = record.headers
        assert h["stage"] == b"clean"
        assert h["error-class"] and h["reason"] and h["error"]
        assert h["source-topic"] == spine.names.raw.encode()
        assert h["source-partition"].isdigit() and h["source-offset"].isdigit()
        letter = DeadLetter(**orjson.loads(record.value or b"{}"))
        assert letter.original_bytes() == raw.payload, f"{file_name}: DLQ keeps original bytes"


def test_every_message_the_pipeline_produced_matches_its_schema(spine: SpineRun) -> None:
    names = spine.names
    topics: dict[str, str] = {
        names.raw: "raw-item", names.clean: "article", names.unique: "article",
        names.tagged: "article", names.duplicates: "duplicate-notice", names.dlq: "dead-letter",
    }
    topics.update({names.out(r): "article" for r in spine.routes})
    checked = 0
    for topic, schema in topics.items():
        v = validator(schema)
        records: list[Record] = run(read_topic(spine.settings.bootstrap, topic, timeout=5.0))
        for record in records:
            errors = [e.message for e in v.iter_errors(orjson.loads(record.value or b"null"))]
            assert not errors, f"{topic}@{record.offset}: {errors[:3]}"
            checked += 1
    assert checked > len(spine.items)


def test_output_messages_carry_the_contract_headers(spine: SpineRun) -> None:
    records = [r for recs in spine.ledger.routes.values() for r in recs]
    assert records
    for r in records:
        for header in ("route", "urgency", "version", "story", "schema-version",
                       "content-type", "trace-id", "ingest-time"):
            assert header in r.headers, header
        assert r.key == orjson.loads(r.value or b"{}")["uri"].encode()


def test_kcat_reads_an_output_topic_as_json(spine: SpineRun) -> None:
    kcat = shutil.which("kcat")
    assert kcat, "kcat is missing: run deploy/install-tools.sh"
    route = max(spine.ledger.routes, key=lambda r: len(spine.ledger.routes[r]))
    done = subprocess.run(
        [kcat, "-b", spine.settings.bootstrap, "-C", "-t", spine.names.out(route),
         "-o", "beginning", "-e", "-q", "-f", "%k\t%s\n"],
        capture_output=True, timeout=60, check=True,
    )
    lines = [ln for ln in done.stdout.decode().splitlines() if ln.strip()]
    assert len(lines) == len(spine.ledger.routes[route])
    for line in lines:
        key, _, value = line.partition("\t")
        article = orjson.loads(value)
        assert article["uri"] == key
        validator("article").validate(article)


def test_worker_metrics_pass_promtool_and_count_the_feed(spine: SpineRun) -> None:
    text = spine.worker.scrape()
    promtool = shutil.which("promtool")
    assert promtool, "promtool is missing: run deploy/install-tools.sh"
    done = subprocess.run([promtool, "check", "metrics"], input=text.encode(), capture_output=True)
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    assert f'wirestreams_messages_in_total{{stage="clean"}} {float(len(spine.items))}' in text
    assert "wirestreams_end_to_end_latency_seconds_count" in text
    assert 'wirestreams_dead_letters_total{reason=' in text


def test_tail_prints_every_article_a_route_holds(spine: SpineRun) -> None:
    route = max(spine.ledger.routes, key=lambda r: len(spine.ledger.routes[r]))
    done = subprocess.run(
        [sys.executable, "-m", "streams.cli", "tail", route, "--from-beginning", "--json"],
        env=settings_env(spine.settings), capture_output=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr.decode()[-2000:]
    uris = [orjson.loads(line)["uri"] for line in done.stdout.splitlines() if line.strip()]
    assert sorted(uris) == sorted(
        orjson.loads(r.value or b"{}")["uri"] for r in spine.ledger.routes[route]
    )


def test_a_kill_reaches_every_route_the_story_was_on(
    spine: SpineRun, expected: dict[str, dict[str, object]]
) -> None:
    kills = {f: e for f, e in expected.items() if e.get("pubstatus") == "canceled"}
    assert kills, "the sample feed must hold a kill"
    for file_name, entry in kills.items():
        original_id = spine.id_of(str(entry["update_of"]))
        original_routes = {
            route for route, records in spine.ledger.routes.items()
            if any(trace_id(r) == original_id for r in records)
        }
        assert original_routes
        for route in original_routes:
            latest: dict[bytes | None, dict[str, object]] = {}
            for record in sorted(spine.ledger.routes[route], key=lambda r: r.offset):
                latest[record.key] = orjson.loads(record.value or b"{}")
            killed = [a for a in latest.values() if a["uri"] == entry["uri"]]
            assert killed and killed[0]["pubstatus"] == "canceled", (file_name, route)
