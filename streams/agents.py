"""Thin Faust agents: decode, call the pure stage, send or dead-letter, count.

No stage logic lives here. Each agent catches every exception a message causes, so one bad
message never stops a worker: it goes to ``wire.dlq`` with its original bytes and the headers
naming the stage, the error and where it came from.
"""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any, TypeVar

from faust.types import EventT, StreamT, TopicT

from streams.article import Article, DuplicateNotice, RawItem
from streams.dead_letter import DeadLetter
from streams.errors import RulesError
from streams.headers import carry, ingest_time_seconds, normalise
from streams.kafka_admin import ensure_topics
from streams.lag import sample_consumer
from streams.rules_control import watch_rules
from streams.stage_names import CLEAN, DEDUP, ROUTE, TAG, StageName
from streams.stages.dedup import Deduplicator
from streams.stages.deliveries import Delivery, plan_deliveries, story_of
from streams.stages.rules import RuleSet
from streams.stages.story_tags import expired_stories, inherit, is_copy, remember
from streams.topics import topic_specs

if TYPE_CHECKING:
    import faust

    from streams.app import WorkerContext

log = logging.getLogger("wirestreams.agents")

T = TypeVar("T")

#: what an agent yields for a message it dead-lettered (agents yield one outcome per message,
#: which is also what Faust's test context waits for)
DEAD_LETTERED = "dead-letter"

#: how often (in the stream's own time) the dedup agent sweeps expired index records; a sweep
#: scans the whole table, so it runs hourly (retention is days)
EXPIRE_EVERY_SECONDS = 3600.0

#: how often the dedup agent recounts its index for the size gauge; counting walks every key
#: of the store (about 0.1 s per million keys on RocksDB), so not on every message
COUNT_EVERY_SECONDS = 60.0

#: how often the worker refreshes its consumer-lag and dedup-index-size gauges
OPS_PROBE_EVERY_SECONDS = 5.0


def register_agents(
    app: faust.App, ctx: WorkerContext, table: Any, history: Any, lines: Any
) -> None:
    """Declare the stage agents, the rules watcher and the web pages on ``app``.

    ``table`` is the dedup index; ``history`` maps a story id to the routes and uris it is on;
    ``lines`` holds the learned per-publisher boilerplate lines.
    """
    names, metrics, stages = ctx.names, ctx.metrics, ctx.stages
    raw_topic = app.topic(names.raw)
    clean_topic = app.topic(names.clean)
    unique_topic = app.topic(names.unique)
    tagged_topic = app.topic(names.tagged)
    duplicates_topic = app.topic(names.duplicates)
    dlq_topic = app.topic(names.dlq)
    out_topics: dict[str, TopicT] = {}

    def out_topic(route: str) -> TopicT:
        if route not in out_topics:
            out_topics[route] = app.topic(names.out(route))
        return out_topics[route]

    async def dead_letter(
        stage: StageName, event: EventT, exc: Exception, original: bytes | None = None,
        raw: RawItem | None = None,
    ) -> None:
        msg = event.message
        letter = DeadLetter.build(
            stage,
            exc,
            original if original is not None else (msg.value or b""),
            source_topic=msg.topic,
            partition=msg.partition,
            offset=msg.offset,
            raw_id=raw.id if raw else normalise(event.headers).get("trace-id", b"").decode(),
            path=raw.path if raw else None,
        )
        log.warning("stage=%s dead-letter reason=%s: %s", stage, letter.reason, letter.error)
        metrics.messages_failed.labels(stage=stage).inc()
        metrics.dead_letters.labels(stage=stage, reason=letter.reason).inc()
        await dlq_topic.send(key=msg.key, value=letter.to_json(), headers=letter.headers())

    async def timed(stage: StageName, call: Callable[..., T], *args: Any) -> T:
        start = time.perf_counter()
        try:
            return call(*args)
        finally:
            metrics.stage_latency.labels(stage=stage).observe(time.perf_counter() - start)

    async def send(topic: TopicT, key: str, value: bytes, headers: dict[str, bytes]) -> None:
        await topic.send(key=key.encode("utf-8"), value=value, headers=headers)

    @app.agent(raw_topic, name=f"{CLEAN}-agent")
    async def clean_agent(stream: StreamT[bytes]) -> AsyncIterator[str]:
        line_stats = stages.publisher_lines(lines)
        async for event in stream.events():
            metrics.messages_in.labels(stage=CLEAN).inc()
            headers = normalise(event.headers)
            raw: RawItem | None = None
            try:
                raw = RawItem.from_json(event.value)
                metrics.feeds.seen(raw.feed, event.message.timestamp or None)
                article = await timed(CLEAN, stages.clean, raw, None, line_stats)
            except Exception as exc:
                await dead_letter(CLEAN, event, exc, raw.payload if raw else None, raw)
                yield DEAD_LETTERED
                continue
            await send(clean_topic, article.uri, article.to_json(), carry(headers))
            metrics.messages_out.labels(stage=CLEAN, outcome="ok").inc()
            yield "ok"

    @app.agent(clean_topic, name=f"{DEDUP}-agent")
    async def dedup_agent(stream: StreamT[bytes]) -> AsyncIterator[str]:
        deduplicator: Deduplicator = stages.deduplicator(table)
        last_sweep = last_count = 0.0
        async for event in stream.events():
            metrics.messages_in.labels(stage=DEDUP).inc()
            headers = normalise(event.headers)
            # the message's own timestamp, not the wall clock, so a replay sees the same "now"
            now = event.message.timestamp or time.time()
            try:
                article = Article.from_json(event.value)
                article = await timed(DEDUP, deduplicator.check, article, now)
                if now - last_sweep >= EXPIRE_EVERY_SECONDS:
                    metrics.dedup_expired.inc(deduplicator.expire(now))
                    last_sweep = now
                if now - last_count >= COUNT_EVERY_SECONDS:
                    metrics.dedup_index_entries.set(len(table))
                    last_count = now
            except Exception as exc:
                await dead_letter(DEDUP, event, exc)
                yield DEAD_LETTERED
                continue
            info = article.dedup
            verdict = info.verdict if info else "new"
            metrics.dedup_verdicts.labels(verdict=verdict).inc()
            # every verdict goes on keyed by story, so a copy stays behind the version it
            # copies all the way to the route stage, which hands it that version's tags
            story = story_of(article)
            extra = {"story": story, "verdict": verdict}
            if info is not None and verdict == "duplicate":
                extra.update(of=info.of or "", canonical=info.canonical or "")
            await send(unique_topic, story, article.to_json(), carry(headers, **extra))
            metrics.messages_out.labels(stage=DEDUP, outcome=verdict).inc()
            yield verdict

    @app.agent(unique_topic, name=f"{TAG}-agent")
    async def tag_agent(stream: StreamT[bytes]) -> AsyncIterator[str]:
        size, within = ctx.settings.tag_batch_size, ctx.settings.tag_batch_seconds
        # take_events is in faust-streaming's Stream but missing from its StreamT protocol
        batches = stream.take_events(size, within=within)  # type: ignore[attr-defined]
        async for events in batches:
            decoded: list[tuple[EventT, Article]] = []
            for event in events:
                metrics.messages_in.labels(stage=TAG).inc()
                try:
                    decoded.append((event, Article.from_json(event.value)))
                except Exception as exc:
                    await dead_letter(TAG, event, exc)
            to_tag = [(event, article) for event, article in decoded if not is_copy(article)]
            tagged = {id(event): article for event, article in await tag_batch(to_tag)}
            # in arrival order, copies included: a copy must not overtake its story's version
            for event, article in decoded:
                copy = is_copy(article)
                if not copy and id(event) not in tagged:
                    continue  # dead-lettered by tag_batch
                article = article if copy else tagged[id(event)]
                story = story_of(article)
                value = article.to_json()
                headers = carry(normalise(event.headers), story=story)
                await send(tagged_topic, story, value, headers)
                metrics.messages_out.labels(stage=TAG, outcome="copy" if copy else "ok").inc()
            yield f"batch:{len(events)}"

    async def tag_batch(
        decoded: list[tuple[EventT, Article]],
    ) -> list[tuple[EventT, Article]]:
        """Tag a batch in one model call; if the batch fails, tag item by item to isolate it."""
        if not decoded:
            return []
        start = time.perf_counter()
        try:
            tagged = stages.tag([article for _, article in decoded])
            share = (time.perf_counter() - start) / len(decoded)
            for _ in decoded:
                metrics.stage_latency.labels(stage=TAG).observe(share)
            return [(event, art) for (event, _), art in zip(decoded, tagged, strict=True)]
        except Exception:
            log.exception("stage=tag batch failed; retrying item by item")
        done: list[tuple[EventT, Article]] = []
        for event, article in decoded:
            try:
                one = await timed(TAG, stages.tag, [article])
                done.append((event, one[0]))
            except Exception as exc:
                await dead_letter(TAG, event, exc)
        return done

    @app.agent(tagged_topic, name=f"{ROUTE}-agent")
    async def route_agent(stream: StreamT[bytes]) -> AsyncIterator[str]:
        retention = ctx.settings.dedup_retention_seconds
        last_sweep = 0.0
        async for event in stream.events():
            metrics.messages_in.labels(stage=ROUTE).inc()
            # the message's own timestamp, so a replay expires and remembers the same way
            now = event.message.timestamp or time.time()
            notice: DuplicateNotice | None = None
            try:
                article = Article.from_json(event.value)
                story = story_of(article)
                if now - last_sweep >= EXPIRE_EVERY_SECONDS:
                    # items() covers this worker's partitions only; delete after the scan
                    for gone in expired_stories(history.items(), now, retention):
                        history.pop(gone, None)
                    last_sweep = now
                previous = history.get(story)
                if is_copy(article):
                    notice = DuplicateNotice.for_article(*inherit(article, previous))
                else:
                    article = await timed(ROUTE, stages.route, article)
                    deliveries, story_routes = plan_deliveries(article, previous)
            except Exception as exc:
                await dead_letter(ROUTE, event, exc)
                yield DEAD_LETTERED
                continue
            if notice is not None:
                await send_notice(event, notice)
                outcome = "duplicate"
            else:
                await deliver(event, story, deliveries)
                history[story] = remember(story_routes, previous, article, now)
                outcome = "routed"
            metrics.messages_out.labels(stage=ROUTE, outcome=outcome).inc()
            yield outcome

    async def send_notice(event: EventT, notice: DuplicateNotice) -> None:
        """A copy's notice, carrying the tags of its story's latest routed version."""
        extra = {"story": notice.story, "of": notice.of, "canonical": notice.canonical,
                 "tags_from": notice.tags_from or ""}  # fmt: skip
        headers = carry(normalise(event.headers), **extra)
        await send(duplicates_topic, notice.uri, notice.to_json(), headers)
        metrics.duplicate_tags.labels(inherited="yes" if notice.tags_from else "no").inc()

    async def deliver(event: EventT, story: str, deliveries: list[Delivery]) -> None:
        """Send what routing planned: the article to its routes, withdrawals, kills."""
        headers = normalise(event.headers)
        ingested = ingest_time_seconds(headers)
        # the same article goes to each of its routes: serialise each record once
        encoded: dict[int, bytes] = {}
        for delivery in deliveries:
            record = delivery.article
            if id(record) not in encoded:
                encoded[id(record)] = record.to_json()
            value = encoded[id(record)]
            extra = {
                "route": delivery.route,
                "urgency": "" if record.urgency is None else str(record.urgency),
                "version": str(record.version),
                "story": story,
                "delivery": delivery.kind,
            }
            topic = out_topic(delivery.route)
            await send(topic, delivery.key, value, carry(headers, **extra))
            if delivery.kind != "article":
                metrics.withdrawals.labels(route=delivery.route, kind=delivery.kind).inc()
                continue
            metrics.routed.labels(route=delivery.route).inc()
            if ingested is not None:
                latency = max(0.0, time.time() - ingested)
                metrics.end_to_end_latency.labels(route=delivery.route).observe(latency)

    async def apply_rules(rules: RuleSet) -> None:
        """Make ``rules`` the ones in force: output topics first, then the swap."""
        if rules.version == stages.rules.version and rules.routes == stages.rules.routes:
            return
        specs = topic_specs(ctx.settings, rules.routes)
        created = await ensure_topics(ctx.settings.bootstrap, specs)
        stages.rules = rules
        metrics.set_rules_version(rules.version)
        metrics.touch_routes(rules.routes)
        log.info("rules version %s in force (%s); new topics: %s", rules.version,
                 rules.origin, ", ".join(created) or "none")

    def reject_rules(exc: RulesError) -> None:
        metrics.rules_rejected.inc()
        log.error("published rules rejected, keeping version %s: %s", stages.rules.version, exc)

    @app.task
    async def rules_watcher() -> None:
        metrics.set_rules_version(stages.rules.version)
        await watch_rules(ctx.settings.bootstrap, names.control_rules, apply_rules, reject_rules)

    metrics.touch_routes(stages.rules.routes)
    source_topics = (names.raw, names.clean, names.unique, names.tagged)

    @app.timer(interval=OPS_PROBE_EVERY_SECONDS, name="ops-probe")
    async def ops_probe() -> None:
        """Lag of the partitions this worker owns."""
        try:
            metrics.set_lag(await sample_consumer(app.consumer, source_topics))
        except Exception as exc:  # a probe must never take the worker down
            log.debug("ops probe skipped: %r", exc)

    @app.page("/metrics")
    async def metrics_page(web: Any, request: Any) -> Any:
        return web.bytes(metrics.exposition(), content_type="text/plain; version=0.0.4")

    @app.page("/healthz")
    async def health_page(web: Any, request: Any) -> Any:
        return web.json({"status": "ok", "rules_version": stages.rules.version})

    _ = (clean_agent, dedup_agent, tag_agent, route_agent, rules_watcher, metrics_page, health_page,
         ops_probe)

