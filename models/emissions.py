"""Territorial greenhouse-gas emissions of the Norrbotten municipalities.

History, sectors, per capita, share of the county and the trend since 2015, from SMHI's
Nationella emissionsdatabasen (RUS) as republished by Klimatkollen (see ``data/datapackage.json``).
Territorial statistics count emissions where they happen, so large point sources are
included: SSAB's steel works in Luleå, LKAB's mines and pellet plants in Kiruna and Gällivare.

Units: tonnes of CO2-equivalent (t CO2e, SMHI's "växthusgaser totalt", GGT) unless stated.
Each SMHI release revises the back-series, so a function works on exactly one ``dataset``
(snapshot) and never splices two.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from models import data
from models.strategy import cagr_pct, lad_trend

#: The newest SMHI snapshot: 1990, 2000, 2005, 2010, 2015 and 2020-2024 (no 2016-2019).
LATEST_DATASET = "ghg_to_2024_snapshot_2026_06"
#: The previous snapshot: 1990, 2000, 2005, 2010 and every year 2015-2023.
PREVIOUS_DATASET = "ghg_to_2023_snapshot_2026_02"
GHG_DATASETS = (LATEST_DATASET, PREVIOUS_DATASET)
#: First year of the trend, as in Klimatkollen's trend_calculations.py (LAD on years >= 2015).
TREND_START_YEAR = 2015


def _check_dataset(dataset: str) -> str:
    if dataset not in GHG_DATASETS:
        valid = ", ".join(f'"{d}"' for d in GHG_DATASETS)
        raise ValueError(f'Okänd utsläppsdatamängd "{dataset}". Giltiga: {valid}.')
    return dataset


@lru_cache(maxsize=None)
def _totals(dataset: str) -> pd.DataFrame:
    """Wide table: index year, one column per kommun (and the county), t CO2e."""
    frame = data.load("emissions_total")
    frame = frame[frame["dataset"] == dataset]
    return frame.pivot(index="year", columns="kommun", values="emissions_t").sort_index()


@lru_cache(maxsize=None)
def _sectors(dataset: str) -> pd.DataFrame:
    frame = data.load("emissions_by_sector")
    return frame[frame["dataset"] == dataset]


@lru_cache(maxsize=None)
def _population() -> pd.DataFrame:
    """Wide table: index year, one column per kommun, inhabitants on 31 December."""
    frame = data.load("population")
    return frame.pivot(index="year", columns="kommun", values="population").sort_index()


@lru_cache(maxsize=None)
def _sector_labels() -> dict[str, str]:
    frame = data.load("emissions_by_sector")
    return dict(zip(frame["sector"], frame["sector_sv"]))


def sector_labels() -> dict[str, str]:
    """SMHI's Swedish main-sector label for each English sector key."""
    return dict(_sector_labels())


def total(kommun: str, dataset: str = LATEST_DATASET) -> pd.Series:
    """Total territorial emissions of one kommun (or the county) per year.

    Parameters
    ----------
    kommun : str
        Name or 4-digit SCB code (see :func:`models.data.kommun_name`), or ``"Norrbottens län"``.
    dataset : str
        SMHI snapshot, one of :data:`GHG_DATASETS`.

    Returns
    -------
    pandas.Series
        ``emissions_t_co2e`` indexed by ``year``; only the years the snapshot has.
    """
    name = area_name(kommun)
    series = _totals(_check_dataset(dataset))[name].dropna()
    return series.rename("emissions_t_co2e").rename_axis("year")


def by_sector(kommun: str, dataset: str = LATEST_DATASET) -> pd.DataFrame:
    """Emissions per SMHI main sector and year, t CO2e.

    Returns a wide DataFrame: index ``year``, one column per sector key (see
    :func:`sector_labels` for the Swedish names). Sectors that are zero in every
    year (international transport, which SMHI books nationally) are left out.
    """
    return _by_sector(area_name(kommun), _check_dataset(dataset)).copy()


@lru_cache(maxsize=None)
def _by_sector(name: str, dataset: str) -> pd.DataFrame:
    frame = _sectors(dataset)
    frame = frame[frame["kommun"] == name]
    if frame.empty:
        raise ValueError(f'Sektorsdata saknas för "{name}" i datamängden "{dataset}".')
    wide = frame.pivot(index="year", columns="sector", values="emissions_t_co2e").sort_index()
    wide = wide.loc[:, (wide != 0).any()]
    wide.columns.name = "sector"
    return wide


def sector_shares(kommun: str, year: int | None = None, dataset: str = LATEST_DATASET) -> pd.DataFrame:
    """Each sector's emissions (t CO2e) and share of the total (%) in one year, largest first."""
    sectors = by_sector(kommun, dataset)
    year = _check_year(year, sectors.index)
    row = sectors.loc[year]
    labels = _sector_labels()
    table = pd.DataFrame({
        "sector_sv": [labels[key] for key in row.index],
        "emissions_t_co2e": row.to_numpy(),
        "share_pct": (row / row.sum() * 100).to_numpy(),
    }, index=pd.Index(row.index, name="sector"))
    return table.sort_values("emissions_t_co2e", ascending=False)


def county_table(year: int | None = None, dataset: str = LATEST_DATASET) -> pd.DataFrame:
    """All 14 kommuner in one year: emissions, population, per capita and share of the county.

    Columns: ``emissions_t_co2e``; ``population`` (31 December of ``year``, SCB; NaN where
    the data has no population for that year); ``t_co2e_per_capita``;
    ``share_of_county_pct`` (share of the county total in the same snapshot).
    Sorted by emissions, largest first.
    """
    totals = _totals(_check_dataset(dataset))
    year = _check_year(year, totals.index)
    emissions = totals.loc[year, list(data.KOMMUNER)]
    county_total = totals.loc[year, data.COUNTY_NAME] if data.COUNTY_NAME in totals else emissions.sum()
    population = _population()
    people = population.loc[year, list(data.KOMMUNER)] if year in population.index else np.nan
    table = pd.DataFrame({
        "emissions_t_co2e": emissions,
        "population": people,
        "t_co2e_per_capita": emissions / people,
        "share_of_county_pct": emissions / county_total * 100,
    })
    table.index.name = "kommun"
    return table.sort_values("emissions_t_co2e", ascending=False)


def trend(kommun: str, since: int = TREND_START_YEAR, dataset: str = LATEST_DATASET) -> pd.Series:
    """How emissions have moved since ``since`` (default 2015).

    Returns a Series with
    ``first_year``, ``last_year``, ``first_t_co2e``, ``last_t_co2e``,
    ``change_pct`` (last vs first, %), ``cagr_pct_per_year`` (compound annual change, %, the
    figure Klimatkollen publishes as historicalEmissionChangePercent) and
    ``lad_slope_t_per_year`` (robust median/LAD regression slope over the available years,
    as Klimatkollen's trend line).
    """
    series = total(kommun, dataset)
    window = series[series.index >= since]
    if len(window) < 2:
        raise ValueError(f"Minst två år behövs för en trend; {kommun} har {len(window)} år från {since}.")
    first_year, last_year = int(window.index[0]), int(window.index[-1])
    slope = lad_trend(window, since=since).slope_t_per_year
    return pd.Series({
        "first_year": first_year,
        "last_year": last_year,
        "first_t_co2e": window.iloc[0],
        "last_t_co2e": window.iloc[-1],
        "change_pct": (window.iloc[-1] / window.iloc[0] - 1) * 100,
        "cagr_pct_per_year": cagr_pct(window.iloc[0], window.iloc[-1], last_year - first_year),
        "lad_slope_t_per_year": slope,
    }, name=area_name(kommun))


def summary(kommun: str, dataset: str = LATEST_DATASET) -> pd.Series:
    """Key figures for one kommun in the snapshot's latest year (the lesson's fact box)."""
    name = data.kommun_name(kommun)
    county = county_table(dataset=dataset)
    year = int(_totals(dataset).index.max())
    sectors = sector_shares(name, year, dataset)
    change = trend(name, dataset=dataset)
    largest = sectors.iloc[0]
    return pd.Series({
        "kommun": name,
        "year": year,
        "emissions_t_co2e": county.loc[name, "emissions_t_co2e"],
        "t_co2e_per_capita": county.loc[name, "t_co2e_per_capita"],
        "share_of_county_pct": county.loc[name, "share_of_county_pct"],
        "rank_in_county": int(county.index.get_loc(name)) + 1,
        "largest_sector_sv": largest["sector_sv"],
        "largest_sector_share_pct": largest["share_pct"],
        "change_since_2015_pct": change["change_pct"],
        "cagr_2015_pct_per_year": change["cagr_pct_per_year"],
        "lad_slope_t_per_year": change["lad_slope_t_per_year"],
    }, name=name)


def area_name(kommun: str) -> str:
    """Canonical kommun name, or the county name."""
    if isinstance(kommun, str) and kommun.strip().casefold() in {
        data.COUNTY_NAME.casefold(), "norrbotten", "länet", "lanet"
    }:
        return data.COUNTY_NAME
    return data.kommun_name(kommun)


def _check_year(year: int | None, available: pd.Index) -> int:
    if year is None:
        return int(available.max())
    if year not in available:
        years = ", ".join(str(y) for y in available)
        raise ValueError(f"Året {year} finns inte i datamängden. Tillgängliga år: {years}.")
    return int(year)
