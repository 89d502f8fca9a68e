"""Building blocks for the live explorers (``models.widgets``): one home for each.

* :func:`kommun_dropdown` – the kommun control every explorer starts with;
* :class:`PngCache` – rendered charts kept per combination of control values (drawing costs far
  more than the model behind a chart);
* :func:`uploaded_file` – (name, bytes) from an ``ipywidgets.FileUpload`` value;
* :func:`slug` – a file-name-safe kommun name for exports;
* :func:`opened` – an explorer's last step: the memory settled, so no long garbage collection
  falls in the middle of a slider step.
"""
from __future__ import annotations

import gc
from collections.abc import Callable, Hashable, Sequence

import ipywidgets as widgets
from IPython.display import Image, display

from models.common import checks
from models.common.memo import Memo
from models.common.plotting import figure_png
from models.common.tables import show

STYLE = {"description_width": "initial"}


def opened(root: widgets.Widget) -> widgets.Widget:
    """``root``, an explorer that has just opened, after one full garbage collection; every object alive
    then is left out of Python's later collections (``gc.freeze``).

    A kernel with an explorer open holds over 100 000 objects the collector tracks (120 000 for Mål och
    koldioxidbudget alone), and Python's full collection walks them all (50–120 ms on the benchmark
    machine) whenever enough new objects have piled up: in the middle of a slider step, on top of the
    update. Frozen, they are not walked;
    the objects of later updates are. Each opening first unfreezes, so garbage from before (an
    earlier explorer's closed figures) is still collected, one opening later.
    """
    if not isinstance(root, widgets.Widget):
        raise checks.WrongType(f"root måste vara utforskarens widget, fick {checks.show(root)}.")
    gc.unfreeze()
    gc.collect()
    gc.freeze()
    return root


def kommun_dropdown(kommuner: Sequence[str], value: str, description: str = "Kommun:") -> widgets.Dropdown:
    """A dropdown of the kommuner with ``value`` selected."""
    if isinstance(kommuner, (str, bytes, dict)) or not isinstance(kommuner, (list, tuple)):
        raise checks.WrongType(f"kommuner måste vara en lista med kommunnamn, fick {checks.show(kommuner)}.")
    options = [checks.text(k, "kommuner", "kommunnamn") for k in kommuner]
    if not options:
        raise ValueError("kommuner är tom: ange minst en kommun.")
    value = checks.option(value, options, "Kommun")
    description = checks.text(description, "description", "etiketten", max_length=200)
    return widgets.Dropdown(options=options, value=value, description=description, style=STYLE)


class PngCache:
    """A bounded least-recently-used cache of rendered figures (PNG bytes) by key (a :class:`Memo`)."""

    def __init__(self, size: int = 128):
        self._pngs = Memo(size)

    @property
    def size(self) -> int:
        """How many PNGs are kept at most."""
        return self._pngs.size

    def get(self, key: Hashable, make_figure: Callable[[], object]) -> bytes:
        """The PNG for ``key``; ``make_figure()`` draws it (and is closed after rendering) on a miss."""
        return self._pngs.get(key, lambda: figure_png(make_figure()))

    def clear(self) -> None:
        self._pngs.clear()


def uploaded_file(value) -> tuple[str, bytes] | None:
    """(name, bytes) of the file in a FileUpload value (ipywidgets 8 tuple or 7 dict), or None."""
    if value is None or (isinstance(value, (tuple, list, dict)) and not value):
        return None
    broken = checks.WrongType(f"Den uppladdade filen gick inte att läsa ut ur uppladdningen, fick {checks.show(value)}. "
                              "Ladda upp filen igen.")
    if isinstance(value, (tuple, list)):
        item = value[0]
    elif isinstance(value, dict):
        item = next(iter(value.values()))
    else:
        raise broken
    try:
        name, content = item["name"], item["content"]
    except (TypeError, KeyError, IndexError):
        raise broken from None
    if not isinstance(name, str) or not isinstance(content, (bytes, bytearray, memoryview)):
        raise broken
    return name, bytes(content)


def slug(name: str) -> str:
    """``"Övertorneå"`` -> ``"overtornea"``: for file names of exports."""
    name = checks.text(name, "name", "namn")
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "Å": "a", "Ä": "a", "Ö": "o", " ": "_"})
    return name.translate(table).lower()


def kommun_chart_explorer(view: Callable, kommuner: Sequence[str], charts: Sequence[str], kommun: str,
                          chart: str) -> widgets.VBox:
    """A kommun dropdown and chart buttons above ``view(kommun, chart)``'s fact box and chart.

    ``view`` returns an object with ``facts`` (a table) and ``png`` (the chart's bytes).
    """
    if not callable(view):
        raise checks.WrongType(f"view måste vara en funktion view(kommun, diagram), fick {checks.show(view)}.")
    choice = kommun_dropdown(kommuner, kommun)
    if isinstance(charts, (str, bytes, dict)) or not isinstance(charts, (list, tuple)):
        raise checks.WrongType(f"charts måste vara en lista med diagramnamn, fick {checks.show(charts)}.")
    charts = [checks.text(c, "charts", "diagrammets namn", max_length=200) for c in charts]
    chart = checks.option(chart, charts, "Diagram")
    buttons = widgets.ToggleButtons(options=list(charts), value=chart, description="Diagram:")
    output = widgets.Output()

    def render(change=None) -> None:
        current = view(choice.value, buttons.value)
        with output:
            output.clear_output(wait=True)
            display(show(current.facts))
            display(Image(current.png))

    choice.observe(render, names="value")
    buttons.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([choice]), buttons, output])
