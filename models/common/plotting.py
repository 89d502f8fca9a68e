"""One look for every figure in the book: colour-blind-safe palette, Swedish number format.

Palette: Okabe & Ito (2008), "Color Universal Design", https://jfly.uni-koeln.de/color/ —
distinguishable with the common forms of colour-vision deficiency. Figures never carry
meaning by colour alone: lines also differ in style and marker, highlighted bars in hatching.
"""
from __future__ import annotations

import io
from functools import lru_cache

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.axes import Axes
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.patches import Rectangle
from matplotlib.path import Path
from matplotlib.textpath import text_to_path
from matplotlib.ticker import FuncFormatter

from models.common import checks
from models.common.formatting import fmt_number

OKABE_ITO = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
    "yellow": "#F0E442",
    "black": "#000000",
}
MAIN = OKABE_ITO["blue"]
ACCENT = OKABE_ITO["vermillion"]
MUTED = "#8C8C8C"

STYLE = {
    "figure.dpi": 100,
    "savefig.dpi": 100,
    "font.size": 10,
    "axes.titlesize": 11,
    "axes.titleweight": "bold",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.color": "#DDDDDD",
    "grid.linewidth": 0.6,
    "axes.prop_cycle": mpl.cycler(color=list(OKABE_ITO.values())),
    "legend.frameon": False,
}


def apply_style() -> None:
    """Set the book's matplotlib defaults (idempotent)."""
    mpl.rcParams.update(STYLE)


def new_figure(nrows: int = 1, ncols: int = 1, *, width: float = 8.0, height: float = 4.0, **kwargs):
    """A pyplot figure in the book's style; returns (fig, axes) like plt.subplots."""
    nrows = checks.count(nrows, "nrows", "antal rader med diagram", maximum=20)
    ncols = checks.count(ncols, "ncols", "antal kolumner med diagram", maximum=20)
    width = checks.number_in_range(width, 1, 50, "width", "figurens bredd", " tum")
    height = checks.number_in_range(height, 1, 50, "height", "figurens höjd", " tum")
    apply_style()
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **kwargs)


def swedish_axis(axis, scale: float = 1.0, decimals: int = 0) -> None:
    """Format an axis' tick labels in Swedish, dividing values by ``scale`` (e.g. 1000 for kt)."""
    checks.instance(axis, Axis, "axis", "en diagramaxel (t.ex. ax.yaxis)")
    scale = checks.positive(scale, "scale", "skalfaktor")
    decimals = checks.integer(decimals, "decimals", "antal decimaler", minimum=0, maximum=12)
    axis.set_major_formatter(FuncFormatter(lambda value, _: fmt_number(value / scale, decimals)))


def figure_png(figure) -> bytes:
    """Render ``figure`` to PNG bytes (as the notebook's inline backend would) and close it.

    Widgets cache these bytes: drawing costs far more than the model behind a chart.
    """
    checks.instance(figure, Figure, "figure", "en matplotlib-figur")
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


class FigureRenderer:
    """One figure rendered again and again, for a live explorer: build once, then update artists.

    Drawing a new figure (layout, tight bounding box, every text) costs several times more than
    redrawing one whose artists changed. The first :meth:`png` lays the figure out and measures
    its tight bounding box; later calls reuse both (layout engine off), so a slider move redraws
    only. Update the artists (``set_height``, ``set_ydata``, ``set_text`` ...) between calls; keep
    the axis limits fixed, or widen them in the update, as the layout is not recomputed.
    """

    def __init__(self, figure):
        self.figure = checks.instance(figure, Figure, "figure", "en matplotlib-figur")
        self._bbox = None

    def png(self) -> bytes:
        """The figure as it stands now, as PNG bytes (the figure stays open for the next update)."""
        buffer = io.BytesIO()
        if self._bbox is None:
            self.figure.savefig(buffer, format="png", bbox_inches="tight")
            renderer = self.figure.canvas.get_renderer()
            self._bbox = self.figure.get_tightbbox(renderer).padded(0.1)
            self.figure.set_layout_engine(None)
        else:
            self.figure.savefig(buffer, format="png", bbox_inches=self._bbox, pil_kwargs={"compress_level": 1})
        return buffer.getvalue()

    def close(self) -> None:
        plt.close(self.figure)


def add_source(fig, text: str, y: float = -0.01) -> None:
    """Write the source note under a figure (small grey text, left-aligned)."""
    checks.instance(fig, Figure, "fig", "en matplotlib-figur")
    text = checks.text(text, "text", "källhänvisning", max_length=2000)
    y = checks.number_in_range(y, -1, 1, "y", "position under figuren")
    fig.text(0.0, y, text, fontsize=7.5, color="#555555", ha="left", va="top")


def boxes_path(bars) -> Path:
    """Rectangles (matplotlib ``Rectangle`` bars, e.g. from ``ax.bar``) as one path of closed boxes, for one
    patch over them all: matplotlib renders a hatch anew for every patch (about 2 ms each), so a hatched
    patch over many bars costs what one bar costs. No bars: an empty path (the patch draws nothing)."""
    if not isinstance(bars, (list, tuple)):
        raise checks.WrongType(f"bars måste vara en lista med staplar (matplotlib-rektanglar), fick {checks.show(bars)}.")
    if not all(isinstance(b, Rectangle) for b in bars):
        raise checks.WrongType("bars måste vara en lista med staplar (matplotlib-rektanglar), "
                               f"fick {checks.show(next(b for b in bars if not isinstance(b, Rectangle)))}.")
    boxes = np.array([(b.get_x(), b.get_y(), b.get_width(), b.get_height()) for b in bars], dtype=float).reshape(-1, 4)
    x, y, w, h = boxes.T
    corners = np.stack([(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)], axis=1)   # 2 × 5 × bars
    codes = np.tile([Path.MOVETO, Path.LINETO, Path.LINETO, Path.LINETO, Path.CLOSEPOLY], len(boxes))
    return Path(corners.transpose(2, 1, 0).reshape(-1, 2), codes.astype(Path.code_type))


def place_ylabel(ax) -> None:
    """Pin the y label just left of the widest tick label in view, where matplotlib would put it. Call it after
    each change of the axis: a live chart that draws its y axis in every frame then need not measure the tick
    labels there (matplotlib does so for every draw of an axis whose label it places itself, ~5–10 ms)."""
    ax = checks.instance(ax, Axes, "ax", "ett diagram (matplotlib Axes)")
    axis, (low, high) = ax.yaxis, ax.get_ylim()
    locs = [x for x in axis.get_majorticklocs() if low - 1e-9 * abs(high) <= x <= high * (1 + 1e-9)]
    tick = axis.majorTicks[0]
    widest = _widest(tuple(axis.get_major_formatter().format_ticks(locs)), tick.label1.get_fontproperties().copy())
    points = tick.get_tick_padding() + tick.get_pad() + widest + axis.labelpad
    axis.set_label_coords(-points / 72 / (ax.bbox.width / ax.figure.dpi), 0.5)     # the axes' width [in] as drawn


@lru_cache(maxsize=512)
def _widest(labels: tuple, prop) -> float:
    """The widest of ``labels`` in ``prop``'s font [points]."""
    return max((text_to_path.get_text_width_height_descent(label, prop, ismath=False)[0] for label in labels),
               default=0.0)
