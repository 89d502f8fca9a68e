"""One figure per live chart, redrawn in place by blitting (issue 13: an update well under 100 ms).

:class:`~models.common.plotting.FigureRenderer` lays the figure out once and fixes its bounding box;
then the layout engine is switched off and the canvas without the changing artists is kept as a
background. A frame calls the lesson's ``update_*_figure`` (which returns the artists it changed,
in drawing order), restores the background, draws only those artists and encodes the cropped
canvas: no new figure, no layout, no static text drawn again. The figure is taken out of pyplot
(its own Agg canvas), so a notebook's ``plt.close("all")`` never closes it.
"""
from __future__ import annotations

import io
from collections.abc import Callable

import matplotlib.pyplot as plt
import numpy as np
import PIL.Image
from matplotlib.backends.backend_agg import FigureCanvasAgg

from models.common.plotting import FigureRenderer


class LiveChart:
    """``figure`` (made by a lesson) redrawn by ``update(figure, *args) -> changed artists``.

    ``first`` are the arguments the figure was drawn with (its first frame). Figure-level texts
    (fig.texts) belong to the background: keep source notes out of a live figure.
    """

    def __init__(self, figure, update: Callable, first: tuple):
        self.figure, self.update = figure, update
        plt.close(figure)
        FigureCanvasAgg(figure)
        FigureRenderer(figure).png()                      # the layout, once
        figure.set_layout_engine(None)
        canvas = figure.canvas
        box = figure.get_tightbbox(canvas.get_renderer()).padded(0.1)
        height, dpi = figure.bbox.height, figure.dpi
        self.crop = (int(np.floor(box.x0 * dpi)), int(np.floor(height - box.y1 * dpi)),
                     int(np.ceil(box.x1 * dpi)), int(np.ceil(height - box.y0 * dpi)))
        changing = [a for a in update(figure, *first) if a.get_visible()]
        for artist in changing:
            artist.set_visible(False)
        canvas.draw()
        self.background = canvas.copy_from_bbox(figure.bbox)
        for artist in changing:
            artist.set_visible(True)

    def png(self, *args) -> bytes:
        """The figure updated for ``args``, as PNG bytes."""
        canvas = self.figure.canvas
        changing = self.update(self.figure, *args)
        canvas.restore_region(self.background)
        renderer = canvas.get_renderer()
        for artist in changing:
            artist.draw(renderer)
        pixels = np.asarray(canvas.buffer_rgba())
        x0, y0, x1, y1 = self.crop
        frame = np.full((y1 - y0, x1 - x0, 3), 255, dtype=np.uint8)     # white outside the canvas
        top, left = max(y0, 0), max(x0, 0)
        bottom, right = min(y1, pixels.shape[0]), min(x1, pixels.shape[1])
        frame[top - y0:bottom - y0, left - x0:right - x0] = pixels[top:bottom, left:right, :3]
        buffer = io.BytesIO()
        PIL.Image.fromarray(frame).save(buffer, format="png", compress_level=1)
        return buffer.getvalue()
