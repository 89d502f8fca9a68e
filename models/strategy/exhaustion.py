"""When a budget runs out if emissions follow a straight-line trend.

Klimatkollen's ``budgetRunsOut`` (Klimatbyran/klimatkollen@2fc6856b,
``calculate_budget_runs_out``): integrate the trend ``E(t) = E_s + k·(t - t_s)`` from the
budget start ``t_s`` until the integral equals the budget B. Solving
``E_s·Δ + k·Δ²/2 = B`` for Δ = t - t_s gives ``Δ = 2B / (E_s + √(E_s² + 2kB))``, the same root
as Klimatkollen's ``x2 = (√(2Bk + (k·x1 + m)²) - m)/k`` written so that it stays accurate for
k → 0. See ``strategy.md`` §2.4.
"""

from __future__ import annotations

import datetime as dt
import math

from models.common import checks as v
from .constants import KLIMATKOLLEN_YEAR_SECONDS

#: Latest year a run-out date can have (a later one is shown as "never runs out").
LAST_YEAR = 9999


def budget_exhaustion_year(budget, start_emissions, slope, start_year) -> float | None:
    """Decimal year in which a budget is used up on a linear emission trend.

    Parameters
    ----------
    budget : float
        Remaining budget from the start of ``start_year`` [t]. May be negative (already
        overspent): the result is then before ``start_year``, extrapolating the line
        backwards, as Klimatkollen does (Pajala 2025: 2024-11-20).
    start_emissions : float
        Trend value in ``start_year`` [t/yr] (≥ 0).
    slope : float
        Trend slope [t/yr per yr].
    start_year : int
        Year the remaining budget applies from.

    Returns
    -------
    float or None
        Decimal year; ``None`` if the budget never runs out: the falling trend reaches zero
        before the budget is used (or emissions are zero and not rising). Unlike Klimatkollen,
        which only looks to 2050 and otherwise reports "Håller budget", years after 2050 are
        returned – but never a year after 9999 (no calendar date): that counts as never, too.
    """
    budget = v.number(budget, "budget", "återstående budget, t")
    e_s = v.non_negative(start_emissions, "start_emissions", "trendens utsläpp startåret, t/år")
    k = v.number(slope, "slope", "trendens lutning, t/år per år")
    start = v.year(start_year, "start_year", "budgetens startår")
    if budget == 0:
        return float(start)
    discriminant = e_s * e_s + 2.0 * k * budget
    if discriminant < 0:
        if budget > 0:
            return None
        raise ValueError(f"budget = {budget:g} t är redan överskriden och trendlinjen når noll "
                         "innan underskottet täcks bakåt i tiden; inget datum kan beräknas.")
    denominator = e_s + math.sqrt(discriminant)
    if denominator == 0:
        return None
    year = start + 2.0 * budget / denominator
    if year > LAST_YEAR:
        return None
    if year < 1:
        raise ValueError(f"budget = {budget:g} t är överskriden så mycket att datumet hamnar före år 1; "
                         "inget datum kan beräknas.")
    return year


def budget_exhaustion_date(budget, start_emissions, slope, start_year) -> dt.date | None:
    """Calendar date on which the budget runs out, as Klimatkollen reports it.

    Same inputs as ``budget_exhaustion_year``; the decimal year is turned into a date with
    Klimatkollen's convention (``decimal_year_to_date`` anchored on 1 January of
    ``start_year + 1``). Returns ``None`` if the budget never runs out.
    """
    year = budget_exhaustion_year(budget, start_emissions, slope, start_year)
    if year is None:
        return None
    return decimal_year_to_date(year, anchor_year=int(start_year) + 1)


def decimal_year_to_date(year, anchor_year=None) -> dt.date:
    """Date for a decimal year with Klimatkollen's 365-day years.

    ``date = 1 January anchor_year + int((year - anchor_year)·365·86 400) seconds``
    (klimatkollen ``YEAR_SECONDS``; leap days are not counted, so the anchor matters by up
    to a day or so).

    Parameters
    ----------
    year : float
        Decimal year, e.g. 2026.3252.
    anchor_year : int, optional
        Year whose 1 January is the origin; default ``floor(year)``. Klimatkollen uses
        ``start_year + 1`` for budget dates and ``last_data_year + 1`` for net-zero dates.

    Returns
    -------
    datetime.date
    """
    year = v.number(year, "year", "decimalår")
    anchor = math.floor(year) if anchor_year is None else v.integer(anchor_year, "anchor_year",
                                                                     "ankarår")
    seconds = int((year - anchor) * KLIMATKOLLEN_YEAR_SECONDS)
    try:
        return (dt.datetime(anchor, 1, 1) + dt.timedelta(seconds=seconds)).date()
    except (OverflowError, ValueError):
        raise ValueError(f"year = {year} ligger utanför det datumintervall som kan visas "
                         "(år 1–9999).") from None
