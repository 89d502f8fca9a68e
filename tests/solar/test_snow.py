"""Snowfall from snow depth and pvlib's snow model, against hand cases and the Luleå table."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.lessons.solel import platser
from models.solar import snow


def test_snowfall_is_the_rise_of_the_daily_maximum_by_hand():
    index = pd.date_range("2023-01-01", periods=4 * 24, freq="h", tz="Europe/Stockholm")
    depth = pd.Series(np.repeat([0.0, 5.0, 3.0, 10.0], 24), index=index)
    fall = snow.snowfall_from_depth(depth)
    assert fall.sum() == pytest.approx(5.0 + 7.0)
    assert fall.iloc[24] == 5.0 and fall.iloc[72] == 7.0      # first hour of day 2 and day 4
    assert (fall.drop(fall.index[[24, 72]]) == 0).all()


def test_lulea_snowfall_matches_the_reference_table():
    # Snow-depth increase per month (cm) in the Luleå file, solar.md §1.2b (computed from the file).
    weather = platser.typical_year("Luleå")
    fall = snow.snowfall_from_depth(weather["snow_depth"])
    monthly = fall.groupby(fall.tz_convert("Etc/GMT-1").index.month).sum().round()
    assert monthly.tolist() == [31, 23, 37, 13, 12, 0, 0, 0, 0, 5, 1, 23]
    assert fall.sum() == pytest.approx(145, abs=0.5)
    daily = fall[fall > 0]
    assert int((daily > 2.54).sum()) == 21                     # events > 1 inch (Townsend threshold)


def test_coverage_after_a_cold_snowfall_and_sliding_when_warm():
    index = pd.date_range("2023-01-01", periods=48, freq="h", tz="Europe/Stockholm")
    fall = pd.Series(0.0, index=index)
    fall.iloc[0] = 5.0
    depth = pd.Series(20.0, index=index)
    cold = snow.coverage(fall, pd.Series(0.0, index=index), pd.Series(-10.0, index=index), 30, depth)
    assert (cold == 1.0).all()                                 # covered and never slides at −10 °C in the dark
    warm = snow.coverage(fall, pd.Series(600.0, index=index), pd.Series(5.0, index=index), 30, depth)
    assert warm.iloc[-1] == 0.0                                # sunny and above zero: it slides off
    assert float(snow.dc_loss(0.5, 1)) == 1.0                  # one string: half covered = all lost
    assert float(snow.dc_loss(0.5, 4)) == pytest.approx(0.5)
