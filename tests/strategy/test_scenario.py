"""The pure scenario model (models.strategy.scenario) on hand-made series and published figures.

The same model on each kommun's data, compared with Klimatkollen's published budgets, rates and
dates, is tested in tests/lessons/strategi/test_mal_och_budget.py.
"""
import math

import numpy as np
import pandas as pd
import pytest

from models.strategy import scenario as sc
from models.strategy.constants import CARBON_LAW_REDUCTION_RATE

# A CO2 series that falls by exactly 5 t a year: E(y) = 100 - 5·(y - 2015), 2015–2022.
YEARS = range(2015, 2023)
LINE = pd.Series([100.0 - 5 * (y - 2015) for y in YEARS], index=list(YEARS))


def test_goal_factors_and_national_budget():
    # 1.7 °C / 1.5 °C = 285 / 80 (Klimatkollen scales the overhead with the budget)
    assert sc.GOALS == {"1.5C": 1.0, "1.7C": pytest.approx(285 / 80)}
    assert sc.national_net_budget("1.5C") == pytest.approx(64.61838596e6, rel=1e-9)
    assert sc.national_net_budget("1.7C") == pytest.approx(285e6 - 54.797e6, rel=1e-12)
    with pytest.raises(ValueError, match='"2C"'):
        sc.check_goal("2C")


def test_build_scenario_on_a_straight_line_by_hand():
    # Trend = the line itself: value on 1 January 2024 E0 = 100 - 5·9 = 55 t, slope -5 t/yr.
    # Exponential: r = 1 - exp(-E0/B) = 1 - exp(-55/200) = 24.0399 %.
    # Run-out: 55·t - 2.5·t² = 200 -> t = (22 - √164)/2 = 4.5969 years after 2024.
    s = sc.build_scenario(LINE, 200.0, kommun="Exempel", goal="1.5C")
    summary, table = s.summary, s.table
    assert summary["e0_t"] == pytest.approx(55.0)
    assert summary["trend_slope_t_per_year"] == pytest.approx(-5.0)
    assert summary["used_before_start_t"] == 0.0 and summary["remaining_t"] == 200.0
    assert summary["years_of_emissions"] == pytest.approx(200 / 55)
    assert summary["required_reduction_pct"] == pytest.approx(100 * (1 - math.exp(-0.275)))
    assert summary["exhaustion_year"] == pytest.approx(2024 + (22 - math.sqrt(164)) / 2)
    assert summary["feasible"] and summary["message_sv"] == ""
    assert summary["included_share_pct"] == pytest.approx(100.0)
    # exponential annual values are integrals of the curve: the years sum to (almost) the budget
    assert summary["pathway_total_t"] == pytest.approx(200.0, rel=1e-3)
    # Carbon Law from the same start level, -11.72 % a year
    assert table.loc[2024, "carbon_law_t"] == pytest.approx(55.0)
    assert table.loc[2025, "carbon_law_t"] == pytest.approx(55.0 * (1 - CARBON_LAW_REDUCTION_RATE))
    assert table.loc[2022, "history_t"] == 65.0 and np.isnan(table.loc[2024, "history_t"])


def test_later_start_uses_the_trend_area_before_it():
    # Start 2025: used = area under the trend over 2024 = (55 + 50)/2 = 52.5 t; E0 = 50 t
    s = sc.build_scenario(LINE, 200.0, start_year=2025).summary
    assert s["used_before_start_t"] == pytest.approx(52.5)
    assert s["remaining_t"] == pytest.approx(147.5)
    assert s["e0_t"] == pytest.approx(50.0)
    assert s["required_reduction_pct"] == pytest.approx(100 * (1 - math.exp(-50 / 147.5)))


def test_geometric_and_overspent_budgets_give_a_message_not_an_error():
    # geometric needs B ≥ E0: 40 t < 55 t
    s = sc.build_scenario(LINE, 40.0, method="geometric").summary
    assert not s["feasible"] and "mindre än ett års utsläpp" in s["message_sv"]
    s = sc.build_scenario(LINE, -10.0).summary
    assert not s["feasible"] and math.isnan(s["required_reduction_pct"])


def test_included_fraction_and_budget_after_exclusions_by_hand():
    shares = pd.DataFrame({"a": [0.5, 0.2], "b": [0.3, 0.3], "c": [0.2, 0.5]}, index=[2015, 2016])
    # excluding a: 1 - 0.5 = 0.5 and 1 - 0.2 = 0.8; then 25 % of the rest: × 0.75
    included = sc.included_fraction(shares, ["a"], 0.25)
    assert included.tolist() == pytest.approx([0.375, 0.6])
    assert sc.included_fraction(shares).tolist() == [1.0, 1.0]
    emissions = pd.Series([100.0, 300.0, 1e6], index=[2015, 2016, 2014])
    kept = emissions * included.reindex(emissions.index)
    # B · (37.5 + 180) / (100 + 300); 2014 is before the key years
    assert sc.budget_after_exclusions(1000.0, emissions, kept) == pytest.approx(1000 * 217.5 / 400)
    with pytest.raises(ValueError, match='"x"'):
        sc.included_fraction(shares, ["x"])
    with pytest.raises(ValueError, match="exclude_share"):
        sc.included_fraction(shares, (), 1.0)


def test_county_budget_shares_by_hand():
    # Two kommuner with CO2 2015–2016 of 30 + 30 and 10 + 30 t: shares 60 % and 40 % of the
    # summed published budgets 70 + 30 = 100 t -> 60 t and 40 t.
    co2 = pd.DataFrame({"A": [999.0, 30.0, 30.0], "B": [999.0, 10.0, 30.0]}, index=[2010, 2015, 2016])
    table = sc.county_budget_shares(co2, pd.Series({"A": 70.0, "B": 30.0}))
    assert list(table.index) == ["A", "B"]
    assert table["budget_t"].tolist() == pytest.approx([60.0, 40.0])
    assert table["share_of_county_pct"].tolist() == pytest.approx([60.0, 40.0])
    assert table["co2_2015_2022_t"].tolist() == [60.0, 40.0]
    assert table.loc["A", "share_of_sweden_pct"] == pytest.approx(100 * 70 / sc.national_net_budget())
    assert sc.county_budget_shares(co2, pd.Series({"A": 70.0, "B": 30.0}), "1.7C")[
        "published_budget_t"].tolist() == pytest.approx([70 * 285 / 80, 30 * 285 / 80])


@pytest.mark.parametrize("bad, message", [
    (dict(start_year=2023), "2024"),
    (dict(start_year=2036), "2035"),
    (dict(goal="2C"), "1.5C"),
    (dict(method="linear"), "exponential"),
    (dict(method="target_year", target_year=2024), "målår"),
    (dict(end_year=2101), "2100"),
])
def test_bad_input_raises_swedish_value_error(bad, message):
    with pytest.raises(ValueError, match=message):
        sc.build_scenario(LINE, 200.0, **bad)


def test_history_must_be_a_series():
    with pytest.raises(TypeError, match="list"):
        sc.build_scenario(list(LINE), 200.0)


# --- Luleå's own budget and the county ----------------------------------------------------------
# data/local_carbon_budgets_and_targets.csv (Luleå kommun, "Koldioxidbudget"): −16 %/yr
# 2023–2040, ≈1.1 Mt CO2 excl. SSAB, ≈0.2 Mt in 2021. Länsstyrelsen Norrbotten: −13.5 %/yr to
# 2045, budget exceeded in ≈7 years at current emissions; no absolute budget published.


def test_lulea_methods_with_published_central_values():
    # E0 = 0.2, B = 1.1, N = 18 (2023–2040):
    #   exponential 1 - exp(-0.2/1.1) = 16.62 %, geometric 0.2/1.1 = 18.18 %,
    #   target year (solves 1.1 = 0.2·(1 - (1-r)^18)/r) = 17.63 %.
    rates = sc.compare_methods(0.2, 1.1, 18)
    assert rates["exponential"] == pytest.approx(16.6247, abs=1e-4)
    assert rates["geometric"] == pytest.approx(18.1818, abs=1e-4)
    assert rates["target_year"] == pytest.approx(17.6276, abs=1e-4)


@pytest.mark.parametrize("method", ["exponential", "geometric", "target_year"])
def test_lulea_16_pct_inside_rounding_box_for_every_method(method):
    # Tolerance = the rounding of the published inputs: E0 "0,2" → [0.15, 0.25) Mt, B "1,1" →
    # [1.05, 1.15) Mt, rate "16" → [15.5, 16.5) %. Over that box every method reaches 16 %, so
    # the published figures cannot tell which method Luleå (WSP) used.
    corners = [sc.compare_methods(e0, b, 18)[method] for e0 in (0.15, 0.25) for b in (1.05, 1.15)]
    assert min(corners) < 16.0 < max(corners)


@pytest.mark.parametrize("method", ["exponential", "geometric", "target_year"])
def test_county_135_pct_consistent_with_seven_years(method):
    # Only B/E0 ≈ 7 years is published (rounded → [6.5, 7.5)); N = 23 for 2023–2045.
    # Exponential gives 14.26–12.48 %, geometric 15.38–13.33 %, target year 15.02–12.76 %:
    # all bracket 13.5 %, so the rate is consistent with "7 years" but not reproducible.
    fast, slow = sc.compare_methods(1.0, 6.5, 23)[method], sc.compare_methods(1.0, 7.5, 23)[method]
    assert slow < 13.5 < fast


def test_compare_methods_marks_impossible_methods():
    rates = sc.compare_methods(10.0, 5.0, 10)  # budget smaller than one year's emissions
    assert rates["exponential"] == pytest.approx(100 * (1 - math.exp(-2)))
    assert rates["geometric"] is None and rates["target_year"] is None  # no solution: None, never NaN


