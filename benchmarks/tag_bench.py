"""Tagger throughput against the model's ``nlp.pipe`` ceiling, and what the paragraph cache saves.

``python -m benchmarks.tag_bench``. Everything is measured in this process on the same texts
(the labelled tagging set), so the ratios hold on a noisy machine where absolute rates do not:

1. ceiling: ``nlp.pipe`` of the tagger's own loaded pipeline (NER only) over whole stories;
   for reference also the full out-of-the-box pipeline (tagger, parser, lemmatizer, NER ...).
2. tagger: ``Tagger.tag_many`` in batches, cache off, so every paragraph goes through the
   model; the ratio to (1) is the cost of our clean-up, catalog, linking and subjects, the
   learned topic model (static embeddings, timed alone beside it) included.
3. updates: each story again as an agency write-thru (one new top paragraph, one changed
   figure); a tagger that saw the originals re-tags only the changed paragraphs.
4. the syndication set (tests/evaldata/dedup, 1,010 items in arrival order): dedup first, as
   the pipeline does; copies inherit their story's tags and skip the model, new stories and
   updates are tagged with and without the paragraph cache; everything is compared with
   tagging every item with no cache.

Each timing is the best of ``ROUNDS`` interleaved runs.
"""

from __future__ import annotations

import dataclasses
import time
from collections import Counter
from collections.abc import Callable, Sequence

import spacy

from streams.article import Article
from streams.evaluation import dedup_eval
from streams.evaluation.tag_eval import load_gold
from streams.stages.dedup import Deduplicator
from streams.stages.tag import DEFAULT_MODEL, Tagger
from streams.stages.topic_model import default_topic_model, story_text

ROUNDS = 3
BATCH = 16
TARGET_RATIO = 0.8


def _best(fn: Callable[[], object], rounds: int = ROUNDS) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def _batches(items: Sequence[Article], size: int) -> list[list[Article]]:
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def write_thru(article: Article, n: int) -> Article:
    """The same story as an update: a new top paragraph and one changed figure further down."""
    new_top = (
        f"UPDATED at {n % 12 + 1}:{n % 60:02d} p.m.: Officials gave new details on Thursday "
        "as the story developed, and more information was expected later in the day."
    )
    paragraphs = article.body_text.split("\n\n")
    if len(paragraphs) > 2:
        last = paragraphs[-1]
        paragraphs[-1] = last.replace("said", "told reporters", 1) if "said" in last else last + "."
    return dataclasses.replace(
        article,
        uri=article.uri + ":update",
        version=article.version + 1,
        body_text=new_top + "\n\n" + "\n\n".join(paragraphs),
    )


def main() -> int:
    stories = load_gold()
    articles = [s.article() for s in stories]
    texts = [f"{a.headline}\n\n{a.body_text}" for a in articles]
    words = sum(len(t.split()) for t in texts)

    tagger = Tagger(batch_size=BATCH, cache_size=0)
    full = spacy.load(DEFAULT_MODEL)
    tagger.tag_many(articles[:BATCH])  # warm-up: first calls allocate
    list(tagger.nlp.pipe(texts[:BATCH]))

    def ceiling() -> None:
        for doc in tagger.nlp.pipe(texts, batch_size=BATCH):
            _ = doc.ents

    def full_pipeline() -> None:
        for doc in full.pipe(texts, batch_size=BATCH):
            _ = doc.ents

    def tag_all() -> None:
        for batch in _batches(articles, BATCH):
            tagger.tag_many(batch)

    topic_model = default_topic_model()
    topic_texts = [story_text(a.headline, a.body_text) for a in articles]

    def learned_topics() -> None:
        for i in range(0, len(topic_texts), BATCH):
            topic_model.probabilities(topic_texts[i : i + BATCH])

    t_ceiling = t_tagger = t_full = t_topics = float("inf")
    for _ in range(ROUNDS):
        t_ceiling = min(t_ceiling, _best(ceiling, 1))
        t_tagger = min(t_tagger, _best(tag_all, 1))
        t_full = min(t_full, _best(full_pipeline, 1))
        t_topics = min(t_topics, _best(learned_topics, 1))

    n = len(articles)
    print(f"Tag stage benchmark: {n} stories, {words} words, model {DEFAULT_MODEL}, "
          f"pipeline {tagger.pipe_names}, batch {BATCH}, best of {ROUNDS}\n")
    print(f"  nlp.pipe ceiling (same NER-only pipeline) {n / t_ceiling:8.1f} stories/s")
    print(f"  nlp.pipe full default pipeline            {n / t_full:8.1f} stories/s")
    print(f"  learned topic model alone (embed + head)  {n / t_topics:8.1f} stories/s")
    print(f"  Tagger.tag_many (cache off)               {n / t_tagger:8.1f} stories/s")
    ratio = t_ceiling / t_tagger
    verdict = "meets" if ratio >= TARGET_RATIO else "MISSES"
    print(f"  ratio tagger / NER-only ceiling           {ratio:8.2f}  ({verdict} target "
          f">= {TARGET_RATIO})")
    print(f"  ratio tagger / full-pipeline ceiling      {t_full / t_tagger:8.2f}\n")

    updates = [write_thru(a, i) for i, a in enumerate(articles)]
    cold = Tagger(batch_size=BATCH, cache_size=0)
    warm = Tagger(batch_size=BATCH)
    for batch in _batches(articles, BATCH):
        warm.tag_many(batch)  # the originals arrived first
    seen = warm.model_paragraphs

    def tag_updates(t: Tagger) -> Callable[[], None]:
        def run() -> None:
            for batch in _batches(updates, BATCH):
                t.tag_many(batch)
        return run

    cold.model_paragraphs = 0
    t_cold = _best(tag_updates(cold), 1)
    cold_paragraphs = cold.model_paragraphs
    warm.model_paragraphs = 0
    t_warm = _best(tag_updates(warm), 1)
    warm_paragraphs = warm.model_paragraphs
    hits, size = warm.cache.hits, len(warm.cache)
    same = sum(
        a.people == b.people and a.places == b.places and a.organisations == b.organisations
        for a, b in zip(
            [x for b in _batches(updates, BATCH) for x in cold.tag_many(b)],
            [x for b in _batches(updates, BATCH) for x in warm.tag_many(b)],
            strict=True,
        )
    )
    print(f"Write-thru updates ({len(updates)} stories: one new top paragraph, one changed)")
    print(f"  originals tagged first: {seen} paragraphs through the model")
    print(f"  updates, no cache:   {cold_paragraphs:5d} paragraphs through the model, "
          f"{t_cold * 1000:7.1f} ms")
    print(f"  updates, warm cache: {warm_paragraphs:5d} paragraphs through the model, "
          f"{t_warm * 1000:7.1f} ms")
    saved = 1 - warm_paragraphs / cold_paragraphs if cold_paragraphs else 0.0
    print(f"  model work saved {saved:.0%}; time ratio warm / cold {t_warm / t_cold:.2f}; "
          f"cache hits {hits}, size {size}/{warm.cache.capacity}")
    print(f"  same entities with and without cache: {same}/{len(updates)} stories\n")
    syndication_savings()
    return 0


def _entities(a: Article) -> tuple[object, ...]:
    return (a.people, a.organisations, a.places, a.subjects)


def syndication_savings() -> None:
    """Model work on the dedup syndication set: copies skip the model, updates hit the cache."""
    items = sorted(dedup_eval.load(), key=lambda i: int(i["seq"]))
    dedup = Deduplicator({})
    everything: list[Article] = []
    to_tag: list[Article] = []
    verdicts: Counter[str] = Counter()
    for item in items:
        checked = dedup.check(Article.from_dict(item["article"]), float(item["now"]))
        verdict = checked.dedup.verdict if checked.dedup else "new"
        verdicts[verdict] += 1
        everything.append(checked)
        if verdict != "duplicate":
            to_tag.append(checked)

    def run(tagger: Tagger, articles: list[Article]) -> tuple[int, float, list[Article]]:
        start = time.perf_counter()
        out = [x for batch in _batches(articles, BATCH) for x in tagger.tag_many(batch)]
        return tagger.model_paragraphs, time.perf_counter() - start, out

    all_paragraphs, t_all, _ = run(Tagger(batch_size=BATCH, cache_size=0), everything)
    cold_paragraphs, t_cold, cold_out = run(Tagger(batch_size=BATCH, cache_size=0), to_tag)
    warm = Tagger(batch_size=BATCH)
    warm_paragraphs, t_warm, warm_out = run(warm, to_tag)
    # which verdicts the saved paragraphs belong to: one item at a time (a batch sends a
    # paragraph it holds twice through the model once even with the cache off)
    by_verdict: Counter[str] = Counter()
    cold_by_verdict: Counter[str] = Counter()
    single, single_cold = Tagger(batch_size=1), Tagger(batch_size=1, cache_size=0)
    for article in to_tag:
        verdict = article.dedup.verdict if article.dedup else "new"
        for tagger, counts in ((single, by_verdict), (single_cold, cold_by_verdict)):
            before = tagger.model_paragraphs
            tagger.tag_many([article])
            counts[verdict] += tagger.model_paragraphs - before
    same = sum(_entities(a) == _entities(b) for a, b in zip(cold_out, warm_out, strict=True))

    print(f"Syndication set ({len(items)} items in arrival order; dedup verdicts "
          f"{dict(sorted(verdicts.items()))})")
    print(f"  tag every item, no cache:        {all_paragraphs:6d} paragraphs through the model, "
          f"{t_all:6.1f} s")
    print(f"  copies inherit, no cache:        {cold_paragraphs:6d} paragraphs, {t_cold:6.1f} s "
          f"({len(to_tag)} items tagged, {verdicts['duplicate']} copies skip the model)")
    print(f"  copies inherit, paragraph cache: {warm_paragraphs:6d} paragraphs, {t_warm:6.1f} s")
    for verdict in ("new", "update"):
        cold_n, warm_n = cold_by_verdict[verdict], by_verdict[verdict]
        saved = 1 - warm_n / cold_n if cold_n else 0.0
        print(f"  {verdict:6s} items: {cold_n:5d} paragraphs without the cache, {warm_n:5d} "
              f"with it: the cache saves {saved:.0%}")
    cache_saved = 1 - warm_paragraphs / cold_paragraphs if cold_paragraphs else 0.0
    total_saved = 1 - warm_paragraphs / all_paragraphs if all_paragraphs else 0.0
    print(f"  the cache saves {cache_saved:.0%} of the model work on the items tagged; with "
          f"inheritance, {total_saved:.0%} of tagging every item (time ratio "
          f"{t_warm / t_all:.2f})")
    print(f"  same tags with and without cache: {same}/{len(to_tag)} items")


if __name__ == "__main__":
    raise SystemExit(main())
