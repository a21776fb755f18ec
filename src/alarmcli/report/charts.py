"""Charts of the report as SVG text, drawn by matplotlib; imported only by the report.

The SVG is deterministic (a fixed hash salt, no date, text drawn as paths), so the same
figures give the same bytes, and it needs no font on the reader's machine: a browser shows
it inline, typst places it in the PDF.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from alarmcli.render import number


@dataclass(frozen=True)
class Chart:
    """A chart's data: bars (grouped when several series, or stacked) or horizontal bars."""

    title: str
    labels: tuple[str, ...]
    series: tuple[tuple[str, tuple[int | None, ...]], ...]  # (name, a value per label)
    horizontal: bool = False
    #: several series in one bar per label, each on top of the one before
    stacked: bool = False


def svg(chart: Chart, lang: str, colours: Sequence[str]) -> str:
    """The chart as an SVG document; a value of ``None`` (hidden, missing) draws no bar."""
    return draw(chart, lang, colours, "svg").decode("utf-8")


def draw(chart: Chart, lang: str, colours: Sequence[str], fmt: str) -> bytes:
    """The chart as ``svg`` or ``png`` bytes, the same for the same chart."""
    import matplotlib as mpl

    mpl.use("agg")
    mpl.rcParams.update(
        {
            "svg.hashsalt": "alarmcli",
            "svg.fonttype": "path",
            "font.family": "DejaVu Sans",
            "font.size": 9,
            "axes.spines.top": False,
            "axes.spines.right": False,
        }
    )
    import matplotlib.pyplot as plt
    from matplotlib.ticker import FuncFormatter

    height = max(2.6, 0.28 * len(chart.labels) + 0.8) if chart.horizontal else 2.8
    fig, ax = plt.subplots(figsize=(6.4, height))
    positions = list(range(len(chart.labels)))
    width = 0.8 if chart.stacked else 0.8 / max(len(chart.series), 1)
    base = [0] * len(positions)
    for i, (name, values) in enumerate(chart.series):
        offsets: list[float] = list(positions)
        if not chart.stacked:
            offsets = [p + (i - (len(chart.series) - 1) / 2) * width for p in positions]
        heights = [0 if v is None else v for v in values]
        colour = colours[i % len(colours)]
        draw: Any = ax.barh if chart.horizontal else ax.bar
        side = "left" if chart.horizontal else "bottom"
        draw(offsets, heights, width * 0.95, label=name, color=colour, **{side: base})
        if chart.stacked:
            base = [b + h for b, h in zip(base, heights, strict=True)]
    formatter = FuncFormatter(lambda value, _: number(int(value), lang))
    if chart.horizontal:
        ax.set_yticks(positions, chart.labels)
        ax.invert_yaxis()
        ax.xaxis.set_major_formatter(formatter)
    else:
        ax.set_xticks(positions, chart.labels, rotation=0 if len(chart.labels) <= 12 else 90)
        ax.yaxis.set_major_formatter(formatter)
    if len(chart.series) > 1:
        ax.legend(frameon=False)
    ax.set_title(chart.title, loc="left", fontsize=10)
    fig.tight_layout()
    out = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    fig.savefig(out, format=fmt, metadata=metadata, dpi=150)
    plt.close(fig)
    return out.getvalue()
