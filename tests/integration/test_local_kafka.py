"""Proves the broker from deploy/kafka is a usable Kafka for the pipeline's own client and for kcat.

Needs `bash deploy/kafka/kafka.sh up` first; the address comes from WIRESTREAMS_BOOTSTRAP.
"""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import uuid

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic

pytestmark = pytest.mark.integration

BOOTSTRAP = os.environ.get("WIRESTREAMS_BOOTSTRAP", "127.0.0.1:9092")
TIMEOUT_S = 30.0


def _unique_topic() -> str:
    return f"it.local-kafka.{uuid.uuid4().hex[:12]}"


async def _create_topic(topic: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP, request_timeout_ms=15000)
    await admin.start()
    try:
        await admin.create_topics([NewTopic(name=topic, num_partitions=1, replication_factor=1)])
    finally:
        await admin.close()


async def _delete_topic(topic: str) -> None:
    admin = AIOKafkaAdminClient(bootstrap_servers=BOOTSTRAP, request_timeout_ms=15000)
    await admin.start()
    try:
        await admin.delete_topics([topic])
    finally:
        await admin.close()


async def _round_trip(topic: str, key: bytes, value: bytes) -> tuple[bytes | None, bytes | None]:
    producer = AIOKafkaProducer(bootstrap_servers=BOOTSTRAP, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(topic, value=value, key=key)
    finally:
        await producer.stop()

    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=BOOTSTRAP,
        group_id=f"it-{topic}",
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    try:
        record = await asyncio.wait_for(consumer.getone(), timeout=TIMEOUT_S)
        await consumer.commit()
    finally:
        await consumer.stop()
    return record.key, record.value


def test_topic_created_by_admin_client_carries_a_message_end_to_end() -> None:
    topic = _unique_topic()
    asyncio.run(_create_topic(topic))
    try:
        key = uuid.uuid4().hex.encode()
        value = b'{"headline": "Harbour ferry timetable changes from Monday"}'
        got_key, got_value = asyncio.run(_round_trip(topic, key, value))
        assert got_key == key
        assert got_value == value
    finally:
        asyncio.run(_delete_topic(topic))


def test_kcat_lists_a_topic_created_through_aiokafka() -> None:
    kcat = shutil.which("kcat")
    assert kcat is not None, "kcat is missing: run deploy/install-tools.sh"
    topic = _unique_topic()
    asyncio.run(_create_topic(topic))
    try:
        listing = subprocess.run(
            [kcat, "-b", BOOTSTRAP, "-L", "-t", topic, "-m", "15"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=True,
        )
        assert f'topic "{topic}" with 1 partitions' in listing.stdout, listing.stdout
    finally:
        asyncio.run(_delete_topic(topic))
