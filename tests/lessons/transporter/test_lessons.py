"""Lesson modules of the chapter Transporter: tables against hand values and published figures,
figures draw, site grids are tidy and small."""
import matplotlib

matplotlib.use("Agg")

import numpy as np
import openpyxl
import pandas as pd
import pytest

from models.data import vehicles
from models.lessons.transporter import elbil_i_kyla, fordonsflottan, laddinfrastruktur, omstallningsplan, totalkostnad
from models.transport import constants as c

LESSONS = (fordonsflottan, elbil_i_kyla, totalkostnad, omstallningsplan, laddinfrastruktur)


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def test_site_grid_is_tidy_and_at_most_a_few_thousand_rows(lesson):
    grid = lesson.site_grid()
    assert 0 < len(grid) <= 5000
    assert not grid.isna().any().any()
    numbers = grid.select_dtypes("number")
    assert np.isfinite(numbers.to_numpy(float)).all()


def test_fuel_table_total_is_the_sum_of_vehicles():
    fleet = fordonsflottan.example()
    table = fordonsflottan.fuel_table(fleet)
    total = table[table["Drivmedel"] == "Totalt"].iloc[0]
    assert total["Fordon"] == len(fleet)
    assert total["Andel av utsläppen (%)"] == pytest.approx(100.0)
    one_diesel = fleet[fleet["fuel"] == "diesel"].iloc[0]
    row = fordonsflottan.vehicle_table(fleet.loc[[one_diesel.name]]).iloc[0]
    expected = one_diesel["annual_km"] * one_diesel["consumption_per_km"] * 3.414 * 0.94
    assert row["Utsläpp (kg CO₂e/år)"] == pytest.approx(expected)


def test_factor_table_cites_each_fuel_and_the_diesel_level():
    table = fordonsflottan.factor_table(2022)
    diesel = table[table["Drivmedel"] == "Diesel"].iloc[0]
    assert diesel["Utsläppsfaktor (kg CO₂e per enhet)"] == pytest.approx(3.414 * (1 - 0.305))
    assert "30,5 %" in diesel["Källa"]


def test_stock_table_matches_trafikanalys_lulea():
    table = fordonsflottan.stock_table("Luleå")
    total = table[table["Drivmedel"] == "Totalt"].iloc[0]
    # Trafikanalys 2026:2: Luleå had 41 902 passenger cars in traffic at the end of 2025
    assert total["Personbilar i trafik"] == 41_902


def test_monthly_table_uses_lulea_typical_year():
    table = elbil_i_kyla.monthly_table()
    jan = table.iloc[0]
    assert jan["Medeltemperatur (°C)"] == -8.91 and jan["Kallaste timmen (°C)"] == -25.0
    assert jan["Förbrukning vid medel (kWh/100 km)"] == pytest.approx(15 * (1 + 0.0098 * 28.91))


def test_fleet_check_counts_all_vehicles():
    check = elbil_i_kyla.fleet_check(elbil_i_kyla.fleet_file.example_fleet())
    counts = elbil_i_kyla.verdict_counts(check)
    assert counts["Fordon"].sum() == 33


def test_tco_table_sorted_and_per_km_consistent():
    table = totalkostnad.comparison()
    swedish = totalkostnad.comparison_table(table)
    assert swedish["Totalkostnad, nuvärde (kr)"].is_monotonic_increasing
    assert (swedish["Per km (kr)"] * totalkostnad.KM).tolist() == pytest.approx(swedish["Per år (kr)"].tolist())


def test_price_table_dates_every_price():
    table = totalkostnad.price_table()
    assert table["Tidpunkt"].notna().all() and len(table) == len(c.PRICES)
    assert table.set_index("Drivmedel").loc["Diesel", "Pris"] == 23.0


def test_kommun_charging_sums_to_power_circle_county():
    table = laddinfrastruktur.kommun_charging()
    county = vehicles.county_charging("2025-12")
    total = table.iloc[-1]
    # Power Circle's county file, Dec 2025: 10 988 rechargeable vehicles and 1 114 charging points
    assert total["vehicles_2025"] == county["rechargeable_vehicles"] == 10_988
    assert total["points_2025"] == county["charging_points"] == 1_114
    lulea = table.loc["Luleå"]
    assert lulea["points_2025"] == 376 and lulea["vehicles_2025"] == 4_797


def test_kommun_charging_with_county_ratio_hand_calculation():
    table = laddinfrastruktur.kommun_charging("county", "linear", 2030)
    k = table.loc["Luleå"]
    first = vehicles.charging_wide("2023-12").loc["Luleå", "rechargeable_vehicles"]
    projected = 4_797 + (4_797 - first) / 2 * 5
    assert k["vehicles_projected"] == pytest.approx(projected)
    assert k["points_needed"] == pytest.approx(projected * 1_114 / 10_988)


def test_export_has_plan_years_and_assumptions(tmp_path):
    path = omstallningsplan.export_plan_xlsx(tmp_path / "plan.xlsx", omstallningsplan.example())
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Plan per fordon", "År för år", "Antaganden"]
    assert book["Plan per fordon"].max_row >= 34
    values = [cell.value for cell in book["Antaganden"]["A"]]
    assert "Reduktionsplikt från 2027" in values
    assert list(tmp_path.glob(".stratus-*")) == []


def test_thousand_vehicle_round_trip_through_plan_and_export(tmp_path):
    from models import transport
    from models.data import fleet_file

    big = transport.synthetic_fleet(fleet_file.example_fleet(), 1000, seed=3)
    again = fleet_file.read_fleet(fleet_file.to_csv_bytes(big), "stor.csv")
    path = omstallningsplan.export_plan_xlsx(tmp_path / "stor.xlsx", again, end=2045)
    assert openpyxl.load_workbook(path, read_only=True)["År för år"].max_row >= 22


def test_figures_draw():
    import matplotlib.pyplot as plt

    fleet = fordonsflottan.example()
    results = omstallningsplan.compare_policies(fleet)
    need = laddinfrastruktur.charging_need(laddinfrastruktur.electrified_fleet())
    k = laddinfrastruktur.kommun_charging()
    for fig in (fordonsflottan.factor_figure(), fordonsflottan.emissions_figure(fleet),
                fordonsflottan.registrations_figure("Kiruna"), elbil_i_kyla.band_figure(),
                elbil_i_kyla.check_figure(elbil_i_kyla.fleet_check(fleet), -28.4),
                totalkostnad.breakdown_figure(totalkostnad.comparison()),
                totalkostnad.per_km_figure(totalkostnad.per_km_curve(), 6753),
                omstallningsplan.emissions_figure(results), omstallningsplan.mix_figure(results["lowest_tco"]),
                laddinfrastruktur.sites_figure(need), laddinfrastruktur.ratio_figure(k, "Luleå"),
                laddinfrastruktur.need_figure(k)):
        assert fig.axes
        plt.close(fig)
