"""Snow on the panels: pvlib's snow models with the inputs a typical-year file can give.

* :func:`snowfall_from_depth` – an EPW file has snow depth but **no snowfall**; the chapter
  takes each day's rise of the daily maximum snow depth as that day's snowfall (a lower bound:
  settling and melt hide part of the snowfall) and places it in the first hour of the day (days
  in standard time, as in the file);
* :func:`coverage` – Marion et al. (2013) as ``pvlib.snow.coverage_nrel`` [C]: panels are fully
  covered after a snowfall of at least 1 cm per time step, stay covered while the ground snow is
  at least 1 cm deep, and shed snow in steps when it can slide (warm enough for the plane-of-array
  irradiance and tilt);
* :func:`dc_loss` – the share of DC power lost, ``pvlib.snow.dc_loss_nrel`` (Ryberg & Freeman 2017).
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pvlib

from models.common import checks
from models.solar import constants as C
from models.solar.typical_year import check_index


def snowfall_from_depth(snow_depth: pd.Series) -> pd.Series:
    """Hourly snowfall [cm] derived from hourly snow depth [cm] (see the module docstring).

    Empty hours count as no snow (0 cm), as in the weather file; text, negative or infinite depths raise.
    """
    depth = _hourly(snow_depth, "snow_depth", "snödjup i cm", missing=True)
    index = depth.index
    day = (index.tz_convert(C.STANDARD_TZ) if index.tz is not None else index).normalize()
    daily_max = depth.groupby(day).max()
    rise = daily_max.diff().clip(lower=0.0).fillna(0.0)
    first_hour = ~pd.Index(day).duplicated()
    out = np.zeros(len(depth))
    out[first_hour] = rise.reindex(day[first_hour]).to_numpy()
    return pd.Series(out, index=depth.index, name="snowfall_cm")


def coverage(snowfall: pd.Series, poa_global: pd.Series, temp_air: pd.Series, tilt: float,
             snow_depth: pd.Series | None = None) -> pd.Series:
    """Fraction of the panel's slant height covered by snow, per hour (Marion et al. 2013)."""
    snowfall = _hourly(snowfall, "snowfall", "snöfall i cm per timme")
    index = snowfall.index
    poa_global = _hourly(poa_global, "poa_global", "instrålning mot panelen i W/m²", index=index)
    temp_air = _hourly(temp_air, "temp_air", "lufttemperatur i °C", index=index, low=-100.0)
    tilt = checks.number_in_range(tilt, 0, 90, "tilt", "panelernas lutning", " grader")
    if snow_depth is not None:
        snow_depth = _hourly(snow_depth, "snow_depth", "snödjup i cm", index=index, missing=True)
    if index.tz is not None:  # the model needs only the time steps; naive UTC is ~10× faster in pandas
        plain = index.tz_convert("UTC").tz_localize(None)
        snowfall, poa_global, temp_air = (pd.Series(np.asarray(x, dtype=float), index=plain)
                                          for x in (snowfall, poa_global, temp_air))
        if snow_depth is not None:
            snow_depth = pd.Series(np.asarray(snow_depth, dtype=float), index=plain)
    with warnings.catch_warnings():
        # pvlib 0.16.1 calls pandas.infer_freq, whose return type pandas 3.1 announces will change
        warnings.filterwarnings("ignore", message=".*infer_freq.*")
        cover = pvlib.snow.coverage_nrel(snowfall, poa_global, temp_air, tilt, snow_depth=snow_depth,
                                        threshold_snowfall=C.SNOW_THRESHOLD_SNOWFALL_CM,
                                        threshold_depth=C.SNOW_THRESHOLD_DEPTH_CM,
                                        can_slide_coefficient=C.SNOW_CAN_SLIDE_COEFFICIENT,
                                        slide_amount_coefficient=C.SNOW_SLIDE_AMOUNT)
    return pd.Series(cover.to_numpy(), index=index, name="snow_coverage")


def coverage_many(snowfall: pd.Series, poa_global, temp_air: pd.Series, tilts,
                  snow_depth: pd.Series | None = None) -> np.ndarray:
    """:func:`coverage` for several tilts at once: row ``i`` of ``poa_global`` belongs to ``tilts[i]``.

    Returns an array (tilts × hours). The same arithmetic as ``pvlib.snow.coverage_nrel``, step
    by step (the periods between snowfalls are summed with pandas' compensated cumulative sum,
    as pvlib's ``groupby().cumsum()`` does), so each row equals :func:`coverage` for its tilt; the
    hours of snowfall and the time steps, which do not depend on the tilt, are found once.
    """
    snowfall = _hourly(snowfall, "snowfall", "snöfall i cm per timme")
    index = snowfall.index
    temp_air = _hourly(temp_air, "temp_air", "lufttemperatur i °C", index=index, low=-100.0)
    if snow_depth is not None:
        snow_depth = _hourly(snow_depth, "snow_depth", "snödjup i cm", index=index, missing=True)
    tilts = np.array(checks.number_list(tilts, "tilts", "panelernas lutningar i grader", 0, 90, max_length=400),
                     dtype=float)
    if isinstance(poa_global, (str, bytes, dict, pd.DataFrame)) or poa_global is None:
        raise checks.WrongType(f"poa_global (instrålning mot panelen i W/m²) måste vara tal, fick {checks.show(poa_global)}.")
    try:
        poa = np.asarray(poa_global, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise checks.WrongType(f"poa_global (instrålning mot panelen i W/m²) måste vara tal, fick "
                               f"{checks.show(poa_global)}.") from None
    if poa.shape != (len(tilts), len(index)):
        raise ValueError(f"poa_global (instrålning mot panelen i W/m²) måste ha en rad med {len(index)} timvärden per "
                         f"lutning ({len(tilts)} rader), fick formen {poa.shape}.")
    if not np.isfinite(poa).all() or (poa < 0).any() or (poa > 1e4).any():
        raise ValueError("poa_global (instrålning mot panelen i W/m²) måste vara tal mellan 0 och 10 000 utan luckor.")
    new, step = _events(snowfall, snow_depth)
    return _coverage_rows(new, step, poa, temp_air.to_numpy(), tilts,
                          None if snow_depth is None else snow_depth.to_numpy())


def _events(snowfall: pd.Series, snow_depth: pd.Series | None) -> tuple[np.ndarray, np.ndarray]:
    """The tilt-independent part of the model for checked series: the hours that cover the panel
    (``pvlib.snow.fully_covered_nrel``) and the hours since the previous row."""
    index = snowfall.index
    plain = index.tz_convert("UTC").tz_localize(None) if index.tz is not None else index
    fall = pd.Series(snowfall.to_numpy(dtype=float), index=plain)
    depth = None if snow_depth is None else pd.Series(snow_depth.to_numpy(dtype=float), index=plain)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*infer_freq.*")   # see coverage()
        new = pvlib.snow.fully_covered_nrel(fall, depth, C.SNOW_THRESHOLD_SNOWFALL_CM,
                                            C.SNOW_THRESHOLD_DEPTH_CM).to_numpy(dtype=bool)
    return new, _hours_between(plain)


def _hours_between(index: pd.DatetimeIndex) -> np.ndarray:
    """Hours since the previous row (NaN for the first), as pvlib's snow model computes them."""
    return index.to_series().diff().dt.total_seconds().div(3600).to_numpy()


def _coverage_rows(new: np.ndarray, step: np.ndarray, poa: np.ndarray, temp_air: np.ndarray, tilts: np.ndarray,
                   depth: np.ndarray | None) -> np.ndarray:
    """``pvlib.snow.coverage_nrel`` (initial coverage 0) for rows of irradiance, one per tilt."""
    slide = (C.SNOW_SLIDE_AMOUNT * pvlib.tools.sind(tilts))[:, None] * step[None, :]
    slide[~(temp_air[None, :] > poa / C.SNOW_CAN_SLIDE_COEFFICIENT)] = 0.0
    slide[:, new] = 0.0
    slide[:, 0] = 0.0
    if depth is not None:
        slide[:, depth < C.SNOW_THRESHOLD_DEPTH_CM] = 1.0
    period = np.cumsum(new)
    sliding = pd.DataFrame(slide.T).groupby(period).cumsum().to_numpy().T
    base = np.where(period > 0, 1.0, 0.0)
    return np.maximum(base[None, :] - sliding, 0.0)


def dc_loss(snow_coverage, num_strings: int = C.SNOW_NUM_STRINGS):
    """Fraction of DC power lost for a covered fraction (Ryberg & Freeman 2017, pvlib)."""
    num_strings = checks.count(num_strings, "num_strings", "antal strängar", maximum=1000)
    if isinstance(snow_coverage, pd.Series):
        cover = _hourly(snow_coverage, "snow_coverage", "snötäckt andel", high=1.0)
        return pvlib.snow.dc_loss_nrel(cover, num_strings)
    if np.ndim(snow_coverage) == 0:
        return pvlib.snow.dc_loss_nrel(checks.number_in_range(snow_coverage, 0, 1, "snow_coverage", "snötäckt andel"),
                                       num_strings)
    if isinstance(snow_coverage, (str, bytes, dict, pd.DataFrame)):
        raise checks.WrongType(f"snow_coverage (snötäckt andel) måste vara tal, fick {checks.show(snow_coverage)}.")
    try:
        cover = np.asarray(snow_coverage, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise checks.WrongType(f"snow_coverage (snötäckt andel) måste vara tal, fick {checks.show(snow_coverage)}.") from None
    if cover.size == 0 or not np.isfinite(cover).all() or (cover < 0).any() or (cover > 1).any():
        raise ValueError("snow_coverage (snötäckt andel) måste vara tal mellan 0 och 1 utan luckor.")
    return pvlib.snow.dc_loss_nrel(cover, num_strings)


def _hourly(values, name: str, what: str, index=None, missing: bool = False, low: float = 0.0,
            high: float = 1e4) -> pd.Series:
    """An hourly Series on a time-zone index (``index`` if given) of numbers in ``low`` … ``high``.

    ``missing``: empty hours become 0 (snow depth); otherwise they raise.
    """
    if not isinstance(values, pd.Series):
        raise checks.WrongType(f"{name} ({what}) måste vara en pandas.Series med tidsindex, fick {checks.show(values)}.")
    check_index(values.index, f"{name}.index")
    if index is not None and not values.index.equals(index):
        raise ValueError(f"{name} ({what}) måste ha samma {len(index)} timmar som snöfallet, fick {len(values)}.")
    try:
        x = values.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} ({what}) får bara innehålla tal.") from None
    if missing:
        x = np.where(np.isnan(x), 0.0, x)
    if not np.isfinite(x).all() or (x < low).any() or (x > high).any():
        raise ValueError(f"{name} ({what}) måste vara tal mellan {low:g} och {high:g} utan luckor.")
    return pd.Series(x, index=values.index, name=values.name)
