"""The one Dagster code location of the project.

Steps run in the run's own process (``in_process_executor``): a day's steps form a chain, and starting one process
per step (the default executor) re-imports the code and reloads the spaCy model in each, which took most of a
run's time. Process parallelism is where the work is: ``coded_events`` codes a day of more than one batch of
articles with worker processes (EVENTS_N_PROCESS), and the Parquet export writes partitions on threads.
"""


import dagster as dg

from pipelines import assets, checks, exports, quality, tables
from pipelines.io import BatchIOManager
from pipelines.resources import EventsConfig, duckdb_resource
from pipelines.scale_out import build_celery_job
from pipelines.schedules import build_daily_schedule
from pipelines.sensors import build_inbox_sensor

DAILY_GROUPS = ("ingest", "nlp", "warehouse", "exports")

all_events_job = dg.define_asset_job(
    "all_events", selection=dg.AssetSelection.groups(*DAILY_GROUPS),
    description="One day's (or a range's) inbox articles → coded events → DuckDB → Parquet and picture.")

# the same graph on Celery workers, when dagster-celery is installed (pipelines.scale_out)
celery_events_job = build_celery_job(dg.AssetSelection.groups(*DAILY_GROUPS))

defs = dg.Definitions(
    assets=[assets.raw_articles, assets.coded_events, tables.warehouse_tables, exports.parquet_exports,
            exports.who_met_whom_picture, quality.coder_accuracy],
    asset_checks=[checks.articles_have_ids, checks.mentions_have_valid_cameo, checks.events_are_consistent,
                  checks.events_have_known_actors, checks.rejects_ratio],
    jobs=[all_events_job, quality.coder_accuracy_job, *([celery_events_job] if celery_events_job else [])],
    schedules=[build_daily_schedule(all_events_job), quality.weekly_coder_accuracy],
    sensors=[build_inbox_sensor(all_events_job)],
    resources={"duckdb": duckdb_resource(), "settings": EventsConfig(), "batches": BatchIOManager()},
    executor=dg.in_process_executor,
)
