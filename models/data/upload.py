"""The one reader for a learner's own files: CSV or Excel, checked against a column schema.

Every chapter's user files – the measures of an action plan, a fleet register, a list of
buildings, a grid company's hourly meter data – go through :func:`read_table` with a
:class:`Schema` that names each column's Swedish header, unit, kind and limits. The reader

* accepts ``.csv`` (``;``, ``,`` or tab between columns; UTF-8 with or without BOM, or
  Windows-1252 as Excel writes it; decimal comma or point; spaces as thousands separators) and
  ``.xlsx`` (the schema's sheet if there is one, otherwise the first sheet);
* matches headers with or without their unit, in any case, and in any column order; extra
  columns of the learner's own are ignored;
* checks every cell, and raises one ``ValueError`` in Swedish naming the file, the row as the
  learner sees it in a spreadsheet (the header is row 1) and the column (letter and header),
  e.g. ``flotta.csv, rad 4, kolumn E "Körsträcka (km/år)": "mycket" är inte ett tal``;
* returns a complete, typed table or nothing: there is no half-loaded result.

Chapters define their schemas next to their templates (``models.data.measures_file`` …). The cell
helpers (numbers, headers, listings) live in :mod:`models.data.cells` and are re-exported here; the
template sheets and :func:`~models.data.upload_tables.check_typed` are in :mod:`models.data.upload_tables`.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from models.common import checks
from models.common.export import os_reason
from models.common.formatting import fmt_plain
from models.data.cells import (  # noqa: F401  (re-exported: the readers' cell helpers live in cells)
    _AMBIGUOUS, Choices, _quote, _text, choices, column_letter, is_number, listing, normalise, parse_number,
)

MAX_BYTES = 20_000_000
KINDS = ("text", "choice", "number", "non_negative", "positive", "integer", "year", "boolean", "datetime")
_TRUE = {"ja", "j", "yes", "y", "true", "sant", "1", "x"}
_FALSE = {"nej", "n", "no", "false", "falskt", "0", ""}


@dataclass(frozen=True)
class Column:
    """One column of a user file.

    ``kind`` is one of :data:`KINDS`. ``choices`` maps each accepted spelling (compared
    case-insensitively, without spaces) to the value stored; ``minimum``/``maximum`` bound
    numbers and years (inclusive); ``help`` is the instruction shown in the Excel template.
    """

    key: str
    name: str
    unit: str | None = None
    required: bool = True
    kind: str = "text"
    minimum: float | None = None
    maximum: float | None = None
    choices: Mapping[str, str] | None = None
    help: str = ""
    unit_spellings: frozenset = frozenset()

    @property
    def header(self) -> str:
        return f"{self.name} ({self.unit})" if self.unit else self.name


@dataclass(frozen=True)
class Schema:
    """The columns of one kind of user file, and its limits."""

    what: str                      # Swedish, e.g. "åtgärdsfil" (used in messages)
    columns: tuple[Column, ...]
    sheet_name: str | None = None
    max_rows: int = 5_000
    max_bytes: int = MAX_BYTES
    unique: tuple[str, ...] = ()   # keys whose values must be unique (e.g. a measure's name)
    row_word: str = "rad"
    extra: dict = field(default_factory=dict)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(c.header for c in self.columns)


# Ways of writing units that mean the same thing (compared after _normalise).
UNIT_SPELLINGS = {
    "ton CO₂e/år": {"ton co2e/år", "t co2e/år", "ton co2e per år", "t co2e per år", "ton/år", "t/år",
                    "ton co2-ekv/år", "ton koldioxidekvivalenter per år", "ton co2e/ år"},
    "kr": {"kr", "sek", "kronor"},
    "kr/år": {"kr/år", "sek/år", "kr per år", "kronor per år", "kronor/år"},
    "år": {"år"},
    "km/år": {"km/år", "km per år", "kilometer per år", "km/ år"},
    "km": {"km", "kilometer"},
    "kWh": {"kwh"},
    "kWh/år": {"kwh/år", "kwh per år"},
    "m²": {"m2", "m²", "kvm", "kvadratmeter"},
    "°": {"°", "grader", "grad", "deg"},
    "kWp": {"kwp"},
    "kW": {"kw"},
}


def file_version(path: Path) -> tuple[int, int]:
    """(modification time [ns], size [bytes]) of a file: a cache key that changes when the file does."""
    if not isinstance(path, (str, Path)):
        raise checks.WrongType(f"path måste vara en sökväg till en fil, fick {checks.show(path)}.")
    try:
        stat = Path(path).stat()
    except FileNotFoundError:
        raise ValueError(f"Filen {checks.show(str(path))} finns inte.") from None
    except OSError as error:
        raise ValueError(f"Filen {checks.show(str(path))} går inte att läsa: {os_reason(error)}.") from None
    except ValueError:                  # e.g. a NUL character in the name
        raise ValueError(f"{checks.show(str(path))} är ingen giltig sökväg till en fil.") from None
    return stat.st_mtime_ns, stat.st_size


def read_table(source, schema: Schema, filename: str | None = None) -> pd.DataFrame:
    """Read a user's CSV or Excel file into a typed table with the schema's column keys.

    Parameters
    ----------
    source : str, Path or bytes
        A path to a ``.csv`` or ``.xlsx`` file, or the file's bytes (e.g. from an upload).
    schema : Schema
        The expected columns.
    filename : str, optional
        The file's name, used for its type and in messages; required with bytes.

    Returns
    -------
    pandas.DataFrame
        One column per schema column, in schema order (``None``/NaN/``<NA>`` where an optional
        cell is empty), plus ``source_row`` (the row in the file; the header is row 1).
        Numbers are ``float64``, integers and years nullable ``Int64``, booleans ``bool``,
        datetimes ``datetime64``, text ``object``.

    Raises
    ------
    ValueError
        In Swedish, naming the file, row and column of the first problem found.
    TypeError
        ``source`` is neither a path nor bytes.
    """
    if not isinstance(schema, Schema):
        raise TypeError(f"schema måste vara en upload.Schema, fick {type(schema).__name__}.")
    content, name = _content(source, filename, schema)
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        rows = csv_rows(content, name)
    elif suffix == ".xlsx":
        rows = xlsx_rows(content, name, schema.sheet_name)
    else:
        raise ValueError(f'Filen "{name}" är varken en .csv- eller en .xlsx-fil. Spara {schema.what}en som '
                         "CSV (semikolonavgränsad) eller Excel-arbetsbok (.xlsx) med mallens rubriker.")
    return parse_rows(rows, name, schema)


# ----------------------------------------------------------------------------- reading
def _content(source, filename, schema: Schema) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        if not filename or not isinstance(filename, str):
            raise ValueError("Ange filens namn (filename) när filen ges som bytes.")
        content, name = bytes(source), filename
    elif isinstance(source, (str, Path)):
        if "\x00" in str(source):
            raise ValueError(f"Filnamnet innehåller ett ogiltigt tecken (nolltecken): {checks.show(str(source))}.")
        if filename is not None and not isinstance(filename, str):
            raise checks.WrongType(f"filename (filens namn) måste vara text, fick {checks.show(filename)}.")
        path = Path(source)
        name = filename or path.name
        try:
            if not path.is_file():
                raise ValueError(f'Filen "{path}" finns inte.')
            content = path.read_bytes()
        except OSError as error:
            raise ValueError(f'Filen "{path}" går inte att läsa: {os_reason(error)}.') from None
    else:
        raise TypeError(f"Ange en sökväg eller filens innehåll (bytes), fick {type(source).__name__}.")
    if not content.strip():
        raise ValueError(f'Filen "{name}" är tom. Utgå från bokens mall och fyll i en rad per {schema.row_word}.')
    if len(content) > schema.max_bytes:
        raise ValueError(f'Filen "{name}" är för stor ({len(content) / 1e6:.1f} MB); högst '
                         f"{schema.max_bytes / 1e6:.0f} MB.".replace(".", ",", 1))
    return content, name


def _bytes(content, name) -> bytes:
    if not isinstance(content, (bytes, bytearray, memoryview)):
        raise checks.WrongType(f"Filens innehåll måste vara bytes, fick {checks.show(content)}.")
    return bytes(content)


def csv_rows(content: bytes, name: str) -> list[list[str]]:
    """The cells of a CSV file as text, with the delimiter and encoding found from the file."""
    content = _bytes(content, name)
    if content.startswith(b"PK\x03\x04"):
        raise ValueError(f'Filen "{name}" ser ut att vara en Excel-fil men heter .csv. Döp om den till .xlsx '
                         "eller spara den som CSV från Excel.")
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError:
            raise ValueError(f'Filen "{name}" går inte att läsa som text. Spara den som CSV (UTF-8) eller .xlsx.') from None
    else:
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


def xlsx_rows(content: bytes, name: str, sheet_name: str | None = None) -> list[list]:
    """The cells of an Excel workbook's sheet (``sheet_name`` if present, else the first)."""
    from openpyxl import load_workbook

    content = _bytes(content, name)
    if sheet_name is not None and not isinstance(sheet_name, str):
        raise checks.WrongType(f"sheet_name (bladets namn) måste vara text, fick {checks.show(sheet_name)}.")

    broken = (f'Filen "{name}" går inte att öppna som Excel-arbetsbok (.xlsx). Är den skadad, eller en annan '
              "filtyp med fel ändelse? Spara om den från Excel.")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises zipfile, zlib, XML, Key- and ValueErrors for damaged files
        raise ValueError(broken) from None
    try:
        sheet = workbook[sheet_name] if sheet_name in workbook.sheetnames else workbook.worksheets[0]
        rows = [["" if cell is None else cell for cell in row] for row in sheet.iter_rows(values_only=True)]
    except Exception:  # noqa: BLE001 - zipfile, zlib, XML, Key-, Index-, EOF- and ValueErrors for damaged files
        raise ValueError(broken) from None
    finally:
        try:
            workbook.close()
        except Exception:  # noqa: BLE001 - closing a damaged archive may fail too; the message above stands
            pass
    return rows


def parse_rows(rows: list[list], name: str, schema: Schema) -> pd.DataFrame:
    """Check and type the rows of a file (the first row holds the headers)."""
    if not isinstance(schema, Schema):
        raise checks.WrongType(f"schema måste vara en upload.Schema, fick {checks.show(schema)}.")
    name = checks.text(name, "name", "filens namn")
    if not isinstance(rows, (list, tuple)) or not all(isinstance(r, (list, tuple)) for r in rows):
        raise checks.WrongType(f"{name}: raderna måste vara en lista med rader (listor med celler), "
                               f"fick {checks.show(rows)}.")
    rows = list(rows)
    while rows and not any(_text(cell) for cell in rows[-1]):
        rows.pop()
    if not rows or not any(_text(cell) for cell in rows[0]):
        raise ValueError(f"{name}, rad 1: rubrikraden saknas. Rad 1 ska ha mallens rubriker: "
                         f"{listing(schema.headers)}.")
    header = [_text(cell) for cell in rows[0]]
    while header and not header[-1]:
        header.pop()
    positions = _match_headers(header, name, schema)
    body = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(_text(c) for c in row)]
    if not body:
        raise ValueError(f"{name}: filen har rubriker men inga rader. Skriv en {schema.row_word} per rad från rad 2.")
    if len(body) > schema.max_rows:
        raise ValueError(f"{name}: filen har {len(body)} rader; högst {schema.max_rows} går att räkna på här.")
    records = []
    for number, row in body:
        extra = [i for i in range(len(header), len(row)) if _text(row[i])]
        if extra:
            i = extra[0]
            raise ValueError(f"{name}, rad {number}, kolumn {column_letter(i)}: värdet {_quote(row[i])} står i en "
                             "kolumn utan rubrik. Kontrollera att raden har samma antal kolumner som rubrikraden "
                             "(ett decimaltal med komma i en kommaseparerad fil måste stå inom citattecken).")
        record = {"source_row": number}
        for column in schema.columns:
            if column.key not in positions:
                record[column.key] = None
                continue
            i = positions[column.key]
            cell = row[i] if i < len(row) else ""
            where = f'{name}, rad {number}, kolumn {column_letter(i)} "{header[i]}"'
            record[column.key] = _cell(cell, column, where)
        records.append(record)
    table = pd.DataFrame.from_records(records)
    for key in schema.unique:
        _check_unique(table, key, positions, header, name)
    return _typed(table, schema)


def _typed(table: pd.DataFrame, schema: Schema) -> pd.DataFrame:
    for column in schema.columns:
        values = table[column.key]
        if column.kind in ("number", "non_negative", "positive"):
            table[column.key] = pd.to_numeric(values, errors="raise").astype(float)
        elif column.kind in ("integer", "year"):
            table[column.key] = pd.array([None if v is None else int(v) for v in values], dtype="Int64")
        elif column.kind == "boolean":
            table[column.key] = [bool(v) for v in values]
        elif column.kind == "datetime":
            table[column.key] = pd.to_datetime(values)
        else:
            table[column.key] = values.astype(object).where(values.notna(), None)
    return table[[c.key for c in schema.columns] + ["source_row"]]


def _match_headers(header: list[str], name: str, schema: Schema) -> dict[str, int]:
    by_name = {normalise(c.name): c for c in schema.columns}
    by_name.update({normalise(c.key): c for c in schema.columns})  # the model's English names also work
    positions: dict[str, int] = {}
    for i, text in enumerate(header):
        if not text:
            continue
        match = re.fullmatch(r"(.*?)\s*\((.*)\)\s*", text)
        base, unit = (match.group(1), match.group(2)) if match else (text, None)
        column = by_name.get(normalise(base)) or by_name.get(normalise(text))
        if column is None:
            continue  # an extra column of the learner's own is allowed and ignored
        where = f'{name}, rad 1, kolumn {column_letter(i)} "{text}"'
        if column.key in positions:
            j = positions[column.key]
            raise ValueError(f'{where}: rubriken finns redan i kolumn {column_letter(j)} "{header[j]}". '
                             "Varje rubrik får bara finnas en gång.")
        if unit is not None and column.unit is not None and normalise(base) == normalise(column.name):
            spellings = UNIT_SPELLINGS.get(column.unit, set()) | {normalise(column.unit)} | set(column.unit_spellings)
            if normalise(unit) not in spellings:
                raise ValueError(f"{where}: enheten {_quote(unit)} stämmer inte. Boken räknar i {column.unit}; räkna "
                                 f'om värdena och skriv rubriken "{column.header}".')
        positions[column.key] = i
    missing = [c.header for c in schema.columns if c.required and c.key not in positions]
    if missing:
        found = listing([h for h in header if h]) or "inga"
        noun = "kolumnen" if len(missing) == 1 else "kolumnerna"
        raise ValueError(f"{name}, rad 1: {noun} {listing(missing)} saknas. Rad 1 ska ha mallens rubriker "
                         f"{listing(schema.headers)}; filen har {found}.")
    return positions


def _cell(cell, column: Column, where: str):
    text = _text(cell)
    if not text and column.kind != "boolean":
        if column.required:
            hint = " Skriv 0 om ingen ändring." if column.kind == "number" else ""
            raise ValueError(f"{where}: värde saknas.{hint}")
        return None
    if column.kind == "text":
        return text
    if column.kind == "choice":
        value = (column.choices or {}).get(normalise(text, spaces=False))
        if value is None:
            valid = listing(getattr(column.choices, "labels", None) or dict.fromkeys((column.choices or {}).values()))
            raise ValueError(f"{where}: {_quote(text)} är inte ett giltigt värde. Giltiga: {valid}.")
        return value
    if column.kind == "boolean":
        folded = normalise(text, spaces=False)
        if folded in _TRUE:
            return True
        if folded in _FALSE:
            return False
        raise ValueError(f'{where}: {_quote(text)} ska vara "ja" eller "nej".')
    if column.kind == "datetime":
        return _datetime(cell, text, where)
    value = float(cell) if is_number(cell) else parse_number(text)
    if value is None and _AMBIGUOUS.fullmatch(text.replace(" ", "")):
        raise ValueError(f"{where}: {_quote(text)} är tvetydigt – tusen eller ett? Skriv tal utan tusentalsavgränsare "
                         "(1000) och med decimalkomma (1,0).")
    if value is None or not math.isfinite(value):
        raise ValueError(f"{where}: {_quote(text)} är inte ett tal. Skriv bara siffror, t.ex. 1500000 eller "
                         "-2500,5 (inga enheter i cellen).")
    if column.kind == "positive" and not value > 0:
        raise ValueError(f"{where}: måste vara större än 0, fick {fmt_plain(value)}.")
    if column.kind == "non_negative" and value < 0:
        raise ValueError(f"{where}: får inte vara negativ, fick {fmt_plain(value)}.")
    if column.kind in ("integer", "year") and not value.is_integer():
        what = "ett årtal" if column.kind == "year" else "ett heltal"
        raise ValueError(f"{where}: måste vara {what}, fick {fmt_plain(value)}.")
    low, high = column.minimum, column.maximum
    if (low is not None and value < low) or (high is not None and value > high):
        if low is not None and high is not None:
            span = f"mellan {fmt_plain(low)} och {fmt_plain(high)}"
        elif low is not None:
            span = f"minst {fmt_plain(low)}"
        else:
            span = f"högst {fmt_plain(high)}"
        raise ValueError(f"{where}: måste vara {span}, fick {fmt_plain(value)}.")
    return int(value) if column.kind in ("integer", "year") else value


def _datetime(cell, text: str, where: str):
    if isinstance(cell, (dt.datetime, pd.Timestamp)):
        return pd.Timestamp(cell)
    if isinstance(cell, dt.date):
        return pd.Timestamp(cell)
    try:
        value = pd.Timestamp(text.replace("T", " ").strip())
    except (ValueError, TypeError, OverflowError):
        value = None
    if value is None or pd.isna(value):
        raise ValueError(f"{where}: {_quote(text)} är inte en tidpunkt. Skriv t.ex. 2025-01-31 13:00.")
    return value


def _check_unique(table: pd.DataFrame, key: str, positions: dict[str, int], header: list[str], name: str) -> None:
    duplicated = table[key].duplicated(keep=False) & table[key].notna()
    if duplicated.any():
        first = table.loc[duplicated, key].iloc[0]
        rows = table.loc[table[key] == first, "source_row"].tolist()
        i = positions[key]
        raise ValueError(f'{name}, rad {" och ".join(map(str, rows))}, kolumn {column_letter(i)} "{header[i]}": '
                         f"{_quote(first)} finns flera gånger. Varje värde i kolumnen får bara finnas en gång.")
