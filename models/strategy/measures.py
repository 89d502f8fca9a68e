"""Measures applied in sequence, and how far they go towards closing an emission gap.

A marginal abatement cost curve (:func:`models.strategy.macc.macc`) treats measures as
independent: their abatements are simply added. Two measures in the same sector cannot both
remove the same tonne, so the book applies them *in sequence* (strategy.md §4: "apply measures
in sequence, not additively"):

* each measure's stand-alone abatement ``A_i`` [t CO2e/yr] is read as a share of its sector's
  emissions before any measure, ``s_i = A_i / E_s``;
* measures are taken one at a time (by default cheapest first) and each removes its share of
  what is *left* of its sector: ``ΔE_i = s_i · R_s``, then ``R_s ← R_s - ΔE_i``.

The total per sector, ``E_s·(1 - Π(1 - s_i))``, does not depend on the order; how it is split
between the measures does. The simplification is that every measure acts proportionally on the
whole sector; two measures aimed at the same vehicles or buildings interact more strongly.

The gap is the distance in a target year between emissions left at today's level (no
reference path, "referensbana", is modelled) and a target path with a constant annual cut:
``gap = E0 - E0·(1 - r)^(target_year - base_year)``.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from models.common import checks as v
from .macc import macc
from .pathways import pathway

#: Columns added by :func:`apply_in_sequence`.
SEQUENCE_COLUMNS = {
    "standalone_abatement_t_per_year": "abatement of the measure on its own [t CO2e/yr]",
    "sector_emissions_t": "sector emissions before any measure [t CO2e/yr]",
    "abatement_share": "stand-alone abatement / sector emissions [fraction]",
    "sector_remaining_before_t": "what is left of the sector when the measure is applied [t CO2e/yr]",
    "interaction_loss_t_per_year": "stand-alone minus in-sequence abatement [t CO2e/yr]",
    "sequence": "position in the order of application, 1 = first",
}


def gap_to_target(e0, base_year, target_year, rate) -> pd.Series:
    """Emission gap in ``target_year`` against a path with a constant annual cut.

    ``target = e0·(1 - rate)^(target_year - base_year)``; ``gap = e0 - target``. Emissions
    without new measures are assumed to stay at ``e0`` (no reference path).

    Parameters
    ----------
    e0 : float
        Emissions in ``base_year`` [t CO2e/yr], ≥ 0.
    base_year, target_year : int
        Last year with data and the target year (``target_year > base_year``).
    rate : float
        Annual cut, fraction in (0, 1), e.g. ``CARBON_LAW_REDUCTION_RATE`` = 0.1172.

    Returns
    -------
    pandas.Series
        ``base_year``, ``target_year``, ``rate``, ``base_emissions_t``,
        ``target_emissions_t`` and ``gap_t_per_year`` [t CO2e/yr].
    """
    base = v.integer(base_year, "base_year", "basår, senaste år med data")
    target = v.integer(target_year, "target_year", "målår")
    if target <= base:
        raise ValueError(f"target_year (målår) måste vara efter base_year ({base}), "
                         f"fick {v.show(target_year)}.")
    path = pathway(e0, base, target, rate=rate)
    return pd.Series({
        "base_year": base,
        "target_year": target,
        "rate": float(rate),
        "base_emissions_t": float(path.iloc[0]),
        "target_emissions_t": float(path.iloc[-1]),
        "gap_t_per_year": float(path.iloc[0] - path.iloc[-1]),
    }, name="gap")


def apply_in_sequence(measures: pd.DataFrame, sector_emissions, order=None) -> pd.DataFrame:
    """In-sequence abatement of each measure, each acting on what is left of its sector.

    Parameters
    ----------
    measures : pandas.DataFrame
        One row per measure with ``measure``, ``sector`` and ``abatement_t_per_year``
        (stand-alone abatement [t CO2e/yr]); other columns are kept. A ``source_row`` column
        (the row in the learner's file) is quoted in error messages.
    sector_emissions : mapping or pandas.Series
        Emissions per sector before any measure [t CO2e/yr], keyed like ``measures["sector"]``.
    order : sequence of str, optional
        Measure names in the order to apply them (all names, each once). Default: table order.

    Returns
    -------
    pandas.DataFrame
        ``measures`` in the order of application, with ``abatement_t_per_year`` replaced by
        the in-sequence abatement and the columns in :data:`SEQUENCE_COLUMNS`.
    """
    table = _checked(measures)
    emissions = _sector_emissions(sector_emissions)
    if order is not None:
        table = _reordered(table, order)
    table = table.reset_index(drop=True)
    remaining = dict(emissions)
    rows = []
    sources = table["source_row"].tolist() if "source_row" in table.columns else [None] * len(table)
    for measure, sector, abatement, source_row in zip(table["measure"].tolist(), table["sector"].tolist(),
                                                      table["abatement_t_per_year"].tolist(), sources):
        where = _where(source_row)
        if sector not in emissions:
            valid = ", ".join(f'"{s}"' for s in emissions)
            raise ValueError(f'Åtgärden "{measure}"{where} har sektorn {v.show(sector)}, '
                             f"som saknas bland utsläppen. Giltiga sektorer: {valid}.")
        total = emissions[sector]
        if abatement > total:
            raise ValueError(
                f'Åtgärden "{measure}"{where} minskar utsläppen med '
                f"{abatement:g} ton CO₂e/år, mer än hela sektorn "
                f'"{sector}" släpper ut ({total:g} ton CO₂e/år). Kontrollera siffran eller sektorn.')
        before = remaining[sector]
        if before <= 0:
            raise ValueError(f'Åtgärden "{measure}"{where} har ingen effekt kvar: tidigare '
                             f'åtgärder tar redan bort alla utsläpp i sektorn "{sector}".')
        share = abatement / total
        effect = share * before
        remaining[sector] = before - effect
        rows.append((abatement, total, share, before, effect))
    columns = np.array(rows, dtype=float).T
    added = {
        "standalone_abatement_t_per_year": columns[0],
        "sector_emissions_t": columns[1],
        "abatement_share": columns[2],
        "sector_remaining_before_t": columns[3],
        "interaction_loss_t_per_year": columns[0] - columns[4],
        "sequence": np.arange(1, len(table) + 1),
    }
    result = table.copy()
    result["abatement_t_per_year"] = columns[4]
    if any(c in result.columns for c in added):        # a table already run in sequence: replace in place
        for column, values in added.items():
            result[column] = values
        return result
    out = pd.concat([result, pd.DataFrame(added)], axis=1)      # the new columns in one step
    out.attrs = dict(result.attrs)                              # concat drops attrs the new columns lack
    return out


def sequential_macc(measures: pd.DataFrame, sector_emissions, discount_rate) -> pd.DataFrame:
    """MACC after applying the measures in sequence, cheapest (stand-alone) first.

    The order of application is the stand-alone curve's (cheapest first, as a planner would
    pick them); the cost per tonne is then recomputed with the in-sequence abatement and the
    curve is sorted by that cost again. Columns as :func:`models.strategy.macc.macc` plus
    :data:`SEQUENCE_COLUMNS`.
    """
    standalone = macc(measures, discount_rate)
    in_sequence = apply_in_sequence(measures, sector_emissions, order=standalone["measure"])
    return macc(in_sequence, discount_rate)


def gap_coverage(curve: pd.DataFrame, gap_t, target_year=None, sectors=None) -> pd.DataFrame:
    """Cumulative abatement along a cost curve, compared with the gap.

    Parameters
    ----------
    curve : pandas.DataFrame
        Output of :func:`macc` or :func:`sequential_macc` (cheapest first).
    gap_t : float
        The gap [t CO2e/yr], ≥ 0.
    target_year : int, optional
        Measures with a ``start_year`` after this year are listed but not counted.
    sectors : collection of str, optional
        The sectors the gap covers; measures in other sectors are listed but not counted.

    Returns
    -------
    pandas.DataFrame
        ``measure``, ``sector``, ``cost_per_tonne``, ``abatement_t_per_year``, ``counted`` (bool),
        ``cumulative_counted_t`` [t CO2e/yr], ``share_of_gap_pct`` (cumulative, % of the gap)
        and ``gap_closed`` (the cumulative abatement has reached the gap). With a gap of 0 there
        is nothing to close: ``share_of_gap_pct`` is 100 and ``gap_closed`` is true on every row.
    """
    gap = v.non_negative(gap_t, "gap_t", "gapet, ton CO₂e/år")
    curve = v.table(curve, {"measure": "any", "cost_per_tonne": "number", "abatement_t_per_year": "non_negative"},
                    "curve", label="measure", allow_empty=True, optional={"start_year": "year"})
    counted = pd.Series(True, index=curve.index)
    if target_year is not None and "start_year" in curve.columns:
        year = v.year(target_year, "target_year", "målår")
        start = pd.to_numeric(curve["start_year"], errors="coerce")
        counted = ~(start > year)
    if sectors is not None and "sector" in curve.columns:
        if isinstance(sectors, str):
            sectors = (sectors,)
        if isinstance(sectors, (bytes, dict, pd.DataFrame)) or not hasattr(sectors, "__iter__"):
            raise v.WrongType(f"sectors (gapets sektorer) måste vara en lista med sektorer, fick {v.show(sectors)}.")
        sectors = v.keys(sectors, tuple(str(x) for x in sectors if isinstance(x, str)) or ("",), "sectors",
                         "sektor", "sektorer")
        counted &= curve["sector"].isin(list(sectors))
    cumulative = curve["abatement_t_per_year"].where(counted, 0.0).cumsum()
    return pd.DataFrame({
        "measure": curve["measure"],
        "sector": curve["sector"] if "sector" in curve.columns else None,
        "cost_per_tonne": curve["cost_per_tonne"],
        "abatement_t_per_year": curve["abatement_t_per_year"],
        "counted": counted.astype(bool),
        "cumulative_counted_t": cumulative,
        "share_of_gap_pct": 100.0 * cumulative / gap if gap > 0 else 100.0,
        "gap_closed": cumulative >= gap,
    })


def _checked(measures) -> pd.DataFrame:
    if not isinstance(measures, pd.DataFrame):
        raise v.WrongType(f"measures måste vara en pandas.DataFrame, fick {v.show(measures)}.")
    missing = [c for c in ("measure", "sector", "abatement_t_per_year") if c not in measures.columns]
    if missing:
        raise ValueError(f"measures saknar kolumnerna {missing} (sektor och utsläppsminskning "
                         "behövs för att räkna åtgärderna i tur och ordning).")
    if measures.empty:
        raise ValueError("measures är tom; minst en åtgärd krävs.")
    if measures["measure"].duplicated().any():
        dup = measures.loc[measures["measure"].duplicated(), "measure"].tolist()
        raise ValueError(f"Åtgärdernas namn måste vara unika, fick dubbletter: {dup}.")
    abatement = pd.to_numeric(measures["abatement_t_per_year"], errors="coerce")
    bad = ~(abatement > 0) | ~np.isfinite(abatement)
    if bad.any():
        i = bad.to_numpy().argmax()
        raise ValueError(f'abatement_t_per_year för åtgärden "{measures["measure"].iloc[i]}" måste '
                         f"vara ett tal större än 0, fick {v.show(measures['abatement_t_per_year'].iloc[i])}.")
    bad_sector = [x for x in measures["sector"] if not isinstance(x, str)]
    if bad_sector:
        raise ValueError(f"Kolumnen sector måste vara text (en sektor per åtgärd), fick {v.show(bad_sector[0])}.")
    table = measures.copy()
    table["abatement_t_per_year"] = abatement.astype(float)
    return table


def _sector_emissions(sector_emissions) -> dict:
    if not isinstance(sector_emissions, (pd.Series, Mapping)):
        raise v.WrongType("sector_emissions måste vara en pandas.Series eller ordlista sektor -> ton CO₂e/år, fick "
                          f"{v.show(sector_emissions)}.")
    items = sector_emissions.items()
    clean = {}
    for sector, value in items:
        if not isinstance(sector, str):
            raise ValueError(f"sector_emissions: sektorn måste vara text, fick {v.show(sector)}.")
        clean[sector] = v.non_negative(value, f'sector_emissions["{sector}"]', "ton CO₂e/år")
    return clean


def _reordered(table: pd.DataFrame, order) -> pd.DataFrame:
    if isinstance(order, (str, bytes, Mapping, pd.DataFrame)) or not hasattr(order, "__iter__"):
        raise v.WrongType(f"order måste vara en lista med åtgärdernas namn, fick {v.show(order)}.")
    if hasattr(order, "__len__") and len(order) > len(table):
        raise ValueError(f"order måste innehålla varje åtgärd exakt en gång ({len(table)} st), fick {len(order)}.")
    order = list(order)
    if any(not isinstance(x, str) for x in order):
        raise ValueError(f"order måste innehålla åtgärdernas namn som text, fick {v.show(order)}.")
    names = list(table["measure"])
    if sorted(map(str, order)) != sorted(map(str, names)) or len(set(order)) != len(order):
        raise ValueError(f"order måste innehålla varje åtgärd exakt en gång: {names}, fick {order}.")
    position = {name: i for i, name in enumerate(order)}
    return table.iloc[np.argsort([position[name] for name in names], kind="stable")]


def _where(source_row) -> str:
    return f" (rad {int(source_row)})" if source_row is not None and pd.notna(source_row) else ""
