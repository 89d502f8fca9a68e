"""Explorer "Solen i Norrbotten": view across every kommun and every chart."""
from __future__ import annotations

import pytest

from models import data
from models.widgets.solel import solen_i_norrbotten as widget


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_kommun(kommun):
    v = widget.view(kommun)
    assert v.kommun == kommun and v.png.startswith(b"\x89PNG")
    assert v.summary["ghi_year_kwh_m2"] > 800


@pytest.mark.parametrize("chart", list(widget.CHARTS))
def test_every_chart(chart):
    assert widget.view("Kiruna", chart).png.startswith(b"\x89PNG")


def test_bad_controls():
    with pytest.raises(ValueError, match="Diagram"):
        widget.view("Luleå", "Tårta")
    with pytest.raises(ValueError, match="Okänd kommun"):
        widget.view("Umeå")


def test_explorer_builds():
    assert widget.explorer("Pajala").children
