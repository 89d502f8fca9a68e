"""The chapter's live figures (issue 13): a redrawn chart is the chart drawn afresh, pixel for pixel.

The generic parts of LiveFigure/LiveCharts are tested in tests/common/test_live_figure.py."""
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from models.lessons.transporter import elbil_i_kyla, laddinfrastruktur, omstallningsplan, totalkostnad  # noqa: E402
from models.lessons.transporter.levande_figur import LiveCharts, LiveFigure  # noqa: E402


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def fresh_png(chart) -> bytes:
    live = LiveFigure(chart.figure, chart.dynamic)
    try:
        return live.png()
    finally:
        live.close()


def test_a_redrawn_chart_equals_the_chart_drawn_afresh():
    # the cost table for 30 000 km and 8 years, reached by updating a chart built for the defaults
    start, end = totalkostnad.comparison(), totalkostnad.comparison(annual_km=30_000, years=8)
    chart = totalkostnad.BreakdownChart(start, "före")
    live = LiveFigure(chart.figure, chart.dynamic)
    first = live.png()
    chart.update(end, "efter")
    updated = live.png()
    live.invalidate()                                      # the same figure drawn whole, without blitting
    whole = live.png()
    assert not (pixels(first) == pixels(updated)).all()
    assert (pixels(updated) == pixels(whole)).all()
    live.close()


def test_live_figure_survives_pyplot_closing_everything():
    check = elbil_i_kyla.fleet_check(elbil_i_kyla.fleet_file.example_fleet())
    chart = elbil_i_kyla.CheckChart(check, -28.4)
    live = LiveFigure(chart.figure, chart.dynamic)
    before = live.png()
    plt.close("all")
    chart.update(elbil_i_kyla.fleet_check(elbil_i_kyla.fleet_file.example_fleet(), -5.0), -5.0)
    after = live.png()
    assert after.startswith(b"\x89PNG") and after != before
    live.close()


def test_live_charts_cache_by_key_and_rebuild_by_structure():
    table = laddinfrastruktur.kommun_charging()
    charts, built = LiveCharts(size=2, figures=1), []

    def make():
        built.append(1)
        return laddinfrastruktur.NeedChart(table)

    a = charts.png("a", "need", make, lambda c: c.update(table))
    assert charts.png("a", "need", make, lambda c: 1 / 0) is a     # cached PNG: no update
    charts.png("b", "need", make, lambda c: c.update(table, 2031))
    assert len(built) == 1
    charts.png("c", "other", make, lambda c: None)                  # a new structure builds a new chart
    assert len(built) == 2
    charts.clear()


def test_charts_refuse_data_of_another_structure():
    check = elbil_i_kyla.fleet_check(elbil_i_kyla.fleet_file.example_fleet())
    chart = elbil_i_kyla.CheckChart(check, -28.4)
    with pytest.raises(ValueError, match="andra fordon"):
        chart.update(check.iloc[:5], -28.4)
    results = omstallningsplan.compare_policies(omstallningsplan.example())
    with pytest.raises(ValueError, match="en eller två regler"):
        omstallningsplan.PolicyChart({})
    plt.close("all")
    assert results


def _cases():
    from models.lessons.transporter import fordonsflottan
    fleet = fordonsflottan.example()
    check = elbil_i_kyla.fleet_check
    need = laddinfrastruktur.charging_need
    sites = laddinfrastruktur.electrified_fleet()
    plans = omstallningsplan.compare_policies
    return {
        "check": (lambda: elbil_i_kyla.CheckChart(check(fleet), -28.4),
                  lambda c: c.update(check(fleet, 0.0, "high", 0.1, False), 0.0)),
        "emissions": (lambda: fordonsflottan.EmissionsChart(fleet, 2025),
                      lambda c: c.update(fleet, 2030, "residual_mix", "none", "2030")),
        "sites": (lambda: laddinfrastruktur.SitesChart(need(sites)),
                  lambda c: c.update(need(sites, -5.0, dwell_hours=3.0, charger_kw=11.0))),
        "need": (lambda: laddinfrastruktur.NeedChart(laddinfrastruktur.kommun_charging()),
                 lambda c: c.update(laddinfrastruktur.kommun_charging("own", "linear", 2027), 2027)),
        "policy": (lambda: omstallningsplan.PolicyChart(plans(fleet), 2050, ("Regel A", "Regel B")),
                   lambda c: c.update(plans(fleet, "electric_first", "electric_first", end=2045))),
        "mix": (lambda: omstallningsplan.MixChart(plans(fleet)["lowest_tco"], "A", 2050),
                lambda c: c.update(plans(fleet, "cheapest_any", end=2035)["cheapest_any"], "B")),
    }


@pytest.mark.parametrize("name", ["check", "emissions", "sites", "need", "policy", "mix"])
def test_every_live_chart_redraws_like_a_whole_drawing(name, redraws_like_a_whole_drawing):
    redraws_like_a_whole_drawing(*_cases()[name])


def test_mix_chart_stacks_each_fuels_bars_in_one_path_hand_calculation():
    # A (car, diesel, 2020 + 6 years) becomes electric in 2026; B (van, 600 km days) goes to HVO100 in 2027
    two = pd.DataFrame(dict(vehicle_id=["A", "B"], vehicle_class=["car", "van"], fuel=["diesel", "diesel"],
                            model_year=[2020, 2022], annual_km=[20_000.0, 10_000.0], longest_daily_km=[150.0, 600.0],
                            consumption_per_km=[0.06, 0.08], holding_years=[6, 5], parking_power=[True, False]))
    result = omstallningsplan.compare_policies(two, "electric_first", "electric_first", 2025, 2027)["electric_first"]
    chart = omstallningsplan.MixChart(result, "x")

    def bars(fuel):
        paths = chart.bars[fuel].get_paths()
        assert len(paths) <= 1                                  # a fuel's bars are one path (hatched once)
        corners = paths[0].vertices.reshape(-1, 5, 2) if paths else []
        return {(round(float(b[0, 0]), 2), round(float(b[2, 0]), 2), float(b[0, 1]), float(b[2, 1])) for b in corners}

    # stacked in the order of the legend: petrol, diesel, HVO100, biogas, E85, electricity, plug-in hybrid
    assert bars("diesel") == {(2024.6, 2025.4, 0.0, 2.0), (2025.6, 2026.4, 0.0, 1.0)}
    assert bars("hvo100") == {(2026.6, 2027.4, 0.0, 1.0)}
    assert bars("electricity") == {(2025.6, 2026.4, 1.0, 2.0), (2026.6, 2027.4, 1.0, 2.0)}
    assert bars("petrol") == bars("phev") == set()
    plt.close(chart.figure)
