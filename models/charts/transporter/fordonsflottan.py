"""Static-site chart for "Fordonsflottan idag": the example fleet's emissions per fuel by year,
electricity factor and reduktionsplikt scenario, and the kommun's vehicles as key numbers."""
from __future__ import annotations

import altair as alt
import pandas as pd

from models.common import vega
from models.data import KOMMUNER, vehicles
from models.lessons.transporter import fordonsflottan as lesson
from models.transport import constants as c

DEFAULT_KOMMUN = "Luleå"


def kommun_keys() -> pd.DataFrame:
    """Per kommun: cars in traffic 2025 and the rechargeable share of new cars 2025 (Trafikanalys)."""
    rows = []
    for k in KOMMUNER:
        reg = vehicles.new_registrations(k)
        rows.append({"kommun": k, "cars": int(vehicles.vehicles_in_traffic(k)["passenger_cars"]),
                     "share": float(reg.loc[2025, "rechargeable_share_pct"]) / 100})
    return pd.DataFrame(rows)


def chart() -> vega.Chart:
    grid = lesson.site_grid().drop(columns=["fuel"]).round({"emissions_t_co2e": 2})
    totals = grid.groupby(["year", "electricity", "scenario"], as_index=False)["emissions_t_co2e"].sum()
    order = [c.FUEL_LABELS[f] for f in c.FUELS if c.FUEL_LABELS[f] in set(grid["fuel_sv"])]
    bars = alt.Chart(grid).transform_filter(vega.match("ar", "el", "plikt", field_names={
        "ar": "year", "el": "electricity", "plikt": "scenario"})).mark_bar().encode(
        y=alt.Y("fuel_sv:N", title=None, sort=order),
        x=alt.X("emissions_t_co2e:Q", title="ton CO₂e per år", axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("fuel_sv:N", title="Drivmedel"), alt.Tooltip("vehicles:Q", title="Fordon"),
                 alt.Tooltip("emissions_t_co2e:Q", title="ton CO₂e", format=",.1f")],
    )
    spec = bars.properties(width="container", height=260, title={
        "text": {"expr": "'Exempelflottans utsläpp per drivmedel ' + ar"},
        "subtitle": "Påhittad exempelflotta (illustrativ). Faktorer: Energimyndigheten 2016, reduktionsplikt per år."},
    ).to_dict()
    spec["params"] = [
        vega.kommun_param(KOMMUNER, DEFAULT_KOMMUN),
        vega.range_param("ar", 2020, 2035, 1, 2025, "År", format="d"),
        vega.select_param("el", list(c.ELECTRICITY_FACTORS), "nordic_mix", "Elens utsläppsfaktor",
                          labels=list(c.ELECTRICITY_LABELS.values())),
        vega.select_param("plikt", list(c.RP_SCENARIOS), "stay_6", "Reduktionsplikt från 2027",
                          labels=list(c.RP_SCENARIOS.values())),
    ]
    totals = totals.rename(columns={"year": "ar", "electricity": "el", "scenario": "plikt"})
    keys_table = kommun_keys()
    keys = [
        vega.Key("utslapp", "Exempelflottans utsläpp", vega.lookup(totals, ["ar", "el", "plikt"], "emissions_t_co2e"),
                 format=",.1f", unit="ton CO₂e"),
        vega.Key("bilar", "Personbilar i trafik i kommunen 2025", vega.lookup(keys_table, ["kommun"], "cars"),
                 format=",.0f"),
        vega.Key("laddbara", "Laddbara bland nya personbilar 2025", vega.lookup(keys_table, ["kommun"], "share"),
                 format=".0%"),
    ]
    fleet = lesson.example()
    return vega.chart(
        spec, name="fordonsflottan", keys=keys,
        description=("Utsläpp från källa till hjul per drivmedel för bokens påhittade exempelflotta, för valt år, "
                     "vald elfaktor och valt scenario för reduktionsplikten från 2027. Nyckeltalen om personbilar "
                     "gäller vald kommun (Trafikanalys)."),
        fallback_png=vega.fallback_png(lesson.emissions_figure(fleet, 2025)),
        fallback_alt="Liggande stapeldiagram över exempelflottans utsläpp per drivmedel 2025; diesel är störst.",
    )
