"""Lesson "Totalkostnad (TCO)": drivetrains compared per vehicle class over the holding period."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from models.common.plotting import MAIN, MUTED, OKABE_ITO, new_figure, swedish_axis
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
    t = table.sort_values("tco_sek")
    out = pd.DataFrame({"Drivlina": [DRIVETRAIN_LABELS[d] for d in t.index]})
    for key, label in tco_model.COMPONENT_LABELS.items():
        out[f"{label} (kr)"] = t[key].to_numpy()
    out["Totalkostnad, nuvärde (kr)"] = t["tco_sek"].to_numpy()
    out["Per år (kr)"] = t["per_year_sek"].to_numpy()
    out["Per km (kr)"] = t["per_km_sek"].to_numpy()
    return out


def breakdown_figure(table: pd.DataFrame, title: str = ""):
    """Stacked bars of the present-value components; the residual value drawn below zero."""
    t = table.sort_values("tco_sek")
    fig, ax = new_figure(width=8, height=4.2)
    x = np.arange(len(t))
    bottom = np.zeros(len(t))
    for key in COMPONENT_COLOURS:
        values = (t[key] + (t["subsidy_sek"] if key == "purchase_sek" else 0)).to_numpy() / 1000
        ax.bar(x, values, bottom=bottom, color=COMPONENT_COLOURS[key], hatch=COMPONENT_HATCH[key], edgecolor="white",
               label=tco_model.COMPONENT_LABELS[key] + (" (efter stöd)" if key == "purchase_sek" else ""))
        bottom += values
    ax.bar(x, t["residual_sek"].to_numpy() / 1000, color=MUTED, hatch="--", edgecolor="white",
           label="Restvärde (minus)")
    ax.plot(x, t["tco_sek"].to_numpy() / 1000, "kD", ms=7, label="Totalkostnad")
    ax.set_xticks(x, [DRIVETRAIN_LABELS[d] for d in t.index], rotation=15)
    ax.set_ylabel("tusen kronor, nuvärde")
    ax.axhline(0, color="black", lw=0.8)
    swedish_axis(ax.yaxis)
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if title:
        ax.set_title(title)
    return fig


def per_km_curve(vehicle_class: str = "car", years: int = YEARS, prices=None,
                 discount_rate: float = c.DISCOUNT_RATE, ev_subsidy: float = 0.0,
                 km_values=tuple(range(5_000, 50_001, 2_500))) -> pd.DataFrame:
    """Cost per km [kr/km] by distance per year for each drivetrain (tidy)."""
    rows = []
    for km in km_values:
        t = tco_model.compare(vehicle_class, km, years, prices, discount_rate, ev_subsidy)
        for d, value in t["per_km_sek"].items():
            rows.append({"annual_km": km, "drivetrain": d, "per_km_sek": value})
    return pd.DataFrame(rows)


def per_km_figure(curve: pd.DataFrame, break_even: float | None = None):
    """Cost per km against km per year; the break-even distance (electric vs diesel) marked."""
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
