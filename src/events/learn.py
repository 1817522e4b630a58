"""Training the learned check of coded events (``events learn``) on an annotated set, with k-fold
cross-validation over articles to choose its threshold and report what it is worth."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from events.articles import Article
from events.coding.learned import EventModel, row_features, train, write_event_model
from events.evaluate import Scores, score

THRESHOLDS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)


@dataclass(frozen=True, slots=True)
class FoldResult:
    threshold: float
    precision: float
    recall: float
    f1: float


def _fold(article_id: str, folds: int) -> int:
    return int.from_bytes(hashlib.blake2b(article_id.encode("utf-8"), digest_size=4).digest(), "big") % folds


def _labelled(rows: list[dict[str, Any]], scores: Scores) -> list[tuple[dict[str, Any], int]]:
    right = {id(row) for row in scores.right}
    return [(row, int(id(row) in right)) for row in rows]


def _kept(rows: list[dict[str, Any]], model: EventModel, threshold: float) -> list[dict[str, Any]]:
    return [row for row in rows if model.probability(row_features(row)) >= threshold]


def learn(articles: list[Article], gold: dict[str, list[dict[str, Any]]], *, folds: int = 5,
          extract: Callable[[list[Article]], list[dict[str, Any]]]) -> tuple[EventModel, list[str]]:
    """Cross-validate, pick the threshold with the best pooled F1, train on everything; returns the model and
    the lines of a report (also written in the model file's header)."""
    rows = extract(articles)
    scores = score(rows, gold)
    baseline = scores.as_dict()
    labelled = _labelled(rows, scores)
    # out-of-fold probabilities: each article's events scored by a model that never saw the article
    out_of_fold: dict[int, float] = {}
    for fold in range(folds):
        train_set = [(row_features(row), label) for row, label in labelled
                     if _fold(str(row["article_id"]), folds) != fold]
        model = train(train_set)
        for row, _ in labelled:
            if _fold(str(row["article_id"]), folds) == fold:
                out_of_fold[id(row)] = model.probability(row_features(row))
    results = []
    for threshold in THRESHOLDS:
        kept = [row for row in rows if out_of_fold[id(row)] >= threshold]
        figures = score(kept, gold).as_dict()
        results.append(FoldResult(threshold, figures["precision"], figures["recall"], figures["f1"]))
    best = max(results, key=lambda r: (r.f1, -abs(r.threshold - 0.5)))
    final = train([(row_features(row), label) for row, label in labelled], threshold=best.threshold)
    report = [f"{len(articles)} articles, {len(rows)} events proposed by the dictionary, "
              f"{sum(label for _, label in labelled)} right; {folds}-fold cross-validation over articles",
              f"dictionary alone: P {baseline['precision']:.3f} R {baseline['recall']:.3f} F1 {baseline['f1']:.3f}"]
    report += [f"with the check at {r.threshold:.2f}: P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f}"
               + ("  <- chosen" if r is best else "") for r in results]
    return final, report


def learn_command(articles_path: Path, gold_path: Path, out: Path, *, part: str | None, folds: int,
                  n_process: int) -> list[str]:
    from datetime import date

    from events.articles import read_inputs
    from events.evaluate import load_gold
    from events.extract import ExtractOptions, extract_events

    loaded = [a for a in read_inputs([articles_path]) if isinstance(a, Article)]
    if part:
        start, _, end = part.partition(":")
        loaded = loaded[int(start) if start else None:int(end) if end else None]
    kept = {a.article_id for a in loaded}
    gold = {k: v for k, v in load_gold(gold_path).items() if k in kept}
    options = ExtractOptions(n_process=n_process, event_model=False)
    model, report = learn(loaded, gold, folds=folds,
                          extract=lambda items: list(extract_events(items, options=options)))
    header = ["The learned check of coded events (src/events/coding/learned.py): logistic regression weights, one",
              "feature per line (__bias__, and __threshold__: events whose probability is below it are dropped).",
              f"Trained {date.today().isoformat()} by: events learn --articles {articles_path} --gold {gold_path}"
              + (f" --slice {part}" if part else "") + f" --folds {folds}", *report]
    write_event_model(model, out, header)
    return report
