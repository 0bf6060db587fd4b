"""IPTC NITF 3.x to an Article.

NITF keeps its metadata in ``head/docdata`` (ids, urgency, dates, copyright, keywords) and the
story in ``body`` (``body.head`` for headline, byline, dateline and abstract; ``body.content``
for the text). Dates use NITF's compact ISO form (``20211111T113300Z`` or ``+0000``).
"""

from __future__ import annotations

import copy

from lxml import etree

from streams.article import Article, Entity, RawItem, Signals
from streams.errors import ParseError
from streams.formats import fields
from streams.formats.dates import is_after, to_utc_iso
from streams.formats.xml_safety import parse_xml
from streams.formats.xml_text import (
    attr,
    child,
    children,
    descendants,
    element_text,
    inner_markup,
    local_name,
    text_of,
)

FORMAT = "nitf"

_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def parse_nitf(text: str, raw: RawItem) -> Article:
    """Parse a NITF document; without headline and body it raises MissingFieldError."""
    root = parse_xml(text)
    if local_name(root).lower() != "nitf":
        raise ParseError(f"NITF root is <{local_name(root)}>, not <nitf>")
    head = child(root, "head")
    docdata = child(head, "docdata")
    body = child(root, "body")
    body_head = child(body, "body.head")
    content = child(body, "body.content")

    hedline = child(body_head, "hedline")
    headline = text_of(child(hedline, "hl1")) or text_of(child(head, "title"))
    body_text = element_text(content)
    fields.require_content(headline, body_text, FORMAT)

    doc_id = child(docdata, "doc-id")
    uri = _uri(doc_id)
    version = fields.version(attr(child(docdata, "du-key"), "version"))
    ednotes = [attr(e, "info") or text_of(e) for e in _all(docdata, "ed-msg")]
    issued = _norm_date(child(docdata, "date.issue"))
    released = _norm_date(child(docdata, "date.release"))
    status = attr(docdata, "management-status")
    pubdata = child(head, "pubdata")
    source, publisher = _source_and_publisher(docdata, body_head, doc_id, pubdata)
    return Article(
        uri=uri or fields.stable_uri(raw),
        version=version,
        headline=headline or "",
        description=text_of(child(body_head, "abstract")) or text_of(child(hedline, "hl2")),
        body_text=body_text,
        body_html=inner_markup(content),
        byline=_byline(body_head),
        dateline=text_of(child(body_head, "dateline")),
        source=source,
        publisher=publisher,
        language=attr(root, _XML_LANG) or attr(body, _XML_LANG) or _meta(head, "language"),
        versioncreated=issued or _norm_date(pubdata, "date.publication"),
        urgency=fields.urgency(attr(child(docdata, "urgency"), "ed-urg"), high=8),
        pubstatus=fields.pubstatus(status),
        keywords=fields.unique(attr(k, "key") for k in _all(child(docdata, "key-list"), "keyword")),
        people=_identified(docdata, body, "person"),
        organisations=_identified(docdata, body, "org"),
        places=_identified(docdata, body, "location", text_only=True),
        signals=Signals(
            update=version > 1,
            correction=fields.says_correction(ednotes, headline),
            embargoed_until=released
            if (status or "").lower() == "embargoed" or is_after(released, issued)
            else None,
            agency_id=attr(doc_id, "id-string"),
        ),
        provenance=fields.provenance(FORMAT, raw),
    )


def _all(el: etree._Element | None, name: str) -> list[etree._Element]:
    return list(children(el, name)) if el is not None else []


def _norm_date(el: etree._Element | None, attribute: str = "norm") -> str | None:
    value = attr(el, attribute)
    return to_utc_iso(value) if value else None


def _uri(doc_id: etree._Element | None) -> str | None:
    """doc-id's id-string; a bare id is scoped by its registering source so two agencies'
    "12345" never share a key."""
    ident = attr(doc_id, "id-string")
    if not ident:
        return None
    if ":" in ident:
        return ident
    regsrc = attr(doc_id, "regsrc")
    return f"urn:nitf:{regsrc}:{ident}" if regsrc else f"urn:nitf:{ident}"


def _meta(head: etree._Element | None, name: str) -> str | None:
    for meta in _all(head, "meta"):
        if (meta.get("name") or "").lower() == name:
            return attr(meta, "content")
    return None


def _byline(body_head: etree._Element | None) -> str | None:
    """Bylines without the ``byttl`` title part ("AP Diplomatic Writer")."""
    names = []
    for byline in _all(body_head, "byline"):
        person = child(byline, "person")
        names.append(text_of(person) if person is not None else _without_titles(byline))
    joined = "; ".join(fields.unique(names))
    return joined or None


def _without_titles(byline: etree._Element) -> str | None:
    clone = copy.deepcopy(byline)
    for title in list(descendants(clone, "byttl")):
        parent = title.getparent()
        if parent is not None:
            if title.tail:
                previous = title.getprevious()
                if previous is not None:
                    previous.tail = (previous.tail or "") + title.tail
                else:
                    parent.text = (parent.text or "") + title.tail
            parent.remove(title)
    text = text_of(clone)
    return text.rstrip(" ,") if text else None


def _source_and_publisher(
    docdata: etree._Element | None,
    body_head: etree._Element | None,
    doc_id: etree._Element | None,
    pubdata: etree._Element | None,
) -> tuple[str | None, str | None]:
    """Agency from the copyright holder, distributor, doc-id source or byline title."""
    candidates = fields.unique([
        attr(child(docdata, "doc.copyright"), "holder"),
        text_of(child(body_head, "distributor")),
        attr(child(docdata, "doc.rights"), "owner"),
        attr(child(docdata, "doc.rights"), "provider"),
        attr(doc_id, "regsrc"),
        *[text_of(t) for b in _all(body_head, "byline") for t in descendants(b, "byttl")],
    ])
    agencies = [a for c in candidates if (a := fields.known_agency(c))]
    publication = attr(pubdata, "name")
    if not agencies:
        source = fields.agency(candidates[0]) if candidates else None
        return source, publication if publication != source else None
    return agencies[0], publication if fields.known_agency(publication) is None else None


#: the parts a NITF ``location`` element can hold, smallest first
LOCATION_PARTS = ("city", "state", "region", "country")


def _identified(
    docdata: etree._Element | None,
    body: etree._Element | None,
    tag: str,
    text_only: bool = False,
) -> list[Entity]:
    """Entities the agency marked up, in docdata's identified-content or inline in the body.

    A ``location`` may wrap ``city``/``state``/``region``/``country`` parts; each part is a
    place of its own ("Hanoi" and "Vietnam", not "HanoiVietnam").
    """
    found: list[Entity] = []
    seen: set[str] = set()
    scopes = [child(docdata, "identified-content"), child(body, "body.content")]
    for scope in scopes:
        if scope is None:
            continue
        for el in descendants(scope, tag):
            parts = [p for part in LOCATION_PARTS for p in descendants(el, part)]
            if text_only and parts:
                names = [text_of(p) for p in parts]
            else:
                names = [text_of(el) if text_only else (attr(el, "value") or text_of(el))]
            for name in names:
                if name and name not in seen:
                    seen.add(name)
                    found.append(Entity(name=name, id=attr(el, "idsrc")))
    return found
