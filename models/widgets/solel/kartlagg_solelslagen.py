"""Explorer for the lesson "Kartlägg solelslägen": kommun, system price, spot price, own site list.

The first look at a kommun simulates the template's eight orientations in one vectorised pass and
keeps their energy balances (:func:`~models.lessons.solel.kartlagg_solelslagen.screen`); a price
change only redoes the economics. Every kommun's prepared site is made when the explorer opens.
Results are cached per kommun and prices; a learner's own list is
read through the shared upload reader. The chart is one figure per site
list, laid out once and redrawn in place
(:func:`~models.lessons.solel.kartlagg_solelslagen.update_shortlist_figure` + blitting,
:class:`~models.widgets.solel._live.LiveChart`). The export writes the shortlist workbook to the
working folder.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, Image, display

from models import data
from models.common import checks
from models.common.memo import Memo
from models.common.tables import text_table_html
from models.common.widgets import STYLE, kommun_dropdown, opened, slug, uploaded_file
from models.data import sites_file
from models.lessons.solel import egenanvandning as economy
from models.lessons.solel import kartlagg_solelslagen as lesson
from models.lessons.solel import platser
from models.solar import constants as C
from models.widgets._preload import read_every_kommun
from models.widgets.solel._live import LiveChart

PRICE_RANGE = (6_000, 25_000, 500)
SPOT_RANGE = (0.0, 1.5, 0.01)
#: One laid-out figure per site list (its building names); an evicted one's figure is closed.
_RENDERERS = Memo(8, on_evict=lambda chart: chart.live.close())


def _chart(screened: pd.DataFrame) -> bytes:
    """The shortlist chart for a screening, redrawn in the figure kept for its site list."""
    chart = _RENDERERS.get(tuple(sorted(screened["building"])),
                           lambda: LiveChart(lesson.shortlist_figure(screened), lesson.update_shortlist_figure,
                                             (screened,)))
    return chart.png(screened)


@lru_cache(maxsize=256)
def _template_view(name: str, price: float, spot: float) -> tuple[pd.DataFrame, pd.DataFrame, bytes]:
    """Screening, ranking and chart of the template site list, cached per kommun and prices."""
    screened = lesson.screen(name, None, None, price, replace(economy.DEFAULT_PRICES, spot=spot))
    return screened, lesson.ranking_table(screened), _chart(screened)


@dataclass(frozen=True)
class ScreeningView:
    kommun: str
    price_per_kwp: float
    spot: float
    screened: pd.DataFrame
    ranking: pd.DataFrame
    png: bytes


def view(kommun: str = "Luleå", price_per_kwp: float = C.PRICE_SEK_PER_KWP_10KW_2025,
         spot: float = C.SE1_SPOT_SEK_PER_KWH[2023], sites: pd.DataFrame | None = None) -> ScreeningView:
    """Ranking of the site list (default: the template) for the controls' values."""
    name = data.kommun_name(kommun)
    price = checks.number_in_range(price_per_kwp, PRICE_RANGE[0], PRICE_RANGE[1], "price_per_kwp", "systempris", " kr/kWp")
    spot = checks.number_in_range(spot, SPOT_RANGE[0], SPOT_RANGE[1], "spot", "spotpris", " kr/kWh")
    if sites is None:
        screened, ranking, png = _template_view(name, price, spot)
        return ScreeningView(name, price, spot, screened.copy(), ranking.copy(), png)
    screened = lesson.screen(name, sites, None, price, replace(economy.DEFAULT_PRICES, spot=spot))
    return ScreeningView(name, price, spot, screened, lesson.ranking_table(screened), _chart(screened))


def explorer(kommun: str = "Luleå") -> widgets.VBox:
    """Controls, an optional site-list upload, the ranking, the chart and an export button.

    Every kommun's typical year and sun position are made while it opens (about 0.5 s), so a first
    change of kommun only simulates the buildings.
    """
    read_every_kommun(platser.site)
    choice = kommun_dropdown(data.KOMMUNER, data.kommun_name(kommun))
    price = widgets.IntSlider(value=int(C.PRICE_SEK_PER_KWP_10KW_2025), min=PRICE_RANGE[0], max=PRICE_RANGE[1],
                              step=PRICE_RANGE[2], description="Systempris (kr/kWp):", style=STYLE,
                              continuous_update=False)
    spot = widgets.FloatSlider(value=C.SE1_SPOT_SEK_PER_KWH[2023], min=SPOT_RANGE[0], max=SPOT_RANGE[1],
                               step=SPOT_RANGE[2], description="Spotpris (kr/kWh):", style=STYLE,
                               continuous_update=False)
    upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description="Egen byggnadslista")
    export = widgets.Button(description="Spara kortlistan (.xlsx)")
    message = widgets.HTML()
    output = widgets.Output()
    state: dict = {"sites": None, "view": None}

    def on_upload(change=None) -> None:
        item = uploaded_file(upload.value)
        if item is None:
            return
        try:
            state["sites"] = sites_file.read_sites(item[1], item[0])
            message.value = f"Byggnadslistan <b>{item[0]}</b> används ({len(state['sites'])} byggnader)."
        except ValueError as error:
            state["sites"] = None
            message.value = f"<span style='color:#b00'>{error}</span>"
        render()

    def on_export(button=None) -> None:
        current = state["view"]
        path = Path(f"kortlista_solel_{slug(current.kommun)}.xlsx")
        lesson.export_xlsx(path, current.screened, current.kommun, current.price_per_kwp,
                           replace(economy.DEFAULT_PRICES, spot=current.spot))
        message.value = f"Sparad: <code>{path.resolve()}</code>"

    def render(change=None) -> None:
        state["view"] = current = view(choice.value, price.value, spot.value, state["sites"])
        with output:
            output.clear_output(wait=True)
            display(HTML(text_table_html(current.ranking)))
            display(Image(current.png))

    for control in (choice, price, spot):
        control.observe(render, names="value")
    upload.observe(on_upload, names="value")
    export.on_click(on_export)
    render()
    return opened(widgets.VBox([choice, price, spot, widgets.HBox([upload, export]), message, output]))
