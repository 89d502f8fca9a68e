"""Screening of buildings and the county scenario, against hand calculations."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.solar import economics as econ
from models.solar import screening

INDEX = pd.date_range("2023-01-01", periods=8760, freq="h", tz="Europe/Stockholm")


def test_roof_kwp_by_hand():
    assert screening.roof_kwp(100) == pytest.approx(20.0)   # 100 m² × 0.20 kWp/m²


def test_screen_ranks_the_better_building_first():
    per_kwp = pd.Series(np.where(INDEX.hour == 12, 1.0, 0.0), index=INDEX)     # 365 kWh/kWp
    sites = pd.DataFrame({"building": ["A", "B"], "roof_area_m2": [50.0, 50.0], "tilt": [30.0, 30.0],
                          "azimuth": [180.0, 180.0], "annual_use_kwh": [8760.0, 8760.0]})
    loads = {0: pd.Series(1.0, index=INDEX), 1: pd.Series(1.0, index=INDEX)}
    production = {0: per_kwp, 1: per_kwp * 0.5}
    prices = econ.Prices(spot=0.5, energy_tax=0.3)
    out = screening.screen(sites, production, loads, prices, price_per_kwp=1_000.0, om_share=0.0, rate=0.0,
                           lifetime=25, degradation=0.0)
    assert out.iloc[0]["building"] == "A"
    best = out.set_index("building").loc["A"]
    # A: 1 kWp fills the 1 kWh load at noon; larger sizes export at 0.5 kr instead of 0.8 kr.
    # Every size up to 10 kWp pays (0.5 × 365 × 25 > 1 000): NPV is largest at the roof maximum.
    assert best["kwp"] == pytest.approx(10.0)
    value = 365 * 0.8 + (10 - 1) * 365 * 0.5
    assert best["npv_sek"] == pytest.approx(-10_000 + 25 * value)
    assert best["self_consumption"] == pytest.approx(0.1)
    # break-even price: value × 25 years / 10 kWp (r = 0, no O&M, no degradation)
    assert best["break_even_sek_per_kwp"] == pytest.approx(25 * value / 10)


def test_kept_balances_give_the_same_screening_and_must_match_the_sizes():
    per_kwp = pd.Series(np.where(INDEX.hour == 12, 1.0, 0.0), index=INDEX)     # 365 kWh/kWp
    sites = pd.DataFrame({"building": ["A"], "roof_area_m2": [50.0], "tilt": [30.0], "azimuth": [180.0],
                          "annual_use_kwh": [8760.0]})
    loads, production = {0: pd.Series(1.0, index=INDEX)}, {0: per_kwp}
    balances = screening.size_balances(sites, production, loads)
    # 20 sizes up to the roof's 10 kWp; at 0.5 kWp all 182.5 kWh are used, at 10 kWp 365 of 3 650 kWh
    assert balances[0]["kwp"].tolist() == pytest.approx([0.5 * i for i in range(1, 21)])
    assert balances[0]["self_used_kwh"].iloc[0] == pytest.approx(182.5)
    assert balances[0]["self_consumption"].iloc[-1] == pytest.approx(0.1)
    for price in (500.0, 1_000.0, 3_000.0):
        prices = econ.Prices(spot=0.5, energy_tax=0.3)
        fresh = screening.screen(sites, production, loads, prices, price)
        assert screening.screen(sites, production, loads, prices, price, balances=balances).equals(fresh)
    other = {0: balances[0].iloc[:10]}
    with pytest.raises(ValueError, match="andra storlekar"):
        screening.screen(sites, production, loads, econ.Prices(), 1_000.0, balances=other)


def test_shortlist_is_the_top_ranked_with_a_profit_flag():
    frame = pd.DataFrame({"npv_sek": [5.0, -1.0, 3.0], "rank": [1, 3, 2]})
    short = screening.shortlist(frame, 2)
    assert short["npv_sek"].tolist() == [5.0, 3.0]
    assert screening.shortlist(frame, 5)["profitable"].tolist() == [True, True, False]


def test_county_scenario_by_hand():
    w = pd.Series({"Övertorneå": 135.0, "Pajala": 110.0, "Kiruna": np.nan})
    pop = pd.Series({"Övertorneå": 4_000, "Pajala": 6_000, "Kiruna": 22_000})
    spec = pd.Series({"Övertorneå": 900.0, "Pajala": 900.0, "Kiruna": 850.0})
    out = screening.county_scenario(w, pop, spec)
    assert out.loc["Pajala", "installed_mw"] == pytest.approx(110 * 6_000 / 1e6)
    assert out.loc["Pajala", "scenario_mw"] == pytest.approx(135 * 6_000 / 1e6)
    assert out.loc["Kiruna", "installed_mw"] is None      # confidential: no number, never NaN
    assert out.loc["Kiruna", "scenario_mw"] == pytest.approx(135 * 22_000 / 1e6)
    assert out.loc["Pajala", "scenario_gwh"] == pytest.approx(135 * 6_000 / 1e6 * 900 / 1000)
    assert out["is_leader"].tolist() == [True, False, False]


def test_screen_picks_size_tables_best_row():
    """For each building, screen's chosen size and numbers are the row of size_table with the highest NPV."""
    hour = INDEX.hour.to_numpy()
    per_kwp = pd.Series(np.clip(np.sin((hour - 6) / 12 * np.pi), 0, None) * 0.5, index=INDEX)   # a daytime bell
    sites = pd.DataFrame({"building": ["Skolan", "Hallen"], "roof_area_m2": [400.0, 150.0], "tilt": [30.0, 20.0],
                          "azimuth": [180.0, 135.0], "annual_use_kwh": [87_600.0, 43_800.0]})
    loads = {0: pd.Series(np.where((hour >= 8) & (hour < 16), 20.0, 5.0), index=INDEX),
             1: pd.Series(5.0, index=INDEX)}
    production = {0: per_kwp, 1: per_kwp * 0.9}
    prices = econ.Prices(spot=0.4, energy_tax=0.4)
    out = screening.screen(sites, production, loads, prices, price_per_kwp=11_000.0)
    for key, site in sites.iterrows():
        table = screening.size_table(production[key], loads[key], screening.roof_kwp(site["roof_area_m2"]), prices,
                                     11_000.0)
        best = table.loc[table["npv_sek"].idxmax()]
        chosen = out.loc[key]
        assert chosen["kwp"] == best["kwp"] and chosen["max_kwp"] == table["kwp"].max()
        for column in ("production_kwh", "self_consumption", "investment_sek", "lcoe_sek_per_kwh", "npv_sek"):
            assert chosen[column] == pytest.approx(best[column]), column
        assert chosen["payback_years"] == pytest.approx(best["payback_years"])
    assert 0 < out.loc[0, "kwp"] < out.loc[0, "max_kwp"]      # an inner optimum, not just the largest size
