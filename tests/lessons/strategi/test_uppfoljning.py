"""Lesson "Uppföljning" (models.lessons.strategi.uppfoljning): the scorecard on real data against
Klimatkollen's published trends and SMHI, the council summary and the Excel round trip."""
import matplotlib

matplotlib.use("Agg")

import openpyxl  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from models import data  # noqa: E402
from models.lessons.strategi import uppfoljning as report  # noqa: E402


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_total_emission_trend_matches_klimatkollen(kommun):
    """Klimatkollen's published trend for 2030 (June 2026 release) equals our LAD projection."""
    paths = data.load("klimatkollen_emission_paths")
    published = paths[(paths["dataset"] == "klimatkollen_2026_06") & (paths["path_type"] == "linear_trend")
                      & (paths["kommun"] == kommun) & (paths["year"] == 2030)]["emissions_t"].item()
    row = report.scorecard(kommun).loc["Växthusgasutsläpp totalt"]
    assert row["projection_lad"] == pytest.approx(published, abs=0.01)


def test_lulea_scorecard_values_and_targets():
    card = report.scorecard("Luleå")
    transport = card.loc["Växthusgasutsläpp, transporter"]
    frame = data.load("emissions_by_sector")
    lulea = frame[(frame["dataset"] == "ghg_to_2024_snapshot_2026_06") & (frame["kommun"] == "Luleå")
                  & (frame["sector"] == "domestic_transport")].set_index("year")["emissions_t_co2e"]
    # National target: -70 % 2010-2030 -> 0.3 · Luleå's transport emissions 2010 (SMHI).
    assert transport["target_value"] == pytest.approx(0.3 * lulea.loc[2010])
    assert transport["latest_value"] == pytest.approx(183120.58) and transport["latest_year"] == 2024
    total = card.loc["Växthusgasutsläpp totalt"]
    # Carbon Law from 2024: 2 995 747.739 t · 0.8828^6 = 1 418 010 t.
    assert total["target_value"] == pytest.approx(2995747.739 * 0.8828 ** 6)
    ev = card.loc["Laddbara bilar, andel av nyregistrerade personbilar"]
    assert ev["latest_value"] == 55.8 and ev["latest_year"] == 2025  # Trafikanalys 2025
    points = card.loc["Laddpunkter"]
    assert points["latest_value"] == 376 and points["status"] == "mål saknas"  # Power Circle, Dec 2025
    assert set(card["status"]) <= {"på rätt spår", "risk", "fel spår", "mål saknas"}


def test_target_table_runs_from_latest_year_to_2030():
    table = report.target_table("Luleå")
    assert table["År"].iloc[-1] == 2030
    col = "Växthusgasutsläpp totalt (ton CO₂e)"
    assert table.loc[table["År"] == 2024, col].item() == pytest.approx(2995747.739)
    assert table.loc[table["År"] == 2030, col].item() == pytest.approx(2995747.739 * 0.8828 ** 6)


def test_council_summary_states_the_rule_and_every_indicator():
    text = report.council_summary("Luleå", tolerance=0.25)
    assert "Luleå" in text and "25\u00a0%" in text and "75\u00a0%" in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "Nyckeltal" not in line]
    assert len(rows) == len(report.indicator_names())
    assert "exempelmål" in text and "Saknas i underlaget" in text


def test_scorecard_excel_round_trip(tmp_path):
    path = report.export_xlsx(tmp_path / "styrkort.xlsx", "Luleå")
    assert list(pd.read_excel(path, sheet_name=None)) == ["Styrkort", "Målvärden per år", "Saknade nyckeltal"]
    n = len(report.indicator_names())
    card = pd.read_excel(path, sheet_name="Styrkort", nrows=n).set_index("Nyckeltal")
    assert "Enhet" in card.columns and "Trenden ger av behövd förändring (%)" in card.columns
    transport = card.loc["Växthusgasutsläpp, transporter"]
    assert transport["Enhet"] == "ton CO₂e" and transport["Id (Kolada)"] == "N85533"
    assert transport["Senaste värde"] == pytest.approx(183120.58)
    assert card.loc["Laddbara bilar, andel av nyregistrerade personbilar", "Enhet"] == "%"
    assert set(card["Status"]) <= {"på rätt spår", "risk", "fel spår", "mål saknas"}
    note = openpyxl.load_workbook(path)["Styrkort"].cell(row=n + 3, column=1).value
    assert "20 %" in note.replace("\u00a0", " ") and "Kolada" in note
    targets = pd.read_excel(path, sheet_name="Målvärden per år", nrows=7)
    assert targets["År"].tolist() == list(range(2024, 2031))
