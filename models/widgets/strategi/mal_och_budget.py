"""Explorer for the lesson "Mål och koldioxidbudget": a kommun's budget pathway.

Controls (Swedish labels): Kommun, Temperaturmål/budget, Metod, Startår, Undanta (and the
share for "Egen andel"). The pure :func:`budget_view` does all the work and is tested across
every control value; the builder only wires the controls to it.

The model (:func:`models.lessons.strategi.mal_och_budget.scenario`) takes a few milliseconds once the
data are cached. The chart is one figure whose artists are moved to each scenario and redrawn
and only the moving parts are drawn again (:class:`~models.common.live_figure.LiveCharts`); rendered
charts are also cached per combination of control values.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, Markdown, display

from models import data
from models.common import checks
from models.common.live_figure import LiveCharts
from models.common.widgets import STYLE, kommun_dropdown, opened
from models.lessons.strategi import mal_och_budget as lesson
from models.strategy import scenario as sc
from models.widgets._preload import read_every_kommun

GOALS = lesson.GOAL_LABELS
METHODS = lesson.METHOD_LABELS
EXCLUSIONS = lesson.EXCLUSIONS
CUSTOM_SHARE = lesson.CUSTOM_SHARE
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


def _share(exclusion: str, share_pct) -> float:
    if exclusion != CUSTOM_SHARE:
        return 0.0
    low, high, _ = SHARE_RANGE
    return checks.number_in_range(share_pct, low, high, "share_pct", "andel att undanta", " procent") / 100.0


@lru_cache(maxsize=512)
def _scenario(kommun: str, goal: str, method: str, start_year: int, exclusion: str,
              share: float, key: tuple = ()) -> sc.Scenario:
    return lesson.scenario(kommun, GOALS[goal], METHODS[method], start_year,
                           exclude_sectors=EXCLUSIONS[exclusion], exclude_share=share)


#: The explorer's live chart (one figure, redrawn by its moving parts) and the PNGs already drawn.
_CHARTS = LiveCharts(256, figures=1)


def chart_png(kommun: str, goal: str, method: str, start_year: int, exclusion: str,
              share: float, key: tuple = ()) -> bytes:
    """The scenario chart for one combination of (validated) control values, as PNG bytes.

    One figure serves every combination: it is moved to the scenario with
    :func:`models.lessons.strategi.mal_och_budget.update_scenario_figure` and only its moving parts
    are redrawn (:class:`~models.common.live_figure.LiveCharts`, issue 13).
    """
    return _draw(kommun, goal, method, start_year, exclusion, share, key, keep=True)


def _draw(kommun: str, goal: str, method: str, start_year: int, exclusion: str, share: float, key: tuple = (),
          keep: bool = False) -> bytes:
    result = _scenario(kommun, goal, method, start_year, exclusion, share, key)
    return _CHARTS.png((kommun, goal, method, start_year, exclusion, share, key) if keep else None, "scenario",
                       lambda: lesson.scenario_chart(result), lambda chart: chart.update(result))


def model(kommun: str = "Luleå", goal: str = "1,5 °C – Klimatkollens budget",
                 method: str = "Exponentiell (Klimatkollen 2024)", start_year: int = 2024,
                 exclusion: str = "Inget", share_pct: float = 0) -> tuple:
    """Validate the control values and return (scenario, facts, message, cache key); no drawing."""
    name = data.kommun_name(kommun)
    checks.option(goal, GOALS, "Temperaturmål/budget")
    checks.option(method, METHODS, "Metod")
    checks.option(start_year, START_YEARS, "Startår")
    checks.option(exclusion, EXCLUSIONS, "Undanta")
    key = (name, goal, method, int(start_year), exclusion, _share(exclusion, share_pct), data.version())
    scenario = _scenario(*key)
    return scenario, lesson.summary_table(scenario), scenario.summary["message_sv"], key


def view(kommun: str = "Luleå", goal: str = "1,5 °C – Klimatkollens budget",
                method: str = "Exponentiell (Klimatkollen 2024)", start_year: int = 2024,
                exclusion: str = "Inget", share_pct: float = 0) -> BudgetView:
    """Key figures, a message (if no pathway exists) and the chart for the chosen controls.

    Parameters are the widget's values: a kommun name (or SCB code), one of the labels in
    :data:`GOALS`, :data:`METHODS`, :data:`EXCLUSIONS`, a start year in :data:`START_YEARS`,
    and the share in percent (0–95) used only with "Egen andel".
    """
    scenario, facts, message, key = model(kommun, goal, method, start_year, exclusion, share_pct)
    return BudgetView(scenario, facts, message, chart_png(*key))


def explorer(kommun: str = "Luleå") -> widgets.VBox:
    """Controls above the key figures and the chart; an "Excel" hint below."""
    style = STYLE
    kommun_choice = kommun_dropdown(data.KOMMUNER, data.kommun_name(kommun))
    goal = widgets.Dropdown(options=list(GOALS), description="Temperaturmål/budget:", style=style)
    method = widgets.Dropdown(options=list(METHODS), description="Metod:", style=style)
    start = widgets.SelectionSlider(options=list(START_YEARS), value=START_YEARS[0],
                                    description="Startår:", style=style)
    exclusion = widgets.Dropdown(options=list(EXCLUSIONS), description="Undanta:", style=style)
    low, high, step = SHARE_RANGE
    share = widgets.IntSlider(value=low, min=low, max=high, step=step, description="Egen andel (%):",
                              disabled=True, style=style)
    output = widgets.Output()
    # every kommun's scenario at the opening choices made now: the first change of kommun is then fast
    read_every_kommun(lambda name: model(name, goal.value, method.value, start.value, exclusion.value, share.value))

    def render(change=None) -> None:
        share.disabled = exclusion.value != CUSTOM_SHARE
        current = view(kommun_choice.value, goal.value, method.value, start.value,
                       exclusion.value, share.value)
        with output:
            output.clear_output(wait=True)
            if current.message:
                display(Markdown(f"**Ingen bana:** {current.message}"))
            display(current.facts)
            display(Image(current.png))

    for control in (kommun_choice, goal, method, start, exclusion, share):
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([widgets.HBox([kommun_choice, goal]), widgets.HBox([method, start]),
                                widgets.HBox([exclusion, share]), output]))
