"""Explorer for the lesson "Fordonsflottan idag": the example fleet or the learner's own file,
its emissions in a chosen year, electricity factor and reduktionsplikt scenario, and the kommun's
vehicle stock as context. :func:`view` never raises for a bad file: the Swedish message is in ``error``."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, Markdown, display

from models.common import checks
from models.common.formatting import fmt_number, fmt_pct
from models.common.tables import show
from models.common.widgets import STYLE, PngCache, kommun_dropdown, uploaded_file
from models.data import KOMMUNER, fleet_file, kommun_name
from models.lessons.transporter import fordonsflottan as lesson
from models.transport import constants as c

YEARS = (2020, 2035)
ELECTRICITY = {label: key for key, label in c.ELECTRICITY_LABELS.items()}
SCENARIOS = {label: key for key, label in c.RP_SCENARIOS.items()}
_CACHE = PngCache(64)


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
    vehicles: pd.DataFrame | None = None
    stock: pd.DataFrame | None = None
    summary: str = ""
    png: bytes | None = field(default=None, repr=False)


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
            digest = hashlib.sha1(upload[1]).hexdigest()
            fleet = fleet_file.read_upload(upload)
    except ValueError as error:
        return FleetView(**base, error=str(error))
    totals = lesson.totals(fleet, y, electricity, scenario)
    summary = (f"{totals['vehicles']} fordon släpper ut {fmt_number(totals['emissions_t_co2e'], 1)} ton CO₂e {y} "
               f"och använder {fmt_number(totals['energy_mwh'])} MWh. {fmt_pct(totals['fossil_share_pct'], 0)} av "
               "fordonen går på fossila drivmedel (bensin, diesel, laddhybrid).")
    png = None
    if draw:
        png = _CACHE.get((digest, y, electricity, scenario),
                         lambda: lesson.emissions_figure(fleet, y, electricity, scenario, f"Utsläpp per drivmedel {y}"))
    return FleetView(**base, totals=totals, fuels=lesson.fuel_table(fleet, y, electricity, scenario),
                     vehicles=lesson.vehicle_table(fleet, y, electricity, scenario), summary=summary, png=png)


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
    output = widgets.Output()
    state = {"file": None}

    def render(change=None) -> None:
        v = view(place.value, year.value, ELECTRICITY[electricity.value], SCENARIOS[scenario.value], state["file"])
        with output:
            output.clear_output(wait=True)
            display(Markdown(f"**Underlag:** {v.source}"))
            if v.error:
                display(Markdown(f"**Filen kunde inte läsas:** {v.error}"))
            else:
                display(Markdown(v.summary), Image(v.png), show(v.fuels, decimals=1))
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
    return widgets.VBox([widgets.HBox([upload, example]), place, year, electricity, scenario, output])
