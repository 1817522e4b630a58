"""A sensor on the inbox folder: a run for each day that new files bring (never touches DuckDB).

The cursor remembers the content hash of every file already seen, so a file is processed once, and a file
moved or renamed inside the inbox (same bytes) is not processed again; a file whose content changed is new.
"""


import hashlib
import json
from pathlib import Path
from typing import Any

import dagster as dg

from events.articles import iter_input_files
from pipelines.partitions import partitions_of
from pipelines.resources import default_inbox


def file_digest(path: Path) -> str:
    digest = hashlib.sha1()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def inbox_state(inbox: Path) -> dict[str, str]:
    """Content hash → file name (relative to the inbox) for every input file of the inbox."""
    state: dict[str, str] = {}
    if inbox.exists():
        for path in iter_input_files([inbox]):
            state.setdefault(file_digest(path), str(path.relative_to(inbox)))
    return state


def build_inbox_sensor(job: dg.JobDefinition | Any) -> dg.SensorDefinition:
    @dg.sensor(job=job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
               description="Starts one run per publication day found in files new to the inbox (a file is never "
                           "processed twice; a moved or renamed file is not new).")
    def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        inbox = Path(default_inbox())
        state = inbox_state(inbox)
        seen: dict[str, str] = json.loads(context.cursor) if context.cursor else {}
        new = {digest: name for digest, name in state.items() if digest not in seen}
        cursor = json.dumps({**seen, **state}, sort_keys=True)
        if not new:
            return dg.SensorResult(skip_reason="no new file in the inbox", cursor=cursor)
        keys = partitions_of([inbox / name for name in new.values()])
        batch = hashlib.sha1("".join(sorted(new)).encode("ascii")).hexdigest()[:12]
        requests = [dg.RunRequest(run_key=f"inbox-{batch}-{key}", partition_key=key,
                                  tags={"inbox_files": str(len(new))}) for key in keys]
        if not requests:
            return dg.SensorResult(skip_reason=f"{len(new)} new file(s) without a readable article", cursor=cursor)
        return dg.SensorResult(run_requests=requests, cursor=cursor)

    return inbox_sensor
