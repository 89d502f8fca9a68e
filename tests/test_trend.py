"""Trend measures used by the emissions lesson, against hand calculations."""
import pandas as pd
import pytest

from models.strategy import cagr_pct, lad_trend, linear_trend


def test_cagr_hand_value():
    # 100 -> 121 over 2 years: sqrt(1.21) = 1.1 -> +10 % per year
    assert cagr_pct(100, 121, 2) == pytest.approx(10.0)
    # halving over 5 years: 0.5 ** 0.2 = 0.870551 -> -12.9449 % per year
    assert cagr_pct(200, 100, 5) == pytest.approx((0.5 ** 0.2 - 1) * 100)


def test_lad_ignores_one_outlier_where_least_squares_does_not():
    # Points on y = 2x + 1 (x = years since 2015) except one wild value in 2019.
    series = pd.Series([1.0, 3.0, 5.0, 7.0, 100.0], index=[2015, 2016, 2017, 2018, 2019])
    lad = lad_trend(series)
    assert lad.slope_t_per_year == pytest.approx(2.0)
    assert lad.at(2015) == pytest.approx(1.0)
    # Least squares by hand: mean x = 2, mean y = 23.2, Sxx = 10,
    # Sxy = (-2)(-22.2) + (-1)(-20.2) + 0 + (1)(-16.2) + (2)(76.8) = 202 -> slope 20.2
    assert linear_trend(series).slope_t_per_year == pytest.approx(20.2)


@pytest.mark.parametrize("first, last, years", [(0, 10, 5), (10, 5, 0), (-1, 5, 3), (10, -1, 3)])
def test_cagr_rejects_bad_input(first, last, years):
    with pytest.raises(ValueError):
        cagr_pct(first, last, years)
