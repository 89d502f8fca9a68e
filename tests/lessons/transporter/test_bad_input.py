"""The lessons' public functions give our own Swedish errors for bad input (issue 14) and never show
"nan" to the learner."""
import math

import pytest

from models.common.checks import WrongType
from models.lessons.transporter import elbil_i_kyla, fordonsflottan, laddinfrastruktur, omstallningsplan, totalkostnad


def test_cold_tables_reject_bad_input():
    with pytest.raises(WrongType, match="temps .* lista med tal"):
        elbil_i_kyla.band_table(temps=None)
    with pytest.raises(WrongType, match="check .* pandas.DataFrame"):
        elbil_i_kyla.verdict_counts("1,000")
    check = elbil_i_kyla.fleet_check(elbil_i_kyla.fleet_file.example_fleet())
    with pytest.raises(ValueError, match='okänt bedömning "kanske"'):
        elbil_i_kyla.check_table(check.assign(verdict="kanske"))
    with pytest.raises(WrongType, match="preheat .* True eller False"):
        elbil_i_kyla.fleet_check(elbil_i_kyla.fleet_file.example_fleet(), preheat="ja")


def test_fleet_per_vehicle_has_no_nan():
    v = fordonsflottan.per_vehicle(fordonsflottan.example())
    assert not v.select_dtypes("number").isna().any().any()
    assert (v["electricity_per_km"] >= 0).all()


def test_charging_rejects_text_and_unknown_choices():
    with pytest.raises(WrongType, match="points_per_vehicle .* måste vara ett tal"):
        laddinfrastruktur.kommun_charging(points_per_vehicle=" ")
    with pytest.raises(ValueError, match="target_year .* mellan 2026 och 2050"):
        laddinfrastruktur.kommun_charging(target_year=2200)
    with pytest.raises(WrongType, match="jämförelsekvot"):
        laddinfrastruktur.kommun_charging(ratio=["county"])
    with pytest.raises(WrongType, match="table .* pandas.DataFrame"):
        laddinfrastruktur.need_figure(b"\x00")


def test_plan_tables_show_a_dash_not_nan_without_procurement():
    two = omstallningsplan.example().iloc[:2]             # two vehicles: most years buy nothing
    result = omstallningsplan.compare_policies(two, end=2045)["lowest_tco"]
    table = omstallningsplan.year_table(result)
    none = result["procured"].to_numpy() == 0
    assert none.any() and (~none).any()
    shares = table["Varav nollutsläpp (%)"].to_numpy()
    assert all(s == omstallningsplan.NO_PROCUREMENT for s in shares[none])
    with_procurement = result[~none]
    expected = 100 * with_procurement["procured_zero_emission"] / with_procurement["procured"]
    assert [float(s) for s in shares[~none]] == pytest.approx(list(expected))
    with pytest.raises(WrongType, match="results måste vara en ordlista"):
        omstallningsplan.summary_table(None)
    with pytest.raises(WrongType, match="plans måste vara en ordlista"):
        omstallningsplan.compare_policies(omstallningsplan.example(), plans=math.nan)


def test_cost_tables_reject_bad_input():
    with pytest.raises(WrongType, match="km_values .* lista med tal"):
        totalkostnad.per_km_curve(km_values=None)
    with pytest.raises(WrongType, match="annual_km .* måste vara ett tal"):
        totalkostnad.sensitivity_table(annual_km="12")
    table = totalkostnad.comparison()
    with pytest.raises(ValueError, match="saknar kolumnerna"):
        totalkostnad.comparison_table(table.drop(columns="tco_sek"))
