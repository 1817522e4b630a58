"""Reading the project's tab-separated data files (``#`` comment lines, then a header line)."""

from __future__ import annotations

import csv
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

DATA_DIR = Path(str(resources.files("events") / "data"))


class DataFileError(ValueError):
    """A data file that cannot be used as written; the message names the file and the line."""

    def __init__(self, path: Path | str, line: int, message: str) -> None:
        self.path = Path(path)
        self.line = line
        super().__init__(f"{path}:{line}: {message}")


@dataclass(frozen=True, slots=True)
class Row:
    """One data row with where it was read (for error messages and rule names)."""

    path: Path
    line: int
    values: dict[str, str]

    def __getitem__(self, column: str) -> str:
        return self.values[column]

    @property
    def where(self) -> str:
        return f"{self.path.name}:{self.line}"

    def error(self, message: str) -> DataFileError:
        return DataFileError(self.path, self.line, message)


def _resolve(path: Path | str) -> Path:
    path = Path(path)
    return path if path.is_absolute() else DATA_DIR / path


def read_tsv(path: Path | str) -> Iterator[dict[str, str]]:
    """Rows of a data file as dicts (values stripped, empty strings kept)."""
    for row in read_rows(path):
        yield row.values


def read_rows(path: Path | str, *, columns: Sequence[str] | None = None,
              required: Sequence[str] = ()) -> Iterator[Row]:
    """Rows of a data file with their line numbers.

    ``columns``: the header the file must have (same names, same order); ``required``: columns that must not
    be empty. A row with more or fewer fields than the header is an error naming the file and the line.
    """
    path = _resolve(path)
    with path.open(encoding="utf-8", newline="") as handle:
        numbered = [(number, line) for number, line in enumerate(handle, start=1)
                    if line.strip() and not line.startswith("#")]
    if not numbered:
        raise DataFileError(path, 1, "no header line")
    header_line, header_text = numbered[0]
    header = [name.strip() for name in header_text.rstrip("\r\n").split("\t")]
    if columns is not None and header != list(columns):
        raise DataFileError(path, header_line, f"header is {header}, expected {list(columns)}")
    for number, line in numbered[1:]:
        fields = next(csv.reader([line.rstrip("\r\n")], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(fields) > len(header) and any(f.strip() for f in fields[len(header):]):
            raise DataFileError(path, number, f"{len(fields)} fields for {len(header)} columns (a stray tab?)")
        values = {name: (fields[i].strip() if i < len(fields) else "") for i, name in enumerate(header) if name}
        for name in required:
            if not values.get(name):
                raise DataFileError(path, number, f"empty {name!r}")
        yield Row(path, number, values)


def split_alts(value: str) -> list[str]:
    """Split a ``|``-separated list, dropping empty items."""
    return [item.strip() for item in value.split("|") if item.strip()]
