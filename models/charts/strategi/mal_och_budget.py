"""Static-site chart for "Mål och koldioxidbudget": kommun × method × start year × exclusion.

Every scenario comes from the lesson module (:func:`models.lessons.strategi.mal_och_budget.scenario`,
1,5 °C, Klimatkollen's budget). To keep the page small, each series travels as one row per
combination with its years and values as arrays, which the browser unfolds (``flatten``)
after picking the row the controls name: recorded emissions and trend per kommun ×
exclusion, the budget pathway per kommun × method × start year × exclusion, Carbon Law per
kommun × start year × exclusion. The key numbers are the scenario summary's.
"""
from __future__ import annotations

import math

import altair as alt
import pandas as pd

from models import data
from models.common import vega
from models.common.plotting import MUTED, OKABE_ITO
from models.lessons.strategi import mal_och_budget as lesson

DEFAULT_KOMMUN = "Luleå"
GOAL = "1.5C"
METHODS = {key: label for label, key in lesson.METHOD_LABELS.items()}  # lesson key -> Swedish label
START_YEARS = (2024, 2025, 2026, 2027, 2028)
LAST_YEAR = 2045
FIRST_YEAR = 2010
# The lesson's exclusion presets the page offers (short key -> its label and sectors).
EXCLUSIONS = {key: (label, lesson.EXCLUSIONS[label]) for key, label in lesson.SITE_EXCLUSIONS.items()}
SERIES = {"history": "Utsläpp enligt SMHI", "trend": "Trend (linje genom 2015–2022)",
          "pathway": "Bana inom budgeten", "law": "Carbon Law (−11,72 % per år)"}
COLOURS = {"history": OKABE_ITO["blue"], "trend": MUTED, "pathway": OKABE_ITO["vermillion"],
           "law": OKABE_ITO["bluish_green"]}
DASHES = {"history": [1, 0], "trend": [6, 3], "pathway": [1, 0], "law": [2, 2]}


def _kt(values) -> list:
    """Tonnes -> tusen ton, to 0.01 (10 t: finer than the chart can show)."""
    return [None if v is None or not math.isfinite(v) else round(float(v) / lesson.KT, 2) for v in values]


def _series(table: pd.DataFrame, column: str, first: int, last: int) -> dict:
    """A sparse series (recorded emissions): its years and values."""
    values = table.loc[first:last, column].dropna()
    return {"year": [int(y) for y in values.index], "kt": _kt(values.to_numpy(dtype=float))}


def _run(table: pd.DataFrame, column: str, first: int, last: int) -> dict:
    """A yearly series (trend, pathway, Carbon Law): its first year and one value per year."""
    values = table.loc[first:last, column].dropna()
    if values.empty:
        return {"y0": first, "kt": []}
    years = range(int(values.index.min()), int(values.index.max()) + 1)
    return {"y0": years[0], "kt": _kt(values.reindex(years).to_numpy(dtype=float))}


def scenario(kommun: str, method: str, start: int, exclusion: str):
    return lesson.scenario(kommun, GOAL, method, start, exclude_sectors=EXCLUSIONS[exclusion][1])


def site_grid() -> dict[str, pd.DataFrame]:
    """Rows behind the chart: ``history``, ``trend``, ``pathway``, ``law`` (lists of dicts with
    the series as arrays) and ``keys`` (a DataFrame: one row per combination of the controls)."""
    history, trend, pathway, law, keys = [], [], [], [], []
    for kommun in data.KOMMUNER:
        for excl in EXCLUSIONS:
            for start in START_YEARS:
                for method in METHODS:
                    result = scenario(kommun, method, start, excl)
                    t, s = result.table, result.summary
                    row = {"kommun": kommun, "metod": method, "start": start, "undantag": excl}
                    pathway.append({**row, **_run(t, "pathway_t", start, LAST_YEAR)})
                    date = s["exhaustion_date"]
                    keys.append({**row,
                                 "remaining_kt": s["remaining_t"] / lesson.KT if s["remaining_t"] > 0 else None,
                                 "reduction_pct": s["required_reduction_pct"] if s["feasible"] else None,
                                 "years": s["years_of_emissions"] if s["remaining_t"] > 0 else None,
                                 "runs_out": f"{date:%Y-%m-%d} (beräknat)" if date is not None else None})
                law.append({"kommun": kommun, "start": start, "undantag": excl,
                            **_run(result.table, "carbon_law_t", start, LAST_YEAR)})
            history.append({"kommun": kommun, "undantag": excl, "serie": "history",
                            **_series(result.table, "history_t", FIRST_YEAR, LAST_YEAR)})
            trend.append({"kommun": kommun, "undantag": excl, "serie": "trend",
                          **_run(result.table, "trend_t", 2015, LAST_YEAR)})
    return {"history": history, "trend": trend, "pathway": pathway, "law": law, "keys": pd.DataFrame(keys)}


def _layer(name: str, rows: list[dict], params: tuple[str, ...], serie: str | None = None) -> dict:
    sparse = "year" in rows[0]
    arrays = ["year", "kt"] if sparse else ["kt"]
    transforms = [{"filter": vega.match(*params)}, {"flatten": arrays}]
    if not sparse:
        transforms += [{"window": [{"op": "row_number", "as": "i"}]},
                       {"calculate": "datum.y0 + datum.i - 1", "as": "year"}]
    transforms.append({"filter": "isValid(datum.kt)"})
    if serie is not None:
        transforms.append({"calculate": f"'{serie}'", "as": "serie"})
    transforms.append({"calculate": vega.mapping(SERIES, "datum.serie"), "as": "Serie"})
    names = list(SERIES.values())
    return {
        "data": {"values": rows},
        "transform": transforms,
        "mark": {"type": "line", "point": name != "trend", "strokeWidth": 2.5 if name == "pathway" else 2},
        "encoding": {
            "x": {"field": "year", "type": "quantitative", "title": "År",
                  "axis": {"format": "d"}, "scale": {"domain": [FIRST_YEAR, LAST_YEAR]}},
            "y": {"field": "kt", "type": "quantitative", "title": "tusen ton CO₂ per år",
                  "axis": {"format": ",.0f"}},
            "color": {"field": "Serie", "type": "nominal", "title": None,
                      "scale": {"domain": names, "range": [COLOURS[k] for k in SERIES]},
                      "legend": {"orient": "bottom", "columns": 1}},
            "strokeDash": {"field": "Serie", "type": "nominal", "title": None,
                           "scale": {"domain": names, "range": [DASHES[k] for k in SERIES]}, "legend": None},
            "detail": {"field": "serie"},
            "tooltip": [{"field": "Serie", "type": "nominal"},
                        {"field": "year", "type": "quantitative", "title": "År", "format": "d"},
                        {"field": "kt", "type": "quantitative", "title": "tusen ton CO₂", "format": ",.1f"}],
        },
    }


def chart() -> vega.Chart:
    grid = site_grid()
    start_rule = {"data": {"values": [{}]}, "transform": [{"calculate": "start", "as": "x"}],
                  "mark": {"type": "rule", "color": "black", "strokeDash": [4, 2, 1, 2]},
                  "encoding": {"x": {"field": "x", "type": "quantitative"}}}
    spec = {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.4.1.json",
        "width": "container", "height": 320,
        "title": {"text": {"expr": "kommun + ': bana inom 1,5-gradersbudgeten från ' + start"}},
        "layer": [_layer("history", grid["history"], ("kommun", "undantag")),
                  _layer("trend", grid["trend"], ("kommun", "undantag")),
                  _layer("pathway", grid["pathway"], ("kommun", "metod", "start", "undantag"), "pathway"),
                  _layer("law", grid["law"], ("kommun", "start", "undantag"), "law"),
                  start_rule],
        "params": [
            vega.kommun_param(data.KOMMUNER, DEFAULT_KOMMUN),
            vega.select_param("metod", list(METHODS), "exponential", "Metod", labels=list(METHODS.values())),
            vega.select_param("start", list(START_YEARS), START_YEARS[0], "Startår"),
            vega.select_param("undantag", list(EXCLUSIONS), "0", "Undanta",
                              labels=[label for label, _ in EXCLUSIONS.values()]),
        ],
    }
    by = ["kommun", "metod", "start", "undantag"]
    row, col = vega.lookup_param("mb", grid["keys"], by, ["remaining_kt", "reduction_pct", "years", "runs_out"])
    spec["params"].append(row)
    numbers = [
        vega.Key("kvar", "Budget kvar vid start", col["remaining_kt"], format=",.0f",
                 unit="tusen ton CO₂", missing="slut – redan förbrukad"),
        vega.Key("minskning", "Nödvändig minskning per år", col["reduction_pct"],
                 format=",.1f", unit="%", missing="ingen bana möjlig"),
        vega.Key("ar_kvar", "Budgeten räcker (år med dagens utsläpp)", col["years"], format=",.1f", unit="år",
                 missing="0 år"),
        vega.Key("slut", "Budgeten tar slut med nuvarande trend", col["runs_out"],
                 format=None, missing="aldrig – trenden når noll först"),
    ]
    default = scenario(DEFAULT_KOMMUN, "exponential", START_YEARS[0], "0")
    return vega.chart(
        spec, name="mal-och-budget", keys=numbers,
        description=("Linjediagram för vald kommun: koldioxidutsläpp enligt SMHI, trenden, en bana inom "
                     "1,5-gradersbudgeten (Klimatkollen) med vald metod och vald startår samt Carbon Law, "
                     f"i tusen ton CO₂ per år {FIRST_YEAR}–{LAST_YEAR}. Bana och trend är beräknade."),
        fallback_png=vega.fallback_png(lesson.scenario_figure(default)),
        fallback_alt=(f"{DEFAULT_KOMMUN}: utsläpp per år med trend, bana inom budgeten och Carbon Law, "
                      "och sammanlagda utsläpp jämfört med budgeten."),
    )
