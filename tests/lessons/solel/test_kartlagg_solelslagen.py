"""Lesson "Kartlägg solelslägen": screening the template, the export round trip, the county scenario."""
from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd
import pytest

from models import data
from models.data import sites_file
from models.lessons.solel import egenanvandning as economy
from models.lessons.solel import kartlagg_solelslagen as lesson
from models.lessons.solel import platser
from models.solar import pv


@pytest.fixture(scope="module")
def screened():
    return lesson.screen("Luleå")


def test_every_template_building_is_ranked_once(screened):
    assert sorted(screened["rank"]) == list(range(1, 9))
    assert set(screened["building"]) == set(sites_file.template_sites()["building"])
    assert (screened["kwp"] <= screened["max_kwp"] + 1e-9).all()


def test_north_facing_pool_is_last(screened):
    assert screened.iloc[-1]["building"] == "Exempel: Simhallen"


def test_roof_limit_by_hand(screened):
    pool = screened.set_index("building").loc["Exempel: Idrottshallen"]
    assert pool["max_kwp"] == pytest.approx(1200 * 0.2)


def test_lower_price_makes_more_buildings_profitable():
    cheap = lesson.screen("Luleå", price_per_kwp=7_000)
    dear = lesson.screen("Luleå", price_per_kwp=20_000)
    assert (cheap["npv_sek"] > 0).sum() > (dear["npv_sek"] > 0).sum()


def test_export_round_trip(screened, tmp_path):
    path = lesson.export_xlsx(tmp_path / "kortlista.xlsx", screened, "Luleå", 15_000)
    sheets = pd.read_excel(path, sheet_name=None)
    assert set(sheets) >= {"Kortlista", "Alla byggnader", "Antaganden"}
    assert len(sheets["Alla byggnader"]) == 8
    assert sheets["Kortlista"]["Byggnad"].iloc[0] == screened.iloc[0]["building"]


def test_own_list_round_trips_to_the_export(tmp_path):
    table, _ = sites_file.template_tables()
    path = tmp_path / "egna.xlsx"
    with pd.ExcelWriter(path) as writer:
        table.head(3).to_excel(writer, sheet_name=sites_file.SHEET_NAME, index=False)
    own = sites_file.read_sites(path)
    result = lesson.screen("Piteå", own, lesson.template_meters())
    out = lesson.export_xlsx(tmp_path / "ut.xlsx", result, "Piteå", 15_000)
    assert len(pd.read_excel(out, sheet_name="Alla byggnader")) == 3


def test_installed_values_are_the_data():
    w = lesson.installed()["w_per_inhabitant"]
    assert w["Övertorneå"] == 135 and w["Pajala"] == 110 and pd.isna(w["Kiruna"])


def test_county_scenario_by_hand():
    s = lesson.county_scenario()
    summary = lesson.county_summary()
    assert summary["leader"] == "Övertorneå" and summary["missing"] == ["Kiruna"]
    pajala = data.kommun("Pajala").population
    assert s.loc["Pajala", "scenario_mw"] == pytest.approx(135 * pajala / 1e6)
    assert summary["scenario_mw"] > summary["installed_mw"]


def test_export_path_is_outside_the_book():
    assert "chapters" not in str(lesson.export_path("Luleå"))


def test_shortlist_chart_names_dots_and_scale_follow_the_screening():
    """The names are texts in rank order (best on top), the dots cover exactly the unprofitable bars, and the
    x axis stays at SHORTLIST_XLIM while the bars fit in it."""
    mixed = lesson.screen("Kiruna", None, None, 10_000, replace(economy.DEFAULT_PRICES, spot=0.8))
    fig = lesson.shortlist_figure(mixed)
    ax = fig.axes[0]
    best_last = mixed.sort_values("rank", ascending=False)["building"]
    assert [t.get_text() for t in ax.texts] == [b.replace("Exempel: ", "") for b in best_last]
    unprofitable = int((mixed["npv_sek"] <= 0).sum())
    assert 0 < unprofitable < len(mixed)
    assert len(ax.patches[-1].get_path().vertices) == 5 * unprofitable     # one closed rectangle per grey bar
    assert ax.get_xlim() == lesson.SHORTLIST_XLIM
    cheap = lesson.screen("Kiruna", None, None, 6_000, replace(economy.DEFAULT_PRICES, spot=1.5))
    lesson.update_shortlist_figure(fig, cheap)
    assert ax.get_xlim()[1] >= cheap["npv_per_sek"].max() and not (cheap["npv_sek"] <= 0).any()
    assert len(ax.patches[-1].get_path().vertices) == 0                     # no grey bar, no dots


def test_site_list_with_more_orientations_than_one_simulate_many_call():
    """401–500 distinct orientations are valid (a list holds up to 500 buildings; simulate_many takes 400 at a time)."""
    base = sites_file.template_sites().iloc[[0]]
    sites = pd.concat([base] * 401, ignore_index=True)
    sites["building"] = [f"Byggnad {i}" for i in range(401)]
    sites["tilt"] = [float(i // 20) for i in range(401)]
    sites["azimuth"] = [90.0 + 9 * (i % 20) for i in range(401)]
    sites["meter_file"] = ""
    production, loads = lesson.inputs("Luleå", sites)
    assert len(production) == len(loads) == 401
    for i in (0, 250, 400):     # the last one is simulated in a second slice
        expected = pv.simulate(platser.site("Luleå"), sites.loc[i, "tilt"], sites.loc[i, "azimuth"])
        assert np.array_equal(production[i].to_numpy(), expected.to_numpy())
