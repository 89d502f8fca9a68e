"""Describing a kommun's territorial emissions: sector shares, per inhabitant, change and trend.

Pure functions on series and tables the caller reads from :mod:`models.data.emissions`. Units:
tonnes of CO2-equivalent (t CO2e) unless stated.
"""
from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from models.common import checks

from .constants import TREND_FIRST_YEAR
from .trend import cagr_pct, lad_trend


def sector_shares(row: pd.Series, labels: dict[str, str]) -> pd.DataFrame:
    """Each sector's emissions and share of their sum, largest first.

    Parameters
    ----------
    row : pandas.Series
        Emissions per sector key in one year [t CO2e].
    labels : dict
        Swedish label per sector key.

    Returns
    -------
    pandas.DataFrame
        Index ``sector``; ``sector_sv``, ``emissions_t_co2e``, ``share_pct`` (of the sum, %).
    """
    row = checks.series(row, "row", "utsläpp per sektor, ton CO₂e", years=False)
    if not isinstance(labels, Mapping):
        raise checks.WrongType(f"labels (svenska sektornamn) måste vara en ordlista sektor -> namn, "
                               f"fick {checks.show(labels)}.")
    total = float(row.sum())
    table = pd.DataFrame({
        "sector_sv": [str(labels.get(key, key)) if _hashable(key) else str(key) for key in row.index],
        "emissions_t_co2e": row.to_numpy(dtype=float),
        "share_pct": (row / total * 100).to_numpy(dtype=float) if total > 0 else np.zeros(len(row)),
    }, index=pd.Index(row.index, name="sector"))
    return table.sort_values("emissions_t_co2e", ascending=False)


def county_table(emissions: pd.Series, population, county_total: float) -> pd.DataFrame:
    """The kommuner in one year: emissions, population, per inhabitant and share of the county.

    ``emissions`` [t CO2e] and ``population`` [inhabitants] are indexed by kommun (population may
    be NaN where the data have none); ``county_total`` [t CO2e] is the county's total in the same
    snapshot. Columns ``emissions_t_co2e``, ``population``, ``t_co2e_per_capita``,
    ``share_of_county_pct``; largest emitter first. ``t_co2e_per_capita`` is NaN exactly where
    the population is missing (no data that year), never inf.
    """
    county_total = checks.positive(county_total, "county_total", "länets utsläpp, ton CO₂e")
    emissions = checks.series(emissions, "emissions", "utsläpp per kommun, ton CO₂e", kind="non_negative",
                              years=False)
    if not isinstance(population, pd.Series):
        raise checks.WrongType(f"population (invånare per kommun) måste vara en pandas.Series, "
                               f"fick {checks.show(population)}.")
    present = population.dropna()
    checks.series(present, "population", "invånare per kommun", kind="positive", years=False, allow_empty=True)
    population = pd.to_numeric(population.astype(object).where(population.notna(), np.nan), errors="coerce")
    table = pd.DataFrame({
        "emissions_t_co2e": emissions,
        "population": population,
    })
    table["t_co2e_per_capita"] = table["emissions_t_co2e"] / table["population"]
    table["share_of_county_pct"] = table["emissions_t_co2e"] / county_total * 100
    table.index.name = "kommun"
    return table.sort_values("emissions_t_co2e", ascending=False)


def change_since(series: pd.Series, since: int = TREND_FIRST_YEAR) -> pd.Series:
    """How emissions have moved since ``since`` (default 2015, as Klimatkollen).

    Returns ``first_year``, ``last_year``, ``first_t_co2e``, ``last_t_co2e``, ``change_pct``
    (last vs first, %), ``cagr_pct_per_year`` (compound annual change, Klimatkollen's
    historicalEmissionChangePercent) and ``lad_slope_t_per_year`` (robust median/LAD slope,
    Klimatkollen's trend line).
    """
    series = checks.yearly(series, "series", "utsläpp per år, ton CO₂e")
    since = checks.year(since, "since", "första år")
    window = series[series.index >= since]
    if len(window) < 2:
        raise ValueError(f"Minst två år behövs för en trend; serien har {len(window)} år från {since}.")
    first_year, last_year = int(window.index[0]), int(window.index[-1])
    return pd.Series({
        "first_year": first_year,
        "last_year": last_year,
        "first_t_co2e": float(window.iloc[0]),
        "last_t_co2e": float(window.iloc[-1]),
        "change_pct": (window.iloc[-1] / window.iloc[0] - 1) * 100,
        "cagr_pct_per_year": cagr_pct(window.iloc[0], window.iloc[-1], last_year - first_year),
        "lad_slope_t_per_year": lad_trend(window, since=since).slope_t_per_year,
    }, name=series.name)


def _hashable(key) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True
