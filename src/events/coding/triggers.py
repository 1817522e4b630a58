"""Which dictionary entry a token triggers: its lemma and part of speech looked up in the trigger dictionary,
the reading whose reflexive use and required words fit the sentence."""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Doc, Token

from events.coding.lexicon import Lexicon
from events.coding.modality import reflexive as has_reflexive
from events.coding.types import Trigger
from events.coding.words import words

_TRIGGER_POS = {"VERB", "AUX", "NOUN", "ADJ", "PROPN", "ADV"}
_READ_POS = frozenset(_TRIGGER_POS | {"ADP"})  # tags whose tokens are read (a preposition may be a mistagged verb)


def find_trigger(token: Token, lexicon: Lexicon, *, _outer: frozenset[int] = frozenset()) -> Trigger | None:
    """The first reading of the token that fits, or None (``_outer``: tokens whose readings are being checked,
    which a required-word check must not check again)."""
    cache: dict[int, Trigger | None] = {} if _outer else token.doc.user_data.setdefault(f"{_CACHE}:{id(lexicon)}", {})
    if token.i in cache:
        return cache[token.i]
    found = _find_trigger(token, lexicon, _outer)
    if not _outer:
        cache[token.i] = found
    return found


_CACHE = "events.triggers"  # Doc.user_data key: token index → its reading (a Doc is coded with one dictionary)


def _find_trigger(token: Token, lexicon: Lexicon, _outer: frozenset[int]) -> Trigger | None:
    pos = token.pos_
    if pos not in _READ_POS:
        return None
    lower = token.lower_
    lemma = token.lemma_.lower().replace(" ", "-")
    if not _may_head(lexicon.heads, lemma, lower):
        return None  # most tokens: no form of theirs heads an entry
    if not token.is_alpha and "-" not in token.text:
        return None
    if pos == "ADP" and not lexicon.readings(token.lemma_.lower(), "VERB"):
        return None  # "expulse" tagged as a preposition
    if pos == "ADV" and not lower.endswith(_participle_endings()) \
            and not lexicon.readings(token.lemma_.lower(), "VERB"):
        return None  # only a verb the tagger took for an adverb ("ont expulsé lundi", "accusent X")
    seen = _outer | {token.i}
    forms = list(dict.fromkeys([lemma, lower, lower.rstrip("s")]))
    verb_like = pos in {"VERB", "AUX", "ADJ"} or any(c.dep_ in {"nsubj", "obj"} for c in token.children)
    derived = [f for f in infinitives(lower, present=verb_like) if f not in forms]
    # the small model mixes up nouns, participles and adjectives: the tag decides first, then the form; the
    # readings of the other part of speech are tried when none of the first fits, and the infinitive a
    # form may come from last ("réprimande" is the noun before the verb "réprimander")
    first = "VERB" if token.pos_ in {"VERB", "AUX", "ADJ"} else "NOUN"
    second = "NOUN" if first == "VERB" else "VERB"
    readings: list[Trigger] = []
    for candidates in (forms, derived):
        for pos in (first, second):
            for form in candidates:
                found = lexicon.readings(form, pos)
                if found:
                    readings.extend(r for r in found if r not in readings)
                    break
    if not readings:  # most tokens: nothing to check in the parse
        return None
    node = anchor(token)
    reflexive: bool | None = None  # looked up once, when a reading asks
    near: frozenset[str] | None = None  # the words around the trigger, read once, when a reading asks
    # a lower-case word with an auxiliary is a participle whatever its tag ("a nié" tagged as a proper noun)
    participle = token.is_lower and any(c.dep_ in {"aux:tense", "aux:pass"} for c in token.children)
    for trigger in readings:
        if trigger.pos == "VERB" and not participle and (token.pos_ == "PROPN" or (
                token.pos_ == "NOUN" and any(c.dep_ == "det" for c in token.children))):
            continue  # "son invité" is a guest, not "a invité"
        if trigger.reflexive is not None and trigger.pos == "VERB":
            if reflexive is None:
                reflexive = has_reflexive(node)
            if reflexive != trigger.reflexive:
                continue
        if trigger.requires or trigger.phrase:
            if near is None:
                near = words_near(node, lexicon, _outer=seen)
            if trigger.requires and near.isdisjoint(trigger.requires):
                continue
            if not all(word in near for word in trigger.phrase):
                continue
        return trigger
    return None


@lru_cache(maxsize=65_536)
def _may_head(heads: frozenset[str], lemma: str, lower: str) -> bool:
    """Whether a form of the token (lemma, as written, without its plural s, an infinitive it may come from:
    ``present=True`` gives every one tried) heads a dictionary entry; per distinct (lemma, form), once."""
    return any(form in heads for form in (lemma, lower, lower.rstrip("s"))) \
        or any(form in heads for form in infinitives(lower, present=True))


@lru_cache(maxsize=1)
def _participle_endings() -> tuple[str, ...]:
    return tuple(words().participle_endings)


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


#: A required word standing for a person named by the text (an entity PER) as the trigger's object: "recevoir"
#: hosts a visit when it receives "le président" or "Donald Trump", not "un prix".
NAMED_PERSON = "@personne"
NAMED_PLACE = "@lieu"
TERROR_STORY = "@attentat"
_OBJECTS = {"obj", "iobj", "obl:arg", "nmod", "appos"}


def words_near(token: Token, lexicon: Lexicon | None = None, *, _outer: frozenset[int] = frozenset()) -> frozenset[str]:
    """Lemmas and forms of the words a trigger's required words may be: under it, the two words that govern it,
    and for a participle qualifying a noun that noun's modifiers.

    Three levels down ("a signé une série d'accords", not "a signé une ordonnance entérinant le retrait du
    traité"), and not through a noun of another event: in "a annoncé la suspension de son aide" the aid is what
    is suspended, not what is announced (the noun itself is kept: "a annoncé la suspension" has "suspension").
    """
    governors = [token.head, token.head.head] if token.head.i != token.i else []
    if token.dep_ in {"acl", "amod"} and token.head.pos_ in {"NOUN", "PROPN"}:
        # a participle qualifying a noun: the noun's own modifiers ("les groupes rebelles soutenus par X")
        governors += [c for c in token.head.children if c.dep_ in {"amod", "nmod"} and c.i != token.i]

    def opaque(t: Token) -> bool:  # a noun that is an event of its own ("la suspension de son aide")
        if t.dep_.startswith("obl") and any(c.dep_ == "case" and c.lower_ == "à" for c in t.children):
            return False  # "a attaqué à coups de machette des militaires": the manner, no event of its own
        return lexicon is not None and t.pos_ == "NOUN" and bool(lexicon.readings(t.lemma_.lower(), "NOUN")) \
            and t.i not in _outer and find_trigger(t, lexicon, _outer=_outer) is not None

    near: list[Token] = []
    for child in token.children:
        near.append(child)
        if opaque(child):
            continue
        for grandchild in child.children:
            near.append(grandchild)
            if not opaque(grandchild):
                near.extend(grandchild.children)
    found = {form for t in [*near, *governors] for form in (t.lemma_.lower(), t.lower_)}
    if any(c.ent_type_ == "PER" and c.dep_ in _OBJECTS for c in token.children):
        found.add(NAMED_PERSON)  # "a reçu Donald Trump": a person the text names, as the trigger's object
    objects = [c for c in token.children if c.dep_ == "obj" or (c.dep_ == "obl:arg" and not any(
        g.dep_ == "case" for g in c.children))]  # "à Mossoul" says where, not what was taken
    of_object = [c for o in objects for c in o.children if c.dep_ == "nmod"  # "le reste de Mossoul", not "à Mossoul"
                 and all(g.lower_ in {"de", "d'", "du", "des"} for g in c.children if g.dep_ == "case")]
    # a town the small model tags MISC ("a repris Dabiq") is a proper noun too
    if any(t.ent_type_ == "LOC" or (t.ent_type_ == "MISC" and t.pos_ == "PROPN") for t in (*objects, *of_object)):
        found.add(NAMED_PLACE)  # "a repris Mossoul", "a pris le reste d'Alep": a place the text names, as the object
    if _terror_story(token.doc):
        found.add(TERROR_STORY)  # "une explosion est survenue" in an article about an attack
    return frozenset(found)


def _terror_story(doc: Doc) -> bool:
    """The article speaks of a terror attack (a word of ``terror_words``), computed once per document."""
    cached = doc.user_data.get("events_terror_story")
    if cached is None:
        terror = words().terror_words
        cached = any(t.lower_ in terror or t.lemma_.lower() in terror for t in doc)
        doc.user_data["events_terror_story"] = cached
    return bool(cached)


def infinitives(form: str, *, present: bool = True) -> list[str]:
    """Infinitives a form may come from when the lemmatiser left it as written: a past participle taken for
    a noun ('félicité'), a present tense of a word tagged as a verb or adjective ('dénonce', 'dénoncent',
    'critiques', 'gèle', 'rompt')."""
    stem = form.rstrip("s")
    if stem.endswith("ée"):
        stem = stem[:-1]
    if stem.endswith("é"):
        return [stem[:-1] + "er"]
    if stem.endswith(("ie", "i")):
        return [stem.rstrip("e")[:-1] + "ir"]
    if not present:  # a noun ("réprimande") is no present tense
        return []
    found = []
    if form.endswith("ent") and len(form) > 5:
        found.append(form[:-3] + "er")  # "dénoncent"
    if stem.endswith("e"):
        found.append(stem + "r")  # "dénonce", "critiques"
        if "è" in stem[-4:]:
            found.append((stem[:-4] + stem[-4:].replace("è", "e")) + "r")  # "gèle" → "geler"
    if form.endswith("t") and len(form) > 4:
        found.append(form[:-1] + "re")  # "rompt" → "rompre"
    return found


def trigger_text(token: Token) -> str:
    """The trigger as written with its clitic and auxiliaries ('s'est entretenu', 'a été reçu')."""
    parts = [c for c in token.children if c.dep_ in {"expl:comp", "expl:pv", "aux:tense", "aux:pass"}]
    tokens = sorted([token, *parts], key=lambda t: t.i)
    return " ".join(t.text for t in tokens)
