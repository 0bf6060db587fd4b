"""RSS and Atom: feeds split into one document per item; each item parses on its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams.article import RawItem
from streams.errors import MissingFieldError, UnsafeInputError
from streams.formats.feeds import parse_atom, parse_rss, split_feed

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
RAW = RawItem(id="feed-raw", payload=b"", feed="gazette", received_at="2021-11-11T12:00:00Z")


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def test_rss_feed_splits_into_single_item_documents() -> None:
    parts = split_feed(fixture("rss_two_items.xml"))
    assert len(parts) == 2
    headlines = [parse_rss(part, RAW).headline for part in parts]
    assert headlines == [
        "Envoys meet in Geneva to revive grain corridor talks",
        "Rail operator apologises for week of delays",
    ]
    for part in parts:
        assert part.count("<item>") == 1
        assert "The Harbour Gazette - World" in part  # channel metadata kept


def test_atom_feed_splits_into_single_entry_documents() -> None:
    parts = split_feed(fixture("atom_feed.xml"))
    assert len(parts) == 2
    assert [parse_atom(p, RAW).uri for p in parts] == [
        "tag:ledger.example,2021-11-11:/business/copper-high",
        "tag:ledger.example,2021-11-11:/business/bakery",
    ]


def test_split_leaves_single_items_and_non_feeds_alone() -> None:
    one = fixture("rss_two_items.xml")
    single = split_feed(split_feed(one)[0])
    assert len(single) == 1
    nitf = fixture("nitf_doc.xml")
    assert split_feed(nitf) == [nitf]
    assert split_feed("just some text") == ["just some text"]


def test_empty_feed_splits_to_nothing() -> None:
    assert split_feed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>') == []


def test_split_refuses_hostile_feeds() -> None:
    with pytest.raises(UnsafeInputError):
        split_feed(fixture("xml_external_entity.xml"))


def test_rss_item_with_content_encoded() -> None:
    article = parse_rss(fixture("rss_two_items.xml"), RAW)  # several items: the first is used
    assert article.uri == "https://www.harbourgazette.example/world/grain-corridor-talks"
    assert article.source == "AP"
    assert article.byline is None  # the creator was the agency, now in source
    assert article.publisher == "The Harbour Gazette - World"
    assert article.description == "Negotiators are trying to reopen a shipping lane for grain."
    assert article.body_text.split("\n\n")[0].startswith("GENEVA (AP) — Envoys")
    assert article.body_html is not None and article.body_html.startswith("<p>GENEVA")
    assert article.versioncreated == "2021-11-11T11:33:00Z"
    assert article.keywords == ["Diplomacy", "Trade"]
    assert article.language == "en-gb"
    assert article.provenance.format == "rss" and article.provenance.feed == "gazette"


def test_rss_item_with_only_a_description_uses_it_as_body() -> None:
    second = split_feed(fixture("rss_two_items.xml"))[1]
    article = parse_rss(second, RAW)
    assert article.uri == "https://www.harbourgazette.example/world/rail-delays"  # guid not a URI
    assert article.body_text == "The operator blamed a signalling fault near the main terminal."
    assert article.description is None
    assert article.byline == "Priya Nair"
    assert article.source is None
    assert article.signals.agency_id == "hg-88412"


def test_rss_without_items_raises_missing_field() -> None:
    with pytest.raises(MissingFieldError):
        parse_rss('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', RAW)


def test_rss1_rdf_item() -> None:
    doc = (
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
        'xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">'
        '<channel rdf:about="https://x.example/"><title>X Daily</title></channel>'
        '<item rdf:about="https://x.example/a"><title>Canal reopens</title>'
        "<description>Barges moved again on Thursday.</description>"
        "<dc:date>2021-11-11T11:33:00Z</dc:date></item></rdf:RDF>"
    )
    article = parse_rss(doc, RAW)
    assert article.uri == "https://x.example/a"
    assert article.headline == "Canal reopens"
    assert article.versioncreated == "2021-11-11T11:33:00Z"


def test_atom_entry_with_xhtml_content() -> None:
    article = parse_atom(fixture("atom_feed.xml"), RAW)
    assert article.headline == "Copper price climbs to four-month high"  # type="html" title
    assert article.description == "Supply worries lifted the metal for a third day."
    assert article.body_text.count("\n\n") == 1
    assert article.body_html is not None and "xmlns" not in article.body_html
    assert article.source == "Reuters" and article.byline is None
    assert article.publisher == "Northern Ledger: Business"
    assert article.firstcreated == "2021-11-11T07:15:00Z"
    assert article.versioncreated == "2021-11-11T09:40:00Z"
    assert article.language == "en"
    assert article.keywords == ["Metals"]


def test_atom_text_content_keeps_paragraphs() -> None:
    second = split_feed(fixture("atom_feed.xml"))[1]
    article = parse_atom(second, RAW)
    assert article.body_text == (
        "The chain started with a single counter in 2009.\n\nIt now employs 160 people."
    )
    assert article.byline == "Sam Ortiz"
    assert article.source is None


def test_lone_atom_entry_document() -> None:
    doc = (
        '<entry xmlns="http://www.w3.org/2005/Atom"><title>Tram line extended</title>'
        '<link href="https://t.example/tram"/>'
        '<content type="html">&lt;p&gt;Two stops added.&lt;/p&gt;</content></entry>'
    )
    article = parse_atom(doc, RAW)
    assert article.uri == "https://t.example/tram"
    assert article.body_text == "Two stops added."
    assert article.publisher is None


def test_atom_feed_without_entries_raises() -> None:
    with pytest.raises(MissingFieldError):
        parse_atom('<feed xmlns="http://www.w3.org/2005/Atom"><title>Empty</title></feed>', RAW)
