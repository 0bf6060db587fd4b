"""clean_article: works after any parser, fills only empty fields, never raises, idempotent."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.article import Article, Provenance
from streams.stages.boilerplate import BoilerplateLexicon, PublisherLineStats
from streams.stages.clean import clean_article

LEXICON = BoilerplateLexicon.default()


def _article(body: str, headline: str = "Headline", **fields: object) -> Article:
    return Article(
        uri="urn:wirestreams:t",
        headline=headline,
        body_text=body,
        provenance=Provenance(format="ninjs", received_at="2024-01-01T00:00:00Z"),
        **fields,  # type: ignore[arg-type]
    )


def test_repairs_mojibake_spaces_and_invisible_characters() -> None:
    body = (
        "The minister\u00a0said the caf\u00c3\u00a9 was\u200b closed.\r\n\r\n\r\n"
        "Second  \tline\x07."
    )
    cleaned = clean_article(_article(body), LEXICON)
    assert cleaned.body_text == "The minister said the café was closed.\n\nSecond line."


def test_dateline_is_set_and_body_kept_as_written() -> None:
    lead = "PARIS, Nov 11 (AFP) - French lawmakers approved the budget on Thursday."
    cleaned = clean_article(_article(f"{lead}\n\nThe vote was close."), LEXICON)
    assert cleaned.dateline == "PARIS, Nov 11"
    assert cleaned.source == "AFP"
    assert cleaned.body_text.startswith(lead)


def test_declared_fields_win_over_text() -> None:
    article = _article(
        "WASHINGTON (AP) — Congress passed the bill.",
        source="Reuters",
        dateline="Capitol Hill",
        language="fr",
        versioncreated="2024-02-01T10:00:00Z",
    )
    cleaned = clean_article(article, LEXICON)
    assert cleaned.source == "Reuters"
    assert cleaned.dateline == "Capitol Hill"
    assert cleaned.language == "fr"
    assert cleaned.versioncreated == "2024-02-01T10:00:00Z"


def test_credit_and_timestamp_lines_move_from_body_to_fields() -> None:
    body = (
        "By Jane Doe, The Associated Press\n\nPublished: 3 June 2024, 14:20\n\n"
        "WASHINGTON — Lawmakers reached a deal late on Monday.\n\nThe vote is due on Friday."
    )
    cleaned = clean_article(_article(body), LEXICON)
    assert cleaned.byline == "Jane Doe"
    assert cleaned.source == "AP"
    assert cleaned.versioncreated == "2024-06-03T14:20:00Z"
    assert cleaned.dateline == "WASHINGTON"
    assert cleaned.body_text.startswith("WASHINGTON — Lawmakers")


def test_agency_name_is_normalised_and_split_from_byline() -> None:
    cleaned = clean_article(
        _article("Text of the story.", byline="By Max Weber, dpa", source=None), LEXICON
    )
    assert (cleaned.byline, cleaned.source) == ("Max Weber", "dpa")
    named = clean_article(_article("Text.", source="Agence France-Presse"), LEXICON)
    assert named.source == "AFP"


def test_sign_off_and_copyright_trailer_give_the_source() -> None:
    body = "Oil prices rose on Monday.\n\nTraders cited supply worries.\n\n— Reuters"
    assert clean_article(_article(body), LEXICON).source == "Reuters"
    body = "Oil prices rose on Monday.\n\nCopyright 2024 The Associated Press. All rights reserved."
    cleaned = clean_article(_article(body), LEXICON)
    assert cleaned.source == "AP"
    assert cleaned.body_text == "Oil prices rose on Monday."
    assert cleaned.publisher is None


def test_publisher_comes_from_chrome_not_from_agency_copyright() -> None:
    body = (
        "Stay up to date with notifications from The Harbour Post\n\n"
        "The bridge reopened on Sunday.\n\n© 2024 The Harbour Post. All rights reserved."
    )
    cleaned = clean_article(_article(body), LEXICON)
    assert cleaned.publisher == "The Harbour Post"
    assert cleaned.body_text == "The bridge reopened on Sunday."


def test_body_html_loses_the_paragraphs_the_text_lost() -> None:
    article = _article(
        "The bridge reopened on Sunday.\n\nAdvertisement\n\nTraffic was light.",
        body_html="<p>The bridge reopened on Sunday.</p><p>Advertisement</p>"
        "<p onclick='x()'>Traffic was light.<script>bad()</script></p>",
    )
    cleaned = clean_article(article, LEXICON)
    assert cleaned.body_text == "The bridge reopened on Sunday.\n\nTraffic was light."
    assert cleaned.body_html == "<p>The bridge reopened on Sunday.</p><p>Traffic was light.</p>"


def test_appeal_in_a_body_goes_and_names_the_publisher() -> None:
    body = (
        "KYIV, Ukraine (AP) — Power was restored to most of the city on Sunday.\n\n"
        "Why your support matters\n\n"
        "From the front line to the city hall, The Harbour Post is there when it matters. We "
        "keep our reporting free for you, funded by readers who can afford to chip in.\n\n"
        "Engineers worked through the night, the grid operator said.\n\n"
        "Open any story and we will sign you in automatically"
    )
    cleaned = clean_article(_article(body), LEXICON)
    assert cleaned.body_text.split("\n\n") == [
        "KYIV, Ukraine (AP) — Power was restored to most of the city on Sunday.",
        "Engineers worked through the night, the grid operator said.",
    ]
    assert cleaned.publisher == "The Harbour Post"


def test_feed_title_section_and_agency_feeds_are_not_publishers() -> None:
    named = clean_article(_article("Text.", publisher="Harbour Post – Business"), LEXICON)
    assert named.publisher == "Harbour Post"
    for agency_feed in ("Reuters – Asia Business", "AP Sports – Soccer", "AFP"):
        cleaned = clean_article(_article("Text.", publisher=agency_feed), LEXICON)
        assert cleaned.publisher is None


def test_headline_repeated_as_first_paragraph_is_dropped() -> None:
    cleaned = clean_article(_article("Bridge reopens\n\nThe bridge reopened.", "Bridge reopens"))
    assert cleaned.body_text == "The bridge reopened."


def test_publisher_line_stats_remove_learned_lines() -> None:
    stats = PublisherLineStats(min_items=3, min_share=0.5)
    for n, head in enumerate(["Ferry delayed", "School reopens", "Mill sold", "Road shut"]):
        stats.observe(
            "Harbour Post", ["Our readers make this possible", f"Story line {n}"], headline=head
        )
    article = _article(
        "The bridge reopened on Sunday.\n\nOur readers make this possible",
        publisher="Harbour Post",
    )
    cleaned = clean_article(article, LEXICON, line_stats=stats)
    assert cleaned.body_text == "The bridge reopened on Sunday."
    assert clean_article(article, LEXICON).body_text.endswith("Our readers make this possible")


def test_input_article_is_not_modified() -> None:
    article = _article("Caf\u00c3\u00a9\u00a0society.")
    clean_article(article, LEXICON)
    assert article.body_text == "Caf\u00c3\u00a9\u00a0society."


def test_no_language_is_guessed_from_too_little_text() -> None:
    assert clean_article(_article("Ok.", "Hi"), LEXICON).language is None


_LINES = st.sampled_from(
    [
        "Your support helps us to tell the story",
        "Your support makes all the difference.",
        "Via AP news wire",
        "Thursday 11 November 2021 11:33 GMT",
        "LONDON (Reuters) - Shares fell.",
        "Caption text",
        "Advertisement",
        "By Jane Doe, Associated Press",
        "Copyright 2024 The Associated Press.",
        "— Reuters",
        "Stay up to date with notifications from The Post",
        "We need reporters on the ground.",
        "We answer only to you. Chip in from $2 a month.",
        "“We support the plan,” she said.",
        "Menu | News | World",
        "Not now",
        "Still not signed in? Reload and try again",
        "The Post stays free because of you",
    ]
)
_BODIES = st.one_of(
    st.text(),
    st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=12).map("\n\n".join),
    st.lists(st.one_of(_LINES, st.text(max_size=40)), max_size=12).map("\n".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(body=_BODIES, headline=st.text(max_size=80), byline=st.none() | st.text(max_size=40))
def test_clean_never_raises_and_is_idempotent(body: str, headline: str, byline: str | None) -> None:
    once = clean_article(_article(body, headline, byline=byline), LEXICON)
    twice = clean_article(once, LEXICON)
    assert twice == once
    assert "\u00a0" not in once.body_text
    assert "\n\n\n" not in once.body_text


@settings(max_examples=100, deadline=None)
@given(paragraphs=st.lists(st.text(min_size=1, max_size=30), max_size=6))
def test_clean_is_idempotent_with_body_html(paragraphs: list[str]) -> None:
    html = "".join(f"<p>{p}</p>" for p in paragraphs)
    once = clean_article(_article("\n\n".join(paragraphs), body_html=html), LEXICON)
    assert clean_article(once, LEXICON) == once


@pytest.mark.parametrize("source", ["Associated Press", "REUTERS", "Bloomberg News", "PA Media"])
def test_known_sources_are_normalised(source: str) -> None:
    expected = {
        "Associated Press": "AP",
        "REUTERS": "Reuters",
        "Bloomberg News": "Bloomberg",
        "PA Media": "PA",
    }[source]
    assert clean_article(_article("Text.", source=source), LEXICON).source == expected
