"""Reading a trigger's second actor off the dependency parse: objects and prepositional phrases.

Each slot (``obj``, ``avec``, ``iobj``, ``contre``, ``de``…, listed in ``data/arguments.tsv``) takes the
:class:`~events.coding.mentions.Sentence` and the trigger and returns the actor the parse puts there, or None.
Which slots a trigger reads, and in which order, is its frame (``data/frames.tsv``).
"""

from __future__ import annotations

from spacy.tokens import Token

from events.actors import ATOM_DEMONYM, country_actor
from events.coding.mentions import Sentence
from events.coding.modality import characterises
from events.coding.subjects import (
    after_word,
    antecedent,
    backs,
    child_with_case,
    children_with_case,
    pronoun_target,
    subject,
)
from events.coding.triggers import find_trigger
from events.coding.types import Mention
from events.coding.words import words


def read_slot(ctx: Sentence, token: Token, slot: str) -> Mention | None:
    """The actor in one slot of the trigger (the slot names of ``data/arguments.tsv``)."""
    w = words()
    if slot == "obj":
        return _object(ctx, token)
    if slot == "avec":
        return _with(ctx, token)
    if slot in {"iobj", "iobj_not_place"}:
        return _indirect(ctx, token, places_as_recipients=slot == "iobj")
    if slot == "contre":
        against = child_with_case(token, w.against)
        if against is None and token.dep_ == "amod" and token.head.pos_ == "NOUN":
            against = child_with_case(token.head, w.against)
        if against is not None:
            found = ctx.mention(ctx.np_top(against)) or place_country(ctx, against)
            if found is not None:
                return found
        return after_word(ctx, token, w.against - w.on)
    if slot in {"de", "left"}:  # "left": what a noun of leaving leaves, when it has one "de" (frames._leaving)
        owner = child_with_case(token, w.de)
        return ctx.mention(ctx.np_top(owner)) if owner is not None else None
    raise ValueError(f"unknown slot {slot!r}")


def _object(ctx: Sentence, token: Token) -> Mention | None:
    w = words()
    # "a salué en son hôte un ami du Brésil": the person seen "en" someone is the party
    seen_in = child_with_case(token, w.seen_as)
    if seen_in is not None and seen_in.pos_ in {"NOUN", "PROPN"}:
        mention = ctx.resolve(ctx.np_top(seen_in), recipient=True)
        if mention is not None and mention.actor.kind in {"person", "title", "counterpart"}:
            return mention
    objects = [c for c in token.children if c.dep_ == "obj"]
    if not objects and token.pos_ != "NOUN" and any(
            c.lower_ in w.definite_articles and c.i < token.i and c.dep_ == "det" for c in token.children):
        return pronoun_target(ctx, token)  # "l'accusant de…": a clitic the small model took for a det
    # an object the small model labelled as another argument, recognisable by its lack of preposition
    # (a participle the tagger took for a noun hangs its object as a noun modifier: "a visité Pékin")
    mistagged = token.pos_ != "VERB" and any(c.dep_.startswith("aux") for c in token.children)
    labels = {"obl:agent", "obl:arg", "obl:mod"} | ({"nmod"} if mistagged else set())
    objects += [c for c in token.children if c.dep_ in labels
                and c.pos_ in {"PROPN", "NOUN"} and c.lower_ not in w.time_words
                and not any(g.dep_ == "case" and g.lower_ not in w.partitive_articles for g in c.children)
                and c.i > token.i]  # "ont tué des soldats": the partitive article taken for a preposition
    # "a rencontré jeudi son homologue": the object hangs under "jeudi", whatever its label
    for child in [c for c in token.children if c.lower_ in w.time_words]:
        objects += [g for g in child.children if g.dep_ in {"nmod", "appos", "obj", "flat:name"}]
    for child in objects:
        if any(c.dep_ == "case" and c.lower_ not in w.partitive_articles for c in child.children) \
                and child.dep_ == "obj":
            continue  # "arrivait de Pyongyang" parsed as an object: a prepositional phrase is none
        if child.dep_ in {"obj", "nmod", "appos", "flat:name", "obl:agent", "obl:arg", "obl:mod"} \
                and child.lower_ not in w.time_words:
            if child.pos_ == "PRON" and child.lower_ in w.relative_pronouns and token.dep_ == "acl:relcl":
                return ctx.mention(ctx.np_top(token.head))  # "les rebelles qu'elle soutient"
            if child.pos_ == "PRON":
                return pronoun_target(ctx, token)
            mention = ctx.mention(ctx.np_top(child))
            if mention is not None:
                return mention
            agent = _agent_of_thing(ctx, child)
            if agent is not None:
                return agent
    return None


def _agent_of_thing(ctx: Sentence, thing: Token) -> Mention | None:
    """'a critiqué le traitement réservé aux migrants par Washington', 'a salué la décision prise par Ankara': the
    object names no actor, its agent does (an agent phrase is never part of the noun phrase itself)."""
    by = words().by
    level = [thing]
    for _ in range(3):  # within the object's phrase and the participle qualifying it, not further clauses
        level = [c for t in level for c in t.children if c.dep_ in {"acl", "amod", "nmod", "obl", "obl:arg", "obl:mod"}]
        for child in level:
            if child.pos_ in {"NOUN", "PROPN"} and any(k.dep_ == "case" and k.lower_ in by for k in child.children):
                return ctx.mention(ctx.np_top(child))
    return None


def _with(ctx: Sentence, token: Token) -> Mention | None:
    w = words()
    partner = next((c for c in children_with_case(token, w.comitative) if not backs(c)), None)
    if partner is None:  # "auprès du gouvernement" parsed as an adverb with its noun below it
        partner = next((g for c in token.children if c.lower_ in w.comitative and c.dep_ == "advmod"
                        for g in c.children if g.pos_ in {"NOUN", "PROPN"}), None)
    if partner is not None and partner.pos_ == "PRON" and partner.lower_ in w.relative_objects:
        return antecedent(ctx, partner)
    found = ctx.mention(ctx.np_top(partner)) if partner is not None else None
    if found is not None:
        return found
    for tok in ctx.sent[token.i - ctx.sent.start + 1:]:  # "a signé avec lui plusieurs accords"
        if tok.lower_ in w.comitative and tok.i + 1 < ctx.sent.end and ctx.doc[tok.i + 1].lower_ in w.stressed_pronouns:
            return pronoun_target(ctx, token, people_here=True)
        if tok.pos_ in {"VERB"}:
            break
    return None


def _indirect(ctx: Sentence, token: Token, *, places_as_recipients: bool) -> Mention | None:
    w = words()
    for back in range(max(ctx.sent.start, token.i - 3), token.i):
        clitic = ctx.doc[back]
        if clitic.lower_ in w.dative_clitics and clitic.pos_ == "PRON":
            return pronoun_target(ctx, token)
    for child in token.children:
        if child.pos_ == "PRON" and child.lower_ in w.adverbial_clitics:
            continue  # "s'en prendre à X": the recipient is X, not a pronoun
        if child.dep_ == "iobj" or (child.pos_ == "PRON" and child.lower_ in w.dative_clitics):
            if child.pos_ == "PRON":
                return pronoun_target(ctx, token)
            return ctx.mention(child)
    recipients = list(children_with_case(token, w.to_preps))
    if not recipients:  # "a imputé l'attaque au gouvernement": "à X" attached to the object
        objects = [c for c in token.children if c.dep_ == "obj" and c.pos_ == "NOUN"]
        # "a adressé une lettre ouverte aux militaires": or under the object's adjective
        holders = [objects[0], *(c for c in objects[0].children if c.dep_ in {"amod", "acl"})] if objects else []
        recipients = [r for holder in holders for r in children_with_case(holder, w.to_preps)]
    # "a parlé au téléphone à X": the first "à" phrase that names a party
    return next((found for recipient in recipients
                 for found in [ctx.resolve(ctx.np_top(recipient), recipient=places_as_recipients)]
                 if found is not None), None)


def place_country(ctx: Sentence, token: Token) -> Mention | None:
    """'des frappes sur Kharkiv': the country of the place struck (its people, not a named actor)."""
    for place in ctx.places:
        if place.token <= token.i < place.token + max(1, len(place.text.split())):
            iso3 = place.place.country_iso3
            if iso3:
                actor = country_actor(iso3, None, name=place.text, kind="country")
                return Mention(actor, place.token, place.token + 1, place.text, place.char_offset)
    return None


def between(ctx: Sentence, token: Token) -> tuple[Mention, Mention] | None:
    """'l'entretien entre X et Y'."""
    child = child_with_case(token, words().between)
    if child is None:  # "des exercices conjoints entre X et Y": under an adjective or participle of the noun
        child = next((found for c in token.children if c.dep_ in {"amod", "acl"}
                      for found in [child_with_case(c, words().between)] if found is not None), None)
    if child is None:
        return None
    first = ctx.mention(ctx.np_top(child))
    conj = [c for c in child.subtree if c.dep_ == "conj" and c.head.i == child.i]
    # "l'entretien entre Donald Trump et Vladimir Poutine": the second name hung on the noun itself
    conj = conj or [c for c in token.children if c.dep_ == "conj" and c.i > child.i]
    second = ctx.mention(ctx.np_top(conj[0])) if conj else None
    if first is not None and second is None:  # the parser hung "et Y" elsewhere: the actor right after "et"
        end = ctx.group(ctx.np_top(child))[-1].i
        joined = [t.i for t in ctx.sent if end < t.i <= end + 2 and t.lower_ in words().coordinators]
        heads = [h for h in ctx.actor_heads() if joined and joined[0] < h <= joined[0] + 4]
        second = ctx.mention(ctx.doc[heads[0]]) if heads else None
    if first is not None and second is not None:
        return first, second
    return None


def in_target_phrase(candidate: Token, trigger: Token) -> bool:
    """Is the word inside a 'contre X' / 'sur X' / 'visant X' / 'à X' phrase (the target or recipient of an
    act: 'un prêt au gouvernement pakistanais')?"""
    against = words().against | words().to_preps
    current = candidate
    for _ in range(4):
        if any(c.dep_ == "case" and c.lower_ in against for c in current.children):
            return True
        if current.i == trigger.i or current.head.i == current.i:
            return False
        current = current.head
    return False


def governing_verb(token: Token, *, durations: bool = False) -> Token | None:
    """The verb a noun trigger hangs from through a time phrase ('à l'issue de', 'lors de', 'au cours de',
    'après'), e.g. 'a accepté …, à l'issue d'un entretien avec X'; ``durations``: a length of time too ('après
    trois jours de négociations', for talks: the protests of 'après trois jours de manifestations' are not the
    clause subject's)."""
    w = words()
    phrase_nouns = w.time_phrase_nouns | w.duration_nouns if durations else w.time_phrase_nouns
    current = token
    for _ in range(3):
        if not current.dep_.startswith(("obl", "nmod")) or current.head.i == current.i:
            return None
        head = current.head
        if head.pos_ in {"VERB", "AUX"}:
            return head if current.i != token.i or any(
                c.dep_ == "case" and c.lower_ in w.time_preps for c in token.children) else None
        if head.lemma_.lower() not in phrase_nouns:
            return None
        current = head
    return None


def noun_source(ctx: Sentence, token: Token, *, owner_is_target: bool = False,
                reported: bool = False, symmetric: bool = False) -> Mention | None:
    """Source of a nominal trigger: the governing verb's subject; 'frappes russes'; 'la visite de X';
    'leur rencontre' → the last two actors; 'sa visite' → the person the story is about.

    ``reported``: the noun is what another act is about ('a condamné les sanctions américaines'): its source is
    its own ('américaines', 'de X'), never the one who reacts. ``owner_is_target``: 'de X' is the target
    ('l'expulsion de diplomates russes'), so it is not read as the source. ``symmetric``: talks, which the
    clause subject holds over a length of time ('après trois jours de négociations avec X, le ministre a …').
    """
    w = words()
    if token.head.i != token.i and token.head.pos_ in {"NOUN", "PROPN"} and not any(
            c.dep_ == "det" for c in token.children) and any(
            c.dep_ == "case" and c.lower_ == "en" for c in token.children):
        # "le président français, en visite à Pékin, …": who is on the visit is the noun it qualifies
        found = ctx.mention(ctx.np_top(token.head))
        if found is not None:
            return found
    possessive = [c for c in token.children if c.dep_ == "det" and "Poss=Yes" in str(c.morph)]
    passive_head = token.head.pos_ in {"VERB", "AUX"} and any(
        c.dep_ == "nsubj:pass" and c.i == token.i for c in token.head.children)
    # "le refoulement de migrants par la police grecque": "par X" anywhere in the noun's phrase
    # (not the agent of a participle that is an act of its own: "les négociations … parrainées par la Turquie")
    agent = next((t for t in token.subtree if t.i > token.i and t.pos_ in {"NOUN", "PROPN"}
                  and any(c.dep_ == "case" and c.lower_ in w.by for c in t.children)
                  and not (t.head.pos_ == "VERB" and t.head.i != token.i
                           and find_trigger(t.head, ctx.lexicon) is not None)), None)
    if not reported and not passive_head and token.head.pos_ in {"VERB", "AUX"} and (
            token.dep_ == "obj" or (token.dep_ == "nsubj" and agent is None) or characterises(token)):
        found, _ = subject(ctx, token.head)
        # a noun subject of its verb is read as its own phrase ("un concert de casseroles des opposants a retenti"),
        # not when that phrase is its target ("le refoulement de migrants par la police grecque continue")
        own_target = read_slot(ctx, token, "de") if owner_is_target and token.dep_ == "nsubj" else None
        if found is not None and (own_target is None or found.actor.key != own_target.actor.key
                                  or found.actor.role != own_target.actor.role):
            return found
    governor = governing_verb(token, durations=symmetric)
    if governor is not None:  # "…, à l'issue d'un entretien téléphonique avec X": the clause's subject
        found, _ = subject(ctx, governor)
        if found is not None:
            return found
    # the demonym of the act: "frappes russes", "frappes de missiles russes", and "frappes" tagged as an
    # adjective of "russes" by the small model; never one inside the target ("contre les forces ukrainiennes")
    military = token.lemma_.lower() in w.strike_nouns or token.lower_.startswith(tuple(w.strike_stems))
    scope = ctx.group(token.head if token.dep_ == "amod" and token.head.pos_ == "NOUN" else token)
    if agent is not None:
        found = ctx.mention(ctx.np_top(agent))
        if found is not None:
            return found
    if not owner_is_target:
        owner = read_slot(ctx, token, "de")
        if owner is not None and owner.actor.kind not in {"igo", "country", "capital", "people"}:
            return owner  # "l'appel des syndicats argentins": the unions, not Argentina
    owned = child_with_case(token, w.de) if owner_is_target else None
    owner_phrase = {t.i for t in owned.subtree} if owned is not None else set()
    for candidate in scope:
        if in_target_phrase(candidate, token) or candidate.i in owner_phrase:
            continue  # "la libération de prisonniers cambodgiens": the demonym of the target
        atom = ctx.by_token.get(candidate.i)
        if atom is not None and atom.kind == ATOM_DEMONYM and atom.country:
            role = "MIL" if military else "GOV"
            return Mention(country_actor(atom.country, role, name=candidate.text, kind="title"),
                           candidate.i, candidate.i + 1, candidate.text, candidate.idx)
    owner = None if owner_is_target else read_slot(ctx, token, "de")
    if owner is not None and owner.actor.kind != "igo":  # "la réunion de l'OCS" is the IGO's meeting, no party
        return owner
    if possessive and ctx.discourse.mentions:
        if any(c.lower_ in w.plural_possessives for c in possessive):
            pair = ctx.discourse.last_pair()
            return pair[0] if pair else None
        return ctx.discourse.salient()  # "sa première visite": the person the story is about
    return None
