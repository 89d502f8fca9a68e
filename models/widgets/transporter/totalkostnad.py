"""Explorer for the lesson "Totalkostnad (TCO)": class, km per year, holding period, prices, discount
rate, EV subsidy and residual value -> the drivetrains' costs, the cheapest and the break-even distance."""
from __future__ import annotations

from dataclasses import dataclass, field

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, Markdown, display

from models.common import checks
from models.common.formatting import fmt_number
from models.common.tables import show
from models.common.widgets import STYLE, opened
from models.lessons.transporter import totalkostnad as lesson
from models.lessons.transporter.levande_figur import LiveCharts
from models.transport import constants as c
from models.transport import costs as tco_model

KM_RANGE = (2_000, 60_000)
YEARS_RANGE = (1, 12)
ELECTRICITY_PRICE_RANGE = (0.2, 6.0)
DIESEL_PRICE_RANGE = (10.0, 35.0)
RATE_RANGE = (0.0, 10.0)
SUBSIDY_RANGE = (0, 100_000)
RESIDUAL_RANGE = (0, 90)
CLASSES = {label: key for key, label in c.VEHICLE_CLASSES.items()}
_CACHE = LiveCharts(128)


@dataclass(frozen=True)
class TcoView:
    vehicle_class: str
    annual_km: float
    years: int
    table: pd.DataFrame
    cheapest: str
    break_even_km: float | None
    summary: str
    png: bytes | None = field(default=None, repr=False)


def view(vehicle_class: str = "car", annual_km: float = lesson.KM, years: int = lesson.YEARS,
         electricity_price: float = c.PRICES["electricity"][0], diesel_price: float = c.PRICES["diesel"][0],
         discount_rate_pct: float = 100 * c.DISCOUNT_RATE, ev_subsidy: float = 0.0, residual_pct=None,
         draw: bool = True) -> TcoView:
    """The comparison for one setting; ``residual_pct`` None = value halves every 4 years (DN 2020).
    Petrol, HVO100 and the other prices follow diesel by their default differences."""
    cls = tco_model.check_class(vehicle_class)
    km = checks.number_in_range(annual_km, *KM_RANGE, "annual_km", "körsträcka per år", " km")
    n = checks.integer(years, "years", "innehavstid", minimum=YEARS_RANGE[0])
    if n > YEARS_RANGE[1]:
        raise ValueError(f"years (innehavstid) får vara högst {YEARS_RANGE[1]} år här, fick {n}.")
    el = checks.number_in_range(electricity_price, *ELECTRICITY_PRICE_RANGE, "electricity_price", "elpris", " kr/kWh")
    diesel = checks.number_in_range(diesel_price, *DIESEL_PRICE_RANGE, "diesel_price", "dieselpris", " kr/l")
    rate = checks.number_in_range(discount_rate_pct, *RATE_RANGE, "discount_rate_pct", "kalkylränta", " %") / 100
    subsidy = checks.number_in_range(ev_subsidy, *SUBSIDY_RANGE, "ev_subsidy", "stöd till elfordonet", " kr")
    share = None if residual_pct is None else checks.number_in_range(residual_pct, *RESIDUAL_RANGE, "residual_pct",
                                                                     "restvärde", " %") / 100
    defaults = tco_model.default_prices()
    shift = diesel - defaults["diesel"]
    prices = {"electricity": el, "diesel": diesel, "petrol": defaults["petrol"] + shift,
              "hvo100": defaults["hvo100"] + shift}
    table = lesson.comparison(cls, km, n, prices, rate, subsidy, share)
    cheapest = table["tco_sek"].idxmin()
    be = tco_model.break_even_km(cls, "electricity", "diesel", n, prices, rate, subsidy, share)
    be_text = ("El är billigare än diesel vid alla körsträckor." if be == 0 else
               "El blir inte billigare än diesel vid någon körsträcka med dessa antaganden." if be is None else
               f"El blir billigare än diesel över {fmt_number(round(be, -2))} km per år.")
    summary = (f"Billigast över {n} år och {fmt_number(km)} km/år: **{lesson.DRIVETRAIN_LABELS[cheapest]}**, "
               f"{fmt_number(table.loc[cheapest, 'per_km_sek'], 2)} kr/km. {be_text} Fordonskostnaderna är "
               "antaganden; byt dem mot kommunens egna.")
    png = None
    if draw:
        key = (cls, round(km), n, round(el, 2), round(diesel, 1), round(rate, 4), round(subsidy), share)
        title = f"{c.VEHICLE_CLASSES[cls]}, {n} år, {fmt_number(km)} km/år"
        png = _CACHE.png(key, "breakdown", lambda: lesson.BreakdownChart(table, title),
                         lambda chart: chart.update(table, title))
    return TcoView(cls, km, n, lesson.comparison_table(table), cheapest, be, summary, png)


def explorer() -> widgets.VBox:
    cls = widgets.ToggleButtons(options=list(CLASSES), value=c.VEHICLE_CLASSES["car"], description="Fordonsslag:",
                                style=STYLE)
    km = widgets.IntSlider(value=lesson.KM, min=KM_RANGE[0], max=KM_RANGE[1], step=1_000,
                           description="Körsträcka (km/år)", style=STYLE, continuous_update=False)
    years = widgets.IntSlider(value=lesson.YEARS, min=YEARS_RANGE[0], max=YEARS_RANGE[1],
                              description="Innehavstid (år)", style=STYLE, continuous_update=False)
    el = widgets.FloatSlider(value=c.PRICES["electricity"][0], min=ELECTRICITY_PRICE_RANGE[0],
                             max=ELECTRICITY_PRICE_RANGE[1], step=0.05, description="Elpris (kr/kWh)", style=STYLE,
                             continuous_update=False)
    diesel = widgets.FloatSlider(value=c.PRICES["diesel"][0], min=DIESEL_PRICE_RANGE[0], max=DIESEL_PRICE_RANGE[1],
                                 step=0.5, description="Dieselpris (kr/l)", style=STYLE, continuous_update=False)
    rate = widgets.FloatSlider(value=100 * c.DISCOUNT_RATE, min=RATE_RANGE[0], max=RATE_RANGE[1], step=0.5,
                               description="Kalkylränta (%)", style=STYLE, continuous_update=False)
    subsidy = widgets.IntSlider(value=0, min=SUBSIDY_RANGE[0], max=SUBSIDY_RANGE[1], step=5_000,
                                description="Stöd till elfordonet (kr)", style=STYLE, continuous_update=False)
    output = widgets.Output()

    def render(change=None) -> None:
        v = view(CLASSES[cls.value], km.value, years.value, el.value, diesel.value, rate.value, subsidy.value)
        with output:
            output.clear_output(wait=True)
            display(Markdown(v.summary), Image(v.png), show(v.table))

    for control in (cls, km, years, el, diesel, rate, subsidy):
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([cls, km, years, el, diesel, rate, subsidy, output]))
