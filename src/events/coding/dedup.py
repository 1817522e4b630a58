"""One event per (actors, kind, date, place) within an article: the most confident mention wins."""

from __future__ import annotations

from events.coding.lexicon import Lexicon
from events.coding.types import CodedEvent


def _entry(event: CodedEvent) -> str:
    """The dictionary word that coded the event ("gazer.v" of "gazer.v.175@police_act:…")."""
    return ".".join(event.rule_id.split("@")[0].split(".")[:2])


def _keys(event: CodedEvent) -> tuple[str, str]:
    """What tells two events' parties apart: their countries (or IGOs); within one country, their actor codes
    (the government and the opposition, the police and protesters)."""
    a1, a2 = event.actor1.actor, event.actor2.actor
    return (a1.code, a2.code) if a1.key == a2.key else (a1.key, a2.key)


def _pair(event: CodedEvent) -> frozenset[str]:
    return frozenset(_keys(event))


def dedupe(events: list[CodedEvent], lexicon: Lexicon) -> list[CodedEvent]:
    """Merge the mentions of one event in an article.

    A visit whose host was only inferred from the place ("est arrivé à Kiev") is dropped when the article
    reports a meeting of the same two parties anyway: it is the same visit. For the roots whose policy says
    so (criticise and accuse in one breath), one event per pair and sentence.
    """
    named_pairs = {(_pair(e), e.code[:2]) for e in events if "host" not in (e.actor1.actor.kind, e.actor2.actor.kind)}
    events = [e for e in events if "host" not in (e.actor1.actor.kind, e.actor2.actor.kind)
              or (_pair(e), e.code[:2]) not in named_pairs]
    best_in_sentence: dict[tuple[object, ...], CodedEvent] = {}
    one_per_sentence = [e for e in events if lexicon.policy(e.code).one_per_sentence]
    for event in sorted(one_per_sentence, key=lambda e: -e.confidence):
        key = (*_keys(event), event.code[:2], event.sentence_index)
        best_in_sentence.setdefault(key, event)
    events = [e for e in events if not lexicon.policy(e.code).one_per_sentence or best_in_sentence[
        (*_keys(e), e.code[:2], e.sentence_index)] is e]
    groups: dict[tuple[object, ...], list[CodedEvent]] = {}
    for event in events:
        keys: tuple[str, ...] = _keys(event)
        if event.symmetric or event.code.startswith("04"):  # a visit and its hosting are one meeting
            keys = tuple(sorted(keys))
        # the consult family is one meeting whatever its sub-code and words; other codes are distinct events
        # (praising and signing with the same partner on the same day are two events), and so are two acts told
        # with different words ("ont expulsé les Gilets jaunes" in the morning, "ont gazé" them in the evening)
        kind = event.code[:2] if event.code.startswith("04") else (event.code[:3], _entry(event))
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
