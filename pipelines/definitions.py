"""The one Dagster code location of the project."""


import dagster as dg

from pipelines import assets, checks
from pipelines.io import BatchIOManager
from pipelines.resources import EventsConfig, duckdb_resource
from pipelines.schedules import build_daily_schedule
from pipelines.sensors import build_inbox_sensor

all_events_job = dg.define_asset_job("all_events", selection=dg.AssetSelection.all(),
                                     description="One day's (or a range's) inbox articles → coded events → DuckDB "
                                                 "→ Parquet and picture.")

defs = dg.Definitions(
    assets=[assets.raw_articles, assets.coded_events, assets.warehouse_tables, assets.parquet_exports,
            assets.who_met_whom_picture],
    asset_checks=[checks.articles_have_ids, checks.mentions_have_valid_cameo, checks.events_are_consistent,
                  checks.events_have_known_actors, checks.rejects_ratio, checks.sample_accuracy_floor],
    jobs=[all_events_job],
    schedules=[build_daily_schedule(all_events_job)],
    sensors=[build_inbox_sensor(all_events_job)],
    resources={"duckdb": duckdb_resource(), "settings": EventsConfig(), "batches": BatchIOManager()},
)
