"""The site list of the lesson *Kartlägg solelslägen*: one row per municipal building.

Template ``data/templates/solelslagen.csv`` (and its Excel twin ``solelslagen.xlsx``, written by
``scripts/write_templates.py``); read through :func:`models.data.upload.read_table`.

========================================  ==================  ========
Header in the file                        Column in the model Required
========================================  ==================  ========
Byggnad                                   ``building``        yes
Lämplig takyta (m²)                       ``roof_area_m2``    yes
Lutning (°)                               ``tilt``            yes
Riktning (°) (180 = söder)                ``azimuth``         yes
Elanvändning (kWh/år)                     ``annual_use_kwh``  yes
Verksamhet (skola, kontor, …)             ``profile``         no (kontor)
Timfil                                    ``meter_file``      no
Kommentar                                 ``comment``         no
========================================  ==================  ========
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from models.data import upload, upload_tables

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "data" / "templates"
TEMPLATE_CSV = TEMPLATE_DIR / "solelslagen.csv"
TEMPLATE_XLSX = TEMPLATE_DIR / "solelslagen.xlsx"
SHEET_NAME = "Byggnader"
MAX_SITES = 1_000
DEFAULT_PROFILE = "kontor"
#: The building types (Swedish label -> profile key of models.solar.selfconsumption.PROFILES).
PROFILE_KEYS = {"skola": "skola", "kontor": "kontor", "äldreboende": "aldreboende", "idrottshall": "idrottshall"}
#: Other spellings accepted for a building type (-> its label).
PROFILE_SPELLINGS = {"skola": "skola", "förskola": "skola", "kontor": "kontor", "kommunhus": "kontor",
                     "stadshus": "kontor", "äldreboende": "äldreboende", "aldreboende": "äldreboende",
                     "vårdboende": "äldreboende", "idrottshall": "idrottshall", "sporthall": "idrottshall"}

_HELP = {
    "building": "Byggnadens namn. Varje namn får bara finnas en gång.",
    "roof_area_m2": "Takyta där solceller kan sitta (utan skuggade delar, takfönster och ventilation), i m².",
    "tilt": "Takets (eller ställningens) lutning i grader: 0 = platt, 90 = vägg.",
    "azimuth": "Riktning i grader från norr: 90 = öster, 180 = söder, 270 = väster.",
    "annual_use_kwh": "Byggnadens elanvändning per år i kWh (från fakturor eller energiuppföljningen).",
    "profile": "Verksamhet som styr lastprofilen: skola, kontor, äldreboende eller idrottshall (valfritt, "
               "kontor om tomt). Lastprofilerna är illustrativa.",
    "meter_file": "Namn på en fil med byggnadens timvärden från elnätsföretaget (valfritt). Filen laddas upp "
                  "separat och ersätter lastprofilen.",
    "comment": "Egna anteckningar, t.ex. takets skick eller planerad renovering (valfritt).",
}


def _columns() -> tuple[upload.Column, ...]:
    C = upload.Column
    return (
        C("building", "Byggnad", help=_HELP["building"]),
        C("roof_area_m2", "Lämplig takyta", "m²", kind="positive", maximum=1_000_000, help=_HELP["roof_area_m2"]),
        C("tilt", "Lutning", "°", kind="number", minimum=0, maximum=90, help=_HELP["tilt"]),
        C("azimuth", "Riktning", "°", kind="number", minimum=0, maximum=360, help=_HELP["azimuth"]),
        C("annual_use_kwh", "Elanvändning", "kWh/år", kind="positive", maximum=1e9, help=_HELP["annual_use_kwh"]),
        C("profile", "Verksamhet", required=False, kind="choice",
          choices={upload.normalise(k, spaces=False): v for k, v in PROFILE_SPELLINGS.items()},
          help=_HELP["profile"]),
        C("meter_file", "Timfil", required=False, help=_HELP["meter_file"]),
        C("comment", "Kommentar", required=False, help=_HELP["comment"]),
    )


@lru_cache(maxsize=1)
def schema() -> upload.Schema:
    """The site list's columns."""
    return upload.Schema("byggnadslista", _columns(), sheet_name=SHEET_NAME, max_rows=MAX_SITES,
                         max_bytes=5_000_000, unique=("building",), row_word="byggnad")


def headers() -> tuple[str, ...]:
    return schema().headers


def read_sites(source, filename: str | None = None) -> pd.DataFrame:
    """Read a site list (CSV or Excel) into the table :func:`models.solar.screening.screen` takes.

    ``profile`` holds a key of :data:`models.solar.selfconsumption.PROFILES` (``kontor`` where
    empty); ``meter_file`` and ``comment`` are text ("" where empty); plus ``source_row``.
    """
    table = upload.read_table(source, schema(), filename)
    table["profile"] = table["profile"].map(PROFILE_KEYS).fillna(DEFAULT_PROFILE).astype(object)
    table["meter_file"] = table["meter_file"].fillna("").astype(object)
    table["comment"] = table["comment"].fillna("").astype(object)
    return table


def template_sites() -> pd.DataFrame:
    """The book's illustrative example site list (from the CSV template)."""
    return _template(str(TEMPLATE_CSV), template_version()).copy()


@lru_cache(maxsize=2)
def _template(path: str, version: tuple) -> pd.DataFrame:
    return read_sites(Path(path))


def template_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the example sites as the Excel sheet, the instructions sheet), from the CSV template."""
    rows = upload.csv_rows(TEMPLATE_CSV.read_bytes(), TEMPLATE_CSV.name)
    return upload_tables.template_table(schema(), rows), upload_tables.instructions(schema())


def template_version() -> tuple[int, int]:
    """The example file's version (:func:`models.data.upload.file_version`), for caches kept on it."""
    return upload.file_version(TEMPLATE_CSV)
