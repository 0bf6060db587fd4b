"""Entity spans for one paragraph: the model's, corrected and completed by the entity catalog.

spaCy's small English model misses or mislabels names a news desk sees every day: "KYIV" in a
dateline, "Odesa" as nothing, "NATO" as a place, "Belo Horizonte" as a person. The catalog
(countries, capitals, big cities, curated people and organisations) knows these names, so
a capitalised word run it recognises becomes a span where the model found none, and relabels
a model span of exactly the same extent when the catalog is sure of the kind. Longer model
spans win over a known name inside them ("Bank of England" is not "England").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from streams.stages.entity_catalog import CatalogEntry, EntityCatalog, fold
from streams.stages.tag_cache import Span

#: spaCy labels we keep, and the kind each becomes
LABEL_KINDS: dict[str, str] = {
    "PERSON": "people",
    "ORG": "organisations",
    "GPE": "places",
    "LOC": "places",
    "FAC": "places",
    "NORP": "norp",
    "EVENT": "event",
}
#: a city the model called a person is believed only when it is this big
PERSON_TO_CITY_POPULATION = 1_000_000

_WORD = re.compile(r"[^\W_][\w&.'’-]*")
_HYPHENATED_TAIL = re.compile(r"-[^\W\d_]+")
_SUFFIXES = ("'s", "’s", ".", "'", "’", ",")
_POSSESSIVE_PREFIX = re.compile(r"^([^\W\d_][\w .-]*?)['’]s\s+(?=[A-Z])")
#: "SEOUL, South Korea (AP) —", "BRASILIA (Reuters) -": the place a story was filed from
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3})"
    r"(?:,(?: [A-Z][\w.'’-]*){1,3})?\s+(?:\([^)]{1,40}\)\s*)?[—–-]"
)


def _variants(surface: str) -> Iterable[str]:
    """The written form and the form without a trailing possessive or full stop."""
    yield surface
    for suffix in _SUFFIXES:
        if surface.endswith(suffix) and len(surface) > len(suffix) + 1:
            yield surface[: -len(suffix)]


def find_known(
    text: str, catalog: EntityCatalog, shouty: bool
) -> list[tuple[int, int, CatalogEntry]]:
    """Known names in ``text``, longest first, left to right, never overlapping.

    Only word runs that start with a capital (or any run, in a shouted headline) are tried,
    so "reading" and "nice" never become places.
    """
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    found: list[tuple[int, int, CatalogEntry]] = []
    first_words = catalog.first_words
    i = 0
    while i < len(words):
        start, end = words[i]
        word = text[start:end]
        if not (word[0].isupper() or word[0].isdigit()) or not any(
            fold(v) in first_words for v in _variants(word)
        ):
            i += 1
            continue
        hit: tuple[int, int, CatalogEntry] | None = None
        for n in range(min(catalog.max_words, len(words) - i), 0, -1):
            last_end = words[i + n - 1][1]
            surface = text[start:last_end]
            if "\n" in surface:
                continue
            for variant in _variants(surface):
                entry = catalog.detect(variant, shouty)
                if entry is not None:
                    hit = (start, start + len(variant), entry)
                    break
            if hit is not None:
                i += n
                break
        if hit is None:
            i += 1
        else:
            found.append(hit)
    return found


def _strong(entry: CatalogEntry) -> bool:
    """Kinds the catalog is sure of: curated entries, countries, states and continents."""
    return entry.renames


def model_spans(text: str, ents: Iterable[tuple[int, int, str]]) -> list[Span]:
    """The model's entities as spans of our kinds, person names given back their hyphen tail."""
    spans: list[Span] = []
    for start, end, label in ents:
        kind = LABEL_KINDS.get(label)
        if kind is None:
            continue
        if kind == "people":
            # spaCy splits "Park Jin-woo" after "Jin"; take the hyphenated tail back
            tail = _HYPHENATED_TAIL.match(text, end)
            if tail is not None:
                end = tail.end()
        spans.append(Span(start, end, kind))
    return spans


def _split_possessive(text: str, span: Span, catalog: EntityCatalog) -> list[Span]:
    """"Nepal's National Earthquake Center" is a place and an organisation, not one name.

    Only split when the catalog knows the owner ("Nepal", "Trudeau"), so brand names with an
    apostrophe ("Ben & Jerry's Homemade") stay whole.
    """
    match = _POSSESSIVE_PREFIX.match(text[span.start : span.end])
    if match is None:
        return [span]
    owner = catalog.lookup(match.group(1))
    if owner is None:
        return [span]
    head = Span(span.start, span.start + len(match.group(1)), owner.kind)
    return [head, Span(span.start + match.end(), span.end, span.kind)]


def dateline_span(text: str) -> Span | None:
    """The all-caps place at the head of a filed story, which the model rarely tags."""
    match = _DATELINE.match(text)
    if match is None or len(match.group("place").replace(".", "")) < 3:
        return None
    return Span(match.start("place"), match.end("place"), "places")


def merge_spans(
    text: str,
    model: Sequence[Span],
    known: Sequence[tuple[int, int, CatalogEntry]],
    catalog: EntityCatalog,
) -> tuple[Span, ...]:
    """Combine model and catalog spans for one paragraph (see the module docstring)."""
    spans: list[Span] = []
    for span in model:
        spans.extend(_split_possessive(text, span, catalog))
    dateline = dateline_span(text)
    if dateline is not None:
        spans = [s for s in spans if not (s.start < dateline.end and dateline.start < s.end)]
        spans.append(dateline)
    for start, end, entry in known:
        overlapping = [s for s in spans if s.start < end and start < s.end]
        if not overlapping:
            spans.append(Span(start, end, entry.kind))
            continue
        if len(overlapping) == 1 and (overlapping[0].start, overlapping[0].end) == (start, end):
            current = overlapping[0]
            if current.kind == entry.kind or current.kind in ("norp", "event"):
                continue
            if _strong(entry) or current.kind == "organisations" or (
                current.kind == "people" and entry.population >= PERSON_TO_CITY_POPULATION
            ):
                spans[spans.index(current)] = Span(start, end, entry.kind)
            continue
        if all(start <= s.start and s.end <= end for s in overlapping) and any(
            (s.start, s.end) != (start, end) for s in overlapping
        ):
            for s in overlapping:
                spans.remove(s)
            spans.append(Span(start, end, entry.kind))
    spans.sort(key=lambda s: (s.start, s.end))
    return tuple(spans)
