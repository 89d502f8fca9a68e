"""Lesson "Egenanvändning och lönsamhet": production against a building's load, value and economics.

A building's hourly load is an illustrative profile (:data:`models.solar.selfconsumption.PROFILES`,
built from stated assumptions) scaled to its annual use, or its own meter data
(:mod:`models.data.meter_file`). Production comes from :mod:`models.lessons.solel.platser`.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass, replace
from functools import lru_cache

from matplotlib.figure import Figure
import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.formatting import fmt_number, fmt_pct
from models.common.live_figure import LiveFigure
from models.common.plotting import ACCENT, MAIN, MUTED, add_source, new_figure, swedish_axis
from models.common.selfcheck import Question
from models.data import meter_file
from models.lessons.solel import platser
from models.solar import constants as C
from models.solar import economics as econ
from models.solar import pv
from models.solar import screening
from models.solar import selfconsumption as sc

PROFILE_LABELS = {p.label: key for key, p in sc.PROFILES.items()}
DEFAULT_PRICES = econ.Prices()


@dataclass(frozen=True)
class Building:
    """The example building of the lesson (illustrative values, stated in the lesson)."""

    kommun: str = "Luleå"
    profile: str = "skola"
    annual_kwh: float = 250_000.0
    kwp: float = 50.0
    tilt: float = 30.0
    azimuth: float = 180.0
    price_per_kwp: float = C.PRICE_SEK_PER_KWP_10KW_2025
    prices: econ.Prices = DEFAULT_PRICES
    rate: float = C.DISCOUNT_RATE
    lifetime: int = C.LIFETIME_YEARS
    degradation: float = C.DEGRADATION_PER_YEAR
    om_share: float = C.OM_SHARE_PER_YEAR

    def __post_init__(self):
        """Check every field (Swedish errors), so a Building is always valid (the kommun is looked up on use)."""
        fix = object.__setattr__
        fix(self, "kommun", checks.text(self.kommun, "kommun", "kommunens namn", max_length=100))
        fix(self, "profile", sc.profile_key(self.profile))
        fix(self, "annual_kwh", checks.positive(self.annual_kwh, "annual_kwh", "årlig elanvändning i kWh", high=1e9))
        fix(self, "kwp", pv.check_kwp(self.kwp))
        fix(self, "tilt", pv.check_tilt(self.tilt))
        fix(self, "azimuth", pv.check_azimuth(self.azimuth))
        fix(self, "price_per_kwp", checks.number_in_range(self.price_per_kwp, 0, 1e6, "price_per_kwp",
                                                          "systempris", " kr/kWp"))
        econ.check_prices(self.prices)
        fix(self, "rate", checks.number_in_range(self.rate, 0, 0.5, "rate", "kalkylränta (andel, t.ex. 0.03 för 3 %)"))
        fix(self, "lifetime", checks.count(self.lifetime, "lifetime", "livslängd i år", maximum=60))
        fix(self, "degradation", checks.number_in_range(self.degradation, 0, 0.1, "degradation",
                                                        "årlig försämring (andel, t.ex. 0.005)"))
        fix(self, "om_share", checks.number_in_range(self.om_share, 0, 0.2, "om_share",
                                                     "drift och underhåll per år (andel av investeringen)"))


def _building(building) -> Building:
    return checks.instance(building, Building, "building", "en byggnad från lektionen")


def production_per_kwp(kommun: str, tilt=30.0, azimuth=180.0) -> pd.Series:
    """Hourly AC energy of 1 kWp [kWh], cached per kommun and orientation (:func:`platser.productions`)."""
    return platser.productions(kommun, [(pv.check_tilt(tilt), pv.check_azimuth(azimuth))])[0]


@lru_cache(maxsize=64)
def _load(profile: str, annual_kwh: float, key: tuple) -> pd.Series:
    return sc.load_profile(profile, annual_kwh, platser.typical_year("Luleå").index)


def load(building: Building, meter: pd.Series | None = None) -> pd.Series:
    """The building's hourly load [kWh]: its meter data if given, else the scaled illustrative profile."""
    building = _building(building)
    if meter is not None:
        return sc.check_load(meter, platser.typical_year("Luleå").index, "meter")
    return _load(sc.profile_key(building.profile), float(building.annual_kwh), platser.data_key())


def meter_load(source, filename: str | None = None) -> pd.Series:
    """A grid company's hourly meter file placed on the typical year's hours [kWh]."""
    table = meter_file.read_meter(source, filename)
    return meter_file.to_typical_year(table, platser.typical_year("Luleå").index, filename or "timfilen")


def case(building: Building = Building(), meter: pd.Series | None = None) -> dict:
    """Energy balance and economics of one building with one system size.

    ``payback_years`` is ``None`` when the system never pays back within its lifetime (shown as
    "mer än livslängden"), never ``inf``; ``pays_back`` says the same as True/False.
    """
    building = _building(building)
    per_kwp = production_per_kwp(building.kommun, building.tilt, building.azimuth)
    demand = load(building, meter)
    production = per_kwp * building.kwp
    balance = sc.balance(production, demand)
    invest = econ.investment(building.kwp, building.price_per_kwp)
    value = econ.annual_value(balance["self_used_kwh"], balance["exported_kwh"], building.prices,
                              bought_kwh=balance["bought_kwh"])
    om = invest * building.om_share
    return {**balance, "kwp": building.kwp, "yield_kwh_per_kwp": float(per_kwp.sum()), "investment_sek": invest,
            "value_sek_per_year": value, "om_sek_per_year": om,
            "value_self_used_sek_per_kwh": building.prices.self_used,
            "value_exported_sek_per_kwh": building.prices.exported,
            "lcoe_sek_per_kwh": econ.lcoe(invest, balance["production_kwh"], om, building.rate, building.lifetime,
                                          building.degradation),
            "npv_sek": econ.npv(invest, value, om, building.rate, building.lifetime, building.degradation),
            "payback_years": (payback := econ.payback_years(invest, value, om, building.lifetime,
                                                             building.degradation)),
            "pays_back": payback is not None,
            "break_even_sek_per_kwp": econ.break_even_price_per_kwp(building.kwp, value, building.om_share,
                                                                    building.rate, building.lifetime,
                                                                    building.degradation)}


def sizes(building: Building = Building(), meter: pd.Series | None = None, max_kwp: float | None = None,
          steps: int = 40) -> pd.DataFrame:
    """Balance and economics for sizes up to ``max_kwp`` (default: the size whose production equals the use)."""
    building = _building(building)
    per_kwp = production_per_kwp(building.kommun, building.tilt, building.azimuth)
    demand = load(building, meter)
    top = (pv.check_kwp(max_kwp) if max_kwp is not None
           else min(float(demand.sum() / per_kwp.sum()), 100_000.0))
    return screening.size_table(per_kwp, demand, top, building.prices, building.price_per_kwp, building.om_share,
                                building.rate, building.lifetime, building.degradation, steps)


def best_size(building: Building = Building(), meter: pd.Series | None = None) -> pd.Series:
    """The row of :func:`sizes` with the highest NPV."""
    table = sizes(building, meter)
    return table.loc[table["npv_sek"].idxmax()]


# ----------------------------------------------------------------------------- tables
def case_table(building: Building = Building(), meter: pd.Series | None = None) -> pd.DataFrame:
    c = case(building, meter)
    rows = {
        "Anläggning": f"{fmt_number(c['kwp'])} kWp, {fmt_number(building.tilt)}° mot {fmt_number(building.azimuth)}°",
        "Produktion per år": f"{fmt_number(c['production_kwh'])} kWh",
        "Byggnadens elanvändning per år": f"{fmt_number(c['load_kwh'])} kWh",
        "Egenanvänd solel": f"{fmt_number(c['self_used_kwh'])} kWh",
        "Såld solel (överskott)": f"{fmt_number(c['exported_kwh'])} kWh",
        "Egenanvändning (andel av produktionen)": fmt_pct(100 * c["self_consumption"], 0),
        "Självförsörjningsgrad (andel av elanvändningen)": fmt_pct(100 * c["self_sufficiency"], 0),
        "Värde egenanvänd kWh": f"{fmt_number(c['value_self_used_sek_per_kwh'], 2)} kr",
        "Värde såld kWh": f"{fmt_number(c['value_exported_sek_per_kwh'], 2)} kr",
        "Elens värde per år": f"{fmt_number(c['value_sek_per_year'])} kr",
        "Investering": f"{fmt_number(c['investment_sek'])} kr",
        "Produktionskostnad (LCOE)": f"{fmt_number(c['lcoe_sek_per_kwh'], 2)} kr/kWh",
        "Nuvärde (NPV)": f"{fmt_number(c['npv_sek'])} kr",
        "Återbetalningstid": econ.payback_text(c["payback_years"]),
        "Systempris där nuvärdet blir noll": f"{fmt_number(c['break_even_sek_per_kwp'])} kr/kWp",
    }
    return pd.DataFrame({"Värde": list(rows.values())}, index=pd.Index(list(rows), name=data.kommun_name(building.kommun)))


def assumptions_table(building: Building = Building()) -> pd.DataFrame:
    """The economic inputs with their sources."""
    p = _building(building).prices
    rows = [
        ("Spotpris SE1", f"{fmt_number(p.spot, 3)} kr/kWh", "årsmedel 2023, Nord Pool via elpriser24.se"),
        ("Energiskatt som undviks", f"{fmt_number(p.energy_tax, 3)} kr/kWh",
         "2023 års allmänna nivå (Luleå Energi) minus 2017 års nedsättning för Norrbotten (Jönköping Energi); "
         "den aktuella nedsättningen saknas i underlaget"),
        ("Elnätets rörliga avgift", f"{fmt_number(p.grid_fee, 3)} kr/kWh", "saknas i underlaget – fyll i från nätägarens tariff"),
        ("Nätnytta per såld kWh", f"{fmt_number(p.grid_benefit, 3)} kr/kWh", "saknas för Norrbottens nätbolag – fråga nätägaren"),
        ("Skattereduktion per såld kWh", f"{fmt_number(p.tax_reduction, 2)} kr/kWh",
         "60 öre enligt Skatteverket; föreslås upphöra 1 januari 2026 (prop. 2024/25:109)"),
        ("Systempris", f"{fmt_number(building.price_per_kwp)} kr/kWp",
         "10 kW-anläggning 2025, inkl. moms (Solenergiguiden); större anläggningar kan vara billigare"),
        ("Kalkylränta (real)", fmt_pct(100 * building.rate, 1), "antagande – använd kommunens kalkylränta"),
        ("Livslängd", f"{building.lifetime} år", "antagande"),
        ("Försämring per år", fmt_pct(100 * building.degradation, 1), "antagande"),
        ("Drift och underhåll per år", fmt_pct(100 * building.om_share, 1) + " av investeringen", "antagande"),
    ]
    return pd.DataFrame(rows, columns=["Antagande", "Värde", "Källa"]).set_index("Antagande")


def profile_table() -> pd.DataFrame:
    """The illustrative load profiles and their assumptions."""
    return pd.DataFrame({"Lastprofil": [p.label for p in sc.PROFILES.values()],
                         "Antaganden (illustrativa)": [p.description for p in sc.PROFILES.values()]}).set_index("Lastprofil")


def profiles_compared(kommun: str = "Luleå", kwp: float = 50.0, annual_kwh: float = 250_000.0) -> pd.DataFrame:
    """Self-consumption and NPV of the same system on each illustrative building."""
    rows = []
    for key, p in sc.PROFILES.items():
        c = case(Building(kommun=kommun, profile=key, annual_kwh=annual_kwh, kwp=kwp))
        rows.append({"Verksamhet": p.label, "Egenanvändning": fmt_pct(100 * c["self_consumption"], 0),
                     "Självförsörjning": fmt_pct(100 * c["self_sufficiency"], 0),
                     "Nuvärde (kr)": fmt_number(c["npv_sek"]), "LCOE (kr/kWh)": fmt_number(c["lcoe_sek_per_kwh"], 2)})
    return pd.DataFrame(rows).set_index("Verksamhet")


# ----------------------------------------------------------------------------- figures
#: The two weeks of :func:`week_figure` (Monday 00:00 local time) and their titles.
WEEKS = (("2023-03-13", "En vecka i mars"), ("2023-06-12", "En vecka i juni"))


def _weeks(building: Building, meter) -> list[tuple[np.ndarray, np.ndarray]]:
    """Hourly production and load [kWh] in each week of :data:`WEEKS`."""
    production = production_per_kwp(building.kommun, building.tilt, building.azimuth) * building.kwp
    demand = load(building, meter)
    out = []
    for start, _ in WEEKS:
        window = slice(pd.Timestamp(start, tz=C.TZ), pd.Timestamp(start, tz=C.TZ) + pd.Timedelta(days=7))
        out.append((production[window].to_numpy(), demand[window].to_numpy()))
    return out


def week_source(building: Building = Building()) -> str:
    """The source note of :func:`week_figure` for the building's kommun."""
    return platser.source_note(_building(building).kommun) + " Lastprofil: illustrativ (bokens antaganden)."


def week_figure(building: Building = Building(), meter: pd.Series | None = None, source: bool = True):
    """Production and load in a week in March and a week in June (hourly).

    A live explorer keeps one such figure and calls :func:`update_week_figure` on each change;
    ``source=False`` leaves the source note (:func:`week_source`) for the explorer to show under it.
    """
    building = _building(building)
    source = checks.flag(source, "source", "källhänvisning i figuren")
    fig, axes = new_figure(1, 2, width=9, height=3.6, sharey=True)
    for ax in axes:
        ax.set_axisbelow(True)                 # grid lines behind the shaded self-use (a live update redraws only it)
    for ax, (p, d), (_, title) in zip(axes, _weeks(building, meter), WEEKS):
        hours = np.arange(len(p))
        ax.fill_between(hours, np.minimum(p, d), color=MAIN, alpha=0.35, label="Egenanvänd solel")
        ax.plot(hours, p, color=ACCENT, linewidth=1.5, label="Solel")
        ax.plot(hours, d, color="black", linestyle="--", linewidth=1.2, label="Elanvändning")
        ax.set_xticks(range(0, 169, 24), ["mån", "tis", "ons", "tor", "fre", "lör", "sön", ""])
        ax.set_title(title)
    axes[0].set_ylabel("kWh per timme")
    swedish_axis(axes[0].yaxis)
    # above the weeks, clear of the lines: a live update then keeps it in the kept image instead of drawing it
    fig.legend(*axes[1].get_legend_handles_labels(), loc="outside upper center", ncols=3, fontsize=8, frameon=False)
    if source:
        add_source(fig, textwrap.fill(week_source(building), 150))
    return fig


def update_week_figure(fig, building: Building = Building(), meter: pd.Series | None = None):
    """Show another building, size or load in a figure from :func:`week_figure`, in place.

    Sets the two weeks' lines and shaded self-use, the y-axis limit (kept while the lines fit and
    fill a third of it: ``LiveFigure.steady_limit``) and the source note (if the figure has one);
    no new figure, no new layout. Returns the artists that change, in drawing order, for an
    explorer that redraws only those (blitting).
    """
    checks.instance(fig, Figure, "fig", "en figur från week_figure()")
    building = _building(building)
    axes = fig.axes
    if len(axes) != 2 or any(len(ax.lines) != 2 or len(ax.collections) != 1 for ax in axes):
        raise ValueError("fig måste vara en figur från week_figure() (två veckor med solel och elanvändning).")
    top = 0.0
    for ax, (p, d) in zip(axes, _weeks(building, meter)):
        hours = np.arange(len(p))
        ax.collections[0].set_data(hours, np.minimum(p, d), 0)
        ax.lines[0].set_data(hours, p)
        ax.lines[1].set_data(hours, d)
        top = max(top, float(p.max(initial=0.0)), float(d.max(initial=0.0)))
    axes[0].set_ylim(0, LiveFigure.steady_limit(axes[0].get_ylim()[1], 1.05 * top if top > 0 else 1.0))
    if fig.texts:
        fig.texts[-1].set_text(textwrap.fill(week_source(building), 150))
    changed = []
    for ax in axes:
        changed += [*ax.collections, *ax.lines, ax.yaxis,       # the x axis (days) never changes
                    *(spine for spine in ax.spines.values() if spine.get_visible())]
    return sorted(changed, key=lambda artist: artist.get_zorder())


def size_figure(building: Building = Building(), meter: pd.Series | None = None):
    """Self-consumption, self-sufficiency and NPV against system size."""
    table = sizes(building, meter)
    fig, (left, right) = new_figure(1, 2, width=9, height=3.6)
    left.plot(table["kwp"], 100 * table["self_consumption"], color=MAIN, marker="o", markersize=3, label="Egenanvändning")
    left.plot(table["kwp"], 100 * table["self_sufficiency"], color=ACCENT, linestyle="--", label="Självförsörjning")
    left.set_xlabel("Anläggningens storlek (kWp)")
    left.set_ylabel("Procent")
    left.set_ylim(0, 105)
    left.legend(loc="center right", fontsize=8)
    left.set_title("Andel egenanvänd el")
    right.plot(table["kwp"], table["npv_sek"] / 1000, color=MAIN, marker="o", markersize=3)
    right.axhline(0, color="black", linewidth=0.8)
    best = table.loc[table["npv_sek"].idxmax()]
    right.plot(best["kwp"], best["npv_sek"] / 1000, marker="*", markersize=14, color=ACCENT, markeredgecolor="black",
               linestyle="none", label=f"Högst nuvärde: {fmt_number(best['kwp'])} kWp")
    right.set_xlabel("Anläggningens storlek (kWp)")
    right.set_ylabel("Nuvärde (tusen kr)")
    swedish_axis(right.yaxis)
    right.legend(loc="lower left", fontsize=8)
    right.set_title("Lönsamhet")
    add_source(fig, "Bokens modell; priser och antaganden i tabellen ovan.")
    return fig


def price_figure(building: Building = Building(), meter: pd.Series | None = None,
                 spots=(0.15, 0.3, 0.457, 0.634, 0.8), prices_per_kwp=(10_000, 15_000, 22_000)):
    """NPV against the spot price for a few system prices (sensitivity)."""
    building = _building(building)
    spots = checks.number_list(spots, "spots", "spotpriser i kr/kWh", -5, 20, max_length=50)
    prices_per_kwp = checks.number_list(prices_per_kwp, "prices_per_kwp", "systempriser i kr/kWp", 0, 1e6,
                                        max_length=3)
    fig, ax = new_figure(width=8, height=3.8)
    styles = [(MAIN, "-", "o"), (ACCENT, "--", "s"), (MUTED, ":", "^")]
    for (colour, line, marker), price in zip(styles, prices_per_kwp):
        npvs = [case(replace(building, price_per_kwp=price, prices=replace(building.prices, spot=s)), meter)["npv_sek"]
                for s in spots]
        ax.plot(spots, np.array(npvs) / 1000, color=colour, linestyle=line, marker=marker,
                label=f"{fmt_number(price)} kr/kWp")
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xlabel("Spotpris (kr/kWh)")
    ax.set_ylabel("Nuvärde (tusen kr)")
    swedish_axis(ax.yaxis)
    swedish_axis(ax.xaxis, decimals=2)
    ax.set_title(f"Lönsamhet för {fmt_number(building.kwp)} kWp beroende på elpris och systempris")
    ax.legend(loc="upper left", title="Systempris", fontsize=8)
    add_source(fig, "Spotpriser SE1 2018–2023 ligger mellan 0,15 och 0,63 kr/kWh (Nord Pool via elpriser24.se).")
    return fig


# ----------------------------------------------------------------------------- static-site data
def site_grid(kwps=(10, 25, 50, 75, 100, 150), profiles=tuple(sc.PROFILES)) -> pd.DataFrame:
    """Tidy grid kommun × profile × kWp → balance and economics (default building otherwise).

    ``payback_years`` is ``None`` (JSON null) where a size never pays back within the lifetime.
    """
    kwps = checks.number_list(kwps, "kwps", "storlekar i kWp", 1e-3, 100_000, max_length=20)
    profiles = checks.keys(profiles, tuple(sc.PROFILES), "profiles", "lastprofil", "lastprofiler")
    if not profiles:
        raise ValueError("profiles (lastprofiler) är tom: ange minst en av " + ", ".join(sc.PROFILES) + ".")
    rows = []
    for kommun in data.KOMMUNER:
        for profile in profiles:
            for kwp in kwps:
                c = case(Building(kommun=kommun, profile=profile, kwp=float(kwp)))
                rows.append({"kommun": kommun, "profile": profile, "kwp": kwp,
                             **{k: c[k] for k in ("production_kwh", "self_consumption", "self_sufficiency",
                                                  "lcoe_sek_per_kwh", "npv_sek", "payback_years")}})
    return pd.DataFrame(rows)


QUESTIONS = (
    Question("Vad är egenanvändning?",
             ("Andelen av byggnadens el som kommer från solcellerna",
              "Andelen av solelen som byggnaden använder själv", "Elen som säljs till nätet"), 1,
             "Egenanvändning = egenanvänd solel ÷ produktion. Andelen av byggnadens el som solen täcker är självförsörjningsgraden."),
    Question("Varför är en egenanvänd kWh värd mer än en såld?",
             ("Den ersätter köpt el: spotpris, energiskatt och nätavgift sparas",
              "Nätägaren betalar extra för den", "Det är den inte"), 0,
             "Såld el ger bara spotpris (plus eventuell nätnytta och skattereduktion); köpt el kostar mer."),
    Question("En skola har sommarlov när solen ger mest. Vad händer med egenanvändningen om anläggningen görs större?",
             ("Den ökar", "Den minskar – mer av sommarens el säljs", "Den påverkas inte"), 1,
             "Ju större anläggning, desto mer överskott på sommaren och helger; egenanvändningen sjunker."),
    Question("Skattereduktionen för mikroproduktion – vad gäller enligt bokens källor?",
             ("Den gäller för alltid", "Regeringen har föreslagit att den upphör från 1 januari 2026",
              "Den är 2 kr/kWh"), 1,
             "Prop. 2024/25:109 föreslår att den upphör; om riksdagen beslutade det framgår inte av källorna – kontrollera hos Skatteverket."),
)
