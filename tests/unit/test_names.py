"""Every person, country and capital of the project's tables is found by its own name in a sentence, hyphens and
apostrophes included ("Royaume-Uni", "Kim Jong-un", "Pays-Bas", "Côte d'Ivoire"), as the French model's tokenizer
splits them."""

from __future__ import annotations

import unicodedata

import pytest

from events.actors import ATOM_CAPITAL, ATOM_COUNTRY, ATOM_PERSON, load_lexicon
from events.countries import load_countries
from events.data_files import DATA_DIR, read_tsv, split_alts
from events.text import fold, normalize_text

pytestmark = pytest.mark.model


def _latin(name: str) -> bool:
    """French news writes names in Latin script (the tables also hold 习近平 or 문재인 as aliases)."""
    return all(not ch.isalpha() or "LATIN" in unicodedata.name(ch, "") for ch in name)


def _cases() -> list[tuple[str, str]]:
    rows = [row for path in sorted((DATA_DIR / "actors").glob("*.tsv")) for row in read_tsv(path)]
    first_names = {fold(row["name"].split()[0]) for row in rows if len(row["name"].split()) > 1}
    cases = []
    for row in rows:
        for alias in dict.fromkeys([row["name"], *split_alts(row["aliases"])]):
            # a one-word alias that is also someone's first name ("François") is not used alone, by design,
            # unless it is the row's own surname ("Petro" for Gustavo Petro)
            own_surname = len(row["name"].split()) > 1 and fold(alias) == fold(row["name"].split()[-1])
            if _latin(alias) and alias[:1].isupper() and not (
                    " " not in alias and fold(alias) in first_names and not own_surname):
                cases.append((ATOM_PERSON, alias))
    for country in load_countries().by_iso3.values():
        cases += [(ATOM_COUNTRY, name) for name in country.names]
        cases += [(ATOM_CAPITAL, name) for name in country.capitals if _latin(name)]
    return list(dict.fromkeys(cases))


def test_every_name_of_the_tables_is_found_in_a_sentence(nlp):
    lexicon = load_lexicon()
    missing = []
    cases = _cases()
    assert len(cases) > 3000
    hyphenated = [name for _, name in cases if "-" in name or "'" in name]
    assert len(hyphenated) > 200
    for kind, name in cases:
        # mid-sentence: at the start the first word is capitalised anyway, and "Selon" is no name
        for text in (f"Selon {name}, la situation est grave.",):
            doc = nlp.make_doc(normalize_text(text))
            if not any(atom.kind == kind and atom.text == normalize_text(name) for atom in lexicon.match(doc[:])):
                missing.append((kind, name, text))
    assert not missing, missing[:20]


@pytest.mark.parametrize(("name", "kind", "country"), [
    ("Royaume-Uni", ATOM_COUNTRY, "GBR"), ("Pays-Bas", ATOM_COUNTRY, "NLD"), ("Guinée-Bissau", ATOM_COUNTRY, "GNB"),
    ("Côte d\u2019Ivoire", ATOM_COUNTRY, "CIV"), ("Port-au-Prince", ATOM_CAPITAL, "HTI"),
])
def test_a_hyphenated_or_apostrophised_name_keeps_its_country(nlp, name, kind, country):
    doc = nlp.make_doc(normalize_text(f"Le gouvernement a critiqué {name} hier."))
    atoms = [a for a in load_lexicon().match(doc[:]) if a.kind == kind]
    assert [a.country for a in atoms] == [country]


def test_hyphenated_people_and_countries_are_coded(nlp):
    from events.articles import article_from_record
    from events.extract import extract_events

    text = ("Kim Jong-un a rencontré Moon Jae-in à Panmunjom. Le Royaume-Uni a critiqué les Pays-Bas. "
            "Le président de la Côte d'Ivoire a reçu le Premier ministre de la Guinée-Bissau.")
    article = article_from_record({"id": "h", "text": text, "published_at": "2018-04-28"}, source_file="t", line_no=1)
    found = {(frozenset((r["actor1_country_code"], r["actor2_country_code"])), r["event_root_code"])
             for r in extract_events([article])}
    assert {(frozenset(("PRK", "KOR")), "04"), (frozenset(("GBR", "NLD")), "11"),
            (frozenset(("CIV", "GNB")), "04")} <= found
