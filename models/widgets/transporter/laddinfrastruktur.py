"""Explorer for the lesson "Laddinfrastruktur": the example fleet's sites after its plan (design
temperature, dwell time, point power) and the public charging need per kommun (reference ratio,
growth, target year)."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, Markdown, display

from models import data
from models.common import checks
from models.common.formatting import fmt_number
from models.common.tables import show
from models.common.widgets import STYLE, kommun_dropdown, opened
from models.data import KOMMUNER, kommun_name
from models.lessons.transporter import laddinfrastruktur as lesson
from models.lessons.transporter.levande_figur import LiveCharts
from models.transport import charging_need
from models.transport.charging import GROWTH
from models.transport.turnover import DESIGN_TEMP_C

TEMP_RANGE = (-40.0, 10.0)
DWELL_RANGE = (1.0, 16.0)
KW_RANGE = (2.3, 22.0)
YEAR_RANGE = (2026, 2035)
RATIOS = {label: key for key, label in lesson.RATIOS.items()}
GROWTHS = {label: key for key, label in GROWTH.items()}
_CACHE = LiveCharts(128)


@dataclass(frozen=True)
class ChargingView:
    kommun: str
    sites: pd.DataFrame
    kommun_row: pd.DataFrame
    county: pd.DataFrame
    summary: str
    sites_png: bytes | None = field(default=None, repr=False)
    need_png: bytes | None = field(default=None, repr=False)


@lru_cache(maxsize=2)
def _fleet(key: tuple = ()):
    return lesson.electrified_fleet()


@lru_cache(maxsize=256)
def _need(temp_c: float, dwell_hours: float, charger_kw: float, key: tuple = ()) -> pd.DataFrame:
    return charging_need(_fleet(key), temp_c, "central", dwell_hours, charger_kw)


@lru_cache(maxsize=2)
def _need_limit(key: tuple = ()) -> float:
    """The most points any kommun needs over the explorer's whole range (one x-axis for every setting)."""
    tables = [lesson.kommun_charging(r, g, y) for r in lesson.RATIOS for g in GROWTH for y in YEAR_RANGE]
    return max(float(t.drop(index=[i for i in t.index if i not in KOMMUNER])["points_needed"].max()) for t in tables)


def view(kommun: str = "Luleå", temp_c: float = DESIGN_TEMP_C, dwell_hours: float = 12.0, charger_kw: float = 7.4,
         ratio: str = "county", growth: str = "exponential", target_year: int = lesson.TARGET_YEAR,
         draw: bool = True) -> ChargingView:
    name = kommun_name(kommun)
    t = checks.number_in_range(temp_c, *TEMP_RANGE, "temp_c", "temperatur", " °C")
    dwell = checks.number_in_range(dwell_hours, *DWELL_RANGE, "dwell_hours", "ståtid", " timmar")
    kw = checks.number_in_range(charger_kw, *KW_RANGE, "charger_kw", "laddpunktens effekt", " kW")
    ratio = checks.choice(ratio, lesson.RATIOS, name="ratio", singular="jämförelsekvot", plural="kvoter")
    growth = checks.choice(growth, GROWTH, name="growth", singular="tillväxtantagande", plural="antaganden")
    year = checks.integer(target_year, "target_year", "målår")
    if not YEAR_RANGE[0] <= year <= YEAR_RANGE[1]:
        raise ValueError(f"target_year (målår) måste ligga mellan {YEAR_RANGE[0]} och {YEAR_RANGE[1]}, fick {year}.")
    need = _need(t, dwell, kw, data.version())
    table = lesson.kommun_charging(ratio, growth, year)
    kt = lesson.kommun_table(table, year)
    row = kt[kt["Kommun"] == name]
    k = table.loc[name]
    managed, unmanaged = need["peak_kw_managed"].sum(), need["peak_kw_unmanaged"].sum()
    summary = (f"Exempelflottans platser behöver {int(need['charge_points'].sum())} laddpunkter; toppeffekten blir "
               f"{fmt_number(managed)} kW med laststyrning mot {fmt_number(unmanaged)} kW utan. "
               f"{name} hade {int(k['points_2025'])} publika laddpunkter i december 2025; med samma kvot som valts "
               f"behövs omkring {fmt_number(k['points_needed'])} år {year} (framskrivning, inte prognos).")
    sites_png = need_png = None
    if draw:
        sites_limit = float(need["charge_points"].max()) * KW_RANGE[1]     # every point at the highest power
        sites_png = _CACHE.png(("s", round(t, 1), dwell, kw), "sites", lambda: lesson.SitesChart(need, sites_limit),
                               lambda chart: chart.update(need))
        need_png = _CACHE.png(("n", ratio, growth, year), "need",
                              lambda: lesson.NeedChart(table, year, _need_limit(data.version())),
                              lambda chart: chart.update(table, year))
    return ChargingView(name, lesson.site_table(need), row, kt, summary, sites_png, need_png)


def explorer(kommun: str = "Luleå") -> widgets.VBox:
    place = kommun_dropdown(KOMMUNER, kommun_name(kommun))
    temp = widgets.FloatSlider(value=DESIGN_TEMP_C, min=TEMP_RANGE[0], max=TEMP_RANGE[1], step=0.5,
                               description="Temperatur (°C)", style=STYLE, continuous_update=False)
    dwell = widgets.FloatSlider(value=12.0, min=DWELL_RANGE[0], max=DWELL_RANGE[1], step=0.5,
                                description="Ståtid på platsen (timmar)", style=STYLE, continuous_update=False)
    kw = widgets.FloatSlider(value=7.4, min=KW_RANGE[0], max=KW_RANGE[1], step=0.1,
                             description="Laddpunktens effekt (kW)", style=STYLE, continuous_update=False)
    ratio = widgets.Dropdown(options=list(RATIOS), value=lesson.RATIOS["county"], description="Jämförelsekvot:",
                             style=STYLE)
    growth = widgets.Dropdown(options=list(GROWTHS), value=GROWTH["exponential"], description="Ökning:", style=STYLE)
    year = widgets.IntSlider(value=lesson.TARGET_YEAR, min=YEAR_RANGE[0], max=YEAR_RANGE[1], description="Målår",
                             style=STYLE, continuous_update=False)
    summary, sites, kommuner = widgets.Output(), widgets.Output(), widgets.Output()
    shown = {"sites": None, "kommuner": None}

    def render(change=None) -> None:
        v = view(place.value, temp.value, dwell.value, kw.value, RATIOS[ratio.value], GROWTHS[growth.value], year.value)
        with summary:
            summary.clear_output(wait=True)
            display(Markdown(v.summary))
        # each part is redrawn only when its own controls moved
        for key, out, items in (("sites", sites, lambda: (Image(v.sites_png), show(v.sites))),
                                ("kommuner", kommuner, lambda: (show(v.kommun_row, decimals=1), Image(v.need_png)))):
            now = (temp.value, dwell.value, kw.value) if key == "sites" else (place.value, ratio.value, growth.value,
                                                                              year.value)
            if now != shown[key]:
                shown[key] = now
                with out:
                    out.clear_output(wait=True)
                    display(*items())

    for control in (place, temp, dwell, kw, ratio, growth, year):
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([place, temp, dwell, kw, ratio, growth, year, summary, sites, kommuner]))
