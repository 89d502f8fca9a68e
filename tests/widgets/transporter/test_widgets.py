"""Every explorer's view across each control's whole range (the book build runs only the defaults)."""
import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest

from models.data import KOMMUNER, fleet_file
from models.transport import constants as c
from models.transport.turnover import RULES
from models.widgets.transporter import elbil_i_kyla, fordonsflottan, laddinfrastruktur, omstallningsplan, totalkostnad

PNG = b"\x89PNG"


# ------------------------------------------------------------------ Fordonsflottan idag
@pytest.mark.parametrize("kommun", KOMMUNER)
def test_fleet_view_each_kommun(kommun):
    v = fordonsflottan.view(kommun, draw=False)
    assert v.error is None and v.stock["Drivmedel"].iloc[-1] == "Totalt"


@pytest.mark.parametrize("year", range(fordonsflottan.YEARS[0], fordonsflottan.YEARS[1] + 1))
@pytest.mark.parametrize("electricity", c.ELECTRICITY_FACTORS)
def test_fleet_view_years_and_electricity(year, electricity):
    for scenario in c.RP_SCENARIOS:
        v = fordonsflottan.view("Luleå", year, electricity, scenario, draw=False)
        assert v.totals["emissions_t_co2e"] > 0 and np.isfinite(v.totals["emissions_t_co2e"])


def test_fleet_view_draws_and_reads_uploads():
    assert fordonsflottan.view().png.startswith(PNG)
    xlsx = ("mall.xlsx", fleet_file.TEMPLATE_XLSX.read_bytes())
    assert fordonsflottan.view(upload=xlsx, draw=False).totals["vehicles"] == 3
    bad = fleet_file.TEMPLATE_CSV.read_bytes().replace(b"Diesel", b"Kol", 1)
    v = fordonsflottan.view(upload=("fel.csv", bad))
    assert v.error and "rad 2, kolumn C" in v.error and v.png is None


@pytest.mark.parametrize("kwargs", [dict(year=2019), dict(year=2036), dict(electricity="kol"), dict(scenario="x")])
def test_fleet_view_rejects_out_of_range(kwargs):
    with pytest.raises(ValueError):
        fordonsflottan.view(**kwargs)


# ------------------------------------------------------------------ Elbil i kyla
@pytest.mark.parametrize("temp", np.arange(-40.0, 10.5, 2.5))
@pytest.mark.parametrize("case", c.CASES)
def test_cold_view_temperatures_and_cases(temp, case):
    v = elbil_i_kyla.view(temp, case, draw=False)
    assert v.counts["Fordon"].sum() == 33 and v.kwh_per_100km >= v.base_kwh_per_100km * 0.999


@pytest.mark.parametrize("reserve", range(0, 51, 5))
def test_cold_view_reserve(reserve):
    now = [elbil_i_kyla.view(-20, "central", reserve, p, draw=False).counts["Fordon"].iloc[0] for p in (False, True)]
    assert now[0] <= now[1]


@pytest.mark.parametrize("base", np.arange(10.0, 30.5, 2.5))
def test_cold_view_base(base):
    assert elbil_i_kyla.view(-28.4, "high", 20, True, base, draw=False).kwh_per_100km > base


def test_cold_view_draws_and_rejects():
    assert elbil_i_kyla.view().png.startswith(PNG)
    for kwargs in (dict(temp_c=-45), dict(reserve_pct=60), dict(case="x"), dict(base_kwh_per_100km=5)):
        with pytest.raises(ValueError):
            elbil_i_kyla.view(**kwargs)


# ------------------------------------------------------------------ Totalkostnad
@pytest.mark.parametrize("vehicle_class", c.VEHICLE_CLASSES)
@pytest.mark.parametrize("km", range(2_000, 60_001, 4_000))
def test_tco_view_km(vehicle_class, km):
    for years in range(1, 13):
        v = totalkostnad.view(vehicle_class, km, years, draw=False)
        assert np.isfinite(v.table["Per km (kr)"]).all()
        assert v.break_even_km is None or v.break_even_km >= 0


@pytest.mark.parametrize("el", np.arange(0.2, 6.01, 0.4))
@pytest.mark.parametrize("diesel", np.arange(10.0, 35.1, 5.0))
def test_tco_view_prices(el, diesel):
    v = totalkostnad.view("car", 15_000, 4, el, diesel, draw=False)
    assert v.cheapest in c.DRIVETRAINS


@pytest.mark.parametrize("rate", np.arange(0.0, 10.01, 1.0))
def test_tco_view_rate_subsidy_residual(rate):
    for subsidy in (0, 50_000, 100_000):
        for residual in (None, 0, 45, 90):
            assert totalkostnad.view("van", 20_000, 5, 0.85, 23.0, rate, subsidy, residual, draw=False).table is not None


def test_tco_view_draws_and_rejects():
    assert totalkostnad.view().png.startswith(PNG)
    for kwargs in (dict(annual_km=100), dict(years=13), dict(years=0), dict(electricity_price=7),
                   dict(discount_rate_pct=11), dict(residual_pct=95), dict(vehicle_class="buss")):
        with pytest.raises(ValueError):
            totalkostnad.view(**kwargs)


# ------------------------------------------------------------------ Omställningsplan
@pytest.mark.parametrize("rule_a", RULES)
@pytest.mark.parametrize("rule_b", RULES)
def test_plan_view_rules(rule_a, rule_b):
    v = omstallningsplan.view(rule_a, rule_b, draw=False)
    assert v.error is None and len(v.summary) == (1 if rule_a == rule_b else 2)


@pytest.mark.parametrize("electricity", c.ELECTRICITY_FACTORS)
@pytest.mark.parametrize("scenario", c.RP_SCENARIOS)
def test_plan_view_factors(electricity, scenario):
    v = omstallningsplan.view(electricity=electricity, scenario=scenario, draw=False)
    assert (v.results["lowest_tco"]["emissions_t_co2e"] >= 0).all()


@pytest.mark.parametrize("temp", np.arange(-40.0, 0.1, 5.0))
def test_plan_view_temperature_and_end(temp):
    for end in (2030, 2040, 2050):
        v = omstallningsplan.view(design_temp_c=temp, end_year=end, draw=False)
        assert v.results["lowest_tco"]["year"].max() == end


def test_plan_view_upload_export_and_errors(tmp_path):
    content = fleet_file.TEMPLATE_CSV.read_bytes()
    v = omstallningsplan.view(upload=("mall.csv", content))
    assert v.emissions_png.startswith(PNG) and v.mix_png.startswith(PNG)
    assert omstallningsplan.export_view(v, tmp_path / "p.xlsx", ("mall.csv", content)).exists()
    bad = omstallningsplan.view(upload=("fel.csv", content.replace(b"18000", b"-3")))
    assert "negativ" in bad.error
    with pytest.raises(ValueError, match="rätta"):
        omstallningsplan.export_view(bad, tmp_path / "q.xlsx")
    for kwargs in (dict(rule_a="x"), dict(design_temp_c=5), dict(end_year=2029), dict(end_year=2051)):
        with pytest.raises(ValueError):
            omstallningsplan.view(**kwargs)


# ------------------------------------------------------------------ Laddinfrastruktur
@pytest.mark.parametrize("kommun", KOMMUNER)
def test_charging_view_kommuner(kommun):
    for ratio in ("county", "own"):
        for growth in ("exponential", "linear"):
            v = laddinfrastruktur.view(kommun, ratio=ratio, growth=growth, draw=False)
            assert len(v.kommun_row) == 1 and (v.county.select_dtypes("number") >= 0).all().all()


@pytest.mark.parametrize("temp", np.arange(-40.0, 10.1, 5.0))
@pytest.mark.parametrize("dwell", np.arange(1.0, 16.1, 3.0))
def test_charging_view_sites(temp, dwell):
    for kw in (2.3, 7.4, 11.0, 22.0):
        v = laddinfrastruktur.view("Luleå", temp, dwell, kw, draw=False)
        s = v.sites
        assert (s["Toppeffekt med laststyrning (kW)"] <= s["Toppeffekt utan styrning (kW)"] + 1e-9).all()


@pytest.mark.parametrize("year", range(2026, 2036))
def test_charging_view_years(year):
    assert laddinfrastruktur.view(target_year=year, draw=False).summary


def test_charging_view_draws_and_rejects():
    v = laddinfrastruktur.view()
    assert v.sites_png.startswith(PNG) and v.need_png.startswith(PNG)
    for kwargs in (dict(kommun="Umeå"), dict(temp_c=20), dict(dwell_hours=0.5), dict(charger_kw=50),
                   dict(ratio="eu"), dict(growth="x"), dict(target_year=2040)):
        with pytest.raises(ValueError):
            laddinfrastruktur.view(**kwargs)


# ------------------------------------------------------------------ the live charts change with the controls
def _changes(view, name, png_attr, values):
    """Each value shows a different chart, and going back shows the first one again (cached PNG)."""
    pngs = [getattr(view(**{name: v}), png_attr) for v in values]
    assert all(p.startswith(PNG) for p in pngs)
    assert len(set(pngs)) == len(values), f"{name}: samma diagram för olika värden"
    assert getattr(view(**{name: values[0]}), png_attr) == pngs[0]


def test_cold_chart_follows_every_control():
    _changes(elbil_i_kyla.view, "temp_c", "png", [-40.0, -28.4, -10.0, 10.0])
    _changes(elbil_i_kyla.view, "reserve_pct", "png", [0, 25, 50])
    _changes(elbil_i_kyla.view, "case", "png", list(c.CASES))
    _changes(elbil_i_kyla.view, "base_kwh_per_100km", "png", [10.0, 20.0, 30.0])


def test_fleet_chart_follows_year_factor_and_scenario():
    _changes(fordonsflottan.view, "year", "png", [2020, 2025, 2035])
    _changes(fordonsflottan.view, "electricity", "png", list(c.ELECTRICITY_FACTORS))


def test_tco_chart_follows_every_control():
    _changes(totalkostnad.view, "annual_km", "png", [2_000, 15_000, 60_000])
    _changes(totalkostnad.view, "years", "png", [1, 4, 12])
    _changes(totalkostnad.view, "vehicle_class", "png", list(c.VEHICLE_CLASSES))
    _changes(totalkostnad.view, "diesel_price", "png", [10.0, 35.0])


def test_plan_charts_follow_rules_temperature_and_end():
    _changes(omstallningsplan.view, "rule_a", "emissions_png", ["lowest_tco", "like_for_like"])
    _changes(omstallningsplan.view, "rule_a", "mix_png", ["lowest_tco", "cheapest_any", "like_for_like"])
    _changes(omstallningsplan.view, "end_year", "mix_png", [2030, 2040, 2050])
    _changes(omstallningsplan.view, "electricity", "emissions_png", ["renewable", "residual_mix"])


def test_charging_charts_follow_their_controls():
    _changes(laddinfrastruktur.view, "charger_kw", "sites_png", [2.3, 7.4, 22.0])
    _changes(laddinfrastruktur.view, "target_year", "need_png", [2026, 2030, 2035])
    _changes(laddinfrastruktur.view, "ratio", "need_png", ["county", "own"])
