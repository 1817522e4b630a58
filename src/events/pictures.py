"""Pictures of the warehouse: the who-met-whom network of a period, as PNG (matplotlib, no display needed)."""

from __future__ import annotations

import io
import math
from collections import Counter
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, never a window

import matplotlib.pyplot as plt


def meetings_network_png(meetings: Sequence[dict[str, Any]], *, title: str) -> bytes:
    """A network of who met whom: one node per actor (sized by its meetings), one edge per actor pair
    (width by the number of meetings), on a circle; an empty period gives a picture that says so."""
    pairs: Counter[tuple[str, str]] = Counter()
    labels: dict[str, str] = {}
    degree: Counter[str] = Counter()
    for row in meetings:
        a, b = str(row["actor1_code"]), str(row["actor2_code"])
        if a == b:
            continue
        for code, name in ((a, row.get("actor1_name")), (b, row.get("actor2_name"))):
            labels.setdefault(code, f"{code}\n{name}" if name and name != code else code)
        pairs[tuple(sorted((a, b)))] += 1  # type: ignore[index]
        degree[a] += 1
        degree[b] += 1
    figure, axes = plt.subplots(figsize=(9, 9), dpi=100)
    axes.set_axis_off()
    axes.set_title(title, fontsize=13)
    if not pairs:
        axes.text(0.5, 0.5, "no meeting reported", ha="center", va="center", fontsize=14, transform=axes.transAxes)
    else:
        nodes = sorted(degree, key=lambda code: (-degree[code], code))
        position = {code: (math.cos(2 * math.pi * n / len(nodes)), math.sin(2 * math.pi * n / len(nodes)))
                    for n, code in enumerate(nodes)}
        for (a, b), count in sorted(pairs.items()):
            (x1, y1), (x2, y2) = position[a], position[b]
            axes.plot([x1, x2], [y1, y2], color="#4a6fa5", linewidth=1 + 2 * count, alpha=0.6, zorder=1)
        for code in nodes:
            x, y = position[code]
            axes.scatter([x], [y], s=300 + 200 * degree[code], color="#f2a541", edgecolors="#333333", zorder=2)
            axes.annotate(labels[code], (x, y), xytext=(x * 1.18, y * 1.18), ha="center", va="center",
                          fontsize=8, zorder=3)
        axes.set_xlim(-1.5, 1.5)
        axes.set_ylim(-1.5, 1.5)
        axes.text(0.5, -0.02, f"{sum(pairs.values())} meetings between {len(nodes)} actors", ha="center",
                  transform=axes.transAxes, fontsize=10)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()
