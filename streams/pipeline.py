"""The stages chained in process, with in-memory state: ``wirestreams process``, evals, tests.

``Stages`` is also what the Faust agents call, so a record coming out of ``process`` is the
record the broker pipeline would have produced for the same input order.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Literal

from streams.article import Article, RawItem
from streams.dead_letter import DeadLetter
from streams.errors import EmptyItemError
from streams.formats.registry import parse_raw
from streams.settings import Settings
from streams.stage_names import CLEAN, DEDUP, ROUTE, TAG, StageName
from streams.stages.boilerplate import BoilerplateLexicon, PublisherLineStats
from streams.stages.clean import clean_article, observe_lines
from streams.stages.dedup import DedupConfig, Deduplicator, KeyValueState
from streams.stages.deliveries import story_of
from streams.stages.route import route
from streams.stages.rules import RuleSet
from streams.stages.story_tags import inherit, remember
from streams.stages.tag import Tagger
from streams.stages.topic_model import TopicModel

Until = Literal["clean", "dedup", "tag", "route"]
UNTIL_CHOICES: tuple[Until, ...] = ("clean", "dedup", "tag", "route")

Destination = Literal["routes", "duplicates", "dlq", "stopped"]


class Stages:
    """The stage objects, built once per worker or run and reused for every item.

    The tagger loads a spaCy model (about a second, ~100 MB), so it is built on first use:
    a run that stops after dedup never pays for it.
    """

    def __init__(self, settings: Settings, rules: RuleSet | None = None) -> None:
        self.settings = settings
        self.lexicon = BoilerplateLexicon.default()
        # Learned per-publisher boilerplate lines over a dict: what `process`, evals and tests
        # use. The Faust worker cleans with ``publisher_lines(table)`` instead.
        self.line_stats = PublisherLineStats()
        self.rules = rules if rules is not None else RuleSet.load(settings.rules_file)
        self.dedup_config = DedupConfig(retention_seconds=settings.dedup_retention_seconds)

    @cached_property
    def tagger(self) -> Tagger:
        choice = self.settings.topic_model
        return Tagger(
            model=self.settings.spacy_model,
            batch_size=self.settings.tag_batch_size,
            learned_topics=choice != "off",
            topic_model=TopicModel.load(choice) if choice not in ("", "off") else None,
        )

    def publisher_lines(self, state: KeyValueState) -> PublisherLineStats:
        """Learned boilerplate lines kept in ``state`` (the worker's changelog-backed table)."""
        return PublisherLineStats(state)

    def clean(
        self,
        raw: RawItem,
        forced_format: str | None = None,
        line_stats: PublisherLineStats | None = None,
    ) -> Article:
        """Parse and clean one item, learning its lines into ``line_stats`` (by default the
        in-memory ``self.line_stats``)."""
        stats = line_stats if line_stats is not None else self.line_stats
        article = parse_raw(
            raw, forced_format, max_bytes=self.settings.max_item_bytes, lexicon=self.lexicon
        )
        cleaned = clean_article(article, self.lexicon, line_stats=stats)
        observe_lines(stats, article, cleaned)
        if not cleaned.headline.strip() and not cleaned.body_text.strip():
            raise EmptyItemError("nothing is left of the item after cleaning")
        return cleaned

    def deduplicator(self, state: KeyValueState) -> Deduplicator:
        return Deduplicator(state, self.dedup_config)

    def tag(self, articles: list[Article]) -> list[Article]:
        return self.tagger.tag_many(articles)

    def route(self, article: Article) -> Article:
        return route(article, self.rules)


@dataclass(slots=True)
class Outcome:
    """Where one raw item ended: on routes, as a duplicate, dead-lettered, or stopped early."""

    raw: RawItem
    destination: Destination
    article: Article | None = None
    dead_letter: DeadLetter | None = None
    #: for a duplicate: the uri whose tags it inherited (None: its story had none to give)
    tags_from: str | None = None


@dataclass
class InProcessPipeline:
    """Runs items through the stages in input order with fresh in-memory state."""

    stages: Stages
    until: Until = "route"
    forced_format: str | None = None
    state: dict[str, object] = field(default_factory=dict)
    #: per story, what the route agent keeps in its history table: here only the tags part
    #: matters, handed to the story's copies
    stories: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._dedup = self.stages.deduplicator(self.state)

    def run(self, raws: Iterable[RawItem]) -> Iterator[Outcome]:
        """Yield one Outcome per raw item, in input order, batching the tagger's work."""
        batch: list[Outcome] = []
        for raw in raws:
            batch.append(self._clean_and_dedup(raw))
            if len(batch) >= self.stages.settings.tag_batch_size:
                yield from self._tag_and_route(batch)
                batch = []
        if batch:
            yield from self._tag_and_route(batch)

    def _fail(self, raw: RawItem, stage: StageName, exc: Exception) -> Outcome:
        letter = DeadLetter.build(stage, exc, raw.payload, raw_id=raw.id, path=raw.path)
        return Outcome(raw, "dlq", dead_letter=letter)

    def _clean_and_dedup(self, raw: RawItem) -> Outcome:
        try:
            article = self.stages.clean(raw, self.forced_format)
        except Exception as exc:
            return self._fail(raw, CLEAN, exc)
        if self.until == "clean":
            return Outcome(raw, "stopped", article)
        try:
            article = self._dedup.check(article, time.time())
        except Exception as exc:
            return self._fail(raw, DEDUP, exc)
        if article.dedup is not None and article.dedup.verdict == "duplicate":
            return Outcome(raw, "duplicates", article)
        return Outcome(raw, "stopped", article)

    def _tag_and_route(self, batch: list[Outcome]) -> Iterator[Outcome]:
        if self.until in ("clean", "dedup"):
            yield from batch
            return
        pending = [o for o in batch if o.destination == "stopped" and o.article is not None]
        try:
            tagged = self.stages.tag([o.article for o in pending if o.article is not None])
        except Exception:
            tagged = []
            for outcome in pending:  # find the item that broke the batch; keep the others
                try:
                    tagged.extend(self.stages.tag([outcome.article]))  # type: ignore[list-item]
                except Exception as exc:
                    failed = self._fail(outcome.raw, TAG, exc)
                    outcome.destination = failed.destination
                    outcome.dead_letter = failed.dead_letter
                    outcome.article = None
            pending = [o for o in pending if o.destination == "stopped"]
        for outcome, article in zip(pending, tagged, strict=True):
            outcome.article = article
        if self.until == "route":
            for outcome in pending:
                assert outcome.article is not None
                try:
                    outcome.article = self.stages.route(outcome.article)
                    outcome.destination = "routes"
                except Exception as exc:
                    failed = self._fail(outcome.raw, ROUTE, exc)
                    outcome.destination = failed.destination
                    outcome.dead_letter = failed.dead_letter
                    outcome.article = None
        self._inherit_tags(batch)
        yield from batch

    def _inherit_tags(self, batch: list[Outcome]) -> None:
        """Give each duplicate its story's tags, as of the versions before it in input order.

        The same rule as the worker's: the tags of the story's latest tagged (and, when
        routing, routed) version; a story without one gives none.
        """
        done = "routes" if self.until == "route" else "stopped"
        now = time.time()
        for outcome in batch:
            article = outcome.article
            if article is None or article.dedup is None:
                continue
            story = story_of(article)
            if outcome.destination == "duplicates":
                outcome.article, outcome.tags_from = inherit(article, self.stories.get(story))
            elif outcome.destination == done:
                previous = self.stories.get(story)
                self.stories[story] = remember({}, previous, article, now)

