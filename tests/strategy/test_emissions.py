"""Pure emission descriptions (models.strategy.emissions) against hand calculations.

The same functions on real SMHI data, compared with Klimatkollen's published KPIs, are tested in
tests/lessons/strategi/test_utslapp.py.
"""
import math

import numpy as np
import pandas as pd
import pytest

from models.strategy import emissions as em
from models.strategy.constants import TREND_FIRST_YEAR


def test_sector_shares_hand_values_largest_first():
    row = pd.Series({"transport": 30.0, "waste": 10.0, "industry": 60.0})
    table = em.sector_shares(row, {"transport": "Transporter", "waste": "Avfall"})
    assert list(table.index) == ["industry", "transport", "waste"]
    # 60 / 100, 30 / 100, 10 / 100
    assert table["share_pct"].tolist() == pytest.approx([60.0, 30.0, 10.0])
    assert table["emissions_t_co2e"].tolist() == [60.0, 30.0, 10.0]
    # a key without a label keeps its key
    assert table["sector_sv"].tolist() == ["industry", "Transporter", "Avfall"]


def test_sector_shares_of_nothing_are_zero_not_nan():
    table = em.sector_shares(pd.Series({"a": 0.0, "b": 0.0}), {})
    assert table["share_pct"].tolist() == [0.0, 0.0]


def test_sector_shares_wants_a_series():
    with pytest.raises(TypeError, match="pandas.Series"):
        em.sector_shares({"a": 1.0}, {})


def test_county_table_hand_values():
    emissions = pd.Series({"Liten": 100.0, "Stor": 300.0})
    population = pd.Series({"Liten": 50.0, "Stor": np.nan})
    table = em.county_table(emissions, population, county_total=500.0)
    assert list(table.index) == ["Stor", "Liten"] and table.index.name == "kommun"
    # 300 / 500 = 60 %, 100 / 500 = 20 %; 100 t / 50 inhabitants = 2 t per inhabitant
    assert table["share_of_county_pct"].tolist() == pytest.approx([60.0, 20.0])
    assert table.loc["Liten", "t_co2e_per_capita"] == pytest.approx(2.0)
    assert math.isnan(table.loc["Stor", "t_co2e_per_capita"])


@pytest.mark.parametrize("county_total", [0.0, -5.0])
def test_county_table_rejects_a_county_total_that_is_not_positive(county_total):
    with pytest.raises(ValueError, match="county_total"):
        em.county_table(pd.Series({"A": 1.0}), pd.Series({"A": 1.0}), county_total)


def test_change_since_hand_values():
    # 2010 lies before the window; 2015-2017 fall by exactly 10 t a year.
    series = pd.Series([999.0, 100.0, 90.0, 80.0], index=[2010, 2015, 2016, 2017], name="x")
    change = em.change_since(series)
    assert TREND_FIRST_YEAR == 2015
    assert (change["first_year"], change["last_year"]) == (2015, 2017)
    assert (change["first_t_co2e"], change["last_t_co2e"]) == (100.0, 80.0)
    assert change["change_pct"] == pytest.approx(-20.0)
    # (80 / 100) ** (1 / 2) - 1 = -10.557 % per year
    assert change["cagr_pct_per_year"] == pytest.approx((0.8 ** 0.5 - 1) * 100)
    assert change["lad_slope_t_per_year"] == pytest.approx(-10.0)
    # with since=2010 the 2010 value is the first one: 80 / 999 - 1
    assert em.change_since(series, 2010)["change_pct"] == pytest.approx((80 / 999 - 1) * 100)


def test_change_since_needs_two_years():
    with pytest.raises(ValueError, match="2017"):
        em.change_since(pd.Series([1.0, 2.0], index=[2016, 2017]), since=2017)
