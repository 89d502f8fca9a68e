"""Well-to-wheel emissions per fuel and year, and the energy and emissions of a fleet (method M6).

``CO₂e = fuel use × the fuel's well-to-wheel factor``, as miljofordon.se computes it with
Energimyndigheten's factors. Petrol and diesel follow the reduktionsplikt of each year:
``EF(y) = EF_fossil × (1 − RP_y)`` with the fossil reference factors of Energimyndigheten's 2016
table (Bensin MK2 3.004, Diesel MK3 3.414 kg CO₂e/l). This is a floor on the reduction: suppliers
may over-comply. Other fuels keep the 2016 factor in every year (no newer one in the book's material).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from models.common import checks
from models.transport import constants as c

FLEET_COLUMNS = ("fuel", "annual_km", "consumption_per_km")


def check_fuel(fuel) -> str:
    """``fuel`` if it is one of :data:`constants.FUELS`, else a Swedish ``ValueError``."""
    return checks.choice(fuel, c.FUELS, name="fuel", singular="drivmedel", plural="drivmedel")


def check_year(year) -> int:
    """``year`` as an int within the years the book has factors for (2018, 2020–2050)."""
    y = checks.integer(year, "year", "år")
    if not c.FIRST_YEAR <= y <= c.LAST_YEAR:
        raise ValueError(f"year (år) måste ligga mellan {c.FIRST_YEAR} och {c.LAST_YEAR}, fick {y}.")
    if c.FIRST_YEAR < y < min(k for k in c.REDUCTION_OBLIGATION if k > c.FIRST_YEAR):
        raise ValueError(f"Reduktionspliktens nivå för {y} finns inte i bokens underlag. Giltiga år: "
                         f"{c.FIRST_YEAR} och 2020–{c.LAST_YEAR}.")
    return y


def check_electricity(electricity) -> str:
    return checks.choice(electricity, c.ELECTRICITY_FACTORS, name="electricity", singular="elfaktor",
                         plural="elfaktorer")


def check_scenario(scenario) -> str:
    return checks.choice(scenario, c.RP_SCENARIOS, name="scenario", singular="scenario för reduktionsplikten",
                         plural="scenarier")


def reduction_obligation(year, scenario: str = "stay_6") -> tuple[float, float]:
    """The reduktionsplikt (petrol, diesel) as fractions for ``year``.

    Decided levels up to 2026; from 2027 the ``scenario``: ``"stay_6"`` (6 % stays), ``"none"`` (0 %)
    or ``"earlier_plan"`` (the plan removed in 2023: 28 % / 66 % in 2030, a straight line from the
    2026 level over 2027–2029 (computed), constant after 2030).
    """
    y = check_year(year)
    scenario = check_scenario(scenario)
    if y <= c.LAST_DECIDED_YEAR:
        return c.REDUCTION_OBLIGATION[y]
    if scenario == "stay_6":
        return c.REDUCTION_OBLIGATION[c.LAST_DECIDED_YEAR]
    if scenario == "none":
        return (0.0, 0.0)
    start = c.REDUCTION_OBLIGATION[c.LAST_DECIDED_YEAR]
    t = min(1.0, (y - c.LAST_DECIDED_YEAR) / (2030 - c.LAST_DECIDED_YEAR))
    return tuple(a + t * (b - a) for a, b in zip(start, c.EARLIER_PLAN_2030))


def fuel_emission_factor(fuel, year, electricity: str = "nordic_mix", scenario: str = "stay_6") -> float:
    """Well-to-wheel factor [kg CO₂e per litre, Nm³ or kWh] of ``fuel`` in ``year``.

    Parameters
    ----------
    fuel : str
        One of ``petrol, diesel, hvo100, biogas, e85, electricity, phev`` (a plug-in hybrid's
        factor is that of its petrol, per litre; its electricity is counted separately).
    year : int
        2018 or 2020–2050 (the reduktionsplikt level of 2019 is not in the book's material).
    electricity : str
        ``swedish_mix`` (47 g/kWh), ``nordic_mix`` (90), ``residual_mix`` (372) or ``renewable`` (0).
    scenario : str
        The reduktionsplikt from 2027: ``stay_6``, ``none`` or ``earlier_plan``.
    """
    fuel = check_fuel(fuel)
    y = check_year(year)
    electricity = check_electricity(electricity)
    if fuel == "electricity":
        return c.ELECTRICITY_FACTORS[electricity]
    if fuel in ("petrol", "phev", "diesel"):
        petrol, diesel = reduction_obligation(y, scenario)
        if fuel == "diesel":
            return c.EM_2016_KG_PER_UNIT["diesel_fossil"] * (1.0 - diesel)
        return c.EM_2016_KG_PER_UNIT["petrol_fossil"] * (1.0 - petrol)
    check_scenario(scenario)
    return c.EM_2016_KG_PER_UNIT[fuel]


def emission_factors(year, electricity: str = "nordic_mix", scenario: str = "stay_6") -> dict[str, float]:
    """Every fuel's factor in ``year`` (kg CO₂e per its unit)."""
    return dict(_emission_factors(check_year(year), check_electricity(electricity), check_scenario(scenario)))


@lru_cache(maxsize=512)
def _emission_factors(year: int, electricity: str, scenario: str) -> tuple:
    """The factors of checked arguments, kept: a transition asks for the same few years again and again."""
    return tuple((fuel, fuel_emission_factor(fuel, year, electricity, scenario)) for fuel in c.FUELS)


def fleet_emissions(fleet: pd.DataFrame, year, electricity: str = "nordic_mix",
                    scenario: str = "stay_6") -> pd.DataFrame:
    """Fuel use, energy and well-to-wheel emissions of each vehicle in ``year``.

    ``fleet`` needs ``fuel``, ``annual_km`` [km/yr] and ``consumption_per_km`` [the fuel's unit per km;
    for a plug-in hybrid litres of petrol]; an optional ``electricity_per_km`` [kWh/km] adds a plug-in
    hybrid's charging. Returns ``fuel_use`` [unit/yr], ``electricity_kwh`` [kWh/yr], ``energy_kwh``
    [kWh/yr, all energy] and ``emissions_t_co2e`` [t/yr], indexed like ``fleet``.
    """
    checks.table_with_columns(fleet, FLEET_COLUMNS, "fleet (fordonslistan)")
    factors = emission_factors(year, electricity, scenario)
    fuels = fleet["fuel"].astype(str)
    unknown = sorted(set(fuels) - set(c.FUELS))
    if unknown:
        check_fuel(unknown[0])
    km = _non_negative(fleet["annual_km"], "annual_km (körsträcka per år)")
    cons = _non_negative(fleet["consumption_per_km"], "consumption_per_km (förbrukning per km)")
    extra = (_non_negative(fleet["electricity_per_km"].fillna(0.0), "electricity_per_km (elförbrukning per km)")
             if "electricity_per_km" in fleet else np.zeros(len(fleet)))
    is_phev = (fuels == "phev").to_numpy()
    use = km * cons
    elec = np.where(fuels == "electricity", use, 0.0) + np.where(is_phev, km * extra, 0.0)
    mj = fuels.map(c.ENERGY_MJ_PER_UNIT).to_numpy(float)
    energy = np.where(fuels == "electricity", use, use * mj / 3.6 + np.where(is_phev, km * extra, 0.0))
    kg = use * fuels.map(factors).to_numpy(float) + np.where(is_phev, km * extra * factors["electricity"], 0.0)
    return pd.DataFrame({"fuel_use": use, "electricity_kwh": elec, "energy_kwh": energy,
                         "emissions_t_co2e": kg / 1000.0}, index=fleet.index)


def _non_negative(values, name: str) -> np.ndarray:
    try:
        x = pd.to_numeric(pd.Series(values), errors="raise").to_numpy(float)
    except (ValueError, TypeError):
        raise ValueError(f"{name} måste vara tal.") from None
    if not np.all(np.isfinite(x)) or np.any(x < 0):
        bad = x[~np.isfinite(x) | (x < 0)][0]
        raise ValueError(f"{name} får inte vara negativ eller saknas, fick {bad:g}. Giltigt: ett tal ≥ 0.")
    return x
