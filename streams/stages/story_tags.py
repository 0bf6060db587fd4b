"""A story's tags, kept per story so that its copies inherit them instead of being tagged again.

A syndicated reprint says nothing the agency original did not: running the model over it again
costs a tagging pass and can only disagree with the original's tags. So dedup sends copies on
with the story's other versions, keyed by story (one partition, in order), the tag stage passes
them through untouched, and the route stage, which already keeps one history record per story,
keeps there the tags of the story's latest routed version and puts them on each copy's notice.

The history record is the JSON object the route agent stores per story::

    {"routes": {route: [uri, ...]},        # deliveries.plan_deliveries
     "tags": [uri, version, people, organisations, places, subjects],
     "seen": epoch seconds of the last version routed}

Tags are kept as JSON arrays (a record per story, repeated in the changelog). Pure: no Kafka.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any

from streams.article import Article, Entity, Subject

#: kills and withdrawals carry a notice, not the story: their text is no source of tags
NO_TAGS_STATUSES: frozenset[str] = frozenset({"canceled", "withheld"})


def _entity_value(entity: Entity) -> list[Any]:
    return [entity.name, entity.mentions, entity.relevance, entity.id]


def _entity(value: list[Any]) -> Entity:
    name, mentions, relevance, ident = value
    return Entity(str(name), int(mentions), None if relevance is None else float(relevance),
                  None if ident is None else str(ident))  # fmt: skip


def _subject(value: list[Any]) -> Subject:
    code, name, relevance = value
    return Subject(str(code), str(name), None if relevance is None else float(relevance))


@dataclass(frozen=True, slots=True)
class StoryTags:
    """The tags of one tagged version of a story (``uri``, ``version``): what copies inherit."""

    uri: str
    version: int
    people: tuple[Entity, ...]
    organisations: tuple[Entity, ...]
    places: tuple[Entity, ...]
    subjects: tuple[Subject, ...]

    @classmethod
    def of(cls, article: Article) -> StoryTags:
        return cls(
            uri=article.uri,
            version=article.version,
            people=tuple(article.people),
            organisations=tuple(article.organisations),
            places=tuple(article.places),
            subjects=tuple(article.subjects),
        )

    def to_value(self) -> list[Any]:
        return [
            self.uri,
            self.version,
            [_entity_value(e) for e in self.people],
            [_entity_value(e) for e in self.organisations],
            [_entity_value(e) for e in self.places],
            [[s.code, s.name, s.relevance] for s in self.subjects],
        ]

    @classmethod
    def from_value(cls, value: Any) -> StoryTags | None:
        """Rebuild from ``to_value``; anything else (an older record shape) is no tags."""
        try:
            uri, version, people, orgs, places, subjects = value
            return cls(
                uri=str(uri),
                version=int(version),
                people=tuple(_entity(e) for e in people),
                organisations=tuple(_entity(e) for e in orgs),
                places=tuple(_entity(e) for e in places),
                subjects=tuple(_subject(s) for s in subjects),
            )
        except (TypeError, ValueError):
            return None

    def apply(self, article: Article) -> Article:
        """``article`` carrying these tags (fresh lists: records are never shared)."""
        return replace(
            article,
            people=[replace(e) for e in self.people],
            organisations=[replace(e) for e in self.organisations],
            places=[replace(e) for e in self.places],
            subjects=[replace(s) for s in self.subjects],
        )


def is_copy(article: Article) -> bool:
    """A copy of a story already seen: it inherits the story's tags instead of being tagged."""
    return article.dedup is not None and article.dedup.verdict == "duplicate"


def tags_in(history: Any) -> StoryTags | None:
    """The tags a story's history record holds, if any."""
    if not isinstance(history, dict):
        return None
    return StoryTags.from_value(history.get("tags"))


def seen_in(history: Any) -> float | None:
    if not isinstance(history, dict):
        return None
    seen = history.get("seen")
    return float(seen) if isinstance(seen, (int, float)) else None


def remember(record: dict[str, Any], previous: Any, article: Article, now: float) -> dict[str, Any]:
    """``record`` (the routes plan_deliveries left) plus the tags copies will inherit.

    A routed version's tags replace the story's; a kill keeps the tags it had, since a kill
    notice's few words describe nothing.
    """
    tags = tags_in(previous)
    if article.pubstatus not in NO_TAGS_STATUSES or tags is None:
        tags = StoryTags.of(article)
    return {**record, "tags": tags.to_value(), "seen": now}


def inherit(copy: Article, history: Any) -> tuple[Article, str | None]:
    """``copy`` with its story's tags, and the uri they were taken from.

    No tags are known when the story's versions were all dead-lettered before routing, or
    when the story has left the history (older than the retention window): the copy then
    goes on with no tags rather than being tagged on its own, and says so (``None``).
    """
    tags = tags_in(history)
    if tags is None:
        return copy, None
    return tags.apply(copy), tags.uri


def expired_stories(
    items: Iterable[tuple[Any, Any]], now: float, retention_seconds: float
) -> list[str]:
    """Stories whose history was last written more than ``retention_seconds`` before ``now``.

    A record without ``seen`` (written before the field existed) is left alone.
    """
    cutoff = now - retention_seconds
    gone: list[str] = []
    for story, history in items:
        seen = seen_in(history)
        if seen is not None and seen < cutoff:
            gone.append(str(story))
    return gone
