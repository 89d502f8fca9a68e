"""Bad input at the chapter's public boundary: our own Swedish errors, never NaN/inf or a library's error
(issue 14). Each case is one the fuzz test found; the message names the value and what is valid."""
import math

import numpy as np
import pytest

from models import transport as t
from models.common.checks import WrongType
from models.data import fleet_file
from models.transport import costs, turnover


def fleet():
    return fleet_file.example_fleet()


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(vehicles_start=math.nan), ValueError, "vehicles_start .* ändligt tal"),
    (dict(vehicles_start=1e-17), ValueError, "bortom varje rimligt antal fordon"),
    (dict(vehicles_now="200"), WrongType, 'vehicles_now .* lista med tal, fick "200"'),
    (dict(years_ahead=10 ** 400), ValueError, "years_ahead \\(år framåt\\) måste vara ett ändligt tal"),
    (dict(vehicles_start=[1.0, 2.0]), ValueError, "lika många värden"),
])
def test_public_charging_projection_rejects(kwargs, error, match):
    args = dict(vehicles_start=100.0, vehicles_now=200.0, points_now=10.0, years_between=2.0, years_ahead=5.0,
                points_per_vehicle=0.1) | kwargs
    with pytest.raises(error, match=match):
        t.public_charging_projection(**args)


def test_public_charging_projection_scalars_are_one_area():
    # 100 → 144 vehicles in 2 years is +20 %/yr (hand calculation, as in test_charging)
    out = t.public_charging_projection(100.0, 144.0, 10.0, 2.0, 1.0, 0.1)
    assert out.loc[0, "growth_pct_per_year"] == pytest.approx(20.0)
    assert out.loc[0, "vehicles_projected"] == pytest.approx(172.8)


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(base_kwh_per_km=10 ** 400), ValueError, "base_kwh_per_km .* högst 10"),
    (dict(preheated=None), WrongType, "preheated .* True/False"),
    (dict(battery_kwh=[64.0, 70.0, 80.0]), ValueError, "battery_kwh måste ha ett värde eller ett per fordon \\(2\\)"),
    (dict(longest_daily_km="120"), WrongType, "longest_daily_km"),
    (dict(temp_c=-80), ValueError, "temp_c .* mellan -50 och 45"),
])
def test_range_check_rejects(kwargs, error, match):
    args = dict(longest_daily_km=[120.0, 300.0], base_kwh_per_km=0.15, battery_kwh=64.0, temp_c=-20.0) | kwargs
    with pytest.raises(error, match=match):
        t.range_check(**args)


def test_costs_reject_what_used_to_crash():
    with pytest.raises(WrongType, match="factors .* lista med tal"):
        t.sensitivity("car", 15_000, 4, factors=None)
    with pytest.raises(WrongType, match="annual_km .* måste vara ett tal"):
        t.sensitivity("car", "12", 4)
    with pytest.raises(WrongType, match="years .* lista med tal"):
        costs.yearly_fixed_costs(np.array(["car"]), np.array(["diesel"]), "9999", 0.04)
    with pytest.raises(ValueError, match="mellan 1 och 30"):
        costs.yearly_fixed_costs(np.array(["car"]), np.array(["diesel"]), np.array([9999.0]), 0.04)
    with pytest.raises(WrongType, match="prices måste vara en ordlista"):
        costs.prices_with_defaults([1.0])


def test_cost_per_km_needs_a_distance_instead_of_returning_inf():
    with pytest.raises(ValueError, match="annual_km .* mellan 1 och 1e\\+06 km"):
        t.tco_breakdown("car", "electricity", 0, 4)


def test_break_even_still_linear_hand_calculation():
    # TCO is a + b·km; at the break-even both drivetrains cost the same
    km = t.break_even_km("car", "electricity", "diesel", 4)
    if km not in (None, 0.0):
        both = t.compare("car", km, 4, drivetrains=("electricity", "diesel"))["tco_sek"]
        assert both["electricity"] == pytest.approx(both["diesel"], rel=1e-9)


def test_fleet_tables_reject_what_used_to_crash():
    with pytest.raises(ValueError, match="seed .* minst 0"):
        t.synthetic_fleet(fleet(), 10, seed=-1)
    with pytest.raises(WrongType, match="per_vehicle .* pandas.DataFrame"):
        t.fuel_summary(fleet(), None)
    with pytest.raises(WrongType, match="result .* pandas.DataFrame"):
        t.fossil_free_year("1,000")
    result = t.transition(fleet(), 2025, 2030)
    damaged = result.assign(procured=result["procured"].astype(object))
    damaged.iat[1, damaged.columns.get_loc("procured")] = math.nan
    with pytest.raises(ValueError, match="kolumnen procured på rad 2"):
        t.procurement_share(damaged)


@pytest.mark.parametrize("column, value, match", [
    ("annual_km", "12", "annual_km .* måste vara ett tal, fick \"12\""),     # no silent "12" -> 12.0
    ("model_year", 1e300, "model_year .* högst 2100"),
    ("holding_years", 40, "holding_years .* högst 30"),
    ("vehicle_id", None, "vehicle_id .* text eller ett heltal"),
    ("parking_power", "ja", "parking_power .* sant eller falskt"),
])
def test_check_fleet_is_strict(column, value, match):
    bad = fleet()
    bad[column] = bad[column].astype(object)
    bad.iat[0, bad.columns.get_loc(column)] = value
    with pytest.raises(ValueError, match=match):
        turnover.check_fleet(bad)


def test_ev_consumption_rejects_text_and_mismatched_lengths():
    with pytest.raises(WrongType, match="base_kwh_per_km"):
        t.ev_consumption("0.15", -20)
    with pytest.raises(ValueError, match="lika långa"):
        t.ev_consumption(np.array([0.15, 0.2]), np.array([-20.0, -10.0, 0.0]))


@pytest.mark.parametrize("column, value, match", [
    ("year", 1800, "kolumnen year på rad 2"),
    ("procured", -1, "kolumnen procured på rad 2"),
    ("procured_zero_emission", 5, "procured_zero_emission får inte vara större än procured"),
])
def test_a_result_with_whole_numbers_is_still_checked_cell_by_cell(column, value, match):
    # integer columns and a bool fossil_free, as transition makes them: the quick acceptance gives way
    result = t.transition(fleet(), 2025, 2030)
    damaged = result.copy()
    damaged.iat[1, damaged.columns.get_loc(column)] = value
    assert damaged[column].dtype.kind == "i" and damaged["fossil_free"].dtype == bool
    with pytest.raises(ValueError, match=match):
        t.fossil_free_year(damaged)
    with pytest.raises(ValueError, match=match):
        t.procurement_share(damaged)


def test_an_empty_result_is_refused():
    result = t.transition(fleet(), 2025, 2030)
    with pytest.raises(ValueError, match="tom"):
        t.fossil_free_year(result.iloc[:0])
