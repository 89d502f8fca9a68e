"""Static-site chart for "Elbil i kyla": consumption against temperature in the three cases, and the
example fleet's verdicts at the chosen design temperature. No kommun control: the book has monthly
temperatures only for Luleå."""
from __future__ import annotations

import altair as alt

from models.common import vega
from models.lessons.transporter import elbil_i_kyla as lesson
from models.transport import constants as c


def chart() -> vega.Chart:
    grid = lesson.site_grid().rename(columns={"temp_c": "temp", "case": "fall"})
    lines = alt.Chart(grid).mark_line().encode(
        x=alt.X("temp:Q", title="utetemperatur (°C)"),
        y=alt.Y("kwh_per_100km:Q", title="kWh per 100 km", axis=alt.Axis(format=",.0f")),
        color=alt.Color("case_sv:N", title="Fall", sort=list(c.CASES.values())),
        strokeDash=alt.StrokeDash("case_sv:N", legend=None, sort=list(c.CASES.values())),
        size=alt.condition("datum.fall == fall", alt.value(3), alt.value(1.2)),
    )
    rule = alt.Chart(grid).transform_filter("datum.temp == temp && datum.fall == fall").mark_rule(
        strokeDash=[4, 3], color="black").encode(x="temp:Q")
    point = alt.Chart(grid).transform_filter("datum.temp == temp && datum.fall == fall").mark_point(
        filled=True, size=80, color="black").encode(x="temp:Q", y="kwh_per_100km:Q")
    spec = (lines + rule + point).properties(width="container", height=300, title={
        "text": "Elbilens förbrukning i kyla (15 kWh/100 km vid 20 °C)",
        "subtitle": "Under −15 °C är linjerna förlängda, inte uppmätta."}).to_dict()
    spec["params"] = [
        vega.range_param("temp", -40, 10, 2, -28, "Dimensionerande temperatur (°C)", format=",.0f"),
        vega.radio_param("fall", list(c.CASES), "central", "Fall", labels=["Låg", "Mitten", "Hög"]),
    ]
    table = grid[grid["temp"] <= 10]
    row, col = vega.lookup_param("rk", table, ["temp", "fall"], ["kwh_per_100km", "n_now", "n_larger_battery",
                                                                  "n_charge_stop", "n_renewable_fuel"])
    spec["params"].append(row)
    keys = [
        vega.Key("kwh", "Förbrukning vid temperaturen", col["kwh_per_100km"], format=",.1f", unit="kWh/100 km"),
        vega.Key("nu", "Exempelflottans fordon som kan bli elfordon nu", col["n_now"], format=",.0f", unit="av 33"),
        vega.Key("batteri", "Behöver större batteri", col["n_larger_battery"], format=",.0f"),
        vega.Key("laddstopp", "Behöver laddning under dagen", col["n_charge_stop"], format=",.0f"),
        vega.Key("hvo", "HVO100 eller biogas tills vidare", col["n_renewable_fuel"], format=",.0f"),
    ]
    return vega.chart(
        spec, name="elbil-i-kyla", keys=keys,
        description=("Elbilens förbrukning mot utetemperatur i tre fall (NAF 2022, 0,98 % per grad, Geotab 2020), "
                     "och hur många av exempelflottans 33 fordon som klarar sin längsta dag som elfordon vid vald "
                     "temperatur med 20 % reserv och förvärmning där det finns el."),
        fallback_png=vega.fallback_png(lesson.band_figure()),
        fallback_alt="Linjediagram: förbrukningen stiger när det blir kallare, brantast i det höga fallet.",
    )
