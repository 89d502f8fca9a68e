"""The data package: metadata, validation, typed loading and Swedish error messages."""

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import frictionless
import pandas as pd
import pytest

from models import data
from models.data import DataValidationError

PACKAGE = json.loads((data.DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
RESOURCES = {r["name"]: r for r in PACKAGE["resources"]}
# Integer fields that are codes or flags, not quantities, so they carry no unit.
UNITLESS_INTEGERS = {"municipality_group_code", "nur_2023_flag_as_given", "miljobarometern_flag_as_given",
                     "food_climate_work_code_as_given", "compiled_answer_code_as_given"}


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Copy data/ to a temporary folder and point STRATUS_DATA_DIR at it."""
    target = tmp_path / "data"
    shutil.copytree(data.DATA_DIR, target)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(target))
    return target


@pytest.fixture
def edit_csv(data_copy: Path) -> Callable:
    """Return ``edit(name, change)``: apply ``change(frame) -> frame`` to data_copy/<name>.csv as text."""

    def edit(name: str, change: Callable[[pd.DataFrame], pd.DataFrame]) -> Path:
        path = data_copy / f"{name}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        change(frame).to_csv(path, index=False, encoding="utf-8", lineterminator="\n")
        return path

    return edit


# ---------------------------------------------------------------- metadata
def test_whole_package_validates():
    data.validate()


def test_every_csv_is_described_and_every_resource_has_a_csv():
    on_disk = {p.name for p in data.DATA_DIR.glob("*.csv")}
    described = {r["path"] for r in PACKAGE["resources"]}
    assert on_disk == described
    assert all(r["path"] == f"{r['name']}.csv" for r in PACKAGE["resources"])
    assert set(data.resource_names()) == set(RESOURCES)


def test_datapackage_is_a_valid_data_package():
    assert list(frictionless.Package.metadata_validate(PACKAGE)) == []
    package = frictionless.Package(str(data.DATA_DIR / "datapackage.json"))
    assert len(package.resources) == len(PACKAGE["resources"])


@pytest.mark.parametrize("name", sorted(RESOURCES))
def test_resource_metadata_is_complete(name):
    resource = RESOURCES[name]
    assert resource["title"] and resource["description"]
    assert resource["encoding"] == "utf-8"
    assert resource["sources"] and all(s["title"] and s["path"] for s in resource["sources"])
    assert resource["licenses"] and all(lic["title"] and (lic.get("name") or lic.get("path"))
                                        for lic in resource["licenses"])
    schema = resource["schema"]
    assert schema["primaryKey"]
    field_names = [f["name"] for f in schema["fields"]]
    assert set(schema["primaryKey"]) <= set(field_names)
    assert {"source", "source_url", "coordinate_source"} & set(field_names), "attribution column missing"
    for field in schema["fields"]:
        assert field["description"], field["name"]
        assert field["type"] in {"string", "integer", "number", "date", "year", "boolean"}
        if field["type"] == "number" or (field["type"] == "integer" and field["name"] not in UNITLESS_INTEGERS):
            assert field.get("unit"), f"{name}.{field['name']} has no unit"
        if field["name"] == "kommun_code":
            assert field["constraints"]["pattern"].startswith(r"^25\d\d$")


def test_kommun_foreign_keys_point_to_municipalities():
    with_fk = {n for n, r in RESOURCES.items() if r["schema"].get("foreignKeys")}
    # Resources with county ("25") or national ("SE") rows cannot use a plain foreign key;
    # validate() checks their codes instead.
    assert with_fk >= {"population", "ev_new_registrations", "stratus_participation", "klimatkollen_carbon_budget"}
    for name in with_fk:
        (fk,) = RESOURCES[name]["schema"]["foreignKeys"]
        assert fk["reference"]["resource"] == "municipalities"


# ---------------------------------------------------------------- load
def test_load_types():
    municipalities = data.load("municipalities")
    assert len(municipalities) == 14
    assert municipalities["kommun_code"].str.fullmatch(r"25\d\d").all()
    assert isinstance(municipalities["kommun_code"].iloc[0], str)
    assert municipalities["population"].dtype == "int64"
    assert municipalities["main_town_lat"].dtype == "float64"
    assert pd.api.types.is_datetime64_any_dtype(municipalities["population_date"])
    assert municipalities["area_land_km2"].isna().sum() == 2  # Gällivare and Piteå: total only

    emissions = data.load("emissions_total")
    assert emissions["year"].dtype == "int64"
    assert emissions["emissions_t"].dtype == "float64"
    assert set(emissions["kommun_code"]) == set(data.KOMMUN_CODES.values()) | {"25"}

    assert data.load("stratus_participation")["stratus_primary_target_group"].dtype == "bool"
    assert data.load("climate_plans")["plan_adopted_year"].dtype == "Int64"  # gaps: no plan


def test_load_returns_a_copy():
    first = data.load("population")
    first.loc[:, "population"] = 0
    assert data.load("population")["population"].min() > 0


def test_a_second_load_reuses_the_cached_parse():
    # Timings belong in benchmarks/; here: the file is parsed once while it is unchanged.
    from models.data import package
    data.load("emissions_by_sector")
    misses = package._parse.cache_info().misses
    for _ in range(5):
        data.load("emissions_by_sector")
    assert package._parse.cache_info().misses == misses


def test_load_accepts_file_name():
    assert len(data.load("population.csv")) == 42


def test_unknown_resource_suggests_close_names():
    with pytest.raises(ValueError, match="emissions") as caught:
        data.load("emissions")
    message = str(caught.value)
    assert '"emissions"' in message and "Okänd" in message
    assert "emissions_total" in message and "emissions_by_sector" in message
    with pytest.raises(ValueError):
        data.validate("populaton")


def test_data_dir_override(data_copy):
    assert data.data_dir() == data_copy
    (data_copy / "population.csv").unlink()
    with pytest.raises(DataValidationError, match="population.csv.*filen saknas"):
        data.load("population")


# ---------------------------------------------------------------- tampering
def drop_column(column):
    return lambda frame: frame.drop(columns=[column])


def set_cell(index, column, value):
    def change(frame):
        frame.loc[index, column] = value
        return frame
    return change


def duplicate_row(source, target):
    def change(frame):
        frame.loc[target] = frame.loc[source]
        return frame
    return change


TAMPERING = {
    # name: (resource, change, row as in a spreadsheet, column)
    "missing column": ("emissions_total", drop_column("emissions_t"), 1, "emissions_t"),
    "text in number column": ("emissions_total", set_cell(12, "emissions_t", "abc"), 14, "emissions_t"),
    "duplicate key": ("population", duplicate_row(4, 5), 7, "kommun_code, year"),
    "unknown kommun_code (foreign key)": ("ev_new_registrations", set_cell(3, "kommun_code", "2599"), 5, "kommun_code"),
    "unknown kommun_code (county rows allowed)":
        ("emissions_total", set_cell(40, "kommun_code", "2599"), 42, "kommun_code"),
    "malformed kommun_code": ("municipalities", set_cell(2, "kommun_code", "251"), 4, "kommun_code"),
    "name does not match code": ("population", set_cell(0, "kommun", "Luleå"), 2, "kommun"),
    "negative emissions": ("emissions_by_sector", set_cell(7, "emissions_t_co2e", "-3"), 9, "emissions_t_co2e"),
    "unknown dataset": ("emissions_total", set_cell(0, "dataset", "ghg_latest"), 2, "dataset"),
}


@pytest.mark.parametrize("case", TAMPERING, ids=list(TAMPERING))
@pytest.mark.parametrize("check", ["load", "validate"])
def test_tampered_file_is_reported_with_file_row_and_column(edit_csv, case, check):
    name, change, row, column = TAMPERING[case]
    edit_csv(name, change)
    with pytest.raises(DataValidationError) as caught:
        getattr(data, check)(name)
    message = str(caught.value)
    assert f"{name}.csv, rad {row}, kolumn \"{column}\"" in message, message
    assert "rubrikraden är rad 1" in message
    assert "Traceback" not in message


def test_text_in_number_column_message(edit_csv):
    edit_csv("emissions_total", set_cell(12, "emissions_t", "abc"))
    with pytest.raises(DataValidationError) as caught:
        data.load("emissions_total")
    assert 'emissions_total.csv, rad 14, kolumn "emissions_t": "abc" är inte ett tal' in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_validate_lists_all_problems_across_files(edit_csv):
    edit_csv("emissions_total", set_cell(12, "emissions_t", "abc"))
    edit_csv("population", duplicate_row(4, 5))
    edit_csv("vehicles_in_traffic_2025", set_cell(0, "buses", "många"))
    with pytest.raises(DataValidationError) as caught:
        data.validate()
    message = str(caught.value)
    assert "emissions_total.csv, rad 14" in message
    assert "population.csv, rad 7" in message
    assert 'vehicles_in_traffic_2025.csv, rad 2, kolumn "buses": "många" är inte ett heltal' in message
    assert len(caught.value.problems) >= 3


def test_sector_sum_check(edit_csv):
    by_sector = data.load("emissions_by_sector")
    edit_csv("emissions_by_sector", set_cell(0, "emissions_t_co2e", str(by_sector["emissions_t_co2e"].iloc[0] + 5)))
    data.load("emissions_by_sector")  # still well-formed on its own
    with pytest.raises(DataValidationError, match=r"emissions_by_sector.csv, rad 2.*summerar") as caught:
        data.validate("emissions_by_sector")
    assert "emissions_total.csv rad" in str(caught.value)


def test_undescribed_csv_is_reported(data_copy):
    (data_copy / "extra.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(DataValidationError, match="extra.csv: filen beskrivs inte i datapackage.json"):
        data.validate()


def test_extra_column_and_blank_row(edit_csv, data_copy):
    edit_csv("population", lambda frame: frame.assign(comment="x"))
    with (data_copy / "population.csv").open("a", encoding="utf-8") as handle:
        handle.write("\n")
    for check in (data.load, data.validate):
        with pytest.raises(DataValidationError) as caught:
            check("population")
        message = str(caught.value)
        assert 'population.csv, rad 1, kolumn "comment": kolumnen finns inte i datapackage.json' in message
        assert "population.csv, rad 44: raden är tom" in message


def test_no_runtime_reference_to_shared_folder():
    repo = data.DATA_DIR.parent
    forbidden = "shared" + "/reference"
    for path in [*repo.joinpath("models").glob("*.py"), *repo.joinpath("tests").glob("*.py")]:
        assert forbidden not in path.read_text(encoding="utf-8"), path


def test_validate_is_cached_on_the_data_and_sees_an_edit(edit_csv, data_copy):
    # issue 14, class 4: the cached result of validate() must follow the files it read
    data.validate("municipalities")
    path = edit_csv("municipalities", set_cell(2, "kommun_code", "251"))
    os.utime(path, ns=(10 ** 18, 10 ** 18))  # a new version even within the file system's time resolution
    with pytest.raises(DataValidationError, match='municipalities.csv, rad 4, kolumn "kommun_code"'):
        data.validate("municipalities")


def test_validate_reports_inf_as_load_does(edit_csv):
    # issue 14, class 3: load() and validate() apply the same rules
    edit_csv("emissions_total", set_cell(0, "emissions_t", "inf"))
    for check in (data.load, data.validate):
        with pytest.raises(DataValidationError, match='emissions_total.csv, rad 2, kolumn "emissions_t"'):
            check("emissions_total")


@pytest.mark.parametrize("content, fragment", [
    (b"{inte json", "inte giltig JSON"), (b"[]", 'listan "resources" saknas'),
    (b'{"resources": [{"name": "x"}]}', "resurs nummer 1 saknar"), (b"\xff\xfe\x00", "inte UTF-8"),
])
def test_a_damaged_datapackage_json_gives_a_swedish_error_naming_the_file(tmp_path, monkeypatch, content, fragment):
    # issue 14, class 3: a JSON or key error from inside the reader became a traceback
    (tmp_path / "datapackage.json").write_bytes(content)
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path))
    for call in (lambda: data.load("municipalities"), data.validate, lambda: data.kommun("Luleå")):
        with pytest.raises(DataValidationError, match=fragment) as caught:
            call()
        assert "datapackage.json" in str(caught.value)


def test_a_data_folder_that_is_a_file_gives_a_swedish_error(tmp_path, monkeypatch):
    (tmp_path / "data").write_text("inte en mapp")
    monkeypatch.setenv(data.DATA_DIR_ENV, str(tmp_path / "data"))
    with pytest.raises(DataValidationError, match="inte en mapp"):
        data.load("municipalities")
