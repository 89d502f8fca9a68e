"""Live figures for the chapter's explorers: lay a figure out once, then redraw only what changes.

:class:`models.common.plotting.FigureRenderer` already lays a figure out once and reuses its tight
bounding box; a redraw still draws every text (tick labels, legend, titles), which costs 100–300 ms
for the chapter's figures. :class:`LiveFigure` goes one step further (blitting, as matplotlib's
animations do): the figure is drawn once without its *dynamic* artists (bars, lines and texts the
update changes), that image is kept, and each update restores it and draws only the dynamic
artists on top before encoding the PNG. When an axis' limits change (new ticks) or the set of
dynamic artists changes, the kept image is drawn again.

A chart class in a lesson module builds the figure and lists its dynamic artists; the lesson's
``*_figure`` function uses the same class for the notebook's static figure.
"""
from __future__ import annotations

import math
import struct
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.artist import Artist
from matplotlib.backends.backend_agg import FigureCanvasAgg

from models.common import checks
from models.common.plotting import FigureRenderer


class LiveFigure(FigureRenderer):
    """A :class:`FigureRenderer` that draws only its ``dynamic`` artists on each update."""

    def __init__(self, figure, dynamic=()):
        super().__init__(figure)
        # out of pyplot's hands: a notebook's inline backend must not show it, plt.close("all") must not break it
        plt.close(figure)
        FigureCanvasAgg(figure)
        self.dynamic: list[Artist] = []
        self._crop = None
        self._background = None
        self._limits = None
        self.set_dynamic(dynamic)

    def set_dynamic(self, artists) -> None:
        """The artists an update changes (new artists, e.g. a rebuilt legend, need a new call)."""
        artists = list(artists)
        if not all(isinstance(a, Artist) for a in artists):
            raise checks.WrongType("dynamic måste vara en lista med matplotlib-objekt (staplar, linjer, texter).")
        if [id(a) for a in artists] != [id(a) for a in self.dynamic]:
            for artist in self.dynamic:
                artist.set_animated(False)
            self.dynamic = artists
            self._background = None

    def invalidate(self) -> None:
        """Draw the whole figure again on the next :meth:`png` (e.g. after changing a static artist)."""
        self._background = None

    @staticmethod
    def nice_limit(value: float) -> float:
        """The smallest of 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8 or 10 × 10^k that is ≥ ``value`` (> 0): an axis
        limit that changes only in steps, so a slider move seldom needs new tick labels."""
        x = checks.number(value, "value", "axelgräns")
        if x <= 0:
            return 1.0
        scale = 10.0 ** math.floor(math.log10(x))
        return next(m * scale for m in (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10) if m * scale >= x * (1 - 1e-12))

    @staticmethod
    def steady_limit(current: float, needed: float, shrink: float = 0.35, headroom: float = 1.25) -> float:
        """An upper axis limit for data up to ``needed``: ``current`` while the data fit and fill at least
        ``shrink`` of it, else :meth:`nice_limit` of ``needed`` × ``headroom`` when growing (+5 % when
        shrinking). A slider sweep then changes the axis (and redraws the ticks) only now and then, and
        the learner's scale does not jump at every step."""
        top = checks.number(needed, "needed", "största värde i diagrammet")
        now = checks.number(current, "current", "nuvarande axelgräns")
        if 0 < top <= now and top >= shrink * now:
            return now
        return LiveFigure.nice_limit((headroom if top > now else 1.05) * top)

    def _axes_limits(self) -> tuple:
        return tuple((ax.get_xlim(), ax.get_ylim()) for ax in self.figure.axes)

    def png(self) -> bytes:
        """The figure as it stands now, as PNG bytes (the figure stays open for the next update)."""
        figure = self.figure
        if not isinstance(figure.canvas, FigureCanvasAgg):      # someone closed it through pyplot after all
            FigureCanvasAgg(figure)
            self._background = None
        canvas = figure.canvas
        if self._crop is None:
            canvas.draw()                       # lay out once, with every artist in place
            box = figure.get_tightbbox(canvas.get_renderer()).padded(0.1)
            figure.set_layout_engine("none")
            width, height = canvas.get_width_height()
            dpi = figure.dpi
            self._crop = (max(0, math.floor(height - box.y1 * dpi)), min(height, math.ceil(height - box.y0 * dpi)),
                          max(0, math.floor(box.x0 * dpi)), min(width, math.ceil(box.x1 * dpi)))
        if self._background is None or self._axes_limits() != self._limits:
            for artist in self.dynamic:
                artist.set_animated(True)
            canvas.draw()
            self._background = canvas.copy_from_bbox(figure.bbox)
            self._limits = self._axes_limits()
        else:
            canvas.restore_region(self._background)
        for artist in sorted(self.dynamic, key=lambda a: a.get_zorder()):
            figure.draw_artist(artist)
        top, bottom, left, right = self._crop
        return _png_rgb(np.asarray(canvas.buffer_rgba())[top:bottom, left:right, :3])


class LiveCharts:
    """An explorer's live figures by *structure* (what fixes the figure's layout, e.g. the fleet) and the
    PNGs already drawn, by control values (bounded, least recently used first out).

    :meth:`png` returns the cached PNG for ``key``; on a miss it updates the live chart for
    ``structure`` (building it the first time) and draws only its dynamic artists.
    """

    def __init__(self, size: int = 128, figures: int = 4):
        self.size = checks.count(size, "size", "antal sparade diagram", maximum=10_000)
        self.figures = checks.count(figures, "figures", "antal levande figurer", maximum=50)
        self._pngs: OrderedDict = OrderedDict()
        self._charts: OrderedDict = OrderedDict()

    def png(self, key: Hashable, structure: Hashable, make_chart: Callable[[], object],
            update_chart: Callable[[object], None]) -> bytes:
        """The PNG for ``key``: ``make_chart()`` builds a chart (``.figure``, ``.dynamic``) for ``structure``
        the first time; later misses call ``update_chart(chart)`` and redraw."""
        if key in self._pngs:
            self._pngs.move_to_end(key)
            return self._pngs[key]
        entry = self._charts.get(structure)
        if entry is None:
            chart = make_chart()
            entry = self._charts[structure] = (chart, LiveFigure(chart.figure, chart.dynamic))
            if len(self._charts) > self.figures:
                _, (_, oldest) = self._charts.popitem(last=False)
                oldest.close()
        else:
            self._charts.move_to_end(structure)
            chart, live = entry
            update_chart(chart)
            live.set_dynamic(chart.dynamic)
        png = entry[1].png()
        self._pngs[key] = png
        if len(self._pngs) > self.size:
            self._pngs.popitem(last=False)
        return png

    def clear(self) -> None:
        """Forget the PNGs and close the live figures (the next :meth:`png` builds them again)."""
        self._pngs.clear()
        for _, live in self._charts.values():
            live.close()
        self._charts.clear()


def _png_rgb(pixels: np.ndarray) -> bytes:
    """8-bit RGB pixels (rows × columns × 3) as PNG bytes: no row filter and fast zlib (level 1), which
    encodes a chart three times faster than Pillow's adaptive filters for a slightly larger file."""
    height, width, _ = pixels.shape
    rows = np.empty((height, 1 + 3 * width), dtype=np.uint8)
    rows[:, 0] = 0                                  # filter type 0 (none) for every row
    rows[:, 1:] = pixels.reshape(height, 3 * width)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)   # 8 bits, truecolour, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows.tobytes(), 1))
            + chunk(b"IEND", b""))
