"""Lesson "Solen i Norrbotten": sun path, day length, monthly irradiation and the typical year.

Builds each kommun's case from :mod:`models.lessons.solel.platser` (typical years, sun position)
and pvlib's solar position; presents it as Swedish tables and figures (the typical year's validation:
:mod:`models.lessons.solel.validering`). The lesson page and its
explorer (:mod:`models.widgets.solel.solen_i_norrbotten`) call the same functions.
"""
from __future__ import annotations

import textwrap
from functools import lru_cache

from matplotlib.figure import Figure
import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.formatting import fmt_number
from models.common.live_figure import LiveFigure
from models.common.plotting import ACCENT, MAIN, MUTED, OKABE_ITO, add_source, new_figure, swedish_axis
from models.common.selfcheck import Question
from models.lessons.solel import platser
# the typical year validated: shown on this lesson's page, kept in its own module
from models.lessons.solel.validering import (validation, validation_figure, validation_summary,  # noqa: F401
                                            validation_table)
from models.solar import constants as C
from models.solar import typical_year as ty
from models.solar.sun_position import apparent_elevation

#: Days whose sun path the lesson draws (21st of the month).
PATH_MONTHS = {"december": 12, "mars": 3, "juni": 6}
STEP_MINUTES = 10


# ----------------------------------------------------------------------------- sun geometry
@lru_cache(maxsize=1)
def _times() -> tuple[pd.DatetimeIndex, np.ndarray, pd.Index]:
    """The 10-minute steps of the year, the first step of each (local) day and the days themselves."""
    times = pd.date_range(f"{C.YEAR}-01-01", f"{C.YEAR}-12-31 23:59", freq=f"{STEP_MINUTES}min", tz=C.TZ)
    dates = times.date
    starts = np.flatnonzero(np.r_[True, dates[1:] != dates[:-1]])
    return times, starts, pd.Index(dates[starts])


def _per_day(values: pd.Series, how: np.ufunc) -> pd.Series:
    """``values`` (on the 10-minute steps) reduced per day with ``how`` (np.add, np.maximum, np.minimum)."""
    _, starts, days = _times()
    return pd.Series(how.reduceat(values.to_numpy(), starts), index=days)


@lru_cache(maxsize=32)
def _elevation(name: str, key: tuple) -> pd.Series:
    lat, lon, alt = platser.coordinates(name)
    times = _times()[0]
    with platser.quiet():     # = pvlib.solarposition.get_solarposition, the time-only steps kept for every kommun
        return apparent_elevation(times, lat, lon, alt)


def elevation(kommun: str) -> pd.Series:
    """Apparent sun elevation [°] every 10 minutes of 2023 at the kommun's main town (pvlib SPA)."""
    return _elevation(data.kommun_name(kommun), platser.data_key()).copy()


def day_length(kommun: str) -> pd.Series:
    """Hours per day with the sun above the horizon (apparent elevation > 0), 2023."""
    up = elevation(kommun) > 0
    return (_per_day(up.astype(np.int64), np.add) * STEP_MINUTES / 60.0).rename("hours")


def sun_facts(kommun: str) -> dict:
    """Polar-night days, midnight-sun days and the highest sun on 21 Dec and 21 Jun."""
    el = elevation(kommun)
    highest, lowest = _per_day(el, np.maximum), _per_day(el, np.minimum)
    return {"kommun": data.kommun_name(kommun), "polar_night_days": int((highest <= 0).sum()),
            "midnight_sun_days": int((lowest > 0).sum()),
            "max_elevation_dec21": float(highest.loc[pd.Timestamp(f"{C.YEAR}-12-21").date()]),
            "max_elevation_jun21": float(highest.loc[pd.Timestamp(f"{C.YEAR}-06-21").date()]),
            "latitude": platser.coordinates(kommun)[0]}


def sun_table() -> pd.DataFrame:
    """The 14 kommuner from south to north: the sun facts in Swedish columns."""
    rows = [sun_facts(k) for k in data.KOMMUNER]
    frame = pd.DataFrame(rows).sort_values("latitude")
    return pd.DataFrame({
        "Kommun": frame["kommun"], "Latitud (°N)": [fmt_number(x, 2) for x in frame["latitude"]],
        "Dagar utan sol över horisonten": frame["polar_night_days"],
        "Dagar med midnattssol": frame["midnight_sun_days"],
        "Högsta solhöjd 21 dec (°)": [fmt_number(x, 1) for x in frame["max_elevation_dec21"]],
        "Högsta solhöjd 21 jun (°)": [fmt_number(x, 1) for x in frame["max_elevation_jun21"]],
    }).set_index("Kommun")


# ----------------------------------------------------------------------------- irradiation
def monthly_irradiation(kommun: str) -> pd.DataFrame:
    """Monthly GHI [kWh/m²] of the kommun's typical year, Luleå's file and Stockholm Arlanda."""
    stats = ty.monthly_statistics(platser.typical_year(kommun))
    return pd.DataFrame({"kommun_kwh_m2": stats["ghi_kwh_m2"].to_numpy(),
                         "lulea_kwh_m2": np.array(C.LULEA_GHI_KWH_M2),
                         "stockholm_kwh_m2": np.array(C.STOCKHOLM_GHI_KWH_M2),
                         "diffuse_fraction": stats["diffuse_fraction"].to_numpy()},
                        index=pd.Index(C.MONTHS_SV, name="Månad"))


def irradiation_table(kommun: str) -> pd.DataFrame:
    """:func:`monthly_irradiation` with Swedish headers and a year row."""
    name = data.kommun_name(kommun)
    m = monthly_irradiation(name)
    table = pd.DataFrame({f"{name} (kWh/m²)": m["kommun_kwh_m2"], "Stockholm Arlanda (kWh/m²)": m["stockholm_kwh_m2"]})
    table.loc["År"] = table.sum()
    return table.map(lambda x: fmt_number(x, 1))


def summary(kommun: str) -> dict:
    """Key numbers of the lesson for a kommun (for glue and the explorer), cached on the data version."""
    return dict(_summary(data.kommun_name(kommun), platser.data_key()))


@lru_cache(maxsize=32)
def _summary(name: str, key: tuple) -> dict:
    m = monthly_irradiation(name)
    facts = sun_facts(name)
    length = day_length(name)
    return {**facts, "ghi_year_kwh_m2": float(m["kommun_kwh_m2"].sum()),
            "ghi_mar_sep_share": float(m["kommun_kwh_m2"].iloc[2:9].sum() / m["kommun_kwh_m2"].sum()),
            "ghi_dec_kwh_m2": float(m["kommun_kwh_m2"].iloc[11]),
            "day_length_jun21_h": float(length.loc[pd.Timestamp(f"{C.YEAR}-06-21").date()]),
            "day_length_dec21_h": float(length.loc[pd.Timestamp(f"{C.YEAR}-12-21").date()]),
            "generated": platser.is_generated(name)}


# ----------------------------------------------------------------------------- figures
def sun_path_figure(kommun: str):
    """Sun elevation through the day on 21 Dec, 21 Mar and 21 Jun at the kommun's main town."""
    name = data.kommun_name(kommun)
    el = elevation(name)
    fig, ax = new_figure(width=8, height=4)
    styles = {"december": (MUTED, ":"), "mars": (MAIN, "--"), "juni": (ACCENT, "-")}
    for label, month in PATH_MONTHS.items():
        day = el.loc[f"{C.YEAR}-{month:02d}-21"]
        hours = day.index.hour + day.index.minute / 60
        colour, line = styles[label]
        ax.plot(hours, day.to_numpy(), color=colour, linestyle=line, linewidth=2, label=f"21 {label}")
    ax.axhline(0, color="black", linewidth=0.8)
    _sun_path_limits(ax)
    ax.set_xlim(0, 24)
    ax.set_xticks(range(0, 25, 3))
    ax.set_xlabel("Klockslag (svensk tid)")
    ax.set_ylabel("Solhöjd (grader)")
    ax.set_title(f"Solens höjd över horisonten i {name}")
    ax.legend(loc="upper left")
    add_source(fig, "Beräknat med pvlib (NREL SPA) för centralorten, 2023.")
    return fig


def update_sun_path_figure(fig, kommun: str):
    """Show another kommun in a figure from :func:`sun_path_figure`, in place (lines, title, y limits): no
    new figure, no new layout. Returns the artists that change, for an explorer that redraws only those."""
    ax = _single_axes(fig, "sun_path_figure()", lines=len(PATH_MONTHS) + 1)
    name = data.kommun_name(kommun)
    el = elevation(name)
    for line, month in zip(ax.lines, PATH_MONTHS.values()):
        line.set_ydata(el.loc[f"{C.YEAR}-{month:02d}-21"].to_numpy())
    _sun_path_limits(ax)
    ax.set_title(f"Solens höjd över horisonten i {name}")
    return _changed(ax, [*ax.lines, ax.title])       # the horizon line too: it is drawn over the paths


#: Sun elevation axis [°] of the sun-path chart: every kommun's paths fit (±48° at most), so changing the
#: kommun keeps the scale (and a live explorer redraws only the lines).
SUN_PATH_YLIM = (-50.0, 50.0)


def _sun_path_limits(ax) -> None:
    """:data:`SUN_PATH_YLIM`, or matplotlib's own limits for paths that do not fit in it."""
    values = np.concatenate([line.get_ydata() for line in ax.lines[:len(PATH_MONTHS)]])
    if SUN_PATH_YLIM[0] <= values.min() and values.max() <= SUN_PATH_YLIM[1]:
        ax.set_ylim(*SUN_PATH_YLIM)
    else:
        ax.relim()
        ax.autoscale_view(scalex=False)


def _changed(ax, artists: list) -> list:
    """``artists`` and what is drawn over them (legend, visible spines), in drawing order."""
    over = [s for s in ax.spines.values() if s.get_visible()] + [x for x in [ax.get_legend()] if x is not None]
    return sorted([*artists, *over], key=lambda artist: artist.get_zorder())


def _single_axes(fig, made_by: str, lines: int | None = None, bars: int | None = None):
    """The one axes of a figure from ``made_by`` (checked), for an update function."""
    checks.instance(fig, Figure, "fig", f"en figur från {made_by}")
    axes = fig.axes
    ok = len(axes) == 1 and (lines is None or len(axes[0].lines) == lines) and (
        bars is None or (len(axes[0].containers) == 2 and all(len(c) == bars for c in axes[0].containers)))
    if not ok:
        raise ValueError(f"fig måste vara en figur från {made_by}.")
    return axes[0]


def fact_table(kommun: str) -> pd.DataFrame:
    """The explorer's fact box for one kommun (Swedish labels and numbers), cached on the data version."""
    return _fact_table(data.kommun_name(kommun), platser.data_key()).copy()


@lru_cache(maxsize=32)
def _fact_table(name: str, key: tuple) -> pd.DataFrame:
    s = summary(name)
    rows = {
        "Dagar utan sol över horisonten (polarnatt)": fmt_number(s["polar_night_days"]),
        "Dagar med midnattssol": fmt_number(s["midnight_sun_days"]),
        "Solens högsta höjd 21 december": f"{fmt_number(s['max_elevation_dec21'], 1)}°",
        "Solens högsta höjd 21 juni": f"{fmt_number(s['max_elevation_jun21'], 1)}°",
        "Instrålning per år, vågrät yta": f"{fmt_number(s['ghi_year_kwh_m2'])} kWh/m²",
        "Andel av årets instrålning mars–september": f"{fmt_number(100 * s['ghi_mar_sep_share'])} %",
        "Typår": "modell (bokens generator)" if s["generated"] else "typårsfil för Luleå flygplats",
    }
    return pd.DataFrame({"Värde": list(rows.values())}, index=pd.Index(list(rows), name=s["kommun"]))


def day_length_figure(kommuner=("Luleå", "Kiruna")):
    """Hours of sun above the horizon per day through 2023 for a few kommuner."""
    kommuner = platser.kommun_names(kommuner)
    fig, ax = new_figure(width=8, height=4)
    lines = ["-", "--", ":", "-."]
    for i, kommun in enumerate(kommuner):
        length = day_length(kommun)
        ax.plot(pd.to_datetime(length.index), length.to_numpy(), linestyle=lines[i % 4], linewidth=2,
                color=list(OKABE_ITO.values())[i % len(OKABE_ITO)], label=data.kommun_name(kommun))
    ax.set_ylim(0, 24.5)
    ax.set_yticks(range(0, 25, 4))
    ax.set_ylabel("Timmar med sol över horisonten")
    ax.set_title("Dagens längd under året")
    ax.set_xticks([pd.Timestamp(f"{C.YEAR}-{m:02d}-01") for m in range(1, 13)], C.MONTHS_SV)
    ax.legend(loc="upper left")
    add_source(fig, "Beräknat med pvlib (NREL SPA) för centralorterna, 2023.")
    return fig


def update_day_length_figure(fig, kommuner=("Luleå", "Kiruna")):
    """Show other kommuner (as many as the figure has lines) in a figure from :func:`day_length_figure`, in
    place. Returns the artists that change (lines, legend, spines), for an explorer that redraws only those."""
    kommuner = platser.kommun_names(kommuner)
    ax = _single_axes(fig, "day_length_figure()", lines=len(kommuner))
    for line, kommun in zip(ax.lines, kommuner):
        line.set_ydata(day_length(kommun).to_numpy())
        line.set_label(kommun)
    _relabel_legend(ax, "upper left")
    return _changed(ax, list(ax.lines))


def _relabel_legend(ax, loc: str) -> None:
    """The legend with the artists' current labels: set in place when it has one text per label, else new."""
    legend, labels = ax.get_legend(), ax.get_legend_handles_labels()[1]
    if legend is None or len(legend.get_texts()) != len(labels):
        ax.legend(loc=loc)
    for text, label in zip(ax.get_legend().get_texts(), labels):
        text.set_text(label)


def irradiation_figure(kommun: str):
    """Monthly GHI of the kommun against Stockholm Arlanda (bars with hatching for the contrast)."""
    name = data.kommun_name(kommun)
    m = monthly_irradiation(name)
    fig, ax = new_figure(width=8, height=4)
    ax.set_axisbelow(True)                     # grid lines behind the bars (a live update redraws only the bars)
    x = np.arange(12)
    ax.bar(x - 0.2, m["kommun_kwh_m2"], width=0.4, color=MAIN, label=name)
    ax.bar(x + 0.2, m["stockholm_kwh_m2"], width=0.4, color="white", edgecolor=MUTED, hatch="//",
           label="Stockholm Arlanda")
    ax.set_xticks(x, C.MONTHS_SV)
    ax.set_ylim(0, _irradiation_top(m))
    ax.set_ylabel("Instrålning mot vågrät yta (kWh/m²)")
    ax.set_title(f"Solinstrålning per månad: {name} och Stockholm")
    swedish_axis(ax.yaxis)
    ax.legend(loc="upper right")
    add_source(fig, _irradiation_source(name))
    return fig


def update_irradiation_figure(fig, kommun: str):
    """Show another kommun in a figure from :func:`irradiation_figure`, in place (bars, labels, limits, note).
    Returns the artists that change (bars, title, legend, note), for an explorer that redraws only those."""
    ax = _single_axes(fig, "irradiation_figure()", bars=12)
    name = data.kommun_name(kommun)
    m = monthly_irradiation(name)
    for bar, value in zip(ax.containers[0], m["kommun_kwh_m2"].to_numpy()):
        bar.set_height(value)
    ax.set_ylim(0, _irradiation_top(m))
    ax.containers[0].set_label(name)
    _relabel_legend(ax, "upper right")
    ax.set_title(f"Solinstrålning per månad: {name} och Stockholm")
    if fig.texts:
        fig.texts[-1].set_text(_irradiation_source(name))
    return _changed(ax, [*ax.containers[0], *ax.containers[1], ax.title]) + fig.texts[-1:]


def _irradiation_top(m: pd.DataFrame) -> float:
    """The y-axis top: 5 % over the highest bar, in steps (``LiveFigure.nice_limit``: 200 for every kommun)."""
    return LiveFigure.nice_limit(1.05 * float(max(m["kommun_kwh_m2"].max(), m["stockholm_kwh_m2"].max())))


def _irradiation_source(name: str) -> str:
    return textwrap.fill(platser.source_note(name) + " Stockholm: IWEC-typår (ASHRAE), annat dataset och annan period.",
                         140)


# ----------------------------------------------------------------------------- static-site data
def site_grid() -> pd.DataFrame:
    """Tidy data behind the static chart: kommun × month → GHI, Stockholm GHI and key sun facts."""
    rows = []
    for kommun in data.KOMMUNER:
        m = monthly_irradiation(kommun)
        facts = sun_facts(kommun)
        for month, (label, row) in enumerate(m.iterrows(), start=1):
            rows.append({"kommun": kommun, "month": month, "month_sv": label, "ghi_kwh_m2": row["kommun_kwh_m2"],
                         "stockholm_kwh_m2": row["stockholm_kwh_m2"],
                         "polar_night_days": facts["polar_night_days"],
                         "midnight_sun_days": facts["midnight_sun_days"],
                         "ghi_year_kwh_m2": m["kommun_kwh_m2"].sum()})
    return pd.DataFrame(rows)


# ----------------------------------------------------------------------------- self-check
QUESTIONS = (
    Question("Luleå och Stockholm får ungefär lika mycket sol mot en vågrät yta över ett år. Vad skiljer mest?",
             ("Ingenting – fördelningen över året är densamma",
              "Fördelningen: i Luleå kommer nästan allt mellan mars och september",
              "Luleå får dubbelt så mycket sol på vintern"), 1,
             "Årssumman är lika (944 mot 922 kWh/m²), men i Luleå kommer nästan ingenting i november–januari."),
    Question("Vad är ett typår?",
             ("Väderdata för det senaste året", "Ett medelvärde av alla timmar under 15 år",
              "Ett år sammansatt av typiska verkliga månader från olika år"), 2,
             "TMYx för Luleå tar varje månad från ett verkligt år 2009–2023 som liknar genomsnittet; variationen "
             "mellan klara och mulna dagar finns kvar."),
    Question("Varför kan man inte bygga en orts typår genom att skala klar himmel med en faktor per månad?",
             ("Det ger för lite sol i juni",
              "Varje timme blir halvmulen: för mycket diffust ljus och för lite på lutande paneler",
              "Det går inte att räkna klar himmel i Norrbotten"), 1,
             "Verkliga månader blandar klara och mulna dagar. Generatorn behåller därför Luleås dag-för-dag-mönster "
             "och återger både instrålningen och andelen diffust ljus."),
    Question("Vad lånar de andra 13 kommunernas typår från Luleå?",
             ("Solens bana", "Molnigheten, temperaturen och snön", "Ingenting"), 1,
             "Solens bana och klar himmel räknas för orten; moln, temperatur och snö kommer från Luleå. Inlandets "
             "kallare vintrar syns därför inte."),
)
