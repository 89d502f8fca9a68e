"""TCO against hand calculations."""
import math

import pytest

from models import transport as t
from models.transport import constants as c, costs


def test_tco_hand_calculation():
    # P 300 000, S 50 000, 15 000 km × 0.2 kWh × 1 kr = 3 000 + 5 000 maint + 2 000 other = 10 000 kr/yr,
    # N = 3, r = 5 %: annuity factor 1/1.05 + 1/1.05² + 1/1.05³ = 2.723248; RV 150 000 / 1.05³
    a = 1 / 1.05 + 1 / 1.05 ** 2 + 1 / 1.05 ** 3
    expected = 300_000 - 50_000 + 10_000 * a - 150_000 / 1.05 ** 3
    got = t.tco(300_000, 15_000, 3, 0.2, 1.0, 5_000, 150_000, 0.05, subsidy=50_000, other_per_year=2_000)
    assert got == pytest.approx(expected)
    assert got == pytest.approx(250_000 + 27_232.48 - 129_575.66, abs=0.05)


def test_zero_rate_is_plain_sum():
    assert t.tco(100, 1000, 4, 0.1, 2.0, 10, 20, 0.0) == pytest.approx(100 + 4 * (200 + 10) - 20)
    assert t.annuity_factor(0.0, 4) == 4.0
    assert t.crf(0.0, 4) == 0.25


def test_crf_formula():
    r, n = 0.04, 5
    assert t.crf(r, n) == pytest.approx(r * (1 + r) ** n / ((1 + r) ** n - 1))


def test_breakdown_components_add_up_and_residual_halves_in_four_years():
    b = t.tco_breakdown("car", "diesel", 15_000, 4)
    parts = sum(b[k] for k in ("purchase_sek", "subsidy_sek", "energy_sek", "maintenance_sek", "other_sek",
                               "charger_sek", "residual_sek"))
    assert parts == pytest.approx(b["tco_sek"])
    price = c.VEHICLE_OPTIONS["car"]["diesel"]["purchase"]
    assert b["residual_sek"] == pytest.approx(-price * 0.5 / 1.04 ** 4)  # DN 2020: value halves in 4 years
    assert b["per_km_sek"] == pytest.approx(b["tco_sek"] * t.crf(0.04, 4) / 15_000)


def test_diesel_energy_cost_uses_the_dated_price():
    # 0.055 l/km × 23 kr/l (diesel, late 2023)
    b = t.tco_breakdown("car", "diesel", 10_000, 1, discount_rate=0.0)
    assert b["energy_sek"] == pytest.approx(10_000 * 0.055 * 23.0)


def test_electric_energy_cost_includes_the_cold_year():
    b = t.tco_breakdown("car", "electricity", 10_000, 1, discount_rate=0.0, prices={"electricity": 1.0})
    assert b["energy_sek"] == pytest.approx(10_000 * 0.15 * t.annual_factor())


def test_break_even_distance_is_where_tcos_meet():
    km = t.break_even_km("car", "electricity", "diesel", 4)
    assert km is not None and km > 0
    at = t.compare("car", km, 4, drivetrains=("electricity", "diesel"))["tco_sek"]
    assert at["electricity"] == pytest.approx(at["diesel"], rel=1e-9)


def test_break_even_none_when_electricity_never_pays():
    assert t.break_even_km("car", "electricity", "diesel", 4, prices={"electricity": 10.0, "diesel": 1.0}) is None


def test_sensitivity_moves_energy_share_only():
    s = t.sensitivity("car", 15_000, 4)
    assert set(s["parameter"]) == {"energy_prices", "annual_km", "residual_value"}
    base = s[(s["factor"] == 1.0)].iloc[0]
    up = s[(s["parameter"] == "energy_prices") & (s["factor"] == 1.2)].iloc[0]
    assert up["diesel"] > base["diesel"]


@pytest.mark.parametrize("kwargs, match", [
    (dict(annual_km=-1), "negativ"), (dict(years=0), "minst 1"), (dict(years=2.5), "heltal"),
    (dict(discount_rate=1.5), "kalkylränta"), (dict(subsidy=10**7), "stöd"), (dict(energy_price="dyrt"), "tal"),
])
def test_bad_input(kwargs, match):
    args = dict(purchase_price=300_000, annual_km=15_000, years=4, energy_per_km=0.2, energy_price=1.0,
                maintenance_per_year=5_000, residual_value=150_000, discount_rate=0.04) | kwargs
    with pytest.raises(ValueError, match=match):
        t.tco(**args)


def test_unknown_class_and_drivetrain():
    with pytest.raises(ValueError, match="fordonsslag"):
        t.tco_breakdown("traktor", "diesel", 1000, 4)
    with pytest.raises(ValueError, match="drivlin"):
        t.tco_breakdown("car", "ånga", 1000, 4)
    with pytest.raises(ValueError, match="drivmedel"):
        t.compare("car", 1000, 4, prices={"kol": 1.0})


def test_energy_cost_at_given_prices_and_cold_by_hand():
    # electric car: 0.15 kWh/km × factor 1.2 / charging efficiency 0.9 × 2 kr/kWh = 0.40 kr/km
    assert costs.energy_cost_per_km_at("car", "electricity", {"electricity": 2.0}, 1.2, 0.9) == pytest.approx(0.40)
    # diesel car: 0.055 l/km × 20 kr/l = 1.10 kr/km, whatever the cold
    assert costs.energy_cost_per_km_at("car", "diesel", {"diesel": 20.0}, 1.5) == pytest.approx(1.10)
    # plug-in hybrid: the electric share of the distance on grid kWh, the rest on petrol
    s, petrol_l = c.PHEV_ELECTRIC_SHARE, c.VEHICLE_OPTIONS["car"]["phev"]["energy_per_km"]
    expected = (1 - s) * petrol_l * 18.0 + s * c.PHEV_KWH_PER_KM * 1.2 / 0.9 * 1.5
    assert costs.energy_cost_per_km_at("car", "phev", {"petrol": 18.0, "electricity": 1.5}, 1.2, 0.9) == \
        pytest.approx(expected)


def test_energy_cost_at_names_a_missing_or_bad_price():
    with pytest.raises(TypeError, match=r"prices\['electricity'\]"):
        costs.energy_cost_per_km_at("car", "electricity", {"diesel": 20.0}, 1.2)
    with pytest.raises(ValueError, match="cold_factor"):
        costs.energy_cost_per_km_at("car", "diesel", {"diesel": 20.0}, -1.0)
    with pytest.raises(TypeError, match="prices måste vara en ordlista"):
        costs.energy_cost_per_km_at("car", "diesel", [20.0], 1.2)
