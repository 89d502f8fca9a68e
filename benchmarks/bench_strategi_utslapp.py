"""Lesson "Utsläppen i din kommun": what one explorer update costs, for every kommun."""
from models import data
from models.data import emissions as smhi
from models.lessons.strategi import utslapp as lesson
from models.widgets.strategi.utslapp import _draw, chart_png

CASES = data.KOMMUNER


def setup():
    lesson.fact_table("Luleå")  # warm the data caches, as the lesson's first cell does
    for kommun in CASES:
        chart_png(kommun, "Över tid")  # a chart the learner has already seen


def bench_recompute(kommun):
    """Model only: the fact table (summary, sectors, county table, trend)."""
    lesson.fact_table(kommun)
    smhi.by_sector(kommun)


def bench_first_draw_slowest_chart(kommun):
    """First view of the costliest chart (small multiples), before the PNG cache has it."""
    _draw(kommun, "Sektorer över tid")


def bench_first_draw_default_chart(kommun):
    """First view of the default chart ("Över tid")."""
    _draw(kommun, "Över tid")


def bench_recompute_cached_update(kommun):
    """A later update to a chart already seen: fact table plus the cached PNG."""
    lesson.fact_table(kommun)
    chart_png(kommun, "Över tid")
