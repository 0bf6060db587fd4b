"""The commit guard of the rewinding consumer: never commit past an offset nobody processed."""

from __future__ import annotations

from faust.types import TP

from streams.app import create_app
from streams.rewinding_consumer import HeldCommits, RewindingConsumer, head_gap
from streams.settings import Settings


def test_contiguous_acks_from_the_last_commit_leave_no_head_gap() -> None:
    assert not head_gap(floor=2, first_acked=2, gaps=[])


def test_acks_that_start_after_unprocessed_offsets_leave_a_head_gap() -> None:
    # offsets 2..17 were skipped as stale during a rebalance; 18 onwards were processed
    assert head_gap(floor=2, first_acked=18, gaps=[])


def test_a_partition_with_nothing_committed_is_guarded_from_where_it_started() -> None:
    assert head_gap(floor=0, first_acked=1, gaps=[])
    assert not head_gap(floor=None, first_acked=5, gaps=[])  # no start known: Faust's rules


def test_offsets_with_no_message_do_not_count_as_a_head_gap() -> None:
    # transaction markers or compacted-away records at 2..4 and 5..6
    assert not head_gap(floor=2, first_acked=7, gaps=[(5, 7), (2, 5)])
    assert head_gap(floor=2, first_acked=7, gaps=[(2, 4), (5, 7)])


def test_the_worker_app_consumes_with_the_rewinding_consumer(tmp_path: object) -> None:
    settings = Settings(topic_prefix="rw.", app_id="rewinding-test", store="memory://",
                        data_dir=str(tmp_path))
    app, _ = create_app(settings)
    assert isinstance(app.consumer, RewindingConsumer)


def test_a_hold_that_does_not_clear_is_rewound_once_per_period() -> None:
    tp = TP("wire.unique", 1)
    held = HeldCommits(rewind_after=20.0)
    assert not held.rewind_due(tp, 0, now=100.0)  # the hold starts
    assert not held.rewind_due(tp, 0, now=119.0)  # work in flight may still clear it
    assert held.rewind_due(tp, 0, now=121.0)
    assert not held.rewind_due(tp, 0, now=125.0)  # the rewind gets time to re-deliver
    assert held.rewind_due(tp, 0, now=142.0)


def test_a_released_hold_starts_its_clock_again() -> None:
    tp = TP("wire.unique", 0)
    held = HeldCommits(rewind_after=20.0)
    held.rewind_due(tp, 5, now=0.0)
    held.release(tp)
    assert not held.rewind_due(tp, 5, now=30.0)
