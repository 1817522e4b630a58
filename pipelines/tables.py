"""The warehouse tables of a day: one DuckDB transaction replaces the day's articles, mentions and events.

The day arrives as staged Parquet files (pipelines.assets), read in batches by the load; they are deleted once
the load has committed.

Each table's column schema (names, types and the ``COMMENT ON`` of sql/ddl) is definition metadata, so the
catalog shows it before the first run; a materialisation reports the partition's rows
(``dagster/partition_row_count``) and the whole table's (``dagster/row_count``). After the load the step adds to
the load record (events.warehouse.record_loads) the inbox files and days it loaded, which the inbox sensor and
``events run`` read.
"""


from collections.abc import Iterator
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_duckdb import DuckDBResource

from events.warehouse import (
    load_staged,
    meetings_of_days,
    partition_row_counts,
    record_loads,
    reject_id,
    table_counts,
    table_schemas,
)
from pipelines import versions
from pipelines.assets import CodedBatch, day_range
from pipelines.partitions import daily_partitions, partition_days, single_run
from pipelines.resources import open_warehouse

TABLES = ("articles", "event_mentions", "events", "rejects")
DESCRIPTIONS = {
    "articles": "One row per article loaded (normalised text, hash, where its day comes from).",
    "event_mentions": "One row per (event, article, sentence) — GDELT's Mentions; view gdelt_mentions.",
    "events": "One row per deduplicated event (counts summed) — GDELT's Events; view gdelt_events.",
    "rejects": "Quarantined inputs with the reason (not partitioned: a rerun replaces its own rows).",
}


def column_schema(table: str) -> dg.TableSchema:
    """The table's columns as sql/ddl creates them, each described by its ``COMMENT ON COLUMN``."""
    return dg.TableSchema(columns=[dg.TableColumn(name, kind, description=comment)
                                   for name, kind, comment in table_schemas([table])[table]])


def table_spec(table: str) -> dg.AssetSpec:
    return dg.AssetSpec(
        table, group_name="warehouse", kinds={"duckdb"}, owners=["team:events"],
        deps=["raw_articles"] if table == "rejects" else ["coded_events"], description=DESCRIPTIONS[table],
        code_version=versions.WAREHOUSE_TABLES,
        metadata={"dagster/column_schema": column_schema(table), "dagster/table_name": f"events.main.{table}"})


def preview(meetings: list[dict[str, Any]]) -> str:
    lines = ["| date | actor 1 | actor 2 | code | place |", "|---|---|---|---|---|"]
    for row in meetings[:20]:
        lines.append(f"| {row['event_date'] or '?'} | {row['actor1_code']} {row['actor1_name']} | "
                     f"{row['actor2_code']} {row['actor2_name']} | {row['event_code']} | "
                     f"{row['action_geo_fullname'] or ''} |")
    if len(lines) == 2:
        lines.append("| — | no meeting reported | | | |")
    return "\n".join(lines)


def loaded_files(batch: CodedBatch) -> dict[str, list[str]]:
    """Per inbox file (digest), the run's days it had articles on, unless coding one of its articles failed (that
    file's days stay to do: the article is retried on the next run)."""
    run_days = {d.isoformat() for d in batch.days}
    return {digest: sorted(run_days & set(days)) for digest, (_name, days) in batch.files.items()
            if digest not in batch.failed_files}


def remove_staged(files: list[str]) -> None:
    """Delete a day's staged files once loaded, and their run's folder when nothing else is left in it."""
    for name in files:
        path = Path(name)
        path.unlink(missing_ok=True)
        for folder in (path.parent, path.parent.parent):  # <run>/<asset>/, then <run>/
            try:
                folder.rmdir()
            except OSError:  # not empty: another asset's or another day's files
                break


@dg.multi_asset(
    specs=[table_spec(table) for table in TABLES],
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    pool="duckdb_write",
    can_subset=False,
)
def warehouse_tables(context: dg.AssetExecutionContext, duckdb: DuckDBResource,
                     coded_events: CodedBatch) -> Iterator[dg.MaterializeResult]:
    days = partition_days(context)
    new_warehouse = not Path(duckdb.database).exists()
    with open_warehouse(duckdb, context) as con:  # one short transaction: the day's rows replace themselves
        # the staged files are read a batch at a time inside the one transaction
        result = load_staged(con, articles=coded_events.articles_file, mentions=coded_events.mentions_file,
                             rejects=coded_events.rejects, days=days, files_read=coded_events.files_read)
        totals = table_counts(con, TABLES)
        of_days = partition_row_counts(con, days)
        meetings = meetings_of_days(con, days)
        # while the file is still ours: no other writer updates the record at the same time
        record_loads(duckdb.database, seen=coded_events.files, loaded=loaded_files(coded_events),
                     new_warehouse=new_warehouse)
    remove_staged(coded_events.staged)
    for reject in coded_events.rejects:
        if reject_id(reject) in result.new_reject_ids:
            context.log.warning(f"rejected {reject.source_file}:{reject.line_no or '-'}: {reject.reason} — "
                                f"{reject.detail}")
    context.log.info(f"loaded {result} for {day_range(days)}")

    def counts(table: str, partition: int) -> dict[str, Any]:
        return {"dagster/row_count": totals[table], "dagster/partition_row_count": partition}

    yield dg.MaterializeResult(asset_key="articles", metadata={
        **counts("articles", of_days["articles"]), "loaded_now": result.articles})
    yield dg.MaterializeResult(asset_key="event_mentions", metadata={
        **counts("event_mentions", of_days["event_mentions"]), "loaded_now": result.mentions})
    yield dg.MaterializeResult(asset_key="events", metadata={
        **counts("events", of_days["events"]), "meetings_of_the_day": len(meetings),
        "who_met_whom_preview": dg.MetadataValue.md(preview(meetings))})
    yield dg.MaterializeResult(asset_key="rejects", metadata={
        **counts("rejects", len(coded_events.rejects)), "rejected_now": result.new_rejects})
