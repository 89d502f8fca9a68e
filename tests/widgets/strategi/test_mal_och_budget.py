"""The budget explorer across its whole control range.

The book build and nbval only run the default (Luleå, 1,5 °C, exponential, 2024, nothing
excluded); an exception inside an ipywidgets callback is swallowed by the build. So every
dropdown value, every start year and a grid of the share slider are exercised here.
"""
import itertools
import math

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from models import data  # noqa: E402
from models.widgets.strategi import mal_och_budget as w  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
SHARES = range(w.SHARE_RANGE[0], w.SHARE_RANGE[1] + 1, 15)  # 0, 15, …, 90 (slider grid)


def _combinations():
    """Every goal × method × start year (nothing excluded), and every goal × method × exclusion
    setting (each preset, the own share across the slider grid) at the first and the last start
    year: each control over its whole range, against every other control's values."""
    settings = [(exclusion, share) for exclusion in w.EXCLUSIONS
                for share in (SHARES if exclusion == w.CUSTOM_SHARE else [0])]
    nothing = settings[0]
    seen = set()
    for goal, method in itertools.product(w.GOALS, w.METHODS):
        combos = [(start, *nothing) for start in w.START_YEARS]
        combos += [(start, *setting) for start in (w.START_YEARS[0], w.START_YEARS[-1]) for setting in settings]
        for start, exclusion, share in combos:
            if (goal, method, start, exclusion, share) not in seen:
                seen.add((goal, method, start, exclusion, share))
                yield goal, method, start, exclusion, share


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_model_for_every_control_value(kommun):
    # Model part only (no drawing): 2 goals × 3 methods × 29 (7 start years, 2 start years × 12 exclusion settings).
    for goal, method, start, exclusion, share in _combinations():
        scenario, facts, message, _ = w.model(kommun, goal, method, start, exclusion, share)
        s = scenario.summary
        assert s["kommun"] == kommun and s["start_year"] == start
        assert facts["Värde"].str.len().gt(0).all()
        if s["feasible"]:
            assert message == ""
            assert 0 <= s["required_reduction_pct"] < 100
            assert s["pathway_total_t"] <= s["remaining_t"] * (1 + 1e-9)
        else:
            assert message and math.isnan(s["required_reduction_pct"])
        assert s["included_share_pct"] <= 100 + 1e-9


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_default_view_draws_a_chart(kommun):
    view = w.view(kommun)
    assert view.png.startswith(PNG_MAGIC) and len(view.png) > 10_000


@pytest.mark.parametrize("method, exclusion", list(zip(w.METHODS, list(w.EXCLUSIONS)[1:])))
def test_chart_with_and_without_a_pathway(method, exclusion):
    # Every method and exclusion preset once (the model grid above covers all combinations);
    # 1.7 °C from 2024 has a pathway, 1.5 °C from 2030 has none for Luleå: the chart is then
    # drawn without the pathway and the message explains why.
    with_path = w.view("Luleå", "1,7 °C – samma andel (beräknat)", method, 2024, exclusion, 50)
    assert with_path.png.startswith(PNG_MAGIC) and not with_path.message
    without = w.view("Luleå", "1,5 °C – Klimatkollens budget", method, 2030, exclusion, 50)
    assert without.png.startswith(PNG_MAGIC) and without.message


def test_default_reproduces_klimatkollen_lulea():
    # data/klimatkollen_carbon_budget.csv, klimatkollen_2024_12, Luleå: 45.28 %/yr, 2025-08-27
    view = w.view()
    assert view.facts.loc["Nödvändig minskning per år", "Värde"] == "45,3\u00a0%"
    assert view.facts.loc["Budgeten tar slut med nuvarande trend", "Värde"].startswith("2025-08-27")


@pytest.mark.parametrize("args, message", [
    (("Luleå", "2 °C"), "Temperaturmål"),
    (("Luleå", "1,5 °C – Klimatkollens budget", "Linjär"), "Metod"),
    (("Luleå", "1,5 °C – Klimatkollens budget", "Geometrisk", 2040), "Startår"),
    (("Luleå", "1,5 °C – Klimatkollens budget", "Geometrisk", 2024, "SSAB"), "Undanta"),
    (("Luleå", "1,5 °C – Klimatkollens budget", "Geometrisk", 2024, "Egen andel", 99), "95"),
    (("Lulå",), "Luleå"),
])
def test_bad_control_values(args, message):
    with pytest.raises(ValueError, match=message):
        w.view(*args)


def test_explorer_callbacks_run_for_every_control_value():
    box = w.explorer("Luleå")
    (kommun, goal), (method, start), (exclusion, share) = (row.children for row in box.children[:3])
    labels = [c.description for c in (kommun, goal, method, start, exclusion, share)]
    assert labels == ["Kommun:", "Temperaturmål/budget:", "Metod:", "Startår:", "Undanta:",
                      "Egen andel (%):"]
    assert tuple(kommun.options) == data.KOMMUNER
    assert share.disabled
    # every value of every control once (observers run; outside a kernel errors propagate)
    for value in data.KOMMUNER:
        kommun.value = value
    for control in (goal, method, start, exclusion):
        for value in control.options:
            control.value = value
    assert exclusion.value == w.CUSTOM_SHARE and not share.disabled
    for value in (share.min, share.max):
        share.value = value
