"""Explorer for the lesson "Utsläppen i din kommun": pick a kommun, see its emissions."""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

from models import data, emissions_report


@dataclass(frozen=True)
class EmissionsView:
    """Everything the explorer shows for one kommun."""

    kommun: str
    facts: pd.DataFrame
    figures: tuple


def emissions_view(kommun: str) -> EmissionsView:
    """Fact box and the four lesson figures for one kommun (name or SCB code)."""
    name = data.kommun_name(kommun)
    figures = (
        emissions_report.total_figure(name),
        emissions_report.sector_figure(name),
        emissions_report.sector_trend_figure(name),
        emissions_report.county_figure(name),
    )
    return EmissionsView(name, emissions_report.fact_table(name), figures)


def show(view: EmissionsView) -> None:
    """Display a view in the current output area and release its figures."""
    display(view.facts)
    for figure in view.figures:
        display(figure)
        plt.close(figure)


def emissions_explorer(kommun: str = "Luleå") -> widgets.VBox:
    """A dropdown of the 14 kommuner above the fact box and figures for the chosen one."""
    choice = widgets.Dropdown(
        options=list(data.KOMMUNER),
        value=data.kommun_name(kommun),
        description="Kommun:",
        style={"description_width": "initial"},
    )
    output = widgets.Output()

    def render(change=None) -> None:
        view = emissions_view(choice.value)
        with output:
            output.clear_output(wait=True)
            show(view)

    choice.observe(render, names="value")
    render()
    return widgets.VBox([choice, output])
