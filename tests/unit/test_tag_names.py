"""Name clean-up for NER spans, without the model."""

from __future__ import annotations

import pytest

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
        ("Via AP", "organisations", "AP"),
        ("The\u00a0Independent\n\nNotifications", "organisations", "Independent"),
        ("“Seoul”", "places", "Seoul"),
    ],
)
def test_canonical_name_cleans_spans(raw: str, kind: str, expected: str) -> None:
    assert canonical_name(raw, kind) == expected


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        ("GMT", "organisations"),
        ("ET", "organisations"),
        ("km", "places"),
        ("X", "people"),
        ("2021", "organisations"),
        ("North", "places"),
        ("State", "organisations"),
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
