"""Assets: inbox articles → coded events → DuckDB tables → Parquet exports and a picture, per day.

Every asset is partitioned by publication date (Europe/Paris, pipelines.partitions); a backfill of a date range
runs as one run. Bodies read, call ``events.*``, write, and report metadata; the logic lives in the library.
"""


import base64
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg
import duckdb as duckdb_module
import pyarrow as pa
from dagster_duckdb import DuckDBResource

from events.articles import Article, Reject, read_inputs
from events.extract import ExtractOptions, extract_events
from events.pictures import meetings_network_png
from events.schema import events_table_from
from events.warehouse import (
    WarehouseLocked,
    apply_schema,
    export_parquet,
    known_articles,
    load,
    meetings_of_days,
    open_error_message,
    snapshot,
    table_counts,
)
from events.workers import start_method
from pipelines.partitions import article_day, daily_partitions, partition_days, single_run
from pipelines.resources import EventsConfig

# DuckDB writers wait for each other (pool duckdb_write, limit 1); an outside process holding the file is
# retried with exponential backoff (2 s, 4 s, 8 s, ± jitter)
LOCK_RETRIES = dg.RetryPolicy(max_retries=3, delay=2, backoff=dg.Backoff.EXPONENTIAL, jitter=dg.Jitter.PLUS_MINUS)


@contextmanager
def warehouse(resource: DuckDBResource) -> Iterator[Any]:
    """A connection to the warehouse with the schema applied; a clear error when another process holds it."""
    try:
        with resource.get_connection() as con:
            apply_schema(con)
            yield con
    except duckdb_module.IOException as exc:
        message = open_error_message(resource.database, exc)
        if message is None:
            raise
        raise WarehouseLocked(message) from exc


def _range(days: list[Any]) -> str:
    return days[0].isoformat() if len(days) == 1 else f"{days[0].isoformat()}...{days[-1].isoformat()}"

TABLES = ("articles", "event_mentions", "events", "rejects")


@dataclass
class RawBatch:
    articles: list[Article] = field(default_factory=list)
    rejects: list[Reject] = field(default_factory=list)


@dataclass
class CodedBatch:
    articles: list[Article]
    mentions: pa.Table
    rejects: list[Reject]
    skipped: int
    days: list[Any] = field(default_factory=list)


@dg.asset(
    group_name="ingest",
    kinds={"python", "json"},
    owners=["team:events"],
    tags={"stage": "ingest"},
    io_manager_key="batches",
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    description="Articles of the day (publication date, Europe/Paris; undated ones by arrival) read from the inbox "
                "(.jsonl/.txt), validated and normalised; bad input is quarantined.",
)
def raw_articles(context: dg.AssetExecutionContext, settings: EventsConfig) -> dg.Output[RawBatch]:
    inbox = Path(settings.inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    days = set(partition_days(context))
    batch = RawBatch()
    other_days = 0
    for item in read_inputs([inbox]):
        if isinstance(item, Article):
            if article_day(item) in days:
                batch.articles.append(item)
            else:
                other_days += 1
        else:
            batch.rejects.append(item)
            context.log.warning(f"rejected {item.source_file}:{item.line_no or '-'}: {item.reason} — {item.detail}")
    reasons = Counter(r.reason for r in batch.rejects)
    return dg.Output(batch, metadata={
        "inbox": str(inbox),
        "days": _range(sorted(days)),
        "articles": len(batch.articles),
        "articles_of_other_days": other_days,
        "rejects": len(batch.rejects),
        "reject_reasons": dict(reasons),
    })


@dg.asset(
    group_name="nlp",
    kinds={"spacy", "python"},
    owners=["team:events"],
    tags={"stage": "nlp"},
    io_manager_key="batches",
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    description="spaCy parse (nlp.pipe) and CAMEO coding of the day's articles (an article already loaded under "
                "another day, or the same text under another id, is not coded twice).",
)
def coded_events(context: dg.AssetExecutionContext, settings: EventsConfig, duckdb: DuckDBResource,
                 raw_articles: RawBatch) -> dg.Output[CodedBatch]:
    known_ids: set[str] = set()
    known_hashes: set[str] = set()
    days = partition_days(context)
    if Path(duckdb.database).exists():
        with warehouse(duckdb) as con:  # read quickly, then release the file before the NLP
            known_ids, known_hashes = known_articles(con, except_days=days)
    todo = [a for a in raw_articles.articles if a.article_id not in known_ids and a.text_hash not in known_hashes]
    skipped = len(raw_articles.articles) - len(todo)
    started = time.perf_counter()
    # no more worker processes than batches: a small day is coded in this process
    processes = max(1, min(settings.n_process, -(-len(todo) // max(1, settings.batch_size))))
    options = ExtractOptions(model=settings.model, batch_size=settings.batch_size, n_process=processes)
    failed: list[Reject] = []

    def quarantine(article: Article, exc: Exception) -> None:
        context.log.error(f"coding failed for {article.article_id}: {type(exc).__name__}: {exc}")
        failed.append(Reject(article.source_file or "", article.line_no, "coding_error",
                             f"{type(exc).__name__}: {exc}", article_id=article.article_id))

    mentions = events_table_from(extract_events(todo, options=options, on_error=quarantine))
    failed_ids = {r.article_id for r in failed}
    todo = [a for a in todo if a.article_id not in failed_ids]  # retried on the next run
    elapsed = time.perf_counter() - started
    roots = Counter(mentions.column("event_root_code").to_pylist())
    context.log.info(f"coded {len(todo)} articles ({skipped} already loaded) into {mentions.num_rows} event mentions")
    return dg.Output(
        CodedBatch(todo, mentions, [*raw_articles.rejects, *failed], skipped, days),
        metadata={
            "articles_coded": len(todo),
            "articles_failed": len(failed),
            "articles_skipped_already_loaded": skipped,
            "event_mentions": mentions.num_rows,
            "events_per_root": {k: roots[k] for k in sorted(roots)},
            "articles_per_second": round(len(todo) / elapsed, 2) if elapsed > 0 and todo else 0.0,
            "processes": processes,
            "worker_start": start_method() if processes > 1 else "none",
            "model": settings.model,
        },
    )


def _preview(meetings: list[dict[str, Any]]) -> str:
    lines = ["| date | actor 1 | actor 2 | code | place |", "|---|---|---|---|---|"]
    for row in meetings[:20]:
        lines.append(f"| {row['event_date']} | {row['actor1_code']} {row['actor1_name']} | "
                     f"{row['actor2_code']} {row['actor2_name']} | {row['event_code']} | "
                     f"{row['action_geo_fullname'] or ''} |")
    if len(lines) == 2:
        lines.append("| — | no meeting reported | | | |")
    return "\n".join(lines)


@dg.multi_asset(
    specs=[
        dg.AssetSpec("articles", group_name="warehouse", kinds={"duckdb"}, owners=["team:events"],
                     deps=["coded_events"], description="One row per article loaded (normalised text, hash)."),
        dg.AssetSpec("event_mentions", group_name="warehouse", kinds={"duckdb"}, owners=["team:events"],
                     deps=["coded_events"], description="One row per (event, article, sentence) — GDELT Mentions."),
        dg.AssetSpec("events", group_name="warehouse", kinds={"duckdb"}, owners=["team:events"],
                     deps=["coded_events"], description="One row per deduplicated event (counts summed)."),
        dg.AssetSpec("rejects", group_name="warehouse", kinds={"duckdb"}, owners=["team:events"],
                     deps=["raw_articles"], description="Quarantined inputs with the reason."),
    ],
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    pool="duckdb_write",
    retry_policy=LOCK_RETRIES,
    can_subset=False,
)
def warehouse_tables(context: dg.AssetExecutionContext, duckdb: DuckDBResource,
                     coded_events: CodedBatch) -> Any:
    days = partition_days(context)
    with warehouse(duckdb) as con:  # one short transaction: the day's rows replace themselves
        result = load(con, articles=coded_events.articles, mentions=coded_events.mentions,
                      rejects=coded_events.rejects, days=days)
        counts = table_counts(con, TABLES)
        meetings = meetings_of_days(con, days)
    context.log.info(f"loaded {result} for {_range(days)}")
    yield dg.MaterializeResult(asset_key="articles", metadata={
        "dagster/row_count": counts["articles"], "loaded_now": result.articles})
    yield dg.MaterializeResult(asset_key="event_mentions", metadata={
        "dagster/row_count": counts["event_mentions"], "loaded_now": result.mentions})
    yield dg.MaterializeResult(asset_key="events", metadata={
        "dagster/row_count": counts["events"], "meetings_of_the_day": len(meetings),
        "who_met_whom_preview": dg.MetadataValue.md(_preview(meetings))})
    yield dg.MaterializeResult(asset_key="rejects", metadata={
        "dagster/row_count": counts["rejects"], "rejected_now": result.rejects})


@dg.asset(
    deps=["events", "event_mentions", "articles"],
    group_name="exports",
    kinds={"parquet"},
    owners=["team:events"],
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    pool="duckdb_write",
    retry_policy=LOCK_RETRIES,
    description="events, event_mentions and articles as Parquet (zstd, hive-partitioned by event or publication "
                "date, _schema.json) under warehouse/exports/, and the read-only snapshot events.snapshot.duckdb.",
)
def parquet_exports(context: dg.AssetExecutionContext, settings: EventsConfig,
                    duckdb: DuckDBResource) -> dg.MaterializeResult:
    out_dir = Path(settings.exports)
    with warehouse(duckdb) as con:
        files = export_parquet(con, out_dir)
        copy = snapshot(con, Path(duckdb.database))
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(out_dir)),
        "files": len(files),
        "snapshot": dg.MetadataValue.path(str(copy)),
        "partitions": sorted({str(f.parent.relative_to(out_dir)) for f in files})[:50],
    })


@dg.asset(
    deps=["events"],
    group_name="exports",
    kinds={"png"},
    owners=["team:events"],
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    pool="duckdb_write",
    retry_policy=LOCK_RETRIES,
    description="The who-met-whom network of the day's articles as a PNG, shown in the materialisation and written "
                "to warehouse/exports/pictures/who_met_whom_YYYY-MM-DD.png.",
)
def who_met_whom_picture(context: dg.AssetExecutionContext, settings: EventsConfig,
                         duckdb: DuckDBResource) -> dg.MaterializeResult:
    days = partition_days(context)
    with warehouse(duckdb) as con:
        meetings = meetings_of_days(con, days)
    label = _range(days)
    png = meetings_network_png(meetings, title=f"Who met whom — articles of {label}")
    target = Path(settings.exports) / "pictures" / f"who_met_whom_{label.replace('...', '_')}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(png)
    temporary.replace(target)
    image = base64.b64encode(png).decode("ascii")
    return dg.MaterializeResult(metadata={
        "meetings": len(meetings),
        "path": dg.MetadataValue.path(str(target)),
        "picture": dg.MetadataValue.md(f"![who met whom, {label}](data:image/png;base64,{image})"),
    })
