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
    if isinstance(temp_c, (bool, np.bool_, str, bytes, dict)) or temp_c is None or (
            isinstance(temp_c, (list, tuple)) and not all(checks.is_real(x) for x in temp_c)):
        raise checks.WrongType(f"temp_c (utetemperatur) måste vara ett tal i °C, fick {checks.show(temp_c)}.")
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
    elif isinstance(base_kwh_per_km, (str, bytes, bool, np.bool_, dict)) or base_kwh_per_km is None:
        raise checks.WrongType(f"base_kwh_per_km (förbrukning vid 20 °C, kWh/km) måste vara ett tal eller en lista med "
                               f"tal, fick {checks.show(base_kwh_per_km)}.")
    else:
        try:
            base = np.asarray(base_kwh_per_km, dtype=float)
        except (TypeError, ValueError, OverflowError):
            raise ValueError("base_kwh_per_km (förbrukning vid 20 °C, kWh/km) måste vara tal.") from None
        if base.size == 0 or not np.all(np.isfinite(base)) or np.any(base <= 0) or np.any(base > 10.0):
            raise ValueError("base_kwh_per_km (förbrukning vid 20 °C, kWh/km) måste vara tal större än 0.")
    factor = temperature_factor(temp_c, case)
    try:
        np.broadcast_shapes(np.shape(base), np.shape(factor))
    except ValueError:
        raise ValueError(f"base_kwh_per_km ({np.size(base)} värden) och temp_c ({np.size(factor)} värden) måste vara "
                         "lika långa, eller ett av dem ett enda tal.") from None
    result = base * factor
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
    km = _positive_array(longest_daily_km, "longest_daily_km (längsta körsträcka per dag, km)", allow_zero=True,
                         high=MAX_DAILY_KM)
    n = km.size
    base = _per_vehicle(_positive_array(base_kwh_per_km, "base_kwh_per_km (förbrukning vid 20 °C, kWh/km)",
                                        high=MAX_KWH_PER_KM), n, "base_kwh_per_km")
    battery = _per_vehicle(_positive_array(battery_kwh, "battery_kwh (användbar batterikapacitet, kWh)",
                                           high=MAX_BATTERY_KWH), n, "battery_kwh")
    large = _per_vehicle(_positive_array(c.LARGE_BATTERY_KWH["car"] if large_battery_kwh is None
                                         else large_battery_kwh, "large_battery_kwh (största batteri, kWh)",
                                         high=MAX_BATTERY_KWH), n, "large_battery_kwh")
    pre = _per_vehicle(_flags(preheated), n, "preheated")
    e = base * temperature_factor(checks.number_in_range(temp_c, TEMP_MIN_C, TEMP_MAX_C, "temp_c", "utetemperatur",
                                                          " °C"), case)
    bonus = np.where(pre, c.PREHEAT_SAVING_KM[case], 0.0)
    needed = np.maximum(km - bonus, 0.0) * e
    available = battery * (1.0 - reserve)
    large_available = np.maximum(large, battery) * (1.0 - reserve)
    verdict = np.select([needed <= available, needed <= large_available, needed <= 2 * available],
                        ["now", "larger_battery", "charge_stop"], "renewable_fuel")
    range_km = available / e + bonus
    return pd.DataFrame({"kwh_per_km": e, "needed_kwh": needed, "available_kwh": available, "range_km": range_km,
                         "margin_km": range_km - km, "verdict": verdict,
                         "verdict_sv": np.array([VERDICTS[v] for v in verdict], dtype=object)})


#: Upper bounds of the range test's inputs: far above any real vehicle, so a typo gives a clear error.
MAX_DAILY_KM, MAX_KWH_PER_KM, MAX_BATTERY_KWH = 5_000.0, 10.0, 2_000.0


def _positive_array(values, name: str, allow_zero: bool = False, high: float | None = None) -> np.ndarray:
    """Numbers (one or many) as a 1-d float array, each finite, > 0 (≥ 0 with ``allow_zero``), ≤ ``high``."""
    if isinstance(values, (str, bytes, bool, np.bool_, dict)) or values is None:
        raise checks.WrongType(f"{name} måste vara ett tal eller en lista med tal, fick {checks.show(values)}.")
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.to_numpy()
    if isinstance(values, np.ndarray) and values.dtype.kind in "fiu":
        raw = np.atleast_1d(values)
        x = raw.astype(float)
    else:
        raw = np.atleast_1d(np.asarray(values, dtype=object))
        if raw.ndim == 1 and not all(checks.is_real(v) for v in raw):
            bad = next(v for v in raw if not checks.is_real(v))
            raise checks.WrongType(f"{name} måste vara tal, fick {checks.show(bad)}.")
        x = np.array([_to_float(v) for v in raw.ravel()], dtype=float).reshape(raw.shape)
    if raw.ndim != 1 or raw.size > checks.MAX_COUNT * 10:
        raise ValueError(f"{name} måste vara en lista med högst {checks.MAX_COUNT * 10} tal, fick {checks.show(values)}.")
    bad = ~np.isfinite(x) | ((x < 0) if allow_zero else (x <= 0))
    if high is not None:
        bad |= x > high
    if x.size == 0 or bad.any():
        rule = "≥ 0" if allow_zero else "> 0"
        limit = f" och högst {high:g}" if high is not None else ""
        got = f", fick {checks.show(raw[bad][0])}." if bad.any() else ", fick inga värden."
        raise ValueError(f"{name} måste vara tal {rule}{limit}{got}")
    return x


def _to_float(value) -> float:
    try:
        return float(value)
    except OverflowError:
        return np.inf


def _per_vehicle(values: np.ndarray, n: int, name: str) -> np.ndarray:
    """One value for every vehicle: a single value is repeated, otherwise the lengths must match."""
    if values.size == 1:
        return np.broadcast_to(values, (n,))
    if values.size != n:
        raise ValueError(f"{name} måste ha ett värde eller ett per fordon ({n}), fick {values.size}.")
    return values


def _flags(values) -> np.ndarray:
    """True/False (one or many) as a 1-d bool array; None, text and numbers are not flags."""
    if isinstance(values, (pd.Series, pd.Index)):
        values = values.to_numpy(dtype=object)
    raw = np.atleast_1d(np.asarray(values, dtype=object))
    if raw.ndim != 1 or raw.size == 0 or not all(isinstance(x, (bool, np.bool_)) for x in raw):
        raise checks.WrongType(f"preheated (förvärmning) måste vara True/False eller en lista med True/False, "
                               f"fick {checks.show(values)}.")
    return raw.astype(bool)
