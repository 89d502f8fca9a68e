"""Review of the Strategi chapter (issue 8): dated constants and method facts, against their sources.

Sources: prop. 2023/24:28 and prop. 2021/22:243 (reduktionsplikt levels, transport.md §2.3);
Energimyndigheten, fuels delivered 2016 (diesel MK3 95.1 g CO2e/MJ, 35.9 MJ/l, transport.md §2.2);
Rockström et al. 2017, Science 355:1269 (halving every decade); Klimatkollen's 11.72 %/yr
(strategy.md §2.6: "halving time ≈ 5.56 years"). Every expected value is a hand calculation.
"""
import math

import pandas as pd
import pytest

from models.strategy import climate_budget as cb
from models.strategy import constants as c
from models.strategy import scenario


def test_reduktionsplikt_levels_are_the_propositions():
    # prop. 2021/22:243: 2022 diesel 30.5 %, petrol 7.8 %; 2023 paused at the same levels.
    assert c.REDUKTIONSPLIKT_DIESEL_PCT[2023] == 30.5 and c.REDUKTIONSPLIKT_PETROL_PCT[2023] == 7.8
    # prop. 2023/24:28: 6 % for both, 2024–2026, from 1 January 2024; later years undecided.
    for year in (2024, 2025, 2026):
        assert c.REDUKTIONSPLIKT_DIESEL_PCT[year] == 6.0 and c.REDUKTIONSPLIKT_PETROL_PCT[year] == 6.0
    assert 2027 not in c.REDUKTIONSPLIKT_DIESEL_PCT
    assert c.REDUKTIONSPLIKT_CUT_YEAR == 2024 and c.REDUKTIONSPLIKT_DECIDED_TO == 2026
    assert "2023/24:28" in c.REDUKTIONSPLIKT_SOURCE and "2021/22:243" in c.REDUKTIONSPLIKT_SOURCE


def test_diesel_factor_at_six_percent_by_hand():
    # 95.1 g/MJ × (1 − 0.06) × 35.9 MJ/l = 3 209.2 g/l (transport.md M6: "≈ 3.21 kg/l").
    assert c.DIESEL_2024_KG_PER_L == pytest.approx(95.1 * 0.94 * 35.9 / 1000)
    assert round(c.DIESEL_2024_KG_PER_L, 2) == 3.21
    # RP 30.5 %: 95.1 × 0.695 × 35.9 / 1000 = 2.373 (transport.md M6: "≈ 2.37 kg/l").
    assert c.diesel_kg_co2e_per_l(30.5) == pytest.approx(2.373, abs=0.001)
    assert c.DIESEL_2024_KG_PER_L > 2.853  # the old 2016 blend factor is lower


def test_two_carbon_laws():
    # Rockström et al. 2017: halve every decade -> 1 − 0.5^(1/10) = 0.066967 per year.
    assert c.ROCKSTROM_CARBON_LAW_RATE == pytest.approx(0.066967, abs=1e-6)
    # Klimatkollen 11.72 %/yr halves in ln 0.5 / ln 0.8828 = 5.56 years (strategy.md §2.6).
    halving = math.log(0.5) / math.log(1 - c.CARBON_LAW_REDUCTION_RATE)
    assert halving == pytest.approx(5.56, abs=0.01)
    assert (1 - c.CARBON_LAW_REDUCTION_RATE) ** 5 == pytest.approx(0.536, abs=0.001)  # strategy.md §2.6


def test_exponential_is_not_always_the_lowest_rate():
    # E0 = 1, B = 7. Exponential 1 − e^(−1/7) = 0.133122; geometric 1/7 = 0.142857.
    near = scenario.compare_methods(1.0, 7.0, 8)
    assert near["exponential"] == pytest.approx(100 * (1 - math.exp(-1 / 7)), abs=1e-4)
    assert near["geometric"] == pytest.approx(100 / 7, abs=1e-4)
    # Target year N = 8: r solves 7 = (1 − (1 − r)^8) / r; r = 0.0385 gives 7.00 (hand calc).
    r = near["target_year"] / 100
    assert (1 - (1 - r) ** 8) / r == pytest.approx(7.0, abs=1e-6)
    assert 0.038 < r < 0.039
    assert near["target_year"] < near["exponential"] < near["geometric"]
    # N = 7: the budget equals seven years of unchanged emissions -> no cut, a flat path.
    assert scenario.compare_methods(1.0, 7.0, 7)["target_year"] == 0.0
    # Far target year: the target-year rate approaches the geometric one from below.
    far = scenario.compare_methods(1.0, 7.0, 60)
    assert far["exponential"] < far["target_year"] < far["geometric"]


def test_reference_path_without_the_break_year():
    # 10 t lower every year 2015–2023 (200 → 120), then 2024 jumps to 160.
    years = range(2015, 2025)
    values = [200 - 10 * i for i in range(9)] + [160.0]
    series = pd.Series(values, index=years, dtype=float)
    without = cb.reference_path(series, 2026, "lad", until=2023)
    # Trend of 2015–2023 (slope −10) through the 2023 value 120: 2024 110, 2025 100, 2026 90.
    assert without.loc[2023] == pytest.approx(120) and without.loc[2026] == pytest.approx(90)
    with_break = cb.reference_path(series, 2026, "lad")
    assert with_break.loc[2024] == pytest.approx(160)  # anchored at the break year
    with pytest.raises(ValueError, match="until"):
        cb.reference_path(series, 2026, "lad", until=2010)
