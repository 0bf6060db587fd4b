"""Field rules shared by the structured parsers, so every format maps the same way.

Each wire format spells status, urgency, versions and agency names its own way; the Article
speaks ninjs. Keeping the mappings here means a ninjs item and the same story as NITF end up
with identical field values, which dedup and routing rely on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from streams.article import PUBSTATUSES, Provenance, PubStatus, RawItem, Subject
from streams.errors import MissingFieldError
from streams.stages.metadata import normalise_agency

STABLE_URN_PREFIX = "urn:wirestreams:"

_PUBSTATUS_ALIASES: dict[str, str] = {
    "cancelled": "canceled",
    "cancel": "canceled",
    "kill": "canceled",
    "killed": "canceled",
    "withhold": "withheld",
    "embargoed": "usable",  # the embargo travels in signals.embargoed_until
}
_CORRECTION = re.compile(r"\bcorrect(?:s|ed|ion|ions)\b|\bcorrigendum\b", re.IGNORECASE)
_CORRECTED_HEADLINE = re.compile(r"^\s*(?:CORRECTED|CORRECTION|CORRECTS?)\b", re.IGNORECASE)
_INT = re.compile(r"^\s*(\d{1,4})(?:\.0+)?\s*$")
_QCODE_SCHEME = re.compile(r"^[A-Za-z][\w-]*:")
# "© 2021 The Associated Press", "Copyright Reuters", "Via AP news wire": the name is the tail.
_CREDIT_PREFIX = re.compile(
    r"^(?:\s*(?:©|\(c\)|copyright|all rights reserved|via|by|from|source:?|\d{4})\s*[.,:]?)+",
    re.IGNORECASE,
)


def stable_uri(raw: RawItem) -> str:
    """A uri for items whose format gives none: stable, so re-ingesting keys the same."""
    return f"{STABLE_URN_PREFIX}{raw.id}"


def provenance(fmt: str, raw: RawItem) -> Provenance:
    return Provenance(
        format=fmt, received_at=raw.received_at, path=raw.path, feed=raw.feed, raw_id=raw.id
    )


def strip_qcode(value: str | None) -> str | None:
    """``stat:usable`` -> ``usable``; ``nprov:REUTERS`` -> ``REUTERS``."""
    if value is None:
        return None
    stripped = _QCODE_SCHEME.sub("", value.strip(), count=1).strip()
    return stripped or None


def agency(name: str | None) -> str | None:
    """An agency's short name ("Associated Press" -> "AP"); unknown names come back trimmed."""
    if not name:
        return None
    cleaned = " ".join(name.split())
    if not cleaned:
        return None
    return known_agency(cleaned) or known_agency(strip_qcode(cleaned)) or cleaned


def known_agency(name: str | None) -> str | None:
    """The short name only when ``name`` is a news agency we know (for guessing from credits)."""
    if not name:
        return None
    cleaned = " ".join(name.split())
    return normalise_agency(cleaned) or normalise_agency(_CREDIT_PREFIX.sub("", cleaned))


def pubstatus(value: str | None) -> PubStatus:
    """ninjs pubstatus from any spelling (``stat:canceled``, ``Cancelled``); default usable."""
    key = (strip_qcode(value) or "usable").lower()
    key = _PUBSTATUS_ALIASES.get(key, key)
    return cast(PubStatus, key) if key in PUBSTATUSES else "usable"


def urgency(value: object, high: int = 9) -> int | None:
    """An urgency from 1 (flash) to ``high``; anything else is dropped."""
    number = _as_int(value)
    if number is None or not 1 <= number <= high:
        return None
    return number


def version(value: object) -> int:
    """A positive version number; missing or unreadable versions are 1."""
    number = _as_int(value)
    return number if number is not None and number >= 1 else 1


def _as_int(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        match = _INT.match(value)
        return int(match.group(1)) if match else None
    return None


def says_correction(texts: Iterable[str | None], headline: str | None = None) -> bool:
    """Whether an editor's note or signal marks the item as a correction."""
    if headline and _CORRECTED_HEADLINE.match(headline):
        return True
    return any(text and _CORRECTION.search(text) for text in texts)


def require_content(headline: str | None, body_text: str | None, fmt: str) -> None:
    if not (headline and headline.strip()) and not (body_text and body_text.strip()):
        raise MissingFieldError(f"{fmt} item has neither a headline nor a body")


def unique(values: Iterable[str | None]) -> list[str]:
    """Non-empty values, first occurrence kept, order kept."""
    seen: set[str] = set()
    out: list[str] = []
    for value in values:
        if value and value not in seen:
            seen.add(value)
            out.append(value)
    return out


# ----------------------------------------------------------------- wire (teletype) formats

#: IPTC Media Topic top-level codes; the IPTC subject-code tree (NewsML 1, IIM, IPTC 7901
#: categories) shares its first two digits with them.
TOP_LEVEL_TOPICS: dict[str, str] = {
    "01": "arts, culture, entertainment and media",
    "02": "crime, law and justice",
    "03": "disaster, accident and emergency incident",
    "04": "economy, business and finance",
    "05": "education",
    "06": "environment",
    "07": "health",
    "08": "human interest",
    "09": "labour",
    "10": "lifestyle and leisure",
    "11": "politics",
    "12": "religion",
    "13": "science and technology",
    "14": "society",
    "15": "sport",
    "16": "conflict, war and peace",
    "17": "weather",
}

# Framing and device-control codes of ANPA-1312 and IPTC 7901 transmissions: never story text.
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ORDINAL_VERSION = re.compile(
    r"\b(\d{1,2})\s*(?:st|nd|rd|th|\.)?\s*(?:Ld|Lead|Writethru|Write-thru|Update|Add|Sub|"
    r"Zusammenfassung|Version)\b",
    re.IGNORECASE,
)
_UPDATE_WORDS = re.compile(
    r"\b(?:Ld|Lead)\s*-?\s*Writethru\b|\bWrite-?thru\b|\bUpdate[sd]?\b|\bUpdating\b|"
    r"\bSub\b|\bAdds?\b",
    re.IGNORECASE,
)
_KILL_WORDS = re.compile(
    r"\b(?:Kill(?:ed)?|Elimination|Withdrawal|Withdrawn)\b",
    re.IGNORECASE,
)
_WITHHOLD_WORDS = re.compile(r"\bWithhold\b|\bWithheld\b", re.IGNORECASE)


def topic_subject(code: str) -> Subject | None:
    """A top-level Media Topic from an 8-digit IPTC subject code or its two-digit head."""
    digits = code.strip()
    head = digits[:2]
    if not digits.isdigit() or head not in TOP_LEVEL_TOPICS:
        return None
    if len(digits) == 2 or digits[2:].strip("0") == "":
        return Subject(code=f"medtop:{head}000000", name=TOP_LEVEL_TOPICS[head])
    return None


def strip_controls(text: str) -> str:
    """Text without teletype control codes (SOH, STX, ETX, EOT, SYN, DC1-4, ...)."""
    return _CONTROL_CHARS.sub("", text)


@dataclass(frozen=True, slots=True)
class VersionLabel:
    """What a wire version label ("2nd Ld-Writethru", "Correction", "Kill") says."""

    version: int = 1
    update: bool = False
    correction: bool = False
    pubstatus: PubStatus = "usable"


def version_label(label: str | None, notes: Iterable[str | None] = ()) -> VersionLabel:
    """Read the version signals of teletype copy from its version label and editor's notes.

    A numbered lead or write-through ("2nd Ld-Writethru") is version n + 1, because the
    first transmission was version 1; an unnumbered write-through is at least version 2.
    Kills and withholds count only in the label: notes say "cancelled" about the news.
    """
    kept = [n for n in notes if n]
    text = " ".join([label or "", *kept])
    if not text.strip():
        return VersionLabel()
    numbers = [int(m.group(1)) for m in _ORDINAL_VERSION.finditer(text)]
    update = bool(numbers) or bool(_UPDATE_WORDS.search(text))
    number = max(numbers) + 1 if numbers else (2 if update else 1)
    status: PubStatus = "usable"
    if label and _KILL_WORDS.search(label):
        status = "canceled"
    elif label and _WITHHOLD_WORDS.search(label):
        status = "withheld"
    return VersionLabel(
        version=number,
        update=update,
        correction=says_correction([text]),
        pubstatus=status,
    )


_WIRE_DATELINE = re.compile(
    r"^(?P<place>[A-Z][^()\n]{1,60}?)\s*\((?P<agency>[A-Za-z][\w/ .&-]{0,30})\)\s*"
    r"(?:_|--|—|–|-)\s+\S"
)


def wire_dateline(lead: str | None) -> tuple[str | None, str | None]:
    """(dateline, agency) from a lead that opens ``PLACE, date (Agency) - ...``.

    Teletype leads use ``_`` or ``--`` for the dash. The agency is the last known agency in
    the brackets ("tca/dpa" names a partner first and the distributing agency last).
    """
    if not lead:
        return None, None
    match = _WIRE_DATELINE.match(lead.strip())
    if match is None:
        return None, None
    place = match.group("place").strip(" ,")
    parts = [p for p in re.split(r"[/,&]", match.group("agency")) if p.strip()]
    agencies = [a for p in parts if (a := known_agency(p.strip()))]
    return place or None, (agencies[-1] if agencies else None)


def name_case(name: str) -> str:
    """``MIN-JI PARK and TOM REID`` -> ``Min-Ji Park and Tom Reid``: wire bylines come in
    capitals; words already in mixed case ("McDonald", "and") are left alone."""
    words = []
    for word in name.split():
        if len(word) > 1 and word.isupper():
            word = re.sub(r"[A-Z]+", lambda m: m.group(0).capitalize(), word)
        words.append(word)
    return " ".join(words)
