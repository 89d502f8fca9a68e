"""Explorer for the lesson "Fordonsflottan idag": the example fleet or the learner's own file,
its emissions in a chosen year, electricity factor and reduktionsplikt scenario, and the kommun's
vehicle stock as context. :func:`view` never raises for a bad file: the Swedish message is in ``error``."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, Markdown, display

from models.common import checks
from models.common.formatting import fmt_number, fmt_pct
from models.common.tables import show
from models.common.widgets import STYLE, kommun_dropdown, opened, uploaded_file
from models.data import KOMMUNER, fleet_file, kommun_name
from models.lessons.transporter import fordonsflottan as lesson
from models.lessons.transporter.levande_figur import LiveCharts
from models.transport import constants as c
from models.transport.turnover import FLEET_COLUMNS

YEARS = (2020, 2035)
ELECTRICITY = {label: key for key, label in c.ELECTRICITY_LABELS.items()}
SCENARIOS = {label: key for key, label in c.RP_SCENARIOS.items()}
_CACHE = LiveCharts(64)


@dataclass(frozen=True)
class FleetView:
    kommun: str
    year: int
    electricity: str
    scenario: str
    source: str
    error: str | None = None
    totals: dict | None = None
    fuels: pd.DataFrame | None = None
    stock: pd.DataFrame | None = None
    summary: str = ""
    png: bytes | None = field(default=None, repr=False)
    fleet: pd.DataFrame | None = field(default=None, repr=False)

    @property
    def vehicles(self) -> pd.DataFrame | None:
        """Per vehicle in Swedish (made when asked for; the explorer shows the totals per fuel)."""
        if self.fleet is None:
            return None
        return lesson.vehicle_table(self.fleet, self.year, self.electricity, self.scenario)


def _read(upload):
    """The uploaded fleet and its digest, read once per file (a broken upload raises its Swedish message)."""
    try:
        return _read_cached(upload)
    except TypeError:                       # an unhashable upload: let the reader name what is wrong
        return fleet_file.read_upload(upload), None


@lru_cache(maxsize=4)
def _read_cached(upload):
    return fleet_file.read_upload(upload), hashlib.sha1(upload[1]).hexdigest()


def view(kommun: str = "Luleå", year: int = 2025, electricity: str = "nordic_mix", scenario: str = "stay_6",
         upload: tuple[str, bytes] | None = None, draw: bool = True) -> FleetView:
    """Tables, key numbers and the chart for one setting of the controls."""
    name = kommun_name(kommun)
    y = checks.integer(year, "year", "år")
    if not YEARS[0] <= y <= YEARS[1]:
        raise ValueError(f"year (år) måste ligga mellan {YEARS[0]} och {YEARS[1]}, fick {y}.")
    electricity = checks.choice(electricity, c.ELECTRICITY_FACTORS, name="electricity", singular="elfaktor",
                                plural="elfaktorer")
    scenario = checks.choice(scenario, c.RP_SCENARIOS, name="scenario", singular="scenario", plural="scenarier")
    source = "bokens exempelflotta (påhittad, illustrativ)" if upload is None else f'filen "{upload[0]}"'
    base = dict(kommun=name, year=y, electricity=electricity, scenario=scenario, source=source,
                stock=lesson.stock_table(name))
    digest = "example"
    try:
        if upload is None:
            fleet = lesson.example()
        else:
            fleet, digest = _read(upload)
    except ValueError as error:
        return FleetView(**base, error=str(error))
    totals = lesson.totals(fleet, y, electricity, scenario)
    summary = (f"{totals['vehicles']} fordon släpper ut {fmt_number(totals['emissions_t_co2e'], 1)} ton CO₂e {y} "
               f"och använder {fmt_number(totals['energy_mwh'])} MWh. {fmt_pct(totals['fossil_share_pct'], 0)} av "
               "fordonen går på fossila drivmedel (bensin, diesel, laddhybrid).")
    png = None
    if draw:
        title = f"Utsläpp per drivmedel {y}"
        png = _CACHE.png((digest, y, electricity, scenario), digest,
                         lambda: lesson.EmissionsChart(fleet, y, electricity, scenario, title),
                         lambda chart: chart.update(fleet, y, electricity, scenario, title))
    return FleetView(**base, totals=totals, fuels=lesson.fuel_table(fleet, y, electricity, scenario),
                     summary=summary, png=png, fleet=_model_columns(fleet))


def _model_columns(fleet: pd.DataFrame) -> pd.DataFrame:
    """The fleet's columns the per-vehicle table needs (kept for :attr:`FleetView.vehicles`)."""
    keep = [k for k in (*FLEET_COLUMNS, "home_site", "parking_power", "electricity_per_km") if k in fleet.columns]
    out = fleet[keep].copy()
    if "electricity_per_km" in out:
        out["electricity_per_km"] = out["electricity_per_km"].astype(float).fillna(0.0)
    return out


def explorer(kommun: str = "Luleå") -> widgets.VBox:
    """Upload, kommun, year, electricity factor and scenario above the results."""
    upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description="Ladda upp fordonsfil")
    example = widgets.Button(description="Använd exempelflottan")
    place = kommun_dropdown(KOMMUNER, kommun_name(kommun))
    year = widgets.IntSlider(value=2025, min=YEARS[0], max=YEARS[1], description="År", continuous_update=False,
                             style=STYLE)
    electricity = widgets.Dropdown(options=list(ELECTRICITY), value=c.ELECTRICITY_LABELS["nordic_mix"],
                                   description="Elens utsläppsfaktor:", style=STYLE)
    scenario = widgets.Dropdown(options=list(SCENARIOS), value=c.RP_SCENARIOS["stay_6"],
                                description="Reduktionsplikt från 2027:", style=STYLE)
    output, stock_output = widgets.Output(), widgets.Output()
    state = {"file": None, "kommun": None}

    def render(change=None) -> None:
        v = view(place.value, year.value, ELECTRICITY[electricity.value], SCENARIOS[scenario.value], state["file"])
        with output:
            output.clear_output(wait=True)
            display(Markdown(f"**Underlag:** {v.source}"))
            if v.error:
                display(Markdown(f"**Filen kunde inte läsas:** {v.error}"))
            else:
                display(Markdown(v.summary), Image(v.png), show(v.fuels, decimals=1))
        if v.kommun != state["kommun"]:        # the kommun's vehicle stock changes only with the kommun
            state["kommun"] = v.kommun
            with stock_output:
                stock_output.clear_output(wait=True)
                display(Markdown(f"**{v.kommun}: fordon i trafik och nya bilar 2025** (Trafikanalys)"), show(v.stock))

    def on_upload(change) -> None:
        state["file"] = uploaded_file(upload.value)
        render()

    def on_example(_) -> None:
        state["file"] = None
        render()

    upload.observe(on_upload, names="value")
    example.on_click(on_example)
    for control in (place, year, electricity, scenario):
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([widgets.HBox([upload, example]), place, year, electricity, scenario, output,
                                stock_output]))
