"""Runs that died without saying so: a run whose process was killed (``kill -9``, a power cut) stays STARTED in the
Dagster instance and keeps its claim on the ``duckdb_write`` pool, and every later run waits for that claim forever
(only the Dagster daemon's run monitoring would free it, and ``events run`` runs without a daemon).

Every run ``events run`` launches carries the identity of its process (:data:`PROCESS_TAG`: host, PID and the
process's start time, so a PID reused by another program is not mistaken for it). Before it runs anything,
``events run`` calls :func:`recover_dead_runs`: a run of this host whose process is gone is marked failed, with the
reason, and its pool claims are freed; claims held by runs that are already finished (or deleted) are freed too.
Runs launched by the UI or the daemon are left to Dagster's own run monitoring; :func:`pool_holders` names them.
"""


import os
import socket
from dataclasses import dataclass
from pathlib import Path

import dagster as dg

#: Run tag naming the process that executes the run: ``host:pid:start`` (start: the process's start time in clock
#: ticks since boot, from /proc; empty where /proc is missing).
PROCESS_TAG = "events/process"
UNFINISHED = [dg.DagsterRunStatus.STARTED, dg.DagsterRunStatus.STARTING, dg.DagsterRunStatus.NOT_STARTED,
              dg.DagsterRunStatus.CANCELING]


def process_start(pid: int) -> str:
    """The start time of process ``pid`` (clock ticks since boot, /proc/PID/stat field 22); "" when unknown."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return ""
    # the command name (field 2) is in parentheses and may hold spaces: count fields after its closing one
    fields = stat[stat.rfind(")") + 2:].split()
    return fields[19] if len(fields) > 19 else ""


def process_identity(pid: int | None = None) -> str:
    """The value of :data:`PROCESS_TAG` for ``pid`` (default: this process)."""
    pid = os.getpid() if pid is None else pid
    return f"{socket.gethostname()}:{pid}:{process_start(pid)}"


def process_alive(identity: str) -> bool | None:
    """Whether the process an identity names still runs: ``None`` when it is on another host (cannot tell)."""
    host, _, rest = identity.partition(":")
    pid_text, _, start = rest.partition(":")
    if host != socket.gethostname() or not pid_text.isdigit():
        return None
    pid = int(pid_text)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, owned by another user
    return not start or process_start(pid) in ("", start)  # same PID, later start: another program reuses it


@dataclass(frozen=True, slots=True)
class Recovery:
    failed_runs: tuple[str, ...] = ()  # runs of dead processes now marked failed
    freed_runs: tuple[str, ...] = ()  # runs whose pool claims were freed

    def lines(self) -> list[str]:
        found = [f"run {run_id[:8]} was left unfinished by a process that no longer exists (killed?): marked "
                 "failed" for run_id in self.failed_runs]
        found += [f"freed the pool slots still claimed by run {run_id[:8]}, which is over"
                  for run_id in self.freed_runs if run_id not in self.failed_runs]
        return found


def recover_dead_runs(instance: dg.DagsterInstance) -> Recovery:
    """Mark failed the unfinished runs whose process (:data:`PROCESS_TAG`) is gone, and free every pool claim of a
    run that is over; what was done, for the caller to say."""
    failed: list[str] = []
    for run in instance.get_runs(filters=dg.RunsFilter(statuses=UNFINISHED)):
        identity = run.tags.get(PROCESS_TAG)
        if identity is None or process_alive(identity) is not False:
            continue
        instance.report_run_failed(run, message=f"The process that ran it ({identity}) no longer exists: it was "
                                                "killed before the run could finish. Marked failed by events run.")
        failed.append(run.run_id)
    storage = instance.event_log_storage
    freed: list[str] = []
    if storage.supports_global_concurrency_limits:
        for run_id in sorted(storage.get_concurrency_run_ids()):
            holder = instance.get_run_by_id(run_id)
            if holder is None or holder.is_finished:
                storage.free_concurrency_slots_for_run(run_id)
                freed.append(run_id)
    return Recovery(tuple(failed), tuple(freed))


def pool_holders(instance: dg.DagsterInstance) -> list[str]:
    """The unfinished runs that hold pool slots (after :func:`recover_dead_runs`), as ``run id (status, tags)``."""
    storage = instance.event_log_storage
    if not storage.supports_global_concurrency_limits:
        return []
    holders = []
    for run_id in sorted(storage.get_concurrency_run_ids()):
        run = instance.get_run_by_id(run_id)
        if run is not None and not run.is_finished:
            launched = run.tags.get("launched_by") or run.tags.get("dagster/backfill") or "the UI or the daemon"
            holders.append(f"run {run_id[:8]} ({run.status.value}, launched by {launched})")
    return holders
