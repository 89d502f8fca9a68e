"""Lesson "Egenanvändning och lönsamhet": a widget update (model only) for every kommun."""
from models import data
from models.lessons.solel import egenanvandning as lesson
from models.widgets.solel import egenanvandning as widget

CASES = data.KOMMUNER


def setup():
    for kommun in CASES:
        lesson.case(lesson.Building(kommun=kommun))


def bench_recompute(kommun):
    """Model only: balance, economics and fact table for new size and prices."""
    b = widget.building(kommun, "Äldreboende", 400_000, 80, 12_000, 0.5, True)
    lesson.case(b)
    lesson.case_table(b)
