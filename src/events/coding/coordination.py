"""Coordination: 'X et Y ont signé', 'a rencontré X et Y', '…, dont le Premier ministre canadien': one event per
party, and the partner named beside the subject of a symmetric act."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from events.actors import ATOM_DEMONYM, ATOM_ROLE, country_actor
from events.coding.mentions import Sentence
from events.coding.subjects import INHERIT_SUBJECT, SUBJECTS
from events.coding.types import Mention
from events.coding.words import words


def conj_subjects(ctx: Sentence, token: Token, first: Mention) -> Iterator[Mention]:
    """'X et Y ont été reçus', 'X et Y ont condamné': one event per coordinated subject."""
    for child in token.children:
        if child.dep_ not in SUBJECTS:
            continue
        seen = {first.actor.key}
        for conj in child.subtree:
            if conj.dep_ != "conj" or conj.pos_ in {"VERB", "AUX", "ADJ"}:
                continue
            mention = ctx.mention(ctx.np_top(conj)) if ctx.np_top(conj).i != child.i else ctx.mention(conj)
            if mention is not None and mention.actor.key not in seen:
                seen.add(mention.actor.key)
                yield mention
        for mention in demonym_co_sources(ctx, child):  # "les frappes russes et syriennes"
            if mention.actor.key not in seen:
                seen.add(mention.actor.key)
                yield mention


def conj_targets(ctx: Sentence, token: Token) -> Iterator[Mention]:
    """'a rencontré X et Y', 's'est entretenu avec X et Y': one event per coordinated target."""
    heads = [c for c in token.children if c.dep_ in {"obj", "obl", "obl:arg", "obl:mod", "iobj"}]
    candidates = [conj for head in heads for conj in head.children if conj.dep_ == "conj"]
    candidates += [c for c in token.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}]
    candidates += [d for noun in heads + candidates for d in demonym_conjs(ctx, noun)]
    return _conj_mentions(ctx, candidates)


def demonym_conjs(ctx: Sentence, noun: Token) -> list[Token]:
    """'ses alliés russes et iraniens', 'les ministres turc et syrien': the demonyms coordinated with the one
    qualifying the noun name one more party each (whatever part of speech the parse gave them)."""
    found: list[Token] = []
    for tok in [noun, *(c for c in noun.children if c.dep_ == "amod")]:
        atom = ctx.by_token.get(tok.i)
        if atom is None or atom.kind != ATOM_DEMONYM:
            continue
        # the second demonym under the first, or under the noun itself ("les ministres russe et turc")
        holders = [tok] if tok.i == noun.i else [tok, noun]
        found += [c for holder in holders for c in holder.children if c.dep_ == "conj" and c.i not in
                  {f.i for f in found} and (a := ctx.by_token.get(c.i)) is not None and a.kind == ATOM_DEMONYM
                  and a.country != atom.country]
    return found


def demonym_co_sources(ctx: Sentence, noun: Token) -> Iterator[Mention]:
    """'les frappes russes et syriennes', 'les ministres russe et turc': one more party per demonym coordinated
    with the one qualifying the noun (co-authors of a trigger noun, co-subjects of a verb)."""
    return _conj_mentions(ctx, demonym_conjs(ctx, noun))


def conj_agents(ctx: Sentence, token: Token) -> Iterator[Mention]:
    """'soutenus par l'Arabie saoudite, le Qatar et la Turquie': in a passive, the nouns coordinated with the agent
    (under it, or hung under the verb by the parse) are co-agents, one event each."""
    agents = [c for c in token.children if c.dep_ == "obl:agent"]
    candidates = [conj for agent in agents for conj in agent.children if conj.dep_ == "conj"]
    candidates += [c for c in token.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}
                   and any(a.i < c.i for a in agents)]
    return _conj_mentions(ctx, candidates)


def _conj_mentions(ctx: Sentence, candidates: list[Token]) -> Iterator[Mention]:
    """The actors of coordinated words: a demonym's country ("israéliennes et américaines"), a noun's phrase."""
    for conj in candidates:
        atom = ctx.by_token.get(conj.i)
        if atom is not None and atom.kind == ATOM_DEMONYM and atom.country:
            # a demonym coordinated with another on a noun is of the noun's role ("les ministres russe et turc")
            noun = conj.head
            while noun.head.i != noun.i and noun.pos_ not in {"VERB", "AUX"} and (
                    noun.pos_ not in {"NOUN", "PROPN"}
                    or (noun.i in ctx.by_token and ctx.by_token[noun.i].kind == ATOM_DEMONYM)):
                noun = noun.head
            phrase = ctx.mention(ctx.np_top(noun)) if noun.pos_ in {"NOUN", "PROPN"} else None
            role = phrase.actor.role if phrase is not None else None
            yield Mention(country_actor(atom.country, role, name=conj.text, kind="title" if role else "country"),
                          conj.i, conj.i + 1, conj.text, conj.idx)
            continue
        if conj.pos_ not in {"NOUN", "PROPN"}:
            continue
        mention = ctx.mention(ctx.np_top(conj))
        if mention is not None:
            yield mention


def dont_members(ctx: Sentence, token: Token, exclude: set[str]) -> Iterator[Mention]:
    """'…reçus par X, aux côtés d'une dizaine de dirigeants, dont le Premier ministre canadien': members
    of a group taking part in the same event."""
    seen = set(exclude)
    for tok in ctx.sent:
        if tok.i <= token.i or tok.lower_ not in words().among:
            continue
        for head in ctx.actor_heads():
            if tok.i < head <= tok.i + 4:
                mention = ctx.mention(ctx.doc[head])
                if mention is not None and mention.actor.key not in seen:
                    seen.add(mention.actor.key)
                    yield mention
                break


def conj_partner(ctx: Sentence, token: Token, first: Mention | None = None) -> Mention | None:
    """The other party of a symmetric act named beside its subject: 'X et Y se sont entretenus', 'Moscou et
    Hanoï ont signé', 'les deux dirigeants'."""
    w = words()
    holder = token
    for _ in range(3):  # 'ont eu un bref échange': the subject belongs to the light verb
        if any(c.dep_ in SUBJECTS for c in holder.children) or holder.head.i == holder.i:
            break
        if holder.dep_ not in INHERIT_SUBJECT | {"obj"}:
            break
        holder = holder.head
    token = holder
    for child in token.children:
        if child.dep_ in SUBJECTS:
            for conj in child.subtree:
                if conj.dep_ != "conj" or conj.pos_ in {"VERB", "AUX"}:
                    continue
                atom = ctx.by_token.get(conj.i)
                mention: Mention | None
                if atom is not None and atom.kind == ATOM_DEMONYM and atom.country:
                    head_role = ctx.by_token.get(child.i)
                    role = head_role.role if head_role is not None and head_role.kind == ATOM_ROLE else "GOV"
                    mention = Mention(country_actor(atom.country, role, name=conj.text, kind="title"),
                                      conj.i, conj.i + 1, conj.text, conj.idx)
                else:
                    mention = ctx.mention(ctx.np_top(conj)) if ctx.np_top(conj).i != child.i else ctx.mention(conj)
                if mention is not None and (first is None or mention.actor.key != first.actor.key):
                    return mention
            if child.head.i == token.i and child.lower_ in w.plural_pronouns and len(ctx.discourse.mentions) >= 2:
                return ctx.discourse.mentions[-2]
    # "Moscou et Hanoï ont signé": an actor joined by "et" just before the subject
    for child in token.children:
        if child.dep_ == "nsubj":
            start = ctx.group(ctx.np_top(child))[0].i
            if start - 2 >= ctx.sent.start and ctx.doc[start - 1].lower_ in w.coordinators:
                for before in sorted((h for h in ctx.actor_heads() if h < start - 1), reverse=True)[:1]:
                    mention = ctx.mention(ctx.doc[before])
                    if mention is not None and (first is None or mention.actor.key != first.actor.key):
                        return mention
    # "Xi Jinping et Vladimir Poutine se sont entretenus": the parser may put the first name elsewhere
    for child in token.children:
        if child.dep_ == "nsubj":
            head = ctx.np_top(child)
            for tok in ctx.sent:
                if tok.dep_ == "conj" and tok.head.i == head.i:
                    return ctx.mention(tok)
    # "leur rencontre", "les deux dirigeants": the last two actors of different countries
    if any(c.lower_ in w.plural_possessives for c in token.children):
        pair = ctx.discourse.last_pair()
        return pair[1] if pair else None
    return None
