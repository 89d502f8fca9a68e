"""Climate budget (klimatbudget): hand-computed toy cases, published trends, Excel round trip."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from models import climate_budget_report as report  # noqa: E402
from models import data  # noqa: E402
from models.strategy import climate_budget as cb  # noqa: E402

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


# ------------------------------------------------------------------ real data (Luleå)
def _sector(kommun, sector, year):
    frame = data.load("emissions_by_sector")
    row = frame[(frame["dataset"] == "ghg_to_2024_snapshot_2026_06") & (frame["kommun"] == kommun)
                & (frame["sector"] == sector) & (frame["year"] == year)]
    return float(row["emissions_t_co2e"].iloc[0])


def test_scope_is_the_sum_of_smhi_sectors():
    # Luleå 2024, SMHI: transport 183 120.58 + work machinery 41 575.13 + own heating 1 431.19 = 226 126.90 t.
    scoped = report.scope_emissions("Luleå")
    assert scoped.loc[2024] == pytest.approx(183120.58 + 41575.13 + 1431.19)
    without = report.scope_emissions("Luleå", "Utan industrin")
    assert without.loc[2024] == pytest.approx(report.scope_emissions("Luleå", "Hela kommunen").loc[2024]
                                              - _sector("Luleå", "industry_energy_and_processes", 2024))


def test_example_measures_are_stated_shares_of_real_sectors():
    measures = report.example_measures("Luleå").set_index("measure")
    # Elbussar: 3 % of Luleå's transport emissions 2024 = 0.03 · 183 120.58 = 5 493.6174 t.
    assert measures.loc["Elbussar i stadstrafiken", "abatement_t_per_year"] == pytest.approx(5493.6174)
    # Oljepannor: 30 % of own heating 2024 = 0.3 · 1 431.19 = 429.357 t.
    assert measures.loc["Oljepannor byts mot fjärrvärme eller värmepump",
                        "abatement_t_per_year"] == pytest.approx(429.357)


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_lad_reference_matches_klimatkollens_published_trend(kommun):
    """The reference path for the whole kommun is Klimatkollen's trend (June 2026 release)."""
    paths = data.load("klimatkollen_emission_paths")
    published = paths[(paths["dataset"] == "klimatkollen_2026_06") & (paths["path_type"] == "linear_trend")
                      & (paths["kommun"] == kommun)].set_index("year")["emissions_t"]
    ours = report.climate_budget(kommun, scope="Hela kommunen").reference
    for year in range(2026, 2031):
        # SMHI's sectors add up to the total within 0.022 t, so allow 0.05 t.
        assert ours.loc[year] == pytest.approx(published.loc[year], abs=0.05)


def test_lulea_budget_ceiling_by_hand():
    result = report.climate_budget("Luleå")
    base = 183120.58 + 41575.13 + 1431.19  # 226 126.90 t in 2024
    # Carbon Law ceiling 2030: base·0.8828^6; 0.8828^2 = 0.77933584, ^3 = 0.68799768..., ^6 = 0.4733408...
    assert result.table.loc[2030, "ceiling_t_co2e"] == pytest.approx(base * 0.8828 ** 6)
    assert result.table.loc[2030, "ceiling_t_co2e"] == pytest.approx(107035.09, abs=0.01)
    assert result.base_year == 2024
    row = result.table.loc[2030]
    assert row["gap_t_co2e"] == pytest.approx(row["projected_t_co2e"] - row["ceiling_t_co2e"])


def test_ceiling_options_come_from_the_data_file():
    rates = sorted(report.ceiling_options().values())
    # Carbon Law 11.72 %, Länsstyrelsen Norrbotten 13.5 %, Luleå 16 % (local_carbon_budgets_and_targets.csv).
    assert rates == pytest.approx([0.1172, 0.135, 0.16])


def test_unknown_choices_get_swedish_errors():
    with pytest.raises(ValueError, match="omfattning"):
        report.climate_budget("Luleå", scope="Bara SSAB")
    with pytest.raises(ValueError, match="utsläppstak"):
        report.climate_budget("Luleå", ceiling="20 %")
    with pytest.raises(ValueError, match="referensbana"):
        report.climate_budget("Luleå", reference="gissning")


def test_excel_round_trip(tmp_path):
    result = report.climate_budget("Luleå")
    path = report.export_xlsx(tmp_path / "klimatbudget.xlsx", result)
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["Klimatbudget", "Åtgärder", "Per enhet", "Diagramdata"]
    budget = pd.read_excel(path, sheet_name="Klimatbudget", nrows=len(report.PLAN_YEARS))
    assert budget.columns[0] == "År"
    assert list(budget.columns[1:7]) == list(report.BUDGET_HEADERS.values())
    assert all("(ton CO₂e" in c for c in budget.columns[1:-1])
    assert budget["År"].tolist() == list(report.PLAN_YEARS)
    assert budget["Utsläppstak (ton CO₂e)"].iloc[-1] == pytest.approx(107035.09, abs=0.01)
    assert budget["Gap mot taket (ton CO₂e; negativt = under taket)"].tolist() == pytest.approx(
        result.table["gap_t_co2e"].tolist())
    assert budget["varav Kollektivtrafiken (ton CO₂e)"].iloc[-1] == pytest.approx(5493.6174)
    assert set(budget["Inom taket?"]) <= {"ja", "nej"}
    note = openpyxl.load_workbook(path)["Klimatbudget"].cell(row=len(report.PLAN_YEARS) + 3, column=1).value
    assert "SMHI" in note and "påhittade" in note and "Carbon Law" in note
    measures = pd.read_excel(path, sheet_name="Åtgärder", nrows=5)
    assert "Effekt 2030 (ton CO₂e)" in measures.columns and "Ansvarig enhet" in measures.columns
    chart = pd.read_excel(path, sheet_name="Diagramdata")
    assert chart.loc[chart["År"] == 2024, "Utsläpp, statistik (ton CO₂e)"].item() == pytest.approx(226126.90)
    assert np.isnan(chart.loc[chart["År"] == 2030, "Utsläpp, statistik (ton CO₂e)"].item())


def test_show_writes_swedish_numbers():
    from models.tables import show
    html = show(pd.DataFrame({"År": [2027], "Gap (ton CO₂e)": [-1234.6], "Andel (%)": [12.34]})).to_html()
    # Years stay as they are; thousands get a (non-breaking) space, decimals a comma, minus a real minus sign.
    assert ">2027<" in html and ">−1\u00a0235<" in html and ">12,3<" in html
    wide = show(pd.DataFrame({"År": [2027, 2028], "Tak (ton CO₂e)": [1000.0, 900.0]}), transpose=True).to_html()
    assert ">2028<" in wide and ">1\u00a0000<" in wide
