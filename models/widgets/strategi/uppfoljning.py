"""Explorer for the lesson "Uppföljning med nyckeltal och styrkort".

Controls: kommun, the indicator to chart, the status rule's tolerance and the trend method.
The pure :func:`view` does the work. The chart is one figure moved to each choice; only its moving
parts are drawn again, the y axis included (each kommun and indicator has its own scale, so the kept
image is the figure without it: :class:`~models.common.live_figure.LiveCharts`), and rendered charts are cached.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, Markdown, display

from models import data
from models.lessons.strategi import uppfoljning as report
from models.common import checks
from models.common.live_figure import LiveCharts
from models.common.tables import show
from models.common.widgets import kommun_dropdown, opened
from models.widgets._preload import read_every_kommun

#: The tolerance slider: 0–50 % of the needed change, in steps of 5.
TOLERANCE_PCT_VALUES = tuple(range(0, 51, 5))


@dataclass(frozen=True)
class FollowUpView:
    """What the explorer shows for one set of control values."""

    kommun: str
    scorecard: pd.DataFrame
    summary: str
    png: bytes
    adopted: pd.DataFrame | None = None


def _tolerance(tolerance_pct) -> float:
    return checks.option(tolerance_pct, TOLERANCE_PCT_VALUES, "Tolerans för risk (%)") / 100


def _method(method: str) -> str:
    return report.METHODS[checks.option(method, report.METHODS, "Trendmetod")]


#: The explorer's live chart (one figure, only its moving parts redrawn) and the PNGs already drawn.
_CHARTS = LiveCharts(256, figures=1)


def chart_png(kommun: str, indicator: str, tolerance_pct: int, method: str, key: tuple = ()) -> bytes:
    """One indicator chart (canonical kommun name, Swedish method label) as PNG bytes.

    One figure serves every chart: it is moved with
    :func:`models.lessons.strategi.uppfoljning.update_indicator_figure` and only its parts are redrawn (issue 13).
    """
    return _draw(kommun, indicator, tolerance_pct, method, key, keep=True)


def _draw(kommun: str, indicator: str, tolerance_pct: int, method: str, key: tuple = (), keep: bool = False,
          charts: LiveCharts = _CHARTS) -> bytes:
    args = (kommun, indicator, _tolerance(tolerance_pct), _method(method))
    return charts.png((kommun, indicator, tolerance_pct, method, key) if keep else None, "indicator",
                      lambda: report.indicator_chart(*args), lambda chart: chart.update(*args))


def view(kommun: str = "Luleå", indicator: str | None = None, tolerance_pct: int = 20,
                   method: str = "Medianregression (LAD)", draw: bool = True,
                   until: int | None = None) -> FollowUpView:
    """Scorecard, the kommun's adopted targets, council summary and (if ``draw``) one indicator chart.

    ``until=2023`` judges the emission indicators without the 2024 break (reduktionsplikt).
    """
    name = data.kommun_name(kommun)
    draw = checks.flag(draw, "draw", "rita diagrammet")
    indicator = report.indicator_names()[0] if indicator is None else indicator
    report.indicator(name, indicator)  # validates the name with a Swedish message
    card, summary, adopted = report.explorer_tables(name, _tolerance(tolerance_pct), _method(method), until)
    png = chart_png(name, indicator, int(tolerance_pct), method, data.version()) if draw else b""
    return FollowUpView(name, card, summary, png, adopted)


def explorer(kommun: str = "Luleå") -> widgets.VBox:
    """Controls above the scorecard, one indicator chart and the council summary."""
    style = {"description_width": "150px"}
    layout = widgets.Layout(width="560px")
    choice = kommun_dropdown(data.KOMMUNER, data.kommun_name(kommun))
    choice.style, choice.layout = style, layout
    indicator = widgets.Dropdown(options=report.indicator_names(), value=report.indicator_names()[0],
                                 description="Diagram för:", style=style, layout=layout)
    tolerance = widgets.SelectionSlider(options=list(TOLERANCE_PCT_VALUES), value=20,
                                        description="Tolerans för risk (%):", style=style, layout=layout)
    method = widgets.ToggleButtons(options=list(report.METHODS), value="Medianregression (LAD)",
                                   description="Trendmetod:", style=style)
    years = widgets.ToggleButtons(options=[("Alla år", None), (f"T.o.m. {report.YEAR_BEFORE_BREAK}",
                                                               report.YEAR_BEFORE_BREAK)],
                                  value=None, description="Utsläppsår:", style=style)
    output = widgets.Output()
    controls = (choice, indicator, tolerance, method, years)
    read_every_kommun(report.trend_assessments)     # every kommun's data and trend fits: a new kommun is then fast

    def render(change=None) -> None:
        current = view(choice.value, indicator.value, tolerance.value, method.value, until=years.value)
        with output:
            output.clear_output(wait=True)
            display(show(current.scorecard[["Nyckeltal", "Enhet", "Senaste värde",
                                         "Målvärde", "Trenden ger av behövd förändring (%)",
                                         "Status"]]))
            if len(current.adopted):
                display(show(current.adopted[["Mål", "Målvärde", "Enhet", "Trend målåret", "Status"]]))
            display(Image(current.png))
            display(Markdown(current.summary))

    for control in controls:
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([*controls, output]))
