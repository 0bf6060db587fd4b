"""Datelines, credit lines, agency names and timestamp lines read from text."""

from __future__ import annotations

import pytest

from streams.stages.metadata import (
    extract_credit,
    extract_dateline,
    normalise_agency,
    parse_timestamp_line,
    take_meta_lines,
)


@pytest.mark.parametrize(
    ("lead", "expected"),
    [
        ("SEOUL, South Korea (AP) — Senior diplomats met.", ("SEOUL, South Korea", "AP")),
        ("LONDON (Reuters) - Britain's economy grew.", ("LONDON", "Reuters")),
        ("PARIS, Nov 11 (AFP) - France said.", ("PARIS, Nov 11", "AFP")),
        ("WASHINGTON — The Senate voted.", ("WASHINGTON", None)),
        ("WINSTON-SALEM, N.C. (AP) — A fire broke out.", ("WINSTON-SALEM, N.C.", "AP")),
        ("SÃO PAULO (AP) — Brazil's central bank.", ("SÃO PAULO", "AP")),
        ("BERLIN (dpa) - Die Regierung.", ("BERLIN", "dpa")),
        ("Tokyo, Nov 11 (Reuters) - Japan's exports.", ("Tokyo, Nov 11", "Reuters")),
    ],
)
def test_dateline_and_agency_are_read_from_the_lead(
    lead: str, expected: tuple[str | None, str | None]
) -> None:
    assert extract_dateline(lead) == expected


@pytest.mark.parametrize(
    "lead",
    [
        "The talks — which began in May — were stalled.",
        "NATO said - in a statement - that it would act.",
        "US, South Korea discuss how to resume talks with North Korea",
        "I — for one — agree.",
        "",
    ],
)
def test_ordinary_sentences_have_no_dateline(lead: str) -> None:
    assert extract_dateline(lead) == (None, None)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Via AP news wire", (None, "AP")),
        ("By Jane Doe, Associated Press", ("Jane Doe", "AP")),
        ("By Jane Doe, AP", ("Jane Doe", "AP")),
        ("— Reuters", (None, "Reuters")),
        ("(AFP)", (None, "AFP")),
        ("By MATTHEW LEE AP Diplomatic Writer", ("MATTHEW LEE", "AP")),
        ("By Jane Doe and John Roe", ("Jane Doe and John Roe", None)),
        ("By Ann Smith, Bo Li and Cy Oh", ("Ann Smith, Bo Li and Cy Oh", None)),
        ("By Jane Doe, Political Correspondent", ("Jane Doe", None)),
        ("By Jane van der Berg, Reuters", ("Jane van der Berg", "Reuters")),
        ("By Max Weber, dpa", ("Max Weber", "dpa")),
        ("By the time police arrived, the crowd had left", (None, None)),
        ("By Thursday, officials said", (None, None)),
        ("He said.", (None, None)),
        ("", (None, None)),
    ],
)
def test_credit_lines(line: str, expected: tuple[str | None, str | None]) -> None:
    assert extract_credit(line) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Associated Press", "AP"),
        ("AP news wire", "AP"),
        ("Thomson Reuters", "Reuters"),
        ("Agence France-Presse", "AFP"),
        ("Deutsche Presse-Agentur", "dpa"),
        ("PA Media", "PA"),
        ("Yonhap News Agency", "Yonhap"),
        ("United Press International", "UPI"),
        ("The Independent", None),
        ("", None),
    ],
)
def test_agency_names_are_normalised(name: str, expected: str | None) -> None:
    assert normalise_agency(name) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Thursday 11 November 2021 11:33 GMT", "2021-11-11T11:33:00Z"),
        ("Nov. 11, 2021 6:33 a.m. ET", "2021-11-11T11:33:00Z"),
        ("June 4, 2023 at 3:15 p.m. EDT", "2023-06-04T19:15:00Z"),
        ("11/11/2021 11:33", "2021-11-11T11:33:00Z"),
        ("12.11.2021", "2021-11-12T00:00:00Z"),
        ("2021-11-11T12:33:00+01:00", "2021-11-11T11:33:00Z"),
        ("Published: 11 November 2021, 11:33", "2021-11-11T11:33:00Z"),
        ("Updated 11:33 GMT, 11 Nov 2021", "2021-11-11T11:33:00Z"),
        ("Monday 1 July 2024 09:00 BST", "2024-07-01T08:00:00Z"),
    ],
)
def test_timestamp_lines_become_utc(line: str, expected: str) -> None:
    assert parse_timestamp_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "The talks were held on 11 November 2021.",
        "In 2019 talks stalled",
        "2021",
        "Nov 2021",
        "South Korea US",
        "Thursday 45 Smarch 2021 99:99",
    ],
)
def test_sentences_and_fragments_are_not_timestamps(line: str) -> None:
    assert parse_timestamp_line(line) is None


def test_meta_lines_are_taken_from_the_edges_only() -> None:
    found = take_meta_lines(
        ["By Jane Doe, AP", "Nov. 11, 2021 6:33 a.m. ET", "Story.", "By Jane Roe, AP", "— AP"]
    )
    assert found.paragraphs == ["Story.", "By Jane Roe, AP"]
    assert (found.byline, found.agency, found.timestamp) == (
        "Jane Doe",
        "AP",
        "2021-11-11T11:33:00Z",
    )
