"""Who acts: the subject of a trigger (climbing to the clause it depends on), pronouns and relative pronouns
resolved in the sentence and the discourse, the passive agent."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from events.coding.mentions import Sentence
from events.coding.modality import active_perfect, present_participle
from events.coding.types import Mention, same_party
from events.coding.words import words

# Clauses that share the subject of the clause they depend on (gerunds, infinitives, coordinated verbs).
INHERIT_SUBJECT = {"advcl", "xcomp", "conj", "ccomp", "obl:arg", "obl", "acl"}
SUBJECTS = {"nsubj", "nsubj:pass"}


def child_with_case(token: Token, cases: frozenset[str] | set[str]) -> Token | None:
    """The dependent introduced by one of these prepositions ('avec X', 'contre X')."""
    return next(children_with_case(token, cases), None)


def children_with_case(token: Token, cases: frozenset[str] | set[str]) -> Iterator[Token]:
    """Every dependent introduced by one of these prepositions, in order ("au téléphone à X": two)."""
    for child in token.children:
        if child.dep_.startswith(("obl", "nmod", "iobj")) and any(
                c.dep_ == "case" and c.lower_ in cases for c in child.children):
            yield child


def subject(ctx: Sentence, token: Token) -> tuple[Mention | None, bool]:
    """The trigger's subject (climbing to the clause it depends on), and whether that subject is passive."""
    if token.dep_ in {"acl", "advcl"} and present_participle(token):
        # "…, reprochant à Pékin de…": a participial clause after a comma speaks of the main subject
        root = ctx.sent.root
        if root.i != token.i:
            found = next((c for c in root.children if c.dep_ in SUBJECTS), None)
            if found is not None:
                return subject_mention(ctx, found, root), found.dep_ == "nsubj:pass"
    current = token
    shares_voice = True  # climbing through coordinated verbs only: "a été arrêté et inculpé" is passive twice
    for _ in range(4):
        for child in current.children:
            if child.dep_ in SUBJECTS:
                # "a été arrêté après avoir insulté la police": the man insulted, whatever befell him after
                return subject_mention(ctx, child, current), child.dep_ == "nsubj:pass" and shares_voice \
                    and not active_perfect(current)
        if current.dep_ == "acl:relcl" or (current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}):
            # "35 diplomates russes accusés d'espionnage": a past participle's noun is what undergoes it
            undergoes = current.dep_ == "acl" and "Tense=Past" in str(current.morph) \
                and "VerbForm=Part" in str(current.morph)
            return ctx.mention(ctx.np_top(current.head)), undergoes
        if current.dep_ in INHERIT_SUBJECT and current.head.i != current.i:
            shares_voice = shares_voice and current.dep_ == "conj"
            current = current.head
            continue
        break
    return None, False


def subject_mention(ctx: Sentence, child: Token, verb: Token) -> Mention | None:
    w = words()
    if child.pos_ == "PRON":
        lower = child.lower_
        if lower == "qui" and verb.dep_.startswith("acl"):
            return ctx.mention(ctx.np_top(verb.head))
        if lower in w.subject_pronouns or lower in w.relative_subjects:
            people = lower in w.person_pronouns
            found = sentence_subject(ctx, before=child.i, people=people)
            if found is None and people:
                found = main_subject_after(ctx, child, verb)
            if found is None and people:
                found = partner_of_named_before(ctx, child)
            return found or ctx.discourse.salient()
        return None
    if child.lower_ in w.latter:  # "ce dernier"
        return ctx.discourse.mentions[-1] if ctx.discourse.mentions else None
    return ctx.mention(ctx.np_top(child))


def sentence_subject(ctx: Sentence, *, before: int, people: bool = False) -> Mention | None:
    """'Le chef de l'ONU se rendra à Kiev, où il sera reçu…': an earlier subject of the same sentence
    ('il' / 'elle' stand for a person or a title, not a capital or a country)."""
    for tok in reversed(ctx.sent[: before - ctx.sent.start]):
        if tok.dep_ in SUBJECTS and tok.pos_ != "PRON":
            mention = ctx.mention(ctx.np_top(tok))
            if mention is not None and (not people or mention.actor.kind in {"person", "title", "igo"}):
                return mention
    return None


def main_subject_after(ctx: Sentence, pronoun: Token, verb: Token) -> Mention | None:
    """'À Ouagadougou, où il s'est entretenu avec X, le chef de l'État sénégalais a…': a pronoun in a
    clause that comes before the main clause's subject announces that subject."""
    root = ctx.sent.root
    if verb.i == root.i:
        return None
    found = next((c for c in root.children if c.dep_ in SUBJECTS and c.i > pronoun.i and c.pos_ != "PRON"), None)
    if found is None or not (verb.i < found.i):
        return None
    mention = ctx.mention(ctx.np_top(found))
    return mention if mention is not None and mention.actor.kind in {"person", "title"} else None


def partner_of_named_before(ctx: Sentence, pronoun: Token) -> Mention | None:
    """'Devant le président russe, il a réitéré son appel': 'il' is not the person just named in the
    sentence but that person's partner in the story's latest event between them."""
    named = [m for m in ctx.mentions_before(pronoun.i) if m.actor.kind in {"person", "title"}]
    if not named:
        return None
    return ctx.discourse.partner_in_latest_event(named[-1].actor.key)


def pair_subject(ctx: Sentence, token: Token) -> tuple[Mention, Mention] | None:
    """'Les deux dirigeants ont signé…', 'ils se sont entretenus': the two actors last named."""
    w = words()

    def plural(candidate: Token) -> bool:
        plural_pronoun = candidate.pos_ == "PRON" and candidate.lower_ in w.plural_pronouns
        two = any(c.lower_ in w.two for c in candidate.children if c.dep_ in {"nummod", "det"})
        return (plural_pronoun or two) and not any(c.dep_ == "conj" for c in candidate.children)

    current = token
    for _ in range(3):
        for child in current.children:
            if child.dep_ not in SUBJECTS:
                continue
            return ctx.discourse.last_pair() if plural(child) else None
        if current.dep_ == "acl" and plural(current.head):  # "Les deux ministres y avaient promis…"
            return ctx.discourse.last_pair()
        if current.dep_ in INHERIT_SUBJECT and current.head.i != current.i:
            current = current.head
            continue
        break
    return None


def passive_agent(ctx: Sentence, token: Token) -> Mention | None:
    """'a été reçu par X'."""
    agent_token = child_with_case(token, words().by)
    agent = ctx.mention(ctx.np_top(agent_token)) if agent_token is not None else None
    return agent or after_word(ctx, token, words().by)


def antecedent(ctx: Sentence, relative: Token) -> Mention | None:
    """'…, Wang Yi, avec qui il s'est entretenu': the nearest actor before the relative pronoun."""
    for head in sorted((h for h in ctx.actor_heads() if h < relative.i), reverse=True):
        mention = ctx.mention(ctx.doc[head])
        if mention is not None:
            return mention
    return None


def pronoun_target(ctx: Sentence, token: Token, *, people_here: bool = False) -> Mention | None:
    """'lui', 'leur', 'le': the last salient actor that is not the subject ('avec lui': a person named
    earlier in the sentence comes first)."""
    found, _ = subject(ctx, token)
    not_key = found.actor.key if found else None

    def other(mention: Mention) -> bool:  # two people of one government are two parties ("l'a convoqué")
        return bool(mention.actor.key) and (found is None or not same_party(mention.actor, found.actor))

    acted_on = ctx.discourse.last_acted_on_in_sentence(not_key, ctx.index)
    if acted_on is not None:
        return acted_on
    for tok in ctx.sent:  # "M. Zelensky avait été reçu…, par Rishi Sunak, qui lui avait promis…"
        if tok.i < token.i and tok.dep_ in SUBJECTS and tok.pos_ != "PRON":
            here = ctx.mention(ctx.np_top(tok))
            if here is not None and other(here):
                return here
    # "Reçu à Tokyo par le Premier ministre Shigeru Ishiba, il a signé avec lui…": a person named earlier
    # in the same sentence, in any function
    for head in sorted((h for h in ctx.actor_heads() if h < token.i and people_here), reverse=True):
        here = ctx.mention(ctx.doc[head])
        if here is not None and here.actor.kind in {"person", "title"} and here.actor.key \
                and here.actor.key != not_key:
            return here
    for mention in reversed(ctx.discourse.subjects[-3:]):
        if other(mention):
            return mention
    return next((m for m in reversed(ctx.discourse.mentions) if other(m)), None)


def backs(noun: Token) -> bool:
    """'avec l'appui de X', 'grâce au soutien de X', 'avec l'accord de X': a noun of backing introduced by
    « avec » or « grâce à » (its « de X » backs an act and is none of its parties)."""
    w = words()
    return noun.lemma_.lower() in w.backing_nouns and any(
        c.dep_ in {"case", "fixed"} and c.lower_ in w.comitative | {"grâce"} for c in noun.children)


def after_word(ctx: Sentence, token: Token, wanted: frozenset[str] | set[str]) -> Mention | None:
    """The actor right after 'par' / 'avec' following the trigger, when the parse attached it elsewhere."""
    heads = ctx.actor_heads()
    for tok in ctx.sent:
        if tok.i <= token.i or tok.lower_ not in wanted:
            continue
        if any(backs(t) for t in ctx.doc[tok.i + 1:min(tok.i + 3, ctx.sent.end)]):
            continue  # "avec le soutien de X": X backs the act, it is no partner of it
        for head in heads:
            start = ctx.group(ctx.doc[head])[0].i
            if tok.i < head <= tok.i + 6 and start <= tok.i + 3:
                mention = ctx.mention(ctx.doc[head])
                if mention is not None:
                    return mention
        return None
    return None
