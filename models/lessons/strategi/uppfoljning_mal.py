"""Lesson "Uppföljning med nyckeltal och styrkort": judging the kommun's own adopted targets; the Swedish scorecard.

Also the indicator record (:class:`Indicator`), the status rule in words (:func:`rule_text`) and the
target year. The adopted budgets and targets come from ``data/local_carbon_budgets_and_targets.csv`` (the
kommuner's own web pages, via :func:`models.data.klimatkollen.local_targets`). Split from
:mod:`models.lessons.strategi.uppfoljning` by job; that module's scorecard and council summary
use :func:`adopted_scorecard`, and :func:`scorecard_sv` puts its scorecard into Swedish.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.formatting import fmt_number, fmt_pct
from models.data import emissions as smhi
from models.data import klimatkollen
from models.strategy import follow_up as fu

TARGET_YEAR = 2030
METHOD_NAMES = {"lad": "medianregression", "least_squares": "minsta kvadratmetoden"}


@dataclass(frozen=True)
class Indicator:
    """One follow-up indicator with its data and target."""

    key: str
    name: str
    kpi_id: str
    unit: str
    direction: str
    series: pd.Series
    target_value: float | None
    target_text: str
    data_source: str
    target_shape: str = "geometric"  # "linear" is used instead when the latest value or the target is 0
    upper: float | None = None
    decimals: int = 0


#: Status of an adopted target that the book's data cannot judge (no base year, passed, neutrality).
NOT_ASSESSED = "kan inte bedömas"
STATUS_LABELS = {
    fu.STATUS_ON_TRACK: "✔ På rätt spår",
    fu.STATUS_RISK: "▲ Risk",
    fu.STATUS_OFF_TRACK: "✖ Fel spår",
    fu.STATUS_NO_TARGET: "– Mål saknas",
    NOT_ASSESSED: "– Kan inte bedömas",
}


def _checked_until(until) -> int | None:
    """``until`` checked as the last year that counts, or ``None`` (every year counts)."""
    return None if until is None else checks.year(until, "until", "sista år som räknas")


def until_year(series, until):
    """``series`` (a Series or DataFrame indexed by year) without the years after ``until`` (``None`` = unchanged)."""
    if not isinstance(series, (pd.Series, pd.DataFrame)):
        raise checks.WrongType(f"series måste vara en pandas.Series eller DataFrame indexerad med år, "
                               f"fick {checks.show(series)}.")
    if not (pd.api.types.is_integer_dtype(series.index) or len(series.index) == 0):
        raise ValueError(f"series måste vara indexerad med årtal (heltal), fick index {checks.show(list(series.index))}.")
    values = pd.Series(series.to_numpy().ravel())
    checks.series(values[values.notna()], "series", "värden per år", years=False, allow_empty=True)  # no text, no inf
    until = _checked_until(until)
    return series if until is None else series[series.index <= until]


#: "Utan SSAB" has no row in SMHI's data; like the lesson on targets and budgets we leave out the
#: sectors Industri and El och fjärrvärme as the closest approximation (beräknat, CO2e not CO2).
WITHOUT_POINT_SOURCE_SECTORS = ("industry_energy_and_processes", "electricity_and_district_heating")
_PROXY_TEXT = ("utan sektorerna Industri och El och fjärrvärme (närmaste motsvarighet till kommunens "
               "avgränsning \"utan SSAB\" i SMHI:s data; växthusgaser i CO₂e, målet gäller CO₂)")


def _scope_series(name: str, note: str, until) -> tuple[pd.Series, str]:
    if "excl. SSAB" in str(note):
        sectors = smhi.by_sector(name)
        kept = [c for c in sectors.columns if c not in WITHOUT_POINT_SOURCE_SECTORS]
        return until_year(sectors[kept].sum(axis=1), until), _PROXY_TEXT
    return until_year(smhi.total(name), until), "hela kommunens territoriella utsläpp (CO₂e)"


def adopted_scorecard(kommun: str, base_year: int | None = None, tolerance=fu.DEFAULT_TOLERANCE,
                      method: str = "lad", until: int | None = None) -> pd.DataFrame:
    """Judge the kommun's own adopted targets (``data/local_carbon_budgets_and_targets.csv``).

    One row per adopted target (empty table if the kommun has none in the book's data). A
    per-capita target is judged on emissions per inhabitant (SCB population, the years that
    have both, so only a short trend); a percentage target needs its base year: the kommuner's
    pages do not state it, so without ``base_year`` the row is *kan inte bedömas*. A target
    year that has passed, and climate neutrality (which counts sinks and offsets the data lack),
    are listed but not judged. Columns (Swedish): Mål, Målår, Målvärde, Enhet, Senaste värde,
    Senaste år, Trend målåret, Status, Så har vi räknat, Källa; plus ``status`` (model value).
    """
    name = data.kommun_name(kommun)
    base_year = None if base_year is None else checks.year(base_year, "base_year", "basår för procentmålen")
    tolerance = fu.check_tolerance(tolerance)
    method = checks.choice(method, fu.TREND_METHODS)
    until = _checked_until(until)
    return _adopted_scorecard(name, base_year, tolerance, method, until, data.version()).copy()


@lru_cache(maxsize=256)
def _adopted_scorecard(name: str, base_year, tolerance: float, method: str, until, key: tuple) -> pd.DataFrame:
    """:func:`adopted_scorecard` for checked arguments, cached on the data read (``key``)."""
    rows = []
    for row, judged in _adopted_rows(name, base_year, method, until, key):
        row = dict(row)
        if judged is not None:          # only the status depends on the tolerance
            row["status"] = fu.status(*judged, "lower", tolerance)
        rows.append(row)
    columns = ["Mål", "Målår", "Målvärde", "Enhet", "Senaste värde", "Senaste år", "Trend målåret", "Status",
               "Så har vi räknat", "Källa", "status"]
    table = pd.DataFrame(rows, columns=[c for c in columns if c != "Status"])
    table.insert(7, "Status", [STATUS_LABELS[x] for x in table["status"]])
    return table


@lru_cache(maxsize=128)
def _adopted_rows(name: str, base_year, method: str, until, key: tuple) -> tuple:
    """The rows of :func:`adopted_scorecard`, each with (latest, projection, target) of a judged target
    (``None`` if not judged): the trend fits, shared by every tolerance."""
    rows = []
    targets = klimatkollen.local_targets(name)
    targets = targets[targets["category"] == "target"]
    population = smhi.population()[name] if name in smhi.population() else pd.Series(dtype=float)
    scopes: dict[bool, tuple[pd.Series, str]] = {}
    for _, t in targets.iterrows():
        metric, value, unit = t["metric"], float(t["value"]), t["unit"]
        row = {"Mål": _target_label(metric, value, unit, t["note"]), "Målår": _target_year(metric, t),
               "Målvärde": np.nan, "Enhet": "", "Senaste värde": np.nan, "Senaste år": np.nan,
               "Trend målåret": np.nan, "status": NOT_ASSESSED, "Så har vi räknat": "", "Källa": t["source_url"]}
        scoped = "excl. SSAB" in str(t["note"])
        if scoped not in scopes:            # the same emissions for every target of one scope
            scopes[scoped] = _scope_series(name, t["note"], until)
        series, scope = scopes[scoped]
        latest_year, judged = int(series.index[-1]), None
        if metric == "climate_neutral_year":
            row["Så har vi räknat"] = ("Bedöms inte: klimatneutralitet räknar med upptag och kompensation, och "
                                       "bokens data har bara bruttoutsläpp.")
        elif row["Målår"] <= latest_year:
            row["Så har vi räknat"] = f"Målåret {row['Målår']} har passerat; följ upp det i kommunens egen rapport."
        elif metric.endswith("per_capita_target_" + str(row["Målår"])):
            per_capita = (series / population).dropna()
            if len(per_capita) < 2:
                row["Så har vi räknat"] = (f"Bara {len(per_capita)} år har både utsläpp och befolkning i bokens data; "
                                           "minst två behövs för en trend.")
                rows.append((row, None))
                continue
            judged = _assessed(row, per_capita, value, row["Målår"], method, "ton CO₂e per invånare", 1)
            row["Så har vi räknat"] = (f"Utsläpp per invånare, {scope}, delat med SCB:s folkmängd 31 december. "
                                       f"Bara {len(per_capita)} år har både utsläpp och befolkning i bokens data, "
                                       "så trenden är osäker.")
        elif unit == "percent":
            if base_year is None:
                row["Så har vi räknat"] = ("Basåret anges inte på kommunens sida; ange basåret (base_year) för att "
                                           "räkna om procentmålet till ton.")
            else:
                base = int(base_year)
                if base not in series.index:
                    raise ValueError(f"Basåret {base} finns inte i SMHI:s utgåva; tillgängliga år: "
                                     f"{', '.join(str(y) for y in series.index)}.")
                target = float(series.loc[base]) * (1 - value / 100)
                judged = _assessed(row, series, target, row["Målår"], method, "ton CO₂e", 0)
                row["Så har vi räknat"] = (f"{fmt_pct(value, 0)} lägre än {base} ({fmt_number(series.loc[base])} ton), "
                                           f"{scope}. Basåret {base} är ett antagande (beräknat).")
        rows.append((row, judged))
    return tuple(rows)


def _assessed(row: dict, series, target, year, method, unit, decimals) -> tuple[float, float, float]:
    """Fill ``row`` with the trend's numbers; return what the status needs: (latest, projection, target)."""
    a = fu.assess(series, target, year, "lower", 0.0, method)
    row.update({"Målvärde": round(float(target), decimals), "Enhet": unit,
                "Senaste värde": round(float(a["latest_value"]), decimals), "Senaste år": int(a["latest_year"]),
                "Trend målåret": round(float(a["projection"]), decimals)})
    return a["latest_value"], a["projection"], a["target_value"]


def _target_year(metric: str, row) -> int:
    if metric == "climate_neutral_year":
        return int(row["value"])
    return int(str(row["period"])[:4]) if str(row["period"])[:4].isdigit() else int(metric[-4:])


def _target_label(metric: str, value: float, unit: str, note: str) -> str:
    scope = " (utan SSAB)" if "excl. SSAB" in str(note) else ""
    gas = "CO₂" if metric.startswith("co2") else "växthusgaser"
    if metric == "climate_neutral_year":
        return f"Klimatneutralt {int(value)}"
    if "per_capita" in metric:
        return f"{fmt_number(value, 1)} ton {gas} per invånare {metric[-4:]}{scope}"
    more = "minst " if unit == "percent_more_than" else ""
    return f"{more}{fmt_pct(value, 0)} lägre utsläpp av {gas} till {metric[-4:]}{scope}"


#: The columns of :func:`models.lessons.strategi.uppfoljning.scorecard` that :func:`scorecard_sv` shows.
SCORECARD_COLUMNS = ("kpi_id", "unit", "decimals", "latest_year", "latest_value", "target_year", "target_value",
                     "projection_lad", "projection_least_squares", "share_of_needed_change_pct", "status",
                     "target_text", "data_source")


def scorecard_sv(card: pd.DataFrame, numbers: bool = False) -> pd.DataFrame:
    """The scorecard with Swedish headers; each row's unit is in the column *Enhet*.

    ``numbers=False`` formats values as Swedish text for display; ``numbers=True`` keeps
    numbers (for Excel).
    """
    card = checks.table(card, {c: "any" for c in SCORECARD_COLUMNS}, "card", allow_empty=True)
    numbers = checks.flag(numbers, "numbers", "behåll talen (för Excel)")
    if not card["status"].map(lambda x: isinstance(x, str) and x in STATUS_LABELS).all():
        raise ValueError(f"card: kolumnen status måste vara en av {list(STATUS_LABELS)}; använd scorecard().")

    def col(key, decimals=None):
        if numbers:
            return pd.to_numeric(card[key]).to_numpy()
        return [fmt_number(v, int(d) if decimals is None else decimals) for v, d in zip(card[key], card["decimals"])]

    out = pd.DataFrame({
        "Nyckeltal": card.index.to_numpy(),
        "Id (Kolada)": card["kpi_id"].to_numpy(),
        "Enhet": card["unit"].to_numpy(),
        "Senaste år": card["latest_year"].astype(int).to_numpy(),
        "Senaste värde": col("latest_value"),
        "Målår": card["target_year"].astype(int).to_numpy(),
        "Målvärde": col("target_value"),
        "Trend målåret, medianregression": col("projection_lad"),
        "Trend målåret, minsta kvadratmetoden": col("projection_least_squares"),
        "Trenden ger av behövd förändring (%)": col("share_of_needed_change_pct", 0),
        "Status": [STATUS_LABELS[s] for s in card["status"]] if not numbers else card["status"].to_numpy(),
        "Mål och källa": card["target_text"].to_numpy(),
        "Data": card["data_source"].to_numpy(),
    })
    return out


def rule_text(tolerance=fu.DEFAULT_TOLERANCE, method: str = "lad") -> str:
    """The status rule in one Swedish paragraph (for the lesson, summary and Excel note)."""
    tolerance = fu.check_tolerance(tolerance)
    method = checks.choice(method, METHOD_NAMES)
    x, keep = fmt_pct(tolerance * 100, 0), fmt_pct((1 - tolerance) * 100, 0)
    return (f"Status bedöms så här: trendlinjen ({METHOD_NAMES[method]} från 2015 eller första året med data, dragen "
            "genom det senaste värdet) "
            f"förlängs till målåret {TARGET_YEAR} och jämförs med målvärdet. *På rätt spår*: trenden når målet. "
            f"*Risk*: trenden missar målet med högst {x} av den förändring som behövs från i dag "
            f"(trenden ger minst {keep} av förändringen). *Fel spår*: trenden missar med mer än så.")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " och " + items[-1]
