"""Lesson "Egenanvändning och lönsamhet": the worked example against hand calculations."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from models.lessons.solel import egenanvandning as lesson
from models.solar import economics as econ

SCHOOL = lesson.Building()


def test_value_by_hand_with_the_default_prices():
    c = lesson.case(SCHOOL)
    self_used_price = 0.457 + (0.392 - 0.096)          # spot SE1 2023 + energy tax estimate
    assert c["value_self_used_sek_per_kwh"] == pytest.approx(self_used_price)
    assert c["value_sek_per_year"] == pytest.approx(c["self_used_kwh"] * self_used_price + c["exported_kwh"] * 0.457)
    assert c["investment_sek"] == pytest.approx(50 * 15_000)
    assert c["self_used_kwh"] + c["exported_kwh"] == pytest.approx(c["production_kwh"])


def test_break_even_price_zeroes_the_npv():
    c = lesson.case(SCHOOL)
    at_break_even = lesson.case(replace(SCHOOL, price_per_kwp=c["break_even_sek_per_kwp"]))
    assert at_break_even["npv_sek"] == pytest.approx(0.0, abs=1e-3)


def test_bigger_system_lower_self_consumption():
    small, big = lesson.case(replace(SCHOOL, kwp=20)), lesson.case(replace(SCHOOL, kwp=150))
    assert big["self_consumption"] < small["self_consumption"]
    assert big["self_sufficiency"] > small["self_sufficiency"]


def test_care_home_uses_more_than_sports_hall():
    care = lesson.case(replace(SCHOOL, profile="aldreboende"))
    hall = lesson.case(replace(SCHOOL, profile="idrottshall"))
    assert care["self_consumption"] > hall["self_consumption"]


def test_tax_reduction_raises_the_value_of_exports():
    base = lesson.case(replace(SCHOOL, kwp=150))
    with_tax = lesson.case(replace(SCHOOL, kwp=150, prices=replace(SCHOOL.prices, tax_reduction=0.60)))
    eligible = min(base["exported_kwh"], 30_000, base["bought_kwh"])     # Skatteverket's caps
    assert with_tax["value_sek_per_year"] == pytest.approx(base["value_sek_per_year"] + 0.60 * eligible)


def test_meter_template_gives_the_same_as_the_profile_it_was_built_from():
    meter = lesson.meter_load(lesson.meter_file.TEMPLATE_CSV)
    from_meter = lesson.case(SCHOOL, meter)
    from_profile = lesson.case(SCHOOL)
    assert from_meter["self_consumption"] == pytest.approx(from_profile["self_consumption"], abs=0.01)


def test_sizes_and_best_size():
    table = lesson.sizes(SCHOOL)
    assert table["kwp"].is_monotonic_increasing and len(table) == 40
    assert lesson.best_size(SCHOOL)["npv_sek"] == table["npv_sek"].max()
    assert np.isfinite(table["lcoe_sek_per_kwh"]).all()


def test_bad_load_from_a_meter_is_refused():
    with pytest.raises(ValueError, match="8760"):
        lesson.case(SCHOOL, meter=np.ones(100))


def test_site_grid_covers_kommuner_profiles_sizes():
    grid = lesson.site_grid(kwps=(10, 50), profiles=("skola",))
    assert len(grid) == 14 * 2
    assert ((grid["self_consumption"] >= 0) & (grid["self_consumption"] <= 1)).all()


@pytest.mark.parametrize("kwargs, error, message", [
    ({"kwp": "mycket"}, TypeError, "kwp"), ({"kwp": float("inf")}, ValueError, "ändligt"),
    ({"profile": "bageri"}, ValueError, "lastprofil"), ({"lifetime": 0}, ValueError, "livslängd"),
    ({"prices": "billigt"}, TypeError, "prices"),
])
def test_a_building_with_bad_values_gives_a_swedish_error(kwargs, error, message):
    with pytest.raises(error, match=message):
        lesson.Building(**kwargs)


def test_a_system_that_never_pays_back_reads_as_such():
    # 10 000 kWp at 1 000 000 kr/kWp = 10¹⁰ kr; ≈ 9 GWh/yr worth < 0.8 kr/kWh returns < 2·10⁸ kr in 25 years
    c = lesson.case(lesson.Building(kwp=10_000, price_per_kwp=1e6))
    assert c["payback_years"] is None and c["pays_back"] is False
    assert lesson.case_table(lesson.Building(kwp=10_000, price_per_kwp=1e6)).loc["Återbetalningstid", "Värde"] \
        == "mer än livslängden"
