"""Hourly production against a building's hourly load: self-consumption and self-sufficiency.

* self-used energy = Σ min(production, load) per hour [kWh];
* **self-consumption** (egenanvändning) = self-used ÷ production;
* **self-sufficiency** (självförsörjningsgrad) = self-used ÷ load.

The illustrative load profiles (:func:`load_profile`) are built from the stated assumptions in
:data:`PROFILES`; they are **not** measurements of any building. A building's own hourly meter
data (from the grid company) replaces them.
"""
from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from models.common import checks
from models.solar.typical_year import check_index


@dataclass(frozen=True)
class Profile:
    """Assumptions behind an illustrative load profile (all are assumptions, stated in the book).

    ``open_hours``: (first, last) local hour of use on open days; ``open_days``: weekdays 0 = Mon;
    ``base_share``: load outside opening hours as a share of the load in opening hours;
    ``closed_months``: months with the building closed (base load only); ``closed_period``: a
    closed period ((month, day), (month, day)), e.g. the school summer break; ``winter_extra``: extra
    load in Dec–Feb relative to Jun–Aug (lighting, fans, heating aids), interpolated by month.
    """

    label: str
    open_hours: tuple[int, int]
    open_days: tuple[int, ...]
    base_share: float
    closed_months: tuple[int, ...] = ()
    closed_period: tuple[tuple[int, int], tuple[int, int]] | None = None
    winter_extra: float = 0.2
    description: str = ""


PROFILES = MappingProxyType({
    "skola": Profile("Skola", (7, 17), (0, 1, 2, 3, 4), 0.25, closed_period=((6, 15), (8, 15)), winter_extra=0.3,
                     description="Skola: vardagar 7–17, sommarlov mitten av juni till mitten av augusti, "
                                 "grundlast 25 % av dagslasten (antaganden)."),
    "kontor": Profile("Kontor/kommunhus", (7, 18), (0, 1, 2, 3, 4), 0.3, winter_extra=0.25,
                      description="Kontor eller kommunhus: vardagar 7–18 året runt, grundlast 30 % (antaganden)."),
    "aldreboende": Profile("Äldreboende", (6, 22), (0, 1, 2, 3, 4, 5, 6), 0.6, winter_extra=0.15,
                           description="Äldreboende: alla dagar 6–22, hög grundlast 60 % dygnet runt "
                                       "(kök, tvätt, ventilation; antaganden)."),
    "idrottshall": Profile("Idrottshall", (16, 22), (0, 1, 2, 3, 4, 5, 6), 0.35, closed_months=(7,),
                           winter_extra=0.4,
                           description="Idrottshall: kvällar 16–22 alla dagar, stängd i juli, grundlast 35 % "
                                       "(antaganden)."),
})


def profile_key(name: str) -> str:
    return checks.choice(name, tuple(PROFILES), name="profile", singular="lastprofil", plural="lastprofiler")


def load_profile(name: str, annual_kwh: float, index: pd.DatetimeIndex) -> pd.Series:
    """An illustrative hourly load [kWh] scaled to ``annual_kwh`` on ``index`` (local time)."""
    p = PROFILES[profile_key(name)]
    annual = checks.positive(annual_kwh, "annual_kwh", "årlig elanvändning i kWh", high=1e12)
    index = check_index(index)
    hour, weekday, month = index.hour.to_numpy(), index.day_of_week.to_numpy(), index.month.to_numpy()
    is_open = np.isin(weekday, p.open_days) & (hour >= p.open_hours[0]) & (hour < p.open_hours[1])
    closed = np.isin(month, p.closed_months)
    if p.closed_period:
        (m1, d1), (m2, d2) = p.closed_period
        day_of_year = index.day_of_year.to_numpy()
        start = pd.Timestamp(year=index[0].year, month=m1, day=d1).day_of_year
        end = pd.Timestamp(year=index[0].year, month=m2, day=d2).day_of_year
        closed |= (day_of_year >= start) & (day_of_year <= end)
    level = np.where(is_open & ~closed, 1.0, p.base_share)
    season = 1.0 + p.winter_extra * (np.cos(2 * np.pi * (month - 1) / 12.0) + 1.0) / 2.0
    shape = level * season
    return pd.Series(annual * shape / shape.sum(), index=index, name="load_kwh")


def check_load(load, index: pd.DatetimeIndex, name: str = "load") -> pd.Series:
    """Return the hourly load [kWh] aligned to ``index``, or raise a Swedish ``ValueError``.

    Accepts a Series or array of 8760 hourly values without gaps or negative values.
    """
    index = check_index(index)
    name = checks.text(name, "name", "namn på elanvändningen", max_length=200)
    if load is None or isinstance(load, (str, bytes, dict, pd.DataFrame, bool)):
        raise checks.WrongType(f"{name} (timvis elanvändning) måste vara en serie med tal, fick {checks.show(load)}.")
    try:
        values = (load.to_numpy(dtype=float, na_value=np.nan) if isinstance(load, pd.Series)
                  else np.asarray(load, dtype=float))
    except (TypeError, ValueError, OverflowError):
        raise checks.WrongType(f"{name} (timvis elanvändning) måste vara en serie med tal, fick "
                               f"{checks.show(load)}.") from None
    if values.ndim != 1 or len(values) != len(index):
        raise ValueError(f"{name} (timvis elanvändning) måste ha {len(index)} timvärden (ett helt år), fick "
                         f"{values.size}.")
    gaps = np.flatnonzero(~np.isfinite(values))
    if len(gaps):
        raise ValueError(f"{name} (timvis elanvändning) har {len(gaps)} tomma timmar, första {index[gaps[0]]:%Y-%m-%d %H:00}. "
                         "Fyll i eller byt fil – luckor kan inte räknas som noll.")
    if (values < 0).any():
        first = index[np.flatnonzero(values < 0)[0]]
        raise ValueError(f"{name} (timvis elanvändning) får inte vara negativ (första {first:%Y-%m-%d %H:00}).")
    if (values > 1e9).any():
        raise ValueError(f"{name} (timvis elanvändning) har orimligt stora timvärden (över 1 000 000 000 kWh).")
    return pd.Series(values, index=index, name="load_kwh")


def check_production(production, name: str = "production", what: str = "timvis produktion i kWh") -> np.ndarray:
    """The hourly production of a Series on a time index as floats ≥ 0 without gaps, or raise."""
    if not isinstance(production, pd.Series):
        raise checks.WrongType(f"{name} ({what}) måste vara en pandas.Series med tidsindex, fick "
                               f"{checks.show(production)}.")
    check_index(production.index, f"{name}.index")
    try:
        values = production.to_numpy(dtype=float, na_value=np.nan)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} ({what}) får bara innehålla tal.") from None
    if not np.isfinite(values).all() or (values < 0).any() or (values > 1e9).any():
        raise ValueError(f"{name} ({what}) måste vara tal ≥ 0 utan luckor (och högst 1 000 000 000 kWh per timme).")
    return values


def balance(production: pd.Series, load: pd.Series) -> dict[str, float]:
    """Yearly energy balance [kWh] and shares of an hourly production against an hourly load.

    Keys: ``production_kwh``, ``load_kwh``, ``self_used_kwh``, ``exported_kwh``, ``bought_kwh``,
    ``self_consumption`` and ``self_sufficiency`` (fractions; 0 when the denominator is 0).
    """
    prod = check_production(production, "production", "timvis produktion i kWh")
    load = check_load(load, production.index)
    used = np.minimum(prod, load.to_numpy())
    total_p, total_l, total_u = float(prod.sum()), float(load.sum()), float(used.sum())
    return {"production_kwh": total_p, "load_kwh": total_l, "self_used_kwh": total_u,
            "exported_kwh": total_p - total_u, "bought_kwh": total_l - total_u,
            "self_consumption": total_u / total_p if total_p > 0 else 0.0,
            "self_sufficiency": total_u / total_l if total_l > 0 else 0.0}


def balance_by_size(production_per_kwp: pd.Series, load: pd.Series, sizes_kwp) -> pd.DataFrame:
    """:func:`balance` for each system size [kWp] (vectorised over sizes).

    The self-used energy of every size comes from one sort of the hours instead of a sum over
    sizes × hours (:func:`_self_used_by_size`).
    """
    per_kwp = check_production(production_per_kwp, "production_per_kwp", "timvis produktion per kWp i kWh")
    load = check_load(load, production_per_kwp.index)
    sizes = np.array(checks.number_list(sizes_kwp, "sizes_kwp", "storlekar i kWp", 1e-6, 1e6), dtype=float)
    total_p, total_l = sizes * per_kwp.sum(), float(load.sum())
    # never more than was made or used (the sums add in another order: the last digit may differ)
    used = np.minimum(_self_used_by_size(per_kwp, load.to_numpy(), sizes), np.minimum(total_p, total_l))
    with np.errstate(invalid="ignore", divide="ignore"):
        sc = np.where(total_p > 0, used / total_p, 0.0)
    return pd.DataFrame({"kwp": sizes, "production_kwh": total_p, "self_used_kwh": used,
                         "exported_kwh": total_p - used, "bought_kwh": total_l - used,
                         "self_consumption": sc, "self_sufficiency": used / total_l if total_l > 0 else 0.0})


def _self_used_by_size(per_kwp: np.ndarray, load: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Σ over hours of min(size × per_kwp, load) [kWh] for each size (all ≥ 0), in O(hours · log hours).

    An hour with production uses its whole production while size ≤ load ÷ per_kwp (its ratio), and
    its whole load above that; an hour without production uses nothing. With the lit hours sorted
    by ratio, a size's self-used energy is size × (production of the hours whose ratio ≥ size) +
    (load of the hours whose ratio < size): two cumulative sums and a binary search per size.
    """
    lit = per_kwp > 0
    prod, hour_load = per_kwp[lit], load[lit]
    ratios = hour_load / prod
    order = np.argsort(ratios)
    ratios, prod, hour_load = ratios[order], prod[order], hour_load[order]
    load_below = np.concatenate(([0.0], np.cumsum(hour_load)))
    prod_from = np.concatenate((np.cumsum(prod[::-1])[::-1], [0.0]))
    below = np.searchsorted(ratios, sizes, side="left")
    return sizes * prod_from[below] + load_below[below]


def monthly_balance(production: pd.Series, load: pd.Series) -> pd.DataFrame:
    """Monthly production, load, self-used and exported energy [kWh], index 1–12."""
    prod = check_production(production, "production", "timvis produktion i kWh")
    load = check_load(load, production.index)
    production = pd.Series(prod, index=load.index)
    used = np.minimum(production, load)
    frame = pd.DataFrame({"production_kwh": production, "load_kwh": load, "self_used_kwh": used,
                          "exported_kwh": production - used})
    return frame.groupby(frame.index.month).sum()

