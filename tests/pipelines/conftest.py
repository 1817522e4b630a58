"""A small world for the Dagster tests: an inbox of two articles of two days, a tmp_path warehouse, exports and
Dagster home, set in the environment as a user would set them."""

from __future__ import annotations

import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import dagster as dg
import pytest
from dagster_duckdb import DuckDBResource

from pipelines import assets, exports, tables
from pipelines.io import BatchIOManager
from pipelines.resources import EventsConfig
from tests.conftest import SAMPLES

DAILY_ASSETS = [assets.raw_articles, assets.coded_events, tables.warehouse_tables, exports.parquet_exports,
                exports.who_met_whom_picture]

BLINKEN = SAMPLES / "inbox" / "sample-txt-001.txt"  # 2024-05-14, a visit to Kyiv
RIYADH_DAY = "2024-10-10"  # sample-001, a visit to Riyadh


@dataclass
class World:
    root: Path
    inbox: Path
    db: Path
    exports: Path
    home: Path

    def resources(self, **settings: object) -> dict[str, object]:
        return {"duckdb": DuckDBResource(database=str(self.db)),
                "settings": EventsConfig(inbox=str(self.inbox), exports=str(self.exports), n_process=1,
                                         **settings),  # type: ignore[arg-type]
                "batches": BatchIOManager(base_dir=str(self.root / "batches"))}

    def materialize(self, day: str, instance: dg.DagsterInstance | None = None,
                    **options: object) -> dg.ExecuteInProcessResult:
        return dg.materialize(DAILY_ASSETS, partition_key=day, instance=instance or dg.DagsterInstance.ephemeral(),
                              resources=self.resources(), **options)  # type: ignore[arg-type]


def sample_record(article_id: str) -> dict[str, object]:
    for line in (SAMPLES / "inbox" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if record["id"] == article_id:
            return record
    raise KeyError(article_id)


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> World:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy2(BLINKEN, inbox / BLINKEN.name)
    (inbox / "riyadh.jsonl").write_text(json.dumps(sample_record("sample-001"), ensure_ascii=False) + "\n",
                                        encoding="utf-8")
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n", encoding="utf-8")
    found = World(tmp_path, inbox, tmp_path / "events.duckdb", tmp_path / "exports", home)
    monkeypatch.setenv("EVENTS_INBOX", str(found.inbox))
    monkeypatch.setenv("EVENTS_WAREHOUSE", str(found.db))
    monkeypatch.setenv("EVENTS_EXPORTS", str(found.exports))
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return found
