"""A kommun's carbon-budget scenario: history, trend, budget pathway and Carbon Law in one table.

This composes the pure functions of :mod:`models.strategy` for one kommun, the way
Klimatkollen did in December 2024 (Klimatbyran/klimatkollen@2fc6856b,
``data/issues/emissions/emission_data_calculations.py``):

* **Emissions:** SMHI's CO2-only series (``sub=CO2``) in the snapshot Klimatkollen used,
  :data:`CO2_DATASET` (years 1990, 2000, 2005, 2010, 2015–2022, t CO2). The budgets are CO2
  budgets, so the scenario never mixes in the CO2e (GHG) series.
* **Budget:** Klimatkollen's published 1.5 °C budget for the kommun from 1 January 2024
  (``data/klimatkollen_carbon_budget.csv``, dataset :data:`KK_BUDGET_DATASET`), i.e. the
  national 80 Mt net of the scaled national overhead, shared by grandfathering on the
  kommuner's CO2 emissions 2015–2022. The 1.7 °C variant uses the same share of the 1.7 °C
  national budget; because Klimatkollen scales the overhead with the budget, that is exactly
  285/80 times the 1.5 °C budget (computed, see :func:`kommun_budget`).
* **Trend:** least squares on 2015–2022 (Klimatkollen's 2024 method), not floored below in
  the fit, floored at zero in the path.
* **Used budget before the start year:** the area under the trend from 1 January 2024 to the
  start year (:func:`trend_year_integrals`; Klimatkollen's trapezoid rule for years without
  SMHI data, exact also where the line reaches zero).
* **Start level E0:** the trend value in the start year.
* **Exclusions:** a sector (or several) or a learner-given share can be taken out. Sector
  shares per year come from the CO2e series by sector (:data:`SHARE_DATASET`, which has every
  year of the CO2 series) and are applied to the CO2 series – an approximation, because a
  sector's share of CO2 is not exactly its share of CO2e. The budget shrinks in proportion to
  what is excluded from the grandfathering key (2015–2022): the excluded source keeps its own
  part of the budget instead of handing it to the rest of the kommun.

Everything returned is labelled with its unit; values computed here are the book's own
calculations ("beräknat"), not official statistics.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from models import data

from . import _validation as v
from .budget import METHODS, budget_net_of_overhead, budget_share, required_annual_reduction
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
from .trend import linear_trend, trend_pathway

#: SMHI CO2-only snapshot that Klimatkollen's December 2024 budgets were computed from.
CO2_DATASET = "co2_to_2022_snapshot_2024_12"
#: Klimatkollen's budget release that matches :data:`CO2_DATASET`.
KK_BUDGET_DATASET = "klimatkollen_2024_12"
#: CO2e snapshot with sectors for every year of :data:`CO2_DATASET` (used for sector shares);
#: the same as ``models.emissions.PREVIOUS_DATASET`` (not imported: models.emissions imports
#: models.strategy, so importing it here could make a cycle).
SHARE_DATASET = "ghg_to_2023_snapshot_2026_02"
#: Temperature goals: key -> factor on Klimatkollen's 1.5 °C kommun budget.
#: 1.7 °C: (285 - O) / (80·(1 - O/285)) = 285/80 for any overhead O (computed).
GOALS = {
    "1.5C": 1.0,
    "1.7C": NATIONAL_BUDGET_17C_2024_T / NATIONAL_BUDGET_15C_2024_T,
}
#: First and last start year a scenario accepts (budget year … a few years on).
START_YEARS = (KLIMATKOLLEN_BUDGET_YEAR, 2035)
#: Sector keys that can be excluded (SMHI main sectors, see models.emissions.sector_labels).
SECTORS = (
    "agriculture", "domestic_transport", "electricity_and_district_heating",
    "industry_energy_and_processes", "international_transport",
    "own_heating_of_dwellings_and_premises", "product_use_incl_solvents",
    "waste_incl_wastewater", "work_machinery",
)


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


# ------------------------------------------------------------------------------ inputs
@lru_cache(maxsize=None)
def _co2_wide() -> pd.DataFrame:
    frame = data.load("emissions_total")
    frame = frame[frame["dataset"] == CO2_DATASET]
    return frame.pivot(index="year", columns="kommun", values="emissions_t").sort_index()


@lru_cache(maxsize=None)
def _sector_shares(kommun: str) -> pd.DataFrame:
    """Share (0–1) of each sector in the kommun's CO2e total per year, SHARE_DATASET."""
    frame = data.load("emissions_by_sector")
    frame = frame[(frame["dataset"] == SHARE_DATASET) & (frame["kommun"] == kommun)]
    wide = frame.pivot(index="year", columns="sector", values="emissions_t_co2e").sort_index()
    wide = wide.reindex(columns=list(SECTORS), fill_value=0.0)
    return wide.div(wide.sum(axis=1), axis=0)


@lru_cache(maxsize=None)
def _published_budgets() -> pd.Series:
    frame = data.load("klimatkollen_carbon_budget")
    frame = frame[frame["dataset"] == KK_BUDGET_DATASET]
    return frame.set_index("kommun")["budget_remaining_t"]


def _check_sectors(exclude_sectors) -> tuple[str, ...]:
    if exclude_sectors is None:
        return ()
    if isinstance(exclude_sectors, str):
        exclude_sectors = (exclude_sectors,)
    try:
        sectors = tuple(exclude_sectors)
    except TypeError:
        raise ValueError("exclude_sectors måste vara en lista med sektornycklar, fick "
                         f"{v.show(exclude_sectors)}.") from None
    for sector in sectors:
        v.choice(sector, SECTORS, name="exclude_sectors", singular="sektor", plural="sektorer")
    return tuple(dict.fromkeys(sectors))


def _check_goal(goal) -> str:
    if not isinstance(goal, str) or goal not in GOALS:
        valid = ", ".join(f'"{g}"' for g in GOALS)
        raise ValueError(f"Okänt temperaturmål {v.show(goal)}. Giltiga: {valid}.")
    return goal


def _check_share(exclude_share) -> float:
    return v.fraction(exclude_share, "exclude_share", "andel att undanta", "0.25 för 25 %")


def included_fraction(kommun, exclude_sectors=(), exclude_share=0.0) -> pd.Series:
    """Fraction (0–1) of the kommun's emissions that stays in the scenario, per year.

    ``(1 - Σ sector shares) · (1 - exclude_share)``; sector shares from :data:`SHARE_DATASET`
    (CO2e by sector), years 1990, 2000, 2005, 2010, 2015–2023.
    """
    name = data.kommun_name(kommun)
    sectors = _check_sectors(exclude_sectors)
    share = _check_share(exclude_share)
    shares = _sector_shares(name)
    excluded = shares[list(sectors)].sum(axis=1) if sectors else pd.Series(0.0, shares.index)
    return ((1.0 - excluded) * (1.0 - share)).rename("included_fraction")


def co2_history(kommun, exclude_sectors=(), exclude_share=0.0) -> pd.Series:
    """Recorded CO2 emissions [t/yr] of a kommun after exclusions, :data:`CO2_DATASET`.

    Index ``year`` (1990, 2000, 2005, 2010, 2015–2022), name ``co2_t``.
    """
    name = data.kommun_name(kommun)
    return _history(name, _check_sectors(exclude_sectors), _check_share(exclude_share)).copy()


@lru_cache(maxsize=1024)
def _history(name: str, sectors: tuple[str, ...], share: float) -> pd.Series:
    """Cached :func:`co2_history` for validated arguments (callers must not modify it)."""
    co2 = _co2_wide()[name].dropna()
    fraction = included_fraction(name, sectors, share).reindex(co2.index)
    return (co2 * fraction).rename("co2_t").rename_axis("year")


@lru_cache(maxsize=1024)
def _budget(name: str, goal: str, sectors: tuple[str, ...], share: float) -> float:
    co2 = _co2_wide()[name]
    key_years = co2.index[(co2.index >= GRANDFATHERING_FIRST_YEAR) & co2.notna()]
    key_total = co2.loc[key_years].sum()
    key_included = _history(name, sectors, share).loc[key_years].sum()
    return float(_published_budgets()[name] * GOALS[goal] * key_included / key_total)


def kommun_budget(kommun, goal="1.5C", exclude_sectors=(), exclude_share=0.0) -> float:
    """The kommun's CO2 budget from 1 January 2024 [t CO2].

    ``B = B_KK · goal factor · Σ_{2015..2022} E_included / Σ_{2015..2022} E``, where ``B_KK``
    is Klimatkollen's published 1.5 °C budget (``data/klimatkollen_carbon_budget.csv``,
    ``klimatkollen_2024_12``) and the factor is 1 for ``"1.5C"`` and 285/80 for ``"1.7C"``.
    Without exclusions and with ``"1.5C"`` this is Klimatkollen's number unchanged.
    """
    return _budget(data.kommun_name(kommun), _check_goal(goal), _check_sectors(exclude_sectors),
                   _check_share(exclude_share))


# ------------------------------------------------------------------------------ scenario
def build_scenario(kommun, goal="1.5C", method="exponential", start_year=2024, *,
                   exclude_sectors=(), exclude_share=0.0, target_year=SWEDEN_NET_ZERO_YEAR,
                   end_year=CARBON_LAW_END_YEAR) -> Scenario:
    """Budget pathway, trend and Carbon Law for one kommun, with optional exclusions.

    Parameters
    ----------
    kommun : str or int
        Name or SCB code.
    goal : {"1.5C", "1.7C"}
        Which national budget the kommun's share is taken of (see :data:`GOALS`).
    method : {"exponential", "geometric", "target_year"}
        How the remaining budget becomes a pathway (:func:`models.strategy.pathway`).
        ``"exponential"`` is Klimatkollen's 2024 method; its annual values are the curve
        integrated over each year, so the years sum to the budget (Klimatkollen plots the
        curve's value on 1 January; the required annual cut is the same).
    start_year : int
        First year of the pathway, 2024–2035. Budget used between 1 January 2024 and the
        start year is subtracted along the trend.
    exclude_sectors : iterable of str
        SMHI sector keys (:data:`SECTORS`) to take out of emissions and budget.
    exclude_share : float
        A further share (0 ≤ s < 1) of the remaining emissions to take out, e.g. a point
        source's share that the learner knows from the company's own reporting.
    target_year : int
        Last year of the ``"target_year"`` method (default 2045, Sweden's net-zero year).
    end_year : int
        Last year in the table (default 2050, as Klimatkollen).

    Returns
    -------
    Scenario
        ``table`` (see :class:`Scenario`) and ``summary`` with: ``kommun``, ``goal``,
        ``method``, ``start_year``, ``target_year``, ``last_data_year``, ``budget_year``,
        ``budget_t`` (from 2024), ``included_share_pct`` (of the 2015–2022 key),
        ``used_before_start_t``, ``remaining_t`` (at the start year), ``e0_t`` (trend value in
        the start year), ``years_of_emissions`` (remaining / E0), ``feasible``,
        ``required_reduction_pct`` (constant cut per year, NaN if not feasible),
        ``pathway_total_t``, ``trend_total_t`` and ``carbon_law_total_t`` (start year to
        ``end_year``), ``trend_slope_t_per_year``, ``exhaustion_year`` (decimal; inf =
        never within the falling trend) and ``exhaustion_date`` (Klimatkollen's convention,
        None if never), ``message_sv`` (why there is no pathway, else "").
    """
    name = data.kommun_name(kommun)
    method = v.choice(method, METHODS)
    start = v.integer(start_year, "start_year", "startår")
    if not START_YEARS[0] <= start <= START_YEARS[1]:
        raise ValueError(f"start_year (startår) måste ligga mellan {START_YEARS[0]} och "
                         f"{START_YEARS[1]}, fick {v.show(start_year)}. Budgeten gäller från "
                         f"1 januari {KLIMATKOLLEN_BUDGET_YEAR}.")
    end = v.integer(end_year, "end_year", "sista år")
    target = v.integer(target_year, "target_year", "målår")
    if method == "target_year" and not start < target <= end:
        raise ValueError(f"target_year (målår) måste ligga efter startåret {start} och senast "
                         f"{end}, fick {v.show(target_year)}.")
    if end < start:
        raise ValueError(f"end_year ({end}) får inte vara före start_year ({start}).")

    sectors, share = _check_sectors(exclude_sectors), _check_share(exclude_share)
    history = _history(name, sectors, share)
    budget = _budget(name, _check_goal(goal), sectors, share)
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
    date = None if math.isinf(exhaustion) else decimal_year_to_date(
        exhaustion, anchor_year=budget_year + 1)

    years = pd.Index(sorted(set(history.index) | set(range(TREND_FIRST_YEAR, end + 1))),
                     name="year")
    table = pd.DataFrame(index=years)
    table["history_t"] = history.reindex(years)
    table["trend_t"] = trend.reindex(years)
    table["pathway_t"] = path.reindex(years)
    table["carbon_law_t"] = carbon_law.reindex(years)
    after = years >= start
    table["pathway_cumulative_t"] = table["pathway_t"].where(after).cumsum().where(after)
    table["trend_cumulative_t"] = trend_per_year.reindex(years).where(after).cumsum().where(after)
    table["carbon_law_cumulative_t"] = table["carbon_law_t"].where(after).cumsum().where(after)

    key = history.loc[GRANDFATHERING_FIRST_YEAR:]
    total_key = _co2_wide()[name].loc[key.index].sum()
    summary = pd.Series({
        "kommun": name,
        "goal": goal,
        "method": method,
        "start_year": start,
        "target_year": target if method == "target_year" else None,
        "last_data_year": int(history.index.max()),
        "budget_year": budget_year,
        "budget_t": budget,
        "included_share_pct": 100.0 * key.sum() / total_key,
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
    }, name=name, dtype=object)
    return Scenario(table, summary)


def trend_year_integrals(line, first_year, last_year) -> pd.Series:
    """Emissions during each year on the trend: ``∫_y^{y+1} max(0, line(t)) dt`` [t].

    The trend values are read as the emission *rate* on 1 January (Klimatkollen's
    convention), so a year's emissions are the area under the line over the year. Where the
    line stays positive this is the trapezoid ``(E_y + E_{y+1})/2`` Klimatkollen subtracts
    from its budgets; in the year the line crosses zero only the positive triangle counts.
    Summing these areas gives the same run-out date as
    :func:`models.strategy.budget_exhaustion_year`.
    """
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
METHOD_LABELS_SV = {
    "exponential": "Exponentiell (kontinuerlig)",
    "geometric": "Geometrisk (oändlig horisont)",
    "target_year": "Fast målår",
}


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
        Index: method key; values: % per year (NaN where the method has no solution, i.e.
        ``budget < e0`` for geometric and target year).
    """
    rates = {}
    for method in METHODS:
        try:
            rates[method] = 100.0 * required_annual_reduction(e0, budget, method, years=years)
        except ValueError:
            if method == "exponential" or v.positive(budget, "budget", "budget, t") >= e0:
                raise
            rates[method] = math.nan
    return pd.Series(rates, name="required_reduction_pct").rename_axis("method")


def exclusion_effect(kommun, options: dict[str, Iterable[str]], goal="1.5C",
                     method="exponential", start_year=2024) -> pd.DataFrame:
    """The same scenario with different sector exclusions side by side.

    ``options`` maps a label to a tuple of sector keys. Returns one row per label with
    ``e0_t``, ``budget_t``, ``remaining_t``, ``required_reduction_pct``,
    ``trend_slope_t_per_year`` and ``exhaustion_year``.
    """
    rows = {}
    for label, sectors in options.items():
        s = build_scenario(kommun, goal, method, start_year, exclude_sectors=sectors).summary
        rows[label] = s[["e0_t", "budget_t", "remaining_t", "required_reduction_pct",
                         "trend_slope_t_per_year", "exhaustion_year"]].astype(float)
    return pd.DataFrame(rows).T.rename_axis("exclusion")


def national_net_budget(goal="1.5C") -> float:
    """Sweden's budget from 2024 net of the national overhead [t CO2], Klimatkollen's rule.

    ``80 Mt · (1 - 54.797/285)`` = 64.62 Mt for 1.5 °C and ``285 - 54.797`` = 230.20 Mt for
    1.7 °C (:func:`models.strategy.budget_net_of_overhead`; constants from the CEMUS county
    report via Klimatkollen 2024).
    """
    net_15 = budget_net_of_overhead(NATIONAL_BUDGET_15C_2024_T, NATIONAL_BUDGET_17C_2024_T,
                                    NATIONAL_OVERHEAD_17C_2024_T)
    return net_15 * GOALS[_check_goal(goal)]


def county_budget_shares(goal="1.5C") -> pd.DataFrame:
    """Grandfathering within Norrbotten, checked against Klimatkollen's published budgets.

    The 14 kommuner's published 1.5 °C budgets (from 2024) are summed and shared again by
    :func:`models.strategy.budget_share` on their CO2 emissions 2015–2022
    (:data:`CO2_DATASET`). Because grandfathering is proportional, this must give back each
    published budget: a check that the data and the method are the ones Klimatkollen used.

    Returns
    -------
    pandas.DataFrame
        Index ``kommun``; ``co2_2015_2022_t`` (sum of the key years, t CO2),
        ``share_of_county_pct``, ``budget_t`` (recomputed share, t CO2),
        ``published_budget_t`` (Klimatkollen, 1.5 °C, times the goal factor) and
        ``share_of_sweden_pct`` (published budget / Sweden's net budget), largest first.
    """
    factor = GOALS[_check_goal(goal)]
    co2 = _co2_wide()[list(data.KOMMUNER)]
    key = co2.loc[GRANDFATHERING_FIRST_YEAR:]
    tidy = key.stack().rename("emissions_t").reset_index()
    published = _published_budgets().reindex(list(data.KOMMUNER)) * factor
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
