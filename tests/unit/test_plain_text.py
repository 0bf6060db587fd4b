"""Plain-text scrapes and agency copy: what parse_text (then clean) makes of them."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from streams.article import Article, RawItem
from streams.errors import EmptyItemError
from streams.formats.plain_text import parse_text
from streams.stages.boilerplate import BoilerplateLexicon
from streams.stages.clean import clean_article

FIXTURES = Path(__file__).parent / "fixtures" / "clean"
REPO_ROOT = Path(__file__).resolve().parents[2]
SEED = REPO_ROOT.parent / "shared" / "seeds" / "000_0ce2f876717364d5.txt"

STORY_PARAGRAPHS = [
    "Transport officials from Chile and Argentina agreed on Tuesday to reopen the Los "
    "Libertadores border crossing by early April, weeks after a landslide buried part of the "
    "mountain road.",
    "Chile’s public works minister, Ana Beltrán, said crews had cleared most of the debris and "
    "that the tunnel on the Argentine side had passed a safety inspection.",
    "“We need this road open before the harvest,” Beltrán told reporters in Santiago. "
    "“Exporters & truckers have waited long enough.”",
    "The pass carries about 5,000 trucks a week in peak season. Farmers’ groups in Mendoza said "
    "they would support the plan and urged members to subscribe to a new freight alert service.",
    "Freight companies said the closure had forced them onto a longer southern route, adding "
    "two days to deliveries to the port of Valparaíso.",
]
CHROME_FRAGMENTS = [
    "notifications",
    "Notifications can be managed",
    "Via AP news wire",
    "16:05 GMT",
    "Trucks wait at Los Libertadores pass",
    "Your support",
    "Your donation",
    "paywalls",
    "The Daily Meridian",
    "Thank you for registering",
    "refresh the page",
]


@pytest.fixture(scope="module")
def lexicon() -> BoilerplateLexicon:
    return BoilerplateLexicon.default()


def _parse(path: Path, lexicon: BoilerplateLexicon) -> Article:
    text = path.read_text(encoding="utf-8")
    raw = RawItem(id="item-1", payload=text.encode(), path=str(path), received_at="now")
    return clean_article(parse_text(text, raw, lexicon), lexicon)


def test_republication_body_is_the_story_alone(lexicon: BoilerplateLexicon) -> None:
    article = _parse(FIXTURES / "republished_ap.txt", lexicon)
    assert article.body_text.split("\n\n") == STORY_PARAGRAPHS
    for fragment in CHROME_FRAGMENTS:
        assert fragment not in article.body_text


def test_republication_metadata(lexicon: BoilerplateLexicon) -> None:
    article = _parse(FIXTURES / "republished_ap.txt", lexicon)
    assert article.headline == (
        "Chile and Argentina agree to reopen Andes border crossing after landslide"
    )
    assert article.description is not None
    assert article.description.startswith("Officials from Chile and Argentina have agreed")
    assert article.source == "AP"
    assert article.publisher == "The Daily Meridian"  # no-break space repaired
    assert article.versioncreated == "2023-03-14T16:05:00Z"
    assert article.language == "en"
    assert article.uri == "urn:wirestreams:item-1"
    assert article.provenance.format == "text"


def test_agency_copy_keeps_dateline_lead_and_joins_wrapped_lines(
    lexicon: BoilerplateLexicon,
) -> None:
    article = _parse(FIXTURES / "agency_reuters.txt", lexicon)
    assert article.headline == "UK retail sales rise more than expected in February"
    assert article.dateline == "LONDON"
    assert article.source == "Reuters"
    assert article.description is None
    paragraphs = article.body_text.split("\n\n")
    assert paragraphs[0].startswith("LONDON (Reuters) - British retail sales rose")
    assert paragraphs[0].endswith("official figures showed on Friday.")
    assert len(paragraphs) == 5
    assert "\n" not in paragraphs[1]


def test_copy_without_headline_gets_one_from_its_lead(lexicon: BoilerplateLexicon) -> None:
    article = _parse(FIXTURES / "agency_ap_no_headline.txt", lexicon)
    assert article.headline.startswith("South Korea’s weather agency issued heavy snow warnings")
    assert not article.headline.startswith("SEOUL")
    assert article.dateline == "SEOUL, South Korea"
    assert article.source == "AP"
    assert article.body_text.startswith("SEOUL, South Korea (AP) — ")


def test_chrome_only_text_is_an_empty_item(lexicon: BoilerplateLexicon) -> None:
    text = "Thank you for registering\n\nPlease refresh the page to be logged in\n\n   \n"
    with pytest.raises(EmptyItemError):
        parse_text(text, RawItem(id="x", payload=text.encode()), lexicon)


def test_whitespace_is_an_empty_item(lexicon: BoilerplateLexicon) -> None:
    with pytest.raises(EmptyItemError):
        parse_text(" \n\u200b\n ", RawItem(id="x", payload=b" "), lexicon)


def test_timestamp_in_eastern_time_becomes_utc(lexicon: BoilerplateLexicon) -> None:
    text = (
        "Storm closes ports along the Gulf coast\n\nBy Maria Lopez, Associated Press\n"
        "Nov. 11, 2021 6:33 a.m. ET\n\nHOUSTON (AP) — Ports along the Gulf coast closed on "
        "Thursday as a storm moved ashore.\n\nOfficials said they expected to reopen on Friday.\n"
    )
    article = parse_text(text, RawItem(id="x", payload=text.encode()), lexicon)
    assert article.byline == "Maria Lopez"
    assert article.source == "AP"
    assert article.versioncreated == "2021-11-11T11:33:00Z"
    assert article.body_text.startswith("HOUSTON (AP) —")
    assert article.description is None


def test_chrome_between_headline_and_credit_does_not_take_the_headline(
    lexicon: BoilerplateLexicon,
) -> None:
    text = (
        "Turn on alerts from The Kestrel Times\n\nMenu | News | World | Sport\n\n"
        "Harbour cranes stand idle as dock strike enters third day\n\n"
        "Home › News › Business\n\nBy Ana Duarte, Reuters\n25 June 2025 10:00 GMT\n"
        "Portugal Docks Strike\n\n"
        "LISBON (Reuters) - Dock workers at Lisbon's container terminals stayed off the job "
        "for a third day on Wednesday.\n\nTalks are due to resume on Friday, the union said.\n"
    )
    article = parse_text(text, RawItem(id="x", payload=text.encode()), lexicon)
    assert article.headline == "Harbour cranes stand idle as dock strike enters third day"
    assert article.publisher == "The Kestrel Times"
    assert (article.byline, article.source) == ("Ana Duarte", "Reuters")
    assert article.body_text.startswith("LISBON (Reuters) - Dock workers")
    assert "Portugal Docks Strike" not in article.body_text
    assert len(article.body_text.split("\n\n")) == 2


def test_menu_and_prompt_buttons_go_without_a_credit_line(lexicon: BoilerplateLexicon) -> None:
    text = (
        "Allow The Kestrel Times to send you breaking news alerts?\n\nNot now\nAllow\n\n"
        "Sections · News · Sport · Weather\n\n"
        "Dock strike enters third day\n\n"
        "LISBON (Reuters) - Dock workers stayed off the job for a third day on Wednesday.\n"
    )
    article = parse_text(text, RawItem(id="x", payload=text.encode()), lexicon)
    assert article.headline == "Dock strike enters third day"
    assert article.publisher == "The Kestrel Times"
    assert article.body_text == (
        "LISBON (Reuters) - Dock workers stayed off the job for a third day on Wednesday."
    )


@pytest.mark.skipif(not SEED.exists(), reason="seed article not available")
def test_seed_article_matches_readme_expectations(lexicon: BoilerplateLexicon) -> None:
    article = _parse(SEED, lexicon)
    assert article.headline == "US, South Korea discuss how to resume talks with North Korea"
    assert article.source == "AP"
    assert article.publisher == "The Independent"
    assert article.versioncreated == "2021-11-11T11:33:00Z"
    assert article.body_text.startswith("Senior U.S. and South Korean diplomats discussed")
    assert article.body_text.endswith("Lee Jae-myung on Thursday.")
    for fragment in ("Your support", "Thank you for registering", "refresh", "Notifications"):
        assert fragment not in article.body_text
    assert "South Korea US" not in article.body_text.split("\n\n")
    assert len(article.body_text.split("\n\n")) == 6
    assert "\u00a0" not in (article.publisher or "")
    assert "“how our Alliance" in article.body_text and "& beyond.”" in article.body_text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=15).map("\n".join))
def test_parse_text_only_raises_empty_item(text: str) -> None:
    lexicon = BoilerplateLexicon.default()
    try:
        article = parse_text(text, RawItem(id="h", payload=b""), lexicon)
    except EmptyItemError:
        return
    assert article.headline or article.body_text
    assert clean_article(clean_article(article, lexicon), lexicon) == clean_article(
        article, lexicon
    )
