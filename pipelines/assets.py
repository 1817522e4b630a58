"""Assets: inbox articles → coded events → DuckDB tables → Parquet export.

Bodies read, call ``events.*``, write, and report metadata; the logic lives in the library.
"""


import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import dagster as dg
import pyarrow as pa
from dagster_duckdb import DuckDBResource

from events.articles import Article, Reject, read_inputs
from events.extract import ExtractOptions, extract_events
from events.schema import events_table
from events.warehouse import apply_schema, export_parquet, known_articles, load, snapshot, table_counts
from pipelines.resources import EventsConfig

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


@dg.asset(
    group_name="ingest",
    kinds={"python", "json"},
    owners=["team:events"],
    tags={"stage": "ingest"},
    description="Articles read from the inbox (.jsonl/.txt), validated and normalised; bad input is quarantined.",
)
def raw_articles(context: dg.AssetExecutionContext, settings: EventsConfig) -> dg.Output[RawBatch]:
    inbox = Path(settings.inbox)
    inbox.mkdir(parents=True, exist_ok=True)
    batch = RawBatch()
    for item in read_inputs([inbox]):
        if isinstance(item, Article):
            batch.articles.append(item)
        else:
            batch.rejects.append(item)
            context.log.warning(f"rejected {item.source_file}:{item.line_no or '-'}: {item.reason} — {item.detail}")
    reasons = Counter(r.reason for r in batch.rejects)
    return dg.Output(batch, metadata={
        "inbox": str(inbox),
        "articles": len(batch.articles),
        "rejects": len(batch.rejects),
        "reject_reasons": dict(reasons),
    })


@dg.asset(
    group_name="nlp",
    kinds={"spacy", "python"},
    owners=["team:events"],
    tags={"stage": "nlp"},
    description="spaCy parse (nlp.pipe) and CAMEO coding of the articles not yet in the warehouse.",
)
def coded_events(context: dg.AssetExecutionContext, settings: EventsConfig, duckdb: DuckDBResource,
                 raw_articles: RawBatch) -> dg.Output[CodedBatch]:
    known_ids: set[str] = set()
    known_hashes: set[str] = set()
    if Path(duckdb.database).exists():
        with duckdb.get_connection() as con:
            apply_schema(con)
            known_ids, known_hashes = known_articles(con)
    todo = [a for a in raw_articles.articles if a.article_id not in known_ids and a.text_hash not in known_hashes]
    skipped = len(raw_articles.articles) - len(todo)
    started = time.perf_counter()
    options = ExtractOptions(model=settings.model, batch_size=settings.batch_size, n_process=settings.n_process)
    failed: list[Reject] = []

    def quarantine(article: Article, exc: Exception) -> None:
        context.log.error(f"coding failed for {article.article_id}: {type(exc).__name__}: {exc}")
        failed.append(Reject(article.source_file or "", article.line_no, "coding_error",
                             f"{type(exc).__name__}: {exc}", article_id=article.article_id))

    rows = list(extract_events(todo, options=options, on_error=quarantine))
    failed_ids = {r.article_id for r in failed}
    todo = [a for a in todo if a.article_id not in failed_ids]  # retried on the next run
    elapsed = time.perf_counter() - started
    roots = Counter(str(r["event_root_code"]) for r in rows)
    context.log.info(f"coded {len(todo)} articles ({skipped} already loaded) into {len(rows)} event mentions")
    return dg.Output(
        CodedBatch(todo, events_table(rows), [*raw_articles.rejects, *failed], skipped),
        metadata={
            "articles_coded": len(todo),
            "articles_failed": len(failed),
            "articles_skipped_already_loaded": skipped,
            "event_mentions": len(rows),
            "events_per_root": {k: roots[k] for k in sorted(roots)},
            "articles_per_second": round(len(todo) / elapsed, 2) if elapsed > 0 and todo else 0.0,
            "model": settings.model,
        },
    )


def _preview(con: Any) -> str:
    rows = con.execute(
        "SELECT event_date, actor1_code, actor1_name, actor2_code, actor2_name, event_code, action_geo_fullname "
        "FROM who_met_whom LIMIT 15").fetchall()
    lines = ["| date | actor 1 | actor 2 | code | place |", "|---|---|---|---|---|"]
    for date_, c1, n1, c2, n2, code, place in rows:
        lines.append(f"| {date_} | {c1} {n1} | {c2} {n2} | {code} | {place or ''} |")
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
    pool="duckdb_write",
    can_subset=False,
)
def warehouse_tables(context: dg.AssetExecutionContext, duckdb: DuckDBResource,
                     coded_events: CodedBatch) -> Any:
    with duckdb.get_connection() as con:
        apply_schema(con)
        result = load(con, articles=coded_events.articles, mentions=coded_events.mentions,
                      rejects=coded_events.rejects)
        counts = table_counts(con, TABLES)
        preview = _preview(con)
    context.log.info(f"loaded {result}")
    yield dg.MaterializeResult(asset_key="articles", metadata={
        "dagster/row_count": counts["articles"], "loaded_now": result.articles})
    yield dg.MaterializeResult(asset_key="event_mentions", metadata={
        "dagster/row_count": counts["event_mentions"], "loaded_now": result.mentions})
    yield dg.MaterializeResult(asset_key="events", metadata={
        "dagster/row_count": counts["events"], "who_met_whom_preview": dg.MetadataValue.md(preview)})
    yield dg.MaterializeResult(asset_key="rejects", metadata={
        "dagster/row_count": counts["rejects"], "rejected_now": result.rejects})


@dg.asset(
    deps=["events", "event_mentions", "articles"],
    group_name="exports",
    kinds={"parquet"},
    owners=["team:events"],
    pool="duckdb_write",
    description="events, event_mentions and articles as Parquet (zstd, hive-partitioned by event or publication "
                "date, _schema.json) under warehouse/exports/, and the read-only snapshot events.snapshot.duckdb.",
)
def parquet_exports(context: dg.AssetExecutionContext, settings: EventsConfig,
                    duckdb: DuckDBResource) -> dg.MaterializeResult:
    out_dir = Path(settings.exports)
    with duckdb.get_connection() as con:
        files = export_parquet(con, out_dir)
        copy = snapshot(con, Path(duckdb.database))
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(out_dir)),
        "files": len(files),
        "snapshot": dg.MetadataValue.path(str(copy)),
        "partitions": sorted({str(f.parent.relative_to(out_dir)) for f in files})[:50],
    })
