"""The daily graph on Dagster's celery executor (pipelines.scale_out): a real Redis broker, two real Celery
workers, ``events run --executor celery --parallel 2``; the warehouse equals the one the in-process run builds.

Runs where Debian's ``redis-server`` and dagster-celery are installed (``.ci/run`` installs the broker when it
can); skips with the reason otherwise.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from events.cli import ensure_dagster_home
from events.warehouse import checksums, connect
from pipelines.scale_out import celery_available, worker_config
from tests.conftest import SAMPLES

pytestmark = pytest.mark.model

BIN = Path(sys.executable).parent
DAYS = 3  # articles of three days of the sample


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _wait_for_port(port: int, seconds: float = 20) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"redis-server did not listen on port {port}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[str]:
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (Debian: apt-get install redis-server): no broker for Celery")
    if not celery_available():
        pytest.skip("dagster-celery is not installed (pip install '.[celery]')")
    port = _free_port()
    process = subprocess.Popen([server, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
                                "--appendonly", "no", "--dir", str(tmp_path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        _wait_for_port(port)
        yield f"redis://127.0.0.1:{port}"
    finally:
        _stop(process)


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    lines = (SAMPLES / "inbox" / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    by_day: dict[str, str] = {}
    for line in lines:
        record = json.loads(line)
        by_day.setdefault(str(record.get("published_at", ""))[:10], line)
    chosen = [by_day[day] for day in sorted(day for day in by_day if day)[:DAYS]]
    (inbox / "articles.jsonl").write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return inbox


def _events_run(env: dict[str, str], inbox: Path, root: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "events"), "run", "--inbox", str(inbox), "--warehouse",
                           str(root / "events.duckdb"), "--exports", str(root / "exports"), *extra],
                          env=env, capture_output=True, text=True, timeout=600)


def test_two_celery_workers_run_the_days_and_build_the_in_process_warehouse(tmp_path: Path, broker: str,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    home = ensure_dagster_home(tmp_path / "dagster_home")
    monkeypatch.setenv("EVENTS_CELERY_BROKER", f"{broker}/0")
    monkeypatch.setenv("EVENTS_CELERY_BACKEND", f"{broker}/1")
    env = {**os.environ, "DAGSTER_HOME": str(home), "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    config = worker_config(tmp_path / "celery.yaml")
    assert broker in config.read_text(encoding="utf-8")
    inbox = _inbox(tmp_path)
    # the instance's storage exists before the workers start: each opens it, and two creating it at once collide
    subprocess.run([str(BIN / "dagster"), "instance", "migrate"], env=env, check=True, capture_output=True,
                   timeout=120)
    workers = []
    logs = {name: tmp_path / f"{name}.log" for name in ("w1", "w2")}
    try:
        for name, log in logs.items():
            with log.open("wb") as handle:
                workers.append(subprocess.Popen(
                    [str(BIN / "dagster-celery"), "worker", "start", "-A", "dagster_celery.app", "-y", str(config),
                     "-n", name, "--", "--pool", "solo"],
                    env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True))
        deadline = time.monotonic() + 120
        while not all(f"{name}@" in log.read_text(encoding="utf-8", errors="replace")
                      and "ready." in log.read_text(encoding="utf-8", errors="replace") for name, log in logs.items()):
            assert time.monotonic() < deadline, {name: log.read_text(errors="replace")[-2000:]
                                                 for name, log in logs.items()}
            assert all(worker.poll() is None for worker in workers), "a Celery worker exited at start"
            time.sleep(0.5)
        celery = _events_run(env, inbox, tmp_path / "celery", "--executor", "celery", "--parallel", "2")
    finally:
        for worker in workers:
            _stop(worker)
    assert celery.returncode == 0, celery.stdout + celery.stderr
    assert f"{DAYS} days loaded" in celery.stdout, celery.stdout
    # both workers ran steps: the days were spread over them
    for name, log in logs.items():
        assert "succeeded" in log.read_text(encoding="utf-8", errors="replace"), f"worker {name} ran no step"

    local = _events_run({**env, "DAGSTER_HOME": str(home)}, inbox, tmp_path / "local", "--n-process", "1")
    assert local.returncode == 0, local.stdout + local.stderr
    with connect(tmp_path / "celery" / "events.duckdb") as con:
        on_celery = checksums(con)
    with connect(tmp_path / "local" / "events.duckdb") as con:
        in_process = checksums(con)
    assert on_celery == in_process
    assert on_celery["event_mentions"][0] > 0
    assert list((tmp_path / "celery" / "exports").rglob("*.parquet"))  # each day's export written by a worker


def test_events_run_names_what_celery_needs_when_it_is_missing(tmp_path: Path, monkeypatch) -> None:
    from pipelines import scale_out
    from pipelines.run_inbox import RunOptions, main

    monkeypatch.setattr(scale_out, "celery_available", lambda: False)
    monkeypatch.setenv("DAGSTER_HOME", str(tmp_path))
    inbox = _inbox(tmp_path)
    warnings: list[str] = []
    options = RunOptions(inbox=inbox, warehouse=tmp_path / "events.duckdb", exports=tmp_path / "exports",
                         executor="celery", parallel=2)
    assert main(options, echo=lambda _line: None, warn=warnings.append) == 2
    assert any("dagster-celery" in line and "EVENTS_CELERY_BROKER" in line for line in warnings), warnings
