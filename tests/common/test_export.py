"""Excel export: readable back with correct headers, atomic, clear errors."""
import datetime as dt

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


# ----------------------------------------------------------------------------- issue 14, class 5
def _values(path, sheet="Blad", column="A"):
    return [c.value for c in openpyxl.load_workbook(path)[sheet][column]][1:]


def test_infinity_is_written_as_the_sign_not_as_inf(tmp_path):
    path = write_xlsx(tmp_path / "ut.xlsx", {"Blad": pd.DataFrame({"x": [float("inf"), float("-inf")]})})
    assert _values(path) == ["∞", "-∞"]


def test_times_with_a_time_zone_are_written_as_swedish_wall_clock(tmp_path):
    # 12:00 UTC on 1 January is 13:00 in Sweden (CET, UTC+1)
    table = pd.DataFrame({"Tid": [pd.Timestamp("2024-01-01 12:00", tz="UTC")]})
    path = write_xlsx(tmp_path / "ut.xlsx", {"Blad": table})
    assert _values(path) == [dt.datetime(2024, 1, 1, 13, 0)]


def test_an_integer_beyond_excel_numbers_is_kept_whole_as_text(tmp_path):
    path = write_xlsx(tmp_path / "ut.xlsx", {"Blad": pd.DataFrame({"x": [10 ** 30]}, dtype=object)})
    assert _values(path) == ["1" + "0" * 30]


@pytest.mark.parametrize("sheets, kwargs, fragment", [
    ({"Blad": pd.DataFrame({"x": ["a" * 40_000]})}, {}, "32767"),
    ({"Blad": pd.DataFrame({("a", "b"): [1]})}, {}, "flera nivåer"),
    ({"Blad": pd.DataFrame({"x": [1]})}, {"index": "ja"}, "True eller False"),
    ({"Blad": pd.DataFrame({"x": [1]})}, {"notes": {"Blad": 5}}, "Anteckningen"),
])
def test_tables_excel_cannot_hold_give_a_swedish_error_and_no_file(tmp_path, sheets, kwargs, fragment):
    with pytest.raises(ValueError, match=fragment):
        write_xlsx(tmp_path / "ut.xlsx", sheets, **kwargs)
    assert list(tmp_path.iterdir()) == []
