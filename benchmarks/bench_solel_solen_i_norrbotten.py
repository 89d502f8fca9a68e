"""Lesson "Solen i Norrbotten": what one explorer update costs, and building a typical year."""
from models import data
from models.lessons.solel import platser
from models.lessons.solel import solen_i_norrbotten as lesson
from models.solar import typical_year as ty

CASES = data.KOMMUNER


def setup():
    for kommun in CASES:
        lesson.summary(kommun)      # sun positions and typical years cached, as after a first look


def bench_recompute(kommun):
    """Model only: the fact box for a kommun already seen."""
    lesson.fact_table(kommun)


def bench_generate_typical_year(kommun):
    """Building a kommun's typical year from the Luleå file (clear sky + transfer + decomposition)."""
    lulea, ref_sky, calibration = platser._reference(platser.data_key())
    lat, lon, alt = platser.coordinates(kommun)
    with platser.quiet():
        ty.generate(lulea, ref_sky, ty.clear_sky(lulea.index, lat, lon, alt), calibration)
