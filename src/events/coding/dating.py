"""The date of one event: a day named near its trigger, else the story's current day, else a month named in
the sentence, else the publication date. An intent is dated the day it was stated, not the planned day."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Span, Token

from events.dates import DateMention, ResolvedDate

# Date kinds that name a planned day ("jeudi", "le 4 juillet", "04/07") when they follow an intent.
_PLANNED_KINDS = {"weekday", "day_month", "numeric"}


def event_date(token: Token, sent: Span, dates: list[DateMention], *, pub_date: date | None,
               story_date: date | None, intent: bool) -> tuple[date | None, str]:
    usable = [d for d in dates if d.resolved is not None and (pub_date is None or d.resolved.value <= pub_date)]
    if intent:
        usable = [d for d in usable if d.kind not in _PLANNED_KINDS or (
            pub_date is not None and d.resolved is not None and d.resolved.value <= pub_date
            and d.start < token.idx - sent.start_char)]
    # a day (or week) named in the sentence, nearest the trigger; else the story's day; else a month named in the
    # sentence ("en février" is more often background than the event's own date)
    offset = token.idx - sent.start_char
    precise = [d for d in usable if d.resolved is not None and d.resolved.precision in {"day", "week"}]
    if precise:
        chosen: ResolvedDate | None = min(precise, key=lambda d: abs(d.start - offset)).resolved
        assert chosen is not None
        return chosen.value, chosen.precision
    if story_date is not None:
        return story_date, "day"
    months = [d for d in usable if d.resolved is not None and d.resolved.precision == "month"]
    if months:
        chosen = min(months, key=lambda d: abs(d.start - offset)).resolved
        assert chosen is not None
        return chosen.value, chosen.precision
    return pub_date, "publication"
