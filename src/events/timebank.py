"""French TimeBank benchmark of `events normalize-dates` (``events bench dates --timebank PATH``).

Cases. From every ``*.tml`` file of the French TimeBank (ISO-TimeML), the reference date is the value of the
TIMEX3 whose ``functionInDocument`` is ``CREATION_TIME``. Every other TIMEX3 becomes a case
(reference date, expression text, gold value) when all of these hold:

- its ``type`` is DATE or TIME;
- its ``value`` names a day, week, month or year: ``1999-05-17``, ``1999-W20``, ``1999-05``, ``1999``, optionally
  followed by a time of day (``1999-05-17T10:00``, ``1999-05-18TEV``) or a weekend (``2003-W05-WE``), whose date
  part is what counts. Values with unknown digits (``XXXX-07-15``, ``196X``), seasons (``1999-SU``), quarters,
  durations and ``PRESENT_REF`` / ``PAST_REF`` / ``FUTURE_REF`` are left out;
- it is absolute or anchored to the document creation time: no ``anchorTimeID``, or the creation time's ``tid``
  (timexes anchored to another timex, "le lendemain" of a date in the text, are left out);
- it is not a bare clock time: a value with a clock time (``T22:00``) is left out when its text, once the clock
  times ("22 h", "21 h 45", "midi", "minuit") are removed, has no digit and no word naming a day (weekday,
  month, hier, demain, aujourd'hui, veille, lendemain, matin, soir, nuit, journée, après-midi): "22 h" and
  "vers 12 h 30 locales" are left out, "hier à 10 h" and "4 h mardi" are kept.

Scoring rule (``value_matches``). The gold value is cut to its date part (``1999-05-18TEV`` → ``1999-05-18``,
``2003-W05-WE`` → ``2003-W05``); its granularity is day, week, month or year. A predicted value is correct when,
read at the gold's granularity, it names the same period:

- gold day: the prediction is that very day (a week, month or year is too coarse: wrong);
- gold week: the prediction is that ISO week, or a day inside it;
- gold month: the prediction is that month, or a day inside it (a week is wrong);
- gold year: the prediction is that year, or any day, week (by its ISO year) or month inside it.

An empty prediction is wrong. ``exact`` counts the correct predictions that also have the gold's granularity.

Baseline: the same cases through plain dateparser (``DateDataParser(languages=["fr"])`` with the reference date as
``RELATIVE_BASE``, default settings otherwise, ``RETURN_TIME_AS_PERIOD``), its period giving the granularity.

Speed: ``expressions_per_second`` times ``normalize_expression`` + ``timeml_value`` over all cases after a
warm-up pass (results are cached per (expression, reference), as in production);
``cold_expressions_per_second`` times one pass with that cache cleared (dateparser already loaded).
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path

from dateparser.date import DateDataParser

from events.dates import normalize_expression, timeml_value

_VALUE = re.compile(r"(?P<date>\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?|-W(?:0[1-9]|[1-4]\d|5[0-3]))?)"
                    r"(?P<rest>-WE|T.*)?")
_CLOCK_VALUE = re.compile(r"T\d")
_CLOCK_TEXT = re.compile(r"\b\d{1,2}\s*h(?:\s*\d{2})?\b|\bmidi\b|\bminuit\b", re.IGNORECASE)
_DAY_WORD = re.compile(
    r"\d|\b(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|mai|juin|juillet|août"
    r"|septembre|octobre|novembre|décembre|hier|demain|aujourd|veille|lendemain|matin|soir|nuit|journée"
    r"|après-midi)", re.IGNORECASE)
GRANULARITIES = ("day", "week", "month", "year")


@dataclass(frozen=True, slots=True)
class TimexCase:
    document: str
    tid: str
    timex_type: str  # DATE | TIME
    reference: date  # the document creation time
    text: str  # the expression as written
    gold: str  # the TIMEX3 value as annotated

    @property
    def gold_date(self) -> str:
        match = _VALUE.fullmatch(self.gold)
        return match["date"] if match else ""

    @property
    def granularity(self) -> str:
        return granularity(self.gold_date)


def granularity(value: str) -> str:
    """day / week / month / year of a TimeML date value ('' when it is none of these)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return "day"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return "week"
    if re.fullmatch(r"\d{4}-\d{2}", value):
        return "month"
    if re.fullmatch(r"\d{4}", value):
        return "year"
    return ""


def _iso_week(day: str) -> str:
    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"


def value_matches(predicted: str, gold: str) -> bool:
    """The prediction read at the gold's granularity names the gold's period (rule in the module docstring)."""
    match = _VALUE.fullmatch(gold)
    if match is None:
        return False
    gold_date = match["date"]
    wanted, have = granularity(gold_date), granularity(predicted)
    if not wanted or not have:
        return False
    if wanted == "day":
        return have == "day" and predicted == gold_date
    if wanted == "week":
        return (have == "week" and predicted == gold_date) or (have == "day" and _iso_week(predicted) == gold_date)
    if wanted == "month":
        return have in {"day", "month"} and predicted[:7] == gold_date
    return predicted[:4] == gold_date  # a week value starts with its ISO year


def _text(element: ET.Element) -> str:
    return re.sub(r"\s+", " ", "".join(element.itertext())).strip()


def _is_bare_clock_time(value: str, text: str) -> bool:
    match = _VALUE.fullmatch(value)
    rest = match["rest"] if match else None
    if not rest or not _CLOCK_VALUE.match(rest):
        return False
    return _DAY_WORD.search(_CLOCK_TEXT.sub(" ", text)) is None


def load_timebank(path: Path) -> list[TimexCase]:
    """The benchmark cases of every ``*.tml`` file under ``path`` (selection in the module docstring)."""
    cases: list[TimexCase] = []
    for file in sorted(Path(path).glob("*.tml")):
        root = ET.parse(file).getroot()
        timexes = list(root.iter("TIMEX3"))
        creation = next((t for t in timexes if t.get("functionInDocument") == "CREATION_TIME"), None)
        if creation is None:
            continue
        reference = date.fromisoformat(creation.get("value", "")[:10])
        for timex in timexes:
            if timex is creation or timex.get("type") not in {"DATE", "TIME"}:
                continue
            value, text = timex.get("value", ""), _text(timex)
            if not _VALUE.fullmatch(value):
                continue
            if timex.get("anchorTimeID") not in {None, creation.get("tid")}:
                continue
            if _is_bare_clock_time(value, text):
                continue
            cases.append(TimexCase(file.stem, timex.get("tid", ""), timex.get("type", ""), reference, text, value))
    return cases


@lru_cache(maxsize=512)
def _plain_parser(reference: date) -> DateDataParser:
    base = datetime.combine(reference, datetime.min.time())
    return DateDataParser(languages=["fr"], settings={"RELATIVE_BASE": base, "RETURN_TIME_AS_PERIOD": True})


def dateparser_value(expression: str, reference: date) -> str:
    """The baseline: plain dateparser, its period as the granularity."""
    data = _plain_parser(reference).get_date_data(expression)
    if data.date_obj is None:
        return ""
    found = data.date_obj.date()
    if data.period == "year":
        return f"{found.year:04d}"
    if data.period == "month":
        return f"{found.year:04d}-{found.month:02d}"
    if data.period == "week":
        return _iso_week(found.isoformat())
    return found.isoformat()


def predict(case: TimexCase) -> str:
    """What `events normalize-dates` writes for the case."""
    return timeml_value(normalize_expression(case.text, case.reference))


def timebank_errors(path: Path) -> list[tuple[TimexCase, str]]:
    """The cases the normaliser gets wrong, with its value (for error analysis)."""
    return [(case, value) for case in load_timebank(path)
            if not value_matches(value := predict(case), case.gold)]


def _rate(cases: list[TimexCase], repeat: int) -> float:
    started = time.perf_counter()
    for _ in range(repeat):
        for case in cases:
            timeml_value(normalize_expression(case.text, case.reference))
    seconds = time.perf_counter() - started
    return len(cases) * repeat / seconds if seconds else 0.0


def run_timebank_benchmark(path: Path, *, repeat: int = 20) -> dict[str, object]:
    """Accuracy of `events normalize-dates` on French TimeBank, the dateparser baseline, expressions/s."""
    cases = load_timebank(path)
    if not cases:
        raise FileNotFoundError(f"no French TimeBank cases under {path}")
    predictions = [predict(case) for case in cases]  # also the warm-up: dateparser loaded, results cached
    normalize_expression.cache_clear()
    cold = _rate(cases, 1)
    right = [value_matches(p, c.gold) for p, c in zip(predictions, cases, strict=True)]
    exact = sum(ok and granularity(p) == c.granularity for ok, p, c in zip(right, predictions, cases, strict=True))
    baseline = sum(value_matches(dateparser_value(c.text, c.reference), c.gold) for c in cases)
    report: dict[str, object] = {
        "documents": len({c.document for c in cases}),
        "expressions": len(cases),
        "correct": sum(right),
        "accuracy": round(sum(right) / len(cases), 4),
        "exact_granularity": exact,
        "empty": sum(not p for p in predictions),
        "dateparser_only_correct": baseline,
        "dateparser_only_accuracy": round(baseline / len(cases), 4),
    }
    for name in GRANULARITIES:
        picked = [ok for ok, c in zip(right, cases, strict=True) if c.granularity == name]
        report[f"{name}_expressions"] = len(picked)
        report[f"{name}_accuracy"] = round(sum(picked) / len(picked), 4) if picked else None
    for timex_type in ("DATE", "TIME"):
        picked = [ok for ok, c in zip(right, cases, strict=True) if c.timex_type == timex_type]
        report[f"{timex_type.lower()}_type_accuracy"] = round(sum(picked) / len(picked), 4) if picked else None
    report["expressions_per_second"] = round(_rate(cases, repeat))
    report["cold_expressions_per_second"] = round(cold)
    return report
