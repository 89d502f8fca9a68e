"""Lesson "Åtgärdsplan och åtgärdskostnader": the gap, the measures' cost curve, coverage, Excel.

The gap a kommun's measures should close comes from SMHI's sector data: the sectors where the
kommun's own decisions matter most (everything except *Industri* and *El och fjärrvärme*, where
SSAB's and LKAB's plants and the power and heating plants dominate), held at the latest year's
level, against a path with a constant annual cut to a target year. The default cut is the
Carbon Law's 11.72 % per year (Klimatkollen, 2025). This is a teaching illustration of the
method, not any kommun's adopted target.
"""
from __future__ import annotations

import textwrap
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.patches import Patch
from matplotlib.transforms import blended_transform_factory

from models import data
from models.common import checks
from models.common.export import write_xlsx
from models.common.formatting import fmt_number, fmt_pct
from models.common.plotting import MUTED, OKABE_ITO, apply_style, swedish_axis
from models.data import emissions as smhi
from models.data import measures_file
from models.strategy import CARBON_LAW_REDUCTION_RATE, macc
from models.strategy.measures import gap_coverage, gap_to_target, sequential_macc

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

# One colour and one hatch per SMHI sector, so a sector never depends on colour alone.
_SECTOR_STYLE = {
    "domestic_transport": (OKABE_ITO["blue"], ""),
    "work_machinery": (OKABE_ITO["orange"], "//"),
    "own_heating_of_dwellings_and_premises": (OKABE_ITO["bluish_green"], "\\\\"),
    "electricity_and_district_heating": (OKABE_ITO["vermillion"], "xx"),
    "industry_energy_and_processes": (OKABE_ITO["reddish_purple"], ".."),
    "agriculture": (OKABE_ITO["sky_blue"], "--"),
    "waste_incl_wastewater": (OKABE_ITO["yellow"], "++"),
    "product_use_incl_solvents": (MUTED, "oo"),
    "international_transport": ("#FFFFFF", "||"),
}


# ----------------------------------------------------------------------------- the gap
def sector_emissions(kommun: str, year: int | None = None, dataset: str = smhi.LATEST_DATASET) -> pd.Series:
    """Emissions per SMHI sector in one year (default: latest), keyed by the Swedish label [t CO2e].

    Every SMHI sector is present; a sector that is zero in every year (and so left out by
    :func:`models.smhi.by_sector`) gets 0.
    """
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
    return int(smhi.total(data.COUNTY_NAME).index.max()) + 1


def discount_rate(pct) -> float:
    """A discount rate in percent (0–10, the range the lesson offers) as a fraction."""
    return checks.number_in_range(pct, RATE_MIN_PCT, RATE_MAX_PCT, "discount_rate_pct", "kalkylränta", " procent") / 100


def target_year(year) -> int:
    """A target year from the year after the latest data to 2045."""
    first = first_target_year()
    value = checks.integer(year, "target_year", "målår")
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
    table = measures_file.template_measures() if measures is None else measures
    gap = kommun_gap(name, year)
    warnings = []
    curve = None
    if sequential:
        try:
            curve = sequential_macc(table, sector_emissions(name), rate)
        except ValueError as error:
            hint = " Exempelfilen är räknad för en kommun av Luleås storlek." if measures is None else ""
            warnings.append(f"Samverkan mellan åtgärderna kunde inte räknas för {name}: {error}{hint} "
                            "Kurvan visar i stället åtgärderna var för sig.")
    if curve is None:
        curve = macc(table, rate)
    coverage = gap_coverage(curve, gap["gap_t_per_year"], year, gap_sectors())
    late = curve.loc[curve["start_year"].fillna(0).astype(int) > year, "measure"].tolist()
    if late:
        warnings.append(f"Startar efter {year} och räknas inte mot gapet: {_names(late)}.")
    outside = curve.loc[~curve["sector"].isin(gap_sectors()), "measure"].tolist()
    if outside:
        warnings.append("Ligger i sektorer som inte ingår i gapet (Industri, El och fjärrvärme) och räknas inte "
                        f"mot det: {_names(outside)}.")
    return MeasuresCase(name, rate, year, bool(sequential), source, gap, curve, coverage, tuple(warnings))


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
    table = export_table(curve)
    out = pd.DataFrame(index=table.index)
    for column in table.columns:
        values = table[column]
        if column == "Startår":
            out[column] = ["" if pd.isna(x) else str(int(x)) for x in values]
        elif column != "Nr" and pd.api.types.is_float_dtype(values):
            out[column] = [_fmt_signed(x) if pd.notna(x) else "" for x in values]
        else:
            out[column] = values
    return out.set_index("Nr")


def export_table(curve: pd.DataFrame) -> pd.DataFrame:
    """The cost curve with Swedish headers and units, numbers as numbers (for Excel)."""
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


# ----------------------------------------------------------------------------- figures
def macc_figure(curve: pd.DataFrame, title: str | None = None):
    """The cost curve: bar width = abatement, height = cost per tonne, cheapest first.

    Bars below zero save money. Each bar carries its number; the numbered list of measures
    is under the chart. Sectors differ in colour *and* hatching.
    """
    apply_style()
    import matplotlib.pyplot as plt

    n = len(curve)
    names = [_short(name) for name in curve["measure"]]
    list_height = 0.21 * n + 0.25
    fig, (ax, legend_ax) = plt.subplots(
        2, 1, figsize=(8, 4.2 + list_height), layout="constrained",
        gridspec_kw={"height_ratios": [4.2, list_height]})
    left = (curve["cumulative_abatement"] - curve["abatement_t_per_year"]).to_numpy()
    width = curve["abatement_t_per_year"].to_numpy()
    cost = curve["cost_per_tonne"].to_numpy()
    keys = {sv: key for key, sv in sector_labels().items()}
    sectors = list(curve["sector"]) if "sector" in curve.columns else [None] * n
    for x, w, c, sector in zip(left, width, cost, sectors):
        colour, hatch = _SECTOR_STYLE.get(keys.get(sector), ("#DDDDDD", ""))
        ax.bar(x, c, width=w, align="edge", color=colour, hatch=hatch, edgecolor="black", linewidth=0.6)
    span = max(np.nanmax(np.abs(cost)), 1.0)
    for i, (x, w, c) in enumerate(zip(left, width, cost), start=1):
        offset = 0.03 * span
        ax.text(x + w / 2, c + offset if c >= 0 else c - offset, str(i), ha="center",
                va="bottom" if c >= 0 else "top", fontsize=9, fontweight="bold")
    ax.axhline(0, color="black", linewidth=1.2)
    low, high = min(cost.min(), 0), max(cost.max(), 0)
    ax.set_ylim(low - 0.15 * span if low < 0 else 0, high + 0.15 * span if high > 0 else 0.1 * span)
    total = float(curve["cumulative_abatement"].iloc[-1])
    ax.set_xlim(0, total)
    scale, decimals, unit = (1000, 1, "tusen ton") if total >= 10_000 else (1, 0, "ton")
    ax.set_xlabel(f"Utsläppsminskning, kumulativ ({unit} CO₂e per år)\nvarje staples bredd är åtgärdens minskning")
    ax.set_ylabel("Kostnad (kr per ton CO₂e)")
    swedish_axis(ax.xaxis, scale=scale, decimals=decimals)
    swedish_axis(ax.yaxis)
    ax.grid(axis="x", visible=False)
    side = blended_transform_factory(ax.transAxes, ax.transData)
    if high > 0:
        ax.text(1.01, 0, "↑ kostar\n", transform=side, va="bottom", fontsize=8.5)
    if low < 0:
        ax.text(1.01, 0, "\n↓ sparar\n   pengar", transform=side, va="top", fontsize=8.5)
    ax.set_title(title or "Åtgärdskostnadskurva – billigaste åtgärden först")
    used = [s for s in dict.fromkeys(sectors) if s is not None]
    handles = [Patch(facecolor=_SECTOR_STYLE.get(keys.get(s), ("#DDDDDD", ""))[0],
                     hatch=_SECTOR_STYLE.get(keys.get(s), ("#DDDDDD", ""))[1], edgecolor="black", label=s)
               for s in used]
    if handles:
        ax.legend(handles=handles, loc="upper left", fontsize=9, title="Sektor", title_fontsize=9)
    legend_ax.axis("off")
    lines = [f"{i}. {name} – {_fmt_signed(c)} kr/ton, {_fmt_signed(w)} ton/år"
             for i, (name, c, w) in enumerate(zip(names, cost, width), start=1)]
    legend_ax.text(0, 1, "\n".join(lines), va="top", ha="left", fontsize=9.5, transform=legend_ax.transAxes,
                   linespacing=1.45)
    return fig


def coverage_figure(coverage: pd.DataFrame, gap: pd.Series):
    """Cumulative abatement of the measures (cheapest first) next to the gap."""
    apply_style()
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 2.9), layout="constrained")
    gap_t = float(gap["gap_t_per_year"])
    year = int(gap["target_year"])
    ax.barh(1, gap_t, color="#EEEEEE", edgecolor="black", hatch="..", height=0.55)
    ax.text(gap_t, 1, f"  {fmt_number(gap_t)} ton/år", va="center", fontsize=9)
    left = 0.0
    keys = {sv: key for key, sv in sector_labels().items()}
    sectors = coverage["sector"] if "sector" in coverage.columns else pd.Series(None, index=coverage.index)
    for i, (row, sector) in enumerate(zip(coverage.itertuples(), sectors), start=1):
        if not row.counted:
            continue
        colour, hatch = _SECTOR_STYLE.get(keys.get(sector), ("#DDDDDD", ""))
        ax.barh(0, row.abatement_t_per_year, left=left, color=colour, hatch=hatch, edgecolor="black",
                linewidth=0.6, height=0.55)
        if row.abatement_t_per_year > 0.04 * max(gap_t, left + row.abatement_t_per_year):
            ax.text(left + row.abatement_t_per_year / 2, 0, str(i), ha="center", va="center", fontsize=9,
                    fontweight="bold", bbox={"boxstyle": "circle,pad=0.2", "facecolor": "white", "linewidth": 0})
        left += row.abatement_t_per_year
    share = 100 * left / gap_t if gap_t > 0 else np.nan
    share_text = f" ({fmt_pct(share, 0)} av gapet)" if np.isfinite(share) else ""
    ax.text(left, 0, f"  {fmt_number(left)} ton/år{share_text}", va="center", fontsize=9)
    ax.axvline(gap_t, color="black", linestyle="--", linewidth=1)
    ax.set_yticks([0, 1], ["Åtgärderna,\nbilligast först", f"Gapet {year}"])
    ax.set_xlim(0, max(gap_t, left) * 1.35)
    ax.set_ylim(-0.6, 1.6)
    scale, decimals, unit = (1000, 0, "tusen ton") if max(gap_t, left) >= 10_000 else (1, 0, "ton")
    swedish_axis(ax.xaxis, scale=scale, decimals=decimals)
    ax.set_xlabel(f"{unit} CO₂e per år")
    ax.grid(axis="y", visible=False)
    ax.set_title(f"{gap.get('kommun', '')}: åtgärdernas minskning jämfört med gapet {year}".strip(": "))
    skipped = int((~coverage["counted"]).sum())
    if skipped:
        fig.text(0.0, -0.02, f"{skipped} åtgärd(er) startar efter {year} eller ligger utanför sektorerna i gapet "
                              "och räknas inte här.", fontsize=8, color="#555555", va="top")
    return fig


def _fmt_signed(value: float) -> str:
    return fmt_number(value, 1 if abs(value) < 100 and not float(value).is_integer() else 0)


def _short(name: str, width: int = 70) -> str:
    return textwrap.shorten(str(name), width=width, placeholder=" …")
