"""Pictures of the warehouse: the who-met-whom network of a period, as PNG (matplotlib, no display needed)."""

from __future__ import annotations

import io
import math
import textwrap
from collections import Counter
from collections.abc import Sequence
from typing import Any

import matplotlib

matplotlib.use("Agg")  # files only, never a window

import matplotlib.pyplot as plt
from matplotlib.figure import Figure
from matplotlib.text import Text

LABEL_WIDTH = 22  # characters per line of a node's label
LABEL_LINES = 3


def _label(code: str, name: object) -> str:
    """``CODE`` and the name under it, wrapped to a few short lines (a long name ends with an ellipsis)."""
    if not name or name == code:
        return code
    lines = textwrap.wrap(str(name), LABEL_WIDTH, break_long_words=True) or [""]
    if len(lines) > LABEL_LINES - 1:
        lines = [*lines[:LABEL_LINES - 2], textwrap.shorten(" ".join(lines[LABEL_LINES - 2:]), LABEL_WIDTH,
                                                              placeholder="…")]
    return "\n".join([code, *lines])


def _fit(figure: Figure, axes: Any, labels: Sequence[Text], margin: float = 0.04) -> None:
    """Widen the axes' limits until every label lies inside them (equal aspect: the circle stays round)."""
    for _ in range(4):
        figure.canvas.draw()
        to_data = axes.transData.inverted()
        x0, x1 = axes.get_xlim()
        y0, y1 = axes.get_ylim()
        low_x, high_x, low_y, high_y = x0, x1, y0, y1
        for label in labels:
            (a, b), (c, d) = to_data.transform(label.get_window_extent().get_points())
            low_x, high_x = min(low_x, a, c), max(high_x, a, c)
            low_y, high_y = min(low_y, b, d), max(high_y, b, d)
        half = max(high_x - low_x, high_y - low_y) / 2 * (1 + margin)
        if half <= max(x1 - x0, y1 - y0) / 2 + 1e-9:
            return
        cx, cy = (high_x + low_x) / 2, (high_y + low_y) / 2
        axes.set_xlim(cx - half, cx + half)
        axes.set_ylim(cy - half, cy + half)


def meetings_network_figure(meetings: Sequence[dict[str, Any]], *, title: str, inches: float = 9.0) -> Figure:
    """The network of who met whom: one node per actor (sized by its meetings), one edge per actor pair (width by
    the number of meetings), on a circle, every label inside the picture; an empty period says so. The picture is
    ``inches`` square at 100 dots per inch."""
    pairs: Counter[tuple[str, str]] = Counter()
    labels: dict[str, str] = {}
    degree: Counter[str] = Counter()
    for row in meetings:
        a, b = str(row["actor1_code"]), str(row["actor2_code"])
        if a == b:
            continue
        for code, name in ((a, row.get("actor1_name")), (b, row.get("actor2_name"))):
            labels.setdefault(code, _label(code, name))
        pairs[(a, b) if a < b else (b, a)] += 1
        degree[a] += 1
        degree[b] += 1
    figure = plt.figure(figsize=(inches, inches), dpi=100)
    figure.suptitle(textwrap.shorten(title, int(10 * inches), placeholder="…"), fontsize=13 if inches >= 7 else 11,
                    y=0.97)
    axes = figure.add_axes((0.03, 0.06, 0.94, 0.86))
    axes.set_axis_off()
    axes.set_aspect("equal")
    axes.set_xlim(-1.2, 1.2)
    axes.set_ylim(-1.2, 1.2)
    if not pairs:
        axes.text(0.5, 0.5, "no meeting reported", ha="center", va="center", fontsize=14, transform=axes.transAxes)
        return figure
    nodes = sorted(degree, key=lambda code: (-degree[code], code))
    angle = {code: math.pi / 2 - 2 * math.pi * n / len(nodes) for n, code in enumerate(nodes)}
    position = {code: (math.cos(angle[code]), math.sin(angle[code])) for code in nodes}
    for (a, b), count in sorted(pairs.items()):
        (x1, y1), (x2, y2) = position[a], position[b]
        axes.plot([x1, x2], [y1, y2], color="#4a6fa5", linewidth=1 + 2 * count, alpha=0.6, zorder=1)
    texts: list[Text] = []
    for code in nodes:
        x, y = position[code]
        scale = (inches / 9.0) ** 2
        axes.scatter([x], [y], s=(300 + 200 * degree[code]) * scale, color="#f2a541", edgecolors="#333333", zorder=2)
        # the label outside the circle, anchored on the side that faces the node
        ha = "left" if x > 0.3 else "right" if x < -0.3 else "center"
        va = "bottom" if y > 0.3 else "top" if y < -0.3 else "center"
        texts.append(axes.text(x * 1.14, y * 1.14, labels[code], ha=ha, va=va, fontsize=8, zorder=3,
                               linespacing=1.1))
    _fit(figure, axes, texts)
    figure.text(0.5, 0.02, f"{sum(pairs.values())} meetings between {len(nodes)} actors", ha="center", fontsize=10)
    return figure


def meetings_network_png(meetings: Sequence[dict[str, Any]], *, title: str, inches: float = 9.0) -> bytes:
    """:func:`meetings_network_figure` as PNG bytes (``inches`` × 100 pixels square: 900 × 900 by default)."""
    figure = meetings_network_figure(meetings, title=title, inches=inches)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png")
    plt.close(figure)
    return buffer.getvalue()
