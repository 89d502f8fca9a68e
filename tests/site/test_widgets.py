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
    (info.name.removeprefix("models.widgets."), importlib.import_module(info.name).explorer)
    for info in pkgutil.walk_packages(models.widgets.__path__, "models.widgets.")
    if not info.ispkg and hasattr(importlib.import_module(info.name), "explorer")
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
    # one explorer per lesson: 5 Strategi, 5 Transporter, 4 Solel
    found = {name.split(".")[0]: 0 for name, _ in EXPLORERS}
    for name, _ in EXPLORERS:
        found[name.split(".")[0]] += 1
    assert found == {"strategi": 5, "transporter": 5, "solel": 4}, found


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
