"""Noun phrases → actors, within one sentence.

The sentence's actor words (atoms: persons, titles, demonyms, countries, capitals, institutions, IGOs) are
combined over the noun phrase the parser gives ("le président chinois Xi Jinping" → CHNGOV, the person).
Names learnt here ("M. Poutine" after "Vladimir Poutine") are held for the sentence and handed to the
discourse when it closes; resolving a mention never writes discourse state.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from events.actors import (
    ATOM_CAPITAL,
    ATOM_COUNTRY,
    ATOM_DEMONYM,
    ATOM_PERSON,
    ATOM_ROLE,
    ATOM_TERM,
    Actor,
    Atom,
    country_actor,
    is_ambiguous_country_token,
    person_actor,
    term_actor,
)
from events.coding.discourse import Discourse
from events.coding.lexicon import Lexicon
from events.coding.places import is_place_phrase
from events.coding.types import Mention, PlaceMention
from events.coding.words import words
from events.nlp import sentence_ents
from events.text import fold

# Dependency relations that stay inside one noun phrase.
NP_DEPS = {"amod", "nmod", "det", "case", "fixed", "flat", "flat:name", "flat:foreign", "appos", "compound",
           "nummod", "dep"}


class Sentence:
    """One sentence being coded: its tokens, actor words, places, and the article's discourse (read only)."""

    def __init__(self, sent: Span, atoms: list[Atom], discourse: Discourse, places: list[PlaceMention],
                 index: int, lexicon: Lexicon) -> None:
        self.sent = sent
        self.doc = sent.doc
        self.index = index
        self.places = places
        self.discourse = discourse
        self.lexicon = lexicon
        self.by_token: dict[int, Atom] = {}
        for atom in atoms:
            for i in range(atom.start, atom.end):
                self.by_token.setdefault(i, atom)
        self.learnt: list[tuple[str, Actor, bool]] = []  # (name, actor, overrides an earlier use)
        self._cache: dict[int, Mention | None] = {}
        self._heads: list[int] | None = None

    # -- noun phrases ----------------------------------------------------------------------------------------
    def actor_heads(self) -> list[int]:
        """Heads of the noun phrases that hold an actor word, in text order (computed once per sentence)."""
        if self._heads is not None:
            return self._heads
        heads: list[int] = []
        covered: set[int] = set()
        for i in sorted(self.by_token):
            atom = self.by_token[i]
            if atom.start in covered or atom.kind == ATOM_DEMONYM:
                continue
            covered.add(atom.start)
            heads.append(self.np_top(self.doc[atom.start]).i)
        self._heads = list(dict.fromkeys(heads))
        return self._heads

    def np_top(self, token: Token) -> Token:
        """Climb from a name or adjective to the head of its noun phrase ('Xi' → 'président' in
        'le président chinois Xi Jinping'), but not into a noun that is no actor ('rencontre, Xi Jinping')."""
        while token.dep_ in {"flat:name", "flat", "amod", "appos", "fixed", "compound", "nummod"} \
                and token.head.i != token.i and token.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            if token.dep_ in {"appos", "amod"} and token.head.i not in self.by_token \
                    and token.head.pos_ != "PROPN":
                break
            if token.dep_ == "appos" and self.is_place_phrase(token.head):
                break  # "au Caire le ministre égyptien": the title is not part of the place
            token = token.head
        return token

    def group(self, head: Token) -> list[Token]:
        """The head and its noun-phrase dependents (not crossing clauses or coordinations)."""
        w = words()
        out = [head]
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in tok.children:
                shared_title = (child.dep_ == "conj" and tok.i == head.i and child.pos_ == "NOUN"
                                and not any(c.dep_ in {"det", "case"} for c in child.children))
                if (child.dep_ in NP_DEPS or shared_title) and not self.is_place_phrase(child) and not any(
                        c.dep_ == "case" and c.lower_ in w.not_in_np for c in child.children):
                    # "…, selon le président russe": the source of a report is no part of it; "le porte-parole et
                    # négociateur en chef des houthis": one person with two titles
                    out.append(child)
                    stack.append(child)
        return sorted(out, key=lambda t: t.i)

    def is_place_phrase(self, token: Token) -> bool:
        return is_place_phrase(token, self.by_token)

    def in_prepositional_phrase(self, token: Token) -> bool:
        first = self.group(token)[0]
        before = self.doc[first.i - 1] if first.i > self.sent.start else None
        return first.pos_ == "ADP" or (before is not None and before.pos_ == "ADP")

    def mention(self, head: Token) -> Mention | None:
        if head.i not in self._cache:
            self._cache[head.i] = self.resolve(head)
        return self._cache[head.i]

    def mentions_before(self, index: int) -> list[Mention]:
        return [m for m in (self.mention(self.doc[h]) for h in self.actor_heads() if h < index) if m is not None]

    # -- resolution ------------------------------------------------------------------------------------------
    def resolve(self, head: Token, *, recipient: bool = False) -> Mention | None:
        """The actor a noun phrase names; 'à Pékin' is a place unless the verb wants a recipient
        ('reprocher à Pékin', 'déclarer à Washington')."""
        if not recipient and self.is_place_phrase(head) and head.i not in self._person_tokens():
            return None
        w = words()
        if any(c.lower_ in w.negative_determiners for c in head.children if c.dep_ == "det"):
            return None  # "aucune juridiction": nobody
        tokens = self.group(head)
        atoms: list[Atom] = []
        for tok in tokens:
            atom = self.by_token.get(tok.i)
            if atom is not None and atom not in atoms:
                atoms.append(atom)
        start, end = tokens[0].i, tokens[-1].i + 1
        while end > start + 1 and (self.doc[end - 1].is_space or self.doc[end - 1].is_punct):
            end -= 1  # no trailing line breaks or commas in the text as written
        text = self.doc[start:end].text.strip()
        persons = [a for a in atoms if a.kind == ATOM_PERSON]
        if persons:
            actor = person_actor(persons[0].persons, self.discourse.pub_date)
            self.remember(persons[0].text, actor)
            return Mention(actor, persons[0].start, persons[0].end, persons[0].text, self.doc[persons[0].start].idx)
        named = self.named_person(tokens)
        if named is not None:
            return Mention(named, start, end, text, head.idx)
        terms = [a for a in atoms if a.kind == ATOM_TERM]
        roles = [a for a in atoms if a.kind == ATOM_ROLE and not self._qualifies_a_thing(a, head)
                 and not self._manner(a)]
        if len(roles) > 1:  # "le jeune président": the noun is the role, not the adjective before it
            roles = [a for a in roles if not self._qualifies_a_role(a)] or roles
        if terms and not roles:
            if head.dep_ == "nmod" and head.head.lemma_.lower() in words().venue_nouns:
                return None  # "en marge du sommet de l'OCS": the IGO is the venue, not a party
            return Mention(term_actor(terms[0]), start, end, text, self.doc[terms[0].start].idx)
        if roles:
            return self._titled(head, tokens, atoms, roles, terms, start, end, text)
        return self._place_or_people(head, tokens, atoms, start, end, text)

    def _titled(self, head: Token, tokens: list[Token], atoms: list[Atom], roles: list[Atom], terms: list[Atom],
                start: int, end: int, text: str) -> Mention | None:
        """A title or role noun: 'le ministre russe', 'son homologue', 'le porte-parole du Hamas'."""
        demonyms = [a for a in atoms if a.kind == ATOM_DEMONYM]
        countries = self._countries(atoms)
        if terms and terms[0].role not in {None, "", "GOV", "IGO"} and terms[0].country:
            # "le porte-parole des houthis", "le chef du Hamas", "un porte-parole du Pentagone": the group's code
            group = term_actor(terms[0])
            for per in self.unknown_person_names(tokens):
                self.remember(per, group)
            return Mention(group, start, end, text, self.doc[roles[0].start].idx)
        role = roles[0]
        if not demonyms:  # "le ministre kazakh", "le gouvernement ukrainien" whatever the parse made of the adjective
            after = self.by_token.get(role.end)
            demonyms = [after] if after is not None and after.kind == ATOM_DEMONYM and after.start == role.end else []
        country = (demonyms[0].country if demonyms else countries[0].country if countries else
                   terms[0].country if terms else self._place_of(role) or self._shared_demonym(head))
        if role.office == "counterpart":
            return self.counterpart(role, country, start, end, text)
        if country is None and terms:
            return Mention(term_actor(terms[0]), start, end, text, self.doc[terms[0].start].idx)
        possessor = self._possessor_country(tokens) if country is None else None
        if possessor is not None:
            # "son conseiller diplomatique", "sa porte-parole": an official of the person just spoken of
            actor = country_actor(possessor, role.role, name=text, kind="title")
            for per in self.unknown_person_names(tokens):
                self.remember(per, actor)
            return Mention(actor, start, end, text, self.doc[role.start].idx)
        w = words()
        if country is None and role.role == "GOV" and any(
                c.dep_ == "nmod" and c.pos_ in {"NOUN", "PROPN"} and c.i > role.end - 1
                and any(k.dep_ == "case" and k.lower_ in w.de for k in c.children)
                for c in self.doc[role.end - 1].children):
            return None  # "le président de l'Assemblée nationale", "du Sénat": another office than the story's
        if country is None:
            singular = "Number=Plur" not in str(self.doc[role.start].morph) and not any(
                t.lower_ in w.plural_determiners for t in tokens)
            earlier = self.discourse.last_with_role(role.role, role.office) if singular else None
            if earlier is not None:
                return Mention(earlier, start, end, text, self.doc[role.start].idx)
            if role.role == "INS" and self.discourse.claimant is not None:
                # "les assaillants" of an attack the article says the Islamic State claimed
                return Mention(self.discourse.claimant, start, end, text, self.doc[role.start].idx)
            if singular and self.doc[role.start].lemma_.lower() in w.assailant_nouns:
                # "un Palestinien a foncé sur des soldats … l'assaillant": the attacker the article named
                country = self.discourse.last_assailant_country()
            if role.office == "counterpart" or role.role in {None, "", "IGO"} or (role.role == "GOV" and not singular) \
                    or (role.role == "GOV" and any(t.lower_ in w.two for t in tokens)) \
                    or tokens[0].lower_ in w.possessives:
                return None  # "les deux ministres", "les dirigeants", "son ambassadeur": not the story's country
            # "la police", "les manifestants", "le parquet": of the story's country
            country = country or self.discourse.story_country(self.places)
            if country is None:
                return None
        former = role.role == "GOV" and any(t.lower_ in w.former for t in tokens if t.i < role.start)
        actor = country_actor(country, "ELI" if former else role.role, name=text, kind="title")  # "l'ancien ministre"
        for per in self.unknown_person_names(tokens):
            self.remember(per, actor)
        return Mention(actor, start, end, text, self.doc[role.start].idx)

    def _place_or_people(self, head: Token, tokens: list[Token], atoms: list[Atom], start: int, end: int,
                         text: str) -> Mention | None:
        """A country or capital as an actor ('Pékin a salué'), or a people by its demonym ('les Russes')."""
        w = words()
        countries = self._countries(atoms)
        if countries and self._names_a_thing(self.doc[countries[0].start]):
            countries = []  # "l'accord de Paris", "le format de Normandie": the place names a document
        if countries:
            atom = countries[0]
            assert atom.country is not None
            actor = country_actor(atom.country, atom.role, name=atom.text,
                                  kind="capital" if atom.kind == ATOM_CAPITAL else "country")
            return Mention(actor, start, end, text, self.doc[atom.start].idx)
        demonyms = [a for a in atoms if a.kind == ATOM_DEMONYM]
        if not demonyms:
            return None
        first = self.doc[demonyms[0].start]
        head_is_demonym = demonyms[0].start <= head.i < demonyms[0].end
        # "le manque de sérieux des Nord-Coréens": a people named by a noun inside the phrase
        head_is_demonym = head_is_demonym or (first.pos_ in {"NOUN", "PROPN"} and first.dep_ == "nmod"
                                              and first.text[:1].isupper())
        if head_is_demonym or head.lemma_.lower() in w.demonym_heads | w.military_heads:
            atom = demonyms[0]
            assert atom.country is not None
            military = any(t.lemma_.lower() in w.military_heads or t.lower_.rstrip("s") in w.military_heads
                           for t in tokens)
            # a people named by its demonym ("des milliers de Sud-Coréens") is a party of its own beside its
            # government: they may protest against it
            kind = "people" if head_is_demonym and not military else "country"
            role = "MIL" if military else None
            if head_is_demonym and not military and self._one_person(first):
                role, kind = "CVL", "title"  # "un Somalien a été arrêté": one civilian of that country
            actor = country_actor(atom.country, role, name=text, kind=kind)
            return Mention(actor, start, end, text, self.doc[atom.start].idx)
        return None

    @staticmethod
    def _one_person(demonym: Token) -> bool:
        """'un Somalien', 'une Palestinienne': a demonym noun in the singular with an indefinite article."""
        return demonym.pos_ in {"NOUN", "PROPN"} and "Number=Plur" not in str(demonym.morph) and any(
            c.dep_ == "det" and c.lower_ in words().indefinite_articles for c in demonym.children)

    def _shared_demonym(self, head: Token) -> str | None:
        """'au peuple et au gouvernement haïtiens': a plural demonym after two singular nouns qualifies both."""
        for other in (c for c in head.children if c.dep_ == "conj"):
            if "Number=Plur" in str(other.morph) or "Number=Plur" in str(head.morph):
                continue
            for adjective in other.children:
                atom = self.by_token.get(adjective.i)
                if adjective.dep_ == "amod" and "Number=Plur" in str(adjective.morph) and atom is not None \
                        and atom.kind == ATOM_DEMONYM and atom.country:
                    return atom.country
        return None

    def _qualifies_a_thing(self, role: Atom, head: Token) -> bool:
        """'une base militaire', 'les opérations militaires': a role word used as an adjective of a noun that
        names no one is no actor (the head decides: 'les forces militaires' are soldiers)."""
        token = self.doc[role.start]
        return (role.end - role.start == 1 and token.pos_ == "ADJ" and token.dep_ == "amod"
                and head.i in {token.i, token.head.i} and token.head.i not in self.by_token
                and token.head.lemma_.lower() not in words().military_heads)

    def _manner(self, role: Atom) -> bool:
        """'des policiers en civil': a role word after a bare « en » says how, it names no one."""
        token = self.doc[role.start]
        return token.i > 0 and self.doc[token.i - 1].lower_ == "en" and not any(
            c.dep_ == "det" for c in token.children)

    def _qualifies_a_role(self, role: Atom) -> bool:
        token = self.doc[role.start]
        head = self.by_token.get(token.head.i)
        return (role.end - role.start == 1 and token.pos_ == "ADJ" and token.dep_ == "amod" and head is not None
                and head.kind == ATOM_ROLE and head is not role)

    def _place_of(self, role: Atom) -> str | None:
        """'le maire de Lyon', 'la police de Bruxelles', 'le gouverneur du Texas': an office of a place named
        by its « de » complement is an office of the place's country."""
        w = words()
        for child in self.doc[role.end - 1].children:
            if child.dep_ != "nmod" or not any(k.dep_ == "case" and k.lower_ in w.de for k in child.children):
                continue
            for place in self.places:
                if child.left_edge.i <= place.token <= child.right_edge.i and place.place.country_iso3:
                    return place.place.country_iso3
        return None

    def _countries(self, atoms: list[Atom]) -> list[Atom]:
        return [a for a in atoms if a.kind in {ATOM_COUNTRY, ATOM_CAPITAL}
                and not is_ambiguous_country_token(a, self.doc[a.start]) and not self._names_a_division(a)]

    def _names_a_division(self, atom: Atom) -> bool:
        """'la police de l'État de Victoria', 'la province de Buenos Aires': a division named like a capital."""
        if atom.kind != ATOM_CAPITAL or atom.start < 2:
            return False
        before = self.doc[atom.start - 1]
        noun = self.doc[atom.start - 2]
        return before.lower_ in words().de and noun.lemma_.lower() in words().division_nouns

    def _possessor_country(self, tokens: list[Token]) -> str | None:
        """'son conseiller diplomatique' at the head of a phrase: the country of the last person in subject
        position (the possessor), for officials below the head of state and government."""
        if not tokens or tokens[0].lower_ not in words().singular_possessives:
            return None
        return self.discourse.last_subject_country()

    @staticmethod
    def _names_a_thing(token: Token) -> bool:
        return (token.dep_ in {"nmod", "flat:name", "appos"} and token.head.i != token.i
                and token.head.lemma_.lower() in words().named_things)

    def _person_tokens(self) -> set[int]:
        return {i for i, a in self.by_token.items() if a.kind == ATOM_PERSON}

    def counterpart(self, role: Atom, country: str | None, start: int, end: int, text: str) -> Mention | None:
        """'son homologue biélorusse' → BLR + the role of the other actor (resolved by the caller).

        The words right after the title are read too, whatever the parse: 'son homologue ukrainien
        Volodymyr Zelensky' names the person (and so the country) even when the parser attaches them elsewhere.
        """
        for index in range(role.end, min(role.end + 5, self.sent.end)):
            atom = self.by_token.get(index)
            if atom is None:
                if self.doc[index].is_punct and self.doc[index].text != ",":
                    break
                continue
            if atom.kind == ATOM_PERSON:
                actor = person_actor(atom.persons, self.discourse.pub_date)
                self.remember(atom.text, actor)
                return Mention(actor, atom.start, atom.end, atom.text, self.doc[atom.start].idx)
            if atom.kind == ATOM_DEMONYM and country is None:
                country = atom.country
            elif atom.kind not in {ATOM_DEMONYM}:
                break
        if country is None:  # resolved against the other argument once it is known
            actor = Actor("", text, None, "GOV", None, "counterpart")
            return Mention(actor, start, end, text, self.doc[role.start].idx)
        actor = country_actor(country, "GOV", name=text, kind="title")
        return Mention(actor, start, end, text, self.doc[role.start].idx)

    # -- people named in the article -------------------------------------------------------------------------
    def named_person(self, tokens: list[Token]) -> Actor | None:
        for name in self.unknown_person_names(tokens):
            found = self._lookup_name(name) or self._lookup_name(name.split()[-1])
            if found is not None:
                return found
        return None

    def _lookup_name(self, name: str) -> Actor | None:
        key = fold(name)
        pending = [(fold(n), actor, override) for n, actor, override in self.learnt]
        for learnt, actor, override in reversed(pending):
            if override and learnt == key:
                return actor
        found = self.discourse.named_actor(name)
        if found is not None:
            return found
        for learnt, actor, _override in pending:
            if learnt == key:
                return actor
        return None

    def unknown_person_names(self, tokens: list[Token]) -> list[str]:
        names = []
        for ent in sentence_ents(self.sent):
            if ent.label_ == "PER" and any(ent.start <= t.i < ent.end for t in tokens):
                names.append(ent.text)
        run: list[str] = []
        for tok in tokens:  # "M. Poutine", capitalised words the NER missed; not "Paris" in "police de Paris"
            atom = self.by_token.get(tok.i)
            if atom is not None and atom.kind in {ATOM_COUNTRY, ATOM_CAPITAL, ATOM_TERM, ATOM_DEMONYM}:
                continue
            if tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ not in {"LOC", "GPE", "ORG"}:
                run.append(tok.text)
        if run:
            names.append(" ".join(run))
        return names

    def remember(self, name: str, actor: Actor) -> None:
        """A name now known to refer to an actor, handed to the discourse when the sentence closes."""
        self.learnt.append((name, actor, True))
        parts = name.split()
        if len(parts) > 1:
            self.learnt.append((parts[-1], actor, False))
            if actor.country in words().family_name_first or len(parts[0]) > 3:
                # "Xi Jinping" … "M. Xi"; "Prabowo Subianto" … "M. Prabowo": within one article a person may
                # be named by either part
                self.learnt.append((parts[0], actor, False))
