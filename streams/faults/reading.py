"""Reading whole topics back for the checker: committed records only, with timestamps.

``streams.kafka_io.read_topic`` gives the records a person looks at; the checker also needs
each record's timestamp (the dedup agent's ``now``) and must skip records of aborted
transactions, which an exactly-once worker never acted on.
"""

from __future__ import annotations

import asyncio

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient

from streams.consistency import Message
from streams.headers import normalise
from streams.kafka_io import assign_all


async def _stop(consumer: AIOKafkaConsumer) -> None:
    """Stop a consumer; aiokafka 0.14 can raise its own internal task's CancelledError when a
    group-less consumer stops right after starting, which is not our cancellation."""
    try:
        await consumer.stop()
    except asyncio.CancelledError:
        task = asyncio.current_task()
        if task is not None and task.cancelling():
            raise


async def read_all(bootstrap: str, topic: str, *, timeout: float = 120.0) -> list[Message]:
    """Every committed record of ``topic`` up to its end at call time, in offset order."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        isolation_level="read_committed",
        max_partition_fetch_bytes=8 * 1024 * 1024,
    )
    await consumer.start()
    try:
        tps = await assign_all(consumer, topic)
        if not tps:
            return []
        await consumer.seek_to_beginning(*tps)
        end = await consumer.end_offsets(tps)
        out: list[Message] = []
        remaining = {tp for tp in tps if end[tp] > await consumer.position(tp)}
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while remaining:
            if loop.time() > deadline:
                raise TimeoutError(f"reading {topic} took longer than {timeout:.0f}s")
            batch = await consumer.getmany(timeout_ms=500, max_records=10_000)
            for tp, records in batch.items():
                for r in records:
                    if r.offset < end[tp]:
                        out.append(Message(r.topic, r.partition, r.offset, r.key, r.value,
                                           normalise(r.headers), r.timestamp))  # fmt: skip
            for tp in list(remaining):
                if await consumer.position(tp) >= end[tp]:
                    remaining.discard(tp)
        out.sort(key=lambda m: (m.partition, m.offset))
        return out
    finally:
        await _stop(consumer)


async def _partitions(consumer: AIOKafkaConsumer, topics: list[str]) -> list[TopicPartition]:
    """Every partition of ``topics`` (a fresh consumer knows no topic until it asks)."""
    await consumer._client.force_metadata_update()
    return [TopicPartition(t, p) for t in topics for p in consumer.partitions_for_topic(t) or ()]


async def end_offsets(bootstrap: str, topics: list[str]) -> dict[str, int]:
    """Sum of the end offsets of each topic (a cheap "is anything still moving" probe)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        tps = await _partitions(consumer, topics)
        ends = await consumer.end_offsets(tps) if tps else {}
        totals: dict[str, int] = dict.fromkeys(topics, 0)
        for tp, offset in ends.items():
            totals[tp.topic] += offset
        return totals
    finally:
        await _stop(consumer)


async def group_lag(bootstrap: str, group: str, topics: list[str]) -> int:
    """Messages of ``topics`` the consumer group has not committed yet."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10000)
    await admin.start()
    try:
        committed = await admin.list_consumer_group_offsets(group)
    finally:
        await admin.close()
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        tps = await _partitions(consumer, topics)
        ends = await consumer.end_offsets(tps) if tps else {}
    finally:
        await _stop(consumer)
    lag = 0
    for tp, end in ends.items():
        meta = committed.get(tp)
        lag += end - (meta.offset if meta is not None and meta.offset >= 0 else 0)
    return lag


async def topics_with_prefix(bootstrap: str, *prefixes: str) -> list[str]:
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10000)
    await admin.start()
    try:
        return sorted(t for t in await admin.list_topics() if t.startswith(prefixes))
    finally:
        await admin.close()


async def delete_topics(bootstrap: str, topics: list[str]) -> None:
    if not topics:
        return
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=30000)
    await admin.start()
    try:
        await admin.delete_topics(topics)
    finally:
        await admin.close()


async def group_state(bootstrap: str, group: str) -> tuple[str, frozenset[str]]:
    """(state, member ids) of a consumer group, e.g. ("Stable", {...two ids...})."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10000)
    await admin.start()
    try:
        responses = await admin.describe_consumer_groups([group])
    finally:
        await admin.close()
    for response in responses:
        for entry in response.groups:
            # (error_code, group_id, state, protocol_type, protocol, members, ...)
            if entry[1] == group:
                return str(entry[2]), frozenset(str(member[0]) for member in entry[5])
    return "Dead", frozenset()
