"""Plain text: publisher pages scraped to text, and bare agency copy.

A scrape has no markup, so the story's parts are found by position and shape: chrome lines at
the top (notification prompts), then a headline, maybe a standfirst, then credit and
timestamp lines, then the story with appeals and captions mixed in, then a login trailer.
The header is read line by line (its parts are often on consecutive lines of one block); the
body is read as paragraphs. Metadata only visible in the header (credit, timestamp,
publisher) is taken here, because the clean stage never sees those lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise

from streams.article import Article, Provenance, RawItem
from streams.errors import EmptyItemError
from streams.stages.boilerplate import BoilerplateLexicon, is_caption_like, normalise_for_match
from streams.stages.metadata import (
    extract_dateline,
    normalise_agency,
    read_meta_line,
    take_meta_lines,
)
from streams.text_repair import repair_chars, repair_inline

_BLOCK_SPLIT = re.compile(r"\n\s*\n")
_HEADER_WINDOW = 24
_MAX_PENDING = 2
_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30
_DERIVED_HEADLINE_CHARS = 120
_WRAP_MAX_CHARS = 100
_WRAP_SLACK = 4
_LIST_ITEM = re.compile(r"^\s*(?:[-*•·+]|\d{1,2}[.)])\s+")
_SENTENCE_END = (".", "!", "?", '"', "”", "’", ":", ";")
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")
_KEYWORD_CAPTION_WORDS = 8
_APPEAL_CATEGORIES = ("appeal", "donation")
_PUBLISHED_LABEL = re.compile(r"^\s*(first\s+)?published\b", re.I)


# Markdown, as scrapers that convert pages to it write it.
_MD_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)\s]*(?:\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\((?:https?://|/|#|mailto:|\.)[^)\s]*(?:\s+\"[^\"]*\")?\)")
_MD_HEADING = re.compile(r"^#{1,6}\s+")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_QUOTE = re.compile(r"^(?:>\s?)+")
_MD_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_MD_BULLET = re.compile(r"^\s*(?:[-*+]|\d{1,2}[.)])\s+")
_MD_SIGNALS = 2
# A line whose visible text is mostly link text is a list of links (navigation, related
# stories, share buttons), the same rule as for HTML blocks.
_LINK_SHARE = 0.6


def looks_like_markdown(text: str) -> bool:
    """Two or more markdown constructs (links, images, ATX headings)."""
    signals = len(_MD_LINK.findall(text)) + len(_MD_IMAGE.findall(text))
    signals += sum(1 for line in text.splitlines() if _MD_HEADING.match(line))
    return signals >= _MD_SIGNALS


def strip_markdown(text: str) -> tuple[str, list[str]]:
    """Plain text of a markdown scrape, and the images' alt texts (captions to remove).

    Images and rules go, link lists go, inline links and emphasis keep their text.
    """
    captions: list[str] = []
    out: list[str] = []
    for raw_line in text.split("\n"):
        line = raw_line.rstrip()
        if _MD_RULE.match(line):
            out.append("")
            continue
        alts = [m.group(1).strip() for m in _MD_IMAGE.finditer(line)]
        captions.extend(a for a in alts if a)
        line = _MD_IMAGE.sub("", line)
        line = _MD_QUOTE.sub("", _MD_HEADING.sub("", line.strip()))
        bullet = bool(_MD_BULLET.match(line))
        line = _MD_BULLET.sub("", line)
        links = [m.group(1) for m in _MD_LINK.finditer(line)]
        line = _MD_LINK.sub(lambda m: m.group(1), line)
        for _ in range(3):
            line = _MD_EMPHASIS.sub(lambda m: m.group(2), line)
        visible = len(line.strip())
        link_chars = sum(len(link.strip()) for link in links)
        if links and visible and link_chars >= visible * _LINK_SHARE and (bullet or visible < 300):
            out.append("")
            continue
        if not line.strip() and raw_line.strip():
            out.append("")
            continue
        out.append(line)
    return "\n".join(out), captions


@dataclass(slots=True)
class _Line:
    text: str
    block: int


@dataclass(slots=True)
class _Header:
    headline: str | None = None
    description: str | None = None
    byline: str | None = None
    source: str | None = None
    publisher: str | None = None
    versioncreated: str | None = None
    firstcreated: str | None = None


def _lines(text: str) -> list[_Line]:
    lines: list[_Line] = []
    for number, block in enumerate(_BLOCK_SPLIT.split(repair_chars(text))):
        lines.extend(_Line(line.strip(), number) for line in block.split("\n") if line.strip())
    return lines


def _looks_like_headline(line: str) -> bool:
    if extract_dateline(line)[0] is not None:
        return False
    words = line.split()
    if len(line) > _HEADLINE_MAX_CHARS or len(words) > _HEADLINE_MAX_WORDS:
        return False
    # A full sentence of many words ending in a period is a paragraph, not a headline.
    return not (line.endswith(".") and len(words) > 14)


def _is_wrapped(lines: list[str]) -> bool:
    """Lines of one block that are one hard-wrapped paragraph (agency copy at ~70 columns).

    A wrapper breaks a line only when the next word would not fit, so in wrapped prose each
    line but the last is nearly as long as the widest; a list (of headlines, of links) breaks
    where each item ends, whatever room is left.
    """
    if len(lines) < 2 or max(len(line) for line in lines[:-1]) > _WRAP_MAX_CHARS:
        return False
    if sum(1 for line in lines if _LIST_ITEM.match(line)) * 2 >= len(lines):
        return False
    if (
        len(lines) >= 3
        and all(line[:1].isupper() or line[:1].isdigit() for line in lines)
        and not any(line.endswith(_SENTENCE_END) for line in lines)
    ):
        return False  # capitalised, unpunctuated lines: a list of titles
    width = max(len(line) for line in lines)
    full = sum(
        1
        for line, nxt in pairwise(lines)
        if len(line) + 1 + len(nxt.split()[0] if nxt.split() else "") > width - _WRAP_SLACK
    )
    if full * 10 < (len(lines) - 1) * 6:
        return False
    continued = sum(
        1 for line, nxt in pairwise(lines) if not line.endswith(_SENTENCE_END) or nxt[:1].islower()
    )
    return continued * 2 >= len(lines) - 1


def _paragraphs(lines: list[_Line]) -> list[str]:
    paragraphs: list[str] = []
    index = 0
    while index < len(lines):
        block = lines[index].block
        group: list[str] = []
        while index < len(lines) and lines[index].block == block:
            group.append(lines[index].text)
            index += 1
        if _is_wrapped(group):
            paragraphs.append(" ".join(group))
        else:
            paragraphs.extend(group)
    return paragraphs


def _is_meta_line(text: str) -> bool:
    return read_meta_line(text) is not None


def _headline_index(texts: list[str], lexicon: BoilerplateLexicon) -> int:
    """Where the headline is, found from the credit/timestamp lines that follow it.

    Scrapes put the publisher's chrome (whatever its wording) above the headline, and the
    headline, an optional standfirst and the credit/timestamp lines in a fixed order. So the
    first meta line anchors the header: the headline is one or two lines above it, and every
    line above the headline is chrome. Returns 0 when there is no anchor to go by.
    """
    window = texts[:_HEADER_WINDOW]
    anchor = next((i for i, text in enumerate(window) if _is_meta_line(text)), None)
    if anchor is None or anchor == 0:
        return 0
    # Chrome between the headline and the credit line (a breadcrumb, a "Share" bar) is skipped.
    candidates = [i for i in range(anchor - 1, -1, -1) if lexicon.is_boilerplate(texts[i]) is None]
    if not candidates:
        return anchor - 1
    last = candidates[0]
    if len(candidates) == 1 or not _looks_like_headline(texts[candidates[1]]):
        return last
    above, below = texts[candidates[1]], texts[last]
    if is_caption_like(below) and above == below:
        return last
    # a standfirst is the longer line under the headline; a short line under a longer one is
    # the headline itself, under a chrome line
    return candidates[1] if len(below) * 10 >= len(above) * 9 else last


def _is_keyword_caption(text: str) -> bool:
    """A photo's keyword label scraped once ("Philippines Japan Coast Guard"): a few
    capitalised words and no sentence punctuation."""
    words = text.split()
    return (
        1 < len(words) <= _KEYWORD_CAPTION_WORDS
        and is_caption_like(text)
        and all(w[:1].isupper() or w[:1].isdigit() for w in words)
        and extract_dateline(text)[0] is None
    )


def _read_header(
    lines: list[_Line], lexicon: BoilerplateLexicon, header: _Header, captions: list[str]
) -> list[_Line]:
    """Consume the header lines into ``header``; return the body lines in order."""
    texts = [line.text for line in lines]
    caption_keys = {normalise_for_match(c).lower() for c in captions}
    pending: list[int] = []
    meta_seen = False
    index = _headline_index(texts, lexicon)
    for chrome in texts[:index]:
        named = lexicon.publisher_from(chrome)
        if named and header.publisher is None and normalise_agency(named) is None:
            header.publisher = named
    while index < len(lines) and index < _HEADER_WINDOW:
        text = texts[index]
        block = lexicon.block_at(texts, index, header.publisher)
        if block is not None and lexicon.is_boilerplate(text) is not None:
            index = block[0]
            continue
        if normalise_for_match(text).lower() in caption_keys:
            index += 1
            continue
        meta = read_meta_line(text)
        if meta is not None:
            byline, agency, timestamp = meta.byline, meta.agency, meta.timestamp
            header.byline = header.byline or byline
            header.source = header.source or agency
            if timestamp and _PUBLISHED_LABEL.match(text):
                header.firstcreated = header.firstcreated or timestamp
            if timestamp:
                header.versioncreated = header.versioncreated or timestamp
            meta_seen = True
            index += 1
            continue
        if lexicon.is_boilerplate(text) is not None:
            named = lexicon.publisher_from(text)
            if named and header.publisher is None and normalise_agency(named) is None:
                header.publisher = named
            index += 1
            continue
        nxt = texts[index + 1] if index + 1 < len(texts) else None
        if (
            nxt is not None
            and is_caption_like(text)
            and (normalise_for_match(nxt).lower() == normalise_for_match(text).lower())
        ):
            index += 2
            continue
        if header.headline is None:
            if not _looks_like_headline(text):
                break
            header.headline = text
            index += 1
            continue
        if meta_seen and _is_keyword_caption(text):
            index += 1
            continue
        if meta_seen or len(pending) >= _MAX_PENDING:
            break
        pending.append(index)
        index += 1
    if meta_seen and pending and extract_dateline(texts[pending[0]])[0] is None:
        header.description = texts[pending[0]]
        pending = pending[1:]
    if not meta_seen and pending:
        return lines[pending[0] :]
    return [lines[i] for i in pending] + lines[index:]


def _derive_headline(lead: str) -> str:
    """A headline for copy that has none: the lead's first sentence without its dateline."""
    dateline_match = re.match(r"^.{0,80}?(?:\)\s*)?(?:[—–]|\s-{1,2}\s)\s*", lead)
    text = lead
    if extract_dateline(lead)[0] is not None and dateline_match:
        text = lead[dateline_match.end() :]
    sentence = _FIRST_SENTENCE.match(text)
    headline = sentence.group(1) if sentence else text
    if len(headline) > _DERIVED_HEADLINE_CHARS:
        cut = headline[:_DERIVED_HEADLINE_CHARS].rsplit(" ", 1)[0]
        headline = cut.rstrip(" ,;:") + "…"
    return headline


def parse_text(text: str, raw: RawItem, lexicon: BoilerplateLexicon | None = None) -> Article:
    """One Article from a plain-text scrape or agency copy; EmptyItemError when nothing is left.

    ``lexicon`` should come from the caller (built once); the packaged one is loaded otherwise.
    """
    lexicon = lexicon or BoilerplateLexicon.default()
    captions: list[str] = []
    if looks_like_markdown(text):
        text, captions = strip_markdown(text)
    lines = _lines(text)
    header = _Header()
    body_lines = _read_header(lines, lexicon, header, captions)
    body = _paragraphs(body_lines)
    filtered = lexicon.filter_paragraphs(body, header.publisher, captions, header.byline)
    if header.publisher is None:
        # An appeal that names its publisher ("X is on the ground ...") gives it; filtering
        # again with the name known catches appeal lines that only name it.
        named = lexicon.publisher_in_appeal(
            text for text, category in filtered.removed if category in _APPEAL_CATEGORIES
        )
        for text, _category in filtered.removed:
            named = named or lexicon.publisher_from(text)
            named = named if named is None or normalise_agency(named) is None else None
        if named is not None and normalise_agency(named) is None:
            header.publisher = named
            filtered = lexicon.filter_paragraphs(body, named, captions, header.byline)
    paragraphs = filtered.kept
    meta = take_meta_lines(paragraphs)
    paragraphs = meta.paragraphs
    header.byline = header.byline or meta.byline
    header.source = header.source or meta.agency
    header.versioncreated = header.versioncreated or meta.timestamp

    dateline: str | None = None
    if paragraphs:
        dateline, lead_agency = extract_dateline(paragraphs[0])
        header.source = header.source or lead_agency
    headline = header.headline
    if headline is None and paragraphs:
        headline = _derive_headline(paragraphs[0])
    if not paragraphs and not headline:
        raise EmptyItemError("no story text left after removing publisher chrome")

    return Article(
        uri=f"urn:wirestreams:{raw.id}",
        headline=repair_inline(headline or ""),
        body_text="\n\n".join(paragraphs),
        provenance=Provenance(
            format="text",
            received_at=raw.received_at,
            path=raw.path,
            feed=raw.feed,
            raw_id=raw.id,
        ),
        description=header.description,
        byline=header.byline,
        dateline=dateline,
        source=header.source,
        publisher=header.publisher,
        versioncreated=header.versioncreated,
        firstcreated=header.firstcreated,
    )
