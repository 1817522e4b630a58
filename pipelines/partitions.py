"""Daily partitions by publication date (Europe/Paris) and the day an article belongs to.

The first partition is ``$EVENTS_FIRST_DAY`` (default 2020-01-01): set it to the first day of your archive, so
that the catalog's "filled" share counts the days you have. Articles published before it belong to no partition:
they are rejected ``before_first_day`` (the reject goes once EVENTS_FIRST_DAY is moved back and they load). The
last partition is tomorrow's (Paris): the reader accepts publication times up to a day ahead (clocks and time
zones differ), and their day must have a partition; a day after it is rejected ``after_last_day``.
"""


import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import dagster as dg

from events.articles import PARIS, Article, Reject, article_day, read_inputs

__all__ = ["PARIS", "InboxContents", "article_day", "daily_partitions", "first_day", "ignore", "last_day",
           "partition_days", "partitions_of", "read_inbox", "single_run"]
DEFAULT_FIRST_DAY = "2020-01-01"


def first_day() -> date:
    """The first daily partition: ``$EVENTS_FIRST_DAY`` (YYYY-MM-DD), else 2020-01-01."""
    value = os.environ.get("EVENTS_FIRST_DAY", "").strip() or DEFAULT_FIRST_DAY
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"EVENTS_FIRST_DAY={value!r} is not a date (YYYY-MM-DD)") from None


# end_offset=2: today's and tomorrow's partitions exist, so files dropped today are processed today, and so are
# articles stamped up to a day ahead (events.articles.MAX_FUTURE)
daily_partitions = dg.DailyPartitionsDefinition(start_date=first_day().isoformat(), timezone="Europe/Paris",
                                                end_offset=2)


def last_day() -> date:
    """The last daily partition: tomorrow in Paris."""
    return datetime.now(PARIS).date() + timedelta(days=1)


def _out_of_range(article: Article, day: date, first: date, last: date) -> Reject:
    if day < first:
        reason = "before_first_day"
        detail = (f"published {day.isoformat()}, before the first partition day {first.isoformat()}: set "
                  f"EVENTS_FIRST_DAY to {day.isoformat()} or earlier to load it")
    else:
        reason = "after_last_day"
        detail = (f"filed under {day.isoformat()}, after the last partition day (tomorrow in Paris): its "
                  "publication time is ahead of the clock; it loads once that day has a partition")
    return Reject(article.source_file or "", article.line_no, reason, detail, article_id=article.article_id)


single_run = dg.BackfillPolicy.single_run()


def partition_days(context: Any) -> list[date]:
    """Every day of the run's partition or partition range (a backfill runs a range in one run)."""
    window = context.partition_time_window
    start, end = window.start.date(), window.end.date()
    return [start + timedelta(days=n) for n in range((end - start).days)]


@dataclass
class InboxContents:
    """What an inbox holds: per input file (by path), its articles' partition days; the articles (unless they were
    handed to a callback as read), how many articles fall in the partitions, the rejects (those of the reader and
    the articles outside the partitions), and the articles that fall before the first partition (rejected too,
    counted apart for the warning)."""

    days_by_file: dict[str, set[str]] = field(default_factory=dict)
    articles: list[Article] = field(default_factory=list)
    in_partitions: int = 0
    rejects: list[Reject] = field(default_factory=list)
    before_first_day: list[Article] = field(default_factory=list)

    @property
    def days(self) -> list[str]:
        return sorted(set().union(*self.days_by_file.values())) if self.days_by_file else []


def read_inbox(paths: Iterable[Path | str], files: Iterable[Path | str] = (), *,
               on_article: Callable[[Article], None] | None = None) -> InboxContents:
    """Read the inputs under ``paths``; ``files`` lists input files to report even when they hold no article.
    ``on_article``: each article of a partition is handed to it as it is read instead of kept in ``articles``
    (a large inbox then streams through)."""
    contents = InboxContents(days_by_file={str(f): set() for f in files})
    first, last = first_day(), last_day()
    for item in read_inputs(paths):
        if isinstance(item, Reject):
            contents.rejects.append(item)
            contents.days_by_file.setdefault(item.source_file, set())
            continue
        day = article_day(item)
        days = contents.days_by_file.setdefault(str(item.source_file), set())
        if not first <= day <= last:
            contents.rejects.append(_out_of_range(item, day, first, last))
            if day < first:
                contents.before_first_day.append(item)
            continue
        days.add(day.isoformat())
        contents.in_partitions += 1
        if on_article is None:
            contents.articles.append(item)
        else:
            on_article(item)
    return contents


def ignore(_article: Article) -> None:
    """An ``on_article`` for a caller that wants the days, not the articles."""


def partitions_of(paths: list[Path]) -> list[str]:
    """Partition keys of the days the articles in these files or folders fall on (bad input and days before the
    first partition left out)."""
    return read_inbox(paths, on_article=ignore).days
