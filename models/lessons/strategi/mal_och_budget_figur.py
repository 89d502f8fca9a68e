"""The scenario figure of the lesson "Mål och koldioxidbudget" and the labels it shows.

:func:`scenario_figure` draws a scenario for the lesson page; :func:`update_scenario_figure` moves
the same figure to another scenario (line data, texts, limits, legends) so the live explorer
redraws one figure instead of building a new one for every control change (issue 13).
:mod:`models.lessons.strategi.mal_och_budget` re-exports every name here.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from models.common import checks
from models.common.formatting import fmt_number
from models.common.live_figure import FigureChart
from models.common.plotting import ACCENT, MAIN, MUTED, OKABE_ITO, add_source, new_figure, place_ylabel, swedish_axis
from models.data import emissions as smhi
from models.data import klimatkollen
from models.strategy import scenario as sc
from models.strategy.constants import TREND_FIRST_YEAR
from models.lessons.strategi.utslapp_sektorer import KT

CARBON_LAW_COLOUR = OKABE_ITO["bluish_green"]

#: Temperature goal choices (Swedish label -> key in scenario.GOALS).
GOAL_LABELS = {
    "1,5 °C – Klimatkollens budget": "1.5C",
    "1,7 °C – samma andel (beräknat)": "1.7C",
}
#: Method choices (Swedish label -> method key).
METHOD_LABELS = {
    "Exponentiell (Klimatkollen 2024)": "exponential",
    "Geometrisk": "geometric",
    "Fast målår 2045": "target_year",
}


def source_note() -> str:
    """The sources of every table and figure of the lesson."""
    return (f"{smhi.source_note(smhi.CO2_DATASET)} {klimatkollen.budget_source_note()} "
            "Trend, bana och Carbon Law: beräknat.")


def choice_label(mapping: dict, key) -> str:
    """The Swedish label whose value in ``mapping`` (e.g. :data:`GOAL_LABELS`) is ``key``."""
    if not isinstance(mapping, dict):
        raise checks.WrongType(f"mapping måste vara en ordlista etikett -> nyckel, fick {checks.show(mapping)}.")
    for label, value in mapping.items():
        if isinstance(value, type(key)) and value == key:
            return label
    raise ValueError(f"Inget val har nyckeln {checks.show(key)}. Giltiga nycklar: {list(mapping.values())}.")


def scenario_figure(result: sc.Scenario):
    """Left: emissions per year (history, trend, pathway, Carbon Law). Right: cumulative vs budget.

    Lines differ by style and marker as well as colour. The figure keeps its artists, so
    :func:`update_scenario_figure` can move it to another scenario.
    """
    checks.instance(result, sc.Scenario, "result", "ett scenario från scenario()")
    fig, (left, right) = new_figure(1, 2, width=10.5, height=5.0)
    # fixed axes positions with room for the widest tick labels (Luleå): an update never re-lays out
    fig.set_layout_engine("none")
    left.set_position((0.078, 0.205, 0.40, 0.689))
    right.set_position((0.59, 0.205, 0.40, 0.689))
    empty = ([], [])
    # the y axes (limits, ticks, grid) follow each kommun's scale and the right x axis the start year, and
    # the spines lie over their grid: drawn in every frame, so a live update needs no full draw
    # (models.common.live_figure); the left x axis always spans the data's years
    parts = {"left": left, "right": right, "left_y": left.yaxis, "right_x": right.xaxis, "right_y": right.yaxis,
             "spines": list(left.spines.values()) + list(right.spines.values())}
    parts["history"], = left.plot(*empty, color=MAIN, marker="o", markersize=4, linewidth=2, label="Utsläpp enligt SMHI")
    parts["trend"], = left.plot(*empty, color=MUTED, linestyle="--", linewidth=1.5,
                                label="Trend (linje genom 2015–2022)")
    parts["pathway"], = left.plot(*empty, color=ACCENT, linewidth=2.5, marker="s", markersize=3,
                                  label="Bana inom budgeten")
    parts["law"], = left.plot(*empty, color=CARBON_LAW_COLOUR, linestyle=":", linewidth=2,
                              label="Carbon Law (−11,72 % per år)")
    parts["start_line"] = left.axvline(0, color="black", linewidth=0.8, linestyle="-.")
    parts["start_text"] = left.annotate("", (0, 0), xycoords=("data", "axes fraction"), va="bottom", fontsize=8)
    left.set_ylabel("tusen ton CO₂ per år")
    left.set_xlabel("år")
    swedish_axis(left.yaxis)
    # the title says when parts are excluded (drawn in every frame): the legends stay the same for every choice
    parts["left_title"] = left.title

    parts["trend_cum"], = right.plot(*empty, color=MUTED, linestyle="--", linewidth=1.5, label="Med trenden")
    parts["pathway_cum"], = right.plot(*empty, color=ACCENT, linewidth=2.5, marker="s", markersize=3,
                                       label="Med banan")
    parts["law_cum"], = right.plot(*empty, color=CARBON_LAW_COLOUR, linestyle=":", linewidth=2,
                                   label="Med Carbon Law")
    parts["remaining"] = right.axhline(0, color="black", linewidth=1.2, linestyle="-.", label="Budget kvar vid start")
    # the budget's size is written on its line, so the legends stay the same from kommun to kommun
    parts["remaining_text"] = right.annotate("", (1, 0), xycoords=("axes fraction", "data"), xytext=(-4, 3),
                                             textcoords="offset points", ha="right", va="bottom", fontsize=8,
                                             bbox={"boxstyle": "square,pad=0.15", "facecolor": "white",
                                                   "edgecolor": "none", "alpha": 0.85})
    parts["runs_out"] = right.axvline(0, color="black", linewidth=0.8, linestyle=":")
    parts["runs_out_text"] = right.annotate("", (0, 0.95), xycoords=("data", "axes fraction"), fontsize=8, va="top")
    right.set_xlabel("år")
    swedish_axis(right.yaxis)
    right.set_title("Sammanlagda utsläpp jämfört med budgeten")
    parts["title"] = fig.suptitle("", fontweight="bold")
    add_source(fig, source_note(), y=-0.02)
    fig.stratus_scenario_parts = parts
    update_scenario_figure(fig, result)
    return fig


def scenario_chart(result: sc.Scenario) -> FigureChart:
    """:func:`scenario_figure` as a live chart: ``chart.update(result)`` moves it, only its parts are redrawn."""
    # the legends under the panels are the same for every choice: kept in the image drawn once (what changes is
    # on the chart: the budget left on its line, an exclusion in the left title, a missing pathway at the start)
    return FigureChart(scenario_figure(result), update_scenario_figure, "stratus_scenario_parts",
                       moving_legends=False)


def update_scenario_figure(fig, result: sc.Scenario) -> None:
    """Move a figure from :func:`scenario_figure` to ``result`` (data, texts, limits and legends)."""
    checks.instance(result, sc.Scenario, "result", "ett scenario från scenario()")
    parts = getattr(fig, "stratus_scenario_parts", None)
    if parts is None:
        raise checks.WrongType(f"fig måste vara en figur från scenario_figure(), fick {checks.show(fig)}.")
    s, t = result.summary, result.table
    left, right = parts["left"], parts["right"]
    start, end = int(s["start_year"]), int(t.index.max())
    feasible = bool(s["feasible"])

    def put(line, series) -> None:
        line.set_data(series.index.to_numpy(dtype=float), series.to_numpy(dtype=float) / KT)

    history = t["history_t"].dropna()
    put(parts["history"], history)
    trend = t["trend_t"].loc[TREND_FIRST_YEAR:]
    put(parts["trend"], trend)
    put(parts["pathway"], t["pathway_t"].dropna() if feasible else pd.Series(dtype=float))
    put(parts["law"], t["carbon_law_t"].dropna())
    parts["start_line"].set_xdata([start, start])
    parts["start_text"].set_text(f" start {start}" if feasible else f" start {start}: ingen bana")
    parts["start_text"].xy = parts["start_text"].xyann = (start, 0)
    shown = [history, trend, t["carbon_law_t"].dropna()] + ([t["pathway_t"].dropna()] if feasible else [])
    years = [float(x.index.min()) for x in shown if len(x)] + [float(x.index.max()) for x in shown if len(x)]
    _limits(left, (min(years + [start]), max(years + [start])), [x.to_numpy(dtype=float) / KT for x in shown])
    left.set_title(_left_title(s))
    _legend(left, [parts["history"], parts["trend"], parts["pathway"], parts["law"]])

    span = t.loc[start:end]
    for key, column in (("trend_cum", "trend_cumulative_t"), ("pathway_cum", "pathway_cumulative_t"),
                        ("law_cum", "carbon_law_cumulative_t")):
        put(parts[key], span[column] if key != "pathway_cum" or feasible else pd.Series(dtype=float))
    remaining = max(float(s["remaining_t"]), 0.0)
    parts["remaining"].set_ydata([remaining / KT, remaining / KT])
    parts["remaining_text"].set_text(f"budget kvar {start}: {_kt_text(remaining)} tusen ton")
    parts["remaining_text"].xy = (1, remaining / KT)
    exhaustion = s["exhaustion_year"]
    runs_out = math.isfinite(exhaustion) and start <= exhaustion <= end
    parts["runs_out"].set_visible(runs_out)
    parts["runs_out_text"].set_visible(runs_out)
    if runs_out:
        parts["runs_out"].set_xdata([exhaustion, exhaustion])
        parts["runs_out_text"].set_text(f" slut {s['exhaustion_date']:%Y}")
        parts["runs_out_text"].xy = parts["runs_out_text"].xyann = (exhaustion, 0.95)
    cumulative = [span["trend_cumulative_t"], span["carbon_law_cumulative_t"]]
    if feasible:
        cumulative.append(span["pathway_cumulative_t"])
    _limits(right, (start, end), [x.to_numpy(dtype=float) / KT for x in cumulative] + [np.array([remaining / KT])])
    right.set_ylabel(f"tusen ton CO₂ sedan {start}")
    _legend(right, [parts["trend_cum"], parts["pathway_cum"], parts["law_cum"], parts["remaining"]])
    place_ylabel(left)                  # the y axes are drawn in every frame of a live chart: labels placed here
    place_ylabel(right)
    goal = choice_label(GOAL_LABELS, s["goal"])
    method = choice_label(METHOD_LABELS, s["method"])
    parts["title"].set_text(f"{s['kommun']}: {goal} · {method} · start {start}")


def _legend(ax, handles: list) -> None:
    """The legend under ``ax`` for ``handles``: built once per set of handles, later only relabelled."""
    legend = ax.get_legend()
    if legend is not None and getattr(legend, "stratus_handles", None) == [id(h) for h in handles]:
        for text, handle in zip(legend.texts, handles):
            text.set_text(handle.get_label())
        return
    legend = ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8)
    legend.stratus_handles = [id(h) for h in handles]


def _kt_text(tonnes: float) -> str:
    return fmt_number(tonnes / KT)


def _limits(ax, xspan: tuple[float, float], values: list[np.ndarray]) -> None:
    """Axis limits as matplotlib's autoscale would set them (5 % margins, y from 0)."""
    low, high = xspan
    pad = 0.05 * (high - low) if high > low else 0.5
    ax.set_xlim(low - pad, high + pad)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, steps=[1, 2, 5, 10]))
    finite = [v[np.isfinite(v)] for v in values]
    top = max([float(v.max()) for v in finite if v.size] + [0.0])
    ax.set_ylim(0, top * 1.05 if top > 0 else 1.0)


def _left_title(summary: pd.Series) -> str:
    if summary["included_share_pct"] < 100 - 1e-9:
        return "Utsläpp per år, utan undantagna delar (beräknat)"
    return "Utsläpp per år"
