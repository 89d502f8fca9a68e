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
from IPython.display import Image, display

from models import data, emissions_report
from models.plotting import figure_png
from models.tables import show

#: Chart choices shown to the learner (Swedish label -> figure function).
CHARTS = {
    "Över tid": emissions_report.total_figure,
    "Per sektor": emissions_report.sector_figure,
    "Sektorer över tid": emissions_report.sector_trend_figure,
    "Länet": emissions_report.county_figure,
}


@dataclass(frozen=True)
class EmissionsView:
    """Everything the explorer shows for one kommun and chart."""

    kommun: str
    chart: str
    facts: pd.DataFrame
    png: bytes


@lru_cache(maxsize=len(data.KOMMUNER) * len(CHARTS))
def chart_png(kommun: str, chart: str) -> bytes:
    """One chart for one kommun (canonical name), rendered to PNG bytes."""
    figure = CHARTS[chart](kommun)
    return figure_png(figure)


def emissions_view(kommun: str, chart: str = "Över tid") -> EmissionsView:
    """Fact box and one chart for a kommun (name or SCB code)."""
    name = data.kommun_name(kommun)
    if chart not in CHARTS:
        valid = ", ".join(f'"{c}"' for c in CHARTS)
        raise ValueError(f'Okänt diagram "{chart}". Välj ett av: {valid}.')
    return EmissionsView(name, chart, emissions_report.fact_table(name), chart_png(name, chart))


def emissions_explorer(kommun: str = "Luleå", chart: str = "Över tid") -> widgets.VBox:
    """A kommun dropdown and chart buttons above the fact box and the chosen chart."""
    choice = widgets.Dropdown(
        options=list(data.KOMMUNER),
        value=data.kommun_name(kommun),
        description="Kommun:",
    )
    charts = widgets.ToggleButtons(options=list(CHARTS), value=chart, description="Diagram:")
    output = widgets.Output()

    def render(change=None) -> None:
        view = emissions_view(choice.value, charts.value)
        with output:
            output.clear_output(wait=True)
            display(show(view.facts))
            display(Image(view.png))

    choice.observe(render, names="value")
    charts.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([choice]), charts, output])
