"""Explorer "Solcellsanläggningen": view across the whole range of every control."""
from __future__ import annotations

import math

import pytest

from models import data
from models.widgets.solel import solcellsanlaggningen as widget

LOW, HIGH, STEP = widget.TILT_RANGE
A_LOW, A_HIGH, A_STEP = widget.AZIMUTH_RANGE


@pytest.mark.parametrize("tilt", range(LOW, HIGH + 1, STEP))
def test_every_tilt(tilt):
    v = widget.view("Luleå", tilt, 180, True)
    assert 300 < v.summary["yield_kwh_per_kwp"] < 1100 and math.isfinite(v.summary["snow_loss_pct"])
    assert v.png.startswith(b"\x89PNG")


@pytest.mark.parametrize("azimuth", range(A_LOW, A_HIGH + 1, A_STEP))
def test_every_azimuth(azimuth):
    v = widget.view("Luleå", 45, azimuth, False)
    assert 400 < v.summary["yield_kwh_per_kwp"] <= v.summary["optimal_yield_kwh_per_kwp"] * 1.1


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_kommun(kommun):
    v = widget.view(kommun)
    assert v.summary["share_of_optimum"] <= 1.0 + 1e-9 and v.monthly["yield_kwh_per_kwp"].min() >= 0


@pytest.mark.parametrize("kwargs, error", [
    ({"tilt": 91}, ValueError), ({"azimuth": 361}, ValueError), ({"snow": "ja"}, TypeError),
    ({"kommun": "Oslo"}, ValueError),
])
def test_bad_controls(kwargs, error):
    with pytest.raises(error):
        widget.view(**kwargs)


def test_explorer_builds():
    assert widget.explorer().children


def test_the_redrawn_chart_follows_the_controls():
    """One figure redrawn in place: each orientation and kommun gives its own picture, the same one on a revisit."""
    a, b, c = widget.view("Luleå", 20, 180).png, widget.view("Luleå", 60, 180).png, widget.view("Kiruna", 20, 180).png
    assert len({a, b, c}) == 3
    assert widget.view("Luleå", 20, 180).png == a
    assert "Övriga kommuner" in widget.view("Kiruna").source and "Övriga kommuner" not in widget.view("Luleå").source
