"""The one way the parsers read XML: lxml, hardened, with DTD declarations refused outright.

Choice: lxml (fast, namespace-aware, already needed for serialising body markup) with entity
substitution, DTD loading and network access off and ``huge_tree`` off, plus two refusals that
lxml alone does not make:

1. before parsing, any internal DTD subset (``<!DOCTYPE x [ ... ]>``) or ``<!ENTITY`` in the
   prolog raises UnsafeInputError, so billion-laughs and XXE payloads never reach libxml2;
2. after parsing, the tree's DTD must declare nothing, and an external DTD reference may only
   name an http(s) or relative location (NITF files routinely carry
   ``<!DOCTYPE nitf PUBLIC ... "http://.../nitf-3-4.dtd">``, which is never fetched).

This is the defusedxml policy (forbid entity declarations and external references) without a
second expat parse of every document; defusedxml.lxml is deprecated. Entity references that
survive (possible only under an unloaded external DTD) are replaced with their HTML meaning or
rejected, never left as nodes.
"""

from __future__ import annotations

import html.entities
import re
from urllib.parse import urlsplit

from lxml import etree

from streams.errors import ParseError, UnsafeInputError

_ROOT_START = re.compile(r"<[A-Za-z_:]")
_INTERNAL_SUBSET = re.compile(r"<!DOCTYPE[^\[>]*\[", re.IGNORECASE)
_ENTITY_DECL = re.compile(r"<!ENTITY", re.IGNORECASE)
_SAFE_DTD_SCHEMES = frozenset({"", "http", "https"})


def _parser() -> etree.XMLParser:
    # A parser per call: lxml parsers keep error state and are not safe to share across threads.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        encoding="utf-8",
    )


def parse_xml(text: str) -> etree._Element:
    """Parse an XML document; DTD declarations raise UnsafeInputError, bad XML ParseError."""
    _refuse_declarations(text)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ParseError(f"XML text is not encodable: {exc}") from exc
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise ParseError(f"malformed XML: {exc}") from exc
    if root is None:
        raise ParseError("XML document has no root element")
    _check_dtd(root)
    _replace_entity_refs(root)
    return root


def _refuse_declarations(text: str) -> None:
    start = _ROOT_START.search(text)
    head = text[: start.start()] if start else text
    if _INTERNAL_SUBSET.search(head):
        raise UnsafeInputError("XML with an internal DTD subset is refused")
    if _ENTITY_DECL.search(head):
        raise UnsafeInputError("XML with entity declarations is refused")


def _check_dtd(root: etree._Element) -> None:
    docinfo = root.getroottree().docinfo
    dtd = docinfo.internalDTD
    if dtd is None:
        return
    if any(True for _ in dtd.entities()):
        raise UnsafeInputError("XML with entity declarations is refused")
    if any(True for _ in dtd.elements()):
        raise UnsafeInputError("XML with an internal DTD subset is refused")
    system_url = docinfo.system_url or ""
    if urlsplit(system_url).scheme.lower() not in _SAFE_DTD_SCHEMES:
        raise UnsafeInputError(f"XML referencing an external DTD at {system_url!r} is refused")


def _replace_entity_refs(root: etree._Element) -> None:
    for node in list(root.iter(etree.Entity)):
        name = node.text.strip("&;") if node.text else ""
        char = html.entities.html5.get(name + ";")
        if char is None:
            raise ParseError(f"XML uses the undeclared entity &{name};")
        _replace_with_text(node, char + (node.tail or ""))


def _replace_with_text(node: etree._Element, text: str) -> None:
    parent = node.getparent()
    if parent is None:
        return
    previous = node.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + text
    else:
        parent.text = (parent.text or "") + text
    parent.remove(node)
