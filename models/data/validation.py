"""Checks for the Stratus data package, with Swedish messages for municipal staff.

Two paths share one message format (:class:`Problem`):

* :func:`parse_csv` is the fast, schema-driven parser behind ``models.data.load``. It types every
  column from ``data/datapackage.json`` and checks types, constraints and the primary key.
* :func:`models.data.package_checks.validate_resources` (behind ``models.data.validate``) runs
  ``frictionless``, translates its report into the same problems and adds the project checks
  (kommun codes, completeness, sector sums); it also runs :func:`parse_csv`, so whatever ``load``
  refuses, ``validate`` reports.

This module holds the shared parts: :class:`Problem`, :class:`DataValidationError`, the Swedish
messages, the argument checks and the fast parser.

Row numbers follow the spreadsheet convention: the header is row 1 and the first data row is row 2.
``frictionless`` reports ``row_number`` the same way, so its numbers are used unchanged; pandas row
``i`` (0-based) becomes row ``i + 2``.
"""

from __future__ import annotations

import csv
import io
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from models.common import checks
from models.common.export import os_reason

ROW_CONVENTION = "Radnummer räknas som i ett kalkylblad: rubrikraden är rad 1, första dataraden är rad 2."
HEADER_ROW = 1
FIRST_DATA_ROW = 2
MAX_SHOWN = 40  # problems listed in one message; all are kept in DataValidationError.problems

# SMHI main sectors (Huvudsektor): English key -> original Swedish label (reference data README).
SECTORS_SV = {
    "work_machinery": "Arbetsmaskiner",
    "waste_incl_wastewater": "Avfall (inkl.avlopp)",
    "own_heating_of_dwellings_and_premises": "Egen uppvärmning av bostäder och lokaler",
    "electricity_and_district_heating": "El och fjärrvärme",
    "industry_energy_and_processes": "Industri (energi + processer)",
    "agriculture": "Jordbruk",
    "product_use_incl_solvents": "Produktanvändning (inkl. lösningsmedel)",
    "domestic_transport": "Transporter",
    "international_transport": "Utrikes transporter",
}
SECTOR_SUM_TOLERANCE_T = 0.1  # sectors vs total; the data agree to 0.022 t (rounding)

_TYPE_NAMES = {
    "integer": "ett heltal", "number": "ett tal", "year": "ett årtal (fyra siffror)",
    "date": "ett datum (ÅÅÅÅ-MM-DD)", "boolean": "ett sant/falskt-värde",
}
_INTEGER = re.compile(r"[+-]?\d+")
_YEAR = re.compile(r"\d{4}")
_TOO_MANY = re.compile(r"Expected (\d+) fields in line (\d+), saw (\d+)")


@dataclass(frozen=True)
class Problem:
    """One problem in one file; ``row`` uses the spreadsheet convention (header = 1)."""

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column is not None:
            where.append(f'kolumn "{self.column}"')
        return f"{', '.join(where)}: {self.message}"


class DataValidationError(ValueError):
    """A data file does not match data/datapackage.json or the project's checks.

    ``problems`` holds every :class:`Problem`; the message lists them in Swedish.
    """

    def __init__(self, problems: Iterable[Problem]):
        # One message per cell (the first found), sorted by file and row.
        unique = {}
        for problem in problems:
            cell = (problem.file, problem.row, problem.column) if problem.row and problem.column else problem
            unique.setdefault(cell, problem)
        self.problems = tuple(sorted(unique.values(), key=lambda p: (p.file, p.row or 0)))
        lines = [str(p) for p in self.problems[:MAX_SHOWN]]
        if len(self.problems) > MAX_SHOWN:
            lines.append(f"… och {len(self.problems) - MAX_SHOWN} problem till")
        if len(self.problems) == 1:
            text = lines[0]
        else:
            text = f"{len(self.problems)} problem i data:\n" + "\n".join(f"- {line}" for line in lines)
        super().__init__(f"{text}\n({ROW_CONVENTION})")


# ---------------------------------------------------------------- argument checks
def _field(field) -> Mapping:
    """A schema field: a mapping with a text ``name`` and ``type`` and, if any, a mapping of ``constraints``."""
    if not isinstance(field, Mapping):
        raise checks.WrongType(f"field måste vara ett fält ur datapackage.json (en ordlista), fick {checks.show(field)}.")
    for key in ("name", "type"):
        if not isinstance(field.get(key), str):
            raise ValueError(f"field saknar {key} (text) i datapackage.json, fick {checks.show(field)}.")
    if not isinstance(field.get("constraints", {}), Mapping):
        raise ValueError(f"field {field['name']}: constraints måste vara en ordlista, fick "
                         f"{checks.show(field['constraints'])}.")
    return field


def _cell_text(cell) -> str:
    """A cell as read from the file (always text; a missing cell is empty)."""
    if cell is None:
        return ""
    if not isinstance(cell, str):
        raise checks.WrongType(f"cell måste vara cellens text ur filen, fick {checks.show(cell)}.")
    return cell


def _frame(value, name: str) -> pd.DataFrame:
    if not isinstance(value, pd.DataFrame):
        raise checks.WrongType(f"{name} måste vara filens celler som en pandas.DataFrame, fick {checks.show(value)}.")
    for column in value.columns:
        if not isinstance(column, str):
            raise ValueError(f"{name}: kolumnnamnen måste vara text (som i filen), fick {checks.show(column)}.")
        cells = value[column].to_numpy(dtype=object)
        bad = [c for c in cells if not isinstance(c, str)]
        if bad:
            raise ValueError(f"{name}: kolumnen {column} måste ha cellerna som text (som read_raw läser dem), "
                             f"fick {checks.show(bad[0])}.")
    return value


def _text_mapping(value, name: str, what: str) -> Mapping[str, str]:
    if not isinstance(value, Mapping) or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items()):
        raise checks.WrongType(f"{name} måste vara en ordlista {what} (text -> text), fick {checks.show(value)}.")
    return value


def _path(value, name: str = "path") -> Path:
    if isinstance(value, bytes) or not isinstance(value, (str, os.PathLike)):
        raise checks.WrongType(f"{name} måste vara en sökväg (text eller Path), fick {checks.show(value)}.")
    text = os.fspath(value)
    if not isinstance(text, str) or not text.strip() or "\x00" in text:
        raise ValueError(f"{name} är ingen giltig sökväg, fick {checks.show(text)}.")
    return Path(text)


def _resource_schema(resource) -> Mapping:
    """``resource["schema"]`` of a datapackage.json resource, with a list of fields."""
    schema = resource.get("schema") if isinstance(resource, Mapping) else None
    if not isinstance(schema, Mapping) or not isinstance(schema.get("fields"), list):
        raise checks.WrongType(f"resource måste vara en resurs ur datapackage.json med schema och fält, fick "
                               f"{checks.show(resource)}.")
    for field in schema["fields"]:
        _field(field)
    return schema


# ---------------------------------------------------------------- messages shared by both paths
def type_message(cell: object, field: Mapping) -> str:
    """Swedish message for a cell that cannot be read as the field's type."""
    cell, field = _cell_text(cell), _field(field)
    message = f'"{cell}" är inte {_TYPE_NAMES.get(field["type"], field["type"])}'
    if field["type"] == "boolean":
        message += f" (tillåtna: {', '.join(_bool_values(field)[0] + _bool_values(field)[1])})"
    return message


def constraint_message(cell: object, field: Mapping, constraint: str) -> str:
    """Swedish message for a cell that breaks one of the field's constraints."""
    cell, field = _cell_text(cell), _field(field)
    constraint = checks.text(constraint, "constraint", "villkorets namn", max_length=100)
    limits = field.get("constraints", {})
    if constraint == "required":
        return "värde saknas (kolumnen är obligatorisk)"
    if constraint in ("minimum", "maximum", "enum", "pattern") and constraint not in limits:
        return f'"{cell}" bryter mot villkoret {constraint}'
    if constraint == "minimum":
        return f'"{cell}" är mindre än minsta tillåtna värde {limits["minimum"]}'
    if constraint == "maximum":
        return f'"{cell}" är större än största tillåtna värde {limits["maximum"]}'
    if constraint == "enum":
        enum = limits["enum"] if isinstance(limits["enum"], (list, tuple)) else [limits["enum"]]
        return f'"{cell}" är inget tillåtet värde (tillåtna: {", ".join(map(str, enum))})'
    if constraint == "pattern":
        hint = ""
        if field["name"] == "kommun_code":
            hint = " – kommunkoden ska vara fyra siffror som börjar med 25, t.ex. 2580"
        return f'"{cell}" har fel format (mönster {limits["pattern"]}){hint}'
    if constraint == "unique":
        return f'"{cell}" finns redan på en annan rad (värdet ska vara unikt)'
    return f'"{cell}" bryter mot villkoret {constraint}'


def _bool_values(field: Mapping) -> tuple[list[str], list[str]]:
    values = (field.get("trueValues", ["true", "True", "TRUE", "1"]),
              field.get("falseValues", ["false", "False", "FALSE", "0"]))
    if not all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in values):
        raise ValueError(f"field {field.get('name')}: trueValues och falseValues måste vara listor med text.")
    return values


# ---------------------------------------------------------------- fast parser for load()
def read_raw(path: Path, display: str) -> pd.DataFrame:
    """Read a CSV as strings ('' for empty cells); file-level errors become DataValidationError.

    Every row must have as many cells as the header: a trailing comma (one cell too many) or a
    missing last cell is reported with its row, as ``frictionless`` does in :func:`validate_resources`,
    so ``load()`` and ``validate()`` agree. Blank lines are kept as rows of empty cells.
    """
    path = _path(path)
    display = checks.text(display, "display", "filens namn i meddelanden")
    try:
        content = path.read_bytes()
    except FileNotFoundError:
        raise DataValidationError([Problem(display, None, None, "filen saknas")]) from None
    except (IsADirectoryError, NotADirectoryError):
        raise DataValidationError([Problem(display, None, None, "är en mapp, inte en fil")]) from None
    except PermissionError:
        raise DataValidationError([Problem(display, None, None, "du saknar läsrätt till filen")]) from None
    except OSError as exc:
        raise DataValidationError([Problem(display, None, None, f"filen går inte att läsa: {os_reason(exc)}")]) from None
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DataValidationError([Problem(display, None, None,
                                           "filen är inte UTF-8-kodad (spara den som CSV UTF-8)")]) from None
    if not text.strip():
        raise DataValidationError([Problem(display, None, None, "filen är tom")])
    if "\x00" in text:
        raise DataValidationError([Problem(display, None, None, "filen innehåller binära data (nolltecken), inte CSV")])
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise DataValidationError([Problem(display, int(line[1]) if line else None, None,
                                           "raden kan inte läsas som CSV (citattecken som inte avslutas?)")]) from None
    header, body = rows[0], rows[1:]
    if not any(cell.strip() for cell in header):
        raise DataValidationError([Problem(display, HEADER_ROW, None, "rubrikraden saknas")])
    problems = []
    if len(set(header)) < len(header):
        problems += [Problem(display, HEADER_ROW, name, "kolumnnamnet förekommer mer än en gång")
                     for name in dict.fromkeys(h for h in header if header.count(h) > 1)]
    width = len(header)
    cells = []
    for number, row in enumerate(body, start=FIRST_DATA_ROW):
        if not row:
            row = [""] * width
        if len(row) > width:
            problems.append(Problem(display, number, None, "raden har fler celler än rubrikraden"))
        elif len(row) < width:
            problems += [Problem(display, number, header[i], "cellen saknas (raden har färre celler än rubrikraden)")
                         for i in range(len(row), width)]
        cells.append((row + [""] * width)[:width])
    if problems:
        raise DataValidationError(problems)
    return pd.DataFrame(cells, columns=header, dtype=object).astype(str) if cells else pd.DataFrame(
        columns=header, dtype=str)


def _convert(raw: pd.Series, field: Mapping, missing: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Return (typed column, mask of unreadable cells) for one schema field."""
    kind = field["type"]
    if kind in ("integer", "year"):
        pattern = _INTEGER if kind == "integer" else _YEAR
        bad = ~missing & ~raw.str.fullmatch(pattern.pattern)
        numbers = pd.to_numeric(raw.where(~missing & ~bad), errors="coerce")
        return numbers.astype("Int64" if (missing | bad).any() else "int64"), bad
    if kind == "number":
        numbers = pd.to_numeric(raw.where(~missing), errors="coerce").astype("float64")
        bad = ~missing & ~np.isfinite(numbers)
        return numbers.where(~bad), bad
    if kind == "date":
        dates = pd.to_datetime(raw.where(~missing), format="%Y-%m-%d", errors="coerce")
        return dates, ~missing & dates.isna()
    if kind == "boolean":
        true_values, false_values = _bool_values(field)
        mapping = {**{v: True for v in true_values}, **{v: False for v in false_values}}
        values = raw.map(mapping)
        bad = ~missing & values.isna()
        return values.astype("boolean" if (missing | bad).any() else "bool"), bad
    return raw.where(~missing), pd.Series(False, index=raw.index)


def parse_csv(path: Path, display: str, resource: Mapping,
              extra_checks: Callable[[pd.DataFrame], list[Problem]] | None = None) -> pd.DataFrame:
    """Read ``path`` and type it with ``resource["schema"]``; raise DataValidationError on any problem.

    ``extra_checks(raw)`` may add project checks on the untyped text frame ('' for empty cells).
    """
    schema = _resource_schema(resource)
    if extra_checks is not None and not callable(extra_checks):
        raise checks.WrongType(f"extra_checks måste vara en funktion eller None, fick {checks.show(extra_checks)}.")
    raw = read_raw(path, display)
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    rows = raw.index + FIRST_DATA_ROW
    problems = [Problem(display, HEADER_ROW, n, "kolumnen saknas i filen") for n in names if n not in raw.columns]
    problems += [Problem(display, HEADER_ROW, c, "kolumnen finns inte i datapackage.json")
                 for c in raw.columns if c not in names]
    blank = (raw == "").all(axis=1)
    problems += [Problem(display, row, None, "raden är tom") for row in rows[blank]]

    missing_values = schema.get("missingValues", [""])
    typed = {}
    for field in fields:
        name = field["name"]
        if name not in raw.columns:
            continue
        column = raw[name]
        missing = column.isin(missing_values)
        typed[name], bad = _convert(column, field, missing)
        problems += [Problem(display, rows[i], name, type_message(column.iat[i], field))
                     for i in bad[~blank].to_numpy().nonzero()[0]]
        problems += _constraint_problems(display, rows, column, typed[name], missing | bad, field, blank)

    key = [k for k in schema.get("primaryKey", []) if k in raw.columns]
    if key and len(key) == len(schema.get("primaryKey", [])):
        problems += _duplicate_key_problems(display, raw.loc[~blank, key], key)
    if extra_checks is not None:
        problems += extra_checks(raw)
    if problems:
        raise DataValidationError(problems)
    return pd.DataFrame(typed, columns=[n for n in names if n in typed])


def _constraint_problems(display, rows, raw, typed, unreadable, field, blank) -> list[Problem]:
    limits = field.get("constraints", {})
    name = field["name"]
    checks: dict[str, pd.Series] = {}
    present = typed.notna() & ~unreadable
    if limits.get("required"):
        checks["required"] = typed.isna() & ~unreadable & ~blank
    if "minimum" in limits and field["type"] in ("integer", "number", "year"):
        checks["minimum"] = present & (typed < limits["minimum"]).fillna(False).astype(bool)
    if "maximum" in limits and field["type"] in ("integer", "number", "year"):
        checks["maximum"] = present & (typed > limits["maximum"]).fillna(False).astype(bool)
    if "enum" in limits:
        checks["enum"] = present & ~raw.isin([str(v) for v in limits["enum"]])
    if "pattern" in limits:
        checks["pattern"] = present & ~raw.str.fullmatch(limits["pattern"])
    if limits.get("unique"):
        checks["unique"] = present & raw.duplicated(keep="first")
    return [Problem(display, rows[i], name, constraint_message(raw.iat[i], field, constraint))
            for constraint, mask in checks.items() for i in mask.to_numpy().nonzero()[0]]


def _duplicate_key_problems(display: str, keys: pd.DataFrame, key: list[str]) -> list[Problem]:
    duplicated = keys.duplicated(keep="first")
    if not duplicated.any():
        return []
    first_row = {}
    for position, values in zip(keys.index, keys.itertuples(index=False, name=None)):
        first_row.setdefault(values, position + FIRST_DATA_ROW)
    return [Problem(display, position + FIRST_DATA_ROW, ", ".join(key),
                    f"nyckeln ({', '.join(values)}) finns redan på rad {first_row[values]}")
            for position, values in zip(keys.index[duplicated],
                                        keys[duplicated].itertuples(index=False, name=None))]
