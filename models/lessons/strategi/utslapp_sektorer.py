"""Lesson "Utsläppen i din kommun": the small multiples of the sectors over time, drawn cheaply (issue 13).

One panel per sector, each with its own scale. The panels are not matplotlib axes (a grid of nine axes
costs over a second to lay out and draw the first time): each panel is a line, a frame, grid lines and a
few tick labels placed in inches in its own box of the figure (no axes at all). So one figure
serves every kommun: :func:`update_sector_trend_figure` moves the lines and rewrites the texts (the
explorer redraws them over the kept source note, :mod:`models.common.live_figure`).
"""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.lines import Line2D
from matplotlib.ticker import MaxNLocator

from models.common import checks
from models.common.formatting import fmt_number
from models.common.live_figure import FigureChart
from models.common.plotting import MAIN, STYLE, add_source, apply_style
from models.data import emissions as smhi

KT = 1000.0  # tonnes per kilotonne: axes show "tusen ton"
COLUMNS, ROWS = 3, 3        # nine panels: the most sectors a kommun has in the snapshot
WIDTH = 9.0                 # figure width [in]
HEIGHT = 2.2 * ROWS + 0.4   # figure height [in]
TOP, BOTTOM, LEFT, RIGHT = 0.45, 0.22, 0.35, 0.1  # margins [in]: title, x labels, y label, right edge
TITLE_SPACE, LABEL_SPACE, TICK_SPACE = 0.42, 0.3, 0.5   # inside a panel's slot [in]
TICK = 3.5 / 72             # tick mark length [in] (matplotlib's default 3.5 pt)
MAX_TICKS = 7               # tick labels kept per panel and axis


def _boxes() -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) [in] of each panel's plot area, row by row."""
    slot_w = (WIDTH - LEFT - RIGHT) / COLUMNS
    slot_h = (HEIGHT - TOP - BOTTOM) / ROWS
    boxes = []
    for row in range(ROWS):
        for col in range(COLUMNS):
            x0, top = LEFT + col * slot_w, HEIGHT - TOP - row * slot_h
            boxes.append((x0 + TICK_SPACE, top - slot_h + LABEL_SPACE, x0 + slot_w - 0.1, top - TITLE_SPACE))
    return boxes


def sector_trend_figure(kommun: str):
    """Small multiples: one panel per sector, 1990 to the latest year (each with its own scale)."""
    apply_style()
    fig = plt.figure(figsize=(WIDTH, HEIGHT))
    inches = fig.dpi_scale_trans            # every part placed in inches from the figure's lower left corner

    def text(*args, **kwargs):
        return fig.text(*args, transform=inches, **kwargs)

    grid = fig.add_artist(LineCollection([], colors=STYLE["grid.color"], linewidths=STYLE["grid.linewidth"],
                                         zorder=0.5, transform=inches))
    frame = fig.add_artist(LineCollection([], colors="black", linewidths=0.8, zorder=2.5, transform=inches))
    boxes = _boxes()
    parts = {
        "lines": [fig.add_artist(Line2D([], [], color=MAIN, linewidth=2, marker="o", markersize=3, zorder=2,
                                        transform=inches)) for _ in boxes],
        "titles": [text((b[0] + b[2]) / 2, b[3] + 0.08, "", ha="center", va="bottom", fontsize=9,
                        fontweight="bold") for b in boxes],
        "y_labels": [[text(b[0], b[1], "", ha="right", va="center") for _ in range(MAX_TICKS)] for b in boxes],
        # the years under the lowest panel of each column
        "x_labels": [[text(0, 0, "", ha="center", va="top") for _ in range(MAX_TICKS)] for _ in range(COLUMNS)],
        "grid": grid, "frame": frame,
        "title": text(WIDTH / 2, HEIGHT - 0.08, "", ha="center", va="top", fontsize=12, fontweight="bold"),
    }
    text(0.12, BOTTOM + (HEIGHT - TOP - BOTTOM) / 2, "tusen ton CO₂e per år", rotation=90, ha="center",
         va="center", fontsize=9)
    add_source(fig, smhi.source_note(smhi.LATEST_DATASET))
    fig.stratus_trend_parts = parts
    update_sector_trend_figure(fig, kommun)
    return fig


def sector_trend_chart(kommun: str) -> FigureChart:
    """:func:`sector_trend_figure` as a live chart: ``chart.update(kommun)`` shows another kommun's sectors."""
    return FigureChart(sector_trend_figure(kommun), update_sector_trend_figure, "stratus_trend_parts",
                       moving_legends=False)


def update_sector_trend_figure(fig, kommun: str) -> bool:
    """Show another kommun's sectors in a figure from :func:`sector_trend_figure` (largest sector first).

    Returns ``False`` and changes nothing when the kommun has more sectors than the figure has panels."""
    parts = getattr(fig, "stratus_trend_parts", None)
    if parts is None:
        raise checks.WrongType(f"fig måste vara en figur från sector_trend_figure(), fick {checks.show(fig)}.")
    sectors = smhi.by_sector(kommun)
    labels = smhi.sector_labels()
    order = list(sectors.iloc[-1].sort_values(ascending=False).index)
    boxes = _boxes()
    if len(order) > len(boxes):
        return False
    years = sectors.index.to_numpy(dtype=float)
    span = years[-1] - years[0]
    x_low, x_high = years[0] - 0.05 * span, years[-1] + 0.05 * span
    x_ticks = np.arange(np.ceil(years[0] / 10) * 10, years[-1] + 1, 10)
    # the x labels under the lowest panel of each column
    lowest = {i % COLUMNS: i for i in range(len(order))}
    grid, frame = [], []
    for i, box in enumerate(boxes):
        left, bottom, right, top = box
        line, title = parts["lines"][i], parts["titles"][i]
        y_labels, x_labels = parts["y_labels"][i], parts["x_labels"][i % COLUMNS]
        shown = i < len(order)
        line.set_visible(shown)
        title.set_text(_wrap(labels[order[i]]) if shown else "")
        for text in y_labels:
            text.set_text("")
        if i < COLUMNS:
            for text in x_labels:
                text.set_text("")
        if not shown:
            line.set_data([], [])
            continue
        values = sectors[order[i]].to_numpy() / KT
        y_high = 1.05 * float(np.nanmax(values)) if np.nanmax(values) > 0 else 1.0
        y_ticks = [t for t in MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]).tick_values(0, y_high)
                   if 0 <= t <= y_high * (1 + 1e-9)][:MAX_TICKS]
        decimals = 0 if np.nanmax(values) >= 10 and all(float(t).is_integer() for t in y_ticks) else 1

        def to_x(x):
            return left + (np.asarray(x, float) - x_low) / (x_high - x_low) * (right - left)

        def to_y(y):
            return bottom + np.asarray(y, float) / y_high * (top - bottom)

        line.set_data(to_x(years), to_y(values))
        for text, tick in zip(y_labels, y_ticks):
            y = float(to_y(tick))
            text.set_position((left - TICK - 0.04, y))
            text.set_text(fmt_number(tick, decimals))
            grid.append([(left, y), (right, y)])
            frame.append([(left - TICK, y), (left, y)])
        for j, tick in enumerate(x_ticks):
            x = float(to_x(tick))
            grid.append([(x, bottom), (x, top)])
            frame.append([(x, bottom - TICK), (x, bottom)])
            if lowest[i % COLUMNS] == i and j < MAX_TICKS:
                x_labels[j].set_position((x, bottom - TICK - 0.04))
                x_labels[j].set_text(str(int(tick)))
        frame += [[(left, bottom), (left, top)], [(left, bottom), (right, bottom)]]
    parts["grid"].set_segments(grid)
    parts["frame"].set_segments(frame)
    parts["title"].set_text(f"{smhi.area_name(kommun)}: utsläpp per sektor 1990–{sectors.index.max()} "
                            "(olika skalor)")
    return True


def _wrap(label: str, width: int = 24) -> str:
    words, lines, line = label.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "\n".join(lines)

