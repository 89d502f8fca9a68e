"""Explorer "Kartlägg solelslägen": view across the whole range of every control."""
from __future__ import annotations

import numpy as np
import pytest

from models import data
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


def test_the_ranking_html_shows_what_the_books_table_shows():
    # the explorer writes the ranking's HTML directly: the same header and cells, in order, as the book's
    # Styler table (models.common.tables.show), no row numbers, and the same table style
    import html
    import re

    from models.common.tables import show

    ranking = widget.view("Kiruna").ranking

    def cells(text, tag):
        return [html.unescape(c).strip() for c in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", text, re.S)]

    ours, book = widget.table_html(ranking), show(ranking).to_html()
    assert cells(ours, "th") == cells(book, "th") == list(ranking.columns)
    assert cells(ours, "td") == cells(book, "td")
    assert len(cells(ours, "td")) == ranking.size
    assert "padding: 0.3em 0.7em" in ours and 'class="dataframe"' in ours
    assert "&lt;b&gt;" in widget.table_html(ranking.assign(Byggnad="<b>x</b>"))   # a learner's names are escaped
