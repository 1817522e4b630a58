"""Reading the project's tab-separated data files (``#`` comment lines, then a header line)."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("events") / "data"))


def read_tsv(path: Path | str) -> Iterator[dict[str, str]]:
    """Rows of a data file as dicts (values stripped, empty strings kept)."""
    path = Path(path)
    if not path.is_absolute():
        path = DATA_DIR / path
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if line.strip() and not line.startswith("#"))
        for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
            yield {key.strip(): (value or "").strip() for key, value in row.items() if key}


def split_alts(value: str) -> list[str]:
    """Split a ``|``-separated list, dropping empty items."""
    return [item.strip() for item in value.split("|") if item.strip()]
