"""Explorer for the lesson "Egenanvändning och lönsamhet".

Controls: kommun, building type, annual use, system size, system price, spot price and the tax
reduction; optionally the building's own hourly meter file. Production per kWp and the load
profiles are cached, so an update recomputes the balance and economics in a few tens of ms.
The week chart is one figure, laid out once and redrawn in place
(:func:`~models.lessons.solel.egenanvandning.update_week_figure` + blitting,
:class:`~models.widgets.solel._live.LiveChart`); it depends on the building, not on the prices,
and its PNG is cached per building. The source note is shown under the chart. Every kommun's
prepared site is made when the explorer opens.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, replace
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, Image, display

from models import data
from models.common import checks
from models.common.tables import show
from models.common.widgets import STYLE, kommun_dropdown, opened, uploaded_file
from models.lessons.solel import egenanvandning as lesson
from models.lessons.solel import platser
from models.solar import constants as C
from models.widgets._preload import read_every_kommun
from models.widgets.solel._live import LiveChart

KWP_RANGE = (5, 300, 5)
ANNUAL_RANGE = (20_000, 2_000_000, 10_000)
PRICE_RANGE = (6_000, 25_000, 500)
SPOT_RANGE = (0.0, 1.5, 0.01)
_CHART: list[LiveChart] = []     # the explorer's one week figure, made on first use


def _week_png(building: lesson.Building, meter: pd.Series | None = None) -> bytes:
    if not _CHART:
        # laid out with the largest building of the controls' ranges: the widest y-axis labels
        first = lesson.Building(annual_kwh=float(ANNUAL_RANGE[1]), kwp=float(KWP_RANGE[1]))
        _CHART.append(LiveChart(lesson.week_figure(first, source=False), lesson.update_week_figure, (first,)))
    return _CHART[0].png(building, meter)


@lru_cache(maxsize=256)
def _cached_week_png(kommun: str, profile: str, annual_kwh: float, kwp: float) -> bytes:
    return _week_png(lesson.Building(kommun=kommun, profile=profile, annual_kwh=annual_kwh, kwp=kwp))


@dataclass(frozen=True)
class EconomyView:
    kommun: str
    profile: str
    facts: pd.DataFrame
    case: dict
    png: bytes
    source: str = ""


def building(kommun="Luleå", profile="Skola", annual_kwh=250_000, kwp=50, price_per_kwp=C.PRICE_SEK_PER_KWP_10KW_2025,
             spot=C.SE1_SPOT_SEK_PER_KWH[2023], tax_reduction=False) -> lesson.Building:
    """The lesson's Building for the controls' values (Swedish profile label), checked."""
    name = data.kommun_name(kommun)
    key = lesson.PROFILE_LABELS[checks.option(profile, lesson.PROFILE_LABELS, "Verksamhet")]
    annual = checks.number_in_range(annual_kwh, ANNUAL_RANGE[0], ANNUAL_RANGE[1], "annual_kwh", "elanvändning", " kWh/år")
    size = checks.number_in_range(kwp, KWP_RANGE[0], KWP_RANGE[1], "kwp", "anläggningens storlek", " kWp")
    price = checks.number_in_range(price_per_kwp, PRICE_RANGE[0], PRICE_RANGE[1], "price_per_kwp", "systempris",
                                   " kr/kWp")
    spot = checks.number_in_range(spot, SPOT_RANGE[0], SPOT_RANGE[1], "spot", "spotpris", " kr/kWh")
    if not isinstance(tax_reduction, bool):
        raise TypeError(f"tax_reduction ska vara True eller False, fick {tax_reduction!r}.")
    prices = replace(lesson.DEFAULT_PRICES, spot=spot,
                     tax_reduction=C.MICRO_TAX_REDUCTION_SEK_PER_KWH if tax_reduction else 0.0)
    return lesson.Building(kommun=name, profile=key, annual_kwh=annual, kwp=size, price_per_kwp=price, prices=prices)


def view(kommun="Luleå", profile="Skola", annual_kwh=250_000, kwp=50, price_per_kwp=C.PRICE_SEK_PER_KWP_10KW_2025,
         spot=C.SE1_SPOT_SEK_PER_KWH[2023], tax_reduction=False, meter: pd.Series | None = None) -> EconomyView:
    """Balance, economics and the week chart for the controls' values (``meter``: own hourly load)."""
    b = building(kommun, profile, annual_kwh, kwp, price_per_kwp, spot, tax_reduction)
    c = lesson.case(b, meter)
    if meter is None:   # the week chart depends on the building, not on the prices
        png = _cached_week_png(b.kommun, b.profile, b.annual_kwh, b.kwp)
    else:
        png = _week_png(b, meter)
    return EconomyView(b.kommun, b.profile, lesson.case_table(b, meter), c, png, lesson.week_source(b))


def explorer(kommun: str = "Luleå") -> widgets.VBox:
    """Controls for the building and the prices, an optional meter upload, the facts and a chart.

    Every kommun's typical year and sun position are made while it opens (about 0.5 s), so a first
    change of kommun only simulates the roof.
    """
    read_every_kommun(platser.site)
    choice = kommun_dropdown(data.KOMMUNER, data.kommun_name(kommun))
    profile = widgets.Dropdown(options=list(lesson.PROFILE_LABELS), value="Skola", description="Verksamhet:", style=STYLE)
    annual = widgets.IntSlider(value=250_000, min=ANNUAL_RANGE[0], max=ANNUAL_RANGE[1], step=ANNUAL_RANGE[2],
                               description="Elanvändning (kWh/år):", style=STYLE, continuous_update=False)
    size = widgets.IntSlider(value=50, min=KWP_RANGE[0], max=KWP_RANGE[1], step=KWP_RANGE[2],
                             description="Storlek (kWp):", style=STYLE, continuous_update=False)
    price = widgets.IntSlider(value=int(C.PRICE_SEK_PER_KWP_10KW_2025), min=PRICE_RANGE[0], max=PRICE_RANGE[1],
                              step=PRICE_RANGE[2], description="Systempris (kr/kWp):", style=STYLE,
                              continuous_update=False)
    spot = widgets.FloatSlider(value=C.SE1_SPOT_SEK_PER_KWH[2023], min=SPOT_RANGE[0], max=SPOT_RANGE[1],
                               step=SPOT_RANGE[2], description="Spotpris (kr/kWh):", style=STYLE,
                               continuous_update=False)
    tax = widgets.Checkbox(value=False, description="Skattereduktion 60 öre/kWh (föreslås upphöra 2026)", style=STYLE)
    upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description="Egen timfil")
    message = widgets.HTML()
    output = widgets.Output()
    state = {"meter": None}

    def on_upload(change=None) -> None:
        item = uploaded_file(upload.value)
        if item is None:
            return
        try:
            state["meter"] = lesson.meter_load(item[1], item[0])
            message.value = f"Timfilen <b>{item[0]}</b> används i stället för lastprofilen."
        except ValueError as error:
            state["meter"] = None
            message.value = f"<span style='color:#b00'>{error}</span>"
        render()

    def render(change=None) -> None:
        current = view(choice.value, profile.value, annual.value, size.value, price.value, spot.value, tax.value,
                       state["meter"])
        with output:
            output.clear_output(wait=True)
            display(show(current.facts))
            display(Image(current.png))
            display(HTML(f"<small style='color:#555'>{html.escape(current.source)}</small>"))

    for control in (choice, profile, annual, size, price, spot, tax):
        control.observe(render, names="value")
    upload.observe(on_upload, names="value")
    render()
    return opened(widgets.VBox([widgets.HBox([choice, profile]), annual, size, price, spot, tax,
                                widgets.HBox([upload, message]), output]))
