"""The gap from SMHI data, the cost-curve tables and figures, and the Excel export (models.lessons.strategi.atgarder)."""
import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from openpyxl import load_workbook  # noqa: E402

from models import data  # noqa: E402
from models.data import measures_file  # noqa: E402
from models.lessons.strategi import atgarder  # noqa: E402
from models.strategy import macc  # noqa: E402
from models.strategy.measures import gap_coverage, sequential_macc  # noqa: E402


def test_lulea_gap_from_published_smhi_figures():
    # SMHI via Klimatkollen, release June 2026, Luleå 2024 (data/emissions_total.csv and
    # emissions_by_sector.csv): total 2 995 747.739 t; industry 1 556 730.30 t; electricity and
    # district heating 1 180 595.40 t -> the other sectors 258 422.04 t.
    # Carbon Law: 0.8828^6 = 0.4733408 -> target 122 321.7 t; gap 258 422.04 · 0.5266592 = 136 100.3 t
    gap = atgarder.kommun_gap("Luleå")
    assert gap["kommun"] == "Luleå" and gap["base_year"] == 2024 and gap["target_year"] == 2030
    assert gap["base_emissions_t"] == pytest.approx(2_995_747.739 - 1_556_730.30 - 1_180_595.40, abs=0.1)
    assert gap["target_emissions_t"] == pytest.approx(122_321.7, abs=0.1)
    assert gap["gap_t_per_year"] == pytest.approx(136_100.3, abs=0.1)


def test_sector_emissions_have_every_sector_and_sum_to_the_total():
    for kommun in data.KOMMUNER:
        sectors = atgarder.sector_emissions(kommun)
        assert set(sectors.index) == set(measures_file.sector_names())
        assert (sectors >= 0).all()
    # Luleå 2024: sectors sum to the published total 2 995 747.739 t (within rounding)
    assert atgarder.sector_emissions("Luleå").sum() == pytest.approx(2_995_747.739, abs=1)
    assert "Transporter" in atgarder.gap_sectors()
    assert "El och fjärrvärme" not in atgarder.gap_sectors()


def test_sector_emissions_rejects_missing_year():
    with pytest.raises(ValueError, match="2017"):
        atgarder.sector_emissions("Luleå", 2017)


def _lulea_curve():
    measures = measures_file.template_measures()
    return sequential_macc(measures, atgarder.sector_emissions("Luleå"), 0.04)


def test_tables_have_swedish_headers_units_and_minus_signs():
    curve = _lulea_curve()
    table = atgarder.macc_table(curve)
    assert list(table.index) == list(range(1, len(curve) + 1))
    assert "Kostnad (kr/ton CO₂e)" in table.columns
    assert "Utsläppsminskning i tur och ordning (ton CO₂e/år)" in table.columns
    assert table["Kostnad (kr/ton CO₂e)"].iloc[0].startswith("−")  # cheapest measure saves money
    standalone = atgarder.macc_table(macc(measures_file.template_measures(), 0.04))
    assert "Utsläppsminskning (ton CO₂e/år)" in standalone.columns


def test_coverage_table_lulea():
    curve = _lulea_curve()
    gap = atgarder.kommun_gap("Luleå")
    coverage = gap_coverage(curve, gap["gap_t_per_year"], 2030, atgarder.gap_sectors())
    table = atgarder.coverage_table(coverage, gap)
    assert table.index.name == "Luleå"
    assert table.loc["Gap 2030 (beräknat)", "Värde"] == "136\u00a0100 ton CO₂e per år"


def test_excel_export_reads_back(tmp_path):
    curve = _lulea_curve()
    gap = atgarder.kommun_gap("Luleå")
    coverage = gap_coverage(curve, gap["gap_t_per_year"], 2030, atgarder.gap_sectors())
    path = atgarder.export_macc_xlsx(tmp_path / "kurva.xlsx", curve, gap, coverage, 0.04)
    back = pd.read_excel(path, sheet_name="Åtgärdskostnader", nrows=len(curve))
    np.testing.assert_allclose(back["Kostnad (kr/ton CO₂e)"], curve["cost_per_tonne"])
    np.testing.assert_allclose(back["Kumulativ minskning (ton CO₂e/år)"], curve["cumulative_abatement"])
    assert list(back["Åtgärd"]) == list(curve["measure"])
    book = load_workbook(path)
    note = book["Åtgärdskostnader"].cell(row=len(curve) + 3, column=1).value
    assert "Kalkylränta 4,0" in note and "annuitetsmetoden" in note
    rows = len(atgarder.coverage_table(coverage, gap))
    assert "Illustration av metoden" in book["Gapet"].cell(row=rows + 3, column=1).value


def test_excel_export_refuses_bad_path(tmp_path):
    curve = _lulea_curve()
    gap = atgarder.kommun_gap("Luleå")
    coverage = gap_coverage(curve, gap["gap_t_per_year"])
    with pytest.raises(ValueError, match="xlsx"):
        atgarder.export_macc_xlsx(tmp_path / "kurva.csv", curve, gap, coverage, 0.04)
    assert not list(tmp_path.iterdir())


def test_figures_draw():
    curve = _lulea_curve()
    gap = atgarder.kommun_gap("Luleå")
    coverage = gap_coverage(curve, gap["gap_t_per_year"], 2030, atgarder.gap_sectors())
    fig = atgarder.macc_figure(curve)
    ax = fig.axes[0]
    heights = sorted(p.get_height() for p in ax.patches)
    assert heights[0] < 0 < heights[-1]  # savings below zero, costs above
    widths = sorted(round(p.get_width(), 6) for p in ax.patches)
    np.testing.assert_allclose(widths, sorted(np.round(curve["abatement_t_per_year"], 6)))
    assert ax.get_ylabel() == "Kostnad (kr per ton CO₂e)"
    cover = atgarder.coverage_figure(coverage, gap)
    assert "gapet 2030" in cover.axes[0].get_title()
    matplotlib.pyplot.close("all")


def test_cost_curve_axes_hold_every_rate_and_kommun():
    # the explorer's fixed axes: x is the file's stand-alone abatement (in sequence the measures remove less),
    # y holds the stand-alone cost of every measure at every rate offered
    x_max, low, high = atgarder.macc_limits()
    template = measures_file.template_measures()
    assert x_max == pytest.approx(template["abatement_t_per_year"].sum())
    for pct in np.arange(atgarder.RATE_MIN_PCT, atgarder.RATE_MAX_PCT + 1e-9, atgarder.RATE_STEP_PCT):
        cost = macc(template, pct / 100)["cost_per_tonne"]
        assert low < cost.min() and cost.max() < high
    for kommun in data.KOMMUNER:
        assert atgarder.measures_case(kommun).curve["cumulative_abatement"].iloc[-1] <= x_max * (1 + 1e-12)


def test_coverage_axis_holds_the_last_target_years_gap():
    # Luleå: the gap in 2045 (the last target year) is larger than the measures: 1.35 × E0·(1 − (1 − 11.72 %)^21)
    base = atgarder.kommun_gap("Luleå")["base_emissions_t"]
    assert atgarder.coverage_limit("Luleå") == pytest.approx(1.35 * base * (1 - (1 - 0.1172) ** (2045 - 2024)))
    # Arjeplog: the example measures (41 650 t/yr in the gap's sectors) are larger than its gap
    assert atgarder.coverage_limit("Arjeplog") == pytest.approx(1.6 * 41_650, rel=1e-3)
    for year in (2025, 2030, 2045):
        case = atgarder.measures_case("Luleå", year=year)
        assert max(case.gap["gap_t_per_year"], case.coverage["abatement_t_per_year"].sum()) * 1.35 \
            <= atgarder.coverage_limit("Luleå") * (1 + 1e-12)
