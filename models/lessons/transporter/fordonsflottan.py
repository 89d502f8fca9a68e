"""Lesson "Fordonsflottan idag": the fleet register, its energy and well-to-wheel emissions, and the
kommun's whole vehicle stock as context (Trafikanalys)."""
from __future__ import annotations

import itertools

import numpy as np
import pandas as pd

from models.common import checks
from models.common.plotting import MAIN, MUTED, OKABE_ITO, new_figure, swedish_axis
from models.data import fleet_file, vehicles
from models.lessons.transporter.levande_figur import LiveFigure
from models.transport import constants as c
from models.transport import emissions, fuel_summary
from models.transport.turnover import check_fleet

YEAR = 2025
YEARS = tuple(range(2020, 2036))
EXAMPLE_NOTE = ("Exempelflottan är påhittad (den fiktiva Exempelkommun) och illustrativ, inte data om någon "
                "verklig kommun. Utsläppsfaktorer: Energimyndigheten (drivmedel levererade 2016); bensin och diesel "
                "enligt reduktionsplikten för året; el enligt valet.")
HATCHES = ("", "//", "..", "xx", "\\\\", "++", "oo")
#: The fleet's columns :func:`per_vehicle` keeps next to the model's (ids, class, site and the model inputs).
VEHICLE_COLUMNS = ("vehicle_id", "vehicle_class", "fuel", "home_site", "model_year", "annual_km",
                   "consumption_per_km", "electricity_per_km")


def _fleet(fleet) -> pd.DataFrame:
    """A fleet checked like the models check it, with a home site (text) for every vehicle."""
    fleet = check_fleet(fleet)
    checks.table_in_place(fleet, {"home_site": "text"}, "fleet (fordonslistan)")
    return fleet


def example() -> pd.DataFrame:
    """The illustrative example fleet (33 vehicles, Exempelkommun)."""
    return fleet_file.example_fleet()


def per_vehicle(fleet: pd.DataFrame, year: int = YEAR, electricity: str = "nordic_mix",
                scenario: str = "stay_6") -> pd.DataFrame:
    """Each vehicle with its fuel use, energy and emissions (model columns).

    Keeps the fleet's :data:`VEHICLE_COLUMNS` (``electricity_per_km`` 0 where a vehicle has none) next to
    the columns of :func:`models.transport.fleet_emissions`."""
    fleet = _fleet(fleet)
    keep = fleet[[k for k in VEHICLE_COLUMNS if k in fleet.columns]].copy()
    if "electricity_per_km" in keep:
        keep["electricity_per_km"] = keep["electricity_per_km"].astype(float).fillna(0.0)
    return pd.concat([keep, emissions.fleet_emissions(fleet, year, electricity, scenario)], axis=1)


def vehicle_table(fleet: pd.DataFrame, year: int = YEAR, electricity: str = "nordic_mix",
                  scenario: str = "stay_6") -> pd.DataFrame:
    """Per vehicle, in Swedish: id, class, fuel, km/yr, fuel use, energy and emissions."""
    v = per_vehicle(fleet, year, electricity, scenario)
    return pd.DataFrame({
        "Fordon": v["vehicle_id"], "Fordonsslag": v["vehicle_class"].map(c.VEHICLE_CLASSES),
        "Drivmedel": v["fuel"].map(c.FUEL_LABELS), "Körsträcka (km/år)": v["annual_km"],
        "Förbrukning per år": [f"{u:,.0f} {c.FUEL_UNITS[f]}".replace(",", " ") for u, f in zip(v["fuel_use"], v["fuel"])],
        "Energi (MWh/år)": v["energy_kwh"] / 1000, "Utsläpp (kg CO₂e/år)": v["emissions_t_co2e"] * 1000,
        "Hemmaplats": v["home_site"],
    })


def fuel_table(fleet: pd.DataFrame, year: int = YEAR, electricity: str = "nordic_mix",
               scenario: str = "stay_6") -> pd.DataFrame:
    """Totals per fuel in Swedish (vehicles, km, MWh, t CO₂e, share of emissions)."""
    fleet = _fleet(fleet)
    s = fuel_summary(fleet, emissions.fleet_emissions(fleet, year, electricity, scenario))
    return pd.DataFrame({
        "Drivmedel": [c.FUEL_LABELS.get(i, "Totalt") for i in s.index],
        "Fordon": s["vehicles"].astype(int).to_numpy(), "Körsträcka (km/år)": s["annual_km"].to_numpy(),
        "Energi (MWh/år)": s["energy_mwh"].to_numpy(), "Utsläpp (ton CO₂e/år)": s["emissions_t_co2e"].to_numpy(),
        "Andel av utsläppen (%)": s["share_of_emissions_pct"].to_numpy(),
    })


def totals(fleet: pd.DataFrame, year: int = YEAR, electricity: str = "nordic_mix", scenario: str = "stay_6") -> dict:
    """Key numbers: vehicles, t CO₂e, MWh, fossil share of vehicles [%], kg CO₂e per 10 km."""
    fleet = _fleet(fleet)
    e = emissions.fleet_emissions(fleet, year, electricity, scenario)
    km = fleet["annual_km"].sum()
    return {"vehicles": len(fleet), "emissions_t_co2e": float(e["emissions_t_co2e"].sum()),
            "energy_mwh": float(e["energy_kwh"].sum() / 1000),
            "fossil_share_pct": float(100 * fleet["fuel"].isin(c.FOSSIL_FUELS).mean()),
            "kg_per_10_km": float(e["emissions_t_co2e"].sum() * 1000 / km * 10) if km else 0.0}


def factor_table(year: int = YEAR, electricity: str = "nordic_mix", scenario: str = "stay_6") -> pd.DataFrame:
    """Each fuel's well-to-wheel factor in ``year`` with its source."""
    electricity = emissions.check_electricity(electricity)
    petrol, diesel = emissions.reduction_obligation(year, scenario)
    sources = {
        "petrol": f"Bensin utan bio 3,004 kg/l × (1 − {petrol * 100:.1f} % reduktionsplikt)".replace(".", ","),
        "diesel": f"Diesel utan bio 3,414 kg/l × (1 − {diesel * 100:.1f} % reduktionsplikt)".replace(".", ","),
        "hvo100": "Energimyndigheten, levererat 2016", "biogas": "Fordonsgas (mix), Energimyndigheten 2016",
        "e85": "Energimyndigheten, levererat 2016", "electricity": c.ELECTRICITY_LABELS[electricity],
        "phev": "Bensinen som bensin; elen med elfaktorn",
    }
    rows = [{"Drivmedel": c.FUEL_LABELS[f], "Enhet": c.FUEL_UNITS[f],
             "Utsläppsfaktor (kg CO₂e per enhet)": emissions.fuel_emission_factor(f, year, electricity, scenario),
             "Källa": sources[f]} for f in c.FUELS]
    return pd.DataFrame(rows)


def factor_path(scenario: str) -> pd.DataFrame:
    """Petrol and diesel factors [kg CO₂e/l] per year 2020–2035 in a reduktionsplikt scenario."""
    return pd.DataFrame({"year": YEARS,
                         "petrol": [emissions.fuel_emission_factor("petrol", y, scenario=scenario) for y in YEARS],
                         "diesel": [emissions.fuel_emission_factor("diesel", y, scenario=scenario) for y in YEARS]})


def factor_figure():
    """Diesel and petrol factors per year under the three scenarios from 2027."""
    fig, ax = new_figure(width=8, height=4)
    styles = {"stay_6": ("-", "o"), "none": ("--", "s"), "earlier_plan": (":", "^")}
    short = {"stay_6": "6 % ligger kvar", "none": "ingen plikt", "earlier_plan": "tidigare plan"}
    for scenario, (ls, marker) in styles.items():
        path = factor_path(scenario)
        ax.plot(path["year"], path["diesel"], ls, marker=marker, color=MAIN, label=f"Diesel – {short[scenario]}")
        ax.plot(path["year"], path["petrol"], ls, marker=marker, color=OKABE_ITO["orange"],
                label=f"Bensin – {short[scenario]}")
    ax.axvline(c.LAST_DECIDED_YEAR + 0.5, color=MUTED, lw=1)
    ax.text(c.LAST_DECIDED_YEAR + 0.7, 0.3, "från 2027: ej beslutat", color="#555555", fontsize=9)
    ax.set_ylabel("kg CO₂e per liter")
    ax.set_ylim(0, 3.6)
    swedish_axis(ax.yaxis, decimals=1)
    ax.legend(ncol=2, fontsize=8, loc="lower left")
    return fig


def emissions_figure(fleet: pd.DataFrame, year: int = YEAR, electricity: str = "nordic_mix",
                     scenario: str = "stay_6", title: str = ""):
    """Emissions per fuel [t CO₂e/yr] as horizontal bars, with the number of vehicles in the label."""
    return EmissionsChart(fleet, year, electricity, scenario, title).figure


class EmissionsChart:
    """:func:`emissions_figure` built once for a fleet and redrawn by :meth:`update` (live explorer):
    the fuels and their vehicle counts stay, the bars' lengths and the title change (``dynamic``)."""

    def __init__(self, fleet: pd.DataFrame, year: int = YEAR, electricity: str = "nordic_mix",
                 scenario: str = "stay_6", title: str = ""):
        s = self._summary(fleet, year, electricity, scenario)
        self.fuels = tuple(s.index)
        self.figure, ax = new_figure(width=8, height=0.5 * len(s) + 1.5)
        self.ax = ax
        labels = [f"{c.FUEL_LABELS[f]} ({int(n)} fordon)" for f, n in zip(s.index, s["vehicles"])]
        self.bars = ax.barh(labels[::-1], s["emissions_t_co2e"].to_numpy()[::-1], color=MAIN)
        for bar, hatch in zip(self.bars, itertools.cycle(HATCHES)):
            bar.set_hatch(hatch)
            bar.set_edgecolor("white")
        ax.set_xlabel("ton CO₂e per år")
        swedish_axis(ax.xaxis, decimals=1)
        ax.grid(axis="y", visible=False)
        self.title = ax.set_title(" ")
        self.update(fleet, year, electricity, scenario, title)

    @staticmethod
    def _summary(fleet, year, electricity, scenario) -> pd.DataFrame:
        fleet = _fleet(fleet)
        return fuel_summary(fleet, emissions.fleet_emissions(fleet, year, electricity, scenario)).drop(index="total")

    @property
    def dynamic(self) -> list:
        return [*self.bars, self.title]

    def update(self, fleet: pd.DataFrame, year: int = YEAR, electricity: str = "nordic_mix",
               scenario: str = "stay_6", title: str = "") -> None:
        """The bars and the title for another year, electricity factor or scenario (same fleet)."""
        s = self._summary(fleet, year, electricity, scenario)
        title = checks.text(title, "title", "rubrik", max_length=200)
        if tuple(s.index) != self.fuels:
            raise ValueError("fleet (fordonslistan) har andra drivmedel än diagrammet: rita ett nytt.")
        values = s["emissions_t_co2e"].to_numpy()[::-1]
        for bar, value in zip(self.bars, values):
            bar.set_width(value)
        self.title.set_text(title)
        self.ax.set_xlim(0, LiveFigure.steady_limit(self.ax.get_xlim()[1], max(float(values.max()), 0.1)))


def electricity_choice_table(fleet: pd.DataFrame, year: int = YEAR) -> pd.DataFrame:
    """The fleet's EV emissions and total under each electricity factor."""
    fleet = _fleet(fleet)
    rows = []
    for choice, label in c.ELECTRICITY_LABELS.items():
        e = emissions.fleet_emissions(fleet, year, choice)
        is_el = (fleet["fuel"] == "electricity") | (fleet["fuel"] == "phev")
        el_only = e["electricity_kwh"] * c.ELECTRICITY_FACTORS[choice] / 1000
        rows.append({"Elfaktor": label, "Elens utsläpp (ton CO₂e/år)": float(el_only[is_el].sum()),
                     "Hela flottan (ton CO₂e/år)": float(e["emissions_t_co2e"].sum())})
    return pd.DataFrame(rows)


def stock_table(kommun: str) -> pd.DataFrame:
    """The kommun's cars and light lorries in traffic and new cars 2025 by fuel (Trafikanalys)."""
    return vehicles.stock_table(kommun)


def registrations_figure(kommun: str):
    """Rechargeable share of new cars 2015–2025 in the kommun."""
    reg = vehicles.new_registrations(kommun)
    fig, ax = new_figure(width=8, height=3.5)
    ax.plot(reg.index, reg["rechargeable_share_pct"], "-o", color=MAIN, label="Laddbara (el + laddhybrid)")
    share_bev = 100 * reg["new_bev"] / reg["new_cars_total"].where(reg["new_cars_total"] > 0)
    ax.plot(reg.index, share_bev, "--s", color=OKABE_ITO["vermillion"], label="Bara elbilar")
    ax.set_ylabel("andel av nya personbilar (%)")
    ax.set_ylim(0, 100)
    ax.legend(loc="upper left")
    ax.set_title(f"Nya personbilar i {kommun}")
    return fig


def site_grid() -> pd.DataFrame:
    """Precomputed data for the static-site chart: the example fleet's emissions per fuel for every
    year 2020–2035 × electricity factor × reduktionsplikt scenario (tidy)."""
    fleet = example()
    rows = []
    for year, electricity, scenario in itertools.product(YEARS, c.ELECTRICITY_FACTORS, c.RP_SCENARIOS):
        s = fuel_summary(fleet, emissions.fleet_emissions(fleet, year, electricity, scenario)).drop(index="total")
        for fuel, row in s.iterrows():
            rows.append({"year": year, "electricity": electricity, "scenario": scenario, "fuel": fuel,
                         "fuel_sv": c.FUEL_LABELS[fuel], "vehicles": int(row["vehicles"]),
                         "emissions_t_co2e": float(row["emissions_t_co2e"])})
    return pd.DataFrame(rows)
