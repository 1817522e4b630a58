"""Reproducible installs: every dependency has an upper bound, and constraints.txt pins each one."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]


def _requirements() -> list[str]:
    project = tomllib.loads((PROJECT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return [*project["dependencies"], *project["optional-dependencies"]["dev"]]


def test_every_dependency_has_an_upper_bound():
    for requirement in _requirements():
        assert "<" in requirement or "==" in requirement, requirement


def test_constraints_pin_every_dependency():
    pins = {}
    for line in (PROJECT / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[re.sub(r"[-_.]+", "-", name.lower())] = version
    for requirement in _requirements():
        name = re.sub(r"[-_.]+", "-", re.split(r"[<>=!~\[ ]", requirement, maxsplit=1)[0].lower())
        assert name in pins, f"{name} is not pinned in constraints.txt"
