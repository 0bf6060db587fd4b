"""Creating and describing the pipeline's topics on the broker (aiokafka's admin client)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.errors import KafkaConnectionError, TopicAlreadyExistsError

from streams.topics import TopicSpec


async def _admin(bootstrap: str, attempts: int = 30) -> AIOKafkaAdminClient:
    """An admin client, retried while the broker is still coming up."""
    for attempt in range(attempts):
        client = AIOKafkaAdminClient(bootstrap_servers=bootstrap, request_timeout_ms=10000)
        try:
            await client.start()
            return client
        except KafkaConnectionError:
            await client.close()
            if attempt == attempts - 1:
                raise
            await asyncio.sleep(1.0)
    raise RuntimeError("unreachable")


async def ensure_topics(bootstrap: str, specs: Iterable[TopicSpec]) -> list[str]:
    """Create the topics that do not exist yet; return the names created."""
    client = await _admin(bootstrap)
    try:
        existing = set(await client.list_topics())
        missing = [s for s in specs if s.name not in existing]
        created: list[str] = []
        for spec in missing:
            topic = NewTopic(
                name=spec.name,
                num_partitions=spec.partitions,
                replication_factor=1,
                topic_configs=dict(spec.config),
            )
            try:
                await client.create_topics([topic])
                created.append(spec.name)
            except TopicAlreadyExistsError:
                pass  # another worker made it first
        return created
    finally:
        await client.close()


async def list_topics(bootstrap: str) -> dict[str, int]:
    """Topic name -> partition count, for every topic on the broker."""
    client = await _admin(bootstrap, attempts=3)
    try:
        names = await client.list_topics()
        described = await client.describe_topics(names)
        return {d["topic"]: len(d["partitions"]) for d in described}
    finally:
        await client.close()
