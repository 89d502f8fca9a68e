"""Reading a learner's measures file (models.data.measures_file) and the book's template.

Every bad file must give a Swedish message that names the file, the row as a spreadsheet
shows it (header = row 1) and the column (letter and header).
"""
import io
import re

import numpy as np
import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook

import write_templates
from models.data import measures_file as mf
from models.data import upload
from models.strategy import capital_recovery_factor, macc

HEADER = ("Åtgärd;Sektor;Ansvarig enhet;Startår;Utsläppsminskning (ton CO₂e/år);Investering (kr);"
          "Ändrad driftkostnad (kr/år);Ändrad energikostnad (kr/år);Livslängd (år)")
ROW_A = "Ny panna;Egen uppvärmning av bostäder och lokaler;Fastighet;2026;100;1 000 000;20000;−50 000,0;10"
ROW_B = "Elbilar;Transporter;Bilpool;2027;12,5;300000;0;-8000;8"


def csv_bytes(*rows, header=HEADER, sep=";", encoding="utf-8"):
    text = "\n".join([header, *rows]) + "\n"
    if sep != ";":
        text = text.replace(";", sep)
    return text.encode(encoding)


def xlsx_bytes(rows, sheet="Åtgärder", first_sheet=None):
    book = Workbook()
    if first_sheet:
        book.active.title = first_sheet
        book.active["A1"] = "annat"
        ws = book.create_sheet(sheet)
    else:
        ws = book.active
        ws.title = sheet
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


XLSX_HEADER = HEADER.split(";")


# ----------------------------------------------------------------------------- good files
def test_semicolon_decimal_comma_spaces_and_unicode_minus():
    table = mf.read_measures(csv_bytes(ROW_A, ROW_B), "plan.csv")
    assert list(table["measure"]) == ["Ny panna", "Elbilar"]
    np.testing.assert_allclose(table["investment_sek"], [1_000_000.0, 300_000.0])
    np.testing.assert_allclose(table["energy_cost_change_sek_per_year"], [-50_000.0, -8_000.0])
    np.testing.assert_allclose(table["abatement_t_per_year"], [100.0, 12.5])
    assert list(table["start_year"]) == [2026, 2027]
    assert list(table["source_row"]) == [2, 3]
    assert table["lifetime_years"].dtype == "int64"


def test_cost_per_tonne_from_a_file_by_hand():
    # CRF(4 %, 10) = 0.04 · 1.04^10 / (1.04^10 - 1) = 0.1232909
    # (0.1232909 · 1 000 000 + 20 000 - 50 000) / 100 t = 932.91 kr/t
    curve = macc(mf.read_measures(csv_bytes(ROW_A), "plan.csv"), 0.04)
    assert curve.loc[0, "cost_per_tonne"] == pytest.approx(932.9094, abs=1e-4)


def test_comma_separated_with_decimal_point_and_tab():
    rows = ("Ny panna;Egen uppvärmning av bostäder och lokaler;Fastighet;2026;100;1000000;20000;-50000.0;10",
            "Elbilar;Transporter;Bilpool;2027;12.5;300000;0;-8000;8")
    for sep in (",", "\t"):
        table = mf.read_measures(csv_bytes(*rows, sep=sep), "plan.csv")
        np.testing.assert_allclose(table["abatement_t_per_year"], [100.0, 12.5])


def test_comma_separated_with_quoted_decimal_comma():
    text = HEADER.replace(";", ",") + '\nElbilar,Transporter,Bilpool,2027,"12,5",300000,0,-8000,8\n'
    assert mf.read_measures(text.encode(), "plan.csv").loc[0, "abatement_t_per_year"] == 12.5


def test_windows_1252_csv_from_excel():
    # Excel's "CSV (semikolonavgränsad)" is Windows-1252, which has no "₂": it writes "CO?e".
    header = HEADER.replace("CO₂e", "CO?e")
    table = mf.read_measures(csv_bytes(ROW_B, header=header, encoding="cp1252"), "plan.csv")
    assert table.loc[0, "sector"] == "Transporter"
    assert table.loc[0, "responsible_unit"] == "Bilpool"
    assert mf.read_measures(csv_bytes(ROW_B, header=HEADER.replace("CO₂e", "CO2e")), "p.csv").loc[
        0, "abatement_t_per_year"] == 12.5


def test_english_headers_headers_without_units_and_loose_sector_spelling():
    header = "measure;sector;abatement_t_per_year;investment_sek;Ändrad driftkostnad;ÄNDRAD ENERGIKOSTNAD (SEK/år);Livslängd"
    row = "X;egen uppvärmning av bostäder och lokaler;5;0;0;100;1"
    table = mf.read_measures(csv_bytes(row, header=header), "x.csv")
    assert table.loc[0, "sector"] == "Egen uppvärmning av bostäder och lokaler"
    assert table.loc[0, "responsible_unit"] == "" and pd.isna(table.loc[0, "start_year"])
    assert mf.read_measures(csv_bytes("X;domestic_transport;5;0;0;0;1", header=header), "x.csv").loc[
        0, "sector"] == "Transporter"


def test_blank_rows_are_skipped_but_rows_keep_their_numbers():
    table = mf.read_measures(csv_bytes("", ROW_A, ";;;;;;;;", ROW_B, ""), "plan.csv")
    assert list(table["source_row"]) == [3, 5]
    with pytest.raises(ValueError, match=r'plan.csv, rad 5, kolumn E "Utsläppsminskning'):
        mf.read_measures(csv_bytes("", ROW_A, "", ROW_B.replace(";12,5;", ";tolv;")), "plan.csv")


def test_extra_learner_column_is_ignored():
    table = mf.read_measures(csv_bytes(ROW_A + ";min kommentar", header=HEADER + ";Kommentar"), "plan.csv")
    assert "Kommentar" not in table.columns and len(table) == 1


def test_xlsx_numbers_and_text_cells_and_named_sheet():
    rows = [XLSX_HEADER, ["Ny panna", "Egen uppvärmning av bostäder och lokaler", "Fastighet", 2026, 100,
                          "1 000 000", 20000, -50000.0, 10]]
    for content in (xlsx_bytes(rows), xlsx_bytes(rows, first_sheet="Läs mig")):
        table = mf.read_measures(content, "plan.xlsx")
        assert table.loc[0, "investment_sek"] == 1_000_000.0
        assert table.loc[0, "start_year"] == 2026


def test_read_from_path(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes(csv_bytes(ROW_A))
    assert mf.read_measures(path).loc[0, "measure"] == "Ny panna"
    assert mf.read_measures(str(path)).loc[0, "measure"] == "Ny panna"


# ----------------------------------------------------------------------------- bad files
BAD_CELLS = [
    # (replace in ROW_B, row, column letter, header start, fragment)
    (";12,5;", ";tolv;", "E", "Utsläppsminskning", '"tolv" är inte ett tal'),
    (";12,5;", ";;", "E", "Utsläppsminskning", "värde saknas"),
    (";12,5;", ";-12,5;", "E", "Utsläppsminskning", "större än 0"),
    (";12,5;", ";0;", "E", "Utsläppsminskning", "större än 0"),
    (";300000;", ";-300000;", "F", "Investering", "får inte vara negativ"),
    (";300000;", ";300 000 kr;", "F", "Investering", "inte ett tal"),
    (";0;-8000;", ";;-8000;", "G", "Ändrad driftkostnad", "Skriv 0 om ingen ändring"),
    (";-8000;", ";1,2,3;", "H", "Ändrad energikostnad", '"1,2,3" är inte ett tal'),
    # the shared reader (models.data.upload) words the checks generically; lifetimes are 1-100 years
    (";-8000;8", ";-8000;7,5", "I", "Livslängd", "måste vara ett heltal, fick 7,5"),
    (";-8000;8", ";-8000;0", "I", "Livslängd", "mellan 1 och 100, fick 0"),
    (";-8000;8", ";-8000;101", "I", "Livslängd", "mellan 1 och 100"),
    (";2027;", ";20277;", "D", "Startår", "mellan 1990 och 2100, fick 20277"),
    (";2027;", ";nästa år;", "D", "Startår", "inte ett tal"),
    (";Transporter;", ";Trafik;", "B", "Sektor", '"Trafik" är inte ett giltigt värde. Giltiga: "Jordbruk", "Transporter"'),
    ("Elbilar;", ";", "A", "Åtgärd", "värde saknas"),
]


@pytest.mark.parametrize("old, new, letter, header, fragment", BAD_CELLS)
def test_bad_cell_names_file_row_and_column(old, new, letter, header, fragment):
    with pytest.raises(ValueError) as caught:
        mf.read_measures(csv_bytes(ROW_A, ROW_B.replace(old, new)), "min_plan.csv")
    message = str(caught.value)
    assert message.startswith(f'min_plan.csv, rad 3, kolumn {letter} "{header}'), message
    assert fragment in message, message


@pytest.mark.parametrize("value, fragment", [("mycket", '"mycket" är inte ett tal'), (-4, "större än 0")])
def test_bad_xlsx_cell_names_row_and_column(value, fragment):
    rows = [XLSX_HEADER, ["A", "Transporter", "", 2026, 1, 0, 0, 0, 1],
            ["B", "Transporter", "", 2026, value, 0, 0, 0, 1]]
    with pytest.raises(ValueError) as caught:
        mf.read_measures(xlsx_bytes(rows), "plan.xlsx")
    assert str(caught.value).startswith('plan.xlsx, rad 3, kolumn E "Utsläppsminskning (ton CO₂e/år)"')
    assert fragment in str(caught.value)


def test_duplicate_measure_names_name_both_rows():
    with pytest.raises(ValueError, match=r'plan.csv, rad 2 och 4, kolumn A "Åtgärd": "Ny panna" finns flera gånger'):
        mf.read_measures(csv_bytes(ROW_A, ROW_B, ROW_A), "plan.csv")


def test_wrong_unit_in_header_names_row_1_and_column():
    header = HEADER.replace("Investering (kr)", "Investering (tkr)")
    with pytest.raises(ValueError, match=r'plan.csv, rad 1, kolumn F "Investering \(tkr\)": enheten "tkr"'):
        mf.read_measures(csv_bytes(ROW_A, header=header), "plan.csv")


def test_missing_column_names_row_1_and_the_column():
    header = HEADER.replace(";Livslängd (år)", "")
    row = ROW_A.rsplit(";", 1)[0]
    with pytest.raises(ValueError, match=r'plan.csv, rad 1: kolumnen "Livslängd \(år\)" saknas'):
        mf.read_measures(csv_bytes(row, header=header), "plan.csv")


def test_duplicate_header_names_both_columns():
    header = HEADER + ";Sektor"
    with pytest.raises(ValueError, match=r'plan.csv, rad 1, kolumn J "Sektor": rubriken finns redan i kolumn B'):
        mf.read_measures(csv_bytes(ROW_A + ";Transporter", header=header), "plan.csv")


def test_value_without_header_names_row_and_column():
    # decimal comma in a comma-separated file without quotes: one value too many
    text = HEADER.replace(";", ",") + "\nElbilar,Transporter,Bilpool,2027,12,5,300000,0,-8000,8\n"
    with pytest.raises(ValueError, match=r"plan.csv, rad 2, kolumn J: .* kolumn utan rubrik"):
        mf.read_measures(text.encode(), "plan.csv")


@pytest.mark.parametrize(
    "content, name, fragment",
    [
        (b"", "plan.csv", 'Filen "plan.csv" är tom'),
        (b"   \n\n", "plan.csv", 'Filen "plan.csv" är tom'),
        (csv_bytes(ROW_A), "plan.txt", 'Filen "plan.txt" är varken en .csv- eller en .xlsx-fil'),
        (b"%PDF-1.4 binary", "plan.pdf", "varken en .csv- eller en .xlsx-fil"),
        (b"not a zip file at all", "plan.xlsx", 'Filen "plan.xlsx" går inte att öppna som Excel-arbetsbok'),
        (xlsx_bytes([XLSX_HEADER]), "plan.csv", "ser ut att vara en Excel-fil men heter .csv"),
        (b"\x00\x01\x02\x03binary", "plan.csv", "går inte att läsa som text"),
        (b"\x81\x8d\x8f\x90;\x9d", "plan.csv", "går inte att läsa som text"),
        (csv_bytes(), "plan.csv", "plan.csv: filen har rubriker men inga rader. Skriv en åtgärd per rad"),
        (b";;;\nx;y;z\n", "plan.csv", "plan.csv, rad 1: rubrikraden saknas"),
    ],
)
def test_bad_files(content, name, fragment):
    with pytest.raises(ValueError, match=re.escape(fragment)):
        mf.read_measures(content, name)


def test_bytes_need_a_name_and_paths_must_exist(tmp_path):
    with pytest.raises(ValueError, match="filename"):
        mf.read_measures(csv_bytes(ROW_A))
    with pytest.raises(ValueError, match="finns inte"):
        mf.read_measures(tmp_path / "saknas.csv")
    with pytest.raises(TypeError, match="sökväg"):  # a wrong type is a TypeError (CONTRIBUTING.md)
        mf.read_measures(42)


# ----------------------------------------------------------------------------- the template
def test_template_csv_and_xlsx_are_the_same_table():
    from_csv = mf.read_measures(mf.TEMPLATE_CSV)
    from_xlsx = mf.read_measures(mf.TEMPLATE_XLSX)
    pd.testing.assert_frame_equal(from_csv, from_xlsx)
    assert len(from_csv) >= 5


def test_template_xlsx_cells_match_the_csv_cell_by_cell():
    rows = upload.csv_rows(mf.TEMPLATE_CSV.read_bytes(), "atgardsmall.csv")
    sheet = load_workbook(mf.TEMPLATE_XLSX, read_only=True)[mf.SHEET_NAME]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]
    assert cells[0] == rows[0] == list(mf.headers())
    for csv_row, xlsx_row in zip(rows[1:], cells[1:]):
        for text, value in zip(csv_row, xlsx_row):
            if isinstance(value, (int, float)):
                assert upload.parse_number(text) == pytest.approx(value)
            else:
                assert text == value
    assert len(cells) == len(rows)


def test_rebuilding_the_xlsx_from_the_csv_gives_the_committed_file(tmp_path, monkeypatch):
    # scripts/write_templates.py writes every template; send them all to tmp_path, not data/templates/
    committed = mf.TEMPLATE_XLSX
    rebuilt = tmp_path / "mall.xlsx"
    monkeypatch.setattr(mf, "TEMPLATE_XLSX", rebuilt)
    monkeypatch.setattr(write_templates.fleet_file, "TEMPLATE_XLSX", tmp_path / "fordonsmall.xlsx")
    monkeypatch.setattr(write_templates.sites_file, "TEMPLATE_XLSX", tmp_path / "solelslagen.xlsx")
    write_templates.main()
    pd.testing.assert_frame_equal(mf.read_measures(rebuilt), mf.read_measures(committed))
    pd.testing.assert_frame_equal(mf.read_measures(rebuilt), mf.read_measures(mf.TEMPLATE_XLSX))
    assert "Instruktioner" in load_workbook(rebuilt).sheetnames


def test_template_is_labelled_as_illustrative():
    table = mf.template_measures()
    assert table["measure"].str.startswith("Exempel:").all()
    assert table["assumptions"].str.startswith("Exempel – illustrativa värden").all()
    assert table["assumptions"].str.contains("antagande").all()


# Each example's abatement, recomputed from the figures its "Antaganden och källor" cell states:
# diesel 3.21 kg CO2e/l at the 6 % reduktionsplikt of 2024–2026 (95.1 g/MJ · 0.94 · 35.9 MJ/l,
# Energimyndigheten 2016 and prop. 2023/24:28), HVO100 0.476 and diesel MK3 3.414 kg CO2e/l
# (Energimyndigheten 2016), Nordic electricity mix 0.090 kg CO2e/kWh (IVL 2021); the rest are
# stated assumptions.
EXPECTED_ABATEMENT = {
    "Exempel: 10 000 dieselbilar ersätts med elbilar": 10_000 * 1_500 * (0.5 * 3.21 - 2.0 * 0.090) / 1000,  # 21 375
    "Exempel: fler resor med cykel och buss i stället för bil": 5_000_000 * 0.5 * 3.21 / 1000,  # 8 025
    "Exempel: HVO100 i stället för diesel i arbetsmaskiner": 2_000_000 * (3.21 - 0.476) / 1000,  # 5 468
    "Exempel: eldrivna arbetsmaskiner": (1_000_000 * 3.21 - 3_000_000 * 0.090) / 1000,  # 2 940
    "Exempel: oljepannor byts mot värmepumpar": (100_000 * 3.414 - 300_000 * 0.090) / 1000,  # 314.4
    "Exempel: elbussar i stadstrafiken": (50 * 6_000 * 4 * 3.21 - 50 * 6_000 * 12 * 0.090) / 1000,  # 3 528
}


def test_template_values_follow_their_stated_assumptions():
    table = mf.template_measures().set_index("measure")
    assert set(table.index) == set(EXPECTED_ABATEMENT)
    for name, expected in EXPECTED_ABATEMENT.items():
        assert table.loc[name, "abatement_t_per_year"] == pytest.approx(expected, abs=0.05), name
    car = table.loc["Exempel: 10 000 dieselbilar ersätts med elbilar"]
    # 10 000 cars · 1 500 mil · (2.60 - 0.5 · 23) kr/mil = -133 500 000 kr/yr
    assert car["energy_cost_change_sek_per_year"] == 10_000 * 1_500 * (2.60 - 0.5 * 23)
    assert car["investment_sek"] == 10_000 * 100_000


def test_template_car_measure_cost_by_hand():
    # CRF(4 %, 10) = 0.1232909; 0.1232909 · 1e9 = 123 290 944 kr/yr; - 133 500 000 = -10 209 056 kr/yr
    # / 21 375 t = -477.62 kr/t
    curve = macc(mf.template_measures(), 0.04).set_index("measure")
    cost = curve.loc["Exempel: 10 000 dieselbilar ersätts med elbilar", "cost_per_tonne"]
    assert cost == pytest.approx((capital_recovery_factor(0.04, 10) * 1e9 - 133.5e6) / 21_375)
    assert cost == pytest.approx(-477.62, abs=0.01)


def test_headers_and_sectors_are_the_documented_ones():
    assert mf.headers()[4] == "Utsläppsminskning (ton CO₂e/år)"
    assert "Transporter" in mf.sector_names() and "Arbetsmaskiner" in mf.sector_names()
    assert mf.headers() == tuple(c.header for c in mf.schema().columns)
    assert upload.column_letter(0) == "A" and upload.column_letter(25) == "Z" and upload.column_letter(26) == "AA"
