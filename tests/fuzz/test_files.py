"""Damaged files, data folders and export targets (issue 14): a Swedish ValueError, never a library error,
never a half-written file."""
from __future__ import annotations

import io
import os
import shutil
import zipfile
from pathlib import Path

import pandas as pd
import pytest

import fuzzlib
from models import data
from models.common.export import write_xlsx
from models.data import measures_file
from models.widgets.strategi import atgarder as atgarder_widget

ROOT = Path(__file__).resolve().parents[2]
XLSX = (ROOT / "data/templates/atgardsmall.xlsx").read_bytes()


def swedish_error(call):
    with pytest.raises(ValueError) as info:
        call()
    fuzzlib.check_error(info.value, "test")
    return str(info.value)


def flipped(content: bytes, at: int) -> bytes:
    return content[:at] + bytes([content[at] ^ 0xFF]) + content[at + 1:]


@pytest.mark.parametrize("at", [100, 500, 1000, 2000, len(XLSX) // 2, len(XLSX) - 100])
def test_a_flipped_byte_inside_the_xlsx_gives_a_swedish_error_or_the_whole_table(at):
    try:
        table = measures_file.read_measures(flipped(XLSX, at), "atgarder.xlsx")
    except ValueError as error:  # the usual case: a damaged archive
        fuzzlib.check_error(error, "read_measures")
        assert "atgarder.xlsx" in str(error)
    else:  # a byte the reader does not need (e.g. in a style part): the table is complete and valid
        assert len(table) == len(measures_file.template_measures())


def test_a_zip_with_junk_xml_gives_a_swedish_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in zipfile.ZipFile(io.BytesIO(XLSX)).namelist():
            archive.writestr(name, "<<<inte xml")
    swedish_error(lambda: measures_file.read_measures(buffer.getvalue(), "atgarder.xlsx"))


@pytest.mark.parametrize("at", [200, 1500, len(XLSX) // 2])
def test_the_upload_widget_never_raises_a_library_error_for_a_damaged_xlsx(at):
    try:
        atgarder_widget.view(upload=("atgarder.xlsx", flipped(XLSX, at)), draw=False)
    except (ValueError, TypeError) as error:
        fuzzlib.check_error(error, "view")


@pytest.fixture()
def data_copy(tmp_path, monkeypatch):
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder, ignore=shutil.ignore_patterns("templates"))
    monkeypatch.setenv(data.DATA_DIR_ENV, str(folder))
    return folder


def rewrite(path: Path, change):
    lines = path.read_text(encoding="utf-8").splitlines()
    path.write_text("\n".join([lines[0]] + [change(line) for line in lines[1:]]) + "\n", encoding="utf-8")


def test_a_trailing_comma_on_every_row_gives_the_same_swedish_error_from_load_and_validate(data_copy):
    rewrite(data_copy / "municipalities.csv", lambda line: line + ",")
    loaded = swedish_error(lambda: data.load("municipalities"))
    validated = swedish_error(lambda: data.validate("municipalities"))
    swedish_error(lambda: data.kommun("Luleå"))
    assert "rad 2" in loaded and "fler celler" in loaded
    assert "rad 2" in validated and "fler celler" in validated


def test_a_missing_last_cell_is_refused_by_load_as_by_validate(data_copy):
    import csv
    path = data_copy / "municipalities.csv"
    rows = list(csv.reader(path.open(encoding="utf-8", newline="")))
    rows[1] = rows[1][:-1]
    with path.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
    assert "cellen saknas" in swedish_error(lambda: data.load("municipalities"))
    assert "cellen saknas" in swedish_error(lambda: data.validate("municipalities"))


def test_inf_is_refused_by_validate_as_by_load(data_copy):
    path = data_copy / "emissions_total.csv"
    header = path.read_text(encoding="utf-8").splitlines()[0].split(",")
    column = header.index("emissions_t")

    def spoil(line, done=[]):
        cells = line.split(",")
        if not done:
            cells[column], done[:] = "inf", [True]
        return ",".join(cells)

    rewrite(path, spoil)
    assert "inf" in swedish_error(lambda: data.load("emissions_total"))
    assert "inf" in swedish_error(lambda: data.validate("emissions_total"))


def test_caches_follow_the_data_folder(data_copy):
    from models.data import emissions
    from models.lessons.strategi import uppfoljning
    before = emissions.total("Luleå").iloc[-1], uppfoljning.scorecard("Luleå")
    rewrite(data_copy / "emissions_total.csv", lambda line: line)  # touch: same numbers, new version
    path = data_copy / "emissions_total.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["emissions_t"] = (pd.to_numeric(frame["emissions_t"]) * 2).map(lambda x: f"{x:.3f}")
    frame.to_csv(path, index=False)
    rewrite(data_copy / "emissions_by_sector.csv", lambda line: line)
    os.utime(path, ns=(10**18, 10**18))
    after = emissions.total("Luleå").iloc[-1]
    assert after == pytest.approx(2 * before[0], rel=1e-6)
    assert not uppfoljning.scorecard("Luleå").equals(before[1])


TABLE = {"Blad": pd.DataFrame({"Namn": ["=SUMMA(A1:A2)", "+46", "@x", "-1 kr", "a\x07b"]})}


def test_formula_like_text_is_written_as_text(tmp_path):
    import openpyxl
    path = write_xlsx(tmp_path / "ut.xlsx", TABLE)
    cells = [c for c in openpyxl.load_workbook(path)["Blad"]["A"]][1:]
    assert [c.value for c in cells] == ["=SUMMA(A1:A2)", "+46", "@x", "-1 kr", "a b"]
    assert all(c.data_type == "s" for c in cells)


@pytest.mark.parametrize("target, fragment", [
    (None, "sökväg"), ("mapp", "mapp"), ("saknas/ut.xlsx", "finns inte"), ("å" * 300 + ".xlsx", "för långt"),
    ("ut.csv", ".xlsx"),
])
def test_bad_export_targets_give_swedish_errors_and_leave_nothing(tmp_path, target, fragment):
    (tmp_path / "mapp").mkdir()
    path = None if target is None else tmp_path / target
    if target == "mapp":
        path = tmp_path / "mapp.xlsx"
        path.mkdir()
    before = sorted(tmp_path.rglob("*"))
    assert fragment in swedish_error(lambda: write_xlsx(path, TABLE))
    assert sorted(tmp_path.rglob("*")) == before


def test_a_read_only_folder_gives_a_swedish_error(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr("tempfile.mkstemp", refuse)
    assert "skrivrätt" in swedish_error(lambda: write_xlsx(tmp_path / "ut.xlsx", TABLE))
    assert list(tmp_path.iterdir()) == []


def test_a_full_disk_gives_a_swedish_error_and_no_file(tmp_path, monkeypatch):
    def full(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr("os.replace", full)
    assert "disken är full" in swedish_error(lambda: write_xlsx(tmp_path / "ut.xlsx", TABLE))
    assert list(tmp_path.iterdir()) == []


def test_sheet_names_that_differ_only_in_case_are_refused(tmp_path):
    assert "stora och små" in swedish_error(
        lambda: write_xlsx(tmp_path / "ut.xlsx", {"Gap": TABLE["Blad"], "gap": TABLE["Blad"]}))
