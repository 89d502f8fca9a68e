"""Explorer for the lesson "Omställningsplan": two replacement rules compared for the example fleet or
the learner's own file, with the electricity factor, the reduktionsplikt scenario, the design
temperature and an Excel export. :func:`view` returns a bad file's Swedish message in ``error``."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, Image, Markdown, display

from models.common import checks
from models.common.memo import Memo
from models.common.tables import show
from models.common.widgets import STYLE, opened, uploaded_file
from models.data import fleet_file
from models.lessons.transporter import omstallningsplan as lesson
from models.lessons.transporter.levande_figur import LiveCharts

c, turnover = lesson.c, lesson.transition_model             # the chapter's constants and model, through the lesson
DESIGN_TEMP_C, RULES = turnover.DESIGN_TEMP_C, turnover.RULES

TEMP_RANGE = (-40.0, 0.0)
END_RANGE = (2030, 2050)
RULE_OPTIONS = {label: key for key, label in RULES.items()}
ELECTRICITY = {label: key for key, label in c.ELECTRICITY_LABELS.items()}
SCENARIOS = {label: key for key, label in c.RP_SCENARIOS.items()}
EXAMPLE_SOURCE = "bokens exempelflotta (påhittad, illustrativ)"
MIX_TITLE = "Flottan per drivmedel – regel A"
_CACHE = LiveCharts(64)


@dataclass(frozen=True)
class PlanView:
    rule_a: str
    rule_b: str
    electricity: str
    scenario: str
    design_temp_c: float
    end_year: int
    source: str
    error: str | None = None
    results: dict | None = None
    summary: pd.DataFrame | None = None
    plans: dict | None = field(default=None, repr=False)
    emissions_png: bytes | None = field(default=None, repr=False)
    mix_png: bytes | None = field(default=None, repr=False)
    #: What rule A's plan table shows: (fleet digest, rule A, what its plan decided); None for a fleet without digest.
    plan_key: tuple | None = field(default=None, repr=False)

    @property
    def plan(self) -> pd.DataFrame | None:
        """Rule A's plan per vehicle in Swedish (made when shown: it changes only with the file, rule A and the
        temperature)."""
        return None if self.plans is None else lesson.plan_table(self.plans[self.rule_a])

    @property
    def years(self) -> pd.DataFrame | None:
        """Rule A's year-by-year table in Swedish (made when asked for)."""
        return None if self.results is None else lesson.year_table(self.results[self.rule_a])


def _fleet(upload):
    """The fleet and a key for it: the example, or the uploaded file (read once per file)."""
    if upload is None:
        return lesson.example(), "example"
    try:
        hash(upload)
    except TypeError:
        return fleet_file.read_upload(upload), None       # raises its Swedish message for a broken upload
    return _read(upload)


@lru_cache(maxsize=4)
def _read(upload: tuple[str, bytes]):
    return fleet_file.read_upload(upload), hashlib.sha1(upload[1]).hexdigest()


#: Model results already computed in this session, by (fleet key, settings); see :func:`_kept`.
_PLANS, _RESULTS, _TABLES = Memo(256), Memo(256), Memo(256)
#: Tables already rendered to HTML: by key (a tuple), or by the id of the memoized table shown: (source, HTML).
_HTML = Memo(64)


def _kept(memo: Memo, key: tuple, make):
    """``make()``'s value kept in ``memo`` under ``key``; not kept for a fleet without a key (``key[0]`` None)."""
    return make() if key[0] is None else memo.get(key, make)


def _html(source, make) -> HTML:
    """``make()``'s HTML (a table from :func:`show`), rendered once per ``source``: a key such as
    :attr:`PlanView.plan_key`, or a table the memos keep (the same object comes back for the same settings)."""
    key = source if isinstance(source, tuple) else id(source)
    entry = _HTML.get(key, lambda: (source, make()))
    if entry[0] is not source and not isinstance(source, tuple):     # another table under the same id
        entry = (source, make())
        _HTML.put(key, entry)
    return HTML(entry[1])


#: What rule A's plan table shows beyond the decisions (the table's other columns follow from the fleet and these).
PLAN_TABLE_COLUMNS = ("vehicle_id", "range_verdict")


def _plan_signature(plan: pd.DataFrame, columns=turnover.PLAN_DECISION_COLUMNS) -> tuple:
    """What a plan decided per vehicle (:data:`turnover.PLAN_DECISION_COLUMNS`, all that
    :func:`turnover.transition` reads of it): for one fleet, the results, the summary and the charts depend on the
    plan only through these, so two temperatures with the same decisions share them. The plan table's key adds
    :data:`PLAN_TABLE_COLUMNS`."""
    return tuple(zip(*(plan[k].to_numpy().tolist() for k in columns)))


def view(rule_a: str = lesson.RULE_A, rule_b: str = lesson.RULE_B, electricity: str = "nordic_mix",
         scenario: str = "stay_6", design_temp_c: float = DESIGN_TEMP_C, end_year: int = lesson.END,
         upload: tuple[str, bytes] | None = None, draw: bool = True) -> PlanView:
    """Both rules' results, the summary, rule A's plan and year table, and the two charts."""
    for rule in (rule_a, rule_b):
        checks.choice(rule, RULES, name="rule", singular="regel", plural="regler")
    electricity = checks.choice(electricity, c.ELECTRICITY_FACTORS, name="electricity", singular="elfaktor",
                                plural="elfaktorer")
    scenario = checks.choice(scenario, c.RP_SCENARIOS, name="scenario", singular="scenario", plural="scenarier")
    t = checks.number_in_range(design_temp_c, *TEMP_RANGE, "design_temp_c", "dimensionerande temperatur", " °C")
    end = checks.integer(end_year, "end_year", "slutår")
    if not END_RANGE[0] <= end <= END_RANGE[1]:
        raise ValueError(f"end_year (slutår) måste ligga mellan {END_RANGE[0]} och {END_RANGE[1]}, fick {end}.")
    source = EXAMPLE_SOURCE if upload is None else f'filen "{upload[0]}"'
    base = dict(rule_a=rule_a, rule_b=rule_b, electricity=electricity, scenario=scenario, design_temp_c=t,
                end_year=end, source=source)
    try:
        fleet, digest = _fleet(upload)
    except ValueError as error:
        return PlanView(**base, error=str(error))
    rules = tuple(dict.fromkeys((rule_a, rule_b)))
    plans = {rule: _kept(_PLANS, (digest, rule, t),
                         lambda r=rule: lesson.replacement_plan(fleet, lesson.START, r, design_temp_c=t))
             for rule in rules}
    # the temperature acts only through the plan: results, summary and charts are keyed on what the plan decided
    sig = {rule: _plan_signature(plans[rule]) for rule in rules}
    results = {rule: _kept(_RESULTS, (digest, rule, sig[rule], electricity, scenario, end),
                           lambda r=rule: lesson.transition(fleet, lesson.START, end, rule=r, plan=plans[r],
                                                            electricity=electricity, scenario=scenario,
                                                            design_temp_c=t))
               for rule in rules}
    both = (digest, rule_a, rule_b, sig[rule_a], sig[rule_b], electricity, scenario, end)
    summary = _kept(_TABLES, both, lambda: lesson.summary_table(results))
    emissions_png = mix_png = None
    if draw:
        emissions_png = _CACHE.png(("e",) + both, ("e", digest),
                                   lambda: lesson.PolicyChart(results, END_RANGE[1], ("Regel A", "Regel B")),
                                   lambda chart: chart.update(results))
        # the fleet's mix depends on what rule A's plan decided and the end year only; the title names the rule as
        # the dropdown does ("Regel A"): one text laid out once (a rule's long name costs 5–10 ms at each new rule)
        mix_png = _CACHE.png(("m", digest, sig[rule_a], end), ("m", digest),
                             lambda: lesson.MixChart(results[rule_a], MIX_TITLE, END_RANGE[1]),
                             lambda chart: chart.update(results[rule_a], MIX_TITLE))
    return PlanView(**base, results=results, summary=summary, plans=plans, emissions_png=emissions_png,
                    mix_png=mix_png, plan_key=None if digest is None else (digest, rule_a, _plan_signature(
                        plans[rule_a], PLAN_TABLE_COLUMNS + turnover.PLAN_DECISION_COLUMNS)))


def export_view(v: PlanView, path, upload: tuple[str, bytes] | None = None) -> Path:
    """Save rule A's plan, its year table and the assumptions to ``path`` (.xlsx)."""
    if v.error:
        raise ValueError("Det finns ingen plan att spara: rätta först felet i fordonsfilen.")
    fleet, _ = _fleet(upload)
    return lesson.export_plan_xlsx(path, fleet, v.rule_a, lesson.START, v.end_year, v.electricity, v.scenario,
                                   v.design_temp_c, source=v.source)


def explorer() -> widgets.VBox:
    upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description="Ladda upp fordonsfil")
    example = widgets.Button(description="Använd exempelflottan")
    rule_a = widgets.Dropdown(options=list(RULE_OPTIONS), value=RULES[lesson.RULE_A], description="Regel A:",
                              style=STYLE)
    rule_b = widgets.Dropdown(options=list(RULE_OPTIONS), value=RULES[lesson.RULE_B], description="Regel B:",
                              style=STYLE)
    electricity = widgets.Dropdown(options=list(ELECTRICITY), value=c.ELECTRICITY_LABELS["nordic_mix"],
                                   description="Elens utsläppsfaktor:", style=STYLE)
    scenario = widgets.Dropdown(options=list(SCENARIOS), value=c.RP_SCENARIOS["stay_6"],
                                description="Reduktionsplikt från 2027:", style=STYLE)
    temp = widgets.FloatSlider(value=DESIGN_TEMP_C, min=TEMP_RANGE[0], max=TEMP_RANGE[1], step=0.5,
                               description="Dimensionerande temperatur (°C)", style=STYLE, continuous_update=False)
    end = widgets.IntSlider(value=lesson.END, min=END_RANGE[0], max=END_RANGE[1], description="Slutår", style=STYLE,
                            continuous_update=False)
    save = widgets.Button(description="Spara plan som Excel", icon="download")
    output, plan_output, saved = widgets.Output(), widgets.Output(), widgets.Output()
    state = {"file": None, "view": None, "plan": None}

    def render(change=None) -> None:
        v = view(RULE_OPTIONS[rule_a.value], RULE_OPTIONS[rule_b.value], ELECTRICITY[electricity.value],
                 SCENARIOS[scenario.value], temp.value, end.value, state["file"])
        state["view"] = v
        with output:
            output.clear_output(wait=True)
            display(Markdown(f"**Underlag:** {v.source}"))
            if v.error:
                display(Markdown(f"**Filen kunde inte läsas:** {v.error}"))
            else:
                display(_html(v.summary, lambda: show(v.summary, decimals=1)._repr_html_()), Image(v.emissions_png),
                        Image(v.mix_png))
        # the plan table is redrawn only when its key changes: the file, rule A and what rule A's plan shows
        # (the temperature acts only through the plan)
        plan_key = None if v.error else v.plan_key
        if plan_key != state["plan"] or plan_key is None:
            state["plan"] = plan_key
            with plan_output:
                plan_output.clear_output(wait=True)
                if not v.error:
                    display(_html(plan_key or v.plans[v.rule_a], lambda: show(v.plan)._repr_html_()))

    def on_save(_) -> None:
        with saved:
            saved.clear_output()
            try:
                path = export_view(state["view"], Path.cwd() / "omstallningsplan.xlsx", state["file"])
                display(Markdown(f"Sparad: `{path}`"))
            except ValueError as error:
                display(Markdown(f"**Kunde inte spara:** {error}"))

    def on_upload(change) -> None:
        state["file"] = uploaded_file(upload.value)
        render()

    def on_example(_) -> None:
        state["file"] = None
        render()

    upload.observe(on_upload, names="value")
    example.on_click(on_example)
    save.on_click(on_save)
    for control in (rule_a, rule_b, electricity, scenario, temp, end):
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([widgets.HBox([upload, example]), rule_a, rule_b, electricity, scenario, temp, end,
                                widgets.HBox([save, saved]), output, plan_output]))
