"""Explorer for the lesson "Solen i Norrbotten": pick a kommun and a chart.

The sun position and typical year are cached per kommun (the time-only half of the sun's
position is shared by all kommuner, :mod:`models.solar.sun_position`). Each chart is one figure,
laid out once when the explorer is built and redrawn in place for another kommun (the lesson's
``update_*_figure`` + blitting, :class:`~models.widgets.solel._live.LiveChart`); rendered charts
are cached as PNG bytes.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd

from models import data
from models.common import checks
from models.common.widgets import kommun_chart_explorer, opened
from models.lessons.solel import solen_i_norrbotten as lesson
from models.widgets.solel._live import LiveChart

#: Chart name -> (the lesson's figure for a kommun, its in-place update for another kommun).
CHARTS = {
    "Solens bana": (lesson.sun_path_figure, lesson.update_sun_path_figure),
    "Dagens längd": (lambda kommun: lesson.day_length_figure(_day_length_kommuner(kommun)),
                     lambda fig, kommun: lesson.update_day_length_figure(fig, _day_length_kommuner(kommun))),
    "Instrålning per månad": (lesson.irradiation_figure, lesson.update_irradiation_figure),
}
#: The kommun each figure is laid out with: a generated typical year has the longest source note.
LAYOUT_KOMMUN = "Kiruna"
_RENDERERS: dict = {}     # one live figure per chart, made by explorer() or on first use


def _day_length_kommuner(kommun: str) -> tuple[str, str]:
    """The kommun's day length against Luleå's (Luleå's against Kiruna's): always two lines, one figure."""
    return (kommun, "Luleå") if kommun != "Luleå" else ("Luleå", "Kiruna")


@lru_cache(maxsize=len(data.KOMMUNER) * len(CHARTS))
def _png(name: str, chart: str) -> bytes:
    """The chart for a kommun, redrawn in the figure kept for that chart (a PNG cache per kommun and chart)."""
    return _chart(chart).png(name)


def _chart(chart: str) -> LiveChart:
    """The live figure of ``chart``, made on first use and laid out for :data:`LAYOUT_KOMMUN`."""
    if chart not in _RENDERERS:
        figure, update = CHARTS[chart]
        _RENDERERS[chart] = LiveChart(figure(LAYOUT_KOMMUN), update, (LAYOUT_KOMMUN,))
        _RENDERERS[chart].png(LAYOUT_KOMMUN)     # laid out for the layout kommun, whatever is shown first
    return _RENDERERS[chart]


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
    png = _png(name, chart)
    return SunView(name, chart, lesson.fact_table(name), lesson.summary(name), png)


def explorer(kommun: str = "Luleå", chart: str = "Solens bana") -> widgets.VBox:
    """A kommun dropdown and chart buttons above the fact box and the chosen chart.

    Every chart's figure is laid out here, once, so that the first click on a chart only redraws it.
    """
    for name in CHARTS:
        _chart(name)                          # laid out and drawn once, for the layout kommun
    _png(data.kommun_name(kommun), "Dagens längd")
    return opened(kommun_chart_explorer(view, list(data.KOMMUNER), list(CHARTS), data.kommun_name(kommun), chart))
