"""Publisher article pages: metadata from the page, the story from its article body only."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.article import Article, RawItem
from streams.errors import EmptyItemError
from streams.formats.html_page import parse_html
from streams.stages.boilerplate import BoilerplateLexicon
from streams.stages.clean import clean_article

PAGE = Path(__file__).parent / "fixtures" / "clean" / "publisher_page.html"

STORY = [
    "Dock workers at Port Merrow returned to work on Thursday after voting to accept a new pay "
    "offer, ending a nine-day strike that left more than 40 ships waiting offshore.",
    "The union said 78% of members backed the deal, which raises basic pay by 7% this year and "
    "adds a bonus for night shifts.",
    "“It’s not everything we asked for, but it’s a fair offer & our members have spoken,” said "
    "union organiser Dev Patel.",
    "Port managers said it would take about a week to clear the backlog of containers.",
    "Local businesses that depend on the port said they would support a review of how the "
    "dispute was handled.",
]


@pytest.fixture(scope="module")
def lexicon() -> BoilerplateLexicon:
    return BoilerplateLexicon.default()


@pytest.fixture(scope="module")
def article(lexicon: BoilerplateLexicon) -> Article:
    text = PAGE.read_text(encoding="utf-8")
    raw = RawItem(id="page-1", payload=text.encode(), path=str(PAGE))
    return clean_article(parse_html(text, raw, lexicon), lexicon)


def test_body_is_the_article_paragraphs_only(article: Article) -> None:
    assert article.body_text.split("\n\n") == STORY
    for chrome in (
        "Sport",
        "cookies",
        "Advertisement",
        "Related",
        "Port strike enters",
        "newsletter",
        "Most read",
        "Another story",
        "All rights reserved",
        "injected",
        "Facebook",
        "Cranes at Port Merrow",
        "Read more",
        "By Helen",
    ):
        assert chrome not in article.body_text


def test_page_metadata(article: Article) -> None:
    assert article.headline == "Harbour cranes return to work after strike ends"
    assert article.description == (
        "Dock workers at Port Merrow voted to accept a new pay offer, ending a nine-day strike."
    )
    assert article.publisher == "Coastline Courier"
    assert article.byline == "Helen Marsh"
    assert article.source == "PA"
    assert article.firstcreated == "2024-05-02T08:15:00Z"
    assert article.versioncreated == "2024-05-02T10:40:00Z"
    assert article.uri == "https://www.coastline-courier.example/news/harbour-cranes-return"
    assert article.language == "en"
    assert article.provenance.format == "html"


def test_body_html_is_sanitised_and_matches_the_text(article: Article) -> None:
    html = article.body_html or ""
    assert html.count("<p>") == len(STORY)
    for bad in ("<script", "onclick", "javascript:", "<style", "Advertisement"):
        assert bad not in html
    assert "depend on the port</a>" in html


def test_page_without_article_element_uses_densest_paragraphs(
    lexicon: BoilerplateLexicon,
) -> None:
    story = "The council approved the new cycle lanes after a debate of more than four hours."
    second = "Work on the first lane along the river road is due to start in September."
    page = (
        "<html><head><title>Cycle lanes approved - Town Gazette</title></head><body>"
        "<div class='menu'><p><a href='/'>Home</a></p></div>"
        f"<div class='x'><p>{story}</p><p>{second}</p></div>"
        "<div class='y'><p>Short teaser text.</p></div></body></html>"
    )
    result = parse_html(page, RawItem(id="p2", payload=page.encode()), lexicon)
    assert result.body_text == f"{story}\n\n{second}"
    assert result.uri == "urn:wirestreams:p2"
    assert result.headline == "Cycle lanes approved - Town Gazette"


def test_title_suffix_is_stripped_with_site_name(lexicon: BoilerplateLexicon) -> None:
    page = (
        "<html><head><title>Cycle lanes approved - Town Gazette</title>"
        "<meta property='og:site_name' content='Town Gazette'></head><body><article>"
        "<p>The council approved the new cycle lanes on Monday after a debate that lasted "
        "more than four hours and drew a crowd of residents to the town hall.</p>"
        "</article></body></html>"
    )
    result = parse_html(page, RawItem(id="p3", payload=page.encode()), lexicon)
    assert result.headline == "Cycle lanes approved"
    assert result.publisher == "Town Gazette"


def test_page_with_no_text_is_an_empty_item(lexicon: BoilerplateLexicon) -> None:
    page = "<html><body><nav><a href='/'>Home</a></nav><script>x()</script></body></html>"
    with pytest.raises(EmptyItemError):
        parse_html(page, RawItem(id="p4", payload=page.encode()), lexicon)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_parse_html_only_raises_empty_item(text: str) -> None:
    try:
        article = parse_html(text, RawItem(id="h", payload=b""), BoilerplateLexicon.default())
    except EmptyItemError:
        return
    assert article.headline or article.body_text


def test_description_that_is_the_lead_stays_in_the_body(lexicon: BoilerplateLexicon) -> None:
    lead = "OSLO (AP) — Norway's parliament approved the new fishing quotas on Tuesday."
    page = (
        f"<html><head><meta name='description' content=\"{lead}\"></head><body><article>"
        f"<p>{lead}</p><p>The vote was 101 to 68, the speaker's office said after the "
        "session, which ran late into the evening.</p></article></body></html>"
    )
    result = parse_html(page, RawItem(id="p5", payload=page.encode()), lexicon)
    assert result.body_text.startswith(lead)


def test_agency_is_read_from_a_credit_element(lexicon: BoilerplateLexicon) -> None:
    page = (
        "<html><head><meta name='author' content='Jo Park and Lee Min'></head><body><article>"
        "<p class='story-byline'>Via AP news wire · <time>2 May 2024, 9am</time></p>"
        "<p class='standfirst'>Ministers agree quotas after a long night of talks</p>"
        "<p>OSLO (AP) — Norway's parliament approved the new fishing quotas on Tuesday after "
        "a debate that ran late into the evening.</p></article></body></html>"
    )
    result = parse_html(page, RawItem(id="p6", payload=page.encode()), lexicon)
    assert result.source == "AP"
    assert result.description == "Ministers agree quotas after a long night of talks"
    assert result.body_text.startswith("OSLO (AP) —")
