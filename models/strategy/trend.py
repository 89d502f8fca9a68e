"""Linear emission trends: least squares (Klimatkollen 2024) and LAD (Klimatkollen 2025–).

Least squares: ``np.polyfit`` on SMHI years from 2015 (Klimatbyran/klimatkollen@2fc6856b,
``calculate_trend_coefficients``). LAD (least absolute deviations = median regression,
q = 0.5): Klimatbyran/municipality-data-pipeline and territorial-data-pipeline,
``kpis/emissions/trend_calculations.py``, which also shifts the line through the last
observed value and floors the path at zero. See ``strategy.md`` §2.4 and §2.6.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.common import checks as v
from .constants import CARBON_LAW_END_YEAR, TREND_FIRST_YEAR


@dataclass(frozen=True)
class TrendLine:
    """A straight line ``E(t) = level_t + slope_t_per_year·(t - reference_year)``.

    Attributes
    ----------
    slope_t_per_year : float
        Slope [t/yr per yr]; negative means falling emissions.
    level_t : float
        Value of the line in ``reference_year`` [t/yr] (not floored).
    reference_year : int
        The last observed year of the fit (Klimatkollen centres years there).
    method : str
        ``"least_squares"`` or ``"lad"``.
    """

    slope_t_per_year: float
    level_t: float
    reference_year: int
    method: str

    def at(self, years) -> np.ndarray:
        """Line values at ``years`` [t/yr], not floored at zero."""
        return self.level_t + self.slope_t_per_year * (np.asarray(years, float)
                                                       - self.reference_year)


def linear_trend(emissions, since=TREND_FIRST_YEAR) -> TrendLine:
    """Least-squares straight line through the annual emissions from ``since`` on.

    Parameters
    ----------
    emissions : pandas.Series
        Annual emissions [t/yr] indexed by year (int). Missing values (NaN) are dropped,
        so gaps such as SMHI's missing 2016–2019 are fitted on the years present.
    since : int, default 2015
        First year of the fit.

    Returns
    -------
    TrendLine
        Slope and level at the last observed year.
    """
    years, values = _fit_input(emissions, since)
    x = years - years[-1]
    x_mean, y_mean = x.mean(), values.mean()
    slope = float(np.sum((x - x_mean) * (values - y_mean)) / np.sum((x - x_mean) ** 2))
    return TrendLine(slope, float(y_mean - slope * x_mean), int(years[-1]), "least_squares")


def lad_trend(emissions, since=TREND_FIRST_YEAR) -> TrendLine:
    """Least-absolute-deviations (median regression) line from ``since`` on.

    Robust to single outlier years. Solved exactly: with an intercept and one slope an
    optimal LAD line passes through at least two observations, so every line through two
    points is tried and the one with the smallest sum of absolute residuals is kept
    (ties: the first pair in year order). Klimatkollen uses ``statsmodels.QuantReg(q=0.5)``
    for the same objective.

    Parameters
    ----------
    emissions : pandas.Series
        Annual emissions [t/yr] indexed by year; NaN dropped.
    since : int, default 2015
        First year of the fit.

    Returns
    -------
    TrendLine
        Slope and level at the last observed year. Klimatkollen then anchors the line at
        the last observed value: ``trend_pathway(line, ..., anchor_t=last_value)``.
    """
    years, values = _fit_input(emissions, since)
    x = years - years[-1]
    i, j = np.triu_indices(len(x), k=1)
    slopes = (values[j] - values[i]) / (x[j] - x[i])
    levels = values[i] - slopes * x[i]
    residuals = np.abs(values[None, :] - levels[:, None] - slopes[:, None] * x[None, :])
    best = int(np.argmin(residuals.sum(axis=1)))
    return TrendLine(float(slopes[best]), float(levels[best]), int(years[-1]), "lad")


def cagr_pct(first, last, years) -> float:
    """Compound annual growth rate [% per year]: ``((last / first) ** (1 / years) - 1) * 100``.

    Klimatkollen publishes this as ``historicalEmissionChangePercent`` (2015 to the last SMHI year).
    """
    first = v.number(first, "first", "första värdet")
    last = v.non_negative(last, "last", "sista värdet")
    years = v.number(years, "years", "antal år")
    if years <= 0:
        raise ValueError(f"years (antal år) måste vara större än 0, fick {v.show(years)}.")
    if first <= 0:
        raise ValueError(f"first (första värdet) måste vara större än 0, fick {v.show(first)}.")
    return ((last / first) ** (1.0 / years) - 1.0) * 100.0


def trend_pathway(trend: TrendLine, start_year, end_year=CARBON_LAW_END_YEAR, *, anchor_t=None
                  ) -> pd.Series:
    """Trend emissions per year, floored at zero (Klimatkollen's ``trend``).

    Parameters
    ----------
    trend : TrendLine
        From ``linear_trend`` or ``lad_trend``.
    start_year, end_year : int
        First and last year, both included.
    anchor_t : float, optional
        If given, the line is shifted to pass through this value [t/yr] in
        ``trend.reference_year`` (Klimatkollen 2025–: the last observed emissions).

    Returns
    -------
    pandas.Series
        ``max(0, line(t))`` [t/yr], index ``year``, name ``emissions_t``. Klimatkollen's
        ``totalTrend`` is the plain sum of this Series over 2026–2050.
    """
    if not isinstance(trend, TrendLine):
        raise ValueError("trend måste vara en TrendLine från linear_trend eller lad_trend, "
                         f"fick {type(trend).__name__}.")
    start = v.integer(start_year, "start_year", "första år")
    end = v.integer(end_year, "end_year", "sista år")
    if end < start:
        raise ValueError(f"end_year ({end}) får inte vara före start_year ({start}).")
    shift = 0.0
    if anchor_t is not None:
        shift = v.non_negative(anchor_t, "anchor_t", "utsläpp i sista observerade år, t/år") \
            - trend.level_t
    years = np.arange(start, end + 1, dtype="int64")
    values = np.maximum(trend.at(years) + shift, 0.0)
    return pd.Series(values, index=pd.Index(years, name="year"), name="emissions_t")


def trend_zero_year(trend: TrendLine) -> float:
    """Decimal year in which the (unfloored) trend line reaches zero.

    Klimatkollen's ``hitNetZero``: ``-m/k`` for the line ``k·t + m``; ``math.inf`` if the
    slope is ≥ 0 ("Aldrig"). Convert to a date with ``decimal_year_to_date(year,
    anchor_year=last_data_year + 1)`` to match Klimatkollen's dates.

    Returns
    -------
    float
        Year [decimal]; ``math.inf`` if the line never reaches zero.
    """
    if not isinstance(trend, TrendLine):
        raise ValueError("trend måste vara en TrendLine från linear_trend eller lad_trend, "
                         f"fick {type(trend).__name__}.")
    if trend.slope_t_per_year >= 0:
        return math.inf
    return trend.reference_year - trend.level_t / trend.slope_t_per_year


def _fit_input(emissions, since) -> tuple[np.ndarray, np.ndarray]:
    """Validate a year-indexed Series; return sorted years and values from ``since``."""
    since = v.year(since, "since", "första år i trendanpassningen")
    if not isinstance(emissions, pd.Series):
        raise v.WrongType("emissions måste vara en pandas.Series med utsläpp (t/år) indexerad "
                          f"med år, fick {type(emissions).__name__}.")
    observed = v.yearly(emissions, "emissions", "utsläpp i t/år", non_negative=True)
    observed = observed[observed.index >= since]
    years, values = observed.index.to_numpy(float), observed.to_numpy(float)
    if len(years) < 2:
        raise ValueError(f"Minst två år med data från since = {since} behövs för en trend, "
                         f"fick {len(years)}.")
    order = np.argsort(years)
    return years[order], values[order]
