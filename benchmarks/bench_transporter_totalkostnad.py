"""Lesson "Totalkostnad (TCO)": one explorer update (model part: six drivetrains, break-even)."""
from models.widgets.transporter import totalkostnad as w

CASES = (5_000, 15_000, 40_000)


def setup():
    w.view(draw=False)


def bench_recompute(km):
    w.view("van", km, 6, 1.2, 21.0, 5.0, 20_000, 40, draw=False)


def bench_draw_chart(km):
    w._CACHE.clear()
    w.view("car", km)
