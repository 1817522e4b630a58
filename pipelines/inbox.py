"""Which days of an inbox still need loading: inbox files (by content) against the warehouse's load record.

The load record (events.warehouse.record_loads) is written by every run that loads a day, whoever launched it:
the inbox sensor, the schedule, a backfill from the UI or ``events run``. Both the sensor and ``events run``
plan from it, so neither loads again what the other loaded.
"""


from collections.abc import Mapping, Sequence
from pathlib import Path

from events.articles import iter_input_files
from events.warehouse import LoadRecord, file_digest


def inbox_state(inbox: Path) -> dict[str, str]:
    """Content hash → file name (relative to the inbox) for every input file of the inbox."""
    state: dict[str, str] = {}
    if inbox.exists():
        for path in iter_input_files([inbox]):
            state.setdefault(file_digest(path), str(path.relative_to(inbox)))
    return state


def pending_days(days_of: Mapping[str, Sequence[str]], record: LoadRecord) -> dict[str, set[str]]:
    """Per partition day, the inbox files (digests) with articles of that day that the record has not loaded."""
    pending: dict[str, set[str]] = {}
    for digest, days in days_of.items():
        for day in record.missing_days(digest, days):
            pending.setdefault(day, set()).add(digest)
    return dict(sorted(pending.items()))


def recorded_days(record: LoadRecord, digest: str) -> list[str] | None:
    """The days the record knows a file's articles fall on (``None``: a file it never saw)."""
    known = record.files.get(digest)
    return list(known.days) if known is not None else None
