"""IPTC NewsML-G2 ``newsItem`` (alone or the first in a ``newsMessage``) to an Article.

Elements are matched by local name, so documents with the G2 namespace as default, under a
prefix, or (as some feeds send them) with no namespace at all read the same. The body comes
from ``contentSet``: an XHTML ``inlineXML`` body preferred, ``inlineData`` text otherwise.
"""

from __future__ import annotations

from lxml import etree

from streams.article import Article, Entity, RawItem, Signals, Subject
from streams.errors import MissingFieldError, ParseError
from streams.formats import fields
from streams.formats.dates import to_utc_iso
from streams.formats.xml_safety import parse_xml
from streams.formats.xml_text import (
    attr,
    child,
    children,
    descendants,
    element_text,
    html_to_text,
    inner_markup,
    local_name,
    plain_to_text,
    text_of,
)

FORMAT = "newsml-g2"

_ITEM_ROOTS = ("newsItem", "packageItem")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_PERSON_TYPES = ("cpnat:person",)
_ORG_TYPES = ("cpnat:organisation", "cpnat:organization")
_PLACE_TYPES = ("cpnat:geoArea", "cpnat:poi", "cpnat:place")


def parse_newsml_g2(text: str, raw: RawItem) -> Article:
    """Parse a NewsML-G2 item; a document without a newsItem raises MissingFieldError."""
    item = _find_item(parse_xml(text))
    item_meta = child(item, "itemMeta")
    content_meta = child(item, "contentMeta")

    headline = text_of(child(content_meta, "headline"))
    body_text, body_html = _body(item)
    fields.require_content(headline, body_text, FORMAT)

    guid = attr(item, "guid")
    version = fields.version(item.get("version"))
    ednote = text_of(child(item_meta, "edNote"))
    signals = [(s.get("qcode") or s.get("uri") or "").lower()
               for s in children(item_meta, "signal")] if item_meta is not None else []
    source, publisher = _source_and_publisher(item, item_meta, content_meta)
    return Article(
        uri=guid or fields.stable_uri(raw),
        version=version,
        headline=headline or "",
        description=_description(content_meta),
        body_text=body_text,
        body_html=body_html,
        byline=text_of(child(content_meta, "by")) or _creator(content_meta),
        dateline=text_of(child(content_meta, "dateline"))
        or text_of(child(content_meta, "located", "name")),
        source=source,
        publisher=publisher,
        language=attr(child(content_meta, "language"), "tag") or attr(item, _XML_LANG),
        versioncreated=_date(child(item_meta, "versionCreated")),
        firstcreated=_date(child(item_meta, "firstCreated")),
        urgency=fields.urgency(text_of(child(content_meta, "urgency"))),
        pubstatus=fields.pubstatus(attr(child(item_meta, "pubStatus"), "qcode")),
        type=(fields.strip_qcode(attr(child(item_meta, "itemClass"), "qcode")) or "text"),
        keywords=fields.unique(text_of(k) for k in _all(content_meta, "keyword")),
        people=_entities(content_meta, _PERSON_TYPES),
        organisations=_entities(content_meta, _ORG_TYPES),
        places=_entities(content_meta, _PLACE_TYPES),
        subjects=_subjects(content_meta),
        signals=Signals(
            update=version > 1 or any(s.endswith(":update") for s in signals),
            correction=any("correct" in s for s in signals)
            or fields.says_correction([ednote], headline),
            embargoed_until=_date(child(item_meta, "embargoed")),
            agency_id=text_of(child(item_meta, "altId")) or guid,
        ),
        provenance=fields.provenance(FORMAT, raw),
    )


def _find_item(root: etree._Element) -> etree._Element:
    if local_name(root) in _ITEM_ROOTS:
        return root
    if local_name(root) != "newsMessage":
        raise ParseError(f"NewsML-G2 root <{local_name(root)}> is not newsItem or newsMessage")
    for name in ("newsItem", "packageItem"):
        found = next(descendants(root, name), None)
        if found is not None:
            return found
    raise MissingFieldError("NewsML-G2 newsMessage holds no newsItem")


def _all(el: etree._Element | None, name: str) -> list[etree._Element]:
    return list(children(el, name)) if el is not None else []


def _date(el: etree._Element | None) -> str | None:
    value = text_of(el)
    return to_utc_iso(value) if value else None


def _description(content_meta: etree._Element | None) -> str | None:
    descriptions = _all(content_meta, "description")
    for wanted in ("drol:summary", "drol:abstract", "drol:caption", None):
        for el in descriptions:
            if wanted is None or el.get("role") == wanted:
                return text_of(el)
    return None


def _creator(content_meta: etree._Element | None) -> str | None:
    names = [text_of(child(c, "name")) or attr(c, "literal") for c in _all(content_meta, "creator")]
    joined = ", ".join(fields.unique(names))
    return joined or None


def _body(item: etree._Element) -> tuple[str, str | None]:
    content_set = child(item, "contentSet")
    if content_set is None:
        return "", None
    for inline in children(content_set, "inlineXML"):
        body = next(descendants(inline, "body"), None)
        container = body if body is not None else inline
        markup = inner_markup(container)
        text = element_text(container)
        if text:
            return text, markup
    for inline in children(content_set, "inlineData"):
        data = inline.text or ""
        if "html" in (inline.get("contenttype") or "").lower():
            return html_to_text(data), data.strip() or None
        text = plain_to_text(data)
        if text:
            return text, None
    return "", None


def _names(el: etree._Element | None) -> list[str | None]:
    if el is None:
        return []
    return [text_of(child(el, "name")) or attr(el, "literal") or attr(el, "qcode")]


def _source_and_publisher(
    item: etree._Element,
    item_meta: etree._Element | None,
    content_meta: etree._Element | None,
) -> tuple[str | None, str | None]:
    """Agency from provider, copyright holder, info sources or credit line, in that order."""
    candidates = fields.unique([
        *_names(child(item_meta, "provider")),
        *_names(child(item, "rightsInfo", "copyrightHolder")),
        *[n for el in _all(content_meta, "infoSource") for n in _names(el)],
        text_of(child(content_meta, "creditline")),
    ])
    if not candidates:
        return None, None
    agencies = [a for c in candidates if (a := fields.known_agency(fields.strip_qcode(c)))]
    if not agencies:
        return fields.agency(fields.strip_qcode(candidates[0])), None
    others = [c for c in candidates
              if fields.known_agency(fields.strip_qcode(c)) is None and ":" not in c]
    return agencies[0], (others[0] if others else None)


def _entities(content_meta: etree._Element | None, types: tuple[str, ...]) -> list[Entity]:
    out: list[Entity] = []
    for subject in _all(content_meta, "subject"):
        if subject.get("type") in types:
            name = text_of(child(subject, "name"))
            if name:
                out.append(Entity(name=name, id=subject.get("qcode") or subject.get("uri")))
    return out


def _subjects(content_meta: etree._Element | None) -> list[Subject]:
    out: list[Subject] = []
    entity_types = (*_PERSON_TYPES, *_ORG_TYPES, *_PLACE_TYPES)
    for subject in _all(content_meta, "subject"):
        if subject.get("type") in entity_types:
            continue
        code = subject.get("qcode") or subject.get("uri")
        if code:
            out.append(Subject(code=code, name=text_of(child(subject, "name")) or code))
    return out
