"""IPTC Media Topic vocabulary and the keyword scorer that assigns subjects to a story.

There is no labelled training data for a classifier, so the scorer uses what there is: a
keyword lexicon per topic (weighted by where a word falls: headline, lead, rest), the names of
the story's organisations ("Foreign Ministry" -> politics) and the topic cues of the entities
the catalog recognised (FIFA -> sport, the Fed -> economy). It is fast, explainable to an
editor ("it said *diplomats* and *talks*") and needs no model download. All keywords of all
topics live in one phrase index, so a story is read once however large the lexicon grows.
The vocabulary file also carries the topic hierarchy, which the router needs so a rule on a
broad topic matches stories tagged with a narrower one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
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
#: a known entity's topic (the FIFA, the Fed) is as strong a cue as an organisation's name
ENTITY_CUE_WEIGHT = 1.5
MAX_ENTITY_CUE_SCORE = 4.5
#: relevance = score / (score + SATURATION): 0.5 at score 6, approaching 1 for long lists
SATURATION = 6.0
MIN_RELEVANCE = 0.4
MIN_DISTINCT_KEYWORDS = 2
#: a topic far weaker than the strongest one is noise, not a second subject
MIN_SHARE_OF_TOP = 0.35
MAX_TOP_LEVEL = 3
MAX_NARROWER = 3
#: words that lean to a topic but occur in stories of every kind count this much
WEAK_WEIGHT = 0.5
#: below the confidence bar, the best top-level topic is still given when it has this much
#: evidence: every story is about something, and a routing rule needs a subject to match
FALLBACK_MIN_POINTS = 2.0


_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


def _tokens(text: str) -> list[str]:
    """Lower-case words, hyphenated compounds kept whole (as the keyword boundaries were)."""
    return [m.group().casefold().replace("’", "'") for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class Topic:
    """One vocabulary entry: code, label, parent and its organisation-cue pattern."""

    code: str
    name: str
    broader: str | None
    org_cues: re.Pattern[str] | None
    keywords: tuple[str, ...] = ()
    weak_keywords: tuple[str, ...] = ()


#: phrase -> (topic code, keyword it counts as, weight factor)
PhraseIndex = Mapping[str, tuple[tuple[str, str, float], ...]]


def _phrase_index(topics: Iterable[Topic]) -> tuple[PhraseIndex, int]:
    index: dict[str, dict[str, tuple[str, str, float]]] = {}
    longest = 1
    for topic in topics:
        for words, factor in ((topic.weak_keywords, WEAK_WEIGHT), (topic.keywords, 1.0)):
            for word in words:
                tokens = _tokens(word)
                if not tokens:
                    continue
                phrase = " ".join(tokens)
                key = phrase[:-1] if phrase.endswith("s") and len(phrase) > 3 else phrase
                forms = [phrase]
                if len(tokens) == 1 and not phrase.endswith("s"):
                    forms += [phrase + "s", phrase + "es"]  # "diplomat" matches "diplomats"
                longest = max(longest, len(tokens))
                for form in forms:
                    # a strong keyword replaces a weak one for the same topic
                    index.setdefault(form, {})[topic.code] = (topic.code, key, factor)
    frozen = {form: tuple(by_topic.values()) for form, by_topic in index.items()}
    return MappingProxyType(frozen), longest


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
    index: PhraseIndex = field(default_factory=lambda: MappingProxyType({}))
    max_words: int = 1

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
                org_cues=_words_pattern(entry.get("org_cues") or [], plurals=False),
                keywords=tuple(str(w) for w in entry.get("keywords") or []),
                weak_keywords=tuple(str(w) for w in entry.get("weak_keywords") or []),
            )
        for topic in topics.values():
            if topic.broader is not None and topic.broader not in topics:
                raise ValueError(f"{topic.code} names unknown broader topic {topic.broader}")
        index, max_words = _phrase_index(topics.values())
        return cls(
            scheme=str(obj.get("scheme", "medtop")),
            version=str(obj.get("version", "")),
            topics=MappingProxyType(topics),
            index=index,
            max_words=max_words,
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


def _keyword_scores(vocab: Vocabulary, parts: list[tuple[str, float]]) -> dict[str, _Score]:
    """Points and distinct keywords per topic, reading each part of the story once.

    At each word the longest phrase a topic knows wins for that topic, and a topic's match
    is not counted again inside itself ("climate change" is not also "climate").
    """
    scores: dict[str, _Score] = {}
    hits: dict[tuple[str, str], int] = {}
    for text, weight in parts:
        tokens = _tokens(text)
        covered: dict[str, int] = {}
        for i in range(len(tokens)):
            for n in range(min(vocab.max_words, len(tokens) - i), 0, -1):
                phrase = tokens[i] if n == 1 else " ".join(tokens[i : i + n])
                for code, key, factor in vocab.index.get(phrase, ()):
                    if covered.get(code, 0) > i:
                        continue
                    covered[code] = i + n
                    seen = hits.get((code, key), 0)
                    if seen >= MAX_HITS_PER_KEYWORD:
                        continue
                    hits[(code, key)] = seen + 1
                    score = scores.setdefault(code, _Score())
                    score.points += weight * factor
                    score.distinct += seen == 0
    return scores


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
    cues: Iterable[str] = (),
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

    scores = _keyword_scores(vocab, parts)
    for topic in vocab.topics.values():
        score = scores.setdefault(topic.code, _Score())
        if topic.org_cues is not None and org_names:
            cue_hits = sum(1 for name in org_names if topic.org_cues.search(name))
            if cue_hits:
                score.points += min(MAX_ORG_CUE_SCORE, cue_hits * ORG_CUE_WEIGHT)
                score.distinct += 1
        scores[topic.code] = score
    cue_counts: dict[str, int] = {}
    for code in cues:
        if code in scores:
            cue_counts[code] = cue_counts.get(code, 0) + 1
    for code, count in cue_counts.items():
        scores[code].points += min(MAX_ENTITY_CUE_SCORE, count * ENTITY_CUE_WEIGHT)
        scores[code].distinct += 1

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
    if not chosen and best_top >= FALLBACK_MIN_POINTS:
        best = max(top, key=lambda t: (totals[t.code].points, t.code))
        if totals[best.code].distinct >= MIN_DISTINCT_KEYWORDS:
            chosen = [best]
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
