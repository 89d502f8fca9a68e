"""Explorer for the lesson "Utsläppen i din kommun": pick a kommun and a chart.

Drawing a figure costs far more than the model, so each update draws only the chart asked for,
through :class:`~models.common.live_figure.LiveCharts`: "Över tid" and "Länet" are live figures moved
from kommun to kommun ("Över tid": its lines and title redrawn; "Länet": the county's bars keep their
order, only the marked kommun moves), the others are drawn whole per kommun (their bars and order
differ). Rendered charts are cached: going back to a kommun or chart is instant.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from models import data
from models.common.live_figure import LiveCharts
from models.common import checks
from models.common.widgets import kommun_chart_explorer
from models.lessons.strategi import utslapp as lesson

#: Chart choices shown to the learner (Swedish label -> figure function).
CHARTS = {
    "Över tid": lesson.total_figure,
    "Per sektor": lesson.sector_figure,
    "Sektorer över tid": lesson.sector_trend_figure,
    "Länet": lesson.county_figure,
}


#: Charts with a live version (the same figure for every kommun); the others are drawn whole per kommun.
LIVE = {"Över tid": lesson.total_chart, "Per sektor": lesson.sector_chart,
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
_CHARTS = LiveCharts(len(data.KOMMUNER) * len(CHARTS), figures=5)


def chart_png(kommun: str, chart: str, key: tuple = ()) -> bytes:
    """One chart for one kommun (canonical name), rendered to PNG bytes (``key``: the data's version)."""
    return _draw(kommun, chart, key, keep=True)


def _draw(kommun: str, chart: str, key: tuple = (), keep: bool = False) -> bytes:
    # one figure per chart moved from kommun to kommun, only its moving parts redrawn ("Per sektor": one
    # figure per number of sectors, its height follows them)
    structure = (chart, len(lesson.sector_shares(kommun)) if chart == "Per sektor" else 0, key)
    return _CHARTS.png((kommun, chart, key) if keep else None, structure, lambda: LIVE[chart](kommun),
                       lambda live: live.update(kommun))


def view(kommun: str = "Luleå", chart: str = "Över tid") -> EmissionsView:
    """Fact box and one chart for a kommun (name or SCB code)."""
    name = data.kommun_name(kommun)
    checks.option(chart, CHARTS, "Diagram")
    return EmissionsView(name, chart, lesson.fact_table(name), chart_png(name, chart, data.version()))


def explorer(kommun: str = "Luleå", chart: str = "Över tid") -> widgets.VBox:
    """A kommun dropdown and chart buttons above the fact box and the chosen chart."""
    return kommun_chart_explorer(view, data.KOMMUNER, tuple(CHARTS), data.kommun_name(kommun), chart)
