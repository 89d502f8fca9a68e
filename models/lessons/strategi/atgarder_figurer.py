"""Figures of the lesson "Åtgärdsplan och åtgärdskostnader": the cost curve and the measures against the gap.

Also the checks of the case's tables (``curve``, ``gap``, ``coverage``) that the figures, the
Swedish tables and the Excel export share, and the sector colours the static-site chart uses.
:mod:`models.lessons.strategi.atgarder` re-exports the figures for the lesson page.
"""
from __future__ import annotations

import textwrap

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.layout_engine import PlaceHolderLayoutEngine
from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
from matplotlib.transforms import ScaledTranslation, blended_transform_factory

from models.common import checks
from models.common.formatting import fmt_number, fmt_pct
from models.common.live_figure import FigureChart
from models.common.plotting import MUTED, OKABE_ITO, apply_style, swedish_axis
from models.data import emissions as smhi


#: One colour and one hatch per SMHI sector key, so a sector never depends on colour alone
#: (the lesson's figures and the static-site chart :mod:`models.charts.strategi.atgarder` use it).
SECTOR_STYLE = {
    "domestic_transport": (OKABE_ITO["blue"], ""),
    "work_machinery": (OKABE_ITO["orange"], "//"),
    "own_heating_of_dwellings_and_premises": (OKABE_ITO["bluish_green"], "\\\\"),
    "electricity_and_district_heating": (OKABE_ITO["vermillion"], "xx"),
    "industry_energy_and_processes": (OKABE_ITO["reddish_purple"], ".."),
    "agriculture": (OKABE_ITO["sky_blue"], "--"),
    "waste_incl_wastewater": (OKABE_ITO["yellow"], "++"),
    "product_use_incl_solvents": (MUTED, "oo"),
    "international_transport": ("#FFFFFF", "||"),
}



#: What a cost curve from :func:`models.lessons.strategi.atgarder.measures_case` (``case.curve``) must hold, and the optional columns.
CURVE_COLUMNS = {"measure": "text", "abatement_t_per_year": "non_negative", "cost_per_tonne": "number",
                 "cumulative_abatement": "non_negative"}
CURVE_OPTIONAL = {"sector": "text", "responsible_unit": "text", "start_year": "year"}
GAP_FIELDS = ("base_year", "target_year", "rate", "base_emissions_t", "target_emissions_t", "gap_t_per_year")


def checked_curve(curve) -> pd.DataFrame:
    """A checked cost curve (at least one measure); its Swedish error names the column and measure."""
    return checks.table(curve, CURVE_COLUMNS, "curve", label="measure", optional=CURVE_OPTIONAL)


def checked_gap(gap) -> pd.Series:
    """A checked gap from :func:`models.lessons.strategi.atgarder.kommun_gap` (``case.gap``)."""
    if not isinstance(gap, pd.Series):
        raise checks.WrongType(f"gap måste vara gapet från kommun_gap() (en pandas.Series), fick {checks.show(gap)}.")
    missing = [f for f in GAP_FIELDS if f not in gap.index]
    if missing:
        raise ValueError(f"gap saknar uppgifterna {missing}; använd kommun_gap() eller case.gap.")
    out = gap.copy()
    for field in GAP_FIELDS:
        if field in ("base_year", "target_year"):
            out[field] = checks.year(gap[field], f"gap[{field}]", "år")
        elif field == "rate":
            out[field] = checks.number(gap[field], "gap[rate]", "minskning per år", low=0.0, high=1.0)
        else:
            out[field] = checks.non_negative(gap[field], f"gap[{field}]", "ton CO₂e per år")
    if "kommun" in gap.index:
        out["kommun"] = checks.text(gap["kommun"], "gap[kommun]", "kommunens namn", max_length=100)
    return out


def checked_coverage(coverage) -> pd.DataFrame:
    """A checked coverage table from :func:`models.strategy.measures.gap_coverage` (``case.coverage``)."""
    columns = {"measure": "any", "abatement_t_per_year": "non_negative", "counted": "any"}
    checked = checks.table(coverage, columns, "coverage", label="measure", allow_empty=True,
                           optional={"sector": "text"})
    if not all(isinstance(x, (bool, np.bool_)) for x in checked["counted"]):
        raise ValueError("coverage: kolumnen counted måste vara sant/falskt för varje åtgärd.")
    checked["counted"] = checked["counted"].astype(bool)
    return checked


# ----------------------------------------------------------------------------- figures
def macc_figure(curve: pd.DataFrame, title: str | tuple[str, ...] | None = None, limits: tuple | None = None):
    """The cost curve: bar width = abatement, height = cost per tonne, cheapest first.

    Bars below zero save money. Each bar carries its number; the numbered list of measures
    is under the chart (their costs and abatements are in :func:`models.lessons.strategi.atgarder.macc_table`).
    Sectors differ in colour *and* hatching. ``limits``: fixed axes (see :func:`update_macc_figure`).
    The figure keeps its artists: :func:`update_macc_figure` moves it to another curve with as many measures.
    """
    curve = checked_curve(curve)
    apply_style()
    n = len(curve)
    list_height = 0.21 * n + 0.25
    fig, (ax, legend_ax) = plt.subplots(
        2, 1, figsize=(8, 4.2 + list_height), layout="constrained",
        gridspec_kw={"height_ratios": [4.2, list_height]})
    zeros = np.zeros(n)
    parts = {"n": n, "ax": ax, "bars": list(ax.bar(zeros, zeros, width=zeros, align="edge", edgecolor="black",
                                                    linewidth=0.6))}
    parts["numbers"] = [ax.text(0, 0, str(i), ha="center", fontsize=9, fontweight="bold") for i in range(1, n + 1)]
    ax.axhline(0, color="black", linewidth=1.2)
    ax.set_ylabel("Kostnad (kr per ton CO₂e)")
    swedish_axis(ax.yaxis)
    ax.grid(axis="x", visible=False)
    side = blended_transform_factory(ax.transAxes, ax.transData)
    parts["costs"] = ax.text(1.01, 0, "↑ kostar\n", transform=side, va="bottom", fontsize=8.5)
    parts["saves"] = ax.text(1.01, 0, "\n↓ sparar\n   pengar", transform=side, va="top", fontsize=8.5)
    parts["title"] = ax.title
    ax.set_title("", y=1.0)         # y given: the title is not placed again at every full draw
    parts["heading"] = _title_row(ax, 4, from_label=True)
    legend_ax.axis("off")
    # the list: a number (drawn once) and a name per line; names are texts of their own, so a reordered
    # curve draws names already rendered (a new string costs a text layout, ~3 ms)
    for i in range(1, n + 1):
        legend_ax.annotate(f"{i}.", (0, 1), xycoords="axes fraction", xytext=(14, -LIST_STEP_PT * (i - 1)),
                           textcoords="offset points", va="top", ha="right", fontsize=9.5)
    # plain texts at a fixed offset (an annotation costs three times as much to draw in every frame)
    parts["names"] = [legend_ax.text(0, 1, "", va="top", ha="left", fontsize=9.5, transform=legend_ax.transAxes
                                     + ScaledTranslation(18 / 72, -LIST_STEP_PT * (i - 1) / 72, fig.dpi_scale_trans))
                      for i in range(1, n + 1)]
    fig.stratus_macc_parts = parts
    update_macc_figure(fig, curve, title, limits)
    return fig


#: Distance between the lines of the list of measures under the cost curve [points].
LIST_STEP_PT = 15.0


def macc_chart(curve: pd.DataFrame, title: str | tuple[str, ...] | None = None,
               limits: tuple | None = None) -> FigureChart:
    """:func:`macc_figure` as a live chart: ``chart.update(curve, title, limits)`` moves it (as many measures)."""
    return FigureChart(macc_figure(curve, title, limits), update_macc_figure, "stratus_macc_parts",
                       moving_legends=False)


def checked_macc_limits(limits) -> tuple[float, float, float]:
    """``(x_max, y_low, y_high)`` of a cost curve's axes: cumulative abatement [t CO₂e/yr] and cost
    [kr/t] (``y_low ≤ 0 < y_high``), as :func:`models.lessons.strategi.atgarder.macc_limits` gives them."""
    if not isinstance(limits, (tuple, list)) or len(limits) != 3:
        raise checks.WrongType(f"limits måste vara (största x, lägsta y, högsta y), fick {checks.show(limits)}.")
    x_max = checks.number(limits[0], "limits[0]", "största kumulativa minskning", low=0.0)
    low = checks.number(limits[1], "limits[1]", "lägsta kostnad per ton", high=0.0)
    high = checks.number(limits[2], "limits[2]", "högsta kostnad per ton")
    if not (x_max > 0 and high > 0):
        raise ValueError(f"limits: största x och högsta y måste vara större än 0, fick {checks.show(limits)}.")
    return float(x_max), float(low), float(high)


def _checked_title(title) -> str | tuple[str, ...]:
    """A chart title: a string, or its pieces (a tuple of strings: the parts that change with the controls apart,
    e.g. ``("Kurva för ", "Luleå")``), at most 200 characters in all."""
    if isinstance(title, str):
        return checks.text(title, "title", "rubrik", max_length=200)
    if not isinstance(title, tuple) or not all(isinstance(piece, str) for piece in title):
        raise checks.WrongType(f"title måste vara en text eller en tuple med textbitar, fick {checks.show(title)}.")
    checks.text("".join(title), "title", "rubrik", max_length=200)
    return title


def update_macc_figure(fig, curve: pd.DataFrame, title: str | tuple[str, ...] | None = None,
                       limits: tuple | None = None) -> bool:
    """Move a figure from :func:`macc_figure` to ``curve`` (bars, numbers, list, limits, legend).

    ``limits=(x_max, y_low, y_high)`` fixes the axes (a live explorer keeps them for every kommun and
    rate, so only the moving parts are drawn again); a bar beyond them is cut at the edge and its
    number marked with an arrow. ``None``: the axes fit ``curve``.
    Returns ``False`` and changes nothing when ``curve`` has another number of measures than the
    figure (its height depends on it): then draw a new one with :func:`macc_figure`.
    """
    curve = checked_curve(curve)
    title = None if title is None else _checked_title(title)
    limits = None if limits is None else checked_macc_limits(limits)
    parts = _parts(fig, "stratus_macc_parts", "macc_figure")
    if len(curve) != parts["n"]:
        return False
    ax = parts["ax"]
    left = (curve["cumulative_abatement"] - curve["abatement_t_per_year"]).to_numpy()
    width = curve["abatement_t_per_year"].to_numpy()
    cost = curve["cost_per_tonne"].to_numpy()
    keys = {sv: key for key, sv in smhi.sector_labels().items()}
    sectors = list(curve["sector"]) if "sector" in curve.columns else [None] * len(curve)
    low, high = min(cost.min(), 0), max(cost.max(), 0)
    span = max(float(np.max(np.abs(cost))), 1.0)
    if limits is None:
        bottom, top = low - 0.15 * span if low < 0 else 0, high + 0.15 * span if high > 0 else 0.1 * span
        total = float(curve["cumulative_abatement"].iloc[-1])
        x_max = total if total > 0 else 1.0
    else:
        x_max, bottom, top = limits
        span = max(top, -bottom)
    offset = 0.03 * span
    for i, (bar, number, x, w, c, sector) in enumerate(zip(parts["bars"], parts["numbers"], left, width, cost,
                                                             sectors), start=1):
        colour, hatch = SECTOR_STYLE.get(keys.get(sector), ("#DDDDDD", ""))
        bar.set_x(x)
        bar.set_width(w)
        bar.set_height(c)
        bar.set_facecolor(colour)
        bar.set_hatch(hatch)
        y, align, text = (c + offset, "bottom", str(i)) if c >= 0 else (c - offset, "top", str(i))
        if y > top - offset:                   # cut at the top edge: the number inside, an arrow up
            y, align, text = top - offset, "top", f"{i}↑"
        elif y < bottom + offset:
            y, align, text = bottom + offset, "bottom", f"{i}↓"
        number.set_position((x + w / 2, y))
        number.set_verticalalignment(align)
        number.set_text(text)
    ax.set_ylim(bottom, top)
    ax.set_xlim(0, x_max)
    scale, decimals, unit = (1000, 1, "tusen ton") if x_max >= 10_000 else (1, 0, "ton")
    ax.set_xlabel(f"Utsläppsminskning, kumulativ ({unit} CO₂e per år)\nvarje staples bredd är åtgärdens minskning")
    swedish_axis(ax.xaxis, scale=scale, decimals=decimals)
    parts["costs"].set_visible(bool(high > 0))
    parts["saves"].set_visible(bool(low < 0))
    _set_title(ax, parts["heading"], title or "Åtgärdskostnadskurva – billigaste åtgärden först")
    # the legend in SMHI's order of the sectors (the same for every rate), built again only when they change
    order = {sv: i for i, sv in enumerate(smhi.sector_labels().values())}
    used = sorted((s for s in dict.fromkeys(sectors) if s is not None), key=lambda s: order.get(s, len(order)))
    legend = ax.get_legend()
    if used and (legend is None or [t.get_text() for t in legend.texts] != used):
        handles = [Patch(facecolor=SECTOR_STYLE.get(keys.get(s), ("#DDDDDD", ""))[0],
                         hatch=SECTOR_STYLE.get(keys.get(s), ("#DDDDDD", ""))[1], edgecolor="black", label=s)
                   for s in used]
        ax.legend(handles=handles, loc="upper left", fontsize=9, title="Sektor", title_fontsize=9)
    elif not used and legend is not None:
        legend.remove()
    for text, name in zip(parts["names"], curve["measure"]):
        text.set_text(_short(name))
    return True


def coverage_figure(coverage: pd.DataFrame, gap: pd.Series, x_max: float | None = None):
    """Cumulative abatement of the measures (cheapest first) next to the gap.

    ``x_max``: a fixed end of the axis [t CO₂e/yr] (see :func:`update_coverage_figure`). The figure keeps
    its artists: :func:`update_coverage_figure` moves it to another gap or coverage with as many measures.
    """
    coverage, gap = checked_coverage(coverage), checked_gap(gap)
    apply_style()
    fig, ax = plt.subplots(figsize=(8, 2.9), layout="constrained")
    n = len(coverage)
    parts = {"n": n, "ax": ax}
    parts["gap_bar"] = ax.barh(1, 0.0, color="#EEEEEE", edgecolor="black", hatch="..", height=0.55)[0]
    parts["gap_text"] = _text_row(ax.text(0, 1, "", va="center", fontsize=9), 2)
    parts["bars"] = list(ax.barh(np.zeros(n), np.zeros(n), left=np.zeros(n), edgecolor="black", linewidth=0.6,
                                 height=0.55))
    parts["numbers"] = [ax.text(0, 0, str(i), ha="center", va="center", fontsize=9, fontweight="bold",
                                bbox={"boxstyle": "circle,pad=0.2", "facecolor": "white", "linewidth": 0})
                        for i in range(1, n + 1)]
    parts["total_text"] = _text_row(ax.text(0, 0, "", va="center", fontsize=9), 4)
    parts["gap_line"] = ax.axvline(0, color="black", linestyle="--", linewidth=1)
    ax.set_ylim(-0.6, 1.6)
    ax.grid(axis="y", visible=False)
    ax.set_yticks([0, 1], ["Åtgärderna,\nbilligast först", ""])
    tick = ax.get_yticklabels()[0]
    pad = plt.rcParams["ytick.major.size"] + plt.rcParams["ytick.major.pad"]
    # the gap's label, as a tick label would sit, but a moving part (its year changes with the slider)
    parts["gap_label"] = ax.annotate("", (0, 1), xycoords=ax.get_yaxis_transform(), xytext=(-pad, 0),
                                     textcoords="offset points", ha="right", va="center",
                                     fontsize=tick.get_fontsize(), color=tick.get_color())
    parts["title"] = ax.title
    ax.set_title("", y=1.0)
    parts["heading"] = _title_row(ax, 3)
    parts["note"] = fig.text(0.0, -0.02, "", fontsize=8, color="#555555", va="top")
    # the x scale follows the kommun's gap: the axis (ticks, grid, label) and the spines over its grid are
    # drawn in every frame, so another kommun needs no full draw
    parts["scale"] = [ax.xaxis, *ax.spines.values()]
    ax.xaxis.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))     # ≤ 6 ticks to draw per frame
    fig.stratus_coverage_parts = parts
    update_coverage_figure(fig, coverage, gap, x_max)
    return fig


def coverage_chart(coverage: pd.DataFrame, gap: pd.Series, x_max: float | None = None) -> FigureChart:
    """:func:`coverage_figure` as a live chart: ``chart.update(coverage, gap, x_max)`` moves it (as many measures)."""
    return FigureChart(coverage_figure(coverage, gap, x_max), update_coverage_figure, "stratus_coverage_parts")


def update_coverage_figure(fig, coverage: pd.DataFrame, gap: pd.Series, x_max: float | None = None) -> bool:
    """Move a figure from :func:`coverage_figure` to another coverage and gap (bars, texts, limits).

    ``x_max`` [t CO₂e/yr] fixes the end of the axis (a live explorer keeps one per kommun for every
    target year and rate, so only the moving parts are drawn again; bars beyond it are cut at the edge);
    ``None``: the axis fits the gap and the measures.
    Returns ``False`` and changes nothing when ``coverage`` has another number of measures.
    """
    coverage, gap = checked_coverage(coverage), checked_gap(gap)
    if x_max is not None:
        x_max = checks.number(x_max, "x_max", "axelns slut, ton CO₂e per år", low=0.0)
        if x_max <= 0:
            raise ValueError(f"x_max (axelns slut) måste vara större än 0, fick {checks.show(x_max)}.")
    parts = _parts(fig, "stratus_coverage_parts", "coverage_figure")
    if len(coverage) != parts["n"]:
        return False
    ax = parts["ax"]
    gap_t = float(gap["gap_t_per_year"])
    year = int(gap["target_year"])
    parts["gap_bar"].set_width(gap_t)
    parts["gap_text"][0].set_position((gap_t, 1))
    _set_row(parts["gap_text"], (f"  {fmt_number(gap_t)}", " ton/år"))
    left = 0.0
    keys = {sv: key for key, sv in smhi.sector_labels().items()}
    sectors = coverage["sector"] if "sector" in coverage.columns else pd.Series(None, index=coverage.index)
    for bar, number, row, sector in zip(parts["bars"], parts["numbers"], coverage.itertuples(), sectors):
        width = float(row.abatement_t_per_year) if row.counted else 0.0
        colour, hatch = SECTOR_STYLE.get(keys.get(sector), ("#DDDDDD", ""))
        bar.set_x(left)
        bar.set_width(width)
        bar.set_facecolor(colour)
        bar.set_hatch(hatch)
        bar.set_visible(bool(row.counted))
        number.set_position((left + width / 2, 0))
        number.set_visible(bool(row.counted) and width > 0.04 * (max(gap_t, left + width) if x_max is None
                                                                 else x_max / 1.35))
        left += width
    share = 100 * left / gap_t if gap_t > 0 else None
    share_text = (" ton/år (", fmt_pct(share, 0), " av gapet)") if share is not None else (" ton/år",)
    parts["total_text"][0].set_position((left, 0))
    _set_row(parts["total_text"], (f"  {fmt_number(left)}", *share_text))
    parts["gap_line"].set_xdata([gap_t, gap_t])
    parts["gap_label"].set_text(f"Gapet {year}")
    ax.set_xlim(0, max(gap_t, left, 1e-9) * 1.35 if x_max is None else x_max)
    biggest = max(gap_t, left) if x_max is None else x_max
    scale, decimals, unit = (1000, 0, "tusen ton") if biggest >= 10_000 else (1, 0, "ton")
    swedish_axis(ax.xaxis, scale=scale, decimals=decimals)
    ax.set_xlabel(f"{unit} CO₂e per år")
    if "label_y" not in parts and isinstance(fig.get_layout_engine(), PlaceHolderLayoutEngine):
        # laid out for good (a live chart, drawn once): the x label stays where matplotlib put it, so the
        # axis drawn in every frame need not measure its tick labels again (one line of digits: one height)
        parts["label_y"] = (ax.xaxis.label.get_position()[1] - ax.bbox.y0) / ax.bbox.height
        ax.xaxis.set_label_coords(0.5, parts["label_y"])
    kommun = str(gap.get("kommun", ""))
    what = ": " * bool(kommun) + "åtgärdernas minskning jämfört med gapet "
    _set_title(ax, parts["heading"], (kommun, what, str(year)))
    skipped = int((~coverage["counted"]).sum())
    parts["note"].set_text(f"{skipped} åtgärd(er) startar efter {year} eller ligger utanför sektorerna i gapet "
                           "och räknas inte här." if skipped else "")
    return True


def _title_row(ax, count: int, from_label: bool = False) -> list:
    """The axes' title as a row of ``count`` texts (left-aligned, in the title's font and place): see :func:`_text_row`.

    ``from_label``: the row starts above the y-axis label instead of the axes (room for a long title).
    ``ax.title`` keeps the whole title but is not drawn (:func:`_set_title`)."""
    title = ax.title
    where = (ax.yaxis.label, "axes fraction") if from_label else "axes fraction"
    first = ax.annotate("", (0, 1), xycoords=where, xytext=(0, plt.rcParams["axes.titlepad"]),
                        textcoords="offset points", ha="left", va="baseline", fontproperties=title.get_fontproperties(),
                        color=title.get_color())
    return _text_row(first, count)


def _text_row(first, count: int) -> list:
    """``first`` and ``count - 1`` texts after it on its line, in its font: a text that changes with the controls
    is drawn in pieces, so a new kommun, year or number lays out only its own short piece (a new string costs a
    text layout, about 0.1 ms a character: 10 ms for a title) and the other pieces are strings already drawn."""
    row = [first]
    for _ in range(count - 1):
        row.append(first.axes.annotate("", (1, 0), xycoords=row[-1], ha="left", va="bottom",
                                       fontproperties=first.get_fontproperties(), color=first.get_color()))
    return row


def _set_row(row: list, pieces) -> None:
    """``pieces`` (strings) into a :func:`_text_row`, empty ones left out (an empty text has no extent to follow)."""
    pieces = [piece for piece in pieces if piece]
    if len(pieces) > len(row):
        pieces[len(row) - 1:] = ["".join(pieces[len(row) - 1:])]
    for text, piece in zip(row, pieces + [""] * (len(row) - len(pieces))):
        text.set_text(piece)


def _set_title(ax, row: list, title) -> None:
    """The title (a string or its pieces) drawn by ``row``; the axes' own title holds it whole, not drawn."""
    pieces = (title,) if isinstance(title, str) else tuple(title)
    ax.set_title("".join(pieces))
    ax.title.set_visible(False)
    _set_row(row, pieces)


def _parts(fig, attribute: str, maker: str) -> dict:
    parts = getattr(fig, attribute, None)
    if parts is None:
        raise checks.WrongType(f"fig måste vara en figur från {maker}(), fick {checks.show(fig)}.")
    return parts


def fmt_signed(value: float) -> str:
    """A cost or an abatement in Swedish: one decimal below 100 unless whole (``-12.5`` -> ``"−12,5"``)."""
    value = checks.number(value, "value", "tal att visa")
    return fmt_number(value, 1 if abs(value) < 100 and not float(value).is_integer() else 0)


def _short(name: str, width: int = 70) -> str:
    return textwrap.shorten(str(name), width=width, placeholder=" …")
