"""Worker processes for the parse-and-code path: each worker parses *and* codes its articles, so only the
small event rows travel back to the caller, never spaCy ``Doc`` objects.

spaCy's own ``nlp.pipe(n_process=…)`` sends every parsed document back to the main process, which then does
all the coding alone: on two cores that gave 1.2×. Here the work is cut into chunks of one ``nlp.pipe``
batch, a bounded number of chunks is in flight (memory stays flat however long the input), and the results
come back in input order.

Workers are forked from a warm parent where the platform allows it (Linux, no other Python thread), so the
model, the gazetteer and the lexicons are loaded once and shared copy-on-write; otherwise they are spawned
and each loads them once in its initializer.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from functools import partial
from itertools import islice
from typing import TypeVar

J = TypeVar("J")
R = TypeVar("R")


def chunked(items: Iterable[J], size: int) -> Iterator[list[J]]:
    """Consecutive lists of ``size`` items (the last may be shorter), read lazily."""
    iterator = iter(items)
    while chunk := list(islice(iterator, max(1, size))):
        yield chunk


def _context() -> multiprocessing.context.BaseContext:
    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def start_method() -> str:
    """How worker processes would start here now: "fork" (warm, shared) or "spawn" (each loads the model)."""
    return _context().get_start_method() or "spawn"


_PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _watch_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1.0)
    os._exit(1)


def _die_with_parent(parent: int, initializer: Callable[[], object] | None) -> None:
    """Worker start: end this worker when the process that started it dies, even by ``kill -9`` (no orphan goes on
    coding or holding memory); then the caller's ``initializer``."""
    armed = False
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        armed = libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) == 0
    if not armed:
        threading.Thread(target=_watch_parent, args=(parent,), daemon=True, name="watch-parent").start()
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)
    if initializer is not None:
        initializer()


def ordered_map(fn: Callable[[J], R], jobs: Iterable[J], *, processes: int,
                initializer: Callable[[], object] | None = None, in_flight: int | None = None) -> Iterator[R]:
    """``map(fn, jobs)`` over ``processes`` worker processes, results in job order.

    At most ``in_flight`` jobs (default four per process) are submitted ahead of the one being returned, so
    a long job iterator is read as the workers progress, not all at once. ``fn`` and ``initializer`` must be
    module-level functions (or partials of them); an exception raised by ``fn`` is raised here. A worker ends
    when this process dies, however it dies.
    """
    limit = in_flight or 4 * processes
    if initializer is not None:
        initializer()  # warm the parent: forked workers inherit what it loaded
    start = partial(_die_with_parent, os.getpid(), initializer)
    with ProcessPoolExecutor(max_workers=processes, mp_context=_context(), initializer=start) as pool:
        pending: deque[Future[R]] = deque()
        source = iter(jobs)
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                job = next(source, _END)
                if job is _END:
                    exhausted = True
                    break
                pending.append(pool.submit(fn, job))  # type: ignore[arg-type]
            if not pending:
                return
            try:
                result = pending.popleft().result()
            except BaseException:
                for future in pending:
                    future.cancel()
                raise
            try:
                yield result
            except GeneratorExit:  # the caller stopped early: drop the work not started
                for future in pending:
                    future.cancel()
                raise


_END = object()

__all__ = ["chunked", "ordered_map", "start_method"]
