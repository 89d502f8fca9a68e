"""The klimatbudget explorer across the whole range of every control.

The book build and nbval only run the defaults (Luleå), and the build swallows exceptions
inside widget callbacks, so every value of every control is exercised here: all kommuner
with every scope and reference path, every ceiling with every slider step, and the full
grid of the other controls for one kommun. Charts are drawn for each value of each control
at least once.
"""
import itertools

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from models import climate_budget_report as report  # noqa: E402
from models import data  # noqa: E402
from models.widgets.climate_budget import (  # noqa: E402
    MEASURE_PCT_VALUES, climate_budget_explorer, climate_budget_view,
)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SCOPES, REFERENCES, CEILINGS = list(report.SCOPES), list(report.REFERENCES), list(report.ceiling_options())


def _check(view, measure_pct):
    table = view.table
    assert table["År"].tolist() == list(report.PLAN_YEARS)
    numbers = table.drop(columns=["År", "Inom taket?"])
    assert numbers.notna().all().all() and (numbers.drop(columns=numbers.columns[5]) >= 0).all().all()
    planned = table["Planerade åtgärder (ton CO₂e)"]
    assert (planned == 0).all() if measure_pct == 0 else (planned.iloc[-1] > 0)
    assert view.message.endswith("(beräknat).")


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_kommun_with_every_scope_and_reference(kommun):
    for scope, reference in itertools.product(SCOPES, REFERENCES):
        view = climate_budget_view(kommun, scope, CEILINGS[0], reference, 100, draw=False)
        assert view.kommun == kommun
        _check(view, 100)
    view = climate_budget_view(kommun)  # default controls, with the chart
    assert view.png.startswith(PNG_MAGIC) and len(view.png) > 20_000


def test_full_grid_of_other_controls_for_lulea():
    for scope, ceiling, reference, pct in itertools.product(SCOPES, CEILINGS, REFERENCES, MEASURE_PCT_VALUES):
        _check(climate_budget_view("Luleå", scope, ceiling, reference, pct, draw=False), pct)


def test_chart_for_each_value_of_each_control():
    for value in SCOPES:
        assert climate_budget_view("Kiruna", scope=value).png.startswith(PNG_MAGIC)
    for value in CEILINGS:
        assert climate_budget_view("Kiruna", ceiling=value).png.startswith(PNG_MAGIC)
    for value in REFERENCES:
        assert climate_budget_view("Kiruna", reference=value).png.startswith(PNG_MAGIC)
    for value in MEASURE_PCT_VALUES:
        assert climate_budget_view("Kiruna", measure_pct=value).png.startswith(PNG_MAGIC)


def test_more_effect_never_widens_the_gap():
    gaps = [climate_budget_view("Boden", measure_pct=p, draw=False).table.iloc[-1, 6] for p in MEASURE_PCT_VALUES]
    assert gaps == sorted(gaps, reverse=True)


def test_bad_control_values_get_swedish_errors():
    with pytest.raises(ValueError, match="Åtgärdernas effekt"):
        climate_budget_view("Luleå", measure_pct=30)
    with pytest.raises(ValueError, match="omfattning"):
        climate_budget_view("Luleå", scope="Allt")
    with pytest.raises(ValueError, match="Luleå"):
        climate_budget_view("Lulå")


def test_explorer_callbacks_run_for_every_control_value():
    box = climate_budget_explorer("Luleå")
    kommun, scope, ceiling, reference, slider = box.children[:5]
    assert kommun.description == "Kommun:" and tuple(kommun.options) == data.KOMMUNER
    assert tuple(slider.options) == MEASURE_PCT_VALUES
    for control in (kommun, scope, ceiling, reference, slider):
        for value in control.options:
            control.value = value  # runs the observer; outside a kernel any exception propagates
