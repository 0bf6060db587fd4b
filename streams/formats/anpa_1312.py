"""ANPA-1312 (the teletype wire format AP, UPI and CP transmitted for decades) to an Article.

A transmission is framed by control codes::

    SYN SYN SOH  a0417 US asxx              service level, sequence number, selector codes
                 u i DC3 DC1 KEYWORD VERSION MM-DD WORDS
    STX          text block
    ETX          time stamp (``AP-WF-11-11-21 0233GMT``)  EOT

The header's priority letter maps to urgency and its category letter to a keyword (and a Media
Topic where the category names one). In the text block, AP marks its header lines with ``^``
and ends them with ``<`` (or ``=`` for byline parts); other senders put the keyword line,
headline and byline first, unmarked. Body paragraphs start with a tab. The sequence number
wraps at 9999, so the item's identity is its keyword slug and filing date, which a desk keeps
across leads and write-throughs: a "2nd Ld-Writethru" then lands on the same uri as version 3.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from streams.article import Article, RawItem, Signals, Subject
from streams.errors import MissingFieldError
from streams.formats import fields
from streams.formats.dates import to_utc_iso
from streams.formats.xml_text import PARAGRAPH_SEPARATOR, squash, teletype_paragraphs

FORMAT = "anpa-1312"

SOH, STX, ETX, EOT = "\x01", "\x02", "\x03", "\x04"

#: ANPA priority codes: flash, bulletin, urgent, regular, deferred, advance (weekend copy)
PRIORITY_URGENCY: dict[str, int] = {"f": 1, "b": 2, "u": 3, "r": 5, "d": 6, "a": 7}

#: ANPA category codes: (keyword, top-level Media Topic head or None)
CATEGORIES: dict[str, tuple[str, str | None]] = {
    "a": ("domestic", None),
    "b": ("special events", None),
    "e": ("entertainment", "01"),
    "f": ("financial", "04"),
    "i": ("international", None),
    "k": ("commentary", None),
    "l": ("lifestyle", "10"),
    "n": ("state and regional", None),
    "o": ("weather", "17"),
    "p": ("politics", "11"),
    "q": ("sports results", "15"),
    "s": ("sports", "15"),
    "t": ("travel", "10"),
    "v": ("advisory", None),
    "w": ("washington", None),
}

_FIRST_LINE = re.compile(r"^\s*(?P<service>[A-Za-z])?(?P<seq>\d{3,4})\s*\x1f?\s*(?P<selectors>.*)$")
_SECOND_LINE = re.compile(
    r"^\s*(?P<priority>[A-Za-z])\s+(?P<category>[A-Za-z])[\x11-\x14]*\s*(?P<rest>.*)$"
)
_ONE_LINE = re.compile(
    r"^\s*(?P<service>[A-Za-z])?(?P<seq>\d{3,4})\s*\x1f?(?P<selectors>(?:\s*[A-Za-z0-9]{2,}(?=\s))*)"
    r"\s+(?P<priority>[A-Za-z])\s+(?P<category>[A-Za-z])[\x11-\x14]*\s+(?P<rest>.*)$"
)
_REST = re.compile(
    r"^(?P<keyword>\S+)?\s*(?P<version>.*?)\s*(?:(?P<date>\d{1,2}-\d{1,2})\s+(?P<words>\d{1,5}))?\s*$"
)
_TRAILER = re.compile(
    r"^\s*(?:(?P<agency>[A-Za-z]{2,8})-(?:[A-Za-z]{1,4}-)?)?(?P<m>\d{1,2})-(?P<d>\d{1,2})-"
    r"(?P<y>\d{2}(?:\d{2})?)\s+(?P<hh>\d{2}):?(?P<mm>\d{2})\s*(?P<tz>[A-Za-z]{2,4})?\s*<?\s*$"
)
_SLUG = re.compile(r"^[A-Za-z]{2,3}-[A-Za-z]{2,4}--|,\s*\d{2,5}\s*$")
_EDNOTE = re.compile(r"^(?:Eds?\s*:|EDITOR'?S\s+NOTE\b|Editor'?s\s+note\b)", re.IGNORECASE)
_PHOTO = re.compile(r"^(?:[A-Z]{2,5}\s+)?(?:Photos?|Video|Graphics?|Audio)\b", re.IGNORECASE)
_BYLINE = re.compile(r"^By\s+(?P<name>.+)$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s_\-=*#]*$|^-0-$|^\(?END\)?$", re.IGNORECASE)
_YEAR_PREFIX = 2000


@dataclass
class _Header:
    service: str | None = None
    selectors: list[str] = field(default_factory=list)
    priority: str | None = None
    category: str | None = None
    keyword: str | None = None
    version: str | None = None
    date: str | None = None  # MM-DD


@dataclass
class _Text:
    slug: str | None = None
    slug_version: str | None = None
    headline: str | None = None
    description: str | None = None
    byline: str | None = None
    byline_title: str | None = None
    ednotes: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)


def parse_anpa_1312(text: str, raw: RawItem) -> Article:
    """Parse one ANPA-1312 transmission; without a text block it raises MissingFieldError."""
    header_text, block, after = _frame(text)
    header = _header(header_text)
    lines = block.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [_clean_line(line) for line in lines]
    trailer_lines = [_clean_line(line) for line in re.split(r"[\r\n]+", after)]
    lines, stamp = _take_trailer(lines, trailer_lines)
    body = _text_block(lines, header.keyword)
    paragraphs = [_typewriter(p) for p in body.paragraphs if not _SEPARATOR.match(p)]
    headline = _typewriter(body.headline) if body.headline else None
    body_text = PARAGRAPH_SEPARATOR.join(paragraphs)
    fields.require_content(headline, body_text, FORMAT)

    label = fields.version_label(
        " ".join(v for v in (header.version, body.slug_version) if v) or None, body.ednotes
    )
    dateline, lead_agency = fields.wire_dateline(paragraphs[0] if paragraphs else None)
    stamp_iso, stamp_agency = stamp
    source = (
        lead_agency
        or fields.known_agency(body.byline_title)
        or fields.known_agency(stamp_agency)
    )
    keywords = fields.unique([
        header.keyword, CATEGORIES.get((header.category or "").lower(), (None, None))[0]
    ])
    uri = _uri(header, source, stamp_iso or raw.received_at)
    return Article(
        uri=uri or fields.stable_uri(raw),
        version=label.version,
        headline=headline or "",
        description=_typewriter(body.description) if body.description else None,
        body_text=body_text,
        byline=body.byline,
        dateline=dateline,
        source=source,
        versioncreated=stamp_iso,
        urgency=PRIORITY_URGENCY.get((header.priority or "").lower()),
        pubstatus=label.pubstatus,
        keywords=keywords,
        subjects=_subjects(header.category),
        signals=Signals(
            update=label.update,
            correction=label.correction or fields.says_correction([], headline),
            agency_id=header.keyword or body.slug,
        ),
        provenance=fields.provenance(FORMAT, raw),
    )


def _frame(text: str) -> tuple[str, str, str]:
    """(header, text block, after ETX); a transmission without STX has no story."""
    start = text.find(STX)
    if start < 0:
        raise MissingFieldError("ANPA-1312 transmission has no STX text block")
    soh = text.rfind(SOH, 0, start)
    header = text[soh + 1:start] if soh >= 0 else ""
    end = text.find(ETX, start + 1)
    if end < 0:  # truncated or ETX dropped by a relay: take the text to EOT or the end
        end = text.find(EOT, start + 1)
        end = len(text) if end < 0 else end
        return header, text[start + 1:end], ""
    eot = text.find(EOT, end + 1)
    return header, text[start + 1:end], text[end + 1:eot if eot >= 0 else len(text)]


def _clean_line(line: str) -> str:
    """A line without control codes; a leading tab (the paragraph indent) is kept."""
    return fields.strip_controls(line).rstrip()


def _header(text: str) -> _Header:
    found = _Header()
    lines = [ln for ln in re.split(r"[\r\n]+", text.replace("\x16", "")) if ln.strip()]
    if not lines:
        return found
    if len(lines) == 1:  # some relays send the whole heading on one line
        one = _ONE_LINE.match(lines[0])
        if one is not None:
            lines = [f"{one.group('service') or ''}{one.group('seq')} {one.group('selectors')}",
                     f"{one.group('priority')} {one.group('category')} {one.group('rest')}"]
    first = _FIRST_LINE.match(lines[0])
    second_index = 1
    if first is None:
        second_index = 0
    else:
        found.service = first.group("service")
        found.selectors = fields.strip_controls(first.group("selectors")).split()
    if second_index < len(lines):
        second = _SECOND_LINE.match(lines[second_index])
        if second is not None:
            found.priority = second.group("priority")
            found.category = second.group("category")
            rest = _REST.match(fields.strip_controls(second.group("rest")).strip())
            if rest is not None:
                found.keyword = rest.group("keyword")
                found.version = squash(rest.group("version"))
                found.date = rest.group("date")
    return found


def _take_trailer(
    lines: list[str], after: list[str]
) -> tuple[list[str], tuple[str | None, str | None]]:
    """Remove the time stamp (last line of the text block or after ETX) and read it."""
    for index in range(len(lines) - 1, max(len(lines) - 4, -1), -1):
        if not lines[index].strip():
            continue
        match = _TRAILER.match(lines[index])
        if match is not None:
            return lines[:index] + lines[index + 1:], _stamp(match)
        break
    for line in after:
        match = _TRAILER.match(line)
        if match is not None:
            return lines, _stamp(match)
    return lines, (None, None)


def _stamp(match: re.Match[str]) -> tuple[str | None, str | None]:
    year = int(match.group("y"))
    year = year + _YEAR_PREFIX if year < 100 else year
    zone = (match.group("tz") or "UTC").upper()
    value = (f"{year:04d}-{int(match.group('m')):02d}-{int(match.group('d')):02d} "
             f"{match.group('hh')}:{match.group('mm')} {zone}")
    return to_utc_iso(value), match.group("agency")


def _text_block(lines: list[str], keyword: str | None) -> _Text:
    marked = any(line.lstrip().startswith("^") for line in lines)
    header: list[tuple[str, bool]] = []  # (text, ends a byline part with "=")
    body: list[str] = []
    if marked:
        for line in lines:
            stripped = line.strip()
            if stripped.startswith("^"):
                content = stripped.lstrip("^").strip()
                header.append((content.rstrip("<=").strip(), content.endswith("=")))
            else:
                body.append(line)
    else:
        index = 0
        while index < len(lines) and len(header) < 6:
            line = lines[index]
            if line.startswith(("\t", "  ")):
                break
            index += 1
            if not line.strip():
                if header:
                    break
                continue
            header.append((line.strip(), False))
        body = lines[index:]
    found = _read_header_lines(header, keyword)
    found.paragraphs = teletype_paragraphs(body)
    return found


def _read_header_lines(header: list[tuple[str, bool]], keyword: str | None) -> _Text:
    found = _Text()
    after_byline = False
    for position, (line, byline_part) in enumerate(header):
        if not line:
            continue
        if position == 0 and _is_slug(line, keyword):
            parts = [p.strip() for p in line.split(",")]
            found.slug = parts[0]
            found.slug_version = " ".join(p for p in parts[1:] if not p.isdigit()) or None
            continue
        if _EDNOTE.match(line):
            found.ednotes.append(line)
            continue
        if _PHOTO.match(line):
            continue
        byline = _BYLINE.match(line)
        if byline is not None and found.byline is None:
            found.byline = fields.name_case(byline.group("name").strip(" ,"))
            after_byline = True
            continue
        if after_byline and (byline_part or len(line) < 40) and found.byline_title is None:
            found.byline_title = line
            continue
        if found.headline is None:
            found.headline = line
        elif found.description is None:
            found.description = line
    return found


def _is_slug(line: str, keyword: str | None) -> bool:
    if keyword and line.lower().startswith(keyword[:12].lower()):
        return True
    return bool(_SLUG.search(line)) or (" " not in line and "-" in line)


def _typewriter(text: str) -> str:
    """Teletype conventions to print: ``_`` and ``--`` dashes, ````...''`` quotes."""
    text = re.sub(r"\s(?:_|--)\s", " — ", f" {text} ").strip()
    return text.replace("``", "\u201c").replace("''", "\u201d")


def _uri(header: _Header, source: str | None, dated: str | None) -> str | None:
    """Slug and filing date, scoped by agency; the year comes from the time stamp (or the
    arrival time), since the header gives only month and day."""
    if not header.keyword or not header.date:
        return None
    month, day = (int(part) for part in header.date.split("-"))
    year = dated[:4] if dated and dated[:4].isdigit() else None
    day_key = f"{year}-{month:02d}-{day:02d}" if year else f"{month:02d}-{day:02d}"
    owner = (source or header.service or "wire").lower()
    return f"urn:anpa:{owner}:{day_key}:{header.keyword.lower()}"


def _subjects(category: str | None) -> list[Subject]:
    head = CATEGORIES.get((category or "").lower(), (None, None))[1]
    subject = fields.topic_subject(head) if head else None
    return [subject] if subject is not None else []
