"""Kommunprofiler: one page of key figures per kommun, built from the chapters' lesson modules.

:func:`profile` gathers, for one kommun, every figure the profile page shows – each with its
source and data year – from the same functions the lessons use, so a profile never disagrees
with a lesson. ``scripts/kommunprofiler.py`` renders the pages at build time.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from models import data
from models.common.formatting import fmt_number, fmt_pct
from models.data import emissions as smhi
from models.data import klimatkollen
from models.lessons.solel import platser
from models.lessons.strategi import utslapp

KT = 1000.0
#: Tilt of the profile's yield estimate [degrees]: a common steep mounting at these latitudes (see Solel).
YIELD_TILT_DEG = 45


@dataclass(frozen=True)
class Figure:
    """One row of a profile: label, formatted value, data year and source."""

    label: str
    value: str
    year: str
    source: str


def _consumption(name: str) -> float | None:
    table = data.load("consumption_emissions_2023")
    row = table[table["kommun"] == name]
    return None if row.empty else float(row["consumption_emissions_kg_co2e_per_capita"].iloc[0]) / 1000


def emissions_figures(kommun) -> list[Figure]:
    """Territorial emissions, sectors, trend, consumption-based emissions."""
    name = data.kommun_name(kommun)
    s = utslapp.summary(name)
    year = str(s["year"])
    smhi_note = smhi.source_note(smhi.LATEST_DATASET).removeprefix("Källa: ").rstrip(".")
    sectors = utslapp.sector_shares(name).head(3)
    rows = [
        Figure("Territoriella utsläpp", f"{fmt_number(s['emissions_t_co2e'] / KT)} tusen ton CO₂e", year, smhi_note),
        Figure("Per invånare", f"{fmt_number(s['t_co2e_per_capita'], 1)} ton CO₂e", year,
               f"{smhi_note}; befolkning SCB (beräknat)"),
        Figure("Andel av länets utsläpp", f"{fmt_pct(s['share_of_county_pct'])} (plats {s['rank_in_county']} av 14)",
               year, f"{smhi_note} (beräknat)"),
        Figure("Största sektorer", "; ".join(f"{r.sector_sv} {fmt_pct(r.share_pct, 0)}" for r in sectors.itertuples()),
               year, smhi_note),
        Figure("Förändring per år sedan 2015", fmt_pct(s["cagr_2015_pct_per_year"], 1, signed=True),
               f"2015–{year}", f"{smhi_note} (beräknat, som Klimatkollen)"),
    ]
    consumption = _consumption(name)
    if consumption is not None:
        rows.append(Figure("Konsumtionsbaserade utsläpp per invånare", f"{fmt_number(consumption, 1)} ton CO₂e",
                           "2023", "Klimatkollen (partnerdata, producent anges inte)"))
    return rows


def target_figures(kommun) -> list[Figure]:
    """Klimatkollen's budget and required rate, the kommun's own adopted targets, the climate plan."""
    name = data.kommun_name(kommun)
    budget = klimatkollen.budget_table().loc[name]
    rows = [
        Figure("Koldioxidbudget från 2024 (1,5 °C)", f"{fmt_number(budget['budget_remaining_t'] / KT)} tusen ton CO₂",
               "2024", "Klimatkollen, utgåva december 2024"),
        Figure("Nödvändig minskning per år enligt Klimatkollen", fmt_pct(budget["needed_annual_reduction_pct"], 1),
               "från 2024", "Klimatkollen, utgåva december 2024"),
        Figure("Budgeten tar slut med nuvarande trend", f"{budget['budget_runs_out_date']:%Y-%m-%d}",
               "beräknat 2024", "Klimatkollen, utgåva december 2024"),
    ]
    own = klimatkollen.local_targets(name)
    own = own[(own["category"] == "target") | (own["metric"] == "required_annual_co2_reduction")]
    for row in own.itertuples():
        rows.append(Figure(f"Kommunens eget: {_metric_sv(row.metric)}", _local_value(row), _period(row.period),
                           f"{name} kommun, {row.source_url}"))
    plans = data.load("climate_plans")
    plan = plans[plans["kommun"] == name].iloc[0]
    adopted = "" if pd.isna(plan["plan_adopted_year"]) else str(int(plan["plan_adopted_year"]))
    rows.append(Figure("Klimatplan", str(plan["plan_name_or_comment_sv"]), adopted or "–",
                       "Klimatkollens klimatplansregister"))
    return rows


def transport_figures(kommun) -> list[Figure]:
    """Cars in traffic, new rechargeable cars and public charging points."""
    name = data.kommun_name(kommun)
    people = data.kommun(name).population
    cars = data.load("vehicles_in_traffic_2025").set_index("kommun").loc[name]
    new = data.load("ev_new_registrations")
    new = new[new["kommun"] == name].set_index("year").sort_index()
    latest_new = int(new.index.max())
    charging = data.load("charging_infrastructure")
    charging = charging[charging["kommun"] == name].set_index("snapshot").sort_index()
    snap = charging.index.max()
    trafa = "Trafikanalys, Fordon i län och kommuner 2025"
    return [
        Figure("Personbilar i trafik", f"{fmt_number(cars['passenger_cars'])} ({fmt_number(cars['passenger_cars'] / people * 1000)} "
               "per 1 000 invånare)", str(int(cars["year"])), f"{trafa}; befolkning SCB (beräknat)"),
        Figure("Laddbara bilar av nyregistrerade personbilar", fmt_pct(new.loc[latest_new, "rechargeable_share_pct"], 1),
               str(latest_new), "Trafikanalys, via Klimatkollen"),
        Figure("Publika laddpunkter", fmt_number(charging.loc[snap, "charging_points"]), snap, "Power Circle, via Klimatkollen"),
        Figure("Laddbara fordon per laddpunkt", fmt_number(charging.loc[snap, "rechargeable_vehicles"]
                                                          / charging.loc[snap, "charging_points"], 1),
               snap, "Power Circle, via Klimatkollen (beräknat)"),
    ]


def solar_figures(kommun) -> list[Figure]:
    """Installed grid-connected PV (Energimyndigheten via Newsworthy, 2022)."""
    name = data.kommun_name(kommun)
    pv = data.load("solar_pv")
    pv = pv[(pv["kommun"] == name) & (pv["year"] == pv.loc[pv["kommun"] == name, "year"].max())]
    pv = pv.drop_duplicates("metric").set_index("metric")
    rows = []
    if "installed_w_per_inhabitant" in pv.index:
        rows.append(Figure("Installerad solel per invånare", f"{fmt_number(pv.loc['installed_w_per_inhabitant', 'value'])} W",
                           str(int(pv.loc["installed_w_per_inhabitant", "year"])), "Energimyndigheten, via Newsworthy"))
    if "installed_capacity_total" in pv.index:
        rows.append(Figure("Installerad solel totalt", f"{fmt_number(pv.loc['installed_capacity_total', 'value'], 1)} MW",
                           str(int(pv.loc["installed_capacity_total", "year"])), "Energimyndigheten, via Newsworthy"))
    if not rows:
        rows.append(Figure("Installerad solel", "uppgift saknas (sekretess i statistiken)", "2022",
                           "Energimyndigheten, via Newsworthy"))
    kwh = platser.specific_yield(name, YIELD_TILT_DEG)
    place = data.kommun(name).main_town
    rows.append(Figure(f"Beräknad årsproduktion i {place}, söderläge {YIELD_TILT_DEG}° lutning, med snö",
                       f"{fmt_number(kwh)} kWh per kWp", "typår",
                       f"{platser.source_note(name).removeprefix('Källa: ').rstrip('.')} (beräknat med pvlib)"))
    return rows


_METRICS_SV = {
    "required_annual_co2_reduction": "nödvändig minskning av CO₂ per år",
    "co2_budget_2023_2040": "koldioxidbudget 2023–2040",
    "co2_emissions_2021_preliminary": "CO₂-utsläpp 2021 (preliminärt)",
    "years_until_budget_used_at_2021_rate": "år tills budgeten är slut med 2021 års takt",
    "climate_neutral_year": "klimatneutral år",
    "co2_reduction_target_2030": "minska CO₂ till 2030",
    "co2_reduction_target_2050": "minska CO₂ till 2050",
    "co2_per_capita_target_2030": "CO₂ per invånare 2030",
    "co2_per_capita_2013": "CO₂ per invånare 2013",
    "co2_reduction_target_2020": "minska CO₂ till 2020",
    "fossil_co2_reduction_2013_vs_1998": "minskning av fossil CO₂ 1998–2013",
    "ghg_reduction_target_2030": "minska växthusgaserna till 2030",
    "ghg_reduction_since_1990": "minskning av växthusgaserna sedan 1990",
    "net_zero_year": "nettonoll år",
}
_UNITS_SV = {
    "percent_per_year": "% per år", "percent": "%", "percent_more_than": "% (mer än)",
    "million_t_co2_approx": "miljoner ton CO₂ (cirka)", "years_approx": "år (cirka)", "year": "",
    "t_co2_per_inhabitant": "ton CO₂ per invånare", "years": "år",
}


def _period(period) -> str:
    if period is None or pd.isna(period):
        return "–"
    return str(period).replace("-", "–").replace("from ", "från ").replace("to ", "till ")


def _metric_sv(metric: str) -> str:
    return _METRICS_SV.get(metric, metric.replace("_", " "))


def _local_value(row) -> str:
    unit = _UNITS_SV.get(row.unit, row.unit)
    value = str(int(row.value)) if row.unit == "year" else fmt_number(row.value, 0 if float(row.value).is_integer() else 1)
    return f"{value} {unit}".strip()


def profile(kommun) -> dict:
    """Everything one profile page shows, grouped by section."""
    name = data.kommun_name(kommun)
    k = data.kommun(name)
    return {
        "kommun": name,
        "main_town": k.main_town,
        "population": fmt_number(k.population),
        "population_date": f"{k.population_date:%Y-%m-%d}",
        "sections": {
            "Utsläpp": emissions_figures(name),
            "Mål och budget": target_figures(name),
            "Transporter": transport_figures(name),
            "Solel": solar_figures(name),
        },
    }
