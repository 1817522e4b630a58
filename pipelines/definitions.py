"""The one Dagster code location of the project."""


import dagster as dg

from pipelines import assets, checks
from pipelines.resources import EventsConfig, duckdb_resource
from pipelines.schedules import build_daily_schedule
from pipelines.sensors import build_inbox_sensor

all_events_job = dg.define_asset_job("all_events", selection=dg.AssetSelection.all(),
                                     description="Inbox → coded events → DuckDB → Parquet.")

defs = dg.Definitions(
    assets=[assets.raw_articles, assets.coded_events, assets.warehouse_tables, assets.parquet_exports],
    asset_checks=[checks.articles_have_ids, checks.mentions_have_valid_cameo, checks.events_are_consistent,
                  checks.rejects_ratio],
    jobs=[all_events_job],
    schedules=[build_daily_schedule(all_events_job)],
    sensors=[build_inbox_sensor(all_events_job)],
    resources={"duckdb": duckdb_resource(), "settings": EventsConfig()},
)
