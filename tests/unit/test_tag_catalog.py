"""The offline entity catalog: GeoNames data plus the curated list, one id scheme per kind."""

from __future__ import annotations

import re

import pytest
import yaml

from streams.stages.entity_catalog import (
    DEFAULT_ENTITIES_PATH,
    EntityCatalog,
    GeoData,
    build_catalog,
    default_catalog,
    fold,
)


@pytest.fixture(scope="module")
def catalog() -> EntityCatalog:
    return default_catalog()


@pytest.mark.parametrize(
    ("written", "name", "entity_id"),
    [
        ("U.S.", "United States", "geonames:6252001"),
        ("Britain", "United Kingdom", "geonames:2635167"),
        ("South Korea", "South Korea", "geonames:1835841"),
        ("Seoul", "Seoul", "geonames:1835848"),
        ("Kiev", "Kyiv", "geonames:703448"),
        ("Fla.", "Florida", "geonames:4155751"),
        ("The Netherlands", "Netherlands", "geonames:2750405"),
        ("Europe", "Europe", "geonames:6255148"),
    ],
)
def test_places_link_to_geonames(
    catalog: EntityCatalog, written: str, name: str, entity_id: str
) -> None:
    entry = catalog.lookup(written, "places")
    assert entry is not None
    assert (entry.name, entry.id) == (name, entity_id)


@pytest.mark.parametrize(
    ("written", "kind", "name", "entity_id"),
    [
        ("U.N.", "organisations", "United Nations", "wikidata:Q1065"),
        ("Fed", "organisations", "Federal Reserve", "wikidata:Q53536"),
        ("IMF", "organisations", "International Monetary Fund", "wikidata:Q7804"),
        ("Zelensky", "people", "Volodymyr Zelenskyy", "wikidata:Q3874799"),
        ("António Guterres", "people", "Antonio Guterres", "wikidata:Q311440"),
    ],
)
def test_curated_people_and_organisations_link_to_wikidata(
    catalog: EntityCatalog, written: str, kind: str, name: str, entity_id: str
) -> None:
    entry = catalog.lookup(written, kind)
    assert entry is not None
    assert (entry.name, entry.id) == (name, entity_id)


def test_city_keeps_the_story_spelling_but_links(catalog: EntityCatalog) -> None:
    entry = catalog.lookup("Mecca", "places")
    assert entry is not None and entry.id == "geonames:104515"
    assert not entry.renames  # the tagger shows "Mecca", not GeoNames' "Makkah"


def test_homonym_cities_link_only_when_settled(catalog: EntityCatalog) -> None:
    assert catalog.lookup("Valencia", "places") is None  # Spain and Venezuela, similar size
    spain = catalog.lookup("Valencia", "places", countries={"ES"})
    assert spain is not None and spain.country == "ES"
    paris = catalog.lookup("Paris", "places")  # dwarfs Paris, Texas
    assert paris is not None and paris.country == "FR"


def test_short_all_caps_names_are_detected_only_as_written(catalog: EntityCatalog) -> None:
    assert catalog.detect("WHO", shouty=False) is not None
    assert catalog.detect("Who", shouty=False) is None
    assert catalog.detect("WHO", shouty=True) is None  # "WHO" in a shouted headline is "who"
    assert catalog.detect("SEOUL", shouty=True) is not None


def test_common_words_are_never_detected_alone(catalog: EntityCatalog) -> None:
    assert catalog.detect("Austin", shouty=False) is None
    assert catalog.detect("Amazon", shouty=False) is None  # curated but ambiguous


def test_every_curated_id_follows_its_kind_scheme() -> None:
    curated = yaml.safe_load(DEFAULT_ENTITIES_PATH.read_text(encoding="utf-8"))
    schemes = {"people": r"wikidata:Q\d+", "organisations": r"wikidata:Q\d+",
               "places": r"geonames:\d+"}
    for kind, pattern in schemes.items():
        for item in curated[kind]:
            if item.get("id"):
                assert re.fullmatch(pattern, item["id"]), item


def test_catalog_builds_from_small_data_and_rejects_garbage() -> None:
    geo = GeoData(
        countries=[{"iso": "KR", "name": "South Korea", "geonameid": 1835841,
                    "population": 51_000_000, "capital": "Seoul"}],
        states=[],
        continents=[],
        cities=[{"geonameid": 1835848, "name": "Seoul", "countrycode": "KR",
                 "population": 10_000_000, "alternatenames": ["Soul"]}],
    )
    small = build_catalog({"places": [{"name": "South Korea", "aliases": ["ROK"]}]}, geo)
    assert small.lookup("ROK") is not None
    assert small.lookup("Soul", "places") is not None
    assert fold("Soul") in small.entries
    with pytest.raises(ValueError):
        build_catalog(["not", "a", "mapping"], geo)
