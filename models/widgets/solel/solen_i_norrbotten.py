"""Explorer for the lesson "Solen i Norrbotten": pick a kommun and a chart.

The sun position and typical year are cached per kommun (first look at a kommun ≈ 0.5 s, then
a few ms); rendered charts are cached as PNG bytes.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, display

from models import data
from models.common import checks
from models.common.tables import show
from models.common.widgets import PngCache, kommun_dropdown
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
    choice = kommun_dropdown(data.KOMMUNER, data.kommun_name(kommun))
    charts = widgets.ToggleButtons(options=list(CHARTS), value=chart, description="Diagram:")
    output = widgets.Output()

    def render(change=None) -> None:
        current = view(choice.value, charts.value)
        with output:
            output.clear_output(wait=True)
            display(show(current.facts))
            display(Image(current.png))

    choice.observe(render, names="value")
    charts.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([choice]), charts, output])
