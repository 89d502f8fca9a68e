"""Bad input to the strategy models gives our own Swedish error, never NaN/inf or a library error (issue 14).

Each case is one the fuzz test (tests/fuzz) found; the expected values are hand-checked.
"""
import math

import numpy as np
import pandas as pd
import pytest

from models.strategy import constants as c
from models.strategy import emissions as em
from models.strategy import measures as ms
from models.strategy import scenario as sc
from models.strategy.carbon_budget import finite_horizon_sum
from models.strategy.exhaustion import budget_exhaustion_date, budget_exhaustion_year
from models.strategy.trend import linear_trend

HISTORY = pd.Series([100.0, 90.0, 80.0], index=[2015, 2016, 2017])


def test_a_budget_that_never_runs_out_is_none_not_inf():
    # 1e-17 t/yr falling by 1 000 t/yr: the line reaches zero at once, the budget is never used
    assert budget_exhaustion_year(1e6, 1e-17, -1e3, 2024) is None
    assert budget_exhaustion_date(1e6, 1e-17, -1e3, 2024) is None
    # a run-out after year 9999 has no date either: flat 1 t/yr and a budget of 1e9 t
    assert budget_exhaustion_year(1e9, 1.0, 0.0, 2024) is None


@pytest.mark.parametrize("rate, years", [(math.nan, 20), (1.5, 20), (-0.1, 20), (0.1, 0), (0.1, 10 ** 9)])
def test_finite_horizon_sum_refuses_what_is_not_a_rate_or_a_count(rate, years):
    with pytest.raises(ValueError, match="rate|years"):
        finite_horizon_sum(rate, years)


def test_finite_horizon_sum_by_hand():
    assert finite_horizon_sum(0.5, 3) == pytest.approx(1 + 0.5 + 0.25)


@pytest.mark.parametrize("pct", [math.nan, -1.0, 101.0, "6"])
def test_diesel_factor_needs_an_obligation_in_percent(pct):
    with pytest.raises(ValueError, match="reduktionsplikt"):
        c.diesel_kg_co2e_per_l(pct)


def test_sector_shares_wants_labels_as_a_mapping():
    with pytest.raises(TypeError, match="ordlista"):
        em.sector_shares(pd.Series({"a": 1.0}), " ")


def test_change_since_refuses_bytes_and_an_infinite_year():
    with pytest.raises(TypeError, match="pandas.Series"):
        em.change_since(b"\x00")
    with pytest.raises(ValueError, match="since"):
        em.change_since(HISTORY, since=-math.inf)


def test_county_table_per_capita_is_nan_only_where_population_is_missing():
    table = em.county_table(pd.Series({"A": 100.0, "B": 50.0}), pd.Series({"A": 20.0, "B": np.nan}), 150.0)
    assert table.loc["A", "t_co2e_per_capita"] == pytest.approx(5.0)
    assert math.isnan(table.loc["B", "t_co2e_per_capita"])
    with pytest.raises(ValueError, match="population"):  # 0 inhabitants would give inf
        em.county_table(pd.Series({"A": 100.0}), pd.Series({"A": 0.0}), 100.0)


def test_gap_coverage_names_a_missing_column_and_handles_a_zero_gap():
    curve = pd.DataFrame({"measure": ["a", "b"], "sector": ["x", "x"], "cost_per_tonne": [-10.0, 50.0],
                          "abatement_t_per_year": [3.0, 2.0], "cumulative_abatement": [3.0, 5.0]})
    with pytest.raises(ValueError, match="measure"):
        ms.gap_coverage(curve.drop(columns="measure"), 4.0)
    covered = ms.gap_coverage(curve, 4.0)
    assert covered["share_of_gap_pct"].tolist() == pytest.approx([75.0, 125.0])  # 3/4, 5/4
    nothing_to_close = ms.gap_coverage(curve, 0.0)
    assert nothing_to_close["share_of_gap_pct"].tolist() == [100.0, 100.0] and nothing_to_close["gap_closed"].all()


def test_apply_in_sequence_wants_sector_emissions_by_name():
    measures = pd.DataFrame({"measure": ["a"], "sector": ["x"], "abatement_t_per_year": [1.0]})
    with pytest.raises(TypeError, match="sector_emissions"):
        ms.apply_in_sequence(measures, 1e15)
    with pytest.raises(ValueError, match="sektorn måste vara text"):
        ms.apply_in_sequence(measures, pd.Series({10 ** 15: 5.0}))


def test_scenario_inputs_are_checked():
    with pytest.raises(TypeError, match="included"):
        sc.budget_after_exclusions(1e6, HISTORY, True)
    with pytest.raises(TypeError, match="trendlinje"):
        sc.trend_year_integrals(None, 2024, 2030)
    with pytest.raises(TypeError, match="full_history"):
        sc.build_scenario(HISTORY, 1e6, full_history=b"\x00")
    # the trend of 100, 90, 80 falls 10 t/yr: 2015–2016 holds (100 + 90)/2 = 95 t
    assert sc.trend_year_integrals(linear_trend(HISTORY), 2015, 2015).iloc[0] == pytest.approx(95.0)
