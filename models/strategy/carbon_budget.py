"""Carbon budgets: the annual cut a budget requires, grandfathering shares, what remains.

Formulas F1–F3 and the budget bookkeeping follow Klimatkollen's 2024 method
(Klimatbyran/klimatkollen@2fc6856b, ``data/issues/emissions/emission_data_calculations.py``:
``calculate_paris_path``, ``calculate_needed_change_percent``,
``calculate_municipality_budgets``) and the Uppsala/Tyndall method it implements
(Anderson, Broderick & Stoddard 2020, *Climate Policy* 20:10, doi:10.1080/14693062.2020.1728209).
See ``strategy.md`` §2.4.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from models.common import checks as v
from .constants import GRANDFATHERING_FIRST_YEAR

METHODS = ("exponential", "geometric", "target_year")

_E0 = ("e0", "utsläpp första året, t/år")
_BUDGET = ("budget", "koldioxidbudget, t")


def required_annual_reduction(e0, budget, method="exponential", years=None) -> float:
    """Constant annual reduction (fraction per year) that keeps emissions within a budget.

    Parameters
    ----------
    e0 : float
        Emissions in the first budget year [t/yr] (≥ 0).
    budget : float
        Carbon budget from the first year on, that year included [t] (> 0).
    method : {"exponential", "geometric", "target_year"}
        ``"exponential"`` (F1, continuous decline ``P(t) = e0·exp(-(e0/B)·t)`` whose
        integral to infinity is B; Klimatkollen 2024 and Anderson's "exponential
        decline"): ``r = 1 - exp(-e0/B)``, the year-on-year cut of that curve.
        ``"geometric"`` (F2, discrete, infinite horizon, ``Σ e0(1-r)^t = e0/r``):
        ``r = e0/B``. ``"target_year"`` (F3, "constant share of the previous year's
        emissions until the target year", Norrbotten county page): the r solving
        ``B = e0·(1 - (1-r)^N)/r`` with N = ``years``, found by bisection.
    years : int, optional
        N, the number of years from the first budget year to the target year, both
        included (2023–2040 → 18). Required for ``"target_year"``, ignored otherwise.

    Returns
    -------
    float
        Reduction as a fraction per year, in [0, 1].

    Notes
    -----
    ``"target_year"`` edge cases: if ``budget ≥ e0·years`` constant emissions already fit
    and the function returns 0.0 (no reduction required, not an error, so a widget can
    sweep large budgets). If ``budget == e0`` it returns 1.0 (the first year uses the whole
    budget). If ``budget < e0`` no path within the rules exists (the first year alone
    exceeds the budget) and ``ValueError`` is raised; ``"geometric"`` behaves the same.
    ``"exponential"`` always gives r < 1.

    For the same e0 and B: exponential < geometric, target_year ≤ geometric, and
    target_year rises towards geometric as ``years`` grows.

    Examples
    --------
    >>> round(required_annual_reduction(0.2, 1.1), 4)  # Luleå, Mt: 1 - exp(-0.2/1.1)
    0.1662
    """
    e0 = v.non_negative(e0, *_E0)
    budget = v.positive(budget, *_BUDGET)
    method = v.choice(method, METHODS)
    if method == "exponential":
        return float(-math.expm1(-e0 / budget))
    if method == "geometric":
        _check_budget_covers_first_year(e0, budget)
        return e0 / budget
    n = v.integer(years, "years", "antal år till och med målåret", minimum=1)
    return _target_year_rate(e0, budget, n)


def finite_horizon_sum(rate: float, years: int) -> float:
    """Sum of ``(1-r)^t`` for t = 0 … N-1, the F3 budget per unit of e0 [yr].

    Computed as ``-expm1(N·log1p(-r))/r`` so it stays accurate for small r
    (the limit for r → 0 is N). ``rate`` is a fraction in [0, 1], ``years`` a count ≥ 1.
    """
    rate = v.number(rate, "rate", "minskning per år, andel", low=0.0, high=1.0)
    years = v.count(years, "years", "antal år")
    if rate == 0.0:
        return float(years)
    if rate == 1.0:
        return 1.0
    return -math.expm1(years * math.log1p(-rate)) / rate


def _target_year_rate(e0: float, budget: float, n: int, tol: float = 1e-15) -> float:
    """Solve F3 ``budget = e0·S(r, n)`` for r by bisection (S falls with r)."""
    if budget >= e0 * n:
        return 0.0
    _check_budget_covers_first_year(e0, budget)
    if budget == e0:
        return 1.0
    target = budget / e0  # years of current emissions; 1 < target < n here
    lo, hi = 0.0, 1.0  # S(lo) = n > target, S(hi) = 1 < target
    while hi - lo > tol:
        mid = 0.5 * (lo + hi)
        if finite_horizon_sum(mid, n) > target:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def _check_budget_covers_first_year(e0: float, budget: float) -> None:
    if budget < e0:
        raise ValueError(
            f"budget ({_BUDGET[1]}) = {budget:g} är mindre än första årets utsläpp "
            f"e0 = {e0:g}: ingen konstant minskningstakt mellan 0 och 1 räcker med den här "
            'metoden. Öka budgeten eller använd method="exponential".')


def budget_share(emissions: pd.DataFrame, national_budget, first_year=GRANDFATHERING_FIRST_YEAR
                 ) -> pd.Series:
    """Share a budget between municipalities by grandfathering on past emissions.

    ``share_m = Σ_y E_{m,y} / Σ_m Σ_y E_{m,y}`` over the years ``first_year`` … last year
    present, and ``budget_m = share_m · national_budget`` (Klimatkollen
    ``calculate_municipality_budgets``; years 2015 to the latest SMHI year per
    Klimatbyran/klimatkollen-deprecated#372).

    Parameters
    ----------
    emissions : pandas.DataFrame
        Tidy table with columns ``kommun``, ``year`` (int) and ``emissions_t`` [t/yr], one
        row per municipality and year. Rows before ``first_year`` are ignored. Every
        municipality must have the same years from ``first_year`` on (a balanced panel;
        gaps would bias the key). Pass *all* municipalities that share the budget; for a
        subset, pass the subset's part of the budget.
    national_budget : float
        Budget to share [t], usually net of the national overhead (> 0).
    first_year : int, default 2015
        First year of the grandfathering key.

    Returns
    -------
    pandas.Series
        Budget per municipality [t], index ``kommun``, name ``budget_t``; sums to
        ``national_budget``.
    """
    national_budget = v.positive(national_budget, "national_budget", "budget att fördela, t")
    first_year = v.integer(first_year, "first_year", "första år i fördelningsnyckeln")
    window = _tidy_emissions(emissions, first_year)
    years_per_kommun = window.groupby("kommun")["year"].apply(frozenset)
    all_years = frozenset(window["year"])
    incomplete = years_per_kommun[years_per_kommun != all_years]
    if len(incomplete):
        kommun = incomplete.index[0]
        missing = sorted(all_years - incomplete.iloc[0])
        raise ValueError(f'emissions saknar år {missing} för kommun "{kommun}". Alla kommuner '
                         "måste ha samma år från first_year och framåt.")
    totals = window.groupby("kommun")["emissions_t"].sum()
    grand_total = totals.sum()
    if grand_total <= 0:
        raise ValueError(f"Summan av emissions_t från {first_year} är {grand_total:g}; "
                         "den måste vara större än 0 för att kunna fördela budgeten.")
    return (national_budget * totals / grand_total).rename("budget_t")


def _tidy_emissions(emissions, first_year: int) -> pd.DataFrame:
    """Validate a tidy kommun/year/emissions_t frame and keep the years ≥ first_year."""
    if not isinstance(emissions, pd.DataFrame):
        raise ValueError("emissions måste vara en pandas.DataFrame med kolumnerna kommun, year "
                         f"och emissions_t, fick {type(emissions).__name__}.")
    missing = [c for c in ("kommun", "year", "emissions_t") if c not in emissions.columns]
    if missing:
        raise ValueError(f"emissions saknar kolumnerna {missing}. Giltigt: en tidy tabell med "
                         f"kolumnerna kommun, year, emissions_t (fick {list(emissions.columns)}).")
    values = pd.to_numeric(emissions["emissions_t"], errors="coerce")
    years = pd.to_numeric(emissions["year"], errors="coerce")
    bad = values.isna() | years.isna() | (years % 1 != 0) | ~np.isfinite(values.astype(float))
    if bad.any():
        row = emissions[bad].iloc[0]
        raise ValueError(f"emissions har ett ogiltigt värde (year={v.show(row['year'])}, "
                         f"emissions_t={v.show(row['emissions_t'])}); year måste vara ett "
                         "heltal och emissions_t ett tal.")
    if (values < 0).any():
        row = emissions[values < 0].iloc[0]
        raise ValueError(f'emissions_t får inte vara negativ, fick {row["emissions_t"]} för '
                         f'"{row["kommun"]}" år {row["year"]}.')
    if emissions["kommun"].isna().any():
        raise ValueError("emissions har rader utan kommun (tomt värde i kolumnen kommun); "
                         "varje rad måste ha ett kommunnamn.")
    tidy = pd.DataFrame({"kommun": emissions["kommun"], "year": years.astype("int64"),
                         "emissions_t": values.astype(float)})
    duplicated = tidy.duplicated(["kommun", "year"])
    if duplicated.any():
        row = tidy[duplicated].iloc[0]
        raise ValueError(f'emissions har flera rader för "{row["kommun"]}" år {row["year"]}; '
                         "en rad per kommun och år krävs.")
    window = tidy[tidy["year"] >= first_year]
    if window.empty:
        raise ValueError(f"emissions har inga år från first_year = {first_year} och framåt "
                         f"(senaste år: {tidy['year'].max() if len(tidy) else 'inget'}).")
    return window


def remaining_budget(budget, emissions_since, *, integration="sum") -> float:
    """Budget left after subtracting emissions since the budget year.

    Klimatkollen subtracts recorded annual emissions as they are, and for years after the
    last SMHI year the trapezoid integral of the trend values (``calculate_municipality_budgets``).

    Parameters
    ----------
    budget : float
        Budget from the budget year [t] (≥ 0).
    emissions_since : pandas.Series or array_like
        ``integration="sum"``: annual emissions [t/yr], one value per year already used.
        ``integration="trapezoid"``: a Series of trend values [t/yr] indexed by year; the
        trapezoid integral between its first and last year is subtracted (Klimatkollen
        2025: values for 2024 and 2025 → (E2024 + E2025)/2).
    integration : {"sum", "trapezoid"}

    Returns
    -------
    float
        Remaining budget [t]. It can be negative: the share is then already used up
        (Klimatkollen publishes Pajala 2025 as −9 999.97 t).
    """
    budget = v.non_negative(budget, *_BUDGET)
    integration = v.choice(integration, ("sum", "trapezoid"), name="integration",
                           singular="integrationsmetod", plural="integrationsmetoder")
    values = _as_float_array(emissions_since)
    if integration == "sum":
        return budget - float(values.sum())
    if not isinstance(emissions_since, pd.Series):
        raise ValueError('integration="trapezoid" kräver en pandas.Series indexerad med år, '
                         f"fick {type(emissions_since).__name__}.")
    if len(values) < 2:
        return budget
    years = pd.to_numeric(pd.Series(emissions_since.index), errors="coerce").to_numpy(float)
    if np.isnan(years).any() or np.any(np.diff(years) <= 0):
        raise ValueError("emissions_since måste vara indexerad med stigande år, fick index "
                         f"{list(emissions_since.index)}.")
    return budget - float(np.trapezoid(values, years))


def _as_float_array(values) -> np.ndarray:
    try:
        arr = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        raise ValueError("emissions_since måste innehålla tal (t/år), fick "
                         f"{v.show(values)}.") from None
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError("emissions_since måste vara ändliga tal ≥ 0 (t/år), fick "
                         f"{arr.tolist()}.")
    return arr


def budget_net_of_overhead(budget, reference_budget, reference_overhead) -> float:
    """National budget after removing a scaled "national overhead".

    Klimatkollen scales the 1.7 °C overhead to the 1.5 °C budget:
    ``overhead = reference_overhead / reference_budget · budget`` and returns
    ``budget - overhead`` (``subtract_national_overheads``, klimatkollen 2024;
    strategy.md §2.3: 80 − 55/285·80 = 64.56 Mt with the rounded 55 Mt).

    Parameters
    ----------
    budget, reference_budget, reference_overhead : float
        [t]; ``reference_overhead`` < ``reference_budget``.

    Returns
    -------
    float
        Budget net of overhead [t].
    """
    budget = v.positive(budget, "budget", "nationell budget, t")
    reference_budget = v.positive(reference_budget, "reference_budget", "referensbudget, t")
    reference_overhead = v.non_negative(reference_overhead, "reference_overhead",
                                        "referensens nationella overhead, t")
    if reference_overhead >= reference_budget:
        raise ValueError(f"reference_overhead ({reference_overhead:g} t) måste vara mindre än "
                         f"reference_budget ({reference_budget:g} t).")
    return budget * (1.0 - reference_overhead / reference_budget)
