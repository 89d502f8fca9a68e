"""Climate budget model (models.strategy.climate_budget): hand-computed toy cases.

The lesson's case on real data (Luleå, Klimatkollen's trends, the Excel export) is tested in
tests/lessons/strategi/test_klimatbudget.py.
"""
import pandas as pd
import pytest

from models.strategy import climate_budget as cb

YEARS = [2025, 2026, 2027]


def toy_measures():
    return pd.DataFrame({
        "measure": ["A", "B"],
        "responsible_unit": ["Enhet X", "Enhet Y"],
        "start_year": [2025, 2026],
        "abatement_t_per_year": [5.0, 10.0],
        "ramp_years": [1, 2],
    })


def toy_reference():
    return pd.Series(100.0, index=pd.Index(range(2024, 2028), name="year"))


def test_three_year_toy_budget_by_hand():
    # Ceiling: 100·0.9^t from 2024 -> 2025: 90, 2026: 81, 2027: 72.9.
    # A (X): 5 t from 2025. B (Y): 10 t, two years to full effect from 2026 -> 2026: 5, 2027: 10.
    # Planned 5, 10, 15; projected 100 - planned = 95, 90, 85; gap = projected - ceiling = 5, 9, 12.1;
    # required = reference - ceiling = 10, 19, 27.1.
    ceiling = cb.ceiling_path(100.0, 2024, 2027, 0.1)
    table = cb.budget_table(toy_reference(), ceiling, toy_measures(), YEARS)
    assert table.index.tolist() == YEARS
    assert table["ceiling_t_co2e"].tolist() == pytest.approx([90, 81, 72.9])
    assert table["planned_reduction_t_co2e"].tolist() == pytest.approx([5, 10, 15])
    assert table["projected_t_co2e"].tolist() == pytest.approx([95, 90, 85])
    assert table["gap_t_co2e"].tolist() == pytest.approx([5, 9, 12.1])
    assert table["required_reduction_t_co2e"].tolist() == pytest.approx([10, 19, 27.1])
    assert not table["within_ceiling"].any()


def test_toy_reductions_per_unit_and_unit_summary():
    by_unit = cb.reductions_by_unit(toy_measures(), YEARS)
    assert by_unit.columns.tolist() == ["Enhet X", "Enhet Y"]
    assert by_unit["Enhet X"].tolist() == [5, 5, 5]
    assert by_unit["Enhet Y"].tolist() == [0, 5, 10]
    summary = cb.unit_summary(toy_measures(), YEARS)
    # X: 15 t over the period, Y: 15 t -> 50 % each; last year X 5, Y 10. Ties keep input order.
    assert summary.index.tolist() == ["Enhet X", "Enhet Y"]
    assert summary["reduction_period_t_co2e"].tolist() == [15, 15]
    assert summary["reduction_last_year_t_co2e"].tolist() == [5, 10]
    assert summary["share_of_planned_pct"].tolist() == pytest.approx([50, 50])
    assert summary["measures"].tolist() == [1, 1]


def test_ramp_gives_linear_build_up():
    # 9 t/yr reached after 3 years from 2027: 2026: 0, 2027: 3, 2028: 6, 2029: 9, 2030: 9.
    m = pd.DataFrame({"measure": ["M"], "responsible_unit": ["U"], "start_year": [2027],
                      "abatement_t_per_year": [9.0], "ramp_years": [3]})
    assert cb.measure_effects(m, range(2026, 2031)).loc["M"].tolist() == pytest.approx([0, 3, 6, 9, 9])


def test_two_measures_of_one_unit_are_added():
    m = toy_measures().assign(responsible_unit="Samma")
    assert cb.reductions_by_unit(m, YEARS)["Samma"].tolist() == [5, 10, 15]
    assert cb.unit_summary(m, YEARS).loc["Samma", "measures"] == 2


def test_projection_is_floored_at_zero_and_margin_is_negative_gap():
    m = toy_measures().assign(abatement_t_per_year=[80.0, 80.0], ramp_years=1)
    table = cb.budget_table(toy_reference(), cb.ceiling_path(100.0, 2024, 2027, 0.1), m, YEARS)
    # 2026: planned 160 > reference 100 -> projected 0, gap = 0 - 81 = -81 (margin under the ceiling).
    assert table.loc[2026, "projected_t_co2e"] == 0
    assert table.loc[2026, "gap_t_co2e"] == pytest.approx(-81)
    assert table["within_ceiling"].all()


def test_scaled_and_empty_measures():
    half = cb.scale_measures(toy_measures(), 50)
    assert half["abatement_t_per_year"].tolist() == [2.5, 5.0]
    none = cb.scale_measures(toy_measures(), 0)
    assert none.empty
    table = cb.budget_table(toy_reference(), cb.ceiling_path(100.0, 2024, 2027, 0.1), none, YEARS)
    assert table["planned_reduction_t_co2e"].tolist() == [0, 0, 0]
    assert table["projected_t_co2e"].tolist() == [100, 100, 100]
    assert cb.unit_summary(none, YEARS).empty


def test_reference_flat_and_lad_with_an_outlier():
    flat = cb.reference_path(pd.Series({2015: 120.0, 2020: 110.0, 2024: 100.0}), 2027, "flat")
    assert flat.index.tolist() == [2024, 2025, 2026, 2027] and (flat == 100).all()
    # 150, 140, [300], 120, 110, 100 for 2015-2020: the LAD line goes through the five points on
    # the line with slope -10 and ignores the outlier; anchored at 100 in 2020 -> 0 in 2030, floored.
    series = pd.Series([150.0, 140.0, 300.0, 120.0, 110.0, 100.0], index=range(2015, 2021))
    lad = cb.reference_path(series, 2032, "lad")
    assert lad.tolist() == pytest.approx([100, 90, 80, 70, 60, 50, 40, 30, 20, 10, 0, 0, 0])


def test_ceiling_is_geometric_from_the_base_year():
    # 1000·(1-0.1172)^t: 1000, 882.8, 882.8·0.8828 = 779.33584.
    assert cb.ceiling_path(1000.0, 2024, 2026, 0.1172).tolist() == pytest.approx([1000, 882.8, 779.33584])


@pytest.mark.parametrize("change, fragment", [
    (lambda m: m.drop(columns="responsible_unit"), "responsible_unit"),
    (lambda m: m.assign(measure=["A", "A"]), "unika"),
    (lambda m: m.assign(responsible_unit=["X", " "]), "ansvarig enhet"),
    (lambda m: m.assign(start_year=[2025.5, 2026]), "heltal"),
    (lambda m: m.assign(ramp_years=[0, 1]), "ramp_years"),
    (lambda m: m.assign(abatement_t_per_year=["mycket", 1.0]), "mycket"),
    (lambda m: m.assign(abatement_t_per_year=[-1.0, 1.0]), "större än 0"),
])
def test_bad_measures_get_swedish_errors(change, fragment):
    with pytest.raises(ValueError, match=fragment):
        cb.budget_table(toy_reference(), cb.ceiling_path(100.0, 2024, 2027, 0.1), change(toy_measures()), YEARS)


def test_other_bad_input():
    with pytest.raises(ValueError, match="2028"):
        cb.budget_table(toy_reference(), cb.ceiling_path(100.0, 2024, 2027, 0.1), toy_measures(), [2027, 2028])
    with pytest.raises(ValueError, match="Okänd metod"):
        cb.reference_path(toy_reference(), 2030, "linjär")
    with pytest.raises(ValueError, match="före sista året"):
        cb.reference_path(toy_reference(), 2020, "flat")
    with pytest.raises(ValueError, match="mellan 0 och 1"):
        cb.ceiling_path(100.0, 2024, 2030, 11.72)
    with pytest.raises(ValueError, match="stigande"):
        cb.measure_effects(toy_measures(), [2027, 2026])


@pytest.mark.parametrize("change, fragment", [
    (lambda m: m.assign(measure=["A", "A"]), "unika"),
    (lambda m: m.assign(start_year=[2025.5, 2026]), "heltal"),
    (lambda m: m.assign(abatement_t_per_year=[-1.0, 1.0]), "större än 0"),
    (lambda m: m.astype({"start_year": float}), None),      # same numbers, another type: checked again, made whole
])
def test_a_checked_table_changed_afterwards_is_checked_again(change, fragment):
    # a table validated_measures returned skips the checks only while it is unchanged (the fast path of one
    # budget's functions); a changed copy – which keeps pandas' attrs – gets the full check and its message
    changed = change(cb.validated_measures(toy_measures()))
    if fragment is None:
        assert cb.validated_measures(changed)["start_year"].dtype == "int64"
        return
    with pytest.raises(ValueError, match=fragment):
        cb.budget_table(toy_reference(), cb.ceiling_path(100.0, 2024, 2027, 0.1), changed, YEARS)


def test_a_checked_table_changed_in_place_is_checked_again():
    checked = cb.validated_measures(toy_measures())
    cb.measure_effects(checked, YEARS)
    checked.loc[0, "abatement_t_per_year"] = -5.0
    with pytest.raises(ValueError, match="större än 0"):
        cb.measure_effects(checked, YEARS)
    scaled = cb.scale_measures(cb.validated_measures(toy_measures()), 50)
    scaled.loc[1, "responsible_unit"] = " "
    with pytest.raises(ValueError, match="ansvarig enhet"):
        cb.unit_summary(scaled, YEARS)


def test_plan_years_are_whole_rising_and_unique():
    from models.strategy.climate_budget import checked_plan_years

    assert checked_plan_years(range(2025, 2031)).tolist() == [2025, 2026, 2027, 2028, 2029, 2030]
    assert checked_plan_years((y for y in (2025, 2030))).tolist() == [2025, 2030]
    for bad, match in (([2026, 2025], "stigande och unika"), ([], "tom"), ("2025", "lista med år"),
                       ([2025.5], "planår"), (range(1900, 2100), "högst")):
        with pytest.raises(ValueError, match=match):
            checked_plan_years(bad)
