"""Topic names and their specs: partition counts and configs, from the settings.

Kept free of Kafka client imports so the names are shared by the agents, the CLI, the demo and
the tests; ``streams.kafka_admin`` turns the specs into real topics.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from streams.settings import Settings

ROUTE_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,100}$")

# Latest version per article uri wins on the output topics; a day of delete tombstones.
COMPACTED = {"cleanup.policy": "compact", "delete.retention.ms": str(24 * 3600 * 1000)}
# Raw and intermediate topics keep a week, enough to replay a dedup retention window.
WEEK = {"cleanup.policy": "delete", "retention.ms": str(7 * 24 * 3600 * 1000)}


#: a dead letter carries the original bytes (base64 when not UTF-8) plus the error, so it can be
#: a third larger than the largest raw item the broker takes (~1 MiB): the DLQ allows 4 MiB
DLQ_MAX_MESSAGE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class TopicSpec:
    name: str
    partitions: int
    config: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class TopicNames:
    """Every topic name the pipeline uses, with the configured prefix applied."""

    prefix: str = ""

    def _n(self, name: str) -> str:
        return f"{self.prefix}{name}"

    @property
    def raw(self) -> str:
        return self._n("wire.raw")

    @property
    def clean(self) -> str:
        return self._n("wire.clean")

    @property
    def unique(self) -> str:
        return self._n("wire.unique")

    @property
    def tagged(self) -> str:
        return self._n("wire.tagged")

    @property
    def duplicates(self) -> str:
        return self._n("wire.duplicates")

    @property
    def dlq(self) -> str:
        return self._n("wire.dlq")

    @property
    def control_rules(self) -> str:
        """Compacted: the routing rules in force, applied live by every worker."""
        return self._n("wire.control.rules")

    def out(self, route: str) -> str:
        if not ROUTE_NAME.match(route):
            raise ValueError(f"route name {route!r} is not a valid topic suffix")
        return self._n(f"wire.out.{route}")

    def route_of(self, topic: str) -> str | None:
        """The route name of an output topic, or None when the topic is not one."""
        head = self._n("wire.out.")
        return topic[len(head) :] if topic.startswith(head) else None


def topic_specs(settings: Settings, routes: Iterable[str]) -> list[TopicSpec]:
    """All topics a worker needs.

    ``wire.raw`` and ``wire.clean`` default to one partition: dedup needs a global index and
    items in arrival order (an original before its reprints, version 1 before version 2), and
    cleaning costs milliseconds, far under a wire's rate. ``wire.unique`` feeds the CPU-heavy
    tagger, so it has as many partitions as tagging worker processes; it and ``wire.tagged`` are
    keyed by story, so a copy never overtakes the version whose tags it inherits.
    """
    names = TopicNames(settings.topic_prefix)
    specs = [
        TopicSpec(names.raw, settings.raw_partitions, dict(WEEK)),
        TopicSpec(names.clean, settings.clean_partitions, dict(WEEK)),
        TopicSpec(names.unique, settings.tag_partitions, dict(WEEK)),
        TopicSpec(names.tagged, settings.out_partitions, dict(WEEK)),
        TopicSpec(names.duplicates, settings.out_partitions, dict(COMPACTED)),
        TopicSpec(names.dlq, 1, {**WEEK, "max.message.bytes": str(DLQ_MAX_MESSAGE_BYTES)}),
        TopicSpec(names.control_rules, 1, {"cleanup.policy": "compact"}),
    ]
    specs += [TopicSpec(names.out(r), settings.out_partitions, dict(COMPACTED)) for r in routes]
    return specs
