"""Timestamps from every format end up as UTC ``YYYY-MM-DDTHH:MM:SSZ``, or None."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from streams.formats.dates import is_after, to_utc_iso


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-11-11T11:33:00Z", "2021-11-11T11:33:00Z"),
        ("2021-11-11T20:33:00+09:00", "2021-11-11T11:33:00Z"),
        ("2021-11-11T06:33:00.750-05:00", "2021-11-11T11:33:00Z"),
        ("20211111T113300Z", "2021-11-11T11:33:00Z"),
        ("20211111T123300+0100", "2021-11-11T11:33:00Z"),
        ("Thu, 11 Nov 2021 06:33:00 -0500", "2021-11-11T11:33:00Z"),
        ("Thu, 11 Nov 2021 11:33:00 GMT", "2021-11-11T11:33:00Z"),
        ("Thu, 11 Nov 2021 06:33:00 EST", "2021-11-11T11:33:00Z"),
        ("Thursday 11 November 2021 11:33 GMT", "2021-11-11T11:33:00Z"),
        ("Nov. 11, 2021 6:33 a.m. ET", "2021-11-11T11:33:00Z"),
        ("2021-11-11", "2021-11-11T00:00:00Z"),
    ],
)
def test_known_timestamp_shapes_normalise_to_utc(value: str, expected: str) -> None:
    assert to_utc_iso(value) == expected


def test_offsetless_value_is_read_in_the_default_zone() -> None:
    assert to_utc_iso("2021-11-11 12:33", default_tz="Europe/Berlin") == "2021-11-11T11:33:00Z"
    assert to_utc_iso("2021-11-11 12:33") == "2021-11-11T12:33:00Z"


@pytest.mark.parametrize("value", ["", "   ", "soon", "5", "Thursday", "99:99", "2021-13-45"])
def test_unreadable_values_give_none(value: str) -> None:
    assert to_utc_iso(value) is None


@given(st.text(max_size=60))
def test_never_raises_and_always_returns_the_iso_shape(value: str) -> None:
    result = to_utc_iso(value)
    assert result is None or (len(result) == 20 and result.endswith("Z") and result[10] == "T")


def test_is_after_compares_normalised_values() -> None:
    assert is_after("2021-11-11T12:00:00Z", "2021-11-11T11:33:00Z")
    assert not is_after("2021-11-11T11:33:00Z", "2021-11-11T11:33:00Z")
    assert not is_after(None, "2021-11-11T11:33:00Z")
