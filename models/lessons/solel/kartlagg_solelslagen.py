"""Lesson "Kartlägg solelslägen": screen a kommun's buildings, rank them, export a shortlist.

The site list comes from the template (:mod:`models.data.sites_file`, illustrative buildings) or
the kommun's own file; each building's production per kWp is simulated at its tilt and azimuth in
its kommun, its load is its meter file or an illustrative profile scaled to its annual use. The
installed PV per kommun (Energimyndigheten 2022 via Newsworthy, ``data/solar_pv.csv``) and a county
scenario close the lesson.
"""
from __future__ import annotations

import tempfile
from functools import lru_cache
from pathlib import Path

from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.ticker import MaxNLocator
import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.export import write_xlsx
from models.common.formatting import fmt_number, fmt_pct
from models.common.live_figure import LiveFigure
from models.common.plotting import ACCENT, MAIN, MUTED, add_source, boxes_path, new_figure, swedish_axis
from models.common.selfcheck import Question
from models.common.widgets import slug
from models.data import meter_file, sites_file
from models.lessons.solel import egenanvandning as economy
from models.lessons.solel import platser
from models.solar import constants as C
from models.solar import economics as econ
from models.solar import pv
from models.solar import screening
from models.solar import selfconsumption as sc

EXPORT_NOTE = ("Underlag från kursmaterialet Stratus, kapitel Solel. Produktion: bokens modell med pvlib och typår; "
               "lastprofiler illustrativa om ingen timfil angetts; priser och antaganden på bladet Antaganden. "
               "Exempelbyggnaderna i bokens mall är illustrativa, inte verkliga byggnader.")


#: Site-list columns and their kinds (:func:`models.common.checks.table`); profile and meter file optional.
SITE_KINDS = {"building": "text", "roof_area_m2": "positive", "tilt": "number", "azimuth": "number",
              "annual_use_kwh": "positive"}
SITE_OPTIONAL = {"profile": "text", "meter_file": "text"}
#: Columns of a screening (:func:`screen`) that the tables and figures read.
SCREENED_KINDS = {"building": "text", "max_kwp": "non_negative", "kwp": "non_negative", "yield_kwh_per_kwp": "non_negative",
                  "production_kwh": "non_negative", "self_consumption": "non_negative", "lcoe_sek_per_kwh": "number",
                  "npv_sek": "number", "npv_per_sek": "number", "break_even_sek_per_kwp": "number", "rank": "integer",
                  "payback_years": "any"}


def _sites(sites) -> pd.DataFrame:
    """The site list checked cell by cell (Swedish errors naming the building)."""
    checked = checks.table(sites, SITE_KINDS, "sites", label="building", optional=SITE_OPTIONAL)
    if len(checked) > 500:
        raise ValueError(f"sites (byggnadslistan) har {len(checked)} byggnader; högst 500.")
    return checked


def _screened(screened) -> pd.DataFrame:
    """A screening from :func:`screen`, checked (payback: years ≥ 0 or None = never pays back)."""
    checked = checks.table(screened, SCREENED_KINDS, "screened", label="building")
    for value in checked["payback_years"]:
        if value is not None and not (checks.is_real(value) and 0 <= float(value) <= 1000):
            raise ValueError(f"screened: kolumnen payback_years måste vara år ≥ 0 eller tom (None = betalar sig aldrig), "
                             f"fick {checks.show(value)}.")
    return checked


def _payback(value) -> str:
    return "mer än livslängden" if value is None else fmt_number(value, 1)


def _rounded(value: float, step: float) -> float:
    return float(np.clip(round(value / step) * step, 0, 360))


def inputs(kommun: str, sites: pd.DataFrame, meters: dict | None = None) -> tuple[dict, dict]:
    """Production per kWp and load for every building (keys: the site table's index).

    Orientation is rounded to 1° for the cache; ``meters`` maps a site's ``meter_file`` name to
    a loaded hourly Series (:func:`models.lessons.solel.egenanvandning.meter_load`).
    """
    return _inputs(data.kommun_name(kommun), _sites(sites), meters)


def _inputs(name: str, sites: pd.DataFrame, meters: dict | None) -> tuple[dict, dict]:
    """:func:`inputs` for a site list already checked (:func:`_sites`)."""
    orientations, loads = _orientations_and_loads(sites, meters)
    return _production_by_site(name, orientations), loads


def _orientations_and_loads(sites: pd.DataFrame, meters: dict | None) -> tuple[dict, dict]:
    """Each building's (tilt, azimuth) rounded to 1° and its hourly load (the same in every kommun)."""
    meters = {} if meters is None else meters
    if not isinstance(meters, dict):
        raise checks.WrongType(f"meters måste vara en ordlista filnamn → timserie, fick {checks.show(meters)}.")
    orientations, loads = {}, {}
    index = platser.typical_year("Luleå").index
    for key, site in sites.iterrows():
        tilt, azimuth = float(site["tilt"]), float(site["azimuth"])
        if not (0 <= tilt <= 90 and 0 <= azimuth <= 360):
            raise ValueError(f"sites: byggnaden {checks.show(site['building'])} har lutning {tilt:g}° och riktning "
                             f"{azimuth:g}°; giltigt är lutning 0–90° och riktning 0–360°.")
        orientations[key] = (_rounded(tilt, 1), _rounded(azimuth, 1))
        meter_name = site.get("meter_file", "") or ""
        if meter_name and meter_name in meters:
            loads[key] = sc.check_load(meters[meter_name], index, meter_name)
        else:
            profile = site.get("profile", "kontor") or "kontor"
            loads[key] = economy.load(economy.Building(profile=profile, annual_kwh=float(site["annual_use_kwh"])))
    return orientations, loads


def _production_by_site(name: str, orientations: dict) -> dict:
    """Production per kWp in the kommun for each building's orientation (:func:`platser.productions`, cached)."""
    return dict(zip(orientations, platser.productions(name, list(orientations.values()))))


def template_meters() -> dict:
    """The template's meter file(s), by name (the illustrative school), cached on the file's version."""
    return dict(_template_meters(str(meter_file.TEMPLATE_CSV), meter_file.template_version(), platser.data_key()))


@lru_cache(maxsize=2)
def _template_meters(path: str, version: tuple, key: tuple) -> tuple:
    return ((Path(path).name, economy.meter_load(Path(path))),)


@lru_cache(maxsize=2)
def _template_sites(versions: tuple, key: tuple) -> tuple:
    """The template site list checked, its orientations and loads (the same in every kommun)."""
    sites = _sites(sites_file.template_sites())
    return (sites, *_orientations_and_loads(sites, template_meters()))


@lru_cache(maxsize=32)
def _template(name: str, versions: tuple, key: tuple) -> tuple:
    """The template site list checked, its production, loads and energy balances in the kommun (no prices)."""
    sites, orientations, loads = _template_sites(versions, key)
    production = _production_by_site(name, orientations)
    return sites, production, loads, screening.size_balances(sites, production, loads)


def screen(kommun: str = "Luleå", sites: pd.DataFrame | None = None, meters: dict | None = None,
           price_per_kwp: float = C.PRICE_SEK_PER_KWP_10KW_2025, prices: econ.Prices = economy.DEFAULT_PRICES
           ) -> pd.DataFrame:
    """Screen the site list (default: the book's illustrative template with its meter file)."""
    name = data.kommun_name(kommun)
    if sites is None and meters is None:   # the template's energy balances do not depend on the prices: kept per kommun
        sites, production, loads, balances = _template(name, (sites_file.template_version(), meter_file.template_version()),
                                                       platser.data_key())
    else:
        if sites is None:
            sites, meters = sites_file.template_sites(), (template_meters() if meters is None else meters)
        sites = _sites(sites)
        (production, loads), balances = _inputs(name, sites, meters), None
    result = screening.screen(sites, production, loads, prices, price_per_kwp, balances=balances)
    result["profile"] = sites["profile"].reindex(result.index) if "profile" in sites else "kontor"
    result["meter_file"] = sites["meter_file"].reindex(result.index) if "meter_file" in sites else ""
    return result


def ranking_table(screened: pd.DataFrame) -> pd.DataFrame:
    """The screening in Swedish, best first ("mer än livslängden": never pays back within the lifetime)."""
    screened = _screened(screened).sort_values("rank")
    out = pd.DataFrame({
        "Byggnad": screened["building"],
        "Största effekt (kWp)": [fmt_number(x) for x in screened["max_kwp"]],
        "Vald storlek (kWp)": [fmt_number(x) for x in screened["kwp"]],
        "kWh per kWp": [fmt_number(x) for x in screened["yield_kwh_per_kwp"]],
        "Produktion (kWh/år)": [fmt_number(x) for x in screened["production_kwh"]],
        "Egenanvändning": [fmt_pct(100 * x, 0) for x in screened["self_consumption"]],
        "LCOE (kr/kWh)": [fmt_number(x, 2) for x in screened["lcoe_sek_per_kwh"]],
        "Nuvärde (kr)": [fmt_number(x) for x in screened["npv_sek"]],
        "Återbetalning (år)": [_payback(x) for x in screened["payback_years"]],
        "Lönsam vid systempris under (kr/kWp)": [fmt_number(x, 0) for x in screened["break_even_sek_per_kwp"]],
    })
    out.index = pd.Index(screened["rank"].to_numpy(), name="Rang")
    return out


def export_tables(screened: pd.DataFrame, kommun: str, price_per_kwp: float,
                  prices: econ.Prices = economy.DEFAULT_PRICES, length: int = C.SHORTLIST_LENGTH) -> dict:
    """The sheets of the Excel export: shortlist, all buildings (numbers), assumptions.

    A building that never pays back has an empty payback cell in the numbers sheet.
    """
    screened = _screened(screened)
    name = data.kommun_name(kommun)
    price_per_kwp = checks.number_in_range(price_per_kwp, 0, 1e6, "price_per_kwp", "systempris", " kr/kWp")
    econ.check_prices(prices)
    short = screening.shortlist(screened, length)
    numbers = screened.rename(columns={
        "building": "Byggnad", "max_kwp": "Största effekt (kWp)", "kwp": "Vald storlek (kWp)",
        "yield_kwh_per_kwp": "Produktion per kWp (kWh/kWp)", "production_kwh": "Produktion (kWh/år)",
        "self_consumption": "Egenanvändning (andel)", "self_sufficiency": "Självförsörjning (andel)",
        "investment_sek": "Investering (kr)", "lcoe_sek_per_kwh": "LCOE (kr/kWh)", "npv_sek": "Nuvärde (kr)",
        "npv_per_sek": "Nuvärde per investerad krona", "payback_years": "Återbetalningstid (år)", "rank": "Rang",
        "break_even_sek_per_kwp": "Lönsam vid systempris under (kr/kWp)",
        "profile": "Lastprofil", "meter_file": "Timfil", "pays_back": "Betalar sig inom livslängden"})
    if "Betalar sig inom livslängden" in numbers:
        numbers["Betalar sig inom livslängden"] = np.where(numbers["Betalar sig inom livslängden"].astype(bool), "ja", "nej")
    assumptions = economy.assumptions_table(economy.Building(kommun=name, price_per_kwp=price_per_kwp,
                                                             prices=prices)).reset_index()
    shortlist_sheet = ranking_table(short).reset_index()
    shortlist_sheet["Lönsam med valda priser"] = np.where(short["profitable"].to_numpy(), "ja", "nej")
    return {"Kortlista": shortlist_sheet, "Alla byggnader": numbers.reset_index(drop=True), "Antaganden": assumptions}


def export_path(kommun: str) -> Path:
    """Where the lesson page writes its example export: the system's temporary folder, never the book's source."""
    return Path(tempfile.gettempdir()) / f"kortlista_solel_{slug(data.kommun_name(kommun))}.xlsx"


def export_xlsx(path, screened: pd.DataFrame, kommun: str, price_per_kwp: float,
                prices: econ.Prices = economy.DEFAULT_PRICES) -> Path:
    """Write the shortlist workbook (atomic) and return its path."""
    sheets = export_tables(screened, kommun, price_per_kwp, prices)
    return write_xlsx(path, sheets, notes={"Kortlista": EXPORT_NOTE})


# ----------------------------------------------------------------------------- installed PV and the county
def installed() -> pd.DataFrame:
    """Installed PV in 2022 per kommun (W per inhabitant and MW), Energimyndigheten via Newsworthy."""
    table = data.load("solar_pv")
    rows = table[(table["year"] == 2022) & table["kommun"].isin(data.KOMMUNER)]
    w = rows[rows["metric"] == C.SOLAR_PV_METRIC_W].groupby("kommun")["value"].first()
    return pd.DataFrame({"w_per_inhabitant": pd.to_numeric(w, errors="coerce")}).reindex(list(data.KOMMUNER))


def county_scenario(tilt: float = 45.0) -> pd.DataFrame:
    """Installed PV today and if every kommun reached the leading kommun's W per inhabitant.

    Production uses each kommun's modelled yield at ``tilt`` south. Population: SCB 2025-12-31
    (``data.kommun(k).population``); the W-per-inhabitant figures are for 2022, so the MW are
    approximate (computed). A kommun without a figure (Kiruna, confidential) has ``None`` today.
    """
    tilt = pv.check_tilt(tilt)
    w = installed()["w_per_inhabitant"]
    population = pd.Series({k: data.kommun(k).population for k in data.KOMMUNER})
    yields = pd.Series({k: platser.specific_yield(k, tilt) for k in data.KOMMUNER})
    return screening.county_scenario(w, population, yields)


def county_summary(tilt: float = 45.0) -> dict:
    s = county_scenario(tilt)
    leader = s.index[s["is_leader"]][0]
    known = s["w_per_inhabitant"].notna()
    return {"leader": leader, "leader_w": float(s.loc[leader, "w_per_inhabitant"]),
            "installed_mw": float(s.loc[known, "installed_mw"].astype(float).sum()),
            "scenario_mw": float(s["scenario_mw"].sum()),
            "production_gwh": float(s.loc[known, "production_gwh"].astype(float).sum()),
            "scenario_gwh": float(s["scenario_gwh"].sum()), "missing": list(s.index[~known])}


def county_table(tilt: float = 45.0) -> pd.DataFrame:
    s = county_scenario(tilt)
    s = s.loc[pd.to_numeric(s["w_per_inhabitant"]).sort_values(ascending=False, na_position="last").index]
    return pd.DataFrame({
        "W per invånare 2022": ["saknas" if pd.isna(x) else fmt_number(x) for x in s["w_per_inhabitant"]],
        "Installerat (MW, beräknat)": ["–" if pd.isna(x) else fmt_number(x, 1) for x in s["installed_mw"]],
        "Scenario (MW)": [fmt_number(x, 1) for x in s["scenario_mw"]],
        "Scenario (GWh/år)": [fmt_number(x, 1) for x in s["scenario_gwh"]],
    }, index=pd.Index(s.index, name="Kommun"))


def installed_figure(highlight: str = "Luleå"):
    w = installed()["w_per_inhabitant"].sort_values()
    name = data.kommun_name(highlight)
    fig, ax = new_figure(width=8, height=4.5)
    values = w.fillna(0)
    colours = [ACCENT if k == name else MAIN for k in values.index]
    bars = ax.barh(values.index, values.to_numpy(), color=colours)
    for bar, kommun in zip(bars, values.index):
        if kommun == name:
            bar.set_hatch("//")
        label = "saknas (sekretess)" if np.isnan(w[kommun]) else fmt_number(w[kommun])
        ax.text(bar.get_width() + 1, bar.get_y() + bar.get_height() / 2, label, va="center", fontsize=8)
    ax.axvline(53, color=MUTED, linestyle="--", linewidth=1)
    ax.text(54, 0.2, "länet 53 W", color=MUTED, fontsize=8)
    ax.set_xlabel("Installerad solcellseffekt 2022 (W per invånare)")
    ax.set_title("Installerad solel per invånare i Norrbottens kommuner 2022")
    swedish_axis(ax.xaxis)
    add_source(fig, "Energimyndighetens statistik över nätanslutna solcellsanläggningar, via Newsworthy (2022).")
    return fig


#: The shortlist chart's x axis [NPV per invested krona], widened only for a bar that needs it: −1,25 (worthless
#: electricity loses the investment and O&M, −1 − 1 % × Σ discount factors = −1,17) to 1 (a live update blits).
SHORTLIST_XLIM = (-1.25, 1.0)


def shortlist_figure(screened: pd.DataFrame):
    """The buildings ranked by NPV per invested krona (grey dotted = not profitable at the prices).

    A live explorer keeps one such figure and calls :func:`update_shortlist_figure` on each change.
    """
    s = _screened(screened)
    fig, ax = new_figure(width=8, height=4)
    ax.set_axisbelow(True)                     # grid lines behind the bars (a live update redraws only the bars)
    bars = ax.barh(np.arange(len(s)), np.ones(len(s)))
    # the unprofitable bars' dots: one patch over them (matplotlib renders a hatch anew per patch, 2 ms each)
    ax.add_patch(PathPatch(boxes_path([]), facecolor="none", linewidth=0, hatch="..",
                           edgecolor=bars[0].get_hatchcolor(), zorder=bars[0].get_zorder()))
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("Nuvärde per investerad krona (grå prickig = inte lönsam)")
    ax.set_title("Byggnaderna rangordnade")
    swedish_axis(ax.xaxis, decimals=1)
    ax.xaxis.set_major_locator(MaxNLocator(nbins=6, steps=[1, 2, 5, 10]))   # ticks on tenths, never at −1,25
    # the building names as texts where the y tick labels go (they change places; tick labels would not blit)
    ax.set_yticks(np.arange(len(s)), [""] * len(s))
    tick = ax.yaxis.get_major_ticks()[0].label1
    for i in range(len(s)):
        ax.text(0, i, "", transform=tick.get_transform(), ha=tick.get_ha(), va=tick.get_va(),
                fontproperties=tick.get_fontproperties(), color=tick.get_color())
    add_source(fig, "Bokens modell; exempelbyggnaderna är illustrativa.")
    update_shortlist_figure(fig, s)
    return fig


def update_shortlist_figure(fig, screened: pd.DataFrame):
    """Show another screening (same number of buildings) in a figure from :func:`shortlist_figure`, in place.

    Sets each bar's length and colour, the dots, the building names and the x-axis limits (:data:`SHORTLIST_XLIM`,
    widened in steps only for a bar that does not fit); no new figure, no new layout. Returns the artists that
    change in drawing order (bars, dots, zero line, spines, names), for an explorer that blits only those.
    """
    checks.instance(fig, Figure, "fig", "en figur från shortlist_figure()")
    s = _screened(screened).sort_values("rank", ascending=False)
    if (len(fig.axes) != 1 or len(fig.axes[0].containers) != 1 or len(fig.axes[0].containers[0]) != len(s)
            or len(fig.axes[0].texts) != len(s) or not isinstance(fig.axes[0].patches[-1], PathPatch)):
        raise ValueError(f"fig måste vara en figur från shortlist_figure() med {len(s)} byggnader.")
    ax = fig.axes[0]
    values = s["npv_per_sek"].to_numpy(dtype=float)
    for bar, value, npv in zip(ax.containers[0], values, s["npv_sek"].to_numpy(dtype=float)):
        bar.set_width(value)
        bar.set_facecolor(MAIN if npv > 0 else MUTED)
    dots = ax.patches[-1]
    dots.set_path(boxes_path([bar for bar, npv in zip(ax.containers[0], s["npv_sek"].to_numpy(dtype=float)) if npv <= 0]))
    for text, building in zip(ax.texts, s["building"]):
        text.set_text(building.replace("Exempel: ", ""))
    low, high = SHORTLIST_XLIM
    margin = 0.05 * (high - low)
    left, right = ax.get_xlim()
    if float(values.max()) + margin > high:       # steps (LiveFigure.steady_limit): kept while the bars fit
        high = LiveFigure.steady_limit(max(right, high), float(values.max()) + margin)
    if float(values.min()) - margin < low:
        low = -LiveFigure.steady_limit(max(-left, -low), margin - float(values.min()))
    ax.set_xlim(low, high)
    spines = [spine for spine in ax.spines.values() if spine.get_visible()]
    return sorted([*ax.containers[0], dots, *ax.lines, *spines, *ax.texts], key=lambda artist: artist.get_zorder())


# ----------------------------------------------------------------------------- static-site data
def site_grid(prices_per_kwp=(8_000, 10_000, 12_000, 15_000, 20_000)) -> pd.DataFrame:
    """Tidy grid kommun × system price × building → rank, NPV and size for the template site list."""
    prices_per_kwp = checks.number_list(prices_per_kwp, "prices_per_kwp", "systempriser i kr/kWp", 0, 1e6,
                                        max_length=10)
    frames = []
    meters = template_meters()
    for kommun in data.KOMMUNER:
        for price in prices_per_kwp:
            s = screen(kommun, sites_file.template_sites(), meters, price_per_kwp=price)
            frames.append(s[["building", "rank", "kwp", "production_kwh", "self_consumption", "npv_sek",
                             "lcoe_sek_per_kwh"]].assign(kommun=kommun, price_per_kwp=price))
    return pd.concat(frames, ignore_index=True)


QUESTIONS = (
    Question("Vilken byggnad hamnar troligen högst på kortlistan?",
             ("Den med störst tak", "Den som använder mycket el dagtid året runt och har ett tak mot söder",
              "Den med nordvänt tak"), 1,
             "Högt värde per kWh (egenanvändning) och hög produktion per kWp ger bäst nuvärde per krona."),
    Question("Vad betyder det att exempelbyggnaderna i mallen är illustrativa?",
             ("Att de är kommunens verkliga byggnader", "Att värdena är påhittade för att visa metoden",
              "Att de kommer från Energimyndigheten"), 1,
             "Byt ut dem mot kommunens egna byggnader och elanvändning innan resultatet används."),
    Question("Kiruna saknas i statistiken för installerad solel 2022. Varför?",
             ("Kiruna har inga solceller", "Uppgiften är sekretessbelagd i statistiken", "Kiruna ligger norr om polcirkeln"), 1,
             "Uppgiften saknas på grund av statistisk sekretess; boken fyller inte i den."),
)
