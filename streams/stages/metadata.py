"""Metadata that agency copy and publisher scrapes only carry as text: datelines, credit
lines, agency names and timestamp lines.

Each function answers one question about one line and returns None when unsure: a wrong
source or time misroutes a story, while a missing one only leaves a field empty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, tzinfo
from zoneinfo import ZoneInfo

from dateutil import parser as date_parser

# Canonical short names. Keys are lowercased, punctuation-free spellings seen in credits,
# datelines and copyright lines.
_AGENCIES: dict[str, str] = {
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "ap news": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "afp": "AFP",
    "agence france presse": "AFP",
    "agence francepresse": "AFP",
    "dpa": "dpa",
    "deutsche presse agentur": "dpa",
    "deutsche presseagentur": "dpa",
    "bloomberg": "Bloomberg",
    "bloomberg news": "Bloomberg",
    "pa": "PA",
    "pa media": "PA",
    "pa wire": "PA",
    "press association": "PA",
    "ansa": "ANSA",
    "efe": "EFE",
    "agencia efe": "EFE",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "xinhua": "Xinhua",
    "xinhua news agency": "Xinhua",
    "yonhap": "Yonhap",
    "yonhap news agency": "Yonhap",
    "upi": "UPI",
    "united press international": "UPI",
    "aap": "AAP",
    "australian associated press": "AAP",
    "cp": "CP",
    "the canadian press": "CP",
    "canadian press": "CP",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "tass": "TASS",
    "jiji": "Jiji",
    "jiji press": "Jiji",
    "pti": "PTI",
    "press trust of india": "PTI",
    "ians": "IANS",
    "ntb": "NTB",
    "tt": "TT",
    "apa": "APA",
    "belga": "Belga",
    "anp": "ANP",
    "sda": "SDA",
    "keystonesda": "SDA",
    "europa press": "Europa Press",
    "ritzau": "Ritzau",
    "lusa": "Lusa",
    "sapa": "SAPA",
}
_AGENCY_NOISE = re.compile(
    r"\b(?:news ?wire|wire service|wire|news agency|newswires?|staff|contributed)\b", re.I
)
_NON_WORD = re.compile(r"[^\w ]+")

# ---------------------------------------------------------------------------------- datelines
_DASH = r"(?:\s*[—–]\s*|\s+-{1,2}\s+|\s*--\s*)"
_DATELINE = re.compile(
    r"^(?P<place>[^\W\d_][^\W\d_.'’&-]*(?:[ .'’&-]{1,2}[^\W\d_]+){0,5}\.?)"
    r"(?P<rest>(?:,[ ]?[^,()\n—–]{1,32}?){0,2})"
    r"[ ]?(?:\((?P<agency>[^()\n]{1,40})\))?"
    rf"(?P<dash>{_DASH})(?=\S)"
)

# ------------------------------------------------------------------------------ credit lines
_NAME_WORD = r"(?:[A-Z][\w'’.-]*|(?:de|da|del|der|den|van|von|la|le|bin|al|el|di|du|dos|ter)\b)"
_NAME = rf"[A-Z][\w'’.-]*(?:\s+{_NAME_WORD}){{1,4}}"
_BY_LINE = re.compile(
    rf"^(?i:by)\s+(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*(?:{_NAME}|[A-Z][\w'’.-]+))*)"
    r"(?:\s*(?:\||/|—|–|\s-)\s*(?P<org>.{1,80}?))?\s*\.?$",
)
_AGENCY_TAIL = re.compile(r"^(?P<head>(?i:by)\s.+?)\s*[,|/—–]\s*(?P<org>[^,|/—–]{1,60})$")
_NAME_SEPARATOR = re.compile(r"\s*,\s*|\s+and\s+|\s*&\s*")
_JOB_TITLE = re.compile(
    r"\b(?:Writer|Correspondent|Editor|Reporter|Journalist|Columnist|Staff|Desk|Producer)s?$"
)
_BY_TITLE = re.compile(
    r"\s+(?P<org>(?:the\s+)?(?:AP|Associated Press|Reuters|AFP|Bloomberg|PA)"
    r"(?:\s+[A-Z][\w-]*){0,3}\s+(?:Writer|Correspondent|Editor|Reporter|Journalist))$"
)
_VIA_LINE = re.compile(
    r"^(?:via|from|source|sources|courtesy(?: of)?|credit|distributed by|copyright)\s*:?\s+"
    r"(?P<org>.{1,60}?)\s*\.?$",
    re.I,
)
# "Written by Jane Doe", "Words by ...", "Reporting by ...": the same credit as "By Jane Doe".
_CREDIT_VERB = re.compile(
    r"^(?:written|words|story|text|report(?:ed|ing)?|compiled|edited)\s+by\s+", re.I
)
_DASH_AGENCY = re.compile(r"^(?:[—–-]{1,2}\s*|\()(?P<org>[^()]{1,40}?)\)?\s*\.?$")
_TITLE_WORDS = re.compile(r"^(?:[A-Z][\w'’.-]*|of|for|and|the|on|in|at)(?:\s+\S+){0,6}$")

# ---------------------------------------------------------------------------- timestamp lines
_TS_PREFIX = re.compile(
    r"^(?:(?:first\s+)?published|last\s+(?:updated|modified)|updated|posted|modified|"
    r"date|dated|created)\b\s*(?:on|at)?\s*:?\s*",
    re.I,
)
_MONTHS = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
_WEEKDAYS = (
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?"
)
_TZ_NAMES: dict[str, tzinfo] = {
    "UTC": UTC,
    "GMT": UTC,
    "Z": UTC,
    "BST": ZoneInfo("Europe/London"),
    "ET": ZoneInfo("America/New_York"),
    "EST": ZoneInfo("America/New_York"),
    "EDT": ZoneInfo("America/New_York"),
    "CT": ZoneInfo("America/Chicago"),
    "CST": ZoneInfo("America/Chicago"),
    "CDT": ZoneInfo("America/Chicago"),
    "MT": ZoneInfo("America/Denver"),
    "MST": ZoneInfo("America/Denver"),
    "MDT": ZoneInfo("America/Denver"),
    "PT": ZoneInfo("America/Los_Angeles"),
    "PST": ZoneInfo("America/Los_Angeles"),
    "PDT": ZoneInfo("America/Los_Angeles"),
    "CET": ZoneInfo("Europe/Paris"),
    "CEST": ZoneInfo("Europe/Paris"),
    "KST": ZoneInfo("Asia/Seoul"),
    "JST": ZoneInfo("Asia/Tokyo"),
    "HKT": ZoneInfo("Asia/Hong_Kong"),
    "SGT": ZoneInfo("Asia/Singapore"),
    "AEST": ZoneInfo("Australia/Sydney"),
    "AEDT": ZoneInfo("Australia/Sydney"),
}
_TZ_ALT = "|".join(sorted(_TZ_NAMES, key=len, reverse=True))
# What may remain of a timestamp line once its parts are removed: nothing but separators.
_TS_TOKENS = re.compile(
    rf"\b(?:{_MONTHS}|{_WEEKDAYS})\b\.?|\b(?:{_TZ_ALT})\b|\b[ap]\.?m\b\.?|"
    r"\b\d{1,4}(?:st|nd|rd|th)?\b|[+-]\d{2}:?\d{2}\b|\bat\b|\bon\b|\bof\b|\bT\b",
    re.I,
)
_TS_LEFTOVER = re.compile(r"^[\s,.:/|\-–—()T]*$")
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_AM_PM = re.compile(r"\b([ap])\.m\.?(?=\W|$)", re.I)
_ISO_LIKE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_NUMERIC_DATE = re.compile(r"\b\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b")
_DAY = re.compile(r"(?<![\d:.])\b\d{1,2}(?:st|nd|rd|th)?\b(?![:.]\d)")
_DOTTED_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{4}\b")
_MONTH_WORD = re.compile(rf"\b(?:{_MONTHS})\b", re.I)
# "18.10" as a time of day (British house style), not part of a dotted date "12.08.2026".
_DOTTED_TIME = re.compile(r"(?<![\d.])([01]?\d|2[0-3])\.([0-5]\d)(?![\d.])")
# Zones of places that write dates day first: "10:49 BST 1/06/2026" is the 1st of June.
_DAY_FIRST_ZONES = re.compile(r"\b(?:GMT|UTC|BST|CET|CEST|KST|JST|HKT|SGT|AEST|AEDT)\b")


def normalise_agency(name: str) -> str | None:
    """The canonical short name of a news agency, or None when ``name`` is not one we know."""
    key = _NON_WORD.sub(" ", name.replace("-", "")).strip()
    key = " ".join(_AGENCY_NOISE.sub(" ", key).split()).lower()
    if key in _AGENCIES:
        return _AGENCIES[key]
    return _AGENCIES.get(" ".join(_NON_WORD.sub(" ", name).lower().split()))


def extract_dateline(lead: str) -> tuple[str | None, str | None]:
    """The dateline and agency that open a lead: ``SEOUL, South Korea (AP) — ...``.

    The place must be in capitals (agency style) unless an agency credit in brackets
    vouches for it, so an ordinary sentence with a dash is not mistaken for a dateline.
    """
    match = _DATELINE.match(lead.strip())
    if match is None:
        return None, None
    place = match.group("place")
    agency_text = match.group("agency")
    agency = normalise_agency(agency_text) if agency_text else None
    letters = [c for c in place if c.isalpha()]
    caps = bool(letters) and all(c.isupper() for c in letters) and len(letters) >= 2
    if not caps and agency is None:
        return None, None
    if agency_text and agency is None and not caps:
        return None, None
    dateline = (place + match.group("rest")).strip(" ,")
    if len(dateline) > 60:
        return None, None
    return dateline, agency


def find_dateline(paragraphs: list[str]) -> tuple[str | None, str | None]:
    """The dateline of a body: the lead's, or else the first one an agency credit vouches for
    further down (a live blog puts its newest entry first and the agency's lead last)."""
    if not paragraphs:
        return None, None
    found = extract_dateline(paragraphs[0])
    if found[0] is not None:
        return found
    for paragraph in paragraphs[1:]:
        dateline, agency = extract_dateline(paragraph)
        if dateline is not None and agency is not None:
            return dateline, agency
    return None, None


def _split_org(org: str) -> str | None:
    """The agency an org/title part of a credit names, if any (``AP Diplomatic Writer``)."""
    agency = normalise_agency(org)
    if agency is not None:
        return agency
    first = org.split()[0] if org.split() else ""
    if first.lower() in ("the", "ap", "reuters", "afp", "bloomberg", "pa"):
        words = org.split()
        for size in range(len(words), 0, -1):
            agency = normalise_agency(" ".join(words[:size]))
            if agency is not None:
                return agency
    return None


def extract_credit(line: str) -> tuple[str | None, str | None]:
    """(byline, agency) from a credit line, or (None, None) when the line is not one.

    Handles ``By Jane Doe, Associated Press``, ``By JANE DOE AP Diplomatic Writer``,
    ``Via AP news wire``, ``— Reuters`` and ``(AFP)``.
    """
    text = " ".join(line.split()).strip()
    if not text or len(text) > 160:
        return None, None
    text = _CREDIT_VERB.sub("By ", text)
    signed = _AGENCY_TAIL.match(text)
    if signed is not None:
        tail_agency = normalise_agency(signed.group("org"))
        if tail_agency is not None:
            byline, _ = extract_credit(signed.group("head"))
            if byline is not None:
                return byline, tail_agency
    by = _BY_LINE.match(text)
    if by is not None:
        org = by.group("org")
        agency: str | None = None
        if org:
            agency = _split_org(org)
            if agency is None and not _TITLE_WORDS.match(org):
                return None, None
        names: list[str] = []
        for part in _NAME_SEPARATOR.split(by.group("names")):
            segment = part.strip()
            titled = _BY_TITLE.search(" " + segment)
            if titled is not None:
                agency = agency or _split_org(titled.group("org"))
                segment = segment[: max(0, titled.start() - 1)].strip()
            part_agency = _split_org(segment) if segment else None
            words = segment.split()
            for cut in range(1, min(4, len(words) - 1)):
                tail_agency = normalise_agency(" ".join(words[-cut:]))
                if part_agency is None and tail_agency is not None:
                    agency = agency or tail_agency
                    segment = " ".join(words[:-cut])
                    break
            if part_agency is not None:
                agency = agency or part_agency
            elif segment and not _JOB_TITLE.search(segment):
                names.append(segment)
        if len(names) > 2:
            names = [", ".join(names[:-1]), names[-1]]
        return (" and ".join(names) or None), agency
    by_agency = re.match(r"^by\s+(.{2,60}?)\.?$", text, re.I)
    if by_agency is not None and normalise_agency(by_agency.group(1)):
        return None, normalise_agency(by_agency.group(1))
    via = _VIA_LINE.match(text)
    if via is not None:
        agency = normalise_agency(via.group("org"))
        return (None, agency) if agency else (None, None)
    dash = _DASH_AGENCY.match(text)
    if dash is not None:
        agency = normalise_agency(dash.group("org"))
        return (None, agency) if agency else (None, None)
    return None, normalise_agency(text)


def to_utc_iso(value: str, default_tz: str | None = None) -> str | None:
    """ISO 8601 UTC (``YYYY-MM-DDTHH:MM:SSZ``) for a date string, None when unparseable.

    A time without a zone is taken as ``default_tz`` (UTC when not given): feeds that omit
    the zone are overwhelmingly UTC, and a guess is flagged by nothing else downstream.
    """
    text = _AM_PM.sub(lambda m: m.group(1) + "m", value.strip())
    text = re.sub(rf"\b({_MONTHS})\.", r"\1", text, flags=re.I)
    if not text or len(text) > 100:
        return None
    if _MONTH_WORD.search(text) and not _ISO_LIKE.match(text):
        text = _DOTTED_TIME.sub(r"\1:\2", text)
    day_first = bool(_DOTTED_DATE.search(text)) or (
        bool(_NUMERIC_DATE.search(text)) and bool(_DAY_FIRST_ZONES.search(text))
    )
    try:
        parsed = date_parser.parse(text, tzinfos=_TZ_NAMES, fuzzy=False, dayfirst=day_first)
    except (ValueError, OverflowError, TypeError, LookupError):
        return None
    if parsed.tzinfo is None:
        zone: tzinfo = ZoneInfo(default_tz) if default_tz else UTC
        parsed = parsed.replace(tzinfo=zone)
    try:
        utc = parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    if not 1900 <= utc.year <= 2200:
        return None
    return utc.strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_timestamp_line(line: str) -> str | None:
    """A line that is only a publication time (``Thursday 11 November 2021 11:33 GMT``), as
    UTC ISO; None for anything else, including sentences that merely mention a date."""
    text = " ".join(line.split())
    if not text or len(text) > 90:
        return None
    text = _TS_PREFIX.sub("", text)
    if not _YEAR.search(text):
        return None
    if not _ISO_LIKE.match(text) and not _TS_LEFTOVER.match(_TS_TOKENS.sub(" ", text)):
        return None
    if not (
        _ISO_LIKE.match(text)
        or _NUMERIC_DATE.search(text)
        or (_MONTH_WORD.search(text) and _DAY.search(_YEAR.sub(" ", text)))
    ):
        return None
    return to_utc_iso(text.strip(" ,|"))


_META_SEPARATORS = re.compile(r"\s+(?:\||·|•|—|–)\s+|\s*(?:\||·|•)\s*")


@dataclass(frozen=True, slots=True)
class MetaLine:
    """What one credit/timestamp line says."""

    byline: str | None = None
    agency: str | None = None
    timestamp: str | None = None


def read_meta_line(line: str) -> MetaLine | None:
    """A credit line, a timestamp line, or both joined by separators ("By Jane Doe, Reuters |
    March 3, 2026 10:42 GMT"); None when any part of the line is something else."""
    text = " ".join(line.split())
    parts = [p for p in _META_SEPARATORS.split(text) if p.strip()]
    if len(parts) > 1 and len(text) <= 220:
        found: MetaLine | None = MetaLine()
        for part in parts:
            byline, agency = extract_credit(part)
            timestamp = None if (byline or agency) else parse_timestamp_line(part)
            if found is None or not (byline or agency or timestamp):
                found = None
                break
            found = MetaLine(
                found.byline or byline, found.agency or agency, found.timestamp or timestamp
            )
        if found is not None and found.timestamp is not None:
            return found
    byline, agency = extract_credit(text)
    if byline or agency:
        return MetaLine(byline, agency)
    timestamp = parse_timestamp_line(text)
    if timestamp:
        return MetaLine(timestamp=timestamp)
    return None


@dataclass(slots=True)
class MetaLines:
    """What credit and timestamp lines at the edges of a body said, once they are removed."""

    paragraphs: list[str]
    byline: str | None = None
    agency: str | None = None
    timestamp: str | None = None


def take_meta_lines(paragraphs: list[str], limit: int = 3) -> MetaLines:
    """Remove credit and timestamp lines from the head of a body (and an agency sign-off
    such as ``— Reuters`` from its tail), keeping what they said."""
    found = MetaLines(paragraphs=list(paragraphs))
    taken = 0
    while found.paragraphs and taken < limit:
        meta = read_meta_line(found.paragraphs[0])
        if meta is None:
            break
        found.byline = found.byline or meta.byline
        found.agency = found.agency or meta.agency
        found.timestamp = found.timestamp or meta.timestamp
        found.paragraphs.pop(0)
        taken += 1
    if len(found.paragraphs) > 1:
        last = found.paragraphs[-1]
        byline, agency = extract_credit(last)
        if agency and not byline and len(last) <= 40:
            found.agency = found.agency or agency
            found.paragraphs.pop()
    return found
