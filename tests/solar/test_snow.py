"""Snowfall from snow depth and pvlib's snow model, against hand cases and the Luleå table."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pvlib
import pytest

from models.lessons.solel import platser
from models.solar import pv, snow


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


@pytest.mark.filterwarnings("ignore:.*infer_freq")       # pvlib 0.16.1 on pandas 3.1, harmless
@pytest.mark.parametrize("kommun", ["Luleå", "Kiruna", "Haparanda"])
def test_coverage_many_is_pvlibs_coverage_nrel_for_each_tilt(kommun):
    # pvlib's own model, called once per tilt on the kommun's typical year, is the reference
    site = platser.site(kommun)
    w = site.weather
    tilts = [0.0, 10.0, 30.0, 45.0, 60.0, 90.0]
    poa = pv.poa(site, np.array(tilts)[:, None], 180.0)["poa_global"]
    plain = w.index.tz_convert("UTC").tz_localize(None)
    many = snow.coverage_many(site.snowfall, poa, w["temp_air"], tilts, w["snow_depth"])
    for row, tilt in zip(many, tilts):
        reference = pvlib.snow.coverage_nrel(
            pd.Series(site.snowfall.to_numpy(), index=plain), pd.Series(poa[tilts.index(tilt)], index=plain),
            pd.Series(w["temp_air"].to_numpy(), index=plain), tilt,
            snow_depth=pd.Series(w["snow_depth"].fillna(0).to_numpy(), index=plain), threshold_snowfall=1.0,
            threshold_depth=1.0, can_slide_coefficient=-80.0, slide_amount_coefficient=0.197)
        assert np.array_equal(row, reference.to_numpy()), tilt


def test_coverage_many_by_hand_after_a_snowfall():
    index = pd.date_range("2023-01-01", periods=48, freq="h", tz="Europe/Stockholm")
    fall = pd.Series(0.0, index=index)
    fall.iloc[0] = 5.0
    depth = pd.Series(20.0, index=index)
    poa = np.vstack([np.zeros(48), np.full(48, 600.0)])
    cold = snow.coverage_many(fall, poa, pd.Series(-10.0, index=index), [30.0, 30.0], depth)
    assert (cold[0] == 1.0).all()                  # dark and −10 °C: −10 > 0/−80 is false, never slides
    # 600 W/m² at −5 °C: −5 > 600/−80 = −7.5, so it slides 0.197 · sin 30° ≈ 0.0985 per hour from hour 1
    warm = snow.coverage_many(fall, poa, pd.Series(-5.0, index=index), [30.0, 30.0], depth)[1]
    assert warm[0] == 1.0 and warm[1] == pytest.approx(1 - 0.0985, abs=1e-4)
    assert warm[10] == pytest.approx(1 - 10 * 0.0985, abs=1e-4)   # ten slides: 1.5 % left
    assert (warm[11:] == 0.0).all()                                  # 11 × 0.0985 > 1: all gone


def test_coverage_many_refuses_rows_that_do_not_match_the_tilts():
    index = pd.date_range("2023-01-01", periods=24, freq="h", tz="Europe/Stockholm")
    zero = pd.Series(0.0, index=index)
    with pytest.raises(ValueError, match="rad"):
        snow.coverage_many(zero, np.zeros((2, 24)), zero, [30.0])
    with pytest.raises(TypeError, match="måste"):
        snow.coverage_many(zero, "mycket sol", zero, [30.0])
