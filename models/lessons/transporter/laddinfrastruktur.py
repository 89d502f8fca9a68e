"""Lesson "Laddinfrastruktur": charging at the kommun's own sites, and public charging per kommun and
for the county: today, growth 2023–2025 and the points needed by 2030 (Power Circle)."""
from __future__ import annotations

import itertools
from functools import lru_cache

import numpy as np
import pandas as pd

from models.common import checks
from models.common.plotting import MAIN, MUTED, OKABE_ITO, new_figure, swedish_axis
from models.data import COUNTY_NAME, KOMMUNER, fleet_file, vehicles, version
from models.lessons.transporter.levande_figur import LiveFigure
from models.transport import charging_need, public_charging_projection, replacement_plan
from models.transport.charging import GROWTH
from models.transport import constants as c
from models.transport.turnover import DESIGN_TEMP_C

FIRST, LAST = "2023-12", "2025-12"
YEARS_BETWEEN = 2.0
TARGET_YEAR = 2030
RATIOS = {"county": "Länets kvot december 2025", "own": "Kommunens egen kvot december 2025"}
#: Target years of the projection: after the last snapshot, at most 25 years ahead.
TARGET_YEARS = (2026, 2050)
#: :func:`models.transport.charging_need`'s columns the site table and figure show.
NEED_COLUMNS = {c_: "non_negative" for c_ in ("ev_count", "energy_day_kwh", "energy_day_max_kwh", "charge_points",
                                               "peak_kw_unmanaged", "peak_kw_managed", "fuse_a", "without_power")}
#: :func:`kommun_charging`'s columns the kommun table and figures show.
KOMMUN_COLUMNS = {**{c_: "non_negative" for c_ in ("points_2023", "points_2025", "vehicles_2025",
                                                    "points_per_vehicle_2025", "vehicles_projected", "points_needed",
                                                    "points_missing")},
                  "growth_pct_per_year": "number"}


def _need(need) -> pd.DataFrame:
    return checks.table_in_place(need, NEED_COLUMNS, "need (laddbehovet per plats)")


def _kommun(table) -> pd.DataFrame:
    return checks.table_in_place(table, KOMMUN_COLUMNS, "table (laddpunkter per kommun)")


def _limit(ax, top: float, limit: float | None) -> float:
    """The x-axis' upper limit: ``limit`` (fixed by a live explorer for its whole range) when the data fit
    under it, else a steady limit that changes only in steps."""
    if limit is not None and top <= limit:
        return LiveFigure.nice_limit(limit)
    return LiveFigure.steady_limit(ax.get_xlim()[1], max(top, 1.0))


def _target_year(target_year) -> int:
    return checks.year(target_year, "target_year", "målår", *TARGET_YEARS)


def electrified_fleet(fleet: pd.DataFrame | None = None, start_year: int = 2025, rule: str = "lowest_tco") -> pd.DataFrame:
    """The fleet after its replacement plan: ``fuel`` set to the new drivetrain (for the site sizing)."""
    fleet = fleet_file.example_fleet() if fleet is None else fleet
    plan = replacement_plan(fleet, start_year, rule)
    return fleet.assign(fuel=plan["new_drivetrain"].to_numpy())


def site_table(need: pd.DataFrame) -> pd.DataFrame:
    """:func:`models.transport.charging_need` in Swedish."""
    need = _need(need)
    return pd.DataFrame({
        "Plats": need.index, "Elfordon": need["ev_count"].to_numpy(),
        "Energi en vanlig dag (kWh)": need["energy_day_kwh"].to_numpy(),
        "Energi om alla kör sin längsta dag (kWh)": need["energy_day_max_kwh"].to_numpy(),
        "Laddpunkter": need["charge_points"].to_numpy(),
        "Toppeffekt utan styrning (kW)": need["peak_kw_unmanaged"].to_numpy(),
        "Toppeffekt med laststyrning (kW)": need["peak_kw_managed"].to_numpy(),
        "Säkring med styrning (A, 3-fas 400 V)": need["fuse_a"].to_numpy(),
        "Elfordon utan el på parkeringen i dag": need["without_power"].to_numpy(),
    })


def sites_figure(need: pd.DataFrame):
    """Peak power per site with and without load management."""
    return SitesChart(need).figure


class SitesChart:
    """:func:`sites_figure` built once for a fleet's sites and redrawn by :meth:`update` (live explorer)."""

    def __init__(self, need: pd.DataFrame, limit: float | None = None):
        self.limit = None if limit is None else checks.positive(limit, "limit", "x-axelns största värde")
        need = _need(need)
        need = need[need["ev_count"] > 0]
        self.sites = tuple(need.index)
        self.figure, ax = new_figure(width=8, height=0.6 * len(need) + 1.6)
        self.ax = ax
        y = np.arange(len(need))
        self.unmanaged = ax.barh(y + 0.2, need["peak_kw_unmanaged"], height=0.4, color=MUTED, hatch="//",
                                 edgecolor="white", label="Utan laststyrning (alla punkter fullt)")
        self.managed = ax.barh(y - 0.2, need["peak_kw_managed"], height=0.4, color=MAIN,
                               label="Med laststyrning (energin över natten)")
        ax.set_yticks(y, need.index)
        ax.set_xlabel("kW")
        swedish_axis(ax.xaxis)
        ax.grid(axis="y", visible=False)
        self.figure.legend(fontsize=8, loc="outside lower center", ncol=2)
        self.update(need)

    @property
    def dynamic(self) -> list:
        return [*self.unmanaged, *self.managed]

    def update(self, need: pd.DataFrame) -> None:
        """The bars for a new :func:`models.transport.charging_need` of the same sites."""
        need = _need(need)
        need = need[need["ev_count"] > 0]
        if tuple(need.index) != self.sites:
            raise ValueError("need (laddbehovet per plats) gäller andra platser än diagrammet: rita ett nytt.")
        for bars, column in ((self.unmanaged, "peak_kw_unmanaged"), (self.managed, "peak_kw_managed")):
            for bar, value in zip(bars, need[column].to_numpy(float)):
                bar.set_width(value)
        top = float(need[["peak_kw_unmanaged", "peak_kw_managed"]].to_numpy().max()) if len(need) else 1.0
        self.ax.set_xlim(0, _limit(self.ax, top, self.limit))


def kommun_charging(ratio: str = "county", growth: str = "exponential", target_year: int = TARGET_YEAR,
                    points_per_vehicle: float | None = None) -> pd.DataFrame:
    """Per kommun (and the county as the sum of the kommuner): public charging points and rechargeable
    vehicles Dec 2023 and Dec 2025, points per rechargeable vehicle, growth, and the points needed in
    ``target_year`` (2026–2050) at the chosen reference ratio, or at ``points_per_vehicle`` (0–10)
    when given (model columns)."""
    ratio = checks.choice(ratio, RATIOS, name="ratio", singular="jämförelsekvot", plural="kvoter")
    growth = checks.choice(growth, GROWTH, name="growth", singular="tillväxtantagande", plural="antaganden")
    year = _target_year(target_year)
    if points_per_vehicle is not None:
        points_per_vehicle = checks.number_in_range(points_per_vehicle, 0.0, 10.0, "points_per_vehicle",
                                                    "laddpunkter per laddbart fordon")
    return _kommun_charging(ratio, growth, year, points_per_vehicle, version("charging_infrastructure")).copy()


@lru_cache(maxsize=64)
def _kommun_charging(ratio: str, growth: str, target_year: int, points_per_vehicle, key: tuple) -> pd.DataFrame:
    first, last = vehicles.charging_wide(FIRST), vehicles.charging_wide(LAST)
    county = vehicles.county_charging(LAST)
    county_ratio = county["charging_points"] / county["rechargeable_vehicles"]
    own_ratio = last["charging_points"] / last["rechargeable_vehicles"]
    if points_per_vehicle is not None:
        used = pd.Series(float(points_per_vehicle), index=last.index)
    elif ratio == "own":
        used = own_ratio
    elif ratio == "county":
        used = pd.Series(county_ratio, index=last.index)
    else:
        raise ValueError(f'Okänd jämförelsekvot "{ratio}". Giltiga: {", ".join(RATIOS)}.')
    ahead = int(target_year) - int(LAST[:4])
    first = first.reindex(last.index)
    if (used < 0).any() or (used > 10).any():
        raise ValueError("Kvoten laddpunkter per laddbart fordon måste ligga mellan 0 och 10.")
    growth_factor = public_charging_projection(first["rechargeable_vehicles"], last["rechargeable_vehicles"],
                                               last["charging_points"], YEARS_BETWEEN, ahead, 1.0, growth)
    needed = growth_factor["vehicles_projected"] * used
    out = pd.DataFrame({"points_2023": first["charging_points"].astype(int), "points_2025": last["charging_points"].astype(int),
                        "vehicles_2023": first["rechargeable_vehicles"].astype(int),
                        "vehicles_2025": last["rechargeable_vehicles"].astype(int),
                        "points_per_vehicle_2025": own_ratio, "ratio_used": used,
                        "growth_pct_per_year": growth_factor["growth_pct_per_year"],
                        "vehicles_projected": growth_factor["vehicles_projected"], "points_needed": needed,
                        "points_missing": (needed - last["charging_points"]).clip(lower=0)})
    out.index.name = "kommun"
    total = out.sum(numeric_only=True)
    total["points_per_vehicle_2025"] = total["points_2025"] / total["vehicles_2025"]
    total["ratio_used"] = total["points_needed"] / total["vehicles_projected"]
    total["growth_pct_per_year"] = 100 * ((total["vehicles_2025"] / total["vehicles_2023"]) ** (1 / YEARS_BETWEEN) - 1)
    out.loc[f"{COUNTY_NAME} (summa av kommunerna)"] = total
    return out


def kommun_table(table: pd.DataFrame, target_year: int = TARGET_YEAR) -> pd.DataFrame:
    """:func:`kommun_charging` in Swedish."""
    table = _kommun(table)
    target_year = _target_year(target_year)
    return pd.DataFrame({
        "Kommun": table.index, "Laddpunkter dec 2023": table["points_2023"].round().astype(int).to_numpy(),
        "Laddpunkter dec 2025": table["points_2025"].round().astype(int).to_numpy(),
        "Laddbara fordon dec 2025": table["vehicles_2025"].round().astype(int).to_numpy(),
        "Laddpunkter per 100 laddbara fordon": 100 * table["points_per_vehicle_2025"].to_numpy(),
        "Ökning laddbara fordon (%/år)": table["growth_pct_per_year"].to_numpy(),
        f"Laddbara fordon {target_year} (framskrivning)": table["vehicles_projected"].to_numpy(),
        f"Laddpunkter som behövs {target_year}": table["points_needed"].to_numpy(),
        f"Laddpunkter som saknas {target_year}": table["points_missing"].to_numpy(),
    })


def ratio_figure(table: pd.DataFrame, highlight: str | None = None):
    """Public points per 100 rechargeable vehicles per kommun (Dec 2025), the county ratio marked."""
    table = _kommun(table)
    if highlight is not None:
        highlight = checks.text(highlight, "highlight", "kommun att markera", max_length=100)
    k = table.drop(index=[i for i in table.index if i not in KOMMUNER]).sort_values("points_per_vehicle_2025")
    county = vehicles.county_charging(LAST)
    fig, ax = new_figure(width=8, height=4.5)
    bars = ax.barh(k.index, 100 * k["points_per_vehicle_2025"], color=MAIN)
    for bar, name in zip(bars, k.index):
        if name == highlight:
            bar.set_hatch("//")
            bar.set_edgecolor("white")
            bar.set_color(OKABE_ITO["vermillion"])
    ax.axvline(100 * county["charging_points"] / county["rechargeable_vehicles"], color="black", ls="--",
               label="Norrbottens län (Power Circle)")
    ax.set_xlabel("publika laddpunkter per 100 laddbara fordon, december 2025")
    swedish_axis(ax.xaxis)
    ax.grid(axis="y", visible=False)
    ax.legend(fontsize=8, loc="lower right")
    return fig


def need_figure(table: pd.DataFrame, target_year: int = TARGET_YEAR):
    """Points today and needed in ``target_year`` per kommun."""
    return NeedChart(table, target_year).figure


class NeedChart:
    """:func:`need_figure` built once and redrawn by :meth:`update` (live explorer).

    The kommuner are sorted by the points needed in the first table; a live explorer keeps that order
    (the names stay put and only the bars move), so ``dynamic`` is the bars and the legend's year.
    """

    def __init__(self, table: pd.DataFrame, target_year: int = TARGET_YEAR, limit: float | None = None):
        self.limit = None if limit is None else checks.positive(limit, "limit", "x-axelns största värde")
        k = self._kommuner(table)
        self.order = tuple(k.sort_values("points_needed").index)
        n = len(self.order)
        self.figure, ax = new_figure(width=8, height=4.5)
        self.ax = ax
        y = np.arange(n)
        self.today = ax.barh(y + 0.2, np.zeros(n), height=0.4, color=MAIN, label="Laddpunkter december 2025")
        self.needed = ax.barh(y - 0.2, np.zeros(n), height=0.4, color=OKABE_ITO["orange"], hatch="//",
                              edgecolor="white", label="Behov målåret (framskrivning)")
        ax.set_yticks(y, self.order)
        ax.set_xlabel("publika laddpunkter")
        swedish_axis(ax.xaxis)
        ax.grid(axis="y", visible=False)
        self.figure.legend(fontsize=8, loc="outside lower center", ncol=2)
        self.title = ax.set_title(" ")
        self.update(table, target_year)

    @staticmethod
    def _kommuner(table) -> pd.DataFrame:
        table = _kommun(table)
        k = table.drop(index=[i for i in table.index if i not in KOMMUNER])
        if len(k) != len(KOMMUNER) or k.index.duplicated().any():
            raise ValueError(f"table (laddpunkter per kommun) måste ha en rad för var och en av de {len(KOMMUNER)} "
                             f"kommunerna, fick {len(k)}.")
        return k

    @property
    def dynamic(self) -> list:
        return [*self.today, *self.needed, self.title]

    def update(self, table: pd.DataFrame, target_year: int = TARGET_YEAR) -> None:
        """Bars and the title's year for a new :func:`kommun_charging` table (kommuner in the chart's order)."""
        k = self._kommuner(table).loc[list(self.order)]
        target_year = _target_year(target_year)
        for bar, value in zip(self.today, k["points_2025"].to_numpy(float)):
            bar.set_width(value)
        for bar, value in zip(self.needed, k["points_needed"].to_numpy(float)):
            bar.set_width(value)
        self.title.set_text(f"Publika laddpunkter i dag och behov {target_year}")
        top = float(k[["points_2025", "points_needed"]].to_numpy().max())
        self.ax.set_xlim(0, _limit(self.ax, top, self.limit))


def site_grid() -> pd.DataFrame:
    """Precomputed data for the static-site chart: per kommun × reference ratio × growth × target year
    2026–2035, the projected vehicles and the points needed and missing (tidy)."""
    rows = []
    for ratio, growth, year in itertools.product(RATIOS, ("exponential", "linear"), range(2026, 2036)):
        t = kommun_charging(ratio, growth, year)
        for k, row in t.iterrows():
            rows.append({"kommun": k, "ratio": ratio, "growth": growth, "target_year": year,
                         "points_2025": row["points_2025"], "vehicles_projected": row["vehicles_projected"],
                         "points_needed": row["points_needed"], "points_missing": row["points_missing"]})
    return pd.DataFrame(rows)
