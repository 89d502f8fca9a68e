"""Lesson "Uppföljning med nyckeltal och styrkort": what one explorer update costs, for every kommun."""
from models import data, follow_up_report
from models.widgets.follow_up import chart_png, follow_up_view

CASES = data.KOMMUNER


def setup():
    follow_up_report.scorecard("Luleå")  # warm the data caches, as the lesson's first cells do


def bench_recompute(kommun):
    """Scorecard, Swedish table and council summary for a kommun (no drawing)."""
    follow_up_view(kommun, draw=False)


def bench_recompute_tolerance_move(kommun):
    """Moving the tolerance slider: a new scorecard and summary."""
    follow_up_view(kommun, tolerance_pct=35, draw=False)


def bench_first_draw(kommun):
    """First view of one indicator chart, before the PNG cache has it."""
    chart_png.__wrapped__(kommun, follow_up_report.indicator_names()[1], 20, "Medianregression (LAD)")
