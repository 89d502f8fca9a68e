"""Benchmarks for what a learner waits on: widget updates (model recompute and full redraw).

Usage: make bench   (not part of make test: timings don't belong in pass/fail tests)
"""
from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from models import data, emissions  # noqa: E402
from models.widgets.emissions import emissions_view  # noqa: E402

BUDGET_MS = 100


def timed(label: str, func, repeat: int = 5) -> float:
    samples = []
    for kommun in data.KOMMUNER:
        for _ in range(repeat):
            start = time.perf_counter()
            func(kommun)
            samples.append((time.perf_counter() - start) * 1000)
    median, worst = statistics.median(samples), max(samples)
    print(f"{label:<55} median {median:7.1f} ms   max {worst:7.1f} ms")
    return median


def recompute(kommun: str) -> None:
    emissions.summary(kommun)
    emissions.by_sector(kommun)
    emissions.county_table()


def redraw(kommun: str) -> None:
    view = emissions_view(kommun)
    for figure in view.figures:
        figure.canvas.draw()  # what the inline backend does before it sends the PNG
        plt.close(figure)


if __name__ == "__main__":
    emissions_view("Luleå")  # warm the caches, as the lesson's first cell does
    plt.close("all")
    model_ms = timed("Utsläpp: modellen räknar om (14 kommuner x 5)", recompute)
    timed("Utsläpp: tabell + fyra diagram ritas om", redraw, repeat=1)
    print(f"Krav: modellens omräkning under {BUDGET_MS} ms -> {'OK' if model_ms < BUDGET_MS else 'FÖR LÅNGSAMT'}")
