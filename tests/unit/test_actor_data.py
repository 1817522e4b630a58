"""The actor data: every role (roles_fr.tsv) and every named body (actor_terms_fr.tsv) codes its own example
sentence as one of the two actors of an event, with that row's role or code."""

from __future__ import annotations

import pytest

from events.coding.lexicon import ROLE_CODES
from events.data_files import read_tsv
from events.text import fold

ROLES = list(read_tsv("roles_fr.tsv"))
TERMS = list(read_tsv("actor_terms_fr.tsv"))
# The CAMEO role types a title or group noun may name (IMG is a code prefix, not a role of its own).
ROLE_TYPES = ROLE_CODES - {"IMG"}
# Rows whose example legitimately codes another role than the row's: none today ("l'ancien ministre" is an ELI
# row of its own). A row listed here must say why.
ROLE_CHANGED: dict[str, str] = {}


def test_roles_cover_every_cameo_role_type_at_the_scale_of_news():
    assert len(ROLES) >= 550
    assert {row["role"] for row in ROLES} <= ROLE_TYPES
    assert {row["role"] for row in ROLES} == ROLE_TYPES, ROLE_TYPES - {row["role"] for row in ROLES}


def test_every_role_row_has_an_office_its_role_allows():
    government = {"head_of_state", "head_of_government", "foreign_minister", "defence_minister", "interior_minister",
                  "minister", "official", "counterpart"}
    for row in ROLES:
        allowed = government if row["role"] == "GOV" else {"group", "member"} | (
            {"military"} if row["role"] == "MIL" else set())
        assert row["office"] in allowed, row


def test_no_phrase_is_listed_twice():
    for rows, column in ((ROLES, "role"), (TERMS, "code")):
        seen: dict[str, str] = {}
        for row in rows:
            key = fold(row["term"])
            assert seen.setdefault(key, row[column]) == row[column], (row["term"], seen[key], row[column])
    roles = [fold(row["term"]) for row in ROLES]
    assert len(roles) == len(set(roles))


def test_term_codes_are_well_formed():
    for row in TERMS:
        code, country = row["code"], row["country"]
        if country:
            assert code == country + row["role"], row
        else:
            assert code[:3] in {"IGO", "IMG", "NGO"} and len(code) >= 3, row
        assert row["kind"] in {"igo", "institution", "party", "union", "media", "ngo"}, row


@pytest.fixture(scope="module")
def coded_examples() -> dict[str, list[dict[str, object]]]:
    from events.articles import article_from_record
    from events.extract import extract_events

    texts = {f"role:{n}": row["example"] for n, row in enumerate(ROLES)}
    texts |= {f"term:{n}": row["example"] for n, row in enumerate(TERMS)}
    articles = [article_from_record({"id": key, "text": text, "published_at": "2024-06-03"},
                                    source_file="actor examples", line_no=n)
                for n, (key, text) in enumerate(texts.items())]
    rows: dict[str, list[dict[str, object]]] = {key: [] for key in texts}
    for row in extract_events(articles):
        rows[str(row["article_id"])].append(row)
    return rows


def _actors(events: list[dict[str, object]]) -> list[tuple[object, object, str]]:
    return [(e[f"{side}_code"], e[f"{side}_type1_code"], fold(str(e[f"{side}_text"] or "")).replace("-", " "))
            for e in events for side in ("actor1", "actor2")]


@pytest.mark.model
@pytest.mark.parametrize("number", range(len(ROLES)), ids=lambda n: ROLES[n]["term"])
def test_every_role_codes_its_example(coded_examples, number):
    row = ROLES[number]
    actors = _actors(coded_examples[f"role:{number}"])
    role = ROLE_CHANGED.get(row["term"], row["role"])
    head = fold(row["term"]).replace("-", " ").split()[0]  # the parse may cut the phrase: "Le ministre de l'Europe"
    assert any(kind == role and head in text for _, kind, text in actors), (row["term"], row["example"], actors)


@pytest.mark.model
@pytest.mark.parametrize("number", range(len(TERMS)), ids=lambda n: TERMS[n]["term"])
def test_every_term_codes_its_example(coded_examples, number):
    row = TERMS[number]
    actors = _actors(coded_examples[f"term:{number}"])
    assert any(code == row["code"] for code, _, _ in actors), (row["term"], row["example"], actors)
