"""One figure per live chart, redrawn in place by blitting (issue 13: an update well under 100 ms).

A thin adapter from the chapter's ``update_*_figure(figure, *args) -> changed artists`` to
:class:`models.common.live_figure.LiveFigure`: the figure is laid out once; the image without the
changing artists (bars, lines, titles, legends, spines) is kept per axis layout (limits, tick
labels), and a frame restores it and draws only those artists before encoding the PNG. An axis
is drawn per frame where the update lists it (a scale that follows the data) or where matplotlib
draws its grid lines over a changing artist; else it is in the kept image. The figure is out of
pyplot (its own Agg canvas), so a notebook's
``plt.close("all")`` never closes it.
"""
from __future__ import annotations

from collections.abc import Callable

from matplotlib.axis import Axis
from matplotlib.text import Text

from models.common.live_figure import LiveFigure


def _dynamic(artists) -> list:
    """The artists drawn in every frame: those that changed, an axis the update lists (its scale follows
    the data: a new scale then costs one axis, not a whole drawing), and an axis (its grid lines) that
    matplotlib draws over a changed artist (bars under ``axes.axisbelow = "line"`` grid lines); other
    axes are drawn with their limits, in the kept image."""
    listed = [a for a in artists if a is not None and a.get_visible()]
    changed = [a for a in listed if not isinstance(a, Axis)]
    moving = [a for a in listed if isinstance(a, Axis)]
    for ax in dict.fromkeys(a.axes for a in changed if getattr(a, "axes", None) is not None):
        lowest = min(a.get_zorder() for a in changed if a.axes is ax)
        moving += [axis for axis in (ax.xaxis, ax.yaxis) if axis.get_visible() and axis.get_zorder() > lowest]
    return sorted(changed + list(dict.fromkeys(moving)), key=lambda artist: artist.get_zorder())


class _LiveFigure(LiveFigure):
    """A :class:`LiveFigure` whose kept image does not depend on the texts drawn in every frame.

    ``LiveFigure`` keys its kept images on each axes' title as well (a title is usually static); the
    chapter's titles name the orientation or the kommun and are dynamic, so without this every
    slider step would draw the whole figure again.
    """

    def _axes_state(self) -> tuple:
        moving = [(text, text.get_text()) for text in self.dynamic if isinstance(text, Text)]
        for text, _ in moving:
            text.set_text("")
        try:
            return super()._axes_state()
        finally:
            for text, value in moving:
                text.set_text(value)


class LiveChart:
    """``figure`` (made by a lesson) redrawn by ``update(figure, *args) -> changed artists``.

    ``first`` are the arguments the figure was drawn with (its first frame). A figure-level text
    (``fig.texts``, a source note) is in the kept image unless the update lists it as changed.
    """

    def __init__(self, figure, update: Callable, first: tuple):
        self.figure, self.update = figure, update
        self.live = _LiveFigure(figure, _dynamic(update(figure, *first)))

    def png(self, *args) -> bytes:
        """The figure updated for ``args``, as PNG bytes."""
        self.live.set_dynamic(_dynamic(self.update(self.figure, *args)))
        return self.live.png()

    def redraw(self) -> bytes:
        """The figure as it stands, drawn whole in matplotlib's own order (no kept image, no artist
        drawn apart): what blitting must reproduce. The next :meth:`png` blits again."""
        dynamic = self.live.dynamic
        self.live.set_dynamic([])
        self.live.invalidate()
        try:
            return self.live.png()
        finally:
            self.live.set_dynamic(dynamic)
            self.live.invalidate()
