"""Tests for models.strategy.trend and .exhaustion against Klimatkollen's published output."""

import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from models.strategy import (
    budget_exhaustion_date,
    budget_exhaustion_year,
    cagr_pct,
    decimal_year_to_date,
    lad_trend,
    linear_trend,
    trend_pathway,
    trend_zero_year,
)

# --- hand values ------------------------------------------------------------------------------


def test_least_squares_hand_value():
    # points (0, 1), (1, 3), (2, 2): x̄ = 1, ȳ = 2, slope = Σ(x-x̄)(y-ȳ)/Σ(x-x̄)²
    #   = ((-1)(-1) + 0·1 + 1·0)/2 = 0.5; line at x = 2: 2 + 0.5·1 = 2.5
    line = linear_trend(pd.Series([1.0, 3.0, 2.0], index=[2020, 2021, 2022]), since=2020)
    assert line.slope_t_per_year == pytest.approx(0.5)
    assert line.level_t == pytest.approx(2.5) and line.reference_year == 2022


def test_lad_ignores_an_outlier():
    # points on y = 10 - (t - 2015) except 2016 (30 instead of 9): LAD goes through the four
    # good points (slope -1, 6 in 2019); least squares is pulled to -1 + (x-x̄)·δ/Σ(x-x̄)²
    # = -1 + (-1)·21/10 = -3.1 (outlier δ = +21 at x - x̄ = -1; Σ(x-x̄)² = 10).
    s = pd.Series([10.0, 30.0, 8.0, 7.0, 6.0], index=[2015, 2016, 2017, 2018, 2019])
    line = lad_trend(s)
    assert line.slope_t_per_year == pytest.approx(-1.0) and line.level_t == pytest.approx(6.0)
    assert linear_trend(s).slope_t_per_year == pytest.approx(-3.1)


def test_trend_skips_missing_and_early_years():
    s = pd.Series([99.0, 4.0, np.nan, 2.0], index=[2010, 2015, 2016, 2017])
    line = linear_trend(s)  # since = 2015: points (2015, 4), (2017, 2)
    assert line.slope_t_per_year == pytest.approx(-1.0) and line.level_t == pytest.approx(2.0)


def test_trend_pathway_floor_and_anchor():
    line = linear_trend(pd.Series([10.0, 8.0], index=[2020, 2021]), since=2020)  # 10 - 2t
    path = trend_pathway(line, 2022, 2027)
    np.testing.assert_allclose(path.to_numpy(), [6, 4, 2, 0, 0, 0])  # floored at 0
    anchored = trend_pathway(line, 2022, 2023, anchor_t=9.0)  # through (2021, 9)
    np.testing.assert_allclose(anchored.to_numpy(), [7, 5])


def test_trend_zero_year():
    line = linear_trend(pd.Series([10.0, 8.0], index=[2020, 2021]), since=2020)
    assert trend_zero_year(line) == pytest.approx(2025.0)  # 2021 + 8/2
    rising = linear_trend(pd.Series([8.0, 10.0], index=[2020, 2021]), since=2020)
    assert trend_zero_year(rising) == math.inf


def test_exhaustion_hand_values():
    # flat 10 t/yr, budget 25 t from 2024 → 2026.5
    assert budget_exhaustion_year(25, 10, 0, 2024) == pytest.approx(2026.5)
    # falling 10 - 2t: area to zero = 10·5/2 = 25; budget 16 → 10Δ - Δ² = 16 → Δ = 2
    assert budget_exhaustion_year(16, 10, -2, 2024) == pytest.approx(2026.0)
    # budget 30 > 25: the falling trend never uses it up (None = never, not inf)
    assert budget_exhaustion_year(30, 10, -2, 2024) is None
    # rising from zero 2t: area t² = 9 → Δ = 3
    assert budget_exhaustion_year(9, 0, 2, 2024) == pytest.approx(2027.0)


@pytest.mark.parametrize("slope", [-3000.0, -100.0, 0.0, 50.0, 4000.0])
@pytest.mark.parametrize("budget", [1e3, 5e4, 2e5])
def test_exhaustion_integral_equals_budget(slope, budget):
    # ∫_{t_s}^{t_s+Δ} (E_s + k·u) du = E_s·Δ + k·Δ²/2 must equal B when finite
    e_s, start = 30000.0, 2025
    year = budget_exhaustion_year(budget, e_s, slope, start)
    if year is None:
        assert slope < 0 and budget > e_s ** 2 / (2 * -slope)  # area to zero < budget
    else:
        d = year - start
        assert e_s * d + slope * d * d / 2 == pytest.approx(budget, rel=1e-10)


def test_decimal_year_to_date():
    # 365-day years from 1 Jan of the anchor: 2025 + 0.5·365 d = 2025-07-02 12:00
    assert decimal_year_to_date(2025.5) == dt.date(2025, 7, 2)
    # anchor matters across a leap day: 2024.9648 from 2025-01-01 → 2024-12-19
    assert decimal_year_to_date(2024.96478, anchor_year=2025) == dt.date(2024, 12, 19)


# --- Klimatkollen Dec 2024 (least squares) --------------------------------------------------------
# SMHI CO2 2015–2022: data/emissions_total.csv, dataset co2_to_2022_snapshot_2024_12.
# Trend and dates: data/klimatkollen_emission_paths.csv (klimatkollen_2024_12, linear_trend)
# and data/klimatkollen_carbon_budget.csv (trend_hits_net_zero), klimatkollen@2fc6856b.
CO2_2015_2022 = {
    "Arjeplog": [16568.5, 15785.132, 13619.407, 12545.301, 12801.51, 11819.486, 12503.393,
                 10393.046],
    "Kiruna": [682885.934, 714577.521, 716837.76, 707253.077, 719319.929, 709778.531,
               686706.853, 672143.995],
    "Luleå": [2765810.618, 3753269.972, 3830490.323, 3495831.96, 3490654.717, 3360919.966,
              3414273.742, 3408944.579],
}
KK_2024_TREND = {  # published linear_trend 2024 … 2027 [t], trend_hits_net_zero
    "Arjeplog": ([9012.896, 8241.701, 7470.505, 6699.31], dt.date(2035, 9, 5)),
    "Kiruna": ([686543.693, 683881.1, 681218.508, 678555.916], dt.date(2281, 9, 4)),
    "Luleå": ([3531237.288, 3547821.434, 3564405.58, 3580989.726], None),  # "never"
}


@pytest.mark.parametrize("kommun", list(CO2_2015_2022))
def test_least_squares_reproduces_klimatkollen_2024(kommun):
    emissions = pd.Series(CO2_2015_2022[kommun], index=range(2015, 2023))
    line = linear_trend(emissions)
    published, net_zero = KK_2024_TREND[kommun]
    # published values rounded to 0.001 t; inputs rounded to 0.001 t → atol 0.002 t
    np.testing.assert_allclose(trend_pathway(line, 2024, 2027).to_numpy(), published,
                               rtol=0, atol=2e-3)
    zero = trend_zero_year(line)
    if net_zero is None:
        assert zero == math.inf
    else:  # Klimatkollen anchors net-zero dates on 1 Jan of last data year + 1 = 2023
        assert decimal_year_to_date(zero, anchor_year=2023) == net_zero


# --- Klimatkollen 2026 (LAD, anchored at the last observation) ------------------------------------
# GGT 2015, 2020–2024 (no 2016–2019 in this snapshot): data/emissions_total.csv, dataset
# ghg_to_2024_snapshot_2026_06. Published: data/klimatkollen_kpis_latest.csv
# (trend_slope_t_per_year, trend_emissions_2026_2050_t), territorial-data-pipeline@bf20c580.
GGT_YEARS = [2015, 2020, 2021, 2022, 2023, 2024]
LAD_CASES = [
    ("Arjeplog", [23403.518, 17533.213, 17692.958, 15959.179, 16048.876, 18042.351],
     -951.76, 144920.772),
    ("Luleå", [2800266.745, 3311749.574, 3445537.636, 3453305.537, 3394961.678, 2995747.739],
     93291.256, 107545633.069),
    ("Pajala", [44104.859, 63609.676, 62257.368, 75432.808, 79289.871, 96573.769],
     4398.127, 3953688.509),
]


@pytest.mark.parametrize("kommun, values, slope, total", LAD_CASES)
def test_lad_reproduces_klimatkollen_2026(kommun, values, slope, total):
    line = lad_trend(pd.Series(values, index=GGT_YEARS))
    # slope printed with 3 decimals → ±0.0005 t/yr (+ input rounding)
    assert line.slope_t_per_year == pytest.approx(slope, abs=1e-3)
    # Klimatkollen shifts the LAD line through the 2024 observation and sums 2026–2050.
    # 25 values; a slope error of 1e-3 t/yr adds ≤ Σ(t)·1e-3 ≈ 0.4 t → tolerance 0.5 t.
    path = trend_pathway(line, 2026, 2050, anchor_t=values[-1])
    assert path.sum() == pytest.approx(total, abs=0.5)


# --- Klimatkollen budget_runs_out_date ---------------------------------------------------------
# Inputs: budget_remaining_t and budget_runs_out_date from data/klimatkollen_carbon_budget.csv;
# trend value in the start year and slope (difference of the next two linear_trend values) from
# data/klimatkollen_emission_paths.csv, same dataset.
EXHAUSTION_CASES = [
    # kommun, start year, budget [t], trend start value [t/yr], slope [t/yr²], published date
    ("Arjeplog", 2024, 22565.694, 9012.896, 8241.701 - 9012.896, dt.date(2026, 11, 7)),
    ("Pajala", 2024, 79538.907, 79564.301, 85536.177 - 79564.301, dt.date(2024, 12, 19)),
    ("Luleå", 2024, 5856630.055, 3531237.288, 3547821.434 - 3531237.288, dt.date(2025, 8, 27)),
    ("Kiruna", 2024, 1193770.114, 686543.693, 683881.1 - 686543.693, dt.date(2025, 9, 29)),
    ("Arjeplog", 2025, 13024.95, 12793.11, 11744.49 - 12793.11, dt.date(2026, 1, 24)),
    # negative remaining budget: the date lies before the start year
    ("Pajala", 2025, -9999.97, 88336.91, 93938.85 - 88336.91, dt.date(2024, 11, 20)),
    ("Boden", 2025, 37390.84, 142641.64, 144807.28 - 142641.64, dt.date(2025, 4, 6)),
]


@pytest.mark.parametrize("kommun, start, budget, e_s, slope, published", EXHAUSTION_CASES)
def test_reproduces_klimatkollen_budget_runs_out_date(kommun, start, budget, e_s, slope,
                                                      published):
    # exact date: inputs rounded to ≤ 0.01 t move the result by seconds, not days
    assert budget_exhaustion_date(budget, e_s, slope, start) == published


def test_exhaustion_date_none_when_never():
    assert budget_exhaustion_date(1e6, 100.0, -10.0, 2025) is None


# --- from the emissions lesson: growth rate and outliers (was tests/test_trend.py) --------------


def test_cagr_hand_value():
    # 100 -> 121 over 2 years: sqrt(1.21) = 1.1 -> +10 % per year
    assert cagr_pct(100, 121, 2) == pytest.approx(10.0)
    # halving over 5 years: 0.5 ** 0.2 = 0.870551 -> -12.9449 % per year
    assert cagr_pct(200, 100, 5) == pytest.approx((0.5 ** 0.2 - 1) * 100)


def test_lad_ignores_one_outlier_where_least_squares_does_not():
    # Points on y = 2x + 1 (x = years since 2015) except one wild value in 2019.
    series = pd.Series([1.0, 3.0, 5.0, 7.0, 100.0], index=[2015, 2016, 2017, 2018, 2019])
    lad = lad_trend(series)
    assert lad.slope_t_per_year == pytest.approx(2.0)
    assert lad.at(2015) == pytest.approx(1.0)
    # Least squares by hand: mean x = 2, mean y = 23.2, Sxx = 10,
    # Sxy = (-2)(-22.2) + (-1)(-20.2) + 0 + (1)(-16.2) + (2)(76.8) = 202 -> slope 20.2
    assert linear_trend(series).slope_t_per_year == pytest.approx(20.2)


@pytest.mark.parametrize("first, last, years", [(0, 10, 5), (10, 5, 0), (-1, 5, 3), (10, -1, 3)])
def test_cagr_rejects_bad_input(first, last, years):
    with pytest.raises(ValueError):
        cagr_pct(first, last, years)
