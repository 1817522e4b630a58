"""What earlier sentences of an article established: people named, subjects, events, the story's day and venue.

The :class:`Discourse` is the only writer of that state: the sentence coder hands it what a sentence
established (:meth:`add_events` as triggers are coded, :meth:`close_sentence` at the end); every other module
only reads it. Reading never changes it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from events.actors import Actor
from events.coding.types import CodedEvent, Mention, PlaceMention, same_party
from events.places import GEO_COUNTRY
from events.text import fold

PEOPLE = frozenset({"person", "title"})
VIOLENT_ROOTS = frozenset({"18", "19", "20"})
ARMED_GROUP_ROLES = frozenset({"REB", "INS"})
STATE_FORCE_ROLES = frozenset({"MIL", "GOV", "COP"})
ATTACKER_ROLES = frozenset({"INS", "CRM"})
# Roles of titles "les deux dirigeants", "leur rencontre" may refer to (not crowds: police, protesters, civilians).
LEADER_ROLES = frozenset({"GOV", "MIL", "ELI", "IGO"})


@dataclass(slots=True)
class Discourse:
    pub_date: date | None
    last_date: date | None = None  # the story's current day
    last_place: PlaceMention | None = None  # the venue of the article's story so far
    dateline: PlaceMention | None = None  # "ASTANA, 4 juillet (Xinhua) --"
    mentions: list[Mention] = field(default_factory=list)
    subjects: list[Mention] = field(default_factory=list)  # actors in subject position, for "il", "elle"
    events: list[CodedEvent] = field(default_factory=list)  # events coded so far (who acted on whom)
    named: dict[str, Actor] = field(default_factory=dict)  # folded surname/full name → actor
    countries: set[str] = field(default_factory=set)  # ISO2 of places named so far
    story: Counter[str] = field(default_factory=Counter)  # ISO3 → how often the whole article names the country
    claimant: Actor | None = None  # the armed group the article says claimed an attack
    assailant_nationality: str | None = None  # "l'agresseur, un Égyptien de 29 ans": the attacker's country

    # -- writing ---------------------------------------------------------------------------------------------
    def open_article(self, dateline: PlaceMention | None) -> None:
        """The dateline is the venue until the text names another one."""
        self.dateline = self.last_place = dateline

    def set_story(self, countries: Counter[str]) -> None:
        """The countries the whole article names (places, country names, capitals, demonyms, known people)."""
        self.story = Counter(countries)

    def add_events(self, events: list[CodedEvent]) -> None:
        self.events.extend(events)

    def close_sentence(self, *, named: list[tuple[Mention, bool]], names: list[tuple[str, Actor, bool]],
                       places: list[PlaceMention], events: list[CodedEvent], days: list[date]) -> None:
        """Remember what one sentence established.

        ``named``: its actors in text order, each with whether it was a subject; ``names``: person names learnt
        (name, actor, whether it overrides an earlier use of the name); ``days``: days the sentence names.
        """
        for name, actor, override in names:
            key = fold(name)
            if override:
                self.named[key] = actor
            else:
                self.named.setdefault(key, actor)
        for mention, subject in named:
            self.mentions.append(mention)
            if subject:
                self.subjects.append(mention)
        dated = [e for e in events if e.event_date is not None and e.date_precision == "day"]
        if dated:  # the story's time is that of its last event, not of a date mentioned in passing
            self.last_date = dated[-1].event_date
        elif days:
            self.last_date = days[-1]
        self.countries.update(p.place.country_iso2 for p in places if p.place.country_iso2)
        placed = [e.place for e in events if e.place is not None]
        cities = [p for p in places if p.place.geo_type != GEO_COUNTRY]
        if placed:
            self.last_place = placed[-1]
        elif cities:
            self.last_place = cities[0]

    # -- reading ---------------------------------------------------------------------------------------------
    def named_actor(self, name: str) -> Actor | None:
        return self.named.get(fold(name))

    def last_pair(self, here: list[Mention] | None = None) -> tuple[Mention, Mention] | None:
        """The two most recent people of different countries ('leur rencontre', 'les deux dirigeants');
        ``here``: people named earlier in the current sentence, which come last."""
        people = [m for m in [*self.mentions, *(here or [])] if m.actor.kind == "person"
                  or (m.actor.kind == "title" and (m.actor.role or "GOV") in LEADER_ROLES)]
        if not people:
            return None
        last = people[-1]
        for other in reversed(people):
            if other.actor.key and other.actor.key != last.actor.key:
                return other, last
        return None

    def salient(self) -> Mention | None:
        """Antecedent of 'il' / 'elle': the last person in subject position, else the last person named."""
        subjects = [m for m in self.subjects if m.actor.kind in PEOPLE | {"igo"}]
        if subjects:
            return subjects[-1]
        people = [m for m in self.mentions if m.actor.kind in PEOPLE]
        return people[-1] if people else (self.mentions[-1] if self.mentions else None)

    def last_subject_country(self) -> str | None:
        """The country of the last person in subject position ('son conseiller' is an official of theirs)."""
        subjects = [m for m in self.subjects if m.actor.kind in PEOPLE and m.actor.country]
        return subjects[-1].actor.country if subjects else None

    def story_country(self, places_here: list[PlaceMention]) -> str | None:
        """The country of a role named without one ("la police", "les manifestants", "le parquet"): the one
        country of the sentence's places, else the country the article names most, else none."""
        here = {p.place.country_iso3 for p in places_here if p.place.country_iso3}
        if len(here) == 1:
            return next(iter(here))
        if not self.story:
            return None
        ranked = self.story.most_common(2)
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1] and here:
            return next((c for c, _ in ranked if c in here), ranked[0][0])
        return ranked[0][0]

    def last_with_role(self, role: str | None, office: str | None) -> Actor | None:
        """'la junte', 'le ministre' with no country: the last actor of that role in the story."""
        if role is None or office in {"counterpart", "official"}:
            return None
        for mention in reversed(self.mentions):
            if mention.actor.role == role and mention.actor.country and mention.actor.kind in PEOPLE:
                return mention.actor
        return None

    def recent_partner(self, subject: Mention, *, sentence_index: int) -> Mention | None:
        """The other party of the subject's latest event, if it was coded in the last two sentences."""
        for event in reversed(self.events):
            if event.sentence_index < sentence_index - 2:
                return None
            keys = (event.actor1.actor.key, event.actor2.actor.key)
            if subject.actor.key in keys:
                return event.actor2 if keys[0] == subject.actor.key else event.actor1
        return None

    def last_actor_on(self, subject: Mention) -> Mention | None:
        """The last party that acted on the subject in this article (whom a reaction answers): of another country,
        or of the subject's own with another role (the government that accused the rebels)."""
        for event in reversed(self.events):
            first, second = event.actor1.actor, event.actor2.actor
            if (first.key != subject.actor.key and second.key == subject.actor.key) or (
                    same_party(second, subject.actor) and not same_party(first, subject.actor)):
                return event.actor1
        return None

    def last_opponent(self, subject: Mention) -> Mention | None:
        """The other party of the subject's latest violent event ("l'armée a repris l'aéroport" after fighting
        the Islamic State: against it)."""
        for event in reversed(self.events):
            if event.code[:2] not in VIOLENT_ROOTS:
                continue
            keys = (event.actor1.actor.key, event.actor2.actor.key)
            if subject.actor.key in keys and keys[0] != keys[1]:
                return event.actor2 if keys[0] == subject.actor.key else event.actor1
        return None

    def latest_symmetric_pair(self, exclude: str) -> tuple[Mention, Mention] | None:
        """The two parties of the article's latest symmetric event (talks, an agreement) that this actor is not
        one of: whom a mediator brought together ("… sous l'égide du président angolais")."""
        for event in reversed(self.events):
            keys = {event.actor1.actor.key, event.actor2.actor.key}
            # two parties, of two countries or of one (a government and its rebels)
            if event.symmetric and not same_party(event.actor1.actor, event.actor2.actor) and exclude not in keys:
                return event.actor1, event.actor2
        return None

    def last_author(self, subject: Mention, *, sentence_index: int) -> Mention | None:
        """Who did the act the speaker's words point back to ("ont condamné cet acte", "a salué cette décision"):
        the author of the article's latest event by another party, in the last two sentences."""
        recent = [e for e in reversed(self.events) if e.sentence_index >= sentence_index - 2]
        # another country's act first; else another party of the subject's own (the government, for the opposition)
        # (named there: not a party the text only implies, "ont été tués": the attackers)
        return next((e.actor1 for e in recent if e.actor1.actor.key != subject.actor.key), None) or next(
            (e.actor1 for e in recent if not same_party(e.actor1.actor, subject.actor)
             and e.actor1.actor.name != e.actor1.actor.role), None)

    def story_enemy(self, subject: Mention) -> Mention | None:
        """The party on the other side of the article's war, the most named so far: for a state or its forces an
        armed group ("l'armée syrienne a lancé une offensive" in a story of its war with the Islamic State), for an
        armed group the forces of a state ("les combattants de Daech lancent une offensive surprise")."""
        armed = _armed_group(subject.actor)
        if not armed and subject.actor.role not in STATE_FORCE_ROLES and subject.actor.kind != "country":
            return None
        counts: Counter[str] = Counter()
        latest: dict[str, Mention] = {}
        for mention in self.mentions:
            actor = mention.actor
            other_side = actor.role == "MIL" if armed else _armed_group(actor)
            if actor.key and actor.key != subject.actor.key and other_side:
                counts[actor.key] += 1
                latest[actor.key] = mention
        return latest[counts.most_common(1)[0][0]] if counts else None

    def last_assailant_country(self) -> str | None:
        """The country of the attacker of the article's latest assault, when the text named him by his people or
        as an attacker ("un Palestinien a foncé sur…": "l'assaillant" that follows is Palestinian)."""
        for event in reversed(self.events):
            if event.code[:2] != "18":
                continue
            actor = event.actor1.actor
            # "un Palestinien" is a civilian of that people, "les Palestiniens" the people
            if actor.country and (actor.kind == "people" or actor.role in ATTACKER_ROLES or actor.role == "CVL"):
                return actor.country
            return None
        return None

    def last_victim(self, subject: Mention) -> Mention | None:
        """The target of the article's latest act of violence on another party than the subject ("l'EI a revendiqué
        l'attaque": the attack's victims, whoever the article first said attacked them)."""
        for event in reversed(self.events):
            if event.code[:2] in VIOLENT_ROOTS and event.actor2.actor.key != subject.actor.key:
                return event.actor2
        return None

    def partner_in_latest_event(self, key: str) -> Mention | None:
        """The other party of the latest event between the actor of that key and another."""
        for event in reversed(self.events):
            keys = (event.actor1.actor.key, event.actor2.actor.key)
            if key in keys and keys[0] != keys[1]:
                return event.actor2 if keys[0] == key else event.actor1
        return None

    def last_acted_on_in_sentence(self, subject_key: str | None, sentence_index: int) -> Mention | None:
        """'X s'en est pris à Y, le qualifiant de…, l'accusant de…': the party this subject just acted on."""
        for event in reversed(self.events):
            if event.sentence_index != sentence_index:
                break
            if subject_key and event.actor1.actor.key == subject_key and event.actor2.actor.kind != "host":
                return event.actor2
        return None

    def met_before(self, sentence_index: int, pair: set[str]) -> bool:
        """The two parties' meeting was reported in an earlier sentence ('à l'issue de leurs entretiens')."""
        return any(e.sentence_index < sentence_index and e.code.startswith("04") and e.code not in {"042", "043"}
                   and {e.actor1.actor.key, e.actor2.actor.key} == pair for e in self.events)


def _armed_group(actor: Actor) -> bool:
    """A non-state armed group: rebels, insurgents, or a group of the dictionary's IMG… codes."""
    return actor.role in ARMED_GROUP_ROLES or actor.code.startswith("IMG")
