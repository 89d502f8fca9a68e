"""Read and check a learner's measures file (CSV or Excel) for the abatement cost curve.

The file has one row per measure and Swedish column headers with units, as in the book's
template ``data/templates/atgardsmall.csv`` (and its Excel twin ``atgardsmall.xlsx``):

==========================================  =====================================  ========
Header in the file                          Column in the model                    Required
==========================================  =====================================  ========
Åtgärd                                      ``measure``                            yes
Sektor (one of SMHI's main sectors)         ``sector``                             yes
Ansvarig enhet                              ``responsible_unit``                   no
Startår                                     ``start_year``                         no
Utsläppsminskning (ton CO₂e/år)             ``abatement_t_per_year``               yes
Investering (kr)                            ``investment_sek``                     yes
Ändrad driftkostnad (kr/år)                 ``running_cost_change_sek_per_year``   yes
Ändrad energikostnad (kr/år)                ``energy_cost_change_sek_per_year``    yes
Livslängd (år)                              ``lifetime_years``                     yes
Antaganden och källor                       ``assumptions``                        no
==========================================  =====================================  ========

CSV files may use ``;`` or ``,`` (or tab) between columns and a decimal comma or point; spaces
as thousands separators are allowed. Excel files (.xlsx) are read from the sheet "Åtgärder"
if there is one, otherwise the first sheet. Every problem raises ``ValueError`` in Swedish that
names the file, the row as the learner sees it in a spreadsheet (the header is row 1) and the
column (letter and header), e.g. ``min_fil.csv, rad 4, kolumn E "Utsläppsminskning (ton CO₂e/år)":
"mycket" är inte ett tal``.

Run ``python -m models.measures_file`` to rebuild the Excel template from the CSV template.
"""
from __future__ import annotations

import csv
import io
import math
import re
import sys
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from models import emissions
from models.export import write_xlsx

TEMPLATE_DIR = Path(__file__).resolve().parent.parent / "data" / "templates"
TEMPLATE_CSV = TEMPLATE_DIR / "atgardsmall.csv"
TEMPLATE_XLSX = TEMPLATE_DIR / "atgardsmall.xlsx"
SHEET_NAME = "Åtgärder"
MAX_MEASURES = 500
MAX_BYTES = 5_000_000
FIRST_YEAR, LAST_YEAR = 1990, 2100


@dataclass(frozen=True)
class Column:
    """One column of the measures file."""

    key: str        # column name in the model (models.strategy.MEASURE_COLUMNS and friends)
    name: str       # Swedish header without unit
    unit: str | None
    required: bool
    kind: str       # "text", "sector", "number", "non_negative", "positive", "lifetime", "year"

    @property
    def header(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


COLUMNS = (
    Column("measure", "Åtgärd", None, True, "text"),
    Column("sector", "Sektor", None, True, "sector"),
    Column("responsible_unit", "Ansvarig enhet", None, False, "text"),
    Column("start_year", "Startår", None, False, "year"),
    Column("abatement_t_per_year", "Utsläppsminskning", "ton CO₂e/år", True, "positive"),
    Column("investment_sek", "Investering", "kr", True, "non_negative"),
    Column("running_cost_change_sek_per_year", "Ändrad driftkostnad", "kr/år", True, "number"),
    Column("energy_cost_change_sek_per_year", "Ändrad energikostnad", "kr/år", True, "number"),
    Column("lifetime_years", "Livslängd", "år", True, "lifetime"),
    Column("assumptions", "Antaganden och källor", None, False, "text"),
)
#: Swedish headers of the template, in order.
HEADERS = tuple(c.header for c in COLUMNS)

# Ways of writing each unit that mean the same thing (compared after _normalise).
_UNIT_SPELLINGS = {
    "ton CO₂e/år": {"ton co2e/år", "t co2e/år", "ton co2e per år", "t co2e per år", "ton/år", "t/år",
                    "ton co2-ekv/år", "ton koldioxidekvivalenter per år", "ton co2e/ år"},
    "kr": {"kr", "sek", "kronor"},
    "kr/år": {"kr/år", "sek/år", "kr per år", "kronor per år", "kronor/år"},
    "år": {"år"},
}


def read_measures(source, filename: str | None = None) -> pd.DataFrame:
    """Read a measures file into the table that :func:`models.strategy.macc` takes.

    Parameters
    ----------
    source : str, Path or bytes
        A path to a ``.csv`` or ``.xlsx`` file, or the file's bytes (e.g. from an upload).
    filename : str, optional
        The file's name, used for its type and in messages; required with bytes.

    Returns
    -------
    pandas.DataFrame
        Columns ``measure``, ``sector`` (SMHI's Swedish sector label), ``responsible_unit``,
        ``start_year`` (nullable Int64), ``abatement_t_per_year`` [t CO2e/yr],
        ``investment_sek`` [SEK], ``running_cost_change_sek_per_year`` [SEK/yr],
        ``energy_cost_change_sek_per_year`` [SEK/yr], ``lifetime_years`` [yr, int],
        ``assumptions`` and ``source_row`` (the row in the file; the header is row 1).

    Raises
    ------
    ValueError
        In Swedish, naming the file, row and column of the first problem found.
    """
    content, name = _content(source, filename)
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        rows = _csv_rows(content, name)
    elif suffix == ".xlsx":
        rows = _xlsx_rows(content, name)
    else:
        raise ValueError(f'Filen "{name}" är varken en .csv- eller en .xlsx-fil. Spara åtgärderna som '
                         "CSV (semikolonavgränsad) eller Excel-arbetsbok (.xlsx) med mallens rubriker.")
    return _parse(rows, name)


def template_measures() -> pd.DataFrame:
    """The book's illustrative example measures (from the CSV template)."""
    stat = TEMPLATE_CSV.stat()
    return _template(str(TEMPLATE_CSV), stat.st_mtime_ns).copy()


@lru_cache(maxsize=2)
def _template(path: str, mtime_ns: int) -> pd.DataFrame:
    return read_measures(Path(path))


def measures_table(measures: pd.DataFrame, assumptions: bool = False) -> pd.DataFrame:
    """The measures with the template's Swedish headers and Swedish number format, numbered from 1."""
    columns = [c for c in COLUMNS if c.key in measures.columns and (assumptions or c.key != "assumptions")]
    table = pd.DataFrame(index=pd.RangeIndex(1, len(measures) + 1, name="Nr"))
    for column in columns:
        values = measures[column.key].to_numpy()
        if column.kind in ("positive", "non_negative", "number"):
            values = [_swedish(x) for x in values]
        elif column.kind in ("year", "lifetime"):
            values = ["" if pd.isna(x) else str(int(x)) for x in values]
        table[column.header] = values
    return table


def sector_names() -> tuple[str, ...]:
    """SMHI's Swedish main-sector labels, the valid values of the column "Sektor"."""
    return tuple(_labels().values())


@lru_cache(maxsize=1)
def _labels() -> dict[str, str]:
    return emissions.sector_labels()


def write_template_xlsx(csv_path=TEMPLATE_CSV, xlsx_path=TEMPLATE_XLSX) -> Path:
    """Write the Excel template from the CSV template: the same cells, numbers as numbers.

    The sheet "Åtgärder" holds exactly the CSV's rows; a sheet "Instruktioner" explains the
    columns. Both files are read by :func:`read_measures` into the same table.
    """
    csv_path = Path(csv_path)
    rows = _csv_rows(csv_path.read_bytes(), csv_path.name)
    header, body = rows[0], [r for r in rows[1:] if any(cell.strip() for cell in r)]
    kinds = {c.header: c.kind for c in COLUMNS}
    table = pd.DataFrame(body, columns=header).astype(object)
    for column in header:
        if kinds.get(column) not in ("text", "sector", None):
            table[column] = [_number(cell) if cell.strip() else None for cell in table[column]]
            if kinds[column] in ("year", "lifetime"):
                table[column] = [None if x is None else int(x) for x in table[column]]
    instructions = pd.DataFrame({"Kolumn": list(HEADERS), "Vad du skriver": [_INSTRUCTIONS[c.key] for c in COLUMNS]})
    return write_xlsx(
        xlsx_path, {SHEET_NAME: table, "Instruktioner": instructions},
        notes={"Instruktioner": "Exempelåtgärderna är illustrativa värden, inte fakta om någon kommun. "
                                "Byt ut dem mot kommunens egna åtgärder. Rubrikerna på rad 1 ska stå kvar."},
    )


_INSTRUCTIONS = {
    "measure": "Kort namn på åtgärden. Varje namn får bara finnas en gång.",
    "sector": "En av SMHI:s huvudsektorer, t.ex. Transporter, Arbetsmaskiner, "
              "Egen uppvärmning av bostäder och lokaler. Används när åtgärderna räknas i tur och ordning.",
    "responsible_unit": "Förvaltning eller bolag som ansvarar (valfritt).",
    "start_year": "År då åtgärden börjar verka (valfritt). Åtgärder som startar efter målåret räknas inte mot gapet.",
    "abatement_t_per_year": "Hur mycket utsläppen minskar per år när åtgärden är genomförd, jämfört med att inte göra "
                            "något. Större än 0.",
    "investment_sek": "Engångskostnad jämfört med att inte göra något (merkostnad), i kronor. 0 eller mer.",
    "running_cost_change_sek_per_year": "Ändrad kostnad för drift och underhåll per år. Minus = besparing. Skriv 0 om "
                                        "ingen ändring.",
    "energy_cost_change_sek_per_year": "Ändrad kostnad för el, bränsle och drivmedel per år. Minus = besparing. "
                                       "Skriv 0 om ingen ändring.",
    "lifetime_years": "Ekonomisk livslängd i hela år, minst 1. Investeringen fördelas på så många år.",
    "assumptions": "Varifrån siffrorna kommer: källa och år, eller att det är ett antagande (valfritt men viktigt).",
}


# ----------------------------------------------------------------------------- reading
def _content(source, filename) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        if not filename:
            raise ValueError("Ange filens namn (filename) när filen ges som bytes.")
        content, name = bytes(source), str(filename)
    elif isinstance(source, (str, Path)):
        path = Path(source)
        name = filename or path.name
        if not path.is_file():
            raise ValueError(f'Filen "{path}" finns inte.')
        content = path.read_bytes()
    else:
        raise ValueError(f"Ange en sökväg eller filens innehåll (bytes), fick {type(source).__name__}.")
    if not content.strip():
        raise ValueError(f'Filen "{name}" är tom. Utgå från bokens mall och fyll i en rad per åtgärd.')
    if len(content) > MAX_BYTES:
        raise ValueError(f'Filen "{name}" är för stor ({len(content) / 1e6:.1f} MB). En åtgärdsfil brukar vara '
                         f"några kB; högst {MAX_BYTES / 1e6:.0f} MB.")
    return content, name


def _csv_rows(content: bytes, name: str) -> list[list[str]]:
    if content.startswith(b"PK\x03\x04"):
        raise ValueError(f'Filen "{name}" ser ut att vara en Excel-fil men heter .csv. Döp om den till .xlsx '
                         "eller spara den som CSV från Excel.")
    if b"\x00" in content[:4096]:
        raise ValueError(f'Filen "{name}" går inte att läsa som text. Spara den som CSV (UTF-8) eller .xlsx.')
    for encoding in ("utf-8-sig", "cp1252"):  # Excel writes "CSV UTF-8" with a BOM, plain CSV as cp1252
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # cp1252 leaves five byte values undefined
        raise ValueError(f'Filen "{name}" går inte att läsa som text. Spara den som CSV (UTF-8) eller .xlsx.')
    first = text.lstrip("\r\n").split("\n", 1)[0]
    delimiter = ";" if ";" in first else ("\t" if "\t" in first else ",")
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as error:
        raise ValueError(f'Filen "{name}" går inte att läsa som CSV: {error}.') from None
    return [[cell.strip() for cell in row] for row in rows]


def _xlsx_rows(content: bytes, name: str) -> list[list]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        raise ValueError(f'Filen "{name}" går inte att öppna som Excel-arbetsbok (.xlsx). Är den skadad, '
                         "eller en annan filtyp med fel ändelse? Spara om den från Excel.") from None
    try:
        sheet = workbook[SHEET_NAME] if SHEET_NAME in workbook.sheetnames else workbook.worksheets[0]
        rows = [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()
    return rows


def _parse(rows: list[list], name: str) -> pd.DataFrame:
    while rows and not any(_text(cell) for cell in rows[-1]):
        rows.pop()
    if not rows or not any(_text(cell) for cell in rows[0]):
        raise ValueError(f"{name}, rad 1: rubrikraden saknas. Rad 1 ska ha mallens rubriker: "
                         f"{_listing(HEADERS)}.")
    header = [_text(cell) for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    positions = _match_headers(header, name)
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(_text(c) for c in row)]
    if not body:
        raise ValueError(f"{name}: filen har rubriker men inga åtgärder. Skriv en åtgärd per rad från rad 2.")
    if len(body) > MAX_MEASURES:
        raise ValueError(f"{name}: filen har {len(body)} åtgärder; högst {MAX_MEASURES} går att räkna på här.")
    sectors = _sector_lookup()
    records = []
    for number, row in body:
        extra = [i for i in range(len(header), len(row)) if _text(row[i])]
        if extra:
            i = extra[0]
            raise ValueError(f"{name}, rad {number}, kolumn {_letter(i)}: värdet {_quote(row[i])} står i en "
                             "kolumn utan rubrik. Kontrollera att raden har samma antal kolumner som rubrikraden "
                             "(ett decimaltal med komma i en kommaseparerad fil måste stå inom citattecken).")
        record = {"source_row": number}
        for column in COLUMNS:
            if column.key not in positions:
                record[column.key] = None
                continue
            i = positions[column.key]
            cell = row[i] if i < len(row) else ""
            where = f'{name}, rad {number}, kolumn {_letter(i)} "{header[i]}"'
            record[column.key] = _cell(cell, column, where, sectors)
        records.append(record)
    table = pd.DataFrame.from_records(records)
    _check_unique_names(table, positions, header, name)
    table["start_year"] = pd.array(table["start_year"], dtype="Int64")
    table["lifetime_years"] = table["lifetime_years"].astype("int64")
    for column in ("abatement_t_per_year", "investment_sek", "running_cost_change_sek_per_year",
                   "energy_cost_change_sek_per_year"):
        table[column] = table[column].astype(float)
    table["responsible_unit"] = table["responsible_unit"].fillna("")
    table["assumptions"] = table["assumptions"].fillna("")
    return table[[c.key for c in COLUMNS] + ["source_row"]]


def _match_headers(header: list[str], name: str) -> dict[str, int]:
    by_name = {_normalise(c.name): c for c in COLUMNS}
    by_name.update({_normalise(c.key): c for c in COLUMNS})  # the model's English names also work
    positions: dict[str, int] = {}
    for i, text in enumerate(header):
        if not text:
            continue
        match = re.fullmatch(r"(.*?)\s*\((.*)\)\s*", text)
        base, unit = (match.group(1), match.group(2)) if match else (text, None)
        column = by_name.get(_normalise(base))
        if column is None:
            continue  # an extra column of the learner's own is allowed and ignored
        where = f'{name}, rad 1, kolumn {_letter(i)} "{text}"'
        if column.key in positions:
            j = positions[column.key]
            raise ValueError(f'{where}: rubriken finns redan i kolumn {_letter(j)} "{header[j]}". '
                             "Varje rubrik får bara finnas en gång.")
        if unit is not None and column.unit is None:
            pass  # e.g. "Startår (år)": harmless
        elif unit is not None and _normalise(unit) not in _UNIT_SPELLINGS[column.unit]:
            raise ValueError(f"{where}: enheten {_quote(unit)} stämmer inte. Boken räknar i {column.unit}; räkna "
                             f'om värdena och skriv rubriken "{column.header}".')
        positions[column.key] = i
    missing = [c.header for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        found = _listing([h for h in header if h]) or "inga"
        raise ValueError(f"{name}, rad 1: kolumnen {_listing(missing)} saknas. Rad 1 ska ha mallens rubriker "
                         f"{_listing(HEADERS)}; filen har {found}.")
    return positions


def _cell(cell, column: Column, where: str, sectors: dict[str, str]):
    text = _text(cell)
    if not text:
        if column.required:
            hint = " Skriv 0 om ingen ändring." if column.kind == "number" else ""
            raise ValueError(f"{where}: värde saknas.{hint}")
        return None
    if column.kind == "text":
        return text
    if column.kind == "sector":
        sector = sectors.get(_normalise(text, spaces=False))
        if sector is None:
            raise ValueError(f"{where}: {_quote(text)} är inte en av SMHI:s sektorer. Giltiga: "
                             f"{_listing(sector_names())}.")
        return sector
    value = cell if _is_number(cell) else _number(text)
    if value is None:
        raise ValueError(f"{where}: {_quote(text)} är inte ett tal. Skriv bara siffror, t.ex. 1500000 eller "
                         "-2500,5 (minus för besparing, inga enheter i cellen).")
    value = float(value)
    if column.kind == "positive" and not value > 0:
        raise ValueError(f"{where}: måste vara större än 0, fick {_show(value)}. Skriv utsläppsminskningen som ett "
                         "positivt tal.")
    if column.kind == "non_negative" and value < 0:
        raise ValueError(f"{where}: får inte vara negativ, fick {_show(value)}. Skriv en minskad kostnad i "
                         "kolumnerna för drift- eller energikostnad i stället.")
    if column.kind == "lifetime" and not (value >= 1 and value.is_integer()):
        raise ValueError(f"{where}: måste vara ett helt antal år, minst 1, fick {_show(value)}.")
    if column.kind == "year":
        if not (value.is_integer() and FIRST_YEAR <= value <= LAST_YEAR):
            raise ValueError(f"{where}: måste vara ett årtal mellan {FIRST_YEAR} och {LAST_YEAR}, fick "
                             f"{_show(value)}.")
        return int(value)
    if column.kind == "lifetime":
        return int(value)
    return value


def _check_unique_names(table: pd.DataFrame, positions: dict[str, int], header: list[str], name: str) -> None:
    duplicated = table["measure"].duplicated(keep=False)
    if duplicated.any():
        first = table.loc[duplicated, "measure"].iloc[0]
        rows = table.loc[table["measure"] == first, "source_row"].tolist()
        i = positions["measure"]
        raise ValueError(f'{name}, rad {" och ".join(map(str, rows))}, kolumn {_letter(i)} "{header[i]}": '
                         f"åtgärden {_quote(first)} finns flera gånger. Ge varje åtgärd ett eget namn.")


# ----------------------------------------------------------------------------- helpers
def _sector_lookup() -> dict[str, str]:
    labels = _labels()
    lookup = {_normalise(sv, spaces=False): sv for sv in labels.values()}
    lookup.update({_normalise(key, spaces=False): sv for key, sv in labels.items()})
    return lookup


def _normalise(text: str, spaces: bool = True) -> str:
    # "CO₂e" saved by Excel as a Windows-1252 CSV becomes "CO?e"
    text = str(text).replace("₂", "2").replace("CO?e", "CO2e").replace("\u00a0", " ").casefold().strip()
    text = re.sub(r"\s+", " " if spaces else "", text)
    return text


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and math.isnan(cell):
        return ""
    if _is_number(cell):
        return _show(float(cell))
    return str(cell).strip()


def _is_number(cell) -> bool:
    return isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(cell, bool)


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def _number(text: str) -> float | None:
    """A number written the Swedish or the English way, or None."""
    s = str(text).strip()
    for space in (" ", "\u00a0", "\u202f", "\u2009"):
        s = s.replace(space, "")
    s = s.replace("\u2212", "-").replace("\u2013", "-")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):      # 1.234.567,5
            s = s.replace(".", "").replace(",", ".")
        else:                                # 1,234,567.5
            s = s.replace(",", "")
    elif s.count(",") == 1:                  # decimal comma
        s = s.replace(",", ".")
    if not _NUMBER.fullmatch(s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None


def _swedish(value: float) -> str:
    """1234567.5 -> "1 234 567,5" (no-break spaces, decimal comma, minus sign)."""
    decimals = 0 if float(value).is_integer() else 1
    text = f"{abs(value):,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    return f"−{text}" if value < 0 else text


def _show(value: float) -> str:
    if float(value).is_integer() and abs(value) < 1e15:
        return str(int(value))
    return f"{value:g}".replace(".", ",")


def _quote(value) -> str:
    return f'"{_text(value)}"'


def _listing(items) -> str:
    return ", ".join(f'"{item}"' for item in items)


def _letter(index: int) -> str:
    """Spreadsheet column letter for a 0-based index: 0 -> A, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


if __name__ == "__main__":  # python -m models.measures_file
    print(write_template_xlsx(), file=sys.stdout)
