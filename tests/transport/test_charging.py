"""Charging need per site and the public-charging projection, against hand calculations."""
import math

import pandas as pd
import pytest

from models import transport as t


def site_fleet():
    return pd.DataFrame({"home_site": ["Hemtjänsten"] * 3 + ["Stadshuset"],
                         "vehicle_class": ["car", "car", "car", "car"],
                         "fuel": ["electricity", "electricity", "diesel", "electricity"],
                         "typical_daily_km": [80.0, 100.0, 50.0, 40.0],
                         "longest_daily_km": [120.0, 200.0, 90.0, 60.0],
                         "parking_power": [True, False, True, True]})


def test_energy_power_points_and_peaks_hand_calculation():
    out = t.charging_need(site_fleet(), temp_c=-20, dwell_hours=10, charger_kw=7.4)
    e = 0.15 * 1.392                                   # kWh/km at −20 °C, central
    h = out.loc["Hemtjänsten"]
    assert h["ev_count"] == 2 and h["charge_points"] == 2 and h["without_power"] == 1
    assert h["energy_day_kwh"] == pytest.approx((80 + 100) * e)
    assert h["energy_day_max_kwh"] == pytest.approx((120 + 200) * e)
    assert h["min_power_per_vehicle_kw"] == pytest.approx(200 * e / 10)
    assert h["peak_kw_unmanaged"] == pytest.approx(2 * 7.4)
    assert h["peak_kw_managed"] == pytest.approx(320 * e / 10)        # energy spread over the dwell time
    assert h["fuse_a"] == pytest.approx(320 * e / 10 * 1000 / (math.sqrt(3) * 400))
    assert not h["points_too_weak"]


def test_managed_peak_never_above_unmanaged():
    out = t.charging_need(site_fleet(), temp_c=-30, dwell_hours=1, charger_kw=3.7)
    assert (out["peak_kw_managed"] <= out["peak_kw_unmanaged"] + 1e-9).all()
    assert out.loc["Hemtjänsten", "points_too_weak"]


def test_site_without_evs_has_zero_need():
    f = site_fleet().assign(fuel="diesel")
    out = t.charging_need(f)
    assert (out["charge_points"] == 0).all() and (out["peak_kw_managed"] == 0).all()


def test_efficiency_raises_energy():
    a = t.charging_need(site_fleet(), efficiency=1.0).loc["Stadshuset", "energy_day_kwh"]
    b = t.charging_need(site_fleet(), efficiency=0.8).loc["Stadshuset", "energy_day_kwh"]
    assert b == pytest.approx(a / 0.8)


@pytest.mark.parametrize("kwargs, match", [(dict(dwell_hours=0), "ståtid"), (dict(charger_kw=0), "effekt"),
                                           (dict(efficiency=1.2), "verkningsgrad"), (dict(case="x"), "fall")])
def test_bad_input(kwargs, match):
    with pytest.raises(ValueError, match=match):
        t.charging_need(site_fleet(), **kwargs)


def test_projection_hand_calculation():
    # 100 vehicles in 2023, 144 in 2025: +20 %/yr; 5 years later 144 × 1.2^5 = 358.3; × 0.1 points per vehicle
    out = t.public_charging_projection(pd.Series([100.0]), pd.Series([144.0]), pd.Series([10.0]), 2, 5, 0.1)
    assert out.loc[0, "growth_pct_per_year"] == pytest.approx(20.0)
    assert out.loc[0, "vehicles_projected"] == pytest.approx(144 * 1.2 ** 5)
    assert out.loc[0, "points_missing"] == pytest.approx(144 * 1.2 ** 5 * 0.1 - 10)
    lin = t.public_charging_projection(pd.Series([100.0]), pd.Series([144.0]), pd.Series([10.0]), 2, 5, 0.1, "linear")
    assert lin.loc[0, "vehicles_projected"] == pytest.approx(144 + 22 * 5)


def test_projection_rejects_bad_input():
    with pytest.raises(ValueError, match="tillväxt"):
        t.public_charging_projection([1.0], [2.0], [1.0], 2, 5, 0.1, growth="magisk")
    with pytest.raises(ValueError, match="större än 0"):
        t.public_charging_projection([0.0], [2.0], [1.0], 2, 5, 0.1)
