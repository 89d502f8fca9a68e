"""Climate budget (klimatbudget) for a municipal plan period: ceiling, measures, gap.

The climate budget puts emissions into the financial budget the way Oslo does
(klimabudsjett): an emission ceiling for every year of the plan period, measures assigned
to the units that own them, and follow-up in the ordinary budget cycle. The steps follow
the Norwegian KS guide "Klimabudsjettarbeid på 1-2-3-4": a reference path without new
measures (*referansebane*), an emission ceiling towards the target (*utslippsramme*),
then the effect of each measure. Data model: ``strategy.md`` §3.4 —
``projected[y] = reference[y] − Σ effects[y]`` and ``gap[y] = projected[y] − ceiling[y]``.

Every function is pure: Series/DataFrames in, tidy tables out, tonnes CO2e in the column
names. Invalid input raises ``ValueError`` with a Swedish message.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from models.common import checks as v
from .constants import TREND_FIRST_YEAR
from .pathways import pathway
from .trend import lad_trend, trend_pathway

#: How the reference path (emissions without new measures) continues after the last data year.
#: ``"lad"``: Klimatkollen's trend – a median (LAD) regression line from 2015, shifted through the
#: last observed value and floored at zero. ``"flat"``: the last observed value, unchanged.
REFERENCE_METHODS = ("lad", "flat")

#: Columns a measures table needs for the climate budget (same names as ``MEASURE_COLUMNS``).
BUDGET_MEASURE_COLUMNS = {
    "measure": "name of the measure (unique text)",
    "responsible_unit": "unit (förvaltning or company) that owns the measure",
    "start_year": "first year with an effect (integer)",
    "abatement_t_per_year": "full annual effect [t CO2e/yr], > 0",
}
#: Optional column: years until the full effect (1 = full effect in the start year).
RAMP_COLUMN = "ramp_years"


def reference_path(emissions: pd.Series, end_year, method: str = "lad",
                   since=TREND_FIRST_YEAR, until=None) -> pd.Series:
    """Emissions without new measures, from the last observed year to ``end_year``.

    Parameters
    ----------
    emissions : pandas.Series
        Observed emissions [t CO2e/yr] indexed by year (NaN dropped).
    end_year : int
        Last year of the path (≥ the last observed year).
    method : {"lad", "flat"}
        ``"lad"`` (default): the LAD trend since ``since``, anchored at the last observed
        value and floored at 0 – the trend Klimatkollen publishes and lesson 1 shows. It
        assumes that the development of recent years continues, including the effect of
        national policy already decided. ``"flat"``: the last observed value every year – a
        cautious reference for when the trend is doubtful (few years, a break in the series).
    since : int, default 2015
        First year of the trend fit (``"lad"`` only).
    until : int, optional
        Last observed year to use (default: all). ``until=2023`` leaves out 2024, the first
        year after the reduktionsplikt was cut from 30.5 % to 6 % for diesel (prop.
        2023/24:28), so the learner can compare the path with and without that break.

    Returns
    -------
    pandas.Series
        ``reference_t_co2e`` indexed by ``year``, from the last observed year (equal to the
        observation) to ``end_year``.
    """
    method = v.choice(method, REFERENCE_METHODS)
    observed = _observed(emissions)
    since = v.year(since, "since", "första år i trendanpassningen")
    if until is not None:
        last = v.year(until, "until", "sista år med data som används")
        observed = observed[observed.index <= last]
        if observed.empty:
            raise ValueError(f"until ({last}) är före första året med data; inga år kvar att räkna på.")
    last_year, last_value = int(observed.index[-1]), float(observed.iloc[-1])
    end = v.year(end_year, "end_year", "sista år")
    if end < last_year:
        raise ValueError(f"end_year ({end}) får inte vara före sista året med data ({last_year}).")
    if method == "flat":
        years = pd.Index(np.arange(last_year, end + 1, dtype="int64"), name="year")
        return pd.Series(last_value, index=years, name="reference_t_co2e")
    line = lad_trend(observed, since=since)
    path = trend_pathway(line, last_year, end, anchor_t=last_value)
    return path.rename("reference_t_co2e")


def ceiling_path(e0, base_year, end_year, rate) -> pd.Series:
    """Emission ceiling: ``e0·(1 − rate)^(year − base_year)`` for each year.

    A constant percentage cut per year from the base year, as in the Carbon Law path
    (``rate = 0.1172``) or a carbon budget's required annual cut (F3). Uses
    :func:`models.strategy.pathway` with ``method="geometric"``.

    Parameters
    ----------
    e0 : float
        Emissions in ``base_year`` [t CO2e/yr], usually the last observed year.
    base_year, end_year : int
        First and last year, both included.
    rate : float
        Cut per year, a fraction strictly between 0 and 1.

    Returns
    -------
    pandas.Series
        ``ceiling_t_co2e`` indexed by ``year``.
    """
    return pathway(e0, base_year, end_year, rate=rate, method="geometric").rename("ceiling_t_co2e")


def measure_effects(measures: pd.DataFrame, years) -> pd.DataFrame:
    """Effect of each measure in each year [t CO2e/yr].

    ``effect(y) = abatement · min(1, (y − start_year + 1) / ramp_years)`` for
    ``y ≥ start_year``, else 0: a measure reaches its full effect after ``ramp_years``
    years (``ramp_years = 1``, the default, gives the full effect from the start year).
    Measures are treated as independent and additive (interactions must be handled before,
    see ``strategy.md`` §4).

    Parameters
    ----------
    measures : pandas.DataFrame
        Columns in ``BUDGET_MEASURE_COLUMNS``; optional ``ramp_years`` (integer ≥ 1) and
        any others (``sector`` …), which are ignored here.
    years : iterable of int
        The plan years.

    Returns
    -------
    pandas.DataFrame
        Index ``measure`` (input order), one column per year, values t CO2e/yr.
    """
    return _effects(_checked(measures), checked_plan_years(years))


def _effects(table: pd.DataFrame, years: np.ndarray) -> pd.DataFrame:
    """``measure_effects`` for an already validated table and checked years."""
    elapsed = years[None, :] - table["start_year"].to_numpy()[:, None] + 1
    share = np.clip(elapsed / table[RAMP_COLUMN].to_numpy()[:, None], 0.0, 1.0)
    effects = share * table["abatement_t_per_year"].to_numpy()[:, None]
    return pd.DataFrame(effects, index=pd.Index(table["measure"], name="measure"),
                        columns=pd.Index(years, name="year"))


def reductions_by_unit(measures: pd.DataFrame, years) -> pd.DataFrame:
    """Planned reductions per responsible unit and year [t CO2e/yr].

    Returns
    -------
    pandas.DataFrame
        Index ``year``, one column per ``responsible_unit`` (in order of first appearance).
    """
    return _by_unit(_checked(measures), checked_plan_years(years))


def _by_unit(table: pd.DataFrame, years: np.ndarray) -> pd.DataFrame:
    effects = _effects(table, years).to_numpy()
    owners = table["responsible_unit"].to_numpy()
    units = list(pd.unique(owners))
    sums = np.array([effects[owners == unit].sum(axis=0) for unit in units]).reshape(len(units), len(years))
    return pd.DataFrame(sums.T, index=pd.Index(years, name="year"),
                        columns=pd.Index(units, name="responsible_unit"))


def budget_table(reference: pd.Series, ceiling: pd.Series, measures: pd.DataFrame, years) -> pd.DataFrame:
    """The climate budget: for each plan year, reference, ceiling, planned cuts and the gap.

    Parameters
    ----------
    reference : pandas.Series
        Emissions without new measures [t CO2e/yr] by year (from :func:`reference_path`).
    ceiling : pandas.Series
        Emission ceiling [t CO2e/yr] by year (from :func:`ceiling_path`).
    measures : pandas.DataFrame
        Measures (see :func:`measure_effects`).
    years : iterable of int
        Plan years; each must be in ``reference`` and ``ceiling``.

    Returns
    -------
    pandas.DataFrame
        Index ``year`` with columns

        * ``reference_t_co2e`` – emissions without new measures;
        * ``ceiling_t_co2e`` – the emission ceiling;
        * ``required_reduction_t_co2e`` = ``max(reference − ceiling, 0)``, the cut needed;
        * ``planned_reduction_t_co2e`` – sum of the measures' effects that year;
        * ``projected_t_co2e`` = ``max(reference − planned, 0)``;
        * ``gap_t_co2e`` = ``projected − ceiling``: positive = tonnes still to find
          (over the ceiling), negative = margin under the ceiling;
        * ``within_ceiling`` – ``gap_t_co2e ≤ 0``.
    """
    years = checked_plan_years(years)
    ref = _on_years(reference, years, "reference")
    cap = _on_years(ceiling, years, "ceiling")
    planned = _effects(_checked(measures), years).sum(axis=0).to_numpy()
    projected = np.maximum(ref - planned, 0.0)
    gap = projected - cap
    return pd.DataFrame({
        "reference_t_co2e": ref,
        "ceiling_t_co2e": cap,
        "required_reduction_t_co2e": np.maximum(ref - cap, 0.0),
        "planned_reduction_t_co2e": planned,
        "projected_t_co2e": projected,
        "gap_t_co2e": gap,
        "within_ceiling": gap <= 0,
    }, index=pd.Index(years, name="year"))


def unit_summary(measures: pd.DataFrame, years) -> pd.DataFrame:
    """Who owns what: per responsible unit, its measures and planned cuts over the plan period.

    Returns
    -------
    pandas.DataFrame
        Index ``responsible_unit`` with ``measures`` (count), ``reduction_last_year_t_co2e``
        (effect in the last plan year), ``reduction_period_t_co2e`` (sum over the plan years)
        and ``share_of_planned_pct`` (share of all units' sum over the period; NaN if nothing
        is planned), sorted by the period sum, largest first.
    """
    table = _checked(measures)
    by_unit = _by_unit(table, checked_plan_years(years))
    owners = table["responsible_unit"].to_numpy()
    counts = [int((owners == unit).sum()) for unit in by_unit.columns]
    period = by_unit.sum(axis=0)
    total = period.sum()
    summary = pd.DataFrame({
        "measures": np.asarray(counts, dtype="int64"),
        "reduction_last_year_t_co2e": by_unit.iloc[-1].to_numpy(),
        "reduction_period_t_co2e": period.to_numpy(),
        "share_of_planned_pct": (period / total * 100).to_numpy() if total > 0 else np.nan,
    }, index=pd.Index(by_unit.columns, name="responsible_unit"))
    return summary.sort_values("reduction_period_t_co2e", ascending=False, kind="mergesort")


def scale_measures(measures: pd.DataFrame, percent) -> pd.DataFrame:
    """The measures with every ``abatement_t_per_year`` multiplied by ``percent``/100.

    Lets a learner ask "what if the measures deliver half – or twice – the planned effect?".
    ``percent = 0`` returns an empty table (no measures), which the other functions accept.
    """
    factor = v.non_negative(percent, "percent", "genomförandegrad i procent") / 100.0
    table = _checked(measures)
    if factor == 0:
        return _mark(table.iloc[0:0].copy())
    table = table.copy()
    scaled = table["abatement_t_per_year"].to_numpy() * factor
    table["abatement_t_per_year"] = scaled
    # still > 0 and finite (no overflow or underflow): checked; else the next check tells what is wrong
    return _mark(table) if (np.isfinite(scaled) & (scaled > 0)).all() else table


def validated_measures(measures) -> pd.DataFrame:
    """Check a measures table; return a copy with numeric columns and ``ramp_years`` filled in.

    An empty table (no rows, the right columns) is valid: nothing is planned yet. A table this function
    returned, unchanged since, is not checked again (see :func:`_checked`).
    """
    if _unchanged(measures):
        return measures.copy()
    v.table_with_columns(measures, BUDGET_MEASURE_COLUMNS, "measures", f"valfri: {RAMP_COLUMN}")
    table = measures.copy().reset_index(drop=True)
    names = table["measure"]
    if names.isna().any() or names.duplicated().any():
        dup = names[names.duplicated()].tolist()
        raise ValueError("Kolumnen measure måste ha unika namn utan tomma värden, fick "
                         f"dubbletter/tomma: {dup or [None]}.")
    units = table["responsible_unit"]
    blank = units.isna().to_numpy() | np.array([str(u).strip() == "" for u in units.to_numpy(dtype=object)], dtype=bool)
    if blank.any():
        i = int(blank.argmax())
        raise ValueError(f'Åtgärden "{names.iloc[i]}" saknar ansvarig enhet (responsible_unit). '
                         "Varje åtgärd måste ha en ägare.")
    if RAMP_COLUMN not in table.columns:
        table[RAMP_COLUMN] = 1
    for column, rule, ok in (
        ("abatement_t_per_year", "ett tal större än 0", lambda x: x > 0),
        ("start_year", "ett heltal (år)", lambda x: x % 1 == 0),
        (RAMP_COLUMN, "ett heltal ≥ 1", lambda x: (x >= 1) & (x % 1 == 0)),
    ):
        numeric = _as_float(table[column])
        finite = np.isfinite(numeric)
        good = finite & ok(np.where(finite, numeric, 0.0))
        if not good.all():
            i = int((~good).argmax())
            raise ValueError(f'{column} för åtgärden "{names.iloc[i]}" måste vara {rule}, '
                             f"fick {v.show(table[column].iloc[i])}.")
        table[column] = numeric if column == "abatement_t_per_year" else numeric.astype("int64")   # years: whole
    return _mark(table)


#: ``DataFrame.attrs`` key of a checked measures table: a fingerprint of its contents when it was checked.
_CHECKED = "stratus_checked_measures"


#: The columns the checks look at: a checked table stays valid while these (and its index) are unchanged.
_CHECKED_COLUMNS = (*BUDGET_MEASURE_COLUMNS, RAMP_COLUMN)


def _fingerprint(table: pd.DataFrame) -> int | None:
    """A hash of the table's index, column names and the checked columns' dtypes and values (``None``: values
    it cannot vouch for, e.g. objects other than text, which could change without the table noticing)."""
    index, columns = table.index, table.columns
    if not (isinstance(index, pd.RangeIndex) and index.start == 0 and index.step == 1) or columns.has_duplicates:
        return None
    parts = [len(table), tuple(columns)]
    for column in _CHECKED_COLUMNS:
        values = table[column].to_numpy() if column in columns else None
        if values is None or values.dtype.kind not in "biufO":
            return None
        if values.dtype.kind == "O":
            if not all(type(x) is str for x in values):
                return None
            parts.append(tuple(values))
        else:
            parts.append((values.dtype.str, values.tobytes()))
    return hash(tuple(parts))


def _mark(table: pd.DataFrame) -> pd.DataFrame:
    """Mark a table that passed the checks (a new ``attrs`` dict: the table it was copied from keeps its own)."""
    table.attrs = {**table.attrs, _CHECKED: _fingerprint(table)}
    return table


def _unchanged(measures) -> bool:
    """Whether ``measures`` is a checked table with the same contents as when it was checked."""
    if type(measures) is not pd.DataFrame:
        return False
    mark = measures.attrs.get(_CHECKED)
    return mark is not None and mark == _fingerprint(measures)


def _checked(measures) -> pd.DataFrame:
    """The checked measures: the table itself when it is checked and unchanged (the tables one budget passes
    from function to function), else :func:`validated_measures` (a full check, Swedish messages)."""
    return measures if _unchanged(measures) else validated_measures(measures)


def _as_float(column: pd.Series) -> np.ndarray:
    """Column as floats; text that is not a number becomes NaN (fast path for numeric columns)."""
    try:
        return column.to_numpy(dtype=float)
    except (TypeError, ValueError):
        return pd.to_numeric(column, errors="coerce").to_numpy(dtype=float)


def _observed(emissions) -> pd.Series:
    """Observed yearly emissions: empty years dropped; text, inf and negative values raise."""
    observed = v.yearly(emissions, "emissions", "utsläpp, t CO2e/år, indexerade med år", non_negative=True)
    if observed.empty:
        raise ValueError("emissions har inga värden; minst ett år med utsläpp behövs.")
    return observed


#: Longest plan the budget table accepts [years].
MAX_PLAN_YEARS = 100


def checked_plan_years(years) -> np.ndarray:
    """Plan years (whole years, rising, unique, at most :data:`MAX_PLAN_YEARS`) as an int64 array, or a Swedish
    error naming what is wrong."""
    if isinstance(years, (str, bytes, dict, pd.DataFrame)) or not hasattr(years, "__iter__"):
        raise v.WrongType(f"years (planår) måste vara en lista med år, fick {v.show(years)}.")
    if hasattr(years, "__len__") and len(years) > MAX_PLAN_YEARS:
        raise ValueError(f"years (planår): högst {MAX_PLAN_YEARS} år, fick {len(years)}.")
    values = []
    for y in years:  # a bounded loop even for a generator
        if len(values) >= MAX_PLAN_YEARS:
            raise ValueError(f"years (planår): högst {MAX_PLAN_YEARS} år.")
        values.append(v.year(y, "years", "planår"))
    if not values:
        raise ValueError("years (planår) är tom; ange minst ett år.")
    if sorted(set(values)) != values:
        raise ValueError(f"years (planår) måste vara stigande och unika, fick {values}.")
    return np.asarray(values, dtype="int64")


def _on_years(series, years: np.ndarray, name: str) -> np.ndarray:
    series = v.series(series, name, "t CO2e/år, indexerad med år", kind="non_negative", allow_empty=True)
    missing = [int(y) for y in years if y not in series.index]
    if missing:
        covers = (f"den täcker {int(series.index.min())}–{int(series.index.max())}" if len(series)
                  else "den är tom")
        raise ValueError(f"{name} saknar värden för planåren {missing}; {covers}.")
    return series.loc[years].to_numpy(dtype=float)
