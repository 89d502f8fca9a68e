"""Static-site chart for "Omställningsplan": the example fleet's emissions year by year under a chosen
rule against the like-for-like path, by electricity factor and reduktionsplikt scenario. No kommun
control: the fleet is the book's fictitious example (a kommun's own file needs the live notebook)."""
from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from models.common import vega
from models.lessons.transporter import omstallningsplan as lesson
from models.transport import constants as c
from models.transport.turnover import RULES


def chart() -> vega.Chart:
    grid = lesson.site_grid().rename(columns={"electricity": "el", "scenario": "plikt"})
    grid["rule_sv"] = grid["rule"].map(RULES)
    shown = grid[["rule", "el", "plikt", "year", "emissions_t_co2e", "rule_sv"]].round({"emissions_t_co2e": 2})
    lines = alt.Chart(shown).transform_filter(
        "(datum.rule == regel || datum.rule == 'like_for_like') && datum.el == el && datum.plikt == plikt"
    ).mark_line(point=True).encode(
        x=alt.X("year:Q", title="År", axis=alt.Axis(format="d")),
        y=alt.Y("emissions_t_co2e:Q", title="ton CO₂e per år", axis=alt.Axis(format=",.0f")),
        color=alt.Color("rule_sv:N", title="Regel"), strokeDash=alt.StrokeDash("rule_sv:N", legend=None),
    )
    spec = lines.properties(width="container", height=300, title={
        "text": "Exempelflottans utsläpp år för år",
        "subtitle": "Påhittad exempelflotta (illustrativ); jämförs med samma drivmedel som i dag."}).to_dict()
    choices = [r for r in RULES if r != "like_for_like"]
    spec["params"] = [
        vega.select_param("regel", choices, "lowest_tco", "Regel för utbyte", labels=[RULES[r] for r in choices]),
        vega.select_param("el", list(c.ELECTRICITY_FACTORS), "nordic_mix", "Elens utsläppsfaktor",
                          labels=list(c.ELECTRICITY_LABELS.values())),
        vega.select_param("plikt", list(c.RP_SCENARIOS), "stay_6", "Reduktionsplikt från 2027",
                          labels=list(c.RP_SCENARIOS.values())),
    ]
    summary = []
    for (rule, el, plikt), g in grid.groupby(["rule", "el", "plikt"]):
        free = g.loc[g["fossil_vehicles"] == 0, "year"]
        summary.append({"regel": rule, "el": el, "plikt": plikt,
                        "free": int(free.min()) if len(free) else np.nan,
                        "last": float(g.loc[g["year"] == g["year"].max(), "emissions_t_co2e"].iloc[0]),
                        "cost": float(g["cost_sek"].sum() / 1e6)})
    table = pd.DataFrame(summary)
    row, col = vega.lookup_param("op", table[table["regel"] != "like_for_like"], ["regel", "el", "plikt"],
                                 ["free", "last", "cost"])
    spec["params"].append(row)
    keys = [
        vega.Key("fossilfri", "Fossilfri flotta år", col["free"], format="d", missing=f"inte före {lesson.END + 1}"),
        vega.Key("utslapp", f"Utsläpp {lesson.END}", col["last"], format=",.1f", unit="ton CO₂e"),
        vega.Key("kostnad", f"Kostnad {lesson.START}–{lesson.END}", col["cost"], format=",.1f", unit="miljoner kr"),
    ]
    return vega.chart(
        spec, name="omstallningsplan", keys=keys,
        description=("Exempelflottans utsläpp per år 2025–2040 med vald regel för utbyte, jämfört med att byta mot "
                     "samma drivmedel som i dag, för vald elfaktor och valt scenario för reduktionsplikten."),
        fallback_png=vega.fallback_png(lesson.emissions_figure(lesson.compare_policies(lesson.example()))),
        fallback_alt="Linjediagram: med den fossilfria regeln faller utsläppen brant till omkring 2030.",
    )
