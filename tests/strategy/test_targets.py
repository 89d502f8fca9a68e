"""Restating the national targets for one kommun (models.strategy.targets), by hand.

The same on each kommun's SMHI data is tested in tests/lessons/strategi/test_mal_och_budget.py.
"""
import pandas as pd
import pytest

from models.strategy import targets as tg

LABELS = {"domestic_transport": "Transporter", "industry_energy_and_processes": "Industri", "other": "Övrigt"}
# A made-up kommun [t CO2e/yr]: total 1990 = 1000, 2005 = 800, 2010 = 700, 2024 = 400.
SECTORS = pd.DataFrame({
    "domestic_transport": [200.0, 200.0, 100.0, 50.0],
    "industry_energy_and_processes": [500.0, 400.0, 300.0, 150.0],
    "other": [300.0, 200.0, 300.0, 200.0],
}, index=pd.Index([1990, 2005, 2010, 2024], name="year"))


def test_levels_and_cuts_by_hand():
    t = tg.restate_targets(SECTORS, LABELS)
    assert list(t.index) == [target.key for target in tg.TARGETS]
    # Sweden 2045: -85 % of 1990 = 150 t; from 400 t in 2024 over 21 years:
    # 1 - (150/400)^(1/21) = 4.5638 % per year
    assert t.loc["sweden_2045", "target_level_t"] == pytest.approx(150.0)
    assert t.loc["sweden_2045", "annual_cut_needed_pct"] == pytest.approx(100 * (1 - (150 / 400) ** (1 / 21)))
    assert t.loc["sweden_2045", "change_since_base_pct"] == pytest.approx(-60.0)
    assert t.loc["sweden_2045", "remaining_cut_pct"] == pytest.approx(62.5)
    # EU ESR 2030: -50 % of 2005 = 400 t = today's level -> already met, no cut needed
    assert t.loc["esr_2030", "target_level_t"] == pytest.approx(400.0)
    assert t.loc["esr_2030", "annual_cut_needed_pct"] == 0.0
    # transport 2030: -70 % of 2010 = 30 t; 1 - (30/50)^(1/6) = 8.1706 % per year
    assert t.loc["transport_2030", "base_t"] == 100.0
    assert t.loc["transport_2030", "annual_cut_needed_pct"] == pytest.approx(100 * (1 - 0.6 ** (1 / 6)))
    assert t.loc["transport_2030", "measured_sv"] == "Sektorn Transporter"
    assert (t["latest_year"] == 2024).all()


def test_excluded_sectors_leave_the_totals_not_the_sector_target():
    t = tg.restate_targets(SECTORS, LABELS, exclude_sectors=["industry_energy_and_processes"])
    # without industry: 1990 = 500, 2024 = 250
    assert t.loc["sweden_2045", "base_t"] == 500.0 and t.loc["sweden_2045", "latest_t"] == 250.0
    assert t.loc["sweden_2045", "measured_sv"].endswith("utom Industri")
    assert t.loc["transport_2030", "base_t"] == 100.0


def test_covenant_row_with_the_kommuns_base_year():
    t = tg.restate_targets(SECTORS, LABELS, com_base_year=2005)
    row = t.loc["covenant_2030"]
    # -40 % of 800 t = 480 t, above 400 t today: already met, negative remaining cut 1 - 480/400
    assert (row["base_year"], row["target_year"], row["reduction_pct"]) == (2005, 2030, 40.0)
    assert row["target_level_t"] == pytest.approx(480.0)
    assert row["annual_cut_needed_pct"] == 0.0
    assert row["remaining_cut_pct"] == pytest.approx(-20.0)


@pytest.mark.parametrize("base_year, fragment", [(1989, "1990"), (2030, "2030"), (2031, "2030"), ("1990", '"1990"')])
def test_covenant_base_year_from_1990_and_before_2030(base_year, fragment):
    with pytest.raises(ValueError, match=fragment):
        tg.covenant_target(base_year)


def test_covenant_base_year_range_ends():
    assert tg.covenant_target(1990).base_year == 1990
    assert tg.covenant_target(2029).base_year == 2029


def test_a_base_year_missing_from_the_data_is_named():
    with pytest.raises(ValueError, match="2000"):
        tg.restate_targets(SECTORS, LABELS, com_base_year=2000)


def test_bad_arguments():
    with pytest.raises(TypeError, match="pandas.DataFrame"):
        tg.restate_targets(SECTORS.to_dict(), LABELS)
    with pytest.raises(TypeError, match="Target"):
        tg.restate_targets(SECTORS, LABELS, targets=["okänd", "okänd"])
    with pytest.raises(ValueError, match='"steel"'):
        tg.restate_targets(SECTORS, LABELS, exclude_sectors=["steel"])


def test_zero_emissions_now_need_no_cut():
    zero = SECTORS.copy()
    zero.loc[2024] = 0.0
    t = tg.restate_targets(zero, LABELS)
    assert (t["annual_cut_needed_pct"] == 0.0).all()
    # -100 % against every base year, never an infinite or NaN change
    assert t["change_since_base_pct"].tolist() == pytest.approx([-100.0] * len(t))
