"""Which dictionary entry a token triggers: its lemma and part of speech looked up in the trigger dictionary,
the reading whose reflexive use and required words fit the sentence."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from events.coding.lexicon import Lexicon
from events.coding.modality import reflexive as has_reflexive
from events.coding.types import Trigger
from events.coding.words import words

_TRIGGER_POS = {"VERB", "AUX", "NOUN", "ADJ", "PROPN", "ADV"}


def find_trigger(token: Token, lexicon: Lexicon) -> Trigger | None:
    """The first reading of the token that fits, or None."""
    if token.pos_ not in _TRIGGER_POS or (not token.is_alpha and "-" not in token.text):
        return None
    if token.pos_ == "ADV" and not token.lower_.endswith(tuple(words().participle_endings)):
        return None  # only a participle the tagger took for an adverb ("ont expulsé lundi")
    lemma = token.lemma_.lower().replace(" ", "-")
    forms = [lemma, token.lower_, token.lower_.rstrip("s"), *infinitives(token.lower_)]
    # the small model mixes up nouns, participles and adjectives: the tag decides first, then the form
    first = "VERB" if token.pos_ in {"VERB", "AUX", "ADJ"} else "NOUN"
    second = "NOUN" if first == "VERB" else "VERB"
    readings: tuple[Trigger, ...] = ()
    for pos in (first, second):
        for form in forms:
            readings = lexicon.readings(form, pos)
            if readings:
                break
        if readings:
            break
    node = anchor(token)
    reflexive = has_reflexive(node)
    for trigger in readings:
        if trigger.pos == "VERB" and token.pos_ == "PROPN":
            continue
        if trigger.reflexive is not None and trigger.pos == "VERB" and reflexive != trigger.reflexive:
            continue
        if trigger.requires and not has_required(node, trigger.requires, lexicon):
            continue
        if trigger.phrase and not all(has_required(node, (word,), lexicon) for word in trigger.phrase):
            continue
        return trigger
    return None


def anchor(token: Token) -> Token:
    """The token that holds a trigger's arguments in the parse: itself, or the auxiliary the small model made
    the clause's head when it took the participle for an adverb, adjective or noun ('ont expulsé les
    manifestants' parsed as 'ont' + adverb 'expulsé')."""
    head = token.head
    if token.pos_ in {"VERB", "AUX"} or head.i == token.i or not 0 < token.i - head.i <= 2:
        return token
    if head.lemma_ not in words().auxiliary_lemmas or head.pos_ not in {"AUX", "VERB"}:
        return token
    if any(c.dep_ in {"nsubj", "nsubj:pass", "obj"} for c in token.children):
        return token
    return head


def has_required(token: Token, wanted_words: Iterable[str], lexicon: Lexicon | None = None) -> bool:
    """A required word under the trigger, or on the two words that govern it ('a annoncé … un paquet d'aide').

    Three levels down ("a signé une série d'accords", not "a signé une ordonnance entérinant le retrait du
    traité"), and not through a noun of another event: in "a annoncé la suspension de son aide" the aid is what
    is suspended, not what is announced.
    """
    wanted = set(wanted_words)
    governors = [token.head, token.head.head] if token.head.i != token.i else []

    def opaque(t: Token) -> bool:
        return lexicon is not None and t.pos_ == "NOUN" and bool(lexicon.readings(t.lemma_.lower(), "NOUN")) \
            and t.lemma_.lower() not in wanted and t.lower_ not in wanted

    near: list[Token] = []
    for child in token.children:
        near.append(child)
        if opaque(child):
            continue
        for grandchild in child.children:
            near.append(grandchild)
            if not opaque(grandchild):
                near.extend(grandchild.children)
    return any(t.lemma_.lower() in wanted or t.lower_ in wanted for t in [*near, *governors])


def infinitives(form: str) -> list[str]:
    """Infinitives a past participle may come from when the tagger took it for a noun ('félicité')."""
    stem = form.rstrip("s")
    if stem.endswith("ée"):
        stem = stem[:-1]
    if stem.endswith("é"):
        return [stem[:-1] + "er"]
    if stem.endswith(("ie", "i")):
        return [stem.rstrip("e")[:-1] + "ir"]
    return []


def trigger_text(token: Token) -> str:
    """The trigger as written with its clitic and auxiliaries ('s'est entretenu', 'a été reçu')."""
    parts = [c for c in token.children if c.dep_ in {"expl:comp", "expl:pv", "aux:tense", "aux:pass"}]
    tokens = sorted([token, *parts], key=lambda t: t.i)
    return " ".join(t.text for t in tokens)
