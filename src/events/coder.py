"""Event coding: French triggers (verbs and nouns) + their arguments → CAMEO events.

For each sentence of a parsed article: find triggers from ``data/triggers_fr.tsv``; skip negated and
conditional ones; code future or planned meetings as 036; find the source actor (subject, the subject
of the governing clause, a relative pronoun's antecedent, or a pronoun resolved from the discourse)
and the target (object, "avec X", "à X", "entre X et Y", "son homologue …"); resolve each to a CAMEO
actor code; attach the event date (dates.py) and the action place (places.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from events.actors import (
    ATOM_CAPITAL,
    ATOM_COUNTRY,
    ATOM_DEMONYM,
    ATOM_PERSON,
    ATOM_ROLE,
    ATOM_TERM,
    Actor,
    ActorLexicon,
    Atom,
    country_actor,
    is_ambiguous_country_token,
    load_lexicon,
    person_actor,
    term_actor,
)
from events.data_files import read_tsv, split_alts
from events.dates import ResolvedDate, find_dates
from events.places import GEO_COUNTRY, Gazetteer, Place, load_gazetteer
from events.text import fold

# Dependency relations that stay inside one noun phrase.
_NP_DEPS = {"amod", "nmod", "det", "case", "fixed", "flat", "flat:name", "flat:foreign", "appos", "compound",
            "nummod", "dep"}
_PLACE_PREPS = {"à", "au", "aux", "en", "dans", "depuis", "vers", "près", "sur"}
_NEGATIONS = {"pas", "jamais", "plus", "guère", "aucun", "aucune", "ni"}
# Target kinds for which no nearby actor is guessed when the parse gives none.
_NO_GUESSED_TARGET = {"de", "to", "place", "arrival", "recipient"}
# Verbal conflict that reacts to what another party did (criticise, accuse, reject, threaten; 016 deny).
_REACTION_ROOTS = {"11", "12", "13"}
# Roots whose sub-codes, for the same two parties in one sentence, describe one act (criticise and accuse).
_ONE_PER_SENTENCE = {"11"}
# countries whose press names put the family name first ("Xi Jinping" is "M. Xi")
_FAMILY_NAME_FIRST = {"CHN", "TWN", "KOR", "PRK", "SGP", "KHM"}
# Things named after a place: "l'accord de Paris", "le format de Normandie", "le processus d'Astana".
_NAMED_THINGS = {"accord", "accords", "traité", "protocole", "format", "club", "processus", "convention", "charte",
                 "pacte", "déclaration", "conférence", "groupe", "initiative", "plan", "appel", "consensus", "esprit"}
# "à la frontière de la Pologne", "près de Koursk", "au large de la Libye": the place follows "de".
_AREA_WORDS = {"frontière", "région", "province", "banlieue", "environs", "périphérie", "près", "abord", "large",
               "côte", "territoire", "sol", "ciel", "espace", "sud", "nord", "est", "ouest", "centre", "proximité"}
_VENUE_NOUNS = {"sommet", "marge", "conférence", "forum", "réunion", "siège", "assemblée", "session"}
# Military hardware and forces: "des drones russes" → RUS + MIL.
_MILITARY_HEADS = {"drone", "missile", "avion", "chasseur", "bombardier", "navire", "frégate", "sous-marin", "char",
                   "soldat", "troupe", "militaire", "force", "armée", "unité", "hélicoptère", "roquette"}
# Nouns whose demonym names the acting country: "la position chinoise", "ses amis chinois".
_DEMONYM_HEADS = {"position", "politique", "plan", "proposition", "initiative", "décision", "soutien", "rôle",
                  "peuple", "partenaire", "ami", "allié", "voisin", "pays", "nation", "camp", "partie", "côté",
                  "diplomatie", "dirigeant", "responsable", "officiel", "aide", "offre", "appel", "demande",
                  # acts a country is held responsible for: "l'attaque israélienne", "les sanctions américaines"
                  "attaque", "frappe", "sanction", "offensive", "opération", "mesure", "bombardement", "invasion",
                  "agression", "incursion", "intervention", "ingérence", "tir", "raid", "annonce", "déclaration",
                  "menace", "accusation", "propos", "critique", "droit", "tarif", "embargo", "restriction",
                  "occupation", "blocus", "essai", "exercice", "manœuvre", "violation", "provocation",
                  # people of a country: "quatre prisonniers arméniens", "des ressortissants français"
                  "prisonnier", "otage", "détenu", "ressortissant", "citoyen", "civil", "journaliste", "réfugié",
                  "migrant", "pêcheur", "travailleur", "touriste", "espion"}
# Words a small parser mistakes for objects ("a reçu jeudi X"): never an actor argument.
_TIME_WORDS = {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "hier", "matin", "soir",
               "midi", "nuit", "veille", "lendemain", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
               "août", "septembre", "octobre", "novembre", "décembre", "semaine", "mois", "an", "année", "jour"}
# The intent code of a planned act other than a meeting: "a annoncé fournir des armes" → 033.
_INTENT_CODES = {"06": "031", "07": "033", "08": "035"}
# Governors that say an event did not (or not yet) happen: "a reporté sa visite", "a annulé la rencontre".
_CANCEL_GOVERNORS = {"reporter", "annuler", "repousser", "ajourner", "suspendre", "boycotter", "refuser", "refus",
                     "renoncer", "décliner", "empêcher", "exclure", "écarter", "rejeter"}
_INTENT_GOVERNORS = {"devoir", "prévoir", "compter", "envisager", "souhaiter", "espérer", "vouloir", "projeter",
                     "pouvoir", "aller", "proposer", "chercher", "tenter", "s'apprêter", "apprêter", "accepter"}
_PURPOSE_MARKERS = {"pour", "afin"}
# Verbs whose infinitive complement is an alleged, requested or forbidden act, not a reported event.
_CONTENT_GOVERNORS = {"accuser", "reprocher", "soupçonner", "exhorter", "appeler", "demander", "inviter", "presser",
                      "sommer", "menacer", "interdire", "empêcher", "nier", "démentir", "imputer", "blâmer"}
_SPEECH_VERBS = {"dire", "annoncer", "affirmer", "déclarer", "indiquer", "assurer", "confirmer", "expliquer",
                 "préciser", "estimer", "promettre", "répéter", "ajouter", "laisser"}
# Clauses that share the subject of the clause they depend on (gerunds, infinitives, coordinated verbs).
_INHERIT_SUBJECT = {"advcl", "xcomp", "conj", "ccomp", "obl:arg", "obl", "acl"}
_SUBJECT_PRONOUNS = {"il", "elle", "ils", "elles", "celui-ci", "celle-ci", "lui"}
# What a reported statement says, first match wins: readiness or promise → 030, support → 051,
# condemnation → 111, accusation → 112.
_STATEMENT_CONTENT: tuple[tuple[frozenset[str], str], ...] = (
    (frozenset({"prêt", "disposé", "engager", "promettre", "déterminé"}), "030"),
    (frozenset({"soutenir", "soutien", "saluer", "féliciter", "remercier", "appui"}), "051"),
    (frozenset({"condamner", "dénoncer", "inacceptable", "inadmissible"}), "111"),
    (frozenset({"accuser", "responsable", "coupable"}), "112"),
)
_PHONE_WORDS = {"téléphone", "téléphonique", "visioconférence", "téléphoniquement", "appel"}
_VISIT_WORDS = {"visite", "voyage", "déplacement", "tournée"}
_THIRD_PLACE_WORDS = {"sommet", "marge", "conférence", "forum", "assemblée"}


@dataclass(frozen=True, slots=True)
class Trigger:
    lemma: str
    pos: str
    code: str
    symmetric: bool
    reflexive: bool | None
    target: str
    requires: tuple[str, ...]
    intent: bool


@lru_cache(maxsize=1)
def load_triggers() -> dict[tuple[str, str], list[Trigger]]:
    """(lemma, pos) → the lexicon's readings of that word, in file order (the first that fits wins)."""
    triggers: dict[tuple[str, str], list[Trigger]] = {}
    for row in read_tsv("triggers_fr.tsv"):
        triggers.setdefault((row["lemma"], row["pos"]), []).append(Trigger(
            lemma=row["lemma"], pos=row["pos"], code=row["code"], symmetric=row["symmetric"] == "1",
            reflexive=None if row["reflexive"] == "" else row["reflexive"] == "1", target=row["target"],
            requires=tuple(split_alts(row["requires"])), intent=row["intent"] == "1",
        ))
    return triggers


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor as it appears in one sentence."""

    actor: Actor
    start: int
    end: int
    text: str
    char_offset: int


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place: Place
    token: int
    text: str
    char_offset: int


@dataclass(frozen=True, slots=True)
class CodedEvent:
    code: str
    trigger: str
    action_char_offset: int
    actor1: Mention
    actor2: Mention
    symmetric: bool
    sentence_index: int
    sentence: str
    sentence_span: tuple[int, int]  # character offsets of the sentence in the article text
    event_date: date | None
    date_precision: str
    place: PlaceMention | None
    confidence: float

    @property
    def place_in_sentence(self) -> bool:
        start, end = self.sentence_span
        return self.place is not None and start <= self.place.char_offset < end


@dataclass(slots=True)
class Discourse:
    """What earlier sentences of the article established (for pronouns, surnames, dates, places)."""

    pub_date: date | None
    last_date: date | None = None
    last_place: PlaceMention | None = None  # the venue of the article's story so far
    dateline: PlaceMention | None = None  # "ASTANA, 4 juillet (Xinhua) --"
    mentions: list[Mention] = field(default_factory=list)
    subjects: list[Mention] = field(default_factory=list)  # actors in subject position, for "il", "elle"
    events: list[CodedEvent] = field(default_factory=list)  # events coded so far (who acted on whom)
    named: dict[str, Actor] = field(default_factory=dict)  # folded surname/full name → actor
    countries: set[str] = field(default_factory=set)  # ISO2 of places named so far

    def last_pair(self, here: list[Mention] | None = None) -> tuple[Mention, Mention] | None:
        """The two most recent people of different countries ('leur rencontre', 'les deux dirigeants');
        ``here``: people named earlier in the current sentence, which come last."""
        people = [m for m in [*self.mentions, *(here or [])] if m.actor.kind in {"person", "title"}]
        if not people:
            return None
        last = people[-1]
        for other in reversed(people):
            if other.actor.key and other.actor.key != last.actor.key:
                return other, last
        return None

    def last_other(self, not_key: str | None) -> Mention | None:
        for mention in reversed(self.mentions):
            if mention.actor.key and mention.actor.key != not_key:
                return mention
        return None


class Coder:
    def __init__(self, lexicon: ActorLexicon | None = None, gazetteer: Gazetteer | None = None) -> None:
        self.lexicon = lexicon or load_lexicon()
        self.gazetteer = gazetteer or load_gazetteer()
        self.triggers = load_triggers()

    # -- public ---------------------------------------------------------------------------------
    def code_doc(self, doc: Doc, pub_date: date | None) -> list[CodedEvent]:
        discourse = Discourse(pub_date=pub_date)
        events: list[CodedEvent] = []
        for index, sent in enumerate(doc.sents):
            if index == 0:  # the dateline is the venue until the text names another one
                discourse.dateline = discourse.last_place = self._dateline(sent, discourse)
            events.extend(self._code_sentence(sent, index, discourse))
        return _dedupe(events)

    def _dateline(self, sent: Span, discourse: Discourse) -> PlaceMention | None:
        """A dateline opens the article with the place in capitals: 'ASTANA, 4 juillet (Xinhua) --'."""
        words = []
        for token in sent[:4]:
            if not token.is_upper or not token.is_alpha:
                break
            words.append(token)
        if not words or words[-1].i + 1 >= len(sent.doc) or sent.doc[words[-1].i + 1].text not in {
                ",", "-", "(", "—"}:
            return None
        text = sent.doc[words[0].i:words[-1].i + 1].text
        place = self.gazetteer.lookup(text.title(), context_countries=discourse.countries)
        if place is None or place.geo_type == GEO_COUNTRY:
            return None
        return PlaceMention(place, words[0].i, text, words[0].idx)

    # -- sentence -------------------------------------------------------------------------------
    def _code_sentence(self, sent: Span, index: int, discourse: Discourse) -> list[CodedEvent]:
        atoms = [a for a in self.lexicon.match(sent) if not _inside_longer_name(a, sent)]
        by_token: dict[int, Atom] = {}
        for atom in atoms:
            for i in range(atom.start, atom.end):
                by_token.setdefault(i, atom)
        places = list(self._places(sent, by_token, discourse))
        dates = find_dates(sent.text, discourse.pub_date, discourse.last_date)
        ctx = _SentenceContext(self, sent, by_token, discourse, places, index)
        events: list[CodedEvent] = []
        for token in sent:
            trigger = self._trigger(token)
            if trigger is None:
                continue
            coded = list(self._code_trigger(token, trigger, ctx, index, places, dates))
            events.extend(coded)
            discourse.events.extend(coded)
        # remember actors named in this sentence (in text order) for later pronouns, "ce dernier", surnames;
        # "son hôte" enters as the actor it was resolved to
        named: dict[int, tuple[Mention, bool]] = {}
        for head in ctx.actor_heads():
            mention = ctx.mention(sent.doc[head])
            if mention is not None and mention.actor.kind != "counterpart":
                named[mention.start] = (mention, sent.doc[head].dep_ in {"nsubj", "nsubj:pass"})
        for event in events:
            for role, mention in ((True, event.actor1), (False, event.actor2)):
                if mention.actor.kind not in {"host"}:
                    subject = role or named.get(mention.start, (mention, False))[1]
                    named[mention.start] = (mention, subject)
        for _start, (mention, subject) in sorted(named.items()):
            discourse.mentions.append(mention)
            if subject:
                discourse.subjects.append(mention)
        day_dates = [d for d in dates if d.resolved and d.resolved.precision == "day"
                     and (discourse.pub_date is None or d.resolved.value <= discourse.pub_date)]
        dated = [e for e in events if e.event_date is not None and e.date_precision == "day"]
        if dated:  # the story's time is that of its last event, not of a date mentioned in passing
            discourse.last_date = dated[-1].event_date
        elif day_dates and day_dates[-1].resolved is not None:
            discourse.last_date = day_dates[-1].resolved.value
        placed = [e.place for e in events if e.place is not None]
        cities = [p for p in places if p.place.geo_type != GEO_COUNTRY]
        if placed:
            discourse.last_place = placed[-1]
        elif cities:
            discourse.last_place = cities[0]
        return events

    def _trigger(self, token: Token) -> Trigger | None:
        if token.pos_ not in {"VERB", "AUX", "NOUN", "ADJ", "PROPN", "ADV"} or (
                not token.is_alpha and "-" not in token.text):
            return None
        if token.pos_ == "ADV" and not token.lower_.endswith(("é", "ée", "és", "ées")):
            return None  # only a participle the tagger took for an adverb ("ont expulsé lundi")
        lemma = token.lemma_.lower().replace(" ", "-")
        forms = [lemma, token.lower_, token.lower_.rstrip("s"), *_infinitives(token.lower_)]
        # the small model mixes up nouns, participles and adjectives: the tag decides first, then the form
        first = "VERB" if token.pos_ in {"VERB", "AUX", "ADJ"} else "NOUN"
        second = "NOUN" if first == "VERB" else "VERB"
        readings: list[Trigger] = []
        for pos in (first, second):
            for form in forms:
                readings = self.triggers.get((form, pos), [])
                if readings:
                    break
            if readings:
                break
        reflexive = any(c.lower_ in {"se", "s'", "me", "te", "nous", "vous"} and c.dep_.startswith(("expl", "obj"))
                        for c in token.children)
        for trigger in readings:
            if trigger.pos == "VERB" and token.pos_ == "PROPN":
                continue
            if trigger.reflexive is not None and trigger.pos == "VERB" and reflexive != trigger.reflexive:
                continue
            if trigger.requires and not _has_required(token, trigger.requires):
                continue
            return trigger
        return None

    @staticmethod
    def _met_before(ctx: _SentenceContext, index: int, actor1: Mention, actor2: Mention) -> bool:
        pair = {actor1.actor.key, actor2.actor.key}
        return any(e.sentence_index < index and e.code.startswith("04") and e.code not in {"042", "043"}
                   and {e.actor1.actor.key, e.actor2.actor.key} == pair for e in ctx.discourse.events)

    def _condemned(self, token: Token) -> bool:
        reaction = self._trigger(token.head)
        return reaction is not None and _is_reaction(reaction.code)

    def _target_country_place(self, target: Mention) -> PlaceMention | None:
        country = self.lexicon.countries.get(target.actor.country) if target.actor.country else None
        if country is None:
            return None
        return PlaceMention(self.gazetteer.country_place(country), target.start, target.text, target.char_offset)

    def _topic_of_other_trigger(self, token: Token) -> bool:
        """'ont salué la signature de l'accord': the noun names an event already reported, the topic of the
        praise; the verb is the event here."""
        head = token.head
        return (token.dep_ in {"obj", "nsubj", "nsubj:pass"} and head.i != token.i
                and head.pos_ in {"VERB", "AUX"} and self._trigger(head) is not None)

    def _places(self, sent: Span, by_token: dict[int, Atom], discourse: Discourse) -> Iterator[PlaceMention]:
        seen: set[int] = set()
        candidates: list[tuple[int, int]] = [(e.start, e.end) for e in sent.ents if e.label_ in {"LOC", "GPE"}]
        candidates += [(a.start, a.end) for a in dict.fromkeys(by_token.values()) if a.kind == ATOM_CAPITAL]
        for token in sent:
            start = token.i + 1
            prep = _opens_place(token)
            if prep and start < sent.end and sent.doc[start].lower_ in {"l'", "la", "le"}:
                start += 1
            if prep and start < sent.end and sent.doc[start].text[:1].isupper():
                end = start + 1
                while end < sent.end and (sent.doc[end].text[:1].isupper() or sent.doc[end].text in {"-", "de"}) \
                        and end - token.i < 5:
                    end += 1
                candidates.append((start, end))
        relative: set[int] = set()
        for token in sent:  # "quittait New Delhi, où il venait de rencontrer…": the antecedent of "où"
            if token.lower_ == "où" and token.i > sent.start:
                end = token.i - 1 if sent.doc[token.i - 1].text == "," else token.i
                start = end
                while start > sent.start and sent.doc[start - 1].text[:1].isupper() and end - start < 4:
                    start -= 1
                if start < end:
                    candidates.append((start, end))
                    relative.add(start)
        for start, end in sorted(candidates):
            if start in seen:
                continue
            span = sent.doc[start:end]
            text = span.text.strip(" ,.;")
            if start not in relative and not self._is_place_use(span, by_token):
                continue
            place = None
            for cut in range(len(span), 0, -1):  # longest prefix that the gazetteer knows
                piece = sent.doc[start:start + cut].text
                place = self.gazetteer.lookup(piece, context_countries=discourse.countries)
                if place is not None:
                    text = piece
                    break
            if place is None:
                continue
            seen.update(range(start, end))
            discourse.countries.add(place.country_iso2)
            yield PlaceMention(place, start, text, sent.doc[start].idx)

    @staticmethod
    def _is_place_use(span: Span, by_token: dict[int, Atom]) -> bool:
        head = span.root
        atom = by_token.get(span.start)
        if atom is not None and atom.kind == ATOM_PERSON:
            return False
        before = span.doc[span.start - 1] if span.start > 0 else None
        if before is not None and before.lower_ in {"l'", "le", "la", "les"} and span.start > 1:
            before = span.doc[span.start - 2]
        if before is not None and _opens_place(before):
            return True
        if head.dep_ == "appos" and any(c.dep_ == "case" and c.lower_ in _PLACE_PREPS for c in head.head.children):
            return True  # "dans sa capitale, Astana"
        if span.start > 1 and span.doc[span.start - 1].text == "," and span.doc[span.start - 2].lemma_.lower() in {
                "capitale", "ville", "port", "cité", "métropole", "localité", "station", "région", "province"}:
            return True  # "sa capitale, Astana", parsed or not as an apposition
        return any(c.dep_ == "case" and c.lower_ in _PLACE_PREPS for c in head.children)

    # -- one trigger ----------------------------------------------------------------------------
    def _code_trigger(self, token: Token, trigger: Trigger, ctx: _SentenceContext, index: int,
                      places: list[PlaceMention], dates: list) -> Iterator[CodedEvent]:
        if _negated(token) or _conditional(token) or _anaphoric(token) or _cancelled(token):
            return
        if trigger.pos == "VERB" and any(_characterises(c) and self._trigger(c) is not None for c in token.children):
            return  # "a appelé à…, dans une critique des États-Unis": the noun says what the act was
        if trigger.pos == "NOUN" and trigger.code.startswith("04") and any(
                c.lemma_.lower() in _NOT_A_MEETING for c in token.children):
            return  # "ses échanges commerciaux", "un échange de prisonniers": no meeting
        topic = trigger.pos == "NOUN" and self._topic_of_other_trigger(token)
        if topic and not (trigger.code[:2] in {"16", "17", "18", "19", "20"} and self._condemned(token)):
            return  # "a salué la signature": the praise is the event; strikes or sanctions condemned still are
        if _sentenced(token):
            return  # "condamné à six mois de prison": a court's sentence, not a political condemnation
        if _alleged(token):
            return  # "a accusé Kinshasa de soutenir les rebelles": the alleged or requested act is no event
        if trigger.code.startswith("12") and _infinitive_follows(token):
            return  # "refuse d'être le vassal de quiconque": declining to act is no rejection of a party
        intent = _is_intent(token)
        intent_code = "036" if trigger.intent else _INTENT_CODES.get(trigger.code[:2])
        if intent and intent_code is None:
            return
        pairs = [p for p in ctx.arguments(token, trigger) if not topic or p[2] >= 0.85]
        subtree = {t.i for t in token.subtree}
        own_place = any(p.token in subtree for p in places)  # "lors de leur rencontre à Astana"
        possessive = trigger.pos == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in {"leur", "leurs", "son", "sa", "ses"} for c in token.children)
        sports = bool({t.lower_ for t in ctx.sent} & _SPORTS_WORDS)
        for actor1, actor2, confidence in pairs:
            if actor1.actor.key == actor2.actor.key or not actor1.actor.key or not actor2.actor.key:
                continue
            if sports and not {actor1.actor.kind, actor2.actor.kind} & {"person", "title", "igo", "institution"}:
                continue  # "Les Canadiennes rencontreront les Allemandes en demi-finale": teams, not states
            if possessive and trigger.code.startswith("04") and not own_place \
                    and self._met_before(ctx, index, actor1, actor2):
                continue  # "à l'issue de leurs entretiens": the meeting reported earlier, not a second one
            code = intent_code if intent and intent_code else _refine_code(trigger.code, token, places)
            event_date, precision = _event_date(token, ctx.sent, dates, ctx.discourse, intent=intent)
            taken = {m.char_offset for m in (actor1, actor2) if m.actor.kind != "host"}
            place = _action_place(token, [p for p in places if p.char_offset not in taken], ctx.discourse)
            if code[:2] in {"18", "19", "20"} and (place is None or place not in places):
                # a strike with no place in its sentence hit the target's country, not the story's last venue
                place = self._target_country_place(actor2) or place
            yield CodedEvent(
                code=code,
                trigger=_trigger_text(token),
                action_char_offset=token.idx,
                actor1=actor1,
                actor2=actor2,
                symmetric=trigger.symmetric or intent,
                sentence_index=index,
                sentence=ctx.sent.text,
                sentence_span=(ctx.sent.start_char, ctx.sent.end_char),
                event_date=event_date,
                date_precision=precision,
                place=place,
                confidence=confidence,
            )


class _SentenceContext:
    """Argument finding for the triggers of one sentence."""

    def __init__(self, coder: Coder, sent: Span, by_token: dict[int, Atom], discourse: Discourse,
                 places: list[PlaceMention], index: int = 0) -> None:
        self.coder = coder
        self.index = index
        self.places = places
        self.sent = sent
        self.doc = sent.doc
        self.by_token = by_token
        self.discourse = discourse
        self._cache: dict[int, Mention | None] = {}
        self._heads: list[int] | None = None

    def actor_heads(self) -> list[int]:
        """Heads of the noun phrases that hold an actor word, in text order (computed once per sentence)."""
        if self._heads is not None:
            return self._heads
        heads: list[int] = []
        covered: set[int] = set()
        for i in sorted(self.by_token):
            atom = self.by_token[i]
            if atom.start in covered or atom.kind == ATOM_DEMONYM:
                continue
            covered.add(atom.start)
            heads.append(self._np_top(self.doc[atom.start]).i)
        self._heads = list(dict.fromkeys(heads))
        return self._heads

    def _np_top(self, token: Token) -> Token:
        """Climb from a name or adjective to the head of its noun phrase ('Xi' → 'président' in
        'le président chinois Xi Jinping'), but not into a noun that is no actor ('rencontre, Xi Jinping')."""
        while token.dep_ in {"flat:name", "flat", "amod", "appos", "fixed", "compound", "nummod"} \
                and token.head.i != token.i and token.head.pos_ in {"NOUN", "PROPN", "NUM"}:
            if token.dep_ in {"appos", "amod"} and token.head.i not in self.by_token \
                    and token.head.pos_ != "PROPN":
                break
            if token.dep_ == "appos" and self._is_place_phrase(token.head):
                break  # "au Caire le ministre égyptien": the title is not part of the place
            token = token.head
        return token

    def group(self, head: Token) -> list[Token]:
        """The head and its noun-phrase dependents (not crossing clauses or coordinations)."""
        out = [head]
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in tok.children:
                shared_title = (child.dep_ == "conj" and tok.i == head.i and child.pos_ == "NOUN"
                                and not any(c.dep_ in {"det", "case"} for c in child.children))
                if (child.dep_ in _NP_DEPS or shared_title) and not self._is_place_phrase(child) and not any(
                        c.dep_ == "case" and c.lower_ in _NOT_IN_NP for c in child.children):
                    # "…, selon le président russe": the source of a report is no part of it; "le porte-parole et
                    # négociateur en chef des houthis": one person with two titles
                    out.append(child)
                    stack.append(child)
        return sorted(out, key=lambda t: t.i)

    def _is_place_phrase(self, token: Token) -> bool:
        atom = self.by_token.get(token.i)
        if atom is not None and atom.kind == ATOM_PERSON:
            return False
        return any(c.dep_ == "case" and c.lower_ in _PLACE_PREPS for c in token.children)

    def mention(self, head: Token) -> Mention | None:
        if head.i not in self._cache:
            self._cache[head.i] = self._resolve(head)
        return self._cache[head.i]

    def _resolve(self, head: Token, *, recipient: bool = False) -> Mention | None:
        """The actor a noun phrase names; 'à Pékin' is a place unless the verb wants a recipient
        ('reprocher à Pékin', 'déclarer à Washington')."""
        if not recipient and self._is_place_phrase(head) and head.i not in self._person_tokens():
            return None
        tokens = self.group(head)
        atoms: list[Atom] = []
        for tok in tokens:
            atom = self.by_token.get(tok.i)
            if atom is not None and atom not in atoms:
                atoms.append(atom)
        when = self.discourse.pub_date
        start, end = tokens[0].i, tokens[-1].i + 1
        while end > start + 1 and (self.doc[end - 1].is_space or self.doc[end - 1].is_punct):
            end -= 1  # no trailing line breaks or commas in the text as written
        text = self.doc[start:end].text.strip()
        persons = [a for a in atoms if a.kind == ATOM_PERSON]
        if persons:
            actor = person_actor(persons[0].persons, when)
            self._remember(persons[0].text, actor)
            return Mention(actor, persons[0].start, persons[0].end, persons[0].text, self.doc[persons[0].start].idx)
        named = self._named_person(tokens)
        terms = [a for a in atoms if a.kind == ATOM_TERM]
        roles = [a for a in atoms if a.kind == ATOM_ROLE]
        demonyms = [a for a in atoms if a.kind == ATOM_DEMONYM]
        countries = [a for a in atoms if a.kind in {ATOM_COUNTRY, ATOM_CAPITAL}
                     and not is_ambiguous_country_token(a, self.doc[a.start])]
        if named is not None:
            return Mention(named, start, end, text, head.idx)
        if terms and not roles:
            if head.dep_ == "nmod" and head.head.lemma_.lower() in _VENUE_NOUNS:
                return None  # "en marge du sommet de l'OCS": the IGO is the venue, not a party
            return Mention(term_actor(terms[0]), start, end, text, self.doc[terms[0].start].idx)
        if roles and terms and terms[0].role not in {None, "", "GOV", "IGO"} and terms[0].country:
            # "le porte-parole des houthis", "le chef du Hamas", "un porte-parole du Pentagone": the group's code
            group = term_actor(terms[0])
            for per in self._unknown_person_names(tokens):
                self._remember(per, group)
            return Mention(group, start, end, text, self.doc[roles[0].start].idx)
        if roles:
            role = roles[0]
            country = (demonyms[0].country if demonyms else countries[0].country if countries else
                       terms[0].country if terms else None)
            if role.office == "counterpart":
                return self._counterpart(role, country, start, end, text)
            if country is None and terms:
                return Mention(term_actor(terms[0]), start, end, text, self.doc[terms[0].start].idx)
            possessor = self._possessor_country(tokens) if country is None else None
            if possessor is not None:
                # "son conseiller diplomatique", "sa porte-parole": an official of the person just spoken of
                actor = country_actor(possessor, role.role, name=text, kind="title")
                for per in self._unknown_person_names(tokens):
                    self._remember(per, actor)
                return Mention(actor, start, end, text, self.doc[role.start].idx)
            if country is None and any(
                    c.dep_ == "nmod" and c.pos_ in {"NOUN", "PROPN"} and c.i > role.end - 1
                    and any(k.dep_ == "case" and k.lower_ in {"de", "du", "des", "d'"} for k in c.children)
                    for c in self.doc[role.end - 1].children):
                return None  # "le président de l'Assemblée nationale", "du Sénat": another office than the story's
            if country is None:
                # "la junte", "le ministre" with no country: the last actor of that role in the story
                singular = "Number=Plur" not in str(self.doc[role.start].morph) and not any(
                    t.lower_ in {"deux", "les", "des", "ces", "trois"} for t in tokens)
                earlier = self._last_with_role(role.role, role.office) if singular else None
                return Mention(earlier, start, end, text, self.doc[role.start].idx) if earlier else None
            actor = country_actor(country, role.role, name=text, kind="title")
            for per in self._unknown_person_names(tokens):
                self._remember(per, actor)
            return Mention(actor, start, end, text, self.doc[role.start].idx)
        if countries and self._names_a_thing(self.doc[countries[0].start]):
            countries = []  # "l'accord de Paris", "le format de Normandie": the place names a document
        if countries:
            atom = countries[0]
            assert atom.country is not None
            actor = country_actor(atom.country, atom.role, name=atom.text,
                                  kind="capital" if atom.kind == ATOM_CAPITAL else "country")
            return Mention(actor, start, end, text, self.doc[atom.start].idx)
        head_is_demonym = bool(demonyms) and demonyms[0].start <= head.i < demonyms[0].end
        # "le manque de sérieux des Nord-Coréens": a people named by a noun inside the phrase
        head_is_demonym = head_is_demonym or (bool(demonyms) and self.doc[demonyms[0].start].pos_ in {"NOUN", "PROPN"}
                                              and self.doc[demonyms[0].start].dep_ == "nmod"
                                              and self.doc[demonyms[0].start].text[:1].isupper())
        if demonyms and (head_is_demonym or head.lemma_.lower() in _DEMONYM_HEADS | _MILITARY_HEADS):
            atom = demonyms[0]
            assert atom.country is not None
            military = any(t.lemma_.lower() in _MILITARY_HEADS or t.lower_.rstrip("s") in _MILITARY_HEADS
                           for t in tokens)
            actor = country_actor(atom.country, "MIL" if military else None, name=text, kind="country")
            return Mention(actor, start, end, text, self.doc[atom.start].idx)
        return None

    def _possessor_country(self, tokens: list[Token]) -> str | None:
        """'son conseiller diplomatique' at the head of a phrase: the country of the last person in subject
        position (the possessor), for officials below the head of state and government."""
        if not tokens or tokens[0].lower_ not in {"son", "sa", "ses"}:
            return None
        subjects = [m for m in self.discourse.subjects if m.actor.kind in {"person", "title"} and m.actor.country]
        return subjects[-1].actor.country if subjects else None

    @staticmethod
    def _names_a_thing(token: Token) -> bool:
        return (token.dep_ in {"nmod", "flat:name", "appos"} and token.head.i != token.i
                and token.head.lemma_.lower() in _NAMED_THINGS)

    def _person_tokens(self) -> set[int]:
        return {i for i, a in self.by_token.items() if a.kind == ATOM_PERSON}

    def _last_with_role(self, role: str | None, office: str | None) -> Actor | None:
        if role is None or office in {"counterpart", "official"}:
            return None
        for mention in reversed(self.discourse.mentions):
            if mention.actor.role == role and mention.actor.country and mention.actor.kind in {"person", "title"}:
                return mention.actor
        return None

    def _counterpart(self, role: Atom, country: str | None, start: int, end: int, text: str) -> Mention | None:
        """'son homologue biélorusse' → BLR + the role of the other actor (resolved by the caller).

        The words right after the title are read too, whatever the parse: 'son homologue ukrainien
        Volodymyr Zelensky' names the person (and so the country) even when the parser attaches them elsewhere.
        """
        for index in range(role.end, min(role.end + 5, self.sent.end)):
            atom = self.by_token.get(index)
            if atom is None:
                if self.doc[index].is_punct and self.doc[index].text != ",":
                    break
                continue
            if atom.kind == ATOM_PERSON:
                actor = person_actor(atom.persons, self.discourse.pub_date)
                self._remember(atom.text, actor)
                return Mention(actor, atom.start, atom.end, atom.text, self.doc[atom.start].idx)
            if atom.kind == ATOM_DEMONYM and country is None:
                country = atom.country
            elif atom.kind not in {ATOM_DEMONYM}:
                break
        if country is None:  # resolved against the other argument once it is known
            actor = Actor("", text, None, "GOV", None, "counterpart")
            return Mention(actor, start, end, text, self.doc[role.start].idx)
        actor = country_actor(country, "GOV", name=text, kind="title")
        return Mention(actor, start, end, text, self.doc[role.start].idx)

    def _named_person(self, tokens: list[Token]) -> Actor | None:
        for name in self._unknown_person_names(tokens):
            key = fold(name)
            if key in self.discourse.named:
                return self.discourse.named[key]
            last = fold(name.split()[-1])
            if last in self.discourse.named:
                return self.discourse.named[last]
        return None

    def _unknown_person_names(self, tokens: list[Token]) -> list[str]:
        names = []
        for ent in self.sent.ents:
            if ent.label_ == "PER" and any(ent.start <= t.i < ent.end for t in tokens):
                names.append(ent.text)
        run: list[str] = []
        for tok in tokens:  # "M. Poutine", capitalised words the NER missed; not "Paris" in "police de Paris"
            atom = self.by_token.get(tok.i)
            if atom is not None and atom.kind in {ATOM_COUNTRY, ATOM_CAPITAL, ATOM_TERM, ATOM_DEMONYM}:
                continue
            if tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ not in {"LOC", "GPE", "ORG"}:
                run.append(tok.text)
        if run:
            names.append(" ".join(run))
        return names

    def _remember(self, name: str, actor: Actor) -> None:
        self.discourse.named[fold(name)] = actor
        parts = name.split()
        if len(parts) > 1:
            self.discourse.named.setdefault(fold(parts[-1]), actor)
            if actor.country in _FAMILY_NAME_FIRST or len(parts[0]) > 3:
                # "Xi Jinping" … "M. Xi"; "Prabowo Subianto" … "M. Prabowo": within one article a person may
                # be named by either part
                self.discourse.named.setdefault(fold(parts[0]), actor)

    # -- arguments -----------------------------------------------------------------------------
    def _pair_subject(self, token: Token) -> tuple[Mention, Mention] | None:
        """'Les deux dirigeants ont signé…', 'ils se sont entretenus': the two actors last named."""
        def plural(candidate: Token) -> bool:
            plural_pronoun = candidate.pos_ == "PRON" and candidate.lower_ in {"ils", "elles"}
            two = any(c.lower_ in {"deux", "les deux"} for c in candidate.children if c.dep_ in {"nummod", "det"})
            return (plural_pronoun or two) and not any(c.dep_ == "conj" for c in candidate.children)

        current = token
        for _ in range(3):
            for child in current.children:
                if child.dep_ not in {"nsubj", "nsubj:pass"}:
                    continue
                return self.discourse.last_pair() if plural(child) else None
            if current.dep_ == "acl" and plural(current.head):  # "Les deux ministres y avaient promis…"
                return self.discourse.last_pair()
            if current.dep_ in _INHERIT_SUBJECT and current.head.i != current.i:
                current = current.head
                continue
            break
        return None

    def arguments(self, token: Token, trigger: Trigger) -> Iterator[tuple[Mention, Mention, float]]:
        possessive_pair = trigger.pos == "NOUN" and any(
            c.lower_ in {"leur", "leurs"} and c.dep_ == "det" for c in token.children)
        if (_gerund(token) or possessive_pair) and token.sent.root.i != token.i and trigger.symmetric:
            # "…se sont entretenus…, en convenant de poursuivre le dialogue": the main clause's parties
            root = token.sent.root
            subject, _ = self._subject(root)
            partner = self._conj_partner(root, subject) if subject is not None else None
            if subject is not None and partner is not None:
                yield subject, partner, 0.75
                return
        yield from self._arguments(token, trigger)

    def _arguments(self, token: Token, trigger: Trigger) -> Iterator[tuple[Mention, Mention, float]]:
        pair = self._pair_subject(token)
        if pair is None and trigger.pos == "NOUN" and any(
                c.lower_ in {"leur", "leurs"} and c.dep_ == "det" for c in token.children):
            # "lors de leur rencontre à Astana", "il a rejoint avec Poutine le lieu de leur entretien"
            here = [m for m in (self.mention(self.doc[h]) for h in self.actor_heads() if h < token.i) if m]
            pair = self.discourse.last_pair(here)
        if pair is not None and trigger.symmetric:
            target = self._target(token, trigger)
            if target is None or target.actor.key in {pair[0].actor.key, pair[1].actor.key}:
                yield pair[0], pair[1], 0.8
                return
        elif pair is not None:  # "les deux ministres ont promis une aide à Kiev": one event per minister
            target = self._target(token, trigger) or self._recipient(token, trigger, None)
            if target is not None:
                for member in pair:
                    if member.actor.key != target.actor.key:
                        yield member, target, 0.75
                return
        subject, passive = self._subject(token)
        passive = passive or _is_passive(token)
        target = self._target(token, trigger)
        confidence = 0.9
        if passive:
            agent_token = self._child_with_case(token, {"par"})
            agent = self.mention(self._np_top(agent_token)) if agent_token is not None else None
            if agent is None:
                agent = self._after_word(token, {"par"})
            patient = subject or self._linear(token, after=False, exclude=None)
            subject, target = agent, patient
        elif target is None and trigger.target in {"avec", "any", "entre"}:
            target = self._after_word(token, {"avec", "auprès"})
        if trigger.pos == "NOUN":
            between = self._between(token)
            if between is not None:
                yield between[0], between[1], 0.85
                return
            if subject is None:
                subject = self._noun_source(token)
        if subject is not None and trigger.symmetric and (target is None or target.actor.key == subject.actor.key):
            target = self._conj_partner(token, subject)
        if target is None and subject is not None and trigger.code == "161":
            # "a rappelé son ambassadeur en Iran / à Rabat": the country where the diplomat served
            target = self._country_under(token, subject)
        if target is None and subject is not None and trigger.target in {"place", "arrival"}:
            target = self._host(token, subject)
        if target is None and subject is not None and trigger.target == "recipient":
            target = self._recipient(token, trigger, subject)
            confidence = 0.6
        reaction = _is_reaction(trigger.code)
        said = _refine_code(trigger.code, token, [])  # what a statement says decides whom it may be aimed at
        if target is None and subject is not None and trigger.target not in _NO_GUESSED_TARGET:
            target = self._linear(token, after=True, exclude=subject)
            confidence = 0.6
        if target is None and subject is not None and (
                said == "010" or trigger.code[:2] == "13"):
            # "a affirmé que l'Inde et la Chine étaient des partenaires", "a averti que Téhéran riposterait à
            # toute attaque israélienne": the other party named in what was said
            target = self._content_target(token, subject, places=trigger.code[:2] == "13")
            confidence = 0.55
        if target is None and subject is not None and (reaction or (trigger.code.startswith("05")
                                                                   and _refers_back(token))):
            # "Pékin a rejeté ces accusations" → the accuser; "a salué une visite" → the visitor
            target = self._last_actor_on(subject)
            confidence = 0.55
        if target is None and subject is not None and (
                trigger.code[:2] in {"02", "03"} or trigger.code == "016"
                or said[:2] in {"02", "03", "05"}):
            # "Devant le président russe, il a plaidé pour…": an appeal or a promise with no named addressee
            # goes to the party the speaker has just met; a bare statement (010) is never guessed one
            target = self._recent_partner(subject, sentence_index=self.index)
            confidence = 0.55
        if target is None and subject is not None and reaction and _refers_back(token):
            # "X a condamné cet acte de guerre": verbal conflict aimed at the party the story is about; not
            # "a critiqué l'accord de Paris", whose object names something else
            target = self._recent_other(subject)
            confidence = 0.5
        if subject is None and target is not None and not passive:
            subject = self._linear(token, after=False, exclude=target)
            confidence = 0.6
        if target is not None and target.actor.kind == "counterpart" and subject is not None \
                and any(w in target.text.lower().split() for w in ("deux", "ses", "leurs")):
            # "a accueilli ses deux homologues": each of the two parties last named, other than the host
            pair = self.discourse.last_pair()
            members = [m for m in pair or () if m.actor.key != subject.actor.key]
            for member in members:
                yield subject, Mention(member.actor, target.start, target.end, target.text, target.char_offset), 0.8
            if members:
                return
        if target is not None and target.actor.kind == "counterpart":
            target = self._resolve_counterpart(target, subject)
        if subject is not None and subject.actor.kind == "counterpart":
            subject = self._resolve_counterpart(subject, target)
        if subject is not None and target is None and trigger.target in {"obj", "any"}:
            plural = self._plural_object(token, subject)
            for member in plural:
                yield subject, member, 0.7
            if plural:
                return
        if subject is None or target is None:
            return
        yield subject, target, confidence
        for extra in self._conj_targets(token, trigger):
            yield subject, extra, confidence
        if not trigger.symmetric or passive:
            for extra in self._conj_subjects(token, subject if not passive else target):
                yield (subject, extra, confidence) if passive else (extra, target, confidence)
        for member in self._dont_members(token, exclude={subject.actor.key, target.actor.key}):
            yield subject, member, 0.7

    def _subject(self, token: Token) -> tuple[Mention | None, bool]:
        if token.dep_ in {"acl", "advcl"} and _present_participle(token):
            # "…, reprochant à Pékin de…": a participial clause after a comma speaks of the main subject
            root = token.sent.root
            if root.i != token.i:
                found = next((c for c in root.children if c.dep_ in {"nsubj", "nsubj:pass"}), None)
                if found is not None:
                    return self._subject_mention(found, root), found.dep_ == "nsubj:pass"
        current = token
        for _ in range(4):
            for child in current.children:
                if child.dep_ in {"nsubj", "nsubj:pass"}:
                    return self._subject_mention(child, current), child.dep_ == "nsubj:pass"
            if current.dep_ == "acl:relcl" or (
                    current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}):
                # "35 diplomates russes accusés d'espionnage": a past participle's noun is what undergoes it
                undergoes = current.dep_ == "acl" and "Tense=Past" in str(current.morph) \
                    and "VerbForm=Part" in str(current.morph)
                return self.mention(self._np_top(current.head)), undergoes
            if current.dep_ in _INHERIT_SUBJECT and current.head.i != current.i:
                current = current.head
                continue
            break
        return None, False

    def _subject_mention(self, child: Token, verb: Token) -> Mention | None:
        if child.pos_ == "PRON":
            lower = child.lower_
            if lower == "qui" and verb.dep_.startswith("acl"):
                return self.mention(self._np_top(verb.head))
            if lower in _SUBJECT_PRONOUNS or lower in {"qui", "ce"}:
                people = lower in {"il", "elle", "lui", "celui-ci", "celle-ci"}
                found = self._sentence_subject(before=child.i, people=people)
                if found is None and people:
                    found = self._main_subject_after(child, verb)
                if found is None and people:
                    found = self._partner_of_named_before(child)
                return found or self._salient()
            return None
        if child.lower_ == "dernier" or child.lower_ == "derniers":  # "ce dernier"
            return self.discourse.mentions[-1] if self.discourse.mentions else None
        return self.mention(self._np_top(child))

    def _content_target(self, token: Token, subject: Mention, *, places: bool) -> Mention | None:
        """The first actor of another country named in the clause a verb of saying introduces (a threat also
        aims at a country named as a place or by an adjective: 'toute attaque israélienne', 'au Niger')."""
        clauses = [c for c in token.children if c.i > token.i and (c.dep_ in {"ccomp", "xcomp"} or (
            c.dep_ == "obj" and any(g.dep_ in {"nsubj", "mark", "cop"} for g in c.children)))]
        own = {subject.actor.key, subject.actor.country}
        for tok in (t for clause in clauses for t in clause.subtree):
            inner = self.coder._trigger(tok)
            denied = _negated(tok) or (tok.i > 0 and tok.nbor(-1).lower_ in {"ni", "aucun", "aucune"}) or any(
                c.lower_ in {"ni", "aucun", "aucune"} for c in tok.children)  # "ni négociations, ni rencontre"
            if inner is not None and not inner.code.startswith("01") and not denied:
                return None  # "a déclaré qu'il rencontrerait son homologue": the clause is an event of its own
        for clause in clauses:
            for tok in clause.subtree:
                atom = self.by_token.get(tok.i)
                if atom is None or atom.start != tok.i:
                    continue
                mention = self.mention(self._np_top(tok))
                if mention is None and places and atom.country and atom.kind in {
                        ATOM_COUNTRY, ATOM_CAPITAL, ATOM_DEMONYM}:
                    actor = country_actor(atom.country, None, name=atom.text, kind="country")
                    mention = Mention(actor, atom.start, atom.end, atom.text, tok.idx)
                if mention is not None and mention.actor.key and not own & {mention.actor.key, mention.actor.country}:
                    return mention
        return None

    def _main_subject_after(self, pronoun: Token, verb: Token) -> Mention | None:
        """'À Ouagadougou, où il s'est entretenu avec X, le chef de l'État sénégalais a…': a pronoun in a
        clause that comes before the main clause's subject announces that subject."""
        root = self.sent.root
        if verb.i == root.i:
            return None
        subject = next((c for c in root.children if c.dep_ in {"nsubj", "nsubj:pass"} and c.i > pronoun.i
                        and c.pos_ != "PRON"), None)
        if subject is None or not (verb.i < subject.i):
            return None
        mention = self.mention(self._np_top(subject))
        return mention if mention is not None and mention.actor.kind in {"person", "title"} else None

    def _partner_of_named_before(self, pronoun: Token) -> Mention | None:
        """'Devant le président russe, il a réitéré son appel': 'il' is not the person just named in the
        sentence but that person's partner in the story's latest event between them."""
        named = [m for m in (self.mention(self.doc[h]) for h in self.actor_heads() if h < pronoun.i)
                 if m is not None and m.actor.kind in {"person", "title"}]
        if not named:
            return None
        key = named[-1].actor.key
        for event in reversed(self.discourse.events):
            keys = (event.actor1.actor.key, event.actor2.actor.key)
            if key in keys and keys[0] != keys[1]:
                return event.actor2 if keys[0] == key else event.actor1
        return None

    def _resolve_counterpart(self, counterpart: Mention, other: Mention | None) -> Mention | None:
        """'son interlocuteur', 'son hôte': the last named actor that is not the other argument."""
        not_key = other.actor.key if other is not None else None
        for mention in reversed(self.discourse.mentions):
            if mention.actor.kind in {"person", "title"} and mention.actor.key and mention.actor.key != not_key:
                return Mention(mention.actor, counterpart.start, counterpart.end, counterpart.text,
                               counterpart.char_offset)
        return None

    def _sentence_subject(self, *, before: int, people: bool = False) -> Mention | None:
        """'Le chef de l'ONU se rendra à Kiev, où il sera reçu…': an earlier subject of the same sentence
        ('il' / 'elle' stand for a person or a title, not a capital or a country)."""
        for tok in reversed(self.sent[: before - self.sent.start]):
            if tok.dep_ in {"nsubj", "nsubj:pass"} and tok.pos_ != "PRON":
                mention = self.mention(self._np_top(tok))
                if mention is not None and (not people or mention.actor.kind in {"person", "title", "igo"}):
                    return mention
        return None

    def _salient(self) -> Mention | None:
        """Antecedent of 'il' / 'elle': the last person in subject position, else the last person named."""
        subjects = [m for m in self.discourse.subjects if m.actor.kind in {"person", "title", "igo"}]
        if subjects:
            return subjects[-1]
        people = [m for m in self.discourse.mentions if m.actor.kind in {"person", "title"}]
        return people[-1] if people else (self.discourse.mentions[-1] if self.discourse.mentions else None)

    def _child_with_case(self, token: Token, cases: set[str]) -> Token | None:
        for child in token.children:
            if child.dep_.startswith(("obl", "nmod", "iobj")) and any(
                    c.dep_ == "case" and c.lower_ in cases for c in child.children):
                return child
        return None

    def _target(self, token: Token, trigger: Trigger) -> Mention | None:
        order = {"any": ("obj", "avec", "iobj"), "obj": ("obj", "avec"), "avec": ("avec", "obj"),
                 "iobj": ("iobj", "obj"), "to": ("iobj",), "entre": ("avec",), "de": ("de",),
                 "contre": ("contre", "obj"), "place": ("obj",), "arrival": (), "recipient": ("iobj",)}[trigger.target]
        for kind in order:
            # "a rencontré … à Astana": for verbs without a recipient, "à X" is a place, not a party
            found = self._target_of_kind(token, kind, places_as_recipients=trigger.target != "any")
            if found is not None:
                return found
        return None

    def _target_of_kind(self, token: Token, kind: str, *, places_as_recipients: bool = True) -> Mention | None:
        if kind == "obj":
            # "a salué en son hôte un ami du Brésil": the person seen "en" someone is the party
            seen_in = self._child_with_case(token, {"en"})
            if seen_in is not None and seen_in.pos_ in {"NOUN", "PROPN"}:
                mention = self._resolve(self._np_top(seen_in), recipient=True)
                if mention is not None and mention.actor.kind in {"person", "title", "counterpart"}:
                    return mention
            objects = [c for c in token.children if c.dep_ == "obj"]
            if not objects and any(c.lower_ in {"l'", "le", "la", "les"} and c.i < token.i and c.dep_ == "det"
                                   for c in token.children):
                return self._pronoun_target(token)  # "l'accusant de…": a clitic the small model took for a det
            # an object the small model labelled as another argument, recognisable by its lack of preposition
            objects += [c for c in token.children if c.dep_ in {"obl:agent", "obl:arg", "obl:mod"}
                        and c.pos_ in {"PROPN", "NOUN"} and c.lower_ not in _TIME_WORDS
                        and not any(g.dep_ == "case" for g in c.children) and c.i > token.i]
            # "a rencontré jeudi son homologue": the object hangs under "jeudi", whatever its label
            for child in [c for c in token.children if c.lower_ in _TIME_WORDS]:
                objects += [g for g in child.children if g.dep_ in {"nmod", "appos", "obj", "flat:name"}]
            for child in objects:
                if any(c.dep_ == "case" for c in child.children) and child.dep_ == "obj":
                    continue  # "arrivait de Pyongyang" parsed as an object: a prepositional phrase is none
                if child.dep_ in {"obj", "nmod", "appos", "flat:name", "obl:agent", "obl:arg", "obl:mod"} \
                        and child.lower_ not in _TIME_WORDS:
                    if child.pos_ == "PRON":
                        return self._pronoun_target(token)
                    mention = self.mention(self._np_top(child))
                    if mention is not None:
                        return mention
        elif kind == "avec":
            partner = self._child_with_case(token, {"avec", "auprès"})
            if partner is not None and partner.pos_ == "PRON" and partner.lower_ in {"qui", "lequel", "laquelle"}:
                return self._antecedent(partner)
            found = self.mention(self._np_top(partner)) if partner is not None else None
            if found is not None:
                return found
            for tok in self.sent[token.i - self.sent.start + 1:]:  # "a signé avec lui plusieurs accords"
                if tok.lower_ == "avec" and tok.i + 1 < self.sent.end and self.doc[tok.i + 1].lower_ in {
                        "lui", "elle", "eux", "elles"}:
                    return self._pronoun_target(token, people_here=True)
                if tok.pos_ in {"VERB"}:
                    break
        elif kind == "iobj":
            for back in range(max(self.sent.start, token.i - 3), token.i):
                clitic = self.doc[back]
                if clitic.lower_ in {"lui", "leur"} and clitic.pos_ == "PRON":
                    return self._pronoun_target(token)
            for child in token.children:
                if child.pos_ == "PRON" and child.lower_ in {"en", "y", "se", "s'"}:
                    continue  # "s'en prendre à X": the recipient is X, not a pronoun
                if child.dep_ == "iobj" or (child.pos_ == "PRON" and child.lower_ in {"lui", "leur"}):
                    if child.pos_ == "PRON":
                        return self._pronoun_target(token)
                    return self.mention(child)
            recipient = self._child_with_case(token, {"à", "au", "aux"})
            if recipient is not None:
                return self._resolve(self._np_top(recipient), recipient=places_as_recipients)
        elif kind == "contre":
            against = self._child_with_case(token, {"contre", "envers", "visant", "sur"})
            if against is None and token.dep_ == "amod" and token.head.pos_ == "NOUN":
                against = self._child_with_case(token.head, {"contre", "envers", "visant", "sur"})
            if against is not None:
                found = self.mention(self._np_top(against)) or self._place_country(against)
                if found is not None:
                    return found
            return self._after_word(token, {"contre", "visant", "envers"})
        elif kind == "de":
            owner = self._child_with_case(token, {"de", "du", "des", "d'"})
            if owner is not None:
                return self.mention(self._np_top(owner))
        return None

    def _place_country(self, token: Token) -> Mention | None:
        """'des frappes sur Kharkiv': the country of the place struck (its people, not a named actor)."""
        for place in self.places:
            if place.token <= token.i < place.token + max(1, len(place.text.split())):
                iso3 = place.place.country_iso3
                if iso3:
                    actor = country_actor(iso3, None, name=place.text, kind="country")
                    return Mention(actor, place.token, place.token + 1, place.text, place.char_offset)
        return None

    def _recent_partner(self, subject: Mention, *, sentence_index: int) -> Mention | None:
        """The other party of the subject's latest event, if it was coded in the last two sentences."""
        for event in reversed(self.discourse.events):
            if event.sentence_index < sentence_index - 2:
                return None
            keys = (event.actor1.actor.key, event.actor2.actor.key)
            if subject.actor.key in keys:
                return event.actor2 if keys[0] == subject.actor.key else event.actor1
        return None

    def _last_actor_on(self, subject: Mention) -> Mention | None:
        """The last party that acted on the subject in this article (whom a reaction answers)."""
        for event in reversed(self.discourse.events):
            if event.actor2.actor.key == subject.actor.key and event.actor1.actor.key != subject.actor.key:
                return event.actor1
        return None

    def _recent_other(self, subject: Mention) -> Mention | None:
        """The last actor of another country named in this or the previous sentence."""
        here = [m for m in (self.mention(self.doc[h]) for h in self.actor_heads()) if m is not None]
        for mention in reversed(here + self.discourse.mentions[-4:]):
            if mention.actor.key and mention.actor.key != subject.actor.key and mention.actor.kind != "counterpart":
                return mention
        return None

    def _antecedent(self, relative: Token) -> Mention | None:
        """'…, Wang Yi, avec qui il s'est entretenu': the nearest actor before the relative pronoun."""
        for head in sorted((h for h in self.actor_heads() if h < relative.i), reverse=True):
            mention = self.mention(self.doc[head])
            if mention is not None:
                return mention
        return None

    def _pronoun_target(self, token: Token, *, people_here: bool = False) -> Mention | None:
        """'lui', 'leur', 'le': the last salient actor that is not the subject ('avec lui': a person named
        earlier in the sentence comes first)."""
        subject, _ = self._subject(token)
        not_key = subject.actor.key if subject else None
        for event in reversed(self.discourse.events):
            # "X s'en est pris à Y, le qualifiant de…, l'accusant de…": the party this subject just acted on
            if event.sentence_index != self.index:
                break
            if not_key and event.actor1.actor.key == not_key and event.actor2.actor.kind != "host":
                return event.actor2
        for tok in self.sent:  # "M. Zelensky avait été reçu…, par Rishi Sunak, qui lui avait promis…"
            if tok.i < token.i and tok.dep_ in {"nsubj", "nsubj:pass"} and tok.pos_ != "PRON":
                here = self.mention(self._np_top(tok))
                if here is not None and here.actor.key and here.actor.key != not_key:
                    return here
        # "Reçu à Tokyo par le Premier ministre Shigeru Ishiba, il a signé avec lui…": a person named earlier
        # in the same sentence, in any function
        for head in sorted((h for h in self.actor_heads() if h < token.i and people_here), reverse=True):
            here = self.mention(self.doc[head])
            if here is not None and here.actor.kind in {"person", "title"} and here.actor.key \
                    and here.actor.key != not_key:
                return here
        for mention in reversed(self.discourse.subjects[-3:]):
            if mention.actor.key and mention.actor.key != not_key:
                return mention
        return self.discourse.last_other(not_key)

    def _between(self, token: Token) -> tuple[Mention, Mention] | None:
        child = self._child_with_case(token, {"entre"})
        if child is None:
            return None
        first = self.mention(self._np_top(child))
        conj = [c for c in child.subtree if c.dep_ == "conj" and c.head.i == child.i]
        # "l'entretien entre Donald Trump et Vladimir Poutine": the second name hung on the noun itself
        conj = conj or [c for c in token.children if c.dep_ == "conj" and c.i > child.i]
        second = self.mention(self._np_top(conj[0])) if conj else None
        if first is not None and second is not None:
            return first, second
        return None

    def _in_target_phrase(self, candidate: Token, trigger: Token) -> bool:
        """Is the word inside a 'contre X' / 'sur X' / 'visant X' phrase (the target of an act)?"""
        current = candidate
        for _ in range(4):
            if any(c.dep_ == "case" and c.lower_ in {"contre", "sur", "visant", "envers"} for c in current.children):
                return True
            if current.i == trigger.i or current.head.i == current.i:
                return False
            current = current.head
        return False

    def _noun_source(self, token: Token) -> Mention | None:
        """Source of a nominal trigger: 'leur rencontre' → the last two actors; the governing verb's subject."""
        possessive = [c for c in token.children if c.dep_ == "det" and "Poss=Yes" in str(c.morph)]
        if token.head.pos_ in {"VERB", "AUX"} and (token.dep_ in {"obj", "nsubj"} or _characterises(token)):
            subject, _ = self._subject(token.head)
            if subject is not None:
                return subject
        governor = self._governing_verb(token)
        if governor is not None:  # "…, à l'issue d'un entretien téléphonique avec X": the clause's subject
            subject, _ = self._subject(governor)
            if subject is not None:
                return subject
        # the demonym of the act: "frappes russes", "frappes de missiles russes", and "frappes" tagged as an
        # adjective of "russes" by the small model; never one inside the target ("contre les forces ukrainiennes")
        military = token.lemma_.lower() in {"frappe", "bombardement", "attaque", "tir", "raid", "offensive"} or \
            token.lower_.startswith(("frappe", "bombard"))
        scope = self.group(token.head if token.dep_ == "amod" and token.head.pos_ == "NOUN" else token)
        for candidate in scope:
            if self._in_target_phrase(candidate, token):
                continue
            atom = self.by_token.get(candidate.i)
            if atom is not None and atom.kind == ATOM_DEMONYM and atom.country:
                role = "MIL" if military else "GOV"
                return Mention(country_actor(atom.country, role, name=candidate.text, kind="title"),
                               candidate.i, candidate.i + 1, candidate.text, candidate.idx)
        de = self._target_of_kind(token, "de")
        if de is not None and de.actor.kind != "igo":  # "la réunion de l'OCS" is the IGO's meeting, no party
            return de
        if possessive and self.discourse.mentions:
            if any(c.lower_ in {"leur", "leurs"} for c in possessive):
                pair = self.discourse.last_pair()
                return pair[0] if pair else None
            return self._salient()  # "sa première visite": the person the story is about
        return None

    def _country_under(self, token: Token, subject: Mention) -> Mention | None:
        """The first country or capital named in the trigger's object, other than the subject's country."""
        for child in token.children:
            if child.dep_ not in {"obj", "obl:arg", "obl:mod", "nmod"}:
                continue
            for tok in child.subtree:
                atom = self.by_token.get(tok.i)
                if atom is not None and atom.kind in {ATOM_COUNTRY, ATOM_CAPITAL} and atom.country \
                        and atom.country != subject.actor.country:
                    actor = country_actor(atom.country, "GOV", name=atom.text, kind="capital")
                    return Mention(actor, atom.start, atom.end, atom.text, self.doc[atom.start].idx)
        return None

    @staticmethod
    def _governing_verb(token: Token) -> Token | None:
        """The verb a noun trigger hangs from through a time phrase ('à l'issue de', 'lors de', 'au cours de',
        'après'), e.g. 'a accepté …, à l'issue d'un entretien avec X'."""
        current = token
        for _ in range(3):
            if not current.dep_.startswith(("obl", "nmod")) or current.head.i == current.i:
                return None
            head = current.head
            if head.pos_ in {"VERB", "AUX"}:
                return head if current.i != token.i or any(
                    c.dep_ == "case" and c.lower_ in {"après", "lors", "pendant", "durant"} for c in token.children
                ) else None
            if head.lemma_.lower() not in {"issue", "cours", "lors", "terme", "fin", "occasion", "marge", "suite"}:
                return None
            current = head
        return None

    def _plural_object(self, token: Token, subject: Mention) -> list[Mention]:
        """'a reçu les deux ministres': the two people last named, other than the subject; 'a exhorté les deux
        pays': the two countries last named (the object may hang under a time word: 'a exhorté jeudi les…')."""
        children = [*token.children, *(g for c in token.children if c.lower_ in _TIME_WORDS for g in c.children)]
        for child in children:
            if child.dep_ == "obj" and any(c.lower_ == "deux" for c in child.children if c.dep_ in {"nummod", "det"}):
                countries = child.lemma_.lower() in {"pays", "voisin", "état", "capitale", "gouvernement", "camp",
                                                     "partie", "belligérant", "rival"}
                people = [m for m in self.discourse.mentions if m.actor.key != subject.actor.key and (
                    m.actor.kind in {"person", "title"} or (countries and m.actor.country is not None))]
                if countries:  # "les deux pays": the story's two most named countries (one actor each)
                    by_country = {m.actor.country: m for m in people if m.actor.country != subject.actor.country}
                    named = Counter(m.actor.country for m in people if m.actor.country in by_country)
                    top = [country for country, _ in named.most_common(2)]
                    return [by_country[country] for country in top] if len(top) == 2 else []
                found: list[Mention] = []
                for mention in reversed(people):
                    if all(mention.actor.key != f.actor.key for f in found):
                        found.append(mention)
                    if len(found) == 2:
                        return found
        return []

    def _conj_partner(self, token: Token, subject: Mention | None = None) -> Mention | None:
        holder = token
        for _ in range(3):  # 'ont eu un bref échange': the subject belongs to the light verb
            if any(c.dep_ in {"nsubj", "nsubj:pass"} for c in holder.children) or holder.head.i == holder.i:
                break
            if holder.dep_ not in _INHERIT_SUBJECT | {"obj"}:
                break
            holder = holder.head
        token = holder
        for child in token.children:
            if child.dep_ in {"nsubj", "nsubj:pass"}:
                for conj in child.subtree:
                    if conj.dep_ != "conj" or conj.pos_ in {"VERB", "AUX"}:
                        continue
                    atom = self.by_token.get(conj.i)
                    mention: Mention | None
                    if atom is not None and atom.kind == ATOM_DEMONYM and atom.country:
                        head_role = self.by_token.get(child.i)
                        role = head_role.role if head_role is not None and head_role.kind == ATOM_ROLE else "GOV"
                        mention = Mention(country_actor(atom.country, role, name=conj.text, kind="title"),
                                          conj.i, conj.i + 1, conj.text, conj.idx)
                    else:
                        mention = self.mention(self._np_top(conj)) if self._np_top(conj).i != child.i else \
                            self.mention(conj)
                    if mention is not None and (subject is None or mention.actor.key != subject.actor.key):
                        return mention
                if child.head.i == token.i and child.lower_ in {"ils", "elles"} and len(self.discourse.mentions) >= 2:
                    return self.discourse.mentions[-2]
        # "Moscou et Hanoï ont signé": an actor joined by "et" just before the subject
        for child in token.children:
            if child.dep_ == "nsubj":
                first = self.group(self._np_top(child))[0].i
                if first - 2 >= self.sent.start and self.doc[first - 1].lower_ == "et":
                    for before in sorted((h for h in self.actor_heads() if h < first - 1), reverse=True)[:1]:
                        mention = self.mention(self.doc[before])
                        if mention is not None and (subject is None or mention.actor.key != subject.actor.key):
                            return mention
        # "Xi Jinping et Vladimir Poutine se sont entretenus": the parser may put the first name elsewhere
        for child in token.children:
            if child.dep_ == "nsubj":
                head = self._np_top(child)
                for tok in self.sent:
                    if tok.dep_ == "conj" and tok.head.i == head.i:
                        return self.mention(tok)
        # "leur rencontre", "les deux dirigeants": the last two actors of different countries
        if any(c.lower_ in {"leur", "leurs"} for c in token.children):
            pair = self.discourse.last_pair()
            return pair[1] if pair else None
        return None

    def _dont_members(self, token: Token, exclude: set[str]) -> Iterator[Mention]:
        """'…reçus par X, aux côtés d'une dizaine de dirigeants, dont le Premier ministre canadien': members
        of a group taking part in the same event."""
        seen = set(exclude)
        for tok in self.sent:
            if tok.i <= token.i or tok.lower_ != "dont":
                continue
            for head in self.actor_heads():
                if tok.i < head <= tok.i + 4:
                    mention = self.mention(self.doc[head])
                    if mention is not None and mention.actor.key not in seen:
                        seen.add(mention.actor.key)
                        yield mention
                    break

    def _conj_subjects(self, token: Token, first: Mention) -> Iterator[Mention]:
        """'X et Y ont été reçus', 'X et Y ont condamné': one event per coordinated subject."""
        for child in token.children:
            if child.dep_ not in {"nsubj", "nsubj:pass"}:
                continue
            seen = {first.actor.key}
            for conj in child.subtree:
                if conj.dep_ != "conj" or conj.pos_ in {"VERB", "AUX", "ADJ"}:
                    continue
                mention = self.mention(self._np_top(conj)) if self._np_top(conj).i != child.i else self.mention(conj)
                if mention is not None and mention.actor.key not in seen:
                    seen.add(mention.actor.key)
                    yield mention

    def _conj_targets(self, token: Token, trigger: Trigger) -> Iterator[Mention]:
        """'a rencontré X et Y', 's'est entretenu avec X et Y': one event per coordinated target."""
        heads = [c for c in token.children if c.dep_ in {"obj", "obl", "obl:arg", "obl:mod", "iobj"}]
        candidates = [conj for head in heads for conj in head.children if conj.dep_ == "conj"]
        candidates += [c for c in token.children if c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN"}]
        for conj in candidates:
            atom = self.by_token.get(conj.i)
            if atom is not None and atom.kind == ATOM_DEMONYM and atom.country:  # "israéliennes et américaines"
                yield Mention(country_actor(atom.country, None, name=conj.text, kind="country"), conj.i, conj.i + 1,
                              conj.text, conj.idx)
                continue
            if conj.pos_ not in {"NOUN", "PROPN"}:
                continue
            mention = self.mention(self._np_top(conj))
            if mention is not None:
                yield mention

    def _linear(self, token: Token, *, after: bool, exclude: Mention | None) -> Mention | None:
        """Nearest actor on one side of the trigger in the same sentence (fallback, lower confidence).

        Before the trigger, an actor inside a prepositional phrase ('allié du Kremlin') is no subject.
        """
        heads = self.actor_heads()
        ordered = [h for h in heads if (h > token.i if after else h < token.i)]
        if not after:
            ordered.reverse()
        for head in ordered:
            if not after and self._in_prepositional_phrase(self.doc[head]):
                continue
            if self._igo_complement(self.doc[head]):
                continue
            mention = self.mention(self.doc[head])
            if mention is not None and (exclude is None or mention.actor.key != exclude.actor.key):
                return mention
        return None

    def _recipient(self, token: Token, trigger: Trigger, giver: Mention | None) -> Mention | None:
        """Who receives an aid or a promise: 'à X' / 'pour X', else the other party the article is about."""
        explicit = self._target_of_kind(token, "iobj")
        if explicit is None:
            for_whom = self._child_with_case(token, {"pour", "à", "au", "aux"})
            explicit = self.mention(self._np_top(for_whom)) if for_whom is not None else None
        if explicit is None:  # "a livré des missiles à l'Ukraine": "à X" attached to the object
            for tok in self.sent[token.i - self.sent.start + 1:]:
                if tok.pos_ == "VERB":
                    break
                if tok.lower_ in {"à", "au", "aux"}:
                    heads = [h for h in self.actor_heads() if tok.i < h <= tok.i + 3]
                    if heads:
                        explicit = self._resolve(self.doc[heads[0]], recipient=True)
                        break
        if explicit is not None:
            return explicit
        not_key = giver.actor.key if giver is not None else None
        here = [m for m in (self.mention(self.doc[h]) for h in self.actor_heads() if h < token.i) if m is not None]
        for pool in (here, self.discourse.subjects, self.discourse.mentions):
            for mention in reversed(pool):
                if mention.actor.kind in {"person", "title"} and mention.actor.key and mention.actor.key != not_key:
                    return mention
        return None

    def _host(self, token: Token, visitor: Mention) -> Mention | None:
        """'X est arrivé à Kiev', 'sa visite à Moscou': the host is the government of the visited country."""
        place = _action_place(token, self.places, self.discourse) if self.places else None
        if place is None or (place.place.geo_type == GEO_COUNTRY and not _governed_by(self.doc[place.token], token)):
            return None
        before = self.doc[place.token - 1] if place.token > 0 else None
        if before is not None and before.lower_ in {"de", "d'", "du", "des", "depuis"}:
            return None  # "arrivait de Pyongyang": where the visitor comes from
        iso3 = place.place.country_iso3
        if not iso3 or iso3 == visitor.actor.country:
            return None
        actor = country_actor(iso3, "GOV", name=place.text, kind="host")
        return Mention(actor, place.token, place.token + 1, place.text, self.doc[place.token].idx)

    def _igo_complement(self, token: Token) -> bool:
        """'le mandat d'arrêt de la CPI', 'le sommet de l'OCS': an IGO named as the complement of a thing."""
        atom = self.by_token.get(token.i)
        return (atom is not None and atom.kind == ATOM_TERM and bool(atom.code) and str(atom.code).startswith("IGO")
                and token.dep_ == "nmod" and token.head.pos_ == "NOUN" and token.head.i not in self.by_token)

    def _in_prepositional_phrase(self, token: Token) -> bool:
        first = self.group(token)[0]
        before = self.doc[first.i - 1] if first.i > self.sent.start else None
        return first.pos_ == "ADP" or (before is not None and before.pos_ == "ADP")

    def _after_word(self, token: Token, words: set[str]) -> Mention | None:
        """The actor right after 'par' / 'avec' following the trigger, when the parse attached it elsewhere."""
        heads = self.actor_heads()
        for tok in self.sent:
            if tok.i <= token.i or tok.lower_ not in words:
                continue
            for head in heads:
                start = self.group(self.doc[head])[0].i
                if tok.i < head <= tok.i + 6 and start <= tok.i + 3:
                    mention = self.mention(self.doc[head])
                    if mention is not None:
                        return mention
            return None
        return None


# -- modality, codes, dates, places ----------------------------------------------------------------
def _characterises(token: Token) -> bool:
    """'dans une critique à peine voilée de…', 'dans un appel à…': a noun phrase saying what the act was."""
    return token.dep_.startswith(("obl", "nmod")) and token.pos_ == "NOUN" and any(
        c.dep_ == "case" and c.lower_ == "dans" for c in token.children) and any(
        c.dep_ == "det" and c.lower_ in {"un", "une"} for c in token.children)  # not "dans les négociations"


def _refers_back(token: Token) -> bool:
    """No object, or one that points back into the story ('ces accusations', 'sa décision', 'la décision')."""
    objects = [c for c in token.children if c.dep_ == "obj" and c.pos_ in {"NOUN", "PROPN"}]
    return not objects or objects[0].lemma_.lower() in _ACT_NOUNS or any(
        d.dep_ == "det" and (d.lower_ in {"ce", "cet", "cette", "ces"} or "Poss=Yes" in str(d.morph))
        for d in objects[0].children)


# Prepositions whose phrase is never part of the noun phrase naming an actor ("le dirigeant nord-coréen contre
# tout acte", "son homologue russe avant la fin du mois", "…, selon le président russe").
_NOT_IN_NP = {"selon", "d'après", "contre", "avant", "après", "malgré", "pendant", "depuis", "lors", "durant"}
# Words that make a meeting noun something else ("échanges commerciaux", "échange de tirs", "de prisonniers").
_NOT_A_MEETING = {"commercial", "commerciale", "économique", "scientifique", "culturel", "universitaire", "prisonnier",
                  "tir", "feu", "donnée", "information", "étudiant", "otage"}
# Words of sport: national teams named by demonyms or country names are not political actors.
_SPORTS_WORDS = {"match", "matchs", "finale", "demi-finale", "demi-finales", "quart", "quarts", "tournoi",
                 "championnat", "médaille", "médailles", "score", "but", "buts", "set", "sets", "mondial",
                 "olympiques", "olympique", "équipe", "équipes", "sélection", "rugby", "football", "basket",
                 "basket-ball", "tennis", "handball", "volley", "volley-ball", "cyclisme", "athlétisme", "natation",
                 "hockey", "biathlon", "triathlon", "ski", "coupe", "qualifications", "éliminatoires", "poule",
                 "podium", "joueurs", "joueuses"}
# Nouns naming something a party did, which a reaction answers ("a condamné un acte de guerre").
_ACT_NOUNS = {"acte", "attaque", "agression", "frappe", "bombardement", "violation", "provocation", "décision",
              "mesure", "sanction", "déclaration", "propos", "accusation", "incursion", "ingérence", "menace",
              "démonstration", "attentat", "tir", "essai", "invasion", "annexion", "occupation", "offensive",
              "opération", "intervention", "escalade", "incident", "annonce", "texte", "résolution", "comportement",
              "rhétorique", "initiative", "expulsion", "arrestation", "exécution", "blocus", "embargo", "survol",
              "violence", "répression", "coup", "manœuvre", "exercice", "déploiement", "livraison", "action",
              "visite", "rencontre", "entretien", "accord", "engagement", "proposition", "offre", "plan", "appel",
              "geste", "soutien", "aide", "victoire", "élection", "nomination", "libération", "arrivée", "adhésion"}


def _sentenced(token: Token) -> bool:
    """'condamné à cinq ans de prison', 'condamnés à mort', 'à une amende'."""
    if token.lemma_.lower() not in {"condamner", "condamné"} and not token.lower_.startswith("condamn"):
        return False
    return any(any(k.dep_ == "case" and k.lower_ in {"à", "aux"} for k in c.children)
               and any(g.lower_ in _SENTENCE_WORDS for g in c.subtree) for c in token.children)


_SENTENCE_WORDS = {"prison", "mort", "amende", "peine", "réclusion", "perpétuité", "détention", "sursis",
                   "emprisonnement", "travaux"}


def _negated(token: Token) -> bool:
    """'ne … pas/jamais/plus', 'sans', also on the verb that governs a nominal or infinitive trigger
    ('n'a pas fait le déplacement', 'n'a pas pu rencontrer'); 'aucun dirigeant n'a rencontré…'."""
    for current in (token, token.head) if token.dep_ in {"obj", "xcomp", "nsubj:pass"} else (token,):
        children = list(current.children)
        has_ne = any(c.lower_ in {"ne", "n'"} for c in children)
        if has_ne and any(c.dep_.startswith(("nsubj", "obj")) and any(
                d.lower_ in {"aucun", "aucune", "nul", "nulle"} for d in c.children) for c in children):
            return True  # "aucun dirigeant n'a rencontré…", "n'a rencontré aucun dirigeant"
        if (has_ne and any(c.lower_ in _NEGATIONS for c in children)) or any(
                c.lower_ == "sans" for c in children if c.dep_ in {"mark", "case"}):
            return True
    return False


def _cancelled(token: Token) -> bool:
    """'a reporté la visite qu'il devait effectuer', 'a annulé sa rencontre avec', 'a annulé son déplacement à
    Kazan, où il devait s'entretenir avec…'."""
    current = token
    for _ in range(5):
        if current.head.i == current.i:
            return False
        # a relative clause ("…, où il devait…") is sometimes parsed as a complement of the main verb
        relative = current.dep_ == "ccomp" and any(
            c.pos_ == "PRON" and c.lower_ in {"où", "qui", "que", "qu'"} for c in current.children)
        if (current.dep_ in {"obj", "xcomp", "acl:relcl", "acl", "nmod"} or relative) \
                and current.head.lemma_ in _CANCEL_GOVERNORS:
            return True
        current = current.head
    return False


def _inside_longer_name(atom: Atom, sent: Span) -> bool:
    """'Henri de Castries', 'François Hollande': a country or capital name inside a longer person name."""
    if atom.kind not in {ATOM_COUNTRY, ATOM_CAPITAL}:
        return False
    return any(ent.label_ == "PER" and ent.start <= atom.start and atom.end <= ent.end
               and (ent.end - ent.start) > (atom.end - atom.start) for ent in sent.ents)


def _infinitive_follows(token: Token) -> bool:
    """'refuse d'être…', 'refuse de négocier': an infinitive complement, or one right after the verb."""
    if any(c.dep_ in {"xcomp", "ccomp"} and "VerbForm=Inf" in str(c.morph) for c in token.children):
        return True
    for nxt in token.doc[token.i + 1:token.i + 4]:
        if nxt.lower_ in {"de", "d'", "catégoriquement", "toujours", "encore", "pas", "net"}:
            continue
        return "VerbForm=Inf" in str(nxt.morph) or nxt.lower_ in {"être", "avoir", "faire"}
    return False


def _alleged(token: Token) -> bool:
    """An infinitive under 'accuser X de…', 'exhorter X à…', 'demander à X de…' (up to two levels up)."""
    if token.dep_ not in {"xcomp", "ccomp", "acl", "advcl"} or "VerbForm=Inf" not in str(token.morph):
        return False
    governor = token.head
    for _ in range(2):
        if governor.lemma_.lower() in _CONTENT_GOVERNORS:
            return True
        if governor.head.i == governor.i:
            return False
        governor = governor.head
    return False


def _gerund(token: Token) -> bool:
    """'en convenant', 'en s'entretenant': a present participle introduced by 'en'."""
    if not _present_participle(token):
        return False
    before = [t for t in token.doc[max(token.sent.start, token.i - 3):token.i] if t.lower_ not in {"se", "s'"}]
    return bool(before) and before[-1].lower_ == "en"


def _present_participle(token: Token) -> bool:
    morph = str(token.morph)
    return ("VerbForm=Part" in morph and "Tense=Pres" in morph) or (
        token.lower_.endswith("ant") and token.pos_ == "VERB")


def _is_passive(token: Token) -> bool:
    """'a été reçu', 'sera accueilli' — but not the être of motion verbs and reflexives ('est arrivé',
    's'est entretenu'), which the small tagger also labels aux:pass."""
    children = list(token.children)
    if any(c.lower_ == "été" and c.pos_ == "AUX" for c in children):
        return True
    if token.lemma_.lower() in _ETRE_VERBS or any(c.lower_ in {"se", "s'"} for c in children):
        return False
    return "Voice=Pass" in str(token.morph) or any(c.dep_ == "aux:pass" for c in children)


_ETRE_VERBS = {"arriver", "venir", "partir", "rendre", "aller", "entrer", "rester", "retourner", "tomber", "revenir",
               "devenir", "parvenir", "repartir", "rentrer", "passer", "monter", "descendre", "sortir", "intervenir"}


def _opens_place(token: Token) -> bool:
    """A word a place name follows: "à", "en", "dans"…; "A Moscou, …" (a capital À without its accent at the
    start of a sentence); "de" after a venue or area noun ("le sommet de Rio", "à la frontière de la Pologne")."""
    if token.lower_ in _PLACE_PREPS or (token.text == "A" and token.i == token.sent.start):
        return True
    return (token.lower_ in {"de", "d'", "du"} and token.i > token.sent.start
            and token.doc[token.i - 1].lemma_.lower() in _VENUE_NOUNS | _AREA_WORDS)


def _is_reaction(code: str) -> bool:
    """Verbal conflict that answers another party (criticise, accuse, reject, threaten, deny)."""
    return code[:2] in _REACTION_ROOTS or code == "016"


def _anaphoric(token: Token) -> bool:
    """'Cette rencontre', 'ces entretiens' refer back to an event already reported."""
    return token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in {"ce", "cet", "cette", "ces"} for c in token.children)


def _conditional(token: Token) -> bool:
    """Hypothetical: conditional mood or a 'si' clause — but not the future-in-the-past of reported
    speech ('a dit qu'il rencontrerait'), which is an intent."""
    if any(c.lower_ == "si" and c.dep_ == "mark" for c in token.children):
        return True
    if token.pos_ == "NOUN" and token.dep_ in {"nsubj", "obj", "nsubj:pass"} and token.head.i != token.i:
        return _conditional(token.head)  # "une rencontre avec Lula aurait placé…"
    return _conditional_mood(token) and not _reported(token)


def _conditional_mood(token: Token) -> bool:
    verbs = [token, *[c for c in token.children if c.dep_.startswith("aux")]]
    return any("Mood=Cnd" in str(v.morph) or (v.pos_ in {"VERB", "AUX"} and v.lower_.endswith(_CONDITIONAL_ENDINGS))
               for v in verbs)


_CONDITIONAL_ENDINGS = ("rait", "raient", "rais", "rions", "riez")


def _reported(token: Token) -> bool:
    return token.dep_ in {"ccomp", "xcomp"} and token.head.lemma_.lower() in _SPEECH_VERBS


def _is_intent(token: Token) -> bool:
    if _conditional_mood(token) and _reported(token):
        return True
    if token.pos_ == "NOUN":
        return any(c.lemma_ in {"prochain", "futur", "prévu"} for c in token.children) or (
            token.head.lemma_ in _INTENT_GOVERNORS)
    if "Tense=Fut" in str(token.morph) or any("Tense=Fut" in str(c.morph) for c in token.children
                                              if c.dep_.startswith("aux")):
        return True
    if "VerbForm=Inf" in str(token.morph):
        if token.head.lemma_ in _INTENT_GOVERNORS | {"annoncer", "promettre", "engager", "décider"}:
            return True
        if any(c.lower_ in _PURPOSE_MARKERS for c in token.children if c.dep_ in {"mark", "case"}):
            return True
    return False


def _has_required(token: Token, words: Iterable[str]) -> bool:
    """A required word under the trigger, or on the two words that govern it ('a annoncé … un paquet d'aide')."""
    wanted = set(words)
    governors = [token.head, token.head.head] if token.head.i != token.i else []
    # three levels down: "a signé une série d'accords", not "a signé une ordonnance entérinant le retrait du traité"
    near = [g for c in token.children for g in (c, *c.children, *(x for k in c.children for x in k.children))]
    return any(t.lemma_.lower() in wanted or t.lower_ in wanted for t in [*near, *governors])


def _refine_code(code: str, token: Token, places: list[PlaceMention]) -> str:
    """A statement is coded by what it says ("a assuré être prêt à…" → 030, "… soutenir pleinement" → 051);
    within the consult family: phone → 041, visit → 042, host → 043, third location → 044."""
    if code == "010":
        said = {t.lemma_.lower() for t in token.subtree if t.i > token.i}
        for content_words, content_code in _STATEMENT_CONTENT:
            if said & content_words:
                return content_code
        return code
    if not code.startswith("04"):
        return code
    words = {t.lower_ for t in token.sent}
    if words & _PHONE_WORDS:
        return "041"
    if code == "040" and words & _THIRD_PLACE_WORDS:
        return "044"
    if code == "040" and words & _VISIT_WORDS:
        return "042"
    return code


def _infinitives(form: str) -> list[str]:
    """Infinitives a past participle may come from when the tagger took it for a noun ('félicité')."""
    stem = form.rstrip("s")
    if stem.endswith("ée"):
        stem = stem[:-1]
    if stem.endswith("é"):
        return [stem[:-1] + "er"]
    if stem.endswith(("ie", "i")):
        return [stem.rstrip("e")[:-1] + "ir"]
    return []


def _trigger_text(token: Token) -> str:
    parts = [c for c in token.children if c.dep_ in {"expl:comp", "expl:pv", "aux:tense", "aux:pass"}]
    tokens = sorted([token, *parts], key=lambda t: t.i)
    return " ".join(t.text for t in tokens)


def _event_date(token: Token, sent: Span, dates: list, discourse: Discourse, *,
                intent: bool) -> tuple[date | None, str]:
    pub = discourse.pub_date
    usable = [d for d in dates if d.resolved is not None and (pub is None or d.resolved.value <= pub)]
    if intent:
        usable = [d for d in usable if d.kind not in {"weekday", "day_month", "numeric"} or
                  (pub is not None and d.resolved.value <= pub and d.start < token.idx - sent.start_char)]
    # a day (or week) named in the sentence, nearest the trigger; else the last day of the discourse; else a
    # month named in the sentence ("en février" is more often background than the event's own date)
    offset = token.idx - sent.start_char
    precise = [d for d in usable if d.resolved.precision in {"day", "week"}]
    if precise:
        chosen: ResolvedDate = min(precise, key=lambda d: abs(d.start - offset)).resolved
        return chosen.value, chosen.precision
    if discourse.last_date is not None:
        return discourse.last_date, "day"
    months = [d for d in usable if d.resolved.precision == "month"]
    if months:
        chosen = min(months, key=lambda d: abs(d.start - offset)).resolved
        return chosen.value, chosen.precision
    return pub, "publication"


def _action_place(token: Token, places: list[PlaceMention], discourse: Discourse) -> PlaceMention | None:
    """The place governed by the trigger, else the nearest city of the sentence, else the last city named.

    A country ("en Ukraine") counts only when the trigger governs it: it is often a topic, not a venue.
    """
    attached = [p for p in places if _governed_by(token.doc[p.token], token)]
    attached_cities = [p for p in attached if p.place.geo_type != GEO_COUNTRY]
    if attached_cities:
        return min(attached_cities, key=lambda p: abs(p.token - token.i))
    cities = [p for p in places if p.place.geo_type != GEO_COUNTRY]
    if cities:
        return cities[0]
    last = discourse.last_place
    if attached:
        # "reçue en Inde" while the story is set in New Delhi: the city, which is in that country
        if last is not None and last.place.country_iso2 == attached[0].place.country_iso2:
            return last
        return attached[0]
    return last


def _governed_by(token: Token, trigger: Token) -> bool:
    """The place hangs on the trigger itself, or on one of its arguments, not on another verb."""
    current = token
    for _ in range(4):
        if current.i == trigger.i:
            return True
        if current.head.i == current.i or (current.i != token.i and current.pos_ in {"VERB", "AUX"}):
            return False
        current = current.head
    return False


def _dedupe(events: list[CodedEvent]) -> list[CodedEvent]:
    """One event per (actors, root, date, place) within an article: the most confident mention wins.

    A visit whose host was only inferred from the place ("est arrivé à Kiev") is dropped when the article
    reports a meeting of the same two parties anyway: it is the same visit.
    """
    named_pairs = {(frozenset((e.actor1.actor.key, e.actor2.actor.key)), e.code[:2]) for e in events
                   if "host" not in (e.actor1.actor.kind, e.actor2.actor.kind)}
    events = [e for e in events if "host" not in (e.actor1.actor.kind, e.actor2.actor.kind)
              or (frozenset((e.actor1.actor.key, e.actor2.actor.key)), e.code[:2]) not in named_pairs]
    # "X s'en est pris à Y, l'accusant de…": one disapproval of Y in one sentence, coded once
    best_in_sentence: dict[tuple[object, ...], CodedEvent] = {}
    for event in sorted(events, key=lambda e: -e.confidence):
        if event.code[:2] in _ONE_PER_SENTENCE:
            key = (event.actor1.actor.key, event.actor2.actor.key, event.code[:2], event.sentence_index)
            best_in_sentence.setdefault(key, event)
    events = [e for e in events if e.code[:2] not in _ONE_PER_SENTENCE or best_in_sentence[
        (e.actor1.actor.key, e.actor2.actor.key, e.code[:2], e.sentence_index)] is e]
    groups: dict[tuple[object, ...], list[CodedEvent]] = {}
    for event in events:
        keys = (event.actor1.actor.key, event.actor2.actor.key)
        if event.symmetric or event.code.startswith("04"):  # a visit and its hosting are one meeting
            keys = tuple(sorted(keys))  # type: ignore[assignment]
        # the consult family is one meeting whatever its sub-code; other codes are distinct events
        # (praising and signing with the same partner on the same day are two events)
        kind = event.code[:2] if event.code.startswith("04") else event.code[:3]
        groups.setdefault((keys, kind, event.event_date), []).append(event)
    kept: list[CodedEvent] = []
    for group in groups.values():
        # events placed in their own sentence stay apart when the places differ (two meetings, two cities);
        # an event whose place was only carried over from earlier sentences joins the best of the group
        by_place: dict[str | None, CodedEvent] = {}
        for event in sorted(group, key=lambda e: -e.confidence):
            local = event.place.place.feature_id if event.place and event.place_in_sentence else None
            if local not in by_place:
                by_place[local] = event
        if len(by_place) > 1:
            by_place.pop(None, None)
        kept.extend(by_place.values())
    return sorted(kept, key=lambda e: (e.sentence_index, e.action_char_offset))
