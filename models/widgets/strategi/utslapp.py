"""Explorer for the lesson "Utsläppen i din kommun": pick a kommun and a chart.

Drawing a figure costs far more than the model, so each update draws only the chart asked for,
through :class:`~models.common.live_figure.LiveCharts`: each chart is one live figure, built the first
time it is shown and moved from kommun to kommun ("Över tid": lines, scale and title; "Per sektor":
bars, names, numbers and scale; "Sektorer över tid": the small multiples' lines and texts, no axes at
all; "Länet": the county's bars keep their order, only the marked kommun moves). Rendered charts are
cached: going back to a kommun or chart is instant.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from models import data
from models.common.live_figure import LiveCharts
from models.common import checks
from models.common.widgets import kommun_chart_explorer, opened
from models.lessons.strategi import utslapp as lesson

#: Chart choices shown to the learner (Swedish label -> the chart's live version: one figure for every
#: kommun, ``chart.update(kommun)`` moves it).
CHARTS = {"Över tid": lesson.total_chart, "Per sektor": lesson.sector_chart,
          "Sektorer över tid": lesson.sector_trend_chart, "Länet": lesson.county_chart}


@dataclass(frozen=True)
class EmissionsView:
    """Everything the explorer shows for one kommun and chart."""

    kommun: str
    chart: str
    facts: pd.DataFrame
    png: bytes


#: Every chart of every kommun as PNG; figures drawn through :class:`~models.common.live_figure.LiveFigure`
#: (its renderer keeps the texts already drawn, which makes a new figure several times cheaper to draw).
_CHARTS = LiveCharts(len(data.KOMMUNER) * len(CHARTS), figures=4)


def chart_png(kommun: str, chart: str, key: tuple = ()) -> bytes:
    """One chart for one kommun (canonical name), rendered to PNG bytes (``key``: the data's version)."""
    return _draw(kommun, chart, key, keep=True)


def _draw(kommun: str, chart: str, key: tuple = (), keep: bool = False) -> bytes:
    # one figure per chart moved from kommun to kommun, only its moving parts redrawn
    return _CHARTS.png((kommun, chart, key) if keep else None, (chart, key), lambda: CHARTS[chart](kommun),
                       lambda live: live.update(kommun))


def view(kommun: str = "Luleå", chart: str = "Över tid") -> EmissionsView:
    """Fact box and one chart for a kommun (name or SCB code)."""
    name = data.kommun_name(kommun)
    checks.option(chart, CHARTS, "Diagram")
    return EmissionsView(name, chart, lesson.fact_table(name), chart_png(name, chart, data.version()))


def explorer(kommun: str = "Luleå", chart: str = "Över tid") -> widgets.VBox:
    """A kommun dropdown and chart buttons above the fact box and the chosen chart.

    The other charts are drawn for the first kommun while the explorer opens (each chart's first
    drawing builds its figure, 0,1–0,4 s), so the first click on a chart button shows it at once."""
    box = kommun_chart_explorer(view, data.KOMMUNER, tuple(CHARTS), data.kommun_name(kommun), chart)
    name, version = data.kommun_name(kommun), data.version()
    for other in CHARTS:
        if other != chart:
            chart_png(name, other, version)
    return opened(box)
