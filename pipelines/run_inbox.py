"""``events run``: materialise the daily partitions with inbox articles not loaded yet, one run per day.

The runs execute in this process (the spaCy model is loaded once for all of them) and are recorded in the Dagster
instance ($DAGSTER_HOME), where the UI shows them like any other. Which days to run comes from the warehouse's
load record, shared with the inbox sensor: a day the sensor's runs loaded is not run again (``all_days`` runs
every day of the inbox). Output: a line about the inbox, then one line per day (its counts, new rejects and
seconds); ``verbose`` adds every input rejected and Dagster's log.
"""


import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import dagster as dg

from events.articles import Article, iter_input_files, undated_warning
from events.warehouse import WarehouseDamaged, WarehouseUnwritable, check_warehouse, file_digest, read_load_record
from pipelines.inbox import pending_days
from pipelines.partitions import first_day, read_inbox
from pipelines.recovery import PROCESS_TAG, pool_holders, process_identity, recover_dead_runs

Echo = Callable[[str], None]


@dataclass(frozen=True, slots=True)
class RunOptions:
    inbox: Path
    warehouse: Path
    exports: Path
    n_process: int | None = None
    verbose: bool = False
    all_days: bool = False
    executor: str = "in_process"  # or "celery": each step a task for the Celery workers (pipelines.scale_out)
    parallel: int = 1  # days run at once (celery)


@dataclass(frozen=True, slots=True)
class DayResult:
    day: str
    success: bool
    seconds: float
    run_id: str
    metadata: dict[str, dict[str, Any]]
    error: str = ""

    def value(self, asset: str, key: str, default: Any = 0) -> Any:
        entry = self.metadata.get(asset, {}).get(key)
        return default if entry is None else getattr(entry, "value", entry)

    def line(self) -> str:
        if not self.success:
            return f"{self.day}  FAILED after {self.seconds:.1f} s (run {self.run_id[:8]}): {self.error}"
        coded = self.value("coded_events", "articles_coded")
        skipped = self.value("coded_events", "articles_skipped_already_loaded")
        failed = self.value("coded_events", "articles_failed")
        undated = self.value("raw_articles", "articles_undated")
        details = [f"{skipped} already loaded" if skipped else "", f"{undated} undated" if undated else "",
                   f"{failed} failed" if failed else ""]
        extra = ", ".join(d for d in details if d)
        return (f"{self.day}  {_count(coded, 'article')} coded{f' ({extra})' if extra else ''}, "
                f"{_count(self.value('coded_events', 'event_mentions'), 'event mention')}, "
                f"{_count(self.value('events', 'dagster/partition_row_count'), 'event')}, "
                f"{_count(self.value('rejects', 'rejected_now'), 'new reject')}  {self.seconds:.1f} s")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def run_config(options: RunOptions) -> dict[str, Any]:
    settings: dict[str, Any] = {"inbox": str(options.inbox), "exports": str(options.exports)}
    if options.n_process is not None:
        settings["n_process"] = options.n_process
    elif options.executor == "celery":  # a worker is one process; more cores, more workers
        settings["n_process"] = 1
    return {
        "resources": {"settings": {"config": settings}, "duckdb": {"config": {"database": str(options.warehouse)}}},
        "loggers": {"console": {"config": {"log_level": "INFO" if options.verbose else "ERROR"}}},
    }


def materialisations(result: dg.ExecuteInProcessResult | dg.JobExecutionResult) -> dict[str, dict[str, Any]]:
    """The metadata each asset of a day's run reported, by asset key (read by the in-process run and by the
    scale-out workers)."""
    found: dict[str, dict[str, Any]] = {}
    for event in result.all_events:
        if event.is_step_materialization:
            materialisation = event.step_materialization_data.materialization
            found[materialisation.asset_key.to_user_string()] = dict(materialisation.metadata)
    return found


INTERRUPTED = ("interrupted by a signal (SIGINT/SIGTERM): the day is in the warehouse whole or not at all (one "
               "transaction); run events run again to finish")


def failure_message(result: dg.ExecuteInProcessResult | dg.JobExecutionResult) -> str:
    """Why a day's run failed: an interruption by a signal, else the first failed step's error."""
    for event in result.all_events:
        error = event.step_failure_data.error if event.is_step_failure else None
        if error is not None and "DagsterExecutionInterruptedError" in (error.cls_name, getattr(error.cause, "cls_name",
                                                                                            None)):
            return f"step {event.step_key} {INTERRUPTED}"
    for event in result.all_events:
        if event.is_step_failure:
            error = event.step_failure_data.error
            message = error.cause.message if error and error.cause else error.message if error else ""
            return f"step {event.step_key}: {message.strip().splitlines()[0] if message.strip() else 'failed'}"
    return "the run failed"


def _run_in_process(job: dg.JobDefinition, instance: dg.DagsterInstance, days: list[str], options: RunOptions,
                    tags: dict[str, str], echo: Echo, warn: Echo) -> int:
    """Every day a run whose steps run in this process, one day after the other; stops at the first day that
    fails (1, or 130 when a signal stopped it)."""
    for day in days:
        begun = time.perf_counter()
        try:
            result = job.execute_in_process(partition_key=day, instance=instance, raise_on_error=False,
                                            run_config=run_config(options), tags=tags)
        except KeyboardInterrupt:  # a signal between two steps' checkpoints, or between two days
            warn(f"{day}  {INTERRUPTED}")
            return 130
        outcome = DayResult(day, result.success, time.perf_counter() - begun, result.run_id,
                            materialisations(result), "" if result.success else failure_message(result))
        (echo if outcome.success else warn)(outcome.line())
        if not outcome.success:
            return 130 if INTERRUPTED in outcome.error else 1
    return 0


def _run_on_celery(days: list[str], options: RunOptions, tags: dict[str, str], echo: Echo, warn: Echo) -> int:
    """Every day a run whose steps the Celery workers execute, ``options.parallel`` runs at once, each run
    coordinated by its own process (``python -m pipelines.scale_out run-day``) that waits on its tasks; 1 if a day
    failed."""
    import json
    import subprocess
    from concurrent.futures import ThreadPoolExecutor

    from pipelines.scale_out import celery_available, run_day_command

    if not celery_available():
        warn("error: --executor celery needs dagster-celery (pip install '.[celery]') and a broker "
             "($EVENTS_CELERY_BROKER); see the README's 'Past one machine'")
        return 2

    def run_day(day: str) -> DayResult:
        begun = time.perf_counter()
        done = subprocess.run(run_day_command(day, run_config(options), tags), capture_output=True, text=True,
                              check=False)
        seconds = time.perf_counter() - begun
        lines = done.stdout.strip().splitlines()
        try:
            outcome = json.loads(lines[-1]) if lines else None
        except json.JSONDecodeError:
            outcome = None
        if done.returncode != 0 or not isinstance(outcome, dict):
            reason = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
            return DayResult(day, False, seconds, "", {}, f"the run's coordinator failed: {reason}")
        return DayResult(day, bool(outcome["success"]), seconds, str(outcome["run_id"]), outcome["metadata"],
                         str(outcome["error"]))

    failed = False
    with ThreadPoolExecutor(max_workers=max(1, options.parallel), thread_name_prefix="day") as pool:
        for outcome in pool.map(run_day, days):
            (echo if outcome.success else warn)(outcome.line())
            failed |= not outcome.success
    return 1 if failed else 0


def main(options: RunOptions, *, echo: Echo = print, warn: Echo = print) -> int:
    """Load the days to do; the exit code (0 done or nothing to do, 1 a day failed, 2 no such inbox or a warehouse that
    cannot be written, 130 stopped by
    a signal)."""
    inbox = options.inbox
    if not inbox.is_dir():
        warn(f"error: the inbox {inbox} does not exist (--inbox, or $EVENTS_INBOX; a relative path is relative to "
             "the working directory)")
        return 2
    try:  # before any parsing: a warehouse that cannot be written fails now, not after the day's work
        check_warehouse(options.warehouse)
    except (WarehouseUnwritable, WarehouseDamaged) as exc:
        warn(f"error: {exc}")
        return 2
    files = list(iter_input_files([inbox]))
    undated: list[str] = []

    def note_undated(article: Article) -> None:  # the articles are not kept: a large inbox streams through
        warning = undated_warning(article)
        if warning:
            undated.append(warning)

    contents = read_inbox([inbox], files, on_article=note_undated)
    digests = {str(path): file_digest(path) for path in files if path.is_file()}
    days_of = {digests[path]: sorted(days) for path, days in contents.days_by_file.items() if path in digests}
    record = read_load_record(options.warehouse)
    pending = sorted(pending_days(days_of, record))
    todo = sorted(contents.days) if options.all_days else pending
    loaded = len(contents.days) - len(pending)
    reasons = Counter(r.reason for r in contents.rejects)
    by_reason = ", ".join(f"{reason} {count}" for reason, count in sorted(reasons.items()))
    rejected = f", {_count(len(contents.rejects), 'input')} rejected ({by_reason})"
    echo(f"inbox {inbox}: {_count(len(files), 'file')}, {_count(contents.in_partitions, 'article')} on "
         f"{_count(len(contents.days), 'day')} "
         f"({loaded} already loaded{', loaded again: --all' if options.all_days and loaded else ''})"
         f"{rejected if contents.rejects else ''}")
    for warning in undated:
        warn(f"warning: {warning}")
    if contents.before_first_day:
        warn(f"warning: {len(contents.before_first_day)} article(s) published before the first partition day "
             f"{first_day().isoformat()} are not loaded (set EVENTS_FIRST_DAY to an earlier day to load them)")
    if options.verbose:
        for reject in contents.rejects:
            warn(f"rejected {reject.source_file}:{reject.line_no or '-'}: {reject.reason} — {reject.detail}")
    if not contents.days:
        echo(f"no article in {inbox}: nothing to load")
        return 0
    if not todo:
        echo(f"nothing new to load: every day of the inbox is in {options.warehouse} (--all loads them again)")
        return 0
    from pipelines.definitions import defs

    job = defs.resolve_job_def("all_events")
    started = time.perf_counter()
    tags = {"launched_by": "events run", PROCESS_TAG: process_identity()}
    with dg.DagsterInstance.get() as instance:
        for line in recover_dead_runs(instance).lines():
            warn(f"warning: {line}")
        for holder in pool_holders(instance):
            warn(f"warning: {holder} holds the duckdb_write pool: each day's load waits until it ends (if its "
                 "process is gone, terminate it in the UI's Runs page)")
        code = (_run_on_celery(todo, options, tags, echo, warn) if options.executor == "celery"
                else _run_in_process(job, instance, todo, options, tags, echo, warn))
        if code:
            return code
    echo(f"{_count(len(todo), 'day')} loaded in {time.perf_counter() - started:.1f} s into "
         f"{options.warehouse}")
    return 0
