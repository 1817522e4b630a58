"""Countries: ISO/FIPS codes, French names, demonyms and capitals (data/countries.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from events.data_files import read_tsv, split_alts
from events.text import fold


@dataclass(frozen=True, slots=True)
class Country:
    iso3: str  # also the CAMEO country code
    iso2: str
    fips: str  # FIPS 10-4, as GDELT writes country codes
    name_fr: str
    names: tuple[str, ...]  # every French/English name, name_fr first
    demonyms: tuple[str, ...]
    capitals: tuple[str, ...]
    capital_geonames_id: str
    capital_lat: float | None
    capital_lon: float | None
    lat: float | None
    lon: float | None


def _float(value: str) -> float | None:
    return float(value) if value else None


@dataclass(frozen=True, slots=True)
class CountryTable:
    by_iso3: dict[str, Country]
    by_iso2: dict[str, Country]
    by_name: dict[str, Country]  # folded name → country
    by_demonym: dict[str, Country]  # folded demonym (any gender/number) → country
    by_capital: dict[str, Country]  # folded capital name → country

    def get(self, code: str | None) -> Country | None:
        if not code:
            return None
        return self.by_iso3.get(code.upper()) or self.by_iso2.get(code.upper())


@lru_cache(maxsize=1)
def load_countries() -> CountryTable:
    by_iso3: dict[str, Country] = {}
    by_name: dict[str, Country] = {}
    by_demonym: dict[str, Country] = {}
    by_capital: dict[str, Country] = {}
    for row in read_tsv("countries.tsv"):
        country = Country(
            iso3=row["iso3"],
            iso2=row["iso2"],
            fips=row["fips"],
            name_fr=row["name_fr"],
            names=tuple(dict.fromkeys([row["name_fr"], *split_alts(row["names_fr_alt"])])),
            demonyms=tuple(split_alts(row["demonyms"])),
            capitals=tuple(split_alts(row["capital_fr"])),
            capital_geonames_id=row["capital_geonames_id"],
            capital_lat=_float(row["capital_lat"]),
            capital_lon=_float(row["capital_lon"]),
            lat=_float(row["lat"]),
            lon=_float(row["lon"]),
        )
        by_iso3[country.iso3] = country
        for name in country.names:
            by_name.setdefault(fold(name), country)
        for demonym in country.demonyms:
            by_demonym.setdefault(fold(demonym), country)  # first row wins (Congo / RDC share "congolais")
        for capital in country.capitals:
            by_capital.setdefault(fold(capital), country)
    by_iso2 = {c.iso2: c for c in by_iso3.values()}
    return CountryTable(by_iso3, by_iso2, by_name, by_demonym, by_capital)
