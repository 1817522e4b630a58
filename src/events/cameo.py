"""The CAMEO event codebook written by the project (data/cameo_codebook.tsv)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from events.data_files import read_tsv


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    root: str
    base: str
    name_en: str
    name_fr: str
    goldstein: float
    quad_class: int
    plover_type: str | None


class UnknownCameoCode(KeyError):
    """A code that is not in the codebook (a coder bug, never silently replaced by 010)."""


@lru_cache(maxsize=1)
def load_codebook() -> dict[str, CameoCode]:
    codebook: dict[str, CameoCode] = {}
    for row in read_tsv("cameo_codebook.tsv"):
        codebook[row["code"]] = CameoCode(
            code=row["code"],
            root=row["root"],
            base=row["base"],
            name_en=row["name_en"],
            name_fr=row["name_fr"],
            goldstein=float(row["goldstein"]),
            quad_class=int(row["quad_class"]),
            plover_type=row["plover_type"] or None,
        )
    return codebook


def quad_class_for_root(root: str) -> int:
    """GDELT's QuadClass convention: roots 01–05 → 1, 06–09 → 2, 10–14 → 3, 15–20 → 4."""
    number = int(root)
    if not 1 <= number <= 20:
        raise ValueError(f"not a CAMEO root: {root!r}")
    return 1 if number <= 5 else 2 if number <= 9 else 3 if number <= 14 else 4


def lookup(code: str) -> CameoCode:
    try:
        return load_codebook()[code]
    except KeyError:
        raise UnknownCameoCode(code) from None
