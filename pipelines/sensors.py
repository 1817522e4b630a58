"""A sensor on the inbox folder: a run when files appear or change (never touches DuckDB)."""


import json
from pathlib import Path
from typing import Any

import dagster as dg

from events.articles import iter_input_files
from pipelines.resources import default_inbox


def inbox_state(inbox: Path) -> dict[str, str]:
    """File name → size:mtime for every input file of the inbox."""
    state = {}
    if inbox.exists():
        for path in iter_input_files([inbox]):
            stat = path.stat()
            state[str(path.relative_to(inbox))] = f"{stat.st_size}:{int(stat.st_mtime)}"
    return state


def build_inbox_sensor(job: dg.JobDefinition | Any) -> dg.SensorDefinition:
    @dg.sensor(job=job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
               description="Starts a run when files are added to or changed in the inbox.")
    def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        state = inbox_state(Path(default_inbox()))
        previous = json.loads(context.cursor) if context.cursor else {}
        changed = sorted(name for name, stamp in state.items() if previous.get(name) != stamp)
        if not changed:
            return dg.SensorResult(skip_reason="no new or changed file in the inbox", cursor=json.dumps(state))
        run_key = "inbox-" + str(abs(hash(tuple((n, state[n]) for n in changed))))
        return dg.SensorResult(run_requests=[dg.RunRequest(run_key=run_key, tags={"inbox_files": str(len(changed))})],
                               cursor=json.dumps(state))

    return inbox_sensor
