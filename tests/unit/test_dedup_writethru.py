"""Write-thru evidence: what makes a later same-source text an update rather than a copy.

The case behind these rules, seen on the real sample feed: a publisher page whose publisher the
cleaner did not find (publisher None, source AP from "Via AP news wire", html, a synthetic
``urn:wirestreams:`` uri) with some boilerplate left in was judged a write-thru of the AP
original. Without an agency identity, only new story text *on top* of the matched text, from
a later item, counts as a write-thru.
"""

from __future__ import annotations

from typing import Any

import pytest

from streams.article import Article, DedupInfo, Provenance, Signals
from streams.stages.dedup import Deduplicator, has_agency_identity

T0 = 1_790_000_000.0
AP_URI = "urn:publicid:apnews.com:20261118:0a1b2c3d4"

QUAKE = [
    "SANTIAGO, Chile (AP) — A magnitude 6.4 earthquake shook the coastal region of Chile late "
    "on Monday, killing at least 14 people and damaging about 300 homes in and around the "
    "port town of Tolvaro, officials said.",
    "The national seismological service said the epicenter was 38 kilometers northeast of "
    "Tolvaro at a depth of 22 kilometers, and the shaking was felt as far away as Valparaiso.",
    "Rescuers searched collapsed buildings through the night and pulled 26 people from the "
    "rubble alive, the civil protection agency said in a statement early on Tuesday.",
    "Governor Ines Valoren told reporters that 112 people were being treated at hospitals in "
    "Tolvaro and Valparaiso, nine of them with serious injuries, and that the toll could rise.",
    '"We felt the ground rolling for almost forty seconds and everyone ran into the street," '
    'said Dario Mokenko, a baker in Tolvaro. "Half of the roof came down on the ovens."',
    "Dozens of aftershocks followed, the strongest of them magnitude 4.9, and many residents "
    "spent the night in parks and in their cars rather than return to cracked houses.",
    "The coastal highway was closed after a landslide buried both lanes south of the town, and "
    "the regional airport suspended flights while engineers inspected the runway.",
    "Chile sits on the Pacific Ring of Fire and the coastal region has had five damaging "
    "earthquakes since 1985, the deadliest of which killed more than 500 people.",
]
NEW_TOP = [
    "SANTIAGO, Chile (AP) — The death toll from Monday's magnitude 6.4 earthquake in Chile rose "
    "to 31 on Tuesday as rescuers reached remote villages in the hills above Tolvaro and "
    "found families trapped under collapsed adobe walls.",
    "Officials said 18 people were still missing and warned that the number of dead could "
    "rise further once the mountain roads closed by landslides are cleared.",
]


def body(paragraphs: list[str]) -> str:
    return "\n\n".join(paragraphs)


def agency_original() -> Article:
    return Article(
        uri=AP_URI, headline="Quake kills 14 in Chile", body_text=body(QUAKE),
        provenance=Provenance(format="ninjs", received_at="2026-11-17T02:10:00Z"),
        source="AP", versioncreated="2026-11-17T02:10:00Z",
    )  # fmt: skip


def scrape(text: str, n: int = 1, *, fmt: str = "html", when: str = "2026-11-17T05:40:00Z",
           publisher: str | None = None, **kw: Any) -> Article:  # fmt: skip
    """A page or text file without an agency identity: what the cleaner makes of a scrape."""
    return Article(
        uri=f"urn:wirestreams:{n:024x}", headline="Deadly quake hits Chile", body_text=text,
        provenance=Provenance(format=fmt, received_at=when), source="AP",
        publisher=publisher, versioncreated=when, **kw,
    )  # fmt: skip


def run(*articles: Article) -> list[DedupInfo]:
    dedup = Deduplicator({})
    out = []
    for i, article in enumerate(articles):
        info = dedup.check(article, T0 + 60 * i).dedup
        assert info is not None
        out.append(info)
    return out


def test_a_scrape_has_no_agency_identity_and_the_agency_copy_has() -> None:
    assert has_agency_identity(agency_original())
    assert not has_agency_identity(scrape(body(QUAKE)))
    assert not has_agency_identity(scrape(body(QUAKE), fmt="ninjs"))  # synthetic uri


@pytest.mark.parametrize(
    "paragraphs",
    [
        pytest.param(
            [QUAKE[0], "Via AP news wire", *QUAKE[1:4], "Support our journalism: donate today",
             *QUAKE[4:], "Register to read the rest of our world coverage"],
            id="boilerplate-in-middle-and-end",
        ),
        pytest.param(
            [*QUAKE[:5], "Officials in Valparaiso said schools would stay closed for the rest of "
             "the week while inspectors checked every building in the district.", *QUAKE[5:]],
            id="extra-story-paragraph-in-the-middle",
        ),
        pytest.param(
            [*QUAKE, "The regional government said it would publish a full list of damaged "
             "buildings and the aid each household can claim by the end of the week."],
            id="extra-story-paragraph-at-the-end",
        ),
        pytest.param(
            ["Tuesday 17 November 2026 05:40 GMT", "Sign up for breaking news alerts",
             "Listen to this article", *QUAKE],
            id="chrome-lines-on-top",
        ),
        pytest.param(
            [QUAKE[0].replace("late on Monday", "late Monday").replace("about", "around"),
             *QUAKE[1:], "Read more: Latin America news"],
            id="edited-lead-and-a-stray-line",
        ),
    ],
)  # fmt: skip
def test_later_scrape_without_publisher_name_is_a_duplicate_not_a_write_thru(
    paragraphs: list[str],
) -> None:
    original, copy = run(agency_original(), scrape(body(paragraphs)))
    assert copy.verdict == "duplicate"
    assert (copy.story, copy.of, copy.canonical) == (original.story, AP_URI, AP_URI)


def test_plain_text_update_with_new_top_paragraphs_is_a_write_thru() -> None:
    first, update = run(
        scrape(body(QUAKE), 1, fmt="text", when="2026-11-17T02:10:00Z"),
        scrape(body([*NEW_TOP, *QUAKE[1:]]), 2, fmt="text", when="2026-11-17T07:30:00Z"),
    )
    assert update.verdict == "update"
    assert update.story == first.story
    assert update.canonical == "urn:wirestreams:" + f"{2:024x}"


def test_new_top_paragraphs_from_an_earlier_item_are_not_a_write_thru() -> None:
    _, older = run(
        scrape(body(QUAKE), 1, fmt="text", when="2026-11-17T07:30:00Z"),
        scrape(body([*NEW_TOP, *QUAKE[1:]]), 2, fmt="text", when="2026-11-17T02:10:00Z"),
    )
    assert older.verdict == "duplicate"


def test_new_top_from_another_agency_is_not_a_write_thru() -> None:
    other = scrape(body([*NEW_TOP, *QUAKE[1:]]), 2, fmt="text", when="2026-11-17T07:30:00Z")
    other.source = "Reuters"
    assert run(agency_original(), other)[1].verdict == "duplicate"


def test_a_publisher_reprint_with_new_top_paragraphs_stays_a_duplicate() -> None:
    reprint = scrape(body([*NEW_TOP, *QUAKE[1:]]), publisher="The Morning Ledger")
    assert run(agency_original(), reprint)[1].verdict == "duplicate"


def test_a_flagged_correction_without_identity_is_an_update() -> None:
    fixed = [QUAKE[0], QUAKE[1].replace("38 kilometers", "48 kilometers"), *QUAKE[2:]]
    correction = scrape(body(fixed), fmt="text", signals=Signals(correction=True))
    assert run(agency_original(), correction)[1].verdict == "update"


def test_agency_write_thru_under_a_new_id_is_an_update_and_takes_over() -> None:
    write_thru = agency_original()
    write_thru.uri, write_thru.versioncreated = AP_URI + "-2", "2026-11-17T07:30:00Z"
    write_thru.body_text = body([*NEW_TOP, *QUAKE[1:]])
    first, update = run(agency_original(), write_thru)
    assert (update.verdict, update.story, update.canonical) == ("update", first.story,
                                                               AP_URI + "-2")  # fmt: skip


def test_agency_original_takes_over_from_a_scrape_that_arrived_first() -> None:
    early, original = run(scrape(body(QUAKE[:-1])), agency_original())
    assert early.verdict == "new"
    assert (original.verdict, original.story, original.canonical) == ("update", early.story,
                                                                     AP_URI)  # fmt: skip
