"""Operating the pipeline as users run it: `events run` quiet and incremental, one load record shared with the
inbox sensor, a locked warehouse named at once then retried, paths and a missing inbox, undated articles."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import dagster as dg
import duckdb
import pytest
from typer.testing import CliRunner

from events.cli import app
from events.warehouse import checksums, connect, meetings_of_days, read_load_record
from pipelines import resources
from pipelines.definitions import defs
from pipelines.partitions import PARIS
from pipelines.resources import default_exports, default_inbox, default_warehouse
from pipelines.sensors import build_inbox_sensor
from tests.conftest import SAMPLES
from tests.pipelines.conftest import BLINKEN, RIYADH_DAY, World, sample_record

pytestmark = pytest.mark.model
runner = CliRunner()


def _events_run(*args: str) -> tuple[int, list[str], list[str]]:
    result = runner.invoke(app, ["run", *args])
    return result.exit_code, result.stdout.splitlines(), result.stderr.splitlines()


def _sensor(cursor: str | None = None) -> dg.SensorResult:
    return build_inbox_sensor(defs.resolve_job_def("all_events"))(dg.build_sensor_context(cursor=cursor))


def test_the_daily_runs_execute_in_one_process_without_the_accuracy_check() -> None:
    job = defs.resolve_job_def("all_events")
    assert job.executor_def.name == "in_process"
    steps = {node.name for node in job.nodes_in_topological_order}
    assert {"raw_articles", "coded_events", "warehouse_tables", "parquet_exports", "who_met_whom_picture"} <= steps
    assert not any("accuracy" in step for step in steps)
    # the UI's "Materialize" runs the implicit asset job: same executor
    assert defs.resolve_implicit_global_asset_job_def().executor_def.name == "in_process"
    accuracy = defs.resolve_job_def("coder_accuracy_job")
    assert [node.name for node in accuracy.nodes_in_topological_order] == ["coder_accuracy"]
    schedule = defs.resolve_schedule_def("weekly_coder_accuracy")
    assert schedule.job_name == "coder_accuracy_job"
    assert schedule.default_status == dg.DefaultScheduleStatus.STOPPED


def test_events_run_says_one_line_a_day_and_the_sensor_then_has_nothing_to_do(world: World, monkeypatch) -> None:
    (world.inbox / "bad.jsonl").write_text("{oops\n", encoding="utf-8")
    monkeypatch.chdir(world.root)  # the paths of the environment, relative, are relative to here
    monkeypatch.setenv("EVENTS_INBOX", "inbox")
    monkeypatch.setenv("EVENTS_WAREHOUSE", "events.duckdb")
    code, out, err = _events_run()
    assert code == 0, (out, err)
    header, *day_lines, total = out[:out.index(next(line for line in out if line.startswith("2 days loaded"))) + 1]
    assert header.startswith(f"inbox {world.inbox}: 3 files, 2 articles on 2 days (0 already loaded)")
    assert "1 input rejected (bad_json 1)" in header
    assert [line[:10] for line in day_lines] == ["2024-05-14", RIYADH_DAY]  # one line a day, nothing else
    assert "1 article coded" in day_lines[0] and " event mention" in day_lines[0] and day_lines[0].endswith(" s")
    assert "1 new reject  " in day_lines[0] and "0 new rejects" in day_lines[1]  # the same reject is not new twice
    assert str(world.db) in total
    assert any("who met whom" in line for line in out[out.index(total):])
    assert not [line for line in err if "dagster" in line.lower()]  # no Dagster log without --verbose
    record = read_load_record(world.db)
    assert {day for f in record.files.values() for day in f.loaded} == {"2024-05-14", RIYADH_DAY}

    # the sensor, turned on now, requests nothing that run loaded
    quiet = _sensor()
    assert not quiet.run_requests and quiet.skip_reason
    # a new file: only its day, by the sensor or by `events run` alike
    (world.inbox / "new.jsonl").write_text(json.dumps(sample_record("sample-006"), ensure_ascii=False) + "\n",
                                           encoding="utf-8")
    new = _sensor(quiet.cursor)
    assert [r.partition_key for r in new.run_requests] == ["2025-05-07"]
    assert not _sensor(new.cursor).run_requests  # requested once
    code, out, _ = _events_run()
    assert code == 0 and "(2 already loaded)" in out[0]
    assert [line[:10] for line in out if line.startswith("20")] == ["2025-05-07"]
    assert not _sensor(new.cursor).run_requests
    code, out, _ = _events_run()
    assert code == 0 and out[1].startswith("nothing new to load")


def test_all_loads_every_day_again_and_verbose_shows_the_rejects_and_dagster_log(world: World) -> None:
    (world.inbox / "riyadh.jsonl").unlink()
    (world.inbox / "empty.jsonl").write_bytes(b"")
    code, out, err = _events_run()
    assert code == 0 and [line[:10] for line in out if line.startswith("20")] == ["2024-05-14"]
    assert not [line for line in err if line.startswith("rejected ")]
    code, out, err = _events_run("--all", "--verbose")
    assert code == 0 and "(1 already loaded, loaded again: --all)" in out[0]
    assert [line[:10] for line in out if line.startswith("20")] == ["2024-05-14"]
    assert any(line.startswith("rejected ") and "empty_file" in line for line in err)
    assert any(" - dagster - INFO - " in line for line in err)


def test_a_missing_inbox_is_an_error_everywhere(world: World, monkeypatch) -> None:
    monkeypatch.chdir(world.root)
    monkeypatch.setenv("EVENTS_INBOX", "no_such_inbox")
    assert default_inbox() == str(world.root / "no_such_inbox")
    code, out, err = _events_run()
    assert code == 2 and not out
    assert f"the inbox {world.root / 'no_such_inbox'} does not exist" in err[0]
    with pytest.raises(FileNotFoundError, match="no_such_inbox"):
        _sensor()
    world.inbox = world.root / "no_such_inbox"
    result = world.materialize(RIYADH_DAY, raise_on_error=False)
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert "does not exist" in str(failure.event_specific_data.error)
    assert not (world.root / "no_such_inbox").exists()  # never created as if empty


def test_paths_of_the_environment_are_relative_to_the_working_directory(tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("EVENTS_INBOX", "in")
    monkeypatch.setenv("EVENTS_WAREHOUSE", "db/w.duckdb")
    monkeypatch.setenv("EVENTS_EXPORTS", "~/out")
    assert default_inbox() == str(tmp_path / "in")
    assert default_warehouse() == str(tmp_path / "db" / "w.duckdb")
    assert default_exports() == str(Path.home() / "out")
    monkeypatch.delenv("EVENTS_INBOX")
    assert default_inbox() == str(resources.project_root() / "warehouse" / "inbox")


HOLDER = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); "
          "time.sleep(float(sys.argv[2]))")


def _hold(db: Path, seconds: float) -> subprocess.Popen[str]:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(db), str(seconds)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_locked_warehouse_is_named_at_once_then_retried(world: World, monkeypatch) -> None:
    connect(world.db).close()
    monkeypatch.setattr(resources, "LOCK_FIRST_DELAY", 1.0)
    holder = _hold(world.db, 2.0)
    try:
        instance = dg.DagsterInstance.ephemeral()
        started = time.time()
        result = world.materialize(RIYADH_DAY, instance=instance)
    finally:
        holder.wait(timeout=30)
    assert result.success
    records = instance.all_logs(result.run_id)
    named = [r for r in records if "is locked by another process" in (r.user_message or "")]
    assert named, [r.user_message for r in records]
    first = named[0]
    assert first.level == 40  # ERROR: shown by `events run` even without --verbose
    assert f"PID {holder.pid}" in first.user_message and "python" in first.user_message
    assert first.timestamp - started < 5
    assert any(r.dagster_event and r.dagster_event.event_type_value == "STEP_UP_FOR_RETRY" for r in records)


def test_a_warehouse_locked_for_good_fails_with_the_holder_after_the_retries(world: World, monkeypatch) -> None:
    connect(world.db).close()
    monkeypatch.setattr(resources, "LOCK_FIRST_DELAY", 0.01)
    holder = _hold(world.db, 60)
    try:
        result = world.materialize(RIYADH_DAY, raise_on_error=False)
    finally:
        holder.kill()
        holder.wait()
    assert not result.success
    failure = next(e for e in result.all_events if e.is_step_failure)
    assert failure.step_key == "coded_events"
    assert f"PID {holder.pid}" in str(failure.event_specific_data.error)
    retries = [e for e in result.all_events if e.event_type_value == "STEP_UP_FOR_RETRY"]
    assert len(retries) == resources.LOCK_RETRIES


def test_an_undated_article_is_reported_and_its_meetings_are_in_the_days_picture(world: World) -> None:
    undated = world.inbox / "blinken-sans-date.txt"
    body = BLINKEN.read_text(encoding="utf-8").split("\n\n", 1)[1]
    undated.write_text("Title: Antony Blinken en visite à Kiev\n\n" + body, encoding="utf-8")
    arrived = dt.datetime(2024, 5, 20, 12, 0, tzinfo=PARIS).timestamp()
    os.utime(undated, (arrived, arrived))
    instance = dg.DagsterInstance.ephemeral()
    result = world.materialize("2024-05-20", instance=instance)
    assert result.success
    warnings = [r.user_message for r in instance.all_logs(result.run_id) if r.level == 30]
    assert any("blinken-sans-date" in w and "has no publication date" in w for w in warnings), warnings
    [raw] = result.asset_materializations_for_node("raw_articles")
    assert raw.metadata["articles_undated"].value == 1
    with duckdb.connect(str(world.db), read_only=True) as con:
        row = con.execute("SELECT pub_date, date_source, partition_date FROM articles "
                          "WHERE article_id = 'blinken-sans-date'").fetchone()
        assert row == (None, "file_arrival", dt.date(2024, 5, 20))
        assert meetings_of_days(con, [dt.date(2024, 5, 20)])
        before = checksums(con)
    picture = [m for m in result.asset_materializations_for_node("who_met_whom_picture")]
    assert picture[0].metadata["meetings"].value >= 1
    assert world.materialize("2024-05-20").success  # the day replaces itself, undated article included
    with duckdb.connect(str(world.db), read_only=True) as con:
        assert checksums(con) == before
    extracted = CliRunner().invoke(app, ["extract", str(undated), "--format", "jsonl", "--no-progress"])
    assert extracted.exit_code == 0 and "has no publication date" in extracted.stderr


def test_the_sensor_forgets_a_warehouse_deleted_and_requests_every_day_again(world: World) -> None:
    assert world.materialize(RIYADH_DAY).success
    first = _sensor()
    assert [r.partition_key for r in first.run_requests] == ["2024-05-14"]
    for path in world.root.glob("events.*"):
        path.unlink()
    again = _sensor(first.cursor)
    assert sorted(r.partition_key for r in again.run_requests) == ["2024-05-14", RIYADH_DAY]
    assert not {r.run_key for r in again.run_requests} & {r.run_key for r in first.run_requests}


def test_days_before_the_first_partition_are_reported_not_loaded(world: World, monkeypatch) -> None:
    monkeypatch.setenv("EVENTS_FIRST_DAY", "2024-06-01")
    code, out, err = _events_run()
    assert code == 0
    assert [line[:10] for line in out if line.startswith("20")] == [RIYADH_DAY]
    assert any("1 article(s) published before the first partition day 2024-06-01" in line for line in err)


def test_the_first_partition_day_comes_from_the_environment(tmp_path) -> None:
    probe = "from pipelines.definitions import defs; print(defs.resolve_job_def('all_events').partitions_def" \
            ".get_first_partition_key())"
    env = {**os.environ, "EVENTS_FIRST_DAY": "2024-01-01", "DAGSTER_HOME": str(tmp_path)}
    found = subprocess.run([sys.executable, "-W", "ignore", "-c", probe], capture_output=True, text=True, env=env,
                           timeout=120, check=False)
    assert found.stdout.strip() == "2024-01-01", found.stderr
    env["EVENTS_FIRST_DAY"] = "January"
    bad = subprocess.run([sys.executable, "-W", "ignore", "-c", probe], capture_output=True, text=True, env=env,
                         timeout=120, check=False)
    assert bad.returncode != 0 and "EVENTS_FIRST_DAY='January' is not a date" in bad.stderr


def test_the_sample_keeps_its_bundled_place() -> None:
    from events.warehouse import samples_dir

    assert samples_dir() == SAMPLES
