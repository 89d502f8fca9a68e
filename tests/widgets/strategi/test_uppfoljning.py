"""The follow-up explorer across the whole range of every control.

Every kommun with every tolerance step and both trend methods; every indicator chart for
every kommun; the callbacks for every value of every control.
"""
import io
import itertools

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from models import data  # noqa: E402
from models.common.live_figure import LiveCharts  # noqa: E402
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


def _pixels(png: bytes):
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def test_the_live_chart_keeps_one_image_across_kommuner_and_draws_what_a_whole_drawing_draws():
    # the y axis (its own scale per kommun and indicator) is drawn in every frame, not kept: a new kommun
    # reuses the kept image, and the frame is what the figure drawn whole shows
    first, last = report.indicator_names()[0], report.indicator_names()[-1]
    charts = LiveCharts(8, figures=1)
    luleå = w._draw("Luleå", first, 0, "Medianregression (LAD)", charts=charts)
    arjeplog = w._draw("Arjeplog", first, 30, "Minsta kvadratmetoden", charts=charts)
    chart, live = charts._charts["indicator"]
    assert len(live._backgrounds) == 1
    own = report.indicator_figure("Arjeplog", first, 0.3, "least_squares")
    assert chart.figure.axes[0].get_ylim() == pytest.approx(own.axes[0].get_ylim())  # Arjeplog's own scale
    plt.close(own)
    live.invalidate()
    whole = live.png()
    assert not (_pixels(luleå) == _pixels(arjeplog)).all()
    assert (_pixels(arjeplog) == _pixels(whole)).all(axis=-1).mean() > 0.999
    # another indicator with other years of data: the same x axis and legend, so the same kept image,
    # still drawn as a whole figure
    charging = w._draw("Kiruna", last, 0, "Medianregression (LAD)", charts=charts)
    assert len(live._backgrounds) == 1
    live.invalidate()
    assert (_pixels(charging) == _pixels(live.png())).all(axis=-1).mean() > 0.999
    charts.clear()


def test_explorer_tables_match_the_lesson_functions():
    card, summary, adopted = report.explorer_tables("Luleå", 0.35, "least_squares", 2023)
    assert card.equals(report.scorecard_sv(report.scorecard("Luleå", 0.35, "least_squares", 2023)))
    assert summary == report.council_summary("Luleå", 0.35, "least_squares")
    assert adopted.equals(report.adopted_scorecard("Luleå", tolerance=0.35, method="least_squares",
                                                   until=2023).drop(columns="status"))
