"""The real Dagster UI in a real headless browser.

Starts `dagster dev` on the project's code location in a temporary world (sample inbox, fresh warehouse,
fresh DAGSTER_HOME), materialises one day's partition of the `all_events` job through the GraphQL API,
then opens the asset catalog and the automation page in headless Chromium (Debian's `chromium`, driven by
Playwright; no browser is ever downloaded) and checks what they show.

Skips when Playwright is not importable or no Chromium binary is found. EVENTS_E2E_CHROMIUM, when set,
names the browser binary to use (set it to a path that does not exist to see the skip).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from events.cli import DAGSTER_SETTINGS
from tests.conftest import PROJECT, SAMPLES

PARTITION = "2024-10-10"  # a publication date with articles in the sample inbox
JOB = "all_events"
ASSETS = ("raw_articles", "coded_events", "events", "parquet_exports", "who_met_whom_picture")
AUTOMATIONS = ("daily_events", "inbox_sensor")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SERVER_TIMEOUT = 180.0
RUN_TIMEOUT = 300.0
PAGE_TIMEOUT_MS = 90_000
DAGSTER_YAML = DAGSTER_SETTINGS

# Loopback only: never go through a proxy that the environment may define.
_http = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def _chromium() -> str:
    """The system Chromium binary, or skip the test with the reason."""
    override = os.environ.get("EVENTS_E2E_CHROMIUM")
    if override is not None:
        if Path(override).is_file() and os.access(override, os.X_OK):
            return override
        pytest.skip(f"no browser: EVENTS_E2E_CHROMIUM={override!r} is not an executable file")
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    pytest.skip("no browser: neither /usr/bin/chromium nor `chromium` on PATH "
                "(install Debian's package: apt-get install chromium)")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, chars: int = 6000) -> str:
    try:
        return path.read_text(encoding="utf-8", errors="replace")[-chars:]
    except OSError:
        return "(no log)"


class Dagster:
    """A running `dagster dev` and the few GraphQL calls the test needs."""

    def __init__(self, base: str, proc: subprocess.Popen[bytes], log: Path) -> None:
        self.base, self.proc, self.log = base, proc, log

    def graphql(self, query: str, variables: dict[str, Any] | None = None, timeout: float = 60) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(f"{self.base}/graphql", data=body,
                                         headers={"Content-Type": "application/json"})
        with _http.open(request, timeout=timeout) as response:
            answer = json.load(response)
        assert not answer.get("errors"), answer["errors"]
        return answer["data"]

    def check_alive(self) -> None:
        if self.proc.poll() is not None:
            pytest.fail(f"dagster dev exited with {self.proc.returncode}:\n{_tail(self.log)}")


@pytest.fixture
def browser_kit() -> tuple[str, Any]:
    """(Chromium binary, playwright.sync_api); skips before anything is started when either is missing."""
    path = _chromium()
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install playwright)")
    return path, sync_api


@pytest.fixture
def world(browser_kit: tuple[str, Any], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for item in (SAMPLES / "inbox").iterdir():
        if item.is_file():
            shutil.copy2(item, inbox / item.name)
    home = tmp_path / "home"
    home.mkdir()
    (home / "dagster.yaml").write_text(DAGSTER_YAML, encoding="utf-8")
    monkeypatch.setenv("EVENTS_INBOX", str(inbox))
    monkeypatch.setenv("EVENTS_WAREHOUSE", str(tmp_path / "events.duckdb"))
    monkeypatch.setenv("EVENTS_EXPORTS", str(tmp_path / "exports"))
    monkeypatch.setenv("DAGSTER_HOME", str(home))
    return tmp_path


@pytest.fixture
def dagster(world: Path) -> Iterator[Dagster]:
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log = world / "dagster-dev.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "dagster", "dev", "-m", "pipelines.definitions", "-h", "127.0.0.1", "-p", str(port)],
            cwd=PROJECT, env=os.environ.copy(), stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True)
    server = Dagster(base, proc, log)
    try:
        deadline = time.monotonic() + SERVER_TIMEOUT
        while True:
            server.check_alive()
            try:
                with _http.open(f"{base}/server_info", timeout=10) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"dagster dev did not answer on {base}/server_info in {SERVER_TIMEOUT:.0f} s:\n"
                            f"{_tail(log)}")
            time.sleep(1)
        yield server
    finally:
        _stop(proc)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """Terminate the whole process group of `dagster dev` (webserver, daemon, code servers, runs)."""
    for sig, grace in ((signal.SIGTERM, 30), (signal.SIGKILL, 10)):
        try:
            os.killpg(proc.pid, sig)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            continue
        # the leader is gone; make sure no child of the group survives it
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        return


WORKSPACE = """
{ workspaceOrError { __typename
    ... on Workspace { locationEntries { name loadStatus
        locationOrLoadError { __typename
            ... on RepositoryLocation { name repositories { name jobs { name } } }
            ... on PythonError { message } } } }
    ... on PythonError { message } } }
"""

LAUNCH = """
mutation Launch($params: ExecutionParams!) {
  launchRun(executionParams: $params) { __typename
    ... on LaunchRunSuccess { run { runId } }
    ... on RunConfigValidationInvalid { errors { message } }
    ... on Error { message } } }
"""

RUN_STATUS = """
query Status($runId: ID!) { runOrError(runId: $runId) { __typename
    ... on Run { status }
    ... on Error { message } } }
"""

RUN_LOGS = """
query Logs($runId: ID!) { logsForRun(runId: $runId) { __typename
    ... on EventConnection { events { __typename ... on MessageEvent { level message } } }
    ... on Error { message } } }
"""


def _job_selector(server: Dagster) -> dict[str, str]:
    """Location and repository holding the job, once the code location has loaded."""
    deadline = time.monotonic() + SERVER_TIMEOUT
    while True:
        server.check_alive()
        workspace = server.graphql(WORKSPACE)["workspaceOrError"]
        assert workspace["__typename"] == "Workspace", workspace
        for entry in workspace["locationEntries"]:
            location = entry["locationOrLoadError"]
            if location is None:
                continue  # still loading
            assert location["__typename"] == "RepositoryLocation", location
            for repo in location["repositories"]:
                if any(job["name"] == JOB for job in repo["jobs"]):
                    return {"repositoryLocationName": location["name"], "repositoryName": repo["name"],
                            "jobName": JOB}
        if time.monotonic() > deadline:
            pytest.fail(f"job {JOB} not found in the workspace: {workspace}")
        time.sleep(2)


def _materialise(server: Dagster, partition: str) -> str:
    params = {"selector": _job_selector(server), "runConfigData": {},
              "executionMetadata": {"tags": [{"key": "dagster/partition", "value": partition}]}}
    launched = server.graphql(LAUNCH, {"params": params})["launchRun"]
    assert launched["__typename"] == "LaunchRunSuccess", launched
    run_id = launched["run"]["runId"]
    deadline = time.monotonic() + RUN_TIMEOUT
    status = None
    while time.monotonic() < deadline:
        server.check_alive()
        run = server.graphql(RUN_STATUS, {"runId": run_id})["runOrError"]
        assert run["__typename"] == "Run", run
        status = run["status"]
        if status == "SUCCESS":
            return run_id
        if status in ("FAILURE", "CANCELED", "CANCELING"):
            break
        time.sleep(3)
    logs = server.graphql(RUN_LOGS, {"runId": run_id})["logsForRun"]
    messages = "\n".join(f"{e.get('level')}: {e.get('message')}" for e in logs.get("events", []) if e.get("message"))
    pytest.fail(f"run {run_id} of {JOB} for {partition} ended as {status}:\n{messages[-8000:]}\n"
                f"--- dagster dev ---\n{_tail(server.log, 3000)}")


def _shows(page: Any, names: tuple[str, ...], what: str) -> None:
    for name in names:
        locator = page.get_by_text(name, exact=True).first
        try:
            locator.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        except Exception as exc:
            pytest.fail(f"{name!r} is not visible on the {what} page ({page.url}): {exc}\n"
                        f"page text: {page.inner_text('body')[:3000]}")


@pytest.mark.e2e
@pytest.mark.model
def test_dagster_ui_shows_the_project_after_a_materialisation(browser_kit: tuple[str, Any], world: Path,
                                                              dagster: Dagster) -> None:
    browser_path, sync_api = browser_kit

    _materialise(dagster, PARTITION)

    import duckdb

    snapshot = world / "events.snapshot.duckdb"
    assert snapshot.is_file(), f"{snapshot} was not written by parquet_exports"
    con = duckdb.connect(str(snapshot), read_only=True)
    try:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] > 0
    finally:
        con.close()

    shots = {"assets": world / "assets.png", "automation": world / "automation.png", "picture": world / "picture.png"}
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1600, "height": 1000})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            page.set_default_navigation_timeout(PAGE_TIMEOUT_MS)

            page.goto(f"{dagster.base}/assets", wait_until="domcontentloaded")
            _shows(page, ASSETS, "asset catalog")
            page.screenshot(path=str(shots["assets"]), full_page=True)

            page.goto(f"{dagster.base}/automation", wait_until="domcontentloaded")
            _shows(page, AUTOMATIONS, "automation")
            page.screenshot(path=str(shots["automation"]), full_page=True)

            # the day's picture is shown as an image on the asset's page, not behind "[Show Markdown]"
            page.goto(f"{dagster.base}/assets/who_met_whom_picture?partition={PARTITION}",
                      wait_until="domcontentloaded")
            picture = page.get_by_role("img", name=f"who met whom, {PARTITION}").first
            try:
                picture.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
                page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=picture.element_handle(),
                                       timeout=PAGE_TIMEOUT_MS)
            except Exception as exc:
                page.screenshot(path=str(shots["picture"]), full_page=True)
                pytest.fail(f"the picture is not shown on {page.url}: {exc}\npage text: "
                            f"{page.inner_text('body')[:3000]}")
            assert picture.evaluate("(img) => img.naturalWidth") == 520  # sized to fit the metadata column
            page.screenshot(path=str(shots["picture"]), full_page=True)
        finally:
            browser.close()

    for name, path in shots.items():
        assert path.is_file() and path.stat().st_size > 0, f"{name} screenshot missing: {path}"
