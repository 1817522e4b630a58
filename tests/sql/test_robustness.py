"""Promises that only breaking things shows: a load killed at any point leaves all or nothing, a killed
export leaves no unreadable file, hostile text never becomes SQL, and extraction needs no network."""

from __future__ import annotations

import json
import random
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from events.articles import Article, article_from_record, read_inputs
from events.extract import extract_events
from events.schema import events_table
from events.warehouse import checksums, connect, export_parquet, load, snapshot

pytestmark = pytest.mark.model

PROJECT = Path(__file__).resolve().parents[2]
HOSTILE = "'); DROP TABLE events; --"

# A child process that loads one big batch (a "partition": its articles and their mentions) in one transaction.
LOADER = textwrap.dedent("""
    import sys
    import pyarrow as pa
    import pyarrow.parquet as pq
    from events.articles import article_from_record
    from events.warehouse import connect, export_parquet, load
    db, template, n, exports = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    from events.bench import synthetic_mentions
    mentions = synthetic_mentions(pq.read_table(template), n)
    ids = sorted(set(mentions.column("article_id").to_pylist()))
    articles = [article_from_record({"id": i, "published_at": "2024-07-09", "text": "Texte " + i},
                                    source_file="kill.jsonl", line_no=k) for k, i in enumerate(ids, 1)]
    with connect(db) as con:
        print("loading", flush=True)
        load(con, articles=articles, mentions=mentions)
        print("exporting", flush=True)
        export_parquet(con, exports)
    print("done", flush=True)
""")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    articles = [a for a in read_inputs([PROJECT / "warehouse" / "samples" / "inbox" / "articles.jsonl"])
                if isinstance(a, Article)][:6]
    path = tmp_path_factory.mktemp("template") / "mentions.parquet"
    pq.write_table(events_table(list(extract_events(articles))), path)
    return path


def _state(db: Path) -> tuple[int, int, int, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        articles, mentions, events, distinct = con.execute(
            "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM event_mentions), "
            "(SELECT count(*) FROM events), (SELECT count(DISTINCT global_event_id) FROM event_mentions)").fetchone()
    return articles, mentions, events, distinct


def test_a_load_killed_at_any_point_leaves_all_or_nothing_and_a_rerun_completes(tmp_path, template):
    rows = 60_000
    db, exports = tmp_path / "events.duckdb", tmp_path / "exports"
    command = [sys.executable, "-c", LOADER, str(db), str(template), str(rows), str(exports)]
    rng = random.Random(11)
    complete = None
    for attempt in range(6):
        child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
        assert child.stdout is not None
        if attempt < 5:
            child.stdout.readline()  # "loading": the transaction is about to start
            time.sleep(rng.uniform(0.0, 1.5))
            child.kill()  # SIGKILL: no cleanup, no rollback by the process
        child.wait(timeout=600)
        if not db.exists():
            continue
        articles, mentions, events, distinct = _state(db)
        assert (articles, mentions) in {(0, 0), (rows // 5, rows)}, (attempt, articles, mentions)
        assert events == distinct  # events always rebuilt from exactly the mentions present
        if mentions:
            complete = (articles, mentions, events)
        for path in exports.rglob("*.parquet"):  # a killed export never leaves a half-written Parquet file
            pq.read_metadata(path)
    assert complete == (rows // 5, rows, rows)
    with duckdb.connect(str(db)) as con:
        before = checksums(con)
    rerun = subprocess.run(command, capture_output=True, text=True, cwd=PROJECT, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    with duckdb.connect(str(db)) as con:
        assert checksums(con) == before  # the rerun replaced the partition with itself: nothing duplicated


def test_hostile_text_and_names_are_data_never_sql(tmp_path):
    inbox = tmp_path / f"in box ' \" é {HOSTILE.replace('/', '')}"
    inbox.mkdir()
    record = {"id": HOSTILE, "title": HOSTILE, "source": HOSTILE, "url": f"https://example.org/{HOSTILE}",
              "published_at": "2024-07-09",
              "text": f"Le président kényan William Ruto a reçu lundi à Nairobi le président somalien. {HOSTILE}"}
    (inbox / f"{HOSTILE.replace('/', '')}.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    articles = [a for a in read_inputs([inbox]) if isinstance(a, Article)]
    assert [a.article_id for a in articles] == [HOSTILE]
    rows = list(extract_events(articles))
    with connect(tmp_path / "events.duckdb") as con:
        load(con, articles=articles, mentions=rows)
        export_parquet(con, tmp_path / "exports")
        assert con.execute("SELECT article_id, title, source_name FROM articles").fetchall() == [
            (HOSTILE, HOSTILE, HOSTILE)]
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] >= 1
        tables = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
        assert {"events", "event_mentions", "articles", "rejects"} <= tables
        assert con.execute("SELECT count(*) FROM event_mentions WHERE article_id = $a", {"a": HOSTILE}).fetchone()[0]


def test_extraction_and_loading_need_no_network(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError(f"network access attempted: socket{args}")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    article = article_from_record({"id": "n", "published_at": "2024-07-09", "text": (
        "Le président kényan William Ruto a rencontré lundi à Nairobi le président somalien Hassan Cheikh "
        "Mohamoud.")}, source_file="t", line_no=1)
    rows = list(extract_events([article]))
    assert rows
    with connect(tmp_path / "events.duckdb") as con:
        load(con, articles=[article], mentions=rows)
        export_parquet(con, tmp_path / "exports")


def test_a_reader_polling_the_snapshot_during_loads_never_sees_an_error_or_half_a_load(tmp_path, template):
    db = tmp_path / "events.duckdb"
    reader = textwrap.dedent("""
        import json, sys, time, duckdb
        path, stop = sys.argv[1], sys.argv[2]
        import os
        seen = set()
        while not os.path.exists(stop):
            if os.path.exists(path):
                with duckdb.connect(path, read_only=True) as con:
                    seen.add(con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM "
                                         "event_mentions)").fetchone())
            time.sleep(0.02)
        print(json.dumps(sorted(seen)))
    """)
    stop = tmp_path / "stop"
    child = subprocess.Popen([sys.executable, "-c", reader, str(db.with_name("events.snapshot.duckdb")), str(stop)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=PROJECT)
    from events.bench import synthetic_mentions

    base = pq.read_table(template)
    expected = {(0, 0)}
    with connect(db) as con:
        snapshot(con, db)
        for batch in range(1, 6):  # five loads of 2,000 mentions (400 articles) each, a snapshot after each
            mentions = synthetic_mentions(base, 2_000 * batch).slice(2_000 * (batch - 1))
            ids = sorted(set(mentions.column("article_id").to_pylist()))
            articles = [article_from_record({"id": i, "published_at": "2024-07-09", "text": "Texte " + i},
                                            source_file="poll.jsonl", line_no=k) for k, i in enumerate(ids, 1)]
            load(con, articles=articles, mentions=mentions)
            snapshot(con, db)
            expected.add((400 * batch, 2_000 * batch))
    time.sleep(0.3)
    stop.write_text("stop", encoding="utf-8")
    out, err = child.communicate(timeout=120)
    assert child.returncode == 0, err
    seen = {tuple(pair) for pair in json.loads(out)}
    assert seen and seen <= expected, (seen, expected)


CREATOR = textwrap.dedent("""
    import sys
    from events.warehouse import connect
    print("connecting", flush=True)
    connect(sys.argv[1]).close()
    print("created", flush=True)
""")
TABLES = {"articles", "event_mentions", "events", "rejects", "schema_version"}


def test_a_warehouse_killed_while_its_schema_is_created_has_all_tables_or_none(tmp_path):
    script = tmp_path / "create.py"
    script.write_text(CREATOR, encoding="utf-8")
    for attempt in range(12):
        db = tmp_path / f"events-{attempt}.duckdb"
        child = subprocess.Popen([sys.executable, str(script), str(db)], stdout=subprocess.PIPE, text=True)
        assert child.stdout is not None and child.stdout.readline().strip() == "connecting"
        time.sleep(attempt * 0.02)  # 0 to 0.22 s: creating the schema takes about 0.2 s
        child.kill()
        child.wait()
        if db.exists():
            with duckdb.connect(str(db)) as con:
                found = {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()}
            assert found & TABLES in (set(), TABLES), f"attempt {attempt}: only {sorted(found & TABLES)}"
        with connect(db) as con:  # the next run completes the schema without help
            assert {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()} >= TABLES


def test_a_schema_step_that_fails_halfway_leaves_the_warehouse_as_it_was(tmp_path, monkeypatch):
    broken = tmp_path / "sql"
    shutil.copytree(PROJECT / "sql", broken)
    (broken / "views" / "zz_broken.sql").write_text("CREATE VIEW broken AS SELECT * FROM no_such_table;\n",
                                                     encoding="utf-8")
    monkeypatch.setenv("EVENTS_SQL_DIR", str(broken))
    db = tmp_path / "events.duckdb"
    with pytest.raises(duckdb.CatalogException, match="no_such_table"):
        connect(db)
    with duckdb.connect(str(db)) as con:  # the tables created before the failure are rolled back with it
        assert con.execute("SELECT table_name FROM duckdb_tables()").fetchall() == []
    monkeypatch.delenv("EVENTS_SQL_DIR")
    with connect(db) as con:
        assert {r[0] for r in con.execute("SELECT table_name FROM duckdb_tables()").fetchall()} >= TABLES
