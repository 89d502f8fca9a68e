"""Explorer for the lesson "Klimatbudget i budgetprocessen".

Controls: kommun, scope, emission ceiling, reference path and how much of the example
measures' effect is delivered. The pure :func:`view` does all the work. The model part takes a
few milliseconds; the chart is one figure per layout whose artists are updated on every change
(:func:`models.lessons.strategi.klimatbudget.update_budget_figure`); only its moving parts are
drawn again (:class:`~models.common.live_figure.LiveCharts`), and rendered charts are cached.
"""
from __future__ import annotations

import contextlib
from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, display

from models.lessons.strategi import klimatbudget as report
from models import data
from models.common import checks
from models.common.formatting import fmt_number
from models.common.live_figure import LiveCharts
from models.common.tables import show
from models.common.widgets import kommun_dropdown, opened
from models.widgets._preload import read_every_kommun

#: The measure-effect slider: 0–200 % (:data:`~models.lessons.strategi.klimatbudget.MAX_MEASURE_PCT`) in steps of 25.
MEASURE_PCT_VALUES = tuple(range(0, report.MAX_MEASURE_PCT + 1, 25))


@dataclass(frozen=True)
class ClimateBudgetView:
    """What the explorer shows for one set of control values."""

    kommun: str
    table: pd.DataFrame
    units: pd.DataFrame
    message: str
    png: bytes


def _check_pct(measure_pct) -> int:
    if not checks.is_real(measure_pct):
        raise checks.WrongType(f"Åtgärdernas effekt (%) måste vara ett tal, ett av {list(MEASURE_PCT_VALUES)}, "
                               f"fick {checks.show(measure_pct)}.")
    return int(checks.option(measure_pct, MEASURE_PCT_VALUES, "Åtgärdernas effekt (%)"))


#: One live chart per layout (responsible units, plan years) and the PNGs already drawn (issue 13).
_CHARTS = LiveCharts(256, figures=4)


def _render(result: report.ClimateBudget, key=None, measures: pd.DataFrame | None = None,
            version: tuple | None = None) -> bytes:
    """The chart of ``result`` as PNG: the live chart of its layout moved to it (only its parts redrawn).

    ``key``: the control values the PNG is kept under (``None``: drawn, not kept, e.g. the kommun's own measures).
    The panels keep one scale per kommun and scope (:func:`report.budget_limits`), so a new ceiling,
    reference path or measure effect moves only bars and lines; the y axes are among the chart's moving
    parts, so a new kommun or scope needs no full draw either. ``version``: ``data.version()`` if known.
    """
    if result.measures_source == "exempel":     # the kommun's units at any effect (none at 0 %): one chart for all
        version = data.version() if version is None else version
        units, limits = _example_layout(result.kommun, result.scope, tuple(result.plan_years), version)
    else:
        units = tuple(result.by_unit.columns)
        limits = report.budget_limits(result.kommun, result.scope, measures=measures, plan_years=result.plan_years)
    return _CHARTS.png(key, (units, tuple(result.plan_years)), lambda: report.budget_chart(result, limits, units),
                       lambda chart: chart.update(result, limits))


@lru_cache(maxsize=128)
def _example_layout(kommun: str, scope: str, plan_years: tuple, version: tuple) -> tuple[tuple, tuple]:
    """The example measures' responsible units and the chart's limits for a kommun and scope (kept)."""
    units = tuple(pd.unique(report.example_measures(kommun)["responsible_unit"]))
    return units, report.budget_limits(kommun, scope, plan_years=plan_years)


def compute(kommun: str, scope: str, ceiling: str, reference: str, measure_pct: int,
            measures: pd.DataFrame | None = None, version: tuple | None = None) -> report.ClimateBudget:
    """The model part of an update (no drawing); ``measures`` = the kommun's own (see ``report.measures_from_file``);
    ``version``: ``data.version()`` if the caller has it."""
    if measures is None:
        checks.option(scope, report.SCOPES, "omfattning")
        checks.option(ceiling, report.ceiling_options(), "utsläppstak")
        checks.option(reference, report.REFERENCES, "referensbana")
        return _example_budget(data.kommun_name(kommun), scope, ceiling, reference, _check_pct(measure_pct),
                               data.version() if version is None else version)
    return report.climate_budget(kommun, scope, ceiling, reference, _check_pct(measure_pct), measures=measures)


@lru_cache(maxsize=512)
def _example_budget(kommun: str, scope: str, ceiling: str, reference: str, measure_pct: int,
                    key: tuple) -> report.ClimateBudget:
    """The budget with the example measures, kept per (checked) control values and data version."""
    return report.climate_budget(kommun, scope, ceiling, reference, measure_pct)


def chart_png(kommun: str, scope: str, ceiling: str, reference: str, measure_pct: int, key: tuple = ()) -> bytes:
    """The klimatbudget chart for one set of (canonical) control values, as PNG bytes (``key``: ``data.version()``)."""
    version = key if key else None
    return _render(compute(kommun, scope, ceiling, reference, measure_pct, version=version),
                   (kommun, scope, ceiling, reference, measure_pct, key), version=version)


#: An update drawn without the PNG cache (``benchmarks/bench_strategi_*`` time it as before).
chart_png.__wrapped__ = lambda kommun, scope, ceiling, reference, measure_pct, key=(): _render(
    compute(kommun, scope, ceiling, reference, measure_pct))


def message(result: report.ClimateBudget) -> str:
    """One Swedish sentence on the last plan year: within the ceiling or how much is missing."""
    f = report.summary_figures(result)
    year = f["last_plan_year"]
    if f["gap_last_t"] <= 0:
        return (f"{year} ligger de beräknade utsläppen {fmt_number(-f['gap_last_t'])} ton CO₂e under taket "
                "(beräknat).")
    return (f"{year} fattas {fmt_number(f['gap_last_t'])} ton CO₂e: åtgärderna täcker "
            f"{fmt_number(min(f['covered_last_pct'], 999))} % av den minskning som behövs (beräknat).")


def view(kommun: str = "Luleå", scope: str = report.DEFAULT_SCOPE, ceiling: str | None = None,
                        reference: str = report.DEFAULT_REFERENCE, measure_pct: int = 100,
                        draw: bool = True, measures: pd.DataFrame | None = None) -> ClimateBudgetView:
    """Table, unit summary, a sentence and (if ``draw``) the chart for one set of control values.

    ``measures``: the kommun's own measures from the action-plan lesson's file (converted with
    ``report.measures_from_file``) instead of the examples; their chart is drawn, not cached.
    """
    name = data.kommun_name(kommun)
    draw = checks.flag(draw, "draw", "rita diagrammet")
    ceiling = report.default_ceiling() if ceiling is None else ceiling
    version = data.version()        # once per update: it reads every data file's size and time
    result = compute(name, scope, ceiling, reference, measure_pct, measures, version)
    text = message(result)
    if result.excluded_measures:
        text += (f" {len(result.excluded_measures)} åtgärder ligger i sektorer utanför omfattningen och räknas inte: "
                 + ", ".join(result.excluded_measures) + ".")
    if not draw:
        png = b""
    elif measures is None:
        png = chart_png(name, scope, ceiling, reference, int(measure_pct), version)
    else:
        png = _render(result, measures=measures)
    return ClimateBudgetView(name, report.budget_table_sv(result), report.unit_table_sv(result), text, png)


def explorer(kommun: str = "Luleå", measures: pd.DataFrame | None = None) -> widgets.VBox:
    """Dropdowns and a slider above the klimatbudget table and chart (``measures``: the kommun's own)."""
    style = {"description_width": "150px"}
    layout = widgets.Layout(width="520px")
    choice = kommun_dropdown(data.KOMMUNER, data.kommun_name(kommun))
    choice.style, choice.layout = style, layout
    scope = widgets.Dropdown(options=list(report.SCOPES), value=report.DEFAULT_SCOPE, description="Omfattning:",
                             style=style, layout=layout)
    ceiling = widgets.Dropdown(options=list(report.ceiling_options()), value=report.default_ceiling(),
                               description="Utsläppstak:", style=style, layout=layout)
    reference = widgets.ToggleButtons(options=list(report.REFERENCES), value=report.DEFAULT_REFERENCE,
                                      description="Referensbana:", style=style)
    measure_pct = widgets.SelectionSlider(options=list(MEASURE_PCT_VALUES), value=100,
                                          description="Åtgärdernas effekt (%):", style=style, layout=layout)
    output = widgets.Output()
    controls = (choice, scope, ceiling, reference, measure_pct)
    # sector emissions, reference paths and the example measures at 100 % (the chart's scale) read once per
    # kommun, and the opened kommun's other scopes: a new kommun or scope is then faster
    read_every_kommun(report.budget_limits)
    for other in report.SCOPES:
        with contextlib.suppress(ValueError):       # no sector data: the view shows the Swedish message
            report.budget_limits(choice.value, other)

    def render(change=None) -> None:
        current = view(choice.value, scope.value, ceiling.value, reference.value, measure_pct.value,
                       measures=measures)
        with output:
            output.clear_output(wait=True)
            print(current.message)
            display(show(current.table, transpose=True))
            display(Image(current.png))

    for control in controls:
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([*controls, output]))
