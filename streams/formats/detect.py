"""Which wire format a decoded payload is, by sniffing its first bytes and its root element.

Sniffing, not file extensions: feeds and drop folders mislabel files all the time. Two cases
must not fall through to "text": JSON that is not a ninjs item and broken JSON. Treating them
as plain text would publish a story made of braces and quotes, so they raise instead and the
item is dead-lettered with the reason.
"""

from __future__ import annotations

import re
from typing import Any

import orjson

from streams.errors import ParseError, UnknownFormatError

FORMATS: tuple[str, ...] = ("ninjs", "newsml-g2", "nitf", "rss", "atom", "html", "text")

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
    if head.startswith("<"):
        xml_format = _detect_xml(head)
        if xml_format is not None:
            return xml_format
    sample = head[:_SNIFF_CHARS * 4]
    if _HTML_MARKERS.search(sample) or len(_BLOCK_TAG.findall(sample)) >= _MIN_BLOCK_TAGS:
        return "html"
    return "text"


def _detect_json(text: str) -> str:
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc}") from exc
    if isinstance(obj, dict) and is_ninjs(obj):
        return "ninjs"
    kind = "an array" if isinstance(obj, list) else f"a JSON {type(obj).__name__}"
    if isinstance(obj, dict):
        keys = ", ".join(sorted(obj)[:8])
        kind = f"an object with keys {keys}" if keys else "an empty object"
    raise ParseError(f"JSON is not a ninjs item ({kind})")


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
