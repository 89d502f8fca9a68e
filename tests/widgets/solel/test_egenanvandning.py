"""Explorer "Egenanvändning och lönsamhet": view across the whole range of every control."""
from __future__ import annotations

import math

import numpy as np
import pytest

from models import data
from models.widgets.solel import egenanvandning as widget


def _ok(v):
    c = v.case
    assert 0 <= c["self_consumption"] <= 1 and 0 <= c["self_sufficiency"] <= 1
    assert math.isfinite(c["npv_sek"]) and math.isfinite(c["lcoe_sek_per_kwh"]) and c["lcoe_sek_per_kwh"] > 0
    assert v.png.startswith(b"\x89PNG")


@pytest.mark.parametrize("profile", list(widget.lesson.PROFILE_LABELS))
def test_every_profile(profile):
    _ok(widget.view(profile=profile))


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_kommun(kommun):
    _ok(widget.view(kommun))


@pytest.mark.parametrize("name, values", [
    ("annual_kwh", widget.ANNUAL_RANGE[:2]), ("kwp", widget.KWP_RANGE[:2]),
    ("price_per_kwp", widget.PRICE_RANGE[:2]), ("spot", widget.SPOT_RANGE[:2]), ("tax_reduction", (False, True)),
])
def test_range_ends(name, values):
    for value in values:
        _ok(widget.view(**{name: value}))


def test_spot_zero_still_values_self_use():
    v = widget.view(spot=0.0)
    assert v.case["value_self_used_sek_per_kwh"] > 0


def test_with_meter_series():
    index = widget.lesson.platser.typical_year("Luleå").index
    _ok(widget.view(meter=widget.lesson.sc.check_load(np.full(8760, 30.0), index)))


@pytest.mark.parametrize("kwargs", [{"kwp": 0}, {"kwp": 400}, {"spot": -1}, {"profile": "Fabrik"},
                                    {"annual_kwh": 10}, {"price_per_kwp": 100}])
def test_bad_controls(kwargs):
    with pytest.raises(ValueError):
        widget.view(**kwargs)


def test_explorer_builds():
    assert widget.explorer().children


def test_the_redrawn_week_chart_follows_the_building():
    """One week figure redrawn in place: another size or kommun gives another picture, the same on a revisit."""
    a, b, c = (widget.view(kwp=50).png, widget.view(kwp=150).png, widget.view("Kiruna", kwp=50).png)
    assert len({a, b, c}) == 3 and widget.view(kwp=50).png == a
