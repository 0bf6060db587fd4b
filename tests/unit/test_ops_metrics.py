"""The ops metrics: consumer lag, feed freshness, rules version; the lag arithmetic and sampler."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from prometheus_client.parser import text_string_to_metric_families

from streams.lag import PartitionLag, TopicPart, lag_by_topic, partition_lags, sample_consumer
from streams.metrics import MAX_FEEDS, OTHER_FEED, FeedFreshness, Metrics


def samples(m: Metrics) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    text = m.exposition().decode()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for fam in text_string_to_metric_families(text)
        for s in fam.samples
    }


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_feed_age_grows_while_a_feed_is_silent() -> None:
    clock = Clock(1000.0)
    feeds = FeedFreshness(clock)
    feeds.seen("ap", 990.0)
    first = {s.labels["feed"]: s.value for fam in feeds.collect() for s in fam.samples
             if s.name.endswith("age_seconds")}
    clock.now = 1600.0
    later = {s.labels["feed"]: s.value for fam in feeds.collect() for s in fam.samples
             if s.name.endswith("age_seconds")}
    assert first == {"ap": 10.0}
    assert later == {"ap": 610.0}


def test_an_older_item_arriving_late_does_not_make_a_feed_look_staler() -> None:
    feeds = FeedFreshness(Clock(100.0))
    feeds.seen("afp", 90.0)
    feeds.seen("afp", 50.0)
    assert feeds.last_seen() == {"afp": 90.0}


def test_feed_names_past_the_cap_are_counted_as_other() -> None:
    feeds = FeedFreshness(Clock(0.0))
    for i in range(MAX_FEEDS + 5):
        feeds.seen(f"feed-{i}", float(i))
    seen = feeds.last_seen()
    assert len(seen) == MAX_FEEDS + 1
    assert seen[OTHER_FEED] == float(MAX_FEEDS + 4)


def test_items_without_a_feed_still_count_for_freshness() -> None:
    feeds = FeedFreshness(Clock(5.0))
    feeds.seen(None)
    assert feeds.last_seen() == {"unnamed": 5.0}


def test_worker_metrics_export_freshness_lag_and_rules_version() -> None:
    m = Metrics()
    m.feeds.seen("reuters")
    m.set_rules_version("2024-05-01")
    m.set_rules_version("2024-06-01")
    m.set_lag([PartitionLag("wire.raw", 0, 10, 4, 6), PartitionLag("wire.clean", 1, 3, 3, 0)])
    got = samples(m)
    assert ("wirestreams_rules_info", (("version", "2024-06-01"),)) in got
    assert ("wirestreams_rules_info", (("version", "2024-05-01"),)) not in got
    assert got[("wirestreams_consumer_lag", (("partition", "0"), ("topic", "wire.raw")))] == 6
    assert got[("wirestreams_consumer_lag", (("partition", "1"), ("topic", "wire.clean")))] == 0
    assert ("wirestreams_feed_last_item_age_seconds", (("feed", "reuters"),)) in got


def test_lag_series_of_partitions_given_away_in_a_rebalance_disappear() -> None:
    m = Metrics()
    m.set_lag([PartitionLag("wire.unique", 0, 5, 1, 4), PartitionLag("wire.unique", 1, 5, 1, 4)])
    m.set_lag([PartitionLag("wire.unique", 1, 5, 2, 3)])
    lag = {k: v for k, v in samples(m).items() if k[0] == "wirestreams_consumer_lag"}
    assert lag == {("wirestreams_consumer_lag", (("partition", "1"), ("topic", "wire.unique"))): 3}


def test_lag_is_end_minus_committed_and_never_negative() -> None:
    a, b, c = TopicPart("t", 0), TopicPart("t", 1), TopicPart("u", 0)
    lags = partition_lags({a: 100, b: 7, c: 50}, {a: 60, b: 9, c: None}, earliest={c: 20})
    got = [(x.topic, x.partition, x.lag) for x in lags]
    assert got == [("t", 0, 40), ("t", 1, 0), ("u", 0, 30)]
    assert lag_by_topic(lags) == {"t": 40, "u": 30}


@dataclass
class FakeConsumer:
    """Faust's consumer as the sampler sees it: assignment, highwaters, committed, position."""

    assigned: set[TopicPart]
    ends: dict[TopicPart, int]
    _committed_offset: dict[TopicPart, int | None] = field(default_factory=dict)
    positions: dict[TopicPart, int] = field(default_factory=dict)

    def assignment(self) -> set[Any]:
        return set(self.assigned)

    async def highwaters(self, *partitions: Any) -> Mapping[Any, int]:
        return {tp: self.ends[tp] for tp in partitions}

    async def position(self, tp: Any) -> int | None:
        return self.positions.get(tp)


def test_sampler_reads_only_pipeline_topics_and_falls_back_to_position() -> None:
    raw, clean, changelog = TopicPart("wire.raw", 0), TopicPart("wire.clean", 0), TopicPart("x", 0)
    consumer = FakeConsumer(
        assigned={raw, clean, changelog},
        ends={raw: 30, clean: 12, changelog: 999},
        _committed_offset={raw: 25},
        positions={clean: 2},
    )
    lags = asyncio.run(sample_consumer(consumer, ["wire.raw", "wire.clean"]))
    assert [(x.topic, x.lag) for x in lags] == [("wire.clean", 10), ("wire.raw", 5)]


def test_sampler_with_nothing_assigned_asks_the_broker_nothing() -> None:
    consumer = FakeConsumer(assigned=set(), ends={})
    assert asyncio.run(sample_consumer(consumer, ["wire.raw"])) == []


def test_known_routes_and_verdicts_have_series_before_their_first_article() -> None:
    m = Metrics()
    m.touch_routes(["politics", "business"])
    got = samples(m)
    assert got[("wirestreams_routed_articles_total", (("route", "politics"),))] == 0
    assert got[("wirestreams_end_to_end_latency_seconds_count", (("route", "business"),))] == 0
    assert got[("wirestreams_dedup_verdicts_total", (("verdict", "duplicate"),))] == 0
