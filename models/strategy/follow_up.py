"""Follow-up of climate indicators: target values per year, trend projection and a status rule.

The status rule (one place, used by the lesson, the scorecard, the widget and the Excel
export):

    Project the indicator's trend to the target year. Compare the projection with the
    target value in that year.

    * **på rätt spår** – the projection meets the target (at or below it for an indicator
      where lower is better, at or above it where higher is better);
    * **risk** – it misses the target by at most ``tolerance`` (default 20 %) of the change
      that is needed, ``|target − latest value|``; put differently, the trend delivers at
      least 80 % of the needed change;
    * **fel spår** – it misses by more than that.

The trend is a straight line fitted from 2015 (or the first year with data) and shifted to
pass through the latest value, as Klimatkollen does (Klimatbyran/municipality-data-pipeline,
``kpis/emissions/trend_calculations.py``, 2025). By default it is the robust median (LAD)
regression, which one odd year cannot tilt; ordinary least squares can be chosen to compare.
The projection is kept within the indicator's possible range (≥ 0; ≤ 100 for a share).

Why measure the tolerance against the needed change and not against the target value: a
target of zero (net zero) would leave no tolerance at all, and for a target that asks for
halved emissions "10 % of the target" would be a much stricter test than for a target that
asks for a 5 % cut.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from models.common import checks as v
from .constants import TREND_FIRST_YEAR
from .trend import lad_trend, linear_trend

STATUS_ON_TRACK = "på rätt spår"
STATUS_RISK = "risk"
STATUS_OFF_TRACK = "fel spår"
STATUS_NO_TARGET = "mål saknas"
STATUSES = (STATUS_ON_TRACK, STATUS_RISK, STATUS_OFF_TRACK)
#: Tolerance of the status rule: a miss of at most 20 % of the needed change is "risk".
DEFAULT_TOLERANCE = 0.20
DIRECTIONS = ("lower", "higher")
#: Each trend method and its fit: the least-absolute-deviations line or ordinary least squares.
TREND_FITS = {"lad": lad_trend, "least_squares": linear_trend}
TREND_METHODS = tuple(TREND_FITS)
TARGET_SHAPES = ("geometric", "linear")


def target_path(start_value, start_year, target_value, target_year, shape: str = "geometric") -> pd.Series:
    """Target value for every year from ``start_year`` to ``target_year``.

    ``"geometric"``: the same percentage change every year,
    ``v(y) = start·(target/start)^((y − start_year)/(target_year − start_year))`` – the shape
    of a Carbon Law or carbon-budget path (needs start and target > 0).
    ``"linear"``: the same change in units every year (use for shares and counts, or when
    the target is 0).

    Returns
    -------
    pandas.Series
        ``target`` indexed by ``year`` (same unit as the inputs).
    """
    shape = v.choice(shape, TARGET_SHAPES, name="shape", singular="form", plural="former")
    start = v.number(start_value, "start_value", "värde första året")
    target = v.number(target_value, "target_value", "målvärde")
    first = v.year(start_year, "start_year", "första år")
    last = v.year(target_year, "target_year", "målår")
    if last <= first:
        raise ValueError(f"target_year ({last}) måste vara efter start_year ({first}).")
    t = (np.arange(first, last + 1) - first) / (last - first)
    if shape == "geometric":
        if start <= 0 or target <= 0:
            raise ValueError(f'shape="geometric" kräver värden större än 0, fick start_value={start:g} och '
                             f'target_value={target:g}. Använd shape="linear".')
        values = start * np.power(target / start, t)
    else:
        values = start + (target - start) * t
    return pd.Series(values, index=pd.Index(np.arange(first, last + 1, dtype="int64"), name="year"),
                     name="target")


def trend_projection(series: pd.Series, year, method: str = "lad", since=TREND_FIRST_YEAR,
                     lower=0.0, upper=None) -> float:
    """The indicator's trend line in ``year``, through the latest value, kept within bounds.

    Parameters
    ----------
    series : pandas.Series
        Observed values indexed by year (NaN dropped); at least two years from ``since``.
    year : int
        Year to project to (usually the target year).
    method : {"lad", "least_squares"}
        Median (LAD) regression or ordinary least squares (:mod:`models.strategy.trend`).
    since : int, default 2015
        First year of the fit.
    lower, upper : float or None
        Bounds of the indicator (0 for emissions and counts; 100 for a share in %).

    Returns
    -------
    float
        ``latest value + slope·(year − latest year)``, clipped to ``[lower, upper]``.
    """
    method = v.choice(method, TREND_METHODS)
    year = v.year(year, "year", "år att räkna fram trenden till")
    lower, upper = _bounds(lower, upper)
    line = TREND_FITS[method](series, since=since)
    return _projection(float(series.dropna().loc[line.reference_year]), line, year, lower, upper)


def _bounds(lower, upper) -> tuple[float | None, float | None]:
    """The indicator's checked bounds (``None``: unbounded on that side)."""
    lower = None if lower is None else v.number(lower, "lower", "indikatorns lägsta möjliga värde")
    upper = None if upper is None else v.number(upper, "upper", "indikatorns högsta möjliga värde")
    if lower is not None and upper is not None and upper < lower:
        raise ValueError(f"upper ({upper:g}) får inte vara mindre än lower ({lower:g}).")
    return lower, upper


def _projection(latest: float, line, year: int, lower, upper) -> float:
    """``latest + slope·(year − reference year)`` of a fitted line, clipped to ``[lower, upper]`` (checked)."""
    value = latest + line.slope_t_per_year * (year - line.reference_year)
    low = -math.inf if lower is None else lower
    high = math.inf if upper is None else upper
    return float(min(max(value, low), high))


def status(latest, projection, target, direction: str = "lower", tolerance=DEFAULT_TOLERANCE) -> str:
    """Status of one indicator by the rule in the module docstring.

    Parameters
    ----------
    latest : float
        Latest observed value.
    projection : float
        Trend value in the target year (:func:`trend_projection`).
    target : float
        Target value in the target year.
    direction : {"lower", "higher"}
        Whether a lower (emissions) or higher (share of electric cars) value is better.
    tolerance : float
        Allowed miss as a fraction of the needed change ``|target − latest|``, 0 ≤ x < 1.

    Returns
    -------
    str
        ``"på rätt spår"``, ``"risk"`` or ``"fel spår"``.

    Examples
    --------
    Latest 100, target 50: the needed change is 50, so the tolerance band is 0.2·50 = 10.

    >>> status(100, 50, 50), status(100, 60, 50), status(100, 60.5, 50)
    ('på rätt spår', 'risk', 'fel spår')
    """
    latest = v.number(latest, "latest", "senaste värde")
    projection = v.number(projection, "projection", "trendens värde målåret")
    target = v.number(target, "target", "målvärde")
    direction = v.choice(direction, DIRECTIONS, name="direction", singular="riktning", plural="riktningar")
    tolerance = _tolerance(tolerance)
    miss = projection - target if direction == "lower" else target - projection
    if miss <= 0:
        return STATUS_ON_TRACK
    if miss <= tolerance * abs(target - latest):
        return STATUS_RISK
    return STATUS_OFF_TRACK


def share_of_needed_change_pct(latest, projection, target) -> float:
    """How much of the needed change the trend delivers: ``(projection − latest)/(target − latest)·100``.

    100 % or more = the target is met; 80 % = the trend gives four fifths of the change;
    negative = the trend goes the wrong way. NaN when the target equals the latest value.
    """
    latest = v.number(latest, "latest", "senaste värde")
    projection = v.number(projection, "projection", "trendens värde målåret")
    target = v.number(target, "target", "målvärde")
    if target == latest:
        return math.nan
    return (projection - latest) / (target - latest) * 100.0


def assess(series: pd.Series, target_value, target_year, direction: str = "lower",
           tolerance=DEFAULT_TOLERANCE, method: str = "lad", since=TREND_FIRST_YEAR,
           lower=0.0, upper=None) -> pd.Series:
    """Assess one indicator: latest value, both trend projections and the status.

    ``target_value = None`` (or NaN) means no target is set: the projections are still
    computed, the status is ``"mål saknas"``.

    Returns
    -------
    pandas.Series
        ``latest_year``, ``latest_value``, ``target_year``, ``target_value``,
        ``projection_lad``, ``projection_least_squares``, ``projection`` (of ``method``),
        ``share_of_needed_change_pct``, ``status`` (by ``method``), ``status_lad``,
        ``status_least_squares``, ``n_years`` (years in the fit).
    """
    method = v.choice(method, TREND_METHODS)
    direction = v.choice(direction, DIRECTIONS, name="direction", singular="riktning", plural="riktningar")
    _tolerance(tolerance)
    target_year = v.year(target_year, "target_year", "målår")
    observed = _observed(series, since)
    latest_year, latest = int(observed.index[-1]), float(observed.iloc[-1])
    if target_year <= latest_year:
        raise ValueError(f"target_year ({target_year}) måste vara efter senaste år med data ({latest_year}).")
    lower, upper = _bounds(lower, upper)
    # both fits of the series checked above, projected as trend_projection does (method and bounds checked once)
    lines = {m: fit(observed, since=since) for m, fit in TREND_FITS.items()}
    projections = {m: _projection(float(observed.loc[line.reference_year]), line, target_year, lower, upper)
                   for m, line in lines.items()}
    has_target = target_value is not None and not (isinstance(target_value, float) and math.isnan(target_value))
    result = {
        "latest_year": latest_year,
        "latest_value": latest,
        "target_year": target_year,
        "target_value": v.number(target_value, "target_value", "målvärde") if has_target else math.nan,
        "projection_lad": projections["lad"],
        "projection_least_squares": projections["least_squares"],
        "projection": projections[method],
        "n_years": int(len(observed)),
    }
    if has_target:
        target = result["target_value"]
        result["share_of_needed_change_pct"] = share_of_needed_change_pct(latest, projections[method], target)
        for m in TREND_METHODS:
            result[f"status_{m}"] = status(latest, projections[m], target, direction, tolerance)
    else:
        result["share_of_needed_change_pct"] = math.nan
        result["status_lad"] = result["status_least_squares"] = STATUS_NO_TARGET
    result["status"] = result[f"status_{method}"]
    return pd.Series(result)


def check_tolerance(value) -> float:
    """The tolerance as a fraction in [0, 1) of the needed change (5 is not 500 %: it is refused)."""
    return v.fraction(value, "tolerance", "tolerans, andel av behövd förändring", "0.2 för 20 %")


_tolerance = check_tolerance


def _observed(series, since) -> pd.Series:
    observed = v.yearly(series, "series", "värden per år")
    since = v.year(since, "since", "första år i trendanpassningen")
    observed = observed[observed.index >= since]
    if len(observed) < 2:
        raise ValueError(f"Minst två år med data från {since} behövs för en trend, fick {len(observed)}.")
    return observed
