"""Explorer for the lesson "Solen i Norrbotten": pick a kommun and a chart.

The sun position and typical year are cached per kommun (first look at a kommun ≈ 0.5 s, then
a few ms); rendered charts are cached as PNG bytes.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd

from models import data
from models.common import checks
from models.common.widgets import PngCache, kommun_chart_explorer
from models.lessons.solel import solen_i_norrbotten as lesson

CHARTS = {
    "Solens bana": lesson.sun_path_figure,
    "Dagens längd": lambda kommun: lesson.day_length_figure(tuple(dict.fromkeys((kommun, "Luleå")))),
    "Instrålning per månad": lesson.irradiation_figure,
}
_PNG = PngCache(size=len(data.KOMMUNER) * len(CHARTS))


@dataclass(frozen=True)
class SunView:
    """Everything the explorer shows for one kommun and chart."""

    kommun: str
    chart: str
    facts: pd.DataFrame
    summary: dict
    png: bytes


def view(kommun: str = "Luleå", chart: str = "Solens bana") -> SunView:
    """Fact box and one chart for a kommun (name or SCB code)."""
    name = data.kommun_name(kommun)
    checks.option(chart, CHARTS, "Diagram")
    png = _PNG.get((name, chart), lambda: CHARTS[chart](name))
    return SunView(name, chart, lesson.fact_table(name), lesson.summary(name), png)


def explorer(kommun: str = "Luleå", chart: str = "Solens bana") -> widgets.VBox:
    """A kommun dropdown and chart buttons above the fact box and the chosen chart."""
    return kommun_chart_explorer(view, data.KOMMUNER, CHARTS, data.kommun_name(kommun), chart)
