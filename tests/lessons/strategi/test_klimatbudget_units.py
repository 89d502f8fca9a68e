"""The klimatbudget chart's responsible units: a figure built for a result without cuts (0 % effect) can
hold the units of the results it will be moved to."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from models.lessons.strategi import klimatbudget as report  # noqa: E402

UNITS = tuple(report.EXAMPLE_MEASURES["responsible_unit"])


def _legend(fig) -> list[str]:
    return [t.get_text() for t in fig.axes[1].get_legend().texts]


def test_a_figure_at_zero_with_the_units_moves_to_every_effect():
    zero = report.climate_budget("Luleå", measure_pct=0)
    assert zero.by_unit.columns.empty                      # nothing cut at 0 %
    fig = report.budget_figure(zero, units=UNITS)
    assert _legend(fig) == ["Behövd minskning", *UNITS, "Gap: återstår att hitta"]
    for pct in (25, 100, 200):
        assert report.update_budget_figure(fig, report.climate_budget("Luleå", measure_pct=pct)) is True
    alone = report.budget_figure(zero)                     # its own units: none, so a later cut does not fit
    assert _legend(alone) == ["Behövd minskning", "Gap: återstår att hitta"]
    assert report.update_budget_figure(alone, report.climate_budget("Luleå", measure_pct=100)) is False
    plt.close("all")


def test_units_are_checked():
    result = report.climate_budget("Luleå")
    with pytest.raises(TypeError, match="units måste vara en lista"):
        report.budget_figure(result, units="Kollektivtrafiken")
    with pytest.raises(ValueError, match="units saknar resultatets ansvariga enheter"):
        report.budget_figure(result, units=UNITS[:2])
    with pytest.raises(ValueError, match="olika ansvariga enheter"):
        report.budget_figure(result, units=UNITS + UNITS[:1])
    plt.close("all")


def test_the_chart_scale_holds_the_largest_effect_the_explorer_offers():
    # right top = max(largest needed cut, MAX_MEASURE_PCT % of the cuts at 100 %) × 1.15, by hand from the parts
    top = report.budget_limits("Luleå")[1]
    planned_100 = report.climate_budget("Luleå", measure_pct=100).table["planned_reduction_t_co2e"].max()
    at_max = report.climate_budget("Luleå", measure_pct=report.MAX_MEASURE_PCT).table["planned_reduction_t_co2e"]
    assert at_max.max() == pytest.approx(planned_100 * report.MAX_MEASURE_PCT / 100)
    assert top >= at_max.max() * 1.15 * (1 - 1e-12)
