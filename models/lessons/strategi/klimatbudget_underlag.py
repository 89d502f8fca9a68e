"""Inputs of the lesson "Klimatbudget i budgetprocessen": scope, ceiling and reference choices, measures.

What the climate budget is built from: the emissions in the budget's scope (SMHI), the choices
for the emission ceiling and the reference path with their sources and assumptions, and the
measures – the book's illustrative examples or the kommun's own file. The budget itself, its
tables, chart and Excel file are in :mod:`models.lessons.strategi.klimatbudget`, which
re-exports every name here.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.formatting import fmt_pct
from models.data import emissions as smhi
from models.data import klimatkollen
from models.strategy import climate_budget as cb
from models.strategy.constants import (
    CARBON_LAW_REDUCTION_RATE, REDUKTIONSPLIKT_CUT_YEAR, REDUKTIONSPLIKT_DECIDED_TO, REDUKTIONSPLIKT_DIESEL_PCT,
    REDUKTIONSPLIKT_PETROL_PCT, REDUKTIONSPLIKT_SOURCE, TREND_FIRST_YEAR,
)


KT = 1000.0
#: The default plan period: budget year 2027 and plan years 2028–2030 – four years, as the
#: whole financial-plan period in Oslo's climate budget (strategy.md §3.1), ending in 2030,
#: the year of the national milestone. A Swedish kommun's budget holds a plan for the economy
#: for three years with the budget year first (kommunallagen 2017:725, 11 kap. 8 §): pass
#: ``plan_years=SWEDISH_PLAN_YEARS`` (or the kommun's own years) to follow that horizon.
PLAN_YEARS = (2027, 2028, 2029, 2030)
#: Budget year 2027 and the two following plan years: the three-year plan of kommunallagen.
SWEDISH_PLAN_YEARS = (2027, 2028, 2029)
HISTORY_FROM = TREND_FIRST_YEAR

#: Which emissions the climate budget covers (label -> SMHI sector keys; None = all sectors).
SCOPES = {
    "Transporter, arbetsmaskiner och uppvärmning": (
        "domestic_transport", "work_machinery", "own_heating_of_dwellings_and_premises"),
    "Utan industrin": "all_but_industry",
    "Hela kommunen": None,
}
DEFAULT_SCOPE = next(iter(SCOPES))
INDUSTRY = "industry_energy_and_processes"

#: The trend without 2024 uses the years up to 2023, before the reduktionsplikt was cut.
TREND_TO_2023 = f"Trend t.o.m. {REDUKTIONSPLIKT_CUT_YEAR - 1} (utan {REDUKTIONSPLIKT_CUT_YEAR})"
REFERENCES = {
    "Trend (medianregression)": "lad",
    TREND_TO_2023: "lad",
    "Oförändrat (senaste året)": "flat",
}
#: Last observed year each reference uses (None = all years).
REFERENCE_UNTIL = {TREND_TO_2023: REDUKTIONSPLIKT_CUT_YEAR - 1}
DEFAULT_REFERENCE = "Trend (medianregression)"

#: Illustrative example measures (NOT real decisions): each cuts a stated share of one
#: SMHI sector's emissions in the latest data year. Shares are round numbers chosen for the
#: example; unit names are generic. Columns as in models.strategy.MEASURE_COLUMNS.
EXAMPLE_MEASURES = pd.DataFrame(
    [
        ("Elbussar i stadstrafiken", "domestic_transport", "Kollektivtrafiken", 2027, 2, 3.0),
        ("Fossilfria fordon i kommunens organisation", "domestic_transport", "Teknisk förvaltning", 2027, 3, 1.0),
        ("Gång, cykel och kollektivtrafik i planeringen", "domestic_transport", "Samhällsbyggnad", 2028, 3, 4.0),
        ("Klimatkrav på arbetsmaskiner i upphandlingar", "work_machinery", "Upphandlingsenheten", 2027, 2, 10.0),
        ("Oljepannor byts mot fjärrvärme eller värmepump", "own_heating_of_dwellings_and_premises",
         "Fastighetsförvaltningen", 2027, 2, 30.0),
    ],
    columns=["measure", "sector", "responsible_unit", "start_year", "ramp_years", "share_of_sector_pct"],
)
EXAMPLE_NOTE = ("Exempelåtgärderna är påhittade för att visa metoden (inte kommunens beslut): varje åtgärd "
                "antas minska en SMHI-sektors utsläpp det senaste året med den angivna andelen, och nå full "
                "effekt efter angivet antal år.")


def reference_assumption(reference: str = DEFAULT_REFERENCE) -> str:
    """The reference path's explicit, dated assumption about the reduktionsplikt (Swedish)."""
    reference = checks.option(reference, REFERENCES, "referensbana")
    cut = REDUKTIONSPLIKT_CUT_YEAR
    levels = (f"diesel {fmt_pct(REDUKTIONSPLIKT_DIESEL_PCT[cut - 1], 1)} → {fmt_pct(REDUKTIONSPLIKT_DIESEL_PCT[cut], 0)}, "
              f"bensin {fmt_pct(REDUKTIONSPLIKT_PETROL_PCT[cut - 1], 1)} → {fmt_pct(REDUKTIONSPLIKT_PETROL_PCT[cut], 0)}")
    if reference in REFERENCE_UNTIL:
        return (f"Antagande: referensbanan bygger på åren t.o.m. {cut - 1}, före sänkningen av reduktionsplikten "
                f"1 januari {cut} ({levels}). Den visar alltså utvecklingen som om sänkningen inte hade skett. "
                f"{REDUKTIONSPLIKT_SOURCE}")
    return (f"Antagande: referensbanan utgår från {cut} års utsläpp, det första året med den sänkta "
            f"reduktionsplikten ({levels}), och antar att nivån 6 procent ligger kvar efter "
            f"{REDUKTIONSPLIKT_DECIDED_TO}. {REDUKTIONSPLIKT_SOURCE}")


def source_note() -> str:
    """Sources of the lesson's tables and chart."""
    return (f"{smhi.source_note(smhi.LATEST_DATASET)} Referensbana, utsläppstak, åtgärdseffekter och gap: "
            "Stratus egna beräkningar (beräknat).")


def ceiling_options() -> dict[str, float]:
    """Choices for the ceiling's annual cut: label -> fraction per year, each with its source.

    Carbon Law: Klimatkollen's 11.72 % (``constants.CARBON_LAW_REDUCTION_RATE``). The county's
    and Luleå's rates are read from ``data/local_carbon_budgets_and_targets.csv``
    (Länsstyrelsen Norrbotten; Luleå kommun, CO2 excluding SSAB, 2023–2040).
    """
    return dict(_ceiling_options(data.version("local_carbon_budgets_and_targets")))


@lru_cache(maxsize=4)
def _ceiling_options(key: tuple) -> dict[str, float]:
    county = klimatkollen.local_value(data.COUNTY_NAME, "required_annual_co2_reduction")
    lulea = klimatkollen.local_value("Luleå", "required_annual_co2_reduction")
    return {
        f"Carbon Law ({fmt_pct(CARBON_LAW_REDUCTION_RATE * 100, 2)} per år)": CARBON_LAW_REDUCTION_RATE,
        f"Länets koldioxidbudget ({fmt_pct(county, 1)} per år)": county / 100,
        f"Luleås koldioxidbudget ({fmt_pct(lulea, 0)} per år)": lulea / 100,
    }


def default_ceiling() -> str:
    return next(iter(ceiling_options()))


def scope_emissions(kommun: str, scope: str = DEFAULT_SCOPE) -> pd.Series:
    """Emissions in the budget's scope per year [t CO2e], latest SMHI release, from 2015."""
    return _scope_emissions(data.kommun_name(kommun), checks.option(scope, SCOPES, "omfattning"),
                            data.version("emissions_by_sector")).copy()


@lru_cache(maxsize=256)
def _scope_emissions(kommun: str, scope: str, key: tuple) -> pd.Series:
    sectors = smhi.by_sector(kommun)
    keys = scope_sectors(scope, sectors.columns)
    series = sectors[list(keys)].sum(axis=1)
    return series[series.index >= HISTORY_FROM].rename("emissions_t_co2e")


def example_measures(kommun: str) -> pd.DataFrame:
    """The illustrative measures with ``abatement_t_per_year`` for this kommun (beräknat).

    ``abatement_t_per_year = share_of_sector_pct / 100 × the sector's emissions in the latest
    year``. Columns: ``measure``, ``sector``, ``responsible_unit``, ``start_year``,
    ``ramp_years``, ``share_of_sector_pct``, ``sector_t_co2e`` and ``abatement_t_per_year``.
    """
    return _example_measures(data.kommun_name(kommun), data.version("emissions_by_sector")).copy()


@lru_cache(maxsize=64)
def _example_measures(kommun: str, key: tuple) -> pd.DataFrame:
    latest = smhi.by_sector(kommun).iloc[-1]
    table = EXAMPLE_MEASURES.copy()
    table["sector_t_co2e"] = table["sector"].map(latest).fillna(0.0)
    table["abatement_t_per_year"] = table["share_of_sector_pct"] / 100 * table["sector_t_co2e"]
    return table[table["abatement_t_per_year"] > 0].reset_index(drop=True)


#: The responsible unit given to a measure whose file row leaves "Ansvarig enhet" empty.
NO_UNIT = "Ansvarig ej angiven"
FILE_NOTE = ("Åtgärderna kommer från den uppladdade åtgärdsfilen. Antaganden: full effekt från startåret "
             "(filen anger ingen upptrappning), startår saknas = planperiodens första år, tom ansvarig enhet = "
             f"\"{NO_UNIT}\", och bara åtgärder i klimatbudgetens sektorer räknas. Effekterna räknas som "
             "oberoende av varandra (räkna dem i tur och ordning i åtgärdslektionen först om de påverkar samma "
             "utsläpp).")


def measures_from_file(table: pd.DataFrame, default_start_year: int = PLAN_YEARS[0],
                       ramp_years: int = 1) -> pd.DataFrame:
    """Turn a measures file (:func:`models.data.measures_file.read_measures`) into klimatbudget measures.

    Mapping: ``measure`` and ``abatement_t_per_year`` unchanged; ``sector`` from SMHI's Swedish
    label to its key; an empty ``responsible_unit`` becomes :data:`NO_UNIT`; a missing
    ``start_year`` becomes ``default_start_year``; every measure gets ``ramp_years`` (default 1:
    full effect from the start year, since the file has no ramp-up). Costs and lifetime are
    dropped – the klimatbudget counts tonnes; the costs stay in the action plan's MACC.
    ``share_of_sector_pct`` is NaN (the file gives tonnes, not shares).
    """
    needed = ("measure", "sector", "abatement_t_per_year")
    if not isinstance(table, pd.DataFrame):
        raise TypeError(f"table måste vara en pandas.DataFrame från read_measures, fick {type(table).__name__}.")
    missing = [c for c in needed if c not in table.columns]
    if missing:
        raise ValueError(f"Åtgärdstabellen saknar kolumnerna {missing}; läs filen med "
                         "measures_file.read_measures.")
    start = checks.integer(default_start_year, "default_start_year", "startår när det saknas")
    ramp = checks.integer(ramp_years, "ramp_years", "år till full effekt", minimum=1)
    keys = {label: key for key, label in smhi.sector_labels().items()}
    keys.update({key: key for key in smhi.SECTORS})
    sectors = table["sector"].map(lambda x: keys.get(x, x))
    units = table["responsible_unit"] if "responsible_unit" in table.columns else pd.Series("", index=table.index)
    units = units.fillna("").astype(str).str.strip().replace("", NO_UNIT)
    years = table["start_year"] if "start_year" in table.columns else pd.Series(pd.NA, index=table.index)
    years = pd.to_numeric(years, errors="coerce").fillna(start).astype("int64")
    out = pd.DataFrame({
        "measure": table["measure"].astype(str).to_numpy(),
        "sector": sectors.to_numpy(),
        "responsible_unit": units.to_numpy(),
        "start_year": years.to_numpy(),
        "ramp_years": np.full(len(table), ramp, dtype="int64"),
        "share_of_sector_pct": np.full(len(table), np.nan),
        "abatement_t_per_year": pd.to_numeric(table["abatement_t_per_year"]).to_numpy(dtype=float),
    })
    return cb.validated_measures(out)



def scope_sectors(scope: str, available) -> tuple[str, ...]:
    """The SMHI sector keys of ``available`` that a scope (a key of :data:`SCOPES`) covers."""
    if isinstance(available, (str, bytes, dict, pd.DataFrame)) or not hasattr(available, "__iter__"):
        raise checks.WrongType(f"available måste vara en lista med sektorer, fick {checks.show(available)}.")
    available = list(available)
    if len(available) > 100 or not all(isinstance(k, str) for k in available):
        raise ValueError(f"available måste vara högst 100 sektorer som text, fick {checks.show(available)}.")
    scope = checks.option(scope, SCOPES, "omfattning")
    keys = SCOPES[scope]
    if keys is None:
        return tuple(available)
    if keys == "all_but_industry":
        return tuple(k for k in available if k != INDUSTRY)
    return tuple(k for k in keys if k in available)
