"""Explorer for the lesson "Åtgärdsplan och åtgärdskostnader".

The learner uploads a measures file (or keeps the book's example file), picks a kommun (whose
SMHI sector data give the gap and the sector emissions for the interaction step), a discount
rate and a target year, and sees the cost curve, the measures against the gap, and can save
the table to Excel. :func:`measures_view` does all the work and never raises for a bad file:
it returns the Swedish message in ``error`` instead. The model part takes a few milliseconds;
the two charts take a few tenths of a second to draw, so rendered PNGs are cached.
"""
from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import ipywidgets as widgets
import pandas as pd
from IPython.display import Image, Markdown, display

from models import data, emissions, macc_report, measures_file
from models.plotting import figure_png
from models.strategy import macc
from models.strategy.measures import gap_coverage, sequential_macc

EXAMPLE_SOURCE = "bokens exempelfil (illustrativa värden)"
RATE_MIN_PCT, RATE_MAX_PCT, RATE_STEP_PCT = 0.0, 10.0, 0.5
DEFAULT_RATE_PCT = 4.0
LAST_TARGET_YEAR = 2045
_CACHE_SIZE = 64


@dataclass(frozen=True)
class MeasuresView:
    """Everything the explorer shows for one file and one setting of the controls."""

    kommun: str
    discount_rate: float
    target_year: int
    sequential: bool
    source: str
    gap: pd.Series
    error: str | None = None
    warnings: tuple[str, ...] = ()
    curve: pd.DataFrame | None = None
    coverage: pd.DataFrame | None = None
    table: pd.DataFrame | None = None
    summary: pd.DataFrame | None = None
    macc_png: bytes | None = field(default=None, repr=False)
    coverage_png: bytes | None = field(default=None, repr=False)


@lru_cache(maxsize=1)
def first_target_year() -> int:
    """The first possible target year: the year after the latest SMHI data."""
    return int(emissions.total(data.COUNTY_NAME).index.max()) + 1


def measures_view(kommun: str = "Luleå", discount_rate_pct: float = DEFAULT_RATE_PCT,
                  target_year: int = macc_report.DEFAULT_TARGET_YEAR, sequential: bool = True,
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
    rate = _rate(discount_rate_pct)
    year = _target_year(target_year)
    gap = macc_report.kommun_gap(name, year)
    source = EXAMPLE_SOURCE if upload is None else f'filen "{upload[0]}"'
    base = dict(kommun=name, discount_rate=rate, target_year=year, sequential=bool(sequential), source=source,
                gap=gap)
    try:
        measures = _measures(upload)
    except ValueError as error:
        return MeasuresView(**base, error=str(error))
    warnings = []
    curve = None
    if sequential:
        try:
            curve = sequential_macc(measures, macc_report.sector_emissions(name), rate)
        except ValueError as error:
            hint = (" Exempelfilen är räknad för en kommun av Luleås storlek." if upload is None else "")
            warnings.append(f"Samverkan mellan åtgärderna kunde inte räknas för {name}: {error}{hint} "
                            "Kurvan visar i stället åtgärderna var för sig.")
    if curve is None:
        curve = macc(measures, rate)
    coverage = gap_coverage(curve, gap["gap_t_per_year"], year, macc_report.gap_sectors())
    late = curve.loc[curve["start_year"].fillna(0).astype(int) > year, "measure"].tolist()
    if late:
        warnings.append(f"Startar efter {year} och räknas inte mot gapet: {_names(late)}.")
    outside = curve.loc[~curve["sector"].isin(macc_report.gap_sectors()), "measure"].tolist()
    if outside:
        warnings.append("Ligger i sektorer som inte ingår i gapet (Industri, El och fjärrvärme) och räknas inte "
                        f"mot det: {_names(outside)}.")
    macc_png = coverage_png = None
    if draw:
        digest = _digest(upload)
        curve_key = (digest, rate, bool(sequential), name if sequential else None)
        macc_png = _cached(("macc",) + curve_key, lambda: macc_report.macc_figure(curve, _title(name, rate, sequential)))
        coverage_png = _cached(("coverage", year) + curve_key + (name,),
                               lambda: macc_report.coverage_figure(coverage, gap))
    return MeasuresView(**base, warnings=tuple(warnings), curve=curve, coverage=coverage,
                        table=macc_report.macc_table(curve), summary=macc_report.coverage_table(coverage, gap),
                        macc_png=macc_png, coverage_png=coverage_png)


def export_view(view: MeasuresView, path) -> Path:
    """Save the view's cost curve and gap to an Excel file (see :func:`macc_report.export_macc_xlsx`)."""
    if view.curve is None:
        raise ValueError("Det finns ingen åtgärdskostnadskurva att spara: rätta först felet i åtgärdsfilen.")
    return macc_report.export_macc_xlsx(path, view.curve, view.gap, view.coverage, view.discount_rate,
                                        source=view.source)


def measures_explorer(kommun: str = "Luleå") -> widgets.VBox:
    """Upload, kommun, discount rate, target year and interaction controls above the results."""
    upload = widgets.FileUpload(accept=".csv,.xlsx", multiple=False, description="Ladda upp din åtgärdsfil",
                                layout=widgets.Layout(width="260px"))
    example = widgets.Button(description="Använd exempelfilen", layout=widgets.Layout(width="200px"))
    choice = widgets.Dropdown(options=list(data.KOMMUNER), value=data.kommun_name(kommun), description="Kommun:")
    rate = widgets.FloatSlider(value=DEFAULT_RATE_PCT, min=RATE_MIN_PCT, max=RATE_MAX_PCT, step=RATE_STEP_PCT,
                               description="Kalkylränta (%)", readout_format=".1f",
                               style={"description_width": "initial"}, continuous_update=False)
    year = widgets.IntSlider(value=macc_report.DEFAULT_TARGET_YEAR, min=first_target_year(), max=LAST_TARGET_YEAR,
                             description="Målår", continuous_update=False)
    sequential = widgets.Checkbox(value=True, description="Räkna åtgärderna i tur och ordning (samverkan)",
                                  indent=False)
    save = widgets.Button(description="Spara som Excel", icon="download")
    output = widgets.Output()
    state = {"file": None, "view": None}

    def render(change=None) -> None:
        view = measures_view(choice.value, rate.value, year.value, sequential.value, state["file"])
        state["view"] = view
        with output:
            output.clear_output(wait=True)
            show(view)

    def uploaded(change) -> None:
        state["file"] = uploaded_file(upload.value)
        render()

    def use_example(button=None) -> None:
        state["file"] = None
        render()

    def save_excel(button=None) -> None:
        view = state["view"]
        with output:
            try:
                target = export_view(view, Path.cwd() / f"atgardskostnader_{_slug(view.kommun)}.xlsx")
                display(Markdown(f"Sparat: `{target}` (i samma mapp som lektionen)."))
            except (ValueError, OSError) as error:
                display(Markdown(f"**Kunde inte spara:** {error}"))

    upload.observe(uploaded, names="value")
    example.on_click(use_example)
    save.on_click(save_excel)
    for control in (choice, rate, year, sequential):
        control.observe(render, names="value")
    render()
    return widgets.VBox([widgets.HBox([upload, example]), widgets.HBox([choice, year]), rate, sequential,
                         save, output])


def show(view: MeasuresView) -> None:
    """Display a view in the notebook (message, key figures, charts, table)."""
    if view.error:
        display(Markdown(f"**Filen kunde inte läsas.** {view.error}"))
        return
    display(Markdown(f"Åtgärder från {view.source}, kalkylränta {view.discount_rate * 100:.1f} %".replace(".", ",")))
    for warning in view.warnings:
        display(Markdown(f"*Obs:* {warning}"))
    display(view.summary)
    if view.macc_png:
        display(Image(view.macc_png))
    if view.coverage_png:
        display(Image(view.coverage_png))
    display(view.table)


def uploaded_file(value) -> tuple[str, bytes] | None:
    """(name, bytes) of the file in a FileUpload value (ipywidgets 8 tuple or 7 dict)."""
    if not value:
        return None
    item = value[0] if isinstance(value, (tuple, list)) else next(iter(value.values()))
    return str(item["name"]), bytes(item["content"])


# ----------------------------------------------------------------------------- helpers
def _measures(upload) -> pd.DataFrame:
    if upload is None:
        return measures_file.template_measures()
    name, content = upload
    return _read_upload(str(name), bytes(content)).copy()


@lru_cache(maxsize=8)
def _read_upload(name: str, content: bytes) -> pd.DataFrame:
    """A parsed upload, kept while the learner moves the sliders (a bad file raises each time)."""
    return measures_file.read_measures(content, name)


def _rate(pct) -> float:
    if isinstance(pct, bool) or not isinstance(pct, (int, float)) or not RATE_MIN_PCT <= pct <= RATE_MAX_PCT:
        raise ValueError(f"Kalkylräntan måste vara mellan {RATE_MIN_PCT:g} och {RATE_MAX_PCT:g} procent, "
                         f"fick {pct!r}.")
    return float(pct) / 100.0


def _target_year(year) -> int:
    first = first_target_year()
    if isinstance(year, bool) or not isinstance(year, int) or not first <= year <= LAST_TARGET_YEAR:
        raise ValueError(f"Målåret måste vara ett år från {first} till {LAST_TARGET_YEAR}, fick {year!r}.")
    return year


def _names(names: list[str]) -> str:
    return ", ".join(f'"{n}"' for n in names)


def _title(kommun: str, rate: float, sequential: bool) -> str:
    how = f"i tur och ordning, sektorsutsläpp {kommun}" if sequential else "var för sig"
    return f"Åtgärdskostnadskurva ({how}), kalkylränta {rate * 100:.1f} %".replace(".", ",")


def _slug(name: str) -> str:
    return name.lower().replace("å", "a").replace("ä", "a").replace("ö", "o").replace(" ", "_")


def _digest(upload) -> str:
    if upload is None:
        return "example:" + hashlib.sha1(measures_file.TEMPLATE_CSV.read_bytes()).hexdigest()
    return hashlib.sha1(upload[0].encode() + b"\0" + upload[1]).hexdigest()


_PNG_CACHE: OrderedDict = OrderedDict()


def _cached(key, make_figure) -> bytes:
    if key in _PNG_CACHE:
        _PNG_CACHE.move_to_end(key)
        return _PNG_CACHE[key]
    _PNG_CACHE[key] = figure_png(make_figure())
    if len(_PNG_CACHE) > _CACHE_SIZE:
        _PNG_CACHE.popitem(last=False)
    return _PNG_CACHE[key]
