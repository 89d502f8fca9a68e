"""The chart of the lesson "Klimatbudget i budgetprocessen": paths, ceiling, planned cuts and the gap.

:func:`budget_figure` draws a budget for the lesson page; :func:`update_budget_figure` moves the same
figure to another budget (line data, bar heights, limits, texts), so the live explorer
(:mod:`models.widgets.strategi.klimatbudget`) redraws only the chart's moving parts (issue 13).
:mod:`models.lessons.strategi.klimatbudget` re-exports every name here.
"""
from __future__ import annotations


import numpy as np
import pandas as pd
from matplotlib.lines import Line2D
from matplotlib.patches import PathPatch, Rectangle

from models.common import checks
from models.common.live_figure import FigureChart
from models.common.plotting import MAIN, MUTED, OKABE_ITO, add_source, boxes_path, new_figure, place_ylabel, swedish_axis
from models.strategy import climate_budget as cb
from models.lessons.strategi.klimatbudget_underlag import HISTORY_FROM, KT, ClimateBudget, _checked_limits, source_note

UNIT_COLOURS = [OKABE_ITO[k] for k in ("orange", "sky_blue", "bluish_green", "reddish_purple", "yellow", "vermillion")]
UNIT_HATCHES = ["", "..", "\\\\", "xx", "--", "oo"]
BAR_WIDTH = 0.8


def projected_path(result: ClimateBudget) -> pd.Series:
    """Emissions with the measures from the last observed year to the plan's end [t CO2e/yr].

    Equal to the reference path before the measures start, floored at zero.
    """
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    effects = cb.measure_effects(result.measures, result.reference.index).to_numpy().sum(axis=0)
    reference = result.reference
    return pd.Series(np.maximum(reference.to_numpy() - effects, 0.0), index=reference.index, name="projected_t_co2e")


def budget_figure(result: ClimateBudget, limits: tuple | None = None, units=None):
    """Two panels: paths over time (left) and, per plan year, who cuts how much and the gap (right).

    ``limits``: fixed tops of the panels (see :func:`update_budget_figure`). ``units``: the responsible
    units the right panel has bars for, in order (default: ``result``'s own); a live explorer passes
    every unit its results may have, so a result with none of them (0 % effect) builds the same figure.
    The figure keeps its artists, so a live explorer can move it to another result with
    :func:`update_budget_figure` instead of drawing a new one.
    """
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    units = _checked_units(units, result)
    plan = result.plan_years
    fig, (left, right) = new_figure(1, 2, width=11, height=4.6, gridspec_kw={"width_ratios": [1.25, 1]})
    # fixed axes with room for the widest tick labels of any kommun (Luleå, whole kommun): never laid out again
    fig.set_layout_engine("none")
    left.set_position((0.075, 0.223, 0.462, 0.665))
    right.set_position((0.625, 0.223, 0.37, 0.665))
    parts = {"plan": tuple(plan), "units": units, "left": left, "right": right}
    parts["history"], = left.plot([], [], color=MAIN, marker="o", linewidth=2, label="Utsläpp (statistik)")
    parts["reference"], = left.plot([], [], color=MUTED, linestyle="--", linewidth=2,
                                    label="Referensbana utan nya åtgärder")
    parts["ceiling"], = left.plot([], [], color="black", linestyle=":", marker="s", markersize=4, linewidth=1.5,
                                  label="Utsläppstak")
    parts["projected"], = left.plot([], [], color=OKABE_ITO["bluish_green"], marker="^", linewidth=2,
                                    label="Beräknat med åtgärder")
    years = np.asarray(plan)
    zeros = np.zeros(len(years))
    parts["gap_area"] = left.fill_between(years, zeros, zeros, facecolor="none", edgecolor=OKABE_ITO["vermillion"],
                                          hatch="///", linewidth=0, label="Gap: över taket")
    left.axvspan(plan[0] - 0.5, plan[-1] + 0.5, color="#F2F2F2", zorder=0)
    left.set_xlim(HISTORY_FROM - 0.5, plan[-1] + 0.7)
    left.set_ylabel("tusen ton CO₂e per år")
    left.set_title("Utsläpp, referensbana och tak", y=1.0)     # y given: not placed again at every draw
    left.legend(handles=[parts[k] for k in ("history", "reference", "ceiling", "projected", "gap_area")],
                loc="upper center", bbox_to_anchor=(0.5, -0.09), fontsize=7.5, ncols=2)
    parts["plan_label"] = left.annotate("planperiod", (plan[0] - 0.4, 1.0), fontsize=8, va="top", color="#555555")

    # a unit's bars are one patch (one hatched path to draw, not one per year); "bars" keep each bar's place
    groups = [_bar_group(right, years, unit, facecolor=UNIT_COLOURS[i % len(UNIT_COLOURS)],
                         hatch=UNIT_HATCHES[i % len(UNIT_HATCHES)], edgecolor="white")
              for i, unit in enumerate(parts["units"])]
    parts["bars"], parts["stacks"] = [g[0] for g in groups], [g[1] for g in groups]
    parts["gap_bars"], parts["gap_stack"] = _bar_group(right, years, "Gap: återstår att hitta", facecolor="white",
                                                       edgecolor=OKABE_ITO["vermillion"], hatch="///")
    parts["required"] = right.scatter(years, zeros, marker="_", s=900, color="black", linewidths=2, zorder=3,
                                      label="Behövd minskning")
    right.set_xticks(years)
    right.set_ylabel("tusen ton CO₂e per år")
    right.grid(axis="x", visible=False)
    right.set_title("Vem minskar hur mycket – och vad som fattas", y=1.0)
    # the legend's mark for the required reduction at the size of the other marks (the bars' marks are 900 pt²)
    required = Line2D([], [], color="black", marker="_", linestyle="none", markersize=14, markeredgewidth=2,
                      label="Behövd minskning")
    right.legend(handles=[required, *parts["stacks"], parts["gap_stack"]], loc="upper center",
                 bbox_to_anchor=(0.5, -0.09), fontsize=7.5, ncols=2)
    # the y scales (limits, ticks, grid) follow the kommun and scope: the axes are drawn in every frame, with
    # what a full draw puts over their grid lines (the spines; the legends lie below the panels)
    parts["scales"] = [left.yaxis, right.yaxis, *left.spines.values(), *right.spines.values()]
    parts["title"] = fig.suptitle("", fontweight="bold")
    parts["source"] = add_source(fig, "") or fig.texts[-1]
    fig.stratus_budget_parts = parts
    update_budget_figure(fig, result, limits)
    return fig


def budget_chart(result: ClimateBudget, limits: tuple | None = None, units=None) -> FigureChart:
    """:func:`budget_figure` as a live chart: ``chart.update(result, limits)`` moves it to a result with the
    same plan years and no units outside ``units`` (default: ``result``'s own)."""
    return FigureChart(budget_figure(result, limits, units), update_budget_figure, "stratus_budget_parts",
                       moving_legends=False)


def _checked_units(units, result: ClimateBudget) -> tuple[str, ...]:
    """``units`` (responsible units, default ``result``'s own) as a tuple that holds every unit of ``result``."""
    own = tuple(result.by_unit.columns)
    if units is None:
        return own
    if isinstance(units, (str, bytes, dict, pd.DataFrame)) or not hasattr(units, "__iter__"):
        raise checks.WrongType(f"units måste vara en lista med ansvariga enheter, fick {checks.show(units)}.")
    units = tuple(units)
    if len(units) > 100 or not all(isinstance(u, str) for u in units) or len(set(units)) != len(units):
        raise ValueError(f"units måste vara högst 100 olika ansvariga enheter som text, fick {checks.show(units)}.")
    missing = [u for u in own if u not in units]
    if missing:
        raise ValueError(f"units saknar resultatets ansvariga enheter {missing}; ange alla enheter som "
                         f"diagrammet ska visa, fick {checks.show(units)}.")
    return units


def update_budget_figure(fig, result: ClimateBudget, limits: tuple | None = None) -> bool:
    """Move a figure from :func:`budget_figure` to ``result``: new line data, bar heights, texts, limits.

    ``limits=(left top, right top)`` [t CO₂e/yr] fixes the panels' scales (see :func:`budget_limits`);
    ``None``: they fit ``result``.
    Returns ``False`` and changes nothing when the figure's layout does not fit ``result`` (other
    responsible units or another plan period): then draw a new figure with :func:`budget_figure`.
    """
    checks.instance(result, ClimateBudget, "result", "ett resultat från climate_budget()")
    limits = None if limits is None else _checked_limits(limits)
    parts = getattr(fig, "stratus_budget_parts", None)
    if parts is None:
        raise checks.WrongType(f"fig måste vara en figur från budget_figure(), fick {checks.show(fig)}.")
    if parts["plan"] != tuple(result.plan_years) or not set(result.by_unit.columns) <= set(parts["units"]):
        return False
    left, right, plan = parts["left"], parts["right"], result.plan_years
    lines = {"history": result.history, "reference": result.reference, "ceiling": result.ceiling,
             "projected": projected_path(result)}
    tops = {}
    for key, series in lines.items():
        parts[key].set_data(series.index.to_numpy(), series.to_numpy() / KT)
        tops[key] = float(np.nanmax(series.to_numpy())) / KT if len(series) else np.nan
    years = np.asarray(plan)
    table = result.table
    parts["gap_area"].set_data(years, table["ceiling_t_co2e"].to_numpy() / KT, table["projected_t_co2e"].to_numpy() / KT,
                               where=table["gap_t_co2e"].to_numpy() > 0)
    top_left = (max(float(np.nanmax(list(tops.values()))), 1e-9) * 1.05 if limits is None else limits[0] / KT)
    left.set_ylim(0, top_left)
    swedish_axis(left.yaxis, decimals=0 if tops["history"] >= 10 else 1)
    place_ylabel(left)
    parts["plan_label"].xy = parts["plan_label"].xyann = (plan[0] - 0.4, top_left * 0.97)

    bottom = np.zeros(len(years))
    for unit, bars, stack in zip(parts["units"], parts["bars"], parts["stacks"]):
        values = (result.by_unit[unit].to_numpy() / KT if unit in result.by_unit.columns
                  else np.zeros(len(years)))
        _set_bars(bars, stack, bottom, values)
        bottom = bottom + values
    gap = np.maximum(table["gap_t_co2e"].to_numpy(), 0) / KT
    _set_bars(parts["gap_bars"], parts["gap_stack"], bottom, gap)
    required = table["required_reduction_t_co2e"].to_numpy() / KT
    parts["required"].set_offsets(np.column_stack([years, required]))
    top = (max(float(np.max(bottom + gap)), float(np.max(required)), 1e-9) if limits is None
           else limits[1] / KT / 1.15)
    right.set_ylim(0, top * 1.15)
    swedish_axis(right.yaxis, decimals=0 if top >= 10 else 1)
    place_ylabel(right)
    parts["title"].set_text(f"{result.kommun}: klimatbudget {plan[0]}–{plan[-1]} ({result.scope.lower()})")
    what = "Åtgärderna är exempel, inte beslut." if result.measures_source == "exempel" else "Åtgärderna från kommunens fil."
    parts["source"].set_text(f"{source_note()} {what}")
    return True


def _bar_group(ax, years, label: str, **style) -> tuple[list, PathPatch]:
    """Bars at ``years`` drawn as one patch: the rectangles hold each bar's base and height (not drawn
    themselves), the patch draws them all (a hatch costs the same for one bar as for many)."""
    bars = [Rectangle((x - BAR_WIDTH / 2, 0.0), BAR_WIDTH, 0.0, visible=False) for x in years]
    return bars, ax.add_patch(PathPatch(boxes_path(bars), label=label, **style))


def _set_bars(bars: list, patch: PathPatch, bottom, heights) -> None:
    for bar, base, height in zip(bars, bottom, heights):
        bar.set_y(base)
        bar.set_height(height)
    patch.set_path(boxes_path([bar for bar in bars if bar.get_height() > 0]))
