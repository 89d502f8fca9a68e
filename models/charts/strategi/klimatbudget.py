"""Static-site chart for "Klimatbudget": kommun × scope × ceiling rate.

Every number comes from the lesson module (:func:`models.lessons.strategi.klimatbudget.climate_budget`
with the book's illustrative example measures and the default reference path): recorded
emissions, the reference path and the path with the measures per kommun × scope, and the
ceiling per kommun × scope × ceiling rate (the lesson's three sourced rates). The key numbers
are the lesson's ``summary_figures`` for the last plan year.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from models import data
from models.common import vega
from models.common.plotting import MUTED, OKABE_ITO
from models.lessons.strategi import klimatbudget as lesson

DEFAULT_KOMMUN = "Luleå"
SCOPE_CODES = dict(zip(("sektorer", "utan_industri", "hela"), lesson.SCOPES))  # code -> lesson label
CEILING_CODES = ("carbon_law", "lanet", "lulea")
COLUMNS = {  # the lesson's chart_data column -> (code, Swedish series name, colour, dash)
    "Utsläpp, statistik (ton CO₂e)": ("history", "Utsläpp enligt SMHI", OKABE_ITO["blue"], [1, 0]),
    "Referensbana (ton CO₂e)": ("reference", "Referensbana utan nya åtgärder", MUTED, [6, 3]),
    "Beräknade utsläpp med åtgärder (ton CO₂e)": ("projected", "Med exempelåtgärderna",
                                                   OKABE_ITO["orange"], [1, 0]),
    "Utsläppstak (ton CO₂e)": ("ceiling", "Utsläppstak", OKABE_ITO["bluish_green"], [2, 2]),
}


def ceilings() -> dict[str, str]:
    """Code -> the lesson's label for each ceiling rate."""
    return dict(zip(CEILING_CODES, lesson.ceiling_options()))


def site_grid() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(lines, keys): lines = kommun × scope (× ceiling for the ceiling) × series × year -> t;
    keys = kommun × scope × ceiling -> the lesson's summary figures."""
    lines, keys = [], []
    for kommun in data.KOMMUNER:
        for scope, scope_label in SCOPE_CODES.items():
            for n, (tak, ceiling_label) in enumerate(ceilings().items()):
                result = lesson.climate_budget(kommun, scope_label, ceiling_label)
                table = lesson.chart_data(result)
                for column, (serie, _, _, _) in COLUMNS.items():
                    if serie != "ceiling" and n > 0:
                        continue  # the same for every ceiling rate
                    for year, t in zip(table["År"], table[column]):
                        if math.isfinite(t):
                            lines.append({"kommun": kommun, "omfattning": scope,
                                          "tak": tak if serie == "ceiling" else "", "serie": serie,
                                          "year": int(year), "t": round(float(t), 1)})
                f = lesson.summary_figures(result)
                keys.append({"kommun": kommun, "omfattning": scope, "tak": tak, **f})
    return pd.DataFrame(lines), pd.DataFrame(keys)


def chart() -> vega.Chart:
    lines, keys = site_grid()
    names = {serie: name for serie, name, _, _ in COLUMNS.values()}
    last = int(keys["last_plan_year"].max())
    first_plan = lesson.PLAN_YEARS[0]
    series = alt.Chart(lines).transform_filter(
        vega.match("kommun", "omfattning") + " && (datum.tak == '' || datum.tak == tak)"
    ).transform_calculate(Serie=vega.mapping(names, "datum.serie")).mark_line(point=True).encode(
        x=alt.X("year:Q", title="År", axis=alt.Axis(format="d"),
                scale=alt.Scale(domain=[lesson.HISTORY_FROM, last + 0.5], zero=False, nice=False)),
        y=alt.Y("t:Q", title="ton CO₂e per år", axis=alt.Axis(format=",.0f")),
        color=alt.Color("Serie:N", title=None, legend=alt.Legend(orient="bottom", columns=1),
                        scale=alt.Scale(domain=list(names.values()), range=[c for _, _, c, _ in COLUMNS.values()])),
        strokeDash=alt.StrokeDash("Serie:N", legend=None,
                                  scale=alt.Scale(domain=list(names.values()),
                                                  range=[d for _, _, _, d in COLUMNS.values()])),
        tooltip=[alt.Tooltip("Serie:N"), alt.Tooltip("year:Q", title="År", format="d"),
                 alt.Tooltip("t:Q", title="ton CO₂e", format=",.0f")],
    )
    plan = alt.Chart(pd.DataFrame({"x": [first_plan - 0.5], "x2": [last + 0.5]})).mark_rect(
        color="#F2F2F2").encode(x=alt.X("x:Q", scale=alt.Scale(zero=False)), x2="x2:Q")
    spec = (plan + series).properties(
        width="container", height=320,
        title={"text": {"expr": f"kommun + ': klimatbudget till {last}'"},
               "subtitle": "Beräknat; åtgärderna är exempel."},
    ).to_dict()
    spec["params"] = [
        vega.kommun_param(data.KOMMUNER, DEFAULT_KOMMUN),
        vega.select_param("omfattning", list(SCOPE_CODES), "sektorer", "Omfattning",
                          labels=list(SCOPE_CODES.values())),
        vega.select_param("tak", list(ceilings()), "carbon_law", "Utsläppstakets minskning",
                          labels=list(ceilings().values())),
    ]
    row, col = vega.lookup_param("kb", keys, ["kommun", "omfattning", "tak"],
                                 ["ceiling_last_t", "required_last_t", "planned_last_t", "gap_last_t",
                                  "covered_last_pct"])
    spec["params"].append(row)
    numbers = [
        vega.Key("tak", f"Utsläppstak {last}", col["ceiling_last_t"], format=",.0f", unit="ton CO₂e"),
        vega.Key("behov", f"Behövd minskning {last}", col["required_last_t"], format=",.0f", unit="ton CO₂e"),
        vega.Key("gap", f"Gap mot taket {last}", col["gap_last_t"], format=",.0f", unit="ton CO₂e"),
        vega.Key("tackning", "Exempelåtgärderna täcker", col["covered_last_pct"], format=",.0f", unit="%"),
    ]
    default = lesson.climate_budget(DEFAULT_KOMMUN)
    return vega.chart(
        spec, name="klimatbudget", keys=numbers,
        description=(f"Linjediagram för vald kommun och omfattning: utsläpp enligt SMHI, referensbanan, "
                     f"utsläppstaket med vald årlig minskning och utsläppen med bokens exempelåtgärder "
                     f"(illustrativa) till {last}, i ton CO₂e per år. Planperioden är skuggad. Allt utom "
                     "statistiken är beräknat."),
        fallback_png=vega.fallback_png(lesson.budget_figure(default)),
        fallback_alt=(f"{DEFAULT_KOMMUN}: utsläpp, referensbana, utsläppstak och beräknade utsläpp med "
                      f"exempelåtgärder till {last}."),
    )
