"""Guesses for an argument the parse leaves open: the nearest actor, the party named in what was said, the
partner of the subject's latest event, the host of a visited place…

Each fallback is named in ``data/arguments.tsv`` and allowed by a frame (``data/frames.tsv``) or by a root's
policy (``data/policies.tsv``); its confidence there says how often such a guess is right.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Token

from events.actors import ATOM_CAPITAL, ATOM_COUNTRY, ATOM_DEMONYM, ATOM_TERM, country_actor
from events.coding.mentions import Sentence
from events.coding.modality import conditional_mood, denied_word
from events.coding.places import action_place, governed_by
from events.coding.slots import read_slot
from events.coding.subjects import backs, child_with_case
from events.coding.triggers import find_trigger
from events.coding.types import Mention, same_party
from events.coding.words import words
from events.places import GEO_COUNTRY


def linear(ctx: Sentence, token: Token, *, after: bool, exclude: Mention | None,
           domestic: bool = True) -> Mention | None:
    """Nearest actor on one side of the trigger in the same sentence: another party than ``exclude``, of the
    same country when ``domestic`` (the police and the protesters), else of another country.

    Before the trigger, an actor inside a prepositional phrase ('allié du Kremlin') is no subject.
    """
    heads = ctx.actor_heads()
    ordered = [h for h in heads if (h > token.i if after else h < token.i)]
    if not after:
        ordered.reverse()
    for head in ordered:
        if not after and ctx.in_prepositional_phrase(ctx.doc[head]):
            continue
        if quoted_source(ctx.doc[head]):
            continue  # "selon l'AFP": who reports, not who acts
        if _igo_complement(ctx, ctx.doc[head]) or _backer(ctx.doc[head]):
            continue
        if after and exclude is not None and _another_agent(ctx.doc[head], token, exclude):
            continue
        mention = ctx.mention(ctx.doc[head])
        if mention is not None and exclude is not None and _own(ctx.doc[head], mention, exclude):
            continue
        if mention is not None and (exclude is None or not same_party(mention.actor, exclude.actor)) and (
                domestic or exclude is None or mention.actor.key != exclude.actor.key):
            return mention
    return None


def _own(token: Token, mention: Mention, source: Mention) -> bool:
    """'la Turquie a envoyé son armée': the source's own forces, named with a possessive, are its means."""
    return mention.actor.country == source.actor.country and any(
        c.dep_ == "det" and "Poss=Yes" in str(c.morph) for c in token.children)


def _another_agent(token: Token, trigger: Token, source: Mention) -> bool:
    """After the trigger, the agent "par X" of the trigger or of a participle coordinated with it ("soutenue par
    l'Ukraine mais refusée par la Russie") or a party coordinated with the source ("condamné par François Fillon
    et Marine Le Pen") acts beside the source, not on it."""
    def by(t: Token) -> bool:  # introduced by « par »
        return any(c.dep_ == "case" and c.lower_ in words().by for c in t.children)

    if by(token):
        verb = token.head
        if verb.i == trigger.i or (verb.dep_ == "conj" and verb.head.i == trigger.i) or (
                trigger.dep_ == "conj" and trigger.head.i == verb.i):
            return True
    current = token
    while current.dep_ in {"conj", "appos"} and current.head.i != current.i:
        current = current.head
        if source.start <= current.i < source.end:  # "par X et Y", not "entre X et Y"
            return by(current)
    return False


def quoted_source(token: Token) -> bool:
    """'selon l'AFP', 'd'après Greenpeace': the source of a report."""
    return any(c.dep_ == "case" and c.lower_ in words().source_preps for c in token.children)


def _backer(token: Token) -> bool:
    """'avec l'appui de l'aviation française', 'grâce au soutien de X': who backs the act is none of its
    parties."""
    return token.dep_ == "nmod" and token.head.i < token.i and backs(token.head)


def _igo_complement(ctx: Sentence, token: Token) -> bool:
    """'le mandat d'arrêt de la CPI', 'le sommet de l'OCS': an IGO named as the complement of a thing."""
    atom = ctx.by_token.get(token.i)
    return (atom is not None and atom.kind == ATOM_TERM and bool(atom.code) and str(atom.code).startswith("IGO")
            and token.dep_ == "nmod" and token.head.pos_ == "NOUN" and token.head.i not in ctx.by_token)


def content_target(ctx: Sentence, token: Token, subject: Mention, *, places: bool) -> Mention | None:
    """The first actor of another country named in the clause a verb of saying introduces (a threat also
    aims at a country named as a place or by an adjective: 'toute attaque israélienne', 'au Niger')."""
    clauses = [c for c in token.children if c.i > token.i and (c.dep_ in {"ccomp", "xcomp"} or (
        c.dep_ == "obj" and any(g.dep_ in {"nsubj", "mark", "cop"} for g in c.children)))]
    own = {subject.actor.key, subject.actor.country}
    for tok in (t for clause in clauses for t in clause.subtree):
        inner = find_trigger(tok, ctx.lexicon)
        hypothetical = conditional_mood(tok) and ctx.lexicon.policy(inner.code).intent is None if inner else False
        if inner is not None and not inner.code.startswith("01") and not denied_word(tok) and not hypothetical:
            # "a déclaré qu'il rencontrerait son homologue": the clause is an event of its own (an intent); not
            # "a averti que Téhéran riposterait à toute attaque": a threat, whose target is named in it
            return None
    for clause in clauses:
        for tok in clause.subtree:
            atom = ctx.by_token.get(tok.i)
            if atom is None or atom.start != tok.i:
                continue
            mention = ctx.mention(ctx.np_top(tok))
            if mention is None and places and atom.country and atom.kind in {ATOM_COUNTRY, ATOM_CAPITAL, ATOM_DEMONYM}:
                actor = country_actor(atom.country, None, name=atom.text, kind="country")
                mention = Mention(actor, atom.start, atom.end, atom.text, tok.idx)
            if mention is not None and mention.actor.key and not own & {mention.actor.key, mention.actor.country}:
                return mention
    return None


def recent_other(ctx: Sentence, subject: Mention) -> Mention | None:
    """The last actor of another country named in this or the previous sentence."""
    here = [m for m in (ctx.mention(ctx.doc[h]) for h in ctx.actor_heads() if not quoted_source(ctx.doc[h]))
            if m is not None]
    for mention in reversed(here + ctx.discourse.mentions[-4:]):
        if mention.actor.key and mention.actor.key != subject.actor.key and mention.actor.kind != "counterpart":
            return mention
    return None


def recipient(ctx: Sentence, token: Token, giver: Mention | None) -> Mention | None:
    """Who receives an aid or a promise: 'à X' / 'pour X', else the other party the article is about."""
    w = words()
    explicit = read_slot(ctx, token, "iobj")
    if explicit is None:
        for_whom = child_with_case(token, w.benefactive | w.to_preps)
        explicit = ctx.mention(ctx.np_top(for_whom)) if for_whom is not None else None
    if explicit is None:  # "a livré des missiles à l'Ukraine": "à X" attached to the object
        for tok in ctx.sent[token.i - ctx.sent.start + 1:]:
            if tok.pos_ == "VERB":
                break
            if tok.lower_ in w.to_preps:
                heads = [h for h in ctx.actor_heads() if tok.i < h <= tok.i + 3]
                if heads:
                    explicit = ctx.resolve(ctx.doc[heads[0]], recipient=True)
                    break
    if explicit is not None:
        return explicit
    not_key = giver.actor.key if giver is not None else None
    here = ctx.mentions_before(token.i)
    for pool in (here, ctx.discourse.subjects, ctx.discourse.mentions):
        for mention in reversed(pool):
            if mention.actor.kind in {"person", "title"} and mention.actor.key and mention.actor.key != not_key:
                return mention
    return None


def host(ctx: Sentence, token: Token, visitor: Mention) -> Mention | None:
    """'X est arrivé à Kiev', 'sa visite à Moscou': the host is the government of the visited country."""
    place = action_place(token, ctx.places, ctx.discourse.last_place) if ctx.places else None
    if place is None or (place.place.geo_type == GEO_COUNTRY and not governed_by(ctx.doc[place.token], token)):
        return None
    before = ctx.doc[place.token - 1] if place.token > 0 else None
    if before is not None and before.lower_ in words().origin_preps:
        return None  # "arrivait de Pyongyang": where the visitor comes from
    iso3 = place.place.country_iso3
    if not iso3 or iso3 == visitor.actor.country:
        return None
    actor = country_actor(iso3, "GOV", name=place.text, kind="host")
    return Mention(actor, place.token, place.token + 1, place.text, ctx.doc[place.token].idx)


def country_under(ctx: Sentence, token: Token, subject: Mention) -> Mention | None:
    """'a rappelé son ambassadeur en Iran / à Rabat': the first country or capital named in the object, other
    than the subject's country (where the diplomat served)."""
    for child in token.children:
        if child.dep_ not in {"obj", "obl:arg", "obl:mod", "nmod"}:
            continue
        for tok in child.subtree:
            atom = ctx.by_token.get(tok.i)
            if atom is not None and atom.kind in {ATOM_COUNTRY, ATOM_CAPITAL} and atom.country \
                    and atom.country != subject.actor.country:
                actor = country_actor(atom.country, "GOV", name=atom.text, kind="capital")
                return Mention(actor, atom.start, atom.end, atom.text, ctx.doc[atom.start].idx)
    return None


def plural_object(ctx: Sentence, token: Token, subject: Mention) -> list[Mention]:
    """'a reçu les deux ministres': the two people last named, other than the subject; 'a exhorté les deux
    pays': the story's two most named countries (the object may hang under a time word: 'a exhorté jeudi les…')."""
    w = words()
    children = [*token.children, *(g for c in token.children if c.lower_ in w.time_words for g in c.children)]
    for child in children:
        if child.dep_ != "obj" or not any(c.lower_ in w.two for c in child.children if c.dep_ in {"nummod", "det"}):
            continue
        countries = child.lemma_.lower() in w.country_nouns
        people = [m for m in ctx.discourse.mentions if m.actor.key != subject.actor.key and (
            m.actor.kind in {"person", "title"} or (countries and m.actor.country is not None))]
        if countries:
            by_country = {m.actor.country: m for m in people if m.actor.country != subject.actor.country}
            named = Counter(m.actor.country for m in people if m.actor.country in by_country)
            top = [country for country, _ in named.most_common(2)]
            return [by_country[country] for country in top] if len(top) == 2 else []
        found: list[Mention] = []
        for mention in reversed(people):
            if all(mention.actor.key != f.actor.key for f in found):
                found.append(mention)
            if len(found) == 2:
                return found
    return []


def resolve_counterpart(ctx: Sentence, counterpart: Mention, other: Mention | None) -> Mention | None:
    """'son interlocuteur', 'son hôte': the last named actor that is not the other argument."""
    not_key = other.actor.key if other is not None else None
    for mention in reversed(ctx.discourse.mentions):
        if mention.actor.kind in {"person", "title"} and mention.actor.key and mention.actor.key != not_key:
            return Mention(mention.actor, counterpart.start, counterpart.end, counterpart.text,
                           counterpart.char_offset)
    return None
