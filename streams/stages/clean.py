"""The clean stage: one pass that makes any parsed Article fit for editors and for dedup.

It runs after every parser, so it assumes nothing about the format: it repairs text, strips
publisher boilerplate the parser left in the body, and fills the metadata that agency copy
carries as text (dateline, credit, agency, timestamps) -- but only fields still empty, so a
format that declared them wins. Two properties are tested with hypothesis: it never raises on
any text, and it is idempotent (running it on its own output changes nothing), which is what
makes re-processing a replayed message harmless.

Decision on datelines: the body is kept exactly as the agency wrote it (AP style keeps
``SEOUL, South Korea (AP) —`` in the lead) and the dateline is *also* set as a field.
"""

from __future__ import annotations

import dataclasses
import re

import py3langid
from selectolax.lexbor import LexborHTMLParser

from streams.article import Article
from streams.stages.boilerplate import (
    BoilerplateLexicon,
    PublisherLineStats,
    normalise_for_match,
)
from streams.stages.metadata import (
    extract_credit,
    find_dateline,
    normalise_agency,
    take_meta_lines,
    to_utc_iso,
)
from streams.text_repair import repair_inline, repair_text, sanitise_html, split_paragraphs

_ISO_UTC = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
_BY_PREFIX = re.compile(r"^by\s+", re.I)
_MIN_LETTERS_FOR_LANGUAGE = 40
_MAX_ROUNDS = 50
_APPEAL_CATEGORIES = ("appeal", "donation")
# "Capital Markets Daily – Central banks": a feed or page title's masthead and section.
_SECTION_SEPARATOR = re.compile(r"\s+(?:[|–—]|-|::)\s+")
_SECTION_MAX_WORDS = 4


def _optional(value: str | None) -> str | None:
    if value is None:
        return None
    repaired = repair_inline(value)
    return repaired or None


def _masthead(publisher: str | None) -> str | None:
    """The publisher without a section name a feed title appends to it; None for an agency's
    own feed ("Reuters – Asia Business", "AP Sports"), since an agency is the source there."""
    if publisher is None:
        return None
    parts = _SECTION_SEPARATOR.split(publisher)
    head = parts[0].strip()
    if len(parts) > 1 and head and sum(len(p.split()) for p in parts[1:]) <= _SECTION_MAX_WORDS:
        publisher = head
    words = publisher.split()
    if normalise_agency(publisher) or (len(words) <= 3 and normalise_agency(words[0])):
        return None
    return publisher


def _utc(value: str | None) -> str | None:
    if value is None or _ISO_UTC.match(value):
        return value
    return to_utc_iso(value) or value


def _split_byline(byline: str | None) -> tuple[str | None, str | None]:
    """A byline without the agency it names ("Jane Doe, Associated Press" -> Jane Doe, AP)."""
    if byline is None:
        return None, None
    agency: str | None = None
    for _ in range(3):
        name, found = extract_credit(byline if _BY_PREFIX.match(byline) else f"By {byline}")
        agency = agency or found
        if name is None:
            if found is not None:
                return None, agency
            return _BY_PREFIX.sub("", byline) or None, agency
        if name == byline:
            break
        byline = name
    return byline, agency


def _detect_language(text: str) -> str | None:
    if sum(c.isalpha() for c in text) < _MIN_LETTERS_FOR_LANGUAGE:
        return None
    try:
        language, _score = py3langid.classify(text)
    except Exception:  # a model failure must not cost the item; language stays unknown
        return None
    return str(language) or None


def _prune_html(body_html: str, removed: set[str]) -> str:
    """Drop the top-level elements of ``body_html`` whose text the cleaner removed."""
    tree = LexborHTMLParser(f"<body>{body_html}</body>")
    body = tree.body
    if body is None:
        return body_html
    for node in list(body.iter(include_text=False)):
        text = normalise_for_match(repair_inline(node.text(separator=" "))).lower()
        if text in removed:
            node.decompose()
    return body.inner_html or ""


def clean_article(
    article: Article,
    lexicon: BoilerplateLexicon | None = None,
    *,
    line_stats: PublisherLineStats | None = None,
) -> Article:
    """The cleaned copy of ``article``; the input is not modified.

    ``lexicon`` should be built once by the caller (``BoilerplateLexicon.default()``);
    ``line_stats`` (optional, read only) adds per-publisher learned boilerplate lines; the
    caller feeds it with ``observe_lines`` after each item. In a Faust worker its state is a
    table, so both calls belong inside the handling of the item's event.
    """
    lexicon = lexicon or BoilerplateLexicon.default()
    headline = repair_inline(article.headline)
    description = _optional(article.description)
    dateline = _optional(article.dateline)
    publisher = _masthead(_optional(article.publisher))
    byline, byline_agency = _split_byline(_optional(article.byline))
    source = _optional(article.source)
    if source is not None:
        source = normalise_agency(source) or source
    source = source or byline_agency
    versioncreated = _utc(article.versioncreated)
    firstcreated = _utc(article.firstcreated)

    paragraphs = split_paragraphs(repair_text(article.body_text))
    if publisher is None:
        for paragraph in paragraphs:
            if lexicon.is_boilerplate(paragraph) is not None:
                named = lexicon.publisher_from(paragraph)
                if named is not None and normalise_agency(named) is None:
                    publisher = named
                    break

    # Headline-shaped runs are lists that lost their links only in a scrape (see
    # ``filter_paragraphs``); in other formats a list without links is the story's own.
    title_lists = article.provenance.format == "text"
    removed: set[str] = set()
    headline_key = normalise_for_match(headline).lower()
    for _ in range(_MAX_ROUNDS):
        before = paragraphs
        meta = take_meta_lines(paragraphs)
        byline = byline or meta.byline
        source = source or meta.agency
        versioncreated = versioncreated or meta.timestamp
        paragraphs = meta.paragraphs
        lead_key = normalise_for_match(paragraphs[0]).lower() if paragraphs else ""
        if headline_key and lead_key == headline_key:
            paragraphs = paragraphs[1:]
        result = lexicon.filter_paragraphs(
            paragraphs, publisher=publisher, author=byline, title_lists=title_lists
        )
        for text, category in result.removed:
            if category == "copyright" and source is None:
                named = lexicon.publisher_from(text)
                source = normalise_agency(named) if named else None
        if publisher is None:
            named = lexicon.publisher_in_appeal(
                text for text, category in result.removed if category in _APPEAL_CATEGORIES
            )
            if named is not None and normalise_agency(named) is None:
                publisher = named
        paragraphs = result.kept
        if line_stats is not None:
            learned = line_stats.learned(publisher or article.provenance.feed)
            if learned:
                paragraphs = [p for p in paragraphs if p not in learned]
        removed.update(normalise_for_match(p).lower() for p in before if p not in paragraphs)
        if paragraphs == before:
            break

    if dateline is None and paragraphs:
        dateline, lead_agency = find_dateline(paragraphs)
        source = source or lead_agency

    body_text = "\n\n".join(paragraphs)
    language = article.language or _detect_language(f"{headline}\n{body_text}")

    body_html = article.body_html
    if body_html is not None:
        if removed:
            body_html = _prune_html(body_html, removed)
        body_html = sanitise_html(body_html) or None

    return dataclasses.replace(
        article,
        headline=headline,
        body_text=body_text,
        body_html=body_html,
        description=description,
        byline=byline,
        dateline=dateline,
        source=source,
        publisher=publisher,
        language=language,
        versioncreated=versioncreated,
        firstcreated=firstcreated,
    )


def observe_lines(line_stats: PublisherLineStats, parsed: Article, cleaned: Article) -> None:
    """Teach ``line_stats`` the lines of one item: the parser's body (before the clean stage
    removed anything, so a line once learned keeps being counted), under the publisher the
    clean stage settled on (the feed name when none is known)."""
    publisher = cleaned.publisher or cleaned.provenance.feed
    if publisher is None:
        return
    lines = split_paragraphs(repair_text(parsed.body_text))
    line_stats.observe(publisher, lines, item_key=cleaned.uri, headline=cleaned.headline)
