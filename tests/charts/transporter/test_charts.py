"""Static-site charts of the chapter Transporter: specs build, stay small, and their key numbers are
the lesson's numbers for the default controls."""
import json
import re

import matplotlib

matplotlib.use("Agg")

import pytest

from models.common import vega
from models.charts.transporter import elbil_i_kyla, fordonsflottan, laddinfrastruktur, omstallningsplan, totalkostnad

CHARTS = (fordonsflottan, elbil_i_kyla, totalkostnad, omstallningsplan, laddinfrastruktur)


@pytest.fixture(scope="module")
def charts():
    return {m.__name__.rsplit(".", 1)[-1]: m.chart() for m in CHARTS}


def test_charts_are_small_and_named(charts):
    for name, chart in charts.items():
        assert chart.name == name.replace("_", "-")
        assert vega._rows(chart.spec) <= vega.MAX_ROWS
        assert f'id="stratus-chart-{chart.name}"' in chart.html
        assert chart.key_names


def _lookup(chart, key, *values):
    """Evaluate a key whose expression is a lookup literal for the given param values."""
    expr = next(p["expr"] for p in chart.spec["params"] if p["name"] == f"key_{key}")
    name = re.match(r"\((\w+) \?", expr)
    if name:  # lookup_param: find the packed row param
        packed = next(p["expr"] for p in chart.spec["params"] if p["name"] == name.group(1))
        index = int(re.search(r"\[(\d+)\]", expr).group(1))
        table = json.loads(packed[1:packed.index(")[")])
        return table["|".join(map(str, values))][index]
    table = json.loads(expr[1:expr.index(")[")])
    return table["|".join(map(str, values))]


def test_fleet_chart_keys(charts):
    from models.data import vehicles
    from models.lessons.transporter import fordonsflottan as lesson

    chart = charts["fordonsflottan"]
    assert _lookup(chart, "utslapp", 2025, "nordic_mix", "stay_6") == pytest.approx(
        lesson.totals(lesson.example(), 2025)["emissions_t_co2e"], abs=0.05)
    assert _lookup(chart, "bilar", "Luleå") == 41_902  # Trafikanalys 2026:2


def test_cold_chart_keys(charts):
    chart = charts["elbil_i_kyla"]
    # 15 kWh/100 km at 20 °C, central case at −28 °C: 15 × (1 + 0.0098 × 48)
    assert _lookup(chart, "kwh", -28, "central") == pytest.approx(15 * (1 + 0.0098 * 48))


def test_plan_chart_keys(charts):
    from models import transport
    from models.lessons.transporter import omstallningsplan as lesson

    result = transport.transition(lesson.example(), 2025, 2040)
    assert _lookup(charts["omstallningsplan"], "fossilfri", "lowest_tco", "nordic_mix", "stay_6") == \
        transport.fossil_free_year(result)


def test_charging_chart_keys(charts):
    assert _lookup(charts["laddinfrastruktur"], "idag", "Luleå", "county", "exponential", 2030) == 376  # Power Circle
