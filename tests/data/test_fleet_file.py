"""The fleet register: template, example fleet, Excel twin, round trip and clean failures."""
import io

import pandas as pd
import pytest

from models import transport as t
from models.data import fleet_file
from models.data.upload import read_table
from models.transport import constants as c

HEADER = ";".join(fleet_file.headers())


def csv_bytes(*rows):
    return ("\ufeff" + "\r\n".join([HEADER, *rows]) + "\r\n").encode("utf-8")


ROW = "X1;Personbil;Diesel;2020;18000;70;180;5,6;;5;Hemtjänsten;ja;"


def test_fuel_and_class_keys_match_the_models():
    assert set(fleet_file.FUEL_SPELLINGS) == set(c.FUELS)
    assert set(fleet_file.CLASS_SPELLINGS) == set(c.VEHICLE_CLASSES)


def test_example_fleet_is_labelled_and_typed():
    fleet = fleet_file.example_fleet()
    assert len(fleet) == 33 and fleet["vehicle_id"].is_unique
    assert fleet["note"].str.contains("Påhittat exempel").all()
    assert set(fleet["fuel"]) <= set(c.FUELS)
    assert (fleet["longest_daily_km"] >= fleet["typical_daily_km"]).all()
    assert fleet["consumption_per_km"].tolist() == pytest.approx((fleet["consumption_per_100km"] / 100).tolist())


def test_template_and_excel_twin_hold_the_same_rows():
    csv = fleet_file.read_fleet(fleet_file.TEMPLATE_CSV)
    xlsx = fleet_file.read_fleet(fleet_file.TEMPLATE_XLSX)
    pd.testing.assert_frame_equal(csv.drop(columns="note"), xlsx.drop(columns="note"), check_dtype=False)


def test_one_row_hand_values():
    fleet = fleet_file.read_fleet(csv_bytes(ROW), "flotta.csv")
    row = fleet.iloc[0]
    assert (row["vehicle_class"], row["fuel"], row["model_year"], row["holding_years"]) == ("car", "diesel", 2020, 5)
    assert row["consumption_per_km"] == pytest.approx(0.056) and row["parking_power"]


@pytest.mark.parametrize("row, message", [
    ("X1;Personbil;Diesel;2020;mycket;70;180;5,6;;5;Hemtjänsten;ja;", 'rad 3, kolumn E "Körsträcka \\(km/år\\)"'),
    ("X1;Personbil;Kol;2020;18000;70;180;5,6;;5;Hemtjänsten;ja;", "kolumn C"),
    ("X1;Traktor;Diesel;2020;18000;70;180;5,6;;5;Hemtjänsten;ja;", "kolumn B"),
    ("X1;Personbil;Diesel;2020;-5;70;180;5,6;;5;Hemtjänsten;ja;", "negativ"),
    ("X1;Personbil;Diesel;2020;18000;70;180;5,6;;0;Hemtjänsten;ja;", "kolumn J"),
    ("X1;Personbil;Diesel;2020;18000;70;50;5,6;;5;Hemtjänsten;ja;", "kortare än den typiska"),
    ("X1;Personbil;Diesel;2020;18000;70;180;5,6;9;5;Hemtjänsten;ja;", "bara i för laddhybrider"),
    ("X1;Personbil;Diesel;2020;18000;70;180;5,6;;5;Hemtjänsten;kanske;", '"ja" eller "nej"'),
])
def test_malformed_rows_name_row_and_column(row, message):
    with pytest.raises(ValueError, match=message):
        fleet_file.read_fleet(csv_bytes(ROW.replace("X1", "X0"), row), "flotta.csv")


def test_second_bad_row_is_named_and_nothing_is_returned():
    with pytest.raises(ValueError, match="rad 3"):
        fleet_file.read_fleet(csv_bytes(ROW, ROW.replace("X1", "X2").replace("18000", "tjugo")), "flotta.csv")


def test_duplicate_id_and_missing_column():
    with pytest.raises(ValueError, match="flera gånger"):
        fleet_file.read_fleet(csv_bytes(ROW, ROW), "flotta.csv")
    header = HEADER.replace("Drivmedel", "Drivmedl")
    content = ("\r\n".join([header, ROW]) + "\r\n").encode()
    with pytest.raises(ValueError, match='kolumnen "Drivmedel" saknas'):
        fleet_file.read_fleet(content, "flotta.csv")


def test_round_trip_load_plan_export(tmp_path):
    fleet = fleet_file.example_fleet()
    again = fleet_file.read_fleet(fleet_file.to_csv_bytes(fleet), "tillbaka.csv")
    cols = ["vehicle_id", "vehicle_class", "fuel", "annual_km", "consumption_per_km", "holding_years", "home_site"]
    pd.testing.assert_frame_equal(fleet[cols], again[cols])
    result = t.transition(again, 2025, 2040)
    assert len(result) == 16


# ----------------------------------------------------------------------------- issue 14: wrong types
@pytest.mark.parametrize("call", [lambda: fleet_file.fleet_table(True), lambda: fleet_file.to_csv_bytes(None),
                                  lambda: fleet_file.read_upload("1,000"), lambda: fleet_file.read_upload(None)])
def test_wrong_types_give_a_swedish_type_error(call):
    with pytest.raises(TypeError) as info:
        call()
    assert "måste vara" in str(info.value)


def test_fleet_table_refuses_an_unknown_fuel_instead_of_showing_a_blank():
    fleet = fleet_file.example_fleet()
    fleet.loc[0, "fuel"] = "mycket"
    with pytest.raises(ValueError, match='kolumnen fuel har det okända värdet "mycket"'):
        fleet_file.fleet_table(fleet)
