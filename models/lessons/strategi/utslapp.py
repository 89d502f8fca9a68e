"""Lesson "Utsläppen i din kommun": a kommun's emissions, sectors, trend and place in the county.

Builds the kommun's case from :mod:`models.data.emissions` and the pure functions of
:mod:`models.strategy.emissions`, and presents it as Swedish tables and figures. The lesson page
and its explorer (:mod:`models.widgets.strategi.utslapp`) call the same functions.
"""
from __future__ import annotations

import numpy as np
import pandas as pd
from matplotlib.transforms import ScaledTranslation

from models import data
from models.common import checks
from models.common.formatting import fmt_number, fmt_pct
from models.common.live_figure import FigureChart
from models.common.plotting import ACCENT, MAIN, MUTED, add_source, new_figure, swedish_axis
from models.data import emissions as smhi
from models.data import klimatkollen
from models.strategy import emissions as em
from models.lessons.strategi.utslapp_sektorer import KT, sector_trend_chart, sector_trend_figure  # noqa: F401
from models.strategy.constants import TREND_FIRST_YEAR

LATEST = smhi.LATEST_DATASET
PREVIOUS = smhi.PREVIOUS_DATASET


# ----------------------------------------------------------------------------- the kommun's case
def sector_shares(kommun, year: int | None = None, dataset: str = LATEST) -> pd.DataFrame:
    """Each sector's emissions (t CO2e) and share of the total (%) in one year, largest first."""
    sectors = smhi.by_sector(kommun, dataset)
    year = _check_year(year, sectors.index)
    return em.sector_shares(sectors.loc[year], smhi.sector_labels())


def county_table(year: int | None = None, dataset: str = LATEST) -> pd.DataFrame:
    """All 14 kommuner in one year: emissions, population (SCB, 31 Dec), per capita, share of county."""
    year, emissions, county_total = smhi.kommun_totals(year, dataset)
    population = smhi.population()
    people = (population.loc[year, list(data.KOMMUNER)] if year in population.index
              else pd.Series(np.nan, index=list(data.KOMMUNER)))  # no population that year
    return em.county_table(emissions, people, county_total)


def trend(kommun, since: int = TREND_FIRST_YEAR, dataset: str = LATEST) -> pd.Series:
    """Change, compound annual change and LAD trend slope since ``since`` (see strategy.smhi.change_since)."""
    return em.change_since(smhi.total(kommun, dataset), since).rename(smhi.area_name(kommun))


def summary(kommun, dataset: str = LATEST) -> pd.Series:
    """Key figures for one kommun in the snapshot's latest year (the lesson's fact box)."""
    name = data.kommun_name(kommun)
    county = county_table(dataset=dataset)
    year = int(smhi.totals(dataset).index.max())
    sectors = sector_shares(name, year, dataset)
    change = trend(name, dataset=dataset)
    largest = sectors.iloc[0]
    return pd.Series({
        "kommun": name,
        "year": year,
        "emissions_t_co2e": county.loc[name, "emissions_t_co2e"],
        "t_co2e_per_capita": county.loc[name, "t_co2e_per_capita"],
        "share_of_county_pct": county.loc[name, "share_of_county_pct"],
        "rank_in_county": int(county.index.get_loc(name)) + 1,
        "largest_sector_sv": largest["sector_sv"],
        "largest_sector_share_pct": largest["share_pct"],
        "change_since_2015_pct": change["change_pct"],
        "cagr_2015_pct_per_year": change["cagr_pct_per_year"],
        "lad_slope_t_per_year": change["lad_slope_t_per_year"],
    }, name=name)


def _check_year(year, available: pd.Index) -> int:
    if year is None:
        return int(available.max())
    year = checks.year(year, "year", "år")
    if year not in available:
        years = ", ".join(str(y) for y in available)
        raise ValueError(f"Året {year} finns inte i datamängden. Tillgängliga år: {years}.")
    return int(year)


# ----------------------------------------------------------------------------- tables and figures
def fact_table(kommun: str, dataset: str = LATEST) -> pd.DataFrame:
    """The lesson's fact box: key figures for one kommun, formatted in Swedish.

    Two columns: ``Nyckeltal`` (the label) and the kommun's name (the formatted value).
    """
    s = summary(kommun, dataset)
    year = s["year"]
    per_capita = s["t_co2e_per_capita"]
    rows = {
        f"Utsläpp {year}": f"{fmt_number(s['emissions_t_co2e'] / KT)} tusen ton CO₂e",
        f"Per invånare {year}": (
            f"{fmt_number(per_capita, 1)} ton CO₂e" if np.isfinite(per_capita) else "befolkningsuppgift saknas"
        ),
        f"Andel av länets utsläpp {year}": f"{fmt_pct(s['share_of_county_pct'])} (plats {s['rank_in_county']} av 14)",
        "Största sektor": f"{s['largest_sector_sv']} ({fmt_pct(s['largest_sector_share_pct'], 0)})",
        f"Förändring 2015–{year}": fmt_pct(s["change_since_2015_pct"], signed=True),
        f"Genomsnittlig årlig förändring 2015–{year}": fmt_pct(s["cagr_2015_pct_per_year"], 2, signed=True) + " per år",
        "Trendlinje (medianregression) sedan 2015": f"{fmt_number(s['lad_slope_t_per_year'] / KT, 1)} tusen ton per år",
    }
    return pd.DataFrame({"Nyckeltal": list(rows), s["kommun"]: list(rows.values())})


def total_figure(kommun: str, show_previous: bool = True):
    """Total emissions per year in the latest snapshot, with the previous one for comparison.

    Markers show the years each snapshot has (the latest lacks 2016-2019).
    """
    fig, ax = new_figure(height=3.8)
    latest = smhi.total(kommun, LATEST)
    _plot_series(ax, latest / KT, label=smhi.dataset_label(LATEST).capitalize())
    parts = {"latest": ax.lines[-1], "previous": None, "ax": ax}
    if show_previous and smhi.area_name(kommun) != data.COUNTY_NAME:
        previous = smhi.total(kommun, PREVIOUS)
        parts["previous"], = ax.plot(previous.index, previous / KT, color=MUTED, linestyle="--", marker="s",
                                     markersize=3, linewidth=1, label=smhi.dataset_label(PREVIOUS).capitalize())
    ax.set_ylim(bottom=0)
    ax.set_ylabel("tusen ton CO₂e per år")
    swedish_axis(ax.yaxis)
    parts["title"] = ax.set_title(f"{smhi.area_name(kommun)}: territoriella utsläpp av växthusgaser")
    ax.legend(loc="lower left")
    add_source(fig, smhi.source_note(LATEST))
    # the y axis follows each kommun's scale and the spines and the legend lie over its grid: drawn in every
    # frame of a live chart, so a new kommun needs no whole drawing (models.common.live_figure)
    parts["axes"] = [ax.yaxis, *ax.spines.values(), ax.get_legend()]
    fig.stratus_total_parts = parts
    return fig


def total_chart(kommun: str) -> FigureChart:
    """:func:`total_figure` as a live chart: ``chart.update(kommun)`` moves it to another kommun."""
    return FigureChart(total_figure(kommun), update_total_figure, "stratus_total_parts", moving_legends=False)


def update_total_figure(fig, kommun: str) -> bool:
    """Move a figure from :func:`total_figure` to another kommun (lines, limits as autoscaled, title).

    Returns ``False`` and changes nothing when the figure shows the previous snapshot and ``kommun``
    has none (the county) or the other way round: then draw a new one with :func:`total_figure`.
    """
    parts = getattr(fig, "stratus_total_parts", None)
    if parts is None:
        raise checks.WrongType(f"fig måste vara en figur från total_figure(), fick {checks.show(fig)}.")
    latest = smhi.total(kommun, LATEST)
    if (parts["previous"] is not None) != (smhi.area_name(kommun) != data.COUNTY_NAME):
        return False
    ax = parts["ax"]
    parts["latest"].set_data(latest.index, latest.to_numpy() / KT)
    if parts["previous"] is not None:
        previous = smhi.total(kommun, PREVIOUS)
        parts["previous"].set_data(previous.index, previous / KT)
    ax.relim()
    ax.set_autoscale_on(True)
    ax.autoscale_view()
    ax.set_ylim(bottom=0)
    parts["title"].set_text(f"{smhi.area_name(kommun)}: territoriella utsläpp av växthusgaser")
    return True


def sector_figure(kommun: str, year: int | None = None, slots: int | None = None):
    """Horizontal bars: emissions per sector in one year (default: latest), with shares.

    ``slots``: room for that many sectors (default: the kommun's), so one figure can show every kommun."""
    table = sector_shares(kommun, year)
    slots = len(table) if slots is None else checks.count(slots, "slots", "antal platser för sektorer", maximum=50)
    height = 0.45 * slots + 1.2
    fig, ax = new_figure(height=height)
    # fixed margins [in] instead of a layout pass (a third of the first draw): the names left of the axes
    fig.set_layout_engine("none")
    ax.set_position((3.4 / 8, 0.6 / height, 0.97 - 3.4 / 8, 1 - 0.95 / height))
    bars = ax.barh(np.arange(slots), np.zeros(slots), color=MAIN)
    notes = [ax.annotate("", (0, 0), va="center", fontsize=9) for _ in bars]
    # the names are texts where tick labels would be (a tick is several artists, costly to build and draw)
    ax.set_yticks([])
    beside = ax.get_yaxis_transform() + ScaledTranslation(-7 / 72, 0, fig.dpi_scale_trans)
    names = [ax.text(0, i, "", transform=beside, ha="right", va="center") for i in range(slots)]
    ax.set_xlabel("tusen ton CO₂e")
    swedish_axis(ax.xaxis)
    ax.grid(axis="y", visible=False)
    # the moving parts for another kommun: bars, their numbers and names, both axes (the scale; the limits
    # follow the number of sectors), the spines drawn over the bars, and the title
    fig.stratus_sector_parts = {"bars": list(bars), "notes": notes, "names": names, "title": ax.set_title(""),
                                "year": year,
                                "axes": [ax.xaxis, ax.yaxis, *ax.spines.values()]}
    if not update_sector_figure(fig, kommun):
        raise ValueError(f"{smhi.area_name(kommun)} har {len(table)} sektorer, fler än slots={slots}.")
    add_source(fig, smhi.source_note(LATEST))
    return fig


def sector_chart(kommun: str) -> FigureChart:
    """:func:`sector_figure` (latest year) as a live chart with room for every SMHI sector:
    ``chart.update(kommun)`` shows another kommun."""
    return FigureChart(sector_figure(kommun, slots=len(smhi.sector_labels())), update_sector_figure,
                       "stratus_sector_parts", moving_legends=False)


def update_sector_figure(fig, kommun: str) -> bool:
    """Show another kommun in a figure from :func:`sector_figure` (bars, names, numbers, scale, title); a
    kommun with fewer sectors than the figure has room for gets wider bars (the empty places are cut off).

    Returns ``False`` and changes nothing when the kommun has more sectors than the figure has room for."""
    parts = getattr(fig, "stratus_sector_parts", None)
    if parts is None:
        raise checks.WrongType(f"fig måste vara en figur från sector_figure(), fick {checks.show(fig)}.")
    table = sector_shares(kommun, parts["year"]).iloc[::-1]
    slots = len(parts["bars"])
    if len(table) > slots:
        return False
    ax = parts["title"].axes
    first = slots - len(table)          # the places used: the top ones, largest sector on top
    for bar, note, name in zip(parts["bars"][:first], parts["notes"][:first], parts["names"][:first]):
        bar.set_width(0)
        bar.set_visible(False)
        note.set_text("")
        name.set_text("")
    for bar, note, name, label in zip(parts["bars"][first:], parts["notes"][first:], parts["names"][first:],
                                      table["sector_sv"]):
        name.set_text(label)
    for bar, note, value, share in zip(parts["bars"][first:], parts["notes"][first:], table["emissions_t_co2e"],
                                       table["share_pct"]):
        bar.set_visible(True)
        bar.set_width(value / KT)
        note.set_text(f" {fmt_number(value / KT, 1)} ({fmt_pct(share, 0)})")
        note.xy = (value / KT, bar.get_y() + bar.get_height() / 2)
        note.set_position(note.xy)
    ax.relim(visible_only=True)
    ax.set_autoscale_on(True)
    ax.autoscale_view()
    ax.set_xlim(right=ax.get_xlim()[1] * 1.25)
    ax.set_ylim(first - 0.5 - 0.1, slots - 0.5 + 0.1)
    year = parts["year"] or int(smhi.total(kommun).index.max())
    parts["title"].set_text(f"{smhi.area_name(kommun)}: utsläpp per sektor {year}")
    return True


def trend_table(kommun: str) -> pd.DataFrame:
    """The trend since 2015 next to the figures Klimatkollen publishes for the same snapshot."""
    name = data.kommun_name(kommun)
    ours = trend(name)
    published = klimatkollen.kpis(name)
    period = f"{int(ours['first_year'])}–{int(ours['last_year'])}"
    return pd.DataFrame({
        f"{name}, mått": [f"Genomsnittlig årlig förändring {period} (per år)",
                          f"Trendlinjens lutning {period} (ton CO₂e per år)"],
        "Stratus": [fmt_pct(ours["cagr_pct_per_year"], 3, signed=True),
                    fmt_number(ours["lad_slope_t_per_year"], 1)],
        "Klimatkollen": [fmt_pct(published["historical_change_cagr_2015_2024_pct"], 3, signed=True),
                         fmt_number(published["trend_slope_t_per_year"], 1)],
    })


def perspectives(kommun: str) -> pd.Series:
    """Territorial emissions per inhabitant (2023 and the latest year) next to consumption-based (2023).

    Values [t CO2e per inhabitant]: ``territorial_2023``, ``territorial_latest`` (with
    ``latest_year``), ``consumption_2023`` (NaN if missing) and the climate plan in Klimatkollen's
    register (``plan``, ``plan_year``). Territorial = SMHI total / SCB population 31 December.
    """
    name = data.kommun_name(kommun)
    total, people = smhi.total(name), smhi.population()[name]
    latest = int(total.index.max())
    plan = klimatkollen.climate_plan(name)
    consumption = klimatkollen.consumption_per_capita_t(name)
    return pd.Series({
        "territorial_2023": float(total.loc[2023] / people.loc[2023]),
        "latest_year": latest,
        "territorial_latest": float(total.loc[latest] / people.loc[latest]),
        "consumption_2023": np.nan if consumption is None else consumption,
        "plan": str(plan["plan_name_or_comment_sv"]),
        "plan_year": plan["plan_adopted_year"],
    }, name=name)


def perspectives_table(kommun: str) -> pd.DataFrame:
    """Swedish table: territorial and consumption-based emissions per inhabitant, and the climate plan."""
    p = perspectives(kommun)
    year = int(p["latest_year"])
    plan = p["plan"] if pd.isna(p["plan_year"]) else f"{p['plan']} (antagen {int(p['plan_year'])})"
    return pd.DataFrame({
        "Uppgift": ["Territoriella utsläpp per invånare 2023 (ton CO₂e)",
                    f"Territoriella utsläpp per invånare {year} (ton CO₂e)",
                    "Konsumtionsbaserade utsläpp per invånare 2023 (ton CO₂e)",
                    "Klimatplan enligt Klimatkollens register (maj 2026)"],
        p.name: [fmt_number(p["territorial_2023"], 1), fmt_number(p["territorial_latest"], 1),
                 "saknas" if pd.isna(p["consumption_2023"]) else fmt_number(p["consumption_2023"], 1), plan],
    })


def county_figure(kommun: str, year: int | None = None):
    """The county picture: each kommun's emissions and emissions per inhabitant, one highlighted."""
    table = county_table(year)
    year = year or int(smhi.total(data.COUNTY_NAME).index.max())
    highlight = data.kommun_name(kommun)
    per_capita = table["t_co2e_per_capita"].sort_values(ascending=False)
    fig, (left, right) = new_figure(1, 2, width=10, height=4.6)
    # fixed margins [in] instead of a layout pass (a third of the first draw): the kommun names left of each axes
    fig.set_layout_engine("none")
    for ax, x0 in ((left, 0.95), (right, 5.95)):
        ax.set_position((x0 / 10, 0.6 / 4.6, 3.9 / 10, 1 - 1.25 / 4.6))
    bars, names = zip(_ranked_bars(left, table["emissions_t_co2e"] / KT, highlight,
                                   [f" {fmt_pct(v, 0)}" for v in table["share_of_county_pct"]]),
                      _ranked_bars(right, per_capita, highlight, [f" {fmt_number(v, 1)}" for v in per_capita]))
    left.set_xlabel("tusen ton CO₂e (andel av länet)")
    swedish_axis(left.xaxis)
    left.set_title(f"Utsläpp {year}")
    right.set_xlabel("ton CO₂e per invånare")
    swedish_axis(right.xaxis)
    right.set_title(f"Utsläpp per invånare {year}")
    title = fig.suptitle(f"Norrbottens 14 kommuner – {highlight} markerad", fontweight="bold")
    add_source(fig, f"{smhi.source_note(LATEST)} {smhi.population_note()}")
    # the moving parts for another kommun (the order is the county's): bars, their axes (grid lines over the
    # bars), the names (one bold), annotations and spines drawn over them, and the title
    fig.stratus_county_parts = {"bars": list(bars), "names": list(names), "title": title,
                                "axes": [[ax.xaxis, ax.yaxis, *ax.texts, *ax.spines.values()] for ax in (left, right)]}
    return fig


def county_chart(kommun: str) -> FigureChart:
    """:func:`county_figure` (latest year) as a live chart: ``chart.update(kommun)`` marks another kommun."""
    return FigureChart(county_figure(kommun), update_county_figure, "stratus_county_parts", moving_legends=False)


def update_county_figure(fig, kommun: str) -> bool:
    """Mark another kommun in a figure from :func:`county_figure`: hatched, coloured bars and its name in bold."""
    parts = getattr(fig, "stratus_county_parts", None)
    if parts is None:
        raise checks.WrongType(f"fig måste vara en figur från county_figure(), fick {checks.show(fig)}.")
    highlight = data.kommun_name(kommun)
    for bars, names in zip(parts["bars"], parts["names"]):
        for bar, name in zip(bars, names):
            _mark(bar, name.get_text() == highlight)
            name.set_fontweight("bold" if name.get_text() == highlight else "normal")
    parts["title"].set_text(f"Norrbottens 14 kommuner – {highlight} markerad")
    return True


def _plot_series(ax, series: pd.Series, label: str | None = None, markersize: float = 5) -> None:
    """A line through the years the snapshot has, with a marker on each of them."""
    ax.plot(series.index, series.to_numpy(), color=MAIN, linewidth=2, marker="o", markersize=markersize,
            label=label)


def _ranked_bars(ax, values: pd.Series, highlight: str, annotations: list[str]) -> tuple[list, list]:
    """Horizontal bars, largest on top; the highlighted kommun hatched, coloured and bold. The names are texts
    left of the axes, not tick labels (a tick is several artists: 14 of them cost more than the bars to draw)."""
    values = values.iloc[::-1]
    annotations = annotations[::-1]
    bars = ax.barh(np.arange(len(values)), values.to_numpy(), color=MAIN)
    ax.set_yticks([])
    beside = ax.get_yaxis_transform() + ScaledTranslation(-7 / 72, 0, ax.figure.dpi_scale_trans)  # as a tick label
    names = [ax.text(0, i, name, transform=beside, ha="right", va="center") for i, name in enumerate(values.index)]
    for bar, name, note in zip(bars, names, annotations):
        _mark(bar, name.get_text() == highlight)
        name.set_fontweight("bold" if name.get_text() == highlight else "normal")
        ax.annotate(note, (bar.get_width(), bar.get_y() + bar.get_height() / 2), va="center", fontsize=8)
    ax.set_xlim(right=ax.get_xlim()[1] * 1.18)
    ax.grid(axis="y", visible=False)
    return list(bars), names


def _mark(bar, highlighted: bool) -> None:
    """The highlighted kommun's bar: accent colour, hatched, black edge; the others plain."""
    bar.set_facecolor(ACCENT if highlighted else MAIN)
    bar.set_hatch("//" if highlighted else None)
    bar.set_edgecolor("black" if highlighted else "none")

