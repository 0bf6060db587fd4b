"""Name clean-up for NER spans, without the model."""

from __future__ import annotations

import pytest

from streams.stages.entity_names import agency, is_credit_mention, looks_like_demonym
from streams.stages.tag import _Group, _merge_surnames, canonical_name, is_shouty


@pytest.mark.parametrize(
    ("raw", "kind", "expected"),
    [
        ("South Korea’s", "places", "South Korea"),
        ("Seoul's", "places", "Seoul"),
        ("the Korean Peninsula", "places", "Korean Peninsula"),
        ("The U.S. Embassy", "organisations", "U.S. Embassy"),
        ("U.S.", "places", "United States"),
        ("The Hague", "places", "The Hague"),
        ("Daniel\nKritenbrink", "people", "Daniel Kritenbrink"),
        ("Yeo  Seung-bae", "people", "Yeo Seung-bae"),
        ("Mr. Kritenbrink", "people", "Kritenbrink"),
        ("Gov. Brian Kemp", "people", "Brian Kemp"),
        ("Forecaster Bob Oravec", "people", "Bob Oravec"),
        ("Prime Minister Claire Durand", "people", "Claire Durand"),
        ("Via AP", "organisations", "AP"),
        ("The\u00a0Independent\n\nNotifications", "organisations", "Independent"),
        ("“Seoul”", "places", "Seoul"),
    ],
)
def test_canonical_name_cleans_spans(raw: str, kind: str, expected: str) -> None:
    assert canonical_name(raw, kind) == expected


def test_a_title_alone_is_not_stripped_to_nothing() -> None:
    assert canonical_name("President Macron", "people") == "President Macron"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("GMT", "organisations"),
        ("ET", "organisations"),
        ("EDT", "organisations"),
        ("KST", "organisations"),
        ("MW", "organisations"),
        ("km", "places"),
        ("X", "people"),
        ("2021", "organisations"),
        ("North", "places"),
        ("State", "organisations"),
        ("housing", "organisations"),
        ("Indo-Pacific & beyond", "organisations"),
        ("a" * 100, "people"),
        ("", "places"),
    ],
)
def test_canonical_name_rejects_junk(raw: str, kind: str) -> None:
    assert canonical_name(raw, kind) is None


def test_shouty_text_is_recognised() -> None:
    assert is_shouty("US, SOUTH KOREA DISCUSS TALKS WITH NORTH")
    assert not is_shouty("US, South Korea discuss talks with North Korea")
    assert not is_shouty("UN")  # too short to judge


def test_nationalities_look_like_demonyms_and_places_do_not() -> None:
    assert looks_like_demonym("Ukrainian") and looks_like_demonym("Japanese")
    assert not looks_like_demonym("Ukraine") and not looks_like_demonym("Seoul")


def test_agency_names_map_to_one_short_name() -> None:
    assert agency("The Associated Press") == "AP"
    assert agency("Reuters") == "Reuters"
    assert agency("Ministry of Finance") is None


def test_dateline_tag_and_credit_lines_are_credit_mentions() -> None:
    text = "SEOUL (AP) — Talks resumed.\nAssociated Press writer Kim Tong-hyung contributed."
    assert is_credit_mention(text, text.index("AP"), text.index("AP") + 2)
    start = text.index("Associated")
    assert is_credit_mention(text, start, start + len("Associated Press"))
    story = "Officials told the Associated Press that the talks would resume in Seoul next week."
    start = story.index("Associated")
    assert not is_credit_mention(story, start, start + len("Associated Press"))


def _group(name: str, *starts: int) -> _Group:
    return _Group(
        kind="people", key=name.casefold(), forms={name: len(starts)}, starts=list(starts)
    )


def test_family_name_first_merges_into_full_name() -> None:
    groups = {g.key: g for g in (_group("Yeo Seung-bae", 10), _group("Yeo", 50, 90))}
    _merge_surnames(groups)
    assert list(groups) == ["yeo seung-bae"]
    assert groups["yeo seung-bae"].mentions == 3
    assert groups["yeo seung-bae"].name == "Yeo Seung-bae"


def test_ambiguous_surname_stays_separate() -> None:
    groups = {g.key: g for g in (_group("Kim Min-ji", 1), _group("Tae Kim", 20), _group("Kim", 40))}
    _merge_surnames(groups)
    assert "kim" in groups
    assert groups["kim min-ji"].mentions == 1


def test_lower_case_spans_are_not_names() -> None:
    assert canonical_name("metro", "places") is None
    assert canonical_name("education", "organisations") is None
