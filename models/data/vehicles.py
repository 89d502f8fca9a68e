"""Vehicles, new registrations and public charging per kommun (Trafikanalys, Power Circle).

* ``vehicles_in_traffic_2025`` – vehicles in traffic at year-end 2025 by kind (Trafikanalys, Statistik 2026:2);
* ``vehicles_by_fuel_2025`` – cars, light and heavy lorries and buses by fuel (same publication);
* ``ev_new_registrations`` – new cars and rechargeable new cars 2015–2025 (Trafikanalys, via Klimatkollen);
* ``charging_infrastructure`` – rechargeable vehicles and public charging points, Dec 2023/2024/2025
  (Power Circle, via Klimatkollen).

Power Circle's vehicle counts differ from Trafikanalys': never mix them in one ratio.
"""
from __future__ import annotations

from functools import lru_cache

import pandas as pd

from models.common import checks
from models.data.package import COUNTY_NAME, kommun_name, load, version

SNAPSHOTS = ("2023-12", "2024-12", "2025-12")
FUEL_LABELS = {
    "petrol": "Bensin", "diesel": "Diesel", "electricity": "El", "electric_hybrid": "Elhybrid",
    "plug_in_hybrid": "Laddhybrid", "ethanol": "Etanol", "gas": "Gas", "others": "Övriga",
    "electric_or_plug_in_hybrid": "Elhybrid eller laddhybrid", "cng": "CNG", "lng": "LNG",
}
CATEGORIES = {
    "passenger_cars_in_traffic": "Personbilar i trafik",
    "passenger_cars_new_registrations": "Nyregistrerade personbilar 2025",
    "light_lorries_in_traffic": "Lätta lastbilar i trafik",
    "heavy_lorries_in_traffic": "Tunga lastbilar i trafik",
    "buses_in_traffic": "Bussar i trafik",
}
_NOTES = {
    "vehicles": "Källa: Trafikanalys, Fordon i län och kommuner 2025 (Statistik 2026:2), via Klimatkollen.",
    "registrations": "Källa: Trafikanalys nyregistreringar 2015–2025, sammanställt av Klimatkollen; "
                     "2025 från Trafikanalys Statistik 2026:2 (andelen beräknad).",
    "charging": "Källa: Power Circle, laddpunkter och laddbara fordon december 2023–2025, via Klimatkollen. "
                "Bearbetning: Stratus egna beräkningar.",
}


def source_note(which: str = "vehicles") -> str:
    """The citation printed under tables and charts: ``vehicles``, ``registrations`` or ``charging``."""
    return _NOTES[checks.choice(which, _NOTES, name="which", singular="datakälla", plural="datakällor")]


def _area(kommun) -> str:
    if isinstance(kommun, str) and kommun.strip().casefold() in {COUNTY_NAME.casefold(), "norrbotten", "länet"}:
        return COUNTY_NAME
    return kommun_name(kommun)


@lru_cache(maxsize=4)
def _by_fuel(key: tuple) -> pd.DataFrame:
    return load("vehicles_by_fuel_2025")


def vehicles_by_fuel(kommun, category: str = "passenger_cars_in_traffic") -> pd.Series:
    """Vehicles by fuel (index: fuel key, without the ``total`` row) for one kommun, year-end 2025."""
    name = kommun_name(kommun)
    category = checks.choice(category, CATEGORIES, name="category", singular="fordonskategori", plural="kategorier")
    frame = _by_fuel(version("vehicles_by_fuel_2025"))
    rows = frame[(frame["kommun"] == name) & (frame["vehicle_category"] == category) & (frame["fuel"] != "total")]
    return rows.set_index("fuel")["count"].astype(int)


@lru_cache(maxsize=4)
def _in_traffic(key: tuple) -> pd.DataFrame:
    return load("vehicles_in_traffic_2025").set_index("kommun")


def vehicles_in_traffic(kommun) -> pd.Series:
    """One kommun's row of ``vehicles_in_traffic_2025`` (counts at year-end 2025)."""
    return _in_traffic(version("vehicles_in_traffic_2025")).loc[kommun_name(kommun)]


def stock_table(kommun) -> pd.DataFrame:
    """The kommun's cars and light lorries in traffic 2025 by fuel, and the 2025 new cars (Swedish labels)."""
    return _stock_table(kommun_name(kommun), version("vehicles_by_fuel_2025")).copy()


@lru_cache(maxsize=32)
def _stock_table(kommun: str, key: tuple) -> pd.DataFrame:
    columns = {}
    for category in ("passenger_cars_in_traffic", "light_lorries_in_traffic", "passenger_cars_new_registrations"):
        columns[CATEGORIES[category]] = vehicles_by_fuel(kommun, category)
    table = pd.DataFrame(columns).fillna(0).astype(int)
    table = table[(table.sum(axis=1) > 0)]
    table.index = [FUEL_LABELS.get(i, i) for i in table.index]
    table.index.name = "Drivmedel"
    table.loc["Totalt"] = table.sum()
    return table.reset_index()


@lru_cache(maxsize=4)
def _registrations(key: tuple) -> pd.DataFrame:
    return load("ev_new_registrations")


def new_registrations(kommun) -> pd.DataFrame:
    """New cars per year 2015–2025: ``new_bev``, ``new_phev``, ``new_cars_total``, ``rechargeable_share_pct``."""
    frame = _registrations(version("ev_new_registrations"))
    rows = frame[frame["kommun"] == kommun_name(kommun)]
    return rows.set_index("year")[["new_bev", "new_phev", "new_rechargeable_cars", "new_cars_total",
                                   "rechargeable_share_pct"]]


@lru_cache(maxsize=4)
def _charging(key: tuple) -> pd.DataFrame:
    return load("charging_infrastructure")


def charging(kommun=None) -> pd.DataFrame:
    """Power Circle's counts by kommun and snapshot (``kommun=None``: all kommuner and the county row)."""
    frame = _charging(version("charging_infrastructure"))
    if kommun is None:
        return frame.copy()
    return frame[frame["kommun"] == _area(kommun)].set_index("snapshot")


def charging_wide(snapshot: str = "2025-12") -> pd.DataFrame:
    """One row per kommun (index) for a snapshot: rechargeable vehicles, charging points, stations, DC."""
    snapshot = checks.choice(snapshot, SNAPSHOTS, name="snapshot", singular="ögonblicksbild", plural="ögonblicksbilder")
    frame = _charging(version("charging_infrastructure"))
    rows = frame[(frame["snapshot"] == snapshot) & (frame["kommun"] != COUNTY_NAME)]
    return rows.set_index("kommun")[["bev_count", "phev_count", "rechargeable_vehicles", "charging_points",
                                     "charging_stations", "dc_charging_stations"]]


def county_charging(snapshot: str = "2025-12") -> pd.Series | None:
    """The county row of a snapshot (only Dec 2025 has one), or ``None``."""
    snapshot = checks.choice(snapshot, SNAPSHOTS, name="snapshot", singular="ögonblicksbild", plural="ögonblicksbilder")
    frame = _charging(version("charging_infrastructure"))
    rows = frame[(frame["snapshot"] == snapshot) & (frame["kommun"] == COUNTY_NAME)]
    return None if rows.empty else rows.iloc[0]
