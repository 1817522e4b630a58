"""The package as a user installs it: a wheel built from the checkout, installed in a fresh venv, run elsewhere.

The wheel is built (no network, no build isolation: setuptools and wheel are dev dependencies) from a copy of
the checkout's working tree, so the build leaves no build/ or *.egg-info behind and never ships a stale file.
Its contents are checked against the tree: every module, every file under src/events/data/ and every file of
the top-level sql/ folder (shipped as events/sql/). It is then installed with pip, offline, into a venv made
under tmp_path; a .pth file lends that venv the project venv's site-packages for the dependencies (spaCy, the
French model, DuckDB...) without running that venv's own .pth files, so the editable install of the checkout is
not seen. The installed `events` command then codes the bundled sample article from a folder outside the
checkout, and the installed package finds its SQL inside itself.
"""

from __future__ import annotations

import json
import os
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import PROJECT, SAMPLES

pytestmark = pytest.mark.e2e

ARTICLE = SAMPLES / "inbox" / "sample-txt-001.txt"  # a short article the project bundles
_NOT_BUILD_INPUT = shutil.ignore_patterns(".git", ".venv", "build", "dist", "*.egg-info", "__pycache__",
                                          ".mypy_cache", ".ruff_cache", ".pytest_cache", ".hypothesis",
                                          ".dagster_home")


def not_build_input(folder: str, names: list[str]) -> set[str]:
    """What the build never reads: caches, run history, and the warehouse's data (its bundled sample ships)."""
    ignored = set(_NOT_BUILD_INPUT(folder, names))
    if Path(folder).resolve() == (PROJECT / "warehouse").resolve():
        ignored |= {name for name in names if name != "samples"}
    return ignored
TIMEOUT = 300.0


def _run(command: list[str | Path], *, cwd: Path, env: dict[str, str] | None = None) -> str:
    result = subprocess.run([str(part) for part in command], cwd=cwd, env=env, capture_output=True, text=True,
                            timeout=TIMEOUT, check=False)
    assert result.returncode == 0, f"{command} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _isolated_env() -> dict[str, str]:
    """The test's environment without what would point Python or the package back at the checkout (nor at a
    Dagster instance or warehouse of the caller's)."""
    env = {key: value for key, value in os.environ.items()
           if key not in {"PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "VIRTUAL_ENV", "DAGSTER_HOME"}
           and not key.startswith("EVENTS_")}
    env.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", PYTHONNOUSERSITE="1")
    return env


def _shipped(root: Path, prefix: str, pattern: str = "*") -> set[str]:
    """Wheel member names of the files under ``root`` (hidden files and bytecode are not part of the tree)."""
    return {f"{prefix}/{path.relative_to(root).as_posix()}" for path in root.rglob(pattern)
            if path.is_file() and "__pycache__" not in path.parts
            and not any(part.startswith(".") for part in path.relative_to(root).parts)}


def data_and_sql_files() -> set[str]:
    """Wheel names of every file under src/events/data/, sql/ and warehouse/samples/, from the tree as it is: new
    files are covered."""
    return (_shipped(PROJECT / "src" / "events" / "data", "events/data") | _shipped(PROJECT / "sql", "events/sql")
            | _shipped(SAMPLES, "events/samples"))


def modules() -> set[str]:
    library = PROJECT / "src" / "events"
    return ({name for name in _shipped(library, "events", "*.py") if not name.startswith("events/data/")}
            | _shipped(PROJECT / "pipelines", "pipelines", "*.py"))


def _members(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    work = tmp_path_factory.mktemp("wheel")
    source = work / "checkout"
    shutil.copytree(PROJECT, source, ignore=not_build_input, symlinks=True)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index",
          "--wheel-dir", work / "dist", "."], cwd=source, env=_isolated_env())
    [built] = (work / "dist").glob("events-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv holding the wheel; its python."""
    venv = tmp_path_factory.mktemp("venv") / "venv"
    env = _isolated_env()
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=venv.parent, env=env)
    python = venv / "bin" / "python"
    # pip of the project venv, installing into the new one; before the .pth exists, so it sees nothing else
    _run([sys.executable, "-m", "pip", "--python", python, "install", "--no-deps", "--no-index", wheel],
         cwd=venv.parent, env=env)
    purelib = Path(_run([python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                        cwd=venv.parent, env=env).strip())
    # the dependencies: plain path lines, so the project venv's own .pth files (the editable finder) never run
    (purelib / "project_dependencies.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    return python


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir()
    assert not folder.resolve().is_relative_to(PROJECT.resolve())
    return folder


def test_wheel_holds_every_data_file_and_sql_file(wheel):
    members = _members(wheel)
    missing = sorted(data_and_sql_files() - members)
    assert not missing, "not in the wheel: " + ", ".join(missing)
    assert any(name.startswith("events/data/actors/") for name in members)
    assert any(name.startswith("events/sql/ddl/") and name.endswith(".sql") for name in members)


def test_wheel_holds_every_module(wheel):
    missing = sorted(modules() - _members(wheel))
    assert not missing, ("not in the wheel (list the new package in [tool.setuptools] packages of pyproject.toml): "
                         + ", ".join(missing))


def test_installed_command_extracts_events_outside_the_checkout(installed, outside):
    events = installed.parent / "events"
    assert events.is_file(), "the wheel did not install the `events` console script"
    _run([events, "extract", ARTICLE, "--out", "out.jsonl", "--format", "jsonl", "--no-progress"],
         cwd=outside, env=_isolated_env())
    rows = [json.loads(line) for line in (outside / "out.jsonl").read_text(encoding="utf-8").splitlines() if line]
    assert rows, "no event rows written"
    assert {row["article_id"] for row in rows} == {ARTICLE.stem}
    assert all(row["event_code"] and row["actor1_code"] for row in rows)


def test_installed_package_is_the_wheel_and_reads_its_own_sql(installed, outside):
    venv = installed.parent.parent
    probe = (
        "import json, events, events.warehouse as w\n"
        "from events.data_files import DATA_DIR\n"
        "con = w.connect('probe.duckdb')\n"
        "print(json.dumps({'package': events.__file__, 'sql_dir': str(w.sql_dir()), 'data_dir': str(DATA_DIR),\n"
        "    'ddl': sorted(p.name for p in (w.sql_dir() / 'ddl').glob('*.sql')),\n"
        "    'tables': sorted(r[0] for r in con.execute('SHOW TABLES').fetchall())}))\n"
    )
    found = json.loads(_run([installed, "-c", probe], cwd=outside, env=_isolated_env()))
    package = Path(found["package"]).resolve().parent
    assert package.is_relative_to(venv.resolve()), f"events imported from {package}, not from the new venv"
    assert not package.is_relative_to(PROJECT.resolve())
    assert Path(found["sql_dir"]).resolve() == package / "sql"
    assert Path(found["data_dir"]).resolve() == package / "data"
    assert found["ddl"] == sorted(p.name for p in (PROJECT / "sql" / "ddl").glob("*.sql"))
    assert {"articles", "event_mentions", "events", "rejects"} <= set(found["tables"])


def test_installed_events_run_loads_an_inbox_outside_the_checkout(installed, outside):
    """`events run --inbox DIR` from the wheel: the Dagster graph runs from the installed package, the warehouse,
    exports and run history go under the working directory, and the same command again has nothing to load."""
    events = installed.parent / "events"
    inbox = outside / "inbox"
    inbox.mkdir()
    shutil.copy2(ARTICLE, inbox / ARTICLE.name)
    env = _isolated_env()
    first = _run([events, "run", "--inbox", "inbox"], cwd=outside, env=env)
    lines = first.splitlines()
    assert lines[0].startswith(f"inbox {inbox.resolve()}: 1 file, 1 article on 1 day"), first
    assert lines[1].startswith("2024-05-14  1 article coded"), first
    warehouse = outside / "warehouse" / "events.duckdb"
    assert warehouse.is_file() and (outside / "warehouse" / "events.snapshot.duckdb").is_file()
    assert list((outside / "warehouse" / "exports" / "events").glob("date=*/events.parquet"))
    assert (outside / ".dagster_home" / "dagster.yaml").is_file()  # the run history, telemetry off
    assert "UKRGOV" in first or "USAGOV" in first  # who met whom, read back from the warehouse
    again = _run([events, "run", "--inbox", "inbox"], cwd=outside, env=env)
    assert again.splitlines()[1].startswith("nothing new to load")


def test_installed_dagster_definitions_load_outside_the_checkout(installed, outside):
    venv = installed.parent.parent
    env = {**_isolated_env(), "DAGSTER_HOME": str(outside)}
    _run([installed, "-m", "dagster", "definitions", "validate", "-m", "pipelines.definitions"], cwd=outside,
         env=env)
    probe = ("import json, pipelines.definitions as d, events.warehouse as w\n"
             "print(json.dumps({'pipelines': d.__file__, 'samples': str(w.samples_dir()),\n"
             "    'gold': (w.samples_dir() / 'gold.jsonl').is_file(),\n"
             "    'jobs': sorted(j.name for j in d.defs.resolve_all_job_defs())}))\n")
    found = json.loads(_run([installed, "-W", "ignore", "-c", probe], cwd=outside, env=env))
    assert Path(found["pipelines"]).resolve().is_relative_to(venv.resolve())
    assert Path(found["samples"]).resolve().is_relative_to(venv.resolve()) and found["gold"]
    assert {"all_events", "coder_accuracy_job"} <= set(found["jobs"])
