"""The Dagster graph materialised for real: ephemeral instance, tmp_path DuckDB, bundled inbox, one run per
daily partition; the sensor on new, seen and renamed files; the schedule's run request for a tick."""

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import dagster as dg
import duckdb
import pyarrow.parquet as pq
import pytest
from dagster_duckdb import DuckDBResource

from events.warehouse import checksums
from pipelines import assets, checks, exports, tables
from pipelines.definitions import defs
from pipelines.inbox import inbox_state
from pipelines.io import BatchIOManager
from pipelines.partitions import PARIS
from pipelines.resources import EventsConfig
from pipelines.sensors import build_inbox_sensor
from tests.conftest import SAMPLES


@pytest.fixture
def paths(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES / "inbox", inbox)
    return {"inbox": inbox, "db": tmp_path / "events.duckdb", "exports": tmp_path / "exports"}


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    """The sample inbox materialised once, one run per day, for the tests that read the result."""
    root = tmp_path_factory.mktemp("sample_run")
    inbox = root / "inbox"
    shutil.copytree(SAMPLES / "inbox", inbox)
    paths = {"inbox": inbox, "db": root / "events.duckdb", "exports": root / "exports"}
    assert _materialize(paths)
    return paths


@pytest.fixture
def sample_copy(sample_run, tmp_path):
    """A copy of the sampled warehouse and its exports, for a test that changes them."""
    shutil.copy2(sample_run["db"], tmp_path / "events.duckdb")
    shutil.copytree(sample_run["exports"], tmp_path / "exports")
    return {"inbox": sample_run["inbox"], "db": tmp_path / "events.duckdb", "exports": tmp_path / "exports"}


ASSETS = [assets.raw_articles, assets.coded_events, tables.warehouse_tables, exports.parquet_exports,
          exports.who_met_whom_picture]


def _materialize(paths, keys=None, *, n_process=1, results=None):
    """Materialise every partition the inbox's articles fall on (or ``keys``); True if all runs succeeded."""
    from pipelines.partitions import partitions_of

    instance = dg.DagsterInstance.ephemeral()
    resources = {"duckdb": DuckDBResource(database=str(paths["db"])),
                 "settings": EventsConfig(inbox=str(paths["inbox"]), exports=str(paths["exports"]),
                                          n_process=n_process),
                 "batches": BatchIOManager(base_dir=str(paths["db"].parent / "batches"))}
    ok = True
    for key in keys or partitions_of([paths["inbox"]]):
        result = dg.materialize(ASSETS, partition_key=key, instance=instance, resources=resources)
        ok = ok and result.success
        if results is not None:
            results.append(result)
    return ok


def _checksums(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return checksums(con)


def test_definitions_load():
    repo = defs.get_repository_def()
    keys = {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()}
    assert {"raw_articles", "coded_events", "articles", "event_mentions", "events", "rejects",
            "parquet_exports", "who_met_whom_picture"} <= keys
    assert defs.resolve_job_def("all_events") is not None
    assert defs.resolve_schedule_def("daily_events").execution_timezone == "Europe/Paris"


def test_whole_graph_on_the_sample_inbox_and_rerun_is_idempotent(sample_copy):
    paths = sample_copy
    with duckdb.connect(str(paths["db"]), read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        reasons = {r[0] for r in con.execute("SELECT DISTINCT reason FROM rejects").fetchall()}
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        gdelt_columns = [d[0] for d in con.execute("SELECT * FROM gdelt_events LIMIT 0").description]
    assert articles == 16  # 12 JSON Lines articles, 3 .txt, and one .txt written in Latin-1 (decoded, accepted)
    assert {"empty_file", "bad_json", "no_text"} <= reasons
    assert events > 0
    assert len(gdelt_columns) == 61 and gdelt_columns[0] == "GLOBALEVENTID" and gdelt_columns[-1] == "SOURCEURL"
    files = sorted((paths["exports"] / "events").glob("date=*/events.parquet"))
    assert files
    table = pq.read_table(files[0])
    assert str(table.schema.field("event_date").type) == "date32[day]"
    before = _checksums(paths["db"])
    assert _materialize(paths)
    assert _checksums(paths["db"]) == before
    assert sorted((paths["exports"] / "events").glob("date=*/events.parquet")) == files


def test_checks_pass_on_the_sample(sample_copy):
    resource = DuckDBResource(database=str(sample_copy["db"]))
    for check in (checks.articles_have_ids, checks.mentions_have_valid_cameo, checks.events_are_consistent,
                  checks.events_have_known_actors, checks.rejects_ratio):
        result = check(duckdb=resource)
        assert result.passed, (check, result.metadata)


def test_cameo_check_fails_on_an_invalid_code(sample_copy):
    paths = sample_copy
    with duckdb.connect(str(paths["db"])) as con:
        con.execute("UPDATE event_mentions SET event_code = '999' "
                    "WHERE rowid = (SELECT min(rowid) FROM event_mentions)")
    result = checks.mentions_have_valid_cameo(duckdb=DuckDBResource(database=str(paths["db"])))
    assert not result.passed


def test_inbox_sensor_requests_one_run_per_new_day_and_never_twice_for_a_file(paths, monkeypatch):
    monkeypatch.setenv("EVENTS_INBOX", str(paths["inbox"]))
    monkeypatch.setenv("EVENTS_WAREHOUSE", str(paths["db"]))  # none yet: nothing is loaded
    sensor = build_inbox_sensor(defs.resolve_job_def("all_events"))
    first = sensor(dg.build_sensor_context(cursor=None))
    from pipelines.partitions import partitions_of

    assert sorted(r.partition_key for r in first.run_requests) == partitions_of([paths["inbox"]])
    assert len({r.run_key for r in first.run_requests}) == len(first.run_requests)
    seen = sensor(dg.build_sensor_context(cursor=first.cursor))
    assert not seen.run_requests
    # a new file with articles of two days: one run per day
    lines = [{"id": "n1", "published_at": "2024-07-08", "text": "Le président kényan a reçu lundi son homologue."},
             {"id": "n2", "published_at": "2024-07-09", "text": "Le président kényan a reçu mardi son homologue."}]
    (paths["inbox"] / "new.jsonl").write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    new = sensor(dg.build_sensor_context(cursor=seen.cursor))
    assert sorted(r.partition_key for r in new.run_requests) == ["2024-07-08", "2024-07-09"]
    # the same file renamed, or moved into a subfolder: not new
    (paths["inbox"] / "archive").mkdir()
    (paths["inbox"] / "new.jsonl").rename(paths["inbox"] / "archive" / "renamed.jsonl")
    moved = sensor(dg.build_sensor_context(cursor=new.cursor))
    assert not moved.run_requests and moved.skip_reason
    # its content changed: new again, for the day it now holds
    changed = paths["inbox"] / "archive" / "renamed.jsonl"
    changed.write_text(json.dumps({**lines[0], "id": "n3", "published_at": "2024-07-10"}) + "\n", encoding="utf-8")
    again = sensor(dg.build_sensor_context(cursor=moved.cursor))
    assert [r.partition_key for r in again.run_requests] == ["2024-07-10"]
    assert set(inbox_state(paths["inbox"])) <= set(json.loads(again.cursor)["days"])


def test_daily_schedule_requests_the_previous_day():
    schedule = defs.resolve_schedule_def("daily_events")
    tick = dt.datetime(2024, 7, 9, 6, 0, tzinfo=PARIS)
    request = schedule(dg.build_schedule_context(scheduled_execution_time=tick))
    assert request.partition_key == "2024-07-08"
    # the day before 1 March of a leap year
    tick = dt.datetime(2024, 3, 1, 6, 0, tzinfo=PARIS)
    request = schedule(dg.build_schedule_context(scheduled_execution_time=tick))
    assert request.partition_key == "2024-02-29"


def test_a_day_partition_writes_its_picture_and_rerun_replaces_the_day(paths):
    assert _materialize(paths, ["2024-10-10"])
    with duckdb.connect(str(paths["db"]), read_only=True) as con:
        days = {r[0] for r in con.execute("SELECT DISTINCT pub_date FROM articles").fetchall()}
    assert days == {dt.date(2024, 10, 10)}
    picture = paths["exports"] / "pictures" / "who_met_whom_2024-10-10.png"
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    before = _checksums(paths["db"])
    assert _materialize(paths, ["2024-10-10"])
    assert _checksums(paths["db"]) == before


def test_definitions_validate(tmp_path):
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path)}  # an instance of its own, whatever the caller's
    result = subprocess.run([sys.executable, "-m", "dagster", "definitions", "validate", "-m", "pipelines.definitions"],
                            capture_output=True, text=True, timeout=300, cwd=Path(__file__).resolve().parents[2],
                            env=env)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_coding_failure_is_quarantined_and_retried_next_run(paths, fail_coding_of):
    from events.articles import Article, read_inputs
    from pipelines.partitions import article_day

    # the days of the articles that fail, and one day whose article codes well
    articles = [a for a in read_inputs([paths["inbox"]]) if isinstance(a, Article)]
    failing = {a.article_id for a in articles if "Nairobi" in a.text}
    days = sorted({article_day(a).isoformat() for a in articles if a.article_id in failing} | {"2024-10-10"})
    expected = {a.article_id for a in articles if article_day(a).isoformat() in days}
    heal = fail_coding_of("Nairobi")
    assert failing and _materialize(paths, days)
    with duckdb.connect(str(paths["db"]), read_only=True) as con:
        failed = {r[0] for r in con.execute("SELECT article_id FROM rejects WHERE reason = 'coding_error'").fetchall()}
        loaded = {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()}
    assert failed == failing and loaded == expected - failing
    heal()
    assert _materialize(paths, days)
    with duckdb.connect(str(paths["db"]), read_only=True) as con:
        assert {r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()} == expected


def test_a_failing_step_leaves_the_warehouse_as_it_was_and_a_retry_succeeds(paths):
    assert _materialize(paths, ["2024-10-10"])
    before = _checksums(paths["db"])
    broken = dg.materialize(
        ASSETS, partition_key="2025-05-07", instance=dg.DagsterInstance.ephemeral(), raise_on_error=False,
        resources={"duckdb": DuckDBResource(database=str(paths["db"])),
                   "settings": EventsConfig(inbox=str(paths["inbox"]), exports=str(paths["exports"]),
                                            model="fr_core_news_absent"),
                   "batches": BatchIOManager(base_dir=str(paths["db"].parent / "batches"))})
    assert not broken.success
    failure = next(e for e in broken.all_events if e.event_type_value == "STEP_FAILURE")
    assert "fr_core_news_absent" in str(failure.event_specific_data.error)
    assert "not installed" in str(failure.event_specific_data.error)
    assert _checksums(paths["db"]) == before
    assert _materialize(paths, ["2025-05-07"])
    with duckdb.connect(str(paths["db"]), read_only=True) as con:
        days = {r[0] for r in con.execute("SELECT DISTINCT pub_date FROM articles").fetchall()}
    assert days == {dt.date(2024, 10, 10), dt.date(2025, 5, 7)}


def test_a_day_coded_by_two_worker_processes_loads_the_rows_of_one(tmp_path):
    from events.articles import Article, read_inputs
    from events.bench import make_corpus

    sample = [a for a in read_inputs([SAMPLES / "inbox" / "articles.jsonl"]) if isinstance(a, Article)]
    day = [json.dumps(r, ensure_ascii=False) for r in make_corpus(sample, 80, start=dt.date(2025, 3, 3), days=1)]
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "day.jsonl").write_text("\n".join(day) + "\n", encoding="utf-8")
    sums = []
    for processes in (1, 2):
        folder = tmp_path / f"p{processes}"
        paths = {"inbox": tmp_path / "inbox", "db": folder / "events.duckdb", "exports": folder / "exports"}
        results: list = []
        assert _materialize(paths, ["2025-03-03"], n_process=processes, results=results)
        [coded] = results[0].asset_materializations_for_node("coded_events")
        assert coded.metadata["processes"].value == processes and coded.metadata["articles_coded"].value == 80
        sums.append(_checksums(paths["db"]))
    assert sums[0] == sums[1]
