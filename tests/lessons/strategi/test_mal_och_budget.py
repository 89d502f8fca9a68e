"""Lesson "Mål och koldioxidbudget" (models.lessons.strategi.mal_och_budget): each kommun's scenario,
budget, exclusions, restated targets and export.

Published figures are copied here as constants with their file and row, so a test compares
the model with what the publisher printed, not with the model's own output.
"""
import datetime as dt
import math

import numpy as np
import pandas as pd
import pytest

from models.data import emissions as smhi
from models.lessons.strategi import mal_och_budget as mob

INDUSTRY = "industry_energy_and_processes"
POWER_HEAT = "electricity_and_district_heating"

# --- Klimatkollen December 2024, all 14 kommuner --------------------------------------------------
# data/klimatkollen_carbon_budget.csv, dataset klimatkollen_2024_12 (klimatkollen@2fc6856b):
# kommun, budget_remaining_t (from 2024), needed_annual_reduction_pct, budget_runs_out_date.
KK_2024 = [
    ("Arvidsjaur", 61020.962, 36.715, "2026-04-29"),
    ("Arjeplog", 22565.694, 32.928, "2026-11-07"),
    ("Jokkmokk", 58974.816, 32.39, "2026-12-14"),
    ("Överkalix", 41919.054, 34.379, "2026-08-15"),
    ("Kalix", 105072.362, 38.661, "2026-02-17"),
    ("Övertorneå", 27150.611, 34.068, "2026-08-31"),
    ("Pajala", 79538.907, 63.224, "2024-12-19"),
    ("Gällivare", 663321.459, 44.253, "2025-09-18"),
    ("Älvsbyn", 39557.244, 36.792, "2026-04-26"),
    ("Luleå", 5856630.055, 45.28, "2025-08-27"),
    ("Piteå", 224789.399, 38.193, "2026-03-05"),
    ("Boden", 181283.319, 47.58, "2025-07-13"),
    ("Haparanda", 45838.546, 35.831, "2026-06-06"),
    ("Kiruna", 1193770.114, 43.735, "2025-09-29"),
]


@pytest.mark.parametrize("kommun, budget, published_pct, published_date", KK_2024)
def test_reproduces_klimatkollen_2024(kommun, budget, published_pct, published_date):
    # Default scenario = Klimatkollen's Dec 2024 method: CO2 2015–2022, least-squares trend,
    # E0 = trend value 2024, r = 1 - exp(-E0/B), run-out date on the trend.
    # Tolerance: the percentages are printed with 2–3 decimals (±0.005 pp at worst) and the
    # dates to the day; CO2 inputs are rounded to 0.001 t, which moves r by < 1e-6 pp and the
    # date by seconds, so the date must match exactly.
    s = mob.scenario(kommun).summary
    assert s["budget_t"] == pytest.approx(budget, rel=1e-12)  # unchanged without exclusions
    assert s["required_reduction_pct"] == pytest.approx(published_pct, abs=0.005)
    assert s["exhaustion_date"] == dt.date.fromisoformat(published_date)
    assert s["feasible"] and s["message_sv"] == ""


def test_lulea_trend_matches_published_trend_values():
    # data/klimatkollen_emission_paths.csv, klimatkollen_2024_12, linear_trend 2024–2027 [t]
    # (rounded to 0.001 t → atol 0.002 t).
    published = [3531237.288, 3547821.434, 3564405.58, 3580989.726]
    table = mob.scenario("Luleå").table
    np.testing.assert_allclose(table.loc[2024:2027, "trend_t"], published, rtol=0, atol=2e-3)
    # the history is SMHI's CO2 series unchanged, e.g. 2022: 3 408 944.579 t
    assert table.loc[2022, "history_t"] == pytest.approx(3408944.579, abs=1e-6)


def test_exponential_annual_values_are_integrals_summing_to_budget():
    # Arjeplog: E0 = 9012.896 t, B = 22565.694 t, k = E0/B = 0.399409…, r = 1 - e^-k = 0.32928
    # The first year's emissions on the curve are B·r = 22565.694·0.329282 = 7430.5 t (< E0:
    # the curve starts at E0 on 1 January and falls during the year).
    s = mob.scenario("Arjeplog")
    r = s.summary["required_reduction_pct"] / 100
    assert s.table.loc[2024, "pathway_t"] == pytest.approx(22565.694 * r, rel=1e-6)
    assert s.table.loc[2024, "pathway_t"] == pytest.approx(7430.5, abs=0.5)
    # 2024–2050 leaves only the tail B·(1-r)^27 ≈ 22565.7·0.6707^27 ≈ 0.47 t unused
    assert s.summary["pathway_total_t"] == pytest.approx(22565.694, abs=1.0)


def test_budget_used_before_a_later_start_year():
    # Start 2025: the trend area over 2024 is the trapezoid (E2024 + E2025)/2
    # = (3531237.288 + 3547821.434)/2 = 3539529.361 t; remaining 5856630.055 - 3539529.361
    # = 2317100.694 t; E0 = trend 2025 = 3547821.434 t; r = 1 - exp(-E0/B) = 1 - e^-1.531147
    # = 0.783716.
    s = mob.scenario("Luleå", start_year=2025).summary
    assert s["used_before_start_t"] == pytest.approx(3539529.361, abs=0.01)
    assert s["remaining_t"] == pytest.approx(2317100.694, abs=0.01)
    assert s["e0_t"] == pytest.approx(3547821.434, abs=0.002)
    assert s["required_reduction_pct"] == pytest.approx(78.3716, abs=1e-3)


def test_budget_used_up_gives_message_not_error():
    # Start 2026: used = 3539529.361 + (3547821.434 + 3564405.58)/2 = 7095642.868 t > 5856630.055
    s = mob.scenario("Luleå", start_year=2026)
    assert s.summary["remaining_t"] == pytest.approx(5856630.055 - 7095642.868, abs=0.02)
    assert not s.summary["feasible"]
    assert math.isnan(s.summary["required_reduction_pct"])
    assert "slut" in s.summary["message_sv"]
    assert s.table.loc[2026:, "pathway_t"].isna().all()
    assert s.table.loc[2026:, "carbon_law_t"].notna().all()  # still shown for comparison


def test_geometric_needs_budget_of_at_least_one_year():
    # Pajala 2024: B = 79538.907 < E0 = 79564.301 → no geometric path (F2 needs B ≥ E0)
    s = mob.scenario("Pajala", method="geometric").summary
    assert not s["feasible"] and "mindre än ett års utsläpp" in s["message_sv"]


def test_17c_budget_is_285_over_80_times_the_15c_budget():
    # Klimatkollen scales the overhead O with the budget: net_1.7/net_1.5 = (285 - O)/(80(1 - O/285))
    # = 285/80 = 3.5625. Luleå: 5856630.055·3.5625 = 20864244.571 t (beräknat).
    assert mob.kommun_budget("Luleå", "1.7C") == pytest.approx(20864244.571, abs=0.01)


def test_grandfathering_reproduces_published_budgets():
    # Sharing the county's summed budgets by CO2 2015–2022 gives back each kommun's published
    # budget; both inputs are rounded to 0.001 t → relative tolerance 1e-7.
    table = mob.county_budget_shares()
    np.testing.assert_allclose(table["budget_t"], table["published_budget_t"], rtol=1e-7)
    for kommun, budget, _, _ in KK_2024:
        assert table.loc[kommun, "published_budget_t"] == budget
    # Luleå's share of Sweden: 5856630.055 / 64618385.96 = 9.0634 %
    assert table.loc["Luleå", "share_of_sweden_pct"] == pytest.approx(9.0634, abs=1e-4)
    assert table["share_of_county_pct"].sum() == pytest.approx(100.0)


# --- exclusions -------------------------------------------------------------------------------------


def test_uniform_share_scales_everything_and_changes_no_rate():
    # Excluding a fixed 25 %: E and B both × 0.75, so r = 1 - exp(-E0/B), the years of
    # emissions and the run-out date are unchanged; tonnes are 0.75 × as large.
    full = mob.scenario("Kiruna").summary
    part = mob.scenario("Kiruna", exclude_share=0.25).summary
    assert part["budget_t"] == pytest.approx(0.75 * 1193770.114, rel=1e-12)
    assert part["e0_t"] == pytest.approx(0.75 * full["e0_t"], rel=1e-12)
    assert part["required_reduction_pct"] == pytest.approx(full["required_reduction_pct"], rel=1e-12)
    assert part["exhaustion_year"] == pytest.approx(full["exhaustion_year"], abs=1e-9)
    assert part["included_share_pct"] == pytest.approx(75.0)


def test_lulea_without_industry_and_power_heat_is_close_to_published_02_mt():
    # SMHI CO2e by sector, Luleå 2021 (data/emissions_by_sector.csv, ghg_to_2023_snapshot_2026_02):
    # industry 1 353 234.18 + el och fjärrvärme 1 892 530.96 of a total 3 451 523.76 t
    # → excluded share 3 245 765.14 / 3 451 523.76 = 0.940386; CO2 2021 3 414 273.742 t
    # (co2_to_2022_snapshot_2024_12) × (1 - 0.940386) = 203 538 t.
    # Luleå kommun publishes "0,2 Mt" for 2021 excl. SSAB (preliminary; one decimal in Mt →
    # the true value lies in [0.15, 0.25) Mt). 0.2035 Mt is inside, so the two sectors are a
    # plausible proxy for "excl. SSAB" – not a confirmation: the page does not define it.
    history = mob.co2_history("Luleå", (INDUSTRY, POWER_HEAT))
    total = 3451523.76
    expected = 3414273.742 * (1 - (1353234.18 + 1892530.96) / total)
    assert history[2021] == pytest.approx(expected, rel=1e-6)
    assert 0.15e6 <= history[2021] < 0.25e6
    # the industry sector alone leaves far more than 0.2 Mt (about 2.1 Mt)
    assert mob.co2_history("Luleå", (INDUSTRY,))[2021] > 1.5e6


def test_sector_exclusion_budget_is_proportional_to_key():
    # B_excl = B · Σ_2015–2022 E_excl / Σ_2015–2022 E (grandfathering on what is left)
    full = mob.co2_history("Luleå").loc[2015:2022].sum()
    left = mob.co2_history("Luleå", (INDUSTRY,)).loc[2015:2022].sum()
    assert mob.kommun_budget("Luleå", exclude_sectors=[INDUSTRY]) == pytest.approx(
        5856630.055 * left / full, rel=1e-12)


# --- pathway methods in the scenario -------------------------------------------------------------


def test_target_year_path_uses_the_budget_by_the_target_year():
    s = mob.scenario("Piteå", "1.7C", "target_year", 2024)
    path = s.table["pathway_t"]
    assert path.loc[2024:2045].sum() == pytest.approx(s.summary["remaining_t"], rel=1e-9)
    assert (path.loc[2046:2050] == 0).all()
    assert path.loc[2024] == pytest.approx(s.summary["e0_t"])


def test_cumulative_trend_crosses_budget_at_exhaustion_year():
    # Consistency of the chart: the area under the trend reaches the budget in the run-out year.
    s = mob.scenario("Arjeplog", "1.5C")
    year = math.floor(s.summary["exhaustion_year"])  # 2026
    cumulative = s.table["trend_cumulative_t"]
    assert cumulative[year - 1] < s.summary["remaining_t"] <= cumulative[year]


@pytest.mark.parametrize("bad, message", [
    (dict(start_year=2023), "2024"),
    (dict(start_year=2036), "2035"),
    (dict(goal="2C"), "1.5C"),
    (dict(method="linear"), "exponential"),
    (dict(exclude_sectors=["steel"]), "industry_energy_and_processes"),
    (dict(exclude_share=1.0), "mindre än 1"),
    (dict(exclude_share=-0.1), "minst 0"),
    (dict(method="target_year", target_year=2024), "målår"),
])
def test_bad_input_raises_swedish_value_error(bad, message):
    with pytest.raises(ValueError, match=message):
        mob.scenario("Luleå", **bad)


def test_share_dataset_is_the_previous_snapshot():
    assert mob.SHARE_DATASET == smhi.PREVIOUS_DATASET


def test_unknown_kommun():
    with pytest.raises(ValueError, match="Luleå"):
        mob.scenario("Lulea stad")


# --- targets with different base years -------------------------------------------------------------


def test_restated_targets_for_lulea():
    # SMHI CO2e, ghg_to_2024_snapshot_2026_06: Luleå 1990 3 169 545.568 t, 2005 3 987 006.359 t,
    # 2024 2 995 747.739 t; sector Transporter 2010 208 291.55 t, 2024 183 120.58 t.
    t = mob.restate_targets("Luleå")
    assert t.loc["sweden_2045", "target_level_t"] == pytest.approx(0.15 * 3169545.568, abs=0.05)
    assert t.loc["milestone_2030", "target_level_t"] == pytest.approx(0.37 * 3169545.568, abs=0.05)
    assert t.loc["esr_2030", "target_level_t"] == pytest.approx(0.50 * 3987006.359, abs=0.05)
    assert t.loc["transport_2030", "target_level_t"] == pytest.approx(0.30 * 208291.55, abs=0.01)
    # constant cut 2024 → 2045 to 15 % of 1990: 1 - (475431.84/2995747.74)^(1/21) = 8.392 %
    assert t.loc["sweden_2045", "annual_cut_needed_pct"] == pytest.approx(8.392, abs=1e-3)
    # transport 2024 → 2030: 1 - (62487.465/183120.58)^(1/6) = 16.406 %
    assert t.loc["transport_2030", "annual_cut_needed_pct"] == pytest.approx(16.406, abs=1e-3)
    assert (t["latest_year"] == 2024).all()


def test_restated_targets_covenant_and_exclusions():
    t = mob.restate_targets("Luleå", exclude_sectors=[INDUSTRY, POWER_HEAT], com_base_year=2005)
    assert "covenant_2030" in t.index
    assert t.loc["covenant_2030", "reduction_pct"] == 40
    # the transport target is not affected by excluding other sectors
    assert t.loc["transport_2030", "base_t"] == pytest.approx(208291.55, abs=0.01)
    assert t.loc["sweden_2045", "latest_t"] < 0.3e6  # industry and power/heat are gone
    with pytest.raises(ValueError, match="1995"):
        mob.restate_targets("Luleå", com_base_year=1995)


def test_targets_already_met_need_no_cut():
    # Piteå (SMHI CO2e, latest snapshot): 1990 395 777.01 t, 2024 190 810.47 t. A Covenant
    # target of −40 % against 1990 is the level 395 777.01·0.6 = 237 466 t, above today's
    # emissions → already met: 0 % per year and a negative "remaining cut".
    t = mob.restate_targets("Piteå", com_base_year=1990)
    assert t.loc["covenant_2030", "annual_cut_needed_pct"] == 0.0
    assert t.loc["covenant_2030", "remaining_cut_pct"] < 0


# --- Excel export --------------------------------------------------------------------------------------


def test_excel_export_round_trip(tmp_path):
    s = mob.scenario("Luleå", "1.7C", "target_year", 2025, exclude_sectors=[INDUSTRY])
    path = mob.export_xlsx(tmp_path / "bana.xlsx", s)
    sheets = pd.read_excel(path, sheet_name=None)
    assert list(sheets) == ["Utsläppsbana", "Sammanfattning"]
    table = sheets["Utsläppsbana"]
    assert table.columns[0] == "År"
    assert "Bana inom budgeten (ton CO₂, beräknat)" in table.columns
    assert any("utan undantagna delar" in c for c in table.columns)
    row = table[table["År"] == 2030].iloc[0]
    assert row["Bana inom budgeten (ton CO₂, beräknat)"] == pytest.approx(
        round(s.table.loc[2030, "pathway_t"]), abs=0.5)
    # the note with the settings and sources sits under the table
    notes = table.iloc[:, 0].astype(str)
    assert notes.str.contains("Kommun: Luleå").any()
    assert not list(tmp_path.glob(".stratus-*"))  # no temporary file left behind
