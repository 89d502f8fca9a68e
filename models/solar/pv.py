"""The PV chain, step by step, as thin vectorised compositions of pvlib functions.

position → plane-of-array irradiance → cell temperature → DC → losses → AC, for one orientation
(:func:`simulate`, :func:`chain`) or for many at once (:func:`orientation_map`: NumPy broadcasting
over tilt × azimuth, no loop over a ModelChain). The weather and the sun's position are prepared
once per place (:func:`prepare`), so a widget that moves a slider only repeats the cheap steps.

Model choices (constants in :mod:`models.solar.constants`, stated in the book):

* sun position: NREL SPA (``solarposition.get_solarposition``); extraterrestrial irradiance
  ``irradiance.get_extra_radiation``;
* plane of array: Hay–Davies sky diffuse (``irradiance.haydavies``), ground reflection with the
  weather file's hourly albedo (``irradiance.get_ground_diffuse``), angle-of-incidence loss on
  the beam with the physical IAM (``iam.physical``), combined by ``irradiance.poa_components``;
* cell temperature: SAPM (``temperature.sapm_cell``), open rack, glass/polymer;
* DC: PVWatts (``pvsystem.pvwatts_dc``) with a temperature coefficient of −0.4 %/°C (assumption);
* losses: ``pvsystem.pvwatts_losses`` defaults (14.08 %) with snow modelled separately
  (:mod:`models.solar.snow`);
* AC: PVWatts inverter (``inverter.pvwatts``), nominal efficiency 0.96, DC/AC ratio 1.

Energies are kWh per hour row; power ratings in kWp.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd
import pvlib

from models.common import checks
from models.solar import constants as C
from models.solar import snow as snow_model
from models.solar.typical_year import check_sky, check_weather, clear_sky

#: Most orientations in one vectorised call (:func:`simulate_many`); 400 × 8760 hours: arrays near 30 MB each.
MAX_ORIENTATIONS = 400


@dataclass(frozen=True, eq=False)
class Site:
    """A place's typical year with the sun's position, prepared once (see :func:`prepare`)."""

    name: str
    latitude: float
    longitude: float
    altitude: float
    weather: pd.DataFrame
    sky: pd.DataFrame          # clear_sky(): zenith, azimuth, clear-sky irradiance, dni_extra, airmass
    snowfall: pd.Series        # cm per hour, from snow depth

    @property
    def index(self) -> pd.DatetimeIndex:
        return self.weather.index


def prepare(weather: pd.DataFrame, latitude: float, longitude: float, altitude: float = 0.0,
            name: str = "", sky: pd.DataFrame | None = None) -> Site:
    """Check the weather and compute the sun's position for it (the expensive, reusable part).

    ``sky``: :func:`~models.solar.typical_year.clear_sky` for the same hours and place, when the
    caller has it already (e.g. from generating the typical year); computed when omitted.
    """
    check_weather(weather)
    name = checks.text(name, "name", "platsens namn", max_length=200)
    if sky is None:
        sky = clear_sky(weather.index, latitude, longitude, altitude)
    else:
        sky = check_sky(sky, weather.index)
    depth = weather["snow_depth"] if "snow_depth" in weather else pd.Series(0.0, index=weather.index)
    return Site(name, float(latitude), float(longitude), float(altitude), weather, sky,
                snow_model.snowfall_from_depth(depth))


def check_site(site) -> Site:
    """Return ``site`` if it is a prepared :class:`Site` (from :func:`prepare`), else raise ``TypeError``."""
    return checks.instance(site, Site, "site", "en förberedd plats från solar.pv.prepare")


def _values(values, name: str, what: str, length: int | None = None, low: float | None = None) -> np.ndarray:
    """Hourly values (a Series or array of finite numbers, optionally ``length`` of them) as floats."""
    if isinstance(values, (str, bytes, dict, pd.DataFrame)) or values is None or isinstance(values, (bool, np.bool_)):
        raise checks.WrongType(f"{name} ({what}) måste vara en serie med tal, fick {checks.show(values)}.")
    try:
        array = np.asarray(values.to_numpy() if isinstance(values, pd.Series) else values, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise checks.WrongType(f"{name} ({what}) måste vara en serie med tal, fick {checks.show(values)}.") from None
    if array.ndim > 2 or array.size == 0:
        raise ValueError(f"{name} ({what}) måste innehålla minst ett timvärde, fick {checks.show(values)}.")
    if length is not None and array.shape[-1] != length:
        raise ValueError(f"{name} ({what}) måste ha {length} timvärden, fick {array.shape[-1]}.")
    if not np.isfinite(array).all() or (np.abs(array) > checks.MAX_MAGNITUDE).any():
        raise ValueError(f"{name} ({what}) måste vara ändliga tal utan luckor.")
    if low is not None and (array < low).any():
        raise ValueError(f"{name} ({what}) får inte vara mindre än {low:g}.")
    return array


def check_tilt(tilt) -> float:
    return checks.number_in_range(tilt, 0, 90, "tilt", "panelernas lutning", " grader (0 = vågrätt, 90 = lodrätt)")


def check_azimuth(azimuth) -> float:
    return checks.number_in_range(azimuth, 0, 360, "azimuth", "riktning", " grader (90 = öster, 180 = söder, "
                                  "270 = väster)")


def check_kwp(kwp) -> float:
    value = checks.positive(kwp, "kwp", "anläggningens toppeffekt i kWp")
    if value > 100_000:
        raise ValueError(f"kwp (anläggningens toppeffekt i kWp) får vara högst 100 000 kWp, fick {value:g}.")
    return value


def _albedo(site: Site) -> np.ndarray:
    if "albedo" in site.weather:
        return site.weather["albedo"].fillna(C.DEFAULT_ALBEDO).to_numpy()
    return np.full(len(site.weather), C.DEFAULT_ALBEDO)


def daylight(site: Site) -> np.ndarray:
    """Hours with any irradiance (the others give no energy whatever the orientation)."""
    w = check_site(site).weather
    return ((w["ghi"] > 0) | (w["dni"] > 0) | (w["dhi"] > 0)).to_numpy()


def poa(site: Site, tilt, azimuth, hours: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Plane-of-array irradiance [W/m²]: ``poa_global``, ``poa_direct``, ``poa_diffuse``, ``aoi``.

    ``tilt`` and ``azimuth`` may be scalars or arrays that broadcast against shape (n, 1): the
    result then has shape (n, hours). ``hours`` (a boolean mask) restricts the calculation to
    those rows, e.g. :func:`daylight`.
    """
    w, sky = check_site(site).weather, site.sky
    if hours is not None:
        hours = np.asarray(hours)
        if hours.dtype != bool or hours.shape != (len(w),):
            raise ValueError(f"hours (timmar att räkna) måste vara en sann/falsk-mask med {len(w)} värden.")
    pick = slice(None) if hours is None else hours
    zenith, sun_az = sky["apparent_zenith"].to_numpy()[pick], sky["azimuth"].to_numpy()[pick]
    tilt, azimuth = _orientation(tilt, 90.0, "tilt", "lutning"), _orientation(azimuth, 360.0, "azimuth", "riktning")
    dni, dhi, ghi = w["dni"].to_numpy()[pick], w["dhi"].to_numpy()[pick], w["ghi"].to_numpy()[pick]
    aoi = pvlib.irradiance.aoi(tilt, azimuth, zenith, sun_az)
    sky_diffuse = pvlib.irradiance.haydavies(tilt, azimuth, dhi, dni, sky["dni_extra"].to_numpy()[pick], zenith,
                                             sun_az)
    ground = pvlib.irradiance.get_ground_diffuse(tilt, ghi, albedo=_albedo(site)[pick])
    parts = pvlib.irradiance.poa_components(aoi, dni, sky_diffuse, ground)
    beam = np.nan_to_num(np.asarray(parts["poa_direct"], dtype=float))
    # the angle-of-incidence loss only where beam light reaches the panel (elsewhere the direct part is 0 anyway)
    lit = beam != 0
    iam = np.zeros(beam.shape)
    iam[lit] = pvlib.iam.physical(np.broadcast_to(aoi, beam.shape)[lit])
    direct = beam * iam
    diffuse = np.nan_to_num(np.asarray(parts["poa_diffuse"], dtype=float))
    return {"poa_global": direct + diffuse, "poa_direct": direct, "poa_diffuse": diffuse,
            "aoi": np.asarray(aoi, dtype=float)}


def _orientation(value, high: float, name: str, what: str) -> np.ndarray:
    """Tilt or azimuth as a float array within 0 … ``high`` degrees (a scalar or an array)."""
    if np.ndim(value) == 0:
        return np.asarray(checks.number_in_range(value, 0, high, name, what, " grader"))
    array = _values(value, name, what)
    if ((array < 0) | (array > high)).any():
        raise ValueError(f"{name} ({what}) måste ligga mellan 0 och {high:g} grader.")
    return array


def cell_temperature(poa_global, temp_air, wind_speed):
    """SAPM cell temperature [°C] (open rack, glass/polymer)."""
    poa_global = _values(poa_global, "poa_global", "instrålning mot panelen i W/m²", low=0.0)
    temp_air = _values(temp_air, "temp_air", "lufttemperatur i °C", low=-100.0)
    wind_speed = _values(wind_speed, "wind_speed", "vindhastighet i m/s", low=0.0)
    _same_hours(poa_global, temp_air, wind_speed)
    p = C.SAPM_TEMPERATURE
    return pvlib.temperature.sapm_cell(poa_global, temp_air, wind_speed, p["a"], p["b"], p["deltaT"])


def _same_hours(*arrays) -> None:
    try:
        np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        raise ValueError(f"Timserierna måste ha lika många värden, fick {[a.shape for a in arrays]}.") from None


def dc_power(poa_global, temp_cell, kwp: float):
    """PVWatts DC power [kW] before system losses."""
    poa_global = _values(poa_global, "poa_global", "instrålning mot panelen i W/m²", low=0.0)
    temp_cell = _values(temp_cell, "temp_cell", "celltemperatur i °C", low=-100.0)
    _same_hours(poa_global, temp_cell)
    kwp = check_kwp(kwp)
    return pvlib.pvsystem.pvwatts_dc(poa_global, temp_cell, kwp, C.GAMMA_PDC_PER_C)


def loss_fraction() -> float:
    """System losses before the inverter as a fraction (pvwatts_losses, snow excluded)."""
    return pvlib.pvsystem.pvwatts_losses(**C.PVWATTS_LOSSES_PCT) / 100.0


def ac_power(dc_after_losses, kwp: float):
    """PVWatts inverter AC power [kW], inverter rated kwp / DC_AC_RATIO."""
    dc_after_losses = _values(dc_after_losses, "dc_after_losses", "likström efter förluster i kW", low=0.0)
    kwp = check_kwp(kwp)
    pdc0 = kwp / C.DC_AC_RATIO / C.ETA_INVERTER
    return np.clip(pvlib.inverter.pvwatts(dc_after_losses, pdc0, C.ETA_INVERTER), 0.0, None)


def snow_loss(site: Site, tilt: float, poa_global) -> np.ndarray:
    """Hourly fraction of DC power lost to snow for one tilt (Marion / NREL model)."""
    w = check_site(site).weather
    tilt = check_tilt(tilt)
    poa_global = _values(poa_global, "poa_global", "instrålning mot panelen i W/m²", length=len(w), low=0.0)
    if poa_global.ndim != 1:
        raise ValueError("poa_global (instrålning mot panelen) måste vara en timserie för en riktning.")
    if "snow_depth" not in w:
        return np.zeros(len(w))
    return _snow_losses(site, [tilt], poa_global[None, :])[0]


def _snow_losses(site: Site, tilts, poa_global: np.ndarray) -> np.ndarray:
    """Hourly DC loss to snow for several tilts at once (row ``i`` of ``poa_global`` at ``tilts[i]``):
    :func:`models.solar.snow.coverage_many` with the site's snowfall events found once per site."""
    w = site.weather
    if "snow_depth" not in w:
        return np.zeros(np.shape(poa_global))
    new, step, temp_air, depth = _snow_inputs(site)
    tilts = np.array(checks.number_list(tilts, "tilts", "lutningar i grader", 0, 90, max_length=MAX_ORIENTATIONS),
                     dtype=float)
    cover = snow_model._coverage_rows(new, step, np.asarray(poa_global, dtype=float), temp_air, tilts, depth)
    return np.asarray(snow_model.dc_loss(cover), dtype=float)


@lru_cache(maxsize=32)
def _snow_inputs(site: Site) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The site's covering snowfalls, time steps, air temperature and snow depth (checked once)."""
    w = site.weather
    snowfall = snow_model._hourly(site.snowfall, "snowfall", "snöfall i cm per timme")
    temp_air = snow_model._hourly(w["temp_air"], "temp_air", "lufttemperatur i °C", index=snowfall.index, low=-100.0)
    depth = snow_model._hourly(w["snow_depth"], "snow_depth", "snödjup i cm", index=snowfall.index, missing=True)
    new, step = snow_model._events(snowfall, depth)
    return new, step, temp_air.to_numpy(), depth.to_numpy()


def chain(site: Site, tilt, azimuth=180.0, kwp=1.0, snow: bool = True) -> pd.DataFrame:
    """Every step of the chain for one orientation, hour by hour.

    Columns: ``poa_global``, ``poa_direct``, ``poa_diffuse`` [W/m²], ``temp_cell`` [°C],
    ``dc_kw`` (before losses), ``snow_loss`` [fraction], ``dc_after_losses_kw``, ``ac_kw`` [kW];
    an hourly row's kW equals its kWh.
    """
    tilt, azimuth, kwp = check_tilt(tilt), check_azimuth(azimuth), check_kwp(kwp)
    snow = checks.flag(snow, "snow", "räkna med snö")
    w = check_site(site).weather
    irr = poa(site, tilt, azimuth)
    temp_cell = np.asarray(cell_temperature(irr["poa_global"], w["temp_air"].to_numpy(), w["wind_speed"].to_numpy()))
    dc = np.asarray(dc_power(irr["poa_global"], temp_cell, kwp), dtype=float)
    lost = snow_loss(site, tilt, irr["poa_global"]) if snow else np.zeros(len(w))
    dc_net = dc * (1.0 - loss_fraction()) * (1.0 - lost)
    ac = ac_power(dc_net, kwp)
    return pd.DataFrame({"poa_global": irr["poa_global"], "poa_direct": irr["poa_direct"],
                         "poa_diffuse": irr["poa_diffuse"], "temp_cell": temp_cell, "dc_kw": dc,
                         "snow_loss": lost, "dc_after_losses_kw": dc_net, "ac_kw": np.asarray(ac, dtype=float)},
                        index=w.index)


def chain_pair(site: Site, tilt, azimuth=180.0, kwp=1.0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """:func:`chain` with and without snow, sharing every step before the snow loss.

    The same numbers as ``chain(..., snow=True)`` and ``chain(..., snow=False)`` for about half
    the work (the plane of array, cell temperature and DC are computed once).
    """
    with_snow = chain(site, tilt, azimuth, kwp, True)
    kwp = check_kwp(kwp)
    dc_net = with_snow["dc_kw"].to_numpy() * (1.0 - loss_fraction())
    without = with_snow.assign(snow_loss=0.0, dc_after_losses_kw=dc_net,
                               ac_kw=np.asarray(ac_power(dc_net, kwp), dtype=float))
    return with_snow, without


def simulate(site: Site, tilt, azimuth=180.0, kwp=1.0, snow: bool = True) -> pd.Series:
    """Hourly AC energy [kWh] of a ``kwp`` system at ``tilt`` [°] and ``azimuth`` [° from north]."""
    return chain(site, tilt, azimuth, kwp, snow)["ac_kw"].rename("ac_kwh")


def simulate_many(site: Site, tilts, azimuths, snow: bool = True) -> np.ndarray:
    """Hourly AC energy [kWh] of 1 kWp for several orientations at once: row ``i`` at ``tilts[i]``, ``azimuths[i]``.

    Each row is :func:`simulate` (``kwp=1``) for its orientation, number for number (the same steps,
    vectorised over orientations: each orientation's own snow loss). Returns an array (orientations × hours).
    """
    w = check_site(site).weather
    snow = checks.flag(snow, "snow", "räkna med snö")
    tilts = np.array(checks.number_list(tilts, "tilts", "lutningar i grader", 0, 90, max_length=MAX_ORIENTATIONS),
                     dtype=float)
    azimuths = np.array(checks.number_list(azimuths, "azimuths", "riktningar i grader", 0, 360,
                                           max_length=MAX_ORIENTATIONS), dtype=float)
    if len(tilts) != len(azimuths) or not len(tilts):
        raise ValueError(f"tilts och azimuths måste ha lika många värden (minst ett), fick {len(tilts)} och "
                         f"{len(azimuths)}.")
    # no light (ghi = dni = dhi = 0) gives exactly 0 W/m² and 0 kWh, as orientation_map uses: the chain runs on
    # the daylight hours only (the snow model on every hour)
    hours = daylight(site)
    irr = np.zeros((len(tilts), len(w)))
    lit = poa(site, tilts[:, None], azimuths[:, None], hours)["poa_global"]
    irr[:, hours] = lit
    temp_cell = cell_temperature(lit, w["temp_air"].to_numpy()[hours][None, :],
                                 w["wind_speed"].to_numpy()[hours][None, :])
    dc = np.asarray(dc_power(lit, temp_cell, 1.0), dtype=float)
    lost = _snow_losses(site, tilts, irr)[:, hours] if snow and "snow_depth" in w else np.zeros(lit.shape)
    out = np.zeros(irr.shape)
    out[:, hours] = np.asarray(ac_power(dc * (1.0 - loss_fraction()) * (1.0 - lost), 1.0), dtype=float)
    return out


def specific_yield(site: Site, tilt, azimuth=180.0, snow: bool = True) -> float:
    """Annual AC energy per installed kWp [kWh/kWp·yr]."""
    return float(simulate(site, tilt, azimuth, 1.0, snow).sum())


def monthly_yield(site: Site, tilt, azimuth=180.0, snow: bool = True) -> pd.Series:
    """Monthly AC energy per kWp [kWh/kWp], index 1–12."""
    ac = simulate(site, tilt, azimuth, 1.0, snow)
    return ac.groupby(ac.index.month).sum().rename("yield_kwh_per_kwp")


def orientation_map(site: Site, tilts, azimuths, snow: bool = True) -> pd.DataFrame:
    """Annual yield [kWh/kWp] for every tilt × azimuth, vectorised over orientations.

    Snow losses are computed once per tilt with the plane-of-array irradiance of the south-facing
    panel of that tilt (the snow model's sliding term depends on it); an approximation for other
    azimuths, stated in the book. Returns a long table: ``tilt``, ``azimuth``, ``yield_kwh_per_kwp``.
    """
    check_site(site)
    snow = checks.flag(snow, "snow", "räkna med snö")
    tilts = np.array(checks.number_list(tilts, "tilts", "lutningar i grader", 0, 90, max_length=181), dtype=float)
    azimuths = np.array(checks.number_list(azimuths, "azimuths", "riktningar i grader", 0, 360, max_length=361),
                        dtype=float)
    if len(tilts) * len(azimuths) > 2000:
        raise ValueError(f"orientation_map: för många riktningar ({len(tilts)} lutningar × {len(azimuths)} riktningar); "
                         "högst 2000 kombinationer.")
    tt, aa = np.meshgrid(tilts, azimuths, indexing="ij")
    tt, aa = tt.ravel()[:, None], aa.ravel()[:, None]
    w = site.weather
    hours = daylight(site)
    south = None
    if snow:   # the snow model's irradiance, every hour; no light (ghi = dni = dhi = 0) gives exactly 0 W/m²
        south = np.zeros((len(tilts), len(w)))
        south[:, hours] = poa(site, tilts[:, None], 180.0, hours)["poa_global"]
    if south is not None and (azimuths == 180.0).all():     # e.g. optimal_tilt: the same irradiance
        irr = np.repeat(south[:, hours], len(azimuths), axis=0)
    else:
        irr = poa(site, tt, aa, hours)["poa_global"]
    temp_cell = cell_temperature(irr, w["temp_air"].to_numpy()[hours][None, :],
                                 w["wind_speed"].to_numpy()[hours][None, :])
    dc = np.asarray(dc_power(irr, temp_cell, 1.0), dtype=float) * (1.0 - loss_fraction())
    if snow:
        per_tilt = _snow_losses(site, tilts, south)[:, hours]
        dc = dc * (1.0 - np.repeat(per_tilt, len(azimuths), axis=0))
    ac = ac_power(dc, 1.0)
    return pd.DataFrame({"tilt": tt.ravel(), "azimuth": aa.ravel(), "yield_kwh_per_kwp": ac.sum(axis=1)})


def optimal_tilt(site: Site, azimuth=180.0, snow: bool = True, step: float = 1.0) -> float:
    """The tilt [°] with the highest annual yield at ``azimuth``, to ``step`` degrees.

    Searched on a 5° grid over 0–90°, then in ``step`` degrees within ±5° of the best grid value.
    With snow the yield is not smooth in tilt (the snow model clears the panel in whole hours),
    so the optimum can sit at a step of the snow model.
    """
    step = checks.number_in_range(step, 0.1, 5, "step", "steg för lutningen", " grader")
    azimuth = [check_azimuth(azimuth)]
    coarse = orientation_map(site, np.arange(0.0, 90.1, 5.0), azimuth, snow=snow)
    centre = float(coarse.loc[coarse["yield_kwh_per_kwp"].idxmax(), "tilt"])
    fine = np.arange(max(0.0, centre - 5.0), min(90.0, centre + 5.0) + 1e-9, step)
    grid = orientation_map(site, fine, azimuth, snow=snow)
    return float(grid.loc[grid["yield_kwh_per_kwp"].idxmax(), "tilt"])
