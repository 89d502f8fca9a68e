"""Lesson "Klimatbudget i budgetprocessen": the kommun's climate budget, Swedish tables, chart, Excel.

Builds the case from :mod:`models.data` and the pure model :mod:`models.strategy.climate_budget`.
The lesson page and its explorer (:mod:`models.widgets.strategi.klimatbudget`) call the same functions.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.export import write_xlsx
from models.common.formatting import fmt_number, fmt_pct
from models.common.plotting import MAIN, MUTED, OKABE_ITO, add_source, new_figure, swedish_axis
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
    keys = _scope_sectors(scope, sectors.columns)
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


def climate_budget(kommun: str = "Luleå", scope: str = DEFAULT_SCOPE, ceiling: str | None = None,
                   reference: str = DEFAULT_REFERENCE, measure_pct: float = 100, *,
                   measures: pd.DataFrame | None = None, plan_years=PLAN_YEARS) -> ClimateBudget:
    """Compute the climate budget for the plan period :data:`PLAN_YEARS`.

    Parameters
    ----------
    kommun : str
        Name or SCB code.
    scope : str
        A key of :data:`SCOPES`.
    ceiling : str, optional
        A key of :func:`ceiling_options` (default: Carbon Law). The ceiling starts at the
        last observed year's emissions and falls by that rate every year.
    reference : str
        A key of :data:`REFERENCES`.
    measure_pct : float
        How much of the measures' effect is delivered [%], 0–200.
    measures : pandas.DataFrame, optional
        The kommun's own measures (from :func:`measures_from_file`, or any table with the
        columns of ``models.strategy.climate_budget.BUDGET_MEASURE_COLUMNS``) instead of the
        illustrative examples. Measures in sectors outside ``scope`` are left out and listed in
        ``excluded_measures``.
    plan_years : sequence of int
        The plan period (default :data:`PLAN_YEARS`; :data:`SWEDISH_PLAN_YEARS` for a budget
        year and two plan years).
    """
    name = data.kommun_name(kommun)
    scope = checks.option(scope, SCOPES, "omfattning")
    options = ceiling_options()
    ceiling = checks.option(default_ceiling() if ceiling is None else ceiling, options, "utsläppstak")
    reference = checks.option(reference, REFERENCES, "referensbana")
    history = scope_emissions(name, scope)
    years = tuple(int(y) for y in cb._years(plan_years))
    last_year = int(history.index[-1])
    if years[0] <= last_year:
        raise ValueError(f"Planperioden måste börja efter sista året med statistik ({last_year}), fick {years[0]}.")
    excluded: tuple = ()
    if measures is None:
        source, table = "exempel", example_measures(name)
    else:
        source, table = "fil", cb.validated_measures(measures)
        if "sector" in table.columns:
            inside = table["sector"].isin(_scope_sectors(scope, smhi.SECTORS))
            excluded = tuple(table.loc[~inside, "measure"])
            table = table[inside].reset_index(drop=True)
    measures = cb.scale_measures(table, measure_pct)
    ref = cb.reference_path(history, years[-1], REFERENCES[reference], until=REFERENCE_UNTIL.get(reference))
    cap = cb.ceiling_path(float(history.iloc[-1]), last_year, years[-1], options[ceiling])
    return ClimateBudget(
        kommun=name, scope=scope, ceiling_label=ceiling, rate=options[ceiling], reference_label=reference,
        measure_pct=float(measure_pct), history=history, reference=ref, ceiling=cap, measures=measures,
        effects=cb.measure_effects(measures, years),
        table=cb.budget_table(ref, cap, measures, years),
        by_unit=cb.reductions_by_unit(measures, years),
        units=cb.unit_summary(measures, years),
        plan_years=years, measures_source=source, excluded_measures=excluded,
    )


# ------------------------------------------------------------------ Swedish tables
BUDGET_HEADERS = {
    "reference_t_co2e": "Referensbana utan nya åtgärder (ton CO₂e)",
    "ceiling_t_co2e": "Utsläppstak (ton CO₂e)",
    "required_reduction_t_co2e": "Behövd minskning (ton CO₂e)",
    "planned_reduction_t_co2e": "Planerade åtgärder (ton CO₂e)",
    "projected_t_co2e": "Beräknade utsläpp med åtgärder (ton CO₂e)",
    "gap_t_co2e": "Gap mot taket (ton CO₂e; negativt = under taket)",
}


def budget_table_sv(result: ClimateBudget, rounded: bool = True) -> pd.DataFrame:
    """The klimatbudget table with Swedish headers and units, one row per plan year.

    Columns: År, the six quantities in :data:`BUDGET_HEADERS`, one column per responsible
    unit (its planned cut that year) and Inom taket? (ja/nej). Numbers rounded to whole
    tonnes unless ``rounded=False`` (the Excel export keeps full precision).
    """
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    table = result.table
    out = pd.DataFrame({"År": table.index.to_numpy()})
    for key, header in BUDGET_HEADERS.items():
        out[header] = table[key].to_numpy()
    for unit in result.by_unit.columns:
        out[f"varav {unit} (ton CO₂e)"] = result.by_unit[unit].to_numpy()
    out["Inom taket?"] = np.where(table["within_ceiling"], "ja", "nej")
    if rounded:
        numeric = out.columns[1:-1]
        out[numeric] = out[numeric].round(0)
    return out


def history_table_sv(result: ClimateBudget) -> pd.DataFrame:
    """Observed emissions in the budget's scope, one row per year (År, Utsläpp (ton CO₂e))."""
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    return pd.DataFrame({"År": result.history.index.to_numpy(), "Utsläpp (ton CO₂e)": result.history.to_numpy()})


def measures_table_sv(result: ClimateBudget, rounded: bool = True) -> pd.DataFrame:
    """The measures with owner, start, assumption and effect per plan year (Swedish headers)."""
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    labels = smhi.sector_labels()
    m = result.measures
    out = pd.DataFrame({
        ("Åtgärd (exempel)" if result.measures_source == "exempel" else "Åtgärd"): m["measure"].to_numpy(),
        "Ansvarig enhet": m["responsible_unit"].to_numpy(),
        "Sektor (SMHI)": m["sector"].map(labels).to_numpy(),
        "Startår": m["start_year"].to_numpy(),
        "År till full effekt": m["ramp_years"].to_numpy(),
        "Antagen andel av sektorns utsläpp (%)": m["share_of_sector_pct"].to_numpy() * result.measure_pct / 100,
        "Full effekt (ton CO₂e/år)": m["abatement_t_per_year"].to_numpy(),
    })
    for year in result.effects.columns:
        out[f"Effekt {year} (ton CO₂e)"] = result.effects[year].to_numpy()
    if rounded:
        cols = [c for c in out.columns if "ton CO₂e" in c]
        out[cols] = out[cols].round(0)
    return out


def unit_table_sv(result: ClimateBudget, rounded: bool = True) -> pd.DataFrame:
    """Who owns what: per responsible unit, number of measures and planned cuts."""
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    u = result.units
    last = result.plan_years[-1]
    out = pd.DataFrame({
        "Ansvarig enhet": u.index.to_numpy(),
        "Antal åtgärder": u["measures"].to_numpy(),
        f"Minskning {last} (ton CO₂e)": u["reduction_last_year_t_co2e"].to_numpy(),
        f"Minskning {result.plan_years[0]}–{last} sammanlagt (ton CO₂e)": u["reduction_period_t_co2e"].to_numpy(),
        "Andel av planerade minskningar (%)": u["share_of_planned_pct"].to_numpy(),
    })
    if rounded:
        out.iloc[:, 2:4] = out.iloc[:, 2:4].round(0)
        out.iloc[:, 4] = out.iloc[:, 4].astype(float).round(1)
    return out


def chart_data(result: ClimateBudget) -> pd.DataFrame:
    """The series behind the chart, one row per year from 2015 to the plan's end."""
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    years = sorted(set(result.history.index) | set(result.reference.index) | set(result.plan_years))
    frame = pd.DataFrame(index=pd.Index(years, name="År"))
    frame["Utsläpp, statistik (ton CO₂e)"] = result.history
    frame["Referensbana (ton CO₂e)"] = result.reference
    frame["Utsläppstak (ton CO₂e)"] = result.ceiling
    frame["Beräknade utsläpp med åtgärder (ton CO₂e)"] = projected_path(result)
    return frame.reset_index()


def projected_path(result: ClimateBudget) -> pd.Series:
    """Emissions with the measures from the last observed year to the plan's end [t CO2e/yr].

    Equal to the reference path before the measures start, floored at zero.
    """
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    effects = cb.measure_effects(result.measures, result.reference.index).sum(axis=0)
    return (result.reference - effects.to_numpy()).clip(lower=0).rename("projected_t_co2e")


def summary_figures(result: ClimateBudget) -> dict[str, float]:
    """Numbers quoted in the lesson text (tonnes; not formatted)."""
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    last = result.table.iloc[-1]
    first = result.table.iloc[0]
    return {
        "base_year": result.base_year,
        "base_t": float(result.history.iloc[-1]),
        "last_plan_year": result.plan_years[-1],
        "reference_last_t": float(last["reference_t_co2e"]),
        "ceiling_last_t": float(last["ceiling_t_co2e"]),
        "required_last_t": float(last["required_reduction_t_co2e"]),
        "planned_last_t": float(last["planned_reduction_t_co2e"]),
        "gap_last_t": float(last["gap_t_co2e"]),
        "gap_first_t": float(first["gap_t_co2e"]),
        "covered_last_pct": (float(last["planned_reduction_t_co2e"]) / float(last["required_reduction_t_co2e"]) * 100
                             if last["required_reduction_t_co2e"] > 0 else float("nan")),
    }


# ------------------------------------------------------------------ chart
UNIT_COLOURS = [OKABE_ITO[k] for k in ("orange", "sky_blue", "bluish_green", "reddish_purple", "yellow", "vermillion")]
UNIT_HATCHES = ["", "..", "\\\\", "xx", "--", "oo"]


def budget_figure(result: ClimateBudget):
    """Two panels: paths over time (left) and, per plan year, who cuts how much and the gap (right)."""
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    plan = result.plan_years
    fig, (left, right) = new_figure(1, 2, width=11, height=4.6, gridspec_kw={"width_ratios": [1.25, 1]})
    h = result.history / KT
    left.plot(h.index, h.to_numpy(), color=MAIN, marker="o", linewidth=2, label="Utsläpp (statistik)")
    ref = result.reference / KT
    left.plot(ref.index, ref.to_numpy(), color=MUTED, linestyle="--", linewidth=2, label="Referensbana utan nya åtgärder")
    cap = result.ceiling / KT
    left.plot(cap.index, cap.to_numpy(), color="black", linestyle=":", marker="s", markersize=4, linewidth=1.5,
              label="Utsläppstak")
    projected = projected_path(result) / KT
    left.plot(projected.index, projected.to_numpy(), color=OKABE_ITO["bluish_green"], marker="^", linewidth=2,
              label="Beräknat med åtgärder")
    years = np.asarray(plan)
    over = result.table["gap_t_co2e"].to_numpy() > 0
    left.fill_between(years, result.table["ceiling_t_co2e"] / KT, result.table["projected_t_co2e"] / KT,
                      where=over, facecolor="none", edgecolor=OKABE_ITO["vermillion"], hatch="///", linewidth=0,
                      label="Gap: över taket")
    left.axvspan(plan[0] - 0.5, plan[-1] + 0.5, color="#F2F2F2", zorder=0)
    left.set_ylim(bottom=0)
    left.set_xlim(HISTORY_FROM - 0.5, plan[-1] + 0.7)
    left.set_ylabel("tusen ton CO₂e per år")
    swedish_axis(left.yaxis, decimals=0 if h.max() >= 10 else 1)
    left.set_title("Utsläpp, referensbana och tak")
    left.legend(loc="lower left", fontsize=8)
    left.annotate("planperiod", (plan[0] - 0.4, left.get_ylim()[1] * 0.97), fontsize=8, va="top", color="#555555")

    bottom = np.zeros(len(years))
    for i, unit in enumerate(result.by_unit.columns):
        values = result.by_unit[unit].to_numpy() / KT
        right.bar(years, values, bottom=bottom, color=UNIT_COLOURS[i % len(UNIT_COLOURS)],
                  hatch=UNIT_HATCHES[i % len(UNIT_HATCHES)], edgecolor="white", label=unit)
        bottom += values
    gap = np.maximum(result.table["gap_t_co2e"].to_numpy(), 0) / KT
    right.bar(years, gap, bottom=bottom, facecolor="white", edgecolor=OKABE_ITO["vermillion"], hatch="///",
              label="Gap: återstår att hitta")
    required = result.table["required_reduction_t_co2e"].to_numpy() / KT
    right.scatter(years, required, marker="_", s=900, color="black", linewidths=2, zorder=3,
                  label="Behövd minskning")
    right.set_xticks(years)
    right.set_ylabel("tusen ton CO₂e per år")
    top = max(float(np.max(bottom + gap)), float(np.max(required)), 1e-9)
    right.set_ylim(0, top * 1.15)
    swedish_axis(right.yaxis, decimals=0 if top >= 10 else 1)
    right.grid(axis="x", visible=False)
    right.set_title("Vem minskar hur mycket – och vad som fattas")
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), fontsize=7.5, ncols=2)
    fig.suptitle(f"{result.kommun}: klimatbudget {plan[0]}–{plan[-1]} ({result.scope.lower()})",
                 fontweight="bold")
    what = "Åtgärderna är exempel, inte beslut." if result.measures_source == "exempel" else "Åtgärderna från kommunens fil."
    add_source(fig, f"{source_note()} {what}")
    return fig


# ------------------------------------------------------------------ Excel
def export_xlsx(path, result: ClimateBudget) -> Path:
    """Write the klimatbudget to an .xlsx file ready for the budget document.

    Sheets: Klimatbudget (per year), Åtgärder (owner, start, effect per year), Per enhet,
    Diagramdata (the chart's series). Full precision; a source and assumption note under each.
    """
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    assumptions = (f"{result.kommun}, {result.scope.lower()}. Referensbana: {result.reference_label.lower()}. "
                   f"Utsläppstak: {result.ceiling_label}, från {result.base_year} års utsläpp. "
                   f"Åtgärdernas genomförandegrad: {fmt_number(result.measure_pct)} %. "
                   f"{reference_assumption(result.reference_label)} ")
    measures_note = EXAMPLE_NOTE if result.measures_source == "exempel" else FILE_NOTE
    note = assumptions + source_note() + " " + measures_note
    return write_xlsx(path, {
        "Klimatbudget": budget_table_sv(result, rounded=False),
        "Åtgärder": measures_table_sv(result, rounded=False),
        "Per enhet": unit_table_sv(result, rounded=False),
        "Diagramdata": chart_data(result),
    }, notes={"Klimatbudget": note, "Åtgärder": measures_note, "Per enhet": note, "Diagramdata": source_note()})


def _scope_sectors(scope: str, available) -> tuple[str, ...]:
    scope = checks.option(scope, SCOPES, "omfattning")
    keys = SCOPES[scope]
    if keys is None:
        return tuple(available)
    if keys == "all_but_industry":
        return tuple(k for k in available if k != INDUSTRY)
    return tuple(k for k in keys if k in available)


