"""The speed benchmark of the extraction path (throughput and memory); dates and places have their own
(`events.timebank`, `events.places_bench`).

Speed is measured here, never asserted in tests (machines are shared and noisy).
"""

from __future__ import annotations

import resource
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pyarrow as pa

from events.articles import Article
from events.extract import ExtractOptions, extract_events


@dataclass(frozen=True, slots=True)
class SpeedReport:
    articles: int
    characters: int
    tokens: int
    events: int
    seconds: float
    load_seconds: float
    peak_rss_mb: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def peak_rss_mb() -> float:
    """Peak resident memory in MB of this process or, if larger, of its largest finished worker process
    (spaCy's ``n_process``); Linux reports KiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def bench_extract(articles: Sequence[Article], *, options: ExtractOptions | None = None,
                  repeat: int = 1, profile: Path | None = None) -> SpeedReport:
    """Time the full extraction (parse + coding) after a warm-up that loads the model and the tables.

    ``profile``: also write a pyinstrument call-tree profile of the timed passes there (``.html``, else text;
    pyinstrument is a development dependency).
    """
    from events.nlp import load_model

    options = options or ExtractOptions()
    started = time.perf_counter()
    nlp = load_model(options.model)
    list(extract_events(articles[:1], options=options))  # warm-up: model, gazetteer, lexicons
    load_seconds = time.perf_counter() - started
    tokens = sum(len(nlp.make_doc(a.text)) for a in articles)
    events = 0
    profiler = _profiler() if profile else None
    started = time.perf_counter()
    for _ in range(repeat):
        events = sum(1 for _ in extract_events(articles, options=options))
    seconds = (time.perf_counter() - started) / repeat
    if profiler is not None and profile is not None:
        profiler.stop()
        profile.parent.mkdir(parents=True, exist_ok=True)
        report = profiler.output_html() if profile.suffix == ".html" else profiler.output_text(unicode=True)
        profile.write_text(report, encoding="utf-8")
    return SpeedReport(len(articles), sum(len(a.text) for a in articles), tokens, events, seconds,
                       load_seconds, peak_rss_mb())



def _profiler() -> Any:
    try:
        from pyinstrument import Profiler
    except ImportError as exc:
        raise RuntimeError("--profile needs pyinstrument, a development dependency: "
                           "pip install -e '.[dev]'") from exc
    profiler = Profiler(interval=0.005)
    profiler.start()
    return profiler


@dataclass(frozen=True, slots=True)
class ThroughputReport:
    """Raw spaCy parsing vs the full path (parse, code, Parquet, DuckDB) over the same articles."""

    articles: int
    tokens: int
    n_process: int
    raw_seconds: float
    full_seconds: float
    events: int
    parquet_seconds: float
    duckdb_seconds: float
    peak_rss_mb: float  # this process
    peak_total_mb: float  # all processes together (PSS, Linux), during the full path

    @property
    def raw_tokens_per_second(self) -> float:
        return self.tokens / self.raw_seconds if self.raw_seconds else 0.0

    @property
    def full_tokens_per_second(self) -> float:
        return self.tokens / self.full_seconds if self.full_seconds else 0.0

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.full_seconds if self.full_seconds else 0.0

    @property
    def ratio(self) -> float:
        return self.raw_seconds / self.full_seconds if self.full_seconds else 0.0


def _count_tokens(job: tuple[list[str], str, int]) -> int:
    """Parse texts with ``nlp.pipe`` alone, in a memory zone as the full path does, and count tokens."""
    from events.nlp import load_model

    texts, model, batch_size = job
    nlp = load_model(model)
    with nlp.memory_zone():
        return sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))


def raw_parse_tokens(texts: Iterable[str], *, model: str, batch_size: int, n_process: int) -> int:
    """Parse the texts with ``nlp.pipe`` alone (the model's own limit) and count tokens, in the same chunks
    and memory zones as the full path (``events.extract``), in ``n_process`` worker processes."""
    from functools import partial

    from events.nlp import for_parser, load_model
    from events.workers import chunked, ordered_map

    texts = (for_parser(text) for text in texts)
    jobs = ((chunk, model, batch_size) for chunk in chunked(texts, batch_size))
    # in worker processes even for one: they start from this process's state and their caches die with them,
    # so the full path (run here, or in fresh workers) starts from the same state
    counts: Iterator[int] = ordered_map(_count_tokens, jobs, processes=max(1, n_process),
                                        initializer=partial(load_model, model))
    return sum(counts)


def bench_throughput(source: Callable[[], Iterable[Article]], out_dir: Path, *,
                     options: ExtractOptions | None = None, batch_rows: int = 10_000) -> ThroughputReport:
    """(a) ``nlp.pipe`` alone and (b) the full extraction streamed to Parquet and loaded into DuckDB, with the
    same model, batch size and processes, after a warm-up. (a) runs in worker processes even with one, so
    (b) does not profit from caches (lemmas, tokenizer) that (a) filled: a second pass over the same text is
    ~30 % faster than the first.

    ``source`` returns a fresh iterator over the corpus for each pass: nothing holds the whole corpus, rows
    go to Parquet and DuckDB every ``batch_rows`` event rows (with their articles), and ``events`` is rebuilt
    once at the end, so memory stays flat with corpus size.
    """
    import itertools

    import pyarrow.parquet as pq

    from events.memory import PeakMemory
    from events.nlp import for_parser, load_model
    from events.schema import EVENT_SCHEMA, events_table
    from events.warehouse import connect, load, rebuild_events

    options = options or ExtractOptions()
    nlp = load_model(options.model)
    list(extract_events(itertools.islice(source(), 1), options=ExtractOptions(model=options.model)))  # warm-up
    # and the parser's own caches (lemmas of words seen), so neither measure pays for them
    for _ in nlp.pipe((for_parser(a.text) for a in itertools.islice(source(), 200)), batch_size=options.batch_size):
        pass
    # (a) first, in workers whose caches die with them: the full path then starts from the same state
    counted = 0

    def texts() -> Iterator[str]:
        nonlocal counted
        for article in source():
            counted += 1
            yield article.text

    started = time.perf_counter()
    tokens = raw_parse_tokens(texts(), model=options.model, batch_size=options.batch_size,
                              n_process=options.n_process)
    raw_seconds = time.perf_counter() - started

    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / "bench.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    events = 0
    parquet_seconds = duckdb_seconds = 0.0
    pending_rows: list[dict[str, object]] = []
    pending_articles: list[Article] = []
    started = time.perf_counter()
    with pq.ParquetWriter(out_dir / "events.parquet", EVENT_SCHEMA, compression="zstd") as writer, \
            connect(db) as con, PeakMemory() as memory:

        def flush() -> None:
            nonlocal parquet_seconds, duckdb_seconds, events
            table = events_table(pending_rows)
            step = time.perf_counter()
            writer.write_table(table)
            parquet_seconds += time.perf_counter() - step
            step = time.perf_counter()
            load(con, articles=pending_articles, mentions=table, rebuild=False)
            duckdb_seconds += time.perf_counter() - step
            events += len(pending_rows)
            pending_rows.clear()
            pending_articles.clear()

        def article_done(article: Article, _rows: int) -> None:
            pending_articles.append(article)
            if len(pending_rows) >= batch_rows:
                flush()

        for row in extract_events(source(), options=options, on_article=article_done):
            pending_rows.append(row)
        if pending_articles:
            flush()
        step = time.perf_counter()
        rebuild_events(con)
        duckdb_seconds += time.perf_counter() - step
    full_seconds = time.perf_counter() - started
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return ThroughputReport(counted, tokens, options.n_process, raw_seconds, full_seconds, events,
                            parquet_seconds, duckdb_seconds, own, memory.peak_mb)


@dataclass(frozen=True, slots=True)
class LoadReport:
    rows: int
    load_seconds: float
    rebuild_seconds: float
    export_seconds: float
    export_files: int
    memory_load_seconds: float  # the same insert into an in-memory database: DuckDB's Arrow scan without storage

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.load_seconds if self.load_seconds else 0.0

    @property
    def memory_rows_per_second(self) -> float:
        return self.rows / self.memory_load_seconds if self.memory_load_seconds else 0.0


def synthetic_mentions(template: pa.Table, rows: int) -> pa.Table:
    """``rows`` event rows made by repeating real ones, each with its own event id, article and date."""
    import pyarrow.compute as pc

    repeats = -(-rows // max(1, template.num_rows))
    table = pa.concat_tables([template] * repeats).slice(0, rows)
    numbers = pa.array(range(rows), pa.int64())
    table = table.set_column(table.schema.get_field_index("global_event_id"), "global_event_id",
                             pc.add(numbers, 1_000_000_000_000))
    table = table.set_column(table.schema.get_field_index("article_id"), "article_id",
                             pc.binary_join_element_wise("synthetic-", pc.cast(pc.divide(numbers, 5), pa.string()), ""))
    offsets = pc.add(pc.divide(numbers, max(1, rows // 365)), 19_723)  # days since 1970: 2024-01-01 on
    days = pc.cast(pc.cast(offsets, pa.int32()), pa.date32())
    return table.set_column(table.schema.get_field_index("event_date"), "event_date", days).combine_chunks()


def bench_load(template: pa.Table, out_dir: Path, *, rows: int = 1_000_000) -> LoadReport:
    """DuckDB insert of ``rows`` event mentions through Arrow (into the database file, and for comparison into
    an in-memory database, which skips compressing and writing the columns), the events rebuild, and the
    Parquet export."""
    import duckdb

    from events.warehouse import apply_schema, export_parquet, read_sql, rebuild_events

    def timed_insert(con: duckdb.DuckDBPyConnection) -> float:
        apply_schema(con)
        con.register("new_mentions", table)
        started = time.perf_counter()
        con.execute(read_sql("load/insert_event_mentions.sql"))
        return time.perf_counter() - started

    table = synthetic_mentions(template, rows)
    with duckdb.connect(":memory:") as con:
        memory_load_seconds = timed_insert(con)
    out_dir.mkdir(parents=True, exist_ok=True)
    db = out_dir / "load.duckdb"
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with duckdb.connect(str(db)) as con:
        load_seconds = timed_insert(con)
        started = time.perf_counter()
        rebuild_events(con)
        rebuild_seconds = time.perf_counter() - started
        started = time.perf_counter()
        files = export_parquet(con, out_dir / "exports").files
        export_seconds = time.perf_counter() - started
    return LoadReport(rows, load_seconds, rebuild_seconds, export_seconds, len(files), memory_load_seconds)


def make_corpus(sources: Sequence[Article], n: int, *, seed: int = 7, start: date = date(2020, 1, 1),
                days: int = 6 * 365) -> Iterator[dict[str, object]]:
    """``n`` synthetic articles for scale runs: 3–8 sentences drawn from the source articles, each office
    holder replaced by another holder of the same office in the same country (actor table), and a random
    publication date among ``days`` days from ``start`` (2020–2025 by default; a few days make a few large
    daily partitions, as a GDELT day would be).

    The text stays French news prose with real names, so parsing and coding cost what they cost on real text.
    """
    import random
    import re
    from datetime import timedelta

    from events.data_files import DATA_DIR, read_tsv

    rng = random.Random(seed)
    sentences = [s.strip() for a in sources for s in re.split(r"(?<=[.!?»])\s+", a.text) if len(s.strip()) > 40]
    by_office: dict[tuple[str, str], list[str]] = {}
    office_of: dict[str, tuple[str, str]] = {}
    for path in sorted((DATA_DIR / "actors").glob("*.tsv")):
        for row in read_tsv(path):
            if len(row["name"].split()) > 1:
                key = (row["office"], row["country"])  # "le président russe" stays Russian
                by_office.setdefault(key, []).append(row["name"])
                office_of[row["name"]] = key
    names = sorted(office_of, key=len, reverse=True)
    pattern = re.compile("|".join(re.escape(name) for name in names))
    for number in range(n):
        chosen = rng.sample(sentences, k=min(len(sentences), rng.randint(3, 8)))
        text = pattern.sub(lambda m: rng.choice(by_office[office_of[m.group(0)]]), " ".join(chosen))
        day = start + timedelta(days=rng.randrange(max(1, days)))
        yield {"id": f"synthetic-{number:07d}", "published_at": day.isoformat(), "source": "synthetic",
               "lang": "fr", "text": text}


@dataclass(frozen=True, slots=True)
class DayReport:
    """One day of articles through ``events run`` (the Dagster asset graph, in its own process), with the
    memory of every process of the run sampled from outside."""

    articles: int  # lines of the inbox
    n_process: int
    seconds: float
    exit_code: int
    loaded_articles: int
    event_rows: int
    mention_rows: int
    peak_total_mb: float  # all processes of the run together (PSS)
    peak_process_mb: float  # the largest single process (PSS)
    samples: int

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


def bench_day(corpus: Path, n: int, out_dir: Path, *, n_process: int = 2, interval: float = 1.0,
              log: Callable[[str], None] = lambda _line: None) -> DayReport:
    """Run the first ``n`` articles of ``corpus`` (JSON Lines) as one inbox through ``events run`` into a fresh
    warehouse under ``out_dir``, sampling the PSS of all its processes every ``interval`` seconds (a line a
    sample goes to ``out_dir/memory-N.tsv``), then count what was loaded."""
    import contextlib
    import itertools
    import os
    import shutil
    import subprocess
    import sys

    from events.cli import ensure_dagster_home
    from events.memory import tree_pss_mb
    from events.warehouse import open_database

    base = out_dir / f"day-{n}"
    if base.exists():
        shutil.rmtree(base)
    inbox = base / "inbox"
    inbox.mkdir(parents=True)
    articles = 0
    with corpus.open(encoding="utf-8") as source, (inbox / "articles.jsonl").open("w", encoding="utf-8") as target:
        for line in itertools.islice(source, n):
            target.write(line)
            articles += 1
    home = ensure_dagster_home(base / "dagster_home")
    warehouse = base / "events.duckdb"
    command = [sys.executable, "-m", "events.cli", "run", "--inbox", str(inbox), "--warehouse", str(warehouse),
               "--exports", str(base / "exports"), "--n-process", str(n_process)]
    env = {**os.environ, "DAGSTER_HOME": str(home)}
    peak_total = peak_process = 0.0
    samples = 0
    started = time.perf_counter()
    with (out_dir / f"memory-{n}.tsv").open("w", encoding="utf-8") as trace, \
            (base / "run.log").open("w", encoding="utf-8") as run_log:
        trace.write("seconds\ttotal_pss_mb\tlargest_pss_mb\tprocesses\n")
        process = subprocess.Popen(command, env=env, stdout=run_log, stderr=subprocess.STDOUT)
        while process.poll() is None:
            sizes = tree_pss_mb(process.pid)
            total, largest, count = sum(sizes), max(sizes, default=0.0), len(sizes)
            samples += 1
            peak_total, peak_process = max(peak_total, total), max(peak_process, largest)
            elapsed = time.perf_counter() - started
            trace.write(f"{elapsed:.1f}\t{total:.0f}\t{largest:.0f}\t{count}\n")
            if samples % 60 == 0:
                trace.flush()
                log(f"{elapsed:.0f} s: {total:.0f} MB in all processes (largest {largest:.0f} MB)")
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=interval)
    seconds = time.perf_counter() - started
    loaded = events = mentions = 0
    if warehouse.exists():
        with open_database(warehouse, read_only=True) as con:
            loaded, events, mentions = con.execute(
                "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
                "(SELECT count(*) FROM event_mentions)").fetchone() or (0, 0, 0)
    return DayReport(articles, n_process, seconds, process.returncode, loaded, events, mentions, peak_total,
                     peak_process, samples)
