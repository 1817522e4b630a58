"""Materialise the daily partitions that the inbox's articles fall on, one run per day, in this process.

``events run`` (and so ``make run``) calls ``python -m pipelines.run_inbox``: the runs are recorded in the
Dagster instance ($DAGSTER_HOME) and show in the UI like any other; the spaCy model is loaded once for all
of them. A range backfill from the UI or ``dagster asset materialize --partition-range`` works as well, but
records every day of the range, with or without articles.
"""


import sys
from pathlib import Path

import dagster as dg

from pipelines.definitions import defs
from pipelines.partitions import partitions_of
from pipelines.resources import default_inbox


def main() -> int:
    keys = partitions_of([Path(default_inbox())])
    if not keys:
        print(f"no article in {default_inbox()}: nothing to materialise")
        return 0
    job = defs.resolve_job_def("all_events")
    with dg.DagsterInstance.get() as instance:
        for key in keys:
            result = job.execute_in_process(partition_key=key, instance=instance, raise_on_error=False,
                                            tags={"launched_by": "events run"})
            status = "ok" if result.success else "FAILED"
            print(f"partition {key}: run {result.run_id} {status}", flush=True)
            if not result.success:
                return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
