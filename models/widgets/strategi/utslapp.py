"""Explorer for the lesson "Utsläppen i din kommun": pick a kommun and a chart.

Drawing a figure costs 0.1-0.4 s in matplotlib, far more than the model (about 25 ms), so
each update draws only the chart asked for, and rendered charts are cached: the data are
fixed, so going back to a kommun or chart already seen is instant.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd

from models import data
from models.common.plotting import figure_png
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


@dataclass(frozen=True)
class EmissionsView:
    """Everything the explorer shows for one kommun and chart."""

    kommun: str
    chart: str
    facts: pd.DataFrame
    png: bytes


@lru_cache(maxsize=len(data.KOMMUNER) * len(CHARTS))
def chart_png(kommun: str, chart: str, key: tuple = ()) -> bytes:
    """One chart for one kommun (canonical name), rendered to PNG bytes (``key``: the data's version)."""
    figure = CHARTS[chart](kommun)
    return figure_png(figure)


def view(kommun: str = "Luleå", chart: str = "Över tid") -> EmissionsView:
    """Fact box and one chart for a kommun (name or SCB code)."""
    name = data.kommun_name(kommun)
    checks.option(chart, CHARTS, "Diagram")
    return EmissionsView(name, chart, lesson.fact_table(name), chart_png(name, chart, data.version()))


def explorer(kommun: str = "Luleå", chart: str = "Över tid") -> widgets.VBox:
    """A kommun dropdown and chart buttons above the fact box and the chosen chart."""
    return kommun_chart_explorer(view, data.KOMMUNER, tuple(CHARTS), data.kommun_name(kommun), chart)
