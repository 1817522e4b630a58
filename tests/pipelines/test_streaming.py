"""A day streams through staged files (events.staging): the warehouse a Dagster day builds is the one the
in-memory path (the day's articles and rows held, then ``load``) builds, the IO between steps carries file
references, and the staged files go once loaded."""

from __future__ import annotations

import pickle
import shutil
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import dagster as dg
import pytest
from dagster_duckdb import DuckDBResource

from events.articles import Article, article_day, iter_input_files
from events.staging import ArticleWriter, MentionWriter, iter_articles, read_articles
from events.warehouse import checksums, connect, known_articles, load, load_staged, table_counts
from pipelines import assets, tables
from pipelines.assets import conflicting_id
from pipelines.io import BatchIOManager
from pipelines.partitions import read_inbox
from pipelines.resources import EventsConfig
from tests.conftest import SAMPLES

pytestmark = pytest.mark.model


def sample_inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    shutil.copytree(SAMPLES / "inbox", inbox)
    return inbox


def in_memory_warehouse(db: Path, inbox: Path, days: list[date]) -> dict[str, tuple[int, int]]:
    """The path before staging, day by day: the inbox read into memory, the day's articles coded into one Arrow
    table, then ``load`` (what raw_articles, coded_events and warehouse_tables did)."""
    from events.extract import ExtractOptions, extract_events
    from events.schema import events_table_from

    with connect(db) as con:
        for day in days:
            files = list(iter_input_files([inbox]))
            contents = read_inbox([inbox], files)
            articles = [a for a in contents.articles if article_day(a) == day]
            known = known_articles(con, except_days=[day])
            hashes = set(known.values())
            conflicts = [conflicting_id(a, known) for a in articles
                         if a.article_id in known and known[a.article_id] != a.text_hash]
            todo = [a for a in articles if a.article_id not in known and a.text_hash not in hashes]
            mentions = events_table_from(extract_events(todo, options=ExtractOptions(n_process=1)))
            load(con, articles=todo, mentions=mentions, rejects=[*contents.rejects, *conflicts], days=[day],
                 files_read=sorted(contents.days_by_file))
        return checksums(con)


def test_the_sample_streamed_through_dagster_equals_the_in_memory_load(tmp_path, monkeypatch) -> None:
    inbox = sample_inbox(tmp_path)
    monkeypatch.setenv("EVENTS_INBOX", str(inbox))
    days = sorted({article_day(a) for a in read_inbox([inbox]).articles})
    assert len(days) >= 5  # the sample spreads over many days
    db = tmp_path / "streamed.duckdb"
    resources = {"duckdb": DuckDBResource(database=str(db)),
                 "settings": EventsConfig(inbox=str(inbox), exports=str(tmp_path / "exports"), n_process=1),
                 "batches": BatchIOManager(base_dir=str(tmp_path / "batches"))}
    instance = dg.DagsterInstance.ephemeral()
    for day in days:
        result = dg.materialize([assets.raw_articles, assets.coded_events, tables.warehouse_tables],
                                partition_key=day.isoformat(), instance=instance, resources=resources)
        assert result.success
    with connect(db) as con:
        streamed = checksums(con)
        assert table_counts(con)["articles"] == sum(1 for a in read_inbox([inbox]).articles)
    expected = in_memory_warehouse(tmp_path / "in_memory.duckdb", inbox, days)
    assert streamed == expected
    assert streamed["event_mentions"][0] > 0 and streamed["rejects"][0] > 0
    # what went between the steps was references: no pickle holds an article's text
    texts = [a.text for a in read_inbox([inbox]).articles]
    for pickled in (tmp_path / "batches").rglob("*.pickle"):
        payload = pickle.loads(pickled.read_bytes())
        assert isinstance(payload, assets.RawBatch | assets.CodedBatch)
        assert not any(text[:200].encode() in pickled.read_bytes() for text in texts)
    # and the staged files of every loaded day are gone
    staging = Path(instance.storage_directory()) / "staging"
    assert not [p for p in staging.rglob("*") if p.is_file()]


def test_staged_articles_come_back_equal(tmp_path) -> None:
    paris = timezone(timedelta(hours=2))
    written = [
        Article("a", "Texte « un ».", title="T", url="https://x/a",
                published_at=datetime(2024, 7, 8, 0, 30, tzinfo=paris), source="S", source_file="/in/a.jsonl",
                line_no=1, extra={"tags": ["x", 1], "n": None}),
        Article("b", "Texte deux \ufffd.", published_at=datetime(2024, 7, 8, 23, 59, 59, 123456)),
        Article("c", "Sans date.", source_file="/in/c.txt"),
    ]
    with ArticleWriter(tmp_path / "day.parquet", batch=2) as out:
        for article in written:
            out.write(article)
    assert out.rows == 3 and not list(tmp_path.glob(".*.tmp"))
    assert list(iter_articles(tmp_path / "day.parquet", batch=2)) == written
    assert [len(b) for b in read_articles(tmp_path / "day.parquet", batch=2)] == [2, 1]
    assert written[0].pub_date == date(2024, 7, 8)


def test_a_staged_load_that_fails_leaves_the_day_as_it_was(tmp_path) -> None:
    """All or nothing: staged mentions that cannot be inserted roll the whole day back."""
    from events.articles import article_from_record
    from events.extract import extract_events

    records = [{"id": "a-1", "published_at": "2024-07-09",
                "text": "Le président kényan William Ruto a rencontré lundi à Nairobi le président somalien "
                        "Hassan Cheikh Mohamoud."}]
    articles = [article_from_record(r, source_file="t.jsonl", line_no=n) for n, r in enumerate(records, 1)]
    rows = list(extract_events(articles))
    with ArticleWriter(tmp_path / "a.parquet") as staged_articles:
        for article in articles:
            staged_articles.write(article)
    with MentionWriter(tmp_path / "m.parquet") as staged_mentions:
        staged_mentions.write_rows(rows)
    with connect(tmp_path / "events.duckdb") as con:
        load_staged(con, articles=staged_articles.path, mentions=staged_mentions.path, days=[date(2024, 7, 9)])
        before = checksums(con)
        assert before["event_mentions"][0] == len(rows) > 0
        with MentionWriter(tmp_path / "twice.parquet") as twice:  # the same mention twice: primary key violated
            twice.write_rows(rows + rows)
        with pytest.raises(Exception, match=r"(?i)constraint|duplicate"):
            load_staged(con, articles=staged_articles.path, mentions=twice.path, days=[date(2024, 7, 9)])
        assert checksums(con) == before
