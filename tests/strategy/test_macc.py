"""Tests for models.strategy.macc (annuity method, Ibrahim & Kennedy 2016)."""

import re

import numpy as np
import pandas as pd
import pytest

from models.strategy import MEASURE_COLUMNS, capital_recovery_factor, macc


@pytest.mark.parametrize(
    "rate, years, expected",
    [
        # CRF = r(1+r)^n/((1+r)^n - 1)
        (0.05, 10, 0.12950457496545661),  # 1.05^10 = 1.6288946; 0.0814447/0.6288946
        (0.04, 20, 0.07358175032862885),  # 1.04^20 = 2.1911231; 0.0876449/1.1911231
        (0.05, 25, 0.0709524572992296),  # 1.05^25 = 3.3863549; 0.1693177/2.3863549
        (0.0, 10, 0.1),  # no discounting: 1/n
        (0.05, 1, 1.05),  # one year: repay 1 SEK + 5 % interest
    ],
)
def test_capital_recovery_factor(rate, years, expected):
    assert capital_recovery_factor(rate, years) == pytest.approx(expected, rel=1e-12)


def _measures():
    return pd.DataFrame({
        "measure": ["Biogasbussar", "LED-belysning", "Solceller på skolor"],
        "sector": ["transport", "lokaler", "energi"],
        "responsible_unit": ["Kollektivtrafik", "Fastighet", "Fastighet"],
        "start_year": [2026, 2025, 2027],
        "abatement_t_per_year": [300.0, 20.0, 10.0],
        "investment_sek": [2_000_000.0, 400_000.0, 1_000_000.0],
        "running_cost_change_sek_per_year": [50_000.0, -5_000.0, 2_000.0],
        "energy_cost_change_sek_per_year": [100_000.0, -60_000.0, -70_000.0],
        "lifetime_years": [15, 10, 25],
    })


def test_macc_hand_values():
    # r = 5 %:
    #  LED:   CRF(10) = 0.1295046 → 51 801.83 - 5 000 - 60 000 = -13 198.17 SEK/yr; /20 t = -659.91
    #  Sol:   CRF(25) = 0.0709525 → 70 952.46 + 2 000 - 70 000 = 2 952.46 SEK/yr;  /10 t = 295.25
    #  Buss:  CRF(15) = 0.0963423 → 192 684.58 + 50 000 + 100 000 = 342 684.58;   /300 t = 1 142.28
    # sorted by cost: LED, Sol, Buss; cumulative abatement 20, 30, 330 t/yr
    curve = macc(_measures(), 0.05)
    assert list(curve["measure"]) == ["LED-belysning", "Solceller på skolor", "Biogasbussar"]
    np.testing.assert_allclose(curve["cost_per_tonne"],
                               [-659.9085006908678, 295.24572992296015, 1142.2819173949622],
                               rtol=1e-12)
    np.testing.assert_allclose(curve["cumulative_abatement"], [20.0, 30.0, 330.0])
    np.testing.assert_allclose(curve["net_annual_cost_sek_per_year"],
                               [-13198.170013817355, 2952.4572992296016, 342684.57521848864],
                               rtol=1e-12)
    # optional columns pass through with their rows
    assert list(curve["responsible_unit"]) == ["Fastighet", "Fastighet", "Kollektivtrafik"]
    assert list(curve.index) == [0, 1, 2]


@pytest.mark.parametrize("rate", [0.0, 0.02, 0.05, 0.1])
def test_macc_equals_npv_form(rate):
    # strategy.md §4: MAC = -NPV / Σ_t ΔE_t with tonnes discounted at the same rate:
    # [I + Σ_{t=1..n} c/(1+r)^t] / Σ_{t=1..n} A/(1+r)^t = (CRF·I + c)/A, since Σ 1/(1+r)^t = 1/CRF
    curve = macc(_measures(), rate)
    for row in curve.itertuples():
        t = np.arange(1, row.lifetime_years + 1)
        discount = (1 + rate) ** -t
        annual = row.running_cost_change_sek_per_year + row.energy_cost_change_sek_per_year
        cost_pv = row.investment_sek + np.sum(annual * discount)
        tonnes_pv = np.sum(row.abatement_t_per_year * discount)
        assert row.cost_per_tonne == pytest.approx(cost_pv / tonnes_pv, rel=1e-10)


def test_macc_does_not_modify_input_and_is_sorted():
    measures = _measures()
    before = measures.copy()
    curve = macc(measures, 0.04)
    pd.testing.assert_frame_equal(measures, before)
    assert curve["cost_per_tonne"].is_monotonic_increasing
    assert curve["cumulative_abatement"].iloc[-1] == measures["abatement_t_per_year"].sum()


def test_macc_ties_keep_input_order():
    measures = _measures().iloc[[1, 1]].reset_index(drop=True)
    measures.loc[:, "measure"] = ["A", "B"]
    assert list(macc(measures, 0.05)["measure"]) == ["A", "B"]


def test_measure_columns_documented():
    assert set(MEASURE_COLUMNS) == {"measure", "abatement_t_per_year", "investment_sek",
                                    "running_cost_change_sek_per_year",
                                    "energy_cost_change_sek_per_year", "lifetime_years"}


@pytest.mark.parametrize(
    "column, value, fragment",
    [
        ("abatement_t_per_year", 0.0, "0.0"),
        ("abatement_t_per_year", -4.0, "-4.0"),
        ("investment_sek", -1.5e5, "-150000.0"),
        ("lifetime_years", 0, "0"),
        ("lifetime_years", 7.5, "7.5"),
        ("energy_cost_change_sek_per_year", "mycket", "mycket"),
        ("running_cost_change_sek_per_year", np.nan, "nan"),
    ],
)
def test_macc_rejects_bad_values(column, value, fragment):
    measures = _measures().astype({column: object})
    measures.loc[1, column] = value
    with pytest.raises(ValueError) as excinfo:
        macc(measures, 0.05)
    message = str(excinfo.value)
    assert fragment in message and column in message and "LED-belysning" in message


def test_macc_rejects_missing_column():
    with pytest.raises(ValueError, match="lifetime_years"):
        macc(_measures().drop(columns="lifetime_years"), 0.05)


def test_macc_rejects_duplicate_names():
    measures = _measures()
    measures.loc[2, "measure"] = "LED-belysning"
    with pytest.raises(ValueError, match="LED-belysning"):
        macc(measures, 0.05)


@pytest.mark.parametrize("rate", [-0.01, 1.0, 3.5, "5 %"])
def test_macc_rejects_bad_discount_rate(rate):
    with pytest.raises(ValueError, match=re.escape(str(rate))):
        macc(_measures(), rate)


def test_macc_rejects_non_frame():
    with pytest.raises(ValueError, match="list"):
        macc([{"measure": "x"}], 0.05)
