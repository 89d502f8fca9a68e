"""The sun's position (NREL SPA as pvlib implements it with NumPy), the time-only part computed once.

``pvlib.solarposition.get_solarposition`` (method ``nrel_numpy``, the default) computes for every
moment the Earth's heliocentric position, the nutation, the sun's apparent right ascension and
declination and the sidereal time – steps that depend on the time alone – and then the
observer's hour angle, parallax, refraction, elevation and azimuth. The chapter asks for the
same hours (the typical year) or the same 10-minute steps (the lesson's sun paths) at 14 places,
so :func:`solar_position` keeps the time-only steps of the last few time indexes and repeats
only the place's steps: the same ``pvlib.spa`` functions with the same arguments in the same
order, so the result is ``get_solarposition``'s, number for number (``tests/solar``). Pure
functions: a time index and a place in, a DataFrame (:func:`solar_position`) or a Series
(:func:`apparent_elevation`) out.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
import pvlib
from pvlib import spa

from models.common import checks

#: ``get_solarposition``'s defaults: air temperature [°C] for refraction, refraction at sunrise
#: and sunset [°], and ΔT = TT − UT1 [s] (pvlib 0.16 ``spa_python``).
TEMPERATURE_C = 12.0
ATMOS_REFRACT_DEG = 0.5667
DELTA_T_S = 67.0
#: Columns of :func:`solar_position` (those of ``get_solarposition``).
COLUMNS = ("apparent_zenith", "zenith", "apparent_elevation", "elevation", "azimuth", "equation_of_time")


def _unixtime(times: pd.DatetimeIndex) -> np.ndarray:
    """Seconds since 1970-01-01 UTC, exactly as pvlib converts a time index."""
    if times.tz is not None:
        epoch = pd.Timestamp("1970-01-01", tz="UTC").tz_convert(times.tz)
    else:
        epoch = pd.Timestamp("1970-01-01")
    return np.array((times - epoch) / pd.Timedelta("1s"))


@lru_cache(maxsize=4)
def _geocentric(unixtime_bytes: bytes) -> dict[str, np.ndarray]:
    """The SPA steps that depend only on the time (``pvlib.spa.solar_position_numpy``, first half)."""
    unixtime = np.frombuffer(unixtime_bytes, dtype=float)
    jd = spa.julian_day(unixtime)
    jde = spa.julian_ephemeris_day(jd, DELTA_T_S)
    jc = spa.julian_century(jd)
    jce = spa.julian_ephemeris_century(jde)
    jme = spa.julian_ephemeris_millennium(jce)
    R = spa.heliocentric_radius_vector(jme)
    L = spa.heliocentric_longitude(jme)
    B = spa.heliocentric_latitude(jme)
    Theta = spa.geocentric_longitude(L)
    beta = spa.geocentric_latitude(B)
    x0 = spa.mean_elongation(jce)
    x1 = spa.mean_anomaly_sun(jce)
    x2 = spa.mean_anomaly_moon(jce)
    x3 = spa.moon_argument_latitude(jce)
    x4 = spa.moon_ascending_longitude(jce)
    l_o_nutation = np.empty((2, len(x0)))
    spa.longitude_obliquity_nutation(jce, x0, x1, x2, x3, x4, l_o_nutation)
    delta_psi = l_o_nutation[0]
    delta_epsilon = l_o_nutation[1]
    epsilon0 = spa.mean_ecliptic_obliquity(jme)
    epsilon = spa.true_ecliptic_obliquity(epsilon0, delta_epsilon)
    delta_tau = spa.aberration_correction(R)
    lamd = spa.apparent_sun_longitude(Theta, delta_psi, delta_tau)
    v0 = spa.mean_sidereal_time(jd, jc)
    v = spa.apparent_sidereal_time(v0, delta_psi, epsilon)
    alpha = spa.geocentric_sun_right_ascension(lamd, epsilon, beta)
    delta = spa.geocentric_sun_declination(lamd, epsilon, beta)
    m = spa.sun_mean_longitude(jme)
    eot = spa.equation_of_time(m, alpha, delta_psi, epsilon)
    xi = spa.equatorial_horizontal_parallax(R)
    return {"v": v, "alpha": alpha, "delta": delta, "eot": eot, "xi": xi}


def solar_position(times: pd.DatetimeIndex, latitude: float, longitude: float, altitude: float = 0.0) -> pd.DataFrame:
    """``pvlib.solarposition.get_solarposition(times, latitude, longitude, altitude)``, faster for a repeated index.

    Columns :data:`COLUMNS` [degrees; equation of time in minutes], indexed like ``times``; the
    pressure is pvlib's standard atmosphere at ``altitude`` (``atmosphere.alt2pres``).
    """
    values = _topocentric(times, latitude, longitude, altitude)
    return pd.DataFrame(dict(zip(COLUMNS, values)), index=times)


def apparent_elevation(times: pd.DatetimeIndex, latitude: float, longitude: float, altitude: float = 0.0) -> pd.Series:
    """The ``apparent_elevation`` column of :func:`solar_position` alone [degrees], number for number (the
    azimuth and zenith steps are skipped: about a third less work for a year of 10-minute steps)."""
    return pd.Series(_topocentric(times, latitude, longitude, altitude, elevation_only=True), index=times,
                     name="apparent_elevation")


def _topocentric(times, latitude, longitude, altitude, elevation_only: bool = False) -> np.ndarray:
    """The place's SPA steps on the kept time-only steps: the :data:`COLUMNS` values (rows), or with
    ``elevation_only`` the apparent elevation alone (the zenith and azimuth steps skipped)."""
    if not isinstance(times, pd.DatetimeIndex):
        raise checks.WrongType(f"times måste vara ett tidsindex (pandas.DatetimeIndex), fick {checks.show(times)}.")
    if times.empty or len(times) > 600_000 or times.hasnans:
        raise ValueError(f"times måste ha mellan 1 och 600 000 tidpunkter utan luckor, fick {len(times)}.")
    lat = checks.number_in_range(latitude, -90, 90, "latitude", "latitud", " grader")
    lon = checks.number_in_range(longitude, -180, 180, "longitude", "longitud", " grader")
    elev = checks.number_in_range(altitude, -500, 9000, "altitude", "höjd över havet", " m")
    pressure = pvlib.atmosphere.alt2pres(elev) / 100      # millibar, as spa_python passes it
    g = _geocentric(np.ascontiguousarray(_unixtime(times), dtype=float).tobytes())
    v, alpha, delta, xi = g["v"], g["alpha"], g["delta"], g["xi"]
    H = spa.local_hour_angle(v, lon, alpha)
    u = spa.uterm(lat)
    x = spa.xterm(u, lat, elev)
    y = spa.yterm(u, lat, elev)
    delta_alpha = spa.parallax_sun_right_ascension(x, xi, H, delta)
    delta_prime = spa.topocentric_sun_declination(delta, x, y, xi, delta_alpha, H)
    H_prime = spa.topocentric_local_hour_angle(H, delta_alpha)
    e0 = spa.topocentric_elevation_angle_without_atmosphere(lat, delta_prime, H_prime)
    delta_e = spa.atmospheric_refraction_correction(pressure, TEMPERATURE_C, e0, ATMOS_REFRACT_DEG)
    e = spa.topocentric_elevation_angle(e0, delta_e)
    if elevation_only:
        return e
    theta = spa.topocentric_zenith_angle(e)
    theta0 = spa.topocentric_zenith_angle(e0)
    gamma = spa.topocentric_astronomers_azimuth(H_prime, delta_prime, lat)
    phi = spa.topocentric_azimuth_angle(gamma)
    return np.array((theta, theta0, e, e0, phi, g["eot"]))
