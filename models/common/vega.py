"""Interactive charts on the static site: Vega-Lite specs with inline data, no kernel, no CDN.

The published site has no Python. A lesson's *Utforska själv* therefore gets, besides the
live ipywidgets explorer, a **static-site chart**: the models run at build time over the
lesson's grid (14 kommuner × the control values that matter), the result goes inline into
a Vega-Lite spec whose controls are bound parameters, and the browser redraws the chart
and the key numbers when the reader moves a control. The site serves ``vega``,
``vega-lite`` and ``vega-embed`` itself (pinned in ``package-lock.json``, copied by
``scripts/build_book.py``, loaded on every page by ``_config.yml``), and
``book/_static/stratus-charts.js`` embeds every chart on the page.

This module holds the output (:func:`chart`, :class:`Chart`, :func:`fallback_png`), the
Swedish locale and the book's chart look; the controls and expressions (:func:`select_param`,
:func:`lookup`, :class:`Key` …) live in :mod:`models.common.vega_params` and are re-exported
here, so a chart module needs only ``from models.common import vega``.

Writing a chart (``models/charts/<chapter>/<stem>.py``)
------------------------------------------------------
A chart module is thin: it takes the tidy grid from the lesson module and returns
:func:`chart`. Nothing in it computes a model result::

    import altair as alt
    from models.common import vega
    from models.lessons.strategi import mal_och_budget as lesson

    def chart() -> vega.Chart:
        grid = lesson.site_grid()        # tidy: kommun × metod × year -> t (+ key columns)
        keys_table = grid.drop_duplicates(["kommun", "metod"])
        spec = (alt.Chart(grid).mark_line()
                .transform_filter(vega.match("kommun", "metod"))
                .encode(x=alt.X("year:Q", title="År", axis=alt.Axis(format="d")),
                        y=alt.Y("t:Q", title="Ton CO₂e per år"))
                .properties(width="container", height=300)
                .to_dict())
        spec["params"] = [
            vega.kommun_param(lesson.KOMMUNER, "Luleå"),
            vega.select_param("metod", ["a", "b"], "a", "Budgetmetod", labels=["Metod A", "Metod B"]),
        ]
        keys = [vega.Key("rate", "Nödvändig minskning per år",
                         vega.lookup(keys_table, ["kommun", "metod"], "rate"), format=".1%")]
        return vega.chart(spec, name="mal-och-budget", keys=keys,
                          description="Utsläppsbanan inom budgeten för vald kommun och metod.",
                          fallback_png=lesson.pathway_png("Luleå"),   # the static twin's PNG
                          fallback_alt="Linjediagram: …")

Rules the helpers rely on:

* **The kommun control is** :func:`kommun_param` (param name ``"kommun"``). The site script
  sets it to the kommun the reader chose on an earlier page (``localStorage`` key
  ``stratus-kommun``) and keeps every chart on the page on the same kommun.
* **Controls are top-level params** with a ``bind``: :func:`select_param`,
  :func:`radio_param` (two to four choices), :func:`range_param` (give ``format`` so the
  slider's value is shown in Swedish, e.g. ``".0%"``). Set them as ``spec["params"]`` after
  ``to_dict()``. The site draws them above the chart with their Swedish labels. Param
  names are ``a-z0-9_``; JavaScript keywords (``case``, ``in`` …) are refused.
* **The title** is the spec's top-level ``title`` (text and subtitle, or ``{"expr": …}`` for
  a title that follows the controls). The page shows it above the chart, as HTML that wraps.
* **Filter the inline data** with :func:`match` (``datum["kommun"] == kommun && …``);
  numbers compare with ``==``, so a select of years works on a numeric column.
* **Continuous formula parameters** (a price, a rate, a share) need no grid: bind a
  :func:`range_param` and compute in the browser with a ``calculate`` transform that uses
  the param by name (``"datum.base_t * pow(1 - rate, datum.year - 2024)"``).
* **Key numbers** (:class:`Key`) sit next to the chart in a ``<dl>`` and follow the
  controls. Each is a Vega expression over the params: a grid value via :func:`lookup`
  (one row per combination of the params it is looked up by), or a formula
  (``"pow(1 - rate, 10)"``). The browser formats it with a d3-format string in Swedish:
  decimal comma, no-break-space thousands, real minus sign, ``" %"`` — the same strings
  :func:`~models.common.formatting.fmt_number` and ``fmt_pct`` write (``".1%"`` takes a
  fraction: 0.045 -> "4,5 %"). A missing number (``None``/NaN) shows ``missing``.
* **Inline data stays small**: aggregate before embedding; :func:`chart` refuses more
  than :data:`MAX_ROWS` rows in total (datasets plus lookup tables stay well below that).
* Prefer one (layered) view with ``width="container"``: it fits a phone screen. Put
  numbers in keys rather than in a second, concatenated view. Label years with
  ``axis=alt.Axis(format="d")`` (else "2 030").
* ``fallback_png`` (the lesson's static figure for the default controls) is shown when
  JavaScript is off or the chart cannot be drawn, in print and in JupyterLab;
  ``fallback_alt`` is its alt text. ``description`` is the chart's accessible name and,
  unless ``caption`` is given, its caption.

In the lesson page: one cell tagged ``remove-input`` in *Utforska själv* whose last line is
the chart module's ``chart()``. The output is plain HTML: a ``figure.stratus-chart`` with
``id="stratus-chart-<name>"`` holding the spec as JSON (``<``, ``>`` and ``&`` escaped, so
``</script>`` in a label cannot end it), the embedding options (SVG renderer, no action
menu, Swedish number and date locale), the controls' container, the key numbers, the
fallback image and the caption.

Testing a chart in the browser (``tests/site/``)
-----------------------------------------------
``book/_static/stratus-charts.js`` sets ``data-state="ready"`` on the figure once drawn
(``"error"`` if not, with a console error), keeps ``window.stratusCharts`` (``{name, view,
figure}`` per chart) and the promise ``window.stratusChartsReady``. The controls are plain
``select[name=<param>]`` / ``input[name=<param>]`` elements; each key number is
``dd[data-key=<name>]`` with the shown text and the raw number in ``data-value``. After
moving a control, wait for ``window.stratusChartsIdle()`` (every chart redrawn, including
the other charts that follow the kommun) before reading. See
``tests/site/test_charts.py`` for the pattern.
"""
from __future__ import annotations

import base64
import html
import io
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from models.common import checks
from models.common import downloads
from models.common.formatting import MINUS, NBSP
from models.common.plotting import MUTED, OKABE_ITO
from models.common.vega_params import _FORMAT, _json_value, _safe_json, _text
# The controls and expressions, re-exported: lessons import everything from here.
from models.common.vega_params import (  # noqa: F401
    KOMMUN_PARAM, MAX_ROWS, RESERVED, Key, js_key, kommun_param, lookup, lookup_param, mapping, match,
    radio_param, range_param, select_param,
)

# d3-format locale for sv-SE as the book writes numbers (Språkrådet, Svenska skrivregler,
# 2017; see models.common.formatting): "1 234,5", "−4", "45,0 %", "1 200 kr".
NUMBER_LOCALE = {
    "decimal": ",",
    "thousands": NBSP,
    "grouping": [3],
    "currency": ["", f"{NBSP}kr"],
    "minus": MINUS,
    "percent": f"{NBSP}%",
    "nan": "–",
}
# d3-time-format locale for sv-SE (month and day names for time axes).
TIME_LOCALE = {
    "dateTime": "%A %e %B %Y %X",
    "date": "%Y-%m-%d",
    "time": "%H:%M:%S",
    "periods": ["fm", "em"],
    "days": ["söndag", "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag"],
    "shortDays": ["sön", "mån", "tis", "ons", "tor", "fre", "lör"],
    "months": ["januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
               "september", "oktober", "november", "december"],
    "shortMonths": ["jan", "feb", "mars", "apr", "maj", "juni", "juli", "aug", "sep", "okt",
                    "nov", "dec"],
}
EMBED_OPTIONS = {
    "mode": "vega-lite",
    "renderer": "svg",
    "actions": False,
    "formatLocale": NUMBER_LOCALE,
    "timeFormatLocale": TIME_LOCALE,
}
# The book's look (models.common.plotting): Okabe–Ito colours, light grid, the page font.
CONFIG = {
    # The theme's font stack, named in full: Vega measures labels with it to lay the chart
    # out ("inherit" would be measured as another font and long labels cut off).
    "font": 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", '
            '"Liberation Sans", Arial, sans-serif',
    "range": {"category": [OKABE_ITO[c] for c in ("blue", "orange", "bluish_green", "vermillion",
                                                  "reddish_purple", "sky_blue", "yellow", "black")]},
    "axis": {"labelFontSize": 12, "titleFontSize": 12, "gridColor": "#DDDDDD"},
    # Legends under the chart, one entry per row and one legend under the other, labels no
    # wider than the plot: a row of entries wider than the plot is cut off at the chart's edge
    # (Vega's fit layout does not make room for it), on a phone most of all.
    "legend": {"labelFontSize": 12, "titleFontSize": 12, "orient": "bottom", "columns": 1,
               "labelLimit": {"expr": "max(80, width - 80)"},
               "layout": {"bottom": {"direction": "vertical", "anchor": "start"}}},
    "view": {"stroke": None},
    "mark": {"color": OKABE_ITO["blue"]},
    "rule": {"color": MUTED},
}

# The param that holds a title written as an expression (see _heading).
TITLE_PARAM = "chart_title"

_CHART_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")


# --- the output ---------------------------------------------------------------------------


def fallback_png(figure, dpi: int = 60) -> bytes:
    """A matplotlib figure as a small PNG for :func:`chart`'s fallback (and close it).

    Lower resolution than the lesson's own figure: it is shown only without JavaScript, in
    print and in JupyterLab, and travels inside the page."""
    checks.instance(figure, Figure, "figure", "en matplotlib-figur")
    dpi = checks.number(dpi, "dpi", "upplösning i punkter per tum", low=10, high=600)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def _plain(value):
    """A deep copy of a spec with only JSON values (NaN/inf -> None, numpy -> Python)."""
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return _json_value(value)


def _rows(spec) -> int:
    """Inline data rows anywhere in a spec (``datasets`` and ``data.values``)."""
    count = 0
    if isinstance(spec, Mapping):
        for key, value in spec.items():
            if key == "datasets" and isinstance(value, Mapping):
                count += sum(len(v) for v in value.values() if isinstance(v, list))
            elif key == "values" and isinstance(value, list):
                count += len(value)
            else:
                count += _rows(value)
    elif isinstance(spec, list):
        count += sum(_rows(item) for item in spec)
    return count


def _lines(text, what: str) -> str:
    if isinstance(text, (list, tuple)):
        text = " ".join(str(line) for line in text)
    if not isinstance(text, str):
        raise TypeError(f"{what} måste vara en text, fick {type(text).__name__}.")
    return " ".join(text.split())


def _heading(spec: dict) -> tuple[str, str, str | None]:
    """Take the spec's top-level title out: (title, subtitle, title expression or None).

    The page shows the title and subtitle as HTML above the chart, where they wrap to any
    screen. Inside the SVG a long title is cut off, and Vega's fit layout, which counts the
    title's width but cannot wrap it, narrows the plot a little more at every redraw. A title
    written as an expression (``{"expr": "kommun + ': …'"}``) becomes the param
    :data:`TITLE_PARAM`, whose value the site script writes into the heading."""
    title = spec.pop("title", None)
    if title is None:
        return "", "", None
    if not isinstance(title, Mapping):
        title = {"text": title}
    text, expr = title.get("text", ""), None
    if isinstance(text, Mapping):
        if not isinstance(text.get("expr"), str):
            raise ValueError(f"Diagrammets rubrik måste vara en text eller {{'expr': ...}}, fick {text!r}.")
        text, expr = "", text["expr"]
    return _lines(text, "Diagrammets rubrik"), _lines(title.get("subtitle", ""), "Underrubriken"), expr


def _param_names(spec) -> set[str]:
    names = set()
    if isinstance(spec, Mapping):
        for param in spec.get("params", []) or []:
            if isinstance(param, Mapping) and "name" in param:
                names.add(param["name"])
        for key in ("layer", "hconcat", "vconcat", "concat"):
            for sub in spec.get(key, []) or []:
                names |= _param_names(sub)
        if isinstance(spec.get("spec"), Mapping):
            names |= _param_names(spec["spec"])
    return names


@dataclass(frozen=True)
class Chart:
    """A static-site chart: ``html`` is what the page shows (also its ``_repr_html_``)."""

    name: str
    spec: dict = field(repr=False)
    html: str = field(repr=False)

    def _repr_html_(self) -> str:
        return self.html

    @property
    def key_names(self) -> tuple[str, ...]:
        return tuple(k["name"][4:] for k in self.spec.get("params", [])
                     if k.get("name", "").startswith("key_") and not k["name"].endswith("_text"))


def chart(spec, *, name: str, description: str, fallback_png: bytes, fallback_alt: str,
          keys: Iterable[Key] = (), caption: str | None = None, keys_title: str = "Nyckeltal") -> Chart:
    """The HTML output that the site script turns into an interactive chart.

    spec
        Vega-Lite spec as a dict (``altair_chart.to_dict()`` or written by hand), or an
        Altair chart. Its params hold the controls; its data is inline.
    name
        Id of the chart on its page (``a-z0-9-``), e.g. ``"mal-och-budget"``: the figure
        gets ``id="stratus-chart-<name>"``.
    description
        One or two Swedish sentences on what the chart shows; read by screen readers (the
        SVG's ``aria-label``) and shown as the caption unless ``caption`` is given.
    fallback_png, fallback_alt
        The static figure (PNG bytes) and its alt text, shown without JavaScript, in print
        and in the live notebook.
    keys
        :class:`Key` numbers shown next to the chart.

    The spec's title and subtitle are shown above the chart as HTML (see :func:`_heading`).
    """
    if hasattr(spec, "to_dict") and not isinstance(spec, Mapping):
        spec = spec.to_dict()
    if not isinstance(spec, Mapping):
        raise TypeError(f"spec måste vara en Vega-Lite-specifikation (dict), fick {type(spec).__name__}.")
    if not isinstance(name, str) or not _CHART_NAME.match(name):
        raise ValueError(f"Diagrammets namn måste bestå av a–z, 0–9 och -, fick {name!r}.")
    description = _text(description, "Beskrivningen")
    fallback_alt = _text(fallback_alt, "Alt-texten")
    if not isinstance(fallback_png, (bytes, bytearray)) or not bytes(fallback_png).startswith(b"\x89PNG"):
        raise ValueError("fallback_png måste vara en PNG-bild (bytes), t.ex. från figure_png.")
    keys = list(keys)
    if any(not isinstance(k, Key) for k in keys):
        raise TypeError("keys måste vara Key-objekt.")
    if len({k.name for k in keys}) != len(keys):
        raise ValueError("Två nyckeltal har samma namn.")
    rows = _rows(spec)
    if rows > MAX_ROWS:
        raise ValueError(f"Diagrammet {name} bäddar in {rows} datarader; högst {MAX_ROWS} "
                         "(summera data innan de läggs i diagrammet).")
    spec = _plain(spec)  # a plain copy; NaN and inf (which JSON.parse refuses) become null
    existing = _param_names(spec)
    clash = [k.signal for k in keys if k.signal in existing]
    if clash:
        raise ValueError(f"Parametrarna {clash} finns redan i diagrammet.")
    title, subtitle, title_expr = _heading(spec)
    if title_expr is not None:
        if TITLE_PARAM in existing:
            raise ValueError(f"Parametern {TITLE_PARAM} finns redan i diagrammet.")
        spec.setdefault("params", []).append({"name": TITLE_PARAM, "expr": title_expr})
    spec.setdefault("description", description)
    # Fit the container, axis labels included. (Not "resize": re-fitting after every change
    # can oscillate between two widths and never settle, which hangs the page.)
    spec.setdefault("autosize", {"type": "fit", "contains": "padding"})
    params, formatted = [], []
    for param in spec.get("params", []):
        if isinstance(param, Mapping) and _FORMAT in param:
            param = dict(param)
            fmt = param.pop(_FORMAT)
            formatted.append(param["name"])
            params += [param, {"name": f"{param['name']}_text", "expr": f"format({param['name']}, '{fmt}')"}]
        else:
            params.append(param)
    spec["params"] = params + [p for k in keys for p in k.params()]
    if formatted:
        spec.setdefault("usermeta", {}).setdefault("stratus", {})["formatted"] = formatted
    config = dict(CONFIG)
    config.update(spec.get("config", {}))
    spec["config"] = config

    element_id = f"stratus-chart-{name}"
    esc = html.escape
    key_items = "".join(
        f'<div class="stratus-chart-key"><dt>{esc(k.label)}</dt>'
        f'<dd data-key="{esc(k.name)}" data-unit="{esc(k.unit)}" data-missing="{esc(k.missing)}">'
        f'{esc(k.missing)}</dd></div>'
        for k in keys)
    keys_html = (f'<dl class="stratus-chart-keys" aria-live="polite" aria-label="{esc(keys_title)}" hidden>'
                 f'{key_items}</dl>') if keys else ""
    heading = ""
    if title or subtitle or title_expr is not None:
        signal = f' data-signal="{TITLE_PARAM}"' if title_expr is not None else ""
        heading = (f'<div class="stratus-chart-heading" hidden><p class="stratus-chart-title"{signal}>{esc(title)}</p>'
                   + (f'<p class="stratus-chart-subtitle">{esc(subtitle)}</p>' if subtitle else "") + '</div>')
    png = base64.b64encode(bytes(fallback_png)).decode("ascii")
    caption_text = esc(caption.strip() if caption else description)
    markup = (
        f'<figure class="stratus-chart" id="{element_id}" data-stratus-chart="{esc(name)}" data-state="waiting">'
        f'<div class="stratus-chart-controls" hidden></div>{heading}'
        f'<div class="stratus-chart-body">'
        f'<div class="stratus-chart-view"></div>{keys_html}</div>'
        f'<img class="stratus-chart-fallback" src="data:image/png;base64,{png}" alt="{esc(fallback_alt)}">'
        f'<figcaption>{caption_text}</figcaption>'
        f'<script type="application/json" class="stratus-chart-spec">{_safe_json(spec)}</script>'
        f'<script type="application/json" class="stratus-chart-options">{_safe_json(EMBED_OPTIONS)}</script>'
        f'</figure>'
    )
    # While the book is built: links to the chart's data as CSV and Excel (models.common.downloads).
    markup += downloads.chart_links(spec, name)
    return Chart(name=name, spec=spec, html=markup)
