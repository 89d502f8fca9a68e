"""EV energy use in the cold and the range test for a working day (method M4).

``e(T) = e_ref · f(T)`` with ``e_ref`` the consumption at 20 °C and ``f`` a linear penalty per degree
below (heating) or above (cooling) the reference. Three cases form a band, because no source in the
book's material measures modern EVs at −20 or −30 °C (those temperatures are extrapolation):

* ``low``     0.76 %/°C: NAF / Motor El Prix, January 2022, range 11–21 % below WLTP at 0 to −10 °C
  (middle: 16 % at −5 °C; long drives with a warm car);
* ``central`` 0.98 %/°C: Tesla Model S data (arXiv:1801.05290, quoted in rl-institut/simbev#6);
* ``high``    3.23 %/°C: Geotab 2020, 54 % of rated range at −15 °C against 115 % at its optimum
  (mostly short urban trips, where heating the cabin dominates).

Above 20 °C all cases add 0.63 %/°C for cooling (same source as the central case).
Range test: ``longest_daily_km · e(T_design) ≤ usable_kWh · (1 − reserve)``; preheating on grid power
at a parking place with power adds 20–30 km (Norrbotten regional project, Fossilfritt Sverige).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.common import checks
from models.transport import constants as c

PENALTIES = {"low": c.LOW_PENALTY_PER_C, "central": c.HEATING_PENALTY_PER_C, "high": c.HIGH_PENALTY_PER_C}
VERDICTS = {
    "now": "Kan bli elfordon nu",
    "larger_battery": "Behöver större batteri",
    "charge_stop": "Behöver laddning under dagen",
    "renewable_fuel": "HVO100 eller biogas tills vidare",
}
TEMP_MIN_C, TEMP_MAX_C = -50.0, 45.0


def check_case(case) -> str:
    return checks.choice(case, c.CASES, name="case", singular="fall", plural="fall (case)")


def _temps(temp_c) -> np.ndarray:
    if isinstance(temp_c, (bool, np.bool_)) or isinstance(temp_c, str):
        raise ValueError(f"temp_c (utetemperatur) måste vara ett tal i °C, fick {checks.show(temp_c)}.")
    try:
        t = np.asarray(temp_c, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"temp_c (utetemperatur) måste vara tal i °C, fick {checks.show(temp_c)}.") from None
    if not np.all(np.isfinite(t)) or np.any(t < TEMP_MIN_C) or np.any(t > TEMP_MAX_C):
        raise ValueError(f"temp_c (utetemperatur) måste ligga mellan {TEMP_MIN_C:g} och {TEMP_MAX_C:g} °C.")
    return t


def temperature_factor(temp_c, case: str = "central"):
    """``f(T)``: consumption at ``temp_c`` [°C] relative to 20 °C (1.0 at 20 °C). Vectorised."""
    slope = PENALTIES[check_case(case)]
    t = _temps(temp_c)
    below = np.maximum(c.REFERENCE_TEMP_C - t, 0.0)
    above = np.maximum(t - c.REFERENCE_TEMP_C, 0.0)
    f = 1.0 + slope * below + c.COOLING_PENALTY_PER_C * above
    return float(f) if f.ndim == 0 else f


def ev_consumption(base_kwh_per_km, temp_c, case: str = "central"):
    """Energy use [kWh/km] of an EV at ``temp_c`` [°C]; ``base_kwh_per_km`` is its use at 20 °C.

    ``case`` is ``"low"``, ``"central"`` or ``"high"`` (see the module docstring). Vectorised over
    arrays of temperatures and/or base consumptions (NumPy broadcasting).
    """
    if isinstance(base_kwh_per_km, (int, float, np.integer, np.floating)) and not isinstance(base_kwh_per_km, bool):
        base = checks.positive(base_kwh_per_km, "base_kwh_per_km", "förbrukning vid 20 °C, kWh/km", high=10.0)
    else:
        try:
            base = np.asarray(base_kwh_per_km, dtype=float)
        except (TypeError, ValueError, OverflowError):
            raise ValueError("base_kwh_per_km (förbrukning vid 20 °C, kWh/km) måste vara tal.") from None
        if base.size == 0 or not np.all(np.isfinite(base)) or np.any(base <= 0) or np.any(base > 10.0):
            raise ValueError("base_kwh_per_km (förbrukning vid 20 °C, kWh/km) måste vara tal större än 0.")
    result = base * temperature_factor(temp_c, case)
    return float(result) if np.ndim(result) == 0 else result


def monthly_factors(case: str = "central", temps_c=c.LULEA_MONTHLY_MEAN_C) -> np.ndarray:
    """``f(T)`` for each month's temperature (default: Luleå typical year, monthly means)."""
    temps = checks.number_list(temps_c, "temps_c", "månadens medeltemperatur i °C", low=TEMP_MIN_C, high=TEMP_MAX_C,
                               max_length=12)
    if len(temps) != 12:
        raise ValueError(f"temps_c (månadens medeltemperatur) måste ha 12 värden, ett per månad, fick {len(temps)}.")
    return np.asarray(temperature_factor(np.asarray(temps, float), case))


def annual_factor(case: str = "central", temps_c=c.LULEA_MONTHLY_MEAN_C) -> float:
    """Year-average ``f``: the monthly factors weighted by days (Luleå typical year by default)."""
    f = monthly_factors(case, temps_c)
    return float(np.average(f, weights=c.DAYS_IN_MONTH))


def range_check(longest_daily_km, base_kwh_per_km, battery_kwh, temp_c, case: str = "central",
                reserve: float = c.RANGE_RESERVE, preheated=False, large_battery_kwh=None) -> pd.DataFrame:
    """Can each vehicle's longest day be driven electrically at ``temp_c``? Vectorised over vehicles.

    Parameters
    ----------
    longest_daily_km : array-like
        The longest distance driven in a day [km], one per vehicle.
    base_kwh_per_km : array-like or float
        The EV's consumption at 20 °C [kWh/km].
    battery_kwh : array-like or float
        Usable battery capacity of the EV considered [kWh].
    temp_c : float
        Design temperature [°C] (e.g. the coldest hour of the kommun's typical year).
    case : str
        ``low``, ``central`` or ``high``.
    reserve : float
        Share of the battery kept in reserve [0, 1).
    preheated : bool or array-like
        Preheated on grid power before the first trip (needs a parking place with power): adds
        20–30 km of range (Fossilfritt Sverige).
    large_battery_kwh : array-like or float, optional
        The largest battery to consider instead; default from :data:`constants.LARGE_BATTERY_KWH` (cars).

    Returns
    -------
    DataFrame with ``kwh_per_km`` at ``temp_c``, ``needed_kwh``, ``available_kwh``, ``range_km``,
    ``margin_km`` (negative when the day does not fit), ``verdict`` (key) and ``verdict_sv``.
    """
    case = check_case(case)
    reserve = checks.fraction(reserve, "reserve", "reserv i batteriet", "0.2 för 20 %")
    km = _positive_array(longest_daily_km, "longest_daily_km (längsta körsträcka per dag, km)", allow_zero=True)
    n = km.size
    base = np.broadcast_to(_positive_array(base_kwh_per_km, "base_kwh_per_km (förbrukning vid 20 °C, kWh/km)"), (n,))
    battery = np.broadcast_to(_positive_array(battery_kwh, "battery_kwh (användbar batterikapacitet, kWh)"), (n,))
    large = np.broadcast_to(_positive_array(c.LARGE_BATTERY_KWH["car"] if large_battery_kwh is None
                                            else large_battery_kwh, "large_battery_kwh (största batteri, kWh)"), (n,))
    pre = np.broadcast_to(np.asarray(preheated, dtype=bool), (n,))
    e = base * temperature_factor(float(checks.number(temp_c, "temp_c", "utetemperatur, °C")), case)
    bonus = np.where(pre, c.PREHEAT_SAVING_KM[case], 0.0)
    needed = np.maximum(km - bonus, 0.0) * e
    available = battery * (1.0 - reserve)
    large_available = np.maximum(large, battery) * (1.0 - reserve)
    verdict = np.select([needed <= available, needed <= large_available, needed <= 2 * available],
                        ["now", "larger_battery", "charge_stop"], "renewable_fuel")
    range_km = available / e + bonus
    return pd.DataFrame({"kwh_per_km": e, "needed_kwh": needed, "available_kwh": available, "range_km": range_km,
                         "margin_km": range_km - km, "verdict": verdict,
                         "verdict_sv": pd.Series(verdict).map(VERDICTS).to_numpy()})


def _positive_array(values, name: str, allow_zero: bool = False) -> np.ndarray:
    try:
        x = np.atleast_1d(np.asarray(values, dtype=float))
    except (TypeError, ValueError):
        raise ValueError(f"{name} måste vara tal.") from None
    bad = ~np.isfinite(x) | ((x < 0) if allow_zero else (x <= 0))
    if x.size == 0 or bad.any():
        rule = "≥ 0" if allow_zero else "> 0"
        raise ValueError(f"{name} måste vara tal {rule}" + (f", fick {x[bad][0]:g}." if bad.any() else "."))
    return x
