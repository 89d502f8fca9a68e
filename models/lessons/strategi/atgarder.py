"""Lesson "Åtgärdsplan och åtgärdskostnader": the gap, the measures' cost curve, coverage, Excel.

The gap a kommun's measures should close comes from SMHI's sector data: the sectors where the
kommun's own decisions matter most (everything except *Industri* and *El och fjärrvärme*, where
SSAB's and LKAB's plants and the power and heating plants dominate), held at the latest year's
level, against a path with a constant annual cut to a target year. The default cut is the
Carbon Law's 11.72 % per year (Klimatkollen, 2025). This is a teaching illustration of the
method, not any kommun's adopted target.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.export import write_xlsx
from models.common.formatting import fmt_number, fmt_pct
from models.common.live_figure import LiveFigure
from models.common.memo import Memo
from models.data import emissions as smhi
from models.data import measures_file
from models.strategy import CARBON_LAW_REDUCTION_RATE, macc
from models.strategy.measures import gap_coverage, gap_to_target, sequential_macc
from models.lessons.strategi.atgarder_figurer import (  # noqa: F401  (figures re-exported for the lesson)
    SECTOR_STYLE, checked_coverage, checked_curve, checked_gap, coverage_chart, coverage_figure, fmt_signed,
    macc_chart, macc_figure, update_coverage_figure, update_macc_figure,
)

#: SMHI sectors left out of the gap: large plants the kommun does not decide over.
EXCLUDED_SECTORS = ("industry_energy_and_processes", "electricity_and_district_heating")
DEFAULT_TARGET_YEAR = 2030
EXAMPLE_SOURCE = "bokens exempelfil (illustrativa värden)"
#: Discount rates offered [% per year] and the default (a common municipal calculation rate).
RATE_MIN_PCT, RATE_MAX_PCT, RATE_STEP_PCT = 0.0, 10.0, 0.5
DEFAULT_RATE_PCT = 4.0
LAST_TARGET_YEAR = 2045


def source_note() -> str:
    """Sources of the gap."""
    return f"Utsläpp: {smhi.source_note(smhi.LATEST_DATASET).removeprefix('Källa: ')} Gap: Stratus beräkning."

# ----------------------------------------------------------------------------- the gap
def sector_emissions(kommun: str, year: int | None = None, dataset: str = smhi.LATEST_DATASET) -> pd.Series:
    """Emissions per SMHI sector in one year (default: latest), keyed by the Swedish label [t CO2e].

    Every SMHI sector is present; a sector that is zero in every year (and so left out by
    :func:`models.smhi.by_sector`) gets 0.
    """
    year = None if year is None else checks.year(year, "year", "år med utsläppsdata")
    dataset = smhi.check_dataset(dataset)
    return _sector_emissions(smhi.area_name(kommun), year, dataset, data.version("emissions_by_sector")).copy()


@lru_cache(maxsize=64)
def _sector_emissions(kommun: str, year: int | None, dataset: str, key: tuple) -> pd.Series:
    table = smhi.by_sector(kommun, dataset)
    year = int(table.index.max()) if year is None else year
    if year not in table.index:
        raise ValueError(f"Året {year} saknas i utsläppsdata för {kommun}. "
                         f"Giltiga år: {', '.join(map(str, table.index))}.")
    labels = sector_labels()
    row = table.loc[year].reindex(list(labels), fill_value=0.0)
    return pd.Series({labels[key]: float(value) for key, value in row.items()}, name=year)


def sector_labels() -> dict[str, str]:
    """SMHI's Swedish label for each sector key."""
    return smhi.sector_labels()


def gap_sectors() -> tuple[str, ...]:
    """Swedish labels of the sectors the gap covers."""
    return tuple(sv for key, sv in sector_labels().items() if key not in EXCLUDED_SECTORS)


def kommun_gap(kommun: str, target_year: int = DEFAULT_TARGET_YEAR, rate: float = CARBON_LAW_REDUCTION_RATE,
               dataset: str = smhi.LATEST_DATASET) -> pd.Series:
    """The gap in ``target_year`` for the sectors in :func:`gap_sectors` (beräknat).

    Emissions of those sectors in the latest year (``base_emissions_t``) are held constant
    and compared with ``base·(1 - rate)^(target_year - base_year)``; see
    :func:`models.strategy.measures.gap_to_target`. Returns that Series plus ``kommun``.
    """
    name = data.kommun_name(kommun)
    target_year = checks.year(target_year, "target_year", "målår")
    rate = checks.open_unit_rate(rate, "rate", "minskning per år, andel")
    dataset = smhi.check_dataset(dataset)
    return _kommun_gap(name, target_year, rate, dataset, data.version("emissions_by_sector")).copy()


@lru_cache(maxsize=512)
def _kommun_gap(name: str, target_year: int, rate: float, dataset: str, key: tuple) -> pd.Series:
    sectors = sector_emissions(name, dataset=dataset)
    scope = sectors[list(gap_sectors())].sum()
    gap = gap_to_target(scope, int(sectors.name), target_year, rate)
    return pd.concat([pd.Series({"kommun": name}), gap]).rename("gap")


@dataclass(frozen=True)
class MeasuresCase:
    """A kommun's measures against its gap: the cost curve, the coverage and what to tell the learner."""

    kommun: str
    discount_rate: float
    target_year: int
    sequential: bool
    source: str
    gap: pd.Series
    curve: pd.DataFrame
    coverage: pd.DataFrame
    warnings: tuple[str, ...]


def first_target_year() -> int:
    """The first possible target year: the year after the latest SMHI data."""
    return _first_target_year(data.version("emissions_total"))


@lru_cache(maxsize=4)
def _first_target_year(key: tuple) -> int:
    return int(smhi.total(data.COUNTY_NAME).index.max()) + 1


def discount_rate(pct) -> float:
    """A discount rate in percent (0–10, the range the lesson offers) as a fraction."""
    return checks.number_in_range(pct, RATE_MIN_PCT, RATE_MAX_PCT, "discount_rate_pct", "kalkylränta", " procent") / 100


def target_year(year) -> int:
    """A target year from the year after the latest data to 2045."""
    first = first_target_year()
    value = checks.year(year, "target_year", "målår")
    if not first <= value <= LAST_TARGET_YEAR:
        raise ValueError(f"Målåret måste vara ett år från {first} till {LAST_TARGET_YEAR}, fick {checks.show(year)}.")
    return value


def measures_case(kommun, measures: pd.DataFrame | None = None, discount_rate_pct=DEFAULT_RATE_PCT,
                  year=DEFAULT_TARGET_YEAR, sequential: bool = True, source: str = EXAMPLE_SOURCE) -> MeasuresCase:
    """The cost curve of ``measures`` (default: the book's example file) and how much of the gap it closes.

    With ``sequential`` the measures act in turn on what is left of each sector
    (:func:`models.strategy.measures.sequential_macc`); if a measure would remove more than its
    sector emits in this kommun, the curve falls back to the measures one by one and says so.
    Measures that start after the target year, or lie in sectors outside the gap, are listed
    in ``warnings`` and not counted against the gap.
    """
    name = data.kommun_name(kommun)
    rate = discount_rate(discount_rate_pct)
    year = target_year(year)
    sequential = checks.flag(sequential, "sequential", "räkna åtgärderna i tur och ordning")
    source = checks.text(source, "source", "varifrån åtgärderna kommer", max_length=300)
    table = _checked_measures(measures)
    gap = kommun_gap(name, year)
    key = _measures_key(measures)
    if key is None:
        curve, warning = _curve(table, measures is None, name, rate, sequential)
    else:
        curve, warning = _kept_curve(key, measures is None, name, rate, sequential,
                                     data.version("emissions_by_sector"), table)
        curve = curve.copy()
    warnings = [warning] if warning else []
    coverage = gap_coverage(curve, gap["gap_t_per_year"], year, gap_sectors())
    late = curve.loc[curve["start_year"].fillna(0).astype(int) > year, "measure"].tolist()
    if late:
        warnings.append(f"Startar efter {year} och räknas inte mot gapet: {_names(late)}.")
    outside = curve.loc[~curve["sector"].isin(gap_sectors()), "measure"].tolist()
    if outside:
        warnings.append("Ligger i sektorer som inte ingår i gapet (Industri, El och fjärrvärme) och räknas inte "
                        f"mot det: {_names(outside)}.")
    return MeasuresCase(name, rate, year, bool(sequential), source, gap, curve, coverage, tuple(warnings))


def _curve(table: pd.DataFrame, example: bool, name: str, rate: float, sequential: bool) -> tuple:
    """The cost curve of ``table`` for ``name`` and a warning ("" if none): in sequence if possible."""
    if sequential:
        try:
            return sequential_macc(table, sector_emissions(name), rate), ""
        except ValueError as error:
            hint = " Exempelfilen är räknad för en kommun av Luleås storlek." if example else ""
            warning = (f"Samverkan mellan åtgärderna kunde inte räknas för {name}: {error}{hint} "
                       "Kurvan visar i stället åtgärderna var för sig.")
            return macc(table, rate), warning
    return macc(table, rate), ""


#: Cost curves by (table content, example?, kommun, rate, in sequence?, data version), least recently used first out.
_CURVES = Memo(512)


def _kept_curve(key: str, example: bool, name: str, rate: float, sequential: bool, version: tuple,
                table: pd.DataFrame) -> tuple:
    """:func:`_curve` kept per table content, kommun, rate and data version (not per target year)."""
    return _CURVES.get((key, example, name, rate, sequential, version),
                       lambda: _curve(table, example, name, rate, sequential))


def _example_key() -> str:
    """The example file's key in the caches here (changes when the file does, as its reader's cache)."""
    return "example:{}:{}".format(*measures_file.template_version())


def _measures_key(measures: pd.DataFrame | None) -> str | None:
    """The key of ``measures`` in the caches here: the example file's for ``None``, else a digest of the
    checked table; ``None`` when the table cannot be hashed (then compute without a cache)."""
    return _example_key() if measures is None else _table_key(_checked_measures(measures))


def _table_key(table: pd.DataFrame) -> str | None:
    """A digest of a table's content (columns, types, cells), or ``None`` if it cannot be hashed."""
    try:
        cells = pd.util.hash_pandas_object(table, index=True).to_numpy()
    except (TypeError, ValueError):
        return None
    head = repr((list(table.columns), [str(t) for t in table.dtypes])).encode()
    return hashlib.sha1(head + cells.tobytes()).hexdigest()


def macc_limits(measures: pd.DataFrame | None = None) -> tuple[float, float, float]:
    """Axes that hold the cost curve of ``measures`` (default: the example file) at every rate and kommun.

    ``(x_max, y_low, y_high)`` for :func:`update_macc_figure`: ``x_max`` is the measures' stand-alone
    abatement (in sequence they remove less), the costs span the stand-alone curve at the lowest and
    highest rate offered (a measure's cost grows with the rate), widened by 15 % and rounded up to a
    round number. In sequence a measure can cost more than that in a small kommun: its bar is then cut.
    """
    key = _measures_key(measures)

    def make() -> tuple[float, float, float]:
        return _macc_limits(_checked_measures(measures))

    return make() if key is None else _LIMITS.get(key, make)


def _macc_limits(table: pd.DataFrame) -> tuple[float, float, float]:
    curves = [macc(table, pct / 100) for pct in (RATE_MIN_PCT, RATE_MAX_PCT)]
    low = min(0.0, *(float(c["cost_per_tonne"].min()) for c in curves))
    high = max(0.0, *(float(c["cost_per_tonne"].max()) for c in curves))
    span = max(-low, high, 1.0)
    top = LiveFigure.nice_limit(high + 0.15 * span) if high > 0 else 0.1 * span
    bottom = -LiveFigure.nice_limit(0.15 * span - low) if low < 0 else 0.0
    return float(curves[0]["cumulative_abatement"].iloc[-1]), float(bottom), float(top)


def coverage_limit(kommun, measures: pd.DataFrame | None = None) -> float:
    """An end of the coverage chart's axis [t CO₂e/yr] for ``kommun`` at every target year and rate.

    The larger of 1.35 × the gap in the last target year (the gap grows with the year) and 1.6 × the
    stand-alone abatement of the measures in the gap's sectors (in sequence they remove less; their total
    and share of the gap are written after their bar).
    """
    name = data.kommun_name(kommun)
    key = _measures_key(measures)

    def make() -> float:
        table = _checked_measures(measures)
        gap = float(kommun_gap(name, LAST_TARGET_YEAR)["gap_t_per_year"])
        # the same for every kommun: summed once per table
        measured = (_abatement_in_gap(table) if key is None
                    else _ABATEMENTS.get(key, lambda: _abatement_in_gap(table)))
        return max(1.35 * gap, 1.6 * measured, 1.35)     # room for the totals written after the bars

    return make() if key is None else _LIMITS.get((name, key, data.version("emissions_by_sector")), make)


def _abatement_in_gap(table: pd.DataFrame) -> float:
    """The measures' stand-alone abatement in the gap's sectors [t CO₂e/yr] (negative ones as 0)."""
    inside = table["sector"].isin(gap_sectors()) if "sector" in table.columns else pd.Series(True, table.index)
    return float(pd.to_numeric(table.loc[inside, "abatement_t_per_year"], errors="coerce").clip(lower=0).sum())


#: Axes of the charts by measures table (content digest) and, for the coverage, kommun and data version; the
#: measures' abatement in the gap's sectors by table.
_LIMITS, _ABATEMENTS = Memo(256), Memo(64)


def _checked_measures(measures) -> pd.DataFrame:
    """``measures`` checked (a table with a measure and an abatement column), or the example file's for ``None``."""
    if measures is None:
        return measures_file.template_measures()
    if not isinstance(measures, pd.DataFrame):
        raise checks.WrongType(f"measures måste vara en tabell (pandas.DataFrame) från åtgärdsfilen eller None, "
                               f"fick {checks.show(measures)}.")
    checks.table_with_columns(measures, ("measure", "abatement_t_per_year"), "measures")
    return measures


def _names(names: list[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def export_case(path, case: MeasuresCase):
    """Save a case's cost curve and gap to Excel (see :func:`export_macc_xlsx`)."""
    checks.instance(case, MeasuresCase, "case", "ett åtgärdsfall från measures_case()")
    return export_macc_xlsx(path, case.curve, case.gap, case.coverage, case.discount_rate, source=case.source)


# ----------------------------------------------------------------------------- tables
def scope_table(kommun: str) -> pd.DataFrame:
    """Emissions per sector in the latest year and whether the sector is in the gap (Swedish)."""
    sectors = sector_emissions(kommun).sort_values(ascending=False)
    included = set(gap_sectors())
    year = int(sectors.name)
    table = pd.DataFrame({
        f"Utsläpp {year} (ton CO₂e)": [fmt_number(x) for x in sectors],
        "Ingår i gapet": ["ja" if s in included else "nej" for s in sectors.index],
    }, index=pd.Index(sectors.index, name="Sektor"))
    total = sectors[sectors.index.isin(included)].sum()
    table.loc["Summa för sektorerna som ingår"] = [fmt_number(total), ""]
    return table


def macc_table(curve: pd.DataFrame) -> pd.DataFrame:
    """The cost curve as a Swedish table for the page (numbers formatted as text)."""
    table = _export_table(checked_curve(curve))
    index, out = pd.Index(table["Nr"].to_numpy(), name="Nr"), {}
    for column in table.columns[1:]:                                 # after "Nr", the index
        values = table[column]
        if column == "Startår":
            out[column] = ["" if pd.isna(x) else str(int(x)) for x in values]
        elif pd.api.types.is_float_dtype(values):
            out[column] = [fmt_signed(x) if pd.notna(x) else "" for x in values]
        else:
            out[column] = values.set_axis(index)
    return pd.DataFrame(out, index=index)          # one frame on its index (set_index would copy every column)


def export_table(curve: pd.DataFrame) -> pd.DataFrame:
    """The cost curve with Swedish headers and units, numbers as numbers (for Excel)."""
    return _export_table(checked_curve(curve))


def _export_table(curve: pd.DataFrame) -> pd.DataFrame:
    sequential = "standalone_abatement_t_per_year" in curve.columns
    columns = {
        "measure": "Åtgärd",
        "sector": "Sektor",
        "responsible_unit": "Ansvarig enhet",
        "start_year": "Startår",
    }
    if sequential:
        columns["standalone_abatement_t_per_year"] = "Utsläppsminskning var för sig (ton CO₂e/år)"
        columns["abatement_t_per_year"] = "Utsläppsminskning i tur och ordning (ton CO₂e/år)"
    else:
        columns["abatement_t_per_year"] = "Utsläppsminskning (ton CO₂e/år)"
    columns.update({
        "investment_sek": "Investering (kr)",
        "annualised_investment_sek_per_year": "Investering per år, annuitet (kr/år)",
        "running_cost_change_sek_per_year": "Ändrad driftkostnad (kr/år)",
        "energy_cost_change_sek_per_year": "Ändrad energikostnad (kr/år)",
        "net_annual_cost_sek_per_year": "Nettokostnad (kr/år)",
        "cost_per_tonne": "Kostnad (kr/ton CO₂e)",
        "cumulative_abatement": "Kumulativ minskning (ton CO₂e/år)",
    })
    present = {k: v for k, v in columns.items() if k in curve.columns}
    table = curve[list(present)].rename(columns=present).reset_index(drop=True)
    table.insert(0, "Nr", np.arange(1, len(table) + 1))
    return table


def coverage_table(coverage: pd.DataFrame, gap: pd.Series) -> pd.DataFrame:
    """Key figures: the gap, what the measures cover, what is left (Swedish, formatted)."""
    coverage, gap = checked_coverage(coverage), checked_gap(gap)
    counted = coverage.loc[coverage["counted"], "abatement_t_per_year"].sum()
    left = max(float(gap["gap_t_per_year"]) - counted, 0.0)
    share = 100 * counted / gap["gap_t_per_year"] if gap["gap_t_per_year"] > 0 else np.nan
    year, base = int(gap["target_year"]), int(gap["base_year"])
    rows = {
        f"Utsläpp {base} i sektorerna som ingår": f"{fmt_number(gap['base_emissions_t'])} ton CO₂e",
        f"Målnivå {year} ({fmt_pct(100 * gap['rate'], 2)} lägre per år, beräknat)":
            f"{fmt_number(gap['target_emissions_t'])} ton CO₂e",
        f"Gap {year} (beräknat)": f"{fmt_number(gap['gap_t_per_year'])} ton CO₂e per år",
        f"Åtgärdernas minskning som hinner starta senast {year}": f"{fmt_number(counted)} ton CO₂e per år",
        "Andel av gapet som åtgärderna täcker": fmt_pct(share, 0) if np.isfinite(share) else "–",
        "Kvar att hitta åtgärder för": f"{fmt_number(left)} ton CO₂e per år",
    }
    return pd.DataFrame({"Värde": list(rows.values())}, index=pd.Index(list(rows), name=gap.get("kommun", "")))


def export_macc_xlsx(path, curve: pd.DataFrame, gap: pd.Series, coverage: pd.DataFrame, discount_rate: float,
                     source: str = "bokens exempelfil") -> Path:
    """Write the learner's cost curve and gap to an Excel file (atomic; see :func:`write_xlsx`)."""
    discount_rate = checks.rate(discount_rate)
    source = checks.text(source, "source", "varifrån åtgärderna kommer", max_length=300)
    curve, gap, coverage = checked_curve(curve), checked_gap(gap), checked_coverage(coverage)
    rate_text = fmt_pct(100 * discount_rate, 1)
    summary = coverage_table(coverage, gap).reset_index()
    summary.columns = ["Uppgift", "Värde"]
    note = (f"Åtgärder från {source}. Kalkylränta {rate_text}; kostnad per ton = (annuitet × investering + ändrad "
            "drift- och energikostnad) / utsläppsminskning (annuitetsmetoden, Ibrahim & Kennedy 2016). Beräknat "
            "med Stratus.")
    gap_note = (f"{gap.get('kommun', '')}: sektorerna utom Industri och El och fjärrvärme. {source_note()} "
                "Illustration av metoden, inte kommunens beslutade mål.")
    return write_xlsx(path, {"Åtgärdskostnader": export_table(curve), "Gapet": summary},
                      notes={"Åtgärdskostnader": note, "Gapet": gap_note})
