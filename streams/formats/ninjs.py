"""IPTC ninjs (News in JSON), generations 1.x and 2.x/3.x, to an Article.

Generation 1 has flat fields (``headline``, ``body_text``, ``body_html``, ``byline``,
``description_text``, ``infosource``); generation 2 moved to role-tagged arrays (``headlines``,
``bodies``, ``descriptions``, ``infosources``, ``by``). Both appear in the same intake, often
from the same agency, so one parser reads either and the Article's names are ninjs's own.
"""

from __future__ import annotations

from typing import Any

import orjson

from streams.article import Article, Entity, RawItem, Signals, Subject
from streams.errors import ParseError
from streams.formats import fields
from streams.formats.dates import to_utc_iso
from streams.formats.detect import unwrap_ninjs
from streams.formats.xml_text import html_to_text, plain_to_text, squash

FORMAT = "ninjs"

_MAIN_ROLES = ("main", "", None)
_SUMMARY_ROLES = ("summary", "abstract", "standfirst", "description", "main", "", None)


def parse_ninjs(text: str, raw: RawItem) -> Article:
    """Parse one ninjs item; items without headline and body raise MissingFieldError."""
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ParseError(f"invalid JSON: {exc}") from exc
    if not isinstance(obj, dict):
        raise ParseError("JSON is not a ninjs item (not an object)")
    item = unwrap_ninjs(obj)

    headline = _headline(item)
    body_text, body_html = _body(item)
    fields.require_content(headline, body_text, FORMAT)

    uri = _str(item.get("uri"))
    version = fields.version(item.get("version"))
    ednote = _str(item.get("ednote"))
    signal_names = _signal_names(item.get("signals"))
    source, publisher = _source_and_publisher(item)
    return Article(
        uri=uri or fields.stable_uri(raw),
        version=version,
        headline=headline or "",
        description=_description(item),
        body_text=body_text,
        body_html=body_html,
        byline=_byline(item),
        dateline=_str(item.get("located")) or _str(item.get("dateline")),
        source=source,
        publisher=publisher,
        language=_str(item.get("language")),
        versioncreated=_date(item.get("versioncreated")),
        firstcreated=_date(item.get("firstcreated")),
        urgency=fields.urgency(item.get("urgency")),
        pubstatus=fields.pubstatus(_str(item.get("pubstatus"))),
        type=_str(item.get("type")) or "text",
        keywords=_keywords(item),
        people=_entities(item.get("people") or item.get("person")),
        organisations=_entities(item.get("organisations") or item.get("organisation")),
        places=_entities(item.get("places") or item.get("place")),
        subjects=_subjects(item.get("subjects") or item.get("subject")),
        signals=Signals(
            update=version > 1 or any("update" in name for name in signal_names),
            correction=any("correct" in name for name in signal_names)
            or fields.says_correction([ednote], headline),
            embargoed_until=_date(item.get("embargoed")),
            agency_id=_agency_id(item, uri),
        ),
        provenance=fields.provenance(FORMAT, raw),
    )


def _str(value: Any) -> str | None:
    if isinstance(value, str):
        return squash(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return None


def _date(value: Any) -> str | None:
    return to_utc_iso(value) if isinstance(value, str) else None


def _dicts(value: Any) -> list[dict[str, Any]]:
    """ninjs 1.x uses objects keyed by name where 2.x uses arrays; accept both."""
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, dict)] or [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, dict)]
    return []


def _by_role(entries: list[dict[str, Any]], roles: tuple[str | None, ...]) -> dict[str, Any] | None:
    for role in roles:
        for entry in entries:
            if entry.get("role") == role or (role is None and "role" not in entry):
                return entry
    return entries[0] if entries else None


def _value_text(entry: dict[str, Any] | None) -> str | None:
    if entry is None:
        return None
    value = entry.get("value")
    if not isinstance(value, str):
        return None
    if "html" in str(entry.get("contenttype", "")).lower():
        return squash(html_to_text(value))
    return squash(value)


def _headline(item: dict[str, Any]) -> str | None:
    return _str(item.get("headline")) or _value_text(
        _by_role(_dicts(item.get("headlines")), _MAIN_ROLES)
    )


def _description(item: dict[str, Any]) -> str | None:
    text = _str(item.get("description_text"))
    if text:
        return text
    markup = item.get("description_html")
    if isinstance(markup, str) and markup.strip():
        return squash(html_to_text(markup))
    return _value_text(_by_role(_dicts(item.get("descriptions")), _SUMMARY_ROLES))


def _body(item: dict[str, Any]) -> tuple[str, str | None]:
    body_html = item.get("body_html") or item.get("body_xhtml")
    body_html = body_html if isinstance(body_html, str) and body_html.strip() else None
    body_text = item.get("body_text")
    if isinstance(body_text, str) and body_text.strip():
        return plain_to_text(body_text), body_html
    if body_html:
        return html_to_text(body_html), body_html
    entries = _dicts(item.get("bodies"))
    html_entries = [e for e in entries if "html" in str(e.get("contenttype", "")).lower()]
    text_entries = [e for e in entries if e not in html_entries]
    html_entry = _by_role(html_entries, _MAIN_ROLES)
    html_value = html_entry.get("value") if html_entry else None
    html_value = html_value if isinstance(html_value, str) and html_value.strip() else None
    text_entry = _by_role(text_entries, _MAIN_ROLES)
    text_value = text_entry.get("value") if text_entry else None
    if isinstance(text_value, str) and text_value.strip():
        return plain_to_text(text_value), html_value
    return html_to_text(html_value), html_value


def _byline(item: dict[str, Any]) -> str | None:
    direct = _str(item.get("byline")) or _str(item.get("by"))
    if direct:
        return direct
    names = [_str(e.get("byline")) or _str(e.get("name")) for e in _dicts(item.get("bylines"))]
    joined = ", ".join(fields.unique(names))
    return joined or None


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    return [name for e in _dicts(value) if (name := _str(e.get("name")))]


def _source_and_publisher(item: dict[str, Any]) -> tuple[str | None, str | None]:
    """The agency behind the copy and, when someone else republished it, that publisher."""
    candidates = fields.unique([
        _str(item.get("copyrightholder")),
        *_names(item.get("provider")),
        *_names(item.get("infosources")),
        *_names(item.get("infosource")),
    ])
    if not candidates:
        return None, None
    agencies = [a for c in candidates if (a := fields.known_agency(c))]
    if not agencies:
        return fields.agency(candidates[0]), None
    others = [c for c in candidates if fields.known_agency(c) is None]
    return agencies[0], (others[0] if others else None)


def _keywords(item: dict[str, Any]) -> list[str]:
    value = item.get("keywords")
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, list):
        return []
    return fields.unique(_str(v) for v in value)


def _entities(value: Any) -> list[Entity]:
    out: list[Entity] = []
    for entry in _dicts(value):
        name = _str(entry.get("name"))
        if name:
            ident = _str(entry.get("uri")) or _str(entry.get("literal")) or _str(entry.get("code"))
            out.append(Entity(name=name, id=ident))
    return out


def _subjects(value: Any) -> list[Subject]:
    out: list[Subject] = []
    for entry in _dicts(value):
        code = _str(entry.get("code")) or _str(entry.get("uri")) or _str(entry.get("literal"))
        if code:
            out.append(Subject(code=code, name=_str(entry.get("name")) or code))
    return out


def _signal_names(value: Any) -> list[str]:
    """Signals as lower-case names, from a list of strings/objects or an object of flags."""
    names: list[str] = []
    if isinstance(value, dict):
        names = [str(k) for k, v in value.items() if v and not isinstance(v, dict)]
        value = [v for v in value.values() if isinstance(v, dict)]
    if isinstance(value, list):
        for entry in value:
            if isinstance(entry, str):
                names.append(entry)
            elif isinstance(entry, dict):
                names.extend(
                    str(entry[k]) for k in ("qcode", "name", "uri", "literal") if entry.get(k)
                )
    return [n.lower() for n in names]


def _agency_id(item: dict[str, Any], uri: str | None) -> str | None:
    altids = item.get("altids")
    if isinstance(altids, dict):  # ninjs 1.x: {"role": "value"}
        values = [_str(v) for v in altids.values()]
        return next((v for v in values if v), uri)
    for entry in _dicts(altids):
        value = _str(entry.get("value"))
        if value:
            return value
    return uri
