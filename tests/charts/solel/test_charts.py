"""Static-site charts of the chapter Solel: specs build, stay small, carry the kommun control and
their key numbers equal the lesson modules' numbers for the default controls."""
from __future__ import annotations

import json

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from models.charts.solel import egenanvandning, kartlagg_solelslagen, solcellsanlaggningen, solen_i_norrbotten  # noqa: E402
from models.common import vega  # noqa: E402
from models.lessons.solel import solen_i_norrbotten as sun_lesson  # noqa: E402

CHARTS = (solen_i_norrbotten, solcellsanlaggningen, egenanvandning, kartlagg_solelslagen)


@pytest.fixture(scope="module")
def charts():
    return {m.__name__.rsplit(".", 1)[-1]: m.chart() for m in CHARTS}


def test_charts_are_small_named_and_follow_the_kommun(charts):
    for name, chart in charts.items():
        assert chart.name == name.replace("_", "-")
        assert vega._rows(chart.spec) <= vega.MAX_ROWS
        assert f'id="stratus-chart-{chart.name}"' in chart.html
        assert chart.key_names
        assert any(p.get("name") == "kommun" for p in chart.spec["params"])


def test_sun_chart_keys_are_the_lessons_numbers(charts):
    spec = charts["solen_i_norrbotten"].spec
    expr = next(p["expr"] for p in spec["params"] if p["name"] == "key_polarnatt")
    table = json.loads(expr[1:expr.index(")[")])
    assert table["Kiruna"] == sun_lesson.sun_facts("Kiruna")["polar_night_days"]
    assert table["Luleå"] == 0
