"""Lesson "Utsläppen i din kommun" (models.lessons.strategi.utslapp): the kommun cases and their
tables, checked against independently published figures.

References
----------
KLIMATKOLLEN: Klimatkollen's published KPIs computed from the same SMHI snapshot
(ghg_to_2024_snapshot_2026_06), github.com/Klimatbyran/territorial-data-pipeline
@ bf20c580380961c3b1b246681992e2d9d2b26f11 output/municipality-data.json:
historicalEmissionChangePercent (CAGR 2015->2024, %, 3 decimals) and emissionsSlope
(LAD regression slope, t/yr, 3 decimals). Copied here as published.
"""
import matplotlib.pyplot as plt
import numpy as np
import pytest

from models import data
from models.data import emissions as smhi
from models.lessons.strategi import utslapp

KLIMATKOLLEN = [  # (kommun, CAGR 2015-2024 %/yr, LAD slope t/yr)
    ("Arvidsjaur", -2.391, -2077.931),
    ("Arjeplog", -2.849, -951.76),
    ("Jokkmokk", -2.335, -2381.054),
    ("Överkalix", -1.03, -1114.596),
    ("Kalix", 0.144, -1617.229),
    ("Övertorneå", -2.181, -1075.488),
    ("Pajala", 9.099, 4398.127),
    ("Gällivare", 1.714, 3000.016),
    ("Älvsbyn", -0.974, -1007.172),
    ("Luleå", 0.753, 93291.256),
    ("Piteå", -1.081, -5563.661),
    ("Boden", 2.427, 1838.837),
    ("Haparanda", -1.645, -1211.085),
    ("Kiruna", -0.04, -2790.483),
]


@pytest.mark.parametrize("kommun, cagr, slope", KLIMATKOLLEN)
def test_trend_reproduces_klimatkollen(kommun, cagr, slope):
    result = utslapp.trend(kommun)
    assert (result["first_year"], result["last_year"]) == (2015, 2024)
    # Published to 3 decimals: agree to rounding.
    assert result["cagr_pct_per_year"] == pytest.approx(cagr, abs=0.0005)
    # Published to 3 decimals (t/yr); allow 0.01 t/yr for solver tolerance.
    assert result["lad_slope_t_per_year"] == pytest.approx(slope, abs=0.01)


def test_county_total_2024_and_shares():
    # SMHI county total 2024 in this snapshot: 4 876 335 t (reference data README).
    county = smhi.total("Norrbottens län")
    assert county[2024] == pytest.approx(4_876_335, abs=1)
    table = utslapp.county_table(2024)
    assert len(table) == 14
    # The county row is rounded to whole tonnes; 1 t of 4.9 Mt is 2e-5 %.
    assert table["share_of_county_pct"].sum() == pytest.approx(100, abs=1e-4)
    # Hand check: Luleå 2 995 747.739 t / 4 876 335 t = 61.435 %
    assert table.loc["Luleå", "share_of_county_pct"] == pytest.approx(2_995_747.739 / 4_876_335 * 100, rel=1e-6)


def test_per_capita_by_hand():
    # Luleå 2024: 2 995 747.739 t CO2e (SMHI) / population 31 Dec 2024 (SCB) read from the data.
    population = data.load("population")
    people = population.query("kommun == 'Luleå' and year == 2024")["population"].item()
    table = utslapp.county_table(2024)
    assert table.loc["Luleå", "t_co2e_per_capita"] == pytest.approx(2_995_747.739 / people)


def test_population_missing_years_give_nan_not_wrong_numbers():
    table = utslapp.county_table(2015)
    assert table["t_co2e_per_capita"].isna().all()


def test_sectors_sum_to_total_and_snapshot_kept_apart():
    for kommun in data.KOMMUNER:
        sectors = smhi.by_sector(kommun)
        assert (sectors.sum(axis=1) - smhi.total(kommun)).abs().max() < 0.05
    latest = smhi.total("Luleå")
    previous = smhi.total("Luleå", smhi.PREVIOUS_DATASET)
    assert 2017 not in latest.index and 2017 in previous.index
    # SMHI revises back-series: Luleå 2020 is 3 311 750 t (2026-06) vs 3 401 210 t (2026-02).
    assert latest[2020] == pytest.approx(3_311_750, abs=1)
    assert previous[2020] == pytest.approx(3_401_210, abs=1)


def test_luleå_industry_dominates():
    shares = utslapp.sector_shares("Luleå")
    assert shares.index[0] == "industry_energy_and_processes"
    assert shares["share_pct"].sum() == pytest.approx(100)


def test_summary_accepts_code_and_ascii_name():
    assert utslapp.summary("2580")["kommun"] == "Luleå"
    assert utslapp.summary("lulea")["emissions_t_co2e"] == pytest.approx(2_995_747.739, abs=0.01)


@pytest.mark.parametrize("call, fragment", [
    (lambda: smhi.total("Lulå"), "Luleå"),
    (lambda: smhi.total("Luleå", "ghg_2099"), "ghg_2099"),
    (lambda: utslapp.county_table(2017), "2017"),
    (lambda: utslapp.sector_shares("Luleå", 1999), "1999"),
])
def test_bad_input_names_the_value(call, fragment):
    with pytest.raises(ValueError, match=fragment):
        call()


def test_claims_made_in_the_lesson_text():
    """chapters/01-strategi/utslapp.md states these facts about the latest snapshot in prose."""
    luleå = utslapp.sector_shares("Luleå")
    assert list(luleå.index[:2]) == ["industry_energy_and_processes", "electricity_and_district_heating"]
    gällivare = utslapp.sector_shares("Gällivare")
    assert list(gällivare.index[:2]) == ["industry_energy_and_processes", "work_machinery"]
    table = utslapp.county_table()
    assert list(table.index[:3]) == ["Luleå", "Kiruna", "Gällivare"]
    per_capita = table["t_co2e_per_capita"].sort_values(ascending=False)
    assert list(per_capita.index[:3]) == ["Luleå", "Kiruna", "Gällivare"]
    industry = {k: smhi.by_sector(k).iloc[-1]["industry_energy_and_processes"] for k in data.KOMMUNER}
    without = ((table["emissions_t_co2e"] - table.index.map(industry)) / table["population"]).sort_values(ascending=False)
    assert without.index[0] == "Luleå" and list(without.index).index("Kiruna") == 5


# --- learner-facing tables (was tests/test_emissions_report.py) ---------------------------------


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_trend_table_matches_klimatkollen_for_every_kommun(kommun):
    table = utslapp.trend_table(kommun)
    assert list(table.columns) == [f"{kommun}, mått", "Stratus", "Klimatkollen"]
    assert (table["Stratus"] == table["Klimatkollen"]).all(), table


def test_fact_table_for_luleå():
    table = utslapp.fact_table("Luleå")
    values = dict(zip(table["Nyckeltal"], table["Luleå"]))
    # SMHI 2024: 2 995 747.739 t -> "2 996 tusen ton"; share 2 995 747.739 / 4 876 335 = 61.4 %
    assert values["Utsläpp 2024"] == "2\u00a0996 tusen ton CO₂e"
    assert values["Andel av länets utsläpp 2024"].startswith("61,4\u00a0%")
    assert values["Största sektor"].startswith("Industri (energi + processer)")


def test_small_multiples_one_panel_per_sector_largest_first_on_its_own_scale():
    fig = utslapp.sector_trend_figure("Kiruna")
    parts = fig.stratus_trend_parts
    sectors = smhi.by_sector("Kiruna")
    latest = sectors.iloc[-1].sort_values(ascending=False)
    # Kiruna has eight sectors in the snapshot: eight panels, the ninth empty; industry (the mine) first
    assert [line.get_visible() for line in parts["lines"]] == [True] * 8 + [False]
    assert parts["titles"][0].get_text() == "Industri (energi +\nprocesser)"
    assert [t.get_text().replace("\n", " ") for t in parts["titles"][:8]] == \
        [smhi.sector_labels()[key] for key in latest.index]
    for i, key in enumerate(latest.index):
        values = sectors[key].to_numpy() / 1000
        heights = np.asarray(parts["lines"][i].get_ydata())
        # each panel's scale starts at 0 (its lowest tick label, the panel's floor): heights above the floor
        # are proportional to the values
        assert parts["y_labels"][i][0].get_text() in ("0", "0,0")
        floor = parts["y_labels"][i][0].get_position()[1]
        assert np.allclose((heights - floor) / (heights.max() - floor), values / values.max())
    plt.close(fig)
