"""The sun's position with the time-only steps kept: pvlib's get_solarposition number for number."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pvlib
import pytest

from models.lessons.solel import platser
from models.solar import sun_position as sp
from models.solar import typical_year as ty

HOURS = pd.date_range("2023-01-01 00:30", periods=8760, freq="h", tz="Europe/Stockholm")
STEPS = pd.date_range("2023-06-01", periods=3 * 144, freq="10min", tz="Europe/Stockholm")


@pytest.mark.parametrize("times", [HOURS, STEPS], ids=["timmar", "tiominuter"])
@pytest.mark.parametrize("place", [(65.58, 22.15, 10.0), (67.85, 20.22, 530.0), (-33.9, 151.2, 0.0),
                                   (0.0, -179.5, 2500.0)])
def test_equals_pvlib_get_solarposition_exactly(times, place):
    lat, lon, alt = place
    reference = pvlib.solarposition.get_solarposition(times, lat, lon, altitude=alt)
    ours = sp.solar_position(times, lat, lon, alt)
    assert list(ours.columns) == list(reference.columns) and ours.index.equals(times)
    for column in reference.columns:
        assert np.array_equal(ours[column].to_numpy(), reference[column].to_numpy()), column


def test_a_second_place_on_the_same_times_reuses_nothing_of_the_first():
    first = sp.solar_position(HOURS, 65.58, 22.15, 10.0)
    kiruna = sp.solar_position(HOURS, 67.85, 20.22, 530.0)
    again = sp.solar_position(HOURS, 65.58, 22.15, 10.0)
    assert not np.allclose(first["azimuth"], kiruna["azimuth"])
    assert first.equals(again)


def test_midsummer_noon_in_lulea_by_hand():
    # 21 June: declination 23.44°, so the highest sun is 90 − 65.58 + 23.44 ≈ 47.9° (plus ~0.02° refraction)
    times = pd.date_range("2023-06-21", periods=24 * 60, freq="min", tz="Europe/Stockholm")
    highest = sp.solar_position(times, 65.58, 22.15, 0.0)["apparent_elevation"].max()
    assert highest == pytest.approx(90 - 65.58 + 23.44, abs=0.1)


def test_the_typical_years_sky_uses_it():
    lat, lon, alt = platser.coordinates("Kiruna")
    index = platser.typical_year("Luleå").index
    with platser.quiet():
        sky = platser.site("Kiruna").sky
        reference = pvlib.solarposition.get_solarposition(ty.sun_times(index), lat, lon, altitude=alt)
    assert np.array_equal(sky["apparent_zenith"].to_numpy(), reference["apparent_zenith"].to_numpy())


@pytest.mark.parametrize("bad, error", [
    (dict(times="2023-01-01"), TypeError), (dict(times=HOURS[:0]), ValueError),
    (dict(latitude=95.0), ValueError), (dict(longitude="öst"), TypeError), (dict(altitude=20_000.0), ValueError)])
def test_bad_input_gives_a_swedish_error(bad, error):
    args = dict(times=HOURS[:24], latitude=65.58, longitude=22.15, altitude=0.0) | bad
    with pytest.raises(error) as caught:
        sp.solar_position(**args)
    assert any(ch in str(caught.value) for ch in "åäö") or "måste" in str(caught.value)


@pytest.mark.parametrize("times", [HOURS, STEPS], ids=["timmar", "tiominuter"])
def test_apparent_elevation_alone_equals_pvlib_exactly(times):
    reference = pvlib.solarposition.get_solarposition(times, 67.85, 20.22, altitude=530.0)["apparent_elevation"]
    ours = sp.apparent_elevation(times, 67.85, 20.22, 530.0)
    assert ours.index.equals(times) and np.array_equal(ours.to_numpy(), reference.to_numpy())


def test_apparent_elevation_bad_input():
    with pytest.raises(ValueError, match="latitud"):
        sp.apparent_elevation(HOURS[:24], 95.0, 22.15)
