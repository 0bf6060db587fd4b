"""Running the wire mix through real workers while things break, then checking every topic.

One asyncio program drives it all: a producer streams the mix into ``wire.raw`` at a steady
rate while a chaos schedule SIGKILLs and restarts workers, restarts the broker and grows the
group from two workers to three and back; a supervisor restarts any worker that dies on its
own (as Kubernetes would) and counts it. When the stream has drained, the checker in
``streams.consistency`` reads everything back.

Worker processes are real ``wirestreams worker`` children (``streams.worker_process``), with
their own web port and data directory but one consumer group. The broker is the one
``deploy/kafka/kafka.sh`` manages (``KAFKA_PORT`` etc. from the environment); the harness
refuses to restart it unless the bootstrap address points at that port.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import random
import re
import signal
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from aiokafka import AIOKafkaProducer

from streams import local_kafka
from streams.article import RawItem
from streams.consistency import Message, Report, check
from streams.faults.reading import (
    delete_topics,
    end_offsets,
    group_lag,
    group_state,
    read_all,
    topics_with_prefix,
)
from streams.headers import base_headers
from streams.kafka_admin import ensure_topics
from streams.settings import Settings
from streams.stages.dedup import DedupConfig
from streams.stages.rules import RuleSet
from streams.topics import TopicNames, topic_specs
from streams.wiremix import describe, wire_mix
from streams.worker_process import WorkerProcess

GUARANTEES = ("at_least_once", "exactly_once")
MESSAGES_IN = re.compile(r"^wirestreams_messages_in_total\{[^}]*\} ([0-9.e+]+)$", re.M)
#: Faust names a table's changelog topic after the app id and the table
DEDUP_CHANGELOG = "{app_id}-dedup-index-changelog"

Say = Callable[[str], None]


@dataclass(frozen=True)
class FaultConfig:
    items: int = 5000
    kills: int = 20
    seed: int = 7
    guarantee: str = "at_least_once"
    rate: float = 12.0
    broker_restarts: int = 1
    rebalance: bool = True
    recovery_timeout: float = 120.0
    quiesce_timeout: float = 600.0
    workdir: Path = Path(".run/faults")
    keep_topics: bool = False


@dataclass
class FaultResult:
    config: FaultConfig
    report: Report
    kills: int = 0
    broker_restarts: int = 0
    rebalances: int = 0
    crashes: int = 0
    recoveries: list[float] = field(default_factory=list)
    unmeasured: int = 0

    @property
    def recovery_p99(self) -> float:
        if not self.recoveries:
            return float("nan")
        ordered = sorted(self.recoveries)
        return ordered[min(len(ordered) - 1, math.ceil(0.99 * len(ordered)) - 1)]

    def line(self) -> str:
        r = self.report
        return (f"faults: kills={self.kills} broker_restarts={self.broker_restarts} "
                f"rebalances={self.rebalances} items={r.items} lost={len(r.lost)} "
                f"duplicated={len(r.duplicated)} conflicting={r.conflicting} "
                f"recovery_p99_s={self.recovery_p99:.1f}")  # fmt: skip


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def processed(text: str) -> float:
    """Messages a worker's stages have taken in, from its /metrics page."""
    return sum(float(v) for v in MESSAGES_IN.findall(text))


class Pool:
    """The worker slots: slot i always has the same web port and data directory."""

    def __init__(self, settings: Settings, workdir: Path, say: Say) -> None:
        self.settings, self.workdir, self.say = settings, workdir, say
        self.ports: dict[int, int] = {}
        self.live: dict[int, WorkerProcess] = {}
        self.busy: set[int] = set()  # slots being killed or stopped on purpose

    def _settings(self, slot: int) -> Settings:
        port = self.ports.setdefault(slot, free_port())
        return replace(self.settings, web_port=port, data_dir=str(self.workdir / f"w{slot}"))

    def start(self, slot: int) -> WorkerProcess:
        settings = self._settings(slot)
        worker = WorkerProcess(settings, Path(settings.data_dir) / "worker.log")
        worker.start()
        self.live[slot] = worker
        return worker

    def stop(self, slot: int, sig: int = signal.SIGTERM) -> None:
        worker = self.live.pop(slot, None)
        if worker is not None:
            worker.stop(sig=sig, timeout=30.0)

    def stop_all(self) -> None:
        for slot in list(self.live):
            self.stop(slot)


async def _new_producer(bootstrap: str) -> AIOKafkaProducer:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", enable_idempotence=True,
                                request_timeout_ms=15000, retry_backoff_ms=500)  # fmt: skip
    await producer.start()
    return producer


async def stream_items(bootstrap: str, topic: str, items: list[RawItem], rate: float,
                       say: Say) -> int:  # fmt: skip
    """Send the items at ``rate`` per second, each acknowledged before the next (order kept).

    A send that fails while the broker is away is retried with a *new* producer: after a
    broker restart aiokafka's idempotent producer can keep failing with
    OutOfOrderSequenceNumber forever, and only a fresh producer id gets it going again. A
    retried item may be written twice, which the pipeline must absorb.
    """
    producer: AIOKafkaProducer | None = None
    resent = 0
    loop = asyncio.get_running_loop()
    start = loop.time()
    try:
        for n, item in enumerate(items):
            delay = start + n / rate - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            headers = list(base_headers(item.id).items())
            while True:
                try:
                    if producer is None:
                        producer = await _new_producer(bootstrap)
                    key, value = item.id.encode(), item.to_json()
                    send = producer.send_and_wait(topic, key=key, value=value, headers=headers)
                    await asyncio.wait_for(send, timeout=30.0)
                    break
                except Exception as exc:  # broker restarting: a new producer, then again
                    resent += 1
                    say(f"  producer: resending item {n} after {type(exc).__name__}")
                    if producer is not None:
                        with contextlib.suppress(Exception):
                            await producer.stop()
                        producer = None
                    await asyncio.sleep(1.0)
    finally:
        if producer is not None:
            with contextlib.suppress(Exception):
                await producer.stop()
    return resent


class Harness:
    def __init__(self, config: FaultConfig, settings: Settings, say: Say = print) -> None:
        self.config, self.say = config, say
        run = uuid.uuid4().hex[:8]
        self.workdir = config.workdir / f"{run}-{config.guarantee}"
        self.settings = replace(
            settings,
            topic_prefix=f"faults-{run}.",
            app_id=f"wirestreams-faults-{run}",
            processing_guarantee=config.guarantee,
        )
        self.names = TopicNames(self.settings.topic_prefix)
        self.rng = random.Random(config.seed)
        self.pool = Pool(self.settings, self.workdir, say)
        self.result = FaultResult(config, Report(items=0))

    # -- the broker -------------------------------------------------------------------------

    def _check_broker(self) -> None:
        port = self.settings.bootstrap.split(",")[0].rpartition(":")[2]
        managed = os.environ.get("KAFKA_PORT", "9092")
        if self.config.broker_restarts and port != managed:
            raise RuntimeError(
                f"bootstrap {self.settings.bootstrap} is not the broker kafka.sh manages "
                f"(KAFKA_PORT={managed}); set KAFKA_PORT or pass --broker-restarts 0"
            )
        if self.config.broker_restarts and not local_kafka.is_running():
            raise RuntimeError("kafka.sh reports no broker running: start it with make kafka-up")

    async def restart_broker(self) -> None:
        self.say("  chaos: restarting the broker (kafka.sh down; kafka.sh up)")
        try:
            await asyncio.to_thread(local_kafka.kafka, "down")
            await asyncio.sleep(2.0)
        finally:
            await asyncio.to_thread(local_kafka.kafka, "up")
        self.result.broker_restarts += 1

    # -- workers ----------------------------------------------------------------------------

    async def start_worker(self, slot: int) -> WorkerProcess:
        worker = self.pool.start(slot)
        await asyncio.to_thread(worker.wait_ready, 180.0)
        return worker

    async def kill_and_restart(self) -> None:
        slot = self.rng.choice(sorted(s for s in self.pool.live if s not in self.pool.busy))
        before = await self.members()
        self.pool.busy.add(slot)
        try:
            await asyncio.to_thread(self.pool.stop, slot, signal.SIGKILL)
            self.result.kills += 1
            restarted = time.monotonic()
            worker = self.pool.start(slot)
        finally:
            self.pool.busy.discard(slot)
        self.say(f"  chaos: SIGKILL worker {slot} (kill {self.result.kills}); restarted")
        took = await self.recovery_time(worker, restarted, before)
        if took is None:
            self.result.unmeasured += 1
            self.say(f"  worker {slot}: not recovered within {self.config.recovery_timeout:.0f}s")
        else:
            self.result.recoveries.append(took)
            self.say(f"  worker {slot}: group processing again {took:.1f}s after the restart")

    async def members(self) -> frozenset[str]:
        with contextlib.suppress(Exception):
            return (await group_state(self.settings.bootstrap, self.settings.app_id))[1]
        return frozenset()

    async def recovery_time(
        self, worker: WorkerProcess, since: float, before: frozenset[str]
    ) -> float | None:
        """Seconds from the restart until the group has re-formed with the new worker in it
        (a stable generation whose members differ from those before the kill) and the
        pipeline moves again: the new worker took in a message, or the group's backlog
        shrank or is empty."""
        bootstrap, group = self.settings.bootstrap, self.settings.app_id
        sources = self.source_topics()
        deadline = since + self.config.recovery_timeout
        backlog: int | None = None
        while time.monotonic() < deadline:
            await asyncio.sleep(0.5)
            if worker.proc is None or worker.proc.poll() is not None:
                return None
            try:
                state, members = await group_state(bootstrap, group)
                if state != "Stable" or members == before or len(members) != len(self.pool.live):
                    continue
                with contextlib.suppress(Exception):
                    if processed(await asyncio.to_thread(worker.scrape)) > 0:
                        return time.monotonic() - since
                lag = await group_lag(bootstrap, group, sources)
            except Exception:
                continue
            if lag <= self.slack or (backlog is not None and lag < backlog):
                return time.monotonic() - since
            backlog = lag if backlog is None else min(backlog, lag)
        return None

    async def supervise(self) -> None:
        """Restart workers that died without being told to (and count them)."""
        while True:
            await asyncio.sleep(1.0)
            for slot, worker in list(self.pool.live.items()):
                if slot in self.pool.busy or worker.proc is None or worker.proc.poll() is None:
                    continue
                self.result.crashes += 1
                self.say(f"  supervisor: worker {slot} exited with {worker.proc.returncode}; "
                         f"restarting (log {worker.log_path})")  # fmt: skip
                self.pool.stop(slot)
                self.pool.start(slot)

    # -- the schedule -----------------------------------------------------------------------

    def schedule(self, duration: float) -> list[tuple[float, str]]:
        """(seconds from the start of the stream, action), in time order."""
        cfg, rng = self.config, self.rng
        events = [(rng.uniform(0.05, 0.95) * duration, "kill") for _ in range(cfg.kills)]
        events += [(rng.uniform(0.3, 0.7) * duration, "broker") for _ in range(cfg.broker_restarts)]
        if cfg.rebalance:
            events += [(rng.uniform(0.15, 0.35) * duration, "grow"),
                       (rng.uniform(0.6, 0.8) * duration, "shrink")]  # fmt: skip
        return sorted(events)

    async def chaos(self, start: float, events: list[tuple[float, str]]) -> None:
        loop = asyncio.get_running_loop()
        for at, action in events:
            delay = start + at - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            if action == "kill":
                await self.kill_and_restart()
            elif action == "broker":
                await self.restart_broker()
            elif action == "grow":
                self.say("  chaos: growing the group to 3 workers")
                await self.start_worker(2)
                self.result.rebalances += 1
            elif action == "shrink":
                self.say("  chaos: shrinking the group back to 2 workers")
                self.pool.busy.add(2)
                try:
                    await asyncio.to_thread(self.pool.stop, 2)
                finally:
                    self.pool.busy.discard(2)
                self.result.rebalances += 1

    # -- waiting and checking ---------------------------------------------------------------

    @property
    def slack(self) -> int:
        """Lag the group may show when idle: a transaction's commit marker takes an offset."""
        return 0 if self.config.guarantee == "at_least_once" else 8

    def source_topics(self) -> list[str]:
        n = self.names
        return [n.raw, n.clean, n.unique, n.tagged]

    def pipeline_topics(self, routes: list[str]) -> list[str]:
        n = self.names
        return [n.raw, n.clean, n.unique, n.tagged, n.duplicates, n.dlq,
                *(n.out(r) for r in routes)]  # fmt: skip

    async def quiesce(self, routes: list[str], raw_ids: list[str]) -> None:
        """Wait until no topic grows, the group has consumed everything, and every raw id
        is somewhere; give up after ``quiesce_timeout`` (the checker then reports losses)."""
        bootstrap = self.settings.bootstrap
        sources = self.source_topics()
        deadline = time.monotonic() + self.config.quiesce_timeout
        previous: dict[str, int] = {}
        stable_since = time.monotonic()
        while time.monotonic() < deadline:
            await asyncio.sleep(5.0)
            try:
                ends = await end_offsets(bootstrap, self.pipeline_topics(routes))
                lag = await group_lag(bootstrap, self.settings.app_id, sources)
            except Exception as exc:
                self.say(f"  waiting: probe failed ({type(exc).__name__})")
                continue
            if ends != previous:
                previous, stable_since = ends, time.monotonic()
            quiet = time.monotonic() - stable_since
            self.say(f"  waiting: lag {lag}, outputs {sum(ends.values())}, quiet {quiet:.0f}s")
            if lag <= self.slack and quiet >= 10.0:
                report = await self.read_and_check(routes, raw_ids, with_index=False)
                if not report.lost:
                    return
                self.say(f"  waiting: {len(report.lost)} item(s) not accounted for yet")

    async def read_and_check(self, routes: list[str], raw_ids: list[str],
                             with_index: bool = True) -> Report:  # fmt: skip
        n, bootstrap = self.names, self.settings.bootstrap
        out_topics = await topics_with_prefix(bootstrap, f"{n.prefix}wire.out.")
        route_records: dict[str, list[Message]] = {}
        for topic in out_topics:
            route_records[n.route_of(topic) or topic] = await read_all(bootstrap, topic)
        duplicates = await read_all(bootstrap, n.duplicates)
        dlq = await read_all(bootstrap, n.dlq)
        if not with_index:
            return check(raw_ids, route_records, duplicates, dlq)
        clean = await read_all(bootstrap, n.clean)
        tagged = await read_all(bootstrap, n.tagged)
        changelog = await read_all(
            bootstrap, DEDUP_CHANGELOG.format(app_id=self.settings.app_id), timeout=600.0
        )
        config = DedupConfig(retention_seconds=self.settings.dedup_retention_seconds)
        rules = RuleSet.load(self.settings.rules_file)
        return check(raw_ids, route_records, duplicates, dlq, clean, changelog, config,
                     tagged, rules)  # fmt: skip

    async def input_ids(self) -> list[str]:
        """The raw ids as the input topic holds them (the checker trusts only the topics)."""
        raw = await read_all(self.settings.bootstrap, self.names.raw)
        return [m.key.decode() for m in raw if m.key is not None]

    # -- the run ----------------------------------------------------------------------------

    async def run(self) -> FaultResult:
        cfg, say = self.config, self.say
        self._check_broker()
        routes = sorted(RuleSet.load(self.settings.rules_file).routes)
        await ensure_topics(self.settings.bootstrap, topic_specs(self.settings, routes))
        mix = wire_mix(cfg.items, cfg.seed)
        say(f"faults: {describe(mix)}; prefix {self.settings.topic_prefix} "
            f"guarantee {cfg.guarantee}; logs in {self.workdir}")  # fmt: skip
        supervisor: asyncio.Task[None] | None = None
        try:
            await asyncio.gather(self.start_worker(0), self.start_worker(1))
            supervisor = asyncio.create_task(self.supervise())
            duration = cfg.items / cfg.rate
            loop = asyncio.get_running_loop()
            start = loop.time()
            raws = [m.raw for m in mix]
            producer = asyncio.create_task(
                stream_items(self.settings.bootstrap, self.names.raw, raws, cfg.rate, say)
            )
            await self.chaos(start, self.schedule(duration))
            resent = await producer
            say(f"  stream done in {loop.time() - start:.0f}s ({resent} resend(s)); draining")
            raw_ids = await self.input_ids()
            await self.quiesce(routes, raw_ids)
        finally:
            if supervisor is not None:
                supervisor.cancel()
            await asyncio.to_thread(self.pool.stop_all)
            if not local_kafka.is_running() and cfg.broker_restarts:
                await asyncio.to_thread(local_kafka.kafka, "up")
        self.result.report = await self.read_and_check(routes, raw_ids)
        if not cfg.keep_topics:
            await self.cleanup()
        return self.result

    async def cleanup(self) -> None:
        with contextlib.suppress(Exception):
            topics = await topics_with_prefix(
                self.settings.bootstrap, self.settings.topic_prefix, self.settings.app_id
            )
            await delete_topics(self.settings.bootstrap, topics)


def run_faults(
    config: FaultConfig, settings: Settings | None = None, say: Say = print
) -> FaultResult:
    """Run the harness; the caller prints ``result.line()``."""
    harness = Harness(config, settings or Settings.from_env(), say)
    try:
        result = asyncio.run(harness.run())
    finally:
        harness.pool.stop_all()  # whatever happened, no worker outlives the harness
    for line in result.report.details():
        say(f"  {line}")
    say(f"  crashes (restarted by the supervisor): {result.crashes}; recoveries measured: "
        f"{len(result.recoveries)}, unmeasured: {result.unmeasured}")
    return result
