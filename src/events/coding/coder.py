"""The sentence coder: triggers → checks of modality → arguments → code, date and place of each event."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from events.actors import Actor, ActorLexicon, Atom, country_actor, term_actor
from events.actors import load_lexicon as load_actor_lexicon
from events.coding.dating import event_date
from events.coding.dedup import dedupe
from events.coding.discourse import Discourse
from events.coding.fallbacks import quoted_source
from events.coding.frames import find_arguments
from events.coding.learned import features, load_event_model
from events.coding.lexicon import Lexicon, load_lexicon
from events.coding.mentions import Sentence
from events.coding.modality import (
    alleged,
    anaphoric,
    cancelled,
    characterises,
    conditional,
    infinitive_follows,
    is_intent,
    negated,
)
from events.coding.places import action_place, country_place, dateline, sentence_places
from events.coding.refine import refine_code
from events.coding.triggers import anchor, find_trigger, trigger_text
from events.coding.types import CodedEvent, Mention, PlaceMention, Trigger, same_party
from events.coding.verbless import repair_verbless
from events.coding.words import words
from events.dates import DateMention, find_dates
from events.nlp import sentence_ents
from events.places import GEO_COUNTRY, Gazetteer, load_gazetteer

_VIOLENT_ROOTS = ("16", "17", "18", "19", "20")
_STATEMENT_CODE = "010"  # plain statements and announcements: what they announce is the event


class Coder:
    """Codes the events of parsed articles (one :class:`Discourse` per article)."""

    def __init__(self, lexicon: ActorLexicon | None = None, gazetteer: Gazetteer | None = None,
                 dictionary: Lexicon | None = None, *, event_model: bool = True) -> None:
        """``event_model``: check each event with the learned model (``data/event_model.tsv``) when there is one;
        off, every event the dictionary proposes is kept (what ``events learn`` trains on)."""
        self.actors = lexicon or load_actor_lexicon()
        self.gazetteer = gazetteer or load_gazetteer()
        self.lexicon = dictionary or load_lexicon()
        self.model = load_event_model() if event_model else None

    def code_doc(self, doc: Doc, pub_date: date | None, title: Doc | None = None) -> list[CodedEvent]:
        """Code an article's events; ``title``: its headline, tokenised only (``nlp.make_doc``), whose countries
        weigh in the story's country ("Syrie : une évacuation chaotique à Alep")."""
        discourse = Discourse(pub_date=pub_date)
        sentences = list(doc.sents)
        if not sentences:
            return []
        # before anything reads the parse; a repaired sentence's parse changed, so the sentences are read again
        if [sent for sent in sentences if repair_verbless(sent, self.lexicon) is not None]:
            sentences = list(doc.sents)
        discourse.open_article(dateline(sentences[0], self.gazetteer, discourse.countries))
        # a first pass finds every sentence's actor words and places: the countries the whole article names are
        # the story's, for "la police" or "les manifestants" with no country of their own
        prepared: list[tuple[list[Atom], list[PlaceMention]]] = []
        context: set[str] = set()
        story: Counter[str] = Counter()
        if title is not None and len(title):
            for country in filter(None, map(_atom_country, self._atoms(title[:]))):
                story[country] += TITLE_WEIGHT
        for sent in sentences:
            atoms = self._atoms(sent)
            places = sentence_places(sent, _by_token(atoms), self.gazetteer, context)
            context.update(p.place.country_iso2 for p in places if p.place.country_iso2)
            story.update(p.place.country_iso3 for p in places if p.place.country_iso3)
            story.update(country for country in map(_atom_country, atoms) if country)
            prepared.append((atoms, places))
        discourse.set_story(story)
        if discourse.last_place is None:  # no dateline: the article's first town is its venue until one is named
            discourse.last_place = next((p for _, places in prepared for p in places
                                         if p.place.geo_type != GEO_COUNTRY), None)
        discourse.claimant = self._claimant(sentences, prepared)
        nationalities = (_assailant_nationality(sent, atoms)
                         for sent, (atoms, _) in zip(sentences, prepared, strict=True))
        discourse.assailant_nationality = next((n for n in nationalities if n), None)
        events: list[CodedEvent] = []
        for index, (sent, (atoms, places)) in enumerate(zip(sentences, prepared, strict=True)):
            events.extend(self.code_sentence(sent, index, discourse, atoms=atoms, places=places))
        return self._checked(dedupe(events, self.lexicon))

    def _checked(self, events: list[CodedEvent]) -> list[CodedEvent]:
        """The learned model's probability becomes each event's confidence; events below its threshold go."""
        if self.model is None:
            return events
        kept = []
        for event in events:
            actors = [(a.code, a.country, a.role) for a in (event.actor1.actor, event.actor2.actor)]
            probability = self.model.probability(features(event.rule_id, event.code, actors))
            if probability >= self.model.threshold:
                kept.append(replace(event, confidence=round(probability, 3)))
        return kept

    @staticmethod
    def _claimant(sentences: list[Span], prepared: list[tuple[list[Atom], list[PlaceMention]]]) -> Actor | None:
        """The armed group the article says claimed an attack ("l'attaque a été revendiquée par l'EI"): the
        attackers it names without a group are that group's."""
        claims = words().claim_words
        for sent, (atoms, _places) in zip(sentences, prepared, strict=True):
            groups = [a for a in atoms if a.kind == "term" and (str(a.code or "").startswith("IMG")
                                                                 or a.role in {"REB", "INS"})]
            if groups and any(t.lemma_.lower() in claims or t.lower_ in claims for t in sent):
                return term_actor(groups[0])
        return None

    def _atoms(self, sent: Span) -> list[Atom]:
        return [a for a in self.actors.match(sent) if not _inside_longer_name(a, sent)]

    def code_sentence(self, sent: Span, index: int, discourse: Discourse, *, atoms: list[Atom] | None = None,
                      places: list[PlaceMention] | None = None) -> list[CodedEvent]:
        atoms = self._atoms(sent) if atoms is None else atoms
        ctx = Sentence(sent, atoms, discourse, [], index, self.lexicon)
        ctx.places = sentence_places(sent, ctx.by_token, self.gazetteer, discourse.countries) if places is None \
            else places
        dates = find_dates(sent.text, discourse.pub_date, discourse.last_date)
        events: list[CodedEvent] = []
        for token in sent:
            trigger = find_trigger(token, self.lexicon)
            if trigger is None:
                continue
            coded = list(self._code_trigger(token, anchor(token), trigger, ctx, dates))
            events.extend(coded)
            discourse.add_events(coded)
        # actors named in this sentence (in text order) for later pronouns, "ce dernier", surnames; "son hôte"
        # enters as the actor it was resolved to
        named = {}
        for head in ctx.actor_heads():
            if quoted_source(sent.doc[head]):
                continue  # "selon l'AFP": who reports is no party of the story
            mention = ctx.mention(sent.doc[head])
            if mention is not None and mention.actor.kind != "counterpart":
                named[mention.start] = (mention, sent.doc[head].dep_ in {"nsubj", "nsubj:pass"})
        for event in events:
            source_how, _, target_how = event.rule_id.rpartition(":")[2].partition(">")
            for role, mention, how in ((True, event.actor1, source_how), (False, event.actor2, target_how)):
                # an implied party ("ont été arrêtés": the police) was never named: no antecedent of "il"
                if mention.actor.kind not in {"host"} and how != "implied":
                    named[mention.start] = (mention, role or named.get(mention.start, (mention, False))[1])
        days = [d.resolved.value for d in dates if d.resolved and d.resolved.precision == "day"
                and (discourse.pub_date is None or d.resolved.value <= discourse.pub_date)]
        discourse.close_sentence(named=[named[start] for start in sorted(named)], names=ctx.learnt,
                                 places=ctx.places, events=events, days=days)
        return events

    def _code_trigger(self, word: Token, token: Token, trigger: Trigger, ctx: Sentence,
                      dates: list[DateMention]) -> Iterator[CodedEvent]:
        """``word``: the trigger as written; ``token``: the node that holds its arguments (:func:`anchor`)."""
        if not self._reported_as_happened(token, trigger):
            return
        policy = self.lexicon.policy(trigger.code)
        topic = trigger.pos == "NOUN" and self._topic_of_other_trigger(token)
        condemned = topic and trigger.code.startswith(_VIOLENT_ROOTS) and self._condemned(token)
        if topic and not condemned:
            return  # "a salué la signature": the praise is the event; strikes or sanctions condemned still are
        if trigger.pos == "VERB" and trigger.code.startswith(_STATEMENT_CODE) and self._announces_event(token):
            return  # "a annoncé la levée des sanctions": the act announced is the event, not the statement
        intent = is_intent(token)
        intent_code = policy.intent
        if intent and intent_code is None and _decided(token):
            intent = False  # "a annoncé cesser toute collaboration avec l'ONU": a decision, the act itself
        if intent and intent_code is None:
            return
        w = words()
        found = [p for p in find_arguments(ctx, token, trigger, reported=condemned)
                 if not topic or p.confidence >= 0.85]
        subtree = {t.i for t in token.subtree}
        own_place = any(p.token in subtree for p in ctx.places)  # "lors de leur rencontre à Astana"
        possessive = trigger.pos == "NOUN" and any(
            c.dep_ == "det" and c.lower_ in w.possessives for c in token.children)
        sports = bool({t.lower_ for t in ctx.sent} & w.sports_words)
        for arguments in found:
            actor1, actor2 = arguments.actor1, arguments.actor2
            if trigger.code.startswith("18"):
                actor1 = _of_assailant_nationality(ctx, actor1)
            if not actor1.actor.key or not actor2.actor.key or same_party(actor1.actor, actor2.actor):
                continue  # an actor acting on itself; two parties of one country are a domestic event
            if sports and not {actor1.actor.kind, actor2.actor.kind} & {"person", "title", "igo", "institution"}:
                continue  # "Les Canadiennes rencontreront les Allemandes en demi-finale": teams, not states
            if possessive and trigger.code.startswith("04") and not own_place \
                    and ctx.discourse.met_before(ctx.index, {actor1.actor.key, actor2.actor.key}):
                continue  # "à l'issue de leurs entretiens": the meeting reported earlier, not a second one
            code = intent_code if intent and intent_code else refine_code(trigger.code, token)
            when, precision = event_date(token, ctx.sent, dates, pub_date=ctx.discourse.pub_date,
                                         story_date=ctx.discourse.last_date, intent=intent)
            taken = {m.char_offset for m in (actor1, actor2) if m.actor.kind != "host"}
            place = action_place(token, [p for p in ctx.places if p.char_offset not in taken],
                                 ctx.discourse.last_place)
            if self.lexicon.policy(code).strike_place and (place is None or place not in ctx.places):
                # a strike with no place in its sentence hit the target's country, not the story's last venue
                country = self.actors.countries.get(actor2.actor.country) if actor2.actor.country else None
                place = country_place(actor2, country, self.gazetteer) or place
            yield CodedEvent(
                code=code, trigger=trigger_text(token) if token.i == word.i else f"{token.text} {word.text}",
                action_char_offset=word.idx, actor1=actor1, actor2=actor2,
                symmetric=trigger.symmetric or intent, sentence_index=ctx.index, sentence=ctx.sent.text,
                sentence_span=(ctx.sent.start_char, ctx.sent.end_char), event_date=when, date_precision=precision,
                place=place, confidence=self.lexicon.calibrated(arguments.how, arguments.confidence),
                rule_id=f"{trigger.rule}:{arguments.how}",
            )

    def _reported_as_happened(self, token: Token, trigger: Trigger) -> bool:
        """Not denied, hypothetical, referred back to, cancelled, a court's sentence or an alleged act."""
        if negated(token) or conditional(token) or anaphoric(token) or cancelled(token):
            return False
        if trigger.pos == "VERB" and not trigger.code.startswith(_VIOLENT_ROOTS) and any(
                characterises(c) and find_trigger(c, self.lexicon) is not None for c in token.children):
            return False  # "a appelé à…, dans une critique des États-Unis": the noun says what the act was
        if trigger.pos == "NOUN" and trigger.code.startswith("04") and any(
                c.lemma_.lower() in words().not_a_meeting for c in token.children):
            return False  # "ses échanges commerciaux", "un échange de prisonniers": no meeting
        if alleged(token):
            return False  # "a accusé Kinshasa de soutenir les rebelles": the alleged or requested act is no event
        w = words()
        if trigger.pos == "NOUN" and token.dep_.startswith(("obl", "obj")) and token.head.i != token.i \
                and token.head.lemma_.lower() in w.content_governors and not characterises(token) \
                and token.head.lemma_.lower() not in trigger.requires and (
                    token.dep_ == "obj" or any(c.dep_ == "case" and c.lower_ in w.to_preps | w.de
                                               for c in token.children)):
            return False  # "appelle à la grève": the act called for is no event (unless the reading is the call)
        # "refuse d'être le vassal de quiconque": declining to act is no rejection of a party, unless a reading
        # says what is refused ("refuse de libérer" with its required words)
        return not (trigger.code.startswith("12") and not trigger.requires and not trigger.phrase
                    and infinitive_follows(token))

    def _condemned(self, token: Token) -> bool:
        reaction = find_trigger(token.head, self.lexicon)
        return reaction is not None and self.lexicon.policy(reaction.code).reaction

    def _topic_of_other_trigger(self, token: Token) -> bool:
        """'ont salué la signature de l'accord': the noun names an event already reported, the topic of the
        praise; the verb is the event here (not when the verb only reports it: 'a annoncé la levée')."""
        head = token.head
        if token.dep_ not in {"obj", "nsubj", "nsubj:pass"} or head.i == token.i or head.pos_ not in {"VERB", "AUX"}:
            return False
        reading = find_trigger(head, self.lexicon)
        return reading is not None and not reading.code.startswith(_STATEMENT_CODE)

    def _announces_event(self, token: Token) -> bool:
        """A verb of announcing whose object is an event noun of the dictionary ('a annoncé le retrait des
        troupes'); not other statements ('a rappelé les engagements pris')."""
        return token.lemma_.lower() in words().announce_verbs and any(
            c.dep_ == "obj" and c.pos_ == "NOUN" and find_trigger(c, self.lexicon) is not None for c in token.children)


def _decided(token: Token) -> bool:
    """An infinitive a verb of decision governs ('a annoncé cesser…', 'a décidé d'expulser…')."""
    return "VerbForm=Inf" in str(token.morph) and token.head.i != token.i \
        and token.head.lemma_.lower() in words().decision_verbs


def _by_token(atoms: list[Atom]) -> dict[int, Atom]:
    by_token: dict[int, Atom] = {}
    for atom in atoms:
        for i in range(atom.start, atom.end):
            by_token.setdefault(i, atom)
    return by_token


TITLE_WEIGHT = 2  # a country the headline names counts as two mentions in the text


def _assailant_nationality(sent: Span, atoms: list[Atom]) -> str | None:
    """The country the sentence gives an attacker or an individual: a demonym said of him ("l'agresseur, identifié
    comme un Égyptien de 29 ans", "le suspect serait un Palestinien", "l'homme, ressortissant algérien", "un homme
    de nationalité algérienne") — a noun after « un/une », or after « ressortissant » / « nationalité »."""
    w = words()
    people = [t for t in sent if t.lemma_.lower() in w.assailant_nouns | w.individual_nouns
              and "Number=Plur" not in str(t.morph)]
    if not people:
        return None
    for atom in atoms:
        if atom.kind != "demonym" or not atom.country:
            continue
        token = sent.doc[atom.start]
        before = sent.doc[max(sent.start, atom.start - 2):atom.start]
        named_as = (token.text[:1].isupper() and any(t.lower_ in {"un", "une"} for t in before[-1:])) \
            or any(t.lemma_.lower() in w.nationality_markers for t in before)
        if not named_as:
            continue
        said_of = any(person in token.ancestors or token in person.subtree
                      or (person.head.i == token.i and person.dep_.startswith("nsubj")) for person in people)
        if said_of:
            return atom.country
    return None


def _of_assailant_nationality(ctx: Sentence, mention: Mention) -> Mention:
    """An attacker the text names only as "un homme", "l'individu", "l'assaillant" (a role of the story's country)
    is of the nationality the article gives him elsewhere."""
    nationality = ctx.discourse.assailant_nationality
    actor = mention.actor
    if nationality is None or actor.kind != "title" or actor.role not in _ATTACKER_LIKE or actor.country == nationality:
        return mention
    if any((atom := ctx.by_token.get(i)) is not None and atom.kind in {"demonym", "country", "capital"}
           for i in range(mention.start, mention.end)):
        return mention  # the text gave this one's country
    role = actor.role if actor.role in {"INS", "CRM"} else "INS"
    return Mention(country_actor(nationality, role, name=actor.name, kind="title"), mention.start, mention.end,
                   mention.text, mention.char_offset)


_ATTACKER_LIKE = frozenset({"CVL", "UAF", "INS", "CRM"})


def _atom_country(atom: Atom) -> str | None:
    """The country an actor word names (a country, capital, demonym or person of the tables)."""
    if atom.kind in {"country", "capital", "demonym"}:
        return atom.country
    if atom.kind == "person" and atom.persons:
        return atom.persons[0].country
    return None


def _inside_longer_name(atom: Atom, sent: Span) -> bool:
    """'Henri de Castries', 'François Hollande': a country or capital name inside a longer person name."""
    if atom.kind not in {"country", "capital"}:
        return False
    return any(ent.label_ == "PER" and ent.start <= atom.start and atom.end <= ent.end
               and (ent.end - ent.start) > (atom.end - atom.start) for ent in sentence_ents(sent))
