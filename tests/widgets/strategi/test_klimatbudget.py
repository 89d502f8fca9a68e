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

from models import data  # noqa: E402
from models.lessons.strategi import klimatbudget as report  # noqa: E402
from models.widgets.strategi import klimatbudget as w  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SCOPES, REFERENCES, CEILINGS = list(report.SCOPES), list(report.REFERENCES), list(report.ceiling_options())


def _check(result, measure_pct):
    table = result.table
    assert table["År"].tolist() == list(report.PLAN_YEARS)
    numbers = table.drop(columns=["År", "Inom taket?"])
    assert numbers.notna().all().all() and (numbers.drop(columns=numbers.columns[5]) >= 0).all().all()
    planned = table["Planerade åtgärder (ton CO₂e)"]
    assert (planned == 0).all() if measure_pct == 0 else (planned.iloc[-1] > 0)
    assert result.message.endswith("(beräknat).")


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_kommun_with_every_scope_and_reference(kommun):
    for scope, reference in itertools.product(SCOPES, REFERENCES):
        result = w.view(kommun, scope, CEILINGS[0], reference, 100, draw=False)
        assert result.kommun == kommun
        _check(result, 100)
    result = w.view(kommun)  # default controls, with the chart
    assert result.png.startswith(PNG_MAGIC) and len(result.png) > 20_000


def test_full_grid_of_other_controls_for_lulea():
    for scope, ceiling, reference, pct in itertools.product(SCOPES, CEILINGS, REFERENCES, w.MEASURE_PCT_VALUES):
        _check(w.view("Luleå", scope, ceiling, reference, pct, draw=False), pct)


def test_chart_for_each_value_of_each_control():
    for value in SCOPES:
        assert w.view("Kiruna", scope=value).png.startswith(PNG_MAGIC)
    for value in CEILINGS:
        assert w.view("Kiruna", ceiling=value).png.startswith(PNG_MAGIC)
    for value in REFERENCES:
        assert w.view("Kiruna", reference=value).png.startswith(PNG_MAGIC)
    for value in w.MEASURE_PCT_VALUES:
        assert w.view("Kiruna", measure_pct=value).png.startswith(PNG_MAGIC)


def test_more_effect_never_widens_the_gap():
    gaps = [w.view("Boden", measure_pct=p, draw=False).table.iloc[-1, 6] for p in w.MEASURE_PCT_VALUES]
    assert gaps == sorted(gaps, reverse=True)


def test_bad_control_values_get_swedish_errors():
    with pytest.raises(ValueError, match="Åtgärdernas effekt"):
        w.view("Luleå", measure_pct=30)
    with pytest.raises(ValueError, match="omfattning"):
        w.view("Luleå", scope="Allt")
    with pytest.raises(ValueError, match="Luleå"):
        w.view("Lulå")


def test_explorer_callbacks_run_for_every_control_value():
    box = w.explorer("Luleå")
    kommun, scope, ceiling, reference, slider = box.children[:5]
    assert kommun.description == "Kommun:" and tuple(kommun.options) == data.KOMMUNER
    assert tuple(slider.options) == w.MEASURE_PCT_VALUES
    for control in (kommun, scope, ceiling, reference, slider):
        for value in control.options:
            control.value = value  # runs the observer; outside a kernel any exception propagates
