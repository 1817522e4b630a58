"""Shared fixtures: paths to the project, its samples and the optional ../shared material."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
SAMPLES = PROJECT / "warehouse" / "samples"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared absent)")
    return path


@pytest.fixture(scope="session")
def nlp():
    from events.nlp import load_model

    return load_model()
