"""A trigger's code refined by its sentence: what a statement says, and which kind of consultation a meeting is.

"a assuré être prêt à…" → 030, "… soutenir pleinement" → 051 (the ``statement:CODE`` word sets, first match
wins); within the consult family: by phone → 041, a visit → 042, at a summit or conference → 044.
"""

from __future__ import annotations

from spacy.tokens import Token

from events.coding.words import words

STATEMENT = "010"
_STATEMENT_SETS = "statement:"


def _sentence_words(token: Token) -> set[str]:
    """The lower-case words of the token's sentence (cached on the Doc: a sentence is looked up once)."""
    cache = token.doc.user_data.setdefault("events.sentence_words", {})
    sent = token.sent if token.i not in cache else None
    if sent is not None:
        found = {t.lower_ for t in sent}
        for t in sent:
            cache[t.i] = found
    return cache[token.i]


def refine_code(code: str, token: Token) -> str:
    w = words()
    if code == STATEMENT:
        said = {t.lemma_.lower() for t in token.subtree if t.i > token.i}
        for name in w.order:
            if name.startswith(_STATEMENT_SETS) and said & w.get(name):
                return name.removeprefix(_STATEMENT_SETS)
        return code
    if not code.startswith("04"):
        return code
    sentence = _sentence_words(token)
    if sentence & w.phone_words:
        return "041"
    if code == "040" and sentence & w.third_place_words:
        return "044"
    if code == "040" and sentence & w.visit_words:
        return "042"
    return code
