"""A trigger's two actors, found as its frame says.

The frame (``data/frames.tsv``) lists the slots read for the second actor and the fallbacks tried when the
parse gives none; the root's policy (``data/policies.tsv``) adds the guesses from the discourse that its kind
of act allows. Every pair found carries the confidence of the least trusted way it was found and that way's
name (``subject>obj``), which becomes part of the event's ``rule_id``.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from events.actors import ATOM_CAPITAL, ATOM_COUNTRY, Actor, country_actor
from events.coding import fallbacks
from events.coding.coordination import (
    conj_agents,
    conj_partner,
    conj_subjects,
    conj_targets,
    demonym_co_sources,
    dont_members,
)
from events.coding.discourse import VIOLENT_ROOTS
from events.coding.mentions import Sentence
from events.coding.modality import gerund, is_passive, refers_back, reflexive
from events.coding.refine import refine_code
from events.coding.slots import between, noun_source, read_slot
from events.coding.subjects import after_word, child_with_case, children_with_case, pair_subject, passive_agent, subject
from events.coding.triggers import find_trigger
from events.coding.types import Arguments, Mention, Trigger, same_party
from events.coding.words import words


def first_slot(ctx: Sentence, token: Token, trigger: Trigger) -> tuple[Mention | None, str]:
    """The actor of the first of the frame's slots that holds one, and that slot's name."""
    holders = [token]
    if trigger.pos == "NOUN" and token.dep_ == "obj" and token.head.pos_ in {"VERB", "AUX"} \
            and find_trigger(token.head, ctx.lexicon) is None:
        holders.append(token.head)  # a light verb holds the noun's arguments: "exprimer ses regrets à X"
    for holder in holders:
        for slot in trigger.frame.targets:
            found = read_slot(ctx, holder, slot)
            if found is not None:
                return found, slot
    return None, ""


def find_arguments(ctx: Sentence, token: Token, trigger: Trigger, *, reported: bool = False) -> Iterator[Arguments]:
    """``reported``: a noun that another act is about ('a condamné les frappes russes'): its own source only."""
    lexicon = ctx.lexicon
    possessive_pair = trigger.pos == "NOUN" and any(
        c.lower_ in words().plural_possessives and c.dep_ == "det" for c in token.children)
    if (gerund(token) or possessive_pair) and ctx.sent.root.i != token.i and trigger.symmetric:
        # "…se sont entretenus…, en convenant de poursuivre le dialogue": the main clause's parties
        root = ctx.sent.root
        main, _ = subject(ctx, root)
        partner = conj_partner(ctx, root, main) if main is not None else None
        if main is not None and partner is not None:
            yield Arguments(main, partner, lexicon.confidence("main_clause"), "main_clause>conj_partner")
            return
    yield from _arguments(ctx, token, trigger, reported=reported)


def _arguments(ctx: Sentence, token: Token, trigger: Trigger, *, reported: bool) -> Iterator[Arguments]:
    lexicon = ctx.lexicon
    frame = trigger.frame
    if "mediated" in frame.fallbacks:
        yield from _mediation(ctx, token, trigger, reported=reported)
        return
    if "giver" in frame.targets:
        yield from _received(ctx, token)
        return
    if "left" in frame.targets and trigger.pos == "NOUN":
        leaving = _leaving(ctx, token)
        if leaving is not None:
            yield leaving
            return
    pair = pair_subject(ctx, token)
    if pair is None and trigger.pos == "NOUN" and any(
            c.lower_ in words().plural_possessives and c.dep_ == "det" for c in token.children):
        # "lors de leur rencontre à Astana", "il a rejoint avec Poutine le lieu de leur entretien"
        pair = ctx.discourse.last_pair(ctx.mentions_before(token.i))
    if pair is not None and frame.symmetric:
        target, _ = first_slot(ctx, token, trigger)
        if target is None or target.actor.key in {pair[0].actor.key, pair[1].actor.key}:
            yield Arguments(pair[0], pair[1], lexicon.confidence("pair"), "pair>pair")
            return
    elif pair is not None:  # "les deux ministres ont promis une aide à Kiev": one event per minister
        target, slot = first_slot(ctx, token, trigger)
        if target is None:
            target, slot = fallbacks.recipient(ctx, token, None), "recipient"
        if target is not None:
            for member in pair:
                if member.actor.key != target.actor.key:
                    yield Arguments(member, target, lexicon.confidence("pair_member"), f"pair_member>{slot}")
            return
    source, passive = subject(ctx, token)
    source_how = "subject"
    # "s'en est pris à X": a reflexive verb's être is no passive, whatever the subject's label
    # "les syndicats sont descendus dans la rue": the être of a verb of motion is no passive either
    passive = (passive and not reflexive(token) and token.lemma_.lower() not in words().etre_verbs) \
        or is_passive(token) or _passive_participle(ctx, token)
    target, target_how = first_slot(ctx, token, trigger)
    if target is not None and _taken_building(ctx, trigger, target):
        target, target_how = None, ""  # "s'emparant de l'hôpital": a place taken, the party is the opponent
    holder = token
    if not passive and trigger.pos == "NOUN" and token.head.i != token.i and _under_passive(token):
        # "cinq personnes ont été mises en garde à vue": the noun of a passive light verb, whose subject underwent
        # the act
        holder, passive = token.head, True
        source, _ = subject(ctx, holder)
    if passive:
        agent, agent_how = passive_agent(ctx, holder), "passive_agent"
        qualifies = token.dep_ in {"amod", "acl"} and token.head.pos_ in {"NOUN", "PROPN"}
        if qualifies or _passive_participle(ctx, token):
            # the noun the participle qualifies underwent it ("les commerçants vandalisés"), or nobody known
            patient = ctx.mention(ctx.np_top(token.head)) if qualifies else _appositive_patient(ctx, token)
        else:
            patient = source or fallbacks.linear(ctx, token, after=False, exclude=None)
        if agent is None and trigger.code[:2] in VIOLENT_ROOTS:
            agent = _author_of_attack(ctx, holder)
            if agent is not None and patient is not None and same_party(agent.actor, patient.actor):
                agent = None  # "tués après une attaque": the noun's source read up to the victims themselves
        if agent is None and trigger.code[:2] in VIOLENT_ROOTS and ctx.discourse.claimant is not None \
                and child_with_case(holder, words().by) is None and token.dep_ not in {"acl", "amod"}:
            # "un policier a été tué", in an article that says the Islamic State claimed the attack (a participle
            # qualifying a noun, "des missiles tirés depuis des navires", belongs to the act it describes)
            agent, agent_how = _implied(ctx, token, "INS"), "implied"
        implied = frame.implied or lexicon.policy(trigger.code).implied_source
        # an agent the text names ("pris en otage par une minorité") is never replaced by a guessed one
        if agent is None and implied and child_with_case(holder, words().by) is None:
            # "trois manifestants ont été interpellés": by the police of the story's country ("neuf policiers ont
            # été arrêtés": by its authorities); "le dépôt est bloqué": by protesters, against the government
            agent, agent_how = _implied(ctx, token, implied), "implied"
            if agent is not None and patient is not None and same_party(agent.actor, patient.actor):
                agent = _implied(ctx, token, "GOV")
        source, target, source_how, target_how = agent, patient, agent_how, "passive_subject"
        if target is None:
            target_how = ""
    elif target is None and "after_avec" in frame.fallbacks:
        target, target_how = after_word(ctx, token, words().comitative), "after_avec"
    if trigger.pos == "NOUN":
        pair = between(ctx, token)
        if pair is not None:
            yield Arguments(pair[0], pair[1], lexicon.confidence("between"), "between>between")
            return
        if source is None:
            owner_is_target = bool({"de", "left"} & set(frame.targets))
            source = noun_source(ctx, token, owner_is_target=owner_is_target, reported=reported,
                                 symmetric=frame.symmetric)
            source_how = "noun_source"
    implied_source = lexicon.policy(trigger.code).implied_source
    if source is None and target is None and implied_source and not passive and implied_source != "INS":
        # "des milliers de personnes ont manifesté": protesters of the story's country (then its government);
        # unnamed attackers need a target the parse names ("l'attaque contre X", "X a été poignardé")
        source, source_how = _implied(ctx, token, implied_source), "implied"
    if source is not None and target is not None and frame.symmetric and same_party(target.actor, source.actor):
        target, target_how = None, ""  # "le prince" read as the subject himself: look for the partner elsewhere
    if source is not None and target is None:
        target, target_how = _fallback(ctx, token, trigger, source)
    if source is None and target is None and not passive and trigger.code.startswith(_BOMBINGS) and (
            trigger.pos == "VERB" or _told_as_happening(token)):
        # "une explosion a retenti dans une église copte", "une bombe a explosé": the people where it went off,
        # by the attackers the article names (not an actor named before the trigger)
        target, target_how = _implied(ctx, token, "CVL"), "place_civilians"
        source, source_how = _implied(ctx, token, "INS"), "implied"
    if source is None and target is not None and not passive:
        source, source_how = fallbacks.linear(ctx, token, after=False, exclude=target), "linear_before"
    if source is None and target is not None and implied_source and not passive:
        source, source_how = _implied(ctx, token, implied_source), "implied"  # "la rupture des relations avec X"
    yield from _pairs(ctx, token, trigger, (source, source_how), (target, target_how), passive=passive)


def _mediation(ctx: Sentence, token: Token, trigger: Trigger, *, reported: bool) -> Iterator[Arguments]:
    """A mediator and the two parties it brings together: "la médiation de X entre Y et Z", else the two parties
    of the article's latest talks or agreement ("… sous l'égide de X"); one event from the mediator to each."""
    co_mediators: list[Mention] = []
    if trigger.pos == "NOUN":
        mediator, mediator_how = noun_source(ctx, token, reported=reported), "noun_source"
    elif is_passive(token) or (token.dep_ == "acl" and child_with_case(token, words().by) is not None):
        # "les négociations parrainées par la Turquie et la Russie": the agents mediate
        mediator, mediator_how = passive_agent(ctx, token), "passive_agent"
        co_mediators = list(conj_agents(ctx, token))
    else:
        mediator, mediator_how = subject(ctx, token)[0], "subject"
    if mediator is None:
        return
    parties, how = between(ctx, token), "between"
    # "a parrainé les négociations entre X et Y", "les pourparlers entre X et Y, parrainés par Z": the talks' parties
    talks = [c for c in token.children if c.dep_ == "obj"] + ([token.head] if token.dep_ == "acl" else [])
    for noun in talks:
        parties = parties or between(ctx, noun)
    if parties is None:
        parties, how = ctx.discourse.latest_symmetric_pair(mediator.actor.key), "mediated"
    for one in [mediator, *co_mediators]:
        for party in parties or ():
            if not same_party(party.actor, one.actor):
                confidence = min(ctx.lexicon.confidence(mediator_how), ctx.lexicon.confidence(how))
                yield Arguments(one, party, confidence, f"{mediator_how}>{how}")


def _received(ctx: Sentence, token: Token) -> Iterator[Arguments]:
    """A noun of help received ("a reçu l'aide de X", "bénéficie du soutien de X", "a obtenu l'appui de X"): the
    giver is "de X" (or "par X"), the recipient the subject of the verb of receiving."""
    head = token.head
    if head.i == token.i or head.pos_ not in {"VERB", "AUX"}:
        return
    recipient, _ = subject(ctx, head)
    giver_token = child_with_case(token, words().de) or child_with_case(token, words().by) \
        or child_with_case(head, words().by)
    giver = ctx.mention(ctx.np_top(giver_token)) if giver_token is not None else None
    if recipient is None or giver is None:
        return
    confidence = min(ctx.lexicon.confidence("subject"), ctx.lexicon.confidence("giver"))
    yield Arguments(giver, recipient, confidence, "giver>subject")
    for extra in conj_targets(ctx, token):  # "le soutien de la Turquie, de l'Arabie saoudite et du Qatar"
        if extra.actor.key != giver.actor.key:
            yield Arguments(extra, recipient, confidence, "conj_subject>subject")


_BOMBINGS = "183"  # suicide, vehicle and roadside bombings (CAMEO 183x)


def _told_as_happening(noun: Token) -> bool:
    """'une explosion a retenti', 'les explosions se sont produites': the noun is the subject of a verb that says
    it happened (not 'l'attentat de 2015' mentioned in passing)."""
    if noun.dep_ not in {"nsubj", "nsubj:pass"} or noun.head.pos_ != "VERB":
        return False
    indefinite = any(c.lower_ in words().indefinite_articles | words().demonstratives
                     for c in noun.children if c.dep_ == "det")
    return indefinite or noun.head.lemma_.lower() in _HAPPENING_VERBS


_HAPPENING_VERBS = frozenset({"retentir", "produire", "survenir", "secouer", "frapper", "viser", "toucher", "faire"})


def _resolution_body(ctx: Sentence, token: Token, source: Mention) -> Mention | None:
    """The body a resolution is put to: the IGO the sentence names, else the United Nations."""
    for head in ctx.actor_heads():
        mention = ctx.mention(ctx.doc[head])
        if mention is not None and mention.actor.kind == "igo" and not same_party(mention.actor, source.actor):
            return mention
    if source.actor.kind == "igo":
        return None
    return Mention(Actor("IGOUNO", "ONU", None, None, "IGOUNO", "igo"), token.i, token.i + 1, token.text, token.idx)


def _taken_building(ctx: Sentence, trigger: Trigger, target: Mention) -> bool:
    """A building seized (192: « s'emparant de l'hôpital et d'une école ») is a place, not the party it houses."""
    return trigger.code.startswith("192") and any(
        ctx.doc[i].lemma_.lower() in words().building_nouns for i in range(target.start, target.end))


def _leaving(ctx: Sentence, token: Token) -> Arguments | None:
    """A noun of leaving with two "de" ("la sortie du Royaume-Uni de l'UE", "le retrait des États-Unis de l'accord
    de Paris"): the first names who leaves, the second what is left (under the first, or beside it)."""
    de = words().de
    leaver_token = child_with_case(token, de)
    if leaver_token is None:
        return None
    left_token = child_with_case(leaver_token, de) or next(
        (c for c in children_with_case(token, de) if c.i > leaver_token.i), None)
    leaver = ctx.mention(ctx.np_top(leaver_token))
    left = ctx.mention(ctx.np_top(left_token)) if left_token is not None else None
    atom = ctx.by_token.get(leaver_token.i)
    if leaver is not None and left is not None and same_party(leaver.actor, left.actor) and atom is not None \
            and atom.kind in {ATOM_COUNTRY, ATOM_CAPITAL} and atom.country:
        # the first phrase holds the second: the country its head names leaves
        leaver = Mention(country_actor(atom.country, atom.role, name=atom.text, kind="country"), atom.start,
                         atom.end, atom.text, ctx.doc[atom.start].idx)
    if leaver is None or left is None or same_party(leaver.actor, left.actor):
        return None
    confidence = min(ctx.lexicon.confidence("leaver"), ctx.lexicon.confidence("left"))
    return Arguments(leaver, left, confidence, "leaver>left")


def _author_of_attack(ctx: Sentence, verb: Token) -> Mention | None:
    """'tués dans une attaque commise par deux Palestiniens', 'blessés lors d'une attaque des shebab', 'tués
    dans des frappes russes': the victims of a passive were harmed by the author of the attack they were in."""
    w = words()
    under = [verb, *(c for c in verb.children if c.dep_ == "advmod")]  # "lors d'une attaque": under "lors"
    for noun in (c for h in under for c in h.children if c.dep_.startswith("obl") and c.pos_ == "NOUN"):
        if noun.lemma_.lower() not in w.strike_nouns | w.attack_nouns:
            continue
        for acl in (c for c in noun.children if c.dep_ in {"acl", "amod"}):
            agent = child_with_case(acl, w.by)
            if agent is not None and (found := ctx.mention(ctx.np_top(agent))) is not None:
                return found
        author = noun_source(ctx, noun, reported=True)
        if author is not None:
            return author
    return None


def _under_passive(token: Token) -> bool:
    """The noun hangs from a passive verb ('a été mis en garde à vue', 'ont été placés en détention')."""
    head = token.head
    if any(c.dep_ == "case" and c.lower_ in words().by for c in token.children):
        return False  # "visée par les frappes": the noun is the agent
    return token.dep_.startswith(("obl", "obj")) and head.pos_ in {"VERB", "AUX"} and (
        is_passive(head) or any(c.dep_ == "nsubj:pass" for c in head.children))


def _passive_participle(ctx: Sentence, token: Token) -> bool:
    """'les FDS appuyées par les États-Unis', 'Boualem Sansal, condamné … par un tribunal algérien': a past
    participle without auxiliary, with an agent, is a passive."""
    by = words().by
    agent = any(c.dep_.startswith("obl") and any(k.dep_ == "case" and k.lower_ in by for k in c.children)
                for c in token.children)
    qualifies = token.dep_ in {"amod", "acl"} and token.head.pos_ in {"NOUN", "PROPN"}
    # "les forces rebelles soutenues par la Turquie" with "par la Turquie" hung on the noun by the parse
    agent = agent or (qualifies and token.i + 1 < ctx.sent.end and ctx.doc[token.i + 1].lower_ in by)
    if not agent or any(c.dep_.startswith("aux") for c in token.children):
        return False
    if qualifies:
        return True
    return "VerbForm=Part" in str(token.morph) and "Tense=Past" in str(token.morph) and _after_comma(ctx, token)


def _after_comma(ctx: Sentence, token: Token) -> bool:
    return token.i > ctx.sent.start and ctx.doc[token.i - 1].text == ","


def _appositive_patient(ctx: Sentence, token: Token) -> Mention | None:
    """The noun phrase right before the comma that a participle qualifies ('l'écrivain Boualem Sansal, condamné
    …'): its actor, or none (never one named further back)."""
    if token.i < ctx.sent.start + 2:
        return None
    return ctx.mention(ctx.np_top(ctx.doc[token.i - 2]))


def _story_party(ctx: Sentence, token: Token, role: str, source: Mention) -> Mention | None:
    """The party of this role in the story's country, unless it is the source itself."""
    found = _implied(ctx, token, role)
    return None if found is not None and same_party(found.actor, source.actor) else found


def _implied(ctx: Sentence, token: Token, role: str) -> Mention | None:
    """The unnamed party of this role: of the story's country; unnamed attackers are the group the article says
    claimed the attack, when it names one."""
    if role == "INS" and ctx.discourse.claimant is not None:
        return Mention(ctx.discourse.claimant, token.i, token.i + 1, token.text, token.idx)
    country = ctx.discourse.story_country(ctx.places)
    if country is None:
        return None
    actor = country_actor(country, role, name=role, kind="title")
    return Mention(actor, token.i, token.i + 1, token.text, token.idx)


def _fallback(ctx: Sentence, token: Token, trigger: Trigger, source: Mention) -> tuple[Mention | None, str]:
    """The frame's fallbacks, then the policy's guesses from the discourse, until one finds an actor."""
    frame = trigger.frame
    if frame.symmetric:
        partner = conj_partner(ctx, token, source)
        if partner is not None:
            return partner, "conj_partner"
    for name in frame.fallbacks:
        found: Mention | None = None
        if name == "country_under":
            found = fallbacks.country_under(ctx, token, source)
        elif name == "host":
            found = fallbacks.host(ctx, token, source)
        elif name == "recipient":
            found = fallbacks.recipient(ctx, token, source)
        elif name == "body_igo":
            found = _resolution_body(ctx, token, source)
        elif name == "story_protesters":
            found = _story_party(ctx, token, "OPP", source)
        elif name == "linear":  # a guessed partner of a meeting is of another country; other acts may be domestic
            found = fallbacks.linear(ctx, token, after=True, exclude=source, domestic=not frame.symmetric)
        if found is not None:
            return found, name
    policy = ctx.lexicon.policy(refine_code(trigger.code, token))  # what a statement says decides its addressee
    for entry in policy.fallbacks:
        name, _, condition = entry.partition(":")
        if condition == "back" and not refers_back(token):
            continue
        if name in {"content", "content_or_place"}:
            found = fallbacks.content_target(ctx, token, source, places=name == "content_or_place")
        elif name == "last_actor_on":
            found = ctx.discourse.last_actor_on(source)
        elif name == "last_author":
            found = ctx.discourse.last_author(source, sentence_index=ctx.index)
        elif name == "recent_partner":
            found = ctx.discourse.recent_partner(source, sentence_index=ctx.index)
        elif name == "last_opponent":
            found = ctx.discourse.last_opponent(source)
        elif name == "last_victim":
            found = ctx.discourse.last_victim(source)
        elif name == "story_enemy":
            found = ctx.discourse.story_enemy(source)
        elif name == "recent_other":
            found = fallbacks.recent_other(ctx, source)
        elif name == "country_under":
            found = fallbacks.country_under(ctx, token, source)
        elif name == "protest_crowd":  # only in a story of protests
            protests = any(e.code.startswith("14") for e in ctx.discourse.events)
            found = _story_party(ctx, token, "OPP", source) if protests else None
        elif name == "story_government":
            found = _story_party(ctx, token, "GOV", source)
        else:
            found = None
        if found is not None:
            return found, name
    return None, ""


def _pairs(ctx: Sentence, token: Token, trigger: Trigger, source_found: tuple[Mention | None, str],
           target_found: tuple[Mention | None, str], *, passive: bool) -> Iterator[Arguments]:
    """The events of one trigger once its source and target are known (counterparts resolved; one event per
    coordinated party)."""
    lexicon = ctx.lexicon
    source, source_how = source_found
    target, target_how = target_found
    if target is not None and target.actor.kind == "counterpart" and source is not None \
            and any(w in target.text.lower().split() for w in words().several_markers):
        # "a accueilli ses deux homologues": each of the two parties last named, other than the host
        pair = ctx.discourse.last_pair()
        members = [m for m in pair or () if m.actor.key != source.actor.key]
        for member in members:
            yield Arguments(source, Mention(member.actor, target.start, target.end, target.text, target.char_offset),
                            lexicon.confidence("pair"), f"{source_how}>counterparts")
        if members:
            return
    if target is not None and target.actor.kind == "counterpart":
        target = fallbacks.resolve_counterpart(ctx, target, source)
    if source is not None and source.actor.kind == "counterpart":
        source = fallbacks.resolve_counterpart(ctx, source, target)
    if source is not None and target is None and "plural_object" in trigger.frame.fallbacks:
        members = fallbacks.plural_object(ctx, token, source)
        for member in members:
            yield Arguments(source, member, lexicon.confidence("plural_object"), f"{source_how}>plural_object")
        if members:
            return
    if source is None or target is None:
        return
    confidence = min(lexicon.confidence(source_how), lexicon.confidence(target_how))
    how = f"{source_how}>{target_how}"
    yield Arguments(source, target, confidence, how)
    agents = list(conj_agents(ctx, token)) if passive and source_how == "passive_agent" else []
    if source_how == "noun_source" and token.pos_ == "NOUN":
        agents += [m for m in demonym_co_sources(ctx, token) if m.actor.key != target.actor.key]
    for extra in agents:
        yield Arguments(extra, target, confidence, f"conj_subject>{target_how}")
    taken = {a.start for a in agents}
    for extra in conj_targets(ctx, token):
        if extra.start not in taken and not _taken_building(ctx, trigger, extra):
            yield Arguments(source, extra, confidence, f"{source_how}>conj_target")
    if not trigger.symmetric or passive:
        for extra in conj_subjects(ctx, token, source if not passive else target):
            yield Arguments(source, extra, confidence, f"{source_how}>conj_subject") if passive else \
                Arguments(extra, target, confidence, f"conj_subject>{target_how}")
    for member in dont_members(ctx, token, exclude={source.actor.key, target.actor.key}):
        yield Arguments(source, member, lexicon.confidence("dont"), f"{source_how}>dont")
