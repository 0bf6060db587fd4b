"""Timestamps from every wire format, normalised to one shape: ``YYYY-MM-DDTHH:MM:SSZ`` in UTC.

Agencies stamp items in ISO 8601 with offsets (ninjs, NewsML-G2), RFC 822 (RSS), NITF's compact
``20211111T113300Z`` and, in scraped pages, free text such as ``Thursday 11 November 2021 11:33
GMT``. Downstream stages compare and sort these values as strings, so they must all be UTC with
second precision. A value we cannot read is dropped (``None``) rather than failing the item: a
missing timestamp costs less than a dead-lettered story.
"""

from __future__ import annotations

import re
import warnings
from datetime import UTC, datetime, tzinfo
from email.utils import parsedate_to_datetime

from dateutil import parser as dateutil_parser
from dateutil import tz

ISO_FORMAT = "%Y-%m-%dT%H:%M:%SZ"

# Abbreviations seen in wire copy; dateutil knows only UTC/GMT by itself. Zone names (not
# fixed offsets) for the US abbreviations without a season, so DST is right.
_TZ_OFFSETS: dict[str, int] = {
    "UT": 0, "UTC": 0, "GMT": 0, "Z": 0, "WET": 0,
    "BST": 3600, "CET": 3600, "WEST": 3600,
    "CEST": 7200, "EET": 7200, "EEST": 10800, "MSK": 10800,
    "EST": -5 * 3600, "EDT": -4 * 3600, "CST": -6 * 3600, "CDT": -5 * 3600,
    "MST": -7 * 3600, "MDT": -6 * 3600, "PST": -8 * 3600, "PDT": -7 * 3600,
    "KST": 9 * 3600, "JST": 9 * 3600, "HKT": 8 * 3600, "SGT": 8 * 3600,
    "AEST": 10 * 3600, "AEDT": 11 * 3600,
}
_TZ_ZONES: dict[str, str] = {
    "ET": "America/New_York", "CT": "America/Chicago",
    "MT": "America/Denver", "PT": "America/Los_Angeles",
}

# Free-text parsing fills missing parts from today, so "5" would become a date: insist on a year.
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]|2\d)\d{2}(?!\d)|^\d{8}")
_AMPM_DOTS = re.compile(r"\b([ap])\.m\.", re.IGNORECASE)


def _tzinfos(name: str | None, offset: int | None) -> tzinfo | int | None:
    if name is None:
        return offset
    key = name.upper()
    if key in _TZ_OFFSETS:
        return _TZ_OFFSETS[key]
    if key in _TZ_ZONES:
        return tz.gettz(_TZ_ZONES[key])
    return offset


def _fallback_tz(default_tz: str | None) -> tzinfo:
    if default_tz:
        zone = tz.gettz(default_tz)
        if zone is not None:
            return zone
    return UTC


def _parse(value: str) -> datetime | None:
    try:
        return dateutil_parser.isoparse(value)
    except (ValueError, OverflowError):
        pass
    try:
        parsed = parsedate_to_datetime(value)
        if parsed is not None:
            return parsed
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    if not _HAS_YEAR.search(value):
        return None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return dateutil_parser.parse(_AMPM_DOTS.sub(r"\1m", value), tzinfos=_tzinfos)
    except (ValueError, OverflowError, TypeError, dateutil_parser.ParserError):
        return None


def to_utc_iso(value: str, default_tz: str | None = None) -> str | None:
    """``value`` as UTC ``YYYY-MM-DDTHH:MM:SSZ``, or None when it is not a readable timestamp.

    A value without an offset is read in ``default_tz`` (an IANA name), else as UTC: wire
    systems that drop the offset almost always mean UTC.
    """
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > 200:
        return None
    parsed = _parse(text)
    if parsed is None:
        return None
    if parsed.tzinfo is None or parsed.utcoffset() is None:
        parsed = parsed.replace(tzinfo=_fallback_tz(default_tz))
    try:
        utc = parsed.astimezone(UTC)
    except (ValueError, OverflowError):
        return None
    if utc.microsecond:
        utc = utc.replace(microsecond=0)
    return utc.strftime(ISO_FORMAT)


def is_after(later: str | None, earlier: str | None) -> bool:
    """Whether one normalised timestamp is strictly after another (both from ``to_utc_iso``)."""
    return bool(later and earlier and later > earlier)
