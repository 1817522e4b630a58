"""The Dagster graph materialised for real: ephemeral instance, tmp_path DuckDB, bundled inbox."""

import json
import shutil

import dagster as dg
import duckdb
import pyarrow.parquet as pq
import pytest
from dagster_duckdb import DuckDBResource

from pipelines import assets, checks
from pipelines.definitions import defs
from pipelines.resources import EventsConfig
from pipelines.sensors import build_inbox_sensor, inbox_state
from tests.conftest import SAMPLES


@pytest.fixture
def paths(tmp_path):
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES / "inbox", inbox)
    return {"inbox": inbox, "db": tmp_path / "events.duckdb", "exports": tmp_path / "exports"}


def _materialize(paths):
    return dg.materialize(
        [assets.raw_articles, assets.coded_events, assets.warehouse_tables, assets.parquet_exports],
        resources={"duckdb": DuckDBResource(database=str(paths["db"])),
                   "settings": EventsConfig(inbox=str(paths["inbox"]), exports=str(paths["exports"]))},
        instance=dg.DagsterInstance.ephemeral(),
    )


def _checksums(db):
    with duckdb.connect(str(db), read_only=True) as con:
        return {t: con.execute(f"SELECT count(*), sum(hash(global_event_id)) FROM {t}").fetchone()
                for t in ("event_mentions", "events")} | {
                    t: con.execute(f"SELECT count(*) FROM {t}").fetchone() for t in ("articles", "rejects")}


def test_definitions_load():
    repo = defs.get_repository_def()
    keys = {k.to_user_string() for k in repo.asset_graph.get_all_asset_keys()}
    assert {"raw_articles", "coded_events", "articles", "event_mentions", "events", "rejects",
            "parquet_exports"} <= keys
    assert defs.resolve_job_def("all_events") is not None
    assert defs.resolve_schedule_def("daily_events").execution_timezone == "Europe/Paris"


def test_whole_graph_on_the_sample_inbox_and_rerun_is_idempotent(paths):
    result = _materialize(paths)
    assert result.success
    with duckdb.connect(str(paths["db"]), read_only=True) as con:
        articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        reasons = {r[0] for r in con.execute("SELECT DISTINCT reason FROM rejects").fetchall()}
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        gdelt_columns = [d[0] for d in con.execute("SELECT * FROM gdelt_events LIMIT 0").description]
    assert articles == 15
    assert {"empty_file", "not_utf8", "bad_json", "no_text"} <= reasons
    assert events > 0
    assert len(gdelt_columns) == 61 and gdelt_columns[0] == "GLOBALEVENTID" and gdelt_columns[-1] == "SOURCEURL"
    files = sorted((paths["exports"] / "events").glob("date=*/events.parquet"))
    assert files
    table = pq.read_table(files[0])
    assert str(table.schema.field("event_date").type) == "date32[day]"
    before = _checksums(paths["db"])
    assert _materialize(paths).success
    assert _checksums(paths["db"]) == before
    assert sorted((paths["exports"] / "events").glob("date=*/events.parquet")) == files


def test_checks_pass_on_the_sample(paths):
    assert _materialize(paths).success
    resource = DuckDBResource(database=str(paths["db"]))
    for check in (checks.articles_have_ids, checks.mentions_have_valid_cameo, checks.events_are_consistent,
                  checks.rejects_ratio):
        result = check(duckdb=resource)
        assert result.passed, (check, result.metadata)


def test_cameo_check_fails_on_an_invalid_code(paths):
    assert _materialize(paths).success
    with duckdb.connect(str(paths["db"])) as con:
        con.execute("UPDATE event_mentions SET event_code = '999' "
                    "WHERE rowid = (SELECT min(rowid) FROM event_mentions)")
    result = checks.mentions_have_valid_cameo(duckdb=DuckDBResource(database=str(paths["db"])))
    assert not result.passed


def test_inbox_sensor_requests_a_run_only_for_new_or_changed_files(paths, monkeypatch):
    monkeypatch.setenv("EVENTS_INBOX", str(paths["inbox"]))
    sensor = build_inbox_sensor(defs.resolve_job_def("all_events"))
    first = sensor(dg.build_sensor_context(cursor=None))
    assert len(first.run_requests) == 1
    again = sensor(dg.build_sensor_context(cursor=first.cursor))
    assert not again.run_requests
    (paths["inbox"] / "new.jsonl").write_text(json.dumps({"id": "n", "text": "Texte."}) + "\n", encoding="utf-8")
    third = sensor(dg.build_sensor_context(cursor=again.cursor))
    assert len(third.run_requests) == 1
    assert "new.jsonl" in json.loads(third.cursor)
    assert set(inbox_state(paths["inbox"])) == set(json.loads(third.cursor))


def test_a_coding_failure_is_quarantined_and_retried_next_run(paths, fail_coding_of):
    heal = fail_coding_of("Nairobi")
    assert _materialize(paths).success
    with duckdb.connect(str(paths["db"]), read_only=True) as con:
        failed = con.execute("SELECT article_id FROM rejects WHERE reason = 'coding_error'").fetchall()
        loaded = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert failed and loaded == 15 - len(failed)
    heal()
    assert _materialize(paths).success
    with duckdb.connect(str(paths["db"]), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 15
