"""Lesson "Solen i Norrbotten": sun facts against the reference pack's table (pvlib SPA, 5-min steps,
solar.md §2) and the irradiation tables against the Luleå and Stockholm monthly values (the generator's
validation: test_validering.py)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from models import data
from models.lessons.solel import solen_i_norrbotten as lesson
from models.lessons.solel import validering
from models.solar import constants as C

# Reference pack, solar.md §2 (slightly different coordinates: ± 1–2 days near the Arctic Circle).
REFERENCE = {"Luleå": (0, 0, 1.34, 47.87), "Jokkmokk": (0, 27, 0.44, 46.84), "Pajala": (9, 38, -0.07, 46.24),
             "Kiruna": (27, 47, -1.30, 45.60), "Piteå": (0, 0, 1.58, 48.13)}


@pytest.mark.parametrize("kommun", sorted(REFERENCE))
def test_sun_facts_match_the_reference_table(kommun):
    night, midnight_sun, dec, jun = REFERENCE[kommun]
    facts = lesson.sun_facts(kommun)
    assert abs(facts["polar_night_days"] - night) <= 2
    assert abs(facts["midnight_sun_days"] - midnight_sun) <= 2
    assert facts["max_elevation_dec21"] == pytest.approx(dec, abs=0.15)
    assert facts["max_elevation_jun21"] == pytest.approx(jun, abs=0.15)


def test_sun_table_lists_all_kommuner_south_to_north():
    table = lesson.sun_table()
    assert len(table) == 14 and table.index[-1] == "Kiruna" and table.index[0] == "Piteå"


def test_day_length_extremes_in_kiruna():
    length = lesson.day_length("Kiruna")
    assert length.max() == 24.0 and length.min() == 0.0
    assert len(length) == 365


def test_irradiation_uses_the_cited_monthly_values():
    m = lesson.monthly_irradiation("Luleå")
    assert m["kommun_kwh_m2"].sum() == pytest.approx(944.08, abs=0.05)
    assert m["stockholm_kwh_m2"].sum() == pytest.approx(C.STOCKHOLM_GHI_YEAR_KWH_M2, abs=0.05)
    s = lesson.summary("Luleå")
    assert s["ghi_mar_sep_share"] == pytest.approx(sum(C.LULEA_GHI_KWH_M2[2:9]) / 944.08, abs=0.001)
    assert not s["generated"] and lesson.summary("Kiruna")["generated"]


def test_the_page_shows_validerings_validation():
    """The lesson re-exports the validation (tested in test_validering.py) for its page."""
    assert lesson.validation_summary is validering.validation_summary and lesson.validation is validering.validation


def test_site_grid_is_tidy():
    grid = lesson.site_grid()
    assert len(grid) == 14 * 12
    assert set(grid.columns) >= {"kommun", "month", "ghi_kwh_m2", "stockholm_kwh_m2"}
    assert grid.groupby("kommun")["ghi_kwh_m2"].sum().between(850, 1000).all()


def test_questions_are_well_formed():
    assert 3 <= len(lesson.QUESTIONS) <= 5


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_sun_path_scale_is_the_same_for_every_kommun(kommun):
    # the highest sun, 21 June at the southernmost main town, Piteå (65.3° N): 90 − 65.3 + 23.4 ≈ 48.1°, the
    # lowest (midnight, 21 December) −48.1°: within ±50°
    fig = lesson.sun_path_figure(kommun)
    assert fig.axes[0].get_ylim() == lesson.SUN_PATH_YLIM == (-50.0, 50.0)
    paths = np.concatenate([line.get_ydata() for line in fig.axes[0].lines[:3]])
    assert 45 < paths.max() < 48.5 and -48.5 < paths.min() < -40
    plt.close(fig)
