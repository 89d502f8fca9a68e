"""The follow-up explorer across the whole range of every control.

Every kommun with every tolerance step and both trend methods; every indicator chart for
every kommun; the callbacks for every value of every control.
"""
import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from models import data  # noqa: E402
from models.lessons.strategi import uppfoljning as report  # noqa: E402
from models.widgets.strategi import uppfoljning as w  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
STATUS = set(report.STATUS_LABELS.values())


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_kommun_tolerance_and_method(kommun):
    for tolerance, method in itertools.product(w.TOLERANCE_PCT_VALUES, report.METHODS):
        result = w.view(kommun, tolerance_pct=tolerance, method=method, draw=False)
        assert result.kommun == kommun
        assert result.scorecard["Nyckeltal"].tolist() == report.indicator_names()
        assert set(result.scorecard["Status"]) <= STATUS
        assert kommun in result.summary and f"{tolerance}\u00a0%" in result.summary


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_indicator_chart_for_every_kommun(kommun):
    """Builds every indicator figure (all data paths) for every kommun; renders PNGs for one kommun each."""
    for name in report.indicator_names():
        figure = report.indicator_figure(kommun, name)
        assert figure.axes[0].get_title().startswith(kommun)
        plt.close(figure)
    assert w.view(kommun).png.startswith(PNG_MAGIC)


@pytest.mark.parametrize("name", report.indicator_names())
def test_every_indicator_chart_renders(name):
    assert w.view("Luleå", name).png.startswith(PNG_MAGIC)


def test_charts_for_each_tolerance_and_method():
    for tolerance in w.TOLERANCE_PCT_VALUES:
        assert w.view("Piteå", tolerance_pct=tolerance).png.startswith(PNG_MAGIC)
    for method in report.METHODS:
        assert w.view("Piteå", method=method).png.startswith(PNG_MAGIC)


def test_wider_tolerance_never_worsens_a_status():
    order = {"✔ På rätt spår": 0, "▲ Risk": 1, "✖ Fel spår": 2, "– Mål saknas": -1}
    previous = None
    for tolerance in w.TOLERANCE_PCT_VALUES:
        ranks = [order[s] for s in w.view("Gällivare", tolerance_pct=tolerance, draw=False).scorecard["Status"]]
        if previous is not None:
            assert all(r <= p for r, p in zip(ranks, previous))
        previous = ranks


def test_bad_control_values_get_swedish_errors():
    # unknown control values are rejected by models.common.checks.option, naming the control and its values
    with pytest.raises(ValueError, match=r'Okänt val för Tolerans för risk \(%\): 12\. Välj ett av: "0", "5"'):
        w.view("Luleå", tolerance_pct=12)
    with pytest.raises(ValueError, match='Okänt val för Trendmetod: "Medelvärde"'):
        w.view("Luleå", method="Medelvärde")
    with pytest.raises(ValueError, match="Okänt nyckeltal"):
        w.view("Luleå", "Antal kor")


def test_explorer_callbacks_run_for_every_control_value():
    box = w.explorer("Luleå")
    kommun, indicator, tolerance, method = box.children[:4]
    assert kommun.description == "Kommun:" and tuple(kommun.options) == data.KOMMUNER
    for control in (kommun, indicator, tolerance, method):
        for value in control.options:
            control.value = value
