"""IPTC 7901 (the IPTC recommended message format for news wires) to an Article.

A message is::

    SOH dpa0212 2 POL 236 [optional info]    source + message number, priority, category, words
        keyword line(s)                       slug ("Climate/Conference/Germany/"), version
    STX headline
        [By ... =]
        text, paragraphs split by blank lines or indents
        [The following information is not for publication ...]
        [agency / editor initials]  DDHHMM Mon YY
    ETX EOT

Priority is a digit from 1 (flash) to 6 and maps straight onto ninjs urgency. The category
is one of IPTC's three-letter subject categories (POL, SPO, FIN ...), which map onto the
top-level Media Topics. Message numbers wrap, so an item's identity is its sender, keyword
and day.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from streams.article import Article, RawItem, Signals, Subject
from streams.errors import MissingFieldError
from streams.formats import fields
from streams.formats.dates import to_utc_iso
from streams.formats.xml_text import PARAGRAPH_SEPARATOR, squash, teletype_paragraphs

FORMAT = "iptc-7901"

SOH, STX, ETX, EOT = "\x01", "\x02", "\x03", "\x04"

#: IPTC subject categories (IIM 2:15) -> top-level Media Topic head
CATEGORIES: dict[str, str] = {
    "ACE": "01", "CLJ": "02", "DIS": "03", "FIN": "04", "EDU": "05", "EVN": "06",
    "HTH": "07", "HUM": "08", "LAB": "09", "LIF": "10", "POL": "11", "REL": "12",
    "SCI": "13", "SOI": "14", "SPO": "15", "WAR": "16", "WEA": "17",
}
#: one-letter service categories some senders use in the same field
SHORT_CATEGORIES: dict[str, str] = {"s": "15", "f": "04", "p": "11", "k": "01", "w": "04"}

_HEADING = re.compile(
    r"^\s*(?P<source>[A-Za-z]{0,8})(?P<number>\d{1,6})\s+(?P<priority>\d)\s+"
    r"(?P<category>[A-Za-z]{1,3})\s+(?P<words>\d{1,6})\b\s*(?P<info>.*)$"
)
_NOT_FOR_PUBLICATION = re.compile(
    r"^\s*(?:The following information is not (?:intended )?for publication|"
    r"Not for publication|Nicht zur Veröffentlichung)", re.IGNORECASE
)
_STAMP = re.compile(
    r"^\s*(?P<d>\d{2})(?P<hh>\d{2})(?P<mm>\d{2})\s+(?P<mon>[A-Za-z]{3})\w*\.?\s+"
    r"(?P<y>\d{2}(?:\d{2})?)\s*(?P<tz>[A-Za-z]{2,4})?\s*$"
)
_INITIALS = re.compile(r"^\s*[a-z]{2,4}(?:\s+[a-z]{2,4}){0,4}\s*$")
_BYLINE = re.compile(r"^By\s+(?P<name>[^=]+?)\s*=?\s*$", re.IGNORECASE)
_SEPARATOR = re.compile(r"^[\s*_\-=#]+$")
_YEAR_PREFIX = 2000


@dataclass
class _Heading:
    source: str | None = None
    number: str | None = None
    priority: int | None = None
    category: str | None = None
    info: str | None = None
    keywords: list[str] = field(default_factory=list)
    version: str | None = None


def parse_iptc_7901(text: str, raw: RawItem) -> Article:
    """Parse one IPTC 7901 message; without a text block it raises MissingFieldError."""
    start = text.find(STX)
    if start < 0:
        raise MissingFieldError("IPTC 7901 message has no STX text block")
    soh = text.rfind(SOH, 0, start)
    heading = _heading(text[soh + 1:start] if soh >= 0 else "")
    end = text.find(ETX, start + 1)
    if end < 0:
        end = text.find(EOT, start + 1)
    block = text[start + 1:end if end >= 0 else len(text)]
    after = text[end + 1:] if end >= 0 else ""

    lines = [fields.strip_controls(line).rstrip() for line in _lines(block)]
    lines, stamp, notes = _tail(lines, [fields.strip_controls(x) for x in _lines(after)])
    headline, byline, body_lines = _head(lines)
    paragraphs = [p for p in teletype_paragraphs(body_lines) if not _SEPARATOR.match(p)]
    body_text = PARAGRAPH_SEPARATOR.join(paragraphs)
    fields.require_content(headline, body_text, FORMAT)

    label = fields.version_label(heading.version, notes)
    dateline, lead_agency = fields.wire_dateline(paragraphs[0] if paragraphs else None)
    source = lead_agency or fields.known_agency(heading.source)
    slug = "/".join(heading.keywords) or None
    return Article(
        uri=_uri(heading, source, stamp or raw.received_at) or fields.stable_uri(raw),
        version=label.version,
        headline=headline or "",
        body_text=body_text,
        byline=byline,
        dateline=dateline,
        source=source,
        versioncreated=stamp,
        urgency=fields.urgency(heading.priority, high=6),
        pubstatus=label.pubstatus,
        keywords=heading.keywords,
        subjects=_subjects(heading.category),
        signals=Signals(
            update=label.update,
            correction=label.correction or fields.says_correction([], headline),
            agency_id=slug,
        ),
        provenance=fields.provenance(FORMAT, raw),
    )


def _lines(text: str) -> list[str]:
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def _heading(text: str) -> _Heading:
    found = _Heading()
    lines = [fields.strip_controls(x).strip() for x in _lines(text)]
    lines = [x for x in lines if x]
    if not lines:
        return found
    match = _HEADING.match(lines[0])
    rest = lines
    if match is not None:
        found.source = match.group("source") or None
        found.number = match.group("number")
        found.priority = int(match.group("priority"))
        found.category = match.group("category")
        found.info = squash(match.group("info"))
        rest = lines[1:]
    for line in rest:
        if fields.version_label(line).update or fields.says_correction([line]):
            found.version = " ".join(v for v in (found.version, line) if v)
            continue
        found.keywords.extend(k.strip() for k in line.split("/") if k.strip())
    found.keywords = fields.unique(found.keywords)
    return found


def _tail(
    lines: list[str], after: list[str]
) -> tuple[list[str], str | None, list[str]]:
    """Strip the not-for-publication section, sender initials and time stamp.

    Returns the story lines, the stamp as UTC and the editorial notes that were cut.
    """
    notes: list[str] = []
    for index, line in enumerate(lines):
        if _NOT_FOR_PUBLICATION.match(line):
            notes = [x.strip() for x in lines[index + 1:] if x.strip()]
            lines = lines[:index]
            break
    stamp: str | None = None
    while lines and (not lines[-1].strip() or _SEPARATOR.match(lines[-1])
                     or _STAMP.match(lines[-1]) or _INITIALS.match(lines[-1])):
        match = _STAMP.match(lines[-1])
        if match is not None and stamp is None:
            stamp = _stamp(match)
        lines = lines[:-1]
    if stamp is None:
        for line in [*notes, *after]:
            match = _STAMP.match(line)
            if match is not None:
                stamp = _stamp(match)
                break
    notes = [n for n in notes if not _STAMP.match(n) and not _INITIALS.match(n)]
    return lines, stamp, notes


def _stamp(match: re.Match[str]) -> str | None:
    year = int(match.group("y"))
    year = year + _YEAR_PREFIX if year < 100 else year
    zone = (match.group("tz") or "UTC").upper()
    value = (f"{int(match.group('d'))} {match.group('mon')} {year} "
             f"{match.group('hh')}:{match.group('mm')} {zone}")
    return to_utc_iso(value)


def _head(lines: list[str]) -> tuple[str | None, str | None, list[str]]:
    """Headline (the first line after STX) and byline, then the body lines."""
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index >= len(lines):
        return None, None, []
    headline = squash(lines[index])
    index += 1
    byline = None
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index < len(lines):
        match = _BYLINE.match(lines[index].strip())
        if match is not None:
            byline = squash(match.group("name").rstrip(" ,"))
            index += 1
    return headline, _without_agency(byline), lines[index:]


def _without_agency(byline: str | None) -> str | None:
    """``Katrin Vogel, dpa`` -> ``Katrin Vogel``: the agency travels in ``source``."""
    if not byline:
        return None
    name, _, tail = byline.rpartition(",")
    if name and fields.known_agency(tail.strip()):
        return name.strip() or None
    return byline


def _uri(heading: _Heading, source: str | None, dated: str | None) -> str | None:
    if not heading.keywords or not dated or not dated[:10].replace("-", "").isdigit():
        return None
    owner = (source or heading.source or "wire").lower()
    slug = "/".join(heading.keywords).lower().replace(" ", "-")
    return f"urn:iptc7901:{owner}:{dated[:10]}:{slug}"


def _subjects(category: str | None) -> list[Subject]:
    if not category:
        return []
    head = CATEGORIES.get(category.upper()) or SHORT_CATEGORIES.get(category.lower())
    subject = fields.topic_subject(head) if head else None
    return [subject] if subject is not None else []
