"""Chrome found by structure rather than wording: markdown scrapes, <br>-separated table
layouts, form boxes, combined credit/time lines, and learning in the pipeline's clean step."""

from __future__ import annotations

import dataclasses

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from streams.article import RawItem
from streams.errors import EmptyItemError
from streams.evaluation.clean_eval import Counts, score
from streams.formats.html_page import parse_html
from streams.formats.plain_text import looks_like_markdown, parse_text, strip_markdown
from streams.pipeline import Stages
from streams.settings import Settings
from streams.stages.boilerplate import BoilerplateLexicon, PublisherLineStats
from streams.stages.clean import clean_article
from streams.stages.metadata import find_dateline, parse_timestamp_line, read_meta_line

LEXICON = BoilerplateLexicon.default()
RAW = RawItem(id="t", payload=b"")
LEAD = (
    "HALIFAX, Nova Scotia (AP) — A ferry operator suspended its only crossing on Monday after "
    "the vessel's engine failed for the second time in a month."
)
SECOND = "Inspectors boarded the ship at its berth and ordered it to stay in port for repairs."
THIRD = "Islanders said the timing could hardly be worse, with the fishing season about to open."


def test_markdown_scrape_keeps_link_text_and_drops_images_and_link_lists() -> None:
    text = (
        "# Ferry route suspended after engine fault\n\n"
        "**By Mira Solano, AP** | March 3, 2026 10:42 GMT\n\n"
        "![Passengers wait at the terminal](https://x.example/a.jpg)\n\n"
        "_Passengers wait at the terminal_\n\n"
        f"{LEAD}\n\n"
        "Inspectors from the [Transport Safety Board](https://x.example/tsb) boarded the ship.\n\n"
        "> **Read more:** [Ferry fares to rise in spring](https://x.example/r)\n\n"
        f"{THIRD}\n\n---\n\n## More stories\n\n"
        "- [Council approves cycle lanes](https://x.example/1)\n"
        "- [Zoo welcomes twin cubs](https://x.example/2)\n"
    )
    assert looks_like_markdown(text)
    article = parse_text(text, RAW, LEXICON)
    assert article.headline == "Ferry route suspended after engine fault"
    assert article.byline == "Mira Solano"
    assert article.source == "AP"
    assert article.versioncreated == "2026-03-03T10:42:00Z"
    assert article.body_text.split("\n\n") == [
        LEAD,
        "Inspectors from the Transport Safety Board boarded the ship.",
        THIRD,
    ]


def test_text_that_is_not_markdown_is_left_alone() -> None:
    plain = "Prices rose 3% [see table] in March.\n\nThe bank held rates."
    assert not looks_like_markdown(plain)
    assert strip_markdown("Plain line.")[0] == "Plain line."


def test_a_list_of_headlines_on_consecutive_lines_is_not_joined_as_wrapped_prose() -> None:
    text = (
        f"Ferry route suspended\n\nBy Mira Solano\n\n{LEAD}\n\n{SECOND}\n\n{THIRD}\n\nMost read\n\n"
        "Why house prices in the suburbs are still climbing\n"
        "What the budget means for your household bills\n"
        "Quiz night raises thousands for hospice\n"
    )
    assert parse_text(text, RAW, LEXICON).body_text.split("\n\n") == [LEAD, SECOND, THIRD]


def test_hard_wrapped_prose_is_still_joined() -> None:
    wrapped = (
        "Inspectors boarded the ship at its berth and ordered it to stay in\n"
        "port until the engine mounts had been replaced, officials said on\n"
        "Monday."
    )
    text = f"Ferry route suspended\n\nBy Mira Solano\n\n{LEAD}\n\n{wrapped}\n"
    body = parse_text(text, RAW, LEXICON).body_text.split("\n\n")
    assert body[1] == " ".join(wrapped.split("\n"))


def test_table_layout_with_br_paragraphs_gives_the_story_and_shown_credit() -> None:
    page = (
        "<html><body><table><tr><td><a href='/'>Home</a><br><a href='/n'>News</a><br>"
        "<a href='/w'>World</a><br></td><td><font size=4><b>Ferry route suspended</b></font><br>"
        "<font size=2>By Mira Solano, Staff Reporter<br>Posted: Mar 3, 2026 10:42 AM EST</font>"
        f"<br><br><font size=2>{LEAD}<br><br>{SECOND}<br><br><i>Advertisement</i><br><br>"
        f"{THIRD}</font></td><td><b>Most read</b><br><a href='/1'>Zoo welcomes twin cubs</a>"
        "<br><a href='/2'>Council approves cycle lanes</a></td></tr></table></body></html>"
    )
    article = parse_html(page, RAW, LEXICON)
    assert article.body_text.split("\n\n") == [LEAD, SECOND, THIRD]
    assert article.byline == "Mira Solano"
    assert article.versioncreated == "2026-03-03T15:42:00Z"
    assert article.dateline == "HALIFAX, Nova Scotia"


def test_the_box_around_a_form_field_goes_whatever_it_says() -> None:
    page = (
        "<html><body><div><h1>Ferry route suspended</h1>"
        f"<p>{LEAD}</p><p>{SECOND}</p>"
        "<div class='k3x'><p class='q1'>The Harbour Dispatch</p>"
        "<p class='q2'>Our editors' pick of the day, at lunchtime.</p>"
        "<div><input type='email'><button>Go</button></div></div>"
        f"<p>{THIRD}</p></div></body></html>"
    )
    body = parse_html(page, RAW, LEXICON).body_text
    assert body.split("\n\n") == [LEAD, SECOND, THIRD]


def test_credit_and_time_on_one_line_are_both_read() -> None:
    meta = read_meta_line("By Mira Solano | Reuters | 10:42 GMT 25/03/2026")
    assert meta is not None
    assert (meta.byline, meta.agency, meta.timestamp) == (
        "Mira Solano",
        "Reuters",
        "2026-03-25T10:42:00Z",
    )
    assert read_meta_line("Home | News | World | Sport") is None


def test_house_style_times_and_day_first_dates() -> None:
    assert parse_timestamp_line("Sun 12 Apr 2026 18.10 EDT") == "2026-04-12T22:10:00Z"
    assert parse_timestamp_line("10:49 BST 1/06/2026") == "2026-06-01T09:49:00Z"
    assert parse_timestamp_line("3/2/2026 10:00 EST") == "2026-03-02T15:00:00Z"
    assert parse_timestamp_line("12.08.2026 10:00") == "2026-08-12T10:00:00Z"


def test_live_blog_dateline_is_found_below_newer_entries() -> None:
    entries = ["Rescuers say the last miner is out.", "JOHANNESBURG (AFP) - Rescuers reached 11."]
    assert find_dateline(entries) == ("JOHANNESBURG", "AFP")
    assert find_dateline(["No dateline here.", "LONDON — nor a credited one."]) == (None, None)


def test_written_by_and_by_agency_credits() -> None:
    text = f"Ferry route suspended\n\nWritten by Mira Solano\n\n{LEAD}\n\n{SECOND}\n"
    assert parse_text(text, RAW, LEXICON).byline == "Mira Solano"
    text = f"Ferry route suspended\n\nBy Reuters\n\n{LEAD}\n\n{SECOND}\n"
    article = parse_text(text, RAW, LEXICON)
    assert (article.byline, article.source) == (None, "Reuters")


def _scrape(publisher: str, n: int, chrome: str) -> RawItem:
    heads = [
        "Ferry route suspended",
        "Council backs budget",
        "Storm closes schools",
        "Mill to become flats",
        "Rail fares rise",
        "Zoo cubs named",
    ]
    text = (
        f"{heads[n % len(heads)]} number {n}\n\nBy Mira Solano\n\n"
        f"Story {n} opens with news that only this item carries, told at length.\n\n"
        f"{chrome}\n\nIt ends with another paragraph of item {n}, also unique to it.\n"
    )
    payload = text.encode()
    return RawItem(id=RawItem.make_id(payload, f"{n}"), payload=payload, feed=publisher)


def test_pipeline_learns_a_publishers_repeated_line() -> None:
    stages = Stages(Settings())
    chrome = "Pictures from our readers appear every Friday in print"
    first = stages.clean(_scrape("Valley Wire", 0, chrome))
    assert chrome in first.body_text
    for n in range(1, 25):
        stages.clean(_scrape("Valley Wire", n, chrome))
    later = stages.clean(_scrape("Valley Wire", 99, chrome))
    assert chrome not in later.body_text
    assert "unique to it" in later.body_text
    other = stages.clean(_scrape("Another Feed", 1, chrome))
    assert chrome in other.body_text


def test_learned_cleaning_is_idempotent() -> None:
    stages = Stages(Settings())
    chrome = "Pictures from our readers appear every Friday in print"
    for n in range(25):
        stages.clean(_scrape("Valley Wire", n, chrome))
    raw = _scrape("Valley Wire", 7, chrome)
    once = stages.clean(raw)
    twice = clean_article(once, stages.lexicon, line_stats=stages.line_stats)
    assert twice == once


def test_eval_scoring_counts_snippets_like_trafilaturas_benchmark() -> None:
    output = "Story one.\n\nStory “two”.\n\nAdvertisement"
    counts = score(
        output,
        ["Story one.", 'Story "two".', "Story three."],
        ["Advertisement", "Sign up to our newsletter today", "Ad"],
    )
    assert counts == Counts(tp=2, fp=1, fn=1, tn=2)
    assert counts.precision == 2 / 3
    assert counts.boilerplate_recall == 2 / 3


def test_a_fact_list_inside_a_page_is_story_text_and_stays_after_cleaning() -> None:
    facts = ["Passengers a day: 900", "Repair time: ten days", "Nearest spare ship: Maine"]
    page = (
        "<html><body><article><h1>Ferry route suspended</h1>"
        f"<p>{LEAD}</p><p>{SECOND}</p><h3>Key facts</h3><ul>"
        + "".join(f"<li>{f}</li>" for f in facts)
        + f"</ul><p>{THIRD}</p></article></body></html>"
    )
    article = clean_article(parse_html(page, RAW, LEXICON), LEXICON)
    for fact in facts:
        assert fact in article.body_text.split("\n\n")


_SCRAPE_LINES = st.sampled_from(
    [
        LEAD,
        SECOND,
        THIRD,
        "3 comments",
        "Subscribe to keep reading",
        "Why house prices in the suburbs are still climbing",
        "What the budget means for your household bills",
        "Quiz night raises thousands for hospice",
        "- [Zoo welcomes twin cubs](https://x.example/2)",
        "![A caption](https://x.example/a.jpg)",
        "By Mira Solano | Reuters | 10:42 GMT 25/03/2026",
        "Mira Solano covers transport. Follow her at @mira.",
        "Advertisement",
    ]
)
_SCRAPES = st.lists(st.one_of(_SCRAPE_LINES, st.text(max_size=40)), max_size=14)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=_SCRAPES, joiner=st.sampled_from(["\n\n", "\n"]))
def test_scrape_cleaning_with_learned_lines_never_raises_and_is_idempotent(
    lines: list[str], joiner: str
) -> None:
    stats = PublisherLineStats(min_items=1, min_share=0.1, min_count=1)
    stats.observe("Valley Wire", lines, headline="Ferry route suspended")
    try:
        parsed = parse_text(joiner.join(lines), RAW, LEXICON)
    except EmptyItemError:
        return
    parsed = dataclasses.replace(
        parsed, provenance=dataclasses.replace(parsed.provenance, feed="Valley Wire")
    )
    once = clean_article(parsed, LEXICON, line_stats=stats)
    assert clean_article(once, LEXICON, line_stats=stats) == once
