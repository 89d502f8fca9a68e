"""The measures file of an action plan (lesson *Åtgärdsplan och åtgärdskostnader*).

One row per measure, Swedish headers with units, as in the book's template
``data/templates/atgardsmall.csv`` (and its Excel twin ``atgardsmall.xlsx``, written by
``scripts/write_templates.py``). Read through the shared reader :func:`models.data.upload.read_table`.

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
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from models.common import checks
from models.common.formatting import fmt_auto
from models.data import upload, upload_tables
from models.data.emissions import sector_labels
from models.data.package import version

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "data" / "templates"
TEMPLATE_CSV = TEMPLATE_DIR / "atgardsmall.csv"
TEMPLATE_XLSX = TEMPLATE_DIR / "atgardsmall.xlsx"
SHEET_NAME = "Åtgärder"
MAX_MEASURES = 500
FIRST_YEAR, LAST_YEAR = 1990, 2100
#: The longest economic lifetime accepted [years]: longer than any building or network.
MAX_LIFETIME_YEARS = 100

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


def _sector_spellings(sectors: dict[str, str]) -> dict[str, str]:
    """Each SMHI label and key (any case, no spaces) -> the Swedish label stored in the table."""
    spellings = {upload.normalise(key, spaces=False): label for key, label in sectors.items()}
    spellings.update({upload.normalise(label, spaces=False): label for label in sectors.values()})
    return spellings


def _columns(sectors: dict[str, str]) -> tuple[upload.Column, ...]:
    C = upload.Column
    i = _INSTRUCTIONS
    return (
        C("measure", "Åtgärd", help=i["measure"]),
        C("sector", "Sektor", kind="choice", choices=_sector_spellings(sectors),
          help=i["sector"]),
        C("responsible_unit", "Ansvarig enhet", required=False, help=i["responsible_unit"]),
        C("start_year", "Startår", required=False, kind="year", minimum=FIRST_YEAR, maximum=LAST_YEAR,
          help=i["start_year"]),
        C("abatement_t_per_year", "Utsläppsminskning", "ton CO₂e/år", kind="positive", maximum=1e9,
          help=i["abatement_t_per_year"]),
        C("investment_sek", "Investering", "kr", kind="non_negative", maximum=1e13, help=i["investment_sek"]),
        C("running_cost_change_sek_per_year", "Ändrad driftkostnad", "kr/år", kind="number", minimum=-1e12,
          maximum=1e12, help=i["running_cost_change_sek_per_year"]),
        C("energy_cost_change_sek_per_year", "Ändrad energikostnad", "kr/år", kind="number", minimum=-1e12,
          maximum=1e12, help=i["energy_cost_change_sek_per_year"]),
        C("lifetime_years", "Livslängd", "år", kind="integer", minimum=1, maximum=MAX_LIFETIME_YEARS,
          help=i["lifetime_years"]),
        C("assumptions", "Antaganden och källor", required=False, help=i["assumptions"]),
    )


@lru_cache(maxsize=4)
def _schema(key: tuple) -> upload.Schema:
    return upload.Schema("åtgärdsfil", _columns(sector_labels()), sheet_name=SHEET_NAME, max_rows=MAX_MEASURES,
                         max_bytes=5_000_000, unique=("measure",), row_word="åtgärd")


def schema() -> upload.Schema:
    """The measures file's columns (the sector labels come from SMHI's data)."""
    return _schema(version("emissions_by_sector"))


def headers() -> tuple[str, ...]:
    """Swedish headers of the template, in order."""
    return schema().headers


def read_measures(source, filename: str | None = None) -> pd.DataFrame:
    """Read a measures file into the table that :func:`models.strategy.macc` takes.

    Columns as in the module docstring: ``sector`` holds SMHI's Swedish sector label,
    ``start_year`` is nullable ``Int64``, ``lifetime_years`` ``int64``, money in SEK, abatement in
    t CO2e/yr, plus ``source_row``. Errors name the file, row and column (Swedish ``ValueError``).
    """
    table = upload.read_table(source, schema(), filename)
    table["lifetime_years"] = table["lifetime_years"].astype("int64")
    table["responsible_unit"] = table["responsible_unit"].fillna("").astype(object)
    table["assumptions"] = table["assumptions"].fillna("").astype(object)
    return table


def template_measures() -> pd.DataFrame:
    """The book's illustrative example measures (from the CSV template)."""
    return _template(str(TEMPLATE_CSV), template_version(), version("emissions_by_sector")).copy()


@lru_cache(maxsize=2)
def _template(path: str, version: tuple, key: tuple) -> pd.DataFrame:
    return read_measures(Path(path))


def sector_names() -> tuple[str, ...]:
    """SMHI's Swedish main-sector labels, the valid values of the column "Sektor"."""
    return tuple(sector_labels().values())


def measures_table(measures: pd.DataFrame, assumptions: bool = False) -> pd.DataFrame:
    """The measures with the template's Swedish headers and Swedish number format, numbered from 1."""
    measures = upload_tables.check_typed(measures, schema(), "measures", label="measure")
    assumptions = checks.flag(assumptions, "assumptions", "visa antaganden och källor")
    columns = [c for c in schema().columns if c.key in measures.columns and (assumptions or c.key != "assumptions")]
    table = pd.DataFrame(index=pd.RangeIndex(1, len(measures) + 1, name="Nr"))
    for column in columns:
        values = measures[column.key].to_numpy()
        if column.kind in ("positive", "non_negative", "number"):
            values = [fmt_auto(x) for x in values]
        elif column.kind in ("year", "integer"):
            values = ["" if pd.isna(x) else str(int(x)) for x in values]
        table[column.header] = values
    return table


def template_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the example measures as the Excel sheet, the instructions sheet), from the CSV template."""
    rows = upload.csv_rows(TEMPLATE_CSV.read_bytes(), TEMPLATE_CSV.name)
    return upload_tables.template_table(schema(), rows), upload_tables.instructions(schema())


def template_version() -> tuple[int, int]:
    """The example file's version (:func:`models.data.upload.file_version`), for caches kept on it."""
    return upload.file_version(TEMPLATE_CSV)
