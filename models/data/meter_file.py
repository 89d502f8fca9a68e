"""A building's hourly meter data from the grid company (lesson *Egenanvändning och lönsamhet*).

Two columns, as most grid companies' CSV exports can be trimmed to: the hour's start time and the
energy used in that hour. Template ``data/templates/timvarden.csv`` shows the shape (illustrative
values). Read through :func:`models.data.upload.read_table`; :func:`to_typical_year` places one
whole calendar year on the chapter's typical-year hours.

=======================  ================  ========
Header in the file       Column            Required
=======================  ================  ========
Tid                      ``time``          yes
Förbrukning (kWh)        ``kwh``           yes
=======================  ================  ========
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

from models.common import checks
from models.data import upload, upload_tables

TEMPLATE_DIR = Path(__file__).resolve().parents[2] / "data" / "templates"
TEMPLATE_CSV = TEMPLATE_DIR / "timvarden.csv"
MAX_HOURS = 8_784 + 48
HOURS = 8_760


def schema() -> upload.Schema:
    C = upload.Column
    return upload.Schema("timfil", (
        C("time", "Tid", kind="datetime", help="Timmens början i svensk tid, t.ex. 2025-01-31 13:00."),
        C("kwh", "Förbrukning", "kWh", kind="non_negative", maximum=1e7,
          help="Elanvändning under timmen i kWh (från elnätsföretagets timvärden)."),
    ), max_rows=MAX_HOURS, max_bytes=10_000_000, unique=("time",), row_word="timme")


def read_meter(source, filename: str | None = None) -> pd.DataFrame:
    """Read an hourly meter file: columns ``time`` (naive local time), ``kwh``, ``source_row``."""
    return upload.read_table(source, schema(), filename)


def to_typical_year(meter: pd.DataFrame, index: pd.DatetimeIndex, name: str = "timfilen") -> pd.Series:
    """The meter values of one whole year on the typical year's hours ``index`` [kWh].

    Hours are matched by local wall-clock (month, day, hour), so any year's file fits the typical
    year. Every hour of one calendar year must be present; 29 February is dropped in a leap year;
    the hour that summer time skips is filled from the hour before, and an hour that appears twice
    (the autumn clock change) counts with its mean. Gaps raise a Swedish ``ValueError`` that names
    the first missing hour.
    """
    name = checks.text(name, "name", "filens namn i meddelanden")
    meter = upload_tables.check_typed(meter, schema(), "meter")
    if not isinstance(index, pd.DatetimeIndex):
        raise checks.WrongType(f"index måste vara typårets timmar (en pandas.DatetimeIndex), fick {checks.show(index)}.")
    if len(index) != HOURS or index.hasnans:
        raise ValueError(f"index måste ha typårets {HOURS} timmar, fick {len(index)}.")
    times = pd.DatetimeIndex(meter["time"])
    if times.tz is not None:
        times = times.tz_convert("Europe/Stockholm").tz_localize(None)
    years = times.year.unique()
    if len(years) != 1:
        raise ValueError(f"{name} ska innehålla ett helt kalenderår; den har tider från åren "
                         f"{', '.join(str(y) for y in sorted(years))}.")
    year = int(years[0])
    key = times.month * 10_000 + times.day * 100 + times.hour
    values = pd.Series(meter["kwh"].to_numpy(dtype=float), index=key).groupby(level=0).mean()
    local = index.tz_localize(None)
    wanted = local.month * 10_000 + local.day * 100 + local.hour
    aligned = values.reindex(wanted)
    hours = pd.date_range(f"{year}-01-01", f"{year}-12-31 23:00", freq="h")
    hours = hours[~((hours.month == 2) & (hours.day == 29))]
    present = set(values.index)
    missing = [t for t in hours if t.month * 10_000 + t.day * 100 + t.hour not in present]
    skipped = [t for t in missing if t.month == 3 and t.day >= 25 and t.weekday() == 6 and t.hour == 2]
    missing = [t for t in missing if t not in skipped]
    if missing:
        raise ValueError(f"{name} saknar {len(missing)} timmar, första {missing[0]:%Y-%m-%d %H:00}. Ett helt år "
                         f"har {HOURS} timmar (8 784 under skottår); fyll i luckorna eller välj ett annat år.")
    aligned = aligned.ffill().bfill()
    return pd.Series(aligned.to_numpy(dtype=float), index=index, name="load_kwh")


def template_version() -> tuple[int, int]:
    """The example file's version (:func:`models.data.upload.file_version`), for caches kept on it."""
    return upload.file_version(TEMPLATE_CSV)
