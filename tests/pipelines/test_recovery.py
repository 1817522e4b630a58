"""Nothing stops, nothing vanishes (issue 18): runs recover from a killed predecessor by themselves, a signal stops
a run cleanly, days outside the partitions are rejects, a changed text under a loaded id is a reject, rejects follow
the inbox, and a warehouse that cannot be written fails before any parsing."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from dagster_duckdb import DuckDBResource
from typer.testing import CliRunner

from events.cli import DAGSTER_SETTINGS, app
from events.warehouse import (
    WarehouseDamaged,
    WarehouseLocked,
    WarehouseUnwritable,
    check_warehouse,
    connect,
    snapshot_path,
    who_met_whom,
)
from pipelines.partitions import PARIS, daily_partitions
from pipelines.recovery import PROCESS_TAG, process_alive, process_identity
from tests.pipelines.conftest import DAILY_ASSETS, RIYADH_DAY, World, sample_record

pytestmark = pytest.mark.model
runner = CliRunner()
POOLED = DAGSTER_SETTINGS


def _events_run(*args: str) -> tuple[int, list[str], list[str]]:
    result = runner.invoke(app, ["run", *args])
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def _rejects(db: Path) -> list[tuple[str, str | None, str]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("SELECT reason, article_id, detail FROM rejects ORDER BY ALL").fetchall()


def _write_jsonl(path: Path, *records: dict[str, object]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")


def _run_until_a_pool_slot_is_claimed(world: World, sig: int) -> subprocess.Popen[str]:
    """`events run --all` in a child process, sent ``sig`` while its load holds the duckdb_write pool slot."""
    child = subprocess.Popen([sys.executable, "-m", "events.cli", "run", "--all"], text=True,
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=dict(os.environ))
    deadline = time.monotonic() + 300
    with dg.DagsterInstance.get() as instance:
        while not instance.event_log_storage.get_concurrency_run_ids():
            assert child.poll() is None and time.monotonic() < deadline, "the run never claimed the pool slot"
            time.sleep(0.02)
    child.send_signal(sig)
    child.wait(timeout=120)
    return child


def test_a_run_killed_or_stopped_during_its_load_leaves_nothing_to_clean_up(world: World) -> None:
    (world.home / "dagster.yaml").write_text(POOLED, encoding="utf-8")
    stopped = _run_until_a_pool_slot_is_claimed(world, signal.SIGTERM)
    output = stopped.stdout.read() if stopped.stdout else ""
    assert stopped.returncode == 130, output
    assert "interrupted by a signal" in output
    with dg.DagsterInstance.get() as instance:  # a signal: the run says it failed and gives its slot back
        assert not instance.event_log_storage.get_concurrency_run_ids()
        assert all(run.is_finished for run in instance.get_runs())

    killed = _run_until_a_pool_slot_is_claimed(world, signal.SIGKILL)
    assert killed.returncode == -signal.SIGKILL
    with dg.DagsterInstance.get() as instance:  # kill -9: the run stays STARTED, holding its slot
        assert instance.event_log_storage.get_concurrency_run_ids()
        [dead] = [run for run in instance.get_runs() if not run.is_finished]
    code, out, err = _events_run()  # the next run frees it and proceeds
    assert code == 0, (out, err)
    assert any(f"run {dead.run_id[:8]} was left unfinished" in line for line in err)
    with dg.DagsterInstance.get() as instance:
        assert instance.get_run_by_id(dead.run_id).status == dg.DagsterRunStatus.FAILURE  # type: ignore[union-attr]
        assert not instance.event_log_storage.get_concurrency_run_ids()
    with duckdb.connect(str(world.db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT article_id) FROM articles").fetchone() == (2, 2)


def test_a_process_identity_tells_a_dead_process_and_a_reused_pid_apart() -> None:
    assert process_alive(process_identity()) is True
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                           check=True)
    assert process_alive(process_identity(int(ended.stdout))) is False
    host, pid, start = process_identity().split(":")
    assert process_alive(f"{host}:{pid}:{int(start or 0) + 1}") is (not start)  # same PID, another start: gone
    assert process_alive(f"elsewhere:{pid}:{start}") is None
    assert PROCESS_TAG == "events/process"


def test_days_outside_the_partitions_are_rejects_that_go_once_they_load(world: World, monkeypatch) -> None:
    now = dt.datetime.now(PARIS)
    tomorrow = now + dt.timedelta(hours=23, minutes=59)  # ahead of the clock, within the day the reader allows
    if tomorrow.date() == now.date():
        pytest.skip("run in the first minute of a Paris day")
    record = {**sample_record("sample-006"), "id": "tomorrow", "published_at": tomorrow.isoformat()}
    _write_jsonl(world.inbox / "tomorrow.jsonl", record)
    assert daily_partitions.has_partition_key(tomorrow.date().isoformat())
    monkeypatch.setenv("EVENTS_FIRST_DAY", "2024-06-01")  # the Kyiv article of 2024-05-14 is before it
    code, out, err = _events_run()
    assert code == 0, (out, err)
    assert [line[:10] for line in out if line.startswith("20")] == [RIYADH_DAY, tomorrow.date().isoformat()]
    [(reason, article_id, detail)] = _rejects(world.db)
    assert (reason, article_id) == ("before_first_day", "sample-txt-001")
    assert "set EVENTS_FIRST_DAY to 2024-05-14 or earlier" in detail
    monkeypatch.setenv("EVENTS_FIRST_DAY", "2024-01-01")
    code, out, err = _events_run()
    assert code == 0 and [line[:10] for line in out if line.startswith("20")] == ["2024-05-14"], (out, err)
    assert _rejects(world.db) == []
    with duckdb.connect(str(world.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (3,)


def test_a_changed_text_under_a_loaded_id_is_a_reject_and_the_loaded_text_stays(world: World) -> None:
    assert _events_run()[0] == 0
    with duckdb.connect(str(world.db), read_only=True) as con:
        [(text_before,)] = con.execute("SELECT text FROM articles WHERE article_id = 'sample-001'").fetchall()
    (world.inbox / "riyadh.jsonl").unlink()
    changed = {**sample_record("sample-001"), "published_at": "2024-10-11",
               "text": "Une version corrigée de la dépêche, publiée le lendemain avec un autre texte."}
    _write_jsonl(world.inbox / "corrected.jsonl", changed)
    code, out, err = _events_run()
    assert code == 0, (out, err)
    [line] = [line for line in out if line.startswith("2024-10-11")]
    assert "0 articles coded" in line and "1 new reject" in line
    [(reason, article_id, detail)] = _rejects(world.db)
    assert (reason, article_id) == ("conflicting_id", "sample-001")
    assert "already loaded, on another day, with another text" in detail
    with duckdb.connect(str(world.db), read_only=True) as con:
        assert con.execute("SELECT text FROM articles WHERE article_id = 'sample-001'").fetchall() == [(text_before,)]


def test_a_line_completed_after_its_reject_loads_and_its_reject_goes(world: World) -> None:
    growing = world.inbox / "growing.jsonl"
    line = json.dumps({**sample_record("sample-006"), "id": "growing"}, ensure_ascii=False)
    growing.write_text(line[:200], encoding="utf-8")  # still being written
    assert _events_run()[0] == 0
    assert [r[0] for r in _rejects(world.db)] == ["incomplete_line"]
    growing.write_text(line + "\n", encoding="utf-8")
    code, out, err = _events_run()
    assert code == 0, (out, err)
    assert _rejects(world.db) == []
    with duckdb.connect(str(world.db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles WHERE article_id = 'growing'").fetchone() == (1,)
    code, _, _ = _events_run("--all")  # a rerun changes nothing
    assert code == 0 and _rejects(world.db) == []


def test_a_warehouse_that_cannot_be_written_fails_before_any_parsing(world: World, monkeypatch) -> None:
    blocker = world.root / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("EVENTS_WAREHOUSE", str(blocker / "events.duckdb"))
    started = time.perf_counter()
    code, out, err = _events_run()
    assert code == 2 and not out, (out, err)  # not even the inbox line: nothing was read
    assert any("cannot create the warehouse's folder" in line and str(blocker) in line for line in err)
    assert time.perf_counter() - started < 5
    resources = {**world.resources(), "duckdb": DuckDBResource(database=str(blocker / "events.duckdb"))}
    result = dg.materialize(DAILY_ASSETS, partition_key=RIYADH_DAY, instance=dg.DagsterInstance.ephemeral(),
                            resources=resources, raise_on_error=False)
    assert not result.success
    [failure] = [e for e in result.all_events if e.is_step_failure]
    assert failure.step_key == "raw_articles"
    assert "cannot create the warehouse's folder" in str(failure.step_failure_data.error)


def test_who_met_whom_reads_the_snapshot_while_another_process_holds_the_warehouse(world: World) -> None:
    assert _events_run()[0] == 0
    assert snapshot_path(world.db).exists()
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
                               "print('held', flush=True); time.sleep(60)", str(world.db)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        rows, source = who_met_whom(world.db)
        assert source == snapshot_path(world.db) and rows
        snapshot_path(world.db).unlink()
        with pytest.raises(WarehouseLocked, match="locked by another process"):
            who_met_whom(world.db)
    finally:
        holder.kill()
        holder.wait()


def test_a_damaged_warehouse_is_named_before_any_parsing_and_left_as_it_was(world: World, tmp_path) -> None:
    world.db.write_bytes(b"not a database " * 1000)
    code, out, err = _events_run()
    assert code == 2 and not out, (out, err)
    assert any("is damaged or not a DuckDB file" in line and "events run --all" in line for line in err)
    assert world.db.read_bytes() == b"not a database " * 1000
    # damaged further in (a copy cut short): the schema step says so and writes nothing
    truncated = tmp_path / "truncated.duckdb"
    connect(truncated).close()
    data = truncated.read_bytes()
    truncated.write_bytes(data[:len(data) // 2])
    with pytest.raises(WarehouseDamaged, match="damaged or not a DuckDB file"):
        connect(truncated)
    assert truncated.read_bytes() == data[:len(data) // 2]
    assert not Path(f"{truncated}.wal").exists()


def test_a_full_disk_is_said_up_front(tmp_path) -> None:
    db = tmp_path / "events.duckdb"
    check_warehouse(db)  # a new warehouse in a folder that can be written: fine
    free = shutil.disk_usage(tmp_path).free
    with pytest.raises(WarehouseUnwritable, match=r"is full: \d+ MiB free, a load needs at least"):
        check_warehouse(db, min_free=free * 2)


def test_a_read_only_warehouse_is_said_up_front(tmp_path) -> None:
    db = tmp_path / "events.duckdb"
    if os.geteuid() == 0:
        pytest.skip("root writes read-only files: the permission check cannot be seen")
    connect(db).close()
    db.chmod(0o444)
    with pytest.raises(WarehouseUnwritable, match="is not writable"):
        check_warehouse(db)
