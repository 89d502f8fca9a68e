"""Lesson "Mål och koldioxidbudget": what one budget-explorer update costs, for every kommun."""
from models import data
from models.lessons.strategi import mal_och_budget as lesson
from models.widgets.strategi import mal_och_budget as w

CASES = data.KOMMUNER
GOAL = "1,7 °C – samma andel (beräknat)"


def setup():
    w.view("Luleå")  # warm the data caches, as the lesson's first cells do


def _clear():
    # both the widget's and the lesson's scenario caches, so the model really runs
    w._scenario.cache_clear()
    lesson._scenario.cache_clear()


def bench_recompute(kommun):
    """Model only, uncached: scenario and key figures for a new combination of controls."""
    _clear()
    w.model(kommun, GOAL, "Fast målår 2045", 2026, "Industri", 0)


def bench_recompute_custom_share(kommun):
    """Model only, uncached, with the "Egen andel" slider moved."""
    _clear()
    w.model(kommun, GOAL, "Geometrisk", 2025, "Egen andel", 35)


def bench_first_draw(kommun):
    """First view of a chart, before the PNG cache has it."""
    w._draw(kommun, GOAL, "Geometrisk", 2027, "Inget", 0.0)
