"""Whether a trigger reports an event that happened: negation, condition, intent, cancellation, allegation.

Each check reads the dependency parse around one token and the French word sets of ``data/words_fr.tsv``.
"""

from __future__ import annotations

from spacy.tokens import Token

from events.coding.words import words


def negated(token: Token) -> bool:
    """'ne … pas/jamais/plus', 'sans', also on the verb that governs a nominal or infinitive trigger
    ('n'a pas fait le déplacement', 'n'a pas pu rencontrer'); 'aucun dirigeant n'a rencontré…'."""
    w = words()
    for current in (token, token.head) if token.dep_ in {"obj", "xcomp", "nsubj:pass"} else (token,):
        children = list(current.children)
        has_ne = any(c.lower_ in w.ne for c in children)
        if has_ne and any(c.dep_.startswith(("nsubj", "obj")) and any(
                d.lower_ in w.negative_determiners for d in c.children) for c in children):
            return True  # "aucun dirigeant n'a rencontré…", "n'a rencontré aucun dirigeant"
        if (has_ne and any(c.lower_ in w.negations for c in children)) or any(
                c.lower_ in w.without for c in children if c.dep_ in {"mark", "case"}):
            return True
    return False


def denied_word(token: Token) -> bool:
    """'ni négociations, ni rencontre', 'aucune rencontre': a noun denied by the word before or under it."""
    w = words()
    return negated(token) or (token.i > 0 and token.nbor(-1).lower_ in w.denying_words) or any(
        c.lower_ in w.denying_words for c in token.children)


def cancelled(token: Token) -> bool:
    """'a reporté la visite qu'il devait effectuer', 'a annulé sa rencontre avec', 'a annulé son déplacement à
    Kazan, où il devait s'entretenir avec…'."""
    w = words()
    current = token
    for _ in range(5):
        if current.head.i == current.i:
            return False
        # a relative clause ("…, où il devait…") is sometimes parsed as a complement of the main verb
        relative = current.dep_ == "ccomp" and any(
            c.pos_ == "PRON" and c.lower_ in w.relative_pronouns for c in current.children)
        if (current.dep_ in {"obj", "xcomp", "acl:relcl", "acl", "nmod"} or relative) \
                and current.head.lemma_ in w.cancel_governors:
            return True
        current = current.head
    return False


def alleged(token: Token) -> bool:
    """An infinitive under 'accuser X de…', 'exhorter X à…', 'demander à X de…' (up to two levels up)."""
    if token.dep_ not in {"xcomp", "ccomp", "acl", "advcl"} or "VerbForm=Inf" not in str(token.morph):
        return False
    governor = token.head
    for _ in range(2):
        if governor.lemma_.lower() in words().content_governors:
            return True
        if governor.head.i == governor.i:
            return False
        governor = governor.head
    return False


def anaphoric(token: Token) -> bool:
    """'Cette rencontre', 'ces entretiens' refer back to an event already reported."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in words().demonstratives for c in token.children)


def conditional(token: Token) -> bool:
    """Hypothetical: conditional mood or a 'si' clause — but not the future-in-the-past of reported
    speech ('a dit qu'il rencontrerait'), which is an intent."""
    if any(c.lower_ in words().conditional_markers and c.dep_ == "mark" for c in token.children):
        # "si X a été libéré, …" (a past in the indicative) states a fact; "si X attaquait, …" supposes one
        return not any("Tense=Pres" in str(c.morph) and c.dep_.startswith("aux") for c in token.children)
    if token.pos_ == "NOUN" and token.dep_ in {"nsubj", "obj", "nsubj:pass"} and token.head.i != token.i:
        return conditional(token.head)  # "une rencontre avec Lula aurait placé…"
    return conditional_mood(token) and not reported(token)


def conditional_mood(token: Token) -> bool:
    verbs = [token, *[c for c in token.children if c.dep_.startswith("aux")]]
    return any("Mood=Cnd" in str(v.morph) or (v.pos_ in {"VERB", "AUX"} and _conditional_form(v)) for v in verbs)


def _conditional_form(verb: Token) -> bool:
    """A conditional ending, whatever mood the tagger gives: 'rencontrerait', 'pourrait' — but the imperfect of a
    verb in -er whose stem ends in r is no conditional ('déclarait', 'dénigrait': no 'e' before the ending)."""
    w = words()
    ending = next((e for e in w.conditional_endings if verb.lower_.endswith(e)), None)
    if ending is None:
        return False
    lemma = verb.lemma_.lower()
    if lemma.endswith("er") and lemma != verb.lower_:
        return verb.lower_.endswith("e" + ending)
    return True


def reported(token: Token) -> bool:
    return token.dep_ in {"ccomp", "xcomp"} and token.head.lemma_.lower() in words().speech_verbs


def is_intent(token: Token) -> bool:
    """A future, planned or announced act: 'rencontrera', 'doit rencontrer', 'sa prochaine visite'."""
    w = words()
    if conditional_mood(token) and reported(token):
        return True
    if token.pos_ == "NOUN":
        return any(c.lemma_ in w.future_modifiers for c in token.children) or (
            token.head.lemma_ in w.intent_governors)
    if "Tense=Fut" in str(token.morph) or any("Tense=Fut" in str(c.morph) for c in token.children
                                              if c.dep_.startswith("aux")):
        return True
    if "VerbForm=Inf" in str(token.morph):
        if token.head.lemma_ in w.intent_governors | w.announce_verbs:
            return True
        if any(c.lower_ in w.purpose_markers for c in token.children if c.dep_ in {"mark", "case"}):
            return True
    return False


def infinitive_follows(token: Token) -> bool:
    """'refuse d'être…', 'refuse de négocier': an infinitive complement, or one right after the verb."""
    w = words()
    if any(c.dep_ in {"xcomp", "ccomp"} and "VerbForm=Inf" in str(c.morph) for c in token.children):
        return True
    for nxt in token.doc[token.i + 1:token.i + 4]:
        if nxt.lower_ in w.infinitive_skip:
            continue
        return "VerbForm=Inf" in str(nxt.morph) or nxt.lower_ in w.auxiliary_infinitives
    return False


def present_participle(token: Token) -> bool:
    morph = str(token.morph)
    return ("VerbForm=Part" in morph and "Tense=Pres" in morph) or (
        token.lower_.endswith(tuple(words().present_participle_endings)) and token.pos_ == "VERB")


def gerund(token: Token) -> bool:
    """'en convenant', 'en s'entretenant': a present participle introduced by 'en'."""
    if not present_participle(token):
        return False
    w = words()
    window = token.doc[max(0, token.i - 3):token.i]
    starts = [t.i for t in window if t.is_sent_start]
    before = [t for t in window if t.lower_ not in w.se and (not starts or t.i >= starts[-1])]
    return bool(before) and before[-1].lower_ in w.gerund_markers


def is_passive(token: Token) -> bool:
    """'a été reçu', 'sera accueilli' — but not the être of motion verbs and reflexives ('est arrivé',
    's'est entretenu'), which the small tagger also labels aux:pass."""
    w = words()
    children = list(token.children)
    if any(c.lower_ in w.passive_auxiliaries and c.pos_ == "AUX" for c in children):
        return True
    if token.lemma_.lower() in w.etre_verbs or reflexive(token) or active_perfect(token):
        return False
    return "Voice=Pass" in str(token.morph) or any(c.dep_ == "aux:pass" for c in children)


def active_perfect(verb: Token) -> bool:
    """'lui ont jeté des œufs' (avoir, no 'été'): active, whatever voice or subject label the parser gave."""
    auxiliaries = [c for c in verb.children if c.dep_.startswith("aux")]
    return any(c.lemma_.lower() == "avoir" for c in auxiliaries) and not any(
        c.lower_ in words().passive_auxiliaries or c.dep_ == "aux:pass" for c in auxiliaries)


def reflexive(token: Token) -> bool:
    """The verb carries a reflexive clitic ('s'entretenir', 'se rendre', 'nous nous sommes réunis')."""
    return any(c.lower_ in words().reflexive_clitics and (c.dep_.startswith(("expl", "obj", "iobj", "mark"))
               or "Reflex=Yes" in str(c.morph)) for c in token.children)


def characterises(token: Token) -> bool:
    """'dans une critique à peine voilée de…', 'dans un appel à…': a noun phrase saying what the act was."""
    w = words()
    return token.dep_.startswith(("obl", "nmod")) and token.pos_ == "NOUN" and any(
        c.dep_ == "case" and c.lower_ in w.characterising_preps for c in token.children) and any(
        c.dep_ == "det" and c.lower_ in w.indefinite_articles for c in token.children)  # not "dans les …"


def refers_back(token: Token) -> bool:
    """No object, or one that points back into the story ('ces accusations', 'sa décision', 'la décision')."""
    w = words()
    objects = [c for c in token.children if c.dep_ == "obj" and c.pos_ in {"NOUN", "PROPN"}]
    return not objects or objects[0].lemma_.lower() in w.act_nouns or any(
        d.dep_ == "det" and (d.lower_ in w.demonstratives or "Poss=Yes" in str(d.morph))
        for d in objects[0].children)
