"""The data package: typed tables from ``data/`` and the 14 kommuner of Norrbotten.

Every table is a CSV file in ``data/`` described by ``data/datapackage.json`` (a Frictionless Data
Package: types, units, constraints, sources and licences). ``data/README.md`` explains sources,
years and caveats in Swedish. Typical use::

    from models import data
    data.load("emissions_total")          # typed DataFrame, long format
    data.kommun("Lulea").population       # inhabitants on 2025-12-31 (SCB)
    data.validate()                       # whole package; raises DataValidationError

Errors meant for learners and municipal staff are in Swedish; docstrings are in English.
"""

from __future__ import annotations

import datetime
import difflib
import json
import os
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd

from models.common.export import os_reason
from models.data.package_checks import completeness_problems, kommun_problems, validate_resources
from models.data.validation import DataValidationError, Problem, parse_csv

__all__ = [
    "COUNTY_CODE", "COUNTY_NAME", "DATA_DIR", "DataValidationError", "KOMMUNER", "KOMMUN_CODES", "Kommun",
    "data_dir", "kommun", "kommun_name", "load", "resource_names", "validate", "version",
]

DATA_DIR = Path(__file__).resolve().parents[2] / "data"
DATA_DIR_ENV = "STRATUS_DATA_DIR"  # overrides DATA_DIR; read on every call
PACKAGE_FILE = "datapackage.json"

COUNTY_NAME = "Norrbottens län"
COUNTY_CODE = "25"
SWEDEN_NAME, SWEDEN_CODE = "Sverige", "SE"  # national comparison rows in solar_pv.csv

# SCB municipality codes, SCB table 000007SF (rows such as "2580 Luleå"), in code order.
KOMMUN_CODES = MappingProxyType({
    "Arvidsjaur": "2505", "Arjeplog": "2506", "Jokkmokk": "2510", "Överkalix": "2513",
    "Kalix": "2514", "Övertorneå": "2518", "Pajala": "2521", "Gällivare": "2523",
    "Älvsbyn": "2560", "Luleå": "2580", "Piteå": "2581", "Boden": "2582",
    "Haparanda": "2583", "Kiruna": "2584",
})
KOMMUNER = tuple(KOMMUN_CODES)
_AREAS_BY_CODE = MappingProxyType({**{code: name for name, code in KOMMUN_CODES.items()},
                                   COUNTY_CODE: COUNTY_NAME, SWEDEN_CODE: SWEDEN_NAME})
_ONE_ROW_PER_KOMMUN = ("municipalities", "stratus_participation")


# ---------------------------------------------------------------- package and paths
def data_dir() -> Path:
    """Return the data folder: ``$STRATUS_DATA_DIR`` if set, else :data:`DATA_DIR`."""
    return Path(os.environ.get(DATA_DIR_ENV) or DATA_DIR)


def _display(directory: Path, filename: str) -> str:
    """File name as shown in messages: ``data/x.csv`` for the package's own folder, else the full path."""
    return f"data/{filename}" if directory.resolve() == DATA_DIR.resolve() else str(directory / filename)


@lru_cache(maxsize=8)
def _read_package(path: str, mtime_ns: int, display: str) -> dict:
    """datapackage.json parsed and checked for the shape the readers rely on; problems in Swedish."""
    def problem(message: str, row: int | None = None) -> DataValidationError:
        return DataValidationError([Problem(display, row, None, message)])

    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise problem("filen är inte UTF-8-kodad text") from None
    except OSError as error:
        raise problem(f"filen går inte att läsa: {os_reason(error)}") from None
    try:
        descriptor = json.loads(text)
    except json.JSONDecodeError as error:
        raise problem(f"filen är inte giltig JSON (tecken {error.colno})", error.lineno) from None
    resources = descriptor.get("resources") if isinstance(descriptor, dict) else None
    if not isinstance(resources, list):
        raise problem('filen beskriver inget datapaket: listan "resources" saknas')
    for i, resource in enumerate(resources, start=1):
        schema = resource.get("schema") if isinstance(resource, dict) else None
        fields = schema.get("fields") if isinstance(schema, dict) else None
        if not (isinstance(resource, dict) and isinstance(resource.get("name"), str)
                and isinstance(resource.get("path"), str) and isinstance(fields, list)
                and all(isinstance(f, dict) and isinstance(f.get("name"), str) and isinstance(f.get("type"), str)
                        for f in fields)):
            raise problem(f"resurs nummer {i} saknar name, path eller ett schema med fält (name och type)")
    return descriptor


def _package(directory: Path) -> tuple[dict, tuple[str, int, str]]:
    """Return the parsed datapackage.json and its cache key (path, mtime, display name)."""
    path = directory / PACKAGE_FILE
    display = _display(directory, PACKAGE_FILE)
    try:
        key = (str(path), path.stat().st_mtime_ns, display)
    except FileNotFoundError:
        raise DataValidationError([Problem(display, None, None, "filen saknas")]) from None
    except OSError as error:  # the data folder is a file, or unreadable
        raise DataValidationError([Problem(display, None, None, f"filen går inte att läsa: {os_reason(error)}")]) from None
    return _read_package(*key), key


def _resource(descriptor: dict, name: str) -> dict:
    """Find a resource by name (a trailing ``.csv`` is allowed); unknown -> Swedish ValueError."""
    if not isinstance(name, str):
        raise TypeError(f"Resursens namn ska vara text, till exempel 'emissions_total', inte {name!r}.")
    resources = {r["name"]: r for r in descriptor["resources"]}
    wanted = name.strip().removesuffix(".csv")
    if wanted in resources:
        return resources[wanted]
    ratio = {n: difflib.SequenceMatcher(None, wanted, n).ratio() for n in resources}
    close = [n for n in resources if wanted and wanted in n]
    close += difflib.get_close_matches(wanted, resources, n=4, cutoff=0.6)
    suggestions = sorted(dict.fromkeys(close), key=ratio.get, reverse=True)[:4]
    hint = f" Menade du: {', '.join(suggestions)}?" if suggestions else ""
    raise ValueError(f'Okänd dataresurs: "{name}".{hint} Giltiga namn: {", ".join(sorted(resources))}.')


def resource_names() -> tuple[str, ...]:
    """Names of all resources in datapackage.json (= CSV file stems), in file order."""
    return tuple(r["name"] for r in _package(data_dir())[0]["resources"])


# ---------------------------------------------------------------- load
def load(name: str) -> pd.DataFrame:
    """Load one table from ``data/`` as a typed DataFrame.

    Parameters
    ----------
    name : str
        Resource name in ``data/datapackage.json`` = the CSV file stem, e.g. ``"emissions_total"``,
        ``"emissions_by_sector"``, ``"municipalities"``, ``"population"``.

    Returns
    -------
    pandas.DataFrame
        Columns in schema order. Types follow the schema: integer and year -> ``int64`` (``Int64``
        where cells are empty), number -> ``float64``, date -> ``datetime64``, boolean -> ``bool``,
        string -> pandas ``str`` (``kommun_code`` stays text, e.g. ``"2580"``). Units are in
        datapackage.json (field property ``unit``) and in data/README.md. The frame is a copy of a
        cached parse (keyed on path and modification time), so callers may modify it.

    Raises
    ------
    ValueError
        Unknown ``name`` (Swedish message listing the closest valid names).
    DataValidationError
        The file is missing or malformed (missing column, unreadable cell, broken constraint,
        duplicate primary key, unknown kommun_code or a name that does not match its code). The
        Swedish message names file, row (header = row 1) and column for every problem.
    """
    directory = data_dir()
    descriptor, package_key = _package(directory)
    resource = _resource(descriptor, name)
    path = directory / resource["path"]
    display = _display(directory, resource["path"])
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise DataValidationError([Problem(display, None, None, "filen saknas")]) from None
    except OSError as error:
        raise DataValidationError([Problem(display, None, None, f"filen går inte att läsa: {os_reason(error)}")]) from None
    frame = _parse(str(path), stat.st_mtime_ns, stat.st_size, package_key, resource["name"], display)
    return frame.copy()


@lru_cache(maxsize=64)
def _parse(path: str, mtime_ns: int, size: int, package_key: tuple[str, int, str], name: str,
           display: str) -> pd.DataFrame:
    def project_checks(raw: pd.DataFrame) -> list[Problem]:
        problems = kommun_problems(raw, display, _AREAS_BY_CODE)
        if name in _ONE_ROW_PER_KOMMUN:
            problems += completeness_problems(raw, display, KOMMUN_CODES)
        return problems

    return parse_csv(Path(path), display, _resource(_read_package(*package_key), name), project_checks)


# ---------------------------------------------------------------- validate
def validate(name: str | None = None) -> None:
    """Validate one resource, or the whole package, against ``data/datapackage.json``.

    Runs ``frictionless`` (types, missing or extra columns, constraints, primary and foreign keys)
    and the project's own checks: every ``kommun_code`` is one of the 14 SCB codes (or ``"25"``
    for county rows, ``"SE"`` for Sweden where the schema allows it) and matches its ``kommun``
    name; municipalities.csv and stratus_participation.csv have all 14 kommuner; in
    emissions_by_sector.csv the Swedish sector labels match the keys and the sectors sum to
    emissions_total.csv per kommun, year and dataset within 0.1 t. Without ``name`` it also checks
    that every CSV in the folder is described in datapackage.json and vice versa.

    Raises
    ------
    DataValidationError
        Listing all problems found (file, row with header = row 1, column), in Swedish.
    ValueError
        Unknown ``name``.
    """
    directory = data_dir()
    descriptor, _ = _package(directory)
    names = (_resource(descriptor, name)["name"],) if name is not None else ()
    problems = _validate(str(directory), names, version())
    if problems:
        raise DataValidationError(problems)


@lru_cache(maxsize=8)
def _validate(directory: str, names: tuple[str, ...], key: tuple) -> tuple[Problem, ...]:
    """The problems of the named resources (all, and the file set, without names), cached on the data's version."""
    folder = Path(directory)
    descriptor, _ = _package(folder)
    every = not names
    names = names or tuple(r["name"] for r in descriptor["resources"])
    return tuple(validate_resources(folder, descriptor, list(names), lambda filename: _display(folder, filename),
                                    _AREAS_BY_CODE, KOMMUN_CODES, _ONE_ROW_PER_KOMMUN, check_file_set=every,
                                    parse=load))


# ---------------------------------------------------------------- kommuner
@dataclass(frozen=True)
class Kommun:
    """One of the 14 kommuner, from municipalities.csv and stratus_participation.csv.

    Attributes: ``name`` (SCB short name), ``code`` (4-digit SCB code as str), ``main_town``,
    ``lat``/``lon`` of the main town [degrees, WGS84] with ``coordinate_source``/``_url``,
    ``population`` [inhabitants] on ``population_date`` (SCB, 2025-12-31, with CKM noise),
    ``area_total_km2`` [km²] (coastal kommuner include sea), ``land_area_km2`` [km²]
    (``area_land_km2``; for Gällivare SCB's 2020 land area; ``None`` for Piteå),
    ``water_area_km2`` [km²] or ``None``, and the Stratus flags.
    """

    name: str
    code: str
    main_town: str
    lat: float
    lon: float
    population: int
    population_date: datetime.date
    area_total_km2: float
    land_area_km2: float | None
    water_area_km2: float | None
    prestratus_participant: bool
    stratus_primary_target_group: bool
    coordinate_source: str
    coordinate_source_url: str


def _fold(text: str) -> str:
    """Case-fold, drop accents (å -> a, ö -> o), squeeze spaces and an optional ' kommun' suffix."""
    text = unicodedata.normalize("NFKD", " ".join(text.casefold().split()))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return text.removesuffix(" kommun")


_BY_FOLDED = {_fold(name): name for name in KOMMUNER}


def kommun_name(name_or_code: str | int) -> str:
    """Return the canonical name of a kommun, e.g. ``"Luleå"``.

    Accepts the Swedish name in any case, with or without å/ä/ö, surrounding spaces or a
    ``" kommun"`` suffix (``"lulea"``, ``"LULEÅ"``, ``"Luleå kommun"``), or the SCB code as str
    or int (``"2580"``, ``2580``). Unknown input raises ``ValueError`` with a Swedish message that
    suggests the closest names; other types raise ``TypeError``.
    """
    if isinstance(name_or_code, (bool, np.bool_)) or not isinstance(name_or_code, (str, int, np.integer)):
        raise TypeError(f"Ange kommunen som namn eller SCB-kod, t.ex. 'Luleå' eller 2580 – inte "
                        f"{type(name_or_code).__name__} ({name_or_code!r}).")
    text = name_or_code.strip() if isinstance(name_or_code, str) else str(int(name_or_code))
    if text in _AREAS_BY_CODE and text != SWEDEN_CODE:
        found = _AREAS_BY_CODE[text]
    else:
        found = _BY_FOLDED.get(_fold(text)) or (COUNTY_NAME if _fold(text) == _fold(COUNTY_NAME) else None)
    if found == COUNTY_NAME:
        raise ValueError(f'"{name_or_code}" är länet ({COUNTY_NAME}, kod {COUNTY_CODE}), inte en kommun. '
                         f"Giltiga kommuner: {', '.join(KOMMUNER)}.")
    if found:
        return found
    if text.isdigit():
        codes = ", ".join(f"{code} {name}" for name, code in KOMMUN_CODES.items())
        raise ValueError(f'Okänd kommunkod: "{name_or_code}". Giltiga koder: {codes}.')
    close = [_BY_FOLDED[f] for f in difflib.get_close_matches(_fold(text), _BY_FOLDED, n=3, cutoff=0.6)]
    hint = f" Menade du {' eller '.join(close)}?" if close else ""
    raise ValueError(f'Okänd kommun: "{name_or_code}".{hint} Giltiga namn: {", ".join(KOMMUNER)}.')


def kommun(name_or_code: str | int) -> Kommun:
    """Return facts about one kommun as a :class:`Kommun` (see :func:`kommun_name` for inputs)."""
    name = kommun_name(name_or_code)
    return _kommuner(version(*_ONE_ROW_PER_KOMMUN))[name]


def version(*names: str) -> tuple:
    """A cache key for tables: each file's path, modification time and size.

    Caches of values computed from data are keyed on this, so pointing ``STRATUS_DATA_DIR`` at
    another folder, or editing a file, never returns numbers from the old data. Without names it
    covers every CSV file in the data folder and ``datapackage.json`` (for caches of lesson results
    that combine many tables).
    """
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"Tabellens namn ska vara text, t.ex. 'emissions_total', inte {name!r}.")
    if not names:
        folder = data_dir()
        try:
            files = sorted(folder.glob("*.csv")) + [folder / PACKAGE_FILE]
        except OSError:
            files = []
        names = tuple(p.stem if p.suffix == ".csv" else p.name for p in files)
    key = []
    for name in names:
        path = data_dir() / (name if name == PACKAGE_FILE else f"{name}.csv")
        try:
            stat = path.stat()
            key.append((str(path), stat.st_mtime_ns, stat.st_size))
        except (OSError, ValueError):
            key.append((str(path), 0, 0))
    return tuple(key)


@lru_cache(maxsize=4)
def _kommuner(key: tuple) -> dict[str, Kommun]:
    merged = load("municipalities").merge(
        load("stratus_participation").drop(columns=["kommun", "source_url"]), on="kommun_code", validate="1:1")

    def optional(value) -> float | None:
        return None if pd.isna(value) else float(value)

    return {row.kommun: Kommun(
        name=row.kommun, code=row.kommun_code, main_town=row.main_town,
        lat=float(row.main_town_lat), lon=float(row.main_town_lon),
        population=int(row.population), population_date=row.population_date.date(),
        area_total_km2=float(row.area_total_km2),
        land_area_km2=optional(row.area_land_km2 if pd.notna(row.area_land_km2) else row.land_area_km2_scb_2020),
        water_area_km2=optional(row.area_water_km2),
        prestratus_participant=bool(row.prestratus_participant),
        stratus_primary_target_group=bool(row.stratus_primary_target_group),
        coordinate_source=row.coordinate_source, coordinate_source_url=row.coordinate_source_url,
    ) for row in merged.itertuples(index=False)}
