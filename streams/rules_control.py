"""Live routing rules: publishing a rules file to the control topic and watching it.

``wirestreams rules publish FILE`` validates the file and writes it, as JSON, to the compacted
control topic under one key, so the topic always holds the rules in force. Every worker reads
that topic with its own group-less consumer (each worker needs every message, not a share of
them), from the beginning at start-up, and applies each valid version as it arrives. A value
that does not validate is reported and ignored: a bad file never replaces good rules.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from streams.errors import RulesError
from streams.stages.rules import RuleSet, read_rules_file

log = logging.getLogger("wirestreams.rules")

RULES_KEY = b"rules"


def encode_rules(obj: object, published_at: str | None = None) -> bytes:
    """The control-topic value: the rules object and when it was published."""
    stamp = published_at or datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    return orjson.dumps({"published_at": stamp, "rules": obj})


def decode_rules(value: bytes, origin: str) -> RuleSet:
    """A validated RuleSet from a control-topic value; RulesError when it is not one."""
    try:
        envelope = orjson.loads(value)
    except orjson.JSONDecodeError as exc:
        raise RulesError(f"{origin}: not JSON: {exc}") from exc
    if not isinstance(envelope, dict) or "rules" not in envelope:
        raise RulesError(f"{origin}: not a published rules record")
    return RuleSet.from_obj(envelope["rules"], origin=origin)


async def publish_rules(bootstrap: str, topic: str, path: str | Path) -> RuleSet:
    """Validate ``path`` and publish it; raises RulesError without publishing a bad file."""
    obj = read_rules_file(path)
    rules = RuleSet.from_obj(obj, origin=str(path))
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all")
    await producer.start()
    try:
        await producer.send_and_wait(topic, key=RULES_KEY, value=encode_rules(obj))
    finally:
        await producer.stop()
    return rules


async def watch_rules(
    bootstrap: str,
    topic: str,
    apply: Callable[[RuleSet], Awaitable[None]],
    reject: Callable[[RulesError], None],
    poll_seconds: float = 0.5,
) -> None:
    """Apply every rules version on ``topic`` as it arrives, until cancelled."""
    while True:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap, enable_auto_commit=False, auto_offset_reset="earliest"
        )
        try:
            await consumer.start()
            tp = TopicPartition(topic, 0)
            consumer.assign([tp])
            await consumer.seek_to_beginning(tp)
            while True:
                batch = await consumer.getmany(tp, timeout_ms=int(poll_seconds * 1000))
                messages = batch.get(tp, [])
                if not messages:
                    continue
                latest = messages[-1]  # a compacted topic: only the newest value counts
                origin = f"{topic}@{latest.offset}"
                try:
                    rules = decode_rules(latest.value or b"", origin)
                except RulesError as exc:
                    reject(exc)
                    continue
                await apply(rules)
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("rules watcher failed; reconnecting in 2 s")
            await asyncio.sleep(2.0)
        finally:
            await consumer.stop()
