"""The speed benchmark of the extraction path (throughput and memory); dates and places have their own
(`events.timebank`, `events.places_bench`).

Speed is measured here, never asserted in tests (machines are shared and noisy).
"""

from __future__ import annotations

import resource
import time
from collections.abc import Sequence
from dataclasses import dataclass

from events.articles import Article
from events.extract import ExtractOptions, extract_events


@dataclass(frozen=True, slots=True)
class SpeedReport:
    articles: int
    characters: int
    tokens: int
    events: int
    seconds: float
    load_seconds: float
    peak_rss_mb: float

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    @property
    def tokens_per_second(self) -> float:
        return self.tokens / self.seconds if self.seconds else 0.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process in MB (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def bench_extract(articles: Sequence[Article], *, options: ExtractOptions | None = None,
                  repeat: int = 1) -> SpeedReport:
    """Time the full extraction (parse + coding) after a warm-up that loads the model and the tables."""
    from events.nlp import load_model

    options = options or ExtractOptions()
    started = time.perf_counter()
    nlp = load_model(options.model)
    list(extract_events(articles[:1], options=options))  # warm-up: model, gazetteer, lexicons
    load_seconds = time.perf_counter() - started
    tokens = sum(len(nlp.make_doc(a.text)) for a in articles)
    events = 0
    started = time.perf_counter()
    for _ in range(repeat):
        events = sum(1 for _ in extract_events(articles, options=options))
    seconds = (time.perf_counter() - started) / repeat
    return SpeedReport(len(articles), sum(len(a.text) for a in articles), tokens, events, seconds,
                       load_seconds, peak_rss_mb())

