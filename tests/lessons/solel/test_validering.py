"""The typical-year validation: Luleå built by the generator against Luleå's real file, checked against the
cited monthly table and the plain single-orientation simulation (not against the module's own output)."""
from __future__ import annotations

import matplotlib.pyplot as plt
import numpy as np
import pytest

from models.lessons.solel import platser
from models.lessons.solel import validering
from models.solar import constants as C
from models.solar import pv


@pytest.fixture(scope="module")
def table():
    return validering.validation()


def test_validation_real_columns_are_the_file_and_the_plain_simulation(table):
    assert list(table.index) == list(range(1, 13))
    assert table["ghi_real"].to_numpy() == pytest.approx(C.LULEA_GHI_KWH_M2, abs=0.005)   # the cited monthly table
    site = platser.site("Luleå")
    assert table["poa45_real"].sum() == pytest.approx(pv.chain(site, 45, 180)["poa_global"].sum() / 1000, rel=1e-12)
    assert table["yield_real"].sum() == pytest.approx(platser.specific_yield("Luleå", 45), rel=1e-12)


def test_validation_generated_columns_are_lulea_built_by_the_generator(table):
    # the generator keeps the file's monthly GHI (clear-sky index of the same place), temperature and snow
    assert table["ghi_generated"].to_numpy() == pytest.approx(table["ghi_real"].to_numpy(), rel=1e-9)
    assert (table["temp_generated"] == table["temp_real"]).all()
    assert (table["snow_days_generated"] == table["snow_days_real"]).all()
    generated = platser.site("Luleå", generated=True)
    assert table["yield_generated"].sum() == pytest.approx(pv.specific_yield(generated, 45), rel=1e-12)


def test_validation_summary_by_hand(table):
    v = validering.validation_summary()
    real, gen = platser.typical_year("Luleå"), platser.typical_year("Luleå", generated=True)
    assert v["ghi_pct"] == pytest.approx(100 * (gen["ghi"].sum() / real["ghi"].sum() - 1), abs=1e-9)
    assert v["yield_pct"] == pytest.approx(100 * (v["yield_generated"] / v["yield_real"] - 1))
    assert v["poa45_pct"] == pytest.approx(100 * (v["poa45_generated_kwh_m2"] / v["poa45_real_kwh_m2"] - 1))
    assert v["diffuse_points"] == pytest.approx(100 * (gen["dhi"].sum() / gen["ghi"].sum()
                                                       - real["dhi"].sum() / real["ghi"].sum()))
    # the lesson's claims: GHI within 0.5 %, POA and yield within 3 %, the diffuse share within 2 points Mar–Oct
    assert abs(v["ghi_pct"]) < 0.5
    assert abs(v["poa45_pct"]) < 3 and abs(v["yield_pct"]) < 3
    assert v["diffuse_max_points_mar_oct"] < 2


def test_validation_table_is_swedish_with_a_year_row(table):
    out = validering.validation_table()
    assert list(out.index) == [*C.MONTHS_SV, "År"]
    assert out.loc["År", "GHI fil (kWh/m²)"] == "944,1"         # 944,08 kWh/m², the cited year
    assert out.loc[C.MONTHS_SV[5], "GHI fil (kWh/m²)"] == "182,3"


def test_validation_figure_shows_both_years_month_by_month():
    fig = validering.validation_figure()
    left, right = fig.axes
    assert [len(bars) for bars in left.containers] == [12, 12]
    assert [len(line.get_ydata()) for line in right.lines] == [12, 12]
    assert left.get_title() == "Instrålning per månad" and right.get_title() == "Andel diffust ljus"
    assert np.allclose(left.containers[0].datavalues, C.LULEA_GHI_KWH_M2, atol=0.005)
    plt.close(fig)
