"""Political actors in French text → CAMEO actor codes.

An actor is found from *atoms* matched in the sentence — known persons (dated table), titles and
group nouns ("ministre des Affaires étrangères", "autorités", "armée"), demonyms in any gender and
number ("biélorusse", "sud-africaines"), country names, capitals used as metonyms ("Pékin a salué"),
institutions ("le Kremlin") and IGOs ("l'OTAN") — and combined over the noun phrase the parser gives.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from spacy.tokens import Span, Token

from events.countries import load_countries
from events.data_files import DATA_DIR, read_tsv, split_alts
from events.text import fold

ATOM_PERSON, ATOM_TERM, ATOM_COUNTRY, ATOM_CAPITAL, ATOM_ROLE, ATOM_DEMONYM = (
    "person", "term", "country", "capital", "role", "demonym")
_MAX_PHRASE = 16  # tokens: "Sabah Al-Ahmad Al-Jaber Al-Sabah" is ten
# Characters that join the parts of a name into one ("Pays-Bas", "Côte d'Ivoire").
_JOINERS = {"-", "'", "’"}
# Country names that are also common first names or words: only actors when not followed by a name.
_AMBIGUOUS_NAMES = {"maurice", "dominique", "grenade", "niger", "tonga", "samoa", "jordanie"}


def parse_office_date(value: str, *, end: bool = False) -> date | None:
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        return date(parts[0], parts[1], 28 if end else 1)
    return date(parts[0], 12 if end else 1, 31 if end else 1)


@dataclass(frozen=True, slots=True)
class Person:
    name: str
    country: str | None
    code: str
    role: str
    office: str
    start: date | None
    end: date | None

    def in_office(self, when: date | None) -> bool:
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when <= self.end)


@dataclass(frozen=True, slots=True)
class Actor:
    """A resolved actor: CAMEO code (``CHNGOV``, ``IGOUNO``, ``UKR``) with its parts."""

    code: str
    name: str
    country: str | None  # CAMEO/ISO alpha-3, None for IGOs
    role: str | None  # GOV, MIL, … (type1 code)
    known_group: str | None  # IGO code for IGOs
    kind: str  # person | title | country | capital | institution | igo

    @property
    def key(self) -> str:
        """What scoring compares: the country, or the IGO's last three letters."""
        return self.country or (self.code[-3:] if self.code else "")


@dataclass(frozen=True, slots=True)
class Atom:
    kind: str
    start: int  # token index in the doc
    end: int
    text: str
    persons: tuple[Person, ...] = ()
    country: str | None = None
    code: str | None = None
    role: str | None = None
    office: str | None = None


class ActorLexicon:
    """Phrase index over persons, titles, demonyms, countries, capitals, institutions and IGOs."""

    def __init__(self) -> None:
        self.countries = load_countries()
        self._persons: dict[str, list[Person]] = {}
        self._person_forms: dict[str, list[str]] = {}  # key → the names as the table writes them
        self._phrases: dict[str, list[tuple[str, dict[str, str]]]] = {}
        self._exact_case: set[str] = set()
        self._prefixes: set[str] | None = None
        rows = [row for path in sorted((DATA_DIR / "actors").glob("*.tsv")) for row in read_tsv(path)]
        # first names of the table's people: a one-word alias that is someone's first name ("François" for the
        # pope, while François Bayrou exists) would match every François, so it is not used alone
        first_names = {fold(row["name"].split()[0]) for row in rows if len(row["name"].split()) > 1}
        for row in rows:
            person = Person(
                name=row["name"], country=row["country"] or None, code=row["code"], role=row["role"],
                office=row["office"], start=parse_office_date(row["start"]),
                end=parse_office_date(row["end"], end=True),
            )
            for alias in dict.fromkeys([row["name"], *split_alts(row["aliases"])]):
                key = fold(alias)
                own_surname = len(row["name"].split()) > 1 and key == fold(row["name"].split()[-1])
                if " " not in key and key in first_names and not own_surname:
                    continue  # "François" names the pope and every François; "Petro" is Gustavo Petro's surname
                self._persons.setdefault(key, []).append(person)
                forms = self._person_forms.setdefault(key, [])
                if alias not in forms:
                    forms.append(alias)
        for row in read_tsv("actor_terms_fr.tsv"):
            self._add(row["term"], ATOM_TERM, row)
            if row["term"].isupper() and len(row["term"]) <= 3:  # UE, UA, OCS: only in capitals
                self._exact_case.add(row["term"])
        for row in read_tsv("roles_fr.tsv"):
            self._add(row["term"], ATOM_ROLE, row)
        for country in self.countries.by_iso3.values():
            for name in country.names:
                self._add(name, ATOM_COUNTRY, {"country": country.iso3, "name": name})
            for capital in country.capitals:
                self._add(capital, ATOM_CAPITAL, {"country": country.iso3, "name": capital})
            for demonym in country.demonyms:
                self._add(demonym, ATOM_DEMONYM, {"country": country.iso3})

    def _add(self, phrase: str, kind: str, row: dict[str, str]) -> None:
        bucket = self._phrases.setdefault(fold(phrase), [])
        for number, (k, existing) in enumerate(bucket):
            if k == kind:
                # "Houthis" and "houthis" name the same group: the lower-case row matches both spellings
                if kind == ATOM_TERM and row["term"][:1].islower() and existing["term"][:1].isupper() \
                        and row.get("code") == existing.get("code"):
                    bucket[number] = (kind, row)
                if kind in (ATOM_COUNTRY, ATOM_CAPITAL) and row["name"][:1].islower() \
                        and row["country"] == existing["country"]:
                    bucket[number] = (kind, row)  # "île Maurice" beside "Île Maurice": either case matches
                return
        bucket.append((kind, row))

    def terms(self) -> list[dict[str, str]]:
        """Rows of the institutions, IGOs and groups table (actor_terms_fr.tsv)."""
        return list(read_tsv("actor_terms_fr.tsv"))

    def persons(self, alias: str) -> list[Person]:
        return self._persons.get(fold(alias), [])

    def _prefix_set(self) -> set[str]:
        if self._prefixes is None:
            keys = [*self._persons, *self._phrases]
            self._prefixes = {key[:n] for key in keys for n in range(1, len(key) + 1)}
        return self._prefixes

    def match(self, span: Span) -> Iterator[Atom]:
        """Longest-first atoms of a sentence, left to right, without overlaps.

        Keys grow token by token and stop as soon as no phrase starts with them (a prefix set), so a
        sentence costs about one dictionary probe per token.
        """
        prefixes = self._prefix_set()
        texts = [t.text for t in span]
        spaces = [t.whitespace_ for t in span]
        first = span.start
        i = span.start
        while i < span.end:
            found: list[Atom] = []
            written = ""
            for j in range(i, min(span.end, i + _MAX_PHRASE)):
                # the phrase as written, folded whole: "Royaume-Uni" (three tokens) → "royaume uni" like the table's
                # key, "Kim Jong-un" → "kim jong un", "Côte d'Ivoire" → "cote d'ivoire"
                written = (written + spaces[j - first - 1] if j > i else "") + texts[j - first]
                key = fold(written)
                if key not in prefixes:
                    if texts[j - first] in _JOINERS:
                        continue  # "Royaume-" is no prefix of its own, "Royaume-Uni" is
                    break
                if key in self._persons or key in self._phrases:
                    # the longest phrase that names something as written: a lower-case "prince héritier saoudien"
                    # (a person's alias, capitalised only) leaves the role "prince héritier"
                    atoms = self._atoms_for(written, key, i, j + 1)
                    if atoms:
                        found = atoms
            if found:
                yield from found
                i = found[0].end
            else:
                i += 1

    def _atoms_for(self, text: str, key: str, start: int, end: int) -> list[Atom]:
        capitalised = text[:1].isupper()
        atoms: list[Atom] = []
        persons = self._persons.get(key)
        if persons and capitalised and any(_case_fits(form, text) for form in self._person_forms.get(key, [text])):
            atoms.append(Atom(ATOM_PERSON, start, end, text, persons=tuple(persons)))
        for kind, row in self._phrases.get(key, ()):
            if kind == ATOM_TERM:
                if row["term"] in self._exact_case and text != row["term"]:
                    continue
                if row["term"][:1].isupper() and not capitalised and not text.isupper():
                    continue  # "Union" names the EU, "union" does not; "maître du Kremlin" is lower case
                if not _case_fits(row["term"], text):
                    continue  # "Le monde agricole" at the start of a sentence is not the newspaper
                atoms.append(Atom(kind, start, end, text, country=row["country"] or None, code=row["code"],
                                  role=row["role"]))
            elif kind in (ATOM_COUNTRY, ATOM_CAPITAL):
                # a name is matched as the table writes it: "Chine" capitalised, "pays du Cèdre" or "eSwatini" not
                if capitalised or not row["name"][:1].isupper():
                    atoms.append(Atom(kind, start, end, text, country=row["country"],
                                      role="GOV" if kind == ATOM_CAPITAL else None))
            elif kind == ATOM_ROLE:
                atoms.append(Atom(kind, start, end, text, role=row["role"], office=row["office"]))
            elif kind == ATOM_DEMONYM:
                atoms.append(Atom(kind, start, end, text, country=row["country"]))
        return atoms


def _case_fits(written: str, text: str) -> bool:
    """Every word the table capitalises after the first is capitalised in the text too ("Bruno Le Maire" is
    not "le maire", "Le Monde" is not "Le monde agricole"); the text in capitals (a headline) always fits."""
    if text.isupper():
        return True
    table_words, text_words = written.split(), text.split()
    if len(table_words) != len(text_words):
        return True
    return all(not t[:1].isupper() or w[:1].isupper() for t, w in zip(table_words[1:], text_words[1:], strict=True))


def person_actor(persons: tuple[Person, ...], when: date | None) -> Actor:
    """The person's actor code on the article's date (office in force then, else the latest one)."""
    in_office = [p for p in persons if p.in_office(when)]
    # out of office: the offices held before that day, never one taken later (Dilma Rousseff in 2016 is a former
    # president of Brazil, not the head of the BRICS bank she became in 2023)
    before = [p for p in persons if when is None or p.start is None or p.start <= when]
    first = min(persons, key=lambda p: p.start.toordinal() if p.start else 0)
    pool = in_office or before or [first]  # before any office in the tables: the first one's country
    # Prefer the highest office held that day, then the most recent start.
    rank = {"head_of_state": 0, "head_of_government": 1, "foreign_minister": 2, "defence_minister": 3,
            "igo_leader": 0}
    best = min(pool, key=lambda p: (rank.get(p.office, 5), -(p.start.toordinal() if p.start else 0)))
    names = {p.name for p in pool}
    if len(names) > 1 and not in_office:
        best = max(pool, key=lambda p: p.start.toordinal() if p.start else 0)
    known_group = best.code if best.code.startswith("IGO") else None
    if when is not None and not in_office and best.country:
        # out of office on the article's date (a former minister): a national elite, not the government
        return Actor(best.country + "ELI", best.name, best.country, "ELI", None, "person")
    return Actor(best.code, best.name, best.country, best.role if best.role != "IGO" else None,
                 known_group, "person")


def country_actor(iso3: str, role: str | None, *, name: str, kind: str) -> Actor:
    return Actor(iso3 + (role or ""), name, iso3, role, None, kind)


def term_actor(atom: Atom) -> Actor:
    code = atom.code or ""
    if code.startswith("IGO"):
        return Actor(code, atom.text, None, None, code, "igo")
    return Actor(code, atom.text, atom.country, atom.role, None, "institution")


def is_ambiguous_country_token(atom: Atom, token: Token) -> bool:
    """'Maurice Gourdault' is a person, 'Maurice' alone may be the country."""
    if fold(atom.text) not in _AMBIGUOUS_NAMES:
        return False
    nxt = token.nbor(1) if token.i + 1 < len(token.doc) else None
    return bool(nxt is not None and nxt.text[:1].isupper())


@lru_cache(maxsize=1)
def load_lexicon() -> ActorLexicon:
    return ActorLexicon()
