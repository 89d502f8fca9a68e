"""Hourly weather: the Luleå typical year shipped in ``data/weather/`` and a learner's own files.

* :func:`lulea` – Climate.OneBuilding.org's TMYx 2009–2023 typical year for Luleå airport
  (EPW), read with ``pvlib.iotools.read_epw`` and cached on the file's version;
* :func:`read_weather` – an EPW file or a PVGIS typical-year file (CSV, JSON or EPW from
  https://re.jrc.ec.europa.eu/pvg_tools/) into the same shape, with Swedish errors;
* :func:`download_pvgis_tmy` – optional, online: fetch a PVGIS typical year for a coordinate and
  cache it as a file. Never used by the book build or the tests;
* :func:`source_note` – the line printed under tables and charts built on this weather.

Every frame has 8760 rows, an hourly index in Europe/Stockholm that labels the **start** of each
hour (pvlib's convention), placed in the year 2023, and the columns ``ghi, dni, dhi`` [W/m²],
``temp_air`` [°C], ``wind_speed`` [m/s], ``relative_humidity`` [%], ``snow_depth`` [cm] and
``albedo`` [–] (the last three where the file has them).
"""
from __future__ import annotations

import io
import json
import os
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pvlib
import requests

from models.common import checks
from models.common.export import os_reason
from models.data.package import data_dir

WEATHER_FOLDER = "weather"
LULEA_FILE = "SWE_NB_Lulea.AP.021860_TMYx.2009-2023.epw"
TZ = "Europe/Stockholm"
YEAR = 2023
HOURS = 8760
COLUMNS = ("ghi", "dni", "dhi", "temp_air", "wind_speed", "relative_humidity", "snow_depth", "albedo")
REQUIRED = ("ghi", "dni", "dhi", "temp_air", "wind_speed")
MAX_BYTES = 20_000_000
PVGIS_URL = "https://re.jrc.ec.europa.eu/api/"
#: Coordinates :func:`download_pvgis_tmy` accepts: Norrbotten (roughly 65–69° N, 16–24° E) with a wide margin.
LATITUDE_RANGE = (63.0, 70.5)
LONGITUDE_RANGE = (14.0, 26.0)

_SOURCE = ("Väder: typår för Luleå flygplats (TMYx 2009–2023), Climate.OneBuilding.org, byggt på NOAA NCEI ISD "
           "och ECMWF ERA5 (innehåller bearbetad information från Copernicus Climate Change Service).")
_GENERATED = (" Övriga kommuner: typår byggt av boken med pvlib (klar himmel för orten, Luleås molnighet, "
              "temperatur och snö) – en modell, inte mätdata.")


def lulea_path() -> Path:
    """Path of the Luleå EPW file (follows ``STRATUS_DATA_DIR``)."""
    return data_dir() / WEATHER_FOLDER / LULEA_FILE


def version() -> tuple:
    """Cache key for everything computed from the Luleå file: (path, mtime, size)."""
    path = lulea_path()
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (str(path), 0, 0)
    return (str(path), stat.st_mtime_ns, stat.st_size)


class MissingWeatherFile(FileNotFoundError, ValueError):
    """The Luleå weather file is not in the data folder (a ``ValueError`` with a Swedish message, too)."""


def _present_version() -> tuple:
    key = version()
    if key[1] == 0:
        raise MissingWeatherFile(f"Väderfilen saknas: {key[0]}. Den ska ligga i data/{WEATHER_FOLDER}/.")
    return key


def lulea() -> pd.DataFrame:
    """The Luleå typical year (a copy of a cached parse; see the module docstring for its shape)."""
    return _lulea(_present_version())[0].copy()


def lulea_metadata() -> dict:
    """The EPW header of the Luleå file (latitude, longitude, altitude, WMO code …)."""
    return dict(_lulea(_present_version())[1])


@lru_cache(maxsize=2)
def _lulea(key: tuple) -> tuple[pd.DataFrame, dict]:
    return _read_epw(Path(key[0]), Path(key[0]).name)


# ----------------------------------------------------------------------------- readers
def read_weather(source, filename: str | None = None) -> pd.DataFrame:
    """Read an EPW or PVGIS typical-year file into the chapter's weather shape.

    Parameters
    ----------
    source : str, Path or bytes
        The file, or its bytes (then ``filename`` gives its name and type).
    filename : str, optional
        Needed with bytes: ``.epw``, ``.csv`` or ``.json`` (PVGIS typical year).

    Returns
    -------
    DataFrame
        See the module docstring. PVGIS files have no snow depth or albedo columns.

    Raises
    ------
    ValueError
        In Swedish, when the file is missing, of an unknown type, cannot be parsed, or is not a
        whole hourly year.
    """
    content, name = _content(source, filename)
    suffix = Path(name).suffix.lower()
    if suffix == ".epw":
        frame, _ = _read_epw(io.StringIO(_text(content, name)), name)
        return frame
    if suffix in (".csv", ".json"):
        return _read_pvgis(content, name, suffix)
    raise ValueError(f'Filen "{name}" är varken en EPW-fil (.epw) eller ett typår från PVGIS (.csv eller .json). '
                     "Ladda ned typåret från PVGIS (TMY) eller en EPW-fil från Climate.OneBuilding.org.")


def _content(source, filename) -> tuple[bytes, str]:
    if isinstance(source, (bytes, bytearray, memoryview)):
        if not filename or not isinstance(filename, str):
            raise ValueError("Ange filens namn (filename) när väderfilen ges som bytes.")
        content, name = bytes(source), filename
    elif isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise ValueError(f'Väderfilen "{path}" finns inte.')
        if path.stat().st_size > MAX_BYTES:
            raise ValueError(f'Väderfilen "{path.name}" är större än {MAX_BYTES // 1_000_000} MB; ett typår är '
                             "normalt 1–2 MB.")
        content, name = path.read_bytes(), filename or path.name
    else:
        raise TypeError(f"Väderfilen ska anges som sökväg eller bytes, inte {type(source).__name__}.")
    if len(content) > MAX_BYTES:
        raise ValueError(f'Väderfilen "{name}" är större än {MAX_BYTES // 1_000_000} MB.')
    if not content.strip():
        raise ValueError(f'Väderfilen "{name}" är tom.')
    return content, name


def _text(content: bytes, name: str) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValueError(f'Väderfilen "{name}" är inte en textfil.')


def _read_epw(source, name: str) -> tuple[pd.DataFrame, dict]:
    try:
        data, meta = pvlib.iotools.read_epw(source, coerce_year=YEAR)
    except Exception as error:  # pvlib raises many kinds on a broken file
        raise ValueError(f'"{name}" kunde inte läsas som EPW-fil ({type(error).__name__}). Kontrollera att filen är '
                         "en hel EPW-fil med rubrikrader (LOCATION …) och 8760 timrader.") from None
    return _finish(data, name), meta


def _read_pvgis(content: bytes, name: str, suffix: str) -> pd.DataFrame:
    fmt = "json" if suffix == ".json" else "csv"
    try:
        buffer = io.StringIO(_text(content, name)) if fmt == "json" else io.BytesIO(content)
        data, _meta = pvlib.iotools.read_pvgis_tmy(buffer, pvgis_format=fmt, map_variables=True)
    except Exception as error:
        raise ValueError(f'"{name}" kunde inte läsas som typår från PVGIS ({type(error).__name__}). Ladda ned '
                         "typåret (TMY) från PVGIS som CSV eller JSON utan att ändra filen.") from None
    return _finish(data, name)


def _finish(data: pd.DataFrame, name: str) -> pd.DataFrame:
    """Check and normalise a parsed file: columns, 8760 hours, index in Europe/Stockholm, year 2023."""
    missing = [c for c in REQUIRED if c not in data.columns]
    if missing:
        raise ValueError(f'Väderfilen "{name}" saknar kolumnerna {missing}.')
    if len(data) != HOURS:
        raise ValueError(f'Väderfilen "{name}" har {len(data)} timrader; ett typår har {HOURS}.')
    index = data.index
    if not isinstance(index, pd.DatetimeIndex):
        raise ValueError(f'Väderfilen "{name}" saknar tidsstämplar.')
    if index.tz is None:
        index = index.tz_localize("UTC")
    # Typical years stitch months from different years: place every hour in YEAR by its
    # (month, day, hour) in standard time (UTC+1) and sort.
    standard = index.tz_convert("Etc/GMT-1")
    order = np.lexsort((standard.hour, standard.day, standard.month))
    frame = data.iloc[order][[c for c in COLUMNS if c in data.columns]].astype(float)
    start = pd.Timestamp(f"{YEAR}-01-01 00:00", tz="Etc/GMT-1")
    frame.index = pd.date_range(start, periods=HOURS, freq="h").tz_convert(TZ)
    values = frame[list(REQUIRED)].to_numpy()
    if not np.isfinite(values).all():
        raise ValueError(f'Väderfilen "{name}" har tomma eller ogiltiga värden i {list(REQUIRED)}.')
    frame[["ghi", "dni", "dhi"]] = frame[["ghi", "dni", "dhi"]].clip(lower=0.0)
    if "albedo" in frame:
        frame["albedo"] = frame["albedo"].where((frame["albedo"] > 0) & (frame["albedo"] < 1))
    frame.index.name = "time"
    return frame


# ----------------------------------------------------------------------------- online (optional)
def download_pvgis_tmy(latitude: float, longitude: float, folder: Path | str) -> Path:
    """Download PVGIS's typical year for a coordinate into ``folder`` (needs network; optional).

    Writes ``pvgis_tmy_<lat>_<lon>.json`` once and returns its path; read it with
    :func:`read_weather`. The book and the tests never call this function.

    The coordinate must lie in or near Norrbotten (latitude :data:`LATITUDE_RANGE`, longitude
    :data:`LONGITUDE_RANGE`, WGS84 degrees) and ``folder`` must be an existing folder; both are
    checked before any network access. Network and disk errors come back as Swedish ``ValueError``.
    """
    latitude = checks.number(latitude, "latitude", "latitud i grader (WGS84)", *LATITUDE_RANGE, unit="°")
    longitude = checks.number(longitude, "longitude", "longitud i grader (WGS84)", *LONGITUDE_RANGE, unit="°")
    if isinstance(folder, bytes) or not isinstance(folder, (str, os.PathLike)):
        raise checks.WrongType(f"folder (mappen för filen) måste vara en sökväg, fick {checks.show(folder)}.")
    text = os.fspath(folder)
    if not isinstance(text, str) or not text.strip() or "\x00" in text:
        raise ValueError(f"folder (mappen för filen) är ingen giltig sökväg, fick {checks.show(text)}.")
    folder = Path(text)
    path = folder / f"pvgis_tmy_{latitude:.3f}_{longitude:.3f}.json"
    try:
        if not folder.is_dir():
            raise ValueError(f'Mappen "{folder}" finns inte (eller är ingen mapp). Skapa den först.')
        if path.is_file():
            return path
    except OSError as error:
        raise ValueError(f'Mappen "{folder}" går inte att läsa: {os_reason(error)}.') from None
    try:
        response = requests.get(PVGIS_URL + "tmy", params={"lat": latitude, "lon": longitude, "outputformat": "json"},
                                timeout=30)
        body = response.json() if response.status_code == 200 else None
    except (requests.RequestException, ValueError):
        raise ValueError("PVGIS gick inte att nå (ingen nätverksanslutning, eller svaret var inte ett typår). "
                         "Försök igen senare, eller ladda ned typåret på https://re.jrc.ec.europa.eu/pvg_tools/ "
                         "och läs filen med read_weather.") from None
    if body is None:
        raise ValueError(f"PVGIS svarade med felkod {response.status_code} för latitud {latitude:g}, "
                         f"longitud {longitude:g}.")
    temporary = path.with_name(f".stratus-{path.name}.tmp")
    try:
        temporary.write_text(json.dumps(body), encoding="utf-8")
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise ValueError(f'Filen "{path}" kunde inte sparas: {os_reason(error)}.') from None
    return path


def source_note(generated: bool = False) -> str:
    """The source line for tables and charts built on this weather (``generated``: a built typical year)."""
    generated = checks.flag(generated, "generated", "typår byggt av boken")
    return _SOURCE + (_GENERATED if generated else "")
