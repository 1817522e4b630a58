"""What other teams read: the Parquet exports with the read-only snapshot, and the day's who-met-whom picture."""


import base64
from pathlib import Path
from typing import Any

import dagster as dg
from dagster_duckdb import DuckDBResource

from events.warehouse import export_parquet, meetings_of_days, snapshot
from pipelines import versions
from pipelines.assets import day_range
from pipelines.partitions import daily_partitions, partition_days, single_run
from pipelines.resources import EventsConfig, open_warehouse


@dg.asset(
    deps=["events", "event_mentions", "articles"],
    group_name="exports",
    kinds={"parquet"},
    owners=["team:events"],
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    pool="duckdb_write",
    code_version=versions.PARQUET_EXPORTS,
    description="events, event_mentions and articles as Parquet (zstd, hive-partitioned by event or publication "
                "date, _schema.json) under warehouse/exports/, the partitions a load changed rewritten, and the "
                "read-only snapshot events.snapshot.duckdb.",
)
def parquet_exports(context: dg.AssetExecutionContext, settings: EventsConfig,
                    duckdb: DuckDBResource) -> dg.MaterializeResult:
    out_dir = Path(settings.exports)
    with open_warehouse(duckdb, context) as con:
        export = export_parquet(con, out_dir)
        copy = snapshot(con, Path(duckdb.database))
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(out_dir)),
        "files": len(export.files),
        "files_written": len(export.written),
        "snapshot": dg.MetadataValue.path(str(copy)),
        "partitions_written": sorted({str(f.parent.relative_to(out_dir)) for f in export.written})[:50],
    })


# The Dagster UI shows a Markdown value inline only when it is short (under 1,000 characters), so a picture
# embedded as a data URL hides behind "[Show Markdown]". The webserver serves the files of a local compute log
# manager at /logs/<key>/<extension>: a copy of the PNG there, sized to the metadata column (520 pixels), is shown
# inline by a short Markdown image.
UI_PICTURES = ("events", "pictures")
UI_INCHES = 5.2


def ui_picture_url(instance: dg.DagsterInstance, png: bytes, name: str) -> str | None:
    """Put a copy of the picture where the webserver serves it; its URL (``None`` without a local log manager)."""
    try:  # the class the webserver's /logs route serves files of (not exported by dagster's top-level module)
        from dagster._core.storage.local_compute_log_manager import LocalComputeLogManager
    except ImportError:  # pragma: no cover - a Dagster that moved it: the picture stays behind "[Show Markdown]"
        return None
    manager = instance.compute_log_manager
    if not isinstance(manager, LocalComputeLogManager):
        return None
    target = Path(manager.get_captured_local_path([*UI_PICTURES, name], "png"))
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(png)
    temporary.replace(target)
    return "/logs/" + "/".join([*UI_PICTURES, name, "png"])


@dg.asset(
    deps=["events"],
    group_name="exports",
    kinds={"png"},
    owners=["team:events"],
    partitions_def=daily_partitions,
    backfill_policy=single_run,
    pool="duckdb_write",
    code_version=versions.PICTURE_VERSION,
    description="The who-met-whom network of the day's articles (undated ones included) as a PNG, shown on the "
                "materialisation and written to warehouse/exports/pictures/who_met_whom_YYYY-MM-DD.png.",
)
def who_met_whom_picture(context: dg.AssetExecutionContext, settings: EventsConfig,
                         duckdb: DuckDBResource) -> dg.MaterializeResult:
    from events.pictures import meetings_network_png  # matplotlib is imported by this step only

    days = partition_days(context)
    with open_warehouse(duckdb, context) as con:
        meetings = meetings_of_days(con, days)
    label = day_range(days)
    png = meetings_network_png(meetings, title=f"Who met whom — articles of {label}")
    name = f"who_met_whom_{label.replace('...', '_')}"
    target = Path(settings.exports) / "pictures" / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_bytes(png)
    temporary.replace(target)
    metadata: dict[str, Any] = {"meetings": len(meetings), "path": dg.MetadataValue.path(str(target))}
    url = ui_picture_url(context.instance, meetings_network_png(meetings, title=f"Who met whom — {label}",
                                                                inches=UI_INCHES), name)
    if url:
        metadata["picture"] = dg.MetadataValue.md(f"![who met whom, {label}]({url})")
    image = base64.b64encode(png).decode("ascii")
    metadata["picture_file"] = dg.MetadataValue.md(f"![who met whom, {label}](data:image/png;base64,{image})")
    return dg.MaterializeResult(metadata=metadata)

