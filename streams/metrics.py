"""The pipeline's Prometheus metrics: one registry per worker, names ``wirestreams_*``.

A ``Metrics`` object owns its own ``CollectorRegistry`` (not the client's global default), so
tests and several in-process pipelines never collide, and ``/metrics`` serves exactly this set.
Labels use the stage names from ``streams.stage_names``.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from typing import get_args

from prometheus_client import (
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from prometheus_client.registry import Collector

from streams import __version__
from streams.article import Verdict
from streams.lag import PartitionLag
from streams.stage_names import STAGES

# Stage work is milliseconds (tagging tens of ms per batch); end to end spans seconds.
STAGE_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)
E2E_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 300.0)

METRICS_CONTENT_TYPE = CONTENT_TYPE_LATEST

#: feed names come from whoever ingests; past this many distinct feeds, new ones are counted
#: under OTHER_FEED so a misconfigured ingester cannot blow up the series count
MAX_FEEDS = 200
OTHER_FEED = "other"
UNNAMED_FEED = "unnamed"


class FeedFreshness(Collector):
    """Seconds since each feed's last item, computed at scrape time.

    A gauge set when an item arrives would freeze at its last value while a feed is silent,
    which is exactly when it matters; the age must grow on every scrape, so it is a collector
    that subtracts the last-seen time from the clock when Prometheus asks.
    """

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._last: dict[str, float] = {}

    def seen(self, feed: str | None, at: float | None = None) -> None:
        """Record an item of ``feed`` that arrived at ``at`` (epoch seconds; now if None)."""
        name = feed or UNNAMED_FEED
        if name not in self._last and len(self._last) >= MAX_FEEDS:
            name = OTHER_FEED
        when = self._clock() if at is None else at
        self._last[name] = max(when, self._last.get(name, when))

    def last_seen(self) -> dict[str, float]:
        return dict(self._last)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        now = self._clock()
        age = GaugeMetricFamily(
            "wirestreams_feed_last_item_age_seconds",
            "Seconds since the last item of each feed arrived on wire.raw (as this worker saw).",
            labels=["feed"],
        )
        stamp = GaugeMetricFamily(
            "wirestreams_feed_last_item_timestamp_seconds",
            "Arrival time (Unix seconds) of the last item of each feed this worker saw.",
            labels=["feed"],
        )
        for feed, last in sorted(self._last.items()):
            age.add_metric([feed], max(0.0, now - last))
            stamp.add_metric([feed], last)
        yield age
        yield stamp


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
        self.duplicate_tags = Counter(
            "wirestreams_duplicate_notices",
            "Duplicate notices sent, by whether they inherited their story's tags (inherited: "
            "yes or no; no means the story had no tagged version to give).",
            ["inherited"],
            registry=r,
        )
        self.withdrawals = Counter(
            "wirestreams_route_withdrawals",
            "Withdrawal and kill records sent to a route (kind: withdrawal or kill).",
            ["route", "kind"],
            registry=r,
        )
        self.rules_rejected = Counter(
            "wirestreams_rules_rejected",
            "Published rules that failed validation and were not applied.",
            registry=r,
        )
        self.build_info = Gauge(
            "wirestreams_build_info", "Wirestreams version running.", ["version"], registry=r
        )
        self.build_info.labels(version=__version__).set(1)
        self.rules_info = Gauge(
            "wirestreams_rules_info",
            "Routing rules version this worker applies (value 1 on the version in use).",
            ["version"],
            registry=r,
        )
        self.consumer_lag = Gauge(
            "wirestreams_consumer_lag",
            "Messages on a source partition this worker owns that its group has not committed.",
            ["topic", "partition"],
            registry=r,
        )
        self.feeds = FeedFreshness()
        r.register(self.feeds)
        # Touch every stage's children so series exist (at zero) before the first message.
        for stage in STAGES:
            self.messages_in.labels(stage=stage)
            self.messages_failed.labels(stage=stage)
            self.stage_latency.labels(stage=stage)
        # Same for the verdicts: a counter first seen at N makes increase() miss those N.
        for verdict in get_args(Verdict):
            self.dedup_verdicts.labels(verdict=verdict)
        for inherited in ("yes", "no"):
            self.duplicate_tags.labels(inherited=inherited)

    def touch_routes(self, routes: Iterable[str]) -> None:
        """Create each route's series at zero, so its first articles show in rate()/increase()."""
        for route in routes:
            self.routed.labels(route=route)
            self.end_to_end_latency.labels(route=route)

    def set_rules_version(self, version: str) -> None:
        """Mark ``version`` as the rules in use; the previous version's series goes away."""
        self.rules_info.clear()
        self.rules_info.labels(version=version).set(1)

    def set_lag(self, lags: Iterable[PartitionLag]) -> None:
        """Replace the lag series with ``lags``.

        Partitions this worker no longer owns (after a rebalance) are removed, so the sum over
        workers never counts a partition twice.
        """
        self.consumer_lag.clear()
        for lag in lags:
            self.consumer_lag.labels(topic=lag.topic, partition=str(lag.partition)).set(lag.lag)

    def exposition(self) -> bytes:
        """The text format served on ``/metrics``."""
        return generate_latest(self.registry)
