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


@pytest.fixture
def fail_coding_of(monkeypatch):
    """Make the coder raise on articles containing a given word; returns a function that undoes it."""
    from events.coding import coder

    real = coder.Coder.code_doc

    def arm(word: str):
        def flaky(self, doc, pub_date, title=None):
            if word in doc.text:
                raise RuntimeError("simulated coder failure")
            return real(self, doc, pub_date, title)

        monkeypatch.setattr(coder.Coder, "code_doc", flaky)
        return lambda: monkeypatch.setattr(coder.Coder, "code_doc", real)

    return arm
