"""Marginal abatement cost curve (MACC) with the annuity method.

``CRF(r, n) = r(1+r)^n / ((1+r)^n - 1)`` and
``MAC_i = (CRF(r, n_i)·investment_i + Δrunning_i + Δenergy_i) / abatement_i`` [SEK/t CO2e],
sorted ascending; bar width = abatement, x axis = cumulative abatement. Method: Ibrahim &
Kennedy (2016), "A Methodology for Constructing Marginal Abatement Cost Curves for Climate
Action in Cities", *Energies* 9(4):227, doi:10.3390/en9040227; ``strategy.md`` §4.
Tonnes are not discounted: an annualised cost is divided by an annual abatement, which
equals the NPV form ``-NPV / Σ_t ΔE_t`` with tonnes discounted at the same rate.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from models.common import checks as v

#: Required columns of the ``measures`` table and their meaning.
MEASURE_COLUMNS = {
    "measure": "name of the measure (unique text)",
    "abatement_t_per_year": "emission reduction per year of operation [t CO2e/yr], > 0",
    "investment_sek": "up-front investment vs the reference [SEK], ≥ 0",
    "running_cost_change_sek_per_year": "change in operation and maintenance cost [SEK/yr]; "
                                        "negative = saving",
    "energy_cost_change_sek_per_year": "change in energy/fuel cost [SEK/yr]; negative = saving",
    "lifetime_years": "economic lifetime [years], integer ≥ 1",
}
#: Optional columns, passed through unchanged (used for labels and follow-up).
OPTIONAL_COLUMNS = ("sector", "responsible_unit", "start_year")


def capital_recovery_factor(discount_rate, lifetime_years):
    """Capital recovery factor: the annuity per SEK invested [1/yr].

    ``CRF = r(1+r)^n / ((1+r)^n - 1)``; for r = 0 it is ``1/n``.

    Parameters
    ----------
    discount_rate : float
        Real discount rate, fraction per year, 0 ≤ r < 1.
    lifetime_years : int or array_like of int
        Lifetime n [years], ≥ 1.

    Returns
    -------
    float or numpy.ndarray
    """
    r = _discount_rate(discount_rate)
    n = _lifetimes(lifetime_years)
    if r == 0.0:
        crf = 1.0 / n
    else:
        growth = np.power(1.0 + r, n)
        crf = r * growth / (growth - 1.0)
    v.finite_result(crf, "capital_recovery_factor", "annuitetsfaktor")
    return float(crf) if crf.ndim == 0 else crf


def macc(measures, discount_rate) -> pd.DataFrame:
    """Cost per tonne for each measure, sorted from cheapest, with cumulative abatement.

    Parameters
    ----------
    measures : pandas.DataFrame
        One row per measure with the columns in ``MEASURE_COLUMNS``:
        ``measure``, ``abatement_t_per_year`` [t CO2e/yr], ``investment_sek`` [SEK],
        ``running_cost_change_sek_per_year`` [SEK/yr], ``energy_cost_change_sek_per_year``
        [SEK/yr] and ``lifetime_years`` [yr]. Cost changes are relative to the reference
        ("do nothing"): positive = costs more, negative = saves. Optional columns
        ``sector``, ``responsible_unit``, ``start_year`` (and any others) are kept.
    discount_rate : float
        Real discount rate, fraction per year, 0 ≤ r < 1 (e.g. 0.04).

    Returns
    -------
    pandas.DataFrame
        The input columns plus ``crf`` [1/yr], ``annualised_investment_sek_per_year``,
        ``net_annual_cost_sek_per_year``, ``cost_per_tonne`` [SEK/t CO2e] and
        ``cumulative_abatement`` [t CO2e/yr, the right edge of each bar; left edge =
        ``cumulative_abatement - abatement_t_per_year``], sorted by ``cost_per_tonne``
        ascending (ties keep input order), index 0…n-1. Negative cost = the measure pays
        for itself.

    Notes
    -----
    Measures are treated as independent; interactions (e.g. electric cars on a cleaner
    grid) must be handled by applying them in sequence before building the curve.
    """
    table = _validated_measures(measures)
    lifetime = table["lifetime_years"].to_numpy()
    crf = np.asarray(capital_recovery_factor(discount_rate, lifetime), dtype=float).reshape(lifetime.shape)
    annualised = crf * table["investment_sek"].to_numpy()
    net = (annualised + table["running_cost_change_sek_per_year"].to_numpy()
           + table["energy_cost_change_sek_per_year"].to_numpy())
    cost = net / table["abatement_t_per_year"].to_numpy()
    order = np.argsort(cost, kind="mergesort")          # cheapest first, ties keep input order
    added = {"crf": crf, "annualised_investment_sek_per_year": annualised,
             "net_annual_cost_sek_per_year": net, "cost_per_tonne": cost}
    added = {c: values[order] for c, values in added.items()}
    added["cumulative_abatement"] = np.cumsum(table["abatement_t_per_year"].to_numpy()[order])
    result = table.take(order).reset_index(drop=True)
    if not any(c in result.columns for c in added):     # the new columns in one step (one copy, not five)
        out = pd.concat([result, pd.DataFrame(added)], axis=1)
        out.attrs = dict(result.attrs)                  # concat drops attrs the new columns lack
        return out
    for column, values in added.items():                # an input column of the same name is replaced in place
        result[column] = values
    return result


#: Longest economic lifetime a measure may have [years] (buildings and district heating ~60 years).
MAX_LIFETIME_YEARS = 100


def _discount_rate(value) -> float:
    return v.rate(value, "discount_rate", "kalkylränta, andel per år", "0.04 för 4 %")


def _lifetimes(value) -> np.ndarray:
    """Lifetime(s) as floats: whole years from 1 to :data:`MAX_LIFETIME_YEARS`."""
    values = value.tolist() if isinstance(value, (np.ndarray, pd.Series)) else value
    items = values if isinstance(values, (list, tuple)) else [values]
    checked = [v.integer(x, "lifetime_years", "livslängd i år", minimum=1, maximum=MAX_LIFETIME_YEARS) for x in items]
    array = np.asarray(checked, dtype=float)
    return array if isinstance(values, (list, tuple)) else array[0]


def _validated_measures(measures) -> pd.DataFrame:
    v.table_with_columns(measures, MEASURE_COLUMNS, "measures", f"valfria: {list(OPTIONAL_COLUMNS)}")
    if measures.empty:
        raise ValueError("measures är tom; minst en åtgärd krävs.")
    names = measures["measure"]
    if names.isna().any() or names.duplicated().any():
        dup = names[names.duplicated()].tolist()
        raise ValueError(f"Kolumnen measure måste ha unika namn utan tomma värden, fick "
                         f"dubbletter/tomma: {dup or [None]}.")
    numbers = {}
    for column in list(MEASURE_COLUMNS)[1:]:
        raw = measures[column]
        if pd.api.types.is_float_dtype(raw.dtype) or (pd.api.types.is_integer_dtype(raw.dtype)
                                                        and not raw.hasnans):
            numeric = raw.to_numpy(dtype=float)
        else:
            numeric = pd.to_numeric(raw, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        bad = ~np.isfinite(numeric)
        if bad.any():
            i = int(bad.argmax())
            raise ValueError(f'{column} för åtgärden "{names.iloc[i]}" måste vara ett tal, '
                             f"fick {v.show(raw.iloc[i])}.")
        numbers[column] = numeric
    _require(names, numbers, "abatement_t_per_year", numbers["abatement_t_per_year"] > 0, "större än 0")
    _require(names, numbers, "investment_sek", numbers["investment_sek"] >= 0, "≥ 0")
    lifetime = numbers["lifetime_years"]
    _require(names, numbers, "lifetime_years",
             (lifetime >= 1) & (lifetime <= MAX_LIFETIME_YEARS) & (lifetime % 1 == 0),
             f"ett heltal från 1 till {MAX_LIFETIME_YEARS}")
    numbers["lifetime_years"] = lifetime.astype("int64")
    table = measures.copy()
    for column, values in numbers.items():
        if table[column].dtype != values.dtype or not np.array_equal(table[column].to_numpy(), values):
            table[column] = values
    return table


def _require(names: pd.Series, numbers: dict, column: str, ok: np.ndarray, rule: str) -> None:
    if not ok.all():
        i = int((~ok).argmax())
        raise ValueError(f'{column} för åtgärden "{names.iloc[i]}" måste vara '
                         f"{rule}, fick {v.show(numbers[column][i])}.")
