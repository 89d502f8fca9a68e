"""Live figures (models.common.live_figure, issue 13): a redrawn chart is the chart drawn afresh, pixel for pixel."""
import io
import math

import matplotlib
import matplotlib.ticker

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from models.common.live_figure import LiveCharts, LiveFigure, _png  # noqa: E402
from models.common.plotting import new_figure  # noqa: E402


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


@pytest.mark.parametrize("value, expected", [(1.0, 1.0), (1.01, 1.25), (7.0, 8.0), (0.09, 0.1), (310.0, 400.0),
                                             (2_001.0, 2_500.0), (0.0, 1.0), (-3.0, 1.0)])
def test_nice_limit_steps(value, expected):
    assert LiveFigure.nice_limit(value) == pytest.approx(expected)


def test_steady_limit_keeps_the_axis_while_the_data_fit():
    assert LiveFigure.steady_limit(100.0, 80.0) == 100.0          # fits, fills 80 %
    assert LiveFigure.steady_limit(100.0, 36.0) == 100.0          # fills 36 % ≥ 35 %
    assert LiveFigure.steady_limit(100.0, 20.0) == 25.0           # shrinks: 20 × 1.05 = 21 -> 25
    assert LiveFigure.steady_limit(100.0, 130.0) == 200.0         # grows with headroom: 130 × 1.25 = 162.5 -> 200
    with pytest.raises(ValueError, match="ändligt"):
        LiveFigure.steady_limit(100.0, math.nan)


def test_png_encoder_round_trips():
    rng = np.random.default_rng(0)
    image = rng.integers(0, 256, (7, 5, 4), dtype=np.uint8)
    assert (pixels(_png(image[:, :, :3])) == image[:, :, :3]).all()
    decoded = np.asarray(Image.open(io.BytesIO(_png(image))))
    assert decoded.shape == (7, 5, 4) and (decoded == image).all()
    with pytest.raises(ValueError, match="kanaler"):
        _png(image[:, :, :2])


class _LineChart:
    """A minimal chart: one line (dynamic) on fixed axes."""

    def __init__(self, slope: float):
        self.figure, self.ax = new_figure(width=4, height=3)
        self.ax.set_xlim(0, 10)
        self.ax.set_ylim(0, 30)
        self.line, = self.ax.plot([], [], color="black")
        self.update(slope)

    @property
    def dynamic(self) -> list:
        return [self.line]

    def update(self, slope: float) -> None:
        x = np.arange(11.0)
        self.line.set_data(x, slope * x)


def test_a_redrawn_chart_equals_the_chart_drawn_afresh():
    chart = _LineChart(1.0)
    live = LiveFigure(chart.figure, chart.dynamic)
    first = live.png()
    chart.update(2.5)
    updated = live.png()
    live.invalidate()                                      # the same figure drawn whole, without blitting
    whole = live.png()
    assert not (pixels(first) == pixels(updated)).all()
    assert (pixels(updated) == pixels(whole)).all()
    live.close()


def test_wider_tick_labels_get_a_new_layout_not_a_clipped_axis_label():
    # laid out for labels "0"–"30", then moved to a scale with labels such as "30 000 000": the y label
    # would sit left of the canvas; the figure is laid out again and shows it whole, like a fresh drawing
    def chart(top):
        figure, ax = new_figure(width=4, height=3)
        line, = ax.plot([0, 10], [0, top], color="black")
        ax.set_ylim(0, top)
        ax.set_ylabel("ton CO₂e per år")
        ax.yaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:,.0f}".replace(",", " ")))
        return figure, ax, line

    figure, ax, line = chart(30.0)
    live = LiveFigure(figure, [line])
    narrow = pixels(live.png())
    line.set_data([0, 10], [0, 3e7])
    ax.set_ylim(0, 3e7)
    wide = pixels(live.png())
    renderer = figure.canvas.get_renderer()
    label = ax.yaxis.label.get_window_extent(renderer)
    assert label.x0 >= 0 and label.x1 <= wide.shape[1]
    fresh_figure, _, fresh_line = chart(3e7)
    fresh = LiveFigure(fresh_figure, [fresh_line])
    drawn_afresh = pixels(fresh.png())
    assert drawn_afresh.shape == wide.shape and (drawn_afresh == wide).all(axis=-1).mean() > 0.999
    line.set_data([0, 10], [0, 20.0])                       # back to short labels: no new layout needed
    ax.set_ylim(0, 30.0)
    assert pixels(live.png()).shape == wide.shape
    live.close()
    fresh.close()


def test_live_figure_survives_pyplot_closing_everything():
    chart = _LineChart(1.0)
    live = LiveFigure(chart.figure, chart.dynamic)
    before = live.png()
    plt.close("all")
    chart.update(2.0)
    after = live.png()
    assert after.startswith(b"\x89PNG") and after != before
    live.close()


def test_live_figure_refuses_what_is_not_an_artist():
    chart = _LineChart(1.0)
    with pytest.raises(TypeError, match="matplotlib-objekt"):
        LiveFigure(chart.figure, [chart.line, "linje"])
    plt.close(chart.figure)


def test_live_charts_cache_by_key_and_rebuild_by_structure():
    charts, built = LiveCharts(size=2, figures=1), []

    def make():
        built.append(1)
        return _LineChart(1.0)

    a = charts.png("a", "line", make, lambda c: c.update(1.0))
    assert charts.png("a", "line", make, lambda c: 1 / 0) is a     # cached PNG: no update
    b = charts.png("b", "line", make, lambda c: c.update(2.0))
    assert len(built) == 1 and b != a
    charts.png("c", "other", make, lambda c: None)                  # a new structure builds a new chart
    assert len(built) == 2
    charts.png("d", "other", make, lambda c: c.update(3.0))
    assert len(built) == 2
    charts.png("a", "line", make, lambda c: c.update(1.0))          # "a" was evicted (size 2), "line" closed
    assert len(built) == 3
    charts.clear()
