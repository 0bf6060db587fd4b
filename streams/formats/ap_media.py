"""AP-Media-API-style JSON items to an Article.

Accepted shapes: the API's item response ``{"api_version": ..., "data": {"item": {...}}}``,
a feed page holding exactly one item (``{"data": {"items": [{"item": {...}}]}}``; the ingester
must split longer pages) and a bare item object. Field names are ninjs-like with AP's own
additions: ``altids`` (``itemid``, ``etag``, ``friendlykey``), ``headline_extended``,
``bylines`` (``by``, ``title``), ``datelinelocation``, ``editorialtypes`` ("Lead",
"Writethru", "Correction", "Kill") and a body as NITF (``body_nitf`` or an inline
``renditions.nitf`` value).

AP numbers versions from 0; Articles count from 1 (the first transmission), so AP version n
becomes n + 1. The uri is keyed on ``altids.itemid``, which AP keeps across versions.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import orjson
from lxml import etree

from streams.article import Article, Entity, RawItem, Signals, Subject
from streams.errors import MissingFieldError, ParseError, UnsafeInputError
from streams.formats import fields
from streams.formats.dates import to_utc_iso
from streams.formats.detect import unwrap_ap_media
from streams.formats.xml_safety import parse_xml
from streams.formats.xml_text import (
    child,
    descendants,
    element_text,
    html_to_text,
    inner_markup,
    local_name,
    plain_to_text,
    squash,
    text_of,
)

FORMAT = "ap-media-json"

_RENDITION_TEXT_KEYS = ("body", "content", "value", "data", "text")
_BODY_CONTAINERS = ("body.content", "block", "body")
_DECLARATION = re.compile(r"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)


def split_ap_feed(text: str) -> list[str]:
    """One single-item document per entry of an AP feed page; other text comes back whole.

    The ingester calls this so each item of a feed page becomes its own raw item.
    """
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError:
        return [text]
    data = obj.get("data") if isinstance(obj, dict) else None
    entries = data.get("items") if isinstance(data, dict) else None
    if not isinstance(entries, list) or len(entries) < 2:
        return [text]
    out = []
    for entry in entries:
        item = entry.get("item") if isinstance(entry, dict) else None
        if isinstance(item, dict):
            out.append(orjson.dumps({"data": {"item": item}}).decode("utf-8"))
    return out or [text]


def parse_ap_media(text: str, raw: RawItem) -> Article:
    """Parse one AP Media item; without headline and body it raises MissingFieldError."""
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise ParseError("AP Media JSON is not an object")
    item = unwrap_ap_media(obj)
    if item is None:
        raise MissingFieldError("AP Media JSON holds no item")

    body_text, body_html, nitf_headline = _body(item)
    headline = _str(item.get("headline")) or nitf_headline
    fields.require_content(headline, body_text, FORMAT)

    altids_value = item.get("altids")
    altids: dict[str, Any] = altids_value if isinstance(altids_value, dict) else {}
    itemid = _str(altids.get("itemid"))
    version = fields.version(_ap_version(item.get("version")))
    types = [t.lower() for t in _strings(item.get("editorialtypes"))]
    signals = [s.lower() for s in _strings(item.get("signals"))]
    ednote = _str(item.get("ednote"))
    bylines = _dicts(item.get("bylines"))
    source = _source(item, bylines)
    return Article(
        uri=_uri(item, itemid) or fields.stable_uri(raw),
        version=version,
        headline=headline or "",
        description=_str(item.get("headline_extended")) or _str(item.get("summary")),
        body_text=body_text,
        body_html=body_html,
        byline=_byline(bylines) or _str(item.get("byline")),
        dateline=_str(item.get("located")) or _dateline(item.get("datelinelocation")),
        source=source,
        language=_str(item.get("language")),
        versioncreated=_date(item.get("versioncreated")),
        firstcreated=_date(item.get("firstcreated")),
        urgency=fields.urgency(item.get("urgency")),
        pubstatus=_pubstatus(item, types),
        type=_str(item.get("type")) or "text",
        keywords=fields.unique([*_strings(item.get("keywords")), _str(item.get("title"))]),
        people=_entities(item.get("person")),
        organisations=_entities(item.get("organisation") or item.get("organization")),
        places=_entities(item.get("place")),
        subjects=_subjects(item.get("subject")),
        signals=Signals(
            update=version > 1 or any(t in ("writethru", "lead", "update") for t in types)
            or "update" in signals,
            correction=any("correct" in t for t in [*types, *signals])
            or fields.says_correction([ednote], headline),
            embargoed_until=_date(item.get("embargoed")),
            agency_id=itemid or _str(altids.get("etag")),
        ),
        provenance=fields.provenance(FORMAT, raw),
    )


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return squash(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return None


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value if (s := _str(v))]
    return []


def _dicts(value: Any) -> list[dict[str, Any]]:
    if isinstance(value, dict):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def _date(value: Any) -> str | None:
    return to_utc_iso(value) if isinstance(value, str) else None


def _ap_version(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value + 1
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip()) + 1
    return None


def _uri(item: dict[str, Any], itemid: str | None) -> str | None:
    """The item's uri without AP's per-request query string, else one made from itemid."""
    uri = _str(item.get("uri"))
    if uri:
        parts = urlsplit(uri)
        return urlunsplit((parts.scheme, parts.netloc, parts.path, "", "")) or uri
    return f"urn:apmedia:{itemid}" if itemid else None


def _pubstatus(item: dict[str, Any], types: list[str]) -> Any:
    if any(t in ("kill", "elimination", "withdrawal") for t in types):
        return "canceled"
    if "withhold" in types:
        return "withheld"
    return fields.pubstatus(_str(item.get("pubstatus")))


def _byline(bylines: list[dict[str, Any]]) -> str | None:
    names = []
    for entry in bylines:
        name = _str(entry.get("by")) or _str(entry.get("name"))
        if name and name.lower().startswith("by "):
            name = name[3:].strip()
        names.append(fields.name_case(name) if name else None)
    return ", ".join(fields.unique(names)) or None


def _source(item: dict[str, Any], bylines: list[dict[str, Any]]) -> str | None:
    """AP unless the item says otherwise: provider, info sources, copyright, byline titles."""
    candidates: list[str | None] = []
    provider = item.get("provider")
    if isinstance(provider, dict):
        candidates.append(_str(provider.get("name")))
    else:
        candidates.append(_str(provider))
    candidates.extend(_str(s.get("name")) for s in _dicts(item.get("infosource")))
    candidates.append(_str(item.get("copyrightnotice")))
    candidates.extend(_str(b.get("title")) for b in bylines)
    for candidate in candidates:
        found = fields.known_agency(candidate)
        if found:
            return found
    first = next((c for c in candidates if c), None)
    return fields.agency(first) if first else None


def _dateline(location: Any) -> str | None:
    if not isinstance(location, dict):
        return None
    city = _str(location.get("city"))
    area = _str(location.get("countryareaname")) or _str(location.get("countryname"))
    return ", ".join(p for p in (city, area) if p) or None


def _entities(value: Any) -> list[Entity]:
    out: list[Entity] = []
    for entry in _dicts(value):
        name = _str(entry.get("name"))
        if name:
            out.append(Entity(name=name, id=_str(entry.get("code"))))
    return out


def _subjects(value: Any) -> list[Subject]:
    out: list[Subject] = []
    for entry in _dicts(value):
        code = _str(entry.get("code"))
        name = _str(entry.get("name"))
        if code or name:
            out.append(Subject(code=code or name or "", name=name or code or ""))
    return out


def _body(item: dict[str, Any]) -> tuple[str, str | None, str | None]:
    """(text, markup, NITF headline) from body_nitf, an inline NITF rendition, or HTML/text."""
    nitf = item.get("body_nitf")
    if not isinstance(nitf, str) or not nitf.strip():
        nitf = _inline_rendition(item.get("renditions"))
    if nitf:
        return _nitf_body(nitf)
    html = item.get("body_html")
    if isinstance(html, str) and html.strip():
        return html_to_text(html), html.strip(), None
    plain = item.get("body_text")
    if isinstance(plain, str) and plain.strip():
        return plain_to_text(plain), None, None
    return "", None, None


def _inline_rendition(renditions: Any) -> str | None:
    if not isinstance(renditions, dict):
        return None
    rendition = renditions.get("nitf")
    if not isinstance(rendition, dict):
        return None
    for key in _RENDITION_TEXT_KEYS:
        value = rendition.get(key)
        if isinstance(value, str) and value.strip():
            return value
    return None


def _nitf_body(markup: str) -> tuple[str, str | None, str | None]:
    """A NITF document or fragment (a ``<block>``, a run of ``<p>``) read safely.

    Fragments are wrapped so they parse as one document; markup that is not XML at all is
    read as HTML, which never expands entities or fetches anything.
    """
    text = markup.strip()
    if text.startswith("<?xml") or text.lower().startswith(("<!doctype", "<nitf")):
        document = text
    else:
        document = f"<wrapper>{text}</wrapper>"
    try:
        root = parse_xml(document)
    except UnsafeInputError:
        raise
    except ParseError as exc:
        if _DECLARATION.search(text):
            raise UnsafeInputError(
                "AP body markup with DTD or entity declarations is refused"
            ) from exc
        return html_to_text(text), text, None
    headline = text_of(next(descendants(root, "hl1"), None))
    container: etree._Element = root
    for name in _BODY_CONTAINERS:
        found = next(descendants(root, name), None)
        if found is not None:
            container = found
            break
    if local_name(container) == "body":
        content = child(container, "body.content")
        container = content if content is not None else container
    return element_text(container), inner_markup(container), headline
