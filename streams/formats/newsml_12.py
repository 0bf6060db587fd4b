"""IPTC NewsML 1.2 (``<NewsML>``, still sent by AFP, ANSA, dpa and others) to an Article.

The first ``NewsItem`` with text is read. Its identity is the ``NewsIdentifier``
(ProviderId, DateId, NewsItemId) without the revision, so every revision of a story keys the
same uri and RevisionId gives the version. ``NewsManagement`` holds status, urgency, dates and
instructions; ``NewsLines`` the headline, byline, dateline and credit. The story sits in a
``ContentItem``'s ``DataContent``, as XHTML, as an embedded NITF document or as plain text,
usually in a nested ``NewsComponent`` whose Role is Main.
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
    looks_like_markup,
    plain_to_text,
    text_of,
)

FORMAT = "newsml-1.2"

_TEXT_MEDIA = ("text", "")
_BODY_CONTAINERS = ("body.content", "body")
_LOCATION_PROPERTIES = ("City", "Country", "CountryArea", "Region", "WorldRegion")


def parse_newsml_12(text: str, raw: RawItem) -> Article:
    """Parse a NewsML 1.2 document; without a NewsItem it raises MissingFieldError."""
    root = parse_xml(text)
    if local_name(root) not in ("NewsML", "NewsItem"):
        raise ParseError(f"NewsML 1.2 root is <{local_name(root)}>, not <NewsML>")
    item = _pick_item(root)
    identifier = child(item, "Identification", "NewsIdentifier")
    management = child(item, "NewsManagement")
    component = child(item, "NewsComponent")
    lines = next(descendants(component, "NewsLines"), None) if component is not None else None

    content = _main_content(component)
    body_text, body_html, nitf_headline = _body(content)
    headline = text_of(child(lines, "HeadLine")) or nitf_headline
    fields.require_content(headline, body_text, FORMAT)

    revision = child(identifier, "RevisionId")
    version = fields.version(text_of(revision))
    previous = fields.version(attr(revision, "PreviousRevision"))
    status = attr(child(management, "Status"), "FormalName")
    instructions = [attr(i, "FormalName") for i in _all(management, "Instruction")]
    source, publisher = _source_and_publisher(component, lines, identifier)
    descriptive = _first(component, "DescriptiveMetadata")
    embargo = _embargo(management, status)
    return Article(
        uri=_uri(identifier, item) or fields.stable_uri(raw),
        version=version,
        headline=headline or "",
        description=text_of(child(lines, "SubHeadLine")),
        body_text=body_text,
        body_html=body_html,
        byline=_byline(lines),
        dateline=text_of(child(lines, "DateLine")) or _located(descriptive),
        source=source,
        publisher=publisher,
        language=attr(child(descriptive, "Language"), "FormalName"),
        versioncreated=_date(child(management, "ThisRevisionCreated")),
        firstcreated=_date(child(management, "FirstCreated")),
        urgency=fields.urgency(attr(child(management, "Urgency"), "FormalName")),
        pubstatus=fields.pubstatus(status),
        keywords=fields.unique(
            [text_of(k) for k in _all(lines, "KeywordLine")] + [text_of(child(lines, "SlugLine"))]
        ),
        people=_entities(component, "Person"),
        organisations=_entities(component, "Company") + _entities(component, "Organisation"),
        places=_places(descriptive),
        subjects=_subjects(component),
        signals=Signals(
            update=version > 1 or previous > 1 or (attr(revision, "Update") or "N") != "N"
            or any("update" in (i or "").lower() for i in instructions),
            correction=any("correct" in (i or "").lower() or "rectif" in (i or "").lower()
                           for i in instructions)
            or fields.says_correction([], headline),
            embargoed_until=embargo,
            agency_id=text_of(child(identifier, "NewsItemId"))
            or text_of(child(identifier, "PublicIdentifier")),
        ),
        provenance=fields.provenance(FORMAT, raw),
    )


def _all(el: etree._Element | None, name: str) -> list[etree._Element]:
    return list(children(el, name)) if el is not None else []


def _first(el: etree._Element | None, name: str) -> etree._Element | None:
    return next(descendants(el, name), None) if el is not None else None


def _date(el: etree._Element | None) -> str | None:
    value = text_of(el)
    return to_utc_iso(value) if value else None


def _pick_item(root: etree._Element) -> etree._Element:
    """The first NewsItem that carries text, else the first one."""
    items = [root] if local_name(root) == "NewsItem" else list(descendants(root, "NewsItem"))
    if not items:
        raise MissingFieldError("NewsML document holds no NewsItem")
    for item in items:
        component = child(item, "NewsComponent")
        if component is not None and _main_content(component) is not None:
            return item
    return items[0]


def _uri(identifier: etree._Element | None, item: etree._Element) -> str | None:
    provider = text_of(child(identifier, "ProviderId"))
    date_id = text_of(child(identifier, "DateId"))
    item_id = text_of(child(identifier, "NewsItemId"))
    if provider and item_id:
        return f"urn:newsml:{provider}:{date_id or ''}:{item_id}"
    public = text_of(child(identifier, "PublicIdentifier"))
    return public or attr(item, "Duid")


def _is_text(content: etree._Element) -> bool:
    media = (attr(child(content, "MediaType"), "FormalName") or "").lower()
    return media in _TEXT_MEDIA and child(content, "DataContent") is not None


def _main_content(component: etree._Element | None) -> etree._Element | None:
    """The text ContentItem of the Main component, else the first text ContentItem."""
    if component is None:
        return None
    fallback = None
    for sub in [component, *descendants(component, "NewsComponent")]:
        role = (attr(child(sub, "Role"), "FormalName") or "").lower()
        for content in children(sub, "ContentItem"):
            if _is_text(content):
                if role == "main":
                    return content
                fallback = fallback if fallback is not None else content
    return fallback


def _body(content: etree._Element | None) -> tuple[str, str | None, str | None]:
    """(text, markup, NITF headline) of a ContentItem's DataContent."""
    data = child(content, "DataContent")
    if data is None:
        return "", None, None
    elements = [el for el in data if isinstance(el.tag, str)]
    if not elements:
        value = data.text or ""
        if looks_like_markup(value):
            return html_to_text(value), value.strip() or None, None
        return plain_to_text(value), None, None
    top = elements[0]
    headline = None
    if local_name(top).lower() == "nitf":
        headline = text_of(child(top, "body", "body.head", "hedline", "hl1"))
    container = top
    for name in _BODY_CONTAINERS:
        found = _first(top, name)
        if found is not None:
            container = found
            break
    if len(elements) > 1 and local_name(top).lower() not in ("nitf", "html"):
        container = data  # a run of <p> elements straight inside DataContent
    return element_text(container), inner_markup(container), headline


def _byline(lines: etree._Element | None) -> str | None:
    names = []
    for byline in _all(lines, "ByLine"):
        value = text_of(byline)
        if value and value.lower().startswith("by "):
            value = value[3:].strip()
        names.append(value)
    return "; ".join(fields.unique(names)) or None


def _source_and_publisher(
    component: etree._Element | None,
    lines: etree._Element | None,
    identifier: etree._Element | None,
) -> tuple[str | None, str | None]:
    admin = _first(component, "AdministrativeMetadata")
    rights = _first(component, "RightsMetadata")
    candidates = fields.unique([
        *[_party(p) for p in _all(admin, "Provider")],
        *[_party(p) for p in _all(admin, "Source")],
        text_of(_first(rights, "CopyrightHolder")),
        text_of(child(lines, "CreditLine")),
        text_of(child(lines, "CopyrightLine")),
        text_of(child(identifier, "ProviderId")),
    ])
    if not candidates:
        return None, None
    agencies = [a for c in candidates if (a := _agency(c))]
    if not agencies:
        return fields.agency(candidates[0]), None
    return agencies[0], None


def _agency(value: str) -> str | None:
    """Known agency from a party name or a provider domain (``afp.com``)."""
    found = fields.known_agency(value)
    if found is None and "." in value and " " not in value:
        found = fields.known_agency(value.split(".")[-2] if value.count(".") else value)
    return found


def _party(el: etree._Element | None) -> str | None:
    party = child(el, "Party")
    return attr(party, "FormalName") or text_of(party) or text_of(el)


def _embargo(management: etree._Element | None, status: str | None) -> str | None:
    will_change = child(management, "StatusWillChange")
    when = _date(child(will_change, "DateAndTime"))
    if (status or "").lower() == "embargoed" or when:
        return when
    return None


def _located(descriptive: etree._Element | None) -> str | None:
    for location in _all(descriptive, "Location"):
        if (location.get("HowPresent") or "").lower() == "origin":
            values = {attr(p, "FormalName"): attr(p, "Value") for p in _all(location, "Property")}
            parts = [values.get(name) for name in ("City", "Country")]
            joined = ", ".join(p for p in parts if p)
            if joined:
                return joined
    return None


def _places(descriptive: etree._Element | None) -> list[Entity]:
    out: list[Entity] = []
    seen: set[str] = set()
    for location in _all(descriptive, "Location"):
        for prop in _all(location, "Property"):
            if prop.get("FormalName") in _LOCATION_PROPERTIES:
                name = attr(prop, "Value")
                if name and name not in seen:
                    seen.add(name)
                    out.append(Entity(name=name))
    return out


def _entities(component: etree._Element | None, kind: str) -> list[Entity]:
    """Topics of a type (``TopicType FormalName="Person"``) declared in a TopicSet."""
    out: list[Entity] = []
    if component is None:
        return out
    for topic in descendants(component, "Topic"):
        if (attr(child(topic, "TopicType"), "FormalName") or "").lower() == kind.lower():
            name = text_of(child(topic, "FormalName")) or text_of(child(topic, "Description"))
            if name:
                out.append(Entity(name=name, id=attr(topic, "Duid")))
    return out


def _subjects(component: etree._Element | None) -> list[Subject]:
    """IPTC subject codes; top-level ones as the equivalent Media Topic."""
    out: list[Subject] = []
    seen: set[str] = set()
    if component is None:
        return out
    for code_el in descendants(component, "SubjectCode"):
        for subject in code_el:
            if not isinstance(subject.tag, str):
                continue
            code = attr(subject, "FormalName")
            if not code or code in seen:
                continue
            seen.add(code)
            top = fields.topic_subject(code)
            out.append(top if top is not None else Subject(code=f"subj:{code}", name=code))
    return out
