"""Lesson "Omställningsplan": one explorer update (two rules) and a 1 000-vehicle fleet through
``transition`` 2025–2045 (the issue asks for well under a second)."""
from models import transport
from models.data import fleet_file
from models.widgets.transporter import omstallningsplan as w

CASES = ("lowest_tco", "electric_first", "cheapest_any")
_BIG = None


def setup():
    global _BIG
    _BIG = transport.synthetic_fleet(fleet_file.example_fleet(), 1000, seed=1)
    w.view(draw=False)


def bench_recompute(rule):
    w.view(rule, "like_for_like", "residual_mix", "none", -32.0, 2045, draw=False)


def bench_transition_1000_vehicles_2025_2045(rule):
    transport.transition(_BIG, 2025, 2045, rule=rule)


def bench_draw_charts(rule):
    w._CACHE.clear()
    w.view(rule)
