"""Explorer for the lesson "Solcellsanläggningen": kommun, tilt, azimuth and snow.

The kommun's weather and sun position are prepared once and cached (:mod:`models.lessons.solel.platser`);
a slider move recomputes the chain for one orientation (about 20–30 ms) and draws the monthly
chart, which is cached per combination.
"""
from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, display

from models import data
from models.common.tables import show
from models.common.widgets import STYLE, PngCache, kommun_dropdown
from models.lessons.solel import solcellsanlaggningen as lesson
from models.solar import pv

TILT_RANGE = (0, 90, 5)
AZIMUTH_RANGE = (90, 270, 15)
_PNG = PngCache(size=256)


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


def view(kommun: str = "Luleå", tilt: float = 45, azimuth: float = 180, snow: bool = True) -> PlantView:
    """Yield facts, monthly yields and the monthly chart for one orientation."""
    name = data.kommun_name(kommun)
    tilt, azimuth = pv.check_tilt(tilt), pv.check_azimuth(azimuth)
    if not isinstance(snow, bool):
        raise TypeError(f"snow ska vara True eller False, fick {snow!r}.")
    summary = lesson.summary(name, tilt, azimuth, snow)
    png = _PNG.get((name, tilt, azimuth), lambda: lesson.monthly_figure(name, tilt, azimuth))
    return PlantView(name, tilt, azimuth, snow, lesson.fact_table(name, tilt, azimuth, snow, summary), summary,
                     lesson.monthly(name, tilt, azimuth), png)


def explorer(kommun: str = "Luleå", tilt: float = 45, azimuth: float = 180) -> widgets.VBox:
    """Sliders for tilt and azimuth, a snow toggle, the fact box and the monthly chart."""
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

    for control in (choice, tilt_slider, azimuth_slider, snow_box):
        control.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([choice, snow_box]), tilt_slider, azimuth_slider, output])
