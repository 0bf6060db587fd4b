"""The worker's events refuse the ack faust-streaming gives a message its stream skipped.

A skipped message (fetched under an older consumer generation, or while flow control is
paused for a rebalance) is never taken in, so it is never marked ``tracked``; it must stay
unacknowledged, or the commit moves past a message that was never processed: the fault
harness lost a raw item that way. Messages a stream took in are acked as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from faust.types.tuples import ConsumerMessage

from streams.app import KeepSkippedUnacked


@dataclass
class Consumer:
    acked: list[int] = field(default_factory=list)

    def ack(self, message: ConsumerMessage) -> bool:
        self.acked.append(message.offset)
        return True


@dataclass
class App:
    consumer: Consumer = field(default_factory=Consumer)


def event(app: App, offset: int, tracked: bool) -> KeepSkippedUnacked:
    message = ConsumerMessage("wire.raw", 0, offset, 0.0, 0, None, b"k", b"v", None,
                              generation_id=3)  # fmt: skip
    message.tracked = tracked
    return KeepSkippedUnacked(app, b"k", b"v", None, message)  # type: ignore[arg-type]


def test_a_message_the_stream_took_in_is_acked() -> None:
    app = App()
    assert event(app, 5, tracked=True).ack() is True
    assert app.consumer.acked == [5]


def test_a_message_the_stream_skipped_stays_unacked() -> None:
    app = App()
    assert event(app, 5, tracked=False).ack() is False
    assert app.consumer.acked == []


def test_only_the_skipped_offset_is_left_out_of_a_run_of_acks() -> None:
    app = App()
    for offset, tracked in ((10, True), (11, False), (12, True)):
        event(app, offset, tracked).ack()
    assert app.consumer.acked == [10, 12]
