"""Static-site chart for "Uppföljning och styrkort": kommun × indicator × tolerance.

From the lesson module (:mod:`models.lessons.strategi.uppfoljning`): each indicator's
series, its target and the trend's value in the target year (medianregression, the
lesson's default), and the scorecard's Swedish cells (:func:`scorecard_sv`) for every
tolerance the explorer offers (0–50 % in steps of 5). Only the status depends on the
tolerance.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from models import data
from models.common import vega
from models.common.plotting import MUTED, OKABE_ITO
from models.lessons.strategi import uppfoljning as lesson

DEFAULT_KOMMUN = "Luleå"
TOLERANCES_PCT = tuple(range(0, 51, 5))  # as the explorer's slider
DEFAULT_TOLERANCE_PCT = 20
METHOD = "lad"
TREND_COLUMN = "Trend målåret, medianregression"
SERIES = {"history": ("Utfall", OKABE_ITO["blue"]), "trend": ("Trenden till målåret (beräknat)", MUTED),
          "target": ("Mål", OKABE_ITO["vermillion"])}


def _cell(text: str) -> str | None:
    """A scorecard cell, or None where the scorecard has none ("–")."""
    return None if text in ("", "–") else text


def site_grid() -> tuple[pd.DataFrame, pd.DataFrame]:
    """(points, keys): points = kommun × indicator × series × year -> value;
    keys = kommun × indicator × tolerance -> the scorecard's Swedish cells."""
    points, keys = [], []
    for kommun in data.KOMMUNER:
        card = lesson.scorecard(kommun, DEFAULT_TOLERANCE_PCT / 100, METHOD)
        for ind in lesson.indicators(kommun):
            row = card.loc[ind.name]
            base = {"kommun": kommun, "indikator": ind.key}
            for year, value in ind.series.dropna().items():
                points.append({**base, "serie": "history", "year": int(year), "value": float(value)})
            latest_year, latest = int(row["latest_year"]), float(row["latest_value"])
            for serie, column in (("trend", "projection"), ("target", "target_value")):
                value = float(row[column]) if row[column] is not None else math.nan
                if math.isfinite(value):
                    points.append({**base, "serie": serie, "year": latest_year, "value": latest})
                    points.append({**base, "serie": serie, "year": int(row["target_year"]), "value": value})
        for pct in TOLERANCES_PCT:
            sv = lesson.scorecard_sv(lesson.scorecard(kommun, pct / 100, METHOD)).set_index("Nyckeltal")
            for ind in lesson.indicators(kommun):
                cells = sv.loc[ind.name]
                keys.append({"kommun": kommun, "indikator": ind.key, "tolerans": pct,
                             "status": cells["Status"], "latest": f"{cells['Senaste värde']} ({cells['Senaste år']})",
                             "target": cells["Målvärde"], "trend": cells[TREND_COLUMN],
                             "share": _cell(cells["Trenden ger av behövd förändring (%)"]), "unit": cells["Enhet"],
                             "name": ind.name})
    return pd.DataFrame(points), pd.DataFrame(keys)


def chart() -> vega.Chart:
    points, keys = site_grid()
    names = {serie: name for serie, (name, _) in SERIES.items()}
    first = keys.drop_duplicates(["kommun", "indikator"])
    label = vega.mapping(names, "datum.serie")
    base = alt.Chart(points).transform_filter(vega.match("kommun", "indikator")).transform_calculate(Serie=label)
    encoding = dict(
        x=alt.X("year:Q", title="År", axis=alt.Axis(format="d"), scale=alt.Scale(zero=False)),
        y=alt.Y("value:Q", title=None, axis=alt.Axis(format=",~r")),
        color=alt.Color("Serie:N", title=None, legend=alt.Legend(orient="bottom", columns=1),
                        scale=alt.Scale(domain=list(names.values()), range=[c for _, c in SERIES.values()])),
        strokeDash=alt.StrokeDash("Serie:N", legend=None,
                                  scale=alt.Scale(domain=list(names.values()), range=[[1, 0], [6, 3], [2, 2]])),
        detail="serie:N",
        tooltip=[alt.Tooltip("Serie:N"), alt.Tooltip("year:Q", title="År", format="d"),
                 alt.Tooltip("value:Q", title="Värde", format=",.1f")],
    )
    lines = base.mark_line(point=True).encode(**encoding)
    unit = vega.lookup(first, ["kommun", "indikator"], "unit")
    spec = lines.properties(
        width="container", height=300,
        title={"text": {"expr": f"kommun + ' (' + {unit} + ')'"}},  # the indicator's name is in its control
    ).to_dict()
    indicator_names = dict(first.loc[first["kommun"] == DEFAULT_KOMMUN, ["indikator", "name"]].values)
    spec["params"] = [
        vega.kommun_param(data.KOMMUNER, DEFAULT_KOMMUN),
        vega.select_param("indikator", list(indicator_names), next(iter(indicator_names)), "Nyckeltal",
                          labels=list(indicator_names.values())),
        vega.range_param("tolerans", 0, 50, 5, DEFAULT_TOLERANCE_PCT, "Tolerans för risk (%)", format=".0f"),
    ]
    row, col = vega.lookup_param("st", keys, ["kommun", "indikator", "tolerans"],
                                 ["status", "latest", "target", "trend", "share"])
    spec["params"].append(row)
    numbers = [
        vega.Key("status", "Status", col["status"], format=None),
        vega.Key("senaste", "Senaste värde (år)", col["latest"], format=None),
        vega.Key("mal", "Målvärde", col["target"], format=None, missing="inget mål satt"),
        vega.Key("trend", "Trenden ger i målåret", col["trend"], format=None),
        vega.Key("andel", "Trenden ger av behövd förändring", col["share"], format=None, unit="%",
                 missing="–"),
    ]
    return vega.chart(
        spec, name="uppfoljning", keys=numbers,
        description=("Linjediagram för vald kommun och nyckeltal: utfallet per år, trenden (medianregression) "
                     "fram till målåret och målet. Statusen bredvid diagrammet följer vald tolerans."),
        fallback_png=vega.fallback_png(lesson.overview_figure(DEFAULT_KOMMUN)),
        fallback_alt=f"{DEFAULT_KOMMUN}: styrkortets nyckeltal med status (på rätt spår, risk eller fel spår).",
    )
