"""The book's figure style (models.common.plotting): Okabe–Ito colours, Swedish axes, PNG rendering."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402

from models.common import plotting  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def test_okabe_ito_colours():
    # Okabe & Ito (2008), "Color Universal Design": blue #0072B2, vermillion #D55E00
    assert plotting.MAIN.upper() == "#0072B2"
    assert plotting.ACCENT.upper() == "#D55E00"


def test_swedish_axis_uses_space_comma_and_minus_sign():
    fig, ax = plotting.new_figure()
    plotting.swedish_axis(ax.yaxis, scale=1000, decimals=1)
    formatter = ax.yaxis.get_major_formatter()
    assert formatter(-1_234_500.0, 0) == "\u22121\u00a0234,5"
    assert formatter(2500.0, 0) == "2,5"
    plt.close(fig)


def test_figure_png_renders_and_closes_the_figure():
    fig, ax = plotting.new_figure()
    ax.plot([2020, 2021], [1, 2])
    plotting.add_source(fig, "Källa: test")
    before = len(plt.get_fignums())
    png = plotting.figure_png(fig)
    assert png.startswith(PNG_MAGIC)
    assert len(plt.get_fignums()) == before - 1
    assert any(text.get_text() == "Källa: test" for text in fig.texts)


def test_figure_renderer_redraws_updated_artists_with_the_first_layout():
    import matplotlib.pyplot as plt
    from PIL import Image
    import io
    from models.common.plotting import FigureRenderer, new_figure

    fig, ax = new_figure()
    bars = ax.bar(["a", "b"], [1.0, 2.0])
    ax.set_ylim(0, 10)
    renderer = FigureRenderer(fig)
    first = renderer.png()
    bars[0].set_height(9.0)
    second = renderer.png()
    assert first != second                                   # the update is drawn
    size = lambda png: Image.open(io.BytesIO(png)).size
    assert size(first) == size(second)                       # same frame: the layout is kept
    assert plt.fignum_exists(fig.number)                     # kept open for the next update
    renderer.close()
    assert not plt.fignum_exists(fig.number)


def test_figure_renderer_refuses_what_is_not_a_figure():
    import pytest
    from models.common.plotting import FigureRenderer
    with pytest.raises(TypeError, match="matplotlib-figur"):
        FigureRenderer("diagram")


def test_boxes_path_is_every_bar_as_one_closed_box():
    from matplotlib.patches import Rectangle

    from models.common.plotting import boxes_path

    path = boxes_path([Rectangle((1.0, 2.0), 0.5, 3.0), Rectangle((4.0, 0.0), -1.0, 2.0)])
    # by hand: corners anticlockwise from (x, y), closed, five vertices per bar
    assert path.vertices.tolist() == [[1.0, 2.0], [1.5, 2.0], [1.5, 5.0], [1.0, 5.0], [1.0, 2.0],
                                      [4.0, 0.0], [3.0, 0.0], [3.0, 2.0], [4.0, 2.0], [4.0, 0.0]]
    assert path.codes.tolist() == [1, 2, 2, 2, 79] * 2       # MOVETO, LINETO ×3, CLOSEPOLY
    assert len(boxes_path([]).vertices) == 0


def test_place_ylabel_puts_the_label_where_matplotlib_would():
    # matplotlib's own placement (left of the tick labels' box, labelpad away) is the reference
    from models.common.plotting import new_figure, place_ylabel, swedish_axis

    for top in (8.0, 40_000.0):
        fig, ax = new_figure(width=5, height=3)
        fig.set_layout_engine("none")
        ax.set_position((0.2, 0.15, 0.75, 0.75))
        ax.plot([0, 1], [0, top])
        ax.set_ylim(0, top)
        ax.set_ylabel("tusen ton CO₂ per år")
        swedish_axis(ax.yaxis)
        fig.canvas.draw()
        renderer = fig.canvas.get_renderer()
        auto = ax.yaxis.label.get_window_extent(renderer)
        place_ylabel(ax)
        fig.canvas.draw()
        pinned = ax.yaxis.label.get_window_extent(renderer)
        assert abs(pinned.x1 - auto.x1) <= 1.5 and abs(pinned.y0 - auto.y0) <= 1.5
        plt.close(fig)
