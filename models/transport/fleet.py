"""Fleet tables: totals per fuel and an illustrative large fleet for tests and benchmarks."""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.common import checks
from models.transport import constants as c


def synthetic_fleet(template: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    """An illustrative fleet of ``n`` vehicles drawn (with replacement) from ``template``'s rows,
    with distances and model years jittered (±20 %, ±2 years). Not data about any kommun."""
    n = checks.integer(n, "n", "antal fordon", minimum=1)
    if not isinstance(template, pd.DataFrame) or template.empty:
        raise ValueError("template måste vara en fordonslista (pandas.DataFrame) med minst ett fordon.")
    rng = np.random.default_rng(seed)
    rows = template.iloc[rng.integers(0, len(template), n)].reset_index(drop=True).copy()
    jitter = rng.uniform(0.8, 1.2, n)
    for column in ("annual_km", "typical_daily_km", "longest_daily_km"):
        if column in rows:
            rows[column] = (rows[column].astype(float) * jitter).round()
    rows["model_year"] = (rows["model_year"].astype(int) + rng.integers(-2, 3, n)).astype(int)
    rows["vehicle_id"] = [f"SYN{i:04d}" for i in range(1, n + 1)]
    return rows


def fuel_summary(fleet: pd.DataFrame, per_vehicle: pd.DataFrame) -> pd.DataFrame:
    """Totals per fuel: vehicles, km, energy [MWh] and emissions [t CO₂e] (``per_vehicle`` from
    :func:`models.transport.emissions.fleet_emissions`), plus a total row ``"total"``."""
    joined = pd.concat([fleet[["fuel", "annual_km"]], per_vehicle], axis=1)
    g = joined.groupby("fuel", sort=False)
    out = pd.DataFrame({"vehicles": g.size(), "annual_km": g["annual_km"].sum(),
                        "energy_mwh": g["energy_kwh"].sum() / 1000, "emissions_t_co2e": g["emissions_t_co2e"].sum()})
    out = out.reindex([f for f in c.FUELS if f in out.index])
    out.loc["total"] = out.sum()
    out["share_of_emissions_pct"] = 100 * out["emissions_t_co2e"] / out.loc["total", "emissions_t_co2e"] \
        if out.loc["total", "emissions_t_co2e"] > 0 else 0.0
    return out
