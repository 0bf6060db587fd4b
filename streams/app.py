"""The Faust application: broker, store, web server, the tables and the agents.

``create_app`` is the one place that turns Settings into a Faust app; nothing is built at import
time, so tests make as many isolated apps (own prefix, own group) as they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import faust
from faust.types import TransportT

from streams.metrics import Metrics
from streams.pipeline import Stages
from streams.rewinding_consumer import RewindingTransport
from streams.settings import Settings
from streams.topics import DLQ_MAX_MESSAGE_BYTES, TopicNames

DEDUP_TABLE = "dedup-index"
ROUTE_HISTORY_TABLE = "route-history"
PUBLISHER_LINES_TABLE = "publisher-lines"


class KeepSkippedUnacked(faust.Event):
    """An event that refuses to be acknowledged when its stream *skipped* it.

    faust-streaming's stream skips a message fetched under an older consumer generation (or
    while flow control is paused for a rebalance) before taking it in, and then acks it
    anyway. When the partition stays with this worker, that ack marks the offset done: the
    copy fetched again after the seek is dropped as already acked, and the next commit moves
    past a message nobody processed. The fault harness caught exactly that (one raw item of
    5,000 never cleaned after a SIGKILL handed the raw partition over). A stream marks every
    message it takes in as ``tracked`` before processing it, so an untracked message was
    skipped: refusing its ack leaves a gap the commit cannot pass, and the message is
    processed when it is fetched again. Messages taken in are acked as usual, even while a
    rebalance pauses the flow (the revocation waits for exactly those acks). Fetching it again
    needs a seek, which aiokafka skips for a partition with nothing committed yet: the
    rewinding consumer (``streams.rewinding_consumer``) covers that case.
    """

    def ack(self) -> bool:
        if not self.message.tracked:
            return False
        return super().ack()


class WirestreamsApp(faust.App):
    """The Faust app on the rewinding consumer (``streams.rewinding_consumer``)."""

    def _new_transport(self) -> TransportT:
        return RewindingTransport(self.conf.broker_consumer, self)


@dataclass
class WorkerContext:
    """What every agent of one worker shares: config, metrics, topic names, stage objects."""

    settings: Settings
    metrics: Metrics
    names: TopicNames
    stages: Stages


def create_app(settings: Settings, stages: Stages | None = None) -> tuple[faust.App, WorkerContext]:
    """A Faust app wired with the pipeline's agents and its ``/metrics`` page."""
    from streams.agents import register_agents  # agents need the app object first

    Path(settings.data_dir).mkdir(parents=True, exist_ok=True)
    app = WirestreamsApp(
        settings.app_id,
        broker=settings.broker_url,
        store=settings.store,
        datadir=settings.data_dir,
        web_host=settings.web_host,
        web_bind=settings.web_host,
        web_port=settings.web_port,
        topic_replication_factor=1,
        topic_partitions=settings.clean_partitions,
        topic_allow_declare=True,
        consumer_auto_offset_reset="earliest",
        producer_acks=-1,
        key_serializer="raw",
        value_serializer="raw",
        broker_commit_every=50,
        broker_commit_interval=1.0,
        table_cleanup_interval=60.0,
        web_in_thread=False,
        processing_guarantee=settings.processing_guarantee,
        broker_session_timeout=settings.session_timeout_seconds,
        Event=KeepSkippedUnacked,
        producer_max_request_size=DLQ_MAX_MESSAGE_BYTES,
    )
    ctx = WorkerContext(
        settings=settings,
        metrics=Metrics(),
        names=TopicNames(settings.topic_prefix),
        stages=stages or Stages(settings),
    )
    table: Any = app.Table(
        DEDUP_TABLE,
        default=None,
        partitions=settings.clean_partitions,
        schema=faust.Schema(key_serializer="json", value_serializer="json"),
    )
    history: Any = app.Table(
        ROUTE_HISTORY_TABLE,
        default=None,
        partitions=settings.out_partitions,
        schema=faust.Schema(key_serializer="json", value_serializer="json"),
    )
    # Learned boilerplate lines, one key per publisher; written by the clean agent, so it is
    # partitioned like wire.raw.
    lines: Any = app.Table(
        PUBLISHER_LINES_TABLE,
        default=None,
        partitions=settings.raw_partitions,
        schema=faust.Schema(key_serializer="json", value_serializer="json"),
    )
    register_agents(app, ctx, table, history, lines)
    return app, ctx
