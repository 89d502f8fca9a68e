"""SMHI's territorial emissions per kommun, sector and year, and SCB's population.

Source: SMHI, Nationella emissionsdatabasen (RUS), as republished by Klimatkollen (see
``data/datapackage.json``). Each SMHI release revises the back-series, so every function works
on exactly one ``dataset`` (snapshot) and never splices two. Territorial statistics count
emissions where they happen, so large point sources are included (SSAB in Luleå, LKAB in Kiruna
and Gällivare, the mines' work machinery in Pajala and Gällivare).

Units: tonnes of CO2-equivalent (t CO2e, "växthusgaser totalt") in the GHG snapshots, tonnes of
CO2 in :data:`CO2_DATASET`.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from models.common import checks
from models.data.package import COUNTY_NAME, KOMMUNER, kommun_name, load, version
from models.data.validation import SECTORS_SV

#: The newest SMHI snapshot: 1990, 2000, 2005, 2010, 2015 and 2020-2024 (no 2016-2019).
LATEST_DATASET = "ghg_to_2024_snapshot_2026_06"
#: The previous snapshot: 1990, 2000, 2005, 2010 and every year 2015-2023.
PREVIOUS_DATASET = "ghg_to_2023_snapshot_2026_02"
GHG_DATASETS = (LATEST_DATASET, PREVIOUS_DATASET)
#: SMHI CO2-only snapshot that Klimatkollen's December 2024 budgets were computed from
#: (1990, 2000, 2005, 2010, 2015-2022, t CO2).
CO2_DATASET = "co2_to_2022_snapshot_2024_12"
DATASETS = GHG_DATASETS + (CO2_DATASET,)
#: SMHI's main sectors (keys as in the data files), in SMHI's order.
SECTORS = tuple(SECTORS_SV)

_LABELS = {
    LATEST_DATASET: "utgåva juni 2026, data t.o.m. 2024",
    PREVIOUS_DATASET: "utgåva februari 2026, data t.o.m. 2023",
    CO2_DATASET: "endast CO₂, utgåva december 2024, data t.o.m. 2022",
}


def source_note(dataset: str = LATEST_DATASET) -> str:
    """The citation printed under every table and chart that uses ``dataset`` (Swedish)."""
    return f"Källa: SMHI, Nationella emissionsdatabasen, via Klimatkollen ({_LABELS[check_dataset(dataset)]})."


def dataset_label(dataset: str) -> str:
    """The snapshot in words, e.g. "utgåva juni 2026, data t.o.m. 2024"."""
    return _LABELS[check_dataset(dataset)]


def population_note() -> str:
    """The citation for SCB's population figures."""
    return "Befolkning: SCB, folkmängd 31 december."


def check_dataset(dataset: str, allowed=DATASETS) -> str:
    """Return ``dataset`` if it is one of ``allowed``, else a Swedish ``ValueError``."""
    return checks.choice(dataset, allowed, name="dataset", singular="utsläppsdatamängd", plural="datamängder")


def area_name(kommun) -> str:
    """Canonical kommun name, or the county name for "Norrbottens län", "Norrbotten", "länet"."""
    if isinstance(kommun, str) and kommun.strip().casefold() in {
        COUNTY_NAME.casefold(), "norrbotten", "länet", "lanet"
    }:
        return COUNTY_NAME
    return kommun_name(kommun)




@lru_cache(maxsize=16)
def _wide_totals(dataset: str, key: tuple) -> pd.DataFrame:
    frame = load("emissions_total")
    frame = frame[frame["dataset"] == dataset]
    return frame.pivot(index="year", columns="kommun", values="emissions_t").sort_index()


def totals(dataset: str = LATEST_DATASET) -> pd.DataFrame:
    """Wide table: index ``year``, one column per kommun and the county [t]. A cached frame: do not modify."""
    return _wide_totals(check_dataset(dataset), version("emissions_total"))


def total(kommun, dataset: str = LATEST_DATASET) -> pd.Series:
    """Total emissions of one kommun (or the county) per year, only the years the snapshot has.

    Returns ``emissions_t_co2e`` (``emissions_t_co2`` for :data:`CO2_DATASET`) indexed by ``year``.
    """
    name = area_name(kommun)
    series = totals(dataset)[name].dropna()
    unit = "emissions_t_co2" if dataset == CO2_DATASET else "emissions_t_co2e"
    return series.rename(unit).rename_axis("year")


@lru_cache(maxsize=64)
def _by_sector(name: str, dataset: str, key: tuple) -> pd.DataFrame:
    frame = load("emissions_by_sector")
    frame = frame[(frame["dataset"] == dataset) & (frame["kommun"] == name)]
    if frame.empty:
        raise ValueError(f'Sektorsdata saknas för "{name}" i datamängden "{dataset}".')
    wide = frame.pivot(index="year", columns="sector", values="emissions_t_co2e").sort_index()
    wide = wide.loc[:, (wide != 0).any()]
    wide.columns.name = "sector"
    return wide


def by_sector(kommun, dataset: str = LATEST_DATASET) -> pd.DataFrame:
    """Emissions per SMHI main sector and year [t CO2e]: index ``year``, one column per sector key.

    Sectors that are zero in every year (international transport, booked nationally) are left out.
    """
    return _by_sector(area_name(kommun), check_dataset(dataset, GHG_DATASETS), version("emissions_by_sector")).copy()


@lru_cache(maxsize=4)
def _labels(key: tuple) -> dict[str, str]:
    frame = load("emissions_by_sector")
    return dict(zip(frame["sector"], frame["sector_sv"]))


def sector_labels() -> dict[str, str]:
    """SMHI's Swedish main-sector label for each sector key, e.g. ``"domestic_transport": "Transporter"``."""
    return dict(_labels(version("emissions_by_sector")))


@lru_cache(maxsize=4)
def _population(key: tuple) -> pd.DataFrame:
    frame = load("population")
    return frame.pivot(index="year", columns="kommun", values="population").sort_index()


def population() -> pd.DataFrame:
    """Inhabitants on 31 December: index ``year``, one column per kommun (SCB). Do not modify."""
    return _population(version("population"))


def kommun_totals(year: int | None = None, dataset: str = LATEST_DATASET) -> tuple[int, pd.Series, float]:
    """(year, the 14 kommuner's emissions that year, the county total) — default the latest year."""
    table = totals(dataset)
    year = int(table.index.max()) if year is None else checks.integer(year, "year", "år")
    if year not in table.index:
        raise ValueError(f"Året {year} finns inte i datamängden. Tillgängliga år: "
                         f"{', '.join(str(y) for y in table.index)}.")
    emissions = table.loc[year, list(KOMMUNER)]
    county = table.loc[year, COUNTY_NAME] if COUNTY_NAME in table else emissions.sum()
    return year, emissions, float(county)


def sector_change_pct(sector: str, from_year: int, to_year: int, dataset: str = LATEST_DATASET) -> pd.Series:
    """Change of one SMHI sector's emissions from ``from_year`` to ``to_year`` [%], per kommun and the county.

    ``100·(E_to / E_from − 1)`` within one snapshot (never spliced). Index ``kommun`` (the 14 and
    the county), name ``change_pct``. Used to show the national break of 2024 (reduktionsplikt).
    """
    sector = checks.choice(sector, SECTORS, name="sector", singular="sektor", plural="sektorer")
    values = {}
    for area in (*KOMMUNER, COUNTY_NAME):
        series = by_sector(area, dataset)
        if sector not in series.columns or from_year not in series.index or to_year not in series.index:
            raise ValueError(f"Åren {from_year} och {to_year} måste finnas för sektorn {sector} i {dataset}.")
        values[area] = 100.0 * (series.loc[to_year, sector] / series.loc[from_year, sector] - 1)
    return pd.Series(values, name="change_pct").rename_axis("kommun")
