"""Every public function of ``models`` and how to fuzz it (issue 14).

One entry per function: its qualified name -> a :class:`fuzzlib.Spec` with a valid value for each
argument without a default. ``test_registry.py`` fails when a public function has no entry, so a
new function must be added here (with its valid arguments) before the suite passes again.
"""
from __future__ import annotations

import json
from pathlib import Path

import pandas as pd

from fuzzlib import Lazy, S

ROOT = Path(__file__).resolve().parents[2]
K = "Luleå"


# ----------------------------------------------------------------------------- valid arguments
def _fleet():
    from models.lessons.transporter import fordonsflottan
    return fordonsflottan.example()


def _case():
    from models.lessons.strategi import atgarder
    return atgarder.measures_case(K)


def _climate_budget():
    from models.lessons.strategi import klimatbudget
    return klimatbudget.climate_budget(K)


def _scenario():
    from models.lessons.strategi import mal_och_budget
    return mal_och_budget.scenario(K)


def _check():
    from models.lessons.transporter import elbil_i_kyla
    return elbil_i_kyla.fleet_check(FLEET.get())


def _need():
    from models.lessons.transporter import laddinfrastruktur
    from models.transport.charging import charging_need
    return charging_need(laddinfrastruktur.electrified_fleet())


def _kommun_charging():
    from models.lessons.transporter import laddinfrastruktur
    return laddinfrastruktur.kommun_charging()


def _policies():
    from models.lessons.transporter import omstallningsplan
    return omstallningsplan.compare_policies(omstallningsplan.example())


def _plan():
    from models.lessons.transporter import omstallningsplan
    from models.transport.turnover import replacement_plan
    return replacement_plan(omstallningsplan.example(), 2025)


def _comparison():
    from models.lessons.transporter import totalkostnad
    return totalkostnad.comparison()


def _per_km():
    from models.lessons.transporter import totalkostnad
    return totalkostnad.per_km_curve()


def _measures():
    from models.data import measures_file
    return measures_file.template_measures()


def _upload_bytes(kind):
    def make():
        if kind == "measures":
            return ("atgarder.csv", (ROOT / "data/templates/atgardsmall.csv").read_bytes())
        from models.data import fleet_file
        return ("flotta.csv", fleet_file.to_csv_bytes(fleet_file.example_fleet()))
    return make


def _xlsx_bytes():
    return (ROOT / "data/templates/atgardsmall.xlsx").read_bytes()


def _emissions_wide():
    from models.data import emissions
    return emissions.totals()


def _history():
    from models.data import emissions
    return emissions.total(K)


def _sectors():
    from models.data import emissions
    return emissions.by_sector(K)


def _shares():
    from models.lessons.strategi import mal_och_budget
    return mal_och_budget.sector_shares(K)


def _descriptor():
    return json.loads((ROOT / "data/datapackage.json").read_text(encoding="utf-8"))


def _resource(name):
    return lambda: next(r for r in _descriptor()["resources"] if r["name"] == name)


def _raw(name):
    def make():
        from models.data import validation
        return validation.read_raw(ROOT / "data" / f"{name}.csv", f"data/{name}.csv")
    return make


def _figure():
    from models.common.plotting import new_figure
    return new_figure()[0]


def _axis():
    from models.common.plotting import new_figure
    return new_figure()[1].yaxis


def _questions():
    from models.common.selfcheck import Question
    return [Question("Vad är 1 + 1?", ["1", "2"], 1, "Två.")]


def _trend():
    from models.strategy import trend
    return trend.lad_trend(_history())


def _co2_wide():
    from models.data import emissions
    return emissions.totals("co2_to_2022_snapshot_2024_12")


def _published():
    from models.data import klimatkollen
    return klimatkollen.published_budgets()


def _schema():
    from models.data import measures_file
    return measures_file.schema()


def _template_rows():
    from models.data import upload
    return upload.csv_rows((ROOT / "data/templates/atgardsmall.csv").read_bytes(), "atgardsmall.csv")


def _vega_spec():
    return {"data": {"values": [{"x": 1, "y": 2}]}, "mark": "point",
            "encoding": {"x": {"field": "x", "type": "quantitative"}}}


def _png():
    from models.common.plotting import figure_png
    return figure_png(_figure())


def _report():
    from frictionless import Resource
    return Resource(str(ROOT / "data/municipalities.csv")).validate()


def _frictionless_report():
    import frictionless
    return frictionless.validate(str(ROOT / "data/datapackage.json"))


def _electrified():
    from models.lessons.transporter import laddinfrastruktur
    return laddinfrastruktur.electrified_fleet()


FLEET = Lazy(_fleet)
CASE = Lazy(_case)
CLIMATE_BUDGET = Lazy(_climate_budget)
SCENARIO = Lazy(_scenario)
CHECK = Lazy(_check)
NEED = Lazy(_need)
KOMMUN_CHARGING = Lazy(_kommun_charging)
POLICIES = Lazy(_policies)
PLAN = Lazy(_plan)
COMPARISON = Lazy(_comparison)
PER_KM = Lazy(_per_km)
MEASURES = Lazy(_measures)
HISTORY = Lazy(_history)
SECTORS = Lazy(_sectors)
SHARES = Lazy(_shares)
TREND = Lazy(_trend)
SCHEMA = Lazy(_schema)
LABELS = Lazy(lambda: __import__("models.data.emissions", fromlist=["x"]).sector_labels())
GAP = Lazy(lambda: CASE.get().gap)
CURVE = Lazy(lambda: CASE.get().curve)
COVERAGE = Lazy(lambda: CASE.get().coverage)
TRANSITION = Lazy(lambda: POLICIES.get()["lowest_tco"])
PER_VEHICLE = Lazy(lambda: __import__("models.lessons.transporter.fordonsflottan", fromlist=["x"]).per_vehicle(FLEET.get()))
SCORECARD = Lazy(lambda: __import__("models.lessons.strategi.uppfoljning", fromlist=["x"]).scorecard(K))
XLSX = Lazy(_xlsx_bytes)
CSV_BYTES = Lazy(lambda: (ROOT / "data/templates/atgardsmall.csv").read_bytes())
def _uploads():
    from hypothesis import strategies as st
    from fuzzlib import damaged_bytes
    return st.one_of(damaged_bytes(XLSX.get()).map(lambda b: ("atgarder.xlsx", b)),
                     damaged_bytes(CSV_BYTES.get()).map(lambda b: ("atgarder.csv", b)),
                     st.sampled_from([None, ("a.csv", b""), ("a.pdf", b"%PDF-1.4"), "atgarder.csv", [("a", b"")],
                                      ("a.csv", "text"), (None, b"a;b")]))


UPLOADS = Lazy(_uploads)
FIELD = {"name": "population", "type": "integer", "constraints": {"minimum": 0}}
LABEL = ("name", "what")  # labels from the calling code, not user input
XLSX_OUT = "out.xlsx"   # replaced by a fresh folder's file per call (see test_fuzz.py)
FIG = dict(_examples=10)
#: Payback time columns. "Never pays back" is ``None`` (never inf or NaN), shown as "mer än livslängden".
PAYBACK = ("payback_years", "Återbetalningstid (år)")


# ----------------------------------------------------------------------------- Solel
def _solar(name):
    import importlib
    return importlib.import_module(f"models.{name}")


SITE = Lazy(lambda: _solar("lessons.solel.platser").site(K))
WEATHER = Lazy(lambda: _solar("lessons.solel.platser").typical_year(K))
INDEX = Lazy(lambda: WEATHER.get().index)
PRICES = Lazy(lambda: _solar("solar.economics").Prices())
PER_KWP = Lazy(lambda: _solar("lessons.solel.egenanvandning").production_per_kwp(K))
LOAD = Lazy(lambda: _solar("solar.selfconsumption").load_profile("skola", 250_000.0, INDEX.get()))
POA = Lazy(lambda: _solar("solar.pv").poa(SITE.get(), 30.0, 180.0)["poa_global"])
SCREENED = Lazy(lambda: _solar("lessons.solel.kartlagg_solelslagen").screen())
SITES = Lazy(lambda: _solar("data.sites_file").template_sites())
BUILDING = Lazy(lambda: _solar("lessons.solel.egenanvandning").Building())
METER_BYTES = Lazy(lambda: (ROOT / "data/templates/timvarden.csv").read_bytes())
METER = Lazy(lambda: _solar("data.meter_file").read_meter(METER_BYTES.get(), "timvarden.csv"))
SITES_BYTES = Lazy(lambda: (ROOT / "data/templates/solelslagen.csv").read_bytes())
WEATHER_BYTES = Lazy(lambda: _solar("data.weather").lulea_path().read_bytes())
SKY = Lazy(lambda: _solar("solar.typical_year").clear_sky(INDEX.get(), 65.58, 22.15))


REGISTRY = {
    # ------------------------------------------------------------------ models.common
    # show() names a bad value in an error message: NaN/inf are shown as the learner typed them, with a gloss
    "models.common.value_checks.show": S(value=1.5, _allow_nan=True),
    "models.common.value_checks.number": S(value=1.5, name="x", what="ett tal", _fixed=LABEL + ("low", "high", "unit")),
    "models.common.value_checks.non_negative": S(value=1.5, name="x", what="ett tal", _fixed=LABEL + ("high",)),
    "models.common.value_checks.positive": S(value=1.5, name="x", what="ett tal", _fixed=LABEL + ("high",)),
    "models.common.value_checks.open_unit_rate": S(value=0.1, _fixed=LABEL),
    "models.common.value_checks.fraction": S(value=0.1, name="x", what="andel", example="0.1", _fixed=LABEL + ("example", "high")),
    "models.common.table_checks.table_with_columns": S(table=pd.DataFrame({"a": [1]}), required=("a",), name="tabell",
                                                 _fixed=("required", "name", "optional_note")),
    "models.common.value_checks.integer": S(value=3, name="n", what="antal", _fixed=LABEL + ("minimum", "maximum")),
    "models.common.value_checks.choice": S(value="a", valid=("a", "b"), _fixed=("valid", "name", "singular", "plural")),
    "models.common.value_checks.option": S(value="a", options=("a", "b"), label="val", _fixed=("options", "label")),
    "models.common.value_checks.number_in_range": S(value=1.0, low=0.0, high=2.0, name="x", what="tal",
                                              _fixed=LABEL + ("unit", "low", "high")),
    "models.common.value_checks.keys": S(values=("a",), valid=("a", "b"), name="sektorer", singular="sektor",
                                   plural="sektorer", _fixed=("valid", "name", "singular", "plural")),
    "models.common.value_checks.is_real": S(value=1.5),
    "models.common.value_checks.rate": S(value=0.04, _fixed=("name", "what", "example", "minimum_positive")),
    "models.common.value_checks.count": S(value=3, name="n", what="antal", _fixed=LABEL + ("minimum", "maximum")),
    "models.common.value_checks.year": S(value=2030, _fixed=LABEL + ("low", "high")),
    "models.common.value_checks.text": S(value="Luleå", name="namn", what="text", _fixed=LABEL + ("max_length",)),
    "models.common.value_checks.flag": S(value=True, name="ja_nej", what="val", _fixed=LABEL),
    "models.common.table_checks.table": S(frame=pd.DataFrame({"a": [1.0], "b": ["x"]}), columns={"a": "non_negative", "b": "text"},
                                    name="tabell", _fixed=("columns", "name", "label", "allow_empty", "optional")),
    "models.common.table_checks.table_in_place": S(frame=pd.DataFrame({"a": [1.0], "b": ["x"]}),
                                             columns={"a": "non_negative", "b": "text"}, name="tabell",
                                             _fixed=("columns", "name", "label", "allow_empty", "optional")),
    "models.common.table_checks.series": S(values=HISTORY, name="serie", what="utsläpp", _fixed=LABEL + ("kind", "years", "allow_empty")),
    "models.common.value_checks.number_list": S(values=(1.0, 2.0), name="tal", what="värden", _fixed=LABEL + ("low", "high", "max_length", "allow_empty")),
    "models.common.table_checks.yearly": S(values=HISTORY, name="serie", what="utsläpp", _fixed=LABEL + ("non_negative",)),
    "models.common.value_checks.instance": S(value=1.5, kind=float, name="x", what="ett tal", _fixed=LABEL + ("kind",)),
    "models.common.value_checks.finite_result": S(value=1.5, name="x", what="resultat", _fixed=LABEL),
    "models.common.chart_data.chart_tables": S(spec=Lazy(_vega_spec), _allow_nan=True),
    "models.common.downloads.check_name": S(name="tabell-1"),
    "models.common.downloads.build_folder": S(),
    "models.common.downloads.page_name": S(),
    "models.common.downloads.csv_bytes": S(table=pd.DataFrame({"Namn": ["=1+1", "Luleå"], "Utsläpp (ton)": [1.5, 2.0]})),
    "models.common.downloads.flat_columns": S(table=pd.DataFrame([[1.5]], columns=pd.MultiIndex.from_tuples([("Utsläpp", "ton")]))),
    "models.common.downloads.as_numbers": S(table=pd.DataFrame({"Värde": ["1 234,5", "−4"]}), _allow_nan=True),
    "models.common.downloads.write_table": S(path=XLSX_OUT, table=pd.DataFrame({"Namn": ["=1+1"], "Utsläpp (ton)": [1.5]}),
                                             _writes=True),
    "models.common.downloads.write_tables": S(path=XLSX_OUT, tables={"Blad": pd.DataFrame({"Utsläpp (ton)": [1.5]})},
                                              _writes=True),
    "models.common.downloads.table_links": S(table=pd.DataFrame({"Utsläpp (ton)": [1.5]})),
    "models.common.downloads.chart_links": S(spec=Lazy(_vega_spec), name="diagram"),
    "models.common.downloads.register_table_formatter": S(),
    "models.common.export.os_reason": S(error=PermissionError(13, "Permission denied")),
    "models.common.export.write_xlsx": S(path=XLSX_OUT, sheets={"Blad": pd.DataFrame({"Namn": ["=1+1", "a\x07b"]})},
                                         _writes=True),
    "models.common.formatting.fmt_number": S(value=1234.5),
    "models.common.formatting.fmt_pct": S(value=12.5),
    "models.common.formatting.fmt_auto": S(value=12.5),
    "models.common.formatting.fmt_plain": S(value=12.5),
    "models.common.plotting.apply_style": S(),
    "models.common.plotting.new_figure": S(**FIG),
    "models.common.plotting.boxes_path": S(bars=[]),
    "models.common.plotting.place_ylabel": S(ax=Lazy(lambda: __import__("matplotlib.pyplot", fromlist=["x"]).subplots()[1])),
    "models.common.plotting.swedish_axis": S(axis=Lazy(_axis), **FIG),
    "models.common.plotting.figure_png": S(figure=Lazy(_figure), **FIG),
    "models.common.plotting.add_source": S(fig=Lazy(_figure), text="Källa: SMHI", **FIG),
    "models.common.selfcheck.html_for": S(questions=Lazy(_questions), key="testa"),
    "models.common.selfcheck.render": S(questions=Lazy(_questions)),
    "models.common.tables.show": S(table=pd.DataFrame({"Utsläpp (ton)": [1.5, 2.0]})),
    "models.common.tables.text_table_html": S(table=pd.DataFrame({"Byggnad": ["Skola"], "Besparing (kr)": ["12 300"]})),
    "models.common.vega.fallback_png": S(figure=Lazy(_figure), **FIG),
    "models.common.vega.chart": S(spec=Lazy(_vega_spec), name="Diagram", description="Ett diagram",
                                  fallback_png=Lazy(_png), fallback_alt="Ett diagram", **FIG),
    "models.common.vega_params.js_key": S(value="Luleå"),
    "models.common.vega_params.select_param": S(name="val", options=("a", "b"), value="a", label="Val", _fixed=("name",)),
    "models.common.vega_params.radio_param": S(name="val", options=("a", "b"), value="a", label="Val", _fixed=("name",)),
    "models.common.vega_params.range_param": S(name="r", minimum=0.0, maximum=10.0, step=1.0, value=5.0, label="R",
                                               _fixed=("name",)),
    "models.common.vega_params.kommun_param": S(kommuner=("Luleå", "Kiruna"), value=K),
    "models.common.vega_params.match": S(),
    "models.common.vega_params.lookup": S(table=pd.DataFrame({"kommun": [K], "t": [1.0]}), by=["kommun"], value="t"),
    "models.common.vega_params.mapping": S(values={"a": "A"}, key="datum.a"),
    "models.common.vega_params.lookup_param": S(name="rad", table=pd.DataFrame({"kommun": [K], "a": [1.0]}),
                                                by=["kommun"], columns=["a"], _fixed=("name",)),
    "models.common.widgets.kommun_dropdown": S(kommuner=("Luleå", "Kiruna"), value=K),
    "models.common.widgets.uploaded_file": S(value=({"name": "a.csv", "content": b"a;b\n1;2\n"},)),
    "models.common.widgets.slug": S(name="Luleå"),
    "models.common.widgets.opened": S(root=__import__("ipywidgets").VBox()),
    "models.common.widgets.kommun_chart_explorer": S(
        view=lambda kommun, chart: __import__("types").SimpleNamespace(facts=pd.DataFrame({"a": [1]}), png=b""),
        kommuner=("Luleå", "Kiruna"), charts=("A", "B"), kommun=K, chart="A"),
    # ------------------------------------------------------------------ models.data
    "models.data.emissions.source_note": S(),
    "models.data.emissions.dataset_label": S(dataset="ghg_to_2024_snapshot_2026_06"),
    "models.data.emissions.population_note": S(),
    "models.data.emissions.check_dataset": S(dataset="ghg_to_2024_snapshot_2026_06", _fixed=("allowed",)),
    "models.data.emissions.area_name": S(kommun=K),
    "models.data.emissions.totals": S(),
    "models.data.emissions.total": S(kommun=K),
    "models.data.emissions.by_sector": S(kommun=K),
    "models.data.emissions.sector_labels": S(),
    "models.data.emissions.population": S(),
    "models.data.emissions.kommun_totals": S(year=2024),
    "models.data.emissions.sector_change_pct": S(sector="domestic_transport", from_year=2015, to_year=2024,
                                                 _allow_nan=True),
    "models.data.fleet_file.headers": S(),
    "models.data.fleet_file.read_fleet": S(source=Lazy(lambda: _upload_bytes("fleet")()[1]), filename="flotta.csv",
                                           _allow_nan=True),
    "models.data.fleet_file.read_upload": S(upload=Lazy(_upload_bytes("fleet")), _allow_nan=True),
    "models.data.fleet_file.example_fleet": S(_allow_nan=True),
    "models.data.fleet_file.template_fleet": S(_allow_nan=True),
    "models.data.fleet_file.template_version": S(),
    "models.data.fleet_file.fleet_table": S(fleet=FLEET, _allow_nan=True),
    "models.data.fleet_file.to_csv_bytes": S(fleet=FLEET),
    "models.data.fleet_file.template_tables": S(_allow_nan=True),
    "models.data.klimatkollen.budget_source_note": S(),
    "models.data.klimatkollen.kpi_source_note": S(),
    "models.data.klimatkollen.local_source_note": S(),
    "models.data.klimatkollen.published_budgets": S(),
    "models.data.klimatkollen.budget_table": S(_allow_nan=True),
    "models.data.klimatkollen.kpis": S(_allow_nan=True),
    "models.data.klimatkollen.local_targets": S(_allow_nan=True),
    "models.data.klimatkollen.local_value": S(kommun=K, metric="emissions_target_year"),
    "models.data.klimatkollen.consumption_source_note": S(),
    "models.data.klimatkollen.consumption_per_capita_t": S(kommun=K),
    "models.data.klimatkollen.climate_plan": S(kommun=K, _allow_nan=True),
    "models.data.klimatkollen.climate_plan_note": S(),
    "models.data.measures_file.schema": S(),
    "models.data.measures_file.headers": S(),
    "models.data.measures_file.read_measures": S(source=CSV_BYTES, filename="atgarder.csv", _allow_nan=True),
    "models.data.measures_file.template_measures": S(_allow_nan=True),
    "models.data.measures_file.template_version": S(),
    "models.data.measures_file.sector_names": S(),
    "models.data.measures_file.measures_table": S(measures=MEASURES, _allow_nan=True),
    "models.data.measures_file.template_tables": S(_allow_nan=True),
    "models.data.package.data_dir": S(),
    "models.data.package.resource_names": S(),
    "models.data.package.load": S(name="municipalities", _allow_nan=True),
    "models.data.package.validate": S(_examples=8),
    "models.data.package.kommun_name": S(name_or_code=K),
    "models.data.package.kommun": S(name_or_code=K),
    "models.data.package.version": S(),
    "models.data.upload.read_table": S(source=CSV_BYTES, schema=SCHEMA, filename="atgarder.csv", _allow_nan=True),
    "models.data.upload.file_version": S(path=Path(__file__).resolve().parents[2] / "data" / "templates" / "atgardsmall.csv"),
    "models.data.upload.csv_rows": S(content=CSV_BYTES, name="atgarder.csv", _fixed=("name",)),
    "models.data.upload.xlsx_rows": S(content=XLSX, name="atgarder.xlsx", _fixed=("name",)),
    "models.data.upload.parse_rows": S(rows=Lazy(_template_rows), name="atgarder.csv", schema=SCHEMA,
                                       _fixed=("name",), _allow_nan=True),
    "models.data.cells.normalise": S(text="Utsläpp (ton CO₂e/år)"),
    "models.data.cells.is_number": S(cell=1.5),
    "models.data.cells.parse_number": S(text="1 234,5"),
    "models.data.cells.listing": S(items=("a", "b")),
    "models.data.upload_tables.check_typed": S(table=MEASURES, schema=SCHEMA, name="measures", label="measure",
                                        _fixed=("name", "label"), _allow_nan=True),
    "models.data.cells.column_letter": S(index=3),
    "models.data.cells.choices": S(values={"a": "A"}),
    "models.data.upload_tables.template_table": S(schema=SCHEMA, rows=Lazy(_template_rows), _allow_nan=True),
    "models.data.upload_tables.instructions": S(schema=SCHEMA),
    # the messages quote the cell as written in the file, so a cell "NaN" is shown as "NaN"
    "models.data.validation.type_message": S(cell="x", field=FIELD, _allow_nan=True),
    "models.data.validation.constraint_message": S(cell="-1", field=FIELD, constraint="minimum", _allow_nan=True),
    "models.data.validation.read_raw": S(path=ROOT / "data/municipalities.csv", display="data/municipalities.csv",
                                         _fixed=("display",), _allow_nan=True),
    "models.data.validation.parse_csv": S(path=ROOT / "data/municipalities.csv", display="data/municipalities.csv",
                                          resource=Lazy(_resource("municipalities")), _fixed=("display",),
                                          _allow_nan=True),
    "models.data.package_checks.frictionless_problems": S(report=Lazy(_report), display="data/municipalities.csv",
                                                      resource=Lazy(_resource("municipalities")),
                                                      _fixed=("display",)),
    "models.data.package_checks.kommun_problems": S(raw=Lazy(_raw("municipalities")), display="data/municipalities.csv",
                                                known={"2580": "Luleå"}, _fixed=("display",)),
    "models.data.package_checks.completeness_problems": S(raw=Lazy(_raw("municipalities")),
                                                      display="data/municipalities.csv", kommuner={"Luleå": "2580"},
                                                      _fixed=("display",)),
    "models.data.package_checks.sector_problems": S(by_sector=Lazy(_raw("emissions_by_sector")),
                                                total=Lazy(_raw("emissions_total")), display_sector="s.csv",
                                                display_total="t.csv", _fixed=("display_sector", "display_total")),
    "models.data.package_checks.validate_resources": S(
        directory=ROOT / "data", descriptor=Lazy(_descriptor), names=["municipalities"], display=str,
        known={"2580": "Luleå"}, kommuner={"Luleå": "2580"}, one_row_per_kommun=(), _fixed=("display",),
        _examples=10),
    "models.data.vehicles.source_note": S(),
    "models.data.vehicles.vehicles_by_fuel": S(kommun=K),
    "models.data.vehicles.vehicles_in_traffic": S(kommun=K),
    "models.data.vehicles.stock_table": S(kommun=K),
    "models.data.vehicles.new_registrations": S(kommun=K, _allow_nan=True),
    "models.data.vehicles.charging": S(_allow_nan=True),
    "models.data.vehicles.charging_wide": S(_allow_nan=True),
    "models.data.vehicles.county_charging": S(_allow_nan=True, ),
    # ------------------------------------------------------------------ models.strategy
    "models.strategy.carbon_budget.required_annual_reduction": S(e0=100_000.0, budget=800_000.0),
    "models.strategy.carbon_budget.finite_horizon_sum": S(rate=0.1, years=20),
    "models.strategy.carbon_budget.budget_share": S(emissions=Lazy(_co2_wide), national_budget=1e8),
    "models.strategy.carbon_budget.remaining_budget": S(budget=1e6, emissions_since=HISTORY),
    "models.strategy.carbon_budget.budget_net_of_overhead": S(budget=1e6, reference_budget=1e8, reference_overhead=1e7),
    "models.strategy.climate_budget.reference_path": S(emissions=HISTORY, end_year=2030, _tonnes=("reference",)),
    "models.strategy.climate_budget.ceiling_path": S(e0=100_000.0, base_year=2024, end_year=2030, rate=0.1172),
    "models.strategy.climate_budget.checked_plan_years": S(years=[2025, 2026, 2030]),
    "models.strategy.climate_budget.measure_effects": S(measures=Lazy(lambda: CLIMATE_BUDGET.get().measures),
                                                        years=(2027, 2028)),
    "models.strategy.climate_budget.reductions_by_unit": S(measures=Lazy(lambda: CLIMATE_BUDGET.get().measures),
                                                           years=(2027, 2028)),
    "models.strategy.climate_budget.budget_table": S(reference=Lazy(lambda: CLIMATE_BUDGET.get().reference),
                                                     ceiling=Lazy(lambda: CLIMATE_BUDGET.get().ceiling),
                                                     measures=Lazy(lambda: CLIMATE_BUDGET.get().measures),
                                                     years=(2027, 2028)),
    "models.strategy.climate_budget.unit_summary": S(measures=Lazy(lambda: CLIMATE_BUDGET.get().measures),
                                                     years=(2027, 2028)),
    "models.strategy.climate_budget.scale_measures": S(measures=Lazy(lambda: CLIMATE_BUDGET.get().measures),
                                                       percent=50),
    "models.strategy.climate_budget.validated_measures": S(measures=Lazy(lambda: CLIMATE_BUDGET.get().measures)),
    "models.strategy.constants.diesel_kg_co2e_per_l": S(obligation_pct=6.0),
    "models.strategy.emissions.sector_shares": S(row=Lazy(lambda: SECTORS.get().iloc[-1]), labels=LABELS),
    "models.strategy.emissions.county_table": S(_allow_nan=("population", "t_co2e_per_capita"), emissions=Lazy(lambda: _emissions_wide().iloc[-1]),
                                                population=Lazy(lambda: __import__("models.data.emissions", fromlist=["x"]).population().iloc[-1]),
                                                county_total=1e6),
    "models.strategy.emissions.change_since": S(series=HISTORY),
    "models.strategy.exhaustion.budget_exhaustion_year": S(budget=1e6, start_emissions=1e5, slope=-1e3, start_year=2024),
    "models.strategy.exhaustion.budget_exhaustion_date": S(budget=1e6, start_emissions=1e5, slope=-1e3, start_year=2024),
    "models.strategy.exhaustion.decimal_year_to_date": S(year=2030.5),
    "models.strategy.follow_up.target_path": S(start_value=100.0, start_year=2020, target_value=50.0, target_year=2030),
    "models.strategy.follow_up.trend_projection": S(series=HISTORY, year=2030),
    "models.strategy.follow_up.check_tolerance": S(value=0.2),
    "models.strategy.follow_up.status": S(latest=100.0, projection=60.0, target=50.0),
    "models.strategy.follow_up.share_of_needed_change_pct": S(latest=100.0, projection=60.0, target=50.0),
    "models.strategy.follow_up.assess": S(series=HISTORY, target_value=50_000.0, target_year=2030),
    "models.strategy.kolada.kpi_table": S(),
    "models.strategy.kolada.missing_kpis": S(),
    "models.strategy.macc.capital_recovery_factor": S(discount_rate=0.04, lifetime_years=20),
    "models.strategy.macc.macc": S(measures=MEASURES, discount_rate=0.04),
    "models.strategy.measures.gap_to_target": S(e0=100_000.0, base_year=2024, target_year=2030, rate=0.1172),
    "models.strategy.measures.apply_in_sequence": S(measures=MEASURES, sector_emissions=Lazy(lambda: SECTORS.get().iloc[-1])),
    "models.strategy.measures.sequential_macc": S(measures=MEASURES, sector_emissions=Lazy(lambda: SECTORS.get().iloc[-1]),
                                                  discount_rate=0.04),
    "models.strategy.measures.gap_coverage": S(curve=CURVE, gap_t=10_000.0),
    "models.strategy.pathways.pathway": S(e0=100_000.0, start_year=2024, budget=800_000.0, _tonnes=("emissions_t",)),
    "models.strategy.pathways.carbon_law_pathway": S(e0=100_000.0, start_year=2024),
    "models.strategy.scenario.check_goal": S(goal="1.5C"),
    "models.strategy.scenario.included_fraction": S(sector_shares=SHARES),
    "models.strategy.scenario.budget_after_exclusions": S(budget_t=1e6, emissions=HISTORY,
                                                          included=Lazy(lambda: HISTORY.get() * 0 + 1.0)),
    "models.strategy.scenario.build_scenario": S(history=HISTORY, budget_t=1e6, _allow_nan=True),
    "models.strategy.scenario.trend_year_integrals": S(line=TREND, first_year=2024, last_year=2030),
    "models.strategy.scenario.compare_methods": S(e0=100_000.0, budget=800_000.0, years=20),
    "models.strategy.scenario.national_net_budget": S(),
    "models.strategy.scenario.county_budget_shares": S(co2=Lazy(_co2_wide), published_t=Lazy(_published),
                                                       _allow_nan=True),
    "models.strategy.targets.covenant_target": S(base_year=2005),
    "models.strategy.targets.restate_targets": S(sectors=SECTORS, labels=LABELS, _allow_nan=True),
    "models.strategy.trend.linear_trend": S(emissions=HISTORY),
    "models.strategy.trend.lad_trend": S(emissions=HISTORY),
    "models.strategy.trend.cagr_pct": S(first=100.0, last=80.0, years=5),
    "models.strategy.trend.trend_pathway": S(trend=TREND, start_year=2024, _tonnes=("emissions_t",)),
    "models.strategy.trend.trend_zero_year": S(_allow_nan=True, trend=TREND),
    # ------------------------------------------------------------------ models.transport
    "models.transport.charging.charging_need": S(fleet_or_site=Lazy(_electrified)),
    "models.transport.charging.public_charging_projection": S(vehicles_start=100.0, vehicles_now=200.0,
                                                              points_now=20.0, years_between=3.0, years_ahead=5.0,
                                                              points_per_vehicle=0.1),
    "models.transport.cold.check_case": S(case="central"),
    "models.transport.cold.temperature_factor": S(temp_c=-20.0),
    "models.transport.cold.ev_consumption": S(base_kwh_per_km=0.15, temp_c=-20.0),
    "models.transport.cold.monthly_factors": S(),
    "models.transport.cold.annual_factor": S(),
    "models.transport.cold.range_check": S(longest_daily_km=150.0, base_kwh_per_km=0.15, battery_kwh=60.0, temp_c=-20.0),
    "models.transport.costs.check_years": S(years=4),
    "models.transport.costs.check_km": S(annual_km=15_000.0),
    "models.transport.costs.check_rate": S(discount_rate=0.04),
    "models.transport.costs.annuity_factor": S(discount_rate=0.04, years=4),
    "models.transport.costs.crf": S(discount_rate=0.04, years=4),
    "models.transport.costs.tco": S(purchase_price=400_000.0, annual_km=15_000.0, years=4, energy_per_km=0.2,
                                    energy_price=1.0, maintenance_per_year=5000.0, residual_value=150_000.0,
                                    discount_rate=0.04),
    "models.transport.costs.residual_value": S(purchase_price=400_000.0, years=4),
    "models.transport.costs.default_prices": S(),
    "models.transport.costs.check_class": S(vehicle_class="car"),
    "models.transport.costs.check_drivetrain": S(drivetrain="electricity"),
    "models.transport.costs.energy_cost_per_km": S(vehicle_class="car", drivetrain="electricity"),
    "models.transport.costs.energy_cost_per_km_at": S(vehicle_class="car", drivetrain="phev",
                                                      prices={"petrol": 18.0, "electricity": 1.5}, cold_factor=1.2),
    "models.transport.costs.tco_breakdown": S(vehicle_class="car", drivetrain="electricity", annual_km=15_000.0, years=4),
    "models.transport.costs.compare": S(vehicle_class="car", annual_km=15_000.0, years=4),
    "models.transport.costs.break_even_km": S(vehicle_class="car", electric="electricity", other="diesel", years=4),
    "models.transport.costs.sensitivity": S(vehicle_class="car", annual_km=15_000.0, years=4),
    "models.transport.costs.prices_with_defaults": S(prices={"electricity": 1.0}),
    "models.transport.costs.yearly_fixed_costs": S(
        vehicle_class=Lazy(lambda: __import__("numpy").array(["car"])),
        drivetrain=Lazy(lambda: __import__("numpy").array(["electricity"])),
        years=Lazy(lambda: __import__("numpy").array([4])), discount_rate=0.04),
    "models.transport.emissions.check_fuel": S(fuel="diesel"),
    "models.transport.emissions.check_year": S(year=2025),
    "models.transport.emissions.check_electricity": S(electricity="nordic_mix"),
    "models.transport.emissions.check_scenario": S(scenario="stay_6"),
    "models.transport.emissions.reduction_obligation": S(year=2025),
    "models.transport.emissions.fuel_emission_factor": S(fuel="diesel", year=2025),
    "models.transport.emissions.emission_factors": S(year=2025),
    "models.transport.emissions.fleet_emissions": S(fleet=FLEET, year=2025, _tonnes=("t_co2e", "emissions_t")),
    "models.transport.fleet.synthetic_fleet": S(_allow_nan=True, template=FLEET, n=20),
    "models.transport.fleet.fuel_summary": S(fleet=FLEET, per_vehicle=Lazy(lambda: __import__("models.transport.emissions", fromlist=["x"]).fleet_emissions(FLEET.get(), 2025))),
    "models.transport.turnover.check_fleet": S(_allow_nan=True, fleet=FLEET),
    "models.transport.turnover.check_result": S(result=TRANSITION),
    "models.transport.turnover.replacement_plan": S(fleet=FLEET, start_year=2025),
    "models.transport.turnover.transition": S(fleet=FLEET, start_year=2025, end_year=2035),
    "models.transport.turnover.fossil_free_year": S(result=TRANSITION),
    "models.transport.turnover.procurement_share": S(result=TRANSITION),
    # ------------------------------------------------------------------ models.lessons
    "models.lessons.profil.emissions_figures": S(kommun=K, **FIG),
    "models.lessons.profil.target_figures": S(kommun=K, **FIG),
    "models.lessons.profil.transport_figures": S(kommun=K, **FIG),
    "models.lessons.profil.solar_figures": S(kommun=K, **FIG),
    "models.lessons.profil.profile": S(kommun=K),
    "models.lessons.strategi.atgarder.source_note": S(),
    "models.lessons.strategi.atgarder.sector_emissions": S(kommun=K),
    "models.lessons.strategi.atgarder.sector_labels": S(),
    "models.lessons.strategi.atgarder.gap_sectors": S(),
    "models.lessons.strategi.atgarder.kommun_gap": S(kommun=K),
    "models.lessons.strategi.atgarder.first_target_year": S(),
    "models.lessons.strategi.atgarder.discount_rate": S(pct=4.0),
    "models.lessons.strategi.atgarder.target_year": S(year=2030),
    "models.lessons.strategi.atgarder.measures_case": S(kommun=K),
    "models.lessons.strategi.atgarder.export_case": S(path=XLSX_OUT, case=CASE, _writes=True),
    "models.lessons.strategi.atgarder.scope_table": S(kommun=K),
    "models.lessons.strategi.atgarder.macc_table": S(curve=CURVE),
    "models.lessons.strategi.atgarder.export_table": S(curve=CURVE, _writes=True),
    "models.lessons.strategi.atgarder.coverage_table": S(coverage=COVERAGE, gap=GAP),
    "models.lessons.strategi.atgarder.export_macc_xlsx": S(path=XLSX_OUT, curve=CURVE, gap=GAP, coverage=COVERAGE, discount_rate=0.04, _writes=True),
    "models.lessons.strategi.atgarder_figurer.macc_figure": S(curve=CURVE, **FIG),
    "models.lessons.strategi.atgarder_figurer.coverage_figure": S(coverage=COVERAGE, gap=GAP, **FIG),
    "models.lessons.strategi.atgarder_figurer.macc_chart": S(curve=CURVE, **FIG),
    "models.lessons.strategi.atgarder_figurer.coverage_chart": S(coverage=COVERAGE, gap=GAP, **FIG),
    "models.lessons.strategi.atgarder_figurer.checked_curve": S(curve=CURVE),
    "models.lessons.strategi.atgarder_figurer.update_macc_figure": S(fig=Lazy(lambda: __import__("models.lessons.strategi.atgarder", fromlist=["x"]).macc_figure(CURVE.get())), curve=CURVE, **FIG),
    "models.lessons.strategi.atgarder_figurer.update_coverage_figure": S(fig=Lazy(lambda: __import__("models.lessons.strategi.atgarder", fromlist=["x"]).coverage_figure(COVERAGE.get(), GAP.get())), coverage=COVERAGE, gap=GAP, **FIG),
    "models.lessons.strategi.atgarder_figurer.checked_gap": S(gap=GAP),
    "models.lessons.strategi.atgarder_figurer.checked_coverage": S(coverage=COVERAGE),
    "models.lessons.strategi.atgarder_figurer.fmt_signed": S(value=-12.5),
    "models.lessons.strategi.atgarder_figurer.checked_macc_limits": S(limits=(40_000.0, -5_000.0, 6_000.0)),
    "models.lessons.strategi.atgarder.macc_limits": S(measures=MEASURES),
    "models.lessons.strategi.atgarder.coverage_limit": S(kommun=K, measures=MEASURES),
    "models.lessons.strategi.klimatbudget_underlag.budget_limits": S(kommun=K),
    "models.lessons.strategi.klimatbudget_underlag.reference_assumption": S(),
    "models.lessons.strategi.klimatbudget_underlag.source_note": S(),
    "models.lessons.strategi.klimatbudget_underlag.ceiling_options": S(),
    "models.lessons.strategi.klimatbudget_underlag.default_ceiling": S(),
    "models.lessons.strategi.klimatbudget_underlag.scope_emissions": S(kommun=K),
    "models.lessons.strategi.klimatbudget_underlag.scope_sectors": S(scope="Utan industrin", available=("domestic_transport", "industry_energy_and_processes")),
    "models.lessons.strategi.klimatbudget_underlag.example_measures": S(kommun=K),
    "models.lessons.strategi.klimatbudget_underlag.measures_from_file": S(_allow_nan=True, table=MEASURES),
    "models.lessons.strategi.klimatbudget.climate_budget": S(),
    "models.lessons.strategi.klimatbudget.budget_table_sv": S(result=CLIMATE_BUDGET),
    "models.lessons.strategi.klimatbudget.history_table_sv": S(result=CLIMATE_BUDGET),
    "models.lessons.strategi.klimatbudget.measures_table_sv": S(result=CLIMATE_BUDGET),
    "models.lessons.strategi.klimatbudget.unit_table_sv": S(result=CLIMATE_BUDGET),
    "models.lessons.strategi.klimatbudget.chart_data": S(_allow_nan=True, result=CLIMATE_BUDGET),
    "models.lessons.strategi.klimatbudget_figur.projected_path": S(result=CLIMATE_BUDGET),
    "models.lessons.strategi.klimatbudget.summary_figures": S(result=CLIMATE_BUDGET, **FIG),
    "models.lessons.strategi.klimatbudget_figur.budget_figure": S(result=CLIMATE_BUDGET, **FIG),
    "models.lessons.strategi.klimatbudget_figur.budget_chart": S(result=CLIMATE_BUDGET, **FIG),
    "models.lessons.strategi.klimatbudget_figur.update_budget_figure": S(fig=Lazy(lambda: __import__("models.lessons.strategi.klimatbudget", fromlist=["x"]).budget_figure(CLIMATE_BUDGET.get())), result=CLIMATE_BUDGET, **FIG),
    "models.lessons.strategi.klimatbudget.export_xlsx": S(path=XLSX_OUT, result=CLIMATE_BUDGET, _writes=True),
    "models.lessons.strategi.mal_och_budget_figur.source_note": S(),
    "models.lessons.strategi.mal_och_budget_figur.choice_label": S(mapping={"Geometrisk": "geometric"}, key="geometric"),
    "models.lessons.strategi.mal_och_budget.sector_shares": S(kommun=K),
    "models.lessons.strategi.mal_och_budget.co2_history": S(kommun=K),
    "models.lessons.strategi.mal_och_budget.kommun_budget": S(kommun=K),
    "models.lessons.strategi.mal_och_budget.scenario": S(_allow_nan=True, kommun=K),
    "models.lessons.strategi.mal_och_budget.without_sectors_check": S(kommun=K, year=2021, exclude_sectors=("industry_energy_and_processes",)),
    "models.lessons.strategi.mal_och_budget.exclusion_effect": S(kommun=K, options={"Inget": (), "Utan industri": ("industry_energy_and_processes",)}, _examples=10),
    "models.lessons.strategi.mal_och_budget.county_budget_shares": S(),
    "models.lessons.strategi.mal_och_budget.restate_targets": S(kommun=K),
    "models.lessons.strategi.mal_och_budget.summary_table": S(result=SCENARIO),
    "models.lessons.strategi.mal_och_budget_figur.scenario_figure": S(result=SCENARIO, **FIG),
    "models.lessons.strategi.mal_och_budget_figur.scenario_chart": S(result=SCENARIO, **FIG),
    "models.lessons.strategi.mal_och_budget_figur.update_scenario_figure": S(fig=Lazy(lambda: __import__("models.lessons.strategi.mal_och_budget", fromlist=["x"]).scenario_figure(SCENARIO.get())), result=SCENARIO, **FIG),
    "models.lessons.strategi.mal_och_budget.pathway_table": S(_allow_nan=True, result=SCENARIO),
    "models.lessons.strategi.mal_och_budget.targets_table": S(kommun=K),
    "models.lessons.strategi.mal_och_budget.years_of_emissions_table": S(years_of_emissions=(6.5, 7.0), years=23),
    "models.lessons.strategi.mal_och_budget.methods_table": S(e0=1.0, budget=7.0, years=8),
    "models.lessons.strategi.mal_och_budget.county_shares_table": S(),
    "models.lessons.strategi.mal_och_budget.exclusion_table": S(kommun=K),
    "models.lessons.strategi.mal_och_budget.export_xlsx": S(path=XLSX_OUT, result=SCENARIO, _writes=True),
    "models.lessons.strategi.uppfoljning.indicators": S(kommun=K, _allow_nan=True),
    "models.lessons.strategi.uppfoljning.indicator_names": S(),
    "models.lessons.strategi.uppfoljning.indicator": S(kommun=K, name="Växthusgasutsläpp totalt"),
    "models.lessons.strategi.uppfoljning.scorecard": S(_allow_nan=True, kommun=K),
    "models.lessons.strategi.uppfoljning.trend_assessments": S(_allow_nan=True, kommun=K),
    "models.lessons.strategi.uppfoljning.target_table": S(_allow_nan=True, kommun=K),
    "models.lessons.strategi.uppfoljning_mal.scorecard_sv": S(card=SCORECARD),
    "models.lessons.strategi.uppfoljning_mal.rule_text": S(),
    "models.lessons.strategi.uppfoljning.explorer_tables": S(_allow_nan=True, kommun=K),
    "models.lessons.strategi.uppfoljning.council_summary": S(kommun=K),
    "models.lessons.strategi.uppfoljning.overview_figure": S(kommun=K, **FIG),
    "models.lessons.strategi.uppfoljning.indicator_figure": S(kommun=K, name="Växthusgasutsläpp totalt", **FIG),
    "models.lessons.strategi.uppfoljning.indicator_chart": S(kommun=K, name="Växthusgasutsläpp totalt", **FIG),
    "models.lessons.strategi.uppfoljning.update_indicator_figure": S(fig=Lazy(lambda: __import__("models.lessons.strategi.uppfoljning", fromlist=["x"]).indicator_figure(K, "Växthusgasutsläpp totalt")), kommun=K, name="Växthusgasutsläpp totalt", **FIG),
    "models.lessons.strategi.uppfoljning.export_xlsx": S(path=XLSX_OUT, kommun=K, _writes=True),
    # a filter: a missing year (NaN) in the input stays missing; text and inf are refused
    "models.lessons.strategi.uppfoljning_mal.until_year": S(series=HISTORY, until=2020, _allow_nan=True),
    "models.lessons.strategi.uppfoljning_mal.adopted_scorecard": S(_allow_nan=True, kommun=K),
    "models.lessons.strategi.utslapp.sector_shares": S(kommun=K),
    "models.lessons.strategi.utslapp.county_table": S(),
    "models.lessons.strategi.utslapp.trend": S(kommun=K),
    "models.lessons.strategi.utslapp.summary": S(kommun=K),
    "models.lessons.strategi.utslapp.fact_table": S(kommun=K),
    "models.lessons.strategi.utslapp.total_figure": S(kommun=K, **FIG),
    "models.lessons.strategi.utslapp.total_chart": S(kommun=K, **FIG),
    "models.lessons.strategi.utslapp.update_total_figure": S(fig=Lazy(lambda: __import__("models.lessons.strategi.utslapp", fromlist=["x"]).total_figure("Luleå")), kommun=K, **FIG),
    "models.lessons.strategi.utslapp.sector_figure": S(kommun=K, **FIG),
    "models.lessons.strategi.utslapp.sector_chart": S(kommun=K, **FIG),
    "models.lessons.strategi.utslapp.update_sector_figure": S(fig=Lazy(lambda: __import__("models.lessons.strategi.utslapp", fromlist=["x"]).sector_figure("Luleå")), kommun=K, **FIG),
    "models.lessons.strategi.utslapp_sektorer.sector_trend_figure": S(kommun=K, **FIG),
    "models.lessons.strategi.utslapp_sektorer.sector_trend_chart": S(kommun=K, **FIG),
    "models.lessons.strategi.utslapp_sektorer.update_sector_trend_figure": S(fig=Lazy(lambda: __import__("models.lessons.strategi.utslapp_sektorer", fromlist=["x"]).sector_trend_figure("Luleå")), kommun=K, **FIG),
    "models.lessons.strategi.utslapp.trend_table": S(kommun=K),
    "models.lessons.strategi.utslapp.perspectives": S(kommun=K),
    "models.lessons.strategi.utslapp.perspectives_table": S(kommun=K),
    "models.lessons.strategi.utslapp.county_figure": S(kommun=K, **FIG),
    "models.lessons.strategi.utslapp.county_chart": S(kommun=K, **FIG),
    "models.lessons.strategi.utslapp.update_county_figure": S(fig=Lazy(lambda: __import__("models.lessons.strategi.utslapp", fromlist=["x"]).county_figure("Luleå")), kommun=K, **FIG),
    "models.lessons.transporter.elbil_i_kyla.band_table": S(),
    "models.lessons.transporter.elbil_i_kyla.study_table": S(),
    "models.lessons.transporter.elbil_i_kyla.band_figure": S(**FIG),
    "models.lessons.transporter.elbil_i_kyla.monthly_table": S(),
    "models.lessons.transporter.elbil_i_kyla.fleet_check": S(fleet=FLEET),
    "models.lessons.transporter.elbil_i_kyla.check_table": S(check=CHECK),
    "models.lessons.transporter.elbil_i_kyla.verdict_counts": S(check=CHECK),
    "models.lessons.transporter.elbil_i_kyla.check_figure": S(check=CHECK, temp_c=-28.4, **FIG),
    "models.lessons.transporter.elbil_i_kyla.site_grid": S(),
    "models.lessons.transporter.fordonsflottan.example": S(_allow_nan=True, ),
    "models.lessons.transporter.fordonsflottan.per_vehicle": S(fleet=FLEET),
    "models.lessons.transporter.fordonsflottan.vehicle_table": S(fleet=FLEET),
    "models.lessons.transporter.fordonsflottan.fuel_table": S(fleet=FLEET),
    "models.lessons.transporter.fordonsflottan.totals": S(fleet=FLEET),
    "models.lessons.transporter.fordonsflottan.factor_table": S(),
    "models.lessons.transporter.fordonsflottan.factor_path": S(scenario="stay_6"),
    "models.lessons.transporter.fordonsflottan.factor_figure": S(**FIG),
    "models.lessons.transporter.fordonsflottan.emissions_figure": S(fleet=FLEET, **FIG),
    "models.lessons.transporter.fordonsflottan.electricity_choice_table": S(fleet=FLEET),
    "models.lessons.transporter.fordonsflottan.stock_table": S(kommun=K),
    "models.lessons.transporter.fordonsflottan.registrations_figure": S(kommun=K, **FIG),
    "models.lessons.transporter.fordonsflottan.site_grid": S(),
    "models.lessons.transporter.laddinfrastruktur.electrified_fleet": S(_allow_nan=True, ),
    "models.lessons.transporter.laddinfrastruktur.site_table": S(need=NEED),
    "models.lessons.transporter.laddinfrastruktur.sites_figure": S(need=NEED, **FIG),
    "models.lessons.transporter.laddinfrastruktur.kommun_charging": S(),
    "models.lessons.transporter.laddinfrastruktur.kommun_table": S(table=KOMMUN_CHARGING),
    "models.lessons.transporter.laddinfrastruktur.ratio_figure": S(table=KOMMUN_CHARGING, **FIG),
    "models.lessons.transporter.laddinfrastruktur.need_figure": S(table=KOMMUN_CHARGING, **FIG),
    "models.lessons.transporter.laddinfrastruktur.site_grid": S(),
    "models.lessons.transporter.omstallningsplan.example": S(_allow_nan=True, ),
    "models.lessons.transporter.omstallningsplan.plan_table": S(plan=PLAN),
    "models.lessons.transporter.omstallningsplan.year_table": S(result=TRANSITION),
    "models.lessons.transporter.omstallningsplan.compare_policies": S(fleet=FLEET),
    "models.lessons.transporter.omstallningsplan.summary_table": S(results=POLICIES),
    "models.lessons.transporter.omstallningsplan.emissions_figure": S(results=POLICIES, **FIG),
    "models.lessons.transporter.omstallningsplan.mix_figure": S(result=TRANSITION, **FIG),
    "models.lessons.transporter.omstallningsplan.assumptions_table": S(rule="lowest_tco", electricity="nordic_mix", scenario="stay_6", design_temp_c=-28.4, case="central", start=2025, end=2040, source="exempel"),
    "models.lessons.transporter.omstallningsplan.export_plan_xlsx": S(path=XLSX_OUT, fleet=FLEET, _writes=True),
    "models.lessons.transporter.omstallningsplan.site_grid": S(),
    "models.lessons.transporter.totalkostnad.price_table": S(),
    "models.lessons.transporter.totalkostnad.assumption_table": S(),
    "models.lessons.transporter.totalkostnad.comparison": S(),
    "models.lessons.transporter.totalkostnad.comparison_table": S(table=COMPARISON),
    "models.lessons.transporter.totalkostnad.breakdown_figure": S(table=COMPARISON, **FIG),
    "models.lessons.transporter.totalkostnad.per_km_curve": S(),
    "models.lessons.transporter.totalkostnad.per_km_figure": S(curve=PER_KM, **FIG),
    "models.lessons.transporter.totalkostnad.sensitivity_table": S(),
    "models.lessons.transporter.totalkostnad.site_grid": S(),
    "models.widgets.strategi.atgarder.view": S(upload=Lazy(_upload_bytes("measures")), _bad={"upload": UPLOADS}, _fixed=("draw",), _examples=15),
    "models.widgets.strategi.klimatbudget.view": S(_fixed=("draw",), _examples=15),
    "models.widgets.strategi.mal_och_budget.model": S(_allow_nan=True, _fixed=("draw",), _examples=15),
    "models.widgets.strategi.mal_och_budget.view": S(_allow_nan=True, _fixed=("draw",), _examples=15),
    "models.widgets.strategi.uppfoljning.view": S(_allow_nan=True, _fixed=("draw",), _examples=15),
    "models.widgets.strategi.utslapp.view": S(_fixed=("draw",), _examples=15),
    "models.widgets.transporter.elbil_i_kyla.view": S(_fixed=("draw",), _examples=15),
    "models.widgets.transporter.fordonsflottan.view": S(upload=Lazy(_upload_bytes("fleet")), _bad={"upload": UPLOADS}, _fixed=("draw",), _examples=15),
    "models.widgets.transporter.laddinfrastruktur.view": S(_fixed=("draw",), _examples=15),
    "models.widgets.transporter.omstallningsplan.view": S(upload=Lazy(_upload_bytes("fleet")), _bad={"upload": UPLOADS}, _fixed=("draw",), _examples=15),
    "models.widgets.transporter.totalkostnad.view": S(_fixed=("draw",), _examples=15),
    # ------------------------------------------------------------------ Solel (models.solar, data readers, lessons, widgets)
    "models.solar.economics.annual_value": S(self_used_kwh=1000.0, exported_kwh=500.0, prices=PRICES),
    "models.solar.economics.discount_factors": S(rate=0.03, lifetime=25),
    "models.solar.economics.output_factors": S(degradation=0.005, lifetime=25),
    "models.solar.economics.lcoe": S(investment=750_000.0, energy_year1_kwh=40_000.0),
    "models.solar.economics.npv": S(investment=750_000.0, value_year1=40_000.0),
    "models.solar.economics.payback_years": S(investment=750_000.0, value_year1=40_000.0),
    "models.solar.economics.payback_text": S(years=7.5),
    "models.solar.economics.check_prices": S(prices=PRICES),
    "models.solar.economics.investment": S(kwp=50.0, price_per_kwp=15_000.0),
    "models.solar.economics.break_even_price_per_kwp": S(kwp=50.0, value_year1=40_000.0),
    "models.solar.pv.prepare": S(weather=WEATHER, latitude=65.58, longitude=22.15, _examples=10),
    "models.solar.pv.check_tilt": S(tilt=30.0),
    "models.solar.pv.check_azimuth": S(azimuth=180.0),
    "models.solar.pv.check_kwp": S(kwp=50.0),
    "models.solar.pv.check_site": S(site=SITE),
    "models.solar.pv.daylight": S(site=SITE),
    "models.solar.pv.poa": S(site=SITE, tilt=30.0, azimuth=180.0),
    "models.solar.pv.cell_temperature": S(poa_global=POA, temp_air=Lazy(lambda: WEATHER.get()["temp_air"]),
                                          wind_speed=Lazy(lambda: WEATHER.get()["wind_speed"])),
    "models.solar.pv.dc_power": S(poa_global=POA, temp_cell=Lazy(lambda: WEATHER.get()["temp_air"]), kwp=1.0),
    "models.solar.pv.loss_fraction": S(),
    "models.solar.pv.ac_power": S(dc_after_losses=POA, kwp=1.0),
    "models.solar.pv.snow_loss": S(site=SITE, tilt=30.0, poa_global=POA),
    "models.solar.pv.chain": S(site=SITE, tilt=30.0),
    "models.solar.pv.simulate": S(site=SITE, tilt=30.0),
    "models.solar.pv.simulate_many": S(site=SITE, tilts=(20.0, 40.0), azimuths=(180.0, 135.0), _examples=10),
    "models.solar.pv.chain_pair": S(site=SITE, tilt=30.0),
    "models.solar.pv.specific_yield": S(site=SITE, tilt=30.0),
    "models.solar.pv.monthly_yield": S(site=SITE, tilt=30.0),
    "models.solar.pv.orientation_map": S(site=SITE, tilts=(20.0, 40.0), azimuths=(180.0,), _examples=10),
    "models.solar.pv.optimal_tilt": S(site=SITE, step=5.0, _examples=10),
    "models.solar.screening.roof_kwp": S(roof_area_m2=500.0),
    "models.solar.screening.size_table": S(production_per_kwp=PER_KWP, load=LOAD, max_kwp=100.0, prices=PRICES,
                                           price_per_kwp=15_000.0, _examples=10),
    "models.solar.screening.screen": S(sites=Lazy(lambda: SCREENED.get()), production_per_kwp={}, loads={},
                                       prices=PRICES, price_per_kwp=15_000.0, _examples=10),
    "models.solar.screening.shortlist": S(screened=SCREENED),
    "models.solar.screening.size_balances": S(sites=Lazy(lambda: SCREENED.get()), production_per_kwp={}, loads={}),
    "models.solar.screening.county_scenario": S(
        w_per_inhabitant=Lazy(lambda: pd.Series({"Övertorneå": 135.0, "Pajala": 110.0})),
        population=Lazy(lambda: pd.Series({"Övertorneå": 4_000, "Pajala": 6_000})),
        yield_kwh_per_kwp=Lazy(lambda: pd.Series({"Övertorneå": 900.0, "Pajala": 900.0})), _allow_nan=True),
    "models.solar.selfconsumption.profile_key": S(name="skola"),
    "models.solar.selfconsumption.load_profile": S(name="skola", annual_kwh=250_000.0, index=INDEX),
    "models.solar.selfconsumption.check_load": S(load=LOAD, index=INDEX, _fixed=("name",)),
    "models.solar.selfconsumption.check_production": S(production=Lazy(lambda: PER_KWP.get() * 50), _fixed=LABEL),
    "models.solar.selfconsumption.balance": S(production=Lazy(lambda: PER_KWP.get() * 50), load=LOAD),
    "models.solar.selfconsumption.balance_by_size": S(production_per_kwp=PER_KWP, load=LOAD, sizes_kwp=(10.0, 50.0)),
    "models.solar.selfconsumption.monthly_balance": S(production=Lazy(lambda: PER_KWP.get() * 50), load=LOAD),
    "models.solar.snow.snowfall_from_depth": S(snow_depth=Lazy(lambda: WEATHER.get()["snow_depth"]
                                                                if "snow_depth" in WEATHER.get() else WEATHER.get()["temp_air"].clip(lower=0))),
    "models.solar.snow.coverage": S(snowfall=Lazy(lambda: WEATHER.get()["temp_air"].clip(lower=0) * 0), poa_global=POA,
                                    temp_air=Lazy(lambda: WEATHER.get()["temp_air"]), tilt=30.0),
    "models.solar.snow.dc_loss": S(snow_coverage=Lazy(lambda: POA.get() * 0)),
    "models.solar.snow.coverage_many": S(snowfall=Lazy(lambda: WEATHER.get()["temp_air"].clip(lower=0) * 0),
                                         poa_global=Lazy(lambda: POA.get()[None, :]),
                                         temp_air=Lazy(lambda: WEATHER.get()["temp_air"]), tilts=(30.0,)),
    "models.solar.sun_position.solar_position": S(times=INDEX, latitude=65.58, longitude=22.15),
    "models.solar.sun_position.apparent_elevation": S(times=INDEX, latitude=65.58, longitude=22.15),
    "models.solar.typical_year.check_weather": S(weather=WEATHER),
    "models.solar.typical_year.sun_times": S(index=INDEX),
    "models.solar.typical_year.check_index": S(index=INDEX, _fixed=("name",)),
    "models.solar.typical_year.check_sky": S(sky=SKY, index=INDEX, _fixed=("name",)),
    "models.solar.typical_year.clear_sky": S(index=INDEX, latitude=65.58, longitude=22.15),
    "models.solar.typical_year.clearsky_index": S(ghi=Lazy(lambda: WEATHER.get()["ghi"]), ghi_clear=Lazy(lambda: SKY.get()["ghi_clear"])),
    "models.solar.typical_year.diffuse_calibration": S(reference=WEATHER, ref_sky=SKY, _examples=10),
    "models.solar.typical_year.generate": S(reference=WEATHER, ref_sky=SKY, sky=SKY, _examples=10),
    "models.solar.typical_year.monthly_statistics": S(weather=WEATHER),
    "models.data.weather.lulea_path": S(),
    "models.data.weather.version": S(),
    "models.data.weather.lulea": S(),
    "models.data.weather.lulea_metadata": S(),
    "models.data.weather.read_weather": S(source=WEATHER_BYTES, filename="lulea.csv", _examples=15),
    # network: the valid latitude is out of range on purpose, so no call ever reaches PVGIS
    "models.data.weather.download_pvgis_tmy": S(latitude=1000.0, longitude=22.15, folder=Lazy(lambda: __import__("tempfile").gettempdir()),
                                                _fixed=("latitude",)),
    "models.data.weather.source_note": S(),
    "models.data.sites_file.headers": S(),
    "models.data.sites_file.read_sites": S(source=SITES_BYTES, filename="solelslagen.csv", _allow_nan=True),
    "models.data.sites_file.template_sites": S(_allow_nan=True),
    "models.data.sites_file.template_version": S(),
    "models.data.sites_file.template_tables": S(_allow_nan=True),
    "models.data.meter_file.schema": S(),
    "models.data.meter_file.template_version": S(),
    "models.data.meter_file.read_meter": S(source=METER_BYTES, filename="timvarden.csv"),
    "models.data.meter_file.to_typical_year": S(meter=METER, index=INDEX, _fixed=("name",)),
    "models.lessons.solel.egenanvandning.production_per_kwp": S(kommun=K),
    "models.lessons.solel.egenanvandning.load": S(building=BUILDING),
    "models.lessons.solel.egenanvandning.meter_load": S(source=METER_BYTES, filename="timvarden.csv"),
    "models.lessons.solel.egenanvandning.case": S(),
    "models.lessons.solel.egenanvandning.sizes": S(),
    "models.lessons.solel.egenanvandning.best_size": S(),
    "models.lessons.solel.egenanvandning.case_table": S(),
    "models.lessons.solel.egenanvandning.assumptions_table": S(),
    "models.lessons.solel.egenanvandning.profile_table": S(),
    "models.lessons.solel.egenanvandning.profiles_compared": S(),
    "models.lessons.solel.egenanvandning.week_figure": S(**FIG),
    "models.lessons.solel.egenanvandning.week_source": S(),
    "models.lessons.solel.egenanvandning.update_week_figure": S(
        fig=Lazy(lambda: _solar("lessons.solel.egenanvandning").week_figure()), **FIG),
    "models.lessons.solel.egenanvandning.size_figure": S(**FIG),
    "models.lessons.solel.egenanvandning.price_figure": S(**FIG),
    "models.lessons.solel.egenanvandning.site_grid": S(),
    "models.lessons.solel.kartlagg_solelslagen.inputs": S(kommun=K, sites=SITES),
    "models.lessons.solel.kartlagg_solelslagen.template_meters": S(),
    "models.lessons.solel.kartlagg_solelslagen.screen": S(),
    "models.lessons.solel.kartlagg_solelslagen.ranking_table": S(screened=SCREENED),
    "models.lessons.solel.kartlagg_solelslagen.export_tables": S(_allow_nan=True, screened=SCREENED, kommun=K, price_per_kwp=15_000.0),
    "models.lessons.solel.kartlagg_solelslagen.export_path": S(kommun=K),
    "models.lessons.solel.kartlagg_solelslagen.export_xlsx": S(path=XLSX_OUT, screened=SCREENED, kommun=K, price_per_kwp=15_000.0, _writes=True),
    "models.lessons.solel.kartlagg_solelslagen.installed": S(_allow_nan=("w_per_inhabitant",), ),
    "models.lessons.solel.kartlagg_solelslagen.county_scenario": S(_allow_nan=("w_per_inhabitant",), ),
    "models.lessons.solel.kartlagg_solelslagen.county_summary": S(),
    "models.lessons.solel.kartlagg_solelslagen.county_table": S(),
    "models.lessons.solel.kartlagg_solelslagen.installed_figure": S(**FIG),
    "models.lessons.solel.kartlagg_solelslagen.shortlist_figure": S(screened=SCREENED, **FIG),
    "models.lessons.solel.kartlagg_solelslagen.update_shortlist_figure": S(
        fig=Lazy(lambda: _solar("lessons.solel.kartlagg_solelslagen").shortlist_figure(SCREENED.get())),
        screened=SCREENED, **FIG),
    "models.lessons.solel.kartlagg_solelslagen.site_grid": S(),
    "models.lessons.solel.platser.quiet": S(),
    "models.lessons.solel.platser.data_key": S(),
    "models.lessons.solel.platser.altitude": S(kommun=K),
    "models.lessons.solel.platser.coordinates": S(kommun=K),
    "models.lessons.solel.platser.typical_year": S(kommun=K),
    "models.lessons.solel.platser.is_generated": S(kommun=K),
    "models.lessons.solel.platser.site": S(kommun=K),
    "models.lessons.solel.platser.simulate": S(kommun=K, tilt=30.0),
    "models.lessons.solel.platser.specific_yield": S(kommun=K, tilt=30.0),
    "models.lessons.solel.platser.optimal_tilt": S(kommun=K),
    "models.lessons.solel.platser.productions": S(kommun=K, orientations=((30.0, 180.0), (45.0, 135.0))),
    "models.lessons.solel.platser.read_weather": S(source=WEATHER_BYTES, filename="lulea.csv"),
    "models.lessons.solel.platser.source_note": S(),
    "models.lessons.solel.platser.kommun_names": S(kommuner=("Luleå", "Kiruna")),
    "models.lessons.solel.solcellsanlaggningen.chain_summary": S(kommun=K),
    "models.lessons.solel.solcellsanlaggningen.chain_table": S(kommun=K),
    "models.lessons.solel.solcellsanlaggningen.monthly": S(kommun=K),
    "models.lessons.solel.solcellsanlaggningen.monthly_table": S(kommun=K),
    "models.lessons.solel.solcellsanlaggningen.orientation_map": S(kommun=K),
    "models.lessons.solel.solcellsanlaggningen.summary": S(kommun=K),
    "models.lessons.solel.solcellsanlaggningen.fact_table": S(kommun=K),
    "models.lessons.solel.solcellsanlaggningen.snow_table": S(kommun=K),
    "models.lessons.solel.solcellsanlaggningen.county_yields": S(),
    "models.lessons.solel.solcellsanlaggningen.warm_optimal_tilts": S(),
    "models.lessons.solel.solcellsanlaggningen.comparison_table": S(),
    "models.lessons.solel.solcellsanlaggningen.monthly_figure": S(kommun=K, **FIG),
    "models.lessons.solel.solcellsanlaggningen.map_figure": S(kommun=K, **FIG),
    "models.lessons.solel.solcellsanlaggningen.monthly_source": S(kommun=K),
    "models.lessons.solel.solcellsanlaggningen.update_monthly_figure": S(
        fig=Lazy(lambda: _solar("lessons.solel.solcellsanlaggningen").monthly_figure(K)), kommun=K, **FIG),
    "models.lessons.solel.solcellsanlaggningen.tilt_figure": S(**FIG),
    "models.lessons.solel.solcellsanlaggningen.site_grid": S(),
    "models.lessons.solel.solen_i_norrbotten.elevation": S(kommun=K),
    "models.lessons.solel.solen_i_norrbotten.day_length": S(kommun=K),
    "models.lessons.solel.solen_i_norrbotten.sun_facts": S(kommun=K),
    "models.lessons.solel.solen_i_norrbotten.sun_table": S(),
    "models.lessons.solel.solen_i_norrbotten.monthly_irradiation": S(kommun=K),
    "models.lessons.solel.solen_i_norrbotten.irradiation_table": S(kommun=K),
    "models.lessons.solel.solen_i_norrbotten.summary": S(kommun=K),
    "models.lessons.solel.validering.validation": S(),
    "models.lessons.solel.validering.validation_summary": S(),
    "models.lessons.solel.validering.validation_table": S(),
    "models.lessons.solel.solen_i_norrbotten.sun_path_figure": S(kommun=K, **FIG),
    "models.lessons.solel.solen_i_norrbotten.fact_table": S(kommun=K),
    "models.lessons.solel.solen_i_norrbotten.day_length_figure": S(**FIG),
    "models.lessons.solel.solen_i_norrbotten.irradiation_figure": S(kommun=K, **FIG),
    "models.lessons.solel.validering.validation_figure": S(**FIG),
    "models.lessons.solel.solen_i_norrbotten.update_sun_path_figure": S(
        fig=Lazy(lambda: _solar("lessons.solel.solen_i_norrbotten").sun_path_figure(K)), kommun=K, **FIG),
    "models.lessons.solel.solen_i_norrbotten.update_day_length_figure": S(
        fig=Lazy(lambda: _solar("lessons.solel.solen_i_norrbotten").day_length_figure()), **FIG),
    "models.lessons.solel.solen_i_norrbotten.update_irradiation_figure": S(
        fig=Lazy(lambda: _solar("lessons.solel.solen_i_norrbotten").irradiation_figure(K)), kommun=K, **FIG),
    "models.lessons.solel.solen_i_norrbotten.site_grid": S(),
    "models.widgets.solel.egenanvandning.view": S(_fixed=("draw",), _examples=15),
    "models.widgets.solel.kartlagg_solelslagen.view": S(_fixed=("draw",), _examples=15),
    "models.widgets.solel.solcellsanlaggningen.view": S(_fixed=("draw",), _examples=15),
    "models.widgets.solel.solen_i_norrbotten.view": S(_fixed=("draw",), _examples=15),
}


#: Public functions whose fuzzing still finds a failure (issue 14, open): the test is marked xfail (not
#: strict) with the first failure found, so the suite stays green while the list shrinks; a fixed
#: function shows as XPASS and should be removed here. Generated from a derandomized run.
KNOWN_FAILURES = {
}
