"""Consumer lag: how far a consumer group is behind the end of each partition it reads.

Lag is ``end offset - committed offset``: what the group would still have to process if it
restarted now. The arithmetic is pure (shared by the worker's metrics and ``wirestreams status``);
``sample_consumer`` reads the offsets from any consumer that looks like Faust's, so the Faust
agents stay thin and the reading is testable with a stand-in.
"""

from __future__ import annotations

from collections.abc import Awaitable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol


class TopicPart(NamedTuple):
    """A (topic, partition) pair; Faust's and aiokafka's TP/TopicPartition unpack the same way."""

    topic: str
    partition: int


@dataclass(frozen=True, slots=True)
class PartitionLag:
    topic: str
    partition: int
    end: int
    committed: int | None
    lag: int


def partition_lags(
    ends: Mapping[TopicPart, int],
    committed: Mapping[TopicPart, int | None],
    earliest: Mapping[TopicPart, int] | None = None,
) -> list[PartitionLag]:
    """Lag of every partition in ``ends``, sorted by topic and partition.

    A partition the group never committed on is read from its earliest retained offset (the
    pipeline's consumers reset to earliest), so its lag is everything retained. A committed
    offset past the end (the topic was recreated) counts as no lag rather than a negative one.
    """
    first = earliest or {}
    out: list[PartitionLag] = []
    for tp in sorted(ends, key=lambda t: (t[0], t[1])):
        topic, partition = tp[0], tp[1]
        end = ends[tp]
        done = committed.get(tp)
        start = done if done is not None else first.get(tp, 0)
        out.append(PartitionLag(topic, partition, end, done, max(0, end - start)))
    return out


def lag_by_topic(lags: Iterable[PartitionLag]) -> dict[str, int]:
    """Total lag per topic."""
    totals: dict[str, int] = {}
    for lag in lags:
        totals[lag.topic] = totals.get(lag.topic, 0) + lag.lag
    return totals


class ConsumerView(Protocol):
    """The part of ``faust.transport.consumer.Consumer`` the lag sampler reads."""

    def assignment(self) -> set[Any]: ...

    def highwaters(self, *partitions: Any) -> Awaitable[Mapping[Any, int]]: ...

    def position(self, tp: Any) -> Awaitable[int | None]: ...


async def sample_consumer(consumer: ConsumerView, topics: Iterable[str]) -> list[PartitionLag]:
    """Lag of the partitions of ``topics`` assigned to this consumer.

    Committed offsets are the ones Faust tracks for its own commits (its ``_committed_offset``
    map, filled from the broker on assignment and on each commit); where none is known yet the
    consumer's fetch position stands in, which under-reports by at most one fetch buffer.
    """
    wanted = set(topics)
    tps = [tp for tp in consumer.assignment() if tp.topic in wanted]
    if not tps:
        return []
    ends = await consumer.highwaters(*tps)
    known: Mapping[Any, int | None] = getattr(consumer, "_committed_offset", {})
    committed: dict[TopicPart, int | None] = {}
    for tp in tps:
        offset = known.get(tp)
        if offset is None:
            offset = await consumer.position(tp)
        committed[TopicPart(tp.topic, tp.partition)] = offset
    return partition_lags(
        {TopicPart(tp.topic, tp.partition): ends[tp] for tp in tps if tp in ends}, committed
    )
