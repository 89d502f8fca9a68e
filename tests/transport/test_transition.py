"""Replacement policy and the fleet year by year, against hand calculations."""
import numpy as np
import pandas as pd
import pytest

from models import transport as t
from models.transport import constants as c

DIESEL_2025 = 3.414 * 0.94  # kg CO2e/l, Diesel MK3 with RP 6 %


def fleet(**changes):
    base = dict(vehicle_id=["A", "B"], vehicle_class=["car", "van"], fuel=["diesel", "diesel"],
                model_year=[2020, 2022], annual_km=[20_000.0, 10_000.0], longest_daily_km=[150.0, 600.0],
                consumption_per_km=[0.06, 0.08], holding_years=[6, 5], parking_power=[True, False])
    return pd.DataFrame(base | changes)


def test_replacement_years_and_policy_choice():
    plan = t.replacement_plan(fleet(), 2025, "electric_first")
    assert plan["replacement_year"].tolist() == [2026, 2027]
    # A: 150 km fits 64 kWh × 0.8 at −28.4 °C (0.15 × 1.4763 = 0.2214 kWh/km -> 231 km + 25 km preheating)
    # B: 600 km does not fit even a charge stop -> HVO100
    assert plan["new_drivetrain"].tolist() == ["electricity", "hvo100"]


def test_overdue_vehicle_is_replaced_in_start_year():
    plan = t.replacement_plan(fleet(model_year=[2010, 2022]), 2025)
    assert plan["replacement_year"].iloc[0] == 2025


def test_like_for_like_keeps_emissions_at_the_factor_of_each_year():
    out = t.transition(fleet(), 2025, 2030, rule="like_for_like")
    expected_2025 = (20_000 * 0.06 + 10_000 * 0.08) * DIESEL_2025 / 1000
    assert out.loc[0, "emissions_t_co2e"] == pytest.approx(expected_2025)
    assert out["fossil_free"].sum() == 0 and t.fossil_free_year(out) is None


def test_electric_first_emissions_after_replacement_hand_calculation():
    out = t.transition(fleet(), 2025, 2030, rule="electric_first", electricity="nordic_mix").set_index("year")
    ev_kwh = 20_000 * 0.15 * t.annual_factor()             # new EV car, Luleå year-average cold factor
    hvo = 10_000 * c.VEHICLE_OPTIONS["van"]["hvo100"]["energy_per_km"]
    assert out.loc[2027, "emissions_t_co2e"] == pytest.approx((ev_kwh * 0.090 + hvo * 0.476) / 1000)
    assert out.loc[2027, "electricity_mwh"] == pytest.approx(ev_kwh / 1000)
    assert out.loc[2026, "n_electricity"] == 1 and out.loc[2026, "n_diesel"] == 1
    assert t.fossil_free_year(out.reset_index()) == 2027


def test_procurement_counts_and_share():
    out = t.transition(fleet(), 2025, 2033, rule="electric_first").set_index("year")
    # A bought 2026 and again 2032 (6-year holding), B 2027 and 2032
    assert out["procured"].to_dict() == {2025: 0, 2026: 1, 2027: 1, 2028: 0, 2029: 0, 2030: 0, 2031: 0,
                                        2032: 2, 2033: 0}
    assert out.loc[2026, "procured_zero_emission"] == 1             # A is bought electric in 2026
    assert out.loc[2025, "procured_zero_emission"] == 0 and "zero_emission_share_pct" not in out
    assert t.procurement_share(out.reset_index()) == pytest.approx(50.0)


def test_lowest_tco_never_picks_fossil_and_cheapest_any_may():
    plan = t.replacement_plan(fleet(), 2025, "lowest_tco")
    assert set(plan["new_drivetrain"]) <= {"electricity", "hvo100", "biogas"}
    costs = plan[[f"tco_{d}_sek" for d in c.DRIVETRAINS]].to_numpy()
    cheapest = np.array(c.DRIVETRAINS)[costs.argmin(axis=1)]
    assert (t.replacement_plan(fleet(), 2025, "cheapest_any")["new_drivetrain"].to_numpy() == cheapest).all()


def test_cost_per_year_hand_calculation_for_one_diesel_car():
    one = fleet().iloc[[0]].reset_index(drop=True)
    out = t.transition(one, 2025, 2025, rule="like_for_like")
    o = c.VEHICLE_OPTIONS["car"]["diesel"]
    a = sum(1.04 ** -k for k in range(1, 7))
    capital = (o["purchase"] - o["purchase"] * 0.5 ** 1.5 / 1.04 ** 6) / a
    expected = 20_000 * 0.06 * 23.0 + o["maintenance"] + o["other"] + capital
    assert out.loc[0, "cost_sek"] == pytest.approx(expected)


def test_thousand_vehicles_are_consistent():
    big = t.synthetic_fleet(fleet(), 1000, seed=1)
    out = t.transition(big, 2025, 2045)
    assert len(out) == 21 and (out["vehicles"] == 1000).all()
    assert (out["emissions_t_co2e"] >= 0).all() and np.isfinite(out["cost_sek"]).all()
    counts = out[[f"n_{f}" for f in c.FUELS]].sum(axis=1)
    assert (counts == 1000).all()


@pytest.mark.parametrize("changes, match", [
    (dict(vehicle_class=["car", "tåg"]), "fordonsslag"), (dict(fuel=["diesel", "kol"]), "drivmedel"),
    (dict(annual_km=[-1.0, 1.0]), "minst 0"), (dict(holding_years=[0, 5]), "minst 1"),
])
def test_bad_fleet(changes, match):
    with pytest.raises(ValueError, match=match):
        t.transition(fleet(**changes), 2025, 2030)


def test_bad_years_and_rule():
    with pytest.raises(ValueError, match="slutår"):
        t.transition(fleet(), 2030, 2025)
    with pytest.raises(ValueError, match="mellan"):
        t.transition(fleet(), 2025, 2070)
    with pytest.raises(ValueError, match="regel"):
        t.transition(fleet(), 2025, 2030, rule="snabbast")
    with pytest.raises(ValueError, match="saknar kolumnerna"):
        t.transition(fleet().drop(columns="holding_years"), 2025, 2030)


def test_transition_reads_only_the_plan_decision_columns():
    # a cache keyed on PLAN_DECISION_COLUMNS is right only if transition reads nothing else of a plan
    from models.transport.turnover import PLAN_DECISION_COLUMNS
    plan = t.replacement_plan(fleet(), 2025, "electric_first")
    full = t.transition(fleet(), 2025, 2035, plan=plan)
    decisions_only = t.transition(fleet(), 2025, 2035, plan=plan[list(PLAN_DECISION_COLUMNS)])
    pd.testing.assert_frame_equal(decisions_only, full)
    assert decisions_only.attrs == full.attrs
    # and they decide it: B (5-year holding) moved from 2027 to 2030 is procured in 2030 and 2035,
    # A (6 years) still in 2026 and 2032
    moved = plan[list(PLAN_DECISION_COLUMNS)].assign(replacement_year=[2026, 2030])
    procured = t.transition(fleet(), 2025, 2035, plan=moved).set_index("year")["procured"]
    assert procured[procured > 0].to_dict() == {2026: 1, 2030: 1, 2032: 1, 2035: 1}
