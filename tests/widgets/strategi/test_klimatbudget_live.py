"""The klimatbudget explorer's live chart when the effect slider starts at 0 %.

At 0 % the example measures cut nothing, so the result has no responsible units; the chart the
explorer keeps for every effect must still have room for the kommun's units, or moving the slider
from 0 % to any other value fails (a review found ``view(measure_pct=0)`` then ``view(measure_pct=100)``
raising in a fresh kernel). Each test starts from empty caches, as a fresh kernel does.
"""
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from models import data  # noqa: E402
from models.common.live_figure import LiveFigure  # noqa: E402
from models.lessons.strategi import klimatbudget as report  # noqa: E402
from models.widgets.strategi import klimatbudget as w  # noqa: E402

SCOPES = list(report.SCOPES)
NON_ZERO = [p for p in w.MEASURE_PCT_VALUES if p > 0]


def _fresh() -> None:
    """The widget's caches emptied: the next view builds its chart from scratch, as in a new kernel."""
    w._CHARTS.clear()
    w._example_layout.cache_clear()
    w._example_budget.cache_clear()


@pytest.fixture
def fresh():
    _fresh()
    yield
    _fresh()
    plt.close("all")


def _pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _same(a: bytes, b: bytes) -> bool:
    a, b = _pixels(a), _pixels(b)
    return a.shape == b.shape and (a == b).all(axis=-1).mean() > 0.999     # texts may shift by half a pixel


def _lesson_png(kommun: str, scope: str, pct: int) -> bytes:
    """The lesson's own figure (its units from the result, not the explorer's) drawn whole."""
    chart = report.budget_chart(report.climate_budget(kommun, scope, measure_pct=pct),
                                report.budget_limits(kommun, scope))
    live = LiveFigure(chart.figure, chart.dynamic)
    try:
        return live.png()
    finally:
        live.close()


@pytest.mark.parametrize("scope", SCOPES)
def test_the_slider_walks_from_zero_and_each_frame_is_a_freshly_drawn_chart(scope, fresh):
    steps = (0, 100, 0, 200)
    pngs = [w.view("Luleå", scope, measure_pct=p).png for p in steps]     # raised at 100 % before the fix
    assert _same(pngs[2], pngs[0])                        # back at 0 %: the chart first drawn at 0 %
    assert not _same(pngs[0], pngs[1]) and not _same(pngs[1], pngs[3])    # the bars move
    for pct, png in zip(steps[1::2], pngs[1::2]):         # at 100 % and 200 %: the lesson's figure
        assert _same(png, _lesson_png("Luleå", scope, pct))


def _state(figure) -> list:
    """What a figure shows: per axes its limits, ticks, lines, patches and texts; the figure's texts."""
    out = []
    for ax in figure.axes:
        out.append((ax.get_xlim(), ax.get_ylim(), tuple(ax.get_yticks()),
                    [line.get_xydata().tolist() for line in ax.lines],
                    [p.get_path().vertices.tolist() for p in ax.patches if p.get_visible()],
                    [[path.vertices.tolist() for path in c.get_paths()] + [c.get_offsets().tolist()]
                     for c in ax.collections],
                    [t.get_text() for t in ax.texts], ax.get_title(),
                    [t.get_text() for t in ax.get_legend().texts]))
    return out + [t.get_text() for t in figure.texts]


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_kommuns_first_view_at_zero_then_any_effect(kommun, fresh, monkeypatch):
    # the whole update path of the widget runs (layout key, chart built at 0 %, moved to the new effect);
    # only the rasterising is left out (the test above compares pixels)
    monkeypatch.setattr(LiveFigure, "png", lambda self: b"\x89PNG\r\n\x1a\n")
    version, first = data.version(), data.KOMMUNER.index(kommun) * len(SCOPES)
    for i, scope in enumerate(SCOPES):
        pct = NON_ZERO[(first + i) % len(NON_ZERO)]     # over the kommuner, every effect above 0 % for each scope
        _fresh()
        w.view(kommun, scope, measure_pct=0)
        w.view(kommun, scope, measure_pct=pct)                       # no error
        (chart, _), = w._CHARTS._charts.values()                     # one chart served both
        units, limits = w._example_layout(kommun, scope, report.PLAN_YEARS, version)
        result = report.climate_budget(kommun, scope, measure_pct=pct)
        assert units == tuple(result.by_unit.columns)             # every unit has a cut at pct > 0
        fresh_figure = report.budget_figure(result, limits)       # the lesson's figure, built anew
        assert _state(chart.figure) == _state(fresh_figure)
        plt.close(fresh_figure)
