"""Static-site chart for "Utsläppen i din kommun": kommun × view (over time / per sector).

The rows come from the lesson module (:mod:`models.lessons.strategi.utslapp`): the total per
year of the latest SMHI snapshot and the sector table of its latest year for each kommun;
the key numbers are the lesson's fact box (``summary``).
"""
from __future__ import annotations

import altair as alt
import pandas as pd

from models import data
from models.common import vega
from models.data import emissions as smhi
from models.lessons.strategi import utslapp as lesson

DEFAULT_KOMMUN = "Luleå"
VIEWS = {"tid": "Över tid", "sektor": "Per sektor"}


def site_grid() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(bars, keys) for every kommun: bars = kommun × view -> label, order, tusen ton;
    keys = one row per kommun with the fact-box numbers."""
    bars, keys = [], []
    for kommun in data.KOMMUNER:
        total = smhi.total(kommun, lesson.LATEST)
        for year, t in total.items():
            bars.append({"kommun": kommun, "vy": "tid", "label": str(year), "order": int(year),
                         "kt": t / lesson.KT})
        sectors = lesson.sector_shares(kommun)
        for rank, row in enumerate(sectors.itertuples()):
            bars.append({"kommun": kommun, "vy": "sektor", "label": row.sector_sv, "order": rank,
                         "kt": row.emissions_t_co2e / lesson.KT})
        s = lesson.summary(kommun)
        keys.append({"kommun": kommun, "year": int(s["year"]),
                     "kt": s["emissions_t_co2e"] / lesson.KT,
                     "per_capita": s["t_co2e_per_capita"],
                     "change_pct": s["change_since_2015_pct"],
                     "largest": s["largest_sector_sv"]})
    return pd.DataFrame(bars), pd.DataFrame(keys)


def chart() -> vega.Chart:
    bars, keys = site_grid()
    year = int(keys["year"].max())
    bar = alt.Chart(bars).transform_filter(vega.match("kommun", "vy")).encode(
        y=alt.Y("label:N", sort=alt.EncodingSortField("order", op="min"), title=None,
                axis=alt.Axis(labelLimit=220)),
        x=alt.X("kt:Q", title="tusen ton CO₂e", axis=alt.Axis(format=",.0f")),
        tooltip=[alt.Tooltip("label:N", title="År/sektor"), alt.Tooltip("kt:Q", title="tusen ton", format=",.1f")],
    )
    text = bar.mark_text(align="left", dx=3, fontSize=11).encode(text=alt.Text("kt:Q", format=",.1f"))
    spec = (bar.mark_bar() + text).properties(
        width="container", height=300,
        title={"text": {"expr": f"kommun + (vy == 'tid' ? ': utsläpp per år (tusen ton CO₂e)' "
                                f": ': utsläpp per sektor {year} (tusen ton CO₂e)')"}},
    ).to_dict()
    spec["params"] = [vega.kommun_param(data.KOMMUNER, DEFAULT_KOMMUN),
                      vega.radio_param("vy", list(VIEWS), "tid", "Diagram", labels=list(VIEWS.values()))]
    by = ["kommun"]
    numbers = [
        vega.Key("utslapp", f"Utsläpp {year}", vega.lookup(keys, by, "kt"), format=",.0f", unit="tusen ton CO₂e"),
        vega.Key("per_invanare", f"Per invånare {year}", vega.lookup(keys, by, "per_capita"), format=",.1f",
                 unit="ton CO₂e", missing="befolkningsuppgift saknas"),
        vega.Key("forandring", f"Förändring 2015–{year}", vega.lookup(keys, by, "change_pct"), format="+,.1f",
                 unit="%"),
        vega.Key("storsta_sektor", "Största sektor", vega.lookup(keys, by, "largest"), format=None),
    ]
    return vega.chart(
        spec, name="utslapp", keys=numbers,
        description=(f"Stapeldiagram över territoriella utsläpp av växthusgaser för vald kommun: totalt per år "
                     f"1990–{year} eller per sektor {year}. {smhi.source_note(lesson.LATEST)}"),
        fallback_png=vega.fallback_png(lesson.total_figure(DEFAULT_KOMMUN)),
        fallback_alt=f"Linjediagram över {DEFAULT_KOMMUN}s utsläpp av växthusgaser per år 1990–{year}.",
    )
