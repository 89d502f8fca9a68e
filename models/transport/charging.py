"""Charging for the kommun's own sites and public charging for the kommun (method M5).

Energy before power: per vehicle and day ``E = km · e(T) / η``; the power a vehicle needs is
``E / dwell hours``; the site's peak is the sum of all points at full power without load
management, and the energy spread over the dwell time with it ("vehicles × maximum power
overstates the grid need", texas-express.com). For the kommun: rechargeable vehicles and public
charging points from Power Circle, their growth and a projection of the points needed.
"""
from __future__ import annotations

import math

import numpy as np
import pandas as pd

from models.common import checks
from models.transport import cold
from models.transport import constants as c

SITE_COLUMNS = ("home_site", "vehicle_class", "fuel", "typical_daily_km", "longest_daily_km")
GROWTH = {"exponential": "Samma procentuella ökning per år som 2023–2025",
          "linear": "Samma antal fler per år som 2023–2025"}


def charging_need(fleet_or_site: pd.DataFrame, temp_c: float = min(c.LULEA_MONTHLY_MIN_C), case: str = "central",
                  dwell_hours: float = c.DWELL_HOURS, charger_kw: float = c.CHARGER_KW,
                  efficiency: float = c.CHARGING_EFFICIENCY, fuel_column: str = "fuel") -> pd.DataFrame:
    """Charging need per site for the battery-electric vehicles of a fleet, on a day at ``temp_c``.

    Parameters
    ----------
    fleet_or_site : DataFrame
        One row per vehicle with ``home_site``, ``vehicle_class``, ``fuel`` (or ``fuel_column``),
        ``typical_daily_km``, ``longest_daily_km``; optional ``parking_power`` (bool) and
        ``base_kwh_per_km`` (the EV's consumption at 20 °C; default per class, an assumption).
    temp_c : float
        Outdoor temperature of the design day [°C].
    case : str
        ``low``, ``central`` or ``high`` (see :mod:`cold`).
    dwell_hours : float
        Hours parked at the site between working days (0 < h ≤ 24).
    charger_kw : float
        Power of one charging point [kW].
    efficiency : float
        Grid-to-battery efficiency (0.5–1; 1 = consumption metered at the charger).
    fuel_column : str
        Column holding the drivetrain (``"new_drivetrain"`` for a plan's fleet).

    Returns
    -------
    DataFrame indexed by site: ``ev_count``, ``energy_day_kwh`` (typical day), ``energy_day_max_kwh``
    (everyone's longest day), ``min_power_per_vehicle_kw``, ``charge_points``, ``peak_kw_unmanaged``,
    ``peak_kw_managed``, ``fuse_a`` (three-phase 400 V for the managed peak), ``without_power``
    (EVs parked without power today) and ``points_too_weak`` (True when one point's power cannot
    charge the longest day within the dwell time).
    """
    columns = tuple(fuel_column if x == "fuel" else x for x in SITE_COLUMNS)
    checks.table_with_columns(fleet_or_site, columns, "fleet_or_site (fordon per plats)")
    case = cold.check_case(case)
    dwell = checks.number_in_range(dwell_hours, 0.5, 24.0, "dwell_hours", "ståtid", " timmar")
    kw = checks.number_in_range(charger_kw, 1.0, 350.0, "charger_kw", "laddpunktens effekt", " kW")
    eta = checks.number_in_range(efficiency, 0.5, 1.0, "efficiency", "laddverkningsgrad")
    t = checks.number_in_range(temp_c, cold.TEMP_MIN_C, cold.TEMP_MAX_C, "temp_c", "utetemperatur", " °C")
    ev = fleet_or_site[fleet_or_site[fuel_column] == "electricity"]
    sites = pd.Index(sorted(fleet_or_site["home_site"].astype(str).unique()), name="home_site")
    if ev.empty:
        return _frame(sites, {k: 0 for k in _COLUMNS})
    bad = ~ev["vehicle_class"].isin(list(c.VEHICLE_CLASSES))
    if bad.any():
        raise ValueError(f"Okänt fordonsslag {checks.show(ev.loc[bad, 'vehicle_class'].iloc[0])}. "
                         f"Giltiga: {', '.join(c.VEHICLE_CLASSES)}.")
    base = (ev["base_kwh_per_km"].to_numpy(float) if "base_kwh_per_km" in ev else
            ev["vehicle_class"].map(lambda k: c.VEHICLE_OPTIONS[k]["electricity"]["energy_per_km"]).to_numpy(float))
    e = cold.ev_consumption(base, t, case) / eta
    typical = _km(ev["typical_daily_km"], "typical_daily_km (typisk körsträcka per dag)")
    longest = _km(ev["longest_daily_km"], "longest_daily_km (längsta körsträcka per dag)")
    per = pd.DataFrame({"site": ev["home_site"].astype(str).to_numpy(), "day": typical * e, "max": longest * e,
                        "power": longest * e / dwell,
                        "no_power": ~(ev["parking_power"].fillna(False).to_numpy(bool) if "parking_power" in ev
                                      else np.zeros(len(ev), bool))})
    g = per.groupby("site")
    out = pd.DataFrame({"ev_count": g.size(), "energy_day_kwh": g["day"].sum(), "energy_day_max_kwh": g["max"].sum(),
                        "min_power_per_vehicle_kw": g["power"].max(), "without_power": g["no_power"].sum()})
    out["charge_points"] = out["ev_count"]
    out["peak_kw_unmanaged"] = out["charge_points"] * kw
    managed = np.maximum(out["energy_day_max_kwh"] / dwell, np.minimum(out["min_power_per_vehicle_kw"], kw))
    out["peak_kw_managed"] = np.minimum(managed, out["peak_kw_unmanaged"])
    out["fuse_a"] = out["peak_kw_managed"] * 1000 / (math.sqrt(3) * c.GRID_VOLTAGE_V)
    out["points_too_weak"] = out["min_power_per_vehicle_kw"] > kw
    return _frame(sites, out)


_COLUMNS = ("ev_count", "energy_day_kwh", "energy_day_max_kwh", "min_power_per_vehicle_kw", "charge_points",
            "peak_kw_unmanaged", "peak_kw_managed", "fuse_a", "without_power", "points_too_weak")


def _frame(sites: pd.Index, values) -> pd.DataFrame:
    if isinstance(values, pd.DataFrame):
        out = values.reindex(sites)
    else:
        out = pd.DataFrame({k: [v] * len(sites) for k, v in values.items()}, index=sites)
    out = out[list(_COLUMNS)]
    for col in ("ev_count", "charge_points", "without_power"):
        out[col] = out[col].fillna(0).astype(int)
    out["points_too_weak"] = out["points_too_weak"].fillna(False).astype(bool)
    return out.fillna(0.0)


def _km(values, name: str) -> np.ndarray:
    x = pd.to_numeric(values, errors="coerce").to_numpy(float)
    if not np.all(np.isfinite(x)) or np.any(x < 0):
        raise ValueError(f"{name} måste vara tal ≥ 0 för alla elfordon.")
    return x


def public_charging_projection(vehicles_start, vehicles_now, points_now, years_between: float, years_ahead: float,
                               points_per_vehicle: float, growth: str = "exponential") -> pd.DataFrame:
    """Rechargeable vehicles and public charging points needed ``years_ahead`` from now.

    Vectorised over areas (Series with a common index, e.g. kommun, or lists of equal length). Growth
    continues the change from ``vehicles_start`` to ``vehicles_now`` over ``years_between`` years
    (0 < years ≤ 50), as the same percentage per year (``exponential``) or the same number per year
    (``linear``), for ``years_ahead`` years (0–50). Points needed = projected vehicles ×
    ``points_per_vehicle``. Returns ``growth_pct_per_year``, ``vehicles_projected``, ``points_needed``
    and ``points_missing`` (≥ 0). This is a projection (computed), not a forecast. A projection that
    grows beyond any real number of vehicles (more than :data:`MAX_VEHICLES`) raises a Swedish
    ``ValueError`` instead of returning inf.
    """
    growth = checks.choice(growth, GROWTH, name="growth", singular="tillväxtantagande", plural="antaganden")
    between = checks.number(years_between, "years_between", "år mellan ögonblicksbilderna", low=0.1, high=50.0)
    ahead = checks.number(years_ahead, "years_ahead", "år framåt", low=0.0, high=50.0)
    ratio = checks.number_in_range(points_per_vehicle, 0.0, 10.0, "points_per_vehicle",
                                   "laddpunkter per laddbart fordon")
    start = _amounts(vehicles_start, "vehicles_start", "laddbara fordon vid första ögonblicksbilden")
    now = _amounts(vehicles_now, "vehicles_now", "laddbara fordon nu")
    points = _amounts(points_now, "points_now", "publika laddpunkter nu")
    if not (len(start) == len(now) == len(points)):
        raise ValueError(f"vehicles_start, vehicles_now och points_now måste ha lika många värden, fick "
                         f"{len(start)}, {len(now)} och {len(points)}.")
    if any(isinstance(x, pd.Series) for x in (vehicles_start, vehicles_now, points_now)):
        indexes = [x.index for x in (start, now, points)]
        if not all(i.equals(indexes[0]) for i in indexes):
            raise ValueError("vehicles_start, vehicles_now och points_now måste ha samma index (t.ex. samma kommuner).")
    else:
        now.index = points.index = start.index
    if (start <= 0).any():
        raise ValueError("Antalet fordon måste vara större än 0 vid första ögonblicksbilden "
                         f"(vehicles_start), fick {checks.show(float(start[start <= 0].iloc[0]))}.")
    with np.errstate(all="ignore"):
        rate = (now / start) ** (1 / between) - 1
        if growth == "exponential":
            projected = now * (1 + rate) ** ahead
        else:
            projected = now + (now - start) / between * ahead
    projected = projected.clip(lower=0)
    if not (np.isfinite(rate).all() and np.isfinite(projected).all()) or (projected > MAX_VEHICLES).any():
        raise ValueError(f"Framskrivningen växer bortom varje rimligt antal fordon (över {MAX_VEHICLES:g}) med de här "
                         "värdena: kontrollera antalet fordon vid ögonblicksbilderna och antalet år.")
    needed = projected * ratio
    return pd.DataFrame({"growth_pct_per_year": 100 * rate, "vehicles_projected": projected,
                         "points_needed": needed, "points_missing": (needed - points).clip(lower=0)})


#: Far above Sweden's whole vehicle stock (about 6.5 million in 2025): a projection beyond it is a typo.
MAX_VEHICLES = 1e9


def _amounts(values, name: str, what: str) -> pd.Series:
    """A count per area (a number, a list of numbers or a Series) as a float Series, each finite and ≥ 0."""
    if checks.is_real(values):
        return pd.Series([checks.number(values, name, what, low=0.0, high=MAX_VEHICLES)])
    if isinstance(values, pd.Series):
        return checks.series(values, name, what, kind="non_negative", years=False)
    return pd.Series(checks.number_list(values, name, what, low=0.0, high=MAX_VEHICLES))
