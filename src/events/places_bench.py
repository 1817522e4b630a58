"""`events bench places`: capitals and ambiguous names → GeoNames ids; real-news place mentions (WiNER-fr) → country
and GeoNames id per kind; gazetteer load time, speed, memory.

The cases are in ``data/places_bench.tsv``. Each case is resolved the way the pipeline resolves a place:
``Gazetteer.lookup(name, context_countries=…, preposition=…)`` with the countries the context sentence names
(``context_countries_from_text``) and the word written before the name.
"""

from __future__ import annotations

import gc
import json
import os
import re
import subprocess
import sys
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from events.data_files import read_tsv, split_alts
from events.places import Gazetteer
from events.text import fold

TARGET_CAPITALS = 0.98
TARGET_AMBIGUOUS = 0.90
_WORD_BEFORE = re.compile(r"([^\W\d_]+)['\s]+$")


@dataclass(frozen=True, slots=True)
class PlaceCase:
    kind: str  # "capital" or "ambiguous"
    name: str
    context: str
    expected: tuple[str, ...]  # accepted GeoNames ids
    note: str


def load_cases() -> list[PlaceCase]:
    return [PlaceCase(row["kind"], row["name"], row["context"], tuple(split_alts(row["expected"])), row["note"])
            for row in read_tsv("places_bench.tsv")]


def word_before(context: str, name: str) -> str | None:
    """The word written just before ``name`` in ``context`` ("à" in "reçu à Vienne"), if any."""
    position = context.find(name)
    if position <= 0:
        return None
    match = _WORD_BEFORE.search(context[:position])
    return match.group(1) if match else None


def resolve(gazetteer: Gazetteer, case: PlaceCase) -> str | None:
    """The GeoNames id the gazetteer gives a case (None when the name is unknown)."""
    context = gazetteer.context_countries(case.context, case.name) if case.context else set()
    place = gazetteer.lookup(case.name, context_countries=context,
                             preposition=word_before(case.context, case.name) if case.context else None)
    return place.feature_id if place is not None else None


_MEASURE = """
import json, resource, sys, time
from events.countries import load_countries
from events.places import Gazetteer

def memory_mb():  # (current, peak) resident set size of this process
    try:
        with open("/proc/self/status") as status:
            fields = dict(line.split(":", 1) for line in status if ":" in line)
        return int(fields["VmRSS"].split()[0]) / 1024, int(fields["VmHWM"].split()[0]) / 1024
    except (OSError, KeyError, ValueError):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return peak, peak

load_countries()
rss_before, _ = memory_mb()
start, cpu_start = time.perf_counter(), time.process_time()
Gazetteer(use_cache=sys.argv[1] == "cache")
seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
rss_after, peak = memory_mb()
print(json.dumps({"seconds": seconds, "cpu_seconds": cpu_seconds, "rss_mb": rss_after - rss_before,
                  "peak_rss_mb": peak - rss_before}))
"""


def _measure_in_fresh_process(mode: str) -> dict[str, float]:
    """Seconds, RSS growth and peak RSS growth (MB) of ``Gazetteer()`` in a new interpreter ("cache" or "build")."""
    result = subprocess.run([sys.executable, "-c", _MEASURE, mode], capture_output=True, text=True, check=True)
    return {key: float(value) for key, value in json.loads(result.stdout.strip().splitlines()[-1]).items()}


def _load_figures(repeat: int = 3) -> dict[str, float]:
    """Load from the cache (best of ``repeat`` fresh processes) and build without it, with their memory."""
    Gazetteer()  # make sure the cache exists
    loads = [_measure_in_fresh_process("cache") for _ in range(repeat)]
    build = _measure_in_fresh_process("build")
    return {
        "load_seconds": min(m["seconds"] for m in loads),
        "load_cpu_seconds": min(m["cpu_seconds"] for m in loads),
        "load_rss_mb": max(m["rss_mb"] for m in loads),
        "build_seconds": build["seconds"],
        "build_peak_rss_mb": build["peak_rss_mb"],
    }


def _gazetteer_mb() -> float:
    """Memory the gazetteer holds once loaded (tracemalloc: Python allocations kept after the load)."""
    gc.collect()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        gazetteer = Gazetteer()
        for number in range(len(gazetteer._objects)):  # every Place made, as after a long run
            gazetteer._place(number)
        gc.collect()
        after = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    del gazetteer
    return (after - before) / 1e6


def _lookups_per_second(gazetteer: Gazetteer, cases: list[PlaceCase], min_seconds: float = 0.5) -> float:
    """Lookups/s (wall clock) over the benchmark's names (with their context) and unknown names, as a pipeline
    repeats them."""
    queries = [(c.name, frozenset(gazetteer.context_countries(c.context, c.name)) if c.context else frozenset())
               for c in cases]
    queries += [(name + " Nord", frozenset[str]()) for name, _ in queries[:50]]  # unknown names too
    lookup = gazetteer.lookup
    done = 0
    start = time.perf_counter()
    while True:
        for name, context in queries:
            lookup(name, context_countries=context)
        done += len(queries)
        elapsed = time.perf_counter() - start
        if elapsed >= min_seconds:
            return done / elapsed


def _distinct_lookups_per_second(gazetteer: Gazetteer, count: int = 20000) -> tuple[float, float]:
    """Lookups per second of wall clock and of CPU time over ``count`` different names, each seen once (no help
    from the folding cache; a fresh gazetteer, so no Place object is made yet). On a shared machine the CPU
    figure is the gazetteer's own cost, the wall-clock one includes waiting for the processor."""
    keys = list(gazetteer._index)
    names = [key.title() for key in keys[:: max(1, len(keys) // count)]][:count]
    gazetteer = Gazetteer()
    fold.cache_clear()
    lookup = gazetteer.lookup
    start, cpu_start = time.perf_counter(), time.process_time()
    for name in names:
        lookup(name, context_countries={"FR", "US"})
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu_start
    return len(names) / wall, len(names) / max(cpu, 1e-9)


def run_places_benchmark(errors: list[str] | None = None, errors_split: str = "tune") -> dict[str, object]:
    """Accuracy on the capitals and ambiguous names and on the real-news mentions (``run_news_benchmark``, which
    fills ``errors``), and the gazetteer's load time, speed and memory."""
    cases = load_cases()
    load = _load_figures()
    gazetteer = Gazetteer()
    counts = {"capital": [0, 0], "ambiguous": [0, 0]}
    failures: list[str] = []
    for case in cases:
        got = resolve(gazetteer, case)
        total_right = counts[case.kind]
        total_right[0] += 1
        if got in case.expected:
            total_right[1] += 1
        else:
            failures.append(f"{case.name} ({case.note}): got {got}, expected {case.expected[0]}")
    capitals, capitals_correct = counts["capital"]
    ambiguous, ambiguous_correct = counts["ambiguous"]
    distinct_wall, distinct_cpu = _distinct_lookups_per_second(gazetteer)
    return {
        "capitals": capitals,
        "capitals_correct": capitals_correct,
        "capitals_accuracy": round(capitals_correct / capitals, 4) if capitals else 0.0,
        "ambiguous": ambiguous,
        "ambiguous_correct": ambiguous_correct,
        "ambiguous_accuracy": round(ambiguous_correct / ambiguous, 4) if ambiguous else 0.0,
        "load_seconds": round(load["load_seconds"], 3),
        "load_cpu_seconds": round(load["load_cpu_seconds"], 3),
        "lookups_per_second": round(_lookups_per_second(gazetteer, cases)),
        "distinct_lookups_per_second": round(distinct_wall),
        "distinct_lookups_per_cpu_second": round(distinct_cpu),
        "gazetteer_mb": round(_gazetteer_mb(), 1),
        "load_rss_mb": round(load["load_rss_mb"], 1),
        "build_seconds": round(load["build_seconds"], 3),
        "build_peak_rss_mb": round(load["build_peak_rss_mb"], 1),
        "failures": "; ".join(failures) if failures else "none",
        **run_news_benchmark(gazetteer, errors=errors, errors_split=errors_split),
    }


# -- the real-news benchmark: WiNER-fr place mentions ---------------------------------------------------------

TARGET_NEWS_COUNTRY = 0.97
TARGET_NEWS_CITY_ID = 0.95
TARGET_NEWS_REGION_ID = 0.90
NEWS_KINDS = ("country", "adm1", "adm2", "city", "other")


@dataclass(frozen=True, slots=True)
class NewsCase:
    doc: str
    start: int
    end: int
    name: str
    kind: str
    country: str
    expected: tuple[str, ...]  # accepted GeoNames ids (empty: only the country is scored)
    split: str


def winer_dir() -> Path | None:
    """The WiNER-fr folder: ``$EVENTS_WINER_DIR``, else ``../shared/corpora/winer_fr`` beside the project."""
    configured = os.environ.get("EVENTS_WINER_DIR")
    candidates = [Path(configured)] if configured else []
    root = Path(__file__).resolve().parents[2]
    candidates += [root.parent / "shared" / "corpora" / "winer_fr", root / "shared" / "corpora" / "winer_fr"]
    return next((c for c in candidates if c.is_dir()), None)


def load_news_cases() -> list[NewsCase]:
    return [NewsCase(row["doc"], int(row["start"]), int(row["end"]), row["name"], row["kind"], row["country"],
                     tuple(split_alts(row["geonames_id"])), row["split"]) for row in read_tsv("places_winer.tsv")]


def mention_sentence(text: str, start: int, end: int) -> str:
    """The sentence around a mention (WiNER texts put spaces around their full stops: " . ")."""
    left = max(text.rfind("\n", 0, start), text.rfind(" . ", 0, start) + 2)
    ends = [i for i in (text.find("\n", end), text.find(" . ", end)) if i != -1]
    return text[left + 1:(min(ends) if ends else len(text)) + 2].strip()


def run_news_benchmark(gazetteer: Gazetteer | None = None, corpus: Path | None = None,
                       errors: list[str] | None = None, errors_split: str = "tune") -> dict[str, object]:
    """Country and GeoNames accuracy per kind and split on the WiNER-fr mentions, each resolved like ``events
    geocode`` with its sentence as context; how the answers were found (``match``: by name, a name spelt alike, the
    area of the context). ``errors`` collects the wrong answers of ``errors_split`` ("tune" by default: the
    test split is for checking, never for tuning). ``{"news_skipped": why}`` when the corpus is not there."""
    from events.places import geocode_row, load_gazetteer

    corpus = corpus or winer_dir()
    if corpus is None:
        return {"news_skipped": "WiNER-fr not found (set EVENTS_WINER_DIR or place ../shared/corpora/winer_fr)"}
    gazetteer = gazetteer or load_gazetteer()
    texts: dict[str, str] = {}
    counts: dict[str, list[int]] = {}  # group → [mentions, country right, with id, id right]
    matches: dict[str, int] = {}

    def add(group: str, country_ok: bool, has_id: bool, id_ok: bool) -> None:
        c = counts.setdefault(group, [0, 0, 0, 0])
        c[0] += 1
        c[1] += country_ok
        c[2] += has_id
        c[3] += id_ok

    for case in load_news_cases():
        if case.doc not in texts:
            texts[case.doc] = (corpus / f"{case.doc}.txt").read_text(encoding="utf-8")
        text = texts[case.doc]
        if text[case.start:case.end].strip() != case.name:
            raise ValueError(f"places_winer.tsv: {case.doc} {case.start}-{case.end} is not {case.name!r}")
        row = geocode_row(gazetteer, case.name, mention_sentence(text, case.start, case.end))
        country_ok = row["country_iso2"] == case.country
        id_ok = bool(case.expected) and row["geonames_id"] in case.expected
        region = "regions" if case.kind in {"adm1", "adm2"} else case.kind
        for group in ("all", case.kind, f"split {case.split}", f"split {case.split} {region}"):
            add(group, country_ok, bool(case.expected), id_ok)
        matches[str(row.get("match"))] = matches.get(str(row.get("match")), 0) + 1
        if errors is not None and errors_split in {case.split, "all"} \
                and (not country_ok or (case.expected and not id_ok)):
            errors.append(f"{case.split}\t{case.kind}\t{case.name}\tgold {case.country} "
                          f"{'|'.join(case.expected) or '-'}\tgot {row['country_iso2']} {row['geonames_id']} "
                          f"{row['fullname']} ({row.get('match')})")
    report: dict[str, object] = {}
    for group in ("all", *NEWS_KINDS, "split tune", "split tune city", "split tune regions", "split test",
                  "split test city", "split test regions"):
        n, country, with_id, right = counts.get(group, [0, 0, 0, 0])
        label = group.removeprefix("split ").replace(" ", "_")  # "tune", "tune_city", "test_regions"
        report[f"news_{label}_mentions"] = n
        report[f"news_{label}_country_accuracy"] = round(country / n, 4) if n else None
        report[f"news_{label}_geonames_accuracy"] = round(right / with_id, 4) if with_id else None
    regions = [counts.get(k, [0, 0, 0, 0]) for k in ("adm1", "adm2")]
    with_id = sum(c[2] for c in regions)
    report["news_regions_geonames_accuracy"] = round(sum(c[3] for c in regions) / with_id, 4) if with_id else None
    for how in ("name", "variant", "context", "None"):
        report[f"news_found_by_{how.lower()}"] = matches.get(how, 0)
    return report
