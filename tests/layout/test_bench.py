"""The benchmark harness of `make bench` (issue 13) reaches every explorer and every control.

Structural checks only, no timings (those belong in benchmarks/): the widget-latency harness
finds an explorer module for every ``models/widgets/<chapter>/<stem>.py``, every ipywidget in an
explorer's tree is either a control it sweeps, a control it deliberately skips (file uploads,
buttons) or a container/display widget, and each control's sweep covers its whole range
(hand-counted on widgets built here).
"""
from __future__ import annotations

import contextlib
import importlib
import importlib.util
import io
import sys
from pathlib import Path

import ipywidgets as widgets
import matplotlib
import pytest

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("widget_latency", ROOT / "benchmarks" / "widget_latency.py")
wl = importlib.util.module_from_spec(spec)
sys.modules.setdefault("widget_latency", wl)
spec.loader.exec_module(wl)

# Widgets that hold no learner input: layout containers and display-only output.
PASSIVE = (widgets.Box, widgets.Output, widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Image)
WIDGET_FILES = sorted(p for p in (ROOT / "models" / "widgets").glob("*/*.py") if not p.name.startswith("_"))


def test_every_explorer_module_is_found():
    expected = {f"models.widgets.{p.parent.name}.{p.stem}" for p in WIDGET_FILES}
    assert len(expected) >= 14
    assert set(wl.explorer_modules()) == expected


@pytest.mark.parametrize("path", WIDGET_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_control_of_the_explorer_is_swept_or_knowingly_skipped(path):
    module = importlib.import_module(f"models.widgets.{path.parent.name}.{path.stem}")
    with contextlib.redirect_stdout(io.StringIO()):
        root = module.explorer()
    found = wl.controls(root)
    assert found, "an explorer without a control the harness can sweep"
    ignored = [w for w in wl.walk(root)
               if not any(w is c for c in found) and not isinstance(w, PASSIVE + (widgets.FileUpload, widgets.Button))]
    assert ignored == [], f"widgets neither swept nor skipped: {[type(w).__name__ for w in ignored]}"
    for control in found:
        plan = wl.steps(control)
        assert plan, f"{wl.label(control)}: no values to step through"
        if isinstance(control, widgets.widget_selection._Selection):
            # every option other than the default, each once
            assert sorted(v for _, v in plan) == [i for i in range(len(control.options)) if i != control.index]
        elif hasattr(control, "min") and hasattr(control, "max"):
            values = [v for _, v in plan] + [control.value]
            assert min(values) == control.min and max(values) == control.max
    uploads = [w for w in wl.walk(root) if isinstance(w, widgets.FileUpload)]
    assert len(wl.skipped(root)) == len(uploads) + len([w for w in wl.walk(root) if isinstance(w, widgets.Button)])


def test_slider_steps_by_hand():
    # 0..100 in steps of 5, default 50: the ten-step grid 0, 10, ..., 100 without 50
    plan = wl.steps(widgets.IntSlider(min=0, max=100, step=5, value=50))
    assert [v for _, v in plan] == [0, 10, 20, 30, 40, 60, 70, 80, 90, 100]
    # 0..1.5 in 0.01 steps, default 0.457: 0, 0.15, ..., 1.5 (11 values, none equal to the default)
    plan = wl.steps(widgets.FloatSlider(min=0.0, max=1.5, step=0.01, value=0.457))
    assert [v for _, v in plan] == pytest.approx([0.0, 0.15, 0.3, 0.45, 0.6, 0.75, 0.9, 1.05, 1.2, 1.35, 1.5])
    # a step coarser than a tenth of the range: values snap to the step grid, duplicates dropped
    plan = wl.steps(widgets.IntSlider(min=1, max=4, step=1, value=1))
    assert [v for _, v in plan] == [2, 3, 4]


def test_selection_and_checkbox_steps_by_hand():
    assert wl.steps(widgets.Dropdown(options=["a", "b", "c"], value="b")) == [("index", 0), ("index", 2)]
    assert wl.steps(widgets.ToggleButtons(options=[("A", 1), ("B", 2)], value=1)) == [("index", 1)]
    assert wl.steps(widgets.Checkbox(value=True)) == [("value", False)]
    # an unbounded number: 0.5 to 1.5 times the default in ten steps
    assert [v for _, v in wl.steps(widgets.FloatText(value=2.0))] == pytest.approx(
        [1.0, 1.2, 1.4, 1.6, 1.8, 2.2, 2.4, 2.6, 2.8, 3.0])


def test_display_only_and_upload_widgets_are_not_controls():
    for widget in (widgets.HTML("x"), widgets.Label("x"), widgets.Output(), widgets.FileUpload()):
        assert not wl.is_control(widget)
    assert wl.is_control(widgets.IntSlider(disabled=True))      # another control may enable it


def test_every_part_records_how_fast_the_machine_was():
    """The same code can measure twice as slow on another day of the shared machine: each part's machine record
    carries the reference work's times, and the summary prints them."""
    spec = importlib.util.spec_from_file_location("bench_report", ROOT / "benchmarks" / "report.py")
    report = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(report)
    speed = report.speed_reference(repeats=1)
    assert set(speed) == {"python", "numpy", "matplotlib"}
    assert all(isinstance(ms, float) and ms > 0 for ms in speed.values())
    machine = {"date_utc": "2026-12-02T10:00:00+00:00", "load_average_1_5_15": [0.1, 0.2, 0.3], "cores": 2,
               "models_package": "models", "git_head": "abc", "speed_reference_ms": {"python": 17.0, "numpy": 26.5,
                                                                                     "matplotlib": 114.0}}
    head = " ".join(report._head({"machine": machine}))
    assert "Python 17,0 ms, numpy 26,5 ms, matplotlib 114 ms" in head
    assert "Referensarbetet" not in " ".join(report._head({"machine": {}}))
