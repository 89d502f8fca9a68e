"""Lesson "Klimatbudget" (models.lessons.strategi.klimatbudget): the kommun's case on SMHI data,
Klimatkollen's published trends and the Excel round trip."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from models import data  # noqa: E402
from models.lessons.strategi import klimatbudget as report  # noqa: E402


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


@pytest.mark.parametrize("kommun, scope", [("Luleå", report.DEFAULT_SCOPE), ("Arjeplog", "Hela kommunen")])
def test_chart_limits_hold_every_ceiling_reference_and_effect(kommun, scope):
    # the explorer keeps one scale per kommun and scope: the tops are the largest value any choice shows
    left, right = report.budget_limits(kommun, scope)
    lines, cuts = [], []
    for ceiling in report.ceiling_options():
        for reference in report.REFERENCES:
            for pct in (0, 100, 200):
                result = report.climate_budget(kommun, scope, ceiling, reference, pct)
                lines += [result.history.max(), result.reference.max(), result.ceiling.max()]
                cuts += [result.table["required_reduction_t_co2e"].max(), result.table["planned_reduction_t_co2e"].max()]
    assert left == pytest.approx(1.1 * max(lines))
    assert right == pytest.approx(1.15 * max(cuts))
