"""The emissions explorer across its whole control range.

The book build and nbval only run the default (Luleå); an exception inside an
ipywidgets callback is swallowed by the build. So every dropdown value is exercised here.
"""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from models import data  # noqa: E402
from models.widgets import emissions_explorer, emissions_view  # noqa: E402


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_view_for_every_kommun(kommun):
    view = emissions_view(kommun)
    assert view.kommun == kommun
    assert len(view.figures) == 4
    assert view.facts.index.name == kommun
    assert view.facts["Värde"].str.len().gt(0).all()
    for figure in view.figures:
        assert figure.axes, "every figure has axes"
        title = figure.axes[0].get_title() or figure._suptitle.get_text()
        assert title
        plt.close(figure)


def test_explorer_callback_runs_for_every_choice(capsys):
    box = emissions_explorer("Luleå")
    dropdown = box.children[0]
    assert dropdown.description == "Kommun:"
    assert tuple(dropdown.options) == data.KOMMUNER
    for kommun in data.KOMMUNER:
        dropdown.value = kommun  # runs the observer; outside a kernel any exception propagates
    plt.close("all")


def test_explorer_rejects_unknown_kommun():
    with pytest.raises(ValueError, match="Luleå"):
        emissions_explorer("Lulå")
