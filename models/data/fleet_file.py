"""The fleet register (lesson *Fordonsflottan idag*): one row per vehicle.

Swedish headers with units, as in the book's template ``data/templates/fordonsmall.csv`` (Excel
twin ``fordonsmall.xlsx``, written by ``scripts/write_templates.py``) and the illustrative example
fleet of the fictitious "Exempelkommun", ``data/templates/exempelflotta.csv``. Read through the shared
reader :func:`models.data.upload.read_table`; errors name the file, row and column.

==============================================  ===========================  ========
Header in the file                              Column in the model          Required
==============================================  ===========================  ========
Fordon (id eller regnr)                         ``vehicle_id``               yes
Fordonsslag (Personbil, Lätt lastbil)           ``vehicle_class``            yes
Drivmedel                                       ``fuel``                     yes
Årsmodell                                       ``model_year``               yes
Körsträcka (km/år)                              ``annual_km``                yes
Typisk körsträcka per dag (km)                  ``typical_daily_km``         yes
Längsta körsträcka per dag (km)                 ``longest_daily_km``         yes
Förbrukning (per 100 km)                        ``consumption_per_100km``    yes
Elförbrukning laddhybrid (kWh/100 km)           ``electricity_per_100km``    no
Innehavstid (år)                                ``holding_years``            yes
Hemmaplats                                      ``home_site``                yes
Parkering med el (ja/nej)                       ``parking_power``            yes
Anteckning                                      ``note``                     no
==============================================  ===========================  ========

"Förbrukning" is in the fuel's own unit per 100 km: litres (bensin, diesel, HVO100, E85, the petrol of a
laddhybrid), Nm³ (fordonsgas) or kWh (el). The model columns ``consumption_per_km`` and
``electricity_per_km`` are these ÷ 100.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from models.common import checks
from models.common.formatting import fmt_plain
from models.data import upload, upload_tables

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "data" / "templates"
TEMPLATE_CSV = TEMPLATE_DIR / "fordonsmall.csv"
TEMPLATE_XLSX = TEMPLATE_DIR / "fordonsmall.xlsx"
EXAMPLE_CSV = TEMPLATE_DIR / "exempelflotta.csv"
EXAMPLE_KOMMUN = "Exempelkommun"
SHEET_NAME = "Fordon"
MAX_VEHICLES = 5_000
FIRST_MODEL_YEAR, LAST_MODEL_YEAR = 1980, 2030

FUEL_SPELLINGS = {
    "petrol": ("Bensin", "bensin", "petrol"),
    "diesel": ("Diesel",),
    "hvo100": ("HVO100", "HVO", "HVO 100"),
    "biogas": ("Fordonsgas", "Biogas", "Gas", "CNG", "Fordonsgas (biogas)"),
    "e85": ("E85", "Etanol"),
    "electricity": ("El", "Elbil", "BEV", "Elfordon", "electricity"),
    "phev": ("Laddhybrid", "PHEV", "Laddhybrid (bensin + el)"),
}
FUEL_NAMES = {key: names[0] for key, names in FUEL_SPELLINGS.items()}
CLASS_SPELLINGS = {
    "car": ("Personbil", "Bil", "car", "M1"),
    "van": ("Lätt lastbil", "Lastbil lätt", "Transportbil", "Skåpbil", "van", "N1"),
}
CLASS_NAMES = {key: names[0] for key, names in CLASS_SPELLINGS.items()}

_HELP = {
    "vehicle_id": "Registreringsnummer eller kommunens eget id. Varje fordon bara en gång.",
    "vehicle_class": "Personbil eller Lätt lastbil (högst 3 500 kg). Tunga fordon ingår inte i kapitlet.",
    "fuel": "Bensin, Diesel, HVO100, Fordonsgas, E85, El eller Laddhybrid (det drivmedel fordonet körs på).",
    "model_year": f"Årsmodell eller det år fordonet köptes/leasades, {FIRST_MODEL_YEAR}–{LAST_MODEL_YEAR}.",
    "annual_km": "Körsträcka per år i km (1 mil = 10 km), från körjournal eller mätarställning.",
    "typical_daily_km": "En vanlig arbetsdags körsträcka i km.",
    "longest_daily_km": "Den längsta körsträckan på en dag som fordonet måste klara, i km. Minst den typiska.",
    "consumption_per_100km": "Verklig förbrukning per 100 km i drivmedlets enhet: liter (bensin, diesel, HVO100, E85, "
                             "laddhybridens bensin), Nm³ (fordonsgas) eller kWh (el).",
    "electricity_per_100km": "Bara för laddhybrider: el per 100 km i genomsnitt över året (kWh). Lämna tomt annars.",
    "holding_years": "Hur många år fordonet hålls (leasingtid eller planerad innehavstid), 1–30.",
    "home_site": "Var fordonet står på natten, t.ex. Stadshuset eller Hemtjänsten Norr.",
    "parking_power": "ja om platsen har el (motorvärmaruttag eller laddpunkt), annars nej.",
    "note": "Egen anteckning (valfritt).",
}


def _spellings(names: dict) -> dict[str, str]:
    out = {}
    for key, spellings in names.items():
        for s in spellings + (key,):
            out[upload.normalise(s, spaces=False)] = key
    return out


def _columns() -> tuple[upload.Column, ...]:
    C, h = upload.Column, _HELP
    per_100 = frozenset({"per 100 km", "l/100 km", "nm3/100 km", "kwh/100 km", "l, nm3 eller kwh per 100 km"})
    return (
        C("vehicle_id", "Fordon", "id eller regnr", help=h["vehicle_id"],
          unit_spellings=frozenset({"id eller regnr", "regnr", "id"})),
        C("vehicle_class", "Fordonsslag", kind="choice", choices=_spellings(CLASS_SPELLINGS), help=h["vehicle_class"]),
        C("fuel", "Drivmedel", kind="choice", choices=_spellings(FUEL_SPELLINGS), help=h["fuel"]),
        C("model_year", "Årsmodell", kind="year", minimum=FIRST_MODEL_YEAR, maximum=LAST_MODEL_YEAR,
          help=h["model_year"]),
        C("annual_km", "Körsträcka", "km/år", kind="non_negative", maximum=300_000, help=h["annual_km"]),
        C("typical_daily_km", "Typisk körsträcka per dag", "km", kind="non_negative", maximum=2_000,
          help=h["typical_daily_km"]),
        C("longest_daily_km", "Längsta körsträcka per dag", "km", kind="non_negative", maximum=2_000,
          help=h["longest_daily_km"]),
        C("consumption_per_100km", "Förbrukning", "per 100 km", kind="positive", maximum=200,
          help=h["consumption_per_100km"], unit_spellings=per_100),
        C("electricity_per_100km", "Elförbrukning laddhybrid", "kWh/100 km", required=False, kind="non_negative",
          maximum=100, help=h["electricity_per_100km"], unit_spellings=frozenset({"kwh/100 km", "kwh per 100 km"})),
        C("holding_years", "Innehavstid", "år", kind="integer", minimum=1, maximum=30, help=h["holding_years"]),
        C("home_site", "Hemmaplats", help=h["home_site"]),
        C("parking_power", "Parkering med el", "ja/nej", kind="boolean", help=h["parking_power"],
          unit_spellings=frozenset({"ja/nej", "ja eller nej"})),
        C("note", "Anteckning", required=False, help=h["note"]),
    )


@lru_cache(maxsize=1)
def schema() -> upload.Schema:
    """The fleet register's columns."""
    return upload.Schema("fordonsfil", _columns(), sheet_name=SHEET_NAME, max_rows=MAX_VEHICLES,
                         max_bytes=5_000_000, unique=("vehicle_id",), row_word="fordon")


def headers() -> tuple[str, ...]:
    return schema().headers


def read_fleet(source, filename: str | None = None) -> pd.DataFrame:
    """Read a fleet file into the table the transport models take.

    Adds ``consumption_per_km`` and ``electricity_per_km`` (÷ 100) to the schema's columns;
    ``holding_years`` and ``model_year`` are ``int64``. Rows where the longest day is shorter than the
    typical day, or with electricity per 100 km for a vehicle that is not a laddhybrid, raise a Swedish
    ``ValueError`` naming the file, row and column.
    """
    table = upload.read_table(source, schema(), filename)
    name = filename or Path(str(source)).name
    short = table["longest_daily_km"] < table["typical_daily_km"]
    if short.any():
        row = table.loc[short].iloc[0]
        raise ValueError(f'{name}, rad {row["source_row"]}, kolumn "Längsta körsträcka per dag (km)": '
                         f'{fmt_plain(row["longest_daily_km"])} km är kortare än den typiska dagen '
                         f'({fmt_plain(row["typical_daily_km"])} km). Den längsta dagen ska vara minst lika lång som den typiska.')
    extra = table["electricity_per_100km"].fillna(0) > 0
    not_phev = extra & (table["fuel"] != "phev")
    if not_phev.any():
        row = table.loc[not_phev].iloc[0]
        raise ValueError(f'{name}, rad {row["source_row"]}, kolumn "Elförbrukning laddhybrid (kWh/100 km)": fylls bara '
                         f'i för laddhybrider, men fordonet har drivmedel "{FUEL_NAMES[row["fuel"]]}". Lämna cellen tom '
                         "(elbilens förbrukning står i kolumnen Förbrukning).")
    table["model_year"] = table["model_year"].astype("int64")
    table["holding_years"] = table["holding_years"].astype("int64")
    table["consumption_per_km"] = table["consumption_per_100km"] / 100.0
    table["electricity_per_km"] = table["electricity_per_100km"].fillna(0.0) / 100.0
    table["note"] = table["note"].fillna("").astype(object)
    return table


def read_upload(upload: tuple[str, bytes]) -> pd.DataFrame:
    """A fleet file from an upload ``(file name, bytes)``, cached by content (a widget re-reads it on every
    control change). Returns a copy; raises like :func:`read_fleet`."""
    if not (isinstance(upload, (tuple, list)) and len(upload) == 2 and isinstance(upload[0], str)
            and isinstance(upload[1], (bytes, bytearray, memoryview))):
        raise checks.WrongType(f"Uppladdningen måste vara (filens namn, filens innehåll som bytes), fick "
                               f"{checks.show(upload)}. Ladda upp filen igen.")
    name, content = upload
    return _read_bytes(name, bytes(content)).copy()


@lru_cache(maxsize=8)
def _read_bytes(name: str, content: bytes) -> pd.DataFrame:
    return read_fleet(content, name)


def example_fleet() -> pd.DataFrame:
    """The illustrative example fleet of the fictitious kommun "Exempelkommun" (not real data)."""
    return _cached(str(EXAMPLE_CSV), upload.file_version(EXAMPLE_CSV)).copy()


def template_fleet() -> pd.DataFrame:
    """The few example rows of the blank template."""
    return _cached(str(TEMPLATE_CSV), template_version()).copy()


@lru_cache(maxsize=4)
def _cached(path: str, version: tuple) -> pd.DataFrame:
    return read_fleet(Path(path))


def fleet_table(fleet: pd.DataFrame) -> pd.DataFrame:
    """The fleet with the template's Swedish headers and Swedish labels (for the page)."""
    fleet = upload_tables.check_typed(fleet, schema(), "fleet", label="vehicle_id")
    if len(fleet) > MAX_VEHICLES:
        raise ValueError(f"fleet (fordonsflottan) har {len(fleet)} fordon; högst {MAX_VEHICLES}.")
    out = pd.DataFrame(index=pd.RangeIndex(1, len(fleet) + 1, name="Nr"))
    for column in schema().columns:
        if column.key not in fleet or column.key == "note":
            continue
        values = fleet[column.key]
        if column.key == "fuel":
            values = values.map(FUEL_NAMES)
        elif column.key == "vehicle_class":
            values = values.map(CLASS_NAMES)
        elif column.kind == "boolean":
            values = values.map({True: "ja", False: "nej"})
        out[column.header] = values.to_numpy()
    return out


def to_csv_bytes(fleet: pd.DataFrame) -> bytes:
    """A fleet table written back as a template-style CSV (semicolon, decimal comma, UTF-8 with BOM)."""
    table = fleet_table(fleet)
    return table.to_csv(sep=";", index=False, decimal=",").encode("utf-8-sig")


def template_tables() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(the template rows as the Excel sheet, the instructions sheet), from the CSV template."""
    rows = upload.csv_rows(TEMPLATE_CSV.read_bytes(), TEMPLATE_CSV.name)
    return upload_tables.template_table(schema(), rows), upload_tables.instructions(schema())


def template_version() -> tuple[int, int]:
    """The example file's version (:func:`models.data.upload.file_version`), for caches kept on it."""
    return upload.file_version(TEMPLATE_CSV)
