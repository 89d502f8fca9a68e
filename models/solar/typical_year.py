"""A typical hourly year for any place in Norrbotten, built from the Luleå typical year.

Only Luleå has a real hourly typical-year file (Climate.OneBuilding.org TMYx 2009–2023). For the
other kommuner the chapter builds one with pvlib [C]:

1. the sun's position and the clear-sky irradiance at the place: ``solarposition`` (NREL SPA)
   and ``clearsky.ineichen`` with the Linke turbidity climatology pvlib ships
   (``clearsky.lookup_linke_turbidity``);
2. Luleå's **clear-sky index** hour by hour (measured GHI ÷ Luleå's own clear-sky GHI), so a
   clear day in Luleå is a clear day at the place and an overcast day stays overcast: months mix
   clear and cloudy days as real months do, instead of one factor that makes every hour half
   cloudy. Where the sun is low (clear-sky GHI below
   :data:`~models.solar.constants.LOW_SUN_CLEARSKY_W_M2` at either place) the day's index is used;
3. a **decomposition** of GHI into direct and diffuse light (Erbs, ``irradiance.erbs``) with one
   correction factor per month so that the decomposition reproduces the Luleå file's monthly
   **diffuse share** when it is applied to Luleå (:func:`diffuse_calibration`);
4. temperature, wind, humidity, snow depth and albedo hour by hour from the Luleå file.

Limits, stated in the book: every kommun borrows Luleå's cloudiness, temperature and snow
(inland winters are colder, the mountains snowier); the polar night in the north comes from the
geometry alone. Pure functions: weather DataFrames in, DataFrames out; no file reading.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
import pvlib

from models.common import checks
from models.solar import constants as C
from models.solar.sun_position import solar_position

#: Columns of every weather frame in the chapter (W/m², °C, m/s, %, cm, –).
COLUMNS = ("ghi", "dni", "dhi", "temp_air", "wind_speed", "relative_humidity", "snow_depth", "albedo")
REQUIRED = ("ghi", "dni", "dhi", "temp_air", "wind_speed")
MIN_COS_ZENITH = 0.065  # pvlib's decomposition default
#: Columns of a :func:`clear_sky` frame.
SKY_COLUMNS = ("apparent_zenith", "zenith", "azimuth", "ghi_clear", "dni_clear", "dhi_clear", "dni_extra", "airmass")


def check_weather(weather: pd.DataFrame, name: str = "weather") -> pd.DataFrame:
    """Return ``weather`` if it is an hourly typical year in the chapter's shape, else raise."""
    checks.table_with_columns(weather, REQUIRED, name)
    if len(weather) != C.HOURS_PER_YEAR:
        raise ValueError(f"{name} måste ha {C.HOURS_PER_YEAR} timvärden (ett helt år utan skottdag), "
                         f"fick {len(weather)} rader.")
    if not isinstance(weather.index, pd.DatetimeIndex) or weather.index.tz is None:
        raise ValueError(f"{name} måste ha ett tidsindex med tidszon (t.ex. {C.TZ}).")
    try:
        values = weather[list(REQUIRED)].to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError):
        raise ValueError(f"{name}: kolumnerna {list(REQUIRED)} får bara innehålla tal.") from None
    if not np.isfinite(values).all():
        raise ValueError(f"{name} har tomma eller ogiltiga värden i någon av kolumnerna {list(REQUIRED)}.")
    if (values[:, :3] < 0).any():
        raise ValueError(f"{name}: instrålningen (ghi, dni, dhi) får inte vara negativ.")
    if (np.abs(values) > 1e4).any():
        raise ValueError(f"{name} har orimliga värden (över 10 000) i någon av kolumnerna {list(REQUIRED)}.")
    for column in COLUMNS[len(REQUIRED):]:
        if column in weather:
            try:
                extra = weather[column].to_numpy(dtype=float, na_value=np.nan)
            except (TypeError, ValueError):
                raise ValueError(f"{name}: kolumnen {column} måste innehålla tal.") from None
            if not np.isfinite(extra[~np.isnan(extra)]).all() or (extra < 0).any() or (extra > 1e4).any():
                raise ValueError(f"{name}: kolumnen {column} har ogiltiga värden (negativa, oändliga eller orimliga).")
    return weather


def check_index(index, name: str = "index") -> pd.DatetimeIndex:
    """Return ``index`` if it is an hourly-year time index with time zone (1–8784 rows), else raise."""
    if not isinstance(index, pd.DatetimeIndex):
        raise checks.WrongType(f"{name} måste vara ett tidsindex (pandas.DatetimeIndex), fick {checks.show(index)}.")
    if index.empty or len(index) > 8784:
        raise ValueError(f"{name} måste ha mellan 1 och 8784 timmar (högst ett år), fick {len(index)}.")
    if index.tz is None:
        raise ValueError(f"{name} måste ha ett tidsindex med tidszon (t.ex. {C.TZ}).")
    if index.hasnans:
        raise ValueError(f"{name} har tomma tidpunkter.")
    return index


def check_sky(sky, index: pd.DatetimeIndex, name: str = "sky") -> pd.DataFrame:
    """Return ``sky`` if it is a :func:`clear_sky` frame on ``index``, else raise."""
    index = check_index(index)
    checks.table_with_columns(sky, SKY_COLUMNS, name)
    if not sky.index.equals(index):
        raise ValueError(f"{name} måste ha samma tidsindex som vädret ({len(index)} timmar).")
    values = sky[list(SKY_COLUMNS)].to_numpy(dtype=float, na_value=np.nan) if all(
        pd.api.types.is_numeric_dtype(sky[c]) for c in SKY_COLUMNS) else None
    if values is None or not np.isfinite(values).all():
        raise ValueError(f"{name} har tomma eller ogiltiga värden: använd solar.typical_year.clear_sky.")
    return sky


def _hourly_series(values, index: pd.DatetimeIndex, name: str, what: str) -> pd.Series:
    """A Series of finite numbers ≥ 0 on ``index``, else raise."""
    if not isinstance(values, pd.Series):
        raise checks.WrongType(f"{name} ({what}) måste vara en pandas.Series, fick {checks.show(values)}.")
    if not values.index.equals(index):
        raise ValueError(f"{name} ({what}) måste ha samma {len(index)} timmar som de andra timserierna, fick "
                         f"{len(values)}.")
    x = checks.series(values, name, what, kind="non_negative", years=False)
    x.index = index
    return x


def _location(latitude, longitude) -> tuple[float, float]:
    lat = checks.number_in_range(latitude, -90, 90, "latitude", "latitud", " grader")
    lon = checks.number_in_range(longitude, -180, 180, "longitude", "longitud", " grader")
    return lat, lon


def sun_times(index: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """The moments the sun's position is computed for each weather row (label + SUN_TIME_OFFSET_MIN)."""
    return check_index(index) + pd.Timedelta(minutes=C.SUN_TIME_OFFSET_MIN)


def clear_sky(index: pd.DatetimeIndex, latitude: float, longitude: float, altitude: float = 0.0) -> pd.DataFrame:
    """Sun position and Ineichen clear-sky irradiance for each hourly row (see :func:`sun_times`).

    Returns columns ``apparent_zenith``, ``zenith``, ``azimuth`` [degrees], ``ghi_clear``,
    ``dni_clear``, ``dhi_clear`` [W/m²], ``dni_extra`` [W/m²] and ``airmass`` (absolute), indexed
    like ``index``. pvlib ``solarposition.get_solarposition`` (computed by
    :func:`~models.solar.sun_position.solar_position`, the same numbers), ``clearsky.lookup_linke_turbidity``
    (monthly climatology, interpolated), ``atmosphere.get_relative_airmass`` (Kasten & Young 1989)
    and ``clearsky.ineichen`` [C].
    """
    lat, lon = _location(latitude, longitude)
    alt = checks.number_in_range(altitude, -500, 9000, "altitude", "höjd över havet", " m")
    index = check_index(index)
    times = sun_times(index)
    solpos = solar_position(times, lat, lon, alt)     # = pvlib get_solarposition, time-only steps reused
    linke = pvlib.clearsky.lookup_linke_turbidity(times, lat, lon)
    airmass_rel = pvlib.atmosphere.get_relative_airmass(solpos["apparent_zenith"].to_numpy())
    pressure = pvlib.atmosphere.alt2pres(alt)
    airmass = pvlib.atmosphere.get_absolute_airmass(airmass_rel, pressure)
    dni_extra = np.asarray(pvlib.irradiance.get_extra_radiation(times.day_of_year.to_numpy()), dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):  # night hours: airmass is NaN
        cs = pvlib.clearsky.ineichen(solpos["apparent_zenith"].to_numpy(), airmass, linke.to_numpy(), altitude=alt,
                                     dni_extra=dni_extra)
    out = pd.DataFrame({
        "apparent_zenith": solpos["apparent_zenith"].to_numpy(), "zenith": solpos["zenith"].to_numpy(),
        "azimuth": solpos["azimuth"].to_numpy(),
        "ghi_clear": np.nan_to_num(np.asarray(cs["ghi"], dtype=float)),
        "dni_clear": np.nan_to_num(np.asarray(cs["dni"], dtype=float)),
        "dhi_clear": np.nan_to_num(np.asarray(cs["dhi"], dtype=float)),
        "dni_extra": dni_extra, "airmass": np.nan_to_num(np.asarray(airmass, dtype=float), nan=0.0),
    }, index=index)
    return out


def clearsky_index(ghi: pd.Series, ghi_clear: pd.Series) -> pd.Series:
    """Hourly clear-sky index GHI ÷ clear-sky GHI, with the day's index in low-sun hours.

    The day's index is the day's GHI sum over its clear-sky sum (the month's where a day has no
    clear-sky light). Values are clipped to ``0 … MAX_CLEARSKY_INDEX``.
    """
    if isinstance(ghi, pd.Series):
        check_index(ghi.index, "ghi.index")
    ghi = _hourly_series(ghi, ghi.index if isinstance(ghi, pd.Series) else None, "ghi", "globalstrålning i W/m²")
    ghi_clear = _hourly_series(ghi_clear, ghi.index, "ghi_clear", "globalstrålning vid klar himmel i W/m²")
    return _clearsky_index(ghi, ghi_clear)


def _clearsky_index(ghi: pd.Series, ghi_clear: pd.Series) -> pd.Series:
    """:func:`clearsky_index` for series already checked (the generator's own weather and sky)."""
    values, clear = ghi.to_numpy(dtype=float), ghi_clear.to_numpy(dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        hourly = values / np.where(clear >= C.LOW_SUN_CLEARSKY_W_M2, clear, np.nan)
    daily = _day_index(values, clear, ghi.index)
    return pd.Series(np.clip(np.where(np.isnan(hourly), daily, hourly), 0.0, C.MAX_CLEARSKY_INDEX), index=ghi.index)


def _total(values: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Each row's group sum (NaN as 0), as ``groupby(groups).transform("sum")``, by ``np.bincount`` (ten times
    faster: the generator runs for every kommun an explorer shows)."""
    return np.bincount(groups, weights=np.nan_to_num(values, nan=0.0))[groups]


def _ratio(numerator: np.ndarray, denominator: np.ndarray) -> np.ndarray:
    """numerator ÷ denominator, NaN where the denominator is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return numerator / np.where(denominator == 0, np.nan, denominator)


def _day_codes(index: pd.DatetimeIndex) -> np.ndarray:
    """Each row's local calendar day as 0, 1, 2 … in order of appearance: ``pd.factorize(index.normalize())[0]``,
    from the local wall-clock days instead (a third of the time: no time-zone arithmetic per row)."""
    local = index.tz_localize(None) if index.tz is not None else index
    per_day = np.timedelta64(1, "D").astype(f"timedelta64[{local.unit}]").astype(np.int64)
    return pd.factorize(local.asi8 // per_day)[0]


def _day_index(ghi: np.ndarray, ghi_clear: np.ndarray, index: pd.DatetimeIndex) -> np.ndarray:
    """Each hour's day clear-sky index: the day's GHI sum ÷ its clear-sky sum, the month's where the day has no
    clear-sky light (0 where neither has), clipped to ``0 … MAX_CLEARSKY_INDEX``."""
    day, month = _day_codes(index), index.month.to_numpy()
    day_index = _ratio(_total(ghi, day), _total(ghi_clear, day))
    month_index = _ratio(_total(ghi, month), _total(ghi_clear, month))
    return np.clip(np.nan_to_num(np.where(np.isnan(day_index), month_index, day_index), nan=0.0),
                   0.0, C.MAX_CLEARSKY_INDEX)


def _decompose(ghi: np.ndarray, zenith: np.ndarray, dni_extra: np.ndarray, index, factor: np.ndarray):
    """Erbs diffuse fraction × monthly factor; DNI by closure. Returns (dni, dhi)."""
    erbs = pvlib.irradiance.erbs(ghi, zenith, index.day_of_year.to_numpy())
    dhi = np.minimum(np.asarray(erbs["dhi"], dtype=float) * factor, ghi)
    cos_z = np.cos(np.radians(zenith))
    ok = cos_z > MIN_COS_ZENITH
    dni = np.where(ok, (ghi - dhi) / np.where(ok, cos_z, 1.0), 0.0)
    dhi = np.where(ok, dhi, ghi)
    return np.clip(dni, 0.0, None), np.clip(dhi, 0.0, None)


def _transfer(reference: pd.DataFrame, ref_sky: pd.DataFrame, sky: pd.DataFrame) -> np.ndarray:
    """GHI at the target: its clear sky × the reference's clear-sky index, hour by hour.

    The reference's hourly index where the sun is up at both places, else its day index (:func:`_day_index`);
    each day then scaled to keep its total: the place's clear-sky day × the reference day's index."""
    low = C.LOW_SUN_CLEARSKY_W_M2
    ghi = reference["ghi"].to_numpy(dtype=float)
    ref_clear = ref_sky["ghi_clear"].to_numpy(dtype=float)
    clear = sky["ghi_clear"].to_numpy(dtype=float)
    daily = _day_index(ghi, ref_clear, reference.index)
    both_up = (ref_clear >= low) & (clear >= low)
    kc = np.where(both_up, ghi / np.where(both_up, ref_clear, 1.0), daily)
    raw = clear * np.clip(kc, 0.0, C.MAX_CLEARSKY_INDEX)
    day = _day_codes(reference.index)
    scale = np.nan_to_num(_ratio(_total(clear, day) * daily, _total(raw, day)), nan=0.0)
    return raw * scale


def diffuse_calibration(reference: pd.DataFrame, ref_sky: pd.DataFrame) -> np.ndarray:
    """Twelve monthly factors that make Erbs reproduce the reference file's diffuse share.

    factor[m] = (the file's DHI sum in month m) ÷ (Erbs' DHI sum for the file's own GHI in month m).
    """
    check_weather(reference, "reference")
    check_sky(ref_sky, reference.index, "ref_sky")
    ghi = reference["ghi"].to_numpy(dtype=float)
    dni_e, dhi_e = _decompose(ghi, ref_sky["zenith"].to_numpy(), ref_sky["dni_extra"].to_numpy(), reference.index,
                              np.ones(len(ghi)))
    month = reference.index.month
    real = reference["dhi"].groupby(month).sum()
    model = pd.Series(dhi_e, index=reference.index).groupby(month).sum()
    factor = (real / model.replace(0, np.nan)).reindex(range(1, 13)).fillna(1.0)
    return factor.to_numpy()


def generate(reference: pd.DataFrame, ref_sky: pd.DataFrame, sky: pd.DataFrame,
             calibration: np.ndarray | None = None) -> pd.DataFrame:
    """Build the typical year at the place of ``sky`` from the reference year.

    Parameters
    ----------
    reference : DataFrame
        The reference typical year (Luleå): 8760 hourly rows, columns of :data:`COLUMNS`.
    ref_sky, sky : DataFrame
        :func:`clear_sky` for the reference site and for the place, on the same index.
    calibration : array of 12, optional
        Monthly diffuse factors (:func:`diffuse_calibration`); computed when omitted.

    Returns
    -------
    DataFrame
        8760 rows, tz-aware, columns :data:`COLUMNS`: ``ghi, dni, dhi`` [W/m²], ``temp_air`` [°C],
        ``wind_speed`` [m/s], ``relative_humidity`` [%], ``snow_depth`` [cm], ``albedo`` [–].
    """
    check_weather(reference, "reference")
    check_sky(ref_sky, reference.index, "ref_sky")
    check_sky(sky, reference.index, "sky")
    if calibration is None:
        calibration = diffuse_calibration(reference, ref_sky)
    calibration = checks.number_list(calibration, "calibration", "tolv månadsfaktorer för diffus andel", 0.0, 10.0,
                                     max_length=12)
    if len(calibration) != 12:
        raise ValueError(f"calibration (månadsfaktorer för diffus andel) måste ha 12 värden, fick {len(calibration)}.")
    ghi = _transfer(reference, ref_sky, sky)
    factor = np.asarray(calibration, dtype=float)[reference.index.month.to_numpy() - 1]
    dni, dhi = _decompose(ghi, sky["zenith"].to_numpy(), sky["dni_extra"].to_numpy(), reference.index, factor)
    out = pd.DataFrame({"ghi": ghi, "dni": dni, "dhi": dhi}, index=reference.index)
    for column in COLUMNS[3:]:
        if column in reference:
            out[column] = reference[column].to_numpy()
    if "albedo" not in out:
        out["albedo"] = C.DEFAULT_ALBEDO
    return out


def monthly_statistics(weather: pd.DataFrame) -> pd.DataFrame:
    """Monthly GHI, DNI, DHI [kWh/m²], diffuse share, mean temperature [°C] and snow days.

    Radiation: monthly sums of hourly means ÷ 1000. Snow days: days with snow depth ≥ 1 cm at
    the day's maximum (as in the reference pack's table for Luleå). Months and days are counted
    in standard time (UTC+1), as in the weather file.
    """
    check_weather(weather)
    standard = weather.index.tz_convert(C.STANDARD_TZ)
    month = standard.month
    sums = weather[["ghi", "dni", "dhi"]].groupby(month).sum() / 1000.0
    out = sums.rename(columns={"ghi": "ghi_kwh_m2", "dni": "dni_kwh_m2", "dhi": "dhi_kwh_m2"})
    out["diffuse_fraction"] = out["dhi_kwh_m2"] / out["ghi_kwh_m2"].replace(0, np.nan)
    out["temp_mean_c"] = weather["temp_air"].groupby(month).mean()
    if "snow_depth" in weather:
        daily = weather["snow_depth"].groupby(standard.normalize()).max()
        out["snow_days"] = (daily >= 1.0).groupby(daily.index.month).sum().astype(int)
    out.index.name = "month"
    return out
