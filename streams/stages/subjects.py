"""IPTC Media Topic vocabulary and the keyword scorer that assigns subjects to a story.

The keyword scorer uses a lexicon per topic (weighted by where a word falls: headline, lead,
rest), the names of the story's organisations ("Foreign Ministry" -> politics) and the topic
cues of the entities the catalog recognised (FIFA -> sport, the Fed -> economy). It is fast,
explainable to an editor ("it said *diplomats* and *talks*") and exact about what a headline
states, but it only knows the words it lists; the tagger therefore blends its claims with a
learned model's probabilities (``topic_model``), which reads the wording nobody listed. All
keywords of all topics live in one phrase index, so a story is read once however large the
lexicon grows.
The vocabulary file also carries the topic hierarchy, which the router needs so a rule on a
broad topic matches stories tagged with a narrower one.

Two questions are kept apart. *Is the story about this topic at all?* is answered by all the
evidence, body included, because a story's second topic usually lives in its background
paragraphs. *Which topic is it mainly about?* is answered by a score that leans on the headline
and first paragraph: wire copy is written so that they state the news, and the body piling up
background words for another desk must not turn the story into that desk's story.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from streams.article import Subject

DEFAULT_VOCABULARY_PATH = Path(__file__).resolve().parents[1] / "data" / "subjects.yaml"

#: weight of a keyword hit by where it falls, as evidence that the story touches a topic:
#: the headline says what the story is about
HEADLINE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
BODY_WEIGHT = 1.0
#: the same hit as a claim to be the primary topic (the ranking and the reported relevance):
#: the headline and first paragraph state the news, the body mostly gives background
PRIMARY_HEADLINE_WEIGHT = 3.0
PRIMARY_LEAD_WEIGHT = 3.0
PRIMARY_BODY_WEIGHT = 0.5
#: a narrower topic's single words (and cues) are evidence for its parent at this share; its
#: compounds ("climate talks", "drug trafficking") count in full, being specific enough; a word
#: both list counts once, so a topic is not boosted for having many overlapping sub-lists
NARROWER_SHARE = 0.5
#: one word repeated many times should not carry a topic on its own: each repeat of a keyword
#: counts REPEAT_DECAY times the one before, up to MAX_HITS_PER_KEYWORD, so a topic named once
#: in the headline and backed by other words in the lead beats one whose single word recurs
MAX_HITS_PER_KEYWORD = 3
REPEAT_DECAY = 0.5
ORG_CUE_WEIGHT = 1.5
MAX_ORG_CUE_SCORE = 4.5
#: a known entity's topic (the FIFA, the Fed) is as strong a cue as an organisation's name
ENTITY_CUE_WEIGHT = 1.5
MAX_ENTITY_CUE_SCORE = 4.5
#: an organisation or entity the headline names claims the primary topic as a headline keyword
#: would: the tagger blanks names out of the text, so "FIFA bans ..." or "Athletic Club elects
#: ..." has no headline word left for its desk but the name; as evidence it stays a flat cue
PRIMARY_HEADLINE_CUE_WEIGHT = PRIMARY_HEADLINE_WEIGHT
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
#: a paragraph shorter than this is a byline or a dateline line, not the lead
LEAD_MIN_WORDS = 8
#: blending with the learned model (``topic_model``): a top-level topic's rank is the model's
#: probability plus LEXICON_WEIGHT times the keyword claim, read as claim / (claim +
#: CLAIM_SATURATION). Chosen by leave-one-file-out cross-validation on the training pool, never
#: on the held-out split: on the 340 training stories the lexicon was never tuned on, the
#: keyword scorer alone picked the primary topic for 0.888, the model alone 0.950 and the blend
#: 0.968 (0.966-0.971 across weights 0.5-2 and saturations 2-6: a plateau, so the middle is kept)
LEXICON_WEIGHT = 1.0
CLAIM_SATURATION = 4.0
#: the model alone puts a topic on the list (as a lexicon-confident one is) at this probability
MIN_LEARNED_PROBABILITY = 0.5


_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*")


_POSSESSIVE = re.compile(r"'s?$")


def _tokens(text: str) -> list[str]:
    """Lower-case words, hyphenated compounds kept whole (as the keyword boundaries were).

    A possessive is read as its word: "the club's president" is about a club and "the
    government's plan" about a government, and wire copy is full of them (headlines most of
    all: "Chile's oldest church"). Keywords go through the same function, so a listed
    "women's rights" still matches itself.
    """
    words = (m.group().casefold().replace("’", "'") for m in _TOKEN.finditer(text))
    return [word for word in (_POSSESSIVE.sub("", w) for w in words) if word]


@dataclass(frozen=True, slots=True)
class Topic:
    """One vocabulary entry: code, label, parent and its organisation-cue pattern."""

    code: str
    name: str
    broader: str | None
    org_cues: re.Pattern[str] | None
    keywords: tuple[str, ...] = ()
    weak_keywords: tuple[str, ...] = ()


#: phrase -> (topic code, keyword it counts as, weight factor), for the topic that lists the
#: phrase and for each of its ancestors
PhraseIndex = Mapping[str, tuple[tuple[str, str, float], ...]]


def _ancestors(code: str, parent_of: Callable[[str], str | None]) -> list[str]:
    """``code``'s broader topics, nearest first (a cycle in a bad file stops the walk)."""
    chain: list[str] = []
    parent = parent_of(code)
    while parent is not None and parent not in chain and parent != code:
        chain.append(parent)
        parent = parent_of(parent)
    return chain


def _derived_forms(word: str) -> list[str]:
    """Other forms of a listed word that the text may use instead.

    A noun's plural ("diplomat" matches "diplomats"). A past participle ("capsized",
    "evacuated", "killed") also matches the present tense and the -ing form: keywords were
    written from story bodies, which tell the news in the past tense, while headlines tell it
    in the present ("Boat capsizes", "Floods kill 12"), so a lexicon of participles alone
    misses the one line that states the news. Forms that are not words ("capsizs") cost
    nothing: they never occur.
    """
    if len(word) <= 4 or not word.isalpha():
        return [] if word.endswith("s") else [word + "s", word + "es"]
    if word.endswith("ied"):
        stem = word[:-3]
        return [stem + "y", stem + "ies", stem + "ying"]
    if word.endswith("ed"):
        stem = word[:-2]
        forms = [word[:-1], word[:-1] + "s", stem, stem + "s", stem + "ing"]
        if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "aeiousl":
            # "stabbed" -> "stabs", "stab"
            forms += [stem[:-1], stem[:-1] + "s"]
        return forms
    if word.endswith("s"):
        return []
    return [word + "s", word + "es"]


def _past_tense(word: str, listed: set[str]) -> list[str]:
    """The past tense of a listed word that the same list also gives as an -ing form.

    "flood" next to "flooding" says the desk means the verb too, so copy that tells the news
    in the past ("the river flooded the town") is the same news; without the -ing form a word
    is taken for a noun only, so "fire" never becomes "fired" (a coach, a shot) and "storm"
    never "stormed" (a parliament). The lexicon lists participles it wants on purpose, and
    a form the list writes itself keeps its own claim (see _phrase_index).
    """
    if not word.isalpha() or len(word) < 3:
        return []
    stem = word[:-1] if word.endswith("e") else word
    forms = []
    if stem + "ing" in listed:
        forms.append(stem + "ed")
    if word[-1] not in "aeiouwxy" and word + word[-1] + "ing" in listed:
        # "shop" beside "shopping" -> "shopped"
        forms.append(word + word[-1] + "ed")
    return forms


def _phrase_index(
    topics: Iterable[Topic], idioms: Iterable[str] = ()
) -> tuple[PhraseIndex, int]:
    """One entry per phrase form and topic; the strongest claim on a form wins.

    A claim ranks by: the topic's own listing over one inherited from a narrower topic (so a
    parent's "weak" verdict on a word stands), a form written in the lexicon over a plural
    derived from it (so "euros" listed as a weak amount word beats the plural of "euro"), then
    strong over weak.

    An idiom ("in charge", "under fire") enters with no topic at all: it is read as one phrase
    like any compound, so its words ("charge", "fire") do not count for the desks that list
    them, and it counts for nothing itself. A topic that lists the same phrase keeps it.
    """
    topics = list(topics)
    parents = {t.code: t.broader for t in topics}
    claims: dict[str, dict[str, tuple[tuple[bool, bool, float], tuple[str, str, float]]]] = {}
    longest = 1
    for topic in topics:
        owners = [topic.code, *_ancestors(topic.code, parents.get)]
        listed = {" ".join(_tokens(w)) for w in (*topic.keywords, *topic.weak_keywords)}
        for words, factor in ((topic.weak_keywords, WEAK_WEIGHT), (topic.keywords, 1.0)):
            for word in words:
                tokens = _tokens(word)
                if not tokens:
                    continue
                phrase = " ".join(tokens)
                key = phrase[:-1] if phrase.endswith("s") and len(phrase) > 3 else phrase
                forms = [(phrase, True)]
                if len(tokens) == 1:
                    derived = [*_derived_forms(phrase), *_past_tense(phrase, listed)]
                    forms += [(form, False) for form in derived]
                longest = max(longest, len(tokens))
                for form, written in forms:
                    for depth, code in enumerate(owners):
                        rank = (depth == 0, written, factor)
                        inherited = depth > 0 and len(tokens) == 1
                        weight = factor * NARROWER_SHARE if inherited else factor
                        by_topic = claims.setdefault(form, {})
                        if code not in by_topic or rank >= by_topic[code][0]:
                            by_topic[code] = (rank, (code, key, weight))
    frozen: dict[str, tuple[tuple[str, str, float], ...]] = {
        form: tuple(entry for _, entry in by_topic.values()) for form, by_topic in claims.items()
    }
    for idiom in idioms:
        tokens = _tokens(idiom)
        if tokens:
            frozen.setdefault(" ".join(tokens), ())
            longest = max(longest, len(tokens))
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


def _label_terms(name: str, top_level: bool) -> list[str]:
    """The words a topic's own label gives it as keywords.

    IPTC's labels are the desks' own names for their beat ("economy, business and finance",
    "weather warning"), and copy uses them ("business", "finance", "weather warning") whatever
    words a lexicon's authors happened to think of. A top-level label is a list of beats, so
    each item counts; a narrower label is one thing ("peace process", "mass media") and counts
    only whole, since its parts ("process", "media") mean little apart. A term the topic lists
    itself (a weak "law") keeps the topic's own verdict.
    """
    if not top_level:
        return [" ".join(_tokens(name))]
    terms = []
    for item in re.split(r",\s*|\s+and\s+", name):
        term = " ".join(_tokens(item))
        if term:
            terms.append(term)
    return terms


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
            name = str(entry["name"])
            broader = entry.get("broader")
            keywords = [str(w) for w in entry.get("keywords") or []]
            weak = [str(w) for w in entry.get("weak_keywords") or []]
            twice = set(keywords) & set(weak)
            if twice:
                # the strong listing would silently win (see _phrase_index)
                raise ValueError(f"{code} lists {sorted(twice)} as keywords and weak keywords")
            listed = {" ".join(_tokens(w)) for w in keywords + weak}
            keywords += [t for t in _label_terms(name, broader is None) if t not in listed]
            topics[code] = Topic(
                code=code,
                name=name,
                broader=broader,
                org_cues=_words_pattern(entry.get("org_cues") or [], plurals=False),
                keywords=tuple(keywords),
                weak_keywords=tuple(weak),
            )
        for topic in topics.values():
            if topic.broader is not None and topic.broader not in topics:
                raise ValueError(f"{topic.code} names unknown broader topic {topic.broader}")
        idioms = [str(w) for w in obj.get("idioms") or []]
        index, max_words = _phrase_index(topics.values(), idioms)
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
        return _ancestors(code, self._parent_of)

    def _parent_of(self, code: str) -> str | None:
        topic = self.topics.get(code)
        return topic.broader if topic is not None else None

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
    #: all the evidence: does the story touch this topic?
    points: float = 0.0
    #: headline- and lead-weighted: is this what the story is mainly about?
    primary: float = 0.0
    #: points of the headline alone (its keywords and the names in it), which break ties
    #: between primary candidates
    headline: float = 0.0
    distinct: int = 0

    def add(self, points: float, primary: float) -> None:
        self.points += points
        self.primary += primary


#: one part of the story: its text, its evidence weight, its primary weight
_Part = tuple[str, float, float]


def _keyword_scores(vocab: Vocabulary, parts: list[_Part]) -> dict[str, _Score]:
    """Points and distinct keywords per topic, reading each part (headline first) once.

    At each word the longest phrase any topic knows wins, and the words inside it are not
    read again: "clinical trial" is not also "trial", nor "trade union" also "trade", nor
    "education minister" also "minister". A compound names one thing, and counting its parts
    for other desks is how background words pile up for the wrong topic. Idioms are such
    phrases that name no topic: "in charge" is not a criminal charge nor "under fire" a blaze.
    """
    scores: dict[str, _Score] = {}
    hits: dict[tuple[str, str], int] = {}
    for index, (text, weight, primary_weight) in enumerate(parts):
        tokens = _tokens(text)
        covered = 0
        for i in range(len(tokens)):
            if i < covered:
                continue
            for n in range(min(vocab.max_words, len(tokens) - i), 0, -1):
                phrase = tokens[i] if n == 1 else " ".join(tokens[i : i + n])
                entries = vocab.index.get(phrase)
                if entries is None:
                    continue
                # an idiom (no entries) still covers its words: they are read no further
                covered = i + n
                for code, key, factor in entries:
                    seen = hits.get((code, key), 0)
                    if seen >= MAX_HITS_PER_KEYWORD:
                        continue
                    hits[(code, key)] = seen + 1
                    score = scores.setdefault(code, _Score())
                    repeat = REPEAT_DECAY**seen
                    score.add(weight * factor * repeat, primary_weight * factor * repeat)
                    if index == 0:
                        score.headline += weight * factor
                    score.distinct += seen == 0
                break
    return scores


def _cue_hits(vocab: Vocabulary, cued: Iterable[set[str]]) -> dict[str, float]:
    """Hits per topic from cue sources (one set of cued codes per organisation or entity).

    A source counts once per topic: in full for a topic it cues itself, at NARROWER_SHARE for
    the parent of one it cues, so "Foreign Ministry" (politics and international relations)
    is one politics cue, not one and a half.
    """
    hits: dict[str, float] = {}
    for codes in cued:
        weights = dict.fromkeys(codes, 1.0)
        for code in codes:
            for parent in vocab.broader(code):
                weights.setdefault(parent, NARROWER_SHARE)
        for code, weight in weights.items():
            hits[code] = hits.get(code, 0.0) + weight
    return hits


def _split_lead(body: str) -> tuple[str, str]:
    """The lead is the first paragraph (or first 400 characters of an unbroken body).

    Short paragraphs before it are a byline or a dateline set on its own line ("By Jane Doe");
    taking one of them for the lead would leave the story's opening sentence weighed as
    background, so the lead runs on to the end of the first paragraph of real prose.
    """
    body = body.strip()
    start = 0
    while True:
        cut = body.find("\n\n", start)
        if cut < 0 or len(_tokens(body[start:cut])) >= LEAD_MIN_WORDS:
            break
        start = cut + 2
    if cut < 0 or cut - start > 600:
        cut = min(len(body), start + 400)
    return body[:cut], body[cut:]


def _org_cued(vocab: Vocabulary, organisations: Iterable[str]) -> list[set[str]]:
    """The topics each organisation's name cues ("Foreign Ministry" -> politics)."""
    cue_topics = [t for t in vocab.topics.values() if t.org_cues is not None]
    return [
        {t.code for t in cue_topics if t.org_cues is not None and t.org_cues.search(name)}
        for name in organisations
        if name
    ]


def _score_topics(
    vocab: Vocabulary,
    headline: str,
    body: str,
    organisations: Iterable[str],
    cues: Iterable[str],
    headline_organisations: Iterable[str] = (),
    headline_cues: Iterable[str] = (),
) -> dict[str, _Score]:
    """Every topic's evidence and primary claim (kept apart from the choice, to inspect it)."""
    lead, rest = _split_lead(body)
    parts: list[_Part] = [
        (headline, HEADLINE_WEIGHT, PRIMARY_HEADLINE_WEIGHT),
        (lead, LEAD_WEIGHT, PRIMARY_LEAD_WEIGHT),
        (rest, BODY_WEIGHT, PRIMARY_BODY_WEIGHT),
    ]

    # narrower topics' words already count for their parents (see _phrase_index), so every
    # score below is the topic's whole evidence: no second roll-up
    scores = _keyword_scores(vocab, parts)
    for topic in vocab.topics.values():
        scores.setdefault(topic.code, _Score())
    # organisations and entities name the actors: as evidence their cues weigh the same
    # wherever the name stands; as a claim to the primary topic, a name in the headline is
    # what the headline is about, so it claims like a headline keyword, one in the body only
    # like the evidence
    sources = (
        (_org_cued(vocab, organisations), _org_cued(vocab, headline_organisations),
         ORG_CUE_WEIGHT, MAX_ORG_CUE_SCORE),
        ([{code} for code in cues if code in scores],
         [{code} for code in headline_cues if code in scores],
         ENTITY_CUE_WEIGHT, MAX_ENTITY_CUE_SCORE),
    )
    for body_cued, headline_cued, weight, cap in sources:
        in_body = _cue_hits(vocab, body_cued)
        in_headline = _cue_hits(vocab, headline_cued)
        for code in in_body.keys() | in_headline.keys():
            body_hits, headline_hits = in_body.get(code, 0.0), in_headline.get(code, 0.0)
            evidence = min(cap, (body_hits + headline_hits) * weight)
            named = min(cap, headline_hits * PRIMARY_HEADLINE_CUE_WEIGHT)
            claim = min(cap, body_hits * weight) + named
            score = scores[code]
            score.add(evidence, claim)
            # a name in the headline names the topic, for the tie-break too
            score.headline += named
            score.distinct += 1
    return scores


def classify(
    headline: str,
    body: str,
    organisations: Iterable[str] = (),
    vocabulary: Vocabulary | None = None,
    cues: Iterable[str] = (),
    headline_organisations: Iterable[str] = (),
    headline_cues: Iterable[str] = (),
    learned: Mapping[str, float] | None = None,
) -> list[Subject]:
    """Rank the vocabulary's topics for one story; only confident ones are returned.

    Narrower topics' words count for their parent, so a story full of diplomatic words scores
    for politics even when few of them are in the politics list itself; a narrower topic is
    only reported under a parent that made the cut. Whether a topic is given at all depends on
    all its evidence; the order (and so the primary topic, first) on its headline- and
    lead-weighted score, so a topic that fills the background paragraphs can be given without
    displacing the one the story opens with.

    ``headline_organisations`` and ``headline_cues`` are the organisations and entity cues of
    the entities the headline names (not repeated in ``organisations`` and ``cues``, which
    hold the rest): the caller blanks names out of the text, so these carry the headline's
    claim that the names made.

    ``learned`` holds a trained model's probability per top-level code (``topic_model``): it
    reads wording the lexicon does not list, the lexicon names what the headline and lead
    state, so the top-level order is the two blended, and a topic the model is sure of is
    given even when few of its keywords appear.
    """
    vocab = vocabulary or default_vocabulary()
    scores = _score_topics(
        vocab, headline, body, organisations, cues, headline_organisations, headline_cues
    )

    def relevance(points: float) -> float:
        return points / (points + SATURATION) if points > 0 else 0.0

    def confident(score: _Score, best: float) -> bool:
        return (
            relevance(score.points) >= MIN_RELEVANCE
            and score.distinct >= MIN_DISTINCT_KEYWORDS
            and score.points >= MIN_SHARE_OF_TOP * best
        )

    def blended(code: str) -> float:
        claim = scores[code].primary
        lexical = claim / (claim + CLAIM_SATURATION) if claim > 0 else 0.0
        return ((learned or {}).get(code, 0.0) + LEXICON_WEIGHT * lexical) / (1 + LEXICON_WEIGHT)

    def primary_order(topic: Topic) -> tuple[float, float, float, str]:
        # equal claims go to the topic the headline names
        score = scores[topic.code]
        first = -blended(topic.code) if learned is not None else 0.0
        return (first, -score.primary, -score.headline, topic.code)

    top = vocab.top_level()
    best_top = max((scores[t.code].points for t in top), default=0.0)
    chosen = [t for t in top if confident(scores[t.code], best_top)]
    if not chosen and best_top >= FALLBACK_MIN_POINTS:
        best = min(top, key=primary_order)
        if scores[best.code].distinct >= MIN_DISTINCT_KEYWORDS:
            chosen = [best]
    if learned is not None:
        chosen += [
            t
            for t in top
            if t not in chosen and learned.get(t.code, 0.0) >= MIN_LEARNED_PROBABILITY
        ]
    chosen.sort(key=primary_order)
    chosen = chosen[:MAX_TOP_LEVEL]
    chosen_codes = {t.code for t in chosen}

    narrower = [
        t
        for t in vocab.topics.values()
        if t.broader is not None and set(vocab.broader(t.code)) & chosen_codes
    ]
    best_narrow = max((scores[t.code].points for t in narrower), default=0.0)
    picked_narrow = [t for t in narrower if confident(scores[t.code], best_narrow)]
    picked_narrow.sort(key=primary_order)

    # relevance is how central the topic is (the primary score), so the list reads in primary
    # order; a narrower topic is never more central than the broader one that contains it
    top_relevance = {
        t.code: round(
            blended(t.code) if learned is not None else relevance(scores[t.code].primary), 3
        )
        for t in chosen
    }
    result = [Subject(t.code, t.name, top_relevance[t.code]) for t in chosen]
    for t in picked_narrow[:MAX_NARROWER]:
        ceiling = min(top_relevance[c] for c in vocab.broader(t.code) if c in top_relevance)
        own = round(relevance(scores[t.code].primary), 3)
        result.append(Subject(t.code, t.name, min(own, ceiling)))
    # stable: among equals, top-level topics (listed first, in primary order) stay ahead
    result.sort(key=lambda s: -(s.relevance or 0.0))
    return result
