"""Producing raw items and reading topics back, for the CLI, the demo and the tests.

The worker itself talks to Kafka through Faust; these are the plain aiokafka clients a person
(or a test) uses around it.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterable

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from aiokafka.errors import KafkaError, MessageSizeTooLargeError

from streams.accounting import Ledger, Record
from streams.article import RawItem
from streams.headers import base_headers, normalise
from streams.topics import TopicNames


async def produce_raw(
    bootstrap: str, topic: str, items: Iterable[RawItem], attempts: int = 5
) -> list[str]:
    """Send raw items (key = raw id) and wait for every acknowledgement; return the ids sent.

    An idempotent producer that loses its broker (a restart) can stay wedged on sequence
    numbers, so a failed batch is sent again from a new producer. A resend is harmless: the
    raw id is the key, and the pipeline's verdicts are replay-safe.
    """
    pending = list(items)
    for attempt in range(1, attempts + 1):
        producer = AIOKafkaProducer(
            bootstrap_servers=bootstrap, acks="all", enable_idempotence=True, linger_ms=5
        )
        try:
            await producer.start()
            futures = [
                await producer.send(
                    topic, key=item.id.encode(), value=item.to_json(),
                    headers=list(base_headers(item.id).items()),
                )
                for item in pending
            ]
            await asyncio.gather(*futures)
            return [item.id for item in pending]
        except MessageSizeTooLargeError:
            raise  # sending it again cannot help; the caller names the item
        except KafkaError:
            if attempt == attempts:
                raise
            await asyncio.sleep(min(2.0 * attempt, 10.0))
        finally:
            await producer.stop()
    raise RuntimeError("unreachable")


async def assign_all(consumer: AIOKafkaConsumer, topic: str) -> list[TopicPartition]:
    """Assign every partition of ``topic`` to a group-less consumer (none if it is missing)."""
    partitions = consumer.partitions_for_topic(topic)
    if partitions is None:
        await consumer._client.force_metadata_update()
        partitions = consumer.partitions_for_topic(topic) or set()
    tps = [TopicPartition(topic, p) for p in sorted(partitions)]
    if tps:
        consumer.assign(tps)
    return tps


async def read_topic(
    bootstrap: str, topic: str, *, timeout: float = 10.0, from_beginning: bool = True
) -> list[Record]:
    """Everything on ``topic`` up to its end offsets at call time (no consumer group)."""
    consumer = AIOKafkaConsumer(
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
    )
    await consumer.start()
    try:
        tps = await assign_all(consumer, topic)
        if not tps:
            return []
        if from_beginning:
            await consumer.seek_to_beginning(*tps)
        end = await consumer.end_offsets(tps)
        records: list[Record] = []
        remaining = {tp for tp in tps if end[tp] > await consumer.position(tp)}
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while remaining and loop.time() < deadline:
            batch = await consumer.getmany(timeout_ms=500)
            for tp, messages in batch.items():
                for m in messages:
                    if m.offset < end[tp]:
                        records.append(
                            Record(
                                m.topic, m.partition, m.offset, m.key, m.value,
                                normalise(m.headers),
                            )
                        )
                if await consumer.position(tp) >= end[tp]:
                    remaining.discard(tp)
        return records
    finally:
        await consumer.stop()



async def tail_topic(
    bootstrap: str, topic: str, *, from_beginning: bool, follow: bool
) -> AsyncIterator[Record]:
    """Records of ``topic`` as they come; without ``follow``, stop at the end offsets."""
    if not follow:
        for record in await read_topic(bootstrap, topic, from_beginning=from_beginning):
            yield record
        return
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        enable_auto_commit=False,
        auto_offset_reset="earliest" if from_beginning else "latest",
    )
    await consumer.start()
    try:
        async for m in consumer:
            yield Record(m.topic, m.partition, m.offset, m.key, m.value, normalise(m.headers))
    finally:
        await consumer.stop()


async def read_ledger(bootstrap: str, names: TopicNames, routes: Iterable[str]) -> Ledger:
    """Read every output route, the duplicates and the dead letters from the beginning."""
    ledger = Ledger()
    for route in routes:
        ledger.add_route(route, await read_topic(bootstrap, names.out(route), timeout=5.0))
    ledger.duplicates.extend(await read_topic(bootstrap, names.duplicates, timeout=5.0))
    ledger.dead_letters.extend(await read_topic(bootstrap, names.dlq, timeout=5.0))
    return ledger
