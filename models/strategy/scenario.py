"""A carbon-budget scenario: history, trend, budget pathway and Carbon Law in one table.

Pure composition of the strategy models for one emission series, the way Klimatkollen did in
December 2024 (Klimatbyran/klimatkollen@2fc6856b,
``data/issues/emissions/emission_data_calculations.py``):

* **Emissions:** a CO2 series (Klimatkollen used SMHI's CO2-only series, data to 2022) after any
  exclusions. The budgets are CO2 budgets, so the series must be CO2, not CO2e.
* **Budget:** the remaining budget from 1 January of the budget year (2024), e.g. Klimatkollen's
  published 1.5 °C budget for the kommun. The 1.7 °C variant is the same share of the 1.7 °C
  national budget; because Klimatkollen scales the overhead with the budget, that is exactly
  285/80 times the 1.5 °C budget (:data:`GOALS`, computed).
* **Trend:** least squares on 2015 onwards (Klimatkollen's 2024 method), floored at zero in the path.
* **Used budget before the start year:** the area under the trend from 1 January 2024 to the start
  year (:func:`trend_year_integrals`).
* **Start level E0:** the trend value in the start year.
* **Exclusions:** :func:`included_fraction` turns sector shares per year into the fraction of
  emissions kept; :func:`budget_after_exclusions` shrinks the budget in proportion to what is
  excluded from the grandfathering key (2015 on), so the excluded source keeps its own part of
  the budget instead of handing it to the rest of the kommun.

Reading the data for a kommun is the lesson's job (:mod:`models.lessons.strategi.mal_och_budget`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from models.common import checks as v

from .carbon_budget import METHODS, budget_net_of_overhead, budget_share, required_annual_reduction
from .constants import (
    CARBON_LAW_END_YEAR,
    GRANDFATHERING_FIRST_YEAR,
    KLIMATKOLLEN_BUDGET_YEAR,
    NATIONAL_BUDGET_15C_2024_T,
    NATIONAL_BUDGET_17C_2024_T,
    NATIONAL_OVERHEAD_17C_2024_T,
    SWEDEN_NET_ZERO_YEAR,
    TREND_FIRST_YEAR,
)
from .exhaustion import budget_exhaustion_year, decimal_year_to_date
from .pathways import carbon_law_pathway, pathway
from .trend import TrendLine, linear_trend, trend_pathway

#: Temperature goals: key -> factor on Klimatkollen's 1.5 °C kommun budget.
#: 1.7 °C: (285 - O) / (80·(1 - O/285)) = 285/80 for any overhead O (computed).
GOALS = {
    "1.5C": 1.0,
    "1.7C": NATIONAL_BUDGET_17C_2024_T / NATIONAL_BUDGET_15C_2024_T,
}
#: First and last start year a scenario accepts (budget year … a few years on).
START_YEARS = (KLIMATKOLLEN_BUDGET_YEAR, 2035)
@dataclass(frozen=True)
class Scenario:
    """Result of :func:`build_scenario`.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per year (index ``year``): ``history_t`` (recorded CO2 after exclusions),
        ``trend_t`` (least-squares line on 1 January, floored at 0, as Klimatkollen publishes
        it), ``pathway_t`` (emissions during the year on the budget pathway), ``carbon_law_t``
        (−11.72 %/yr from the same start level), and ``pathway_cumulative_t``,
        ``trend_cumulative_t`` (area under the trend, :func:`trend_year_integrals`) and
        ``carbon_law_cumulative_t``: emissions from 1 January of the start year to the end of
        each year. All in t CO2 (per year, or cumulative); NaN where
        a series has no value.
    summary : pandas.Series
        Key figures, see :func:`build_scenario`.
    """

    table: pd.DataFrame
    summary: pd.Series


# ------------------------------------------------------------------------------ exclusions
def check_goal(goal) -> str:
    """Return ``goal`` if it is one of :data:`GOALS`, else a Swedish ``ValueError``."""
    return v.choice(goal, GOALS, name="goal", singular="temperaturmål", plural="temperaturmål")


def included_fraction(sector_shares: pd.DataFrame, exclude_sectors=(), exclude_share=0.0) -> pd.Series:
    """Fraction (0–1) of emissions that stays in the scenario, per year.

    ``(1 - Σ shares of the excluded sectors) · (1 - exclude_share)``.

    Parameters
    ----------
    sector_shares : pandas.DataFrame
        Each sector's share (0–1) of the total per year: index ``year``, one column per sector key.
    exclude_sectors : iterable of str
        Sector keys (columns of ``sector_shares``) to take out; one string counts as one key.
    exclude_share : float
        A further share, 0 ≤ s < 1, of what remains (e.g. a point source's own reported share).
    """
    v.table_with_columns(sector_shares, [], "sector_shares")
    sectors = v.keys(exclude_sectors, tuple(sector_shares.columns), "exclude_sectors", "sektor", "sektorer")
    share = v.fraction(exclude_share, "exclude_share", "andel att undanta", "0.25 för 25 %")
    excluded = sector_shares[list(sectors)].sum(axis=1) if sectors else pd.Series(0.0, sector_shares.index)
    return ((1.0 - excluded) * (1.0 - share)).rename("included_fraction")


def budget_after_exclusions(budget_t, emissions: pd.Series, included: pd.Series,
                            first_year=GRANDFATHERING_FIRST_YEAR) -> float:
    """The budget left for what is included [t CO2]: ``B · Σ E_included / Σ E`` over the key years.

    ``emissions`` and ``included`` (the series after exclusions) are indexed by year; the key
    years are ``first_year`` onwards where ``emissions`` has data (2015–2022 for Klimatkollen).
    """
    budget = v.number(budget_t, "budget_t", "budget, ton CO₂")
    emissions = v.yearly(emissions, "emissions", "utsläpp per år, ton CO₂", non_negative=True)
    included = v.yearly(included, "included", "utsläpp som ingår per år, ton CO₂", non_negative=True)
    first_year = v.year(first_year, "first_year", "första år i fördelningsnyckeln")
    key = emissions.index[emissions.index >= first_year]
    total = float(emissions.loc[key].sum())
    if total <= 0:
        raise ValueError(f"Utsläppen {first_year} och framåt summerar till {total}: ingen fördelningsnyckel.")
    return budget * float(included.reindex(key).sum()) / total


# ------------------------------------------------------------------------------ scenario
def build_scenario(history: pd.Series, budget_t, method="exponential", start_year=2024, *,
                   target_year=SWEDEN_NET_ZERO_YEAR, end_year=CARBON_LAW_END_YEAR,
                   full_history: pd.Series | None = None, kommun: str = "", goal: str = "1.5C") -> Scenario:
    """Budget pathway, trend and Carbon Law for one CO2 series.

    Parameters
    ----------
    history : pandas.Series
        Recorded CO2 emissions [t/yr] after any exclusions, indexed by year (2015 onward needed
        for the trend).
    budget_t : float
        Remaining budget from 1 January 2024 [t CO2] for what ``history`` covers (see
        :func:`budget_after_exclusions`). May be negative (already overspent).
    method : {"exponential", "geometric", "target_year"}
        How the remaining budget becomes a pathway (:func:`models.strategy.pathway`).
        ``"exponential"`` is Klimatkollen's 2024 method; its annual values are the curve
        integrated over each year, so the years sum to the budget.
    start_year : int
        First year of the pathway, 2024–2035. Budget used between 1 January 2024 and the
        start year is subtracted along the trend.
    target_year : int
        Last year of the ``"target_year"`` method (default 2045, Sweden's net-zero year).
    end_year : int
        Last year in the table (default 2050, as Klimatkollen).
    full_history : pandas.Series, optional
        The series before exclusions; gives ``included_share_pct`` (default: ``history``).
    kommun, goal : str
        Labels carried into the summary (``goal`` one of :data:`GOALS`).

    Returns
    -------
    Scenario
        ``table`` (see :class:`Scenario`) and ``summary`` with: ``kommun``, ``goal``,
        ``method``, ``start_year``, ``target_year``, ``last_data_year``, ``budget_year``,
        ``budget_t`` (from 2024), ``included_share_pct`` (of the 2015– key),
        ``used_before_start_t``, ``remaining_t`` (at the start year), ``e0_t`` (trend value in
        the start year), ``years_of_emissions`` (remaining / E0), ``feasible``,
        ``required_reduction_pct`` (constant cut per year, NaN if not feasible),
        ``pathway_total_t``, ``trend_total_t`` and ``carbon_law_total_t`` (start year to
        ``end_year``), ``trend_slope_t_per_year``, ``exhaustion_year`` (decimal; inf =
        never within the falling trend) and ``exhaustion_date`` (Klimatkollen's convention,
        None if never), ``message_sv`` (why there is no pathway, else "").
    """
    history = v.yearly(history, "history", "utsläpp per år, ton CO₂", non_negative=True)
    if full_history is not None:
        full_history = v.yearly(full_history, "full_history", "utsläpp per år före undantag, ton CO₂",
                                non_negative=True)
    kommun = v.text(kommun, "kommun", "kommunens namn", max_length=100)
    check_goal(goal)
    method = v.choice(method, METHODS)
    start = v.integer(start_year, "start_year", "startår")
    if not START_YEARS[0] <= start <= START_YEARS[1]:
        raise ValueError(f"start_year (startår) måste ligga mellan {START_YEARS[0]} och "
                         f"{START_YEARS[1]}, fick {v.show(start_year)}. Budgeten gäller från "
                         f"1 januari {KLIMATKOLLEN_BUDGET_YEAR}.")
    end = v.integer(end_year, "end_year", "sista år")
    if not start <= end <= 2100:
        raise ValueError(f"end_year (sista år) måste ligga mellan startåret {start} och 2100, fick {v.show(end_year)}.")
    target = v.integer(target_year, "target_year", "målår")
    if method == "target_year" and not start < target <= end:
        raise ValueError(f"target_year (målår) måste ligga efter startåret {start} och senast "
                         f"{end}, fick {v.show(target_year)}.")
    budget = v.number(budget_t, "budget_t", "budget, ton CO₂")
    history = history.dropna().rename("co2_t").rename_axis("year")
    full = history if full_history is None else full_history.dropna()
    line = linear_trend(history, since=TREND_FIRST_YEAR)
    budget_year = KLIMATKOLLEN_BUDGET_YEAR
    trend = trend_pathway(line, TREND_FIRST_YEAR, max(end, start))
    trend_per_year = trend_year_integrals(line, budget_year, max(end, start))
    used = float(trend_per_year.loc[budget_year:start - 1].sum())
    remaining = budget - used
    e0 = float(trend.loc[start])

    rate, path, message = _pathway(e0, remaining, method, start, end, target)
    carbon_law = carbon_law_pathway(e0, start, end) if end >= start else pd.Series(dtype=float)
    exhaustion = budget_exhaustion_year(budget, float(trend.loc[budget_year]),
                                        line.slope_t_per_year, budget_year)
    date = None if exhaustion is None else decimal_year_to_date(exhaustion, anchor_year=budget_year + 1)
    if exhaustion is None:
        exhaustion = math.inf  # the summary's documented "never" (see the docstring)

    years = pd.Index(sorted(set(history.index) | set(range(TREND_FIRST_YEAR, end + 1))),
                     name="year")
    after = years.to_numpy() >= start
    columns = {name: series.reindex(years).to_numpy(dtype=float) for name, series in
               (("history_t", history), ("trend_t", trend), ("pathway_t", path), ("carbon_law_t", carbon_law))}
    table = pd.DataFrame({
        **columns,
        "pathway_cumulative_t": _cumulative_from(columns["pathway_t"], after),
        "trend_cumulative_t": _cumulative_from(trend_per_year.reindex(years).to_numpy(dtype=float), after),
        "carbon_law_cumulative_t": _cumulative_from(columns["carbon_law_t"], after),
    }, index=years)

    key = history.loc[GRANDFATHERING_FIRST_YEAR:]
    total_key = full.reindex(key.index).sum()
    summary = pd.Series({
        "kommun": kommun,
        "goal": goal,
        "method": method,
        "start_year": start,
        "target_year": target if method == "target_year" else None,
        "last_data_year": int(history.index.max()),
        "budget_year": budget_year,
        "budget_t": budget,
        "included_share_pct": 100.0 * key.sum() / total_key if total_key > 0 else 100.0,
        "used_before_start_t": used,
        "remaining_t": remaining,
        "e0_t": e0,
        "years_of_emissions": remaining / e0 if e0 > 0 else math.inf,
        "feasible": not message,
        "required_reduction_pct": 100.0 * rate if not message else math.nan,
        "pathway_total_t": float(path.loc[start:end].sum()) if not message else math.nan,
        "trend_total_t": float(trend_per_year.loc[start:end].sum()),
        "carbon_law_total_t": float(carbon_law.sum()),
        "trend_slope_t_per_year": line.slope_t_per_year,
        "exhaustion_year": exhaustion,
        "exhaustion_date": date,
        "message_sv": message,
    }, name=kommun, dtype=object)
    return Scenario(table, summary)


def _cumulative_from(values: np.ndarray, after: np.ndarray) -> np.ndarray:
    """Running sum of ``values`` over the years where ``after`` is true, skipping gaps; NaN in a gap
    and before (as pandas' ``where(after).cumsum().where(after)``)."""
    counted = after & ~np.isnan(values)
    total = np.cumsum(np.where(counted, values, 0.0))
    return np.where(counted, total, np.nan)


def trend_year_integrals(line, first_year, last_year) -> pd.Series:
    """Emissions during each year on the trend: ``∫_y^{y+1} max(0, line(t)) dt`` [t].

    The trend values are read as the emission *rate* on 1 January (Klimatkollen's
    convention), so a year's emissions are the area under the line over the year. Where the
    line stays positive this is the trapezoid ``(E_y + E_{y+1})/2`` Klimatkollen subtracts
    from its budgets; in the year the line crosses zero only the positive triangle counts.
    Summing these areas gives the same run-out date as
    :func:`models.strategy.budget_exhaustion_year`.
    """
    v.instance(line, TrendLine, "line", "en trendlinje från linear_trend eller lad_trend")
    first_year = v.year(first_year, "first_year", "första år")
    last_year = v.year(last_year, "last_year", "sista år")
    if last_year < first_year:
        raise ValueError(f"last_year ({last_year}) får inte vara före first_year ({first_year}).")
    years = np.arange(first_year, last_year + 1)
    a, b = line.at(years), line.at(years + 1)
    area = np.where((a >= 0) & (b >= 0), (a + b) / 2.0, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        area = np.where((a > 0) & (b < 0), a * a / (2.0 * (a - b)), area)
        area = np.where((a < 0) & (b > 0), b * b / (2.0 * (b - a)), area)
    return pd.Series(area, index=pd.Index(years, name="year"), name="trend_year_t")


def _pathway(e0: float, remaining: float, method: str, start: int, end: int, target: int
             ) -> tuple[float, pd.Series, str]:
    """Rate, annual path (NaN if none) and a Swedish message when no path exists."""
    empty = pd.Series(np.nan, index=pd.RangeIndex(start, end + 1, name="year"))
    if remaining <= 0:
        return math.nan, empty, (
            f"Budgeten är redan slut före {start} om utsläppen följer trenden: det finns "
            "ingen budget kvar att fördela på en bana.")
    if method != "exponential" and remaining < e0:
        return math.nan, empty, (
            f"Budgeten som återstår {start} är mindre än ett års utsläpp. Med den här metoden "
            "finns ingen jämn minskningstakt som räcker; välj metoden Exponentiell eller ett "
            "tidigare startår.")
    if method == "exponential":
        rate = required_annual_reduction(e0, remaining, "exponential")
        path = pathway(e0, start, end, budget=remaining, method="exponential",
                       annual_values="integral")
    elif method == "geometric":
        rate = required_annual_reduction(e0, remaining, "geometric")
        path = pathway(e0, start, end, budget=remaining, method="geometric")
    else:
        years = target - start + 1
        rate = required_annual_reduction(e0, remaining, "target_year", years=years)
        path = pathway(e0, start, target, budget=remaining, method="target_year")
        path = path.reindex(range(start, end + 1), fill_value=0.0)
    return rate, path.rename_axis("year"), ""


# ------------------------------------------------------------------------------ comparisons
def compare_methods(e0, budget, years) -> pd.Series:
    """Required annual cut [% per year] with each of the three methods for one E0 and budget.

    Parameters
    ----------
    e0 : float
        Emissions in the first budget year [t/yr] (any unit, same as ``budget``).
    budget : float
        Budget from the first year on [t].
    years : int
        Years from the first budget year to the target year, both included (for
        ``"target_year"``).

    Returns
    -------
    pandas.Series
        Index: method key; values: % per year, or ``None`` where the method has no solution
        (``budget < e0`` for geometric and target year; never NaN). The dtype is float when every
        method has a solution, object otherwise.
    """
    rates = {}
    for method in METHODS:
        try:
            rates[method] = 100.0 * required_annual_reduction(e0, budget, method, years=years)
        except ValueError:
            if method == "exponential" or v.positive(budget, "budget", "budget, t") >= e0:
                raise
            rates[method] = None
    dtype = float if all(r is not None for r in rates.values()) else object
    return pd.Series(rates, name="required_reduction_pct", dtype=dtype).rename_axis("method")


def national_net_budget(goal="1.5C") -> float:
    """Sweden's budget from 2024 net of the national overhead [t CO2], Klimatkollen's rule.

    ``80 Mt · (1 - 54.797/285)`` = 64.62 Mt for 1.5 °C and ``285 - 54.797`` = 230.20 Mt for
    1.7 °C (:func:`models.strategy.budget_net_of_overhead`; constants from the CEMUS county
    report via Klimatkollen 2024).
    """
    net_15 = budget_net_of_overhead(NATIONAL_BUDGET_15C_2024_T, NATIONAL_BUDGET_17C_2024_T,
                                    NATIONAL_OVERHEAD_17C_2024_T)
    return net_15 * GOALS[check_goal(goal)]


def county_budget_shares(co2: pd.DataFrame, published_t: pd.Series, goal="1.5C",
                         first_year=GRANDFATHERING_FIRST_YEAR) -> pd.DataFrame:
    """Grandfathering within a county, checked against published municipal budgets.

    The published 1.5 °C budgets (from 2024) are summed and shared again by
    :func:`models.strategy.budget_share` on the kommuner's CO2 emissions from ``first_year``.
    Because grandfathering is proportional, this must give back each published budget: a check
    that the data and the method are the ones Klimatkollen used.

    Parameters
    ----------
    co2 : pandas.DataFrame
        CO2 emissions [t/yr]: index ``year``, one column per kommun.
    published_t : pandas.Series
        Published 1.5 °C budget per kommun [t CO2].
    goal : {"1.5C", "1.7C"}

    Returns
    -------
    pandas.DataFrame
        Index ``kommun``; ``co2_2015_2022_t`` (sum of the key years, t CO2),
        ``share_of_county_pct``, ``budget_t`` (recomputed share, t CO2),
        ``published_budget_t`` (times the goal factor) and ``share_of_sweden_pct`` (published
        budget / Sweden's net budget), largest first.
    """
    factor = GOALS[check_goal(goal)]
    first_year = v.year(first_year, "first_year", "första år i fördelningsnyckeln")
    v.table_with_columns(co2, [], "co2")
    if co2.empty or len(co2.columns) == 0:
        raise ValueError("co2 är tom: en rad per år och en kolumn per kommun krävs.")
    for column in co2.columns:
        v.yearly(co2[column], f"co2[{v.show(column)}]", "CO₂-utsläpp per år, ton", non_negative=True)
    published_t = v.series(published_t, "published_t", "publicerad budget per kommun, ton CO₂", years=False)
    missing = [k for k in co2.columns if k not in published_t.index]
    if missing:
        raise ValueError(f"published_t saknar budget för kommunerna {missing[:5]}.")
    key = co2.loc[first_year:]
    tidy = key.stack().rename("emissions_t").reset_index()
    tidy.columns = ["year", "kommun", "emissions_t"]
    published = published_t.reindex(co2.columns) * factor
    shares = budget_share(tidy, float(published.sum()))
    table = pd.DataFrame({
        "co2_2015_2022_t": key.sum(),
        "share_of_county_pct": 100.0 * key.sum() / key.sum().sum(),
        "budget_t": shares,
        "published_budget_t": published,
        "share_of_sweden_pct": 100.0 * published / national_net_budget(goal),
    })
    table.index.name = "kommun"
    return table.sort_values("budget_t", ascending=False)
