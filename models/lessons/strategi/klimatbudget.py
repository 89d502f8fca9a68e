"""Lesson "Klimatbudget i budgetprocessen": the kommun's climate budget, Swedish tables, chart, Excel.

Builds the case from :mod:`models.data` and the pure model :mod:`models.strategy.climate_budget`.
The lesson page and its explorer (:mod:`models.widgets.strategi.klimatbudget`) call the same functions.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.patches import Patch

from models import data
from models.common import checks
from models.common.export import write_xlsx
from models.common.formatting import fmt_number
from models.common.live_figure import FigureChart
from models.common.plotting import MAIN, MUTED, OKABE_ITO, add_source, new_figure, swedish_axis
from models.data import emissions as smhi
from models.strategy import climate_budget as cb
from models.lessons.strategi.klimatbudget_underlag import (  # noqa: F401  (re-exported for the lesson)
    DEFAULT_REFERENCE, DEFAULT_SCOPE, EXAMPLE_MEASURES, EXAMPLE_NOTE, FILE_NOTE, HISTORY_FROM, INDUSTRY, KT,
    NO_UNIT, PLAN_YEARS, REFERENCE_UNTIL, REFERENCES, SCOPES, SWEDISH_PLAN_YEARS, TREND_TO_2023, budget_limits,
    ceiling_options, default_ceiling, example_measures, measures_from_file, reference_assumption, scope_emissions,
    scope_sectors, source_note,
)
from models.lessons.strategi.klimatbudget_underlag import _example_parts, _measure_parts, _reference


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
    version = data.version("emissions_by_sector")
    if measures is None:
        # the example measures' parts depend on the kommun and the effect only: kept, so a new scope,
        # ceiling or reference path reuses them (copies: a caller may change its result)
        source = "exempel"
        pct = checks.non_negative(measure_pct, "percent", "genomförandegrad i procent")
        parts = (p.copy() for p in _example_parts(name, pct, years, version))
    else:
        source, table = "fil", cb.validated_measures(measures)
        if "sector" in table.columns:
            inside = table["sector"].isin(scope_sectors(scope, smhi.SECTORS))
            excluded = tuple(table.loc[~inside, "measure"])
            table = table[inside].reset_index(drop=True)
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


def budget_figure(result: ClimateBudget, limits: tuple | None = None):
    """Two panels: paths over time (left) and, per plan year, who cuts how much and the gap (right).

    ``limits``: fixed tops of the panels (see :func:`update_budget_figure`). The figure keeps its artists,
    so a live explorer can move it to another result with :func:`update_budget_figure` instead of drawing
    a new one.
    """
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    plan = result.plan_years
    fig, (left, right) = new_figure(1, 2, width=11, height=4.6, gridspec_kw={"width_ratios": [1.25, 1]})
    # fixed axes with room for the widest tick labels of any kommun (Luleå, whole kommun): never laid out again
    fig.set_layout_engine("none")
    left.set_position((0.075, 0.223, 0.462, 0.665))
    right.set_position((0.625, 0.223, 0.37, 0.665))
    parts = {"plan": tuple(plan), "units": tuple(result.by_unit.columns), "left": left, "right": right}
    parts["history"], = left.plot([], [], color=MAIN, marker="o", linewidth=2, label="Utsläpp (statistik)")
    parts["reference"], = left.plot([], [], color=MUTED, linestyle="--", linewidth=2,
                                    label="Referensbana utan nya åtgärder")
    parts["ceiling"], = left.plot([], [], color="black", linestyle=":", marker="s", markersize=4, linewidth=1.5,
                                  label="Utsläppstak")
    parts["projected"], = left.plot([], [], color=OKABE_ITO["bluish_green"], marker="^", linewidth=2,
                                    label="Beräknat med åtgärder")
    parts["gap_area"] = None
    left.axvspan(plan[0] - 0.5, plan[-1] + 0.5, color="#F2F2F2", zorder=0)
    left.set_xlim(HISTORY_FROM - 0.5, plan[-1] + 0.7)
    left.set_ylabel("tusen ton CO₂e per år")
    left.set_title("Utsläpp, referensbana och tak", y=1.0)     # y given: not placed again at every draw
    left.legend(handles=[parts[k] for k in ("history", "reference", "ceiling", "projected")]
                + [_gap_patch()], loc="lower left", fontsize=8)
    parts["plan_label"] = left.annotate("planperiod", (plan[0] - 0.4, 1.0), fontsize=8, va="top", color="#555555")

    years = np.asarray(plan)
    zeros = np.zeros(len(years))
    parts["bars"] = [right.bar(years, zeros, color=UNIT_COLOURS[i % len(UNIT_COLOURS)],
                               hatch=UNIT_HATCHES[i % len(UNIT_HATCHES)], edgecolor="white", label=unit)
                     for i, unit in enumerate(parts["units"])]
    parts["gap_bars"] = right.bar(years, zeros, facecolor="white", edgecolor=OKABE_ITO["vermillion"], hatch="///",
                                  label="Gap: återstår att hitta")
    parts["required"] = right.scatter(years, zeros, marker="_", s=900, color="black", linewidths=2, zorder=3,
                                      label="Behövd minskning")
    right.set_xticks(years)
    right.set_ylabel("tusen ton CO₂e per år")
    right.grid(axis="x", visible=False)
    right.set_title("Vem minskar hur mycket – och vad som fattas", y=1.0)
    right.legend(loc="upper center", bbox_to_anchor=(0.5, -0.09), fontsize=7.5, ncols=2)
    # the y scales (limits, ticks, grid) follow the kommun and scope: the axes are drawn in every frame, with
    # what a full draw puts over their grid lines (the spines, the left legend)
    parts["scales"] = [left.yaxis, right.yaxis, *left.spines.values(), *right.spines.values(), left.get_legend()]
    parts["title"] = fig.suptitle("", fontweight="bold")
    parts["source"] = add_source(fig, "") or fig.texts[-1]
    fig.stratus_budget_parts = parts
    update_budget_figure(fig, result, limits)
    return fig


def budget_chart(result: ClimateBudget, limits: tuple | None = None) -> FigureChart:
    """:func:`budget_figure` as a live chart: ``chart.update(result, limits)`` moves it (same units and plan years)."""
    return FigureChart(budget_figure(result, limits), update_budget_figure, "stratus_budget_parts",
                       moving_legends=False)


def update_budget_figure(fig, result: ClimateBudget, limits: tuple | None = None) -> bool:
    """Move a figure from :func:`budget_figure` to ``result``: new line data, bar heights, texts, limits.

    ``limits=(left top, right top)`` [t CO₂e/yr] fixes the panels' scales (see :func:`budget_limits`);
    ``None``: they fit ``result``.
    Returns ``False`` and changes nothing when the figure's layout does not fit ``result`` (other
    responsible units or another plan period): then draw a new figure with :func:`budget_figure`.
    """
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    if limits is not None:
        if not isinstance(limits, (tuple, list)) or len(limits) != 2:
            raise checks.WrongType(f"limits måste vara (vänstra panelens topp, högra panelens topp), fick "
                                   f"{checks.show(limits)}.")
        limits = tuple(checks.number(x, f"limits[{i}]", "diagrammets topp, ton CO₂e", low=0.0)
                       for i, x in enumerate(limits))
        if min(limits) <= 0:
            raise ValueError(f"limits: diagrammens toppar måste vara större än 0, fick {checks.show(limits)}.")
    parts = getattr(fig, "stratus_budget_parts", None)
    if parts is None:
        raise checks.WrongType(f"fig måste vara en figur från budget_figure(), fick {checks.show(fig)}.")
    if parts["plan"] != tuple(result.plan_years) or not set(result.by_unit.columns) <= set(parts["units"]):
        return False
    left, right, plan = parts["left"], parts["right"], result.plan_years
    h, ref, cap = result.history / KT, result.reference / KT, result.ceiling / KT
    projected = projected_path(result) / KT
    for key, series in (("history", h), ("reference", ref), ("ceiling", cap), ("projected", projected)):
        parts[key].set_data(series.index.to_numpy(), series.to_numpy())
    if parts["gap_area"] is not None:
        parts["gap_area"].remove()
    years = np.asarray(plan)
    table = result.table
    parts["gap_area"] = left.fill_between(years, table["ceiling_t_co2e"] / KT, table["projected_t_co2e"] / KT,
                                          where=table["gap_t_co2e"].to_numpy() > 0, facecolor="none",
                                          edgecolor=OKABE_ITO["vermillion"], hatch="///", linewidth=0)
    top_left = (max(float(np.nanmax([h.max(), ref.max(), cap.max(), projected.max()])), 1e-9) * 1.05
                if limits is None else limits[0] / KT)
    left.set_ylim(0, top_left)
    swedish_axis(left.yaxis, decimals=0 if h.max() >= 10 else 1)
    parts["plan_label"].xy = parts["plan_label"].xyann = (plan[0] - 0.4, top_left * 0.97)

    bottom = np.zeros(len(years))
    for unit, bars in zip(parts["units"], parts["bars"]):
        values = (result.by_unit[unit].to_numpy() / KT if unit in result.by_unit.columns
                  else np.zeros(len(years)))
        for bar, value, base in zip(bars, values, bottom):
            bar.set_y(base)
            bar.set_height(value)
        bottom = bottom + values
    gap = np.maximum(table["gap_t_co2e"].to_numpy(), 0) / KT
    for bar, value, base in zip(parts["gap_bars"], gap, bottom):
        bar.set_y(base)
        bar.set_height(value)
    required = table["required_reduction_t_co2e"].to_numpy() / KT
    parts["required"].set_offsets(np.column_stack([years, required]))
    top = (max(float(np.max(bottom + gap)), float(np.max(required)), 1e-9) if limits is None
           else limits[1] / KT / 1.15)
    right.set_ylim(0, top * 1.15)
    swedish_axis(right.yaxis, decimals=0 if top >= 10 else 1)
    parts["title"].set_text(f"{result.kommun}: klimatbudget {plan[0]}–{plan[-1]} ({result.scope.lower()})")
    what = "Åtgärderna är exempel, inte beslut." if result.measures_source == "exempel" else "Åtgärderna från kommunens fil."
    parts["source"].set_text(f"{source_note()} {what}")
    return True


def _gap_patch():
    return Patch(facecolor="none", edgecolor=OKABE_ITO["vermillion"], hatch="///", linewidth=0,
                 label="Gap: över taket")


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
