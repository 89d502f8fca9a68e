"""Tests for models.strategy.pathways: sums, invariants over widget ranges, published paths."""

import numpy as np
import pandas as pd
import pytest

from models.strategy import (
    CARBON_LAW_REDUCTION_RATE,
    carbon_law_pathway,
    pathway,
    required_annual_reduction,
)

# --- shape and hand values ----------------------------------------------------------------------


def test_series_shape():
    path = pathway(100.0, 2024, 2030, rate=0.1)
    assert isinstance(path, pd.Series)
    assert path.name == "emissions_t"
    assert path.index.name == "year"
    assert path.index.dtype == np.int64
    assert list(path.index) == list(range(2024, 2031))


def test_rate_hand_values():
    # e0·(1-r)^t: 100, 90, 81, 72.9 for r = 0.1
    path = pathway(100.0, 2024, 2027, rate=0.1, method="geometric")
    np.testing.assert_allclose(path.to_numpy(), [100.0, 90.0, 81.0, 72.9], rtol=1e-14)


def test_rate_same_points_for_all_methods():
    # From a rate every method gives e0·(1-r)^(t-t0) (documented); F1 with k = -ln(1-r) too.
    paths = [pathway(50.0, 2025, 2050, rate=0.2, method=m)
             for m in ("exponential", "geometric", "target_year")]
    for other in paths[1:]:
        pd.testing.assert_series_equal(paths[0], other, rtol=1e-13)


def test_exponential_from_budget_hand_values():
    # k = e0/B = 10/50 = 0.2; P(t) = 10·exp(-0.2·t): 10, 8.18730753, 6.70320046
    path = pathway(10.0, 2024, 2026, budget=50.0)
    np.testing.assert_allclose(path.to_numpy(), [10.0, 8.187307530779818, 6.703200460356393],
                               rtol=1e-14)


def test_target_year_sums_to_budget():
    # Luleå-like: 0.2 Mt, 1.1 Mt, 2023–2040 (18 years) → the 18 values sum to 1.1
    path = pathway(0.2, 2023, 2040, budget=1.1, method="target_year")
    assert len(path) == 18
    assert path.sum() == pytest.approx(1.1, rel=1e-12)
    assert path.iloc[0] == 0.2


def test_target_year_flat_when_budget_is_large():
    # B ≥ e0·N → r = 0 → flat path summing to e0·N = 10·5 = 50 ≤ 80
    path = pathway(10.0, 2026, 2030, budget=80.0, method="target_year")
    assert (path == 10.0).all() and path.sum() == 50.0


def test_geometric_infinite_sum_is_budget():
    # F2: Σ_{t≥0} e0(1-r)^t = e0/r = B. Truncated: B·(1 - (1-r)^N).
    e0, budget = 10.0, 50.0  # r = 0.2
    short = pathway(e0, 2024, 2050, budget=budget, method="geometric")
    assert short.sum() == pytest.approx(budget * (1 - 0.8 ** 27), rel=1e-12)
    long = pathway(e0, 2024, 2024 + 400, budget=budget, method="geometric")
    assert long.sum() == pytest.approx(budget, rel=1e-12)  # tail 0.8^401 ≈ 1e-39


def test_exponential_point_vs_integral():
    # Point values: left Riemann sum of a falling curve, Σ = e0/(1 - exp(-k)) > B.
    # Integral values: Σ over all years = B exactly; first year B·(1 - exp(-k)) < e0.
    e0, budget = 10.0, 50.0
    k = e0 / budget
    point = pathway(e0, 2024, 2024 + 400, budget=budget)
    integral = pathway(e0, 2024, 2024 + 400, budget=budget, annual_values="integral")
    assert point.sum() == pytest.approx(e0 / -np.expm1(-k), rel=1e-12)  # 55.167
    assert point.sum() > budget
    assert integral.sum() == pytest.approx(budget, rel=1e-12)
    assert integral.iloc[0] == pytest.approx(budget * -np.expm1(-k), rel=1e-14)  # 9.063
    # ratios year on year are the same: both are geometric with r = 1 - exp(-k)
    np.testing.assert_allclose(point.iloc[1:].to_numpy() / point.iloc[:-1].to_numpy(),
                               np.exp(-k), rtol=1e-12)


@pytest.mark.parametrize("method", ["exponential", "geometric", "target_year"])
def test_round_trip_rate_budget_pathway(method):
    # rate from the budget → path from that rate equals the path from the budget
    e0, budget, start, end = 3.5e5, 2.1e6, 2025, 2045
    r = required_annual_reduction(e0, budget, method, years=end - start + 1)
    from_rate = pathway(e0, start, end, rate=r, method=method)
    from_budget = pathway(e0, start, end, budget=budget, method=method)
    pd.testing.assert_series_equal(from_rate, from_budget, rtol=1e-10)
    if method == "target_year":
        assert from_rate.sum() == pytest.approx(budget, rel=1e-10)


def test_method_ordering_of_paths():
    # Same e0 and B: F1 cuts slowest, F2 fastest, F3 (N = 27) in between here
    e0, budget = 100.0, 600.0
    paths = {m: pathway(e0, 2024, 2050, budget=budget, method=m)
             for m in ("exponential", "target_year", "geometric")}
    assert (paths["exponential"].iloc[1:] > paths["target_year"].iloc[1:]).all()
    assert (paths["target_year"].iloc[1:] > paths["geometric"].iloc[1:]).all()


# --- published paths ------------------------------------------------------------------------------
# Klimatkollen Dec 2024 Paris path for Arjeplog: data/klimatkollen_emission_paths.csv,
# dataset klimatkollen_2024_12, path_type paris_budget_path (klimatkollen@2fc6856b). Inputs:
# E0 = linear_trend 2024 = 9012.896 t, B = budget_remaining_t = 22565.694 t
# (data/klimatkollen_carbon_budget.csv).
ARJEPLOG_PARIS_2024 = [9012.896, 6045.109, 4054.561, 2719.466, 1823.994, 1223.385, 820.546,
                       550.355, 369.132, 247.584, 166.059, 111.379, 74.704, 50.105, 33.606,
                       22.54, 15.118, 10.14, 6.801, 4.562, 3.06, 2.052, 1.376, 0.923, 0.619,
                       0.415, 0.279]  # 2024 … 2050


def test_reproduces_klimatkollen_paris_path():
    # Published values are rounded to 0.001 t → atol 0.0006; the rounded inputs change k by
    # < 1e-7 relative, i.e. < 1e-5 t over the path.
    path = pathway(9012.896, 2024, 2050, budget=22565.694, method="exponential")
    np.testing.assert_allclose(path.to_numpy(), ARJEPLOG_PARIS_2024, rtol=0, atol=6e-4)


# Klimatkollen 2026 Carbon Law totals 2026–2050: data/klimatkollen_kpis_latest.csv,
# carbon_law_emissions_2026_2050_t (territorial-data-pipeline@bf20c580); start value = the
# kommun's 2026 trend value, data/klimatkollen_emission_paths.csv, klimatkollen_2026_06,
# linear_trend 2026.
CARBON_LAW_2026 = [
    ("Arjeplog", 16138.831, 131600.911),
    ("Luleå", 3182330.251, 25949683.417),
    ("Pajala", 105370.022, 859219.029),
]


@pytest.mark.parametrize("kommun, e0, published_total", CARBON_LAW_2026)
def test_reproduces_klimatkollen_carbon_law_total(kommun, e0, published_total):
    # Σ_{t=0}^{24} e0·0.8828^t = e0·(1 - 0.8828^25)/0.1172 = 8.15426·e0.
    # e0 rounded to 0.001 t → relative error ≤ 3e-8; published total rounded to 0.001 t.
    path = carbon_law_pathway(e0, 2026)
    assert path.index[-1] == 2050 and len(path) == 25
    assert path.sum() == pytest.approx(published_total, rel=1e-7)


def test_carbon_law_constant_and_halving():
    # strategy.md §2.6: 11.72 %/yr; (1 - 0.1172)^5 = 0.536, halving time ln 2/-ln(0.8828) = 5.56 yr
    assert CARBON_LAW_REDUCTION_RATE == 0.1172
    path = carbon_law_pathway(1.0, 2025, 2030)
    assert path.loc[2030] == pytest.approx(0.8828 ** 5, rel=1e-14)
    assert round(path.loc[2030], 3) == 0.536
    assert np.log(2) / -np.log1p(-CARBON_LAW_REDUCTION_RATE) == pytest.approx(5.56, abs=0.005)


# --- invariants over the ranges a widget offers ------------------------------------------------
RATES = np.round(np.linspace(0.01, 0.5, 8), 4)
START_YEARS = range(2020, 2031)
BUDGET_YEARS = [1.0, 1.5, 3.0, 7.5, 20.0, 60.0]  # budget as years of current emissions


def _check_invariants(path, e0, start):
    values = path.to_numpy()
    assert path.index[0] == start and path.index[-1] == 2050
    assert np.all(np.isfinite(values)) and np.all(values >= 0)
    assert np.all(np.diff(values) <= 1e-12 * e0)  # non-increasing


@pytest.mark.parametrize("start", START_YEARS)
@pytest.mark.parametrize("e0", [1.0, 3.5e6])
def test_rate_grid(start, e0):
    for rate in RATES:
        for method in ("exponential", "geometric", "target_year"):
            path = pathway(e0, start, rate=rate, method=method)
            _check_invariants(path, e0, start)
            assert np.all(np.diff(path.to_numpy()) < 0)  # strictly falling for r > 0
            n = len(path)
            assert path.sum() == pytest.approx(e0 * (1 - (1 - rate) ** n) / rate, rel=1e-10)


@pytest.mark.parametrize("start", START_YEARS)
@pytest.mark.parametrize("method", ["exponential", "geometric", "target_year"])
def test_budget_grid(start, method):
    e0 = 2.5e5
    for years in BUDGET_YEARS:
        budget = e0 * years
        path = pathway(e0, start, budget=budget, method=method)
        _check_invariants(path, e0, start)
        n = len(path)
        r = required_annual_reduction(e0, budget, method, years=n)
        assert 0.0 <= r <= 1.0
        if method == "target_year":
            # sums to the budget, or to e0·N if the budget is larger (flat path)
            assert path.sum() == pytest.approx(min(budget, e0 * n), rel=1e-10)
        elif method == "geometric":
            assert path.sum() == pytest.approx(budget * (1 - (1 - r) ** n), rel=1e-10)
            assert path.sum() <= budget * (1 + 1e-12)
        else:
            k = e0 / budget
            assert path.sum() == pytest.approx(e0 * -np.expm1(-k * n) / -np.expm1(-k),
                                               rel=1e-10)
            integral = pathway(e0, start, budget=budget, annual_values="integral")
            assert integral.sum() <= budget * (1 + 1e-12)
