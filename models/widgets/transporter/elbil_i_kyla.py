"""Explorer for the lesson "Elbil i kyla": consumption at a temperature, and which vehicles of the fleet
can go electric at a design temperature, with reserve and preheating."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, Markdown, display

from models.common import checks
from models.common.formatting import fmt_number
from models.common.tables import show
from models.common.widgets import STYLE, opened
from models.lessons.transporter import elbil_i_kyla as lesson
from models.lessons.transporter.levande_figur import LiveCharts
from models.transport import cold
from models.transport import constants as c
from models.transport.turnover import DESIGN_TEMP_C

TEMP_RANGE = (-40.0, 10.0)
BASE_RANGE = (10.0, 30.0)        # kWh/100 km at 20 °C
RESERVE_RANGE = (0, 50)          # %
CASES = {label: key for key, label in c.CASES.items()}
WORDS = {"low": "det låga", "central": "det mellersta", "high": "det höga"}
_CACHE = LiveCharts(128)


@dataclass(frozen=True)
class ColdView:
    temp_c: float
    case: str
    reserve_pct: int
    preheat: bool
    base_kwh_per_100km: float
    kwh_per_100km: float
    increase_pct: float
    counts: pd.DataFrame
    table: pd.DataFrame
    summary: str
    png: bytes | None = field(default=None, repr=False)


@lru_cache(maxsize=1)
def _range_limit() -> float:
    """The longest range any setting gives (warmest, lowest use, no reserve, preheated): one x-axis for all."""
    check = lesson.fleet_check(lesson.fleet_file.example_fleet(), TEMP_RANGE[1], "low", RESERVE_RANGE[0] / 100, True,
                               BASE_RANGE[0] / (100 * lesson.BASE_KWH_PER_KM))
    return max(float(check["range_km"].max()), float(check["longest_daily_km"].max()))


def view(temp_c: float = DESIGN_TEMP_C, case: str = "central", reserve_pct: int = 20, preheat: bool = True,
         base_kwh_per_100km: float = 100 * lesson.BASE_KWH_PER_KM, draw: bool = True) -> ColdView:
    """Key numbers, the verdicts and the chart for the example fleet at ``temp_c``.

    ``base_kwh_per_100km`` is a new electric car's use at 20 °C; the vans' use is scaled alike."""
    t = checks.number_in_range(temp_c, *TEMP_RANGE, "temp_c", "dimensionerande temperatur", " °C")
    case = cold.check_case(case)
    r = checks.number_in_range(reserve_pct, *RESERVE_RANGE, "reserve_pct", "reserv i batteriet", " %")
    base = checks.number_in_range(base_kwh_per_100km, *BASE_RANGE, "base_kwh_per_100km",
                                  "förbrukning vid 20 °C", " kWh/100 km")
    fleet = lesson.fleet_file.example_fleet()
    check = lesson.fleet_check(fleet, t, case, r / 100, bool(preheat), base / (100 * lesson.BASE_KWH_PER_KM))
    kwh = 100 * cold.ev_consumption(base / 100, t, case)
    counts = lesson.verdict_counts(check)
    now = int(counts.iloc[0]["Fordon"])
    summary = (f"Vid {fmt_number(t, 1)} °C drar en elbil som tar {fmt_number(base, 1)} kWh/100 km vid 20 °C "
               f"omkring {fmt_number(kwh, 1)} kWh/100 km i {WORDS[case]} fallet. "
               f"{now} av {len(fleet)} fordon i exempelflottan klarar sin längsta dag som elfordon med "
               f"{fmt_number(r)} % reserv.")
    png = None
    if draw:
        png = _CACHE.png((round(t, 1), case, r, bool(preheat), round(base, 1)), "check",
                         lambda: lesson.CheckChart(check, t, _range_limit()), lambda chart: chart.update(check, t))
    return ColdView(t, case, int(r), bool(preheat), base, kwh, 100 * (kwh / base - 1), counts,
                    lesson.check_table(check), summary, png)


def explorer() -> widgets.VBox:
    temp = widgets.FloatSlider(value=DESIGN_TEMP_C, min=TEMP_RANGE[0], max=TEMP_RANGE[1], step=0.5,
                               description="Dimensionerande temperatur (°C)", style=STYLE, continuous_update=False)
    case = widgets.Dropdown(options=list(CASES), value=c.CASES["central"], description="Fall:", style=STYLE)
    reserve = widgets.IntSlider(value=20, min=RESERVE_RANGE[0], max=RESERVE_RANGE[1], step=5,
                                description="Reserv i batteriet (%)", style=STYLE, continuous_update=False)
    preheat = widgets.Checkbox(value=True, description="Förvärmning på nätel där det finns el på parkeringen",
                               indent=False)
    base = widgets.FloatSlider(value=100 * lesson.BASE_KWH_PER_KM, min=BASE_RANGE[0], max=BASE_RANGE[1], step=0.5,
                               description="Elbilens förbrukning vid 20 °C (kWh/100 km)", style=STYLE,
                               continuous_update=False)
    output = widgets.Output()

    def render(change=None) -> None:
        v = view(temp.value, CASES[case.value], reserve.value, preheat.value, base.value)
        with output:
            output.clear_output(wait=True)
            display(Markdown(v.summary), show(v.counts), Image(v.png))

    for control in (temp, case, reserve, preheat, base):
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([temp, case, reserve, preheat, base, output]))
