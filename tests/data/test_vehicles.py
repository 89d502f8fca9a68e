"""Vehicles, new registrations and charging per kommun against the published figures; the cold
lesson's Luleå months against the typical-year file itself."""
import pytest

from models.data import KOMMUNER, vehicles
from models.transport import constants as c


def test_lulea_cars_and_stock_table():
    # Trafikanalys 2026:2: Luleå 41 902 passenger cars in traffic at the end of 2025
    assert vehicles.vehicles_in_traffic("Luleå")["passenger_cars"] == 41_902
    table = vehicles.stock_table("lulea")
    assert table.iloc[-1]["Drivmedel"] == "Totalt"
    assert table.iloc[-1]["Personbilar i trafik"] == 41_902


def test_new_registrations_2025_share_is_computed_from_counts():
    reg = vehicles.new_registrations("Luleå").loc[2025]
    assert reg["rechargeable_share_pct"] == pytest.approx(100 * (reg["new_bev"] + reg["new_phev"]) /
                                                          reg["new_cars_total"], abs=0.01)


def test_charging_points_lulea_and_county():
    # Power Circle Dec 2025: Luleå 376 points; county 1 114 points and 10 988 rechargeable vehicles
    assert vehicles.charging("Luleå").loc["2025-12", "charging_points"] == 376
    county = vehicles.county_charging()
    assert (county["charging_points"], county["rechargeable_vehicles"]) == (1_114, 10_988)
    wide = vehicles.charging_wide()
    assert list(wide.index) == list(KOMMUNER) and wide["charging_points"].sum() == 1_114
    assert vehicles.county_charging("2023-12") is None


def test_source_notes_and_bad_input():
    assert "Trafikanalys" in vehicles.source_note("vehicles")
    assert "Power Circle" in vehicles.source_note("charging")
    with pytest.raises(ValueError, match="datakälla"):
        vehicles.source_note("okänd")
    with pytest.raises(ValueError, match="kommun"):
        vehicles.vehicles_by_fuel("Umeå")
    with pytest.raises(ValueError, match="fordonskategori"):
        vehicles.vehicles_by_fuel("Luleå", "traktorer")
    with pytest.raises(ValueError, match="ögonblicksbild"):
        vehicles.charging_wide("2022-12")


def test_lulea_months_in_constants_match_the_typical_year_file():
    from models.data import weather

    w = weather.lulea()["temp_air"]
    by_month = w.groupby(w.index.month)
    assert by_month.mean().tolist() == pytest.approx(list(c.LULEA_MONTHLY_MEAN_C), abs=0.02)
    assert by_month.min().tolist() == pytest.approx(list(c.LULEA_MONTHLY_MIN_C), abs=0.05)


@pytest.mark.parametrize("snapshot", [[1, 2], "2026-12", None])
def test_county_charging_refuses_an_unknown_snapshot_in_swedish(snapshot):
    # issue 14: a list raised pandas' "Lengths must match to compare"
    with pytest.raises(ValueError, match="ögonblicksbild"):
        vehicles.county_charging(snapshot)
