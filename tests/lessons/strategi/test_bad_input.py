"""Bad input to the Strategi lessons gives our own Swedish error (issue 14); the figures' live updates.

The update tests check that a figure moved to another result shows that result's numbers (the
same table values the lesson prints), so the explorer's redraw never shows a stale chart.
"""
import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from models.lessons.strategi import atgarder, klimatbudget, mal_och_budget, uppfoljning, utslapp  # noqa: E402
from models.lessons.strategi import uppfoljning_mal  # noqa: E402


@pytest.fixture(scope="module")
def case():
    return atgarder.measures_case("Luleå")


def test_atgarder_tables_check_what_they_get(case):
    with pytest.raises(TypeError, match="gap"):
        atgarder.coverage_table(case.coverage, None)
    with pytest.raises(TypeError, match="curve"):
        atgarder.macc_table("1,000")
    with pytest.raises(ValueError, match="cost_per_tonne"):
        atgarder.export_table(case.curve.drop(columns="cost_per_tonne"))
    with pytest.raises(TypeError, match="sequential"):
        atgarder.measures_case("Luleå", sequential=pd.DataFrame())
    with pytest.raises(TypeError, match="year"):
        atgarder.sector_emissions("Luleå", year=["Luleå"])


def test_uppfoljning_years_and_cards_are_checked():
    with pytest.raises(TypeError, match="until"):
        uppfoljning.scorecard("Luleå", until=" ")
    with pytest.raises(ValueError, match="until"):
        uppfoljning_mal.until_year(pd.Series([1.0], index=[2020]), -math.inf)
    with pytest.raises(ValueError, match="kpi_id"):
        uppfoljning.scorecard_sv(uppfoljning.scorecard("Luleå").drop(columns="kpi_id"))


def test_utslapp_and_mal_och_budget_check_years_and_names():
    with pytest.raises(TypeError, match="year"):
        utslapp.sector_shares("Luleå", year=pd.DataFrame())
    with pytest.raises(TypeError, match="metod"):
        mal_och_budget.exclusion_table("Luleå", method=pd.Series(dtype=float))
    with pytest.raises(ValueError):
        mal_och_budget.targets_table("Luleå", dataset=pd.DataFrame())


def test_no_solution_is_said_in_words_not_nan():
    table = mal_och_budget.methods_table(10.0, 5.0, 10)  # a budget of half a year's emissions
    assert table["Nödvändig minskning per år"].tolist()[1:] == ["ingen lösning", "ingen lösning"]


def test_klimatbudget_figure_update_shows_the_new_result():
    first = klimatbudget.climate_budget("Luleå")
    fig = klimatbudget.budget_figure(first)
    other = klimatbudget.climate_budget("Kiruna", measure_pct=50)
    assert klimatbudget.update_budget_figure(fig, other)
    parts = fig.stratus_budget_parts
    assert parts["title"].get_text().startswith("Kiruna:")
    assert np.allclose(parts["history"].get_ydata(), other.history.to_numpy() / 1000)
    planned = sum(np.array([bar.get_height() for bar in bars]) for bars in parts["bars"])
    assert np.allclose(planned, other.table["planned_reduction_t_co2e"].to_numpy() / 1000)
    nothing = klimatbudget.climate_budget("Kiruna", measure_pct=0)  # no measures: every unit bar is 0
    assert klimatbudget.update_budget_figure(fig, nothing)
    assert all(bar.get_height() == 0 for bars in parts["bars"] for bar in bars)
    with pytest.raises(TypeError, match="budget_figure"):
        klimatbudget.update_budget_figure("figur", other)
    matplotlib.pyplot.close(fig)


def test_scenario_figure_update_shows_the_new_scenario():
    fig = mal_och_budget.scenario_figure(mal_och_budget.scenario("Luleå"))
    other = mal_och_budget.scenario("Piteå", "1.7C", "geometric", 2026)
    mal_och_budget.update_scenario_figure(fig, other)
    parts = fig.stratus_scenario_parts
    assert parts["title"].get_text().startswith("Piteå:")
    assert "start 2026" in parts["title"].get_text()
    path = other.table["pathway_t"].dropna()
    assert np.allclose(parts["pathway"].get_ydata(), path.to_numpy() / 1000)
    assert parts["start_line"].get_xdata()[0] == 2026
    matplotlib.pyplot.close(fig)
