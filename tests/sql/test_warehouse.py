"""The warehouse as other teams use it: cross-article dedup, idempotent day loads, dimension tables,
typed Parquet exports, a reader during a load, and schema migrations (events.warehouse)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq
import pytest

from events.articles import article_from_record
from events.cameo import load_codebook
from events.extract import extract_events, global_event_id
from events.schema import events_table
from events.warehouse import checksums, connect, export_parquet, load, snapshot, snapshot_path

pytestmark = pytest.mark.model

# Three articles written for these tests: two outlets report the same meeting, one reports a criticism.
RECORDS = [
    {"id": "a-1", "published_at": "2024-07-09", "source": "Agence A",
     "text": "Le président kényan William Ruto a rencontré lundi à Nairobi le président somalien Hassan Cheikh "
             "Mohamoud."},
    {"id": "b-1", "published_at": "2024-07-09", "source": "Journal B",
     "text": "Lundi à Nairobi, le président kényan William Ruto a rencontré son homologue somalien Hassan Cheikh "
             "Mohamoud."},
    {"id": "b-2", "published_at": "2024-07-10", "source": "Journal B",
     "text": "Le gouvernement somalien a critiqué mardi l'Éthiopie."},
]


def _articles(records=RECORDS):
    return [article_from_record(r, source_file="test.jsonl", line_no=n) for n, r in enumerate(records, 1)]


@pytest.fixture(scope="module")
def coded():
    articles = _articles()
    return articles, events_table(list(extract_events(articles)))


@pytest.fixture
def warehouse(tmp_path, coded):
    articles, mentions = coded
    con = connect(tmp_path / "events.duckdb")
    load(con, articles=articles, mentions=mentions)
    yield con
    con.close()


def test_one_event_per_real_event_across_articles(warehouse):
    rows = warehouse.execute(
        "SELECT global_event_id, event_date, actor1_code, actor2_code, event_code, action_geo_feature_id, "
        "num_mentions, num_articles, num_sources FROM events WHERE event_root_code = '04'").fetchall()
    assert len(rows) == 1, rows
    gid, day, a1, a2, code, place, mentions, n_articles, n_sources = rows[0]
    assert (n_articles, n_sources) == (2, 2) and mentions >= 2
    assert day == dt.date(2024, 7, 8) and place == "184745"  # Nairobi
    # the id is the stable hash of the signature (symmetric meeting: actor order does not matter)
    assert gid == global_event_id(day, a1, a2, code, place, symmetric=True)
    assert gid == global_event_id(day, a2, a1, code, place, symmetric=True)
    per_article = warehouse.execute("SELECT count(DISTINCT article_id) FROM event_mentions "
                                    "WHERE global_event_id = $g", {"g": gid}).fetchone()
    assert per_article == (2,)


def test_reloading_a_day_or_everything_leaves_identical_tables(warehouse, coded):
    articles, mentions = coded
    before = checksums(warehouse)
    assert before["events"][0] >= 2
    day = dt.date(2024, 7, 9)
    of_day = [a for a in articles if a.pub_date == day]
    load(warehouse, articles=of_day,
         mentions=mentions.filter(pc.is_in(mentions["article_id"], pa.array([a.article_id for a in of_day]))),
         days=[day])
    assert checksums(warehouse) == before
    load(warehouse, articles=articles, mentions=mentions, days=[day, dt.date(2024, 7, 10)])
    assert checksums(warehouse) == before
    # the day reloaded without one of its articles: that article and its mentions are gone, the event stays
    only_a = [a for a in of_day if a.article_id == "a-1"]
    load(warehouse, articles=only_a,
         mentions=mentions.filter(pc.equal(mentions["article_id"], "a-1")), days=[day])
    assert warehouse.execute("SELECT count(*) FROM articles WHERE article_id = 'b-1'").fetchone() == (0,)
    assert warehouse.execute("SELECT num_articles FROM events WHERE event_root_code = '04'").fetchone() == (1,)
    assert checksums(warehouse) != before


def test_changed_data_files_reload_the_dimensions_of_an_open_warehouse(warehouse, monkeypatch):
    """A data file edited between two loads (the tables changed under a running pipeline) reloads the
    dimension tables on the same connection, without an error and without losing the events."""
    from events import warehouse as module

    before = warehouse.execute("SELECT count(*) FROM events").fetchone()
    monkeypatch.setattr(module, "dimension_hash", lambda: "changed")
    assert module.load_dimensions(warehouse) is True
    assert module.load_dimensions(warehouse) is False  # the new hash is recorded
    assert module.load_dimensions(warehouse, force=True) is True
    assert warehouse.execute("SELECT data_hash FROM dimension_sources WHERE name = 'all'").fetchone() == ("changed",)
    assert warehouse.execute("SELECT count(*) FROM events").fetchone() == before


def test_dimension_tables_come_from_the_data_files(warehouse):
    counts = dict(warehouse.execute(
        "SELECT 'codes', count(*) FROM cameo_event_codes UNION ALL SELECT 'actors', count(*) FROM actors "
        "UNION ALL SELECT 'places', count(*) FROM places").fetchall())
    assert counts["codes"] == len(load_codebook())
    assert counts["actors"] > 1500 and counts["places"] > 20000
    unknown = warehouse.execute("SELECT count(*) FROM events LEFT JOIN cameo_event_codes USING (event_code) "
                                "WHERE cameo_event_codes.event_code IS NULL").fetchone()
    assert unknown == (0,)
    nairobi = warehouse.execute("SELECT name, country_iso3, is_capital FROM places WHERE feature_id = '184745'"
                                ).fetchone()
    assert nairobi == ("Nairobi", "KEN", True)
    ruto = warehouse.execute("SELECT actor_code, office FROM actors WHERE actor_name = 'William Ruto' "
                             "AND DATE '2024-07-08' BETWEEN start_date AND coalesce(end_date, DATE '9999-12-31')"
                             ).fetchone()
    assert ruto == ("KENGOV", "head_of_state")
    # unchanged data files: not reloaded
    loaded_at = warehouse.execute("SELECT loaded_at FROM dimension_sources WHERE name = 'all'").fetchone()
    load(warehouse, articles=[], mentions=[])
    assert warehouse.execute("SELECT loaded_at FROM dimension_sources WHERE name = 'all'").fetchone() == loaded_at


def test_parquet_exports_are_typed_partitioned_and_replaced_on_rerun(warehouse, tmp_path):
    out = tmp_path / "exports"
    export = export_parquet(warehouse, out)
    files = export.files
    assert sorted(p.relative_to(out).as_posix() for p in files) == sorted([
        "events/date=2024-07-08/events.parquet", "events/date=2024-07-09/events.parquet",
        "event_mentions/date=2024-07-08/event_mentions.parquet",
        "event_mentions/date=2024-07-09/event_mentions.parquet",
        "articles/pub_date=2024-07-09/articles.parquet", "articles/pub_date=2024-07-10/articles.parquet"])
    assert export.written == files
    # a rerun with nothing changed writes nothing and keeps the same files
    assert export_parquet(warehouse, out) == type(export)(files, [])
    assert sorted(p.relative_to(out).as_posix() for p in out.rglob("*.parquet")) == sorted(
        p.relative_to(out).as_posix() for p in files)

    events = pq.read_table(out / "events")  # pyarrow, hive partitions
    assert events.schema.field("event_date").type == pa.date32()
    assert events.schema.field("date_added").type == pa.timestamp("us")
    assert events.schema.field("goldstein_scale").type == pa.float64()
    assert events.schema.field("event_code").type == pa.string()
    assert pq.ParquetFile(files[0]).metadata.row_group(0).column(0).compression == "ZSTD"

    with duckdb.connect() as reader:
        types = dict(reader.execute(
            "SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet($p, hive_partitioning = true))",
            {"p": str(out / "event_mentions" / "*" / "*.parquet")}).fetchall())
        assert (types["event_date"], types["date_added"], types["action_geo_lat"], types["trigger"]) == (
            "DATE", "TIMESTAMP", "DOUBLE", "VARCHAR")
        n = reader.execute("SELECT count(*) FROM read_parquet($p)", {"p": str(out / "events" / "*" / "*.parquet")})
        assert n.fetchone() == warehouse.execute("SELECT count(*) FROM events").fetchone()

    polars = pytest.importorskip("polars")
    frame = polars.read_parquet(out / "articles" / "*" / "*.parquet", hive_partitioning=False)
    assert frame.schema["pub_date"] == polars.Date
    assert frame.schema["published_at"] == polars.Datetime("us")
    assert frame.schema["text"] == polars.String
    assert sorted(frame["article_id"].to_list()) == ["a-1", "b-1", "b-2"]

    described = json.loads((out / "_schema.json").read_text(encoding="utf-8"))
    assert set(described) == {"events", "event_mentions", "articles"}
    for dataset in described.values():
        assert all(column["description"] for column in dataset["columns"]), dataset["path"]
    assert [c["name"] for c in described["events"]["columns"]] == events.schema.names[:len(
        described["events"]["columns"])]


def test_a_rerun_rewrites_only_the_partitions_whose_rows_changed(warehouse, tmp_path, coded):
    out = tmp_path / "exports"
    first = export_parquet(warehouse, out)
    articles, mentions = coded
    day_10 = [a for a in articles if a.article_id == "b-2"]
    # the same article reloaded with a changed source: only its publication-day partition of articles changes
    changed = article_from_record({**RECORDS[2], "source": "Journal C"}, source_file="test.jsonl", line_no=3)
    load(warehouse, articles=[changed], mentions=mentions.filter(pc.equal(mentions["article_id"], "b-2")),
         days=[day_10[0].pub_date])
    second = export_parquet(warehouse, out)
    assert second.files == first.files
    assert [p.relative_to(out).as_posix() for p in second.written] == ["articles/pub_date=2024-07-10/articles.parquet"]
    assert pq.read_table(second.written[0])["source_name"].to_pylist() == ["Journal C"]
    # a partition file removed by hand is written again; a partition without rows any more is removed
    kept = out / "events" / "date=2024-07-09" / "events.parquet"
    kept.unlink()
    warehouse.execute("DELETE FROM event_mentions WHERE event_date = DATE '2024-07-08'")
    warehouse.execute("DELETE FROM events WHERE event_date = DATE '2024-07-08'")
    third = export_parquet(warehouse, out)
    assert third.written == [kept]
    assert not (out / "events" / "date=2024-07-08").exists()
    assert not (out / "event_mentions" / "date=2024-07-08").exists()
    assert sorted(out.rglob("*.parquet")) == sorted(third.files)
    assert not list(out.rglob(".*.tmp"))
    exported = pq.read_table(out / "event_mentions")
    assert exported.num_rows == warehouse.execute("SELECT count(*) FROM event_mentions").fetchone()[0]


def test_a_reader_queries_the_snapshot_while_a_load_writes(warehouse, tmp_path):
    db = tmp_path / "events.duckdb"
    copy = snapshot(warehouse, db)
    assert copy == snapshot_path(db) and copy.exists()
    expected = warehouse.execute("SELECT count(*) FROM events").fetchone()[0]
    reader = ("import duckdb, sys\n"
              "with duckdb.connect(sys.argv[1], read_only=True) as con:\n"
              "    print(con.execute('SELECT count(*) FROM who_met_whom').fetchone()[0],"
              " con.execute('SELECT count(*) FROM events').fetchone()[0])\n")
    warehouse.execute("BEGIN TRANSACTION")  # a load in progress holds the write lock on the main file
    try:
        warehouse.execute("DELETE FROM event_mentions")
        blocked = subprocess.run([sys.executable, "-c", reader, str(db)], capture_output=True, text=True, timeout=60)
        assert blocked.returncode != 0 and "lock" in blocked.stderr.lower()
        ok = subprocess.run([sys.executable, "-c", reader, str(copy)], capture_output=True, text=True, timeout=60)
        assert ok.returncode == 0, ok.stderr
        meetings, events = map(int, ok.stdout.split())
        assert meetings == 1 and events == expected
    finally:
        warehouse.execute("ROLLBACK")


def test_an_older_warehouse_is_migrated_without_losing_data(tmp_path, monkeypatch, coded):
    articles, mentions = coded
    db = tmp_path / "old.duckdb"
    with connect(db) as con:
        load(con, articles=articles, mentions=mentions)
        before = checksums(con)
    newer = tmp_path / "sql"
    shutil.copytree(Path(__file__).resolve().parents[2] / "sql", newer)
    (newer / "migrations" / "901_articles_coder_note.sql").write_text(
        "-- test migration\nALTER TABLE articles ADD COLUMN IF NOT EXISTS coder_note VARCHAR;\n", encoding="utf-8")
    monkeypatch.setenv("EVENTS_SQL_DIR", str(newer))
    with connect(db) as con:
        columns = [r[0] for r in con.execute("SELECT column_name FROM duckdb_columns() WHERE table_name = 'articles'"
                                             ).fetchall()]
        assert "coder_note" in columns
        assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (901,)
        assert checksums(con, ["event_mentions", "events", "rejects"]) == {
            k: v for k, v in before.items() if k != "articles"}
        assert con.execute("SELECT count(*), count(coder_note) FROM articles").fetchone() == (3, 0)
    with connect(db) as con:  # applied once
        assert con.execute("SELECT count(*) FROM schema_version WHERE version = 901").fetchone() == (1,)


def _with_rule_ids(mentions: pa.Table) -> pa.Table:
    """The coded mentions with a distinct rule id on each row (as the coder records them)."""
    rules = [f"{root}/{trigger}.v@test:{n}" for n, (root, trigger) in
             enumerate(zip(mentions["event_root_code"].to_pylist(), mentions["trigger"].to_pylist(), strict=True))]
    return mentions.set_column(mentions.schema.get_field_index("rule_id"), "rule_id", pa.array(rules, pa.string()))


def test_rule_id_goes_from_the_mention_to_its_event_and_the_exports(tmp_path, coded):
    articles, mentions = coded
    mentions = _with_rule_ids(mentions)
    with connect(tmp_path / "events.duckdb") as con:
        load(con, articles=articles, mentions=mentions)
        key = ("global_event_id", "article_id", "sentence_index", "action_char_offset", "rule_id")
        stored = con.execute(f"SELECT {', '.join(key)} FROM event_mentions ORDER BY ALL").fetchall()
        assert stored == sorted(zip(*(mentions[c].to_pylist() for c in key), strict=True))
        # an event's rule is its representative mention's, like its trigger and confidence
        events = con.execute("SELECT count(*) FROM events").fetchone()[0]
        same = con.execute("SELECT count(*) FROM events e JOIN event_mentions m USING (global_event_id, article_id, "
                           "sentence_index, action_char_offset) WHERE e.rule_id = m.rule_id AND e.trigger = m.trigger"
                           ).fetchone()[0]
        assert same == events >= 2
        expected = dict(con.execute("SELECT global_event_id, rule_id FROM events").fetchall())
        out = tmp_path / "exports"
        export_parquet(con, out)
    exported = pq.read_table(out / "events")
    assert exported.schema.field("rule_id").type == pa.string()
    assert dict(zip(exported["global_event_id"].to_pylist(), exported["rule_id"].to_pylist(), strict=True)) == expected
    assert sorted(pq.read_table(out / "event_mentions")["rule_id"].to_pylist()) == sorted(r[-1] for r in stored)
    described = json.loads((out / "_schema.json").read_text(encoding="utf-8"))
    for dataset in ("events", "event_mentions"):
        (column,) = [c for c in described[dataset]["columns"] if c["name"] == "rule_id"]
        assert "frame" in column["description"], column


def _sql_before_rule_id(tmp_path: Path) -> Path:
    """The sql/ folder as it was before rule_id: no such column in the DDL, no migration 003."""
    old = tmp_path / "sql_before_rule_id"
    shutil.copytree(Path(__file__).resolve().parents[2] / "sql", old)
    for migration in (old / "migrations").glob("0*.sql"):  # 003_add_rule_id.sql and every later one
        migration.unlink()
    for name in ("020_event_mentions.sql", "030_events.sql"):
        path = old / "ddl" / name
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        path.write_text("".join(line for line in lines if "rule_id" not in line), encoding="utf-8")
    return old


def test_a_warehouse_from_before_rule_id_gets_the_column_and_keeps_its_rows(tmp_path, monkeypatch, coded):
    articles, mentions = coded
    db = tmp_path / "old.duckdb"
    monkeypatch.setenv("EVENTS_SQL_DIR", str(_sql_before_rule_id(tmp_path)))
    with connect(db) as con:
        load(con, articles=articles, mentions=mentions.drop_columns(["rule_id"]))
        assert con.execute("SELECT max(version) FROM schema_version").fetchone() == (2,)
        before = {table: con.execute(f"SELECT * FROM {table} ORDER BY ALL").fetchall()
                  for table in ("event_mentions", "events", "articles")}
    monkeypatch.delenv("EVENTS_SQL_DIR")
    with connect(db) as con:
        for table in ("event_mentions", "events"):
            rule = con.execute("SELECT data_type, comment FROM duckdb_columns() WHERE table_name = $t "
                               "AND column_name = 'rule_id'", {"t": table}).fetchone()
            assert rule is not None and rule[0] == "VARCHAR" and rule[1], table
            assert con.execute(f"SELECT * EXCLUDE (rule_id) FROM {table} ORDER BY ALL").fetchall() == before[table]
            assert con.execute(f"SELECT count(rule_id) FROM {table}").fetchone() == (0,)
        assert con.execute("SELECT * FROM articles ORDER BY ALL").fetchall() == before["articles"]
        assert con.execute("SELECT description FROM schema_version WHERE version = 3").fetchone() == ("add rule id",)
        gdelt = con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'gdelt_events'").fetchone()
        assert gdelt == (61,)
        # the next load of the same articles records their rules
        load(con, articles=articles, mentions=_with_rule_ids(mentions))
        assert con.execute("SELECT count(*) = count(rule_id) FROM events").fetchone() == (True,)
        export_parquet(con, tmp_path / "exports")
    with connect(db) as con:  # applied once
        assert con.execute("SELECT count(*) FROM schema_version WHERE version = 3").fetchone() == (1,)
    assert None not in pq.read_table(tmp_path / "exports" / "events")["rule_id"].to_pylist()


def test_a_warehouse_from_before_date_source_gets_the_columns_filled(tmp_path, monkeypatch, coded):
    articles, mentions = coded
    old = tmp_path / "sql_before_date_source"
    shutil.copytree(Path(__file__).resolve().parents[2] / "sql", old)
    (old / "migrations" / "004_add_date_source.sql").unlink()
    ddl = old / "ddl" / "010_articles.sql"
    lines = ddl.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = "".join(line for line in lines if "date_source" not in line and "partition_date" not in line)
    ddl.write_text(kept.replace("date_added   TIMESTAMP,\n", "date_added   TIMESTAMP\n"), encoding="utf-8")
    db = tmp_path / "old.duckdb"
    monkeypatch.setenv("EVENTS_SQL_DIR", str(old))
    with connect(db) as con:
        con.register("rows", pa.Table.from_pylist([{
            "article_id": a.article_id, "text": a.text, "text_hash": a.text_hash, "pub_date": a.pub_date,
            "published_at": a.published_at.replace(tzinfo=None) if a.published_at else None} for a in articles]))
        con.execute("INSERT INTO articles BY NAME SELECT * FROM rows")
        assert "date_source" not in {r[0] for r in con.execute("DESCRIBE articles").fetchall()}
    monkeypatch.delenv("EVENTS_SQL_DIR")
    with connect(db) as con:
        rows = con.execute("SELECT date_source, partition_date = pub_date FROM articles").fetchall()
        assert rows and set(rows) == {("input", True)}
        assert con.execute("SELECT comment FROM duckdb_columns() WHERE table_name = 'articles' "
                           "AND column_name = 'partition_date'").fetchone()[0]
        assert con.execute("SELECT description FROM schema_version WHERE version = 4").fetchone() == (
            "add date source",)
        # a day's load then replaces those articles like any other
        load(con, articles=articles, mentions=mentions, days=[dt.date(2024, 7, 9), dt.date(2024, 7, 10)])
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (3,)
