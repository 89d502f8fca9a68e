"""Text drawn once: an Agg canvas whose renderer keeps rendered texts, glyphs, extents and font metrics
(issue 13). Text is most of a full draw of a chart; :class:`models.common.live_figure.LiveFigure` draws
through :class:`TextCacheCanvas`. Texts sit on whole pixels (at most half a pixel from where matplotlib's
own renderer puts them). Uses matplotlib internals (``ft2font``, ``_get_font_height_metrics``) of the
pinned matplotlib 3.11.
"""
from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg, RendererAgg, get_hinting_flag
from matplotlib.font_manager import FontProperties, fontManager, get_font
from matplotlib.ft2font import RenderMode


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


class TextCacheRenderer(RendererAgg):
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
                     lambda: super(TextCacheRenderer, self).get_text_width_height_descent(s, prop, ismath))

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


class TextCacheCanvas(FigureCanvasAgg):
    """An Agg canvas whose renderer keeps rendered texts (the canvas of a live figure)."""

    def get_renderer(self):
        w, h = self.get_width_height(physical=True)
        key = w, h, self.figure.dpi
        if self._lastKey != key:
            self.renderer = TextCacheRenderer(w, h, self.figure.dpi)
            self._lastKey = key
        return self.renderer
