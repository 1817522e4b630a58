"""Scoring extracted events against gold annotations (../shared/eval/FORMAT.md).

An extracted event matches a gold event when the article id, both actor keys (the country, or an IGO's
last three letters) and the root code agree, actor order ignored when the gold event is symmetric.
Matching is one-to-one per article; among candidates the one with the same date and place wins.
For matched events the date and the place (country, then GeoNames id) are scored separately; the place
is not scored for intents (root 03).
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from events.countries import load_countries


def actor_key(actor: dict[str, Any] | None) -> str:
    if not actor:
        return ""
    if actor.get("country"):
        return str(actor["country"])
    code = str(actor.get("code") or "")
    return code[-3:] if code.startswith("IGO") else code[:3]


def predicted_key(row: dict[str, Any], n: int) -> str:
    country = row.get(f"actor{n}_country_code")
    if country:
        return str(country)
    code = str(row.get(f"actor{n}_code") or "")
    return code[-3:] if code.startswith("IGO") else code[:3]


@dataclass
class Scores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    by_root_gold: Counter[str] = field(default_factory=Counter)
    by_root_pred: Counter[str] = field(default_factory=Counter)
    by_root_matched: Counter[str] = field(default_factory=Counter)
    date_total: int = 0
    date_right: int = 0
    place_total: int = 0
    place_country_right: int = 0
    place_id_total: int = 0
    place_id_right: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)  # (gold root, predicted root)
    misses: list[dict[str, Any]] = field(default_factory=list)
    wrong_details: list[tuple[str, dict[str, Any], dict[str, Any]]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    right: list[dict[str, Any]] = field(default_factory=list)  # predicted rows that matched a gold event

    @staticmethod
    def _prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
        p = matched / predicted if predicted else 0.0
        r = matched / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def overall(self) -> tuple[float, float, float]:
        return self._prf(self.matched, self.predicted, self.gold)

    def root(self, root: str) -> tuple[float, float, float]:
        return self._prf(self.by_root_matched[root], self.by_root_pred[root], self.by_root_gold[root])

    def as_dict(self) -> dict[str, Any]:
        p, r, f = self.overall()
        p4, r4, f4 = self.root("04")
        roots = sorted(set(self.by_root_gold) | set(self.by_root_pred))
        return {
            "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "root04": {"precision": round(p4, 4), "recall": round(r4, 4), "f1": round(f4, 4),
                       "gold": self.by_root_gold["04"], "predicted": self.by_root_pred["04"]},
            "date_accuracy": round(self.date_right / self.date_total, 4) if self.date_total else None,
            "date_scored": self.date_total,
            "place_country_accuracy": round(self.place_country_right / self.place_total, 4)
            if self.place_total else None,
            "place_id_accuracy": round(self.place_id_right / self.place_id_total, 4) if self.place_id_total else None,
            "place_scored": self.place_total,
            "per_root": {root: dict(zip(("precision", "recall", "f1"), map(lambda x: round(x, 4), self.root(root)),
                                        strict=True))
                         | {"gold": self.by_root_gold[root], "predicted": self.by_root_pred[root],
                            "matched": self.by_root_matched[root]} for root in roots},
            "confusion": {f"{g}->{p}": n for (g, p), n in sorted(self.confusion.items())},
            "confidence_bands": self.confidence_bands(),
        }

    def confidence_bands(self) -> dict[str, dict[str, float | int]]:
        """Precision of the predicted rows by their ``confidence`` (bands 0.1 wide): is the column calibrated?"""
        bands: dict[str, list[int]] = {}
        for rows, right in ((self.right, 1), (self.spurious, 0)):
            for row in rows:
                low = min(int(float(row.get("confidence") or 0) * 10), 9) / 10
                band = bands.setdefault(f"{low:.1f}-{low + 0.1:.1f}", [0, 0])
                band[0] += 1
                band[1] += right
        return {name: {"rows": n, "right": r, "precision": round(r / n, 4)} for name, (n, r) in sorted(bands.items())}

    def calibration(self, *, minimum: int = 5) -> list[tuple[str, int, int, float]]:
        """(way, rows, right, precision) for each way arguments were found (the part of ``rule_id`` after the
        frame: ``subject>obj``), over the predicted rows of this evaluation; ways with fewer rows are left out."""
        counts: dict[str, list[int]] = {}
        for rows, right in ((self.right, 1), (self.spurious, 0)):
            for row in rows:
                way = str(row.get("rule_id") or "").rpartition(":")[2]
                if way:
                    count = counts.setdefault(way, [0, 0])
                    count[0] += 1
                    count[1] += right
        return [(way, n, r, round(r / n, 3)) for way, (n, r) in sorted(counts.items()) if n >= minimum]


def error_lines(scores: Scores) -> list[tuple[str, str]]:
    """The ``events evaluate --errors`` listing as (kind, line): missed gold events, matched events with a wrong
    date or place, then spurious events, each with its trigger and the rule (``rule_id``: dictionary entry and
    argument frame) that produced it, so a linguist can tell which rule to fix."""
    lines: list[tuple[str, str]] = []
    for miss in scores.misses:
        lines.append(("missed", f"{miss['article_id']} {miss['actor1']['code']}→{miss['actor2']['code']} "
                                f"{miss['cameo']} {miss.get('date')} «{miss.get('trigger')}»"))
    for what, gold_event, row in scores.wrong_details:
        expected = gold_event.get("date") if what == "date" else (gold_event.get("place") or {}).get("name")
        got = row["event_date"] if what == "date" else row.get("action_geo_text")
        lines.append((f"wrong {what}", f"{row['article_id']} {row['actor1_code']}→{row['actor2_code']} "
                                       f"{row['event_code']}: gold {expected}, got {got} «{row['trigger']}»"))
    for row in scores.spurious:
        lines.append(("spurious", f"{row['article_id']} {row['actor1_code']}→{row['actor2_code']} "
                                  f"{row['event_code']} {row['event_date']} «{row['trigger']}» "
                                  f"rule {row.get('rule_id') or '?'} ({row['actor1_text']} / {row['actor2_text']})"))
    return lines


def load_gold(path: Path) -> dict[str, list[dict[str, Any]]]:
    gold: dict[str, list[dict[str, Any]]] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                record = json.loads(line)
                gold[str(record["id"])] = list(record.get("events") or [])
    return gold


def _same_pair(gold: dict[str, Any], row: dict[str, Any]) -> bool:
    g1, g2 = actor_key(gold.get("actor1")), actor_key(gold.get("actor2"))
    p1, p2 = predicted_key(row, 1), predicted_key(row, 2)
    if (g1, g2) == (p1, p2):
        return True
    # predicted rows of symmetric events are stored in canonical order; gold symmetry decides
    return bool(gold.get("symmetric")) and (g1, g2) == (p2, p1)


def _fips_to_iso2() -> dict[str, str]:
    return {c.fips: c.iso2 for c in load_countries().by_iso3.values()}


def score(rows: Iterable[dict[str, Any]], gold: dict[str, list[dict[str, Any]]]) -> Scores:
    """Score extracted rows (event-row dicts) against gold events, per article."""
    by_article: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if str(row["article_id"]) in gold:
            by_article[str(row["article_id"])].append(row)
    fips_iso2 = _fips_to_iso2()
    scores = Scores()
    for article_id, gold_events in gold.items():
        predicted = by_article.get(article_id, [])
        scores.gold += len(gold_events)
        scores.predicted += len(predicted)
        for row in predicted:
            scores.by_root_pred[str(row["event_root_code"])] += 1
        unused = list(predicted)
        for event in gold_events:
            root = str(event.get("root") or str(event["cameo"])[:2])
            scores.by_root_gold[root] += 1
            candidates = [r for r in unused if _same_pair(event, r) and r["event_root_code"] == root]
            if not candidates:
                others = [r for r in unused if _same_pair(event, r)]
                if others:
                    scores.confusion[(root, str(others[0]["event_root_code"]))] += 1
                scores.misses.append({"article_id": article_id, **event})
                continue
            best = max(candidates, key=lambda r: (str(r.get("event_date")) == str(event.get("date")),
                                                  _place_iso2(r, fips_iso2) == ((event.get("place") or {})
                                                                                .get("country"))))
            unused.remove(best)
            scores.right.append(best)
            scores.matched += 1
            scores.by_root_matched[root] += 1
            scores.confusion[(root, root)] += 1
            if event.get("date"):
                scores.date_total += 1
                if str(best.get("event_date")) == str(event["date"]):
                    scores.date_right += 1
                else:
                    scores.wrong_details.append(("date", event, best))
            place = event.get("place")
            if place and root != "03":
                scores.place_total += 1
                scores.place_country_right += _place_iso2(best, fips_iso2) == place.get("country")
                if place.get("geonames_id"):
                    scores.place_id_total += 1
                    if str(best.get("action_geo_feature_id")) == str(place["geonames_id"]):
                        scores.place_id_right += 1
                    else:
                        scores.wrong_details.append(("place", event, best))
        scores.spurious.extend(unused)
    return scores


def international(rows: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows whose two actors are not of one country (for a gold set that annotates no domestic event)."""
    return [r for r in rows if not (r.get("actor1_country_code")
                                    and r.get("actor1_country_code") == r.get("actor2_country_code"))]


def evaluate_set(articles_path: Path, gold_path: Path, *, skip_domestic: bool = False, **options: Any) -> Scores:
    """Code an annotated set (articles.jsonl + gold.jsonl) and score it; ``options`` go to ExtractOptions;
    ``skip_domestic``: score only events between actors of different countries (for sets whose gold has none)."""
    from events.articles import Article, read_inputs
    from events.extract import ExtractOptions, extract_events

    articles = [a for a in read_inputs([articles_path]) if isinstance(a, Article)]
    rows = list(extract_events(articles, options=ExtractOptions(**options)))
    return score(international(rows) if skip_domestic else rows, load_gold(gold_path))


def _place_iso2(row: dict[str, Any], fips_iso2: dict[str, str]) -> str | None:
    iso2 = row.get("action_geo_country_iso2")
    if iso2:
        return str(iso2)
    fips = row.get("action_geo_country_code")
    return fips_iso2.get(str(fips)) if fips else None
