"""Lesson "Totalkostnad (TCO)": drivetrains compared per vehicle class over the holding period."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from models.common import checks
from models.common.plotting import MAIN, MUTED, OKABE_ITO, new_figure, swedish_axis
from models.lessons.transporter.levande_figur import LiveFigure
from models.transport import constants as c
from models.transport import costs as tco_model

DRIVETRAIN_LABELS = {d: c.FUEL_LABELS[d] for d in c.DRIVETRAINS}
DRIVETRAIN_LABELS["electricity"] = "El (batteri)"
DRIVETRAIN_LABELS["hvo100"] = "HVO100 (dieselbil)"
KM, YEARS = 15_000, 4
COMPONENT_COLOURS = {
    "purchase_sek": OKABE_ITO["blue"], "energy_sek": OKABE_ITO["orange"], "maintenance_sek": OKABE_ITO["sky_blue"],
    "other_sek": OKABE_ITO["reddish_purple"], "charger_sek": OKABE_ITO["yellow"],
}
COMPONENT_HATCH = {"purchase_sek": "", "energy_sek": "//", "maintenance_sek": "..", "other_sek": "xx",
                   "charger_sek": "\\\\"}
#: A :func:`comparison` table's columns (index: drivetrain): signed present values and the totals.
TABLE_COLUMNS = {**{k: "number" for k in tco_model.COMPONENTS}, "tco_sek": "number", "per_year_sek": "number",
                 "per_km_sek": "number"}
#: A :func:`per_km_curve` table's columns.
CURVE_COLUMNS = {"annual_km": "positive", "drivetrain": "text", "per_km_sek": "number"}
#: Distances per year the curve may be drawn for [km/yr], and at most this many of them.
KM_LIMITS, MAX_KM_VALUES = (1.0, tco_model.MAX_KM_PER_YEAR), 200


def _table(table) -> pd.DataFrame:
    """A :func:`comparison` table, checked: the columns, one row per known drivetrain."""
    out = checks.table_in_place(table, TABLE_COLUMNS, "table (jämförelsen av drivlinor)")
    unknown = [d for d in out.index if not (isinstance(d, str) and d in c.DRIVETRAINS)]
    if unknown or out.index.duplicated().any():
        raise ValueError(f"table (jämförelsen av drivlinor) måste ha en rad per drivlina ({', '.join(c.DRIVETRAINS)}) "
                         f"som index, fick {checks.show(unknown[0] if unknown else list(out.index))}.")
    return out


LINE_STYLES = {"electricity": ("-", "o"), "petrol": ("--", "s"), "diesel": ("-.", "^"), "hvo100": (":", "v"),
               "biogas": ("--", "D"), "phev": (":", "P")}


def price_table() -> pd.DataFrame:
    """The dated prices the lesson starts from, with their sources."""
    return pd.DataFrame([{"Drivmedel": c.FUEL_LABELS[f], "Pris": v, "Enhet": u, "Tidpunkt": when, "Källa": src}
                         for f, (v, u, when, src) in c.PRICES.items()])


def assumption_table(vehicle_class: str = "car") -> pd.DataFrame:
    """The vehicle costs the lesson assumes (no source; replace with the kommun's own)."""
    vehicle_class = tco_model.check_class(vehicle_class)
    rows = []
    for d in c.DRIVETRAINS:
        o = c.VEHICLE_OPTIONS[vehicle_class][d]
        unit = "kWh/km" if d == "electricity" else "l/km"
        rows.append({"Drivlina": DRIVETRAIN_LABELS[d], "Inköpspris (kr)": o["purchase"],
                     f"Förbrukning vid 20 °C": f"{o['energy_per_km']:.3f} {unit}".replace(".", ","),
                     "Service (kr/år)": o["maintenance"], "Försäkring och skatt (kr/år)": o["other"],
                     "Laddbox, andel (kr/år)": o["charger"]})
    return pd.DataFrame(rows)


def comparison(vehicle_class: str = "car", annual_km: float = KM, years: int = YEARS, prices=None,
               discount_rate: float = c.DISCOUNT_RATE, ev_subsidy: float = 0.0, residual_share=None) -> pd.DataFrame:
    """Model table: one row per drivetrain (see :func:`models.transport.compare`)."""
    return tco_model.compare(vehicle_class, annual_km, years, prices, discount_rate, ev_subsidy, residual_share)


def comparison_table(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`comparison` in Swedish, cheapest first."""
    t = _table(table).sort_values("tco_sek")
    out = pd.DataFrame({"Drivlina": [DRIVETRAIN_LABELS[d] for d in t.index]})
    for key, label in tco_model.COMPONENT_LABELS.items():
        out[f"{label} (kr)"] = t[key].to_numpy()
    out["Totalkostnad, nuvärde (kr)"] = t["tco_sek"].to_numpy()
    out["Per år (kr)"] = t["per_year_sek"].to_numpy()
    out["Per km (kr)"] = t["per_km_sek"].to_numpy()
    return out


def breakdown_figure(table: pd.DataFrame, title: str = ""):
    """Stacked bars of the present-value components; the residual value drawn below zero."""
    return BreakdownChart(table, title).figure


class BreakdownChart:
    """:func:`breakdown_figure` built once and redrawn by :meth:`update` (for the live explorer).

    The drivetrains are ordered cheapest first by the first table and keep that order (their names
    stay put, only the bars move); the bars, the total markers, the zero line and the title are the
    ``dynamic`` artists for :class:`LiveFigure`.
    """

    def __init__(self, table: pd.DataFrame, title: str = ""):
        t = self._table(table)
        self.order = tuple(t.sort_values("tco_sek").index)
        self.figure, ax = new_figure(width=8, height=4.2)
        self.ax = ax
        n = len(self.order)
        x = np.arange(n)
        self.stacks = {}
        for key in COMPONENT_COLOURS:
            self.stacks[key] = ax.bar(x, np.zeros(n), color=COMPONENT_COLOURS[key], hatch=COMPONENT_HATCH[key],
                                      edgecolor="white", label=tco_model.COMPONENT_LABELS[key]
                                      + (" (efter stöd)" if key == "purchase_sek" else ""))
        self.residual = ax.bar(x, np.zeros(n), color=MUTED, hatch="--", edgecolor="white", label="Restvärde (minus)")
        self.total, = ax.plot(x, np.zeros(n), "kD", ms=7, label="Totalkostnad")
        ax.set_xticks(x, [DRIVETRAIN_LABELS[d] for d in self.order], rotation=15)
        ax.set_ylabel("tusen kronor, nuvärde")
        self.zero = ax.axhline(0, color="black", lw=0.8)
        swedish_axis(ax.yaxis)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        self.title = ax.set_title(" ")
        self.update(table, title)

    @staticmethod
    def _table(table) -> pd.DataFrame:
        t = _table(table)
        if set(t.index) != set(c.DRIVETRAINS):
            raise ValueError(f"table (jämförelsen av drivlinor) måste ha en rad för var och en av drivlinorna "
                             f"{', '.join(c.DRIVETRAINS)}, fick {checks.show(list(t.index))}.")
        return t

    @property
    def dynamic(self) -> list:
        bars = [b for container in (*self.stacks.values(), self.residual) for b in container]
        return [*bars, self.zero, self.total, self.title]

    def update(self, table: pd.DataFrame, title: str = "") -> None:
        """Heights and the title for a new :func:`comparison` table (drivetrains in the chart's order)."""
        t = self._table(table).loc[list(self.order)]
        title = checks.text(title, "title", "rubrik", max_length=200)
        bottom = np.zeros(len(t))
        for key, container in self.stacks.items():
            values = (t[key] + (t["subsidy_sek"] if key == "purchase_sek" else 0)).to_numpy() / 1000
            for bar, low, value in zip(container, bottom, values):
                bar.set_y(low)
                bar.set_height(value)
            bottom += values
        residual = t["residual_sek"].to_numpy() / 1000
        for bar, value in zip(self.residual, residual):
            bar.set_height(value)
        self.total.set_ydata(t["tco_sek"].to_numpy() / 1000)
        self.title.set_text(title)
        top = max(float(bottom.max()), float((t["tco_sek"] / 1000).max()), 1.0)
        low = min(float(residual.min()), 0.0)
        bottom_now, top_now = self.ax.get_ylim()
        # the residual shrinks with the holding period: let the negative side keep its limit longer
        self.ax.set_ylim(-LiveFigure.steady_limit(-bottom_now, -low, shrink=0.1) if low < 0 else 0.0,
                         LiveFigure.steady_limit(top_now, top, headroom=1.5))


def per_km_curve(vehicle_class: str = "car", years: int = YEARS, prices=None,
                 discount_rate: float = c.DISCOUNT_RATE, ev_subsidy: float = 0.0,
                 km_values=tuple(range(5_000, 50_001, 2_500))) -> pd.DataFrame:
    """Cost per km [kr/km] by distance per year for each drivetrain (tidy); at most 200 distances."""
    km_values = checks.number_list(km_values, "km_values", "körsträckor per år, km", low=KM_LIMITS[0],
                                   high=KM_LIMITS[1], max_length=MAX_KM_VALUES)
    rows = []
    for km in km_values:
        t = tco_model.compare(vehicle_class, km, years, prices, discount_rate, ev_subsidy)
        for d, value in t["per_km_sek"].items():
            rows.append({"annual_km": km, "drivetrain": d, "per_km_sek": value})
    return pd.DataFrame(rows)


def per_km_figure(curve: pd.DataFrame, break_even: float | None = None):
    """Cost per km against km per year; the break-even distance (electric vs diesel) marked."""
    curve = checks.table_in_place(curve, CURVE_COLUMNS, "curve (kostnad per km)")
    unknown = sorted(set(curve["drivetrain"]) - set(LINE_STYLES))
    if unknown:
        raise ValueError(f"curve (kostnad per km): okänd drivlina {checks.show(unknown[0])}. "
                         f"Giltiga: {', '.join(LINE_STYLES)}.")
    if break_even is not None:
        break_even = checks.number(break_even, "break_even", "brytpunkt, km per år", low=0.0, high=KM_LIMITS[1])
    fig, ax = new_figure(width=8, height=4)
    for d, group in curve.groupby("drivetrain", sort=False):
        ls, marker = LINE_STYLES[d]
        ax.plot(group["annual_km"] / 1000, group["per_km_sek"], ls, marker=marker, ms=4, label=DRIVETRAIN_LABELS[d])
    if break_even:
        ax.axvline(break_even / 1000, color="black", lw=1)
        ax.text(break_even / 1000 + 0.5, ax.get_ylim()[1] * 0.95, "el = diesel", fontsize=9)
    ax.set_xlabel("körsträcka, tusen km per år")
    ax.set_ylabel("kronor per km")
    swedish_axis(ax.xaxis)
    swedish_axis(ax.yaxis, decimals=1)
    ax.legend(fontsize=8)
    return fig


def sensitivity_table(vehicle_class: str = "car", annual_km: float = KM, years: int = YEARS) -> pd.DataFrame:
    """Cost per km when energy prices, km/yr or the residual value change by −20 %, 0 and +20 % (Swedish)."""
    s = tco_model.sensitivity(vehicle_class, annual_km, years)
    names = {"energy_prices": "Energipriser", "annual_km": "Körsträcka per år", "residual_value": "Restvärde"}
    out = pd.DataFrame({"Ändrad faktor": s["parameter"].map(names),
                        "Ändring (%)": 100 * (s["factor"] - 1)})
    for d in c.DRIVETRAINS:
        out[f"{DRIVETRAIN_LABELS[d]} (kr/km)"] = s[d].to_numpy()
    return out.sort_values(["Ändrad faktor", "Ändring (%)"]).reset_index(drop=True)


def site_grid() -> pd.DataFrame:
    """Precomputed data for the static-site chart: cost per km and per year by class × km/yr
    (5 000–50 000) × holding period (3–8 years) × drivetrain, default prices (tidy)."""
    rows = []
    for cls, km, years in itertools.product(c.VEHICLE_CLASSES, range(5_000, 50_001, 5_000), range(3, 9)):
        t = tco_model.compare(cls, km, years)
        for d, row in t.iterrows():
            rows.append({"vehicle_class": cls, "annual_km": km, "years": years, "drivetrain": d,
                         "drivetrain_sv": DRIVETRAIN_LABELS[d], "tco_sek": row["tco_sek"],
                         "per_year_sek": row["per_year_sek"], "per_km_sek": row["per_km_sek"]})
    return pd.DataFrame(rows)
