"""Lesson "Klimatbudget i budgetprocessen": the kommun's climate budget, Swedish tables, chart, Excel.

Builds the case from :mod:`models.data` and the pure model :mod:`models.strategy.climate_budget`;
the inputs are in :mod:`models.lessons.strategi.klimatbudget_underlag`, the chart in
:mod:`models.lessons.strategi.klimatbudget_figur` (both re-exported here). The lesson page and its
explorer (:mod:`models.widgets.strategi.klimatbudget`) call the same functions.
"""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.export import write_xlsx
from models.common.formatting import fmt_number
from models.data import emissions as smhi
from models.strategy import climate_budget as cb
from models.lessons.strategi.klimatbudget_underlag import (  # noqa: F401  (re-exported for the lesson)
    ClimateBudget, DEFAULT_REFERENCE, DEFAULT_SCOPE, EXAMPLE_MEASURES, EXAMPLE_NOTE, FILE_NOTE, HISTORY_FROM, INDUSTRY, KT,
    MAX_MEASURE_PCT, NO_UNIT, PLAN_YEARS, REFERENCE_UNTIL, REFERENCES, SCOPES, SWEDISH_PLAN_YEARS, TREND_TO_2023, budget_limits,
    ceiling_options, default_ceiling, example_measures, measures_from_file, reference_assumption, scope_emissions,
    scope_sectors, source_note,
)
from models.lessons.strategi.klimatbudget_underlag import _example_parts, _inside_scope, _measure_parts, _reference
from models.lessons.strategi.klimatbudget_figur import (  # noqa: F401  (re-exported for the lesson)
    UNIT_COLOURS, UNIT_HATCHES, budget_chart, budget_figure, projected_path, update_budget_figure,
)


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
        How much of the measures' effect is delivered [%], 0–200 (:data:`MAX_MEASURE_PCT`).
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
    years = tuple(int(y) for y in cb.checked_plan_years(plan_years))
    last_year = int(history.index[-1])
    if years[0] <= last_year:
        raise ValueError(f"Planperioden måste börja efter sista året med statistik ({last_year}), fick {years[0]}.")
    excluded: tuple = ()
    version = data.version("emissions_by_sector")
    if measures is None:
        # the example measures' parts depend on the kommun and the effect only: kept, so a new scope,
        # ceiling or reference path reuses them (copies: a caller may change its result)
        source = "exempel"
        pct = checks.non_negative(measure_pct, "percent", "genomförandegrad i procent")
        parts = (p.copy() for p in _example_parts(name, pct, years, version))
    else:
        source = "fil"
        table, excluded = _inside_scope(cb.validated_measures(measures), scope)
        parts = _measure_parts(table, measure_pct, years)
    measures, effects, by_unit, units = parts
    ref = _reference(name, scope, reference, years[-1], version).copy()
    cap = cb.ceiling_path(float(history.iloc[-1]), last_year, years[-1], options[ceiling])
    return ClimateBudget(
        kommun=name, scope=scope, ceiling_label=ceiling, rate=options[ceiling], reference_label=reference,
        measure_pct=float(measure_pct), history=history, reference=ref, ceiling=cap, measures=measures,
        effects=effects, table=cb.budget_table(ref, cap, measures, years), by_unit=by_unit, units=units,
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
    numbers = {header: table[key].to_numpy() for key, header in BUDGET_HEADERS.items()}
    numbers.update({f"varav {unit} (ton CO₂e)": result.by_unit[unit].to_numpy() for unit in result.by_unit.columns})
    if rounded:
        numbers = {header: np.round(values, 0) for header, values in numbers.items()}
    return pd.DataFrame({"År": table.index.to_numpy(), **numbers,
                         "Inom taket?": np.where(table["within_ceiling"], "ja", "nej")})


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
    last_year, period = u["reduction_last_year_t_co2e"].to_numpy(), u["reduction_period_t_co2e"].to_numpy()
    share = u["share_of_planned_pct"].to_numpy()
    if rounded:
        last_year, period, share = np.round(last_year, 0), np.round(period, 0), np.round(share.astype(float), 1)
    return pd.DataFrame({
        "Ansvarig enhet": u.index.to_numpy(),
        "Antal åtgärder": u["measures"].to_numpy(),
        f"Minskning {last} (ton CO₂e)": last_year,
        f"Minskning {result.plan_years[0]}–{last} sammanlagt (ton CO₂e)": period,
        "Andel av planerade minskningar (%)": share,
    })


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
