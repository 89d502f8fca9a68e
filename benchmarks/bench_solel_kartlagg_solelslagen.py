"""Lesson "Kartlägg solelslägen": screening the eight template buildings (model only)."""
from models.lessons.solel import kartlagg_solelslagen as lesson

CASES = ("Luleå", "Kiruna")


def setup():
    for kommun in CASES:
        lesson.screen(kommun)


def bench_recompute(kommun):
    """Model only: a price change re-screens the list (production cached)."""
    lesson.ranking_table(lesson.screen(kommun, price_per_kwp=11_000))
