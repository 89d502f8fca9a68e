"""Lesson "Solcellsanläggningen": the pvlib chain, yield per kWp, tilt and azimuth, snow, cold.

The kommun's case from :mod:`models.lessons.solel.platser` and :mod:`models.solar.pv`, as Swedish
tables and figures. The explorer (:mod:`models.widgets.solel.solcellsanlaggningen`) calls the same
functions.
"""
from __future__ import annotations

import textwrap
from functools import lru_cache

from matplotlib.figure import Figure
from matplotlib.patches import Patch, PathPatch
import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.formatting import fmt_number, fmt_pct
from models.common.live_figure import LiveFigure
from models.common.plotting import ACCENT, MAIN, MUTED, add_source, boxes_path, new_figure, swedish_axis
from models.common.selfcheck import Question
from models.lessons.solel import platser
from models.solar import constants as C
from models.solar import pv

MAP_TILTS = tuple(range(0, 91, 5))
MAP_AZIMUTHS = tuple(range(0, 360, 15))
SNOW_TILTS = (0, 10, 20, 30, 40, 50, 60, 70, 90)
#: Keys of :func:`summary` (a fact box is built only from a whole summary).
SUMMARY_KEYS = frozenset({"kommun", "tilt", "azimuth", "yield_kwh_per_kwp", "optimal_tilt", "optimal_yield_kwh_per_kwp",
                          "share_of_optimum", "snow_loss_pct", "temperature_gain_pct", "poa_kwh_m2", "best_month",
                          "december_kwh_per_kwp", "generated"})


def _name(kommun) -> str:
    return data.kommun_name(kommun)


# ----------------------------------------------------------------------------- the chain
#: The chain's columns summed per month by :func:`_case` (kWh/m² × 1000 or kWh per kWp).
_SUMS = ("poa_global", "dc_kw", "dc_after_losses_kw", "ac_kw")


@lru_cache(maxsize=4096)
def _case(name: str, tilt: float, azimuth: float, key: tuple) -> tuple[np.ndarray, np.ndarray]:
    """Monthly sums (12 × :data:`_SUMS`) of the chain with and without snow for one orientation (1 kWp), cached.

    Small arrays, so every orientation of the explorer (14 kommuner × 247 orientations) fits the cache.
    """
    site = platser.site(name)
    month = _months(name, key)
    return tuple(np.column_stack([np.bincount(month, weights=steps[c].to_numpy(), minlength=13)[1:] for c in _SUMS])
                 for steps in pv.chain_pair(site, tilt, azimuth, 1.0))


@lru_cache(maxsize=32)
def _months(name: str, key: tuple) -> np.ndarray:
    """Month (1–12, local time) of every hour of the kommun's typical year, cached."""
    return platser.site(name).index.month.to_numpy()


@lru_cache(maxsize=32)
def _ghi_kwh_m2(name: str, key: tuple) -> float:
    return float(platser.site(name).weather["ghi"].sum() / 1000.0)


def _chains(kommun, tilt, azimuth) -> tuple[np.ndarray, np.ndarray]:
    return _case(_name(kommun), pv.check_tilt(tilt), pv.check_azimuth(azimuth), platser.data_key())


def chain_summary(kommun: str, tilt=45.0, azimuth=180.0, snow: bool = True) -> dict:
    """Annual sums along the chain for 1 kWp: irradiation [kWh/m²] and energy [kWh/kWp]."""
    snow = checks.flag(snow, "snow", "räkna med snö")
    name = _name(kommun)
    with_snow, without = _chains(name, tilt, azimuth)
    steps = with_snow if snow else without
    poa, dc_month, after_snow, ac = steps.sum(axis=0)
    stc = poa / 1000.0                                       # DC at 25 °C cell temperature, 1 kWp
    dc = dc_month
    march_poa, march_dc = steps[2, 0] / 1000.0, steps[2, 1]
    march_gain = 100.0 * (march_dc / march_poa - 1.0) if march_poa > 0 else 0.0
    after_losses = dc * (1.0 - pv.loss_fraction())
    return {"ghi_kwh_m2": _ghi_kwh_m2(name, platser.data_key()), "poa_kwh_m2": float(stc),
            "dc_at_25c_kwh": float(stc), "dc_kwh": float(dc),
            "temperature_gain_pct": float(100.0 * (dc / stc - 1.0)) if stc > 0 else 0.0,
            "temperature_gain_march_pct": float(march_gain),
            "after_losses_kwh": float(after_losses), "after_snow_kwh": float(after_snow),
            "ac_kwh": float(ac), "loss_pct": 100.0 * pv.loss_fraction(),
            "snow_loss_pct": float(100.0 * (1.0 - after_snow / after_losses)) if after_losses else 0.0}


def chain_table(kommun: str, tilt=45.0, azimuth=180.0) -> pd.DataFrame:
    """The chain step by step for 1 kWp, in Swedish."""
    s = chain_summary(kommun, tilt, azimuth)
    rows = [
        ("1. Solinstrålning mot vågrät yta", f"{fmt_number(s['ghi_kwh_m2'])} kWh/m²", "typåret"),
        ("2. Instrålning mot panelen", f"{fmt_number(s['poa_kwh_m2'])} kWh/m²",
         f"lutning {fmt_number(tilt)}°, riktning {fmt_number(azimuth)}°; direkt, diffust och reflekterat ljus"),
        ("3. Likström om cellerna höll 25 °C", f"{fmt_number(s['dc_at_25c_kwh'])} kWh/kWp", "1 kWp ger 1 kW vid 1 000 W/m²"),
        ("4. Likström med cellernas temperatur", f"{fmt_number(s['dc_kwh'])} kWh/kWp",
         f"kyla ger {fmt_pct(s['temperature_gain_pct'], 1, signed=True)}"),
        ("5. Efter systemförluster", f"{fmt_number(s['after_losses_kwh'])} kWh/kWp",
         f"smuts, skugga, kablar m.m.: {fmt_pct(s['loss_pct'], 1)}"),
        ("6. Efter snö", f"{fmt_number(s['after_snow_kwh'])} kWh/kWp", f"snöförlust {fmt_pct(s['snow_loss_pct'], 1)}"),
        ("7. Växelström ut på nätet", f"{fmt_number(s['ac_kwh'])} kWh/kWp", "växelriktarens verkningsgrad 96 %"),
    ]
    return pd.DataFrame([(v, note) for _, v, note in rows], columns=["Per år", "Kommentar"],
                        index=pd.Index([r[0] for r in rows], name=_name(kommun)))


def monthly(kommun: str, tilt=45.0, azimuth=180.0) -> pd.DataFrame:
    """Monthly yield [kWh/kWp] with and without snow, and the snow loss [%]."""
    with_snow, without = (c[:, 3] for c in _chains(kommun, tilt, azimuth))
    loss = 100.0 * (1 - with_snow / np.where(without > 0, without, 1.0))
    return pd.DataFrame({"yield_kwh_per_kwp": with_snow, "no_snow_kwh_per_kwp": without,
                         "snow_loss_pct": np.where(without > 0, loss, 0.0)}, index=pd.RangeIndex(1, 13, name="month"))


def monthly_table(kommun: str, tilt=45.0, azimuth=180.0) -> pd.DataFrame:
    m = monthly(kommun, tilt, azimuth)
    table = pd.DataFrame({"Med snö (kWh/kWp)": m["yield_kwh_per_kwp"].to_numpy(),
                          "Utan snö (kWh/kWp)": m["no_snow_kwh_per_kwp"].to_numpy()},
                         index=pd.Index(C.MONTHS_SV, name="Månad"))
    table.loc["År"] = table.sum()
    out = table.map(lambda x: fmt_number(x, 0))
    loss = 100 * (1 - table["Med snö (kWh/kWp)"] / table["Utan snö (kWh/kWp)"].replace(0, np.nan))
    out["Snöförlust"] = [fmt_pct(x, 0) if pd.notna(x) and x > 0.5 else "–" for x in loss]
    return out


# ----------------------------------------------------------------------------- orientation
@lru_cache(maxsize=32)
def _map(name: str, snow: bool, key: tuple) -> pd.DataFrame:
    return pv.orientation_map(platser.site(name), MAP_TILTS, MAP_AZIMUTHS, snow=snow)


def orientation_map(kommun: str, snow: bool = True) -> pd.DataFrame:
    """Annual yield [kWh/kWp] for tilt 0–90° (5° steps) × azimuth 0–345° (15° steps), cached."""
    return _map(_name(kommun), checks.flag(snow, "snow", "räkna med snö"), platser.data_key()).copy()


def summary(kommun: str, tilt=45.0, azimuth=180.0, snow: bool = True) -> dict:
    """Key numbers for glue and the explorer (cached per kommun, orientation and snow)."""
    name = _name(kommun)
    snow = checks.flag(snow, "snow", "räkna med snö")
    return dict(_summary(name, pv.check_tilt(tilt), pv.check_azimuth(azimuth), snow, platser.data_key()))


@lru_cache(maxsize=4096)
def _summary(name: str, tilt: float, azimuth: float, snow: bool, key: tuple) -> dict:
    best_tilt = platser.optimal_tilt(name)
    best = float(_chains(name, best_tilt, 180.0)[0][:, 3].sum())
    chain = chain_summary(name, tilt, azimuth, snow)
    here = chain["ac_kwh"]
    m = monthly(name, tilt, azimuth)
    return {"kommun": name, "tilt": float(tilt), "azimuth": float(azimuth), "yield_kwh_per_kwp": here,
            "optimal_tilt": best_tilt, "optimal_yield_kwh_per_kwp": best, "share_of_optimum": here / best,
            "snow_loss_pct": chain["snow_loss_pct"], "temperature_gain_pct": chain["temperature_gain_pct"],
            "poa_kwh_m2": chain["poa_kwh_m2"], "best_month": int(m["yield_kwh_per_kwp"].idxmax()),
            "december_kwh_per_kwp": float(m.loc[12, "yield_kwh_per_kwp"]),
            "generated": platser.is_generated(name)}


def fact_table(kommun: str, tilt=45.0, azimuth=180.0, snow: bool = True, summary_: dict | None = None) -> pd.DataFrame:
    """The explorer's fact box (``summary_``: a :func:`summary` already computed for the same controls)."""
    snow = checks.flag(snow, "snow", "räkna med snö")
    if summary_ is None:
        s = summary(kommun, tilt, azimuth, snow)
    else:
        s = checks.instance(summary_, dict, "summary_", "en sammanfattning från summary()")
        if set(s) != SUMMARY_KEYS:
            raise ValueError("summary_ måste vara en sammanfattning från summary() för samma kommun och läge.")
    rows = {
        "Årsproduktion": f"{fmt_number(s['yield_kwh_per_kwp'])} kWh per kWp",
        "Bästa lutning mot söder": f"{fmt_number(s['optimal_tilt'])}° ({fmt_number(s['optimal_yield_kwh_per_kwp'])} kWh/kWp)",
        "Jämfört med bästa läget": fmt_pct(100 * s["share_of_optimum"], 0),
        "Snöförlust över året": fmt_pct(s["snow_loss_pct"], 1) if snow else "ej räknad",
        "Tillskott av kyla (mot 25 °C)": fmt_pct(s["temperature_gain_pct"], 1, signed=True),
        "Bästa månad": C.MONTHS_SV[s["best_month"] - 1],
        "Typår": "modell (bokens generator)" if s["generated"] else "typårsfil för Luleå flygplats",
    }
    return pd.DataFrame({"Värde": list(rows.values())}, index=pd.Index(list(rows), name=s["kommun"]))


def snow_table(kommun: str) -> pd.DataFrame:
    """Annual snow loss [%] and yield for south-facing panels at several tilts."""
    site = platser.site(kommun)
    rows = []
    for tilt in SNOW_TILTS:
        a, b = pv.specific_yield(site, tilt, 180, snow=True), pv.specific_yield(site, tilt, 180, snow=False)
        rows.append((f"{tilt}°", fmt_number(b), fmt_number(a), fmt_pct(100 * (1 - a / b), 0)))
    return pd.DataFrame(rows, columns=["Lutning", "Utan snö (kWh/kWp)", "Med snö (kWh/kWp)", "Snöförlust"]).set_index(
        "Lutning")


def warm_optimal_tilts() -> dict[str, float]:
    """Every kommun's best south tilt [°], searched once with its chain (cached) as :func:`summary` needs them:
    an explorer calls this on opening, so a first look at a kommun does not search its best tilt."""
    tilts = {kommun: platser.optimal_tilt(kommun) for kommun in data.KOMMUNER}
    for kommun, tilt in tilts.items():
        _chains(kommun, tilt, 180.0)
    return tilts


def county_yields() -> pd.DataFrame:
    """Every kommun: optimum tilt and yield (south), and the yield at 30° and 45° (model outputs), cached."""
    return _county_yields(platser.data_key()).copy()


@lru_cache(maxsize=2)
def _county_yields(key: tuple) -> pd.DataFrame:
    def annual(kommun: str, tilt: float) -> float:   # = platser.specific_yield(kommun, tilt), from the cached sums
        return float(_case(kommun, float(tilt), 180.0, key)[0][:, 3].sum())

    rows = []
    for kommun in data.KOMMUNER:
        best = platser.optimal_tilt(kommun)
        rows.append({"kommun": kommun, "latitude": platser.coordinates(kommun)[0], "optimal_tilt": best,
                     "optimal_yield": annual(kommun, best), "yield_30": annual(kommun, 30),
                     "yield_45": annual(kommun, 45), "generated": platser.is_generated(kommun)})
    return pd.DataFrame(rows).set_index("kommun").sort_values("latitude")


def comparison_table() -> pd.DataFrame:
    """Our model's Luleå yield next to the published figures (Stridh & Hedström 2011)."""
    lulea = county_yields().loc["Luleå"]
    rows = [("Luleå – bokens modell (typårsfil, snö modellerad)", fmt_number(lulea["optimal_yield"]),
             f"söder, {fmt_number(lulea['optimal_tilt'])}°, pvlib")]
    rows += [(f"{place} – publicerad simulering", fmt_number(value), C.PUBLISHED_YIELD_SOURCE)
             for place, value in C.PUBLISHED_YIELD_KWH_PER_KWP.items()]
    low, high = C.SWEDISH_MEASURED_RANGE_2014
    rows.append(("Sverige 2014 – uppmätt, 230 anläggningar", f"{fmt_number(low)}–{fmt_number(high)}",
                 "Stridh 2015"))
    return pd.DataFrame(rows, columns=["", "kWh per kWp och år", "Källa"]).set_index("")


# ----------------------------------------------------------------------------- figures
def monthly_figure(kommun: str, tilt=45.0, azimuth=180.0, source: bool = True):
    """Monthly yield per kWp with and without snow (the lesson's static figure).

    A live explorer keeps one such figure and calls :func:`update_monthly_figure` on each control
    change instead of drawing a new one; ``source=False`` leaves the source note
    (:func:`monthly_source`) for the explorer to show under the chart.
    """
    source = checks.flag(source, "source", "källhänvisning i figuren")
    name = _name(kommun)
    m = monthly(name, tilt, azimuth)
    fig, ax = new_figure(width=8, height=4)
    ax.set_axisbelow(True)                     # grid lines behind the bars (a live update redraws only the bars)
    x = np.arange(12)
    ax.bar(x, m["no_snow_kwh_per_kwp"], width=0.7, color="white", edgecolor=MUTED)
    # their hatching: one patch over the twelve bars (matplotlib renders a hatch anew for each patch)
    ax.add_patch(PathPatch(boxes_path([]), facecolor="none", edgecolor=MUTED, linewidth=0, hatch="//"))
    snow = ax.bar(x, m["yield_kwh_per_kwp"], width=0.45, color=MAIN, label="Med snö (Marions modell)")
    ax.set_xticks(x, C.MONTHS_SV)
    ax.grid(False, axis="x")                   # no lines through the bars; the months are labelled
    ax.set_ylabel("Produktion (kWh per kWp)")
    ax.set_title(_monthly_title(name, tilt, azimuth))
    swedish_axis(ax.yaxis)
    ax.legend(handles=[Patch(facecolor="white", edgecolor=MUTED, hatch="//", label="Utan snö"), snow],
              loc="upper right")
    _hatch_no_snow(ax)
    if source:
        add_source(fig, textwrap.fill(monthly_source(name), 140))
    return fig


def _hatch_no_snow(ax) -> None:
    """The hatching patch over the bars without snow, on their current heights."""
    bars = ax.containers[0]
    ax.patches[len(bars)].set_path(boxes_path(bars))


def _monthly_title(name: str, tilt, azimuth) -> str:
    return f"{name}: lutning {fmt_number(tilt)}°, riktning {fmt_number(azimuth)}°"


def monthly_source(kommun: str) -> str:
    """The source note of :func:`monthly_figure` for the kommun."""
    return platser.source_note(_name(kommun)) + " Produktion: bokens modell med pvlib."


def update_monthly_figure(fig, kommun: str, tilt=45.0, azimuth=180.0):
    """Show another kommun or orientation in a figure from :func:`monthly_figure`, in place.

    Sets the 24 bar heights and the hatching, the title, the source note (if the figure has one) and the y-axis
    limit (kept while the bars fit and fill a third of it: ``LiveFigure.steady_limit``); no new
    figure, no new layout. Returns the artists that change, in drawing order (bars,
    hatching, spines, title, legend), for an explorer that redraws only those (blitting).
    """
    checks.instance(fig, Figure, "fig", "en figur från monthly_figure()")
    axes = fig.axes
    if (len(axes) != 1 or len(axes[0].containers) != 2 or any(len(c) != 12 for c in axes[0].containers)
            or len(axes[0].patches) != 25):
        raise ValueError("fig måste vara en figur från monthly_figure() (två stapelserier med tolv månader).")
    name = _name(kommun)
    tilt, azimuth = pv.check_tilt(tilt), pv.check_azimuth(azimuth)
    m = monthly(name, tilt, azimuth)
    ax = axes[0]
    for container, column in zip(ax.containers, ("no_snow_kwh_per_kwp", "yield_kwh_per_kwp")):
        for bar, height in zip(container, m[column].to_numpy()):
            bar.set_height(height)
    _hatch_no_snow(ax)
    needed = max(1.0, 1.05 * float(m[["no_snow_kwh_per_kwp", "yield_kwh_per_kwp"]].to_numpy().max()))
    ax.set_ylim(0, LiveFigure.steady_limit(ax.get_ylim()[1], needed))   # the scale steps, it does not jump
    ax.set_title(_monthly_title(name, tilt, azimuth))
    if fig.texts:
        fig.texts[-1].set_text(textwrap.fill(monthly_source(name), 140))
    spines = [spine for spine in ax.spines.values() if spine.get_visible()]
    changed = [*ax.containers[0], ax.patches[12], *ax.containers[1], *spines, ax.title, ax.get_legend()]
    return sorted(changed, key=lambda artist: artist.get_zorder())


def map_figure(kommun: str, snow: bool = True):
    """Heat map of annual yield over tilt and azimuth, with the optimum marked."""
    name = _name(kommun)
    grid = orientation_map(name, snow)
    table = grid.pivot(index="tilt", columns="azimuth", values="yield_kwh_per_kwp")
    table = table.loc[:, [a for a in table.columns if 60 <= a <= 300]]
    fig, ax = new_figure(width=8, height=4.5)
    mesh = ax.pcolormesh(table.columns, table.index, table.to_numpy(), cmap="cividis", shading="nearest")
    levels = np.arange(300, 1100, 100)
    contours = ax.contour(table.columns, table.index, table.to_numpy(), levels=levels, colors="white", linewidths=0.8)
    ax.clabel(contours, fmt=lambda v: fmt_number(v), fontsize=8)
    best = grid.loc[grid["yield_kwh_per_kwp"].idxmax()]
    ax.plot(best["azimuth"], best["tilt"], marker="*", markersize=14, color=ACCENT, markeredgecolor="black",
            label=f"Bäst: {fmt_number(best['tilt'])}°, {fmt_number(best['azimuth'])}° ({fmt_number(best['yield_kwh_per_kwp'])} kWh/kWp)")
    ax.set_xticks([90, 135, 180, 225, 270], ["öster 90°", "135°", "söder 180°", "225°", "väster 270°"])
    ax.set_ylabel("Lutning (grader)")
    ax.set_xlabel("Riktning")
    ax.set_title(f"Årsproduktion per kWp i {name}" + (" (med snö)" if snow else " (utan snö)"))
    cbar = fig.colorbar(mesh, ax=ax)
    cbar.set_label("kWh per kWp och år")
    ax.legend(loc="lower right")
    add_source(fig, platser.source_note(name) + " Bokens modell med pvlib.")
    return fig


def tilt_figure(kommuner=("Luleå", "Kiruna")):
    """Annual yield against tilt (south) with and without snow, for a few kommuner."""
    kommuner = platser.kommun_names(kommuner, maximum=3)
    fig, ax = new_figure(width=8, height=4)
    styles = [(MAIN, "o"), (ACCENT, "s"), (MUTED, "^")]
    for i, kommun in enumerate(kommuner):
        colour, marker = styles[i % 3]
        south = orientation_map(kommun, True)
        south = south[south["azimuth"] == 180]
        bare = orientation_map(kommun, False)
        bare = bare[bare["azimuth"] == 180]
        ax.plot(south["tilt"], south["yield_kwh_per_kwp"], color=colour, marker=marker, label=f"{_name(kommun)}, med snö")
        ax.plot(bare["tilt"], bare["yield_kwh_per_kwp"], color=colour, linestyle=":", label=f"{_name(kommun)}, utan snö")
    low, high = C.RECOMMENDED_TILT_DEG
    ax.axvspan(low, high, color=MUTED, alpha=0.15, label="Luleå kommuns råd: 30–50°")
    ax.set_xlabel("Lutning mot söder (grader)")
    ax.set_ylabel("kWh per kWp och år")
    ax.set_title("Årsproduktion och lutning")
    swedish_axis(ax.yaxis)
    ax.legend(loc="lower center", fontsize=8, ncols=2)
    add_source(fig, "Bokens modell med pvlib; Luleå: typårsfil, Kiruna: bokens typår.")
    return fig


# ----------------------------------------------------------------------------- static-site data
SITE_TILTS = tuple(range(0, 91, 10))
SITE_AZIMUTHS = tuple(range(90, 271, 30))


@lru_cache(maxsize=4)
def _site_grid(key: tuple) -> pd.DataFrame:
    frames = []
    for kommun in data.KOMMUNER:
        for snow in (True, False):
            grid = pv.orientation_map(platser.site(kommun), SITE_TILTS, SITE_AZIMUTHS, snow=snow)
            frames.append(grid.assign(kommun=kommun, snow="med" if snow else "utan"))
    return pd.concat(frames, ignore_index=True)[["kommun", "snow", "tilt", "azimuth", "yield_kwh_per_kwp"]]


def site_grid() -> pd.DataFrame:
    """Tidy grid kommun × snow ("med"/"utan") × tilt (10° steps) × azimuth (90–270°, 30° steps) → annual yield."""
    return _site_grid(platser.data_key()).copy()


QUESTIONS = (
    Question("Varför ger en panel mer el en kall och klar vårdag än en varm sommardag med samma sol?",
             ("Snön smälter", "Solceller ger mer el ju kallare de är", "Växelriktaren går bättre i kyla"), 1,
             "Effekten sjunker med cirka 0,4 % per grad över 25 °C och ökar lika mycket under; kyla ger ett tillskott."),
    Question("Vilken lutning ger mest el över året i Norrbotten?",
             ("Flacka paneler, 10–20°", "Branta paneler, cirka 45–50°", "Lodräta paneler, 90°"), 1,
             "Solen står lågt och snön glider av branta paneler; bokens modell och Luleå kommuns råd (30–50°) pekar åt samma håll."),
    Question("Vad gör pvlib:s förlustfunktion för PVWatts med snö om man inte anger något?",
             ("Räknar med 5 % snöförlust", "Räknar med 0 % snöförlust", "Vägrar räkna"), 1,
             "Standardvärdet är 0 %; i Norrbotten måste snön modelleras eller anges, annars blir vintern för bra."),
    Question("Bokens modell ger mer el för Luleå än den publicerade siffran 880 kWh/kWp. Vad är en rimlig förklaring?",
             ("Modellen är fel och ska inte användas",
              "Olika väderdata, antaganden om förluster och moduler – båda är modeller",
              "Luleå har blivit soligare"), 1,
             "Siffran 880 kommer från en simulering från 2011 med andra data och antaganden. Jämför alltid hur siffror tagits fram."),
)
