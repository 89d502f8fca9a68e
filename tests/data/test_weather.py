"""Weather files: the shipped Luleå EPW and the readers for a learner's EPW or PVGIS file.

The PVGIS files are small synthetic files that the tests write themselves (no network).
"""
from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pandas as pd
import pytest

from models import data
from models.data import weather

LULEA_SHA256 = "9e88e574823de626c2c87cdb69d48bf02f3d2d56f8bc3de1a1e7447ef61c481a"   # data/weather/README
# Monthly GHI [kWh/m²] of the file, reference pack solar.md §1.2 (computed from the file).
LULEA_GHI = [2.85, 17.16, 68.06, 114.84, 165.72, 182.32, 164.64, 126.01, 67.47, 30.40, 4.16, 0.45]


def test_shipped_file_is_the_cited_copy():
    assert hashlib.sha256(weather.lulea_path().read_bytes()).hexdigest() == LULEA_SHA256


def test_lulea_shape_and_monthly_sums():
    frame = weather.lulea()
    assert len(frame) == 8760 and str(frame.index.tz) == "Europe/Stockholm"
    assert frame.index[0] == pd.Timestamp("2023-01-01 00:00", tz="Europe/Stockholm")
    assert list(frame.columns) == list(weather.COLUMNS)
    monthly = frame["ghi"].groupby(frame.index.tz_convert("Etc/GMT-1").month).sum() / 1000
    assert np.allclose(monthly, LULEA_GHI, atol=0.01)
    assert frame["dni"].sum() / 1000 == pytest.approx(1366.96, abs=0.05)
    assert frame["temp_air"].min() == pytest.approx(-28.4)
    meta = weather.lulea_metadata()
    assert meta["latitude"] == pytest.approx(65.543) and meta["WMO_code"] == "021860"


def test_datapackage_describes_the_weather_file():
    package = json.loads((data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    files = {f["path"]: f for f in package["non_tabular_files"]}
    entry = files[f"weather/{weather.LULEA_FILE}"]
    assert entry["hash"] == f"sha256:{LULEA_SHA256}"
    assert entry["sources"] and entry["licenses"]


def test_reading_the_epw_through_read_weather_gives_the_same_frame():
    again = weather.read_weather(weather.lulea_path().read_bytes(), "luleå.epw")
    pd.testing.assert_frame_equal(again, weather.lulea(), check_freq=False)


def test_cache_follows_the_data_dir(tmp_path, monkeypatch):
    (tmp_path / "weather").mkdir()
    shutil.copy(weather.lulea_path(), tmp_path / "weather" / weather.LULEA_FILE)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    assert weather.version()[0].startswith(str(tmp_path))
    (tmp_path / "weather" / weather.LULEA_FILE).unlink()
    for read in (weather.lulea, weather.lulea_metadata):
        with pytest.raises(ValueError, match="Väderfilen saknas"):  # also a FileNotFoundError
            read()


def _pvgis_rows(hours: int = 8760):
    times = pd.date_range("2010-01-01", periods=hours, freq="h", tz="UTC")
    ghi = np.clip(500 * np.sin(np.pi * (times.hour.to_numpy() - 6) / 12), 0, None)
    return times, ghi


def _pvgis_csv(hours: int = 8760) -> bytes:
    times, ghi = _pvgis_rows(hours)
    lines = ["Latitude (decimal degrees): 65.584", "Longitude (decimal degrees): 22.154", "Elevation (m): 10.0",
             "month,year", *[f"{m},2010" for m in range(1, 13)],
             "time(UTC),T2m,RH,G(h),Gb(n),Gd(h),IR(h),WS10m,WD10m,SP"]
    lines += [f"{t:%Y%m%d:%H%M},-5.0,80.0,{g:.1f},{g * 1.2:.1f},{g * 0.4:.1f},250.0,3.0,180.0,101000"
              for t, g in zip(times, ghi)]
    lines += ["T2m: 2-m air temperature (degree Celsius)", "PVGIS (c) European Union, 2001-2026"]
    return ("\r\n".join(lines) + "\r\n").encode()


def _pvgis_json() -> bytes:
    times, ghi = _pvgis_rows()
    hourly = [{"time(UTC)": f"{t:%Y%m%d:%H%M}", "T2m": -5.0, "RH": 80.0, "G(h)": g, "Gb(n)": g * 1.2,
               "Gd(h)": g * 0.4, "IR(h)": 250.0, "WS10m": 3.0, "WD10m": 180.0, "SP": 101000.0}
              for t, g in zip(times, ghi)]
    src = {"inputs": {"location": {"latitude": 65.584, "longitude": 22.154, "elevation": 10.0}},
           "outputs": {"months_selected": [{"month": m, "year": 2010} for m in range(1, 13)], "tmy_hourly": hourly},
           "meta": {"inputs": {}}}
    return json.dumps(src).encode()


@pytest.mark.parametrize("make, name", [(_pvgis_csv, "pvgis.csv"), (_pvgis_json, "pvgis.json")])
def test_pvgis_typical_year_in_the_same_shape(make, name, tmp_path):
    path = tmp_path / name
    path.write_bytes(make())
    frame = weather.read_weather(path)
    assert len(frame) == 8760 and str(frame.index.tz) == "Europe/Stockholm"
    assert {"ghi", "dni", "dhi", "temp_air", "wind_speed"} <= set(frame.columns)
    # 00:00 UTC = 01:00 CET: the hour is placed at its standard-time label in 2023
    first = frame.loc[pd.Timestamp("2023-01-01 01:00", tz="Europe/Stockholm")]
    assert first["temp_air"] == -5.0
    assert frame["ghi"].sum() == pytest.approx(_pvgis_rows()[1].sum(), rel=1e-4)
    noon_utc = frame.loc[pd.Timestamp("2023-01-01 13:00", tz="Europe/Stockholm"), "ghi"]
    assert noon_utc == pytest.approx(500.0)


@pytest.mark.parametrize("content, name, message", [
    (b"LOCATION,x\nnot an epw\n", "trasig.epw", "kunde inte läsas som EPW"),
    (b"hello", "pvgis.csv", "kunde inte läsas som typår från PVGIS"),
    (b"{}", "pvgis.json", "kunde inte läsas som typår från PVGIS"),
    (b"abc", "vader.txt", "varken en EPW-fil"),
    (b"", "tom.epw", "tom"),
])
def test_unreadable_files_get_swedish_errors(content, name, message):
    with pytest.raises(ValueError, match=message):
        weather.read_weather(content, name)


def test_short_epw_is_refused(tmp_path):
    lines = weather.lulea_path().read_text(encoding="utf-8").splitlines()
    path = tmp_path / "kort.epw"
    path.write_text("\n".join(lines[:8 + 100]) + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match="kort.epw"):
        weather.read_weather(path)


def test_missing_file_and_bytes_without_name(tmp_path):
    with pytest.raises(ValueError, match="finns inte"):
        weather.read_weather(tmp_path / "saknas.epw")
    with pytest.raises(ValueError, match="filename"):
        weather.read_weather(b"x")
    with pytest.raises(TypeError):
        weather.read_weather(12)


def test_source_note_names_the_publishers():
    note = weather.source_note()
    assert "Climate.OneBuilding.org" in note and "ERA5" in note and "NCEI" in note
    assert "modell" in weather.source_note(generated=True)


# ----------------------------------------------------------------------------- issue 14: PVGIS download
@pytest.mark.parametrize("latitude, longitude, fragment", [
    (1000.0, 22.15, "latitude"), (float("nan"), 22.15, "ändligt"), (65.58, 200.0, "longitude"),
    ("65,58", 22.15, "måste vara ett tal"), (59.33, 18.07, "mellan 63 och 70.5"),  # Stockholm: outside Norrbotten
])
def test_pvgis_download_checks_the_coordinate_before_any_network_access(monkeypatch, tmp_path, latitude,
                                                                        longitude, fragment):
    def no_network(*args, **kwargs):
        raise AssertionError("nätverket anropades")
    monkeypatch.setattr(weather.requests, "get", no_network)
    with pytest.raises(ValueError, match=fragment):
        weather.download_pvgis_tmy(latitude, longitude, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_pvgis_download_refuses_a_missing_folder_and_translates_network_errors(monkeypatch, tmp_path):
    import requests

    def offline(*args, **kwargs):
        raise requests.ConnectionError("Max retries exceeded")
    monkeypatch.setattr(weather.requests, "get", offline)
    with pytest.raises(ValueError, match="finns inte"):
        weather.download_pvgis_tmy(65.58, 22.15, tmp_path / "saknas")
    with pytest.raises(ValueError, match="PVGIS gick inte att nå"):
        weather.download_pvgis_tmy(65.58, 22.15, tmp_path)
    assert list(tmp_path.iterdir()) == []
