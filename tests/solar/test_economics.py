"""LCOE, NPV, payback and the value of a kWh, against hand calculations."""
from __future__ import annotations

import pandas as pd
import pytest

from models.solar import constants as C
from models.solar import economics as econ
from models.solar import screening


def test_lcoe_without_discounting_or_degradation():
    # (I + OM × n) / (E × n) = (100 000 + 1 000 × 25) / (10 000 × 25) = 0.5 kr/kWh
    assert econ.lcoe(100_000, 10_000, 1_000, rate=0.0, lifetime=25, degradation=0.0) == pytest.approx(0.5)


def test_lcoe_with_discounting_by_hand():
    # annuity factor (1 − 1.03^−25)/0.03 = 17.41315; LCOE = I / (E × AF)
    af = (1 - 1.03 ** -25) / 0.03
    assert af == pytest.approx(17.41315, abs=1e-5)
    assert econ.lcoe(150_000, 9_000, 0, rate=0.03, lifetime=25, degradation=0.0) == pytest.approx(
        150_000 / (9_000 * af))


def test_npv_by_hand():
    # −1 000 + 100 × (1 − 1.05^−20)/0.05 = −1 000 + 1 246.22 = 246.22
    assert econ.npv(1_000, 100, 0, rate=0.05, lifetime=20, degradation=0.0) == pytest.approx(246.221, abs=1e-3)
    # degradation 1 %/yr, 2 years, r = 0: −100 + 60 + 59.4 = 19.4
    assert econ.npv(100, 60, 0, rate=0.0, lifetime=2, degradation=0.01) == pytest.approx(19.4)


def test_payback_by_hand():
    assert econ.payback_years(1_000, 150, 0, lifetime=25, degradation=0.0) == pytest.approx(1_000 / 150)
    assert econ.payback_years(1_000, 150, 50, lifetime=25, degradation=0.0) == pytest.approx(10.0)
    # 10 kr/yr × 25 yr = 250 kr < 1 000 kr: never pays back -> None (readable, never inf/NaN)
    assert econ.payback_years(1_000, 10, 0, lifetime=25, degradation=0.0) is None
    assert econ.payback_years(1_000, -10) is None
    assert econ.payback_years(0, 10) == 0.0


def test_value_of_self_used_and_exported_kwh():
    prices = econ.Prices(spot=0.457, energy_tax=0.296, grid_fee=0.20, grid_benefit=0.03, tax_reduction=0.0)
    assert prices.self_used == pytest.approx(0.457 + 0.296 + 0.20)
    assert prices.exported == pytest.approx(0.487)
    assert econ.annual_value(1_000, 500, prices) == pytest.approx(1_000 * 0.953 + 500 * 0.487)


def test_tax_reduction_is_capped_by_bought_kwh_and_30000():
    prices = econ.Prices(spot=0.4, energy_tax=0.3, tax_reduction=C.MICRO_TAX_REDUCTION_SEK_PER_KWH)
    # 40 000 kWh exported, 35 000 kWh bought: reduction on 30 000 kWh only (Skatteverket)
    value = econ.annual_value(0, 40_000, prices, bought_kwh=35_000)
    assert value == pytest.approx(40_000 * 0.4 + 30_000 * 0.60)
    value = econ.annual_value(0, 40_000, prices, bought_kwh=10_000)
    assert value == pytest.approx(40_000 * 0.4 + 10_000 * 0.60)


def test_defaults_are_the_cited_values():
    assert econ.Prices().spot == C.SE1_SPOT_SEK_PER_KWH[2023] == 0.457
    assert C.ENERGY_TAX_NORRBOTTEN_ESTIMATE == pytest.approx(0.392 - 0.096)


@pytest.mark.parametrize("call, message", [
    (lambda: econ.lcoe(-1, 100), "investering"),
    (lambda: econ.lcoe(100, 0), "årsproduktion"),
    (lambda: econ.npv(100, 10, rate=0.9), "kalkylränta"),
    (lambda: econ.npv(100, 10, lifetime=0), "livslängd"),
    (lambda: econ.Prices(spot=float("nan")), "ändligt"),
    (lambda: econ.Prices(spot=50), "mellan"),
    (lambda: econ.payback_years(100, "mycket"), "tal"),
])
def test_bad_input(call, message):
    with pytest.raises(ValueError, match=message):
        call()


def test_payback_text_reads_for_never():
    assert econ.payback_text(None) == "mer än livslängden"
    assert econ.payback_text(6.666) == "6,7 år"


def test_annual_value_rejects_prices_of_the_wrong_type():
    with pytest.raises(TypeError, match="prices"):
        econ.annual_value(100, 10, "xyz")


def test_break_even_price_gives_zero_npv():
    # Hand: V = 1 000 kr/yr, r = 0, n = 10, d = 0, no O&M → P = 10 000 kr for 1 kWp
    assert econ.break_even_price_per_kwp(1.0, 1_000, 0.0, rate=0.0, lifetime=10, degradation=0.0) == pytest.approx(10_000)
    price = econ.break_even_price_per_kwp(50.0, 30_000, 0.01, rate=0.03, lifetime=25, degradation=0.005)
    invest = 50.0 * price
    assert econ.npv(invest, 30_000, 0.01 * invest, rate=0.03, lifetime=25, degradation=0.005) == pytest.approx(0, abs=1e-6)


def test_a_system_that_never_pays_back_reads_as_such_in_a_size_table():
    # 1 kWp × 1 kWh/h for 8760 h, load 0.5 kWh/h: 4 380 kWh self-used, 4 380 kWh exported (hand calculation).
    index = pd.date_range("2023-01-01", periods=8760, freq="h", tz="Europe/Stockholm")
    table = screening.size_table(pd.Series(1.0, index=index), pd.Series(0.5, index=index), 1.0,
                                 econ.Prices(spot=0.0, energy_tax=0.0), 1e6, om_share=0.0, steps=1)
    assert table.loc[0, "self_used_kwh"] == pytest.approx(4_380) and table.loc[0, "exported_kwh"] == pytest.approx(4_380)
    # every kWh is worth 0 kr, so 1 000 000 kr never comes back: None and pays_back False, never inf/NaN
    assert table.loc[0, "payback_years"] is None and not table.loc[0, "pays_back"]
