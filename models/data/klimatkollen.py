"""Klimatkollen's published figures and the kommuner's own adopted budgets and targets.

* ``klimatkollen_carbon_budget.csv``: Klimatkollen's 1.5 °C municipal CO2 budgets (the release
  :data:`BUDGET_DATASET` of December 2024, from 1 January 2024, and its successor);
* ``klimatkollen_kpis_latest.csv``: Klimatkollen's key figures per kommun (June 2026 release);
* ``local_carbon_budgets_and_targets.csv``: Luleå's, Piteå's and Länsstyrelsen Norrbotten's own
  published budgets and targets, each row with the page it was read from.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from models.common import checks
from models.data.emissions import area_name
from models.data.package import kommun_name, load, version

#: Klimatkollen's budget release that matches SMHI's CO2 snapshot of December 2024.
BUDGET_DATASET = "klimatkollen_2024_12"


def budget_source_note() -> str:
    """Citation for Klimatkollen's municipal budgets."""
    return "Koldioxidbudget: Klimatkollen (Klimatbyrån), utgåva december 2024, budget från 1 januari 2024."


def kpi_source_note() -> str:
    """Citation for Klimatkollen's key figures."""
    return "Nyckeltal: Klimatkollen (Klimatbyrån), utgåva juni 2026."


def local_source_note() -> str:
    """Citation for the kommuner's and the county's own budgets and targets."""
    return ("Lokala mål och budgetar: Luleå kommun, Piteå kommun och Länsstyrelsen Norrbotten (webbsidor, "
            "se källkolumnen).")


@lru_cache(maxsize=4)
def _budgets(dataset: str, key: tuple) -> pd.Series:
    frame = load("klimatkollen_carbon_budget")
    frame = frame[frame["dataset"] == dataset]
    return frame.set_index("kommun")["budget_remaining_t"]


def _release(dataset, key: tuple) -> str:
    """``dataset`` if it is one of the budget releases in the data, else a Swedish error listing them."""
    return checks.choice(dataset, _releases(key), name="dataset", singular="budgetutgåva", plural="budgetutgåvor")


@lru_cache(maxsize=4)
def _releases(key: tuple) -> tuple[str, ...]:
    return tuple(dict.fromkeys(load("klimatkollen_carbon_budget")["dataset"]))


def published_budgets(dataset: str = BUDGET_DATASET) -> pd.Series:
    """Klimatkollen's remaining 1.5 °C CO2 budget per kommun [t CO2] (index ``kommun``)."""
    key = version("klimatkollen_carbon_budget")
    return _budgets(_release(dataset, key), key).copy()


def budget_table(dataset: str = BUDGET_DATASET) -> pd.DataFrame:
    """All published budget columns for one release, index ``kommun``."""
    dataset = _release(dataset, version("klimatkollen_carbon_budget"))
    frame = load("klimatkollen_carbon_budget")
    return frame[frame["dataset"] == dataset].set_index("kommun")


@lru_cache(maxsize=4)
def _kpis(key: tuple) -> pd.DataFrame:
    return load("klimatkollen_kpis_latest").set_index("kommun")


def kpis(kommun=None) -> pd.DataFrame | pd.Series:
    """Klimatkollen's key figures: the whole table (index ``kommun``) or one kommun's row."""
    table = _kpis(version("klimatkollen_kpis_latest"))
    return table.copy() if kommun is None else table.loc[kommun_name(kommun)].copy()


def local_targets(kommun=None) -> pd.DataFrame:
    """The adopted budgets and targets (``category``, ``metric``, ``value``, ``unit``, ``period``, ...).

    ``kommun`` may be a kommun or "Norrbottens län"; ``None`` gives every row.
    """
    table = load("local_carbon_budgets_and_targets")
    if kommun is None:
        return table
    return table[table["kommun"] == area_name(kommun)].reset_index(drop=True)


def local_value(kommun, metric: str) -> float | None:
    """One adopted figure (e.g. ``"co2_reduction_target_2030"``), or ``None`` if the kommun has none."""
    rows = local_targets(kommun)
    rows = rows[rows["metric"] == metric]
    return None if rows.empty else float(rows["value"].iloc[0])


def consumption_source_note() -> str:
    """Citation for the consumption-based emissions per inhabitant."""
    return ("Konsumtionsbaserade utsläpp 2023: Klimatkollens partnerdata (\"Klimatkollen_data for 2023_shared "
            "April 2026\"), via Klimatkollens öppna dataflöde.")


def consumption_per_capita_t(kommun) -> float | None:
    """Consumption-based emissions per inhabitant in 2023 [t CO2e per inhabitant], or ``None``."""
    table = load("consumption_emissions_2023")
    rows = table[table["kommun"] == area_name(kommun)]
    return None if rows.empty else float(rows["consumption_emissions_kg_co2e_per_capita"].iloc[0]) / 1000


def climate_plan(kommun) -> pd.Series:
    """The kommun's climate plan in Klimatkollen's register (May 2026): ``plan_link``,
    ``plan_adopted_year`` (NaN if none) and ``plan_name_or_comment_sv``."""
    table = load("climate_plans")
    rows = table[table["kommun"] == kommun_name(kommun)]
    if rows.empty:
        raise ValueError(f'Klimatplan saknas i registret för "{kommun}".')
    return rows.iloc[0][["plan_link", "plan_adopted_year", "plan_name_or_comment_sv"]]


def climate_plan_note() -> str:
    """Citation for the climate-plan register."""
    return "Klimatplaner: Klimatkollens register över kommunernas klimatplaner (maj 2026)."
