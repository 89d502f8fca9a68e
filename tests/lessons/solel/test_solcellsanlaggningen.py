"""Lesson "Solcellsanläggningen": chain, county yields and the comparison with published figures."""
from __future__ import annotations

import matplotlib.pyplot as plt
import pytest

from models import data
from models.lessons.solel import platser
from models.lessons.solel import solcellsanlaggningen as lesson
from models.solar import constants as C


def test_chain_steps_are_ordered_and_consistent():
    s = lesson.chain_summary("Luleå", 45, 180)
    assert s["poa_kwh_m2"] > s["ghi_kwh_m2"]                     # a tilted panel sees more than horizontal
    assert s["after_losses_kwh"] == pytest.approx(s["dc_kwh"] * (1 - 0.140757), rel=1e-4)
    assert s["after_snow_kwh"] < s["after_losses_kwh"]
    assert s["ac_kwh"] < s["after_snow_kwh"]
    assert s["temperature_gain_march_pct"] > s["temperature_gain_pct"] > 0


def test_county_yields_are_plausible():
    table = lesson.county_yields()
    assert len(table) == 14
    assert table["optimal_tilt"].between(40, 55).all()
    low, high = C.SWEDISH_MEASURED_RANGE_2014
    assert table["optimal_yield"].between(low, high).all()
    assert table.loc["Luleå", "optimal_yield"] == pytest.approx(C.PUBLISHED_YIELD_KWH_PER_KWP["Luleå"], rel=0.15)


def test_comparison_table_shows_the_published_figures():
    table = lesson.comparison_table()
    assert "880" in table["kWh per kWp och år"].tolist()
    assert "889" in table["kWh per kWp och år"].tolist()


def test_snow_table_flat_loses_most():
    table = lesson.snow_table("Luleå")
    losses = [int(x.split()[0]) for x in table["Snöförlust"]]
    assert losses[0] == max(losses)


def test_map_and_site_grid_shapes():
    grid = lesson.orientation_map("Luleå")
    assert len(grid) == len(lesson.MAP_TILTS) * len(lesson.MAP_AZIMUTHS)
    best = grid.loc[grid["yield_kwh_per_kwp"].idxmax()]
    assert best["azimuth"] == 180 and 40 <= best["tilt"] <= 55


def test_monthly_table_has_a_year_row():
    table = lesson.monthly_table("Kiruna", 45, 180)
    assert table.index[-1] == "År" and len(table) == 13


def test_update_monthly_figure_shows_what_a_new_figure_shows():
    """The explorer's in-place update gives the same bars and title as drawing the figure anew."""
    fig = lesson.monthly_figure("Luleå", 45, 180)
    lesson.update_monthly_figure(fig, "Kiruna", 20, 135)
    fresh = lesson.monthly_figure("Kiruna", 20, 135)
    for kept, new in zip(fig.axes[0].containers, fresh.axes[0].containers):
        assert [b.get_height() for b in kept] == pytest.approx([b.get_height() for b in new])
    assert fig.axes[0].get_title() == fresh.axes[0].get_title() == "Kiruna: lutning 20°, riktning 135°"
    plt.close("all")


def test_update_monthly_figure_rejects_another_figure():
    with pytest.raises(ValueError, match="monthly_figure"):
        lesson.update_monthly_figure(plt.figure(), "Luleå")
    with pytest.raises(TypeError, match="fig"):
        lesson.update_monthly_figure(None, "Luleå")
    plt.close("all")


def test_county_yields_match_the_plain_simulation():
    row = lesson.county_yields().loc["Luleå"]
    assert row["yield_30"] == pytest.approx(platser.specific_yield("Luleå", 30), rel=1e-9)
    assert row["optimal_yield"] == pytest.approx(platser.specific_yield("Luleå", row["optimal_tilt"]), rel=1e-9)


def test_warm_optimal_tilts_are_the_kommuners_best_tilts():
    tilts = lesson.warm_optimal_tilts()
    assert list(tilts) == list(data.KOMMUNER)
    assert tilts["Luleå"] == platser.optimal_tilt("Luleå") == lesson.summary("Luleå")["optimal_tilt"]
    assert lesson.county_yields()["optimal_tilt"].to_dict() == tilts
