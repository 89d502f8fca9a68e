"""Lesson "Solcellsanläggningen": a widget update, and the tilt × azimuth map against a looped ModelChain.

``make bench`` runs the ``bench_*`` functions. Run this file directly for the full comparison in one
run (the 5° × 15° map, 19 × 24 = 456 orientations, vectorised vs one pvlib ModelChain per
orientation, both without snow since ModelChain has no snow model)::

    .venv/bin/python benchmarks/bench_solel_solcellsanlaggningen.py
"""
from __future__ import annotations

import time
import warnings

import numpy as np
import pvlib

from models.common.plotting import figure_png
from models.lessons.solel import platser
from models.lessons.solel import solcellsanlaggningen as lesson
from models.solar import constants as C
from models.solar import pv

CASES = ("Luleå", "Kiruna")
TILTS = tuple(range(0, 91, 5))
AZIMUTHS = tuple(range(0, 360, 15))
ROW = tuple((30, a) for a in AZIMUTHS)        # one tilt, every azimuth: 24 orientations


def setup():
    for kommun in CASES:
        lesson.summary(kommun)                 # typical year, sun position, optimum: cached as in the lesson


def bench_recompute(kommun):
    """Model only: one slider move (tilt and azimuth new): summary, fact table, monthly yields."""
    tilt = float(np.random.choice(range(0, 91, 5)))
    azimuth = float(np.random.choice(range(90, 271, 15)))
    summary = lesson.summary(kommun, tilt, azimuth)
    lesson.fact_table(kommun, tilt, azimuth, True, summary)
    lesson.monthly(kommun, tilt, azimuth)


def bench_first_draw_monthly_chart(kommun):
    """Drawing the monthly chart for a new orientation (cached afterwards)."""
    figure_png(lesson.monthly_figure(kommun, 35, 165))


def bench_orientation_map_with_snow(kommun):
    """The full 5° × 15° map with snow, vectorised (budget: under 2 s on one core)."""
    pv.orientation_map(platser.site(kommun), TILTS, AZIMUTHS, snow=True)


def bench_orientation_row_vectorised(kommun):
    """24 orientations (tilt 30°, every azimuth), vectorised, no snow."""
    pv.orientation_map(platser.site(kommun), [30], AZIMUTHS, snow=False)


def bench_orientation_row_looped_modelchain(kommun):
    """The same 24 orientations, one pvlib ModelChain each (the slow way)."""
    looped_modelchain(platser.site(kommun), ROW)


def looped_modelchain(site: pv.Site, orientations) -> list[float]:
    """Annual AC energy [kWh/kWp] per orientation with one ModelChain run each."""
    weather = site.weather[["ghi", "dni", "dhi", "temp_air", "wind_speed", "albedo"]].fillna(
        {"albedo": C.DEFAULT_ALBEDO})
    location = pvlib.location.Location(site.latitude, site.longitude, tz=C.TZ, altitude=site.altitude)
    out = []
    for tilt, azimuth in orientations:
        system = pvlib.pvsystem.PVSystem(
            surface_tilt=tilt, surface_azimuth=azimuth,
            module_parameters={"pdc0": 1.0, "gamma_pdc": C.GAMMA_PDC_PER_C},
            inverter_parameters={"pdc0": 1.0 / C.ETA_INVERTER, "eta_inv_nom": C.ETA_INVERTER},
            temperature_model_parameters=dict(C.SAPM_TEMPERATURE), losses_parameters=dict(C.PVWATTS_LOSSES_PCT))
        chain = pvlib.modelchain.ModelChain(system, location, aoi_model="physical", spectral_model="no_loss",
                                            transposition_model="haydavies", losses_model="pvwatts")
        chain.run_model(weather)
        out.append(float(chain.results.ac.clip(lower=0).sum()))
    return out


def main(kommun: str = "Luleå") -> None:
    warnings.simplefilter("ignore")
    site = platser.site(kommun)
    orientations = [(t, a) for t in TILTS for a in AZIMUTHS]
    start = time.perf_counter()
    grid = pv.orientation_map(site, TILTS, AZIMUTHS, snow=False)
    vectorised = time.perf_counter() - start
    start = time.perf_counter()
    pv.orientation_map(site, TILTS, AZIMUTHS, snow=True)
    with_snow = time.perf_counter() - start
    start = time.perf_counter()
    looped = looped_modelchain(site, orientations)
    loop = time.perf_counter() - start
    diff = np.max(np.abs(grid["yield_kwh_per_kwp"].to_numpy() - np.array(looped)) / np.array(looped).clip(1))
    print(f"{kommun}: {len(orientations)} orientations")
    print(f"  vectorised map, no snow:   {vectorised:6.2f} s")
    print(f"  vectorised map, with snow: {with_snow:6.2f} s")
    print(f"  looped ModelChain:         {loop:6.2f} s  (ratio {loop / vectorised:.0f}× slower than the map)")
    print(f"  largest relative difference map vs ModelChain: {100 * diff:.2f} %")


if __name__ == "__main__":
    main()
