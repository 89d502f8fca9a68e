"""The site list and the hourly meter file: templates, round trips and Swedish errors."""
from __future__ import annotations

import io

import numpy as np
import pandas as pd
import pytest

from models.data import meter_file, sites_file

INDEX = pd.date_range("2023-01-01", periods=8760, freq="h", tz="Europe/Stockholm")


def test_template_reads_and_is_labelled_illustrative():
    sites = sites_file.template_sites()
    assert len(sites) == 8
    assert sites["building"].str.startswith("Exempel").all()
    assert sites["comment"].str.contains("illustrativa").all()
    assert set(sites["profile"]) <= {"skola", "kontor", "aldreboende", "idrottshall"}
    first = sites.iloc[0]
    assert (first["roof_area_m2"], first["tilt"], first["azimuth"], first["annual_use_kwh"]) == (600, 10, 180, 250000)
    assert first["meter_file"] == "timvarden.csv"


def test_excel_twin_has_the_same_rows():
    table, instructions = sites_file.template_tables()
    assert list(table.columns) == list(sites_file.headers())
    assert len(table) == 8 and len(instructions) == len(sites_file.headers())


def test_round_trip_through_excel(tmp_path):
    sites = sites_file.template_sites()
    table, _ = sites_file.template_tables()
    path = tmp_path / "byggnader.xlsx"
    with pd.ExcelWriter(path) as writer:
        table.to_excel(writer, sheet_name=sites_file.SHEET_NAME, index=False)
    again = sites_file.read_sites(path)
    pd.testing.assert_frame_equal(again.drop(columns="source_row"), sites.drop(columns="source_row"),
                                  check_dtype=False)


@pytest.mark.parametrize("row, message", [
    ("Skola;-5;10;180;1000;skola;;", 'rad 2, kolumn B "Lämplig takyta'),
    ("Skola;100;95;180;1000;skola;;", "mellan 0 och 90"),
    ("Skola;100;10;400;1000;skola;;", "mellan 0 och 360"),
    ("Skola;100;10;180;mycket;skola;;", "inte ett tal"),
    ("Skola;100;10;180;1000;fabrik;;", "inte ett giltigt värde"),
])
def test_bad_rows_name_file_row_and_column(row, message):
    header = ";".join(sites_file.headers())
    content = f"{header}\n{row}\n".encode()
    with pytest.raises(ValueError, match=message):
        sites_file.read_sites(content, "byggnader.csv")


def test_duplicate_building_is_refused():
    header = ";".join(sites_file.headers())
    content = f"{header}\nA;100;10;180;1000;;;\nA;100;10;180;1000;;;\n".encode()
    with pytest.raises(ValueError, match="A"):
        sites_file.read_sites(content, "byggnader.csv")


def _meter_csv(hours: pd.DatetimeIndex, values) -> bytes:
    lines = ["Tid;Förbrukning (kWh)"] + [f"{t:%Y-%m-%d %H:%M};{str(v).replace('.', ',')}" for t, v in zip(hours, values)]
    return "\n".join(lines).encode()


def test_meter_template_fits_the_typical_year():
    meter = meter_file.read_meter(meter_file.TEMPLATE_CSV)
    load = meter_file.to_typical_year(meter, INDEX)
    assert len(load) == 8760 and load.notna().all()
    assert load.sum() == pytest.approx(250_000, rel=0.001)   # the illustrative school, 250 000 kWh/yr


def test_meter_leap_year_drops_29_february():
    hours = pd.date_range("2024-01-01", "2024-12-31 23:00", freq="h")
    meter = meter_file.read_meter(_meter_csv(hours, np.ones(len(hours))), "tim.csv")
    load = meter_file.to_typical_year(meter, INDEX)
    assert load.sum() == pytest.approx(8760)


def test_meter_gap_is_named():
    hours = pd.date_range("2025-01-01", "2025-12-31 23:00", freq="h").delete(500)
    meter = meter_file.read_meter(_meter_csv(hours, np.ones(len(hours))), "tim.csv")
    with pytest.raises(ValueError, match="saknar 1 timmar, första 2025-01-21 20:00"):
        meter_file.to_typical_year(meter, INDEX)


def test_meter_two_years_is_refused():
    hours = pd.date_range("2024-12-31", "2025-12-31 23:00", freq="h")
    meter = meter_file.read_meter(_meter_csv(hours, np.ones(len(hours))), "tim.csv")
    with pytest.raises(ValueError, match="helt kalenderår"):
        meter_file.to_typical_year(meter, INDEX)


def test_meter_negative_value_is_refused():
    content = _meter_csv(pd.date_range("2025-01-01", periods=3, freq="h"), [1, -2, 3])
    with pytest.raises(ValueError, match="rad 3.*negativ"):
        meter_file.read_meter(content, "tim.csv")


def test_shipped_excel_twin_reads_like_the_csv():
    a = sites_file.read_sites(sites_file.TEMPLATE_XLSX).drop(columns="source_row")
    b = sites_file.template_sites().drop(columns="source_row")
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
