"""IPTC Media Topic vocabulary and the keyword scorer that assigns subjects to a story.

A lexicon is crude next to a trained classifier, but it is fast, explainable to an editor
("it said *diplomats* and *talks*") and needs no model download; the tagger's entities add
a second, independent cue. The vocabulary file also carries the topic hierarchy, which the
router needs so a rule on a broad topic matches stories tagged with a narrower one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from streams.article import Subject

DEFAULT_VOCABULARY_PATH = Path(__file__).resolve().parents[1] / "data" / "subjects.yaml"

#: weight of a keyword hit by where it falls: the headline says what the story is about
HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
#: one word repeated many times should not carry a topic on its own
MAX_HITS_PER_KEYWORD = 3
ORG_CUE_WEIGHT = 1.5
MAX_ORG_CUE_SCORE = 4.5
#: relevance = score / (score + SATURATION): 0.5 at score 6, approaching 1 for long lists
SATURATION = 6.0
MIN_RELEVANCE = 0.4
MIN_DISTINCT_KEYWORDS = 2
#: a topic far weaker than the strongest one is noise, not a second subject
MIN_SHARE_OF_TOP = 0.35
MAX_TOP_LEVEL = 3
MAX_NARROWER = 3


@dataclass(frozen=True, slots=True)
class Topic:
    """One vocabulary entry with its compiled keyword and organisation-cue patterns."""

    code: str
    name: str
    broader: str | None
    keywords: re.Pattern[str] | None
    org_cues: re.Pattern[str] | None


def _words_pattern(words: Iterable[str], plurals: bool) -> re.Pattern[str] | None:
    alternatives = []
    for word in sorted({w.strip().casefold() for w in words if w.strip()}, key=len, reverse=True):
        escaped = re.escape(word).replace(r"\ ", r"\s+")
        if plurals and " " not in word and not word.endswith("s"):
            escaped += "(?:e?s)?"
        alternatives.append(escaped)
    if not alternatives:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(alternatives) + r")(?![\w-])", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Vocabulary:
    """An immutable topic vocabulary: codes, labels, hierarchy and scoring lexicon."""

    scheme: str
    version: str
    topics: Mapping[str, Topic]

    @classmethod
    def load(cls, path: str | Path = DEFAULT_VOCABULARY_PATH) -> Vocabulary:
        with open(path, encoding="utf-8") as handle:
            obj = yaml.safe_load(handle)
        return cls.from_obj(obj)

    @classmethod
    def from_obj(cls, obj: Any) -> Vocabulary:
        """Build from the parsed YAML; a malformed file is a programming error, so ValueError."""
        if not isinstance(obj, dict) or not isinstance(obj.get("topics"), list):
            raise ValueError("subject vocabulary needs a 'topics' list")
        topics: dict[str, Topic] = {}
        for entry in obj["topics"]:
            code = str(entry["code"])
            if code in topics:
                raise ValueError(f"subject vocabulary lists {code} twice")
            topics[code] = Topic(
                code=code,
                name=str(entry["name"]),
                broader=entry.get("broader"),
                keywords=_words_pattern(entry.get("keywords") or [], plurals=True),
                org_cues=_words_pattern(entry.get("org_cues") or [], plurals=False),
            )
        for topic in topics.values():
            if topic.broader is not None and topic.broader not in topics:
                raise ValueError(f"{topic.code} names unknown broader topic {topic.broader}")
        return cls(
            scheme=str(obj.get("scheme", "medtop")),
            version=str(obj.get("version", "")),
            topics=MappingProxyType(topics),
        )

    def label(self, code: str) -> str | None:
        topic = self.topics.get(code)
        return topic.name if topic else None

    def broader(self, code: str) -> list[str]:
        """Ancestors of ``code``, nearest first; unknown codes have none."""
        chain: list[str] = []
        topic = self.topics.get(code)
        while topic is not None and topic.broader is not None and topic.broader not in chain:
            chain.append(topic.broader)
            topic = self.topics.get(topic.broader)
        return chain

    def top_level(self) -> list[Topic]:
        return [t for t in self.topics.values() if t.broader is None]


@functools.cache
def default_vocabulary() -> Vocabulary:
    """The packaged vocabulary, parsed once per process (it is immutable, so sharing is safe)."""
    return Vocabulary.load(DEFAULT_VOCABULARY_PATH)


def broader(code: str, vocabulary: Vocabulary | None = None) -> list[str]:
    """Ancestors of ``code`` in ``vocabulary`` (the packaged one by default), nearest first."""
    return (vocabulary or default_vocabulary()).broader(code)


@dataclass(slots=True)
class _Score:
    points: float = 0.0
    distinct: int = 0


def _keyword_score(pattern: re.Pattern[str], parts: list[tuple[str, float]]) -> _Score:
    hits: dict[str, int] = {}
    points = 0.0
    for text, weight in parts:
        for match in pattern.finditer(text):
            key = re.sub(r"\s+", " ", match.group().casefold())
            if key.endswith("s") and len(key) > 3:
                key = key[:-1]
            if hits.get(key, 0) >= MAX_HITS_PER_KEYWORD:
                continue
            hits[key] = hits.get(key, 0) + 1
            points += weight
    return _Score(points=points, distinct=len(hits))


def _split_lead(body: str) -> tuple[str, str]:
    """The lead is the first paragraph (or first 400 characters of an unbroken body)."""
    body = body.strip()
    cut = body.find("\n\n")
    if cut < 0 or cut > 600:
        cut = min(len(body), 400)
    return body[:cut], body[cut:]


def classify(
    headline: str,
    body: str,
    organisations: Iterable[str] = (),
    vocabulary: Vocabulary | None = None,
) -> list[Subject]:
    """Rank the vocabulary's topics for one story; only confident ones are returned.

    Narrower topics add their points to their parent, so a story full of diplomatic words
    scores for politics even when few of them are in the politics list itself; a narrower
    topic is only reported under a parent that made the cut.
    """
    vocab = vocabulary or default_vocabulary()
    lead, rest = _split_lead(body)
    parts = [(headline, HEADLINE_WEIGHT), (lead, LEAD_WEIGHT), (rest, BODY_WEIGHT)]
    org_names = [name for name in organisations if name]

    scores: dict[str, _Score] = {}
    for topic in vocab.topics.values():
        score = _keyword_score(topic.keywords, parts) if topic.keywords else _Score()
        if topic.org_cues is not None and org_names:
            cue_hits = sum(1 for name in org_names if topic.org_cues.search(name))
            if cue_hits:
                score.points += min(MAX_ORG_CUE_SCORE, cue_hits * ORG_CUE_WEIGHT)
                score.distinct += 1
        scores[topic.code] = score

    totals: dict[str, _Score] = {code: _Score(s.points, s.distinct) for code, s in scores.items()}
    for code, score in scores.items():
        for parent in vocab.broader(code):
            totals[parent].points += score.points * 0.5
            totals[parent].distinct = max(totals[parent].distinct, score.distinct)

    def relevance(score: _Score) -> float:
        return score.points / (score.points + SATURATION) if score.points > 0 else 0.0

    def confident(score: _Score, best: float) -> bool:
        rel = relevance(score)
        return (
            rel >= MIN_RELEVANCE
            and score.distinct >= MIN_DISTINCT_KEYWORDS
            and score.points >= MIN_SHARE_OF_TOP * best
        )

    top = vocab.top_level()
    best_top = max((totals[t.code].points for t in top), default=0.0)
    chosen = [t for t in top if confident(totals[t.code], best_top)]
    chosen.sort(key=lambda t: (-totals[t.code].points, t.code))
    chosen = chosen[:MAX_TOP_LEVEL]
    chosen_codes = {t.code for t in chosen}

    narrower = [
        t
        for t in vocab.topics.values()
        if t.broader is not None and set(vocab.broader(t.code)) & chosen_codes
    ]
    best_narrow = max((scores[t.code].points for t in narrower), default=0.0)
    picked_narrow = [t for t in narrower if confident(scores[t.code], best_narrow)]
    picked_narrow.sort(key=lambda t: (-scores[t.code].points, t.code))

    result = [Subject(t.code, t.name, round(relevance(totals[t.code]), 3)) for t in chosen]
    result += [
        Subject(t.code, t.name, round(relevance(scores[t.code]), 3))
        for t in picked_narrow[:MAX_NARROWER]
    ]
    result.sort(key=lambda s: -(s.relevance or 0.0))
    return result
