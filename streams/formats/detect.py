"""Which wire format a decoded payload is, by sniffing its first bytes and its root element.

Sniffing, not file extensions: feeds and drop folders mislabel files all the time. Two cases
must not fall through to "text": JSON that is not a news item and broken JSON. Treating them
as plain text would publish a story made of braces and quotes, so they raise instead and the
item is dead-lettered with the reason.

Rules, in order:

- JSON (first character ``{`` or ``[``), read strictly (``load_json``): an AP-Media-style item
  (AP-only keys such as ``altids.itemid``, ``headline_extended``, ``bylines[].by``,
  ``datelinelocation``, ``body_nitf``, ``editorialtypes``, an ``api_version`` wrapper) is
  ``ap-media-json``, unless it declares a ninjs ``$schema``; else a ninjs item is ``ninjs``.
- Teletype copy (first character SOH, or SYN SYN SOH, or STX): a heading
  ``<letters><digits> <digit> <letters> <digits>`` after SOH is ``iptc-7901``; anything else
  framed by SOH/STX is ``anpa-1312``.
- XML by root element: ``newsItem``/``newsMessage``/``packageItem`` are NewsML-G2, ``NewsML``
  (or a bare ``NewsItem``) is NewsML 1.2, ``nitf``, ``rss``/``RDF``, ``feed``/``entry``.
- Otherwise HTML markers make ``html``; the rest is ``text``.
"""

from __future__ import annotations

import json
import re
from typing import Any

import orjson

from streams.errors import ParseError, UnknownFormatError

FORMATS: tuple[str, ...] = (
    "ninjs", "newsml-g2", "nitf", "rss", "atom", "html", "text",
    "newsml-1.2", "anpa-1312", "iptc-7901", "ap-media-json",
)
#: formats whose payload is JSON, checked strictly even when the format is forced
JSON_FORMATS = frozenset({"ninjs", "ap-media-json"})

NEWSML_G2_NAMESPACE = "http://iptc.org/std/nar/2006-10-01/"

# Keys that only a ninjs item (1.x or 2.x+) carries at top level.
_NINJS_CONTENT_KEYS = frozenset({
    "headline", "headlines", "body_text", "body_html", "body_xhtml", "bodies",
    "description_text", "description_html", "descriptions",
})
_NINJS_META_KEYS = frozenset({
    "versioncreated", "firstcreated", "pubstatus", "urgency", "copyrightholder", "version",
    "type", "byline", "by", "located", "language", "infosource", "infosources",
})
_G2_ROOTS = frozenset({"newsItem", "newsMessage", "packageItem"})
_NEWSML_1_ROOTS = frozenset({"NewsML", "NewsItem"})
# Keys only AP's Media API puts on an item (ninjs has none of them).
_AP_ITEM_KEYS = frozenset({
    "headline_extended", "datelinelocation", "body_nitf", "editorialtypes",
    "outinginstructions",
})
_AP_ALTID_KEYS = frozenset({"itemid", "etag", "friendlykey", "transref"})

_WIRE_START = re.compile(r"^\x16*\x01")
_IPTC_7901_HEADING = re.compile(
    r"^\x16*\x01\s*[A-Za-z]{0,8}\d{1,6} +[0-9] +[A-Za-z]{1,3} +\d{1,6}\b"
)

_SNIFF_CHARS = 4096
_PROLOG_SKIP = re.compile(
    r"\s*(?:<\?.*?\?>|<!--.*?-->|<!DOCTYPE(?:[^\[>]*\[.*?\])?[^>]*>)", re.DOTALL | re.IGNORECASE
)
_ROOT_TAG = re.compile(r"<(?:([A-Za-z_][\w.-]*):)?([A-Za-z_][\w.-]*)")
_HTML_MARKERS = re.compile(r"<!doctype\s+html|<html[\s>]|<body[\s>]|<head[\s>]", re.IGNORECASE)
_BLOCK_TAG = re.compile(r"<(?:p|div|br|h[1-6]|article|section|li|table|blockquote)\b[^>]*>",
                        re.IGNORECASE)
_MIN_BLOCK_TAGS = 3


def detect_format(text: str) -> str:
    """One of FORMATS. Non-ninjs or broken JSON raise ParseError; unknown XML raises
    UnknownFormatError."""
    head = text.lstrip("\ufeff \t\r\n")
    if head[:1] in ("{", "["):
        return _detect_json(head)
    if head[:1] in ("\x01", "\x02", "\x16"):
        return _detect_wire(head)
    if head.startswith("<"):
        xml_format = _detect_xml(head)
        if xml_format is not None:
            return xml_format
    sample = head[:_SNIFF_CHARS * 4]
    if _HTML_MARKERS.search(sample) or len(_BLOCK_TAG.findall(sample)) >= _MIN_BLOCK_TAGS:
        return "html"
    return "text"


def _detect_wire(head: str) -> str:
    if _IPTC_7901_HEADING.match(head):
        return "iptc-7901"
    if _WIRE_START.match(head) or head.startswith("\x02"):
        return "anpa-1312"
    raise UnknownFormatError("control characters open the item but frame no wire format")


class _DuplicateKeyError(ValueError):
    pass


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    obj: dict[str, Any] = {}
    for key, value in pairs:
        if key in obj:
            raise _DuplicateKeyError(key)
        obj[key] = value
    return obj


def load_json(text: str) -> Any:
    """Strict JSON: orjson (no NaN/Infinity, no lone surrogates, depth <= 1024) and no
    duplicate keys.

    RFC 8259 leaves duplicate keys to the reader, and readers disagree (first wins, last
    wins): a payload with two ``pubstatus`` values would mean one thing to us and another
    to the next consumer, so it is refused rather than guessed.
    """
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc}") from exc
    if isinstance(obj, dict | list) and text.count(":") > 1:
        try:
            json.loads(text, object_pairs_hook=_refuse_duplicates)
        except _DuplicateKeyError as exc:
            raise ParseError(f"invalid JSON: duplicate key {exc.args[0]!r}") from exc
        except RecursionError as exc:
            raise ParseError("invalid JSON: nested too deeply") from exc
        except ValueError as exc:
            raise ParseError(f"invalid JSON: {exc}") from exc
    return obj


def _detect_json(text: str) -> str:
    obj = load_json(text)
    if isinstance(obj, dict) and is_ap_media(obj):
        return "ap-media-json"
    if isinstance(obj, dict) and is_ninjs(obj):
        return "ninjs"
    kind = "an array" if isinstance(obj, list) else f"a JSON {type(obj).__name__}"
    if isinstance(obj, dict):
        keys = ", ".join(sorted(obj)[:8])
        kind = f"an object with keys {keys}" if keys else "an empty object"
    raise ParseError(f"JSON is not a ninjs or AP Media item ({kind})")


def unwrap_ap_media(obj: dict[str, Any]) -> dict[str, Any] | None:
    """The item of an AP Media response, one-item feed page or bare item; None if absent.

    A feed page with several items raises: each must travel (and fail) on its own.
    """
    data = obj.get("data")
    if isinstance(data, dict):
        if isinstance(data.get("item"), dict):
            item: dict[str, Any] = data["item"]
            return item
        items = data.get("items")
        if isinstance(items, list):
            entries = [e.get("item", e) for e in items if isinstance(e, dict)]
            entries = [e for e in entries if isinstance(e, dict)]
            if len(entries) > 1:
                raise ParseError(
                    f"AP Media feed page holds {len(entries)} items; split it before parsing"
                )
            return entries[0] if entries else None
        return None
    return obj


def is_ap_media(obj: dict[str, Any]) -> bool:
    """Whether a JSON object is an AP-Media-style item rather than ninjs."""
    if isinstance(obj.get("$schema"), str) and "ninjs" in obj["$schema"].lower():
        return False
    try:
        item = unwrap_ap_media(obj)
    except ParseError:
        return True  # a multi-item AP feed page: the parser names the problem
    if item is None:
        return "api_version" in obj and isinstance(obj.get("data"), dict)
    schema = item.get("$schema")
    if isinstance(schema, str) and "ninjs" in schema.lower():
        return False
    if item.keys() & _AP_ITEM_KEYS:
        return True
    altids = item.get("altids")
    if isinstance(altids, dict) and altids.keys() & _AP_ALTID_KEYS:
        return True
    bylines = item.get("bylines")
    if isinstance(bylines, list) and any(isinstance(b, dict) and "by" in b for b in bylines):
        return True
    renditions = item.get("renditions")
    return isinstance(renditions, dict) and isinstance(renditions.get("nitf"), dict)


def is_ninjs(obj: dict[str, Any]) -> bool:
    """Whether a JSON object is a ninjs item (or an AP-style ``{"data": {"item": ...}}``)."""
    item = unwrap_ninjs(obj)
    schema = item.get("$schema") or obj.get("$schema")
    if isinstance(schema, str) and "ninjs" in schema.lower():
        return True
    standard = item.get("standard")
    if isinstance(standard, dict) and str(standard.get("name", "")).lower() == "ninjs":
        return True
    keys = set(item)
    if keys & _NINJS_CONTENT_KEYS:
        return True
    return "uri" in keys and bool(keys & _NINJS_META_KEYS)


def unwrap_ninjs(obj: dict[str, Any]) -> dict[str, Any]:
    data = obj.get("data")
    if isinstance(data, dict) and isinstance(data.get("item"), dict):
        return data["item"]
    return obj


def root_name(text: str) -> tuple[str, str | None] | None:
    """(local name, prefix) of the first element after the XML prolog, or None."""
    pos = 0
    while True:
        match = _PROLOG_SKIP.match(text, pos)
        if match is None or match.end() == pos:
            break
        pos = match.end()
    while pos < len(text) and text[pos].isspace():
        pos += 1
    tag = _ROOT_TAG.match(text, pos)
    if tag is None:
        return None
    return tag.group(2), tag.group(1)


def _detect_xml(head: str) -> str | None:
    found = root_name(head)
    declared_xml = head.startswith("<?xml")
    if found is None:
        if declared_xml:
            raise UnknownFormatError("XML document without a readable root element")
        return None
    name, _prefix = found
    if name in _G2_ROOTS:
        return "newsml-g2"
    if name in _NEWSML_1_ROOTS:
        return "newsml-1.2"
    lowered = name.lower()
    if lowered == "nitf":
        return "nitf"
    if lowered == "rss" or name == "RDF":
        return "rss"
    if name in ("feed", "entry"):
        return "atom"
    if lowered == "html":
        return "html"
    if declared_xml:
        raise UnknownFormatError(f"XML root <{name}> is not a news format we parse")
    return None
