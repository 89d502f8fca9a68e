"""Self-consumption and self-sufficiency against hand cases; the illustrative load profiles."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models.solar import selfconsumption as sc

INDEX = pd.date_range("2023-01-01", periods=8760, freq="h", tz="Europe/Stockholm")


def test_balance_by_hand():
    prod = pd.Series(0.0, index=INDEX)
    load = pd.Series(1.0, index=INDEX)
    prod.iloc[:10] = 3.0           # 30 kWh produced, 10 used, 20 exported
    result = sc.balance(prod, load)
    assert result["self_used_kwh"] == pytest.approx(10.0)
    assert result["exported_kwh"] == pytest.approx(20.0)
    assert result["self_consumption"] == pytest.approx(10 / 30)
    assert result["self_sufficiency"] == pytest.approx(10 / 8760)
    assert result["bought_kwh"] == pytest.approx(8750.0)


def test_balance_by_size_matches_single_balances():
    prod = pd.Series(np.where(INDEX.hour == 12, 2.0, 0.0), index=INDEX)
    load = pd.Series(1.0, index=INDEX)
    table = sc.balance_by_size(prod, load, [0.25, 0.5, 2.0])
    # 0.25 kWp: all 0.5 kWh used; 0.5 kWp: 1 kWh used; 2 kWp: 4 kWh made, 1 kWh used per day
    assert table["self_consumption"].tolist() == pytest.approx([1.0, 1.0, 0.25])
    assert table["self_used_kwh"].tolist() == pytest.approx([0.5 * 365, 365, 365])


@pytest.mark.parametrize("name", sorted(sc.PROFILES))
def test_profiles_sum_to_the_annual_use(name):
    load = sc.load_profile(name, 123_456, INDEX)
    assert load.sum() == pytest.approx(123_456)
    assert (load > 0).all()


def test_school_summer_break_and_sports_hall_evenings():
    school = sc.load_profile("skola", 100_000, INDEX)
    assert school["2023-07"].mean() < 0.5 * school["2023-03"].mean()
    hall = sc.load_profile("idrottshall", 100_000, INDEX)
    weekday = hall["2023-03-01"]
    assert weekday.iloc[18] > weekday.iloc[10]


@pytest.mark.parametrize("load, message", [
    (np.ones(100), "8760"),
    (np.r_[np.ones(8759), np.nan], "tomma"),
    (np.r_[np.ones(8759), -1.0], "negativ"),
    ("mycket", "8760|tal"),
])
def test_bad_load_files(load, message):
    with pytest.raises(ValueError, match=message):
        sc.check_load(load, INDEX)


def test_unknown_profile():
    with pytest.raises(ValueError, match="lastprofil"):
        sc.load_profile("fabrik", 1000, INDEX)


@pytest.mark.parametrize("seed", range(12))
def test_balance_by_size_is_the_hourly_minimum_summed(seed):
    """The sorted-ratio sum against its definition, Σ min(size × production, load), on random years
    with dark hours, hours without load, and sizes from far below to far above every ratio."""
    rng = np.random.default_rng(seed)
    per_kwp = np.where(rng.random(8760) < 0.5, 0.0, rng.random(8760) * (0.001, 1.0, 100.0)[seed % 3])
    load = rng.random(8760) * (0.5, 1.0, 50.0)[seed % 3] * (rng.random(8760) < 0.9)
    sizes = np.r_[np.sort(rng.random(10) * (0.01, 10.0, 1000.0)[seed // 4] + 1e-6), 1e6]
    table = sc.balance_by_size(pd.Series(per_kwp, index=INDEX), pd.Series(load, index=INDEX), sizes)
    expected = np.minimum(sizes[:, None] * per_kwp[None, :], load[None, :]).sum(axis=1)
    assert table["self_used_kwh"].to_numpy() == pytest.approx(expected, rel=1e-10, abs=1e-9)
    assert (table["exported_kwh"] >= 0).all() and (table["bought_kwh"] >= 0).all()
