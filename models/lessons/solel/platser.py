"""The chapter's kommun-named entry points: typical year, prepared site and yield per kommun.

The pure models in :mod:`models.solar` take weather frames and coordinates; this module joins
them to the data: :func:`typical_year` is the real Luleå file for Luleå and the generated year
(:func:`models.solar.typical_year.generate`) for the other 13 kommuner, at the main town's
coordinates (``data/municipalities.csv``) and the altitude from pvlib's bundled elevation map.
Everything is cached on the data version (the weather file and municipalities.csv), so a changed
``STRATUS_DATA_DIR`` never returns stale numbers. Every lesson of the chapter uses these.
"""
from __future__ import annotations

import warnings
from contextlib import contextmanager
from functools import lru_cache

import numpy as np
import pandas as pd
import pvlib

from models import data
from models.common import checks
from models.common.memo import Memo
from models.data import weather as wx
from models.solar import constants as C
from models.solar import pv
from models.solar import typical_year as ty

REFERENCE = "Luleå"


@contextmanager
def quiet():
    """pvlib 0.16.1 uses ``DatetimeIndex.dayofyear``, which pandas 3.1 deprecates: harmless here."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*dayofyear.*")
        yield


def data_key() -> tuple:
    """Cache key of everything computed from the data: the weather file and municipalities.csv."""
    return (wx.version(), data.version("municipalities"))


@lru_cache(maxsize=2)
def _reference(key: tuple) -> tuple[pd.DataFrame, pd.DataFrame, np.ndarray]:
    lulea = wx.lulea()
    site = C.LULEA_SITE
    with quiet():
        sky = ty.clear_sky(lulea.index, site["lat"], site["lon"], site["altitude_m"])
    return lulea, sky, ty.diffuse_calibration(lulea, sky)


def altitude(kommun: str) -> float:
    """Altitude of the main town [m], from pvlib's bundled elevation map (``location.lookup_altitude``), cached."""
    k = data.kommun(kommun)
    if k.name == REFERENCE:
        return float(C.LULEA_SITE["altitude_m"])
    return _altitude(k.lat, k.lon)


@lru_cache(maxsize=64)
def _altitude(lat: float, lon: float) -> float:
    """The map's altitude at a point (the map file is read on every lookup: kept per coordinates)."""
    return float(pvlib.location.lookup_altitude(lat, lon))


def coordinates(kommun: str) -> tuple[float, float, float]:
    """(latitude, longitude, altitude) used for the kommun: Luleå's weather station, else the main town."""
    k = data.kommun(kommun)
    if k.name == REFERENCE:
        return C.LULEA_SITE["lat"], C.LULEA_SITE["lon"], C.LULEA_SITE["altitude_m"]
    return k.lat, k.lon, altitude(k.name)


@lru_cache(maxsize=32)
def _sky(name: str, key: tuple) -> pd.DataFrame:
    """Sun position and clear sky at the kommun's coordinates on the typical year's hours, cached."""
    if name == REFERENCE:
        return _reference(key)[1]
    lat, lon, alt = coordinates(name)
    with quiet():
        return ty.clear_sky(_reference(key)[0].index, lat, lon, alt)


@lru_cache(maxsize=32)
def _generated(name: str, key: tuple) -> pd.DataFrame:
    lulea, ref_sky, calibration = _reference(key)
    if name == REFERENCE:
        return lulea
    return ty.generate(lulea, ref_sky, _sky(name, key), calibration)


def typical_year(kommun: str, generated: bool = False) -> pd.DataFrame:
    """The kommun's typical hourly year (8760 rows, Europe/Stockholm; see :mod:`models.data.weather`).

    ``generated=True`` for Luleå builds Luleå's year with the generator, as if there were no file
    (the validation in the lesson and the tests).
    """
    name = data.kommun_name(kommun)
    if generated and name == REFERENCE:
        return _lulea_generated(data_key()).copy()
    return _generated(name, data_key()).copy()


@lru_cache(maxsize=2)
def _lulea_generated(key: tuple) -> pd.DataFrame:
    lulea, ref_sky, calibration = _reference(key)
    return ty.generate(lulea, ref_sky, ref_sky, calibration)


def is_generated(kommun: str) -> bool:
    """True when the kommun's typical year is built by the generator (all but Luleå)."""
    return data.kommun_name(kommun) != REFERENCE


@lru_cache(maxsize=32)
def _site(name: str, generated: bool, key: tuple) -> pv.Site:
    weather = _lulea_generated(key) if generated else _generated(name, key)
    lat, lon, alt = coordinates(name)
    with quiet():
        return pv.prepare(weather, lat, lon, alt, name=name, sky=_sky(name, key).copy())


def site(kommun: str, weather: pd.DataFrame | None = None, generated: bool = False) -> pv.Site:
    """The kommun's prepared site (weather + sun position), cached; ``weather`` replaces the typical year."""
    name = data.kommun_name(kommun)
    if weather is not None:
        lat, lon, alt = coordinates(name)
        with quiet():
            return pv.prepare(weather, lat, lon, alt, name=name)
    return _site(name, bool(generated and name == REFERENCE), data_key())


def simulate(kommun: str, tilt, azimuth=180, kwp=1.0, snow: bool = True,
             weather: pd.DataFrame | None = None) -> pd.Series:
    """Hourly AC energy [kWh] for a ``kwp`` system in the kommun."""
    return pv.simulate(site(kommun, weather), tilt, azimuth, kwp, snow)


def specific_yield(kommun: str, tilt, azimuth=180, snow: bool = True, weather: pd.DataFrame | None = None) -> float:
    """Annual yield [kWh/kWp·yr] in the kommun."""
    return pv.specific_yield(site(kommun, weather), tilt, azimuth, snow)


#: Hourly AC energy of 1 kWp with snow by (kommun, tilt, azimuth, data version), least recently used out first:
#: 8760 floats (70 kB) each, so the bound (about 77 MB) keeps two full site lists of 500 buildings.
_PRODUCTIONS_SIZE = 1100
_PRODUCTIONS = Memo(_PRODUCTIONS_SIZE)


def productions(kommun: str, orientations) -> list[pd.Series]:
    """Hourly AC energy of 1 kWp [kWh] with snow in the kommun for each (tilt, azimuth), in order, cached.

    Each orientation is simulated once (:func:`models.solar.pv.simulate_many`, the same numbers as
    :func:`simulate`) and kept per orientation, so a changed tilt re-simulates only that orientation.
    """
    name = data.kommun_name(kommun)
    if isinstance(orientations, (str, bytes, dict)) or not hasattr(orientations, "__iter__"):
        raise checks.WrongType(f"orientations måste vara en lista med par (lutning, riktning), "
                               f"fick {checks.show(orientations)}.")
    wanted = []
    for pair in orientations:
        if isinstance(pair, (str, bytes)) or not hasattr(pair, "__len__") or len(pair) != 2:
            raise ValueError(f"orientations: varje riktning måste vara ett par (lutning, riktning), "
                             f"fick {checks.show(pair)}.")
        wanted.append((pv.check_tilt(pair[0]), pv.check_azimuth(pair[1])))
    if len(set(wanted)) > _PRODUCTIONS_SIZE:
        raise ValueError(f"orientations: högst {_PRODUCTIONS_SIZE} olika riktningar, fick {len(set(wanted))}.")
    key = data_key()
    slots = [(name, *orientation, key) for orientation in wanted]
    for slot in slots:          # what is kept and wanted stays while the new ones come in (at most the bound)
        _PRODUCTIONS.touch(slot)
    missing = list(dict.fromkeys(o for o, slot in zip(wanted, slots) if slot not in _PRODUCTIONS))
    site = _site(name, False, key) if missing else None
    for start in range(0, len(missing), pv.MAX_ORIENTATIONS):
        part = missing[start:start + pv.MAX_ORIENTATIONS]
        rows = pv.simulate_many(site, [t for t, _ in part], [a for _, a in part])
        for orientation, row in zip(part, rows):
            _PRODUCTIONS.put((name, *orientation, key), pd.Series(row, index=site.index, name="ac_kwh"))
    out = []
    for slot in slots:
        _PRODUCTIONS.touch(slot)
        out.append(_PRODUCTIONS[slot])
    return out


@lru_cache(maxsize=64)
def _optimal_tilt(name: str, azimuth: float, snow: bool, key: tuple) -> float:
    return pv.optimal_tilt(_site(name, False, key), azimuth, snow)


def optimal_tilt(kommun: str, azimuth=180, snow: bool = True) -> float:
    """The tilt [°] with the highest annual yield in the kommun (1° steps), cached."""
    return _optimal_tilt(data.kommun_name(kommun), pv.check_azimuth(azimuth), bool(snow), data_key())


def kommun_names(kommuner, maximum: int = 4) -> tuple[str, ...]:
    """Distinct kommun names for a chart of a few kommuner (names or SCB codes; one name counts as one)."""
    if isinstance(kommuner, str):
        kommuner = (kommuner,)
    if not isinstance(kommuner, (list, tuple)):
        raise checks.WrongType(f"kommuner måste vara en lista med kommunnamn, fick {checks.show(kommuner)}.")
    maximum = checks.count(maximum, "maximum", "högsta antal kommuner", maximum=len(data.KOMMUNER))
    names = tuple(dict.fromkeys(data.kommun_name(k) for k in kommuner[:maximum + 1]))
    if not names or len(names) > maximum:
        raise ValueError(f"kommuner: ange mellan 1 och {maximum} kommuner, fick {checks.show(kommuner)}.")
    return names


def read_weather(source, filename: str | None = None) -> pd.DataFrame:
    """A learner's EPW or PVGIS typical-year file in the chapter's shape (:func:`models.data.weather.read_weather`)."""
    return wx.read_weather(source, filename)


def source_note(kommun: str | None = None) -> str:
    """Source line for a chart or table of the kommun (or of all kommuner when None)."""
    return wx.source_note(generated=kommun is None or is_generated(kommun))
