"""A learned check of coded events: logistic regression over what produced each event (dictionary entry, frame,
the ways its actors were found, the root, the actors' roles, domestic or not).

The dictionary proposes events; this model, trained on the annotated training set (``events learn``), gives each
one the probability that it is right — that probability is the event's ``confidence`` — and drops those below a
threshold chosen by cross-validation. Its weights are a data file (``data/event_model.tsv``, one feature per
line), so what it learned can be read, and retraining with the same data and command gives the same file.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from events.data_files import DATA_DIR, DataFileError, read_rows

MODEL_COLUMNS = ("feature", "weight")
BIAS, THRESHOLD = "__bias__", "__threshold__"


def features(rule_id: str, code: str, actors: Sequence[tuple[str | None, str | None, str | None]]) -> list[str]:
    """What describes one coded event: ``actors`` are (code, country, role) of actor 1 and actor 2."""
    entry, _, rest = rule_id.partition("@")
    frame, _, way = rest.partition(":")
    source, _, target = way.partition(">")
    roles = []
    for actor_code, country, role in actors:
        if not country:
            roles.append("IGO" if (actor_code or "").startswith("IGO") else (actor_code or "")[:3] or "none")
        else:
            roles.append(role or "STATE")
    domestic = bool(actors[0][1]) and actors[0][1] == actors[1][1]
    root = code[:2]
    pair = "+".join(sorted(roles))  # unordered: a symmetric event's actors may come in either order
    return [
        f"entry={entry}", f"frame={frame}", f"source={source}", f"target={target}", f"way={way}",
        f"root={root}", f"code={code}", *(f"role={r}" for r in dict.fromkeys(roles)), f"roles={pair}",
        f"domestic={domestic}", f"root={root}&domestic={domestic}", f"root={root}&target={target}",
        f"root={root}&roles={pair}", f"pos={entry.split('.')[1] if '.' in entry else ''}",
    ]


def row_features(row: dict[str, object]) -> list[str]:
    """The features of an event row (``events extract`` output)."""
    actors = [(str(row.get(f"actor{n}_code") or "") or None, str(row.get(f"actor{n}_country_code") or "") or None,
               str(row.get(f"actor{n}_type1_code") or "") or None) for n in (1, 2)]
    return features(str(row.get("rule_id") or ""), str(row.get("event_code") or ""), actors)


@dataclass(frozen=True, slots=True)
class EventModel:
    weights: dict[str, float]
    bias: float
    threshold: float

    def probability(self, feats: Iterable[str]) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))


def load_event_model(path: Path | None = None) -> EventModel | None:
    """The trained model (``data/event_model.tsv``), or None when none has been trained."""
    path = path or DATA_DIR / "event_model.tsv"
    if not path.exists():
        return None
    weights: dict[str, float] = {}
    for row in read_rows(path, columns=MODEL_COLUMNS, required=MODEL_COLUMNS):
        try:
            weights[row["feature"]] = float(row["weight"])
        except ValueError:
            raise row.error(f"weight {row['weight']!r} is not a number") from None
    if BIAS not in weights or THRESHOLD not in weights:
        raise DataFileError(path, 1, f"{BIAS} and {THRESHOLD} rows are required")
    bias, threshold = weights.pop(BIAS), weights.pop(THRESHOLD)
    return EventModel(weights, bias, threshold)


def train(examples: Sequence[tuple[list[str], int]], *, l2: float = 1.0, epochs: int = 300,
          rate: float = 0.5, threshold: float = 0.5) -> EventModel:
    """Logistic regression by full-batch gradient descent (deterministic: same examples, same weights)."""
    import numpy as np

    vocabulary = sorted({f for feats, _ in examples for f in feats})
    index = {f: i for i, f in enumerate(vocabulary)}
    x = np.zeros((len(examples), len(vocabulary)))
    y = np.array([label for _, label in examples], dtype=float)
    for row, (feats, _) in enumerate(examples):
        for f in feats:
            x[row, index[f]] = 1.0
    w = np.zeros(len(vocabulary))
    b = 0.0
    n = max(len(examples), 1)
    for _ in range(epochs):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        error = p - y
        w -= rate * (x.T @ error / n + l2 * w / n)
        b -= rate * float(error.mean())
    return EventModel({f: round(float(w[i]), 5) for f, i in index.items() if abs(w[i]) >= 1e-5},
                      round(b, 5), threshold)


def write_event_model(model: EventModel, path: Path, header: list[str]) -> None:
    lines = [f"# {line}" if line else "#" for line in header]
    lines.append("\t".join(MODEL_COLUMNS))
    lines.append(f"{BIAS}\t{model.bias}")
    lines.append(f"{THRESHOLD}\t{model.threshold}")
    lines += [f"{f}\t{w}" for f, w in sorted(model.weights.items(), key=lambda item: (-abs(item[1]), item[0]))]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
