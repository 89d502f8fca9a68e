"""Inputs of the lesson "Klimatbudget i budgetprocessen": scope, ceiling and reference choices, measures.

What the climate budget is built from: the emissions in the budget's scope (SMHI), the choices
for the emission ceiling and the reference path with their sources and assumptions, and the
measures – the book's illustrative examples or the kommun's own file – the result's type
:class:`ClimateBudget`, and the chart's axis limits (:func:`budget_limits`), which hold every choice for a
kommun and scope. The budget itself, its tables and Excel file are in
:mod:`models.lessons.strategi.klimatbudget` (which re-exports every name here), its chart in
:mod:`models.lessons.strategi.klimatbudget_figur`.
"""
from __future__ import annotations

from dataclasses import dataclass
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
from models.lessons.strategi.utslapp_sektorer import KT  # noqa: F401  (the chapter's tonnes per kilotonne)

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


@dataclass(frozen=True)
class ClimateBudget:
    """Everything the lesson shows for one kommun and one set of choices."""

    kommun: str
    scope: str
    ceiling_label: str
    rate: float
    reference_label: str
    measure_pct: float
    history: pd.Series
    reference: pd.Series
    ceiling: pd.Series
    measures: pd.DataFrame
    effects: pd.DataFrame
    table: pd.DataFrame
    by_unit: pd.DataFrame
    units: pd.DataFrame
    plan_years: tuple = PLAN_YEARS
    measures_source: str = "exempel"
    excluded_measures: tuple = ()

    @property
    def base_year(self) -> int:
        return int(self.history.index[-1])



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
    return cb.validated_measures(table[table["abatement_t_per_year"] > 0])     # checked once: not at every update


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


#: The largest measure effect the explorer offers [%]: :func:`budget_limits` holds every effect up to it.
MAX_MEASURE_PCT = 200


def _inside_scope(table: pd.DataFrame, scope: str) -> tuple[pd.DataFrame, tuple]:
    """The measures of ``table`` in the scope's sectors and the names of those left out (no ``sector``
    column: all are inside)."""
    if "sector" not in table.columns:
        return table, ()
    inside = table["sector"].isin(scope_sectors(scope, smhi.SECTORS))
    return table[inside].reset_index(drop=True), tuple(table.loc[~inside, "measure"])


def budget_limits(kommun: str = "Luleå", scope: str = DEFAULT_SCOPE, *, measures: pd.DataFrame | None = None,
                  plan_years=PLAN_YEARS) -> tuple[float, float]:
    """Tops of the chart's two panels [t CO₂e/yr] that hold every ceiling, reference path and measure effect
    (0 to :data:`MAX_MEASURE_PCT` %) for one kommun and scope: a live explorer keeps them, so moving those controls redraws only
    the chart's moving parts, and the scale stays put while the learner compares.

    Left: the largest of the statistics, the reference paths and the ceilings, + 10 % (room for the label of
    the plan period). Right: the largest
    cut needed (reference minus ceiling) or planned at :data:`MAX_MEASURE_PCT` %, + 15 %.
    """
    name = data.kommun_name(kommun)
    scope = checks.option(scope, SCOPES, "omfattning")
    years = tuple(int(y) for y in cb.checked_plan_years(plan_years))
    if measures is None:
        return _example_limits(name, scope, years, data.version())
    return _limits(name, scope, years, cb.validated_measures(measures))


def _checked_limits(limits) -> tuple[float, float]:
    """``limits`` checked as (left top, right top) of the klimatbudget chart [t CO₂e/yr], both > 0."""
    if not isinstance(limits, (tuple, list)) or len(limits) != 2:
        raise checks.WrongType(f"limits måste vara (vänstra panelens topp, högra panelens topp), fick "
                               f"{checks.show(limits)}.")
    tops = tuple(checks.number(x, f"limits[{i}]", "diagrammets topp, ton CO₂e", low=0.0) for i, x in enumerate(limits))
    if min(tops) <= 0:
        raise ValueError(f"limits: diagrammens toppar måste vara större än 0, fick {checks.show(limits)}.")
    return tops


@lru_cache(maxsize=128)
def _example_limits(name: str, scope: str, years: tuple, key: tuple) -> tuple[float, float]:
    return _limits(name, scope, years, None)


def _limits(name: str, scope: str, years: tuple, table: pd.DataFrame | None) -> tuple[float, float]:
    history = scope_emissions(name, scope)
    last_year, base = int(history.index[-1]), float(history.iloc[-1])
    references = [_reference(name, scope, label, years[-1], data.version("emissions_by_sector"))
                  for label in REFERENCES]
    ceilings = [cb.ceiling_path(base, last_year, years[-1], rate) for rate in ceiling_options().values()]
    if table is None:       # effects scale with the effect (%): 200 % plans twice what 100 % does
        by_unit = _example_parts(name, 100.0, years, data.version("emissions_by_sector"))[2]
    else:
        by_unit = cb.reductions_by_unit(_inside_scope(table, scope)[0], years)
    planned = MAX_MEASURE_PCT / 100 * float(by_unit.to_numpy().sum(axis=1).max()) if by_unit.size else 0.0
    plan = list(years)
    on_plan = [ref.reindex(plan).to_numpy() for ref in references]
    caps = [cap.reindex(plan).to_numpy() for cap in ceilings]
    needed = max(float(np.max(r - c)) for r in on_plan for c in caps)
    left = max(float(history.max()), *(float(r.max()) for r in references), *(float(c.max()) for c in ceilings))
    return max(left, 1e-9) * 1.1, max(needed, float(planned), 1e-9) * 1.15


def _measure_parts(table: pd.DataFrame, measure_pct, years: tuple) -> tuple:
    """The measures scaled to ``measure_pct``, their effects per year, per unit and the unit summary."""
    measures = cb.scale_measures(table, measure_pct)
    return (measures, cb.measure_effects(measures, years), cb.reductions_by_unit(measures, years),
            cb.unit_summary(measures, years))


@lru_cache(maxsize=256)
def _example_parts(name: str, measure_pct: float, years: tuple, key: tuple) -> tuple:
    return _measure_parts(example_measures(name), measure_pct, years)


@lru_cache(maxsize=256)
def _reference(name: str, scope: str, reference: str, end_year: int, key: tuple) -> pd.Series:
    """The reference path of a kommun's emissions in a scope (kept: the trend fit is the slow part)."""
    return cb.reference_path(scope_emissions(name, scope), end_year, REFERENCES[reference],
                             until=REFERENCE_UNTIL.get(reference))
