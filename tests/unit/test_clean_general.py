"""Chrome worded in ways the lexicon has never seen is still removed, and story text that
shares its words (quoted "we support", subscribers, free) is still kept.

The fixtures in fixtures/clean/general are publisher pages written for these tests: each has
its own notification prompt, menu, appeal and trailer wording. Each ``*.expected.txt`` holds
the story paragraphs alone, taken by hand from the fixture.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from streams.article import Article, RawItem
from streams.formats.html_page import parse_html
from streams.formats.plain_text import parse_text
from streams.stages.boilerplate import BoilerplateLexicon
from streams.stages.clean import clean_article

GENERAL = Path(__file__).parent / "fixtures" / "clean" / "general"
LEXICON = BoilerplateLexicon.default()

# file, headline, publisher, source, versioncreated
SCRAPES = [
    (
        "sentinel_fisheries.txt",
        "Norway and Iceland agree to share fishing patrol data in the North Atlantic",
        "The Riverside Sentinel",
        "AP",
        "2026-03-09T07:45:00Z",
    ),
    (
        "gazette_rail_strike.txt",
        "Polish rail workers begin 48-hour strike over pay, halting most intercity trains",
        "Lakeshore Gazette Online",
        "Reuters",
        "2026-02-03T05:40:00Z",
    ),
    (
        "highland_ferry.txt",
        "Ferry operator cancels winter sailings to two Hebridean islands after engine failure",
        "The Highland Post",
        "AP",
        "2026-11-12T16:20:00Z",
    ),
    (
        "ledger_paywall_story.txt",
        "Regional newspaper group drops its paywall, betting on readers' goodwill",
        "Coastal Daily Ledger",
        "AP",
        "2026-02-04T11:00:00Z",
    ),
]
PAGES = [
    ("chronicle_inline_chrome.html", "Eastbridge Chronicle", "AP"),
    ("weekly_unmarked_page.html", "Rift Valley Weekly", "Reuters"),
]
# Words of chrome in these fixtures that no story paragraph uses.
CHROME_WORDS = re.compile(
    r"\b(Sign in|sign-in|Log in|browser|Allow|Not now|Menu|Skip to|Advertisement|READ MORE|"
    r"Related coverage|Share this|Listen to|inbox|Sign me up|member|Membership|contribution|"
    r"Contribute|Give once|Thank you|Thanks for|account|password|paywall, and|Already|©|"
    r"All rights reserved|Chronicle|Sentinel|Gazette|Highland Post|Ledger is|needs you)\b"
)


def _expected(name: str) -> list[str]:
    text = (GENERAL / name).with_suffix(".expected.txt").read_text(encoding="utf-8")
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def _scrape(text: str, name: str) -> Article:
    raw = RawItem(id=name, payload=text.encode(), path=name)
    return clean_article(parse_text(text, raw, LEXICON), LEXICON)


def _page(name: str) -> Article:
    text = (GENERAL / name).read_text(encoding="utf-8")
    raw = RawItem(id=name, payload=text.encode(), path=name)
    return clean_article(parse_html(text, raw, LEXICON), LEXICON)


def _without_prompt(text: str, headline: str) -> str:
    """The scrape with everything above its headline cut: no prompt names the publisher."""
    return text[text.index(headline) :]


@pytest.mark.parametrize(("name", "headline", "publisher", "source", "time"), SCRAPES)
def test_scrape_with_new_chrome_wording_keeps_the_story_alone(
    name: str, headline: str, publisher: str, source: str, time: str
) -> None:
    article = _scrape((GENERAL / name).read_text(encoding="utf-8"), name)
    assert article.body_text.split("\n\n") == _expected(name)
    assert CHROME_WORDS.search(article.body_text) is None
    assert article.headline == headline
    assert article.publisher == publisher
    assert article.source == source
    assert article.versioncreated == time


@pytest.mark.parametrize(("name", "headline", "publisher", "source", "time"), SCRAPES)
def test_appeals_go_even_when_no_prompt_names_the_publisher(
    name: str, headline: str, publisher: str, source: str, time: str
) -> None:
    text = _without_prompt((GENERAL / name).read_text(encoding="utf-8"), headline)
    article = _scrape(text, name)
    assert article.body_text.split("\n\n") == _expected(name)
    assert article.headline == headline
    assert article.source == source


@pytest.mark.parametrize(("name", "headline", "publisher", "source", "time"), SCRAPES)
def test_cleaning_a_cleaned_scrape_changes_nothing(
    name: str, headline: str, publisher: str, source: str, time: str
) -> None:
    once = _scrape((GENERAL / name).read_text(encoding="utf-8"), name)
    assert clean_article(once, LEXICON) == once


@pytest.mark.parametrize(("name", "publisher", "source"), PAGES)
def test_page_body_loses_inline_boxes_appeals_and_trailers(
    name: str, publisher: str, source: str
) -> None:
    article = _page(name)
    expected = _expected(name)
    assert article.body_text.split("\n\n") == expected
    assert CHROME_WORDS.search(article.body_text) is None
    assert (article.body_html or "").count("<p>") == len(expected)
    assert article.publisher == publisher
    assert article.source == source
    assert clean_article(article, LEXICON) == article


def test_page_standfirst_becomes_the_description_not_body() -> None:
    article = _page("chronicle_inline_chrome.html")
    assert article.description is not None
    assert article.description.startswith("Canal authority limits transits")
    assert not article.body_text.startswith("Canal authority")
    unmarked = _page("weekly_unmarked_page.html")
    assert unmarked.body_text.startswith("MOMBASA, Kenya (Reuters) -")


# ------------------------------------------------------------------------------- precision

STORY = [
    "BRUSSELS (AP) — European Union ministers agreed on Monday to extend a ceasefire fund.",
    "“We will support the ceasefire for as long as it holds,” the foreign minister said.",
    "The broadcaster said it had lost 2 million subscribers in the quarter.",
    "Entry to the museum will be free for everyone under 18, the city council said.",
    '"Our readers support us when we earn it, and you can see that in the numbers," '
    "the publisher told reporters.",
    "Donations to the relief fund reached 4 million euros, according to the Red Cross.",
]


def test_story_paragraphs_with_appeal_words_are_kept() -> None:
    result = LEXICON.filter_paragraphs(STORY, publisher="The Harbour Post")
    assert result.kept == STORY


def test_an_appeal_run_goes_and_the_quoted_story_around_it_stays() -> None:
    appeal = [
        "Why we ask",
        "The Harbour Post has no owner to answer to but its readers. We keep every article "
        "open to you, with no paywall.",
        "If you can, chip in once or every month. It keeps our reporters on the road.",
    ]
    paragraphs = STORY[:2] + appeal + STORY[2:]
    result = LEXICON.filter_paragraphs(paragraphs)
    assert result.kept == STORY
    assert LEXICON.publisher_in_appeal(t for t, c in result.removed if c == "appeal") == (
        "The Harbour Post"
    )


def test_a_run_without_the_reader_addressed_stays() -> None:
    # The publication's voice without "you": a correction note or an editor's aside, not
    # an appeal for money, so the rule leaves it alone.
    paragraphs = [
        "BERLIN (dpa) - The government approved the budget.",
        "Our correspondents in Berlin contributed to this report.",
    ]
    assert LEXICON.filter_paragraphs(paragraphs).kept == paragraphs


def test_a_body_that_is_all_appeal_is_not_emptied_by_the_run_rule() -> None:
    paragraphs = [
        "We need readers like you to keep our reporting going.",
        "Your support pays for our journalists, and we are grateful for it.",
    ]
    assert LEXICON.filter_paragraphs(paragraphs).kept == paragraphs


def test_trailer_goes_but_a_story_ending_on_registration_stays() -> None:
    story = [
        "LAGOS, Nigeria (AP) — Voter registration closed on Friday.",
        "Residents who missed the deadline can register online until Monday, officials said.",
    ]
    trailer = [
        "Open any story and we will sign you in automatically",
        "Still not signed in? Reload and try again",
    ]
    assert LEXICON.filter_paragraphs(story + trailer).kept == story
    assert LEXICON.filter_paragraphs(story).kept == story


@pytest.mark.parametrize(
    ("paragraph", "appeal"),
    [
        ("We do not answer to shareholders, only to you.", True),
        ("Your contribution keeps our reporters in the field.", True),
        ("Readers like you fund one in three of our journalists.", True),
        ("“We support the deal,” the minister said.", False),
        ("We support the deal, the minister told reporters.", False),
        ("US companies dominate the market, which supporters say is a problem.", False),
        ("Support for the measure fell to 41% in the latest poll.", False),
        ("SEOUL, South Korea (AP) — We are told your support matters.", False),
    ],
)
def test_appeal_reading_needs_publisher_voice_and_no_news_signal(
    paragraph: str, appeal: bool
) -> None:
    reading = LEXICON.read(paragraph, publisher="The Harbour Post")
    assert reading is not None
    assert reading.appeal is appeal
