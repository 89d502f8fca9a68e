"""Downloads under tables and charts (models.common.downloads, models.common.chart_data; issue 12).

Every expected value is written out by hand from the small input tables below.
"""
from __future__ import annotations

import io
import sys
import types

import openpyxl
from IPython.core.formatters import DisplayFormatter
import pandas as pd
import pytest

from models.common import chart_data, downloads, tables, vega

TABLE = pd.DataFrame({
    "Kommun": ["Luleå", "Kiruna"],
    "År": [2024, 2024],
    "Utsläpp (ton CO₂e)": [1234.5, -0.25],
    "Andel (%)": [61.4, None],
})


def read_csv(data: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig")


def files_under(folder):
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def book(tmp_path, monkeypatch):
    """A book folder with one lesson page, a build folder outside it, and a notebook 'running' the lesson."""
    root = tmp_path / "bok"
    chapter = root / "chapters" / "01-strategi"
    chapter.mkdir(parents=True)
    (root / "_toc.yml").write_text("format: jb-book\n", encoding="utf-8")
    (chapter / "utslapp.md").write_text("# Utsläpp\n", encoding="utf-8")
    build = tmp_path / "bygge" / "downloads"
    notebook = types.ModuleType("__main__")
    notebook.lektion = types.ModuleType("models.lessons.strategi.utslapp")
    monkeypatch.setitem(sys.modules, "__main__", notebook)
    monkeypatch.chdir(chapter)
    monkeypatch.setenv(downloads.FOLDER_ENV, str(build))
    monkeypatch.setattr(downloads, "_counts", {})
    monkeypatch.setattr(downloads, "_written", set())
    return types.SimpleNamespace(root=root, chapter=chapter, build=build)


def show_from_page(table, **kwargs):
    """Call tables.show the way a notebook cell does (code whose module is __main__)."""
    scope = {"__name__": "__main__", "show": tables.show, "table": table, "kwargs": kwargs}
    exec("result = show(table, **kwargs)", scope)  # noqa: S102 - a stand-in for a notebook cell
    return scope["result"]


# --- CSV ---------------------------------------------------------------------------------------

def test_csv_is_utf8_with_bom_semicolons_and_decimal_comma():
    data = downloads.csv_bytes(TABLE)
    assert data.startswith(b"\xef\xbb\xbf")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "Kommun;År;Utsläpp (ton CO₂e);Andel (%)"
    assert lines[1] == "Luleå;2024;1234,5;61,4"
    assert lines[2] == "Kiruna;2024;-0,25;"


def test_csv_reads_back_with_the_same_numbers():
    back = read_csv(downloads.csv_bytes(TABLE))
    assert list(back.columns) == list(TABLE.columns)
    assert back["Utsläpp (ton CO₂e)"].tolist() == [1234.5, -0.25]
    assert back["År"].tolist() == [2024, 2024]
    assert back["Andel (%)"].iloc[0] == 61.4 and pd.isna(back["Andel (%)"].iloc[1])


def test_numbers_written_for_the_page_become_numbers():
    shown = pd.DataFrame({"Mått": ["Utsläpp", "Lutning"], "Värde": ["93 291,3", "−4"],
                          "Förändring": ["+7,0 %", "−1,2 %"], "Kod": ["0180", "2580"]})
    back = read_csv(downloads.csv_bytes(shown))
    assert back["Värde"].tolist() == [93291.3, -4.0]
    assert back["Förändring"].tolist() == ["+7,0 %", "−1,2 %"]   # a unit: stays text
    assert back["Kod"].astype(str).str.zfill(4).tolist() == ["0180", "2580"]
    assert downloads.as_numbers(shown)["Kod"].tolist() == ["0180", "2580"]  # a leading zero: a code


def test_formula_like_text_is_not_a_formula():
    text = pd.DataFrame({"Namn": ["=SUM(A1:A2)", "@x", "-y", "+7 %", "vanlig"]})
    lines = downloads.csv_bytes(text).decode("utf-8-sig").splitlines()
    assert lines[1:] == ["'=SUM(A1:A2)", "'@x", "'-y", "+7 %", "vanlig"]


# --- files -------------------------------------------------------------------------------------

def test_write_table_writes_csv_and_xlsx_with_the_same_numbers(tmp_path):
    csv, xlsx = downloads.write_table(tmp_path / "t.xlsx", TABLE, note="Källa: prov")
    assert (csv.name, xlsx.name) == ("t.csv", "t.xlsx")
    assert read_csv(csv.read_bytes())["Utsläpp (ton CO₂e)"].tolist() == [1234.5, -0.25]
    sheet = openpyxl.load_workbook(xlsx)["Tabell"]
    assert [c.value for c in sheet[1]] == list(TABLE.columns)
    assert [c.value for c in sheet[2]] == ["Luleå", 2024, 1234.5, 61.4]
    assert sheet.cell(row=2, column=3).data_type == "n"   # a number, not text
    assert sheet.cell(row=5, column=1).value == "Källa: prov"
    assert files_under(tmp_path) == ["t.csv", "t.xlsx"]


def test_several_tables_get_one_sheet_and_one_csv_each(tmp_path):
    second = pd.DataFrame({"År": [2030, 2035], "Gap (ton)": [10.0, 0.5]})
    written = downloads.write_tables(tmp_path / "d.xlsx", {"Data 1": TABLE, "Data 2": second})
    assert [p.name for p in written] == ["d-1.csv", "d-2.csv", "d.xlsx"]
    assert read_csv(written[1].read_bytes())["Gap (ton)"].tolist() == [10.0, 0.5]
    assert openpyxl.load_workbook(written[2]).sheetnames == ["Data 1", "Data 2"]


@pytest.mark.parametrize("path, message", [("t.csv", ".xlsx"), ("saknas/t.xlsx", "finns inte")])
def test_bad_targets_get_swedish_errors(tmp_path, monkeypatch, path, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=message):
        downloads.write_table(path, TABLE)
    assert files_under(tmp_path) == []


@pytest.mark.parametrize("call, message", [
    (lambda: downloads.csv_bytes([1, 2]), "pandas.DataFrame"),
    (lambda: downloads.write_tables("t.xlsx", [TABLE]), "bladnamn -> tabell"),
    (lambda: downloads.write_tables("t.xlsx", {"A": "x"}), "Bladet"),
    (lambda: downloads.write_table("t.xlsx", TABLE, note=3), "Anteckningen"),
    (lambda: downloads.check_name("Tabell 1"), "a–z, 0–9"),
    (lambda: downloads.check_name(7), "ska vara en text"),
    (lambda: chart_data.chart_tables("spec"), "Vega-Lite"),
])
def test_bad_arguments_get_swedish_errors(tmp_path, monkeypatch, call, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ValueError, match=message):
        call()


# --- on a page, at build time ------------------------------------------------------------------

def test_outside_a_build_show_writes_and_adds_nothing(tmp_path, monkeypatch):
    monkeypatch.delenv(downloads.FOLDER_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    styler = show_from_page(TABLE)
    assert "stratus-downloads" not in styler.to_html()
    assert files_under(tmp_path) == []


def test_page_name_comes_from_the_folder_and_the_lesson_module(book):
    assert downloads.page_name() == "01-strategi-utslapp"


def test_page_name_refuses_a_page_without_its_lesson_module(book):
    with pytest.raises(ValueError, match="exakt en lektionsmodul"):
        downloads.page_name(namespace={"x": types.ModuleType("models.lessons.strategi.atgarder")})


def test_tables_on_a_page_get_unique_stable_files_and_links(book):
    first = show_from_page(TABLE)._repr_html_()
    second = show_from_page(TABLE.head(1), transpose=True)._repr_html_()
    named = show_from_page(TABLE, download="fakta")._repr_html_()
    assert files_under(book.build) == [
        "01-strategi-utslapp-fakta.csv", "01-strategi-utslapp-fakta.xlsx",
        "01-strategi-utslapp-tabell-1.csv", "01-strategi-utslapp-tabell-1.xlsx",
        "01-strategi-utslapp-tabell-2.csv", "01-strategi-utslapp-tabell-2.xlsx"]
    # The page is chapters/01-strategi/utslapp.html; the files are published under _static/downloads/.
    assert 'href="../../_static/downloads/01-strategi-utslapp-tabell-1.csv"' in first
    assert 'href="../../_static/downloads/01-strategi-utslapp-tabell-2.xlsx"' in second
    assert ">CSV</a> · <a" in named and ">Excel</a></p>" in named
    assert first.index("</table>") < first.index("stratus-downloads")
    # The transposed table is downloaded as given (one row per kommun), not as shown.
    assert read_csv((book.build / "01-strategi-utslapp-tabell-2.csv").read_bytes()).shape == (1, 4)
    assert files_under(book.chapter) == ["utslapp.md"]   # nothing written next to the page


def test_the_same_name_twice_on_a_page_is_refused(book):
    show_from_page(TABLE, download="fakta")
    with pytest.raises(ValueError, match="samma nedladdningsnamn"):
        show_from_page(TABLE, download="fakta")


def test_a_table_a_widget_shows_gets_no_download(book):
    styler = tables.show(TABLE)   # called from this module, not from the page's own code
    assert not hasattr(styler, "links")
    assert files_under(book.build) == []


# --- charts ------------------------------------------------------------------------------------

PACKED_SPEC = {
    "params": [
        {"name": "kommun", "value": "Luleå", "bind": {"input": "select", "options": ["Luleå", "Kiruna"], "name": "Kommun"}},
        {"name": "metod", "value": "a", "bind": {"input": "radio", "options": ["a", "b"], "name": "Metod",
                                                 "labels": ["Metod A", "Metod B"]}},
    ],
    "layer": [
        {"data": {"values": [{"kommun": "Luleå", "metod": "a", "y0": 2024, "t": [10.0, 8.0, None]},
                             {"kommun": "Kiruna", "metod": "b", "y0": 2025, "t": [5.0]}]},
         "transform": [{"flatten": ["t"]}, {"window": [{"op": "row_number", "as": "i"}]},
                       {"calculate": "datum.y0 + datum.i - 1", "as": "year"}, {"filter": "isValid(datum.t)"},
                       {"calculate": "'bana'", "as": "serie"},
                       {"calculate": '({"bana": "Bana inom budgeten"})[datum.serie]', "as": "Serie"}],
         "mark": "line",
         "encoding": {"x": {"field": "year", "type": "quantitative", "title": "År"},
                      "y": {"field": "t", "type": "quantitative", "title": "ton CO₂e per år"}}},
        {"data": {"values": [{"x": 2024}]}, "mark": "rule"},
    ],
}


def test_chart_data_is_unpacked_into_a_tidy_swedish_table():
    sheets = chart_data.chart_tables(PACKED_SPEC)
    assert list(sheets) == ["Diagramdata"]          # the one-row rule is not data
    table = sheets["Diagramdata"]
    assert list(table.columns) == ["Kommun", "Metod", "ton CO₂e per år", "År", "Serie"]
    assert table.values.tolist() == [
        ["Luleå", "Metod A", 10.0, 2024, "Bana inom budgeten"],
        ["Luleå", "Metod A", 8.0, 2025, "Bana inom budgeten"],
        ["Kiruna", "Metod B", 5.0, 2025, "Bana inom budgeten"],
    ]


def test_a_chart_on_a_page_gets_links_to_its_data(book):
    png = b"\x89PNG\r\n\x1a\n" + b"0" * 16
    result = vega.chart(PACKED_SPEC, name="mal-och-budget", description="Banor.", fallback_png=png,
                        fallback_alt="Linjediagram.")
    assert result.html.index("</figure>") < result.html.index('<p class="stratus-downloads">Ladda ner diagrammets data')
    assert 'href="../../_static/downloads/01-strategi-utslapp-diagram-mal-och-budget.xlsx"' in result.html
    sheet = openpyxl.load_workbook(book.build / "01-strategi-utslapp-diagram-mal-och-budget.xlsx")["Diagramdata"]
    assert [c.value for c in sheet[1]] == ["Kommun", "Metod", "ton CO₂e per år", "År", "Serie"]
    assert [c.value for c in sheet[4]] == ["Kiruna", "Metod B", 5, 2025, "Bana inom budgeten"]
    back = read_csv((book.build / "01-strategi-utslapp-diagram-mal-och-budget.csv").read_bytes())
    assert back["ton CO₂e per år"].tolist() == [10.0, 8.0, 5.0]


def test_a_bare_dataframe_on_a_page_gets_links_through_the_formatter(book):
    shell = types.SimpleNamespace(display_formatter=DisplayFormatter())
    assert downloads.register_table_formatter(shell) is True
    indexed = TABLE.set_index("Kommun")
    data, _ = shell.display_formatter.format(indexed)
    assert "</table>" in data["text/html"] and "01-strategi-utslapp-tabell-1.xlsx" in data["text/html"]
    # The page shows the index (Kommun), so the file has it as its first column.
    back = read_csv((book.build / "01-strategi-utslapp-tabell-1.csv").read_bytes())
    assert list(back.columns) == list(TABLE.columns)


def test_the_formatter_is_registered_only_in_a_build(tmp_path, monkeypatch):
    monkeypatch.delenv(downloads.FOLDER_ENV, raising=False)
    assert downloads.register_table_formatter(types.SimpleNamespace(display_formatter=DisplayFormatter())) is False
    monkeypatch.setenv(downloads.FOLDER_ENV, str(tmp_path))
    with pytest.raises(TypeError, match="IPython-skal"):
        downloads.register_table_formatter("skal")


def test_a_two_level_header_becomes_one_header_row(tmp_path):
    wide = pd.DataFrame([[1990, 3170.0, 475.0]],
                        columns=pd.MultiIndex.from_tuples([("Basår", ""), ("Tusen ton CO₂e", "Basåret"),
                                                           ("Tusen ton CO₂e", "Målnivå")]))
    csv, xlsx = downloads.write_table(tmp_path / "mal.xlsx", wide)
    assert list(read_csv(csv.read_bytes()).columns) == ["Basår", "Tusen ton CO₂e – Basåret", "Tusen ton CO₂e – Målnivå"]
    assert [c.value for c in openpyxl.load_workbook(xlsx)["Tabell"][2]] == [1990, 3170, 475]
