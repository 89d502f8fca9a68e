"""Lesson "Omställningsplan": the replacement plan, the fleet year by year, two policies compared, and
the Excel export with an assumptions sheet."""
from __future__ import annotations

import itertools
from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.patches import Patch
from matplotlib.path import Path as MplPath

from models.common import checks
from models.common.export import write_xlsx
from models.common.plotting import MAIN, OKABE_ITO, new_figure, swedish_axis
from models.data import fleet_file
from models.lessons.transporter.levande_figur import LiveFigure
from models.transport import cold, turnover as transition_model
from models.transport import emissions as transport_emissions
from models.transport import constants as c
from models.transport import procurement_share, replacement_plan, transition

START, END = 2025, 2040
RULE_A, RULE_B = "lowest_tco", "like_for_like"
FUEL_COLOURS = {"petrol": OKABE_ITO["orange"], "diesel": OKABE_ITO["black"], "hvo100": OKABE_ITO["bluish_green"],
                "biogas": OKABE_ITO["sky_blue"], "e85": OKABE_ITO["yellow"], "electricity": OKABE_ITO["blue"],
                "phev": OKABE_ITO["reddish_purple"]}
#: A plan's columns (:func:`models.transport.replacement_plan`) the plan table shows.
PLAN_COLUMNS = {"vehicle_id": "any", "vehicle_class": "text", "fuel": "text", "replacement_year": "year",
                "new_drivetrain": "text", "range_verdict": "text", "reason": "text"}
#: A transition result's columns the year table and the figures show.
RESULT_COLUMNS = {"year": "year", **{f"n_{f}": "non_negative" for f in c.FUELS}, "fossil_vehicles": "non_negative",
                  "energy_mwh": "non_negative", "electricity_mwh": "non_negative", "emissions_t_co2e": "non_negative",
                  "cost_sek": "non_negative", "procured": "non_negative", "procured_zero_emission": "non_negative",
                  "fossil_free": "any"}
#: Shown instead of a zero-emission share in a year (or period) when no vehicle was procured.
NO_PROCUREMENT = "–"
FUEL_HATCH = {"petrol": "..", "diesel": "xx", "hvo100": "//", "biogas": "\\\\", "e85": "oo", "electricity": "",
              "phev": "++"}


def example() -> pd.DataFrame:
    """The illustrative example fleet (Exempelkommun)."""
    return fleet_file.example_fleet()


def _plan(plan) -> pd.DataFrame:
    """A replacement plan, checked: the columns, known classes, fuels, drivetrains and verdicts."""
    out = checks.table_in_place(plan, PLAN_COLUMNS, "plan (utbytesplanen)")
    for column, valid, word in (("vehicle_class", c.VEHICLE_CLASSES, "fordonsslag"), ("fuel", c.FUELS, "drivmedel"),
                                ("new_drivetrain", c.FUELS, "drivmedel"), ("range_verdict", cold.VERDICTS, "bedömning")):
        unknown = sorted(set(out[column]) - set(valid))
        if unknown:
            raise ValueError(f"plan (utbytesplanen): okänt {word} {checks.show(unknown[0])} i kolumnen {column}. "
                             f"Giltiga: {', '.join(valid)}.")
    return out


def _result(result) -> pd.DataFrame:
    """A :func:`transition` result, checked (also ``fossil_free`` and the procurement counts)."""
    transition_model.check_result(result)
    return checks.table_in_place(result, RESULT_COLUMNS, "result (resultatet av transition)")


#: What the summary and the emissions figure read of a result (:func:`transition_model.fossil_free_year` and
#: :func:`procurement_share` check the rest themselves).
SUMMARY_COLUMNS = {"year": "year", "emissions_t_co2e": "non_negative", "cost_sek": "non_negative"}


def _results(results, columns=None) -> dict[str, pd.DataFrame]:
    """``{rule: result}`` as :func:`compare_policies` returns it (one or two rules), each checked (only
    ``columns`` when given)."""
    if not isinstance(results, dict):
        raise checks.WrongType(f"results måste vara en ordlista regel -> resultat (som compare_policies ger), "
                               f"fick {checks.show(results)}.")
    if not 1 <= len(results) <= 2:
        raise ValueError(f"results måste innehålla en eller två regler, fick {len(results)}.")
    def check(r):
        if columns is None:
            return _result(r)
        return checks.table_in_place(r, columns, "result (resultatet av transition)")

    return {checks.choice(rule, transition_model.RULES, name="rule", singular="regel", plural="regler"): check(r)
            for rule, r in results.items()}


def plan_table(plan: pd.DataFrame) -> pd.DataFrame:
    """A replacement plan in Swedish (one row per vehicle, by replacement year)."""
    p = _plan(plan).sort_values(["replacement_year", "vehicle_id"])

    def names(column: str, labels: dict) -> pd.Series:
        return pd.Series([labels[x] for x in p[column].to_numpy()], index=p.index)

    return pd.DataFrame({
        "Fordon": p["vehicle_id"], "Fordonsslag": names("vehicle_class", c.VEHICLE_CLASSES),
        "Drivmedel i dag": names("fuel", c.FUEL_LABELS), "Byts år": p["replacement_year"],
        "Ersätts med": names("new_drivetrain", c.FUEL_LABELS),
        "Räckvidd i kyla": names("range_verdict", cold.VERDICTS),
        "Motivering": p["reason"],
    })


def year_table(result: pd.DataFrame) -> pd.DataFrame:
    """A :func:`transition` result in Swedish (one row per year); the zero-emission share is
    :data:`NO_PROCUREMENT` in a year without procurement."""
    result = _result(result)
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
    share = 100 * result["procured_zero_emission"] / result["procured"].where(result["procured"] > 0)
    out["Varav nollutsläpp (%)"] = [NO_PROCUREMENT if np.isnan(x) else float(x) for x in share]
    return out


def compare_policies(fleet: pd.DataFrame, rule_a: str = RULE_A, rule_b: str = RULE_B, start: int = START,
                     end: int = END, plans: dict | None = None, **policy) -> dict[str, pd.DataFrame]:
    """The transition under two rules: ``{rule: result}`` (``plans``: precomputed plans by rule)."""
    rule_a, rule_b = (checks.choice(r, transition_model.RULES, name="rule", singular="regel", plural="regler")
                      for r in (rule_a, rule_b))
    if plans is None:
        plans = {}
    if not isinstance(plans, dict):
        raise checks.WrongType(f"plans måste vara en ordlista regel -> plan (från replacement_plan), fick "
                               f"{checks.show(plans)}.")
    for rule, plan in plans.items():
        checks.choice(rule, transition_model.RULES, name="plans", singular="regel", plural="regler")
        _plan(plan)
    return {rule: transition(fleet, start, end, rule=rule, plan=plans.get(rule), **policy)
            for rule in dict.fromkeys((rule_a, rule_b))}


def summary_table(results: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """One row per rule: fossil-free year, emissions in the last year and in total, cost in total, the
    zero-emission share of procurement 2026–2030."""
    rows = []
    for rule, r in _results(results, SUMMARY_COLUMNS).items():
        year = transition_model.fossil_free_year(r)
        share = procurement_share(r)
        rows.append({"Regel": transition_model.RULES[rule], "Fossilfri flotta år": year if year else "inte före "
                     f"{int(r['year'].max()) + 1}", f"Utsläpp {int(r['year'].max())} (ton CO₂e)":
                     float(r["emissions_t_co2e"].iloc[-1]), "Utsläpp hela perioden (ton CO₂e)":
                     float(r["emissions_t_co2e"].sum()), "Kostnad hela perioden (miljoner kr)":
                     float(r["cost_sek"].sum() / 1e6), "Nollutsläppsfordon av upphandlade 2026–2030 (%)":
                     NO_PROCUREMENT if share is None else share})
    return pd.DataFrame(rows)


def emissions_figure(results: dict[str, pd.DataFrame]):
    """Emissions per year under each rule; the fossil-free year marked."""
    return PolicyChart(results).figure


class PolicyChart:
    """:func:`emissions_figure` built once and redrawn by :meth:`update` (live explorer): one or two
    rules' lines, their fossil-free years and the legend are the ``dynamic`` artists. ``last_year``
    fixes the x-axis (a live explorer passes its latest end year, so the axis stays put); ``labels``
    replaces the rules' names in the legend (e.g. "Regel A", "Regel B": short texts redraw faster)."""

    STYLES = (("-", "o", MAIN), ("--", "s", OKABE_ITO["vermillion"]))

    def __init__(self, results: dict[str, pd.DataFrame], last_year: int | None = None, labels=None):
        self.last_year = None if last_year is None else checks.year(last_year, "last_year", "sista år på x-axeln")
        if labels is not None:
            labels = tuple(checks.text(x, "labels", "förklaring till linjen", max_length=80) for x in
                           (labels if isinstance(labels, (list, tuple)) else [labels]))
            if len(labels) != len(self.STYLES):
                raise ValueError(f"labels måste ha {len(self.STYLES)} texter (en per regel), fick {len(labels)}.")
        self.names = labels
        self.figure, ax = new_figure(width=8, height=3.8)
        self.ax = ax
        self.lines, self.marks, self.notes = [], [], []
        for ls, marker, colour in self.STYLES:
            self.lines.append(ax.plot([], [], ls, marker=marker, color=colour)[0])
            self.marks.append(ax.axvline(START, color=colour, ls=ls, lw=1))
            self.notes.append(ax.text(START, 0, "", color=colour, fontsize=9))
        ax.set_ylabel("ton CO₂e per år")
        swedish_axis(ax.yaxis)
        self.legend, self.shown = None, None
        self.update(results)

    @property
    def dynamic(self) -> list:
        # with fixed ``labels`` the legend never changes and stays in the kept image
        return [*self.marks, *self.lines, *self.notes, *([self.legend] if self.names is None else [])]

    def _legend(self, rules: tuple) -> None:
        if self.legend is not None:
            if self.names is not None or rules == self.shown:
                return
            self.legend.remove()
        labels = self.names or tuple(transition_model.RULES[r] for r in rules)
        self.legend = self.figure.legend(self.lines[:len(labels)], labels, fontsize=8, loc="outside upper center",
                                         ncol=2 if sum(map(len, labels)) < 90 else 1)
        self.shown = rules

    def update(self, results: dict[str, pd.DataFrame]) -> None:
        """Lines, fossil-free years and legend for new :func:`compare_policies` results (one or two rules)."""
        results = _results(results, SUMMARY_COLUMNS)
        top = max(float(r["emissions_t_co2e"].max()) for r in results.values())
        first = min(int(r["year"].min()) for r in results.values())
        last = max(int(r["year"].max()) for r in results.values())
        if self.last_year is not None and last <= self.last_year:
            last = self.last_year
        ax = self.ax
        ax.set_xlim(first - 0.75, last + 0.75)
        ax.set_ylim(0, LiveFigure.steady_limit(ax.get_ylim()[1], max(top, 0.1)))
        shown = list(results.items())
        self._legend(tuple(results))
        for i, (line, mark, note) in enumerate(zip(self.lines, self.marks, self.notes)):
            visible = i < len(shown)
            line.set_visible(visible)
            mark.set_visible(False)
            note.set_visible(False)
            if not visible:
                continue
            rule, r = shown[i]
            line.set_data(r["year"].to_numpy(), r["emissions_t_co2e"].to_numpy())
            year = transition_model.fossil_free_year(r)
            if year:
                mark.set_xdata([year, year])
                note.set_position((year + 0.2, ax.get_ylim()[1] * 0.9))
                note.set_text(f"fossilfri {year}")
                mark.set_visible(True)
                note.set_visible(True)


def mix_figure(result: pd.DataFrame, title: str = ""):
    """The fleet by fuel per year (stacked bars with hatching)."""
    return MixChart(result, title).figure


class MixChart:
    """:func:`mix_figure` built once and redrawn by :meth:`update` (live explorer).

    Each fuel's bars are one collection (one drawing call), so an update replaces their rectangles;
    the legend lists every fuel. ``last_year`` fixes the x-axis as in :class:`PolicyChart`."""

    WIDTH = 0.8
    CODES = (MplPath.MOVETO, MplPath.LINETO, MplPath.LINETO, MplPath.LINETO, MplPath.CLOSEPOLY)   # one bar

    def __init__(self, result: pd.DataFrame, title: str = "", last_year: int | None = None):
        self.last_year = None if last_year is None else checks.year(last_year, "last_year", "sista år på x-axeln")
        self.figure, ax = new_figure(width=8, height=3.8)
        self.ax = ax
        self.bars = {}
        for fuel in c.FUELS:
            self.bars[fuel] = ax.add_collection(PolyCollection([], facecolors=FUEL_COLOURS[fuel], hatch=FUEL_HATCH[fuel],
                                                               edgecolors="white", linewidths=1.0))
        handles = [Patch(facecolor=FUEL_COLOURS[f], hatch=FUEL_HATCH[f], edgecolor="white", label=c.FUEL_LABELS[f])
                   for f in c.FUELS]
        ax.set_ylabel("antal fordon")
        ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0))
        self.title = ax.set_title(" ")
        self.update(result, title)

    @property
    def dynamic(self) -> list:
        return [*self.bars.values(), self.title]

    def update(self, result: pd.DataFrame, title: str = "") -> None:
        """The bars and the title for a new :func:`transition` result."""
        result = _result(result)
        title = checks.text(title, "title", "rubrik", max_length=200)
        years = result["year"].to_numpy(float)
        bottom = np.zeros(len(result))
        left, right = years - self.WIDTH / 2, years + self.WIDTH / 2
        for fuel, collection in self.bars.items():
            values = result[f"n_{fuel}"].to_numpy(float)
            top = bottom + values
            shown = values > 0
            # a fuel's bars as one path of closed rectangles: its hatching is rendered once, not once per bar
            a, z, b, t = left[shown], right[shown], bottom[shown], top[shown]
            corners = np.stack([np.column_stack(p) for p in ((a, b), (z, b), (z, t), (a, t), (a, b))], axis=1)
            codes = np.tile(self.CODES, len(a))
            collection.set_verts_and_codes([corners.reshape(-1, 2)] if len(a) else [], [codes] if len(a) else [])
            bottom = top
        last = int(years.max())
        if self.last_year is not None and last <= self.last_year:
            last = self.last_year
        self.ax.set_xlim(years.min() - 0.75, last + 0.75)
        self.ax.set_ylim(0, LiveFigure.steady_limit(self.ax.get_ylim()[1], max(float(bottom.max()), 1.0)))
        self.title.set_text(title)


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
