"""The generic reader for a learner's own files (models.data.upload) with a small schema of its own.

The measures file's schema on top of it is tested in tests/data/test_measures_file.py.
"""
import datetime as dt
import io
import re

import pandas as pd
import pytest
from openpyxl import Workbook

from models.data import upload, upload_tables

C = upload.Column
SCHEMA = upload.Schema("testfil", (
    C("name", "Namn"),
    C("kind", "Typ", kind="choice", choices=upload.choices({"car": "Bil", "bus": "Buss"})),
    C("distance", "Körsträcka", "km/år", kind="non_negative", maximum=1e6),
    C("count", "Antal", kind="integer", minimum=1, maximum=10),
    C("electric", "Elektrisk", kind="boolean", required=False),
    C("when", "Tidpunkt", kind="datetime", required=False),
), sheet_name="Data", max_rows=3, unique=("name",), row_word="rad")
HEADER = "Namn;Typ;Körsträcka (km/år);Antal;Elektrisk;Tidpunkt"


def read(*rows, header=HEADER, name="test.csv"):
    return upload.read_table(("\n".join([header, *rows]) + "\n").encode(), SCHEMA, name)


@pytest.mark.parametrize("text, value", [
    ("1 234,5", 1234.5), ("1\u00a0234,5", 1234.5), ("1,234,567.5", 1234567.5), ("1.234.567,5", 1234567.5),
    ("\u22122,5", -2.5), ("-2.5", -2.5), ("1e3", 1000.0), ("+7", 7.0), (".5", 0.5),
    # a single comma is a decimal comma; "1,000" is ambiguous (a thousand or one?) and never guessed (issue 14)
    ("1,000", None), ("12,500", None), ("0,250", 0.25), ("1,0", 1.0),
])
def test_parse_number_swedish_and_english(text, value):
    assert upload.parse_number(text) == value


@pytest.mark.parametrize("text", ["tolv", "1,2,3", "", "1.2.3,4,5", "inf", "nan", "12 kr"])
def test_parse_number_rejects_what_is_not_a_number(text):
    assert upload.parse_number(text) is None


def test_column_letter():
    assert [upload.column_letter(i) for i in (0, 1, 25, 26, 27, 51, 52, 701, 702)] == [
        "A", "B", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA"]


@pytest.mark.parametrize("sep", [";", ",", "\t"])
def test_csv_rows_finds_the_delimiter_and_strips_cells(sep):
    text = sep.join(["a", " b ", "c"]) + "\n" + sep.join(["1", "2", "3"]) + "\n"
    assert upload.csv_rows(text.encode(), "x.csv") == [["a", "b", "c"], ["1", "2", "3"]]


def test_csv_rows_reads_bom_and_windows_1252():
    assert upload.csv_rows("\ufeffÅr;Öl\n".encode("utf-8"), "x.csv") == [["År", "Öl"]]
    assert upload.csv_rows("År;Öl\n".encode("cp1252"), "x.csv") == [["År", "Öl"]]
    assert upload.csv_rows("År;Öl\n".encode("utf-16"), "x.csv") == [["År", "Öl"]]


def test_typed_table_with_every_kind():
    table = read("A;bil;1 500,5;2;ja;2025-01-31 13:00", "B;Buss;0;10;;")
    assert list(table.columns) == ["name", "kind", "distance", "count", "electric", "when", "source_row"]
    assert table["kind"].tolist() == ["car", "bus"]          # the stored value is the key
    assert table["distance"].tolist() == [1500.5, 0.0] and table["distance"].dtype == float
    assert table["count"].dtype == "Int64" and table["count"].tolist() == [2, 10]
    assert table["electric"].tolist() == [True, False]       # an empty boolean cell is "nej"
    assert table.loc[0, "when"] == pd.Timestamp("2025-01-31 13:00") and pd.isna(table.loc[1, "when"])
    assert table["source_row"].tolist() == [2, 3]


def test_headers_in_any_order_and_case_and_english_keys():
    table = read("2;car;5;X", header="ANTAL;kind;körsträcka;namn")
    assert (table.loc[0, "name"], table.loc[0, "count"], table.loc[0, "distance"]) == ("X", 2, 5.0)
    assert table.loc[0, "electric"] is None or not table.loc[0, "electric"]


def test_xlsx_uses_the_named_sheet_and_numbers_and_dates_from_cells():
    book = Workbook()
    book.active.title = "Läs mig"
    sheet = book.create_sheet("Data")
    sheet.append(HEADER.split(";"))
    sheet.append(["A", "Bil", 12.5, 3, "nej", dt.datetime(2025, 6, 1, 12)])
    buffer = io.BytesIO()
    book.save(buffer)
    table = upload.read_table(buffer.getvalue(), SCHEMA, "fil.xlsx")
    assert table.loc[0, "distance"] == 12.5 and table.loc[0, "count"] == 3
    assert table.loc[0, "when"] == pd.Timestamp("2025-06-01 12:00")


@pytest.mark.parametrize("row, where, fragment", [
    ("A;Cykel;1;1;;", 'rad 2, kolumn B "Typ"', '"Cykel" är inte ett giltigt värde. Giltiga: '),
    ("A;Bil;-1;1;;", 'rad 2, kolumn C "Körsträcka (km/år)"', "får inte vara negativ, fick −1"),
    ("A;Bil;2000000;1;;", 'rad 2, kolumn C "Körsträcka (km/år)"', "högst 1000000, fick 2000000"),
    ("A;Bil;1;11;;", 'rad 2, kolumn D "Antal"', "mellan 1 och 10, fick 11"),
    ("A;Bil;1;1,5;;", 'rad 2, kolumn D "Antal"', "måste vara ett heltal, fick 1,5"),
    ("A;Bil;1;1;kanske;", 'rad 2, kolumn E "Elektrisk"', '"kanske" ska vara "ja" eller "nej"'),
    ("A;Bil;1;1;;igår", 'rad 2, kolumn F "Tidpunkt"', '"igår" är inte en tidpunkt'),
    ("A;Bil;;1;;", 'rad 2, kolumn C "Körsträcka (km/år)"', "värde saknas"),
])
def test_bad_cells_name_file_row_column_and_value(row, where, fragment):
    with pytest.raises(ValueError) as caught:
        read(row)
    message = str(caught.value)
    assert message.startswith(f"test.csv, {where}: "), message
    assert fragment in message, message


def test_too_many_rows_duplicates_and_wrong_unit():
    with pytest.raises(ValueError, match="4 rader; högst 3"):
        read(*[f"{n};Bil;1;1;;" for n in "ABCD"])
    with pytest.raises(ValueError, match='rad 2 och 3, kolumn A "Namn": "A" finns flera gånger'):
        read("A;Bil;1;1;;", "A;Buss;1;1;;")
    with pytest.raises(ValueError, match=re.escape('rad 1, kolumn C "Körsträcka (mil/år)": enheten "mil/år"')):
        read("A;Bil;1;1;;", header=HEADER.replace("km/år", "mil/år"))


def test_wrong_types_are_type_errors():
    with pytest.raises(TypeError, match="Schema"):
        upload.read_table(b"a", "schema", "x.csv")
    with pytest.raises(TypeError, match="sökväg"):
        upload.read_table(3.5, SCHEMA)


# ----------------------------------------------------------------------------- issue 14: helpers and typed tables
def test_listing_and_normalise_refuse_what_is_not_text():
    assert upload.listing(["a", "b"]) == '"a", "b"'
    with pytest.raises(TypeError, match="lista med texter"):
        upload.listing([float("nan")])
    with pytest.raises(TypeError, match="måste vara text"):
        upload.normalise(float("nan"))


def test_check_typed_accepts_what_read_table_returns_and_names_a_bad_cell():
    table = read("A;Bil;100;2;ja;", "B;Buss;200;3;nej;")
    assert upload_tables.check_typed(table, SCHEMA, "tabell") is table
    with pytest.raises(ValueError, match='kolumnen kind har det okända värdet "tram"'):
        upload_tables.check_typed(table.assign(kind=["car", "tram"]), SCHEMA, "tabell")
    with pytest.raises(ValueError, match="kolumnen count måste vara mellan 1 och 10, fick 11"):
        upload_tables.check_typed(table.assign(count=[2, 11]), SCHEMA, "tabell")
    spoiled = table.astype({"count": object})
    spoiled.loc[1, "count"] = "mycket"
    with pytest.raises(ValueError, match='kolumnen count på rad 2 måste vara ett heltal, fick "mycket"'):
        upload_tables.check_typed(spoiled, SCHEMA, "tabell")
    with pytest.raises(TypeError, match="pandas.DataFrame"):
        upload_tables.check_typed(None, SCHEMA, "tabell")


def test_file_version_changes_with_the_file(tmp_path):
    import os

    path = tmp_path / "atgarder.csv"
    path.write_bytes(b"a;b\n1;2\n")
    os.utime(path, ns=(1_000_000_000, 1_000_000_000))
    assert upload.file_version(path) == (1_000_000_000, 8)          # 8 bytes written
    path.write_bytes(b"a;b\n1;2\n3;4\n")
    os.utime(path, ns=(2_000_000_000, 2_000_000_000))
    assert upload.file_version(str(path)) == (2_000_000_000, 12)
    with pytest.raises(ValueError, match="finns inte"):
        upload.file_version(tmp_path / "saknas.csv")
    with pytest.raises(TypeError, match="sökväg"):
        upload.file_version(5)
