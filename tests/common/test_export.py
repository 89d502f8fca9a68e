"""Excel export: readable back with correct headers, atomic, clear errors."""
import openpyxl
import pandas as pd
import pytest

from models.common.export import write_xlsx


def test_round_trip_with_swedish_headers_and_note(tmp_path):
    table = pd.DataFrame({"År": [2025, 2026], "Utsläpp (ton CO₂e)": [1200.5, 1100.0]})
    path = write_xlsx(tmp_path / "klimatbudget.xlsx", {"Klimatbudget": table},
                      notes={"Klimatbudget": "Källa: SMHI; Stratus egna beräkningar."})
    back = pd.read_excel(path, sheet_name="Klimatbudget", nrows=2)
    assert list(back.columns) == ["År", "Utsläpp (ton CO₂e)"]
    assert back["Utsläpp (ton CO₂e)"].tolist() == [1200.5, 1100.0]
    sheet = openpyxl.load_workbook(path)["Klimatbudget"]
    assert sheet.cell(row=5, column=1).value.startswith("Källa: SMHI")
    assert sheet.freeze_panes == "A2"


def test_failure_leaves_no_file_behind(tmp_path):
    class Boom(pd.DataFrame):
        def to_excel(self, *args, **kwargs):
            raise RuntimeError("disk full")

    target = tmp_path / "ut.xlsx"
    with pytest.raises(RuntimeError):
        write_xlsx(target, {"Blad": Boom({"a": [1]})})
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("path, sheets, fragment", [
    ("ut.csv", {"A": pd.DataFrame()}, "ut.csv"),
    ("saknas/ut.xlsx", {"A": pd.DataFrame()}, "finns inte"),
    ("ut.xlsx", {}, "inga tabeller"),
    ("ut.xlsx", {"Budget/plan": pd.DataFrame()}, "Budget/plan"),
    ("ut.xlsx", {"A": [1, 2]}, "pandas.DataFrame"),
])
def test_bad_input_gets_swedish_error(tmp_path, path, sheets, fragment):
    with pytest.raises(ValueError, match=fragment):
        write_xlsx(tmp_path / path, sheets)
