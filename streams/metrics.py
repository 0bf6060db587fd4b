"""The pipeline's Prometheus metrics: one registry per worker, names ``wirestreams_*``.

A ``Metrics`` object owns its own ``CollectorRegistry`` (not the client's global default), so
tests and several in-process pipelines never collide, and ``/metrics`` serves exactly this set.
Labels use the stage names from ``streams.stage_names``.
"""

from __future__ import annotations

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from streams import __version__
from streams.stage_names import STAGES

# Stage work is milliseconds (tagging tens of ms per batch); end to end spans seconds.
STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
E2E_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)

METRICS_CONTENT_TYPE = CONTENT_TYPE_LATEST


class Metrics:
    """Every metric the worker exports, registered on one registry."""

    def __init__(self, registry: CollectorRegistry | None = None) -> None:
        self.registry = registry or CollectorRegistry(auto_describe=True)
        r = self.registry
        self.messages_in = Counter(
            "wirestreams_messages_in", "Messages a stage took in.", ["stage"], registry=r
        )
        self.messages_out = Counter(
            "wirestreams_messages_out",
            "Messages a stage sent on, by outcome (ok, duplicate, routed).",
            ["stage", "outcome"],
            registry=r,
        )
        self.messages_failed = Counter(
            "wirestreams_messages_failed",
            "Messages a stage could not handle (each one is dead-lettered).",
            ["stage"],
            registry=r,
        )
        self.dead_letters = Counter(
            "wirestreams_dead_letters",
            "Messages written to the dead-letter topic, by stage and reason.",
            ["stage", "reason"],
            registry=r,
        )
        self.stage_latency = Histogram(
            "wirestreams_stage_latency_seconds",
            "Time a stage spent on one message (per message share of a batch for tagging).",
            ["stage"],
            buckets=STAGE_BUCKETS,
            registry=r,
        )
        self.end_to_end_latency = Histogram(
            "wirestreams_end_to_end_latency_seconds",
            "Time from ingest to the article's arrival on an output topic.",
            ["route"],
            buckets=E2E_BUCKETS,
            registry=r,
        )
        self.dedup_verdicts = Counter(
            "wirestreams_dedup_verdicts", "Dedup verdicts.", ["verdict"], registry=r
        )
        self.routed = Counter(
            "wirestreams_routed_articles", "Articles written to each route.", ["route"], registry=r
        )
        self.dedup_index_entries = Gauge(
            "wirestreams_dedup_index_entries",
            "Entries in this worker's dedup index (all key kinds).",
            registry=r,
        )
        self.dedup_expired = Counter(
            "wirestreams_dedup_expired", "Index records dropped by retention.", registry=r
        )
        self.build_info = Gauge(
            "wirestreams_build_info", "Wirestreams version running.", ["version"], registry=r
        )
        self.build_info.labels(version=__version__).set(1)
        # Touch every stage's children so series exist (at zero) before the first message.
        for stage in STAGES:
            self.messages_in.labels(stage=stage)
            self.messages_failed.labels(stage=stage)
            self.stage_latency.labels(stage=stage)

    def exposition(self) -> bytes:
        """The text format served on ``/metrics``."""
        return generate_latest(self.registry)
