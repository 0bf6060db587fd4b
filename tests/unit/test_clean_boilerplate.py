"""The boilerplate lexicon: chrome goes, story sentences that share its words stay."""

from __future__ import annotations

import pytest

from streams.errors import RulesError
from streams.stages.boilerplate import BoilerplateLexicon

LEXICON = BoilerplateLexicon.default()


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Stay up to date with notifications from The Harbour Post", "notification"),
        ("Notifications can be managed in browser preferences.", "notification"),
        ("Sign up to our free morning briefing newsletter", "newsletter"),
        ("Your support helps us to tell the story", "donation"),
        ("Support our journalism", "donation"),
        ("Thank you for registering", "registration"),
        ("Please refresh the page or navigate to another page", "registration"),
        ("Already have an account? Log in", "registration"),
        ("Share this article", "share"),
        ("Facebook Twitter Email", "share"),
        ("Read more: Why the strike mattered", "related"),
        ("Related stories", "related"),
        ("Advertisement", "advertisement"),
        ("Story continues below advertisement", "advertisement"),
        ("© 2024 The Harbour Post. All rights reserved.", "copyright"),
        ("This material may not be published, broadcast, rewritten or redistributed.", "copyright"),
        ("We use cookies to improve your experience on our site.", "cookie"),
        ("Firefighters at the scene on Sunday (AP Photo/Jane Doe)", "caption"),
        ("Getty Images", "caption"),
        ("View 12 comments", "comments"),
        ("Join the conversation", "comments"),
        ("Download the Harbour Post app for the latest news", "app_promo"),
        ("Follow us on Twitter", "app_promo"),
    ],
)
def test_chrome_lines_are_recognised(line: str, category: str) -> None:
    assert LEXICON.is_boilerplate(line) == category


@pytest.mark.parametrize(
    "line",
    [
        "Farmers said they would support the plan and urged members to subscribe to alerts.",
        "The company said it would share its findings with regulators next week.",
        "Read the full report, officials said, before drawing conclusions.",
        "Thank you, the minister told the crowd, for standing with us through the storm.",
        "Support for the measure fell to 41% in the latest poll.",
        "Advertising revenue fell 12% in the quarter, the company said.",
        "He said the comments were taken out of context.",
        "Reuters",
        "Senior U.S. and South Korean diplomats met in Seoul on Thursday.",
    ],
)
def test_story_sentences_with_chrome_words_stay(line: str) -> None:
    assert LEXICON.is_boilerplate(line) is None


def test_donation_block_is_removed_as_a_whole() -> None:
    paragraphs = [
        "Officials met on Tuesday.",
        "Your support helps us to tell the story",
        "From floods to fires, The Harbour Post is there when news breaks.",
        "Our reporters rely on readers. Your donation keeps them in the field.",
        "We keep our journalism free of paywalls.",
        "Your support makes all the difference.",
        "The talks will resume in May, officials said.",
    ]
    result = LEXICON.filter_paragraphs(paragraphs, publisher="The Harbour Post")
    assert result.kept == [
        "Officials met on Tuesday.",
        "The talks will resume in May, officials said.",
    ]
    assert {category for _, category in result.removed} == {"donation"}


def test_open_block_without_closing_line_stops_at_the_story() -> None:
    paragraphs = [
        "Your support helps us to tell the story",
        "Your donation keeps our reporters in the field.",
        "We met the minister on Tuesday, a spokesman said.",
        "Talks resume in May.",
    ]
    result = LEXICON.filter_paragraphs(paragraphs)
    assert result.kept == paragraphs[2:]


def test_repeated_caption_goes_and_repeated_sentence_is_kept_once() -> None:
    paragraphs = [
        "Trucks wait at the border",
        "Trucks wait at the border",
        "The border reopened on Monday.",
        "The border reopened on Monday.",
        "Officials said more crossings would follow.",
    ]
    kept = LEXICON.filter_paragraphs(paragraphs).kept
    assert kept == ["The border reopened on Monday.", "Officials said more crossings would follow."]


def test_caption_text_given_by_the_page_is_removed() -> None:
    kept = LEXICON.filter_paragraphs(
        ["Cranes at the port", "Work resumed."], captions=["Cranes at the port"]
    ).kept
    assert kept == ["Work resumed."]


def test_filter_reaches_a_fixed_point() -> None:
    paragraphs = ["Road sign", "Advertisement", "Road sign", "Traffic moved again."]
    result = LEXICON.filter_paragraphs(paragraphs)
    assert result.kept == ["Traffic moved again."]
    assert LEXICON.filter_paragraphs(result.kept).kept == result.kept


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        ("Stay up to date with notifications from The Harbour Post", "The Harbour Post"),
        ("© 2024 The Harbour Post. All rights reserved.", "The Harbour Post"),
        ("Copyright © 2024 Acme Media Ltd", "Acme Media"),
        ("Officials met on Tuesday.", None),
        # prompt shapes in wordings of our own
        ("Turn on news alerts from The Kestrel Times - be first to know", "The Kestrel Times"),
        ("Keep up with updates from Valley Voice", "Valley Voice"),
        ("Allow Oakridge Bugle to send you notifications?", "Oakridge Bugle"),
        ("Get Marlow Standard breaking news alerts in your browser", "Marlow Standard"),
        ("Sign up to The Quayside Record's weekly newsletter", "The Quayside Record"),
        ("Sign up to the Fenland Echo morning briefing", "Fenland Echo"),
        ("Never miss the headlines from The Tidewater Star", "The Tidewater Star"),
        ("Pinecrest Daily would like to send you notifications", "Pinecrest Daily"),
        ("© 2025 Upland Media Group. All rights reserved.", "Upland Media Group"),
        ("Turn on breaking news alerts", None),
        ("Get the latest news alerts", None),
    ],
)
def test_publisher_is_read_from_chrome(line: str, publisher: str | None) -> None:
    assert LEXICON.publisher_from(line) == publisher


@pytest.mark.parametrize(
    ("paragraph", "publisher"),
    [
        (
            "From harbours to hill farms, The Upland Courier is there when news breaks.",
            "The Upland Courier",
        ),
        (
            "Ashford Gazette Online covers the council so you do not have to.",
            "Ashford Gazette Online",
        ),
        ("Every week we send reporters where others do not.", None),
        ("Today we ask for your help.", None),
    ],
)
def test_publisher_is_read_from_an_appeal_naming_itself(
    paragraph: str, publisher: str | None
) -> None:
    assert LEXICON.publisher_in_appeal([paragraph]) == publisher


@pytest.mark.parametrize(
    ("line", "category"),
    [
        ("Menu | Home | Politics | Culture", "ui"),
        ("Home › Business › Markets", "ui"),
        ("Sections · Local · Region · Nation", "ui"),
        ("Skip to main content", "ui"),
        ("Not now", "notification"),
        ("Maybe later", "notification"),
        ("You can turn these alerts off in your browser settings.", "notification"),
        ("Allow The Kestrel Times to send you breaking news alerts?", "notification"),
        ("Five stories to start your day, delivered to your inbox at 7am.", "newsletter"),
        ("Sign me up", "newsletter"),
        ("Support the Kestrel from $3 a month", "donation"),
        ("Thank you for supporting independent local news", "donation"),
        ("Already a Kestrel member? Log in", "registration"),
        ("You are now signed in.", "registration"),
        ("Related coverage: Port strike enters its second week", "related"),
        ("More from the Kestrel: Ten walks for autumn", "related"),
        ("Upland Media Group · 12 High Street · © 2025", "copyright"),
        ("This story was provided by Reuters.", "app_promo"),
    ],
)
def test_new_chrome_wordings_are_recognised(line: str, category: str) -> None:
    assert LEXICON.is_boilerplate(line) == category


@pytest.mark.parametrize(
    "line",
    [
        "Menu prices rose 4% in October, the statistics office said.",
        "Allow me to explain, the minister told parliament.",
        "Home sales fell for a third month in September.",
        "Support the Post Office workers, the union urged in a statement on Friday.",
        "Residents can register for flood alerts on the council website.",
        "The ruling party, which controls 212 of 450 seats | 47% of the vote, won.",
    ],
)
def test_story_lines_that_start_like_chrome_stay(line: str) -> None:
    assert LEXICON.is_boilerplate(line) is None


def test_promotion_box_title_goes_with_the_box() -> None:
    paragraphs = [
        "The port reopened on Monday.",
        "The Evening Wrap",
        "The day's top stories, delivered to your inbox at 6pm.",
        "Sign me up",
        "Traffic was light, officials said.",
    ]
    assert LEXICON.filter_paragraphs(paragraphs).kept == [paragraphs[0], paragraphs[-1]]


def test_bad_lexicon_is_a_rules_error() -> None:
    with pytest.raises(RulesError):
        BoilerplateLexicon.from_yaml("categories:\n  x:\n    patterns: ['(unclosed']\n")
    with pytest.raises(RulesError):
        BoilerplateLexicon.from_yaml("publisher: ['no named group']\n")
    with pytest.raises(RulesError):
        BoilerplateLexicon.from_yaml("voice: {first_person: ['we']}\n")


def test_lexicon_without_voice_rules_only_applies_its_lines() -> None:
    lexicon = BoilerplateLexicon.from_yaml("categories: {}\n")
    paragraphs = ["We need you. Your support keeps our reporters going.", "Talks resumed."]
    assert lexicon.filter_paragraphs(paragraphs).kept == paragraphs
    assert lexicon.read(paragraphs[0]) is None


def test_comment_thread_goes_from_its_heading_on() -> None:
    story = ["The bridge reopened on Sunday after repairs.", "Traffic returned to normal."]
    thread = ["12 comments", "Sam Wilde", "Took them long enough.", "Reply"]
    assert LEXICON.filter_paragraphs([*story, *thread]).kept == story


def test_list_of_other_headlines_goes_with_its_heading() -> None:
    story = ["The bridge reopened on Sunday after repairs.", "Traffic returned to normal."]
    rail = [
        "Elsewhere today",
        "Mayor opens new skate park in the east",
        "Bakery owner celebrates fifty years",
        "Why the tram extension is late again",
    ]
    assert LEXICON.filter_paragraphs([*story, *rail]).kept == story


def test_author_bio_goes_when_it_names_the_byline() -> None:
    story = ["The bridge reopened on Sunday after repairs.", "Traffic returned to normal."]
    bio = "Mira Solano covers transport for the Post. Follow her at @mirasolano."
    kept = LEXICON.filter_paragraphs([*story, bio], author="Mira Solano").kept
    assert kept == story
    quoted = "Mira Solano, a commuter, said the bridge had been missed."
    assert quoted in LEXICON.filter_paragraphs([*story, quoted], author="Mira Solano").kept


def test_offer_under_a_paywall_gate_goes_but_news_under_it_stays() -> None:
    story = ["The bridge reopened on Sunday after repairs.", "Traffic returned to normal."]
    gate = ["Subscribe to keep reading", "Pick what suits you", "Careers"]
    kept = LEXICON.filter_paragraphs([*story, *gate, "Tolls will stay at two dollars."]).kept
    assert kept == [*story, "Tolls will stay at two dollars."]


def test_prices_a_story_reports_are_not_paywall_offers() -> None:
    for line in (
        "The premium plan costs $9.99 a month.",
        "Prices start at just $5 a month, the company said.",
        "Tickets start at 19 euros if booked a month in advance.",
    ):
        assert LEXICON.is_boilerplate(line) is None
    assert LEXICON.is_boilerplate("Unlimited access from $2 a week.") == "paywall"
