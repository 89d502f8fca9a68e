"""Explorer for the lesson "Åtgärdsplan och åtgärdskostnader": the learner's own measures file.

The learner uploads a measures file (or uses the book's example), picks a kommun, a discount
rate and a target year, and sees the cost curve, the measures against the gap, and can save
the table to Excel. :func:`view` never raises for a bad file: it returns the Swedish message
in ``error`` instead. All the model work is :func:`models.lessons.strategi.atgarder.measures_case`;
each chart is one live figure moved to the new curve, only its moving parts redrawn
(:class:`~models.common.live_figure.LiveCharts`), and rendered charts are cached.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import HTML, Image, Markdown, display

from models import data
from models.common import checks
from models.common.formatting import fmt_number
from models.common.live_figure import LiveCharts
from models.common.memo import Memo
from models.common.tables import text_table_html
from models.common.widgets import kommun_dropdown, opened, slug, uploaded_file
from models.data import measures_file
from models.lessons.strategi import atgarder as lesson
from models.widgets._preload import read_every_kommun

#: The two live charts per number of measures and the PNGs already drawn: every value of every control
#: for both charts (a scan of 64 would evict all).
_CHARTS = LiveCharts(256, figures=4)


@dataclass(frozen=True)
class MeasuresView:
    """Everything the explorer shows for one file and one setting of the controls."""

    kommun: str
    discount_rate: float
    target_year: int
    sequential: bool
    source: str
    gap: pd.Series | None = None
    error: str | None = None
    case: lesson.MeasuresCase | None = None
    table: pd.DataFrame | None = None
    summary: pd.DataFrame | None = None
    macc_png: bytes | None = field(default=None, repr=False)
    coverage_png: bytes | None = field(default=None, repr=False)

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.case.warnings if self.case else ()

    @property
    def curve(self) -> pd.DataFrame | None:
        return self.case.curve if self.case else None

    @property
    def coverage(self) -> pd.DataFrame | None:
        return self.case.coverage if self.case else None


def view(kommun: str = "Luleå", discount_rate_pct: float = lesson.DEFAULT_RATE_PCT,
         target_year: int = lesson.DEFAULT_TARGET_YEAR, sequential: bool = True,
         upload: tuple[str, bytes] | None = None, draw: bool = True) -> MeasuresView:
    """The cost curve, the gap and the charts for one setting of the controls.

    Parameters
    ----------
    kommun : str
        Name or SCB code; gives the gap and the sector emissions.
    discount_rate_pct : float
        Discount rate [% per year], 0–10.
    target_year : int
        Target year of the gap, from the year after the latest data to 2045.
    sequential : bool
        Apply the measures in sequence (interactions) instead of one by one.
    upload : (file name, bytes), optional
        The learner's file; ``None`` uses the book's example file.
    draw : bool
        Render the two charts (PNG bytes); ``False`` for the model part only.
    """
    name = data.kommun_name(kommun)
    rate = lesson.discount_rate(discount_rate_pct)
    year = lesson.target_year(target_year)
    sequential = checks.flag(sequential, "sequential", "räkna åtgärderna i tur och ordning")
    draw = checks.flag(draw, "draw", "rita diagrammen")
    if upload is not None and not (isinstance(upload, tuple) and len(upload) == 2 and isinstance(upload[0], str)
                                   and isinstance(upload[1], (bytes, bytearray))):
        raise checks.WrongType(f"upload måste vara (filnamn, innehåll i bytes) eller None, fick {checks.show(upload)}.")
    source = lesson.EXAMPLE_SOURCE if upload is None else f'filen "{upload[0]}"'
    base = dict(kommun=name, discount_rate=rate, target_year=year, sequential=sequential, source=source)
    try:
        measures = None if upload is None else _read_upload(str(upload[0]), bytes(upload[1]))
    except ValueError as error:
        return MeasuresView(**base, error=str(error))
    case = lesson.measures_case(name, measures, discount_rate_pct, year, sequential, source)
    macc_png = coverage_png = None
    key = (_digest(upload), rate, bool(sequential), name if sequential else None)     # what fixes the curve
    if draw:
        title = _title(name, rate, sequential)
        # axes kept for every kommun and rate (the cost curve) and every year and rate (the coverage of a
        # kommun's gap): an update then draws only the charts' moving parts
        limits, x_max = lesson.macc_limits(measures), lesson.coverage_limit(name, measures)
        macc_png = _CHARTS.png(("macc",) + key, ("macc", len(case.curve)),
                               lambda: lesson.macc_chart(case.curve, title, limits),
                               lambda chart: chart.update(case.curve, title, limits))
        coverage_png = _CHARTS.png(("coverage", year, name) + key, ("coverage", len(case.coverage)),
                                   lambda: lesson.coverage_chart(case.coverage, case.gap, x_max),
                                   lambda chart: chart.update(case.coverage, case.gap, x_max))
    return MeasuresView(**base, gap=case.gap, case=case, table=_macc_table(key, case.curve),
                        summary=lesson.coverage_table(case.coverage, case.gap), macc_png=macc_png,
                        coverage_png=coverage_png)


def export_view(view: MeasuresView, path) -> Path:
    """Save the view's cost curve and gap to an Excel file (see :func:`models.lessons.strategi.atgarder.export_case`)."""
    if view.case is None:
        raise ValueError("Det finns ingen åtgärdskostnadskurva att spara: rätta först felet i åtgärdsfilen.")
    return lesson.export_case(path, view.case)


def explorer(kommun: str = "Luleå") -> widgets.VBox:
    """Upload, kommun, discount rate, target year and interaction controls above the results."""
    upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description="Ladda upp din åtgärdsfil",
                                layout=widgets.Layout(width="260px"))
    example = widgets.Button(description="Använd exempelfilen", layout=widgets.Layout(width="200px"))
    choice = kommun_dropdown(data.KOMMUNER, data.kommun_name(kommun))
    rate = widgets.FloatSlider(value=lesson.DEFAULT_RATE_PCT, min=lesson.RATE_MIN_PCT, max=lesson.RATE_MAX_PCT, step=lesson.RATE_STEP_PCT,
                               description="Kalkylränta (%)", readout_format=".1f",
                               style={"description_width": "initial"}, continuous_update=False)
    year = widgets.IntSlider(value=lesson.DEFAULT_TARGET_YEAR, min=lesson.first_target_year(), max=lesson.LAST_TARGET_YEAR,
                             description="Målår", continuous_update=False)
    sequential = widgets.Checkbox(value=True, description="Räkna åtgärderna i tur och ordning (samverkan)",
                                  indent=False)
    save = widgets.Button(description="Spara som Excel", icon="download")
    output = widgets.Output()
    state = {"file": None, "view": None}
    # every kommun's cost curve, gap and chart scale with the example file at the opening choices, made now:
    # the first change of kommun then only draws
    read_every_kommun(lambda name: (view(name, rate.value, year.value, sequential.value, draw=False),
                                    lesson.coverage_limit(name, None)))

    def render(change=None) -> None:
        current = view(choice.value, rate.value, year.value, sequential.value, state["file"])
        state["view"] = current
        with output:
            output.clear_output(wait=True)
            show(current)

    def uploaded(change) -> None:
        state["file"] = uploaded_file(upload.value)
        render()

    def use_example(button=None) -> None:
        state["file"] = None
        render()

    def save_excel(button=None) -> None:
        current = state["view"]
        with output:
            try:
                target = export_view(current, Path.cwd() / f"atgardskostnader_{slug(current.kommun)}.xlsx")
                display(Markdown(f"Sparat: `{target}` (i samma mapp som lektionen)."))
            except (ValueError, OSError) as error:
                display(Markdown(f"**Kunde inte spara:** {error}"))

    upload.observe(uploaded, names="value")
    example.on_click(use_example)
    save.on_click(save_excel)
    for control in (choice, rate, year, sequential):
        control.observe(render, names="value")
    render()
    return opened(widgets.VBox([widgets.HBox([upload, example]), widgets.HBox([choice, year]), rate, sequential,
                                save, output]))


def show(view: MeasuresView) -> None:
    """Display a view in the notebook (message, key figures, charts, table)."""
    if view.error:
        display(Markdown(f"**Filen kunde inte läsas.** {view.error}"))
        return
    display(Markdown(f"Åtgärder från {view.source}, kalkylränta {fmt_number(view.discount_rate * 100, 1)} %"))
    for warning in view.warnings:
        display(Markdown(f"*Obs:* {warning}"))
    display(HTML(text_table_html(view.summary, index=True)))
    if view.macc_png:
        display(Image(view.macc_png))
    if view.coverage_png:
        display(Image(view.coverage_png))
    display(HTML(text_table_html(view.table, index=True)))


# ----------------------------------------------------------------------------- helpers
@lru_cache(maxsize=8)
def _read_upload(name: str, content: bytes) -> pd.DataFrame:
    """A parsed upload, kept while the learner moves the sliders (a bad file raises each time)."""
    return measures_file.read_measures(content, name)


#: The Swedish cost-curve tables by curve (see ``key`` in :func:`view`), least recently used first out.
_TABLES = Memo(256)


def _macc_table(key: tuple, curve: pd.DataFrame) -> pd.DataFrame:
    """:func:`lesson.macc_table` of ``curve``, kept under ``key`` (a slider that does not move the curve reuses
    it); a copy, so a caller that changes its view's table changes no other view."""
    return _TABLES.get(key, lambda: lesson.macc_table(curve)).copy()


def _title(kommun: str, rate: float, sequential: bool) -> tuple[str, ...]:
    """The cost curve's title in pieces: the kommun and the rate apart, so a new one lays out only its own piece."""
    rate_text = f"{fmt_number(rate * 100, 1)} %"
    if sequential:
        return "Åtgärdskostnadskurva (i tur och ordning, sektorsutsläpp ", kommun, "), kalkylränta ", rate_text
    return "Åtgärdskostnadskurva (var för sig), kalkylränta ", rate_text


def _digest(upload) -> str:
    if upload is None:
        return "example:{}:{}".format(*measures_file.template_version())
    return hashlib.sha1(upload[0].encode() + b"\0" + upload[1]).hexdigest()
