"""Peak memory of a process and its workers, sampled from a separate process.

The sampler is a process, not a thread, so that the measured process stays single-threaded and may fork its
workers (``events.workers`` forks only then). On Linux the measure is the proportional set size (PSS,
``/proc/PID/smaps_rollup``): a page shared by forked workers counts once in total, where adding their RSS
would count it once per process. Elsewhere the peak stays 0.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from pathlib import Path


def process_tree(pid: int) -> list[int]:
    """``pid`` and its descendants (Linux ``/proc``)."""
    found = [pid]
    for tasks in Path(f"/proc/{pid}/task").glob("*/children"):
        try:
            children = [int(child) for child in tasks.read_text().split()]
        except (OSError, ValueError):
            continue
        for child in children:
            found.extend(process_tree(child))
    return found


def tree_pss_mb(pid: int, *, without: int | None = None) -> list[float]:
    """The PSS in MB of ``pid`` and of each of its descendants (``without``: a process left out)."""
    return [pss_kb(p) / 1024 for p in process_tree(pid) if p != without]


def pss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


class PeakMemory:
    """``with PeakMemory() as memory: …`` then ``memory.peak_mb``: the largest total PSS of this process and
    its children seen during the block (sampled every ``interval`` seconds)."""

    def __init__(self, interval: float = 0.5) -> None:
        self.interval = interval
        self.peak_mb = 0.0
        self._sampler: subprocess.Popen[str] | None = None

    def __enter__(self) -> PeakMemory:
        if Path("/proc/self/smaps_rollup").exists():
            self._sampler = subprocess.Popen(
                [sys.executable, "-m", "events.memory", str(os.getpid()), str(self.interval)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self._sampler is None:
            return
        output, _ = self._sampler.communicate()  # closing its stdin tells it to stop
        try:
            self.peak_mb = float(output.strip() or 0)
        except ValueError:
            self.peak_mb = 0.0


def _sample(pid: int, interval: float) -> float:
    """Sample ``pid``'s tree (without this sampler) until stdin closes; the peak in MB."""
    me = os.getpid()
    peak = 0.0
    while True:
        peak = max(peak, sum(tree_pss_mb(pid, without=me)))
        ready, _, _ = select.select([sys.stdin], [], [], interval)
        if ready and not sys.stdin.read(1):
            return peak


if __name__ == "__main__":
    print(f"{_sample(int(sys.argv[1]), float(sys.argv[2])):.1f}")
