"""Dedup's index survives what happens to workers: restarts, a split group, replays.

Real worker processes on the real broker, RocksDB (rocksdict) tables as a worker runs them.
Each scenario has its own topic prefix, consumer group, web ports and data directories, so
the scenarios share nothing but the broker. The stories are the sample feed's agency originals
and their publisher reprints.
"""

from __future__ import annotations

import re
import shutil
import signal
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from rocksdict import AccessType, Options, Rdict

from streams.accounting import Ledger, Record, trace_id
from streams.article import RawItem
from streams.demo import wait_accounted
from streams.headers import base_headers
from streams.ingest import read_items
from streams.kafka_admin import ensure_topics
from streams.kafka_io import read_ledger, read_topic
from streams.settings import Settings
from streams.stages.dedup_state import article_key
from streams.stages.rules import RuleSet
from streams.topics import TopicNames, topic_specs
from streams.worker_process import WorkerProcess
from tests.integration.conftest import free_port, run

pytestmark = pytest.mark.integration

#: (verdict, story, of) per raw item id
Verdicts = dict[str, tuple[str, str, str | None]]

ACCOUNT_TIMEOUT = 180.0


@dataclass
class Scenario:
    """One isolated pipeline: settings, its topic names and routes."""

    settings: Settings
    names: TopicNames
    routes: list[str]

    def worker(self, slot: int = 0) -> WorkerProcess:
        """The worker of ``slot``: own web port and data directory, same group."""
        settings = self.settings
        if slot:
            data = Path(settings.data_dir) / f"w{slot}"
            settings = replace(settings, web_port=free_port(), data_dir=str(data))
        return WorkerProcess(settings, Path(settings.data_dir) / "worker.log")

    def ledger(self) -> Ledger:
        return run(read_ledger(self.settings.bootstrap, self.names, self.routes))

    def wait(self, ids: list[str]) -> Ledger:
        ledger = wait_accounted(self.ledger, ids, ACCOUNT_TIMEOUT, say=lambda _: None)
        assert ledger.missing(ids) == set(), "items never reached an output"
        return ledger


def scenario(base: Settings, tag: str, **changes: int) -> Scenario:
    settings = replace(
        base,
        topic_prefix=f"{base.topic_prefix}{tag}.",
        app_id=f"{base.app_id}-{tag}",
        web_port=free_port(),
        data_dir=str(Path(base.data_dir) / tag),
        store="rocksdb://",
        **changes,  # type: ignore[arg-type]
    )
    routes = sorted(RuleSet.load(settings.rules_file).routes)
    run(ensure_topics(settings.bootstrap, topic_specs(settings, routes)))
    return Scenario(settings, TopicNames(settings.topic_prefix), routes)


@pytest.fixture(scope="module")
def samples(samples_dir: Path) -> dict[str, RawItem]:
    """Sample items by file name."""
    items = read_items([str(samples_dir)], feed="samples")
    return {Path(i.path).name: i for i in items if i.path}


def pick(samples: dict[str, RawItem], prefix: str) -> RawItem:
    (item,) = [item for name, item in samples.items() if name.startswith(prefix)]
    return item


async def produce(
    bootstrap: str, topic: str, items: Iterable[tuple[RawItem, int | None]]
) -> list[str]:
    """Send raw items, each to the partition given (None: the default partitioner)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    try:
        sent = []
        for item, partition in items:
            headers = list(base_headers(item.id).items())
            await producer.send_and_wait(
                topic, key=item.id.encode(), value=item.to_json(), headers=headers,
                partition=partition,
            )  # fmt: skip
            sent.append(item.id)
        return sent
    finally:
        await producer.stop()


async def copy_records(bootstrap: str, topic: str, records: Iterable[Record]) -> int:
    """Re-produce records (key, value, headers) onto ``topic``, in their order."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True)
    await producer.start()
    count = 0
    try:
        for r in sorted(records, key=lambda r: (r.partition, r.offset)):
            await producer.send_and_wait(
                topic, key=r.key, value=r.value, headers=list(r.headers.items())
            )
            count += 1
        return count
    finally:
        await producer.stop()


def send(sc: Scenario, *items: tuple[RawItem, int | None]) -> list[str]:
    return run(produce(sc.settings.bootstrap, sc.names.raw, items))


def dedup_outputs(sc: Scenario) -> list[Record]:
    """What the dedup agent wrote: wire.unique holds every verdict (copies included)."""
    return run(read_topic(sc.settings.bootstrap, sc.names.unique, timeout=5.0))


def verdict_of(record: Record) -> tuple[str, str, str | None]:
    value = orjson.loads(record.value or b"{}")
    if "dedup" not in value:  # a duplicate notice
        return "duplicate", value["story"], value["of"]
    info = value["dedup"] or {}
    return info.get("verdict", "new"), info.get("story", ""), info.get("of")


def verdicts(records: Iterable[Record]) -> Verdicts:
    out: Verdicts = {}
    for r in records:
        tid = trace_id(r)
        if tid is not None:
            out[tid] = verdict_of(r)
    return out


def dedup_table_paths(data_dir: str) -> list[Path]:
    return sorted(Path(data_dir).rglob("dedup-index-*.db"))


def local_keys(db_path: Path) -> set[str]:
    """The keys of a stopped worker's RocksDB dedup table, read directly with rocksdict."""
    db = Rdict(str(db_path), options=Options(raw_mode=True), access_type=AccessType.read_only())
    try:
        keys = [k for k in db.keys() if isinstance(k, bytes)]  # noqa: SIM118 (an iterator)
        return {orjson.loads(k) for k in keys if not k.startswith(b"__faust")}
    finally:
        db.close()


def clean_messages_in(worker: WorkerProcess) -> float:
    match = re.search(
        r'^wirestreams_messages_in_total\{stage="clean"\} ([0-9.e+]+)$', worker.scrape(), re.M
    )
    return float(match.group(1)) if match else 0.0


# -- a. restarts ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def restart(isolated_settings: Settings) -> Iterator[Scenario]:
    yield scenario(isolated_settings, "restart")


@pytest.mark.parametrize(
    ("sig", "lose_disk", "original", "reprint"),
    [
        (signal.SIGTERM, False, "01-manila", "02-manila"),
        (signal.SIGKILL, False, "05-ecb", "19-ecb"),
        (signal.SIGKILL, True, "10-senate", "30-senate"),
    ],
    ids=["sigterm", "sigkill", "sigkill-new-disk"],
)
def test_a_restarted_worker_still_calls_the_reprint_a_duplicate(
    restart: Scenario, samples: dict[str, RawItem], sig: signal.Signals, lose_disk: bool,
    original: str, reprint: str,
) -> None:  # fmt: skip
    """Restarted on its own disk (RocksDB, then the changelog's tail) or on an empty one
    (a worker moved to another machine: the changelog alone)."""
    first, copy = pick(samples, original), pick(samples, reprint)
    worker = restart.worker()
    worker.start()
    try:
        worker.wait_ready()
        ledger = restart.wait(send(restart, (first, None)))
        assert first.id not in {trace_id(r) for r in ledger.duplicates}
    finally:
        worker.stop(sig)
    tables = dedup_table_paths(restart.settings.data_dir)
    assert tables, "the worker kept no local RocksDB dedup table"
    keys = set().union(*(local_keys(p) for p in tables))
    assert any(k.startswith("a:") for k in keys) and any(k.startswith("b") for k in keys)
    if lose_disk:
        for path in tables:
            shutil.rmtree(path)

    again = restart.worker()
    again.start()
    try:
        again.wait_ready()
        ledger = restart.wait(send(restart, (copy, None)))
    finally:
        again.stop()
    found = verdicts(dedup_outputs(restart))
    assert found[copy.id][0] == "duplicate", f"after {sig.name}: {found[copy.id]}"
    assert found[copy.id][1] == found[first.id][1], "the reprint joined another story"
    assert copy.id in {trace_id(r) for r in ledger.duplicates}


def test_the_workers_local_rocksdb_table_holds_every_article_of_both_runs(
    restart: Scenario,
) -> None:
    """What the restarts recovered is on disk, in RocksDB, not only in the changelog."""
    found = verdicts(dedup_outputs(restart))
    assert len(found) == 6, found
    keys = set().union(*(local_keys(p) for p in dedup_table_paths(restart.settings.data_dir)))
    records = run(read_topic(restart.settings.bootstrap, restart.names.clean, timeout=5.0))
    uris = {orjson.loads(r.value or b"{}")["uri"] for r in records}
    assert {article_key(u) for u in uris} <= keys


# -- b. two workers, two input partitions -----------------------------------------------------


def test_copies_on_different_input_partitions_of_a_two_worker_group_are_caught(
    isolated_settings: Settings, samples: dict[str, RawItem]
) -> None:
    sc = scenario(isolated_settings, "pair", raw_partitions=2)
    workers = [sc.worker(0), sc.worker(1)]
    pairs = [("01-manila", "04-manila", 0), ("05-ecb", "11-ecb", 1),
             ("16-measles", "27-measles", 0), ("13-carmaker", "34-carmaker", 1)]  # fmt: skip
    for w in workers:
        w.start()
    try:
        for w in workers:
            w.wait_ready()
        originals = [(pick(samples, o), p) for o, _, p in pairs]
        copies = [(pick(samples, c), 1 - p) for _, c, p in pairs]
        sent = sc.wait(send(sc, *originals))
        assert not {trace_id(r) for r in sent.duplicates} & {i.id for i, _ in originals}
        ledger = sc.wait(send(sc, *copies))
        busy = [clean_messages_in(w) for w in workers]
    finally:
        for w in workers:
            w.stop()
    assert all(n > 0 for n in busy), f"a worker cleaned nothing: {busy} (no split group)"
    found = verdicts(dedup_outputs(sc))
    for (first, p), (copy, q) in zip(originals, copies, strict=True):
        assert p != q
        verdict, story, _ = found[copy.id]
        assert verdict == "duplicate", f"{copy.path}: {found[copy.id]}"
        assert story == found[first.id][1]
    assert {i.id for i, _ in copies} <= {trace_id(r) for r in ledger.duplicates}


# -- c. replays -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def first_run(
    isolated_settings: Settings, samples: dict[str, RawItem]
) -> Iterator[tuple[Scenario, WorkerProcess, Verdicts]]:
    """The sample feed through one worker; the worker stays up for the in-group replay."""
    sc = scenario(isolated_settings, "replay")
    worker = sc.worker()
    worker.start()
    try:
        worker.wait_ready()
        items = [samples[name] for name in sorted(samples)]
        sc.wait(send(sc, *((i, None) for i in items)))
        yield sc, worker, verdicts(dedup_outputs(sc))
    finally:
        worker.stop()


def test_a_fresh_group_replaying_the_raw_topic_from_the_start_gives_the_same_verdicts(
    isolated_settings: Settings, first_run: tuple[Scenario, WorkerProcess, Verdicts]
) -> None:
    sc, _, first = first_run
    assert {v for v, _, _ in first.values()} == {"new", "duplicate", "update"}
    raw = run(read_topic(sc.settings.bootstrap, sc.names.raw, timeout=10.0))
    second = scenario(isolated_settings, "replay2")
    run(copy_records(second.settings.bootstrap, second.names.raw, raw))
    worker = second.worker()
    worker.start()
    try:
        worker.wait_ready()
        second.wait(sorted(tid for r in raw if (tid := trace_id(r)) is not None))
    finally:
        worker.stop()
    assert verdicts(dedup_outputs(second)) == first


def test_replaying_the_clean_topic_into_the_running_group_repeats_every_verdict(
    first_run: tuple[Scenario, WorkerProcess, Verdicts],
) -> None:
    sc, worker, first = first_run
    bootstrap = sc.settings.bootstrap
    before = {(r.topic, r.partition, r.offset) for r in dedup_outputs(sc)}
    clean = run(read_topic(bootstrap, sc.names.clean, timeout=10.0))
    assert run(copy_records(bootstrap, sc.names.clean, clean)) == len(clean) > 0
    assert worker.proc is not None and worker.proc.poll() is None

    def replayed() -> list[Record]:
        return [r for r in dedup_outputs(sc) if (r.topic, r.partition, r.offset) not in before]

    deadline = time.monotonic() + ACCOUNT_TIMEOUT
    records = replayed()
    while len(records) < len(clean) and time.monotonic() < deadline:
        time.sleep(2.0)
        records = replayed()
    assert len(records) == len(clean)
    again = verdicts(records)
    assert again == {tid: first[tid] for tid in again}
    assert len(again) == len(clean)
    for tid, (verdict, _, of) in again.items():
        uri = next(orjson.loads(r.value or b"{}")["uri"] for r in records if trace_id(r) == tid)
        assert not (verdict == "duplicate" and of == uri), "a duplicate of itself"
