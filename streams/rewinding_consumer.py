"""A Faust Kafka consumer that never commits past a message its stream has not processed.

The fault harness lost the first 16 items of a 5,000-item run (``make faults``, seed 7): they
reached ``wire.tagged`` while the group was rebalancing for the first time, and the route
agent never saw them, yet the group's committed offset moved past them. Two behaviours of
aiokafka 0.14 and faust-streaming 0.15.3 combine into that loss:

1. aiokafka's ``seek_to_committed`` seeks a partition only to a committed offset above 0. A
   partition this worker keeps across a rebalance, with nothing (or 0) committed yet, is not
   rewound: the fetch position stays after the messages fetched under the old generation,
   which the stream skipped as stale. They are never fetched again.
2. Faust's guard against a gap at the head of the acknowledged offsets only runs when the
   committed offset is known and above 0, so acknowledging the later messages commits past
   the skipped ones.

So this consumer rewinds such a partition to where a fresh consumer would start (offset 0, or
the log start, or the end under ``auto_offset_reset=latest``), and holds the commit while any
offset between the last commit (or that start) and the first acknowledged one was never
acknowledged. A hold that does not clear by itself (the stream dropped the re-fetched copies
as already read, another rebalance race) rewinds the partition to the held offset after
``REWIND_AFTER_SECONDS``. Rewinding re-delivers what the stream skipped and some of what it
processed: at least once, as promised, and the stages are replay-safe. Changelog partitions
(no acks) are left to Faust's table recovery.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from faust.transport.drivers.aiokafka import AIOKafkaConsumerThread, Consumer, Transport
from faust.types import TP

log = logging.getLogger("wirestreams.consumer")

#: how long a held commit waits for its missing offsets before the partition is rewound; well
#: above a tag batch's time in the model, so a hold that is only work in flight never rewinds
REWIND_AFTER_SECONDS = 20.0


def head_gap(floor: int | None, first_acked: int, gaps: Iterable[tuple[int, int]]) -> bool:
    """Whether some offset in ``[floor, first_acked)`` was neither acknowledged nor a known gap.

    ``floor`` is the next offset to process after the last commit (Kafka's committed-offset
    meaning); ``gaps`` are half-open ranges with no message (transaction markers, compaction).
    """
    if floor is None or first_acked <= floor:
        return False
    reached = floor
    for begin, end in sorted(gaps):
        if begin > reached:
            break
        reached = max(reached, end)
        if reached >= first_acked:
            return False
    return reached < first_acked


@dataclass
class HeldCommits:
    """Since when each partition's commit has been held at an offset, to rewind stuck ones."""

    rewind_after: float = REWIND_AFTER_SECONDS
    since: dict[tuple[TP, int], float] = field(default_factory=dict)

    def rewind_due(self, tp: TP, floor: int, now: float) -> bool:
        """Whether the hold at ``floor`` has lasted long enough; then the clock starts again."""
        started = self.since.setdefault((tp, floor), now)
        if now - started < self.rewind_after:
            return False
        self.since[(tp, floor)] = now
        return True

    def release(self, tp: TP) -> None:
        for key in [k for k in self.since if k[0] == tp]:
            del self.since[key]


class RewindingConsumerThread(AIOKafkaConsumerThread):
    """Seeks every stream partition, including those with nothing committed yet."""

    async def seek_to_committed(self) -> Mapping[TP, int]:
        result: Mapping[TP, int] = await self.call_thread(self._seek_to_committed_or_start)
        return result

    async def _seek_to_committed_or_start(self) -> Mapping[TP, int]:
        consumer = self._ensure_consumer()
        committed: dict[Any, Any] = await consumer.seek_to_committed()
        acking = self.app.topics.acks_enabled_for
        unset = [tp for tp, offset in committed.items() if not offset and acking(tp.topic)]
        if not unset:
            return committed
        if self.app.conf.consumer_auto_offset_reset == "latest":
            starts = await consumer.end_offsets(unset)
        else:
            starts = await consumer.beginning_offsets(unset)
        delegate = self.consumer
        for tp in unset:
            start = 0 if committed[tp] == 0 else int(starts[tp])
            consumer.seek(tp, start)
            if isinstance(delegate, RewindingConsumer):
                delegate.start_offsets[TP(tp.topic, tp.partition)] = start
        return committed


class RewindingConsumer(Consumer):
    """Holds a partition's commit while its head has offsets nobody processed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        #: where processing of a partition with nothing committed (re)started
        self.start_offsets: dict[TP, int] = {}
        self.held = HeldCommits()

    def _new_consumer_thread(self) -> AIOKafkaConsumerThread:
        return RewindingConsumerThread(self, loop=self.loop, beacon=self.beacon)

    def _new_offset(self, tp: TP) -> int | None:
        acked = self._acked.get(tp)
        if acked:
            committed = self._committed_offset.get(tp)
            floor = committed if committed is not None else self.start_offsets.get(tp)
            first = min(acked)
            spans = [(iv.begin, iv.end) for iv in self._gap.get(tp) or ()]
            if floor is not None and head_gap(floor, first, spans):
                if self.held.rewind_due(tp, floor, time.monotonic()):
                    log.warning("commit of %s held at %s for %.0fs (offsets to %s never "
                                "processed): rewinding", tp, floor, self.held.rewind_after,
                                first - 1)  # fmt: skip
                    self.add_future(self._rewind(tp, floor))
                return None
            self.held.release(tp)
        offset: int | None = super()._new_offset(tp)
        return offset

    async def _rewind(self, tp: TP, offset: int) -> None:
        try:
            await self.seek(tp, offset)
        except Exception as exc:  # revoked meanwhile: its next owner starts from the commit
            log.info("rewind of %s to %s skipped: %r", tp, offset, exc)


class RewindingTransport(Transport):
    """The aiokafka transport with the rewinding consumer."""

    Consumer = RewindingConsumer
