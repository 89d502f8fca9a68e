"""Every control of every interactive explorer has a visible label (for screen readers
and for everyone else): ipywidgets draws `description` as the control's label."""
from __future__ import annotations

import importlib
import inspect
import pkgutil

import ipywidgets as widgets
import pytest

import models.widgets

EXPLORERS = sorted(
    (f"{info.name}.{name}", function)
    for info in pkgutil.iter_modules(models.widgets.__path__)
    for name, function in inspect.getmembers(importlib.import_module(f"models.widgets.{info.name}"), inspect.isfunction)
    if name.endswith("_explorer") and function.__module__ == f"models.widgets.{info.name}"
)
# Controls a person operates; containers, outputs and plain text are not controls.
CONTROLS = (widgets.ValueWidget, widgets.Button, widgets.FileUpload)
NOT_CONTROLS = (widgets.Output, widgets.HTML, widgets.HTMLMath, widgets.Label, widgets.Image)


def _controls(widget):
    if isinstance(widget, CONTROLS) and not isinstance(widget, NOT_CONTROLS):
        yield widget
    for child in getattr(widget, "children", ()):
        yield from _controls(child)


def test_explorers_are_found():
    assert "emissions.emissions_explorer" in dict(EXPLORERS)


@pytest.mark.parametrize("name, explorer", EXPLORERS, ids=[name for name, _ in EXPLORERS])
def test_every_control_is_labelled(name, explorer):
    controls = list(_controls(explorer()))
    assert controls, f"{name}: inga kontroller hittades"
    unlabelled = [type(c).__name__ for c in controls
                  if not (c.description or "").strip() and not (getattr(c, "tooltip", "") or "").strip()]
    assert unlabelled == [], f"{name}: kontroller utan etikett: {unlabelled}"
    for control in controls:
        if isinstance(control, (widgets.ToggleButtons, widgets.RadioButtons, widgets.Dropdown)):
            assert all(str(label).strip() for label in control._options_labels), f"{name}: tomt alternativ"
