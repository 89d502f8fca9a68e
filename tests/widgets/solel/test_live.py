"""The chapter's live charts: a blitted update shows exactly what drawing the whole figure shows."""
from __future__ import annotations

import io
from dataclasses import replace

import numpy as np
import PIL.Image
import pytest

from models.lessons.solel import egenanvandning as economy
from models.lessons.solel import kartlagg_solelslagen as shortlist
from models.lessons.solel import solcellsanlaggningen as plant
from models.lessons.solel import solen_i_norrbotten as sun
from models.widgets.solel._live import LiveChart


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(PIL.Image.open(io.BytesIO(png)).convert("RGB"))


def assert_blitting_matches_whole_drawing(chart: LiveChart, frames) -> None:
    seen = []
    for args in frames:
        updated = pixels(chart.png(*args))
        whole = pixels(chart.redraw())              # the same figure drawn whole, no kept image
        assert updated.shape == whole.shape and (updated == whole).all(), args
        seen.append(updated)
    assert any(not np.array_equal(seen[0], other) for other in seen[1:])   # the frames really differ
    chart.live.close()


def test_monthly_chart():
    chart = LiveChart(plant.monthly_figure("Luleå", 45, 180, source=False), plant.update_monthly_figure,
                      ("Luleå", 45, 180))
    assert_blitting_matches_whole_drawing(chart, [("Luleå", 30, 180), ("Kiruna", 20, 135), ("Pajala", 90, 270),
                                                  ("Haparanda", 0, 90), ("Luleå", 45, 180)])


def test_week_chart():
    first = economy.Building(annual_kwh=2_000_000.0, kwp=300.0)
    chart = LiveChart(economy.week_figure(first, source=False), economy.update_week_figure, (first,))
    frames = [(economy.Building(),), (economy.Building(kommun="Kiruna", kwp=150.0),),
              (economy.Building(profile="kontor", annual_kwh=60_000.0, kwp=5.0),), (first,)]
    assert_blitting_matches_whole_drawing(chart, frames)


def test_shortlist_chart_with_buildings_changing_places():
    cheap, dear = (shortlist.screen("Luleå", price_per_kwp=p) for p in (6_000, 25_000))
    low_spot = shortlist.screen("Kiruna", None, None, 12_000, replace(economy.DEFAULT_PRICES, spot=0.0))
    chart = LiveChart(shortlist.shortlist_figure(cheap), shortlist.update_shortlist_figure, (cheap,))
    assert_blitting_matches_whole_drawing(chart, [(dear,), (low_spot,), (cheap,)])


@pytest.mark.parametrize("make, update", [
    (sun.sun_path_figure, sun.update_sun_path_figure),
    (sun.irradiation_figure, sun.update_irradiation_figure),
    (lambda k: sun.day_length_figure((k, "Luleå")), lambda fig, k: sun.update_day_length_figure(fig, (k, "Luleå"))),
], ids=["solens-bana", "instralning", "dagens-langd"])
def test_sun_charts(make, update):
    chart = LiveChart(make("Kiruna"), update, ("Kiruna",))
    assert_blitting_matches_whole_drawing(chart, [("Haparanda",), ("Pajala",), ("Arjeplog",), ("Kiruna",)])
