"""Lesson "Omställningsplan": the replacement plan, the fleet year by year, two policies compared, and
the Excel export with an assumptions sheet."""
from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd

from models.common import checks
from models.common.export import write_xlsx
from models.common.plotting import MAIN, OKABE_ITO, new_figure, swedish_axis
from models.data import fleet_file
from models.transport import cold, turnover as transition_model
from models.transport import emissions as transport_emissions
from models.transport import constants as c
from models.transport import procurement_share, replacement_plan, transition

START, END = 2025, 2040
RULE_A, RULE_B = "lowest_tco", "like_for_like"
FUEL_COLOURS = {"petrol": OKABE_ITO["orange"], "diesel": OKABE_ITO["black"], "hvo100": OKABE_ITO["bluish_green"],
                "biogas": OKABE_ITO["sky_blue"], "e85": OKABE_ITO["yellow"], "electricity": OKABE_ITO["blue"],
                "phev": OKABE_ITO["reddish_purple"]}
FUEL_HATCH = {"petrol": "..", "diesel": "xx", "hvo100": "//", "biogas": "\\\\", "e85": "oo", "electricity": "",
              "phev": "++"}


def example() -> pd.DataFrame:
    return fleet_file.example_fleet()


def plan_table(plan: pd.DataFrame) -> pd.DataFrame:
    """A replacement plan in Swedish (one row per vehicle, by replacement year)."""
    p = plan.sort_values(["replacement_year", "vehicle_id"])
    return pd.DataFrame({
        "Fordon": p["vehicle_id"], "Fordonsslag": p["vehicle_class"].map(c.VEHICLE_CLASSES),
        "Drivmedel i dag": p["fuel"].map(c.FUEL_LABELS), "Byts år": p["replacement_year"],
        "Ersätts med": p["new_drivetrain"].map(c.FUEL_LABELS), "Räckvidd i kyla": p["range_verdict"].map(cold.VERDICTS),
        "Motivering": p["reason"],
    })


def year_table(result: pd.DataFrame) -> pd.DataFrame:
    """A :func:`transition` result in Swedish (one row per year)."""
    out = pd.DataFrame({"År": result["year"]})
    for fuel in c.FUELS:
        if result[f"n_{fuel}"].any():
            out[f"{c.FUEL_LABELS[fuel]} (antal)"] = result[f"n_{fuel}"]
    out["Fossila fordon (antal)"] = result["fossil_vehicles"]
    out["Energi (MWh)"] = result["energy_mwh"]
    out["Varav el (MWh)"] = result["electricity_mwh"]
    out["Utsläpp (ton CO₂e)"] = result["emissions_t_co2e"]
    out["Kostnad (tusen kr/år)"] = result["cost_sek"] / 1000
    out["Upphandlade fordon"] = result["procured"]
    out["Varav nollutsläpp (%)"] = result["zero_emission_share_pct"]
    return out


def compare_policies(fleet: pd.DataFrame, rule_a: str = RULE_A, rule_b: str = RULE_B, start: int = START,
                     end: int = END, plans: dict | None = None, **policy) -> dict[str, pd.DataFrame]:
    """The transition under two rules: ``{rule: result}`` (``plans``: precomputed plans by rule)."""
    plans = plans or {}
    return {rule: transition(fleet, start, end, rule=rule, plan=plans.get(rule), **policy)
            for rule in dict.fromkeys((rule_a, rule_b))}


def summary_table(results: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per rule: fossil-free year, emissions in the last year and in total, cost in total, the
    zero-emission share of procurement 2026–2030."""
    rows = []
    for rule, r in results.items():
        year = transition_model.fossil_free_year(r)
        share = procurement_share(r)
        rows.append({"Regel": transition_model.RULES[rule], "Fossilfri flotta år": year if year else "inte före "
                     f"{int(r['year'].max()) + 1}", f"Utsläpp {int(r['year'].max())} (ton CO₂e)":
                     float(r["emissions_t_co2e"].iloc[-1]), "Utsläpp hela perioden (ton CO₂e)":
                     float(r["emissions_t_co2e"].sum()), "Kostnad hela perioden (miljoner kr)":
                     float(r["cost_sek"].sum() / 1e6), "Nollutsläppsfordon av upphandlade 2026–2030 (%)":
                     np.nan if share is None else share})
    return pd.DataFrame(rows)


def emissions_figure(results: dict[str, pd.DataFrame]):
    """Emissions per year under each rule; the fossil-free year marked."""
    fig, ax = new_figure(width=8, height=3.8)
    styles = [("-", "o", MAIN), ("--", "s", OKABE_ITO["vermillion"])]
    for (rule, r), (ls, marker, colour) in zip(results.items(), styles):
        ax.plot(r["year"], r["emissions_t_co2e"], ls, marker=marker, color=colour, label=transition_model.RULES[rule])
        year = transition_model.fossil_free_year(r)
        if year:
            ax.axvline(year, color=colour, ls=ls, lw=1)
            ax.text(year + 0.2, ax.get_ylim()[1] * 0.9, f"fossilfri {year}", color=colour, fontsize=9)
    ax.set_ylabel("ton CO₂e per år")
    ax.set_ylim(bottom=0)
    swedish_axis(ax.yaxis)
    ax.legend(fontsize=8, loc="lower left")
    return fig


def mix_figure(result: pd.DataFrame, title: str = ""):
    """The fleet by fuel per year (stacked bars with hatching)."""
    fig, ax = new_figure(width=8, height=3.8)
    bottom = np.zeros(len(result))
    for fuel in c.FUELS:
        values = result[f"n_{fuel}"].to_numpy()
        if values.any():
            ax.bar(result["year"], values, bottom=bottom, color=FUEL_COLOURS[fuel], hatch=FUEL_HATCH[fuel],
                   edgecolor="white", label=c.FUEL_LABELS[fuel])
            bottom += values
    ax.set_ylabel("antal fordon")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    if title:
        ax.set_title(title)
    return fig


def assumptions_table(rule: str, electricity: str, scenario: str, design_temp_c: float, case: str,
                      start: int, end: int, source: str) -> pd.DataFrame:
    """The assumptions sheet of the export: every choice, price and assumption with its source."""
    rule = checks.choice(rule, transition_model.RULES, name="rule", singular="regel", plural="regler")
    electricity = transport_emissions.check_electricity(electricity)
    scenario = transport_emissions.check_scenario(scenario)
    case = cold.check_case(case)
    design_temp_c = checks.number_in_range(design_temp_c, cold.TEMP_MIN_C, cold.TEMP_MAX_C, "design_temp_c",
                                           "dimensionerande temperatur", " °C")
    start, end = checks.year(start, "start", "första år"), checks.year(end, "end", "sista år")
    source = checks.text(source, "source", "underlag")
    rows = [("Underlag", source, ""), ("Period", f"{start}–{end}", ""),
            ("Regel för utbyte", transition_model.RULES[rule], ""),
            ("Elens utsläppsfaktor", c.ELECTRICITY_LABELS[electricity], "se källan i texten"),
            ("Reduktionsplikt från 2027", c.RP_SCENARIOS[scenario], "Prop. 2023/24:28 (nivåerna är inte beslutade)"),
            ("Dimensionerande temperatur (°C)", f"{design_temp_c:g}".replace(".", ","),
             "Luleå, typår TMYx 2009–2023 (Climate.OneBuilding.org)"),
            ("Kyla, fall", c.CASES[case], "NAF 2022, arXiv 2018, Geotab 2020")]
    rows += [(f"Pris {c.FUEL_LABELS[f]} ({u})", f"{v:g}".replace(".", ","), f"{when}, {src}")
             for f, (v, u, when, src) in c.PRICES.items()]
    rows += [(k, "", v) for k, v in c.ASSUMPTIONS.items()]
    return pd.DataFrame(rows, columns=["Antagande", "Värde", "Källa eller status"])


def export_plan_xlsx(path, fleet: pd.DataFrame, rule: str = RULE_A, start: int = START, end: int = END,
                     electricity: str = "nordic_mix", scenario: str = "stay_6",
                     design_temp_c: float = transition_model.DESIGN_TEMP_C, case: str = "central",
                     source: str = "bokens exempelflotta (påhittad, illustrativ)") -> Path:
    """Write the plan, the year-by-year table and the assumptions to one .xlsx (atomic)."""
    plan = replacement_plan(fleet, start, rule, design_temp_c=design_temp_c, case=case)
    result = transition(fleet, start, end, rule=rule, electricity=electricity, scenario=scenario,
                        design_temp_c=design_temp_c, case=case, plan=plan)
    note = ("Beräknat med Stratus (kapitlet Transporter). Fordonskostnader och flera priser är antaganden; "
            "se bladet Antaganden.")
    return write_xlsx(path, {"Plan per fordon": plan_table(plan), "År för år": year_table(result),
                             "Antaganden": assumptions_table(rule, electricity, scenario, design_temp_c, case, start,
                                                             end, source)},
                      notes={"Plan per fordon": note, "År för år": note})


def site_grid() -> pd.DataFrame:
    """Precomputed data for the static-site chart: the example fleet year by year for every rule ×
    electricity factor × reduktionsplikt scenario (tidy; emissions, fossil vehicles, cost)."""
    fleet = example()
    rows = []
    plans = {rule: replacement_plan(fleet, START, rule) for rule in transition_model.RULES}
    for rule, electricity, scenario in itertools.product(transition_model.RULES, c.ELECTRICITY_FACTORS,
                                                         c.RP_SCENARIOS):
        r = transition(fleet, START, END, rule=rule, electricity=electricity, scenario=scenario, plan=plans[rule])
        for row in r.itertuples(index=False):
            rows.append({"rule": rule, "electricity": electricity, "scenario": scenario, "year": row.year,
                         "emissions_t_co2e": row.emissions_t_co2e, "fossil_vehicles": row.fossil_vehicles,
                         "n_electricity": row.n_electricity, "cost_sek": row.cost_sek})
    return pd.DataFrame(rows)
