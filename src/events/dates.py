"""French temporal expressions → dates, relative to the publication date.

``find_dates`` locates expressions in a sentence with French patterns (never with
``dateparser.search``, which reads "sept" and "Mars" as months and "sa" as samedi);
``resolve_match`` turns one match into a :class:`ResolvedDate` (value + precision);
``normalize_expression`` resolves a whole expression (what ``events normalize-dates`` does) and
``timeml_value`` writes the TimeML-style value (``YYYY-MM-DD``, ``YYYY-Www``, ``YYYY-MM``, ``YYYY``).

Families handled, with the rule each follows (``ref`` = publication date):

- absolute: "8 juillet 2024", "le 1er août", "jeudi 12 septembre", "le 10 novembre 93", "14/03/2024",
  "2024-03-14", "du 19 au 23 juillet" (the first day), "en juillet 2024" / "octobre 98" (month), "en 1998" /
  "l'année 2001" / "d'ici 2003" / "de 1998 à 2002" (year; not "de 2000 personnes").
- without a year: a day/month takes the nearest occurrence around ``ref`` (ties: the past one); with a
  weekday ("samedi 5 juin") the year whose calendar matches; with "dernier"/"prochain" the last one strictly
  before / the first one strictly after ``ref``. A month without a day ("juin prochain", "septembre dernier",
  "mai et juin derniers", "ce mois de janvier") takes the latest one from ten months before to one month after
  ``ref``, or strictly after / before it with the qualifier. In running text a month needs a day, a year, a
  qualifier or début/mi/fin: a bare "en février" there is too often the date of something else than the event.
- weekdays: bare "mardi", "ce mardi" → the last such day up to four days back (``ref`` itself included), else
  the coming one (one or two days ahead); "mardi dernier"/"passé" → strictly before, "mardi prochain" →
  strictly after; "mardi de la semaine dernière"; "jeudi 12" (day number, no month) → the nearby month whose
  12th is a Thursday.
- relative to ``ref``: hier, avant-hier, aujourd'hui, demain, après-demain, ce matin / ce soir / cette nuit,
  "il y a trois jours", "dans deux semaines", "la semaine dernière" (ISO week), "le mois prochain", "ce mois-ci",
  "l'an dernier", "cette année", "ce week-end" (Monday–Tuesday: the past one, Wednesday–Friday: the coming one;
  week precision, value = the Saturday), "le week-end dernier/prochain", "la nouvelle année".
- parts of day ("hier soir", "mardi matin", "hier en début d'après-midi") → the day; clock times ("à 15 h 30",
  "le 19 mai à 14 h") are never read as dates or years.
- fuzzy: "début/mi/fin juillet", "courant mai", "fin 2002", "la fin de l'année (dernière)", "au début du mois",
  "à la fin de la semaine prochaine" → month / year / week precision with ``flag`` early / mid / late.
- nights: "dans la nuit de mardi à mercredi", "la nuit du 5 au 6 mai" → dated on the second day (events of
  the night happen after midnight); the TimeML value anchors the night on the evening it starts (``timeml``).
- discourse: "la veille", "l'avant-veille", "le lendemain", "le surlendemain", "le même jour", "ce jour-là",
  "trois jours plus tard / plus tôt" → relative to ``anchor`` (the last date of the discourse), else ``ref``.
- holidays: "à Noël", "la Toussaint", "cette fête de Pentecôte", "le lundi de Pâques" (Easter computed), with a
  year, a qualifier or the nearest occurrence; guarded against "île de Pâques", "marché de Noël", "Noël Mamère".
- whole expressions only (``normalize_expression``): a bare month ("août", "en mars": the window above), a bare
  year ("1975"; "97" — two digits above 31, else it may be a day), a bare day number ("le 19": the nearest 19th),
  and "désormais" / "dorénavant" / "à présent" (the reference day).

dateparser (``languages=["fr"]``, ``ref`` as ``RELATIVE_BASE``, one parser per reference) is the last resort of
``normalize_expression`` for expressions none of the patterns covers; inputs holding a clock time and no date
word never reach it. Results of ``normalize_expression`` are cached per (expression, reference).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from dateparser.date import DateDataParser

MONTHS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3, "avril": 4, "avr": 4,
    "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8, "septembre": 9, "sept": 9,
    "octobre": 10, "oct": 10, "novembre": 11, "nov": 11, "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}
WEEKDAYS = {"lundi": 0, "mardi": 1, "mercredi": 2, "jeudi": 3, "vendredi": 4, "samedi": 5, "dimanche": 6}
NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16,
    "vingt": 20, "trente": 30,
}
FLAGS = {"début": "early", "debut": "early", "mi": "mid", "milieu": "mid", "fin": "late"}

# --- building blocks ---------------------------------------------------------------------------------------
_A = "['’]"  # apostrophe, straight or curly
_MONTH_WORDS = (r"janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre")
_MONTH_ABBR = r"janv\.|f[ée]vr\.|avr\.|juil\.|sept\.|oct\.|nov\.|d[ée]c\."  # abbreviations only with their dot
_MONTH = r"(?P<month>" + _MONTH_WORDS + "|" + _MONTH_ABBR + r")(?!\w)"
_MONTH_FULL = r"(?P<month>" + _MONTH_WORDS + r")\b"
_WEEKDAY_WORDS = r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_WEEKDAY = r"(?P<weekday>" + _WEEKDAY_WORDS + r")\b"
_DAY = r"(?P<day>1er|premier|[12]\d|3[01]|0?[1-9])\b"
_YEAR4 = r"(?:1[5-9]|20)\d{2}"
# a two-digit year only where nothing follows that could make it a count or a clock time ("93," but not "93 h")
_YEAR2_END = r"(?=\s*(?:$|[,;:.)!?»\"(]|et\b|ou\b))"
_YEAR2 = r"\d{2}" + _YEAR2_END
_YEAR = r"(?P<year>" + _YEAR4 + r"\b|" + _A + r"?" + _YEAR2 + r")"
_QUAL = r"(?P<qual>derni[eè]re?s?|pass[ée]e?s?|prochaine?s?)\b"
_DAYPART = r"(?:matin(?:ée)?|midi|apr[eè]s-midi|soir(?:ée)?|nuit|journée)\b"
_PART = (r"(?:\s+(?:au\s+|dans\s+la\s+|dans\s+l" + _A + r"|en\s+|en\s+(?:début|fin)\s+(?:de\s+|d" + _A
         + r")|(?:tard|tôt)\s+dans\s+la\s+|dès\s+le\s+)?" + _DAYPART + r")?")
_NUM = (r"(?P<num>\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze"
        r"|quinze|seize|vingt|trente)")
_UNIT = r"(?P<unit>jours?|semaines?|mois|ans?|années?)\b"
_HOLIDAY = r"(?P<holiday>No[eë]l|P[âa]ques|Pentec[ôo]te|Ascension|Toussaint|Saint-Sylvestre|Assomption)\b"

_I = re.IGNORECASE


def _weekday_group(name: str) -> str:
    return _WEEKDAY.replace("?P<weekday>", f"?P<{name}>")


_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("numeric", re.compile(r"\b(?P<d>[12]\d|3[01]|0?[1-9])/(?P<m>1[0-2]|0?[1-9])/(?P<y>" + _YEAR4
                           + r"|\d{2})\b(?!/\d)")),
    ("numeric", re.compile(r"\b(?P<d>[12]\d|3[01]|0?[1-9])\.(?P<m>1[0-2]|0?[1-9])\.(?P<y>" + _YEAR4 + r")\b(?!\.\d)")),
    ("numeric", re.compile(r"\b(?P<y>" + _YEAR4 + r")-(?P<m>1[0-2]|0[1-9])-(?P<d>[12]\d|3[01]|0[1-9])\b")),
    ("night", re.compile(r"\b(?:dans\s+)?la\s+nuit\s+d[eu]\s+(?:" + _weekday_group("weekday1") + r")\s+(?:à|au)\s+"
                         + _WEEKDAY + r"(?:\s+" + _DAY + r"\s+" + _MONTH + r"(?:\s+" + _YEAR + r")?)?", _I)),
    ("night", re.compile(r"\b(?:dans\s+)?la\s+nuit\s+du\s+(?P<day1>[12]\d|3[01]|0?[1-9]|1er)\s+au\s+" + _DAY
                         + r"\s+" + _MONTH + r"(?:\s+" + _YEAR + r")?", _I)),
    ("day_month", re.compile(r"\b(?:(?:du|les?)\s+)(?P<day>1er|[12]\d|3[01]|0?[1-9])\s+(?:au|et|à)\s+"
                             r"(?:[12]\d|3[01]|0?[1-9])\s+" + _MONTH + r"(?:\s+" + _YEAR + r")?(?:\s+" + _QUAL + ")?",
                             _I)),
    ("day_month", re.compile(r"\b(?:" + _WEEKDAY + r"\s+)?" + _DAY + r"\s+" + _MONTH + r"(?:\s+" + _YEAR + r")?"
                             r"(?:\s+" + _QUAL + ")?" + _PART, _I)),
    ("holiday", re.compile(r"(?:\b(?i:à|pour|dès|depuis|lors\s+de|le\s+jour\s+de|le\s+week-end\s+de|le\s+pont\s+de"
                           r"|(?:la|cette)\s+fête\s+de|(?P<monday>(?:le\s+)?lundi\s+de)|la|l" + _A + r")\s*)"
                           + _HOLIDAY + r"(?:\s+" + _YEAR + r")?(?:\s+" + _QUAL + r")?(?!\s+[A-ZÀ-Ý])")),
    ("holiday", re.compile(r"\b" + _HOLIDAY + r"(?=\s+(?:\d|['’]|derni|pass|prochain))(?:\s+" + _YEAR + r")?(?:\s+"
                           + _QUAL + r")?")),  # "Noël 2002", "Pâques prochain"
    ("fuzzy_month", re.compile(r"\b(?P<fuzzy>début|debut|mi|milieu|fin|courant)[\s-]+(?:du\s+mois\s+)?(?:d(?:e\s+|"
                               + _A + r"))?" + _MONTH_FULL + r"(?:\s+" + _YEAR + r")?(?:\s+" + _QUAL + ")?", _I)),
    ("fuzzy_year", re.compile(r"\b(?P<fuzzy>début|debut|mi|milieu|fin)[\s-]+(?P<year>" + _YEAR4 + r")\b", _I)),
    ("fuzzy_period", re.compile(
        r"\b(?P<fuzzy>début|debut|milieu|fin)\s+(?:de\s+l" + _A + r"|d" + _A + r"|du\s+|de\s+la\s+|de\s+cette\s+"
        r"|de\s+ce\s+)(?P<unit>année|an|mois|semaine)(?:[\s-]+(?P<rel>derni[eè]re?|prochaine?|pass[ée]e?|ci"
        r"|en\s+cours)\b|\s+(?P<year>" + _YEAR4 + r")\b)?", _I)),
    ("month_year", re.compile(r"\b" + _MONTH_FULL + r"\s+" + _YEAR, _I)),
    ("month_qual", re.compile(r"\bce\s+mois\s+d(?:e\s+|" + _A + r")" + _MONTH_FULL + r"(?:\s+" + _YEAR + r")?", _I)),
    ("month_qual", re.compile(r"\b" + _MONTH_FULL + r"(?:\s*(?:,|et)\s*(?:" + _MONTH_WORDS + r"))*\s+" + _QUAL, _I)),
    # "mardi", "ce mardi", "ce même mardi", "d'ici mardi", "mardi soir", "mardi dernier", "mardi de la semaine
    # prochaine", "mardi 12" (a day number that no month follows)
    ("weekday", re.compile(
        r"(?:\b(?P<ce>ce)\s+(?P<same>même\s+)?|\b(?P<until>d" + _A + r"ici)\s+)?\b" + _WEEKDAY + _PART
        + r"(?:\s+(?:" + _QUAL + r"|de\s+la\s+semaine\s+(?P<wqual>derni[eè]re|pass[ée]e|prochaine)\b"
        r"|(?P<wday>[12]\d|3[01]|0?[1-9]|1er)(?=\s*(?:$|[,;:.)!?»])))(?!\s+" + _MONTH_WORDS + r"))?" + _PART, _I)),
    ("relative_day", re.compile(
        r"\b(?P<rel>avant-hier|apr[eè]s-demain|hier|aujourd" + _A + r"hui|demain|ce\s+matin|ce\s+midi"
        r"|cet\s+apr[eè]s-midi|ce\s+soir|cette\s+nuit|l" + _A + r"avant-veille|la\s+veille|le\s+lendemain"
        r"|le\s+surlendemain|le\s+m[êe]me\s+jour|ce\s+jour-là|ce\s+jour-la)\b" + _PART, _I)),
    ("ago", re.compile(r"\bil\s+y\s+a\s+" + _NUM + r"\s+" + _UNIT, _I)),
    ("in", re.compile(r"\bdans\s+" + _NUM + r"\s+" + _UNIT, _I)),
    ("later", re.compile(r"\b" + _NUM + r"\s+" + _UNIT + r"\s+(?P<dir>plus\s+tard|plus\s+tôt|auparavant)\b", _I)),
    ("relative_period", re.compile(
        r"\b(?P<period>la\s+semaine\s+(?:derni[eè]re|pass[ée]e|prochaine)|cette\s+semaine|le\s+mois\s+(?:dernier"
        r"|pass[ée]|prochain)|ce\s+mois(?:-ci)?|l" + _A + r"an\s+(?:dernier|pass[ée]|prochain)|l" + _A
        + r"année\s+(?:derni[eè]re|pass[ée]e|prochaine|en\s+cours)|cette\s+année|la\s+nouvelle\s+année"
        r"|le\s+week-end\s+(?:dernier|pass[ée]|prochain)|ce\s+week-end)\b", _I)),
    # "de 1998 à 2002" but not "plus de 2000 personnes"
    ("year", re.compile(r"\bde\s+(?P<year>(?:19|20)\d{2})\b(?=\s*(?:$|[,;:.)!?»])|\s+(?:à|au|et)\s+(?:19|20)\d{2}"
                        r"\b\s*(?:$|[,;:.)!?»]))", _I)),
    ("year", re.compile(r"(?:\b(?:en|depuis|dès|jusqu" + _A + r"en|courant|d" + _A + r"ici(?:\s+à)?)|\bl" + _A
                        + r"an|\bl" + _A + r"année)\s+(?P<year>" + _YEAR4 + r")\b(?!\s*(?:%|€|\$|h\b|heures?\b))", _I)),
    ("year", re.compile(r"\ben\s+(?P<year>" + _A + _YEAR2 + r"|[4-9]\d" + _YEAR2_END + r")", _I)),
]

# Literal prefilter: a pattern of a kind runs only when the lower-cased sentence holds, for every group of its
# kind, one of the group's strings (each pattern of the kind needs them). It spares most regexes most sentences.
_DIGITS = tuple("0123456789")
_MONTH_KEYS = ("janv", "févr", "fevr", "mars", "avr", "mai", "juin", "juil", "août", "aout", "sept", "oct", "nov",
               "déc", "dec")
_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "numeric": (_DIGITS,),
    "night": (("nuit",),),
    "day_month": (_DIGITS, _MONTH_KEYS),
    "holiday": (("noël", "noel", "pâques", "paques", "pentec", "ascension", "toussaint", "sylvestre", "assomption"),),
    "fuzzy_month": (_MONTH_KEYS, ("début", "debut", "mi", "fin", "courant")),
    "fuzzy_year": (_DIGITS, ("début", "debut", "mi", "fin")),
    "fuzzy_period": (("début", "debut", "milieu", "fin"),),
    "month_year": (_DIGITS, _MONTH_KEYS),
    "month_qual": (_MONTH_KEYS,),
    "weekday": (tuple(WEEKDAYS),),
    "relative_day": (("hier", "demain", "jour", "matin", "midi", "soir", "nuit", "veille", "lendemain"),),
    "ago": (("il y a",),),
    "in": (("dans",),),
    "later": (("plus tard", "plus tôt", "auparavant"),),
    "relative_period": (("semaine", "mois", "l'an", "l’an", "année", "week-end"),),
    "year": (_DIGITS,),
}
# each group as one compiled alternation: a search per group instead of a substring test per string
_NEEDS_RE: dict[str, tuple[re.Pattern[str], ...]] = {
    kind: tuple(re.compile("|".join(re.escape(key) for key in group)) for group in groups)
    for kind, groups in _NEEDS.items()}

_DISCOURSE = {"la veille": -1, "l'avant-veille": -2, "le lendemain": 1, "le surlendemain": 2,
              "le même jour": 0, "le meme jour": 0, "ce jour-là": 0, "ce jour-la": 0}
_TODAY = {"aujourd'hui": 0, "hier": -1, "avant-hier": -2, "demain": 1, "après-demain": 2, "apres-demain": 2,
          "ce matin": 0, "ce midi": 0, "cet après-midi": 0, "cet apres-midi": 0, "ce soir": 0, "cette nuit": 0}

# whole-expression forms (normalize_expression only: in running text they are not dates, or too ambiguous)
_WHOLE_MONTH = re.compile(r"(?:(?:(?:au|le)\s+)?mois\s+d[e'’]\s*|(?:en|depuis|dès|courant|jusqu['’]en)\s+)?"
                          r"(?P<month>" + _MONTH_WORDS + r")", _I)
# a bare two-digit number is a year only above 31 (else it may be a day: "les 6", "19") or with an apostrophe
_WHOLE_YEAR = re.compile(r"(?:en\s+)?(?P<year>" + _YEAR4 + r"|['’]\d{2}|3[2-9]|[4-9]\d)", _I)
_WHOLE_DAY = re.compile(r"(?:le\s+)?(?P<day>1er|[12]\d|3[01]|0?[1-9])", _I)
_WHOLE_NOW = re.compile(r"d[ée]sormais|dor[ée]navant|[àa]\s+pr[ée]sent", _I)
_CLOCK = re.compile(r"\b\d{1,2}\s*(?:h|heures?)\b|\bmidi\b|\bminuit\b", _I)
_DATE_WORD = re.compile(r"\d{4}|/|" + _MONTH_WORDS + "|" + _WEEKDAY_WORDS + r"|hier|demain|aujourd|veille|lendemain"
                        r"|semaine|mois|an\b|année", _I)


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: date
    precision: str  # 'day' | 'week' | 'month' | 'year'
    flag: str | None = None  # 'early' / 'mid' / 'late' for "début/mi/fin juillet"
    timeml: str | None = None  # TimeML value when it differs from value/precision (a night is anchored on its eve)


@dataclass(frozen=True, slots=True)
class DateMention:
    text: str
    start: int  # character offset in the sentence
    end: int
    kind: str
    resolved: ResolvedDate | None


# --- calendar helpers --------------------------------------------------------------------------------------
def _easter(year: int) -> date:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * leap) // 451
    month = (h + leap - 7 * m + 114) // 31
    day = (h + leap - 7 * m + 114) % 31 + 1
    return date(year, month, day)


_HOLIDAYS: dict[str, Callable[[int], date]] = {
    "noël": lambda y: date(y, 12, 25), "noel": lambda y: date(y, 12, 25),
    "pâques": _easter, "paques": _easter,
    "ascension": lambda y: _easter(y) + timedelta(days=39),
    "pentecôte": lambda y: _easter(y) + timedelta(days=49), "pentecote": lambda y: _easter(y) + timedelta(days=49),
    "toussaint": lambda y: date(y, 11, 1), "assomption": lambda y: date(y, 8, 15),
    "saint-sylvestre": lambda y: date(y, 12, 31),
}


def _month_index(year: int, month: int, shift: int) -> date:
    index = year * 12 + month - 1 + shift
    return date(index // 12, index % 12 + 1, 1)


def _two_digit_year(text: str, reference: date | None) -> int:
    yy = int(text.lstrip("'’"))
    if reference is None:
        return 2000 + yy if yy <= 30 else 1900 + yy
    return 2000 + yy if 2000 + yy <= reference.year + 10 else 1900 + yy


def _year(text: str, reference: date | None) -> int:
    text = text.lstrip("'’")
    return int(text) if len(text) == 4 else _two_digit_year(text, reference)


def _qualifier(text: str | None) -> int:
    """-1 for dernier/passé, +1 for prochain, 0 otherwise."""
    if not text:
        return 0
    text = text.lower()
    if text.startswith("prochain"):
        return 1
    return -1 if text.startswith(("dernier", "dernière", "derniere", "pass")) else 0


def _pick(candidates: list[date], reference: date, direction: int) -> date | None:
    """Among candidate dates: the nearest to the reference (ties: the past one), or strictly before/after."""
    if direction < 0:
        before = [c for c in candidates if c < reference]
        return max(before) if before else None
    if direction > 0:
        after = [c for c in candidates if c > reference]
        return min(after) if after else None
    return min(candidates, key=lambda c: (abs((c - reference).days), c > reference)) if candidates else None


def _day_month_year(month: int, day: int, reference: date, weekday: int | None = None,
                    direction: int = 0) -> date | None:
    """The year of a day/month written without one (see the module docstring)."""
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, month, day))
        except ValueError:
            continue
    if weekday is not None and direction == 0:
        matching = [c for c in candidates if c.weekday() == weekday]
        if matching:
            return min(matching, key=lambda c: abs((c - reference).days))
    return _pick(candidates, reference, direction)


def _month_year(month: int, reference: date, direction: int = 0) -> int:
    """The year of a month named without one: from ten months before to one month after the reference."""
    offset = month - reference.month
    if direction < 0:
        return reference.year if offset < 0 else reference.year - 1
    if direction > 0:
        return reference.year if offset > 0 else reference.year + 1
    return reference.year if offset <= 1 else reference.year - 1


def _weekday(reference: date, weekday: int, direction: int = 0) -> date:
    """Bare weekday: back up to four days (the reference included), else ahead; or strictly before/after."""
    back = (reference.weekday() - weekday) % 7
    if direction > 0:
        return reference + timedelta(days=(weekday - reference.weekday()) % 7 or 7)
    if direction < 0:
        return reference - timedelta(days=back or 7)
    return reference - timedelta(days=back) if back <= 4 else reference + timedelta(days=7 - back)


def _day_of_month(reference: date, day: int, weekday: int | None = None) -> date | None:
    """"le 19", "jeudi 12": the nearest such day of this month, the one before or the one after (with the
    weekday given, only days that fall on it)."""
    candidates = []
    for shift in (-1, 0, 1):
        first = _month_index(reference.year, reference.month, shift)
        try:
            candidate = date(first.year, first.month, day)
        except ValueError:
            continue
        if weekday is None or candidate.weekday() == weekday:
            candidates.append(candidate)
    return _pick(candidates, reference, 0)


def _weekend(reference: date, direction: int) -> date:
    """The Saturday of "ce week-end" / "le week-end dernier" / "le week-end prochain"."""
    wd = reference.weekday()
    this_saturday = reference + timedelta(days=5 - wd)  # Saturday of the reference's ISO week
    if direction < 0:
        return this_saturday - timedelta(days=7)
    if direction > 0:
        return this_saturday + timedelta(days=7) if wd >= 5 else this_saturday
    return this_saturday - timedelta(days=7) if wd <= 1 else this_saturday


def _to_int(num: str) -> int:
    return int(num) if num.isdigit() else NUMBERS[num.lower()]


def _day_number(text: str) -> int:
    return 1 if text.lower() in {"1er", "premier"} else int(text)


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _iso_week_monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# --- resolution --------------------------------------------------------------------------------------------
def resolve_match(kind: str, match: re.Match[str], reference: date | None,
                  anchor: date | None = None) -> ResolvedDate | None:
    """Resolve one matched expression; ``anchor`` is the last date of the discourse (for "la veille")."""
    groups = {k: v for k, v in match.groupdict().items() if v is not None}
    try:
        return _resolve(kind, groups, reference, anchor)
    except (ValueError, OverflowError):  # impossible dates ("31 février")
        return None


def _resolve(kind: str, groups: dict[str, str], reference: date | None,
             anchor: date | None) -> ResolvedDate | None:
    if kind == "numeric":
        return ResolvedDate(date(_year(groups["y"], reference), int(groups["m"]), int(groups["d"])), "day")
    year = _year(groups["year"], reference) if "year" in groups else None
    direction = _qualifier(groups.get("qual"))
    flag = FLAGS.get(groups.get("fuzzy", "").lower())
    if kind == "fuzzy_year":
        assert year is not None
        return ResolvedDate(date(year, 1, 1), "year", flag)
    if kind == "year":
        assert year is not None
        return ResolvedDate(date(year, 1, 1), "year")
    if kind in {"day_month", "night"} and "month" in groups:
        month, day = _month_number(groups["month"]), _day_number(groups["day"])
        weekday = WEEKDAYS[groups["weekday"].lower()] if "weekday" in groups else None
        if year is not None:
            value: date | None = date(year, month, day)
        elif reference is None:
            return None
        else:
            value = _day_month_year(month, day, reference, weekday, direction)
        if value is None:
            return None
        if kind == "night":
            return ResolvedDate(value, "day", timeml=(value - timedelta(days=1)).isoformat())
        return ResolvedDate(value, "day")
    if kind in {"month_year", "month_qual", "fuzzy_month"}:
        month = _month_number(groups["month"])
        if year is None:
            if reference is None:
                return None
            year = _month_year(month, reference, direction)
        return ResolvedDate(date(year, month, 1), "month", flag)
    if kind == "holiday":
        rule = _HOLIDAYS[groups["holiday"].lower()]
        shift = 1 if "monday" in groups else 0
        if year is not None:
            return ResolvedDate(rule(year) + timedelta(days=shift), "day")
        if reference is None:
            return None
        candidates = [rule(y) + timedelta(days=shift) for y in (reference.year - 1, reference.year, reference.year + 1)]
        found = _pick(candidates, reference, direction)
        return ResolvedDate(found, "day") if found else None
    if kind == "relative_day":
        rel = re.sub(r"\s+", " ", groups["rel"].lower().replace("’", "'"))
        if rel in _DISCOURSE:
            base = anchor or reference
            return ResolvedDate(base + timedelta(days=_DISCOURSE[rel]), "day") if base else None
        if reference is None:
            return None
        return ResolvedDate(reference + timedelta(days=_TODAY[rel]), "day")
    if kind == "later":
        base = anchor or reference
        if base is None:
            return None
        sign = 1 if "tard" in groups["dir"].lower() else -1
        return _shift(base, _to_int(groups["num"]), groups["unit"].lower(), sign)
    if reference is None:
        return None
    if kind == "night":  # "dans la nuit de mardi à mercredi": mercredi, TimeML mardi night
        value = _weekday(reference, WEEKDAYS[groups["weekday"].lower()])
        return ResolvedDate(value, "day", timeml=(value - timedelta(days=1)).isoformat())
    if kind == "weekday":
        weekday = WEEKDAYS[groups["weekday"].lower()]
        if "wday" in groups:
            found = _day_of_month(reference, _day_number(groups["wday"]), weekday)
            return ResolvedDate(found, "day") if found else None
        if "wqual" in groups:
            week = _iso_week_monday(reference) + timedelta(weeks=1 if _qualifier(groups["wqual"]) > 0 else -1)
            return ResolvedDate(week + timedelta(days=weekday), "day")
        if "same" in groups and anchor is not None:  # "ce même lundi": the anchor's
            return ResolvedDate(_weekday(anchor, weekday), "day")
        if "until" in groups:  # "d'ici vendredi": by the coming Friday
            return ResolvedDate(reference + timedelta(days=(weekday - reference.weekday()) % 7), "day")
        return ResolvedDate(_weekday(reference, weekday, direction), "day")
    if kind in {"ago", "in"}:
        return _shift(reference, _to_int(groups["num"]), groups["unit"].lower(), -1 if kind == "ago" else 1)
    if kind == "fuzzy_period":
        unit = groups["unit"].lower()
        rel = groups.get("rel", "").lower()
        step = _qualifier(rel) if rel else 0
        if unit == "semaine":
            return ResolvedDate(_iso_week_monday(reference) + timedelta(weeks=step), "week", flag)
        if unit == "mois":
            return ResolvedDate(_month_index(reference.year, reference.month, step), "month", flag)
        return ResolvedDate(date(year or reference.year + step, 1, 1), "year", flag)
    if kind == "relative_period":
        period = re.sub(r"\s+", " ", groups["period"].lower())
        step = _qualifier(period.split()[-1])
        if "semaine" in period:
            return ResolvedDate(_iso_week_monday(reference) + timedelta(weeks=step), "week")
        if "week-end" in period:
            return ResolvedDate(_weekend(reference, step), "week")
        if "mois" in period:
            return ResolvedDate(_month_index(reference.year, reference.month, step), "month")
        if "nouvelle" in period:
            return ResolvedDate(date(reference.year + (reference.month == 12), 1, 1), "year")
        return ResolvedDate(date(reference.year + step, 1, 1), "year")
    return None


def _shift(base: date, count: int, unit: str, sign: int) -> ResolvedDate:
    """"il y a trois jours", "dans deux semaines", "deux mois plus tard"."""
    if unit.startswith("mois"):
        return ResolvedDate(_month_index(base.year, base.month, sign * count), "month")
    if unit.startswith("an"):
        return ResolvedDate(date(base.year + sign * count, 1, 1), "year")
    if unit.startswith("semaine"):
        return ResolvedDate(base + timedelta(weeks=sign * count), "week")
    return ResolvedDate(base + timedelta(days=sign * count), "day")


# --- finding -----------------------------------------------------------------------------------------------
def find_dates(sentence: str, reference: date | None, anchor: date | None = None) -> list[DateMention]:
    """All temporal expressions of a sentence, left to right, without overlaps (the longest wins)."""
    matches: list[tuple[int, int, int, str, re.Match[str]]] = []
    low = " ".join(sentence.lower().split())
    possible: dict[str, bool] = {}
    for priority, (kind, pattern) in enumerate(_PATTERNS):
        if kind not in possible:
            possible[kind] = all(needed.search(low) for needed in _NEEDS_RE[kind])
        if not possible[kind]:
            continue
        for match in pattern.finditer(sentence):
            start, end = match.span()
            while end > start and sentence[end - 1].isspace():
                end -= 1
            if end > start:
                matches.append((start, end, priority, kind, match))
    matches.sort(key=lambda m: (m[0] - m[1], m[2], m[0]))
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for start, end, _, kind, match in matches:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        found.append(DateMention(sentence[start:end], start, end, kind, resolve_match(kind, match, reference, anchor)))
    return sorted(found, key=lambda m: m.start)


@lru_cache(maxsize=256)
def _parser(reference: date) -> DateDataParser:
    base = datetime.combine(reference, datetime.min.time())
    return DateDataParser(languages=["fr"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past",
                                                      "RETURN_TIME_AS_PERIOD": True})


def _dateparser(expression: str, reference: date) -> ResolvedDate | None:
    """dateparser with the publication date as RELATIVE_BASE (the last resort of ``normalize_expression``)."""
    data = _parser(reference).get_date_data(expression)
    if data.date_obj is None:
        return None
    period = data.period or "day"
    precision = period if period in {"day", "week", "month", "year"} else "day"
    return ResolvedDate(data.date_obj.date(), precision)


def _whole(expression: str, reference: date | None) -> ResolvedDate | None:
    """Forms accepted only as a whole expression: a bare month or year, "désormais"."""
    if match := _WHOLE_MONTH.fullmatch(expression):
        if reference is None:
            return None
        month = _month_number(match["month"])
        return ResolvedDate(date(_month_year(month, reference), month, 1), "month")
    if match := _WHOLE_YEAR.fullmatch(expression):
        return ResolvedDate(date(_year(match["year"], reference), 1, 1), "year")
    if (match := _WHOLE_DAY.fullmatch(expression)) and reference is not None:  # "le 19": the nearest 19th
        found = _day_of_month(reference, _day_number(match["day"]))
        return ResolvedDate(found, "day") if found else None
    if re.fullmatch(_HOLIDAY, expression, _I):
        return _resolve("holiday", {"holiday": expression}, reference, None)
    if _WHOLE_NOW.fullmatch(expression) and reference is not None:
        return ResolvedDate(reference, "day")
    return None


@lru_cache(maxsize=65536)
def normalize_expression(expression: str, reference: date | None) -> ResolvedDate | None:
    """Resolve a whole expression (as `events normalize-dates` does); None when it names no date.

    Cached per (expression, reference).
    """
    text = re.sub(r"\s+", " ", expression.replace("’", "'")).strip(" ,;:«»\"()")
    if not text:
        return None
    whole = _whole(text, reference)
    if whole is not None:
        return whole
    mentions = find_dates(text, reference)
    if mentions:  # one found but not resolved ("lundi 31" in a month where the 31st is no Monday) stays empty
        resolved = [m for m in mentions if m.resolved is not None]
        return max(resolved, key=lambda m: m.end - m.start).resolved if resolved else None
    if reference is None or (_CLOCK.search(text) and not _DATE_WORD.search(_CLOCK.sub(" ", text))):
        return None  # "à 15 h 30" is a clock time, not "15 hours ago"
    if not _DATE_WORD.search(text):
        return None  # nothing dateparser could read as a date we would trust ("ici", "la soirée")
    return _dateparser(text, reference)


def timeml_value(resolved: ResolvedDate | None) -> str:
    """TimeML-style value: YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY ('' when nothing)."""
    if resolved is None:
        return ""
    if resolved.timeml:
        return resolved.timeml
    value = resolved.value
    if resolved.precision == "week":
        iso = value.isocalendar()
        return f"{iso.year}-W{iso.week:02d}"
    if resolved.precision == "month":
        return f"{value.year:04d}-{value.month:02d}"
    if resolved.precision == "year":
        return f"{value.year:04d}"
    return value.isoformat()
