"""Field rules shared by the structured parsers, so every format maps the same way.

Each wire format spells status, urgency, versions and agency names its own way; the Article
speaks ninjs. Keeping the mappings here means a ninjs item and the same story as NITF end up
with identical field values, which dedup and routing rely on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import cast

from streams.article import PUBSTATUSES, Provenance, PubStatus, RawItem
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
