"""The cold-climate band against the cited study values."""
import numpy as np
import pytest

from models import transport as t
from models.transport import constants as c


@pytest.mark.parametrize("temp, increase", [(-10, 0.294), (-20, 0.392), (-30, 0.49)])
def test_central_case_is_the_linear_098_rule(temp, increase):
    # transport.md M4 (computed from 0.98 %/°C, 20 °C reference): +29 % at −10, +39 % at −20, +49 % at −30 °C
    assert t.ev_consumption(1.0, temp) == pytest.approx(1 + increase)


def test_high_case_meets_geotab_at_minus_15():
    # Geotab 2020: 54 % of rated range at −15 °C, 115 % at the optimum -> consumption 1.15/0.54 of the best
    assert t.temperature_factor(-15, "high") == pytest.approx(1.15 / 0.54)


def test_low_case_meets_naf_2022_middle():
    # NAF / Motor El Prix 2022: 11–21 % shorter range at 0 to −10 °C; middle 16 % at −5 °C
    assert t.temperature_factor(-5, "low") == pytest.approx(1 / 0.84)


def test_band_is_ordered_and_one_at_reference():
    temps = np.arange(-40, 20, 5.0)
    low, mid, high = (t.temperature_factor(temps, k) for k in ("low", "central", "high"))
    assert np.all(low < mid) and np.all(mid < high)
    for k in c.CASES:
        assert t.temperature_factor(20, k) == 1.0


def test_cooling_above_reference():
    assert t.temperature_factor(30) == pytest.approx(1 + 10 * 0.0063)


def test_vectorised_over_temperatures_and_bases():
    out = t.ev_consumption(np.array([0.15, 0.2]), np.array([20.0, -10.0]))
    assert out == pytest.approx([0.15, 0.2 * 1.294])
    assert isinstance(t.ev_consumption(0.15, -10), float)


def test_annual_factor_is_day_weighted_mean_of_lulea_months():
    expected = sum(d * (1 + 0.0098 * (20 - m)) for d, m in zip(c.DAYS_IN_MONTH, c.LULEA_MONTHLY_MEAN_C)) / 365
    assert t.annual_factor() == pytest.approx(expected)


def test_range_check_hand_calculation():
    # 64 kWh, 20 % reserve -> 51.2 kWh; at −20 °C central 0.15 * 1.392 = 0.2088 kWh/km -> 245.2 km
    out = t.range_check([200, 300, 400, 700], 0.15, 64, -20)
    assert out["range_km"].iloc[0] == pytest.approx(51.2 / 0.2088)
    assert out["verdict"].tolist() == ["now", "larger_battery", "charge_stop", "renewable_fuel"]
    # preheating on grid power adds 25 km (Fossilfritt Sverige: 2–3 mil)
    pre = t.range_check([260], 0.15, 64, -20, preheated=True)
    assert pre["range_km"].iloc[0] == pytest.approx(51.2 / 0.2088 + 25)
    assert pre["verdict"].iloc[0] == "now"


def test_norrbotten_heating_share_is_between_low_and_high():
    # ≈25 % of the energy to heating "in severe cold" on longer trips (temperature not stated)
    # -> factor 1/(1 − 0.25) = 1.33: inside the band at −20 °C, close to its low edge
    f = 1 / (1 - c.NORRBOTTEN_HEATING_SHARE)
    assert t.temperature_factor(-20, "low") < f < t.temperature_factor(-20, "central")


@pytest.mark.parametrize("args, match", [
    ((0.15, -10, "medel"), "fall"), ((-0.1, -10), "större än 0"), ((0.15, "kallt"), "tal"),
    ((0.15, -80), "mellan"), ((0.15, float("nan")), "mellan"),
])
def test_bad_input(args, match):
    with pytest.raises(ValueError, match=match):
        t.ev_consumption(*args)


def test_range_check_rejects_bad_reserve_and_negative_km():
    with pytest.raises(ValueError, match="reserv"):
        t.range_check([100], 0.15, 64, -20, reserve=1.2)
    with pytest.raises(ValueError, match="längsta"):
        t.range_check([-100], 0.15, 64, -20)
