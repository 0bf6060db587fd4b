"""Namespace-blind lookups and paragraph text from XML and HTML bodies.

Wire XML arrives with and without namespaces (and with prefixes that change between providers),
so the structured parsers match on local names. Story text becomes paragraphs separated by a
blank line: the shape every later stage (cleaning, shingling, tagging) expects, whatever markup
the body came in.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Iterator

import lxml.html
from lxml import etree

PARAGRAPH_SEPARATOR = "\n\n"

# Elements that start a new paragraph (HTML, XHTML and NITF body markup).
_BLOCK_TAGS = frozenset({
    "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd",
    "blockquote", "pre", "table", "tr", "thead", "tbody", "section", "article", "header",
    "footer", "address", "main", "body", "hedline", "hl1", "hl2", "block", "note", "tagline",
    "bibliography", "abstract", "body.content", "body.end", "fn", "nitf-table",
})
# Elements whose text is never story text: code, captions and embedded media.
_SKIP_TAGS = frozenset({
    "script", "style", "noscript", "template", "head", "title", "figure", "figcaption",
    "media", "media-caption", "media-producer", "iframe", "object", "embed", "svg", "button",
    "form", "img", "video", "audio", "picture", "source",
})
_SPACE = re.compile(r"[ \t\n\r\f\v]+")
_BLANK_LINE = re.compile(r"\n[ \t\f\v]*\n")
_MARKUP_TAG = re.compile(
    r"<(?:p|br|div|h[1-6]|ul|ol|li|blockquote|span|a|b|i|em|strong)\b", re.IGNORECASE
)


def local_name(el: etree._Element) -> str:
    """The tag without its namespace; comments and processing instructions give ''."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1].split(":")[-1]


def namespace(el: etree._Element) -> str:
    tag = el.tag
    if isinstance(tag, str) and tag.startswith("{"):
        return tag[1:].split("}", 1)[0]
    return ""


def children(el: etree._Element, name: str, ns: str | None = None) -> Iterator[etree._Element]:
    """Direct children named ``name``; ``ns`` None means any namespace, '' means none."""
    for child in el:
        if local_name(child) == name and (ns is None or namespace(child) == ns):
            yield child


def child(el: etree._Element | None, *path: str, ns: str | None = None) -> etree._Element | None:
    """The first element down a path of local names, or None."""
    current = el
    for name in path:
        if current is None:
            return None
        current = next(children(current, name, ns), None)
    return current


def descendants(el: etree._Element, name: str) -> Iterator[etree._Element]:
    for node in el.iter():
        if local_name(node) == name:
            yield node


def squash(text: str | None) -> str | None:
    """Whitespace runs to one space, trimmed; None when nothing is left. Keeps no-break spaces."""
    if text is None:
        return None
    squashed = _SPACE.sub(" ", text).strip()
    return squashed or None


def text_of(el: etree._Element | None) -> str | None:
    """All text inside an element on one line, or None when there is none."""
    if el is None:
        return None
    return squash("".join(_inline_text(el, top=True)))


def attr(el: etree._Element | None, name: str) -> str | None:
    if el is None:
        return None
    value = el.get(name)
    return squash(value) if value is not None else None


def _inline_text(el: etree._Element, top: bool = False) -> Iterator[str]:
    if not top and local_name(el) in _SKIP_TAGS:
        return
    if el.text:
        yield el.text
    for node in el:
        if isinstance(node.tag, str):
            yield from _inline_text(node)
        if node.tail:
            yield node.tail


def paragraphs(el: etree._Element) -> list[str]:
    """The paragraphs of a body element: block elements and line breaks split them."""
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = squash("".join(current))
        if text:
            out.append(text)
        current.clear()

    def walk(node: etree._Element, top: bool = False) -> None:
        name = local_name(node).lower()
        if name in _SKIP_TAGS and not top:
            return
        block = name in _BLOCK_TAGS
        if block or name == "br":
            flush()
        if node.text:
            current.append(node.text)
        for sub in node:
            if isinstance(sub.tag, str):
                walk(sub)
            if sub.tail:
                current.append(sub.tail)
        if block:
            flush()

    walk(el, top=True)
    flush()
    return out


def element_text(el: etree._Element | None) -> str:
    """Body text of an XML element: paragraphs joined by a blank line."""
    if el is None:
        return ""
    return PARAGRAPH_SEPARATOR.join(paragraphs(el))


def html_to_text(markup: str | None) -> str:
    """Body text of an HTML fragment (which need not be well-formed XML)."""
    if not markup or not markup.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    return element_text(root)


def plain_to_text(text: str | None) -> str:
    """Plain body text in the blank-line paragraph shape.

    Text with blank lines keeps them as the paragraph breaks (lines inside a paragraph are
    joined); text without any takes each line as a paragraph, as wire copy sends it.
    """
    if not text or not text.strip():
        return ""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    blocks = _BLANK_LINE.split(text) if _BLANK_LINE.search(text) else text.split("\n")
    return PARAGRAPH_SEPARATOR.join(p for p in (squash(b) for b in blocks) if p)


def looks_like_markup(text: str) -> bool:
    """Whether feed text carries HTML (RSS descriptions are escaped HTML as often as not)."""
    return bool(_MARKUP_TAG.search(text))


def inner_markup(el: etree._Element | None) -> str | None:
    """The markup inside an element, namespaces dropped, serialised as HTML.

    Bodies travel downstream as HTML strings; XHTML or NITF namespaces on every tag would only
    get in the way of the consumers that render them.
    """
    if el is None:
        return None
    clone = copy.deepcopy(el)
    for node in clone.iter():
        if isinstance(node.tag, str):
            node.tag = local_name(node)
            for key in list(node.attrib):
                if key.startswith("{"):
                    del node.attrib[key]
    etree.cleanup_namespaces(clone)
    parts = [_escape(clone.text)] if clone.text else []
    for node in clone:
        parts.append(etree.tostring(node, encoding="unicode", method="html", with_tail=False))
        if node.tail:
            # indentation between block elements is layout, not text: one newline keeps it
            parts.append("\n" if not node.tail.strip() else _escape(node.tail))
    markup = "".join(parts).strip()
    return markup or None


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_INDENT = re.compile(r"^(?:\t| {2,})")


def teletype_paragraphs(lines: list[str]) -> list[str]:
    """Paragraphs of teletype copy (ANPA-1312, IPTC 7901), one squashed string each.

    Wire copy wraps lines at a fixed width and marks a new paragraph by indenting its first
    line (a tab) or by a blank line; a line that is neither continues the paragraph. Copy
    with neither marker anywhere sends one paragraph per line.
    """
    has_markers = any(not line.strip() or _INDENT.match(line) for line in lines[1:])
    out: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = squash(" ".join(current))
        if text:
            out.append(text)
        current.clear()

    for line in lines:
        if not line.strip():
            flush()
            continue
        if not has_markers or _INDENT.match(line):
            flush()
        current.append(line)
    flush()
    return out
