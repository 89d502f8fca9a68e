"""Widget latency end to end: every control of every explorer, across its range (issue 13).

For each ``models/widgets/<chapter>/<stem>.py`` the harness calls ``explorer()`` with its
defaults, walks the widget tree (``.children``, recursively) for every control with a ``.value``
(sliders, dropdowns, toggle buttons, checkboxes, int/float texts ...) and steps each control
through its range: every option of a selection, ``min..max`` in about ten steps of a slider,
both states of a checkbox. Each step is timed from setting ``.value`` (``.index`` for a
selection) to the setter returning: the explorers' observe callbacks run inside the setter, so
the time covers the model, the figure rendered to PNG bytes, the tables, and IPython's display
formatter turning each displayed object into its MIME bundle (HTML for a table, PNG for an
image), exactly as a kernel would before sending it to the browser. The browser's own paint is
not included (see ``site_charts.py`` for a browser-side measure).

Outside a kernel an ``IPython`` ``InteractiveShell`` stands in: ``display()`` inside an
``ipywidgets.Output`` goes through the shell's display formatter; a recording publisher counts
what was published (so the benchmark can check an update really produced a PNG) and drops it.
Tracebacks the explorer's ``Output`` would show are recorded as errors.

Each control is swept twice: the first sweep is what a learner waits for the first time a value
is shown (chart caches cold for that value), the second is the revisit (caches warm). Controls
skipped: ``FileUpload`` (needs a file) and buttons (exports and "use the example" actions).
"""
from __future__ import annotations

import contextlib
import importlib
import io
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

import ipywidgets as widgets
import numpy as np
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell

import models.widgets

# The explorers of the ``models`` package actually imported (the working tree's, or a copy's
# when PYTHONPATH points at one).
WIDGETS = Path(models.widgets.__file__).resolve().parent
TARGET_P95_MS = 100.0
SLIDER_STEPS = 10
# Display-only or unsupported value widgets: never stepped.
NOT_CONTROLS = (widgets.FileUpload, widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Valid,
                widgets.Image, widgets.Output, widgets.Text, widgets.Textarea, widgets.Password,
                widgets.Play, widgets.ColorPicker, widgets.DatePicker)


class RecordingPublisher(DisplayPublisher):
    """Counts published MIME bundles (and PNG bytes) instead of printing them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.bundles = 0
        self.png_bytes = 0

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kwargs):
        self.bundles += 1
        png = data.get("image/png") if isinstance(data, dict) else None
        self.png_bytes += len(png) if isinstance(png, (bytes, str)) else 0

    def clear_output(self, wait=False):
        pass


def shell() -> tuple[InteractiveShell, RecordingPublisher, list]:
    """The stand-in IPython shell, its recording publisher, and the list tracebacks are appended to."""
    ip = InteractiveShell.instance()
    if not isinstance(ip.display_pub, RecordingPublisher):
        ip.display_pub = RecordingPublisher(shell=ip)
    errors: list = []

    def record(exc_tuple=None, *args, **kwargs):
        errors.append(repr(exc_tuple[1]) if exc_tuple else "okänt fel")

    ip.showtraceback = record
    return ip, ip.display_pub, errors


def explorer_modules() -> list[str]:
    """Dotted names of every explorer module: ``models.widgets.<chapter>.<stem>``."""
    names = []
    for chapter in sorted(p for p in WIDGETS.iterdir() if (p / "__init__.py").is_file()):
        for path in sorted(chapter.glob("*.py")):
            if not path.stem.startswith("_"):
                names.append(f"models.widgets.{chapter.name}.{path.stem}")
    return names


def walk(widget):
    """Every widget below ``widget`` (depth first, ``widget`` itself excluded)."""
    for child in getattr(widget, "children", ()) or ():
        yield child
        yield from walk(child)


def is_control(widget) -> bool:
    """A learner-settable control with a ``.value`` the harness can step.

    Controls disabled at the defaults are included (another control enables them, e.g. a share
    slider that opens when its option is chosen); their records say ``disabled_at_default``."""
    return isinstance(widget, widgets.ValueWidget) and not isinstance(widget, NOT_CONTROLS)


def controls(root) -> list:
    """The steppable controls of an explorer, in display order."""
    return [w for w in walk(root) if is_control(w)]


def skipped(root) -> list[str]:
    """Labels of the controls deliberately not stepped (file uploads, buttons)."""
    return [label(w) for w in walk(root) if isinstance(w, (widgets.FileUpload, widgets.Button))]


def label(widget) -> str:
    text = getattr(widget, "description", "") or getattr(widget, "tooltip", "") or ""
    return f"{type(widget).__name__} {text.strip()!r}" if text.strip() else type(widget).__name__


def steps(widget) -> list[tuple[str, object]]:
    """The (attribute, value) settings that sweep ``widget`` across its range, default excluded."""
    if isinstance(widget, (widgets.widget_selection._Selection,)):
        return [("index", i) for i in range(len(widget.options)) if i != widget.index]
    if isinstance(widget, widgets.widget_selection._MultipleSelection):
        return [("index", (i,)) for i in range(len(widget.options)) if (i,) != tuple(widget.index)]
    if isinstance(widget, widgets.widget_bool._Bool):
        return [("value", not widget.value)]
    if hasattr(widget, "min") and hasattr(widget, "max"):
        lo, hi = widget.min, widget.max
        if isinstance(widget.value, tuple):      # range sliders: move the pair together
            width = widget.value[1] - widget.value[0]
            grid = _grid(widget, lo, hi - width)
            return [("value", (v, v + width)) for v in grid if v != widget.value[0]]
        return [("value", v) for v in _grid(widget, lo, hi) if v != widget.value]
    if isinstance(widget.value, (int, float)) and not isinstance(widget.value, bool):
        base = widget.value or 1
        values = np.linspace(0.5 * base, 1.5 * base, SLIDER_STEPS + 1)
        cast = int if isinstance(widget.value, int) else float
        return [("value", cast(round(v, 6))) for v in values if cast(round(v, 6)) != widget.value]
    return []


def _grid(widget, lo, hi) -> list:
    step = getattr(widget, "step", None) or (hi - lo) / SLIDER_STEPS
    raw = np.linspace(lo, hi, SLIDER_STEPS + 1)
    snapped = lo + np.round((raw - lo) / step) * step
    cast = int if isinstance(widget.value, int) else (lambda v: float(round(v, 10)))
    out = []
    for v in np.clip(snapped, lo, hi):
        v = cast(v)
        if v not in out:
            out.append(v)
    return out


@dataclass
class ControlResult:
    name: str
    disabled_at_default: bool = False
    first_ms: list[float] = field(default_factory=list)
    revisit_ms: list[float] = field(default_factory=list)
    first_cpu_ms: list[float] = field(default_factory=list)
    updates_with_png: int = 0
    errors: list[str] = field(default_factory=list)


@dataclass
class ExplorerResult:
    module: str
    build_ms: float
    controls: list[ControlResult]
    skipped: list[str]
    error: str | None = None


def _set(widget, attribute: str, value, publisher: RecordingPublisher) -> tuple[float, float, bool]:
    """Wall and CPU time [ms] of one setting, and whether a PNG was published during it."""
    before = publisher.png_bytes
    cpu = time.process_time()
    start = time.perf_counter()
    setattr(widget, attribute, value)
    elapsed = (time.perf_counter() - start) * 1000
    return elapsed, (time.process_time() - cpu) * 1000, publisher.png_bytes > before


def sweep(module_name: str, passes: int = 2) -> ExplorerResult:
    """Build one explorer and sweep each control across its range ``passes`` times."""
    _, publisher, errors = shell()
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink), contextlib.redirect_stderr(sink):
        module = importlib.import_module(module_name)
        start = time.perf_counter()
        try:
            root = module.explorer()
        except Exception as error:  # a broken explorer is reported, not fatal to the benchmark
            return ExplorerResult(module_name, 0.0, [], [], f"{type(error).__name__}: {error}")
        build_ms = (time.perf_counter() - start) * 1000
        results = []
        for widget in controls(root):
            result = ControlResult(label(widget), bool(getattr(widget, "disabled", False)))
            default = ("index", widget.index) if isinstance(widget, widgets.widget_selection._Selection) \
                else ("value", widget.value)
            plan = steps(widget)
            for sweep_no in range(passes):
                for attribute, value in plan:
                    errors.clear()
                    try:
                        elapsed, cpu, png = _set(widget, attribute, value, publisher)
                    except Exception as error:
                        result.errors.append(f"{attribute}={value!r}: {type(error).__name__}: {error}")
                        continue
                    result.errors.extend(f"{attribute}={value!r}: {e}" for e in errors)
                    (result.first_ms if sweep_no == 0 else result.revisit_ms).append(elapsed)
                    if sweep_no == 0:
                        result.first_cpu_ms.append(cpu)
                    result.updates_with_png += int(png and sweep_no == 0)
                try:
                    setattr(widget, *default)      # back to the default before the next control
                except Exception as error:
                    result.errors.append(f"återställning: {type(error).__name__}: {error}")
            results.append(result)
    return ExplorerResult(module_name, build_ms, results, skipped(root))


def stats(samples: list[float]) -> dict:
    """Median, p95, max and n of a list of times [ms] (None when empty)."""
    if not samples:
        return {"n": 0, "median_ms": None, "p95_ms": None, "max_ms": None}
    arr = np.asarray(samples, float)
    return {"n": len(samples), "median_ms": round(float(statistics.median(samples)), 2),
            "p95_ms": round(float(np.percentile(arr, 95)), 2), "max_ms": round(float(arr.max()), 2)}


def summarise(result: ExplorerResult) -> dict:
    """The JSON record of one explorer: per explorer and per control, first sweep and revisit."""
    first = [t for c in result.controls for t in c.first_ms]
    revisit = [t for c in result.controls for t in c.revisit_ms]
    cpu = [t for c in result.controls for t in c.first_cpu_ms]
    head = stats(first)
    failed = sum(len(c.errors) for c in result.controls)
    record = {
        "explorer": result.module, "build_ms": round(result.build_ms, 1),
        "error": result.error or (f"{failed} uppdateringar gav fel (se kontrollerna)" if failed else None),
        "failed_updates": failed,
        "first": head, "first_cpu": stats(cpu), "revisit": stats(revisit), "target_p95_ms": TARGET_P95_MS,
        "met": None if head["p95_ms"] is None or failed else head["p95_ms"] < TARGET_P95_MS,
        "skipped_controls": result.skipped,
        "controls": [],
    }
    for c in result.controls:
        s = stats(c.first_ms)
        record["controls"].append({
            "control": c.name, "disabled_at_default": c.disabled_at_default, "first": s, "first_cpu": stats(c.first_cpu_ms), "revisit": stats(c.revisit_ms),
            "updates_with_png": c.updates_with_png,
            "met": None if s["p95_ms"] is None else s["p95_ms"] < TARGET_P95_MS,
            "errors": c.errors[:5],
        })
    return record


def run(only: str | None = None, passes: int = 2, echo=print) -> dict:
    """Sweep every explorer (or those whose module name contains ``only``); the ``widgets`` part."""
    records = []
    everything, everything_cpu = [], []
    for name in explorer_modules():
        if only and only not in name:
            continue
        result = sweep(name, passes)
        record = summarise(result)
        records.append(record)
        everything += [t for c in result.controls for t in c.first_ms]
        everything_cpu += [t for c in result.controls for t in c.first_cpu_ms]
        f = record["first"]
        if record["error"] and not f["n"]:
            echo(f"  {name:<44} FEL: {record['error']}")
        else:
            echo(f"  {name:<44} p50 {_ms(f['median_ms'])}  p95 {_ms(f['p95_ms'])}  "
                 f"(CPU p95 {_ms(record['first_cpu']['p95_ms'])}, återbesök p95 {_ms(record['revisit']['p95_ms'])}, "
                 f"n {f['n']})" + (f"  FEL: {record['error']}" if record["error"] else ""))
    total = stats(everything)
    failed = [r["explorer"] for r in records if r["error"]]
    return {"models": WIDGETS.parent.name, "explorers_with_errors": failed, "target_p95_ms": TARGET_P95_MS, "all_updates_first": total, "all_updates_first_cpu": stats(everything_cpu),
            "met": None if total["p95_ms"] is None or failed else total["p95_ms"] < TARGET_P95_MS,
            "explorers": records,
            "method": "setter to return, in-process, IPython display formatter included; "
                      "first = first sweep (value not seen before), revisit = second sweep"}


def _ms(value) -> str:
    return "   –   " if value is None else f"{value:7.1f} ms"
