"""The emissions explorer across its whole control range.

The book build and nbval only run the default (Luleå); an exception inside an
ipywidgets callback is swallowed by the build. So every dropdown value and every chart
button is exercised here.
"""
import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from models import data  # noqa: E402
from models.widgets.strategi import utslapp as w  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("chart", list(w.CHARTS))
@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_view_for_every_kommun_and_chart(kommun, chart):
    view = w.view(kommun, chart)
    assert (view.kommun, view.chart) == (kommun, chart)
    assert list(view.facts.columns) == ["Nyckeltal", kommun]
    assert view.facts[kommun].str.len().gt(0).all()
    assert view.png.startswith(PNG_MAGIC) and len(view.png) > 10_000


def test_view_accepts_code_and_rejects_unknown_chart():
    assert w.view("2584").kommun == "Kiruna"
    with pytest.raises(ValueError, match='Okänt val för Diagram: "Cirkel"'):
        w.view("Kiruna", "Cirkel")


def test_explorer_callbacks_run_for_every_control_value():
    box = w.explorer("Luleå")
    dropdown, buttons = box.children[0].children[0], box.children[1]
    assert dropdown.description == "Kommun:" and buttons.description == "Diagram:"
    assert tuple(dropdown.options) == data.KOMMUNER
    for kommun in data.KOMMUNER:
        dropdown.value = kommun  # runs the observer; outside a kernel any exception propagates
        for chart in w.CHARTS:
            buttons.value = chart


def test_explorer_rejects_unknown_kommun():
    with pytest.raises(ValueError, match="Luleå"):
        w.explorer("Lulå")
