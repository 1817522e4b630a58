"""Past one machine: the same asset graph, its steps run by Celery workers (Dagster's celery executor).

The day stays the unit of work. A run per day is started by ``events run --executor celery`` (``--parallel N``
days at once); each step of that run is a Celery task that any worker may take: a worker reads the day's inbox
articles into a staged Parquet file, a worker parses and codes them into the day's staged event file, and the
loader step (``warehouse_tables``, one at a time: the ``duckdb_write`` pool) attaches the staged files to the
warehouse in one transaction. Steps hand each other file paths (``pipelines.io``), so the workers, the run
coordinators and the loader need one shared file system for ``DAGSTER_HOME``, the inbox, the staged files and
the warehouse's folder (one machine, or NFS / a shared volume on several).

Configuration, from the environment of every process (coordinators and workers alike):
``EVENTS_CELERY_BROKER`` (default ``redis://localhost:6379/0``) and ``EVENTS_CELERY_BACKEND`` (default
``redis://localhost:6379/1``). ``worker_config`` writes the YAML that ``dagster-celery worker start -y`` reads.

A worker runs one step at a time in its own process (``--pool solo``, started as in the README): the machine's
cores are used by running several workers, so a step codes its day in that process (``n_process`` 1) unless
``events run --n-process`` says otherwise.
"""


import json
import os
import sys
from pathlib import Path
from typing import Any

import dagster as dg
from dagster._core.definitions.unresolved_asset_job_definition import UnresolvedAssetJobDefinition

CELERY_JOB = "all_events_celery"
DEFAULT_BROKER = "redis://localhost:6379/0"
DEFAULT_BACKEND = "redis://localhost:6379/1"


def celery_settings() -> dict[str, str]:
    """The broker and result backend every coordinator and worker must share."""
    return {"broker": os.environ.get("EVENTS_CELERY_BROKER", "").strip() or DEFAULT_BROKER,
            "backend": os.environ.get("EVENTS_CELERY_BACKEND", "").strip() or DEFAULT_BACKEND}


def celery_available() -> bool:
    try:
        import dagster_celery  # noqa: F401
    except ImportError:
        return False
    return True


def build_celery_job(selection: dg.AssetSelection) -> UnresolvedAssetJobDefinition | None:
    """The daily asset graph on the celery executor, or None when ``dagster-celery`` is not installed (the
    ``celery`` extra)."""
    if not celery_available():
        return None
    from dagster_celery import celery_executor

    return dg.define_asset_job(
        CELERY_JOB, selection=selection, executor_def=celery_executor.configured(celery_settings()),
        description="The daily graph with each step run by a Celery worker (events run --executor celery).")


def celery_job() -> dg.JobDefinition:
    """The resolved job, for ``dg.reconstructable``: workers import this module and call it."""
    from pipelines.definitions import defs

    return defs.resolve_job_def(CELERY_JOB)


def worker_config(path: Path) -> Path:
    """Write the worker configuration (``dagster-celery worker start -y PATH``) with this environment's broker."""
    settings = celery_settings()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("execution:\n  config:\n" + "".join(f"    {key}: '{value}'\n" for key, value in settings.items()),
                    encoding="utf-8")
    return path


def execute_day(instance: dg.DagsterInstance, day: str, run_config: dict[str, Any],
                tags: dict[str, str]) -> dg.JobExecutionResult:
    """One day's run with its steps sent to the Celery workers; this process coordinates and waits (one process
    per run: Dagster's ``execute_job`` is not safe to call from several threads at once)."""
    return dg.execute_job(dg.reconstructable(celery_job), instance, run_config=run_config,
                          tags={**tags, "dagster/partition": day}, raise_on_error=False)


def run_day_command(day: str, run_config: dict[str, Any], tags: dict[str, str]) -> list[str]:
    """The command that coordinates one day's run in its own process and prints its outcome as one JSON line."""
    return [sys.executable, "-m", "pipelines.scale_out", "run-day", day, json.dumps(run_config), json.dumps(tags)]


def _run_day_main(day: str, run_config: dict[str, Any], tags: dict[str, str]) -> dict[str, Any]:
    from pipelines.run_inbox import failure_message, materialisations

    with dg.DagsterInstance.get() as instance:
        result = execute_day(instance, day, run_config, tags)
    metadata = {asset: {key: getattr(value, "value", value) for key, value in entries.items()}
                for asset, entries in materialisations(result).items()}
    return {"day": day, "success": result.success, "run_id": result.run_id, "metadata": metadata,
            "error": "" if result.success else failure_message(result)}


USAGE = "usage: python -m pipelines.scale_out worker-config PATH | run-day DAY RUN_CONFIG_JSON TAGS_JSON"

if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "worker-config":
        print(worker_config(Path(sys.argv[2])))
    elif len(sys.argv) == 5 and sys.argv[1] == "run-day":
        outcome = _run_day_main(sys.argv[2], json.loads(sys.argv[3]), json.loads(sys.argv[4]))
        print(json.dumps(outcome, default=str))
    else:
        sys.exit(USAGE)
