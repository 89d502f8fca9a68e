"""Explorer "Kartlägg solelslägen": view across the whole range of every control."""
from __future__ import annotations

import html

import numpy as np
import pytest

from models import data
from models.common.tables import text_table_html
from models.data import sites_file
from models.widgets.solel import kartlagg_solelslagen as widget


def _ok(v):
    assert sorted(v.screened["rank"]) == list(range(1, len(v.screened) + 1))
    assert np.isfinite(v.screened["npv_sek"]).all()
    assert v.png.startswith(b"\x89PNG")


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_kommun(kommun):
    _ok(widget.view(kommun))


@pytest.mark.parametrize("price", widget.PRICE_RANGE[:2])
@pytest.mark.parametrize("spot", widget.SPOT_RANGE[:2])
def test_range_ends(price, spot):
    _ok(widget.view("Luleå", price, spot))


def test_own_site_list():
    own = sites_file.template_sites().head(2)
    own["meter_file"] = ""
    v = widget.view("Kiruna", sites=own)
    assert len(v.screened) == 2


@pytest.mark.parametrize("kwargs", [{"price_per_kwp": 1}, {"spot": 9.0}, {"kommun": "Umeå"}])
def test_bad_controls(kwargs):
    with pytest.raises(ValueError):
        widget.view(**kwargs)


def test_explorer_builds():
    assert widget.explorer().children


def test_the_redrawn_chart_follows_the_prices():
    """One figure per site list redrawn in place: other prices give another picture, the same on a revisit."""
    a, b = widget.view("Luleå", 8_000).png, widget.view("Luleå", 24_000).png
    assert a != b and widget.view("Luleå", 8_000).png == a
    own = sites_file.template_sites().head(3)
    own["meter_file"] = ""
    assert widget.view("Luleå", 8_000, sites=own).png not in (a, b)


def test_the_ranking_is_shown_as_the_books_table():
    # the explorer shows the ranking through the shared text-table writer (tested in tests/common)
    import re

    ranking = widget.view("Kiruna").ranking
    shown = text_table_html(ranking)
    assert re.findall(r"<th>(.*?)</th>", shown) == [html.escape(c) for c in ranking.columns]
    assert len(re.findall(r"<td>", shown)) == ranking.size
