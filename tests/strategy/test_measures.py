"""Measures in sequence, the gap and the coverage (models.strategy.measures), by hand."""
import numpy as np
import pandas as pd
import pytest

from models.strategy import CARBON_LAW_REDUCTION_RATE, macc
from models.strategy.measures import apply_in_sequence, gap_coverage, gap_to_target, sequential_macc


def _one_measure(**changes):
    row = {"measure": "Ny panna", "sector": "A", "abatement_t_per_year": 100.0, "investment_sek": 1_000_000.0,
           "running_cost_change_sek_per_year": 20_000.0, "energy_cost_change_sek_per_year": -50_000.0,
           "lifetime_years": 10}
    row.update(changes)
    return pd.DataFrame([row])


def test_cost_per_tonne_by_hand():
    # 1.04^10 = 1.4802443; CRF = 0.04 · 1.4802443 / 0.4802443 = 0.1232909
    # annuity 1 000 000 · 0.1232909 = 123 290.94 kr/yr; + 20 000 - 50 000 = 93 290.94 kr/yr
    # / 100 t = 932.91 kr/t
    curve = macc(_one_measure(), 0.04)
    assert curve.loc[0, "crf"] == pytest.approx(0.123291, abs=5e-7)
    assert curve.loc[0, "net_annual_cost_sek_per_year"] == pytest.approx(93_290.94, abs=0.01)
    assert curve.loc[0, "cost_per_tonne"] == pytest.approx(932.9094, abs=1e-4)


def _pair():
    # Two measures in sector A (1 000 t) and one in sector B (500 t); no investments, so the
    # cost per tonne is simply the yearly cost divided by the tonnes.
    return pd.DataFrame({
        "measure": ["X", "Y", "Z"],
        "sector": ["A", "A", "B"],
        "abatement_t_per_year": [200.0, 100.0, 50.0],
        "investment_sek": [0.0, 0.0, 0.0],
        "running_cost_change_sek_per_year": [10_000.0, 2_000.0, 5_000.0],
        "energy_cost_change_sek_per_year": [0.0, 0.0, 0.0],
        "lifetime_years": [1, 1, 1],
    })


SECTORS = {"A": 1_000.0, "B": 500.0}


def test_apply_in_sequence_by_hand():
    # X first: share 200/1000 = 0.2 of 1000 -> 200 t; 800 t left in A.
    # Y next: share 100/1000 = 0.1 of 800 -> 80 t (not 100); Z in sector B is untouched: 50 t.
    result = apply_in_sequence(_pair(), SECTORS)
    np.testing.assert_allclose(result["abatement_t_per_year"], [200.0, 80.0, 50.0])
    np.testing.assert_allclose(result["interaction_loss_t_per_year"], [0.0, 20.0, 0.0])
    np.testing.assert_allclose(result["sector_remaining_before_t"], [1000.0, 800.0, 500.0])
    np.testing.assert_allclose(result["abatement_share"], [0.2, 0.1, 0.1])
    assert list(result["sequence"]) == [1, 2, 3]


def test_sequence_order_changes_the_split_not_the_total():
    # Y first: 100 t, 900 t left; X: 0.2 · 900 = 180 t. Total in A both ways:
    # 1000 · (1 - 0.8 · 0.9) = 280 t.
    result = apply_in_sequence(_pair(), SECTORS, order=["Y", "X", "Z"])
    assert list(result["measure"]) == ["Y", "X", "Z"]
    np.testing.assert_allclose(result["abatement_t_per_year"], [100.0, 180.0, 50.0])
    assert result.loc[result["sector"] == "A", "abatement_t_per_year"].sum() == pytest.approx(280.0)


def test_sequential_macc_by_hand():
    # Stand-alone: X 10 000/200 = 50 kr/t, Y 2 000/100 = 20 kr/t, Z 5 000/50 = 100 kr/t.
    # Cheapest first: Y (100 t), X on what is left: 0.2 · 900 = 180 t -> 10 000/180 = 55.56 kr/t.
    curve = sequential_macc(_pair(), SECTORS, 0.04)
    assert list(curve["measure"]) == ["Y", "X", "Z"]
    np.testing.assert_allclose(curve["cost_per_tonne"], [20.0, 10_000 / 180, 100.0])
    np.testing.assert_allclose(curve["cumulative_abatement"], [100.0, 280.0, 330.0])
    np.testing.assert_allclose(curve["standalone_abatement_t_per_year"], [100.0, 200.0, 50.0])


def test_negative_cost_gets_more_negative_per_tonne_when_abatement_shrinks():
    # A saving of 10 000 kr/yr: -50 kr/t stand-alone (200 t); after Y, 180 t -> -55.56 kr/t.
    measures = _pair()
    measures.loc[0, "running_cost_change_sek_per_year"] = -10_000.0
    curve = sequential_macc(measures, SECTORS, 0.04)
    x = curve.set_index("measure").loc["X"]
    # X is now cheapest (-50 < 20), so it goes first and keeps its 200 t; Y gets 0.1 · 800 = 80 t.
    assert x["cost_per_tonne"] == pytest.approx(-50.0)
    assert curve.set_index("measure").loc["Y", "cost_per_tonne"] == pytest.approx(2_000 / 80)


def test_gap_to_target_by_hand():
    # 0.8828^2 = 0.77933584; ^3 = 0.68799768; ^6 = 0.68799768^2 = 0.47334081
    # target = 1000 · 0.47334081 = 473.34 t; gap = 526.66 t
    gap = gap_to_target(1000.0, 2024, 2030, CARBON_LAW_REDUCTION_RATE)
    assert gap["target_emissions_t"] == pytest.approx(473.34081, abs=1e-5)
    assert gap["gap_t_per_year"] == pytest.approx(526.65919, abs=1e-5)
    assert (gap["base_year"], gap["target_year"]) == (2024, 2030)


def test_gap_coverage_counts_start_year_and_sector():
    curve = sequential_macc(_pair(), SECTORS, 0.04).assign(start_year=[2026, 2031, 2025])
    # Y (2026, A) counted: 100; X starts 2031 > 2030: not counted; Z (B) counted: +50 -> 150.
    coverage = gap_coverage(curve, 300.0, target_year=2030)
    assert list(coverage["counted"]) == [True, False, True]
    np.testing.assert_allclose(coverage["cumulative_counted_t"], [100.0, 100.0, 150.0])
    np.testing.assert_allclose(coverage["share_of_gap_pct"], [100 / 3, 100 / 3, 50.0])
    assert not coverage["gap_closed"].any()
    # Only sector A in the gap: Z is not counted either.
    only_a = gap_coverage(curve, 100.0, target_year=2030, sectors=["A"])
    assert list(only_a["counted"]) == [True, False, False]
    assert list(only_a["gap_closed"]) == [True, True, True]


@pytest.mark.parametrize(
    "sectors, fragment",
    [
        ({"A": 1000.0}, 'sektorn "B"'),            # Z's sector missing
        ({"A": 150.0, "B": 500.0}, "mer än hela sektorn"),  # X removes 200 of 150 t
        ({"A": 1000.0, "B": -1.0}, "negativ"),
    ],
)
def test_apply_in_sequence_rejects(sectors, fragment):
    with pytest.raises(ValueError, match=fragment):
        apply_in_sequence(_pair(), sectors)


def test_apply_in_sequence_names_the_file_row():
    measures = _pair().assign(source_row=[2, 3, 5])
    with pytest.raises(ValueError, match=r'"Z" \(rad 5\)'):
        apply_in_sequence(measures, {"A": 1000.0, "B": 10.0})


def test_nothing_left_in_the_sector():
    measures = _pair()
    measures.loc[0, "abatement_t_per_year"] = 1000.0  # X removes all of A
    with pytest.raises(ValueError, match="ingen effekt kvar"):
        apply_in_sequence(measures, SECTORS)


def test_bad_order_and_input():
    with pytest.raises(ValueError, match="exakt en gång"):
        apply_in_sequence(_pair(), SECTORS, order=["X", "Y"])
    with pytest.raises(ValueError, match="sector"):
        apply_in_sequence(_pair().drop(columns="sector"), SECTORS)
    with pytest.raises(ValueError, match="större än 0"):
        apply_in_sequence(_pair().assign(abatement_t_per_year=[1.0, 0.0, 1.0]), SECTORS)
    with pytest.raises(ValueError, match="målår"):
        gap_to_target(1000.0, 2024, 2024, 0.1)
    with pytest.raises(ValueError, match="gap"):
        gap_coverage(macc(_pair(), 0.04), -1.0)


def test_input_is_not_modified():
    measures = _pair()
    before = measures.copy()
    sequential_macc(measures, SECTORS, 0.04)
    pd.testing.assert_frame_equal(measures, before)


def test_apply_in_sequence_and_macc_keep_the_tables_attrs():
    # a table's attrs (e.g. where it came from) survive both branches: new columns added, or replaced in place
    measures = _pair()
    measures.attrs["source"] = "Exempelkommun"
    once = apply_in_sequence(measures, SECTORS)
    assert once.attrs == {"source": "Exempelkommun"}
    assert apply_in_sequence(once, SECTORS).attrs == {"source": "Exempelkommun"}
    curve = macc(measures, 0.04)
    assert curve.attrs == {"source": "Exempelkommun"}
    assert macc(curve, 0.04).attrs == {"source": "Exempelkommun"}
