"""The chapter's per-kommun production cache: one entry per orientation, filled in slices of simulate_many."""
from __future__ import annotations

import numpy as np
import pytest

from models.lessons.solel import egenanvandning as economy
from models.lessons.solel import platser
from models.solar import pv


def test_productions_are_single_orientation_simulations():
    """Each series is pv.simulate for its own orientation (1 kWp, snow), number for number."""
    orientations = [(35.0, 180.0), (10.0, 95.0), (90.0, 270.0), (35.0, 180.0)]
    rows = platser.productions("Piteå", orientations)
    assert len(rows) == 4 and rows[0] is rows[3]
    for row, (tilt, azimuth) in zip(rows, orientations):
        assert np.array_equal(row.to_numpy(), pv.simulate(platser.site("Piteå"), tilt, azimuth).to_numpy())
        assert row.index.equals(platser.typical_year("Piteå").index)


def test_a_new_orientation_simulates_only_itself(monkeypatch):
    platser.productions("Kiruna", [(20.0, 180.0), (30.0, 180.0)])
    calls = []
    simulate_many = pv.simulate_many
    monkeypatch.setattr(pv, "simulate_many", lambda site, tilts, azimuths: calls.append(list(tilts)) or
                        simulate_many(site, tilts, azimuths))
    platser.productions("Kiruna", [(20.0, 180.0), (31.0, 180.0)])
    assert calls == [[31.0]]


def test_production_per_kwp_reads_the_same_cache():
    (row,) = platser.productions("Gällivare", [(40.0, 200.0)])
    assert economy.production_per_kwp("Gällivare", 40, 200) is row


@pytest.mark.parametrize("orientations, error", [("30,180", TypeError), (5, TypeError), ([(30.0,)], ValueError),
                                                 ([(95.0, 180.0)], ValueError), ([(30.0, 400.0)], ValueError),
                                                 ([("a", 180.0)], TypeError)])
def test_productions_bad_input(orientations, error):
    with pytest.raises(error):
        platser.productions("Luleå", orientations)
