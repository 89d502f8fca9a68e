"""Lesson "Mål och koldioxidbudget": a kommun's carbon budget, pathway and restated targets.

Builds the kommun's case from the data (:mod:`models.data.emissions`, :mod:`models.data.klimatkollen`)
and the pure scenario model (:mod:`models.strategy.scenario`), and presents it as Swedish tables,
figures and an Excel export. The lesson page and its explorer
(:mod:`models.widgets.strategi.mal_och_budget`) call the same functions.

Data: SMHI's CO2-only series in the snapshot Klimatkollen used (December 2024, data to 2022),
Klimatkollen's 1.5 °C budgets from 1 January 2024, and for exclusions each sector's share of the
kommun's CO2e total per year from the previous GHG snapshot (February 2026, which has every year
of the CO2 series) — an approximation, because a sector's share of CO2 is not exactly its share
of CO2e (see the lesson).
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from models import data
from models.common import checks
from models.common.export import write_xlsx
from models.common.formatting import fmt_number, fmt_pct
from models.data import emissions as smhi
from models.data import klimatkollen
from models.strategy import decimal_year_to_date
from models.strategy import scenario as sc
from models.strategy import targets as tg
from models.lessons.strategi.mal_och_budget_figur import (  # noqa: F401  (re-exported for the lesson)
    CARBON_LAW_COLOUR, GOAL_LABELS, KT, METHOD_LABELS, choice_label, scenario_chart, scenario_figure, source_note,
    update_scenario_figure,
)
from models.strategy.constants import (
    CARBON_LAW_END_YEAR, KLIMATKOLLEN_BUDGET_YEAR, SWEDEN_NET_ZERO_YEAR,
)

MT = 1e6
#: GHG snapshot whose sector shares are applied to the CO2 series (it has every year 2015–2022).
SHARE_DATASET = smhi.PREVIOUS_DATASET

METHOD_NAMES_SV = {
    "exponential": "Exponentiell (kontinuerlig)",
    "geometric": "Geometrisk (oändlig horisont)",
    "target_year": "Fast målår",
}
#: Exclusion presets (Swedish label -> SMHI sector keys). "Egen andel" uses a share instead.
EXCLUSIONS = {
    "Inget": (),
    "Industri": ("industry_energy_and_processes",),
    "Industri + El och fjärrvärme": ("industry_energy_and_processes",
                                     "electricity_and_district_heating"),
    # The mines' machinery (Pajala, Gällivare, Kiruna) is in "Arbetsmaskiner", not in "Industri".
    "Arbetsmaskiner": ("work_machinery",),
    "Industri + Arbetsmaskiner": ("industry_energy_and_processes", "work_machinery"),
    "Egen andel": (),
}
#: The presets the static-site chart offers (short key -> label in :data:`EXCLUSIONS`): none, industry,
#: industry with work machinery (the sectors a kommun can least steer), industry with power and heat.
SITE_EXCLUSIONS = {"0": "Inget", "i": "Industri", "im": "Industri + Arbetsmaskiner", "ie": "Industri + El och fjärrvärme"}
#: SMHI sectors whose emissions are mostly other gases than CO2 (agriculture and waste: methane
#: and nitrous oxide; product use: fluorinated gases and solvents). Leaving them out of a CO2e
#: sum gives an upper bound for the CO2 in the remaining sectors (beräknat).
MOSTLY_NON_CO2_SECTORS = ("agriculture", "waste_incl_wastewater", "product_use_incl_solvents")
CUSTOM_SHARE = "Egen andel"


# ------------------------------------------------------------------------------ the kommun's case
@lru_cache(maxsize=64)
def _sector_shares(name: str, key: tuple) -> pd.DataFrame:
    """Share (0–1) of each sector in the kommun's CO2e total per year (:data:`SHARE_DATASET`)."""
    wide = smhi.by_sector(name, SHARE_DATASET).reindex(columns=list(smhi.SECTORS), fill_value=0.0)
    return wide.div(wide.sum(axis=1), axis=0)


def sector_shares(kommun) -> pd.DataFrame:
    """Each sector's share of the kommun's total per year (used for exclusions)."""
    return _sector_shares(data.kommun_name(kommun), data.version("emissions_by_sector")).copy()


def _co2(name: str) -> pd.Series:
    return smhi.total(name, smhi.CO2_DATASET)


def co2_history(kommun, exclude_sectors=(), exclude_share=0.0) -> pd.Series:
    """Recorded CO2 emissions [t/yr] after exclusions (index ``year``, name ``co2_t``)."""
    name = data.kommun_name(kommun)
    co2 = _co2(name)
    fraction = sc.included_fraction(sector_shares(name), exclude_sectors, exclude_share).reindex(co2.index)
    return (co2 * fraction).rename("co2_t").rename_axis("year")


def kommun_budget(kommun, goal="1.5C", exclude_sectors=(), exclude_share=0.0) -> float:
    """The kommun's CO2 budget from 1 January 2024 [t CO2] for what stays after exclusions.

    ``B = B_KK · goal factor · Σ_{2015..2022} E_included / Σ_{2015..2022} E``, ``B_KK`` Klimatkollen's
    published 1.5 °C budget (December 2024). Without exclusions and with ``"1.5C"`` this is
    Klimatkollen's number unchanged.
    """
    name = data.kommun_name(kommun)
    published = float(klimatkollen.published_budgets()[name]) * sc.GOALS[sc.check_goal(goal)]
    return sc.budget_after_exclusions(published, _co2(name), co2_history(name, exclude_sectors, exclude_share))


def scenario(kommun, goal="1.5C", method="exponential", start_year=KLIMATKOLLEN_BUDGET_YEAR, *,
             exclude_sectors=(), exclude_share=0.0, target_year=SWEDEN_NET_ZERO_YEAR,
             end_year=CARBON_LAW_END_YEAR) -> sc.Scenario:
    """The kommun's budget scenario (:func:`models.strategy.scenario.build_scenario` on its data)."""
    name = data.kommun_name(kommun)
    sectors = checks.keys(exclude_sectors, smhi.SECTORS, "exclude_sectors", "sektor", "sektorer")
    share = checks.fraction(exclude_share, "exclude_share", "andel att undanta", "0.25 för 25 %")
    goal = sc.check_goal(goal)
    method = checks.choice(method, sc.METHODS)
    start_year, target_year, end_year = (checks.year(start_year, "start_year", "startår"),
                                         checks.year(target_year, "target_year", "målår"),
                                         checks.year(end_year, "end_year", "sista år"))
    return _scenario(name, goal, method, start_year, sectors, share, target_year, end_year,
                     data.version("emissions_total", "emissions_by_sector", "klimatkollen_carbon_budget"))


@lru_cache(maxsize=1024)
def _scenario(name, goal, method, start_year, sectors, share, target_year, end_year, key) -> sc.Scenario:
    history, budget, full = _inputs(name, goal, sectors, share, key)
    return sc.build_scenario(history, budget, method, start_year, target_year=target_year, end_year=end_year,
                             full_history=full, kommun=name, goal=goal)


@lru_cache(maxsize=256)
def _inputs(name, goal, sectors, share, key) -> tuple[pd.Series, float, pd.Series]:
    """The kommun's CO2 series after exclusions, its budget and the series before, per data version:
    shared by every method and start year (``build_scenario`` copies what it changes)."""
    history, full = co2_history(name, sectors, share), _co2(name)
    published = float(klimatkollen.published_budgets()[name]) * sc.GOALS[goal]   # as kommun_budget()
    return history, sc.budget_after_exclusions(published, full, history), full


def without_sectors_check(kommun, year: int, exclude_sectors) -> dict[str, float]:
    """How large the rest of the kommun is after leaving out sectors, from one consistent series.

    All from the GHG snapshot :data:`SHARE_DATASET` (CO2e, one snapshot): ``rest_co2e_t`` (the
    remaining sectors), ``mostly_non_co2_t`` (of which agriculture, waste and product use),
    ``co2_upper_t`` = rest − those (an upper bound for the CO2), and ``model_co2_t``: the
    approximation the budget model uses (SMHI's CO2 series × the rest's CO2e share), with
    ``model_overstatement_t`` = model − upper bound (beräknat).
    """
    name = data.kommun_name(kommun)
    keys = checks.keys(exclude_sectors, smhi.SECTORS, "exclude_sectors", "sektor", "sektorer")
    table = smhi.by_sector(name, SHARE_DATASET)
    year = checks.year(year, "year", "år i SMHI:s utgåva", low=int(table.index.min()), high=int(table.index.max()))
    row = table.loc[year]
    rest = row.drop([k for k in keys if k in row.index])
    non_co2 = float(rest.reindex(MOSTLY_NON_CO2_SECTORS).fillna(0.0).sum())
    model = float(co2_history(name, keys)[int(year)])
    upper = float(rest.sum()) - non_co2
    return {"rest_co2e_t": float(rest.sum()), "mostly_non_co2_t": non_co2, "co2_upper_t": upper,
            "model_co2_t": model, "model_overstatement_t": model - upper}


def exclusion_effect(kommun, options: dict, goal="1.5C", method="exponential", start_year=2024) -> pd.DataFrame:
    """The same scenario with different sector exclusions side by side (one row per label)."""
    if not isinstance(options, dict) or not options:
        raise checks.WrongType(f"options måste vara en ordlista etikett -> sektorer, fick {checks.show(options)}.")
    rows = {}
    for label, sectors in options.items():
        s = scenario(kommun, goal, method, start_year, exclude_sectors=sectors).summary
        rows[label] = s[["e0_t", "budget_t", "remaining_t", "required_reduction_pct",
                         "trend_slope_t_per_year", "exhaustion_year"]].astype(float)
    return pd.DataFrame(rows).T.rename_axis("exclusion")


def county_budget_shares(goal="1.5C") -> pd.DataFrame:
    """Grandfathering within Norrbotten on the CO2 series (:func:`models.strategy.scenario.county_budget_shares`)."""
    co2 = smhi.totals(smhi.CO2_DATASET)[list(data.KOMMUNER)]
    return sc.county_budget_shares(co2, klimatkollen.published_budgets(), goal)


def restate_targets(kommun, dataset=smhi.LATEST_DATASET, *, exclude_sectors=(), com_base_year=None) -> pd.DataFrame:
    """The national targets as levels for the kommun (:func:`models.strategy.targets.restate_targets`)."""
    return tg.restate_targets(smhi.by_sector(kommun, smhi.check_dataset(dataset)), smhi.sector_labels(),
                              exclude_sectors=exclude_sectors, com_base_year=com_base_year)


# ------------------------------------------------------------------------------ presentation
# ------------------------------------------------------------------------------ summary
def summary_table(result: sc.Scenario) -> pd.DataFrame:
    """The scenario's key figures as a one-column Swedish table ("Värde")."""
    checks.instance(result, sc.Scenario, "result", "ett scenario från scenario()")
    s = result.summary
    start = s["start_year"]
    date = s["exhaustion_date"]
    if date is not None:
        runs_out = f"{date:%Y-%m-%d} (beräknat)"
    else:
        runs_out = "aldrig – den fallande trenden når noll innan budgeten är slut"
    rows = {
        "Budget från 1 januari 2024": f"{fmt_number(s['budget_t'] / KT)} tusen ton CO₂",
        "Använt före startåret (längs trenden)": f"{fmt_number(s['used_before_start_t'] / KT)} tusen ton CO₂",
        f"Budget kvar {start}": _budget_left(s["remaining_t"]),
        f"Utsläpp {start} enligt trenden": f"{fmt_number(s['e0_t'] / KT)} tusen ton CO₂",
        "Budgeten räcker (år med dagens utsläpp)": (
            f"{fmt_number(s['years_of_emissions'], 1)} år" if s["remaining_t"] > 0 else "0 år"),
        "Nödvändig minskning per år": (
            fmt_pct(s["required_reduction_pct"], 1) if s["feasible"] else "ingen bana möjlig"),
        "Budgeten tar slut med nuvarande trend": runs_out,
        f"Summa {start}–{result.table.index.max()} med trenden": (
            f"{fmt_number(s['trend_total_t'] / KT)} tusen ton CO₂"),
        f"Summa {start}–{result.table.index.max()} med Carbon Law": (
            f"{fmt_number(s['carbon_law_total_t'] / KT)} tusen ton CO₂"),
    }
    if s["included_share_pct"] < 100 - 1e-9:
        rows["Med i beräkningen (andel av utsläppen 2015–2022)"] = fmt_pct(s["included_share_pct"], 1)
    return pd.DataFrame({"Värde": list(rows.values())}, index=pd.Index(list(rows), name=s["kommun"]))


def _budget_left(remaining: float) -> str:
    if remaining > 0:
        return f"{fmt_number(remaining / KT)} tusen ton CO₂"
    return f"slut (överskriden med {fmt_number(-remaining / KT)} tusen ton CO₂)"


# ------------------------------------------------------------------------------ tables
PATHWAY_COLUMNS = {
    "history_t": "Utsläpp enligt SMHI (ton CO₂)",
    "trend_t": "Trend (ton CO₂, beräknat)",
    "pathway_t": "Bana inom budgeten (ton CO₂, beräknat)",
    "carbon_law_t": "Carbon Law −11,72 %/år (ton CO₂, beräknat)",
    "pathway_cumulative_t": "Bana, summa från startår (ton CO₂)",
    "trend_cumulative_t": "Trend, summa från startår (ton CO₂, ytan under trendlinjen)",
    "carbon_law_cumulative_t": "Carbon Law, summa från startår (ton CO₂)",
}


def pathway_table(result: sc.Scenario) -> pd.DataFrame:
    """The scenario table with Swedish headers and units, rounded to whole tonnes."""
    checks.instance(result, sc.Scenario, "result", "ett scenario från scenario()")
    names = dict(PATHWAY_COLUMNS)
    if result.summary["included_share_pct"] < 100 - 1e-9:
        names["history_t"] = "Utsläpp enligt SMHI utan undantagna delar (ton CO₂, beräknat)"
    table = result.table[list(names)].rename(columns=names).round(0)
    table.index.name = "År"
    return table


def targets_table(kommun, dataset=None, **kwargs) -> pd.DataFrame:
    """The targets restated for a kommun (:func:`models.strategy.targets.restate_targets`), in Swedish.

    What is measured for the kommun (all sectors, or the sector Transporter) is in
    ``restate_targets(...)["measured_sv"]``; the lesson says it in the text.
    """
    t = restate_targets(kommun, smhi.LATEST_DATASET if dataset is None else dataset, **kwargs)
    latest = int(t["latest_year"].iloc[0])
    out = pd.DataFrame({
        "Målet gäller": t["covers_sv"],
        "Basår": t["base_year"].astype(int),
        "Basåret": [fmt_number(x / KT) for x in t["base_t"]],
        "Målnivå": [fmt_number(x / KT) for x in t["target_level_t"]],
        str(latest): [fmt_number(x / KT) for x in t["latest_t"]],
        f"Kvar från {latest}": [fmt_pct(x, 0) if x > 0 else "redan under"
                                 for x in t["remaining_cut_pct"]],
        "Minskning per år": [fmt_pct(x, 1) for x in t["annual_cut_needed_pct"]],
    })
    out.columns = pd.MultiIndex.from_tuples(
        [("", c) for c in out.columns[:2]]
        + [("Tusen ton CO₂e", c) for c in out.columns[2:5]]
        + [("Till målåret", c) for c in out.columns[5:]])
    out.index = pd.Index(t["label_sv"], name=data.kommun_name(kommun))
    return out


def years_of_emissions_table(years_of_emissions, years) -> pd.DataFrame:
    """Required annual cut per method for budgets of a few years' emissions (B/E0), in Swedish.

    Used to check a published rate against a published "the budget lasts N years".
    """
    columns = {}
    for ratio in checks.number_list(years_of_emissions, "years_of_emissions", "budgeten i antal års utsläpp",
                                    low=0.0, high=1000.0, max_length=20):
        rates = sc.compare_methods(1.0, ratio, years)
        columns[f"Budgeten räcker {fmt_number(ratio, 1)} år"] = [fmt_pct(x, 1) if x is not None else "ingen lösning"
                                                                 for x in rates]
    return pd.DataFrame(columns, index=pd.Index([METHOD_NAMES_SV[m] for m in sc.METHODS],
                                                 name="Metod"))


def methods_table(e0, budget, years) -> pd.DataFrame:
    """The three methods' required annual cut for one E0 and budget, in Swedish."""
    rates = sc.compare_methods(e0, budget, years)
    return pd.DataFrame(
        {"Nödvändig minskning per år": [fmt_pct(x, 1) if x is not None else "ingen lösning" for x in rates]},
        index=pd.Index([METHOD_NAMES_SV[m] for m in rates.index], name="Metod"))


def county_shares_table(goal: str = "1.5C") -> pd.DataFrame:
    """Grandfathering in Norrbotten (:func:`models.strategy.scenario.county_budget_shares`), in Swedish."""
    t = county_budget_shares(goal)
    return pd.DataFrame({
        "CO₂ 2015–2022 (tusen ton)": [fmt_number(x / KT) for x in t["co2_2015_2022_t"]],
        "Andel av länet": [fmt_pct(x, 1) for x in t["share_of_county_pct"]],
        "Andel av Sveriges budget (beräknat)": [fmt_pct(x, 2) for x in t["share_of_sweden_pct"]],
        "Budget enligt Klimatkollen (tusen ton CO₂)": [fmt_number(x / KT) for x in t["published_budget_t"]],
        "Budget fördelad på nytt (tusen ton CO₂, beräknat)": [fmt_number(x / KT) for x in t["budget_t"]],
    }, index=t.index)


def exclusion_table(kommun, goal: str = "1.5C", method: str = "exponential",
                    start_year: int = 2024) -> pd.DataFrame:
    """The same scenario with each exclusion preset (except "Egen andel"), in Swedish."""
    options = {label: sectors for label, sectors in EXCLUSIONS.items() if label != CUSTOM_SHARE}
    t = exclusion_effect(kommun, options, goal, method, start_year)
    return pd.DataFrame({
        f"Utsläpp {start_year} enligt trenden (tusen ton CO₂)": [fmt_number(x / KT) for x in t["e0_t"]],
        "Budget från 2024 (tusen ton CO₂)": [fmt_number(x / KT) for x in t["budget_t"]],
        "Trendens lutning (tusen ton per år)": [fmt_number(x / KT, 1).replace("-", "−")
                                                for x in t["trend_slope_t_per_year"]],
        "Nödvändig minskning per år": [fmt_pct(x, 1) if np.isfinite(x) else "ingen bana"
                                       for x in t["required_reduction_pct"]],
        "Budgeten slut med trenden (beräknat)": [
            f"{decimal_year_to_date(x, anchor_year=KLIMATKOLLEN_BUDGET_YEAR + 1):%Y-%m-%d}"
            if np.isfinite(x) else "aldrig" for x in t["exhaustion_year"]],
    }, index=pd.Index([f"Undanta: {label}" for label in t.index], name=data.kommun_name(kommun)))


# ------------------------------------------------------------------------------ Excel
def export_xlsx(path, result: sc.Scenario):
    """Write the pathway table and the key figures to an Excel file; returns the path.

    Two sheets: "Utsläppsbana" (one row per year, Swedish headers with units) and
    "Sammanfattning". Written atomically by :func:`models.export.write_xlsx`.
    """
    checks.instance(result, sc.Scenario, "result", "ett scenario från scenario()")
    s = result.summary
    table = pathway_table(result).reset_index()
    facts = summary_table(result).reset_index()
    facts.columns = ["Uppgift", "Värde"]
    settings = (f"Kommun: {s['kommun']}. Temperaturmål: {choice_label(GOAL_LABELS, s['goal'])}. "
                f"Metod: {choice_label(METHOD_LABELS, s['method'])}. Startår: {s['start_year']}. "
                f"Med i beräkningen: {fmt_pct(s['included_share_pct'], 1)} av utsläppen 2015–2022.")
    notes = {"Utsläppsbana": settings + " " + source_note(), "Sammanfattning": source_note()}
    return write_xlsx(path, {"Utsläppsbana": table, "Sammanfattning": facts}, notes=notes)
