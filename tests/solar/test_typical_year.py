"""The typical-year generator, validated on Luleå against the real TMYx file.

Reference values: the monthly table of the Luleå file in the book's reference pack (solar.md
§1.2/§1.2b, computed from the file), copied into models.solar.constants with their source.
Tolerances are stated per quantity; they are what the book reports as the generator's error.
"""
from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from models.lessons.solel import platser
from models.solar import constants as C
from models.solar import pv
from models.solar import typical_year as ty

warnings.filterwarnings("ignore", category=RuntimeWarning)


@pytest.fixture(scope="module")
def real():
    return platser.typical_year("Luleå")


@pytest.fixture(scope="module")
def generated():
    return platser.typical_year("Luleå", generated=True)


def test_real_file_matches_the_published_monthly_table(real):
    stats = ty.monthly_statistics(real)
    assert np.allclose(stats["ghi_kwh_m2"], C.LULEA_GHI_KWH_M2, atol=0.01)
    assert np.allclose(stats["diffuse_fraction"], C.LULEA_DIFFUSE_FRACTION, atol=0.001)
    assert np.allclose(stats["temp_mean_c"], C.LULEA_TEMP_MEAN_C, atol=0.01)
    assert stats["snow_days"].tolist() == list(C.LULEA_SNOW_DAYS)
    assert stats["ghi_kwh_m2"].sum() == pytest.approx(C.LULEA_GHI_YEAR_KWH_M2, abs=0.05)


def test_generated_year_has_the_chapter_shape(generated):
    assert len(generated) == 8760
    assert str(generated.index.tz) == "Europe/Stockholm"
    assert generated.index.is_unique and generated.index.is_monotonic_increasing
    assert set(ty.REQUIRED) <= set(generated.columns)
    assert (generated[["ghi", "dni", "dhi"]] >= 0).all().all()
    assert np.isfinite(generated.to_numpy()).all()


def test_generated_monthly_ghi_within_half_a_percent(generated):
    # Each day keeps the file's clear-sky index, so the monthly GHI comes back (tolerance 0.5 %).
    stats = ty.monthly_statistics(generated)
    assert np.allclose(stats["ghi_kwh_m2"], C.LULEA_GHI_KWH_M2, rtol=0.005, atol=0.01)


def test_generated_diffuse_share_within_two_points_march_to_october(generated):
    # Low-sun months (Nov–Feb) carry < 3 % of the year's light; allowed 0.1 there.
    got = ty.monthly_statistics(generated)["diffuse_fraction"].to_numpy()
    want = np.array(C.LULEA_DIFFUSE_FRACTION)
    assert np.abs(got[2:10] - want[2:10]).max() < 0.02
    assert np.abs(got[[0, 1, 10]] - want[[0, 1, 10]]).max() < 0.1
    annual = generated["dhi"].sum() / generated["ghi"].sum()
    assert annual == pytest.approx(359.40 / 944.08, abs=0.01)


def test_temperature_and_snow_days_are_luleas(generated):
    stats = ty.monthly_statistics(generated)
    assert np.allclose(stats["temp_mean_c"], C.LULEA_TEMP_MEAN_C, atol=0.01)
    assert stats["snow_days"].tolist() == list(C.LULEA_SNOW_DAYS)


def test_plane_of_array_45_south_within_3_percent(real, generated):
    real_site = platser.site("Luleå")
    gen_site = platser.site("Luleå", generated=True)
    a = pv.poa(real_site, 45, 180)["poa_global"].sum()
    b = pv.poa(gen_site, 45, 180)["poa_global"].sum()
    assert b == pytest.approx(a, rel=0.03)


def test_annual_yield_within_3_percent(real, generated):
    a = pv.specific_yield(platser.site("Luleå"), 45)
    b = pv.specific_yield(platser.site("Luleå", generated=True), 45)
    assert b == pytest.approx(a, rel=0.03)


def test_not_one_factor_per_month(generated):
    # Real months mix clear and overcast days: the daily clear-sky index must spread widely in June.
    sky = platser.site("Luleå", generated=True).sky
    june = generated.index.month == 6
    day = generated.index[june].normalize()
    kc = generated["ghi"][june].groupby(day).sum() / sky["ghi_clear"][june].groupby(day).sum()
    assert kc.max() - kc.min() > 0.5


def test_kiruna_polar_night_and_midnight_sun():
    kiruna = platser.typical_year("Kiruna")
    stats = ty.monthly_statistics(kiruna)
    assert stats.loc[12, "ghi_kwh_m2"] < 0.1        # 27 days without sun (solar.md §2)
    assert stats["ghi_kwh_m2"].idxmax() == 6
    sky = platser.site("Kiruna").sky
    midsummer = sky.loc["2023-06-21", "apparent_zenith"]
    assert (midsummer < 90).all()                   # the sun never sets
    assert stats["ghi_kwh_m2"].sum() < C.LULEA_GHI_YEAR_KWH_M2


def test_sun_elevation_matches_the_reference_table():
    # Max apparent elevation 21 June: Luleå 47.87°, Kiruna 45.60° (pvlib SPA, solar.md §2),
    # at slightly different coordinates; hourly sampling misses the exact transit by < 0.3°.
    for kommun, want in (("Luleå", 47.87), ("Kiruna", 45.60)):
        sky = platser.site(kommun).sky
        got = 90 - sky.loc["2023-06-21", "apparent_zenith"].min()
        assert got == pytest.approx(want, abs=0.5)


def test_luleas_irradiance_is_centred_on_the_label():
    # Morning and evening clear-sky indices balance with the sun computed at the label.
    weather, sky = platser.typical_year("Luleå"), platser.site("Luleå").sky
    up = sky["ghi_clear"] > 0
    morning = up & (sky["azimuth"] < 180)
    evening = up & (sky["azimuth"] >= 180)
    ratio = (weather["ghi"][morning].sum() / sky["ghi_clear"][morning].sum()) / (
        weather["ghi"][evening].sum() / sky["ghi_clear"][evening].sum())
    assert ratio == pytest.approx(1.0, abs=0.05)


@pytest.mark.parametrize("change, message", [
    (lambda w: w.iloc[:100], "8760"),
    (lambda w: w.drop(columns="ghi"), "ghi"),
    (lambda w: w.assign(ghi=np.nan), "ogiltiga"),
    (lambda w: w.assign(dni=-1.0), "negativ"),
    (lambda w: w.tz_localize(None), "tidszon"),
])
def test_bad_weather_is_refused_in_swedish(real, change, message):
    with pytest.raises(ValueError, match=message):
        ty.check_weather(change(real))


def test_bad_coordinates():
    index = pd.date_range("2023-01-01", periods=8760, freq="h", tz=C.TZ)
    with pytest.raises(ValueError, match="latitud"):
        ty.clear_sky(index, 95, 20)


def _transfer_by_groupby(reference, ref_sky, sky):
    """The transfer written with pandas groupby sums (the model's first formulation): the reference for the
    array version the generator uses."""
    low, top = C.LOW_SUN_CLEARSKY_W_M2, C.MAX_CLEARSKY_INDEX
    ghi, ref_clear, clear = reference["ghi"].astype(float), ref_sky["ghi_clear"], sky["ghi_clear"]
    day, month = reference.index.normalize(), reference.index.month

    def index_with_day_fill():
        daily = ghi.groupby(day).transform("sum") / ref_clear.groupby(day).transform("sum").replace(0, np.nan)
        monthly = ghi.groupby(month).transform("sum") / ref_clear.groupby(month).transform("sum").replace(0, np.nan)
        hourly = ghi / ref_clear.where(ref_clear >= low)
        return hourly.fillna(daily.fillna(monthly).fillna(0.0)).clip(0.0, top)

    kc_hourly = ghi / ref_clear.where(ref_clear >= low)
    daily = (ghi.groupby(day).transform("sum") / ref_clear.groupby(day).transform("sum").replace(0, np.nan))
    daily = daily.fillna(index_with_day_fill()).clip(0.0, top)
    kc = kc_hourly.where((ref_clear >= low) & (clear >= low), daily).fillna(daily).clip(0.0, top)
    raw = clear * kc
    scale = (clear.groupby(day).transform("sum") * daily / raw.groupby(day).transform("sum").replace(0, np.nan))
    return (raw * scale.fillna(0.0)).to_numpy()


@pytest.mark.parametrize("kommun", ["Kiruna", "Haparanda", "Arjeplog"])
def test_the_transfer_is_the_groupby_formulation(real, kommun):
    ref_sky, sky = platser.site("Luleå").sky, platser.site(kommun).sky
    expected = _transfer_by_groupby(real, ref_sky, sky)
    got = ty._transfer(real, ref_sky, sky)
    assert np.allclose(got, expected, rtol=1e-12, atol=1e-9)
    # and each day keeps the place's clear-sky day × the reference day's clear-sky index (never more than 0 if dark)
    assert (got >= 0).all()


def test_clearsky_index_by_hand():
    """Hourly GHI ÷ clear-sky GHI; in low-sun hours the day's index, on a day without clear-sky light the month's."""
    index = pd.date_range("2023-12-20", periods=48, freq="h", tz=C.TZ)
    clear, ghi = np.zeros(48), np.zeros(48)
    clear[10:14], ghi[10:14] = 100.0, 50.0          # sun up: index 0.5
    clear[[9, 14]], ghi[[9, 14]] = 20.0, 20.0       # low sun (< 50 W/m²): the day's (200 + 40) / (400 + 40)
    ghi[24 + 12] = 5.0                              # day 2: no clear-sky light, the month's (245 / 440)
    kc = ty.clearsky_index(pd.Series(ghi, index=index), pd.Series(clear, index=index))
    assert kc.iloc[10:14].tolist() == pytest.approx([0.5] * 4)
    assert kc.iloc[[0, 9, 14, 23]].tolist() == pytest.approx([240 / 440] * 4)
    assert kc.iloc[24:].tolist() == pytest.approx([245 / 440] * 24)
