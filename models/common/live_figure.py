"""Live figures for the explorers: lay a figure out once, then redraw only what changes (issue 13).

:class:`models.common.plotting.FigureRenderer` lays a figure out once but still draws every text on
each redraw (100–300 ms for a chart of the book). :class:`LiveFigure` blits, as matplotlib's
animations do: the figure is drawn once without its *dynamic* artists (what an update changes), that
image is kept, and each update restores it and draws only the dynamic artists before encoding the PNG.

Kept images are stored per axis layout (limits, tick labels, axis labels, titles, labels of static
legends). The canvas is the figure's tight box (as ``savefig(bbox_inches="tight")``: a source note
under the figure stays in). Text is most of a full draw, so the renderer keeps glyph bitmaps, text
extents and font metrics; texts sit on whole pixels (≤ half a pixel from where ``savefig`` puts them).

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
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.figure import Figure
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import RenderMode

from models.common import checks
from models.common.plotting import FigureRenderer


#: Rendered texts by (string, font, angle, …): glyph bitmaps relative to the text's whole-pixel origin.
_TEXTS: OrderedDict = OrderedDict()
_TEXTS_SIZE = 4096
#: Glyph bitmaps by (font file, size, dpi, glyph, angle, sub-pixel offset, mode, hinting): (bitmap, left, top).
_GLYPHS: OrderedDict = OrderedDict()
#: Text extents (width, height, descent) [px] by (string, font, dpi, hinting).
_EXTENTS: OrderedDict = OrderedDict()
#: Font height metrics by (font, dpi).
_METRICS: OrderedDict = OrderedDict()


def _kept(cache: OrderedDict, key: tuple, make: Callable):
    """``cache[key]``, made by ``make()`` on a miss (fonts in the key copied: they can change later)."""
    value = cache.get(key)
    if value is None:
        value = cache[tuple(k.copy() if isinstance(k, FontProperties) else k for k in key)] = make()
        if len(cache) > _TEXTS_SIZE:
            cache.popitem(last=False)
    return value


class _TextCacheRenderer(RendererAgg):
    """An Agg renderer that keeps rendered texts and glyphs (matplotlib 3.11 lays out and rasterises every
    glyph on every draw, 1–3 ms per tick label): texts on whole pixels, so a string's bitmaps do not
    depend on where it is drawn."""

    def draw_text(self, gc, x, y, s, prop, angle, ismath=False, mtext=None):
        if ismath:
            return super().draw_text(gc, x, y, s, prop, angle, ismath, mtext)
        x, y = round(x), round(y)
        features = mtext.get_fontfeatures() if mtext is not None else None
        language = mtext.get_language() if mtext is not None else None
        key = (s, prop, angle, gc.get_antialiased(), get_hinting_flag(), self.dpi,
               tuple(features) if features else None, language)
        glyphs = _kept(_TEXTS, key, lambda: self._rasterise(gc, x, y, s, prop, angle, features, language))
        for buffer, dx, dy in glyphs:
            self._renderer.draw_text_image(buffer, x + dx, y + dy, 0, gc)

    def get_text_width_height_descent(self, s, prop, ismath):
        """The plain renderer's text extent, kept per (string, font, dpi) across figures (layout asks often)."""
        if ismath:
            return super().get_text_width_height_descent(s, prop, ismath)
        return _kept(_EXTENTS, (s, prop, self.dpi, get_hinting_flag()),
                     lambda: super(_TextCacheRenderer, self).get_text_width_height_descent(s, prop, ismath))

    def _get_font_height_metrics(self, prop):
        """(ascent, descent, line gap) [px] of a font, as :meth:`matplotlib.text.Text._get_layout` reads them
        from the font's tables, kept per font and size (the tables are read for every text otherwise)."""
        return _kept(_METRICS, (prop, self.dpi), lambda: self._font_tables(prop))

    def _font_tables(self, prop) -> tuple:
        font = get_font(fontManager._find_fonts_by_props(prop))
        for table_name, gap, ascent, descent in (("OS/2", "sTypoLineGap", "sTypoAscender", "sTypoDescender"),
                                                 ("hhea", "lineGap", "ascent", "descent")):
            table = font.get_sfnt_table(table_name)
            if table is not None:
                scale = prop.get_size_in_points() * self.dpi / 72 / font.get_sfnt_table("head")["unitsPerEm"]
                return table[ascent] * scale, -table[descent] * scale, table[gap] * scale
        return None, None, None

    def _rasterise(self, gc, x, y, s, prop, angle, features, language) -> list:
        """(bitmap, dx, dy) of each glyph of ``s`` drawn with its origin at the whole pixel (x, y)."""
        font = self._prepare_font(prop)
        items = font._layout(s, flags=get_hinting_flag(), features=features, language=language)
        size = prop.get_size_in_points()
        cos, sin = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        matrix = (0x10000 * np.array([[cos, -sin], [sin, cos]])).round().astype(int)
        mode = RenderMode.NORMAL if gc.get_antialiased() else RenderMode.MONO
        height = int(self.height)
        glyphs = []
        for item in items:
            face = item.ft_object
            # FreeType's origin in 1/64 pixel: whole pixels shift the bitmap, the rest (0–63) shapes it
            tx = round(0x40 * (x + item.x * cos - item.y * sin))
            ty = round(0x40 * (self.height - y + item.x * sin + item.y * cos))
            key = (face.fname, size, self.dpi, item.glyph_index, angle, tx & 63, ty & 63, mode, get_hinting_flag())
            glyph = _GLYPHS.get(key)
            if glyph is None:
                face.set_size(size, self.dpi)
                face._set_transform(matrix, [tx & 63, ty & 63])
                bitmap = face._render_glyph(item.glyph_index, get_hinting_flag(), mode)
                buffer = np.array(bitmap.buffer)
                if not gc.get_antialiased():
                    buffer *= 0xff
                glyph = _GLYPHS[key] = (buffer, bitmap.left, bitmap.top)
                if len(_GLYPHS) > 4 * _TEXTS_SIZE:
                    _GLYPHS.popitem(last=False)
            buffer, left, top = glyph
            left, top = left + (tx >> 6), top + (ty >> 6)
            glyphs.append((buffer, left - x, height - top + buffer.shape[0] - y))
        glyphs = [g for g in glyphs if g[0].size]
        if len(glyphs) < 2:
            return glyphs
        # one bitmap for the whole text (one blend instead of one per glyph; overlaps keep the darker pixel)
        left = min(dx for _, dx, _ in glyphs)
        right = max(dx + b.shape[1] for b, dx, _ in glyphs)
        top = min(dy - b.shape[0] for b, _, dy in glyphs)
        bottom = max(dy for _, _, dy in glyphs)
        merged = np.zeros((bottom - top, right - left), dtype=np.uint8)
        for b, dx, dy in glyphs:
            rows, cols = dy - b.shape[0] - top, dx - left
            view = merged[rows:rows + b.shape[0], cols:cols + b.shape[1]]
            np.maximum(view, b, out=view)
        return [(merged, left, bottom)]


class _LiveCanvas(FigureCanvasAgg):
    """The Agg canvas of a :class:`LiveFigure`: its renderer keeps rendered texts."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = _TextCacheRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer


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
        _LiveCanvas(figure)
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
        axis labels and titles (an update may change them: a new formatter, a relabelled axis)."""
        state, moving = [], {id(a) for a in self.dynamic}
        for legend in self.figure.legends:
            if id(legend) not in moving:
                state.append(_legend_state(legend))
        for ax in self.figure.axes:
            legend = ax.get_legend()
            state.append((ax.get_xlim(), ax.get_ylim(), ax.get_visible(), ax.get_title("left"),
                          None if id(ax.title) in moving else ax.get_title(), ax.get_title("right"),
                          None if legend is None or id(legend) in moving else _legend_state(legend)))
            for axis in (ax.xaxis, ax.yaxis):
                if not axis.get_visible():
                    continue
                locs = tuple(axis.get_majorticklocs())
                labels = tuple(axis.get_major_formatter().format_ticks(locs))
                state.append((locs, labels, None if id(axis.label) in moving else axis.label.get_text()))
        return tuple(state)

    def png(self) -> bytes:
        """The figure as it stands now, as PNG bytes (the figure stays open for the next update)."""
        figure = self.figure
        if not isinstance(figure.canvas, _LiveCanvas):          # someone closed it through pyplot after all
            _LiveCanvas(figure)
            self._forget()
        canvas = figure.canvas
        if not self._laid_out:
            canvas.draw()                       # lay out once, with every artist in place
            renderer = canvas.get_renderer()
            box = figure.get_tightbbox(renderer).padded(0.1)
            figure.set_layout_engine("none")
            # as savefig(bbox_inches="tight") does, but for good: the canvas becomes the tight box
            # (texts outside the figure, e.g. a source note below it, stay in the picture)
            adjust_bbox(figure, box, renderer)
            self._laid_out = True
            self._forget()
        limits = self._axes_state()
        background = self._backgrounds.get(limits)
        if background is None:
            for artist in self.dynamic:
                artist.set_animated(True)
            canvas.draw()
            background = self._backgrounds[limits] = canvas.copy_from_bbox(figure.bbox)
            self._drawn |= {id(a) for a in figure.findobj() if not a.get_animated()}
            if len(self._backgrounds) > self.BACKGROUNDS:
                self._backgrounds.popitem(last=False)
        else:
            self._backgrounds.move_to_end(limits)
            canvas.restore_region(background)
        for artist in sorted(self.dynamic, key=lambda a: a.get_zorder()):
            figure.draw_artist(artist)
        return _png_rgb(np.asarray(canvas.buffer_rgba())[:, :, :3])


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
        self._pngs: OrderedDict = OrderedDict()
        self._charts: OrderedDict = OrderedDict()

    def png(self, key: Hashable, structure: Hashable, make_chart: Callable[[], object],
            update_chart: Callable[[object], None]) -> bytes:
        """The PNG for ``key``: ``make_chart()`` builds a chart (``.figure``, ``.dynamic``) for ``structure``
        the first time; later misses call ``update_chart(chart)`` and redraw. ``key=None``: draw, keep no PNG."""
        if key is not None and key in self._pngs:
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
        if key is None:
            return png
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
