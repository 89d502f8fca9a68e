"""Emission factors against Energimyndigheten's 2016 table and the reduktionsplikt by year."""
import math

import numpy as np
import pandas as pd
import pytest

from models import transport as t

# Energimyndigheten, fuels delivered 2016: g CO2e per litre (Nm³ for fordonsgas).
PETROL_FOSSIL, DIESEL_FOSSIL, HVO, E85, GAS = 3.004, 3.414, 0.476, 1.181, 1.173


@pytest.mark.parametrize("year, petrol, diesel", [
    (2018, 0.026, 0.193), (2020, 0.042, 0.21), (2021, 0.06, 0.26), (2022, 0.078, 0.305), (2023, 0.078, 0.305),
    (2024, 0.06, 0.06), (2025, 0.06, 0.06), (2026, 0.06, 0.06)])
def test_reduction_obligation_decided_levels(year, petrol, diesel):
    # Drivkraft Sverige (2018), Prop. 2021/22:243 (2020-2023), Prop. 2023/24:28 (2024-2026)
    assert t.reduction_obligation(year) == pytest.approx((petrol, diesel))


def test_diesel_factor_matches_the_computed_reference_values():
    # transport.md M6: 95.1 g/MJ fossil diesel; RP 30.5 % -> 66.1 g/MJ ~ 2.37 kg/l; RP 6 % -> 89.4 g/MJ ~ 3.21 kg/l
    assert t.fuel_emission_factor("diesel", 2022) == pytest.approx(2.37, abs=0.005)
    assert t.fuel_emission_factor("diesel", 2024) == pytest.approx(3.21, abs=0.005)
    assert t.fuel_emission_factor("diesel", 2024) == pytest.approx(DIESEL_FOSSIL * 0.94)


def test_petrol_follows_its_own_level():
    assert t.fuel_emission_factor("petrol", 2021) == pytest.approx(PETROL_FOSSIL * 0.94)
    assert t.fuel_emission_factor("petrol", 2022) == pytest.approx(PETROL_FOSSIL * (1 - 0.078))
    assert t.fuel_emission_factor("phev", 2022) == t.fuel_emission_factor("petrol", 2022)


def test_scenarios_after_2026():
    assert t.reduction_obligation(2030, "stay_6") == pytest.approx((0.06, 0.06))
    assert t.reduction_obligation(2027, "none") == (0.0, 0.0)
    assert t.fuel_emission_factor("diesel", 2027, scenario="none") == pytest.approx(DIESEL_FOSSIL)
    # earlier plan: 28 % / 66 % in 2030 (Prop. 2021/22:243), straight line from 6 % in 2026
    assert t.reduction_obligation(2030, "earlier_plan") == pytest.approx((0.28, 0.66))
    assert t.reduction_obligation(2028, "earlier_plan") == pytest.approx((0.06 + 0.11, 0.06 + 0.30))
    assert t.reduction_obligation(2040, "earlier_plan") == pytest.approx((0.28, 0.66))


@pytest.mark.parametrize("fuel, value", [("hvo100", HVO), ("e85", E85), ("biogas", GAS)])
def test_renewable_fuels_use_the_2016_factors(fuel, value):
    assert t.fuel_emission_factor(fuel, 2025) == value
    assert t.fuel_emission_factor(fuel, 2040) == value


@pytest.mark.parametrize("choice, g_per_kwh", [("swedish_mix", 47.2), ("nordic_mix", 90), ("residual_mix", 371.99),
                                               ("renewable", 0)])
def test_electricity_choices(choice, g_per_kwh):
    # JRC 2017 13.1 g/MJ x 3.6; IVL 2021; Ei 2021; 2030-sekretariatet 2022
    assert t.fuel_emission_factor("electricity", 2025, choice) * 1000 == pytest.approx(g_per_kwh, abs=0.05)


def test_electricity_choice_spans_about_tenfold():
    low = t.fuel_emission_factor("electricity", 2025, "swedish_mix")
    high = t.fuel_emission_factor("electricity", 2025, "residual_mix")
    assert 7 < high / low < 9


@pytest.mark.parametrize("kwargs, match", [
    (dict(fuel="kol", year=2025), "drivmedel"),
    (dict(fuel="diesel", year=2019), "2019"),
    (dict(fuel="diesel", year=2017), "mellan 2018 och 2050"),
    (dict(fuel="diesel", year=2051), "mellan"),
    (dict(fuel="diesel", year=2025.5), "heltal"),
    (dict(fuel="electricity", year=2025, electricity="kolkraft"), "elfaktor"),
    (dict(fuel="diesel", year=2030, scenario="hoppas"), "reduktionsplikten"),
])
def test_bad_input_is_a_swedish_value_error(kwargs, match):
    with pytest.raises(ValueError, match=match):
        t.fuel_emission_factor(**kwargs)


def test_fleet_emissions_hand_calculation():
    fleet = pd.DataFrame({"fuel": ["diesel", "electricity", "phev", "hvo100"],
                          "annual_km": [20_000, 10_000, 15_000, 0],
                          "consumption_per_km": [0.06, 0.18, 0.05, 0.08],
                          "electricity_per_km": [0, 0, 0.08, 0]})
    out = t.fleet_emissions(fleet, 2025, "nordic_mix")
    diesel = 20_000 * 0.06 * DIESEL_FOSSIL * 0.94            # 1 200 l
    el = 10_000 * 0.18 * 0.090                                # 1 800 kWh
    phev = 15_000 * 0.05 * PETROL_FOSSIL * 0.94 + 15_000 * 0.08 * 0.090
    assert out["emissions_t_co2e"].tolist() == pytest.approx([diesel / 1000, el / 1000, phev / 1000, 0.0])
    assert out.loc[0, "energy_kwh"] == pytest.approx(1200 * 35.5 / 3.6)
    assert out.loc[1, "electricity_kwh"] == pytest.approx(1800)
    assert out.loc[2, "electricity_kwh"] == pytest.approx(1200)
    assert (out["emissions_t_co2e"] >= 0).all()


def test_fleet_emissions_rejects_negative_km_and_unknown_fuel():
    fleet = pd.DataFrame({"fuel": ["diesel"], "annual_km": [-5.0], "consumption_per_km": [0.06]})
    with pytest.raises(ValueError, match="negativ"):
        t.fleet_emissions(fleet, 2025)
    with pytest.raises(ValueError, match="drivmedel"):
        t.fleet_emissions(fleet.assign(fuel="trä", annual_km=5.0), 2025)
    with pytest.raises(ValueError, match="saknar kolumnerna"):
        t.fleet_emissions(fleet.drop(columns="annual_km"), 2025)
