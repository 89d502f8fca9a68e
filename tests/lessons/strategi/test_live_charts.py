"""The chapter's live charts (issue 13): a chart moved to new control values and redrawn by its moving
parts only (models.common.live_figure) shows what the same figure drawn whole shows."""
import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from PIL import Image  # noqa: E402

from models.common.live_figure import FigureChart, LiveFigure  # noqa: E402
from models.lessons.strategi import atgarder, klimatbudget, mal_och_budget, uppfoljning, utslapp  # noqa: E402


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def _cases():
    scenario = mal_och_budget.scenario
    budget = klimatbudget.climate_budget
    first = uppfoljning.indicator_names()[0]
    last = uppfoljning.indicator_names()[-1]
    luleå = atgarder.measures_case("Luleå")
    kiruna = atgarder.measures_case("Kiruna", discount_rate_pct=8.0, year=2035, sequential=False)
    jokkmokk = atgarder.measures_case("Jokkmokk", discount_rate_pct=10.0)
    late = atgarder.measures_case("Luleå", discount_rate_pct=7.0, year=2044)
    return {
        # another kommun, goal, method and start year: new limits, legends rebuilt, texts changed
        "scenario": (lambda: mal_och_budget.scenario_chart(scenario("Luleå")),
                     lambda c: c.update(scenario("Kiruna", "1.7C", "target_year", 2027))),
        # the same start year, another method: the axes may keep their limits (kept image reused)
        "scenario_method": (lambda: mal_och_budget.scenario_chart(scenario("Piteå")),
                            lambda c: c.update(scenario("Piteå", "1.5C", "geometric"))),
        "excluded": (lambda: mal_och_budget.scenario_chart(scenario("Luleå")),
                     lambda c: c.update(scenario("Luleå", exclude_sectors=("industry_energy_and_processes",)))),
        "budget": (lambda: klimatbudget.budget_chart(budget("Luleå")),
                   lambda c: c.update(budget("Boden", measure_pct=50))),
        "indicator": (lambda: uppfoljning.indicator_chart("Luleå", first),
                      lambda c: c.update("Kiruna", last, 0.3, "least_squares")),
        # the same years and legend for every indicator: another kommun and an indicator without a target
        # (no target path, another note under the chart) move only the moving parts, the y axis included
        "indicator_fixed": (lambda: uppfoljning.indicator_chart("Luleå", first),
                            lambda c: c.update("Arjeplog", uppfoljning.indicator_names()[-2], 0.1, "lad")),
        "macc": (lambda: atgarder.macc_chart(luleå.curve, "Före"),
                 lambda c: c.update(kiruna.curve, "Efter")),
        "coverage": (lambda: atgarder.coverage_chart(luleå.coverage, luleå.gap),
                     lambda c: c.update(kiruna.coverage, kiruna.gap)),
        # the explorers' fixed axes: another kommun, rate, year (a bar cut at the top, moved texts, names, title)
        "macc_fixed": (lambda: atgarder.macc_chart(luleå.curve, "Före", atgarder.macc_limits()),
                       lambda c: c.update(jokkmokk.curve, "Efter", atgarder.macc_limits())),
        "coverage_fixed": (lambda: atgarder.coverage_chart(luleå.coverage, luleå.gap, atgarder.coverage_limit("Luleå")),
                           lambda c: c.update(late.coverage, late.gap, atgarder.coverage_limit("Luleå"))),
        "budget_fixed": (lambda: klimatbudget.budget_chart(budget("Luleå"), klimatbudget.budget_limits("Luleå")),
                         lambda c: c.update(budget("Luleå", reference="Oförändrat (senaste året)", measure_pct=0),
                                            klimatbudget.budget_limits("Luleå"))),
        # another kommun and scope: new y scales, drawn with the moving parts (the axes are among them)
        "budget_kommun": (lambda: klimatbudget.budget_chart(budget("Luleå"), klimatbudget.budget_limits("Luleå")),
                          lambda c: c.update(budget("Arjeplog", "Hela kommunen", measure_pct=150),
                                             klimatbudget.budget_limits("Arjeplog", "Hela kommunen"))),
        # another kommun's gap: a new x scale, drawn with the moving parts
        "coverage_kommun": (lambda: atgarder.coverage_chart(luleå.coverage, luleå.gap, atgarder.coverage_limit("Luleå")),
                            lambda c: c.update(jokkmokk.coverage, jokkmokk.gap, atgarder.coverage_limit("Jokkmokk"))),
        "total": (lambda: utslapp.total_chart("Luleå"), lambda c: c.update("Arjeplog")),
        # the county's bars keep their order: only the marked kommun (colour, hatch, bold name, title) moves
        "county": (lambda: utslapp.county_chart("Luleå"), lambda c: c.update("Haparanda")),
        # 9 sectors to 8 (wider bars, another order and scale), and the small multiples' panels rewritten
        "sector": (lambda: utslapp.sector_chart("Luleå"), lambda c: c.update("Arjeplog")),
        "sector_trend": (lambda: utslapp.sector_trend_chart("Luleå"), lambda c: c.update("Kiruna")),
    }


@pytest.mark.parametrize("name", ["scenario", "scenario_method", "excluded", "budget", "indicator", "macc",
                                  "coverage", "total", "macc_fixed", "coverage_fixed", "budget_fixed", "county",
                                  "sector", "sector_trend", "budget_kommun", "coverage_kommun", "indicator_fixed"])
def test_every_live_chart_redraws_like_a_whole_drawing(name, redraws_like_a_whole_drawing):
    redraws_like_a_whole_drawing(*_cases()[name])


@pytest.mark.parametrize("name", ["macc_fixed", "coverage_fixed", "budget_fixed", "budget_kommun", "coverage_kommun",
                                  "indicator", "indicator_fixed"])
def test_fixed_axes_keep_the_kept_image(name):
    # the explorers' axes stay put for another kommun (cost curve), year and rate (coverage), ceiling,
    # reference and effect (klimatbudget): the update draws only the moving parts over the kept image
    make, change = _cases()[name]
    chart = make()
    live = LiveFigure(chart.figure, chart.dynamic)
    live.png()
    change(chart)
    live.set_dynamic(chart.dynamic)
    live.png()
    assert len(live._backgrounds) == 1
    live.close()


def test_a_cost_curve_bar_beyond_the_fixed_axis_is_cut_and_its_number_marked():
    jokkmokk = atgarder.measures_case("Jokkmokk", discount_rate_pct=10.0).curve
    x_max, low, high = atgarder.macc_limits()
    fig = atgarder.macc_figure(jokkmokk, limits=(x_max, low, high))
    parts = fig.stratus_macc_parts
    dearest = int(np.argmax(jokkmokk["cost_per_tonne"]))
    assert jokkmokk["cost_per_tonne"].iloc[dearest] > high            # in sequence it costs more than the axis
    assert parts["numbers"][dearest].get_text() == f"{dearest + 1}↑"
    assert parts["numbers"][dearest].get_position()[1] < high
    assert [t.get_text() for t in parts["names"]] == list(jokkmokk["measure"])
    assert parts["ax"].get_ylim() == (low, high) and parts["ax"].get_xlim() == (0, x_max)
    plt.close("all")


def test_going_back_reuses_the_kept_image_and_still_draws_the_same():
    scenario = mal_och_budget.scenario
    chart = mal_och_budget.scenario_chart(scenario("Luleå"))
    live = LiveFigure(chart.figure, chart.dynamic)
    first = live.png()
    for values in (("Kiruna",), ("Luleå",)):
        chart.update(scenario(*values))
        live.set_dynamic(chart.dynamic)
        back = live.png()
    assert (pixels(back) == pixels(first)).all(axis=-1).mean() > 0.999
    live.close()


def test_the_live_chart_is_the_lesson_figure():
    # the static notebook figure and the live chart are one drawing: same artists, same texts
    result = mal_och_budget.scenario("Boden", "1.7C")
    chart, figure = mal_och_budget.scenario_chart(result), mal_och_budget.scenario_figure(result)
    assert isinstance(chart, FigureChart)
    assert [t.get_text() for t in chart.figure.texts] == [t.get_text() for t in figure.texts]
    for live_ax, ax in zip(chart.figure.axes, figure.axes):
        assert live_ax.get_ylim() == ax.get_ylim() and live_ax.get_xlim() == ax.get_xlim()
        assert [line.get_label() for line in live_ax.lines] == [line.get_label() for line in ax.lines]
    plt.close("all")


def test_a_chart_refuses_values_of_another_layout():
    luleå = atgarder.measures_case("Luleå")
    chart = atgarder.macc_chart(luleå.curve)
    with pytest.raises(ValueError, match="annan uppställning"):
        chart.update(luleå.curve.iloc[:2])
    plt.close("all")


def test_the_total_chart_moved_to_a_kommun_has_the_limits_of_its_own_figure():
    chart, own = utslapp.total_chart("Luleå"), utslapp.total_figure("Arjeplog")
    chart.update("Arjeplog")
    assert chart.figure.axes[0].get_ylim() == pytest.approx(own.axes[0].get_ylim())
    assert chart.figure.axes[0].get_xlim() == pytest.approx(own.axes[0].get_xlim())
    assert chart.figure.axes[0].get_title() == own.axes[0].get_title()
    plt.close("all")


def test_the_county_chart_moved_to_a_kommun_marks_only_that_kommun():
    chart, own = utslapp.county_chart("Luleå"), utslapp.county_figure("Kiruna")
    chart.update("Kiruna")
    for live_ax, ax in zip(chart.figure.axes, own.axes):
        # the names (texts left of the bars, one bold) and the numbers at the bars
        assert [(t.get_text(), t.get_fontweight()) for t in live_ax.texts] == \
            [(t.get_text(), t.get_fontweight()) for t in ax.texts]
        assert [t.get_text() for t in live_ax.texts if t.get_fontweight() == "bold"] == ["Kiruna"]
        assert [(p.get_facecolor(), p.get_hatch(), p.get_edgecolor()) for p in live_ax.patches] == \
            [(p.get_facecolor(), p.get_hatch(), p.get_edgecolor()) for p in ax.patches]
    assert chart.figure._suptitle.get_text() == "Norrbottens 14 kommuner – Kiruna markerad"
    plt.close("all")


def test_the_sector_chart_moved_to_a_kommun_shows_its_own_figure():
    # Luleå has nine sectors, Arjeplog eight: the live chart keeps room for nine and cuts the empty place off
    chart, own = utslapp.sector_chart("Luleå"), utslapp.sector_figure("Arjeplog")
    chart.update("Arjeplog")
    live_ax, ax = chart.figure.axes[0], own.axes[0]
    # the numbers at the bars, then the sector names beside the axes (largest on top), as in its own figure
    assert [t.get_text() for t in live_ax.texts if t.get_text()] == [t.get_text() for t in ax.texts]
    from models.data import emissions as smhi
    latest = smhi.by_sector("Arjeplog").iloc[-1].sort_values(ascending=False)
    top_down = [t.get_text() for t in chart.figure.stratus_sector_parts["names"]][::-1]
    assert top_down == [smhi.sector_labels()[key] for key in latest.index] + [""]
    assert top_down[:3] == ["Transporter", "Jordbruk", "Arbetsmaskiner"]
    assert live_ax.get_xlim() == pytest.approx(ax.get_xlim())
    assert live_ax.get_title() == ax.get_title() == "Arjeplog: utsläpp per sektor 2024"
    assert sum(bar.get_visible() for bar in live_ax.patches) == len(ax.patches) == 8
    plt.close("all")


def test_the_small_multiples_moved_to_a_kommun_show_its_own_figure():
    chart, own = utslapp.sector_trend_chart("Luleå"), utslapp.sector_trend_figure("Kiruna")
    chart.update("Kiruna")
    assert [t.get_text() for t in chart.figure.texts] == [t.get_text() for t in own.texts]
    for line, own_line in zip(chart.figure.stratus_trend_parts["lines"], own.stratus_trend_parts["lines"]):
        assert line.get_visible() == own_line.get_visible()
        assert np.allclose(line.get_xydata(), own_line.get_xydata())
    plt.close("all")
