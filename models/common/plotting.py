"""One look for every figure in the book: colour-blind-safe palette, Swedish number format.

Palette: Okabe & Ito (2008), "Color Universal Design", https://jfly.uni-koeln.de/color/ —
distinguishable with the common forms of colour-vision deficiency. Figures never carry
meaning by colour alone: lines also differ in style and marker, highlighted bars in hatching.
"""
from __future__ import annotations

import io

import matplotlib as mpl
import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

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
    apply_style()
    return plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **kwargs)


def swedish_axis(axis, scale: float = 1.0, decimals: int = 0) -> None:
    """Format an axis' tick labels in Swedish, dividing values by ``scale`` (e.g. 1000 for kt)."""
    axis.set_major_formatter(FuncFormatter(lambda value, _: fmt_number(value / scale, decimals)))


def figure_png(figure) -> bytes:
    """Render ``figure`` to PNG bytes (as the notebook's inline backend would) and close it.

    Widgets cache these bytes: drawing costs far more than the model behind a chart.
    """
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def add_source(fig, text: str, y: float = -0.01) -> None:
    """Write the source note under a figure (small grey text, left-aligned)."""
    fig.text(0.0, y, text, fontsize=7.5, color="#555555", ha="left", va="top")
