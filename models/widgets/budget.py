"""Explorer for the lesson "Mål och koldioxidbudget": a kommun's budget pathway.

Controls (Swedish labels): Kommun, Temperaturmål/budget, Metod, Startår, Undanta (and the
share for "Egen andel"). The pure :func:`budget_view` does all the work and is tested across
every control value; the builder only wires the controls to it.

The model (:func:`models.strategy.scenario.build_scenario`) takes a few milliseconds once the
data are cached; drawing the chart takes about half a second in matplotlib, so rendered charts are
cached per combination of control values.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, Markdown, display

from models import budget_report, data
from models.plotting import figure_png
from models.strategy import scenario as sc

GOALS = budget_report.GOAL_LABELS
METHODS = budget_report.METHOD_LABELS
EXCLUSIONS = budget_report.EXCLUSIONS
CUSTOM_SHARE = budget_report.CUSTOM_SHARE
START_YEARS = tuple(range(sc.START_YEARS[0], 2031))
#: Range of the "Egen andel" slider [%]: (min, max, step).
SHARE_RANGE = (0, 95, 5)


@dataclass(frozen=True)
class BudgetView:
    """Everything the explorer shows for one combination of control values."""

    scenario: sc.Scenario
    facts: pd.DataFrame
    message: str
    png: bytes


def _check(value, options, label: str):
    if value not in options:
        valid = ", ".join(f'"{o}"' for o in options)
        raise ValueError(f'Okänt val för {label}: "{value}". Välj ett av: {valid}.')
    return value


def _share(exclusion: str, share_pct) -> float:
    if exclusion != CUSTOM_SHARE:
        return 0.0
    low, high, _ = SHARE_RANGE
    if isinstance(share_pct, bool) or not isinstance(share_pct, (int, float)) or not low <= share_pct <= high:
        raise ValueError(f"Andelen att undanta måste vara ett tal mellan {low} och {high} procent, "
                         f"fick {share_pct!r}.")
    return share_pct / 100.0


@lru_cache(maxsize=512)
def _scenario(kommun: str, goal: str, method: str, start_year: int, exclusion: str,
              share: float) -> sc.Scenario:
    return sc.build_scenario(kommun, GOALS[goal], METHODS[method], start_year,
                             exclude_sectors=EXCLUSIONS[exclusion], exclude_share=share)


@lru_cache(maxsize=256)
def chart_png(kommun: str, goal: str, method: str, start_year: int, exclusion: str,
              share: float) -> bytes:
    """The scenario chart for one combination of (validated) control values, as PNG bytes."""
    figure = budget_report.scenario_figure(_scenario(kommun, goal, method, start_year, exclusion, share))
    return figure_png(figure)


def budget_model(kommun: str = "Luleå", goal: str = "1,5 °C – Klimatkollens budget",
                 method: str = "Exponentiell (Klimatkollen 2024)", start_year: int = 2024,
                 exclusion: str = "Inget", share_pct: float = 0) -> tuple:
    """Validate the control values and return (scenario, facts, message, cache key); no drawing."""
    name = data.kommun_name(kommun)
    _check(goal, GOALS, "Temperaturmål/budget")
    _check(method, METHODS, "Metod")
    _check(start_year, START_YEARS, "Startår")
    _check(exclusion, EXCLUSIONS, "Undanta")
    key = (name, goal, method, int(start_year), exclusion, _share(exclusion, share_pct))
    scenario = _scenario(*key)
    return scenario, budget_report.summary_table(scenario), scenario.summary["message_sv"], key


def budget_view(kommun: str = "Luleå", goal: str = "1,5 °C – Klimatkollens budget",
                method: str = "Exponentiell (Klimatkollen 2024)", start_year: int = 2024,
                exclusion: str = "Inget", share_pct: float = 0) -> BudgetView:
    """Key figures, a message (if no pathway exists) and the chart for the chosen controls.

    Parameters are the widget's values: a kommun name (or SCB code), one of the labels in
    :data:`GOALS`, :data:`METHODS`, :data:`EXCLUSIONS`, a start year in :data:`START_YEARS`,
    and the share in percent (0–95) used only with "Egen andel".
    """
    scenario, facts, message, key = budget_model(kommun, goal, method, start_year, exclusion, share_pct)
    return BudgetView(scenario, facts, message, chart_png(*key))


def budget_explorer(kommun: str = "Luleå") -> widgets.VBox:
    """Controls above the key figures and the chart; an "Excel" hint below."""
    style = {"description_width": "initial"}
    kommun_choice = widgets.Dropdown(options=list(data.KOMMUNER), value=data.kommun_name(kommun),
                                     description="Kommun:", style=style)
    goal = widgets.Dropdown(options=list(GOALS), description="Temperaturmål/budget:", style=style)
    method = widgets.Dropdown(options=list(METHODS), description="Metod:", style=style)
    start = widgets.SelectionSlider(options=list(START_YEARS), value=START_YEARS[0],
                                    description="Startår:", style=style)
    exclusion = widgets.Dropdown(options=list(EXCLUSIONS), description="Undanta:", style=style)
    low, high, step = SHARE_RANGE
    share = widgets.IntSlider(value=low, min=low, max=high, step=step, description="Egen andel (%):",
                              disabled=True, style=style)
    output = widgets.Output()

    def render(change=None) -> None:
        share.disabled = exclusion.value != CUSTOM_SHARE
        view = budget_view(kommun_choice.value, goal.value, method.value, start.value,
                           exclusion.value, share.value)
        with output:
            output.clear_output(wait=True)
            if view.message:
                display(Markdown(f"**Ingen bana:** {view.message}"))
            display(view.facts)
            display(Image(view.png))

    for control in (kommun_choice, goal, method, start, exclusion, share):
        control.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([kommun_choice, goal]), widgets.HBox([method, start]),
                         widgets.HBox([exclusion, share]), output])
