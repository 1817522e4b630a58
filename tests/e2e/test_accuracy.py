"""Accuracy floors: the evaluation command's figures must not regress below what the README reports.

The bundled sample (written for the project, never used to tune rules) always runs; the dev set runs
when ../shared is present.
"""

from pathlib import Path

import pytest

from events.evaluate import evaluate_set
from tests.conftest import SAMPLES, shared_path


def _figures(articles_path, gold_path):
    return evaluate_set(articles_path, gold_path).as_dict()


def test_bundled_sample_floor():
    figures = _figures(SAMPLES / "inbox" / "articles.jsonl", SAMPLES / "gold.jsonl")
    assert figures["precision"] >= 0.88, figures
    assert figures["f1"] >= 0.78, figures
    assert figures["date_accuracy"] >= 0.90, figures
    assert figures["place_country_accuracy"] >= 0.95, figures


@pytest.mark.model
def test_dev_set_floor():
    dev = shared_path("eval", "dev")
    figures = _figures(dev / "articles.jsonl", dev / "gold.jsonl")
    assert figures["precision"] >= 0.92, figures
    assert figures["f1"] >= 0.85, figures
    assert figures["root04"]["f1"] >= 0.90, figures
    assert figures["date_accuracy"] >= 0.95, figures
    assert figures["place_country_accuracy"] >= 0.95, figures
    assert figures["place_id_accuracy"] >= 0.90, figures


@pytest.mark.model
def test_regional_set_floor():
    """20 articles written for the project about the Middle East, Africa, Latin America and Asia, never used to
    write rules before they were measured (tests/data/regions): the generalisation check."""
    regions = Path(__file__).resolve().parents[1] / "data" / "regions"
    figures = _figures(regions / "articles.jsonl", regions / "gold.jsonl")
    assert figures["precision"] >= 0.82, figures
    assert figures["f1"] >= 0.66, figures
    assert figures["date_accuracy"] >= 0.90, figures
