"""Emission pathways: annual emissions that follow a budget or a constant rate.

F1 (exponential), F2 (geometric) and F3 (target year) are defined in
``budget.required_annual_reduction`` and ``strategy.md`` §2.4; the Carbon Law path is
Klimatkollen's since June 2025 (``kpis/emissions/carbon_law_calculations.py``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.common import checks as v
from .carbon_budget import METHODS, required_annual_reduction
from .constants import CARBON_LAW_END_YEAR, CARBON_LAW_REDUCTION_RATE

ANNUAL_VALUES = ("point", "integral")


def pathway(e0, start_year, end_year=2050, *, budget=None, rate=None, method="exponential",
            annual_values="point") -> pd.Series:
    """Annual emissions from ``start_year`` to ``end_year`` that follow a budget or a rate.

    Give exactly one of ``budget`` and ``rate``.

    Parameters
    ----------
    e0 : float
        Emissions in ``start_year`` [t/yr] (≥ 0).
    start_year, end_year : int
        First and last year of the path, both included (``end_year ≥ start_year``).
    budget : float, optional
        Budget from ``start_year`` on, that year included [t] (> 0).
    rate : float, optional
        Constant annual cut, fraction in (0, 1).
    method : {"exponential", "geometric", "target_year"}
        How a budget becomes a path (see below). With ``rate`` every method gives the same
        annual values ``e0·(1-rate)^(t-t0)``; ``method`` is then only validated.
    annual_values : {"point", "integral"}
        Only for ``method="exponential"``: ``"point"`` (default) gives the continuous curve
        at each whole year, ``e0·exp(-k·(t-t0))`` with ``k = e0/budget`` (from a rate,
        ``k = -ln(1-rate)``). This is what Klimatkollen publishes as its Paris path
        (``calculate_paris_path``, 2024). ``"integral"`` gives the curve integrated over each
        year ``[t, t+1)``: ``(e0/k)·(1-exp(-k))·exp(-k·(t-t0))``.

    Returns
    -------
    pandas.Series
        Emissions [t/yr, same unit as ``e0``], int index ``year``, name ``emissions_t``.

    Notes
    -----
    How the totals relate to the budget B (N = ``end_year - start_year + 1``):

    * ``"target_year"`` (F3): the N values sum to B exactly; emissions after ``end_year``
      are zero by construction, so the last value ``e0·(1-r)^(N-1)`` must be cut to zero in
      the target year. If ``B ≥ e0·N`` the path is flat at e0 (no cut needed) and sums to
      ``e0·N ≤ B``.
    * ``"geometric"`` (F2): infinite horizon; the series summed *to infinity* is B. The
      values shown up to ``end_year`` sum to ``B·(1 - (1-r)^N)``; the remaining tail is
      the part of the budget used after ``end_year``.
    * ``"exponential"`` (F1): the continuous curve integrates to B from ``start_year`` to
      infinity. The ``"point"`` values sum to more than B (about B + e0/2: a left Riemann
      sum of a falling curve); the ``"integral"`` values sum to B over an infinite horizon
      and equal a geometric path with ``r = 1 - exp(-e0/B)`` starting at ``B·r`` < e0.
    """
    e0 = v.non_negative(e0, "e0", "utsläpp första året, t/år")
    start = v.integer(start_year, "start_year", "första år")
    end = v.integer(end_year, "end_year", "sista år")
    if end < start:
        raise ValueError(f"end_year ({end}) får inte vara före start_year ({start}).")
    method = v.choice(method, METHODS)
    annual_values = v.choice(annual_values, ANNUAL_VALUES, name="annual_values",
                             singular="värdetyp", plural="värdetyper")
    if (budget is None) == (rate is None):
        raise ValueError("Ange exakt en av budget (t) och rate (andel per år), fick "
                         f"budget={v.show(budget)} och rate={v.show(rate)}.")
    if annual_values == "integral" and method != "exponential":
        raise ValueError('annual_values="integral" gäller bara method="exponential", '
                         f"fick method={v.show(method)}.")
    t = np.arange(end - start + 1, dtype=float)
    if rate is not None:
        r = v.open_unit_rate(rate)
        values = _geometric_values(e0, r, t)
        if annual_values == "integral":
            k = -np.log1p(-r)
            values = values * (r / k)
    elif method == "exponential":
        budget = v.positive(budget, "budget", "koldioxidbudget, t")
        k = e0 / budget
        values = e0 * np.exp(-k * t)
        if annual_values == "integral":
            values = budget * -np.expm1(-k) * np.exp(-k * t)
    else:
        r = required_annual_reduction(e0, budget, method, years=len(t))
        values = _geometric_values(e0, r, t)
    return _as_series(values, start)


def carbon_law_pathway(e0, start_year, end_year=CARBON_LAW_END_YEAR) -> pd.Series:
    """Klimatkollen's Carbon Law path: a cut of 11.72 % per year.

    ``E_{y+1} = max(0, E_y·(1 - 0.1172))`` from ``start_year`` to ``end_year``
    (Klimatbyran/municipality-data-pipeline, ``kpis/emissions/carbon_law_calculations.py``,
    2025; rate from the Global Carbon Budget 2024 1.5 °C budget, see
    ``constants.CARBON_LAW_REDUCTION_RATE``). Klimatkollen starts from its trend value for
    the current year and reports the sum as ``totalCarbonLaw``.

    Parameters
    ----------
    e0 : float
        Emissions in ``start_year`` [t/yr].
    start_year, end_year : int
        First and last year, both included.

    Returns
    -------
    pandas.Series
        Emissions [t/yr], index ``year``, name ``emissions_t``.
    """
    return pathway(e0, start_year, end_year, rate=CARBON_LAW_REDUCTION_RATE, method="geometric")


def _geometric_values(e0: float, r: float, t: np.ndarray) -> np.ndarray:
    """``e0·(1-r)^t`` (r = 1 gives e0 in the first year, then zeros)."""
    return e0 * np.power(1.0 - r, t)


def _as_series(values: np.ndarray, start: int) -> pd.Series:
    years = pd.Index(np.arange(start, start + len(values), dtype="int64"), name="year")
    return pd.Series(values, index=years, name="emissions_t")
