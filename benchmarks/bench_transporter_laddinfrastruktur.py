"""Lesson "Laddinfrastruktur": one explorer update (sites and the 14 kommuner's projection)."""
from models.data import KOMMUNER
from models.widgets.transporter import laddinfrastruktur as w

CASES = KOMMUNER[::3]


def setup():
    w.view(draw=False)


def bench_recompute(kommun):
    w.view(kommun, -25.0, 8.0, 11.0, "own", "linear", 2033, draw=False)


def bench_draw_charts(kommun):
    w._CACHE.clear()
    w.view(kommun)
