"""Live figures for the explorers: lay a figure out once, then redraw only what changes (issue 13).

:class:`models.common.plotting.FigureRenderer` lays a figure out once but still draws every text on
each redraw (100–300 ms for a chart of the book). :class:`LiveFigure` blits, as matplotlib's
animations do: the figure is drawn once without its *dynamic* artists (what an update changes), that
image is kept, and each update restores it and draws only the dynamic artists before encoding the PNG.

Kept images are stored per axis layout (limits, tick labels, axis labels, titles, labels of static
legends); an axis listed among the dynamic artists is drawn in every frame instead, so its scale can
follow the data without a full draw. The canvas is the figure's tight box (as
``savefig(bbox_inches="tight")``: a source note under the figure stays in). Text is most of a full
draw, so the canvas keeps rendered texts (:mod:`models.common.text_cache`).

A chart class in a lesson module builds the figure and lists its dynamic artists (``.figure``,
``.dynamic``, ``.update(...)``; :class:`FigureChart` wraps a lesson figure that keeps its moving
parts in a dict); the lesson's ``*_figure`` function draws the same figure for the notebook.
:class:`LiveCharts` keeps an explorer's live charts and the PNGs already drawn.
"""
from __future__ import annotations

import math
import struct
import zlib
from collections import OrderedDict
from collections.abc import Callable, Hashable

import matplotlib.pyplot as plt
import numpy as np
from matplotlib._tight_bbox import adjust_bbox
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from models.common import checks
from models.common.memo import Memo
from models.common.plotting import FigureRenderer
from models.common.text_cache import TextCacheCanvas


class LiveFigure(FigureRenderer):
    """A :class:`FigureRenderer` that draws only its ``dynamic`` artists on each update.

    The image without the dynamic artists is kept per set of axis limits (up to :attr:`BACKGROUNDS`),
    so going back to limits already drawn needs no full draw either.
    """

    BACKGROUNDS = 6           # a kept image is the whole canvas (a few MB): a handful per figure

    def __init__(self, figure, dynamic=()):
        super().__init__(figure)
        # out of pyplot's hands: a notebook's inline backend must not show it, plt.close("all") must not break it
        plt.close(figure)
        TextCacheCanvas(figure)
        self.dynamic: list[Artist] = []
        self._laid_out = False
        #: The figure without its dynamic artists, by the axes' limits (least recently used first out).
        self._backgrounds: OrderedDict = OrderedDict()
        self._drawn: set[int] = set()           # ids of the artists in the kept images
        self.set_dynamic(dynamic)

    def set_dynamic(self, artists) -> None:
        """The artists an update changes (new artists, e.g. a rebuilt legend, need a new call).

        The kept images stay valid when the new list only swaps artists no longer in the figure for
        artists drawn since (a legend built anew); otherwise they are drawn again on the next :meth:`png`.
        """
        artists = list(artists)
        if not all(isinstance(a, Artist) for a in artists):
            raise checks.WrongType("dynamic måste vara en lista med matplotlib-objekt (staplar, linjer, texter).")
        old = self.dynamic
        if [id(a) for a in artists] == [id(a) for a in old]:
            return
        for artist in old:
            artist.set_animated(False)
        if self._backgrounds:
            new_ids = {id(a) for a in artists}
            added = new_ids - {id(a) for a in old}
            left = [a for a in old if id(a) not in new_ids]
            present = {id(a) for a in self.figure.findobj()} if left else set()
            if added & self._drawn or any(id(a) in present for a in left):
                self._forget()
        self.dynamic = artists

    def _forget(self) -> None:
        self._backgrounds.clear()
        self._drawn = set()

    def invalidate(self) -> None:
        """Draw the whole figure again on the next :meth:`png` (e.g. after changing a static artist)."""
        self._forget()

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

    def _axes_state(self) -> tuple:
        """What the kept images depend on besides the static artists: each axes' limits, tick labels,
        axis labels and titles (an update may change them: a new formatter, a relabelled axis).

        An axis that is itself a dynamic artist (``ax.yaxis`` in ``dynamic``: drawn in every frame) is left
        out with its limits, so a new scale needs no full draw; every artist placed on that axis' scale
        must then be dynamic too."""
        state, moving, lengths = [], {id(a) for a in self.dynamic}, []
        for legend in self.figure.legends:
            if id(legend) not in moving:
                state.append(_legend_state(legend))
        for ax in self.figure.axes:
            legend = ax.get_legend()
            x_moves, y_moves = id(ax.xaxis) in moving, id(ax.yaxis) in moving
            state.append((None if x_moves else ax.get_xlim(), None if y_moves else ax.get_ylim(),
                          ax.get_visible(), ax.get_title("left"),
                          None if id(ax.title) in moving else ax.get_title(), ax.get_title("right"),
                          None if legend is None or id(legend) in moving else _legend_state(legend)))
            for axis in (ax.xaxis, ax.yaxis):
                if not axis.get_visible() or id(axis) in moving:
                    continue
                locs = tuple(axis.get_majorticklocs())
                labels = tuple(axis.get_major_formatter().format_ticks(locs))
                state.append((locs, labels, None if id(axis.label) in moving else axis.label.get_text()))
                lengths.append((max(map(len, labels), default=0), len(axis.label.get_text())))
        self._label_lengths = lengths
        return tuple(state)

    def _lay_out(self) -> None:
        """Lay the figure out once, with every artist in place, and crop the canvas to its tight box."""
        figure = self.figure
        self._engine = figure.get_layout_engine()
        figure.draw_without_rendering()         # the layout engine places the axes (no pixels)
        renderer = figure.canvas.get_renderer()
        box = figure.get_tightbbox(renderer).padded(0.1)
        figure.set_layout_engine("none")
        # as savefig(bbox_inches="tight") does, but for good: the canvas becomes the tight box
        # (texts outside the figure, e.g. a source note below it, stay in the picture)
        self._restore_layout = adjust_bbox(figure, box, renderer)
        self._longest = None                    # the longest tick and axis labels drawn in this layout
        self._laid_out = True
        self._forget()

    def _undo_layout(self) -> None:
        """Back to the figure as built (its size and layout engine), to be laid out again."""
        self._restore_layout()
        self.figure.set_layout_engine(self._engine)
        for artist in self.dynamic:             # as when first laid out: every artist takes part
            artist.set_animated(False)
        self._laid_out = False
        self._forget()

    def _longer_labels(self) -> bool:
        """Whether an axis now has longer tick or axis labels than any drawn in this layout (only then can an
        axes outgrow the canvas: the exact check costs 5–20 ms, too much for every new scale)."""
        now, seen = self._label_lengths, self._longest
        longer = len(now) != len(seen) or any(a > b for n, o in zip(now, seen) for a, b in zip(n, o))
        if longer and len(now) == len(seen):
            self._longest = [tuple(map(max, n, o)) for n, o in zip(now, seen)]
        return longer

    def _outgrown(self) -> bool:
        """Whether an axes, with its tick labels and axis labels as drawn now, reaches past the canvas."""
        renderer, frame = self.figure.canvas.get_renderer(), self.figure.bbox
        for ax in self.figure.axes:
            if ax.get_visible():
                box = ax.get_tightbbox(renderer)
                if box is not None and (box.x0 < frame.x0 - 1 or box.y0 < frame.y0 - 1
                                        or box.x1 > frame.x1 + 1 or box.y1 > frame.y1 + 1):
                    return True
        return False

    def png(self, _again: bool = False) -> bytes:
        """The figure as it stands now, as PNG bytes (the figure stays open for the next update)."""
        figure = self.figure
        if not isinstance(figure.canvas, TextCacheCanvas):          # someone closed it through pyplot after all
            TextCacheCanvas(figure)
            self._forget()
        canvas = figure.canvas
        if not self._laid_out:
            self._lay_out()
        limits = self._axes_state()
        if self._longest is None:
            self._longest = self._label_lengths
        background = self._backgrounds.get(limits)
        if background is None:
            for artist in self.dynamic:
                artist.set_animated(True)
            canvas.draw()
            if not _again and self._longer_labels() and self._outgrown():
                # new tick labels (a wider number, say) reach past the canvas laid out for the first values:
                # lay the figure out again for these, as a fresh drawing would be
                self._undo_layout()
                return self.png(_again=True)
            background = self._backgrounds[limits] = canvas.copy_from_bbox(figure.bbox)
            self._drawn |= {id(a) for a in figure.findobj() if not a.get_animated()}
            if len(self._backgrounds) > self.BACKGROUNDS:
                self._backgrounds.popitem(last=False)
        else:
            self._backgrounds.move_to_end(limits)
            canvas.restore_region(background)
        for artist in sorted(self.dynamic, key=lambda a: a.get_zorder()):
            figure.draw_artist(artist)
        return _png(np.asarray(canvas.buffer_rgba()))


class FigureChart:
    """A lesson's figure with its moving parts, as a chart for :class:`LiveCharts`.

    ``figure`` was built by a lesson's ``*_figure`` function, which keeps its artists in a dict
    attribute ``parts`` of the figure (lines, bars, texts …); ``update(figure, *args)`` is the lesson's
    ``update_*_figure``, which moves those artists. The dynamic artists are every artist in the parts
    (lists and bar containers included, axes excluded) and every legend, as an update may rebuild them
    or (``loc="best"``) move them; with ``moving_legends=False`` (legends at a fixed place) a legend is
    part of the kept image, drawn again when its labels change. The rest of the figure is drawn once
    per axis layout (:class:`LiveFigure`).
    """

    def __init__(self, figure, update: Callable, parts: str, moving_legends: bool = True):
        self.figure = checks.instance(figure, Figure, "figure", "en matplotlib-figur")
        self.moving_legends = checks.flag(moving_legends, "moving_legends", "legender som flyttar sig")
        if not callable(update):
            raise checks.WrongType(f"update måste vara en funktion update(figur, ...), fick {checks.show(update)}.")
        self.parts = checks.text(parts, "parts", "namnet på figurens delar", max_length=100)
        if not isinstance(getattr(figure, self.parts, None), dict):
            raise checks.WrongType(f"figuren har inga delar {checks.show(parts)}: bygg den med lektionens figurfunktion.")
        self._update = update

    @property
    def dynamic(self) -> list:
        found, seen = [], set()

        def add(value) -> None:
            if isinstance(value, (list, tuple)):
                for item in value:
                    add(item)
            elif isinstance(value, Artist) and not isinstance(value, Axes) and id(value) not in seen:
                seen.add(id(value))
                found.append(value)

        add(list(getattr(self.figure, self.parts).values()))
        if self.moving_legends:
            add([ax.get_legend() for ax in self.figure.axes if ax.get_legend() is not None])
            add(list(self.figure.legends))
        return found

    def update(self, *args) -> None:
        """Move the figure with the lesson's update function (which must accept the new values)."""
        if self._update(self.figure, *args) is False:
            raise ValueError("Figuren passar inte de nya värdena (annan uppställning): rita en ny figur.")


def _legend_state(legend) -> tuple:
    """A static legend's look: drawn again (not kept) when its labels change, e.g. a legend built anew."""
    return (legend.get_visible(), tuple(t.get_text() for t in legend.texts))


class LiveCharts:
    """An explorer's live figures by *structure* (what fixes the figure's layout, e.g. the fleet) and the
    PNGs already drawn, by control values (bounded, least recently used first out).

    :meth:`png` returns the cached PNG for ``key``; on a miss it updates the live chart for
    ``structure`` (building it the first time) and draws only its dynamic artists.
    """

    def __init__(self, size: int = 128, figures: int = 4):
        self.size = checks.count(size, "size", "antal sparade diagram", maximum=10_000)
        self.figures = checks.count(figures, "figures", "antal levande figurer", maximum=50)
        self._pngs = Memo(self.size)
        self._charts = Memo(self.figures, on_evict=lambda entry: entry[1].close())   # (chart, its LiveFigure)

    def png(self, key: Hashable, structure: Hashable, make_chart: Callable[[], object],
            update_chart: Callable[[object], None]) -> bytes:
        """The PNG for ``key``: ``make_chart()`` builds a chart (``.figure``, ``.dynamic``) for ``structure``
        the first time; later misses call ``update_chart(chart)`` and redraw. ``key=None``: draw, keep no PNG."""
        if key is None:
            return self._draw(structure, make_chart, update_chart)
        return self._pngs.get(key, lambda: self._draw(structure, make_chart, update_chart))

    def _draw(self, structure: Hashable, make_chart: Callable[[], object],
              update_chart: Callable[[object], None]) -> bytes:
        kept = structure in self._charts
        chart, live = self._charts.get(structure, lambda: self._live(make_chart()))
        if kept:
            update_chart(chart)
            live.set_dynamic(chart.dynamic)
        return live.png()

    @staticmethod
    def _live(chart) -> tuple:
        return chart, LiveFigure(chart.figure, chart.dynamic)

    def clear(self) -> None:
        """Forget the PNGs and close the live figures (the next :meth:`png` builds them again)."""
        self._pngs.clear()
        self._charts.clear()


def _png(pixels: np.ndarray) -> bytes:
    """8-bit RGB or RGBA pixels (rows × columns × 3 or 4) as PNG bytes: no row filter and fast zlib
    (level 1), which encodes a chart three times faster than Pillow's adaptive filters for a slightly
    larger file. The canvas' RGBA buffer goes in as it is: dropping the alpha channel first costs more
    (a strided copy) than compressing it (an opaque figure's alpha is one value)."""
    height, width, channels = pixels.shape
    if channels not in (3, 4):
        raise ValueError(f"Bilden måste ha 3 (RGB) eller 4 (RGBA) kanaler, fick {channels}.")
    rows = np.empty((height, 1 + channels * width), dtype=np.uint8)
    rows[:, 0] = 0                                  # filter type 0 (none) for every row
    rows[:, 1:] = pixels.reshape(height, channels * width)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    colour = 2 if channels == 3 else 6              # truecolour, or truecolour with alpha
    header = struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0)   # 8 bits, no interlace
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 1))
            + chunk(b"IEND", b""))
