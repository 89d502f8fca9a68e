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


@pytest.mark.parametrize("chart", list(widget.CHARTS))
def test_the_redrawn_chart_follows_the_kommun(chart):
    """One figure per chart redrawn in place: each kommun gets its own picture, the same one on a revisit."""
    pictures = {k: widget.view(k, chart).png for k in ("Luleå", "Kiruna", "Haparanda")}
    assert len(set(pictures.values())) == 3
    assert widget.view("Kiruna", chart).png == pictures["Kiruna"]
