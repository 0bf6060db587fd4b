"""``wirestreams status``: one screen on a running pipeline, for a person without Grafana.

Everything comes from two places a terminal can reach: the broker (topics, end offsets, the
consumer group's committed offsets, hence lag and message rates from two samples a few seconds
apart) and, when it answers, one worker's ``/metrics`` (rules version, stage rates, dead letters
by stage and reason, dedup index size). The broker half works with every worker down, which is
when a person most needs it. Gathering and rendering are separate so rendering is unit-tested.
"""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from prometheus_client.parser import text_string_to_metric_families

from streams.lag import PartitionLag, TopicPart, lag_by_topic, partition_lags
from streams.settings import Settings
from streams.topics import TopicNames

#: the topics a status shows: the pipeline's own (``<prefix>wire.*``), not Faust's changelogs
PIPELINE_TOPIC_STEM = "wire."


@dataclass(frozen=True, slots=True)
class TopicState:
    name: str
    partitions: int
    end: int  # sum of end offsets over partitions
    retained: int  # messages still on the topic (end - earliest, summed)
    rate: float | None  # messages per second appended, over the sampling interval


@dataclass(frozen=True, slots=True)
class WorkerView:
    """What one worker's ``/metrics`` says (counters are that worker's, since it started)."""

    url: str
    rules_versions: list[str]
    stage_rates: dict[str, float]
    dead_letters: dict[tuple[str, str], float]
    dedup_index_entries: float | None


@dataclass(slots=True)
class Snapshot:
    bootstrap: str
    group: str
    interval: float
    topics: list[TopicState]
    lags: list[PartitionLag]
    worker: WorkerView | None = None
    worker_error: str = ""
    local_rules_version: str = ""
    notes: list[str] = field(default_factory=list)


Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]


def parse_exposition(text: str) -> Samples:
    """(sample name, sorted labels) -> value, from the Prometheus text format."""
    return {
        (s.name, tuple(sorted(s.labels.items()))): float(s.value)
        for family in text_string_to_metric_families(text)
        for s in family.samples
    }


def _by_label(samples: Samples, name: str, label: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for (sample, labels), value in samples.items():
        if sample == name:
            key = dict(labels).get(label, "")
            out[key] = out.get(key, 0.0) + value
    return out


def worker_view(url: str, before: Samples, after: Samples, seconds: float) -> WorkerView:
    """Rates from two scrapes ``seconds`` apart; everything else from the later one."""
    first = _by_label(before, "wirestreams_messages_in_total", "stage")
    last = _by_label(after, "wirestreams_messages_in_total", "stage")
    rates = {s: max(0.0, v - first.get(s, 0.0)) / seconds for s, v in last.items()}
    letters = {
        (dict(labels).get("stage", ""), dict(labels).get("reason", "")): value
        for (sample, labels), value in after.items()
        if sample == "wirestreams_dead_letters_total"
    }
    versions = sorted(
        dict(labels)["version"]
        for (sample, labels), value in after.items()
        if sample == "wirestreams_rules_info" and value == 1.0
    )
    index = after.get(("wirestreams_dedup_index_entries", ()))
    return WorkerView(url, versions, rates, letters, index)


def topic_rates(
    before: Mapping[TopicPart, int], after: Mapping[TopicPart, int], seconds: float
) -> dict[str, float]:
    """Messages per second appended to each topic between two end-offset samples."""
    rates: dict[str, float] = {}
    for tp, end in after.items():
        grown = max(0, end - before.get(tp, end))
        rates[tp.topic] = rates.get(tp.topic, 0.0) + grown / seconds
    return rates


def render(snap: Snapshot) -> str:
    """The one-screen summary."""
    lines = [f"wirestreams status   broker {snap.bootstrap}   group {snap.group}   "
             f"(rates over {snap.interval:.1f} s)"]
    w = snap.worker
    if w is not None:
        version = ", ".join(w.rules_versions) or "unknown"
        index = "?" if w.dedup_index_entries is None else f"{w.dedup_index_entries:.0f}"
        lines.append(f"worker {w.url}: up   rules version {version}   dedup index {index} entries")
    else:
        lines.append(f"worker: not reachable ({snap.worker_error or 'no answer'}); "
                     f"rules file version {snap.local_rules_version or 'unknown'}")
    lines.append("")
    per_topic = lag_by_topic(snap.lags)
    lines.append(f"{'topic':<44}{'parts':>6}{'end':>10}{'msg/s':>9}{'lag':>8}")
    for t in snap.topics:
        rate = "-" if t.rate is None else f"{t.rate:.1f}"
        lag = per_topic.get(t.name)
        lines.append(f"{t.name:<44}{t.partitions:>6}{t.end:>10}{rate:>9}"
                     f"{'-' if lag is None else lag:>8}")
    lines.append(f"{'total lag':<44}{'':>6}{'':>10}{'':>9}{sum(per_topic.values()):>8}")
    lines.append("")
    dlq = next((t for t in snap.topics if t.name.endswith(PIPELINE_TOPIC_STEM + "dlq")), None)
    held = "no dead-letter topic" if dlq is None else f"{dlq.retained} on {dlq.name}"
    lines.append(f"dead letters: {held}")
    if w is not None:
        if w.dead_letters:
            reasons = ", ".join(f"{s}/{r} {v:.0f}" for (s, r), v in sorted(w.dead_letters.items()))
            lines.append(f"  this worker since start: {reasons}")
        stages = "  ".join(f"{s} {v:.1f}" for s, v in sorted(w.stage_rates.items()))
        lines.append(f"stage input (msg/s, this worker): {stages}")
    lines += [f"note: {n}" for n in snap.notes]
    return "\n".join(lines)


def _scrape(url: str, timeout: float = 3.0) -> Samples:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        body: bytes = response.read()
    return parse_exposition(body.decode("utf-8"))


async def _end_offsets(
    consumer: AIOKafkaConsumer, tps: list[TopicPartition]
) -> dict[TopicPart, int]:
    ends = await consumer.end_offsets(tps)
    return {TopicPart(tp.topic, tp.partition): int(v) for tp, v in ends.items()}


async def gather(settings: Settings, interval: float = 3.0, metrics_url: str = "") -> Snapshot:
    """Sample the broker (and the worker at ``metrics_url``) twice, ``interval`` seconds apart."""
    from streams.stages.rules import RuleSet

    stem = TopicNames(settings.topic_prefix).raw.removesuffix("raw")
    admin = AIOKafkaAdminClient(bootstrap_servers=settings.bootstrap, request_timeout_ms=10000)
    consumer = AIOKafkaConsumer(bootstrap_servers=settings.bootstrap, enable_auto_commit=False)
    try:
        await admin.start()
        await consumer.start()
        names = sorted(n for n in await admin.list_topics() if n.startswith(stem))
        described = await admin.describe_topics(names) if names else []
        counts = {d["topic"]: len(d["partitions"]) for d in described}
        tps = [TopicPartition(t, p) for t in names for p in range(counts.get(t, 0))]
        committed_raw = await admin.list_consumer_group_offsets(settings.app_id)
        before_scrape: Samples | None = None
        worker_error = ""
        if metrics_url:
            try:
                before_scrape = await asyncio.to_thread(_scrape, metrics_url)
            except (urllib.error.URLError, OSError, ValueError) as exc:
                worker_error = str(getattr(exc, "reason", exc))
        before = await _end_offsets(consumer, tps) if tps else {}
        await asyncio.sleep(interval)
        after = await _end_offsets(consumer, tps) if tps else {}
        earliest_raw = await consumer.beginning_offsets(tps) if tps else {}
        after_scrape: Samples | None = None
        if before_scrape is not None:
            try:
                after_scrape = await asyncio.to_thread(_scrape, metrics_url)
            except (urllib.error.URLError, OSError, ValueError) as exc:
                worker_error = str(getattr(exc, "reason", exc))
    finally:
        await consumer.stop()
        await admin.close()

    earliest = {TopicPart(tp.topic, tp.partition): int(v) for tp, v in earliest_raw.items()}
    committed = {
        TopicPart(tp.topic, tp.partition): (meta.offset if meta.offset >= 0 else None)
        for tp, meta in committed_raw.items()
    }
    consumed = {tp.topic for tp in committed}
    rates = topic_rates(before, after, interval)
    topics = [
        TopicState(
            name=t,
            partitions=counts.get(t, 0),
            end=sum(v for tp, v in after.items() if tp.topic == t),
            retained=sum(v - earliest.get(tp, 0) for tp, v in after.items() if tp.topic == t),
            rate=rates.get(t),
        )
        for t in names
    ]
    lags = partition_lags(
        {tp: v for tp, v in after.items() if tp.topic in consumed}, committed, earliest
    )
    snap = Snapshot(settings.bootstrap, settings.app_id, interval, topics, lags)
    if before_scrape is not None and after_scrape is not None:
        snap.worker = worker_view(metrics_url, before_scrape, after_scrape, interval)
    else:
        snap.worker_error = worker_error
        try:
            snap.local_rules_version = RuleSet.load(settings.rules_file).version
        except Exception as exc:  # the status must print even with a broken rules file
            snap.notes.append(f"rules file {settings.rules_file}: {exc}")
    if not names:
        snap.notes.append(f"no topics named {stem}* on the broker: is the prefix right?")
    if not committed:
        snap.notes.append(f"group {settings.app_id} has committed nothing yet")
    return snap
