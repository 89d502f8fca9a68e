"""The municipality's own fleet to fossil-free in a cold climate (chapter Transporter).

Pure models, plain values or DataFrames in and out; every sourced number is in :mod:`constants`.

* :func:`fuel_emission_factor` – well-to-wheel kg CO₂e per litre, Nm³ or kWh by fuel and year;
* :func:`fleet_emissions` – energy and emissions of each vehicle;
* :func:`ev_consumption`, :func:`range_check` – EV energy use in the cold and the working-day test;
* :func:`tco`, :func:`compare`, :func:`break_even_km`, :func:`sensitivity` – total cost of ownership;
* :func:`replacement_plan`, :func:`transition` – replacement policy and the fleet year by year;
* :func:`charging_need`, :func:`public_charging_projection` – charging at the sites and in the kommun.
"""
from models.transport import constants
from models.transport.charging import charging_need, public_charging_projection
from models.transport.cold import annual_factor, ev_consumption, monthly_factors, range_check, temperature_factor
from models.transport.emissions import emission_factors, fleet_emissions, fuel_emission_factor, reduction_obligation
from models.transport.fleet import fuel_summary, synthetic_fleet
from models.transport.costs import annuity_factor, break_even_km, compare, crf, sensitivity, tco, tco_breakdown
from models.transport.turnover import (
    RULES, fossil_free_year, procurement_share, replacement_plan, transition,
)

__all__ = [
    "RULES", "annual_factor", "annuity_factor", "break_even_km", "charging_need", "compare", "constants", "crf",
    "emission_factors", "ev_consumption", "fleet_emissions", "fossil_free_year", "fuel_emission_factor",
    "fuel_summary", "monthly_factors", "procurement_share", "public_charging_projection", "range_check",
    "reduction_obligation", "replacement_plan", "sensitivity", "synthetic_fleet", "tco", "tco_breakdown",
    "temperature_factor", "transition",
]
