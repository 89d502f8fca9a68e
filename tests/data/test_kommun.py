"""Looking up kommuner by name or SCB code, with Swedish error messages."""

import dataclasses
import datetime

import numpy as np
import pytest

from models import data


@pytest.mark.parametrize("query", [
    "Luleå", "Lulea", "lulea", "LULEÅ", "  Luleå ", "Luleå kommun", "lulea KOMMUN", "2580", 2580, " 2580 ",
    np.int64(2580),
])
def test_lookup_variants(query):
    assert data.kommun_name(query) == "Luleå"
    assert data.kommun(query).code == "2580"


@pytest.mark.parametrize("query, expected", [
    ("Overtornea", "Övertorneå"), ("övertorneå", "Övertorneå"), ("alvsbyn", "Älvsbyn"),
    ("GALLIVARE", "Gällivare"), ("Overkalix kommun", "Överkalix"), ("pitea", "Piteå"), (2505, "Arvidsjaur"),
])
def test_lookup_folds_swedish_letters(query, expected):
    assert data.kommun_name(query) == expected


def test_every_kommun_round_trips():
    for name in data.KOMMUNER:
        record = data.kommun(name)
        assert record.name == name == record.main_town
        assert data.kommun(record.code) == record
        assert data.kommun(int(record.code)) == record
    assert len(data.KOMMUNER) == 14
    assert data.COUNTY_NAME == "Norrbottens län"


def test_kommun_record():
    lulea = data.kommun("Luleå")
    assert dataclasses.is_dataclass(lulea)
    with pytest.raises(dataclasses.FrozenInstanceError):
        lulea.population = 0
    assert lulea.population_date == datetime.date(2025, 12, 31)
    assert 65 < lulea.lat < 66 and 21 < lulea.lon < 23
    assert lulea.land_area_km2 == pytest.approx(2110.01)
    assert lulea.prestratus_participant and lulea.stratus_primary_target_group
    assert not data.kommun("Kiruna").stratus_primary_target_group
    assert data.kommun("Piteå").land_area_km2 is None  # total area only in the source
    assert data.kommun("Gällivare").land_area_km2 == 15691  # SCB 2020 land area
    assert "GeoNames geonameid 604490" in lulea.coordinate_source and lulea.coordinate_source_url == "https://www.geonames.org/604490"


def test_unknown_name_suggests_closest():
    with pytest.raises(ValueError) as caught:
        data.kommun("Lulå")
    message = str(caught.value)
    assert '"Lulå"' in message and "Menade du Luleå?" in message


def test_unknown_name_message_is_swedish_and_lists_names():
    with pytest.raises(ValueError, match="Okänd kommun") as caught:
        data.kommun_name("Stockholm")
    assert "Haparanda" in str(caught.value)


def test_unknown_code():
    with pytest.raises(ValueError, match=r'Okänd kommunkod: "2599".*2580 Luleå'):
        data.kommun(2599)


def test_county_is_not_a_kommun():
    for query in ("25", 25, "Norrbottens län"):
        with pytest.raises(ValueError, match="länet"):
            data.kommun(query)


@pytest.mark.parametrize("query", [None, 2580.0, True, ["Luleå"]])
def test_wrong_type(query):
    with pytest.raises(TypeError, match="namn eller SCB-kod"):
        data.kommun_name(query)
