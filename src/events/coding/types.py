"""The coder's records: dictionary entries (triggers, frames, policies) and what coding produces."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from events.actors import Actor
from events.places import Place
from events.text import fold


@dataclass(frozen=True, slots=True)
class Frame:
    """How a trigger finds its arguments (``data/frames.tsv``).

    ``targets``: the slots read in order for the second actor (obj, avec, iobj, to, entre, de, contre, place,
    arrival, recipient, en); ``fallbacks``: what is tried when no slot holds an actor (conj_partner, host,
    recipient, country_under, linear, plural_object); ``symmetric``: the direction carries no meaning;
    ``reflexive``: True when the verb needs "se", False when it must not have it, None when either.
    """

    name: str
    targets: tuple[str, ...]
    fallbacks: tuple[str, ...]
    symmetric: bool
    reflexive: bool | None
    example: str
    implied: str | None = None  # the role of the unnamed agent of a passive ("ont été interpellés": the police)


@dataclass(frozen=True, slots=True)
class Trigger:
    """One row of the trigger dictionary: a French word or phrase read as a CAMEO event code."""

    id: str  # stable rule name: lemma, part of speech and a number when one word has several readings
    lemma: str
    pos: str  # VERB | NOUN
    code: str
    frame: Frame
    requires: tuple[str, ...]  # one of these words must depend on or govern the trigger ("accord" for "signer")
    phrase: tuple[str, ...]  # every one of these must (the rest of a light-verb phrase: "rendre visite")
    example: str
    source: str  # file:line of the row

    @property
    def symmetric(self) -> bool:
        return self.frame.symmetric

    @property
    def reflexive(self) -> bool | None:
        return self.frame.reflexive

    @property
    def rule(self) -> str:
        """The entry and its frame, as ``rule_id`` names them: ``rencontrer.v@meet``."""
        return f"{self.id}@{self.frame.name}"


@dataclass(frozen=True, slots=True)
class Policy:
    """What a CAMEO root (or a longer code prefix) allows when the parse leaves the target open
    (``data/policies.tsv``)."""

    prefix: str
    fallbacks: tuple[str, ...]  # discourse guesses, in order: content, last_actor_on, recent_partner, …
    reaction: bool  # verbal conflict that answers another party (its object may point back into the story)
    one_per_sentence: bool  # one event per pair and sentence (criticise and accuse in one breath)
    strike_place: bool  # with no place in its sentence, the act happened in the target's country
    intent: str | None  # the code of a planned act ("va livrer des armes" → 033); None: not an event
    implied_source: str | None = None  # the role of an unnamed source ("des milliers ont manifesté": protesters)


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor as it appears in one sentence."""

    actor: Actor
    start: int
    end: int
    text: str
    char_offset: int


def same_party(a: Actor, b: Actor) -> bool:
    """One actor acting on itself: the same country with the same role (a country and its government are one
    party), the same IGO, or the same person. Two actors of one country with different roles (government and
    opposition, police and protesters), a people and its government, or two different people are two parties:
    a domestic event."""
    if a.key != b.key:
        return False
    if not a.country or not b.country:
        return a.code == b.code
    if (a.role or "GOV") != (b.role or "GOV") or (a.kind == "people") != (b.kind == "people"):
        return False
    if a.kind == "person" and b.kind == "person":
        return fold(a.name) == fold(b.name)
    return True


@dataclass(frozen=True, slots=True)
class PlaceMention:
    place: Place
    token: int
    text: str
    char_offset: int


@dataclass(frozen=True, slots=True)
class Arguments:
    """The two actors of one event, how much the way they were found is trusted, and that way (for rule_id)."""

    actor1: Mention
    actor2: Mention
    confidence: float
    how: str


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
    rule_id: str

    @property
    def place_in_sentence(self) -> bool:
        start, end = self.sentence_span
        return self.place is not None and start <= self.place.char_offset < end
