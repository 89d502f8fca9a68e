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

from models.solar import constants as C


def snowfall_from_depth(snow_depth: pd.Series) -> pd.Series:
    """Hourly snowfall [cm] derived from hourly snow depth [cm] (see the module docstring)."""
    depth = snow_depth.astype(float).fillna(0.0)
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
    index = snowfall.index
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


def dc_loss(snow_coverage, num_strings: int = C.SNOW_NUM_STRINGS):
    """Fraction of DC power lost for a covered fraction (Ryberg & Freeman 2017, pvlib)."""
    return pvlib.snow.dc_loss_nrel(snow_coverage, num_strings)
