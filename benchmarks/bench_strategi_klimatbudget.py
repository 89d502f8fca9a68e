"""Lesson "Klimatbudget i budgetprocessen": what one explorer update costs, for every kommun."""
from models import data
from models.lessons.strategi import klimatbudget as lesson
from models.widgets.strategi import klimatbudget as w

CASES = data.KOMMUNER


def setup():
    lesson.climate_budget("Luleå")  # warm the data caches, as the lesson's first cell does


def bench_recompute(kommun):
    """Model and tables for a new kommun at the default controls (no drawing)."""
    w.view(kommun, draw=False)


def bench_recompute_slider_move(kommun):
    """Moving the measure-effect slider: model and tables only."""
    w.view(kommun, measure_pct=50, draw=False)


def bench_first_draw(kommun):
    """First view of the chart for a kommun, before the PNG cache has it."""
    w.chart_png.__wrapped__(kommun, lesson.DEFAULT_SCOPE, lesson.default_ceiling(), lesson.DEFAULT_REFERENCE, 100)
