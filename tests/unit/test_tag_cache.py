"""The paragraph cache: bounded, counted, and transparent to the tags it serves."""

from __future__ import annotations

import dataclasses

import pytest

from streams.article import Article, Provenance
from streams.stages.tag import Tagger
from streams.stages.tag_cache import ParagraphCache, Span, paragraph_key


def test_cache_is_bounded_and_evicts_the_least_recent() -> None:
    cache = ParagraphCache(capacity=2)
    a, b, c = (paragraph_key(t, False) for t in ("a", "b", "c"))
    cache.put(a, (Span(0, 1, "places"),))
    cache.put(b, ())
    assert cache.get(a) is not None  # a is now the most recent
    cache.put(c, ())
    assert len(cache) == 2
    assert b not in cache and a in cache and c in cache
    assert (cache.hits, cache.misses) == (1, 0)
    assert cache.get(b) is None and cache.misses == 1


def test_zero_capacity_caches_nothing_and_negative_is_refused() -> None:
    cache = ParagraphCache(capacity=0)
    cache.put(paragraph_key("x", False), ())
    assert len(cache) == 0
    with pytest.raises(ValueError):
        ParagraphCache(capacity=-1)


def test_shouted_and_normal_paragraph_have_different_keys() -> None:
    assert paragraph_key("SEOUL TALKS", True) != paragraph_key("SEOUL TALKS", False)


STORY = """SEOUL, South Korea (AP) — Japanese and South Korean diplomats met in Seoul on
Tuesday to discuss export controls, officials said.

Japanese Deputy Foreign Minister Haruka Morimoto held talks with South Korean Vice Foreign
Minister Park Jin-woo at the ministry in central Seoul.

The South Korean Foreign Ministry said the meeting had been frank and constructive."""


@pytest.mark.slow
def test_an_update_retags_only_its_new_paragraph() -> None:
    tagger = Tagger()
    original = Article(
        uri="urn:test:1", headline="Envoys meet in Seoul", body_text=STORY,
        provenance=Provenance(format="text", received_at="2024-03-05T08:00:00Z"), source="AP",
    )
    tagger.tag(original)
    before = tagger.model_paragraphs
    update = dataclasses.replace(
        original, uri="urn:test:1:v2",
        body_text="Talks will continue next month in Tokyo, Morimoto said.\n\n" + STORY,
    )
    cached = tagger.tag(update)
    assert tagger.model_paragraphs - before == 1
    fresh = Tagger(cache_size=0).tag(update)
    assert (cached.people, cached.places, cached.organisations) == (
        fresh.people, fresh.places, fresh.organisations
    )
    assert "Tokyo" in [p.name for p in cached.places]
