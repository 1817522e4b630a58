"""A sensor on the inbox folder: a run for each day with articles not yet loaded (it never opens DuckDB).

What was loaded is the warehouse's load record (events.warehouse.read_load_record), written by every run that
loads a day — the sensor's, the schedule's, a backfill's or ``events run``'s — so the sensor turned on after
``events run`` requests nothing that run loaded. Files are known by content: a renamed or moved file is the same
file, a file whose content changed is new. The cursor remembers the days of each file it has read and the days it
requested; a requested day is not requested again while its run is queued or running, nor after it failed (rerun
it from the UI, or with ``events run``).
"""


import hashlib
import json
from pathlib import Path
from typing import Any

import dagster as dg

from events.warehouse import read_load_record
from pipelines.inbox import inbox_state, pending_days, recorded_days
from pipelines.partitions import ignore, read_inbox
from pipelines.resources import default_inbox, default_warehouse

CURSOR_VERSION = 2


def _cursor(text: str | None) -> dict[str, Any]:
    try:
        data = json.loads(text) if text else {}
    except ValueError:
        data = {}
    if not isinstance(data, dict) or data.get("version") != CURSOR_VERSION:
        data = {}
    return {"version": CURSOR_VERSION, "epoch": int(data.get("epoch", 0)), "generation": data.get("generation", ""),
            "days": dict(data.get("days", {})), "requested": dict(data.get("requested", {}))}


def build_inbox_sensor(job: dg.JobDefinition | Any) -> dg.SensorDefinition:
    @dg.sensor(job=job, minimum_interval_seconds=60, default_status=dg.DefaultSensorStatus.STOPPED,
               description="Starts one run per publication day with articles not loaded yet (by any run: this "
                           "sensor's, the schedule's, a backfill's or `events run`'s); a file is known by its "
                           "content, so a moved or renamed file is not new.")
    def inbox_sensor(context: dg.SensorEvaluationContext) -> dg.SensorResult:
        inbox = Path(default_inbox())
        if not inbox.is_dir():
            raise FileNotFoundError(f"the inbox {inbox} does not exist: set EVENTS_INBOX to the folder the articles "
                                    "are dropped in")
        record = read_load_record(default_warehouse())
        cursor = _cursor(context.cursor)
        if cursor["generation"] and cursor["generation"] != record.generation:
            # the warehouse was created anew: every file is to load again, under new run keys
            cursor.update(epoch=cursor["epoch"] + 1, requested={})
        cursor["generation"] = record.generation
        state = inbox_state(inbox)
        days_of: dict[str, list[str]] = {}
        for digest, name in state.items():
            known = recorded_days(record, digest)
            if known is None:
                known = cursor["days"].get(digest)
            if known is None:
                known = read_inbox([inbox / name], on_article=ignore).days  # days only: articles not kept
            days_of[digest] = known
        pending = pending_days(days_of, record)
        requested: dict[str, list[str]] = {d: v for d, v in cursor["requested"].items() if d in state}
        new = {day: sorted(d for d in digests if day not in requested.get(d, ())) for day, digests in pending.items()}
        new = {day: digests for day, digests in new.items() if digests}
        for day, digests in new.items():
            for digest in digests:
                requested.setdefault(digest, []).append(day)
        cursor.update(days=days_of, requested={d: sorted(set(v)) for d, v in sorted(requested.items())})
        text = json.dumps(cursor, sort_keys=True)
        if not new:
            waiting = len(pending)
            reason = (f"{waiting} day(s) requested earlier are not loaded yet (their runs are queued, running or "
                      "failed)" if waiting else "no article in the inbox that is not loaded yet")
            return dg.SensorResult(skip_reason=reason, cursor=text)
        requests = []
        for day in new:
            key = hashlib.sha1("\n".join(sorted(pending[day])).encode("ascii")).hexdigest()[:12]
            names = sorted(state[d] for d in pending[day])
            requests.append(dg.RunRequest(run_key=f"inbox-{cursor['epoch']}-{day}-{key}", partition_key=day,
                                          tags={"inbox_files": ", ".join(names)[:200]}))
        return dg.SensorResult(run_requests=requests, cursor=text)

    return inbox_sensor
