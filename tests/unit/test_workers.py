"""Worker processes: same rows, same order, same quarantine as one process; bounded look-ahead."""

from __future__ import annotations

import itertools
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from events.articles import Article, read_inputs
from events.extract import ExtractOptions, extract_events
from events.workers import _context, chunked, ordered_map
from tests.conftest import SAMPLES


def _square(x: int) -> int:
    return x * x


def _fail_on_three(x: int) -> int:
    if x == 3:
        raise ValueError("three")
    return x


def test_chunked_cuts_lazily():
    assert list(chunked(range(7), 3)) == [[0, 1, 2], [3, 4, 5], [6]]
    assert list(chunked([], 3)) == []
    endless = chunked(itertools.count(), 2)
    assert next(endless) == [0, 1]  # an endless source is fine: chunks are read on demand


def test_ordered_map_keeps_job_order_and_reads_jobs_as_it_goes():
    read = []

    def jobs():
        for x in range(40):
            read.append(x)
            yield x

    results = ordered_map(_square, jobs(), processes=2, in_flight=4)
    first = next(results)
    assert first == 0
    assert len(read) <= 5  # four in flight ahead of the one returned, not the whole source
    assert [first, *results] == [x * x for x in range(40)]


def test_ordered_map_raises_the_workers_exception():
    with pytest.raises(ValueError, match="three"):
        list(ordered_map(_fail_on_three, range(6), processes=2))


@pytest.fixture(scope="module")
def sample_articles() -> list[Article]:
    return [a for a in read_inputs([SAMPLES / "inbox" / "articles.jsonl"]) if isinstance(a, Article)]


def _without_load_time(rows):
    return [{k: v for k, v in row.items() if k != "date_added"} for row in rows]


@pytest.mark.model
def test_two_processes_give_the_rows_of_one_in_the_same_order(sample_articles):
    articles = sample_articles[:12]
    seen_one: list[tuple[str, int]] = []
    seen_two: list[tuple[str, int]] = []
    one = list(extract_events(articles, options=ExtractOptions(batch_size=4),
                              on_article=lambda a, n: seen_one.append((a.article_id, n))))
    two = list(extract_events(articles, options=ExtractOptions(batch_size=4, n_process=2),
                              on_article=lambda a, n: seen_two.append((a.article_id, n))))
    assert one and _without_load_time(one) == _without_load_time(two)
    assert seen_one == seen_two and len(seen_two) == len(articles)


@pytest.mark.model
def test_a_coding_failure_in_a_worker_is_reported_and_the_others_go_on(sample_articles, fail_coding_of):
    if _context().get_start_method() != "fork":
        pytest.skip("the simulated failure reaches workers only when they are forked from this process")
    fail_coding_of(sample_articles[1].text[:40])
    failed: list[tuple[str, str]] = []
    rows = list(extract_events(sample_articles[:6], options=ExtractOptions(batch_size=2, n_process=2),
                               on_error=lambda a, exc: failed.append((a.article_id, str(exc)))))
    assert failed == [(sample_articles[1].article_id, "simulated coder failure")]
    assert rows and sample_articles[1].article_id not in {r["article_id"] for r in rows}
    with pytest.raises(RuntimeError, match="simulated coder failure"):
        list(extract_events(sample_articles[:6], options=ExtractOptions(batch_size=2, n_process=2)))


def test_the_memory_sampler_is_a_process_so_workers_can_still_be_forked():
    import threading

    from events.memory import PeakMemory

    method, threads = _context().get_start_method(), threading.active_count()
    with PeakMemory(interval=0.05) as memory:
        assert threading.active_count() == threads and _context().get_start_method() == method
        assert list(ordered_map(_square, range(4), processes=2)) == [0, 1, 4, 9]
    if Path("/proc/self/smaps_rollup").exists():
        assert memory.peak_mb > 10  # this interpreter at least


ORPHAN_PARENT = textwrap.dedent("""
    import os, sys, time
    from events.workers import ordered_map
    def work(n):
        print(os.getpid(), flush=True)
        time.sleep(60)
        return n
    if __name__ == "__main__":
        for _ in ordered_map(work, range(2), processes=2):
            pass
""")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    return stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z"  # a zombie has ended


def test_workers_end_when_their_parent_is_killed(tmp_path):
    script = tmp_path / "parent.py"
    script.write_text(ORPHAN_PARENT, encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    workers = [int(parent.stdout.readline()) for _ in range(2)]  # type: ignore[union-attr]
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    deadline = time.monotonic() + 10
    while not all(_gone(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert all(_gone(pid) for pid in workers), "workers outlived the parent killed with kill -9"
