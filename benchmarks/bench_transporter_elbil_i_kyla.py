"""Lesson "Elbil i kyla": one explorer update (model part) per design temperature."""
from models.widgets.transporter import elbil_i_kyla as w

CASES = (-40.0, -28.4, -15.0, 0.0, 10.0)


def setup():
    w.view(draw=False)


def bench_recompute(temp):
    w.view(temp, "high", 25, True, 18.0, draw=False)


def bench_draw_chart(temp):
    w._CACHE.clear()
    w.view(temp)
