"""Static-site chart for "Solen i Norrbotten": monthly irradiation of the chosen kommun against
Stockholm, with its polar-night and midnight-sun days and annual irradiation as key numbers."""
from __future__ import annotations

import altair as alt

from models import data
from models.common import vega
from models.lessons.solel import solen_i_norrbotten as lesson
from models.solar import constants as C


def chart() -> vega.Chart:
    grid = lesson.site_grid()
    long = grid.melt(id_vars=["kommun", "month", "month_sv"], value_vars=["ghi_kwh_m2", "stockholm_kwh_m2"],
                     var_name="serie", value_name="kwh_m2")
    long["serie"] = long["serie"].map({"ghi_kwh_m2": "Vald kommun", "stockholm_kwh_m2": "Stockholm Arlanda"})
    bars = alt.Chart(long).transform_filter(vega.match("kommun")).mark_bar().encode(
        x=alt.X("month_sv:N", title="Månad", sort=list(C.MONTHS_SV)),
        xOffset=alt.XOffset("serie:N", sort=["Vald kommun", "Stockholm Arlanda"]),
        y=alt.Y("kwh_m2:Q", title="Instrålning mot vågrät yta (kWh/m²)", axis=alt.Axis(format=",.0f")),
        color=alt.Color("serie:N", title=None, sort=["Vald kommun", "Stockholm Arlanda"]),
        opacity=alt.Opacity("serie:N", sort=["Vald kommun", "Stockholm Arlanda"], legend=None,
                            scale=alt.Scale(range=[1.0, 0.45])),
    )
    spec = bars.properties(width="container", height=300, title={
        "text": "Solinstrålning per månad",
        "subtitle": "Luleå: typårsfil; övriga kommuner: bokens typår med Luleås molnighet."}).to_dict()
    spec["params"] = [vega.kommun_param(data.KOMMUNER, "Luleå")]
    keys_table = grid.drop_duplicates(["kommun"])
    keys = [
        vega.Key("ar", "Instrålning per år", vega.lookup(keys_table, ["kommun"], "ghi_year_kwh_m2"), format=",.0f",
                 unit="kWh/m²"),
        vega.Key("polarnatt", "Dagar utan sol över horisonten", vega.lookup(keys_table, ["kommun"], "polar_night_days"),
                 format=",.0f"),
        vega.Key("midnattssol", "Dagar med midnattssol", vega.lookup(keys_table, ["kommun"], "midnight_sun_days"),
                 format=",.0f"),
    ]
    return vega.chart(
        spec, name="solen-i-norrbotten", keys=keys,
        description=("Solinstrålning mot en vågrät yta per månad i vald kommun jämfört med Stockholm Arlanda, och "
                     "kommunens dagar med polarnatt och midnattssol (beräknat med pvlib)."),
        fallback_png=vega.fallback_png(lesson.irradiation_figure("Luleå")),
        fallback_alt=("Stapeldiagram per månad för Luleå och Stockholm: nästan ingen instrålning i november till januari "
                      "i Luleå, lika mycket eller mer än Stockholm i april till augusti."),
    )
