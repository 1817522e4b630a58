"""Daily partitions by publication date (Europe/Paris) and the day an article belongs to."""


from datetime import date, timedelta
from pathlib import Path
from typing import Any

import dagster as dg

from events.articles import PARIS, Article, article_day, read_inputs

__all__ = ["PARIS", "article_day", "clamp_to_partitions", "daily_partitions", "partition_days", "partitions_of",
           "single_run"]
FIRST_DAY = "2020-01-01"

# end_offset=1: today's partition exists, so files dropped today are processed today
daily_partitions = dg.DailyPartitionsDefinition(start_date=FIRST_DAY, timezone="Europe/Paris", end_offset=1)
single_run = dg.BackfillPolicy.single_run()


def partition_days(context: Any) -> list[date]:
    """Every day of the run's partition or partition range (a backfill runs a range in one run)."""
    window = context.partition_time_window
    start, end = window.start.date(), window.end.date()
    return [start + timedelta(days=n) for n in range((end - start).days)]


def clamp_to_partitions(days: set[date]) -> list[str]:
    """Partition keys for the given days, dropping days outside the partitions (before FIRST_DAY)."""
    first = date.fromisoformat(FIRST_DAY)
    return sorted(d.isoformat() for d in days if d >= first)


def partitions_of(paths: list[Path]) -> list[str]:
    """Partition keys of the days the articles in these files or folders fall on (bad input ignored)."""
    return clamp_to_partitions({article_day(a) for a in read_inputs(paths) if isinstance(a, Article)})
