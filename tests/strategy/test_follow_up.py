"""Follow-up model (models.strategy.follow_up, .kolada): target paths, trend projection (LAD vs least
squares), the status rule, by hand. The scorecard on real data and its Excel export are tested in
tests/lessons/strategi/test_uppfoljning.py."""
import math

import pandas as pd
import pytest

from models.strategy import follow_up as fu
from models.strategy import kolada

# 2015-2020 on a line with slope -10, except one outlier year (2017: 300 instead of 130).
OUTLIER = pd.Series([150.0, 140.0, 300.0, 120.0, 110.0, 100.0], index=range(2015, 2021))


def test_target_path_geometric_and_linear():
    # Halving every year: 100, 50, 25. Linear 40 -> 100 over three years: +20 per year.
    assert fu.target_path(100, 2024, 25, 2026).tolist() == pytest.approx([100, 50, 25])
    assert fu.target_path(40, 2025, 100, 2028, "linear").tolist() == pytest.approx([40, 60, 80, 100])
    with pytest.raises(ValueError, match='shape="linear"'):
        fu.target_path(100, 2024, 0, 2030)
    with pytest.raises(ValueError, match="efter start_year"):
        fu.target_path(100, 2030, 50, 2030)


def test_lad_ignores_the_outlier_least_squares_does_not():
    # LAD: slope -10 through the five regular points; from 100 in 2020 -> 2025: 100 - 5·10 = 50.
    assert fu.trend_projection(OUTLIER, 2025, "lad") == pytest.approx(50)
    # Least squares: x - 2017.5 = -2.5 … 2.5, Σdx² = 17.5, Σdx·y = -375 - 210 - 150 + 60 + 165 + 250 = -260,
    # slope = -260/17.5 = -14.857…; 2025: 100 - 5·14.857… = 25.714…
    assert fu.trend_projection(OUTLIER, 2025, "least_squares") == pytest.approx(100 - 5 * 260 / 17.5)


def test_the_outlier_changes_the_status():
    # Target 40 in 2025, latest 100: needed change 60, tolerance band 0.2·60 = 12.
    # LAD 50 misses by 10 ≤ 12 -> risk; least squares 25.7 meets the target -> på rätt spår.
    a = fu.assess(OUTLIER, 40, 2025)
    assert a["status_lad"] == "risk" and a["status_least_squares"] == "på rätt spår"
    assert a["status"] == a["status_lad"]
    assert fu.assess(OUTLIER, 40, 2025, method="least_squares")["status"] == "på rätt spår"
    # Share of needed change (LAD): (50 - 100)/(40 - 100) = 83.3 %.
    assert a["share_of_needed_change_pct"] == pytest.approx(50 / 60 * 100)


def test_projection_bounds():
    assert fu.trend_projection(OUTLIER, 2040) == 0  # 100 - 20·10 < 0 -> floored at 0
    rising = pd.Series([60.0, 80.0, 100.0], index=[2023, 2024, 2025])
    assert fu.trend_projection(rising, 2030, upper=100.0) == 100  # a share cannot exceed 100 %
    assert fu.trend_projection(rising, 2030, upper=None) == pytest.approx(200)


@pytest.mark.parametrize("projection, expected", [
    (49.0, "på rätt spår"),     # below the target
    (50.0, "på rätt spår"),     # exactly on the target
    (50.001, "risk"),           # just above
    (60.0, "risk"),             # miss 10 = 0.2 · |50 - 100|: the edge of the band
    (60.001, "fel spår"),       # just outside the band
    (120.0, "fel spår"),        # going the wrong way
])
def test_status_boundaries_lower_is_better(projection, expected):
    assert fu.status(100, projection, 50, "lower", 0.2) == expected


@pytest.mark.parametrize("projection, expected", [
    (100.0, "på rätt spår"),
    (88.0, "risk"),             # miss 12 = 0.2 · |100 - 40|
    (87.999, "fel spår"),
])
def test_status_boundaries_higher_is_better(projection, expected):
    assert fu.status(40, projection, 100, "higher", 0.2) == expected


def test_status_with_zero_tolerance_and_zero_needed_change():
    assert fu.status(100, 50.001, 50, "lower", 0) == "fel spår"
    assert fu.status(50, 50, 50) == "på rätt spår"   # already there and staying
    assert fu.status(50, 51, 50) == "fel spår"       # no needed change -> no band


def test_share_of_needed_change():
    assert fu.share_of_needed_change_pct(100, 60, 50) == pytest.approx(80)   # (60-100)/(50-100)
    assert fu.share_of_needed_change_pct(100, 120, 50) == pytest.approx(-40)
    assert math.isnan(fu.share_of_needed_change_pct(50, 60, 50))


def test_assess_without_target_and_bad_input():
    a = fu.assess(OUTLIER, None, 2025)
    assert a["status"] == "mål saknas" and a["projection_lad"] == pytest.approx(50)
    with pytest.raises(ValueError, match="efter senaste år"):
        fu.assess(OUTLIER, 40, 2020)
    with pytest.raises(ValueError, match="Minst två år"):
        fu.assess(pd.Series({2024: 10.0}), 5, 2030)
    with pytest.raises(ValueError, match="tolerance"):
        fu.status(100, 60, 50, tolerance=1.0)
    with pytest.raises(ValueError, match="riktning"):
        fu.status(100, 60, 50, direction="ned")
    with pytest.raises(ValueError, match="trendmetod|metod"):
        fu.trend_projection(OUTLIER, 2025, "median")


# ------------------------------------------------------------------ Kolada constants
def test_kolada_ids_are_unique_and_missing_ones_are_listed():
    ids = [k.kpi_id for k in kolada.KPIS]
    assert len(ids) == len(set(ids))
    assert set(kolada.SECTOR_KPI.values()) <= set(ids)
    missing = kolada.missing_kpis()
    assert "N45945" in missing["Id (Kolada)"].tolist()
    assert "N07702" not in missing["Id (Kolada)"].tolist()
    assert "inte kontrollerade" in kolada.KOLADA_ID_SOURCE
