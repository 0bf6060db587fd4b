"""Paragraph spans: the model's spans completed and corrected by the catalog, without the model."""

from __future__ import annotations

import pytest

from streams.stages.entity_catalog import EntityCatalog, default_catalog
from streams.stages.entity_spans import dateline_span, find_known, merge_spans, model_spans
from streams.stages.tag_cache import Span


@pytest.fixture(scope="module")
def catalog() -> EntityCatalog:
    return default_catalog()


def _texts(text: str, spans: tuple[Span, ...] | list[Span]) -> list[tuple[str, str]]:
    return [(text[s.start : s.end], s.kind) for s in spans]


def test_known_names_are_found_longest_first(catalog: EntityCatalog) -> None:
    text = "Officials at the International Monetary Fund in Washington met NATO envoys."
    found = [(text[s:e], entry.name) for s, e, entry in find_known(text, catalog, shouty=False)]
    assert ("International Monetary Fund", "International Monetary Fund") in found
    assert ("NATO", "NATO") in found
    assert ("Washington", "Washington") not in found  # a given name too: left to the model


def test_possessive_and_full_stop_do_not_hide_a_name(catalog: EntityCatalog) -> None:
    text = "Japan's exports fell. Prices rose in Seoul."
    found = [text[s:e] for s, e, _ in find_known(text, catalog, shouty=False)]
    assert found == ["Japan", "Seoul"]


def test_shouted_headline_is_matched_without_case(catalog: EntityCatalog) -> None:
    text = "MOROCCO, SPAIN AND PORTUGAL FINALISE WORLD CUP STADIUMS"
    found = [entry.name for _, _, entry in find_known(text, catalog, shouty=True)]
    assert found == ["Morocco", "Spain", "Portugal"]


def test_lower_case_words_are_never_names(catalog: EntityCatalog) -> None:
    assert find_known("we were reading in nice weather", catalog, shouty=False) == []


def test_catalog_adds_what_the_model_missed_and_fixes_its_kind(catalog: EntityCatalog) -> None:
    text = "Drones struck Odesa as NATO met in Brussels."
    model = [Span(text.index("NATO"), text.index("NATO") + 4, "places")]
    merged = merge_spans(text, model, find_known(text, catalog, False), catalog)
    assert ("Odesa", "places") in _texts(text, merged)
    assert ("NATO", "organisations") in _texts(text, merged)
    assert ("Brussels", "places") in _texts(text, merged)


def test_longer_model_span_wins_over_a_known_name_inside(catalog: EntityCatalog) -> None:
    text = "The Bank of Korea said on Monday."
    start = text.index("Bank")
    model = [Span(start, start + len("Bank of Korea"), "organisations")]
    merged = merge_spans(text, model, find_known(text, catalog, False), catalog)
    assert _texts(text, merged) == [("Bank of Korea", "organisations")]


def test_possessive_owner_is_split_from_an_organisation(catalog: EntityCatalog) -> None:
    text = "Nepal's National Earthquake Monitoring Center said the quake was strong."
    end = text.index(" said")
    merged = merge_spans(text, [Span(0, end, "organisations")], [], catalog)
    assert _texts(text, merged) == [
        ("Nepal", "places"),
        ("National Earthquake Monitoring Center", "organisations"),
    ]


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("SEOUL, South Korea (AP) — Talks resumed.", "SEOUL"),
        ("BRASILIA (Reuters) - The Senate voted.", "BRASILIA"),
        ("GAZA CITY, Palestinian Territories (AFP) - Strikes hit.", "GAZA CITY"),
        ("CAPE CANAVERAL, Fla. (AP) — NASA launched.", "CAPE CANAVERAL"),
    ],
)
def test_dateline_place_becomes_a_span(text: str, place: str) -> None:
    span = dateline_span(text)
    assert span is not None and text[span.start : span.end] == place


def test_ordinary_sentence_has_no_dateline() -> None:
    assert dateline_span("NATO said on Monday it would meet.") is None
    assert dateline_span("The talks (AP) — resumed.") is None


def test_model_person_span_takes_back_its_hyphenated_tail() -> None:
    text = "Vice Minister Park Jin-woo spoke."
    start = text.index("Park")
    spans = model_spans(text, [(start, text.index("-woo"), "PERSON"), (0, 4, "DATE")])
    assert _texts(text, spans) == [("Park Jin-woo", "people")]
