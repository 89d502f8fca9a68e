"""The project's own checks of the data package and the translation of ``frictionless``'s report.

Behind ``models.data.validate`` (:func:`validate_resources`) and, for :func:`kommun_problems` and
:func:`completeness_problems`, behind ``models.data.load`` too. Problems, messages and the fast
parser are shared with :mod:`models.data.validation`; row numbers follow its spreadsheet convention
(the header is row 1).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from models.common import checks
from models.common.export import os_reason
from models.data.validation import (
    FIRST_DATA_ROW, HEADER_ROW, SECTOR_SUM_TOLERANCE_T, SECTORS_SV, DataValidationError, Problem, _frame, _path,
    _resource_schema, _text_mapping, constraint_message, parse_csv, read_raw, type_message,
)


# ---------------------------------------------------------------- frictionless report -> problems
def frictionless_problems(report, display: str, resource: Mapping, skip_kommun_keys: bool = True) -> list[Problem]:
    """Translate the errors of one frictionless resource report into Swedish problems.

    Foreign-key errors on ``kommun_code`` are skipped when ``skip_kommun_keys`` is true, because
    :func:`kommun_problems` reports the same rows with a clearer message.
    """
    schema = _resource_schema(resource)
    display = checks.text(display, "display", "filens namn i meddelanden")
    skip_kommun_keys = checks.flag(skip_kommun_keys, "skip_kommun_keys", "hoppa över kommunkodernas främmande nycklar")
    tasks = getattr(report, "tasks", None)
    if not isinstance(tasks, list) or not all(isinstance(getattr(t, "errors", None), list) for t in tasks):
        raise checks.WrongType(f"report måste vara en valideringsrapport från frictionless, fick {checks.show(report)}.")
    fields = {f["name"]: f for f in schema["fields"]}
    key = schema.get("primaryKey", [])
    problems = []
    for task in tasks:
        for error in task.errors:
            row = getattr(error, "row_number", None)
            column = getattr(error, "field_name", None)
            cell = getattr(error, "cell", None)
            cell = "" if cell is None else str(cell)
            kind = error.type
            if kind in ("type-error", "constraint-error", "unique-error") and column not in fields:
                message = f"filen följer inte datapackage.json (fel av typen {kind})"
            elif kind == "type-error":
                message = type_message(cell, fields[column])
            elif kind == "constraint-error":
                constraint = re.search(r'constraint "(\w+)"', error.note)
                message = constraint_message(cell, fields[column], constraint[1] if constraint else "okänt")
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
    raw, known = _frame(raw, "raw"), _text_mapping(known, "known", "med kommunkod -> namn")
    display = checks.text(display, "display", "filens namn i meddelanden")
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
    raw, kommuner = _frame(raw, "raw"), _text_mapping(kommuner, "kommuner", "med kommunnamn -> kod")
    display = checks.text(display, "display", "filens namn i meddelanden")
    present = {c for c in raw.get("kommun_code", ()) if isinstance(c, str)}
    return [Problem(display, None, "kommun_code", f"rad saknas för {name} ({code})")
            for name, code in kommuner.items() if code not in present]


def sector_problems(by_sector: pd.DataFrame, total: pd.DataFrame, display_sector: str,
                    display_total: str) -> list[Problem]:
    """Check sector labels and that sectors sum to emissions_total per kommun, year and dataset.

    Skipped when a needed column is missing (that is reported as a missing column).
    """
    by_sector, total = _frame(by_sector, "by_sector"), _frame(total, "total")
    display_sector = checks.text(display_sector, "display_sector", "sektorfilens namn i meddelanden")
    display_total = checks.text(display_total, "display_total", "totalfilens namn i meddelanden")
    keys = ["kommun_code", "year", "dataset"]
    if not (set(keys + ["sector", "sector_sv", "emissions_t_co2e"]) <= set(by_sector.columns)
            and set(keys + ["emissions_t"]) <= set(total.columns)):
        return []
    problems = [Problem(display_sector, i + FIRST_DATA_ROW, "sector_sv",
                        f'"{sv}" hör inte till sektorn {key} (väntat "{SECTORS_SV[key]}")')
                for i, (key, sv) in enumerate(zip(by_sector["sector"], by_sector["sector_sv"]))
                if key in SECTORS_SV and SECTORS_SV[key] != sv]
    by_sector, total = by_sector.reset_index(drop=True), total.reset_index(drop=True)
    sector = by_sector.assign(value=_numbers(by_sector["emissions_t_co2e"]), row=by_sector.index + FIRST_DATA_ROW)
    sums = sector.groupby(keys, sort=False).agg(value=("value", "sum"), first=("row", "min"), last=("row", "max"))
    totals = total.assign(value=_numbers(total["emissions_t"]),
                          row=total.index + FIRST_DATA_ROW).drop_duplicates(keys).set_index(keys)
    for group, found in sums.iterrows():
        rows = f"rad {found['first']}–{found['last']}"
        if group not in totals.index:
            problems.append(Problem(display_sector, int(found["first"]), "emissions_t_co2e",
                                    f"{display_total} saknar total för {', '.join(group)} ({rows} i sektorfilen)"))
            continue
        expected = totals.loc[group]
        if not (np.isfinite(found["value"]) and np.isfinite(expected["value"])):
            continue  # an unreadable number: reported as a type error of its cell
        difference = found["value"] - expected["value"]
        if not abs(difference) <= SECTOR_SUM_TOLERANCE_T:
            problems.append(Problem(
                display_sector, int(found["first"]), "emissions_t_co2e",
                f"sektorerna ({rows}) summerar till {found['value']:.3f} t men {display_total} rad "
                f"{expected['row']} anger {expected['value']:.3f} t (skillnad {difference:.3f} t, "
                f"tillåtet {SECTOR_SUM_TOLERANCE_T} t)"))
    return problems


def _numbers(values: pd.Series) -> pd.Series:
    """Cells as finite floats; unreadable, empty or non-finite cells become NaN (and make their sum NaN)."""
    x = pd.to_numeric(values.astype(str), errors="coerce").astype(float)
    return x.where(np.isfinite(x))


# ---------------------------------------------------------------- whole-package validation
def validate_resources(directory: Path, descriptor: dict, names: Sequence[str], display: Callable[[str], str],
                       known: Mapping[str, str], kommuner: Mapping[str, str], one_row_per_kommun: Iterable[str],
                       check_file_set: bool = False, parse: Callable[[str], object] | None = None) -> list[Problem]:
    """Run frictionless and the project checks on the named resources; return all problems.

    ``display`` turns a file name into the name shown in messages; ``known`` maps codes to names
    (kommuner, county, Sweden); ``kommuner`` maps the 14 names to codes. ``parse(name)``, if given,
    is ``load()``'s own (cached) parse of a resource; without it :func:`parse_csv` reads the file again.
    """
    from frictionless import Package  # slow import; load() does not need it

    directory = _path(directory, "directory")
    try:
        is_folder = directory.is_dir()
    except OSError as error:
        raise ValueError(f'Datamappen "{directory}" går inte att läsa: {os_reason(error)}.') from None
    if not is_folder:
        raise ValueError(f'Datamappen "{directory}" finns inte (eller är ingen mapp).')
    resources = _resources(descriptor)
    if isinstance(names, (str, bytes)) or not isinstance(names, (list, tuple)):
        raise checks.WrongType(f"names måste vara en lista med resursnamn, fick {checks.show(names)}.")
    for name in names:
        checks.choice(name, resources, name="names", singular="dataresurs", plural="dataresurser")
    if not callable(display):
        raise checks.WrongType(f"display måste vara en funktion filnamn -> visat namn, fick {checks.show(display)}.")
    known = _text_mapping(known, "known", "med kommunkod -> namn")
    kommuner = _text_mapping(kommuner, "kommuner", "med kommunnamn -> kod")
    if isinstance(one_row_per_kommun, (str, bytes)) or not isinstance(one_row_per_kommun, (list, tuple, set, frozenset)):
        raise checks.WrongType(f"one_row_per_kommun måste vara en lista med resursnamn, fick "
                               f"{checks.show(one_row_per_kommun)}.")
    check_file_set = checks.flag(check_file_set, "check_file_set", "kontrollera filerna i mappen")
    if parse is not None and not callable(parse):
        raise checks.WrongType(f"parse måste vara en funktion resursnamn -> tabell eller None, fick {checks.show(parse)}.")
    problems = _file_set_problems(directory, descriptor, display) if check_file_set else []
    package = Package(copy.deepcopy(descriptor), basepath=str(directory))
    raws = {}
    for name in names:
        resource = resources[name]
        shown = display(resource["path"])
        report = package.get_resource(name).validate(limit_errors=10_000)
        problems += frictionless_problems(report, shown, resource)
        try:  # the same rules as load(): whatever load() refuses, validate() reports
            if parse is None:
                parse_csv(directory / resource["path"], shown, resource)
            else:
                parse(name)
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


def _resources(descriptor) -> dict[str, Mapping]:
    """The resources of a parsed datapackage.json by name, each with a path and a schema."""
    resources = descriptor.get("resources") if isinstance(descriptor, Mapping) else None
    if not isinstance(resources, list) or not all(
            isinstance(r, Mapping) and isinstance(r.get("name"), str) and isinstance(r.get("path"), str)
            for r in resources):
        raise checks.WrongType(f"descriptor måste vara datapackage.json (en ordlista med resurser), fick "
                               f"{checks.show(descriptor)}.")
    for resource in resources:
        _resource_schema(resource)
    return {r["name"]: r for r in resources}


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
