"""Fleet tables: totals per fuel and an illustrative large fleet for tests and benchmarks."""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.common import checks
from models.transport import constants as c
from models.transport.turnover import check_fleet

#: Largest synthetic fleet (far above any kommun's own fleet; keeps memory and time bounded).
MAX_SYNTHETIC = 100_000
PER_VEHICLE_COLUMNS = {"energy_kwh": "non_negative", "emissions_t_co2e": "non_negative"}


def synthetic_fleet(template: pd.DataFrame, n: int, seed: int = 0) -> pd.DataFrame:
    """An illustrative fleet of ``n`` vehicles (1–100 000) drawn (with replacement) from ``template``'s rows,
    with distances and model years jittered (±20 %, ±2 years). Not data about any kommun.

    ``template`` is a fleet as :func:`models.transport.turnover.check_fleet` accepts it; ``seed`` an
    integer 0–2³² − 1 (the same seed gives the same fleet)."""
    n = checks.integer(n, "n", "antal fordon", minimum=1, maximum=MAX_SYNTHETIC)
    seed = checks.integer(seed, "seed", "slumpfrö", minimum=0, maximum=2 ** 32 - 1)
    template = check_fleet(template)
    optional = {k: "non_negative" for k in ("typical_daily_km",) if k in template.columns}
    if optional:
        checks.table_in_place(template, {}, "template (fordonslistan)", optional=optional)
    rng = np.random.default_rng(seed)
    rows = template.iloc[rng.integers(0, len(template), n)].reset_index(drop=True).copy()
    jitter = rng.uniform(0.8, 1.2, n)
    for column in ("annual_km", "typical_daily_km", "longest_daily_km"):
        if column in rows:
            rows[column] = (rows[column].astype(float) * jitter).round()
    rows["model_year"] = (rows["model_year"].astype(float).astype(int) + rng.integers(-2, 3, n)).astype(int)
    rows["vehicle_id"] = [f"SYN{i:04d}" for i in range(1, n + 1)]
    return rows


def fuel_summary(fleet: pd.DataFrame, per_vehicle: pd.DataFrame) -> pd.DataFrame:
    """Totals per fuel: vehicles, km, energy [MWh] and emissions [t CO₂e] (``per_vehicle`` from
    :func:`models.transport.emissions.fleet_emissions`, indexed like ``fleet``), plus a total row
    ``"total"``. ``share_of_emissions_pct`` is 0 for every fuel when the fleet emits nothing."""
    fleet = checks.table_in_place(fleet, {"fuel": "text", "annual_km": "non_negative"}, "fleet (fordonslistan)")
    per_vehicle = checks.table_in_place(per_vehicle, PER_VEHICLE_COLUMNS, "per_vehicle (utsläpp per fordon)")
    unknown = sorted(set(fleet["fuel"]) - set(c.FUELS))
    if unknown:
        raise ValueError(f"fleet (fordonslistan): okänt drivmedel {checks.show(unknown[0])}. "
                         f"Giltiga: {', '.join(c.FUELS)}.")
    if len(per_vehicle) != len(fleet) or not per_vehicle.index.equals(fleet.index):
        raise ValueError("per_vehicle (utsläpp per fordon) måste ha en rad per fordon i fleet, med samma index "
                         "(som fleet_emissions(fleet, ...) ger).")
    joined = pd.DataFrame({"fuel": fleet["fuel"].to_numpy(), "annual_km": fleet["annual_km"].to_numpy(),
                           **{k: per_vehicle[k].to_numpy() for k in PER_VEHICLE_COLUMNS}})
    g = joined.groupby("fuel", sort=False)
    out = pd.DataFrame({"vehicles": g.size(), "annual_km": g["annual_km"].sum(),
                        "energy_mwh": g["energy_kwh"].sum() / 1000, "emissions_t_co2e": g["emissions_t_co2e"].sum()})
    out = out.reindex([f for f in c.FUELS if f in out.index])
    out.loc["total"] = out.sum()
    total = out.loc["total", "emissions_t_co2e"]
    out["share_of_emissions_pct"] = 100 * out["emissions_t_co2e"] / total if total > 0 else 0.0
    return out
