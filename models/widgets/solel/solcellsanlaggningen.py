"""Explorer for the lesson "Solcellsanläggningen": kommun, tilt, azimuth and snow.

The kommun's weather and sun position are prepared once and cached (:mod:`models.lessons.solel.platser`);
a slider move recomputes the chain for one orientation once (the lesson caches its monthly sums
and summary) and redraws the explorer's one monthly chart in place
(:func:`~models.lessons.solel.solcellsanlaggningen.update_monthly_figure` + blitting,
:class:`~models.widgets.solel._live.LiveChart`: no new figure, no new layout). Rendered PNGs are
cached per kommun and orientation.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, Image, display

from models import data
from models.common import checks
from models.common.tables import show
from models.common.widgets import STYLE, kommun_dropdown, opened
from models.lessons.solel import solcellsanlaggningen as lesson
from models.solar import pv
from models.widgets.solel._live import LiveChart

TILT_RANGE = (0, 90, 5)
AZIMUTH_RANGE = (90, 270, 15)
_CHART: list[LiveChart] = []        # the explorer's one monthly figure, made on first use


@lru_cache(maxsize=512)
def _png(name: str, tilt: float, azimuth: float) -> bytes:
    """The monthly chart for one kommun and orientation (a PNG cache over the discrete controls)."""
    if not _CHART:
        _CHART.append(LiveChart(lesson.monthly_figure("Luleå", 45, 180, source=False), lesson.update_monthly_figure,
                                ("Luleå", 45, 180)))
    return _CHART[0].png(name, tilt, azimuth)


@dataclass(frozen=True)
class PlantView:
    """Everything the explorer shows for one choice of controls."""

    kommun: str
    tilt: float
    azimuth: float
    snow: bool
    facts: pd.DataFrame
    summary: dict
    monthly: pd.DataFrame
    png: bytes
    source: str = ""


def view(kommun: str = "Luleå", tilt: float = 45, azimuth: float = 180, snow: bool = True) -> PlantView:
    """Yield facts, monthly yields and the monthly chart for one orientation."""
    name = data.kommun_name(kommun)
    tilt, azimuth = pv.check_tilt(tilt), pv.check_azimuth(azimuth)
    snow = checks.flag(snow, "snow", "räkna med snö")
    summary = lesson.summary(name, tilt, azimuth, snow)
    png = _png(name, tilt, azimuth)
    return PlantView(name, tilt, azimuth, snow, lesson.fact_table(name, tilt, azimuth, snow, summary), summary,
                     lesson.monthly(name, tilt, azimuth), png, lesson.monthly_source(name))


def explorer(kommun: str = "Luleå", tilt: float = 45, azimuth: float = 180) -> widgets.VBox:
    """Sliders for tilt and azimuth, a snow toggle, the fact box and the monthly chart.

    Every kommun's best tilt is searched on opening (``lesson.warm_optimal_tilts()``, cached; free on the
    lesson page), so a first look at a kommun does not search it.
    """
    lesson.warm_optimal_tilts()
    choice = kommun_dropdown(data.KOMMUNER, data.kommun_name(kommun))
    tilt_slider = widgets.IntSlider(value=int(tilt), min=TILT_RANGE[0], max=TILT_RANGE[1], step=TILT_RANGE[2],
                                    description="Lutning (°):", style=STYLE, continuous_update=False)
    azimuth_slider = widgets.IntSlider(value=int(azimuth), min=AZIMUTH_RANGE[0], max=AZIMUTH_RANGE[1],
                                       step=AZIMUTH_RANGE[2], description="Riktning (°, 180 = söder):", style=STYLE,
                                       continuous_update=False)
    snow_box = widgets.Checkbox(value=True, description="Räkna med snö", style=STYLE)
    output = widgets.Output()

    def render(change=None) -> None:
        current = view(choice.value, tilt_slider.value, azimuth_slider.value, snow_box.value)
        with output:
            output.clear_output(wait=True)
            display(show(current.facts))
            display(Image(current.png))
            display(HTML(f"<small style='color:#555'>{html.escape(current.source)}</small>"))

    for control in (choice, tilt_slider, azimuth_slider, snow_box):
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([widgets.HBox([choice, snow_box]), tilt_slider, azimuth_slider, output]))
