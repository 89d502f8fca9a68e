"""Lesson "Uppföljning med nyckeltal och styrkort": what one explorer update costs, for every kommun."""
from models import data
from models.lessons.strategi import uppfoljning as lesson
from models.widgets.strategi import uppfoljning as w

CASES = data.KOMMUNER


def setup():
    lesson.scorecard("Luleå")  # warm the data caches, as the lesson's first cells do


def bench_recompute(kommun):
    """Scorecard, Swedish table and council summary for a kommun (no drawing)."""
    w.view(kommun, draw=False)


def bench_recompute_tolerance_move(kommun):
    """Moving the tolerance slider: a new scorecard and summary."""
    w.view(kommun, tolerance_pct=35, draw=False)


def bench_first_draw(kommun):
    """First view of one indicator chart, before the PNG cache has it."""
    w._draw(kommun, lesson.indicator_names()[1], 20, "Medianregression (LAD)")
