"""Places in a sentence (where an event happened) and the place of one event.

A name counts as a place when French grammar puts it there ("à Astana", "dans sa capitale, Astana", "le sommet
de Rio", "…, où il a rencontré…"); the gazetteer resolves it with the countries the article named so far as
context.
"""

from __future__ import annotations

from collections.abc import Collection
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from events.actors import ATOM_CAPITAL, ATOM_PERSON, ATOM_ROLE, ATOM_TERM, Atom
from events.coding.types import Mention, PlaceMention
from events.coding.words import words
from events.countries import Country
from events.nlp import sentence_ents
from events.places import GEO_COUNTRY, Gazetteer


def dateline(sent: Span, gazetteer: Gazetteer, countries: Collection[str]) -> PlaceMention | None:
    """A dateline opens the article with the place in capitals: 'ASTANA, 4 juillet (Xinhua) --'."""
    found = []
    for token in sent[:4]:
        if not token.is_upper or not token.is_alpha:
            break
        found.append(token)
    if not found or found[-1].i + 1 >= len(sent.doc) or sent.doc[found[-1].i + 1].text not in {",", "-", "(", "—"}:
        return None
    text = sent.doc[found[0].i:found[-1].i + 1].text
    place = gazetteer.lookup(text.title(), context_countries=set(countries))
    if place is None or place.geo_type == GEO_COUNTRY:
        return None
    return PlaceMention(place, found[0].i, text, found[0].idx)


@lru_cache(maxsize=1)
def _place_nouns() -> frozenset[str]:
    """Nouns a place name follows after "de": venues, areas, institutions named by their seat."""
    w = words()
    return w.venue_nouns | w.area_words | w.seat_nouns


@lru_cache(maxsize=1)
def _openers() -> frozenset[str]:
    """Every lower-case form :func:`opens_place` may accept ("a": the unaccented capital "A")."""
    w = words()
    return w.place_preps | w.de | {"a"}


def opens_place(token: Token) -> bool:
    """A word a place name follows: "à", "en", "dans"…; "A Moscou, …" (a capital À without its accent at the
    start of a sentence); "de" after a venue or area noun ("le sommet de Rio", "à la frontière de la Pologne")
    or an institution named by its seat ("le tribunal de Lyon", "le maire de Bordeaux")."""
    w = words()
    lower = token.lower_
    if lower in w.place_preps or (token.text == "A" and token.is_sent_start):
        return True
    return (lower in w.de and token.i > 0 and not token.is_sent_start
            and token.doc[token.i - 1].lemma_.lower() in _place_nouns())


_NAME_JOINERS = {"-", "de", "du", "des", "d'"}  # "Soudan du Sud", "Bosnie-Herzégovine", "Côte d'Ivoire"


def sentence_places(sent: Span, by_token: dict[int, Atom], gazetteer: Gazetteer,
                    countries: Collection[str]) -> list[PlaceMention]:
    """Every place the sentence names, in text order (``countries``: ISO2 of places named earlier)."""
    w = words()
    context = set(countries)
    seen: set[int] = set()
    candidates: list[tuple[int, int]] = [(e.start, e.end) for e in sentence_ents(sent) if e.label_ in {"LOC", "GPE"}]
    candidates += [(a.start, a.end) for a in dict.fromkeys(by_token.values()) if a.kind == ATOM_CAPITAL]
    relative: set[int] = set()
    openers = _openers()
    for token in sent:
        start = token.i + 1
        lower = token.lower_
        if lower in openers and opens_place(token):
            if start < sent.end and sent.doc[start].lower_ in w.definite_articles:
                start += 1
            if start < sent.end and sent.doc[start].text[:1].isupper():
                end = start + 1
                while end < sent.end and end - token.i < 5 and (
                        sent.doc[end].text[:1].isupper() or sent.doc[end].lower_ in _NAME_JOINERS):
                    end += 1
                candidates.append((start, end))
        # "quittait New Delhi, où il venait de rencontrer…": the antecedent of "où"
        if lower in w.where_pronouns and token.i > sent.start:
            end = token.i - 1 if sent.doc[token.i - 1].text == "," else token.i
            start = end
            while start > sent.start and sent.doc[start - 1].text[:1].isupper() and end - start < 4:
                start -= 1
            if start < end:
                candidates.append((start, end))
                relative.add(start)
    found: list[PlaceMention] = []
    for start, end in sorted(candidates):
        if start in seen:
            continue
        span = sent.doc[start:end]
        text = span.text.strip(" ,.;")
        if start not in relative and not is_place_use(span, by_token):
            continue
        place = None
        if not span[0].text[:1].isupper():
            continue  # a place's name opens with a capital: "la mosquée de Paris" is no town called Mosquée
        for cut in range(len(span), 0, -1):  # longest prefix that the gazetteer knows
            if _name_runs_on(sent.doc, start + cut):
                continue  # "la Grande mosquée de Paris": "Grande" is no town when the name runs on in lower case
            piece = sent.doc[start:start + cut].text
            hyphen_next = start + cut < len(sent.doc) and sent.doc[start + cut].text.startswith("-") \
                and not sent.doc[start + cut - 1].whitespace_
            if piece.endswith("-") or hyphen_next:
                continue  # "les Champs-Élysées" cut at its hyphen is no "Champs-sur-Marne"
            place = gazetteer.lookup(piece, context_countries=context)
            if place is not None and cut == 1 and piece.isupper() and len(piece) <= 5 \
                    and place.geo_type != GEO_COUNTRY:
                place = None  # "au CHU de Reims": an acronym, not the Vietnamese town Chũ
            if place is not None:
                text = piece
                break
        if place is None:
            continue
        seen.update(range(start, end))
        context.add(place.country_iso2)
        found.append(PlaceMention(place, start, text, sent.doc[start].idx))
    return found


def _name_runs_on(doc: Doc, end: int) -> bool:
    """The named entity goes on past ``end`` with a word that joins no name ("la Grande mosquée", "Khan Cheikhoun",
    "le New York Times"): the place is the whole name or none."""
    if end >= len(doc):
        return False
    token = doc[end]
    return token.ent_iob_ == "I" and token.is_alpha and token.lower_ not in _NAME_JOINERS \
        and token.lower_ not in words().landmark_words  # "London Bridge" is in London


def is_place_use(span: Span, by_token: dict[int, Atom]) -> bool:
    w = words()
    head = span.root
    atom = by_token.get(span.start)
    if atom is not None and atom.kind == ATOM_PERSON:
        return False
    if atom is not None and atom.kind == ATOM_TERM and span[0].is_upper and len(span[0]) > 1:
        return False  # "au siège de l'OTAN": an organisation's acronym, not the Nigerian town Otan
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.lower_ in w.definite_articles and span.start > 1:
        before = span.doc[span.start - 2]
    if before is not None and opens_place(before):
        return True
    if head.dep_ == "appos" and any(c.dep_ == "case" and c.lower_ in w.place_preps for c in head.head.children):
        return True  # "dans sa capitale, Astana"
    if span.start > 1 and span.doc[span.start - 1].text == "," and \
            span.doc[span.start - 2].lemma_.lower() in w.settlement_nouns:
        return True  # "sa capitale, Astana", parsed or not as an apposition
    return any(c.dep_ == "case" and c.lower_ in w.place_preps for c in head.children)


def is_place_phrase(token: Token, by_token: dict[int, Atom]) -> bool:
    """'à Pékin', 'en Chine': a noun phrase introduced by a preposition of place (not a person's name)."""
    atom = by_token.get(token.i)
    if atom is not None and atom.kind in {ATOM_PERSON, ATOM_ROLE}:
        return False  # "au gouvernement allemand", "à M. Poutine": a party, not a place
    return any(c.dep_ == "case" and c.lower_ in words().place_preps for c in token.children)


def governed_by(token: Token, trigger: Token) -> bool:
    """The place hangs on the trigger itself, or on one of its arguments, not on another verb."""
    current = token
    for _ in range(4):
        if current.i == trigger.i:
            return True
        if current.head.i == current.i or (current.i != token.i and current.pos_ in {"VERB", "AUX"}):
            return False
        current = current.head
    return False


def action_place(token: Token, places: list[PlaceMention], last: PlaceMention | None) -> PlaceMention | None:
    """The place governed by the trigger, else the nearest city of the sentence, else the story's last venue.

    A country ("en Ukraine") counts only when the trigger governs it: it is often a topic, not a venue.
    """
    attached = [p for p in places if governed_by(token.doc[p.token], token)]
    attached_cities = [p for p in attached if p.place.geo_type != GEO_COUNTRY]
    if attached_cities:
        return min(attached_cities, key=lambda p: abs(p.token - token.i))
    cities = [p for p in places if p.place.geo_type != GEO_COUNTRY]
    if cities:
        return cities[0]
    if attached:
        # "reçue en Inde" while the story is set in New Delhi: the city, which is in that country
        if last is not None and last.place.country_iso2 == attached[0].place.country_iso2:
            return last
        return attached[0]
    return last


def country_place(target: Mention, country: Country | None, gazetteer: Gazetteer) -> PlaceMention | None:
    """The target's country as the place of an act (a strike with no place in its sentence hit it)."""
    if country is None:
        return None
    return PlaceMention(gazetteer.country_place(country), target.start, target.text, target.char_offset)
