"""Lesson "Klimatbudget i budgetprocessen": what one explorer update costs, for every kommun."""
from models import climate_budget_report, data
from models.widgets.climate_budget import chart_png, climate_budget_view

CASES = data.KOMMUNER


def setup():
    climate_budget_report.climate_budget("Luleå")  # warm the data caches, as the lesson's first cell does


def bench_recompute(kommun):
    """Model and tables for a new kommun at the default controls (no drawing)."""
    climate_budget_view(kommun, draw=False)


def bench_recompute_slider_move(kommun):
    """Moving the measure-effect slider: model and tables only."""
    climate_budget_view(kommun, measure_pct=50, draw=False)


def bench_first_draw(kommun):
    """First view of the chart for a kommun, before the PNG cache has it."""
    chart_png.__wrapped__(kommun, climate_budget_report.DEFAULT_SCOPE, climate_budget_report.default_ceiling(),
                          climate_budget_report.DEFAULT_REFERENCE, 100)
