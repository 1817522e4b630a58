"""The benchmark helpers produce what they claim (no timing is asserted: machines are shared and noisy)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import duckdb
import pytest

from events.articles import Article, read_inputs
from events.bench import bench_load, make_corpus, synthetic_mentions
from events.extract import extract_events
from events.schema import events_table
from tests.conftest import SAMPLES

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def sample_articles():
    return [a for a in read_inputs([SAMPLES / "inbox" / "articles.jsonl"]) if isinstance(a, Article)]


def test_make_corpus_recombines_real_sentences_with_other_office_holders(sample_articles):
    records = list(make_corpus(sample_articles, 50, seed=3))
    assert len(records) == 50 and len({r["id"] for r in records}) == 50
    assert records == list(make_corpus(sample_articles, 50, seed=3))  # same seed, same corpus
    pool = " ".join(a.text for a in sample_articles)
    for record in records:
        assert dt.date(2020, 1, 1) <= dt.date.fromisoformat(str(record["published_at"])) <= dt.date(2025, 12, 31)
        assert len(str(record["text"])) > 100
    assert any(str(r["text"]) not in pool for r in records)


def test_synthetic_mentions_and_load_benchmark(sample_articles, tmp_path):
    template = events_table(list(extract_events(sample_articles[:4])))
    table = synthetic_mentions(template, 2_000)
    assert table.num_rows == 2_000
    assert len(set(table.column("global_event_id").to_pylist())) == 2_000
    assert table.column("event_date").type.id == events_table([]).schema.field("event_date").type.id
    report = bench_load(template, tmp_path, rows=2_000)
    assert report.rows == 2_000 and report.export_files > 0
    assert report.rows_per_second > 0 and report.memory_rows_per_second > 0
    with duckdb.connect(str(tmp_path / "load.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM events").fetchone() == (2_000,)


@pytest.mark.parametrize("processes", [1, 2])
def test_throughput_benchmark_streams_the_corpus_into_parquet_and_duckdb(sample_articles, tmp_path, processes):
    import pyarrow.parquet as pq

    from events.bench import bench_throughput
    from events.extract import ExtractOptions

    passes = []

    def source():
        passes.append(1)
        return iter(sample_articles[:8])

    report = bench_throughput(source, tmp_path, options=ExtractOptions(batch_size=4, n_process=processes),
                              batch_rows=5)
    assert len(passes) >= 3  # a fresh iterator per pass: nothing keeps the corpus
    assert report.articles == 8 and report.tokens > 1_000 and report.n_process == processes
    assert report.events == pq.read_metadata(tmp_path / "events.parquet").num_rows > 0
    with duckdb.connect(str(tmp_path / "bench.duckdb"), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone() == (8,)
        assert con.execute("SELECT count(*) FROM event_mentions").fetchone() == (report.events,)
        assert con.execute("SELECT count(*) FROM events").fetchone()[0] > 0
    assert report.raw_seconds > 0 and report.full_seconds > 0 and report.peak_rss_mb > 0
    if Path("/proc/self/smaps_rollup").exists():  # Linux: the model alone is over 100 MB in every process
        assert report.peak_total_mb > 100 * processes


def test_day_benchmark_runs_the_inbox_through_events_run_and_samples_every_process(tmp_path):
    import json

    from events.bench import bench_day

    lines = (SAMPLES / "inbox" / "articles.jsonl").read_text(encoding="utf-8").splitlines(keepends=True)[:6]
    corpus = tmp_path / "corpus.jsonl"
    corpus.write_text("".join(lines), encoding="utf-8")
    report = bench_day(corpus, 4, tmp_path / "out", n_process=1, interval=0.2)
    assert report.exit_code == 0, (tmp_path / "out" / "day-4" / "run.log").read_text(encoding="utf-8")
    assert report.articles == 4 and report.loaded_articles == 4  # the first 4 lines only
    assert report.event_rows > 0 and report.mention_rows >= report.event_rows
    ids = [json.loads(line)["id"] for line in lines[:4]]
    with duckdb.connect(str(tmp_path / "out" / "day-4" / "events.duckdb"), read_only=True) as con:
        assert sorted(r[0] for r in con.execute("SELECT article_id FROM articles").fetchall()) == sorted(ids)
    trace = (tmp_path / "out" / "memory-4.tsv").read_text(encoding="utf-8").splitlines()
    assert trace[0].split("\t") == ["seconds", "total_pss_mb", "largest_pss_mb", "processes"]
    assert len(trace) - 1 == report.samples > 0
    if Path("/proc/self/smaps_rollup").exists():  # PSS is Linux's
        assert report.peak_total_mb >= report.peak_process_mb > 50  # a Python process with spaCy loaded
