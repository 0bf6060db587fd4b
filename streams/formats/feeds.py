"""RSS (2.0 and 1.0/RDF) and Atom: split feeds into one document per item, parse one item.

Publishers syndicate agency copy through feeds with many items. The ingester splits a feed
with ``split_feed`` so that each item travels, dedups and dead-letters on its own; the channel
or feed metadata (title, language) is kept in every part because it names the publisher.
"""

from __future__ import annotations

import re

from lxml import etree

from streams.article import Article, RawItem, Signals
from streams.errors import MissingFieldError, ParseError
from streams.formats import fields
from streams.formats.dates import to_utc_iso
from streams.formats.detect import root_name
from streams.formats.xml_safety import parse_xml
from streams.formats.xml_text import (
    attr,
    children,
    html_to_text,
    inner_markup,
    local_name,
    looks_like_markup,
    namespace,
    plain_to_text,
    squash,
    text_of,
)

ATOM_NS = "http://www.w3.org/2005/Atom"
RSS1_NS = "http://purl.org/rss/1.0/"
RSS09_NS = "http://my.netscape.com/rdf/simple/0.9/"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

_RSS_NAMESPACES = ("", RSS1_NS, RSS09_NS)
_ATOM_NAMESPACES = (ATOM_NS, "")
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_EMAIL_NAME = re.compile(r"^\s*\S+@\S+\s*\((?P<name>[^)]+)\)\s*$")
_BARE_EMAIL = re.compile(r"^\s*\S+@\S+\s*$")


def split_feed(text: str) -> list[str]:
    """One standalone feed document per item; a non-feed comes back whole as ``[text]``.

    A feed with no items gives ``[]`` (an empty poll is not an error); a one-item feed gives
    ``[text]`` unchanged.
    """
    found = root_name(text.lstrip("\ufeff \t\r\n"))
    if found is None or found[0] not in ("rss", "RDF", "feed"):
        return [text]
    root = parse_xml(text)
    container, items = _feed_items(root)
    if len(items) <= 1:
        return [text] if items else []
    for item in items:
        container.remove(item)
    parts: list[str] = []
    for item in items:
        tail, item.tail = item.tail, None
        container.append(item)
        parts.append(etree.tostring(root, encoding="unicode"))
        container.remove(item)
        item.tail = tail
    return parts


def _feed_items(root: etree._Element) -> tuple[etree._Element, list[etree._Element]]:
    name = local_name(root)
    if name == "feed":
        return root, list(_atom_children(root, "entry"))
    if name == "rss":
        channel = _rss_child(root, "channel")
        if channel is None:
            raise ParseError("RSS document has no <channel>")
        return channel, list(_rss_children(channel, "item"))
    if name == "RDF":
        return root, list(_rss_children(root, "item"))
    if name == "entry":
        return root, [root]
    raise ParseError(f"<{name}> is not an RSS or Atom feed")


# ------------------------------------------------------------------------------------- RSS


def _rss_children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in children(el, name) if namespace(c) in _RSS_NAMESPACES]


def _rss_child(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    found = _rss_children(el, name)
    return found[0] if found else None


def _ns_child(el: etree._Element | None, ns: str, name: str) -> etree._Element | None:
    return next(children(el, name, ns), None) if el is not None else None


def _maybe_markup_text(value: str | None) -> str | None:
    if value and looks_like_markup(value):
        return squash(html_to_text(value))
    return squash(value)


def parse_rss(text: str, raw: RawItem) -> Article:
    """The first item of an RSS document; a feed without items raises MissingFieldError."""
    root = parse_xml(text)
    if local_name(root) not in ("rss", "RDF"):
        raise ParseError(f"RSS root is <{local_name(root)}>, not <rss>")
    _, items = _feed_items(root)
    if not items:
        raise MissingFieldError("RSS feed has no item")
    item = items[0]
    channel = _rss_child(root, "channel")

    headline = _maybe_markup_text(text_of(_rss_child(item, "title")))
    encoded = _ns_child(item, CONTENT_NS, "encoded")
    description_value = _raw_value(_rss_child(item, "description"))
    encoded_value = _raw_value(encoded)
    if encoded_value:
        body_html: str | None = encoded_value
        body_text = html_to_text(encoded_value)
        description = _maybe_markup_text(description_value)
    else:
        body_text, body_html = _text_and_markup(description_value)
        description = None
    fields.require_content(headline, body_text, "rss")

    guid = text_of(_rss_child(item, "guid"))
    link = text_of(_rss_child(item, "link")) or attr(item, f"{{{RDF_NS}}}about")
    uri = guid if guid and (":" in guid or not link) else (link or guid)
    byline = _rss_byline(item)
    channel_title = text_of(_rss_child(channel, "title"))
    source = _first_agency([
        text_of(_rss_child(item, "source")),
        text_of(_ns_child(item, DC_NS, "creator")),
        byline,
        text_of(_ns_child(item, DC_NS, "publisher")),
        text_of(_rss_child(channel, "copyright")),
        channel_title,
    ])
    publisher = channel_title if fields.known_agency(channel_title) is None else None
    dated = text_of(_rss_child(item, "pubDate")) or text_of(_ns_child(item, DC_NS, "date"))
    return Article(
        uri=uri or fields.stable_uri(raw),
        headline=headline or "",
        description=description,
        body_text=body_text,
        body_html=body_html,
        byline=None if fields.known_agency(byline) else byline,
        source=source,
        publisher=publisher,
        language=text_of(_rss_child(channel, "language"))
        or text_of(_ns_child(item, DC_NS, "language"))
        or text_of(_ns_child(channel, DC_NS, "language")),
        versioncreated=to_utc_iso(dated) if dated else None,
        keywords=fields.unique(text_of(c) for c in _rss_children(item, "category")),
        signals=Signals(
            correction=fields.says_correction([], headline),
            agency_id=guid,
        ),
        provenance=fields.provenance("rss", raw),
    )


def _raw_value(el: etree._Element | None) -> str | None:
    """An element's content as the feed meant it: escaped HTML arrives as text, and feeds that
    (wrongly) embed markup unescaped have child elements, serialised back here."""
    if el is None:
        return None
    value = inner_markup(el) if len(el) else el.text
    return value.strip() if value and value.strip() else None


def _text_and_markup(value: str | None) -> tuple[str, str | None]:
    if not value or not value.strip():
        return "", None
    if looks_like_markup(value):
        return html_to_text(value), value.strip()
    return plain_to_text(value), None


def _rss_byline(item: etree._Element) -> str | None:
    """dc:creator, else the author element without its e-mail address."""
    creator = text_of(_ns_child(item, DC_NS, "creator"))
    if creator:
        return creator
    author = text_of(_rss_child(item, "author"))
    if not author:
        return None
    match = _EMAIL_NAME.match(author)
    if match:
        return squash(match.group("name"))
    return None if _BARE_EMAIL.match(author) else author


def _first_agency(candidates: list[str | None]) -> str | None:
    for candidate in candidates:
        found = fields.known_agency(candidate)
        if found:
            return found
    return None


# ------------------------------------------------------------------------------------ Atom


def _atom_children(el: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in children(el, name) if namespace(c) in _ATOM_NAMESPACES]


def _atom_child(el: etree._Element | None, name: str) -> etree._Element | None:
    if el is None:
        return None
    found = _atom_children(el, name)
    return found[0] if found else None


def _atom_text(el: etree._Element | None) -> str | None:
    """An Atom text construct (type text, html or xhtml) as one line of text."""
    if el is None:
        return None
    kind = (el.get("type") or "text").lower()
    if kind == "html":
        return squash(html_to_text(el.text or ""))
    return text_of(el)


def parse_atom(text: str, raw: RawItem) -> Article:
    """The first entry of an Atom feed (or a lone entry); no entry raises MissingFieldError."""
    root = parse_xml(text)
    if local_name(root) not in ("feed", "entry"):
        raise ParseError(f"Atom root is <{local_name(root)}>, not <feed> or <entry>")
    _, entries = _feed_items(root)
    if not entries:
        raise MissingFieldError("Atom feed has no entry")
    entry = entries[0]
    feed = root if local_name(root) == "feed" else None

    headline = _atom_text(_atom_child(entry, "title"))
    summary = _atom_text(_atom_child(entry, "summary"))
    body_text, body_html = _atom_content(_atom_child(entry, "content"))
    description: str | None = summary
    if not body_text and summary:
        summary_el = _atom_child(entry, "summary")
        body_text, body_html = _atom_content(summary_el)
        description = None
    fields.require_content(headline, body_text, "atom")

    ident = text_of(_atom_child(entry, "id"))
    authors = [text_of(_atom_child(a, "name")) for a in _atom_children(entry, "author")]
    byline = ", ".join(fields.unique(authors)) or None
    feed_title = _atom_text(_atom_child(feed, "title"))
    source_el = _atom_child(entry, "source")
    feed_authors = [text_of(_atom_child(a, "name")) for a in _atom_children(feed, "author")] \
        if feed is not None else []
    source = _first_agency([
        _atom_text(_atom_child(source_el, "title")),
        *authors,
        _atom_text(_atom_child(entry, "rights")),
        *feed_authors,
        _atom_text(_atom_child(feed, "rights")),
        feed_title,
    ])
    updated = text_of(_atom_child(entry, "updated"))
    published = text_of(_atom_child(entry, "published"))
    return Article(
        uri=ident or _alternate_link(entry) or fields.stable_uri(raw),
        headline=headline or "",
        description=description,
        body_text=body_text,
        body_html=body_html,
        byline=None if fields.known_agency(byline) else byline,
        source=source,
        publisher=feed_title if fields.known_agency(feed_title) is None else None,
        language=_language(entry),
        versioncreated=to_utc_iso(updated or published or ""),
        firstcreated=to_utc_iso(published) if published else None,
        keywords=fields.unique(
            attr(c, "label") or attr(c, "term") for c in _atom_children(entry, "category")
        ),
        signals=Signals(correction=fields.says_correction([], headline), agency_id=ident),
        provenance=fields.provenance("atom", raw),
    )


def _atom_content(el: etree._Element | None) -> tuple[str, str | None]:
    if el is None or el.get("src"):
        return "", None
    kind = (el.get("type") or "text").lower()
    if kind in ("html", "text/html"):
        markup = (el.text or "").strip()
        return html_to_text(markup), markup or None
    if kind in ("xhtml", "application/xhtml+xml"):
        div = next(iter(el), None)
        container = div if div is not None and local_name(div) == "div" else el
        markup = inner_markup(container)
        return html_to_text(markup), markup
    return plain_to_text(_raw_text(el)), None


def _raw_text(el: etree._Element) -> str:
    """Element text with its line breaks kept, for paragraph splitting."""
    return "".join(el.itertext())


def _alternate_link(entry: etree._Element) -> str | None:
    for link in _atom_children(entry, "link"):
        if (link.get("rel") or "alternate") == "alternate" and link.get("href"):
            return attr(link, "href")
    return None


def _language(entry: etree._Element) -> str | None:
    node: etree._Element | None = entry
    while node is not None:
        lang = node.get(_XML_LANG)
        if lang:
            return lang.strip() or None
        node = node.getparent()
    return None
