"""``wirestreams demo``: the whole pipeline on the bundled sample feed, on a real broker.

Starts what is not running (broker, one worker), ingests ``samples/``, waits until every item
is accounted for, prints what each output topic got, and stops what it started.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import orjson

from streams import local_kafka
from streams.accounting import Ledger, trace_id
from streams.ingest import read_items
from streams.kafka_admin import ensure_topics
from streams.kafka_io import produce_raw, read_ledger
from streams.settings import Settings
from streams.stages.rules import RuleSet
from streams.topics import TopicNames, topic_specs
from streams.worker_process import WorkerProcess

SAMPLES = local_kafka.REPO_ROOT / "samples"
SHOWN_METRICS = (
    "wirestreams_dedup_verdicts_total",
    "wirestreams_routed_articles_total",
    "wirestreams_dead_letters_total",
)


def wait_accounted(
    read: Callable[[], Ledger], ingested: list[str], timeout: float, say: Callable[[str], None]
) -> Ledger:
    """Poll the output side until every ingested id has landed somewhere, or time runs out."""
    deadline = time.monotonic() + timeout
    ledger = read()
    while time.monotonic() < deadline:
        missing = ledger.missing(ingested)
        if not missing:
            return ledger
        say(f"  waiting: {len(ingested) - len(missing)}/{len(ingested)} items accounted for")
        time.sleep(2.0)
        ledger = read()
    return ledger


def report(ledger: Ledger, ingested: list[str], say: Callable[[str], None]) -> bool:
    """Print per-topic results; True when every item is accounted for exactly once."""
    say("\n== Output routes ==")
    for route in sorted(ledger.routes):
        records = ledger.routes[route]
        say(f"wire.out.{route}: {len(records)} article(s)")
        for r in records:
            art = orjson.loads(r.value or b"{}")
            verdict = (art.get("dedup") or {}).get("verdict", "?")
            say(f"   - [{verdict} v{art.get('version')}] {art.get('headline', '')[:90]}")
    say(f"\n== wire.duplicates: {len(ledger.duplicates)} ==")
    for r in ledger.duplicates:
        notice = orjson.loads(r.value or b"{}")
        who = notice.get("publisher") or notice.get("source") or "?"
        tags = sum(len(notice.get(k) or []) for k in ("people", "organisations", "places"))
        say(
            f"   - {notice.get('headline', '')[:60]!r} ({who}) duplicates {notice.get('of')}"
            f" sim={notice.get('similarity', 0):.2f}; inherits {tags} entities and"
            f" {len(notice.get('subjects') or [])} subjects from {notice.get('tags_from')}"
        )
    say(f"\n== wire.dlq: {len(ledger.dead_letters)} ==")
    for r in ledger.dead_letters:
        letter = orjson.loads(r.value or b"{}")
        say(f"   - {letter.get('path')}: [{letter.get('stage')}/{letter.get('reason')}] "
            f"{letter.get('error', '')[:100]}")
    say("\n== Dedup verdicts ==")
    for verdict, count in sorted(ledger.verdicts().items()):
        say(f"   {verdict}: {count}")
    missing = ledger.missing(ingested)
    several = {t for t in ledger.in_several_places() if t in set(ingested)}
    accounted = len(ingested) - len(missing)
    say(f"\n== Accounting: {accounted}/{len(ingested)} items accounted for; "
        f"{len(missing)} missing; {len(several)} in more than one place ==")
    routed_ids = {trace_id(r) for recs in ledger.routes.values() for r in recs}
    say(f"   routed items: {len(routed_ids)}, duplicates: {len(ledger.duplicates)}, "
        f"dead letters: {len(ledger.dead_letters)}")
    return not missing and not several


def run_demo(settings: Settings, samples: Path, say: Callable[[str], None] = print) -> int:
    """The demo, start to finish; returns the process exit code."""
    run_id = time.strftime("%Y%m%d%H%M%S")
    settings = replace(
        settings, topic_prefix=f"demo-{run_id}.", app_id=f"wirestreams-demo-{run_id}",
        data_dir=f".run/demo-{run_id}",
    )
    names = TopicNames(settings.topic_prefix)
    rules = RuleSet.load(settings.rules_file)
    started_kafka = not local_kafka.is_running()
    if started_kafka:
        say("Starting the local Kafka broker (deploy/kafka) ...")
        local_kafka.kafka("up")
    worker = WorkerProcess(settings, Path(settings.data_dir) / "worker.log")
    try:
        asyncio.run(ensure_topics(settings.bootstrap, topic_specs(settings, rules.routes)))
        say(f"Topics ready with prefix {settings.topic_prefix!r}. Starting a worker ...")
        worker.start()
        worker.wait_ready()
        items = list(read_items([str(samples)], feed="samples"))
        say(f"Ingesting {len(items)} items from {samples} into {names.raw} ...")
        ingested = asyncio.run(produce_raw(settings.bootstrap, names.raw, items))
        ledger = wait_accounted(
            lambda: asyncio.run(read_ledger(settings.bootstrap, names, rules.routes)),
            ingested, timeout=180.0, say=say,
        )
        ok = report(ledger, ingested, say)
        say(f"\nMetrics are served at {worker.metrics_url} (worker log: {worker.log_path}); "
            "a sample of them:")
        for line in worker.scrape().splitlines():
            if line.startswith(SHOWN_METRICS):
                say(f"   {line}")
        return 0 if ok else 1
    finally:
        worker.stop()
        if started_kafka:
            say("Stopping the local Kafka broker ...")
            local_kafka.kafka("down", check=False)
