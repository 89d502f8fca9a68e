"""Checks for the Stratus data package, with Swedish messages for municipal staff.

Two paths share one message format (:class:`Problem`):

* :func:`parse_csv` is the fast, schema-driven parser behind ``models.data.load``. It types every
  column from ``data/datapackage.json`` and checks types, constraints and the primary key.
* :func:`validate_resources` (behind ``models.data.validate``) runs ``frictionless`` and translates
  its report with :func:`frictionless_problems`, then adds the project checks
  (:func:`kommun_problems`, :func:`completeness_problems`, :func:`sector_problems`).

Row numbers follow the spreadsheet convention: the header is row 1 and the first data row is row 2.
``frictionless`` reports ``row_number`` the same way, so its numbers are used unchanged; pandas row
``i`` (0-based) becomes row ``i + 2``.
"""

from __future__ import annotations

import copy
import csv
import io
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

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


# ---------------------------------------------------------------- messages shared by both paths
def type_message(cell: object, field: Mapping) -> str:
    """Swedish message for a cell that cannot be read as the field's type."""
    message = f'"{cell}" är inte {_TYPE_NAMES.get(field["type"], field["type"])}'
    if field["type"] == "boolean":
        message += f" (tillåtna: {', '.join(_bool_values(field)[0] + _bool_values(field)[1])})"
    return message


def constraint_message(cell: object, field: Mapping, constraint: str) -> str:
    """Swedish message for a cell that breaks one of the field's constraints."""
    limits = field.get("constraints", {})
    if constraint == "required":
        return "värde saknas (kolumnen är obligatorisk)"
    if constraint == "minimum":
        return f'"{cell}" är mindre än minsta tillåtna värde {limits["minimum"]}'
    if constraint == "maximum":
        return f'"{cell}" är större än största tillåtna värde {limits["maximum"]}'
    if constraint == "enum":
        return f'"{cell}" är inget tillåtet värde (tillåtna: {", ".join(map(str, limits["enum"]))})'
    if constraint == "pattern":
        hint = ""
        if field["name"] == "kommun_code":
            hint = " – kommunkoden ska vara fyra siffror som börjar med 25, t.ex. 2580"
        return f'"{cell}" har fel format (mönster {limits["pattern"]}){hint}'
    if constraint == "unique":
        return f'"{cell}" finns redan på en annan rad (värdet ska vara unikt)'
    return f'"{cell}" bryter mot villkoret {constraint}'


def _bool_values(field: Mapping) -> tuple[list[str], list[str]]:
    return (field.get("trueValues", ["true", "True", "TRUE", "1"]),
            field.get("falseValues", ["false", "False", "FALSE", "0"]))


# ---------------------------------------------------------------- fast parser for load()
def read_raw(path: Path, display: str) -> pd.DataFrame:
    """Read a CSV as strings ('' for empty cells); file-level errors become DataValidationError.

    Every row must have as many cells as the header: a trailing comma (one cell too many) or a
    missing last cell is reported with its row, as ``frictionless`` does in :func:`validate_resources`,
    so ``load()`` and ``validate()`` agree. Blank lines are kept as rows of empty cells.
    """
    try:
        content = Path(path).read_bytes()
    except FileNotFoundError:
        raise DataValidationError([Problem(display, None, None, "filen saknas")]) from None
    except (IsADirectoryError, NotADirectoryError):
        raise DataValidationError([Problem(display, None, None, "är en mapp, inte en fil")]) from None
    except OSError as exc:
        raise DataValidationError([Problem(display, None, None, f"filen går inte att läsa (felkod {exc.errno})")]) from None
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
    raw = read_raw(path, display)
    schema = resource["schema"]
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


# ---------------------------------------------------------------- frictionless report -> problems
def frictionless_problems(report, display: str, resource: Mapping, skip_kommun_keys: bool = True) -> list[Problem]:
    """Translate the errors of one frictionless resource report into Swedish problems.

    Foreign-key errors on ``kommun_code`` are skipped when ``skip_kommun_keys`` is true, because
    :func:`kommun_problems` reports the same rows with a clearer message.
    """
    fields = {f["name"]: f for f in resource["schema"]["fields"]}
    key = resource["schema"].get("primaryKey", [])
    problems = []
    for task in report.tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            cell = getattr(error, "cell", None)
            kind = error.type
            if kind == "type-error":
                message = type_message(cell, fields[column])
            elif kind == "constraint-error":
                constraint = re.search(r'constraint "(\w+)"', error.note)[1]
                message = constraint_message(cell, fields[column], constraint)
            elif kind == "unique-error":
                message = constraint_message(cell, fields[column], "unique")
            elif kind == "primary-key":
                if 'all "None"' in error.note:
                    continue  # a blank row, reported as blank-row
                first = re.search(r"position (\d+)", error.note)
                cells = dict(zip(fields, error.cells))
                values = ", ".join(str(cells.get(k)) for k in key)
                column = ", ".join(key)
                message = f"nyckeln ({values}) finns redan" + (f" på rad {first[1]}" if first else "")
            elif kind == "foreign-key":
                if skip_kommun_keys and "kommun_code" in error.field_names:
                    continue
                column = ", ".join(error.field_names)
                message = f"värdena ({', '.join(map(str, error.field_cells))}) finns inte i {error.reference_name}"
            elif kind == "missing-label":
                row, message = HEADER_ROW, "kolumnen saknas i filen"
            elif kind in ("extra-label", "incorrect-label"):
                row, column, message = HEADER_ROW, error.label, "kolumnen finns inte i datapackage.json"
            elif kind == "duplicate-label":
                row, column, message = HEADER_ROW, error.label, "kolumnnamnet förekommer mer än en gång"
            elif kind == "blank-label":
                row, message = HEADER_ROW, "tomt kolumnnamn"
            elif kind == "blank-row":
                message = "raden är tom"
            elif kind == "extra-cell":
                column, message = None, "raden har fler celler än rubrikraden"
            elif kind == "missing-cell":
                message = "cellen saknas (raden har färre celler än rubrikraden)"
            elif kind in ("scheme-error", "source-error") and "not exist" in error.note:
                message = "filen saknas"
            elif kind == "encoding-error":
                message = "filen är inte UTF-8-kodad (spara den som CSV UTF-8)"
            else:
                message = f"filen följer inte datapackage.json (fel av typen {kind})"
            problems.append(Problem(display, row, column, message))
    return problems


# ---------------------------------------------------------------- project checks
def kommun_problems(raw: pd.DataFrame, display: str, known: Mapping[str, str]) -> list[Problem]:
    """Check that every kommun_code is known and that its kommun name matches.

    ``known`` maps code -> canonical name (the 14 kommuner, the county "25" and "SE").
    """
    if not {"kommun_code", "kommun"} <= set(raw.columns):
        return []
    problems = []
    for i, (code, name) in enumerate(zip(raw["kommun_code"], raw["kommun"])):
        if code == "" or (code, name) in known.items():
            continue
        row = i + FIRST_DATA_ROW
        if code not in known:
            message = f'"{code}" är ingen känd kod (kommunerna i Norrbotten har 2505–2584, länet 25)'
            problems.append(Problem(display, row, "kommun_code", message))
        elif name != "":
            problems.append(Problem(display, row, "kommun",
                                    f'"{name}" stämmer inte med kommun_code {code} ({known[code]})'))
    return problems


def completeness_problems(raw: pd.DataFrame, display: str, kommuner: Mapping[str, str]) -> list[Problem]:
    """Check that a one-row-per-kommun file has a row for each of the 14 kommuner (name -> code)."""
    present = set(raw.get("kommun_code", ()))
    return [Problem(display, None, "kommun_code", f"rad saknas för {name} ({code})")
            for name, code in kommuner.items() if code not in present]


def sector_problems(by_sector: pd.DataFrame, total: pd.DataFrame, display_sector: str,
                    display_total: str) -> list[Problem]:
    """Check sector labels and that sectors sum to emissions_total per kommun, year and dataset.

    Skipped when a needed column is missing (that is reported as a missing column).
    """
    keys = ["kommun_code", "year", "dataset"]
    if not (set(keys + ["sector", "sector_sv", "emissions_t_co2e"]) <= set(by_sector.columns)
            and set(keys + ["emissions_t"]) <= set(total.columns)):
        return []
    problems = [Problem(display_sector, i + FIRST_DATA_ROW, "sector_sv",
                        f'"{sv}" hör inte till sektorn {key} (väntat "{SECTORS_SV[key]}")')
                for i, (key, sv) in enumerate(zip(by_sector["sector"], by_sector["sector_sv"]))
                if key in SECTORS_SV and SECTORS_SV[key] != sv]
    sector = by_sector.assign(value=pd.to_numeric(by_sector["emissions_t_co2e"], errors="coerce"),
                              row=by_sector.index + FIRST_DATA_ROW)
    sums = sector.groupby(keys, sort=False).agg(value=("value", "sum"), first=("row", "min"), last=("row", "max"))
    totals = total.assign(value=pd.to_numeric(total["emissions_t"], errors="coerce"),
                          row=total.index + FIRST_DATA_ROW).drop_duplicates(keys).set_index(keys)
    for group, found in sums.iterrows():
        rows = f"rad {found['first']}–{found['last']}"
        if group not in totals.index:
            problems.append(Problem(display_sector, int(found["first"]), "emissions_t_co2e",
                                    f"{display_total} saknar total för {', '.join(group)} ({rows} i sektorfilen)"))
            continue
        expected = totals.loc[group]
        difference = found["value"] - expected["value"]
        if not abs(difference) <= SECTOR_SUM_TOLERANCE_T:
            problems.append(Problem(
                display_sector, int(found["first"]), "emissions_t_co2e",
                f"sektorerna ({rows}) summerar till {found['value']:.3f} t men {display_total} rad "
                f"{expected['row']} anger {expected['value']:.3f} t (skillnad {difference:.3f} t, "
                f"tillåtet {SECTOR_SUM_TOLERANCE_T} t)"))
    return problems


# ---------------------------------------------------------------- whole-package validation
def validate_resources(directory: Path, descriptor: dict, names: Sequence[str], display: Callable[[str], str],
                       known: Mapping[str, str], kommuner: Mapping[str, str], one_row_per_kommun: Iterable[str],
                       check_file_set: bool = False) -> list[Problem]:
    """Run frictionless and the project checks on the named resources; return all problems.

    ``display`` turns a file name into the name shown in messages; ``known`` maps codes to names
    (kommuner, county, Sweden); ``kommuner`` maps the 14 names to codes.
    """
    from frictionless import Package  # slow import; load() does not need it

    resources = {r["name"]: r for r in descriptor["resources"]}
    problems = _file_set_problems(directory, descriptor, display) if check_file_set else []
    package = Package(copy.deepcopy(descriptor), basepath=str(directory))
    raws = {}
    for name in names:
        resource = resources[name]
        shown = display(resource["path"])
        report = package.get_resource(name).validate(limit_errors=10_000)
        problems += frictionless_problems(report, shown, resource)
        try:  # the same rules as load(): whatever load() refuses, validate() reports
            parse_csv(directory / resource["path"], shown, resource)
        except DataValidationError as error:
            problems += error.problems
        raws[name] = raw = _try_read_raw(directory / resource["path"], shown)
        if raw is not None:
            problems += kommun_problems(raw, shown, known)
            if name in one_row_per_kommun:
                problems += completeness_problems(raw, shown, kommuner)
    sector_files = ("emissions_by_sector", "emissions_total")
    if set(sector_files) & set(raws):
        by_sector, total = (
            raws[n] if n in raws else _try_read_raw(directory / resources[n]["path"], display(resources[n]["path"]))
            for n in sector_files)
        if by_sector is not None and total is not None:
            problems += sector_problems(by_sector, total, *(display(resources[n]["path"]) for n in sector_files))
    return problems


def _try_read_raw(path: Path, shown: str) -> pd.DataFrame | None:
    try:
        return read_raw(path, shown)
    except DataValidationError:
        return None  # frictionless reports the file-level problem


def _file_set_problems(directory: Path, descriptor: dict, display: Callable[[str], str]) -> list[Problem]:
    described = {r["path"] for r in descriptor["resources"]}
    present = {p.name for p in directory.glob("*.csv")}
    return ([Problem(display(f), None, None, "filen beskrivs inte i datapackage.json")
             for f in sorted(present - described)]
            + [Problem(display("datapackage.json"), None, None, f"beskriver {f}, som saknas i mappen")
               for f in sorted(described - present)])
