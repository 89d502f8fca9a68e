"""Facts in data/ checked against published figures.

The expected values are copied from the text of the reference data README (the project's source
notes, which quote SMHI, SCB and SCB's code table), not computed from our own CSV files.
"""

import pytest

from models import data

LATEST = "ghg_to_2024_snapshot_2026_06"

# SCB table 000007SF codes, as tabulated in the reference README.
SCB_CODES = {
    "Arvidsjaur": "2505", "Arjeplog": "2506", "Jokkmokk": "2510", "Överkalix": "2513", "Kalix": "2514",
    "Övertorneå": "2518", "Pajala": "2521", "Gällivare": "2523", "Älvsbyn": "2560", "Luleå": "2580",
    "Piteå": "2581", "Boden": "2582", "Haparanda": "2583", "Kiruna": "2584",
}


@pytest.fixture(scope="module")
def totals():
    return data.load("emissions_total")


def test_codes_match_scb_table():
    municipalities = data.load("municipalities")
    assert dict(zip(municipalities["kommun"], municipalities["kommun_code"])) == SCB_CODES
    assert dict(data.KOMMUN_CODES) == SCB_CODES
    assert data.KOMMUNER == tuple(sorted(SCB_CODES, key=SCB_CODES.get))  # SCB code order
    assert set(municipalities["county_code"]) == {"25"}


def test_latest_snapshot_county_total_2024(totals):
    # README: "In the latest snapshot the municipal values add up to the county total (2024: 4 876 335 t)."
    county = totals.query("dataset == @LATEST and kommun_code == '25' and year == 2024")["emissions_t"]
    assert county.item() == pytest.approx(4_876_335, abs=1)
    assert (totals.query("kommun_code == '25'")["kommun"] == data.COUNTY_NAME).all()


def test_latest_snapshot_municipalities_sum_to_county(totals):
    latest = totals[totals["dataset"] == LATEST]
    county = latest[latest["kommun_code"] == "25"].set_index("year")["emissions_t"]
    municipal = latest[latest["kommun_code"] != "25"]
    assert municipal.groupby("year")["kommun"].nunique().eq(14).all()
    sums = municipal.groupby("year")["emissions_t"].sum()
    assert sums.index.equals(county.index)
    assert (sums - county).abs().max() <= 1  # rounding in SMHI's published values


def test_latest_snapshot_years(totals):
    # README: 1990, 2000, 2005, 2010, 2015, 2020–2024; no 2016–2019 in the latest snapshot.
    years = set(totals.loc[totals["dataset"] == LATEST, "year"])
    assert years == {1990, 2000, 2005, 2010, 2015, 2020, 2021, 2022, 2023, 2024}


@pytest.mark.parametrize("dataset, expected_t", [
    # README: "Luleå 2020: 3 311 750 / 3 401 210 / 3 360 920 t in the three snapshots".
    ("ghg_to_2024_snapshot_2026_06", 3_311_750),
    ("ghg_to_2023_snapshot_2026_02", 3_401_210),
    ("co2_to_2022_snapshot_2024_12", 3_360_920),
])
def test_lulea_2020_differs_between_snapshots(totals, dataset, expected_t):
    row = totals.query("kommun == 'Luleå' and year == 2020 and dataset == @dataset")
    assert row["emissions_t"].item() == pytest.approx(expected_t, abs=1)
    assert row["kommun_code"].item() == "2580"


def test_lulea_population_end_of_2025():
    # README (charging note): Luleå Dec 2025 has "80 304 inhabitants" (SCB 000007SF, 2025M12).
    population = data.load("population")
    row = population.query("kommun == 'Luleå' and year == 2025")
    assert row["population"].item() == 80_304
    assert str(row["reference_date"].item().date()) == "2025-12-31"
    assert data.kommun("Luleå").population == 80_304


def test_scb_2020_land_areas():
    # README: "Kiruna 19 163, Jokkmokk 17 601, Gällivare 15 691, Arjeplog 12 557 km²" (SCB page, 2020).
    land = data.load("municipalities").set_index("kommun")["land_area_km2_scb_2020"].dropna()
    assert land.to_dict() == {"Kiruna": 19163, "Jokkmokk": 17601, "Gällivare": 15691, "Arjeplog": 12557}


def test_sectors_sum_to_totals(totals):
    # README says "within 0.02 t"; the largest deviation is 0.022 t (Jokkmokk 2020, latest snapshot),
    # i.e. rounding of nine sector values to 0.01 t. 0.025 t is that figure at the README's precision.
    by_sector = data.load("emissions_by_sector")
    keys = ["kommun_code", "year", "dataset"]
    sums = by_sector.groupby(keys)["emissions_t_co2e"].sum()
    joined = sums.to_frame("sectors").join(totals.set_index(keys)["emissions_t"], how="left")
    assert joined["emissions_t"].notna().all()
    assert (joined["sectors"] - joined["emissions_t"]).abs().max() <= 0.025
    assert by_sector.groupby(keys).size().eq(9).all()
    assert set(by_sector["dataset"]) == {LATEST, "ghg_to_2023_snapshot_2026_02"}


def test_stratus_participation():
    # README: all 14 in preStratus; Arvidsjaur and Kiruna are not in Stratus's primary target group.
    participation = data.load("stratus_participation").set_index("kommun")
    assert participation["prestratus_participant"].all()
    assert set(participation.index[~participation["stratus_primary_target_group"]]) == {"Arvidsjaur", "Kiruna"}


def test_pajala_budget_used_up():
    # README: negative budget_remaining_t for Pajala in klimatkollen_2025_08; reduction rate then empty.
    budget = data.load("klimatkollen_carbon_budget").query("dataset == 'klimatkollen_2025_08'").set_index("kommun")
    assert budget.loc["Pajala", "budget_remaining_t"] < 0
    assert budget["needed_annual_reduction_pct"].isna().tolist() == [k == "Pajala" for k in budget.index]


def test_town_coordinates_are_the_verified_town_centres():
    """GeoNames values (cross-checked against Wikipedia locality articles), not the
    municipality mid-points the first reference set had (Arjeplog was 66.38 N, 17.11 E)."""
    arjeplog = data.kommun("Arjeplog")
    assert (arjeplog.lat, arjeplog.lon) == pytest.approx((66.05173, 17.88606), abs=1e-5)
    # Wikipedia: Arjeplog 66°03'N 17°53'E, Kiruna 67°51'N 20°13'E (arc-minute precision).
    assert arjeplog.lat == pytest.approx(66 + 3 / 60, abs=1 / 60)
    kiruna = data.kommun("Kiruna")
    assert (kiruna.lat, kiruna.lon) == pytest.approx((67 + 51 / 60, 20 + 13 / 60), abs=1 / 60)
    assert all("GeoNames" in data.kommun(k).coordinate_source for k in data.KOMMUNER)


@pytest.mark.parametrize("dataset", [[1, 2], "klimatkollen_2023", None])
def test_klimatkollen_budgets_refuse_an_unknown_release_and_list_the_valid_ones(dataset):
    # issue 14: a list raised "unhashable type" and pandas' "Lengths must match to compare"
    from models.data import klimatkollen
    for call in (klimatkollen.published_budgets, klimatkollen.budget_table):
        with pytest.raises(ValueError, match="klimatkollen_2024_12.*klimatkollen_2025_08"):
            call(dataset)
