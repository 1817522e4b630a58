"""French temporal expressions → dates, relative to the publication date.

``find_dates`` locates expressions in a sentence with French patterns; ``resolve`` turns one
expression into a :class:`ResolvedDate` (value + precision). dateparser (``languages=["fr"]``,
publication date as ``RELATIVE_BASE``) parses absolute forms; weekday and discourse-relative forms
that dateparser gets wrong ("lundi dernier", "vendredi prochain", "la veille", a weekday next to a
day number) are resolved here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20, "trente": 30,
}

_MONTH = r"(?P<month>janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre)"
_WEEKDAY = r"(?P<weekday>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"
_PART = r"(?:\s+(?:matin|midi|après-midi|apres-midi|soir|(?:dans la|en) (?:matinée|soirée|nuit|journée)))?"
_NUM = r"(?P<num>\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("numeric", re.compile(r"\b(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})\b")),
    ("day_month", re.compile(
        r"\b(?:" + _WEEKDAY + r"\s+)?(?P<day>1er|\d{1,2})\s+" + _MONTH
        + r"(?:\s+(?P<year>\d{4}))?(?P<qual>\s+dernier)?" + _PART + r"\b", re.IGNORECASE)),
    ("fuzzy_month", re.compile(
        r"\b(?P<fuzzy>début|mi|fin)[\s-]+" + _MONTH + r"(?:\s+(?P<year>\d{4}))?\b", re.IGNORECASE)),
    ("month_year", re.compile(r"\b" + _MONTH + r"\s+(?P<year>\d{4})\b", re.IGNORECASE)),
    ("night", re.compile(r"\bdans la nuit d[eu] (?:" + _WEEKDAY.replace("?P<weekday>", "?:") + r") (?:à|au) "
                         + _WEEKDAY + r"\b", re.IGNORECASE)),
    ("weekday", re.compile(
        r"\b" + _WEEKDAY + _PART + r"(?:\s+(?P<qual>dernier|prochain|passé))?" + _PART + r"\b", re.IGNORECASE)),
    ("relative_day", re.compile(
        r"\b(?P<rel>avant-hier|après-demain|apres-demain|hier|aujourd'hui|demain|ce matin|cette nuit|ce soir"
        r"|la veille|le lendemain|le même jour|le meme jour|ce jour-là)" + _PART + r"\b", re.IGNORECASE)),
    ("ago", re.compile(r"\bil y a " + _NUM + r"\s+(?P<unit>jours?|semaines?|mois|ans?)\b", re.IGNORECASE)),
    ("in", re.compile(r"\bdans " + _NUM + r"\s+(?P<unit>jours?|semaines?|mois|ans?)\b", re.IGNORECASE)),
    ("relative_period", re.compile(
        r"\b(?P<period>la semaine (?:dernière|passée|prochaine)|cette semaine|le mois (?:dernier|prochain)"
        r"|ce mois-ci|l'an (?:dernier|passé|prochain)|l'année (?:dernière|passée|prochaine)|ce week-end)\b",
        re.IGNORECASE)),
    ("year", re.compile(r"\b(?:en|depuis|de|l'année)\s+(?P<year>(?:19|20)\d{2})\b", re.IGNORECASE)),
]

_DISCOURSE = {"la veille": -1, "le lendemain": 1, "le même jour": 0, "le meme jour": 0, "ce jour-là": 0}


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: date
    precision: str  # 'day' | 'week' | 'month' | 'year'
    flag: str | None = None  # 'early' / 'mid' / 'late' for "début/mi/fin juillet"


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int  # character offset in the sentence
    end: int
    kind: str
    resolved: ResolvedDate | None


@lru_cache(maxsize=1)
def _parser() -> DateDataParser:
    return DateDataParser(languages=["fr"], settings={"PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True})


@lru_cache(maxsize=65536)
def _dateparser(expression: str, reference: date) -> ResolvedDate | None:
    """dateparser with the publication date as RELATIVE_BASE (cached per expression and reference)."""
    base = datetime.combine(reference, datetime.min.time())
    parser = DateDataParser(
        languages=["fr"],
        settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "RETURN_TIME_AS_PERIOD": True},
    )
    data = parser.get_date_data(expression)
    if data.date_obj is None:
        return None
    period = data.period or "day"
    precision = period if period in {"day", "week", "month", "year"} else "day"
    return ResolvedDate(data.date_obj.date(), precision)


def _nearest_year(month: int, day: int, reference: date, weekday: int | None = None) -> date | None:
    """The day/month closest before the reference (a news article reports the past), up to ~1 month after.

    With a weekday given ("jeudi 12 septembre"), the year whose calendar matches wins.
    """
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if weekday is not None:
        matching = [c for c in candidates if c.weekday() == weekday]
        if matching:
            return min(matching, key=lambda c: abs((c - reference).days))
    past = [c for c in candidates if c <= reference + timedelta(days=31)]
    return max(past) if past else None


def _weekday(reference: date, weekday: int, qualifier: str | None) -> date:
    delta = (reference.weekday() - weekday) % 7
    if qualifier == "prochain":
        return reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    if qualifier in {"dernier", "passé"} and delta == 0:
        delta = 7
    return reference - timedelta(days=delta)


def _to_int(num: str) -> int:
    return int(num) if num.isdigit() else NUMBERS[num.lower()]


def resolve_match(kind: str, match: re.Match[str], reference: date | None,
                  anchor: date | None = None) -> ResolvedDate | None:
    """Resolve one matched expression; ``anchor`` is the last date of the discourse (for "la veille")."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    if kind == "numeric":
        try:
            return ResolvedDate(date(int(groups["y"]), int(groups["m"]), int(groups["d"])), "day")
        except ValueError:
            return None
    if kind in {"day_month", "month_year", "fuzzy_month"}:
        month = MONTHS[groups["month"].lower()]
        year = int(groups["year"]) if "year" in groups else None
        if kind == "day_month":
            day = 1 if groups["day"].lower() == "1er" else int(groups["day"])
            weekday = WEEKDAYS[groups["weekday"].lower()] if "weekday" in groups else None
            if year is not None:
                resolved = _dateparser(f"{day} {groups['month'].lower()} {year}", reference or date(year, 1, 1))
                if resolved is not None:
                    return resolved
                return None
            if reference is None:
                return None
            found = _nearest_year(month, day, reference, weekday)
            return ResolvedDate(found, "day") if found else None
        if year is None:
            if reference is None:
                return None
            year = reference.year if month <= reference.month + 1 else reference.year - 1
        flag = {"début": "early", "mi": "mid", "fin": "late"}.get(groups.get("fuzzy", "").lower())
        return ResolvedDate(date(year, month, 1), "month", flag)
    if kind == "year":
        return ResolvedDate(date(int(groups["year"]), 1, 1), "year")
    if reference is None and kind != "relative_day":
        return None
    if kind in {"weekday", "night"}:  # "dans la nuit de mardi à mercredi" → mercredi
        assert reference is not None
        qual = groups.get("qual", "").lower() or None
        return ResolvedDate(_weekday(reference, WEEKDAYS[groups["weekday"].lower()], qual), "day")
    if kind == "relative_day":
        rel = groups["rel"].lower()
        if rel in _DISCOURSE:
            base = anchor or reference
            return ResolvedDate(base + timedelta(days=_DISCOURSE[rel]), "day") if base else None
        if reference is None:
            return None
        if rel in {"ce matin", "cette nuit", "ce soir"}:
            return ResolvedDate(reference, "day")
        return _dateparser(rel.replace("apres", "après"), reference)
    if kind in {"ago", "in"}:
        assert reference is not None
        count = _to_int(groups["num"])
        unit = groups["unit"].lower()
        days = {"j": 1, "s": 7, "m": 30, "a": 365}[unit[0]]
        sign = -1 if kind == "ago" else 1
        if unit.startswith("mois"):
            month_index = reference.year * 12 + reference.month - 1 + sign * count
            return ResolvedDate(date(month_index // 12, month_index % 12 + 1, 1), "month")
        precision = {"j": "day", "s": "week", "a": "year"}[unit[0]]
        value = reference + timedelta(days=sign * count * days)
        if precision == "year":
            value = date(value.year, 1, 1)
        return ResolvedDate(value, precision)
    if kind == "relative_period":
        assert reference is not None
        period = groups["period"].lower()
        step = -1 if any(w in period for w in ("dernier", "dernière", "passé", "passée")) else (
            1 if "prochain" in period else 0)
        if "semaine" in period:
            monday = reference - timedelta(days=reference.weekday()) + timedelta(weeks=step)
            return ResolvedDate(monday, "week")
        if "week-end" in period:
            saturday = reference + timedelta(days=(5 - reference.weekday()) % 7)
            if reference.weekday() == 6:
                saturday = reference - timedelta(days=1)
            return ResolvedDate(saturday, "day")
        if "mois" in period:
            month_index = reference.year * 12 + reference.month - 1 + step
            return ResolvedDate(date(month_index // 12, month_index % 12 + 1, 1), "month")
        return ResolvedDate(date(reference.year + step, 1, 1), "year")
    return None


def find_dates(sentence: str, reference: date | None, anchor: date | None = None) -> list[DateMention]:
    """All temporal expressions of a sentence, left to right, without overlaps (longest first)."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            start, end = match.span()
            if any(start < t_end and t_start < end for t_start, t_end in taken):
                continue
            taken.append((start, end))
            found.append(DateMention(match.group(0), start, end, kind, resolve_match(kind, match, reference, anchor)))
    return sorted(found, key=lambda m: m.start)


def normalize_expression(expression: str, reference: date | None) -> ResolvedDate | None:
    """Resolve a whole expression (as `events normalize-dates` does); None when it names no date."""
    mentions = [m for m in find_dates(expression.strip(), reference) if m.resolved is not None]
    if mentions:
        return max(mentions, key=lambda m: m.end - m.start).resolved
    if reference is None:
        return None
    return _dateparser(expression.strip(), reference)


def timeml_value(resolved: ResolvedDate | None) -> str:
    """TimeML-style value: YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY ('' when nothing)."""
    if resolved is None:
        return ""
    value = resolved.value
    if resolved.precision == "week":
        iso = value.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if resolved.precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if resolved.precision == "year":
        return f"{value.year:04d}"
    return value.isoformat()
