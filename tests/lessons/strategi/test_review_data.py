"""Review of the Strategi chapter (issue 8): the kommuner's own data reach the results.

Reference values are the published figures quoted in the issue (SMHI snapshot June 2026 via
Klimatkollen; Klimatkollen's consumption data 2023 and 2025 budgets; Luleå's and Piteå's own
targets) and hand calculations on the rows of ``data/*.csv`` read here with pandas.
"""
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from models import data  # noqa: E402
from models.data import emissions, klimatkollen  # noqa: E402
from models.data import measures_file as mf  # noqa: E402
from models.lessons.strategi import klimatbudget as kb  # noqa: E402
from models.lessons.strategi import mal_och_budget as mob  # noqa: E402
from models.lessons.strategi import uppfoljning as up  # noqa: E402
from models.lessons.strategi import utslapp as us  # noqa: E402
from models.strategy import kolada  # noqa: E402
from models.strategy.constants import DIESEL_2024_KG_PER_L  # noqa: E402

DATA = Path(__file__).resolve().parents[3] / "data"
LATEST = "ghg_to_2024_snapshot_2026_06"


def _sector(kommun, sector, year, dataset=LATEST):
    t = pd.read_csv(DATA / "emissions_by_sector.csv")
    row = t[(t.kommun == kommun) & (t.sector == sector) & (t.year == year) & (t.dataset == dataset)]
    return float(row["emissions_t_co2e"].iloc[0])


# ---------------------------------------------------------------- point 1: the 2024 break
def test_2024_break_is_national():
    # Issue 8: transport +22–35 % 2023→2024 in every kommun, county +29 %; machinery +24–62 %
    # in all but Arjeplog, county +44 %.
    tr = emissions.sector_change_pct("domestic_transport", 2023, 2024)
    am = emissions.sector_change_pct("work_machinery", 2023, 2024)
    kommuner = tr.drop("Norrbottens län")
    assert len(kommuner) == 14 and kommuner.min() > 22 and kommuner.max() < 35.5
    assert round(tr["Norrbottens län"]) == 29 and round(am["Norrbottens län"]) == 44
    assert am["Arjeplog"] < 0 and am.drop(["Arjeplog", "Norrbottens län"]).between(23.5, 62.5).all()
    # Hand check for Luleå from the CSV rows.
    lulea = _sector("Luleå", "domestic_transport", 2024) / _sector("Luleå", "domestic_transport", 2023) - 1
    assert tr["Luleå"] == pytest.approx(100 * lulea)


def test_reference_path_with_and_without_2024_and_its_dated_assumption():
    assert kb.TREND_TO_2023 in kb.REFERENCES
    without = kb.climate_budget("Luleå", reference=kb.TREND_TO_2023)
    assert without.reference.index[0] == 2023  # the trend ends 2023 and starts from that year's value
    assert without.reference.loc[2023] == pytest.approx(without.history.loc[2023])
    assert "prop. 2023/24:28" in kb.reference_assumption(kb.TREND_TO_2023)
    text = kb.reference_assumption()
    assert "6 procent" in text and "2026" in text and "ej beslutade" in text


def test_scorecard_without_2024():
    card = up.scorecard("Luleå", until=up.YEAR_BEFORE_BREAK)
    assert int(card.loc["Växthusgasutsläpp totalt", "latest_year"]) == 2023
    # EV data are not cut: the newest year stays.
    assert int(card.loc["Laddbara bilar, andel av nyregistrerade personbilar", "latest_year"]) == 2025


# ---------------------------------------------------------------- point 3: Pajala and machinery
def test_pajala_is_a_point_source_case():
    # Issue 8: Pajala 44 → 97 kt 2015–2024; machinery 45 %, industry 25 %; 4th per inhabitant.
    assert emissions.total("Pajala")[2015] / 1000 == pytest.approx(44, abs=0.5)
    assert emissions.total("Pajala")[2024] / 1000 == pytest.approx(97, abs=0.5)
    shares = us.sector_shares("Pajala")["share_pct"]
    assert round(shares["work_machinery"]) in (45, 46) and round(shares["industry_energy_and_processes"]) == 25
    ranking = us.county_table().sort_values("t_co2e_per_capita", ascending=False).index.tolist()
    assert ranking.index("Pajala") == 3


def test_exclusion_control_can_remove_work_machinery():
    assert mob.EXCLUSIONS["Arbetsmaskiner"] == ("work_machinery",)
    assert set(mob.EXCLUSIONS["Industri + Arbetsmaskiner"]) == {"industry_energy_and_processes", "work_machinery"}
    table = mob.exclusion_table("Pajala", goal="1.7C")
    assert "Undanta: Industri + Arbetsmaskiner" in table.index


def test_pajala_2025_budget_is_negative_in_klimatkollens_data():
    row = pd.read_csv(DATA / "klimatkollen_carbon_budget.csv")
    row = row[(row.kommun == "Pajala") & (row.dataset == "klimatkollen_2025_08")]
    assert float(row["budget_remaining_t"].iloc[0]) == pytest.approx(-9999.97)
    assert klimatkollen.budget_table("klimatkollen_2025_08").loc["Pajala", "budget_remaining_t"] < 0


# ---------------------------------------------------------------- point 4: one consistent series
def test_without_ssab_from_one_snapshot_by_hand():
    # Luleå 2021, snapshot February 2026 (t CO2e), from the CSV rows:
    prev = "ghg_to_2023_snapshot_2026_02"
    rest = ["agriculture", "domestic_transport", "own_heating_of_dwellings_and_premises",
            "product_use_incl_solvents", "waste_incl_wastewater", "work_machinery"]
    total_rest = sum(_sector("Luleå", s, 2021, prev) for s in rest)          # ≈ 205 759
    non_co2 = sum(_sector("Luleå", s, 2021, prev) for s in mob.MOSTLY_NON_CO2_SECTORS)  # ≈ 34 119
    check = mob.without_sectors_check("Luleå", 2021, ["industry_energy_and_processes",
                                                      "electricity_and_district_heating"])
    assert check["rest_co2e_t"] == pytest.approx(total_rest)
    assert check["co2_upper_t"] == pytest.approx(total_rest - non_co2)
    assert round(check["co2_upper_t"] / 1e6, 2) == 0.17  # not the "≈ 0,21" the old text gave
    assert check["model_overstatement_t"] > 0  # the shares-on-CO2 approximation overstates


# ---------------------------------------------------------------- point 7: own data to the results
def test_measures_file_flows_into_the_climate_budget():
    file = mf.template_measures()
    measures = kb.measures_from_file(file)
    assert list(measures["measure"]) == list(file["measure"])
    assert (measures["ramp_years"] == 1).all()
    assert measures.loc[0, "sector"] == "domestic_transport"  # "Transporter" -> SMHI key
    assert measures["start_year"].tolist() == [int(y) for y in file["start_year"]]
    result = kb.climate_budget("Luleå", measures=measures)
    assert result.measures_source == "fil"
    # 2030: every measure has started (2025–2027), full effect -> the sum of the file's tonnes
    # in the default scope (transport, machinery, heating: all six).
    assert result.table.loc[2030, "planned_reduction_t_co2e"] == pytest.approx(file["abatement_t_per_year"].sum())


def test_measures_file_defaults_and_scope():
    file = pd.DataFrame({"measure": ["A", "B"], "sector": ["Transporter", "Jordbruk"],
                         "responsible_unit": ["", "Lantbruket"], "start_year": [pd.NA, 2028],
                         "abatement_t_per_year": [100.0, 50.0]})
    m = kb.measures_from_file(file)
    assert m.loc[0, "responsible_unit"] == kb.NO_UNIT and m.loc[0, "start_year"] == kb.PLAN_YEARS[0]
    result = kb.climate_budget("Luleå", measures=m)
    assert result.excluded_measures == ("B",)  # agriculture is outside the default scope
    assert result.table.loc[2027, "planned_reduction_t_co2e"] == pytest.approx(100.0)


def test_swedish_plan_period_is_three_years():
    # Kommunallagen 11 kap. 8 §: a plan for the economy for three years, budget year first.
    result = kb.climate_budget("Luleå", plan_years=kb.SWEDISH_PLAN_YEARS)
    assert result.table.index.tolist() == [2027, 2028, 2029]


def test_scorecard_judges_luleas_adopted_targets():
    table = up.adopted_scorecard("Luleå")
    goals = table["Mål"].tolist()
    assert any("1,4 ton" in g for g in goals) and any(g.startswith("60\u00a0%") for g in goals)
    assert any("Klimatneutralt 2040" in g for g in goals)
    per_capita = table[table["Mål"].str.contains("per invånare")].iloc[0]
    assert per_capita["Målvärde"] == 1.4 and per_capita["Målår"] == 2030
    # Hand calc: emissions without industry and el/fjärrvärme per inhabitant, 2023 and 2024.
    keep = ["agriculture", "domestic_transport", "own_heating_of_dwellings_and_premises",
            "product_use_incl_solvents", "waste_incl_wastewater", "work_machinery", "international_transport"]
    pop = pd.read_csv(DATA / "population.csv")
    pop = pop[pop.kommun == "Luleå"].set_index("year")["population"]
    t = pd.read_csv(DATA / "emissions_by_sector.csv")
    t = t[(t.kommun == "Luleå") & (t.dataset == LATEST) & t.sector.isin(keep)].groupby("year")["emissions_t_co2e"].sum()
    v23, v24 = t[2023] / pop[2023], t[2024] / pop[2024]
    assert per_capita["Senaste värde"] == pytest.approx(v24, abs=0.05)
    assert per_capita["Trend målåret"] == pytest.approx(v24 + 6 * (v24 - v23), abs=0.05)  # two-point line
    # Percentage target without a stated base year cannot be judged.
    pct = table[table["Mål"].str.startswith("60\u00a0%")].iloc[0]
    assert pct["status"] == up.NOT_ASSESSED


def test_pitea_target_with_a_stated_base_year():
    table = up.adopted_scorecard("Piteå", base_year=1990)
    row = table[table["Mål"].str.contains("40\u00a0%")].iloc[0]
    t = pd.read_csv(DATA / "emissions_total.csv")
    base = float(t[(t.kommun == "Piteå") & (t.year == 1990) & (t.dataset == LATEST)]["emissions_t"].iloc[0])
    assert row["Målvärde"] == pytest.approx(round(base * 0.6), abs=1)  # −40 % of 1990
    assert row["status"] in ("på rätt spår", "risk", "fel spår")
    assert up.adopted_scorecard("Pajala").empty  # no adopted targets in the book's data


# ---------------------------------------------------------------- point 8: example measures
def test_template_abatement_uses_the_dated_diesel_factor():
    table = mf.template_measures().set_index("measure")
    ef = round(DIESEL_2024_KG_PER_L, 2)  # 3.21 kg CO2e/l at 6 % reduktionsplikt
    expected = {
        "Exempel: 10 000 dieselbilar ersätts med elbilar": 10_000 * 1_500 * (0.5 * ef - 2.0 * 0.090) / 1000,
        "Exempel: fler resor med cykel och buss i stället för bil": 5_000_000 * 0.5 * ef / 1000,
        "Exempel: HVO100 i stället för diesel i arbetsmaskiner": 2_000_000 * (ef - 0.476) / 1000,
        "Exempel: eldrivna arbetsmaskiner": (1_000_000 * ef - 3_000_000 * 0.090) / 1000,
        "Exempel: oljepannor byts mot värmepumpar": (100_000 * 3.414 - 300_000 * 0.090) / 1000,
        "Exempel: elbussar i stadstrafiken": 50 * 6_000 * (4 * ef - 12 * 0.090) / 1000,
    }
    for name, value in expected.items():
        assert table.loc[name, "abatement_t_per_year"] == pytest.approx(value, abs=0.05), name
    assert not table["assumptions"].str.contains("2,853").any()


def test_template_is_proportionate_and_says_who_pays():
    table = mf.template_measures()
    labels = {v: k for k, v in emissions.sector_labels().items()}
    latest = emissions.by_sector("Luleå").loc[2024]
    for _, m in table.iterrows():
        assert m["abatement_t_per_year"] <= 0.25 * latest[labels[m["sector"]]], m["measure"]
    cars = table.set_index("measure").loc["Exempel: 10 000 dieselbilar ersätts med elbilar"]
    assert "bilägarna" in cars["responsible_unit"] and "bilägarna" in cars["assumptions"]


# ---------------------------------------------------------------- point 9: Kolada
def test_kolada_ids_say_what_was_checked():
    assert kolada.KOLADA_CHECK_DATE == "2026-12-01"
    assert "Inget id är verifierat" in kolada.KOLADA_CHECK and "inte kontrollerade" in kolada.KOLADA_ID_SOURCE
    assert "n45930" in kolada.KPI_BY_ID  # lower case as in the sources
    column = f"Kontroll ({kolada.KOLADA_CHECK_DATE})"
    table = kolada.kpi_table().set_index("Id (Kolada)")
    assert not table[column].str.startswith("verifierat").any()  # nothing claims a verification
    assert table.loc["N85542", column] == "ej kontrollerat"
    assert "ej verifierat" in table.loc["N07702", column]


# ---------------------------------------------------------------- Also: lesson 1 perspectives
def test_territorial_and_consumption_per_inhabitant():
    # Issue 8: Luleå about 38 t territorial (2024) vs about 5 t consumption-based per inhabitant.
    p = us.perspectives("Luleå")
    assert round(p["territorial_latest"]) == 38 and round(p["consumption_2023"]) == 5
    cons = pd.read_csv(DATA / "consumption_emissions_2023.csv").set_index("kommun")
    assert p["consumption_2023"] == pytest.approx(cons.loc["Luleå", "consumption_emissions_kg_co2e_per_capita"] / 1000)
    assert us.perspectives("Piteå")["plan_year"] == 2019  # Klimatkollen's register
    assert "saknas" in us.perspectives("Luleå")["plan"].lower()
    assert set(data.KOMMUNER) <= set(cons.index)
