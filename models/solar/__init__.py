"""Solar power in Norrbotten: pure, vectorised compositions of pvlib 0.16.1 functions.

Weather frames in, Series/DataFrames out; no file reading (weather files: :mod:`models.data.weather`)
and no kommun lookup (the kommun-named entry points ``typical_year(kommun)``,
``simulate(kommun, …)``, ``specific_yield(kommun, …)`` and ``optimal_tilt(kommun)`` are in
:mod:`models.lessons.solel.platser`, which joins the data to these functions and caches them).

* :mod:`~models.solar.typical_year` – a typical hourly year for any place from the Luleå year;
* :mod:`~models.solar.pv` – the PV chain (position → POA → cell temperature → DC → losses → AC),
  yields and the tilt × azimuth map, vectorised over orientations;
* :mod:`~models.solar.snow` – snowfall from snow depth and pvlib's Marion snow model;
* :mod:`~models.solar.selfconsumption` – production against load, illustrative load profiles;
* :mod:`~models.solar.economics` – value of the kWh, LCOE, NPV, payback;
* :mod:`~models.solar.screening` – ranking a municipality's buildings; the county scenario;
* :mod:`~models.solar.constants` – every number with its source and year.
"""
from models.solar import constants, economics, screening, selfconsumption, snow
from models.solar.economics import Prices, lcoe, npv, payback_years
from models.solar.pv import (
    Site, chain, monthly_yield, optimal_tilt, orientation_map, poa, prepare, simulate, specific_yield,
)
from models.solar.selfconsumption import PROFILES, balance, check_load, load_profile
from models.solar.typical_year import (
    COLUMNS, check_weather, clear_sky, diffuse_calibration, generate, monthly_statistics,
)

__all__ = [
    "COLUMNS", "PROFILES", "Prices", "Site", "balance", "chain", "check_load", "check_weather", "clear_sky",
    "constants", "diffuse_calibration", "economics", "generate", "lcoe", "load_profile", "monthly_statistics",
    "monthly_yield", "npv", "optimal_tilt", "orientation_map", "payback_years", "poa", "prepare", "screening",
    "selfconsumption", "simulate", "snow", "specific_yield",
]
