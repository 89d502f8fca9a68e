"""Model kernels of issue 13, each against a naive baseline in the same run where one exists.

* a solar typical year generated for one kommun, its prepared site and one hourly simulation
  (baseline for the simulation: one pvlib ``ModelChain`` on the same weather);
* the full 5° × 15° tilt × azimuth map (19 × 24 = 456 orientations), vectorised, against one
  pvlib ``ModelChain`` per orientation (both without snow: ModelChain has no snow model); and
  the map with snow, as the lesson draws it;
* all 14 kommuner's annual yields (typical years generated, then the yield at 45°/south),
  against one ModelChain per kommun on the same prepared sites;
* a 1 000-vehicle fleet through ``transition`` 2025–2045, vectorised, against the same model
  called once per vehicle in a Python loop (the totals are checked to agree). The fleet is
  ILLUSTRATIVE: the example fleet of the fictitious "Exempelkommun" repeated with distinct ids;
* a carbon-budget pathway sweep: every kommun × temperature goal × method × start year
  (no naive alternative: recorded without a baseline);
* one chart update: a fresh matplotlib figure per update (the monthly chart of
  "Solcellsanläggningen") against ``models.common.plotting.FigureRenderer`` updating the bars.
"""
from __future__ import annotations

import statistics
import time
import warnings

import numpy as np
import pandas as pd

from models import data, transport
from models.common.plotting import FigureRenderer, figure_png
from models.data import fleet_file
from models.lessons.solel import platser
from models.lessons.solel import solcellsanlaggningen as solar_lesson
from models.lessons.strategi import mal_och_budget as budget_lesson
from models.solar import pv
from models.strategy import scenario as sc

from bench_solel_solcellsanlaggningen import AZIMUTHS, TILTS, looped_modelchain

KOMMUN = "Kiruna"                      # a generated typical year (Luleå's is the measured file)
FLEET_SIZE = 1000
FLEET_YEARS = (2025, 2045)
ORIENTATIONS = [(t, a) for t in TILTS for a in AZIMUTHS]
CHART_UPDATES = [(t, a) for t in (15, 30, 45, 60, 75) for a in (135, 180, 225)]


class Samples(list):
    """Wall times [ms]; ``cpu`` holds the process CPU times [ms] of the same calls."""

    def __init__(self):
        super().__init__()
        self.cpu: list[float] = []


def timed(func, repeat: int) -> tuple[Samples, object]:
    """Wall (and CPU) times [ms] of ``repeat`` calls of ``func()`` and the last result."""
    samples, out = Samples(), None
    for _ in range(repeat):
        cpu = time.process_time()
        start = time.perf_counter()
        out = func()
        samples.append((time.perf_counter() - start) * 1000)
        samples.cpu.append((time.process_time() - cpu) * 1000)
    return samples, out


def _cpu(samples) -> float | None:
    cpu = getattr(samples, "cpu", None)
    return round(float(statistics.median(cpu)), 2) if cpu else None


def record(name: str, samples: list[float], *, target_ms: float | None = None, note: str = "",
           baseline: dict | None = None) -> dict:
    """One kernel's JSON record: median, p95, n, the target and whether it is met, the baseline."""
    arr = np.asarray(samples, float)
    median = float(statistics.median(samples))
    out = {"name": name, "n": len(samples), "median_ms": round(median, 2),
           "p95_ms": round(float(np.percentile(arr, 95)), 2), "median_cpu_ms": _cpu(samples), "target_ms": target_ms,
           "met": None if target_ms is None else median < target_ms, "note": note}
    if baseline is not None:
        out["baseline"] = baseline
        out["ratio_baseline_over_ours"] = round(baseline["median_ms"] / median, 1) if median else None
        cpu, base_cpu = out["median_cpu_ms"], baseline.get("median_cpu_ms")
        out["ratio_cpu"] = round(base_cpu / cpu, 1) if cpu and base_cpu else None
    return out


def base(name: str, samples: list[float], **extra) -> dict:
    return {"name": name, "n": len(samples), "median_ms": round(float(statistics.median(samples)), 2),
            "p95_ms": round(float(np.percentile(np.asarray(samples, float), 95)), 2), "median_cpu_ms": _cpu(samples),
            **extra}


def modelchain_once(site: pv.Site, tilt: float, azimuth: float) -> float:
    return looped_modelchain(site, [(tilt, azimuth)])[0]


def solar_one_kommun(repeat: int) -> list[dict]:
    key = platser.data_key()
    platser.typical_year("Luleå")                      # the reference year and its calibration, once
    year, weather = timed(lambda: platser._generated.__wrapped__(KOMMUN, key), repeat)
    lat, lon, alt = platser.coordinates(KOMMUN)
    with platser.quiet():
        prep, site = timed(lambda: pv.prepare(weather, lat, lon, alt, name=KOMMUN), repeat)
    sim, _ = timed(lambda: pv.simulate(site, 45, 180, 1.0, snow=False), repeat)
    chain, _ = timed(lambda: modelchain_once(site, 45, 180), repeat)
    sim_snow, _ = timed(lambda: pv.simulate(site, 45, 180, 1.0, snow=True), repeat)
    return [
        record(f"Sol: typår genererat för {KOMMUN}", year),
        record(f"Sol: platsen förberedd för {KOMMUN} (solens läge, uppdelning av strålningen)", prep),
        record(f"Sol: en timsimulering {KOMMUN} 45°/180°, utan snö", sim,
               baseline=base("en pvlib ModelChain på samma plats", chain)),
        record(f"Sol: en timsimulering {KOMMUN} 45°/180°, med snö", sim_snow),
    ]


def orientation_map(repeat: int) -> list[dict]:
    site = platser.site(KOMMUN)
    vec, grid = timed(lambda: pv.orientation_map(site, TILTS, AZIMUTHS, snow=False), repeat)
    loop, looped = timed(lambda: looped_modelchain(site, ORIENTATIONS), 1)
    diff = float(np.max(np.abs(grid["yield_kwh_per_kwp"].to_numpy() - np.array(looped)) / np.array(looped).clip(1)))
    snow, _ = timed(lambda: pv.orientation_map(site, TILTS, AZIMUTHS, snow=True), repeat)
    return [
        record(f"Sol: karta lutning × riktning {KOMMUN}, {len(ORIENTATIONS)} riktningar, utan snö", vec,
               baseline=base("en pvlib ModelChain per riktning (i en slinga)", loop,
                             largest_relative_difference_pct=round(100 * diff, 3))),
        record(f"Sol: karta lutning × riktning {KOMMUN}, {len(ORIENTATIONS)} riktningar, med snö", snow,
               target_ms=2000.0, note="lektionens karta (budget 2 s, från bench_solel_solcellsanlaggningen)"),
    ]


def all_kommuner_yields(repeat: int) -> list[dict]:
    key = platser.data_key()
    lulea = platser.typical_year("Luleå")

    def cold() -> dict:
        out = {}
        for name in data.KOMMUNER:
            weather = lulea if name == platser.REFERENCE else platser._generated.__wrapped__(name, key)
            lat, lon, alt = platser.coordinates(name)
            with platser.quiet():
                out[name] = pv.specific_yield(pv.prepare(weather, lat, lon, alt, name=name), 45, 180)
        return out

    sites = {name: platser.site(name) for name in data.KOMMUNER}
    cold_ms, yields = timed(cold, max(1, repeat // 2))
    warm, _ = timed(lambda: {n: pv.specific_yield(s, 45, 180, snow=False) for n, s in sites.items()}, repeat)
    chain, _ = timed(lambda: {n: modelchain_once(s, 45, 180) for n, s in sites.items()}, 1)
    return [
        record(f"Sol: årsproduktion i alla {len(data.KOMMUNER)} kommuner från början (typår genereras, platser förbereds)", cold_ms,
               note=f"produktion 45°/180° med snö: {min(yields.values()):.0f}–{max(yields.values()):.0f} kWh/kWp"),
        record(f"Sol: årsproduktion 45°/180° i alla {len(data.KOMMUNER)} kommuner, förberedda platser, utan snö", warm,
               baseline=base("en pvlib ModelChain per kommun", chain)),
    ]


def illustrative_fleet(n: int = FLEET_SIZE) -> pd.DataFrame:
    """ILLUSTRATIVE: the example fleet repeated to ``n`` vehicles with distinct ids (not real data)."""
    example = fleet_file.example_fleet()
    copies = -(-n // len(example))
    fleet = pd.concat([example] * copies, ignore_index=True).iloc[:n].copy()
    fleet["vehicle_id"] = [f"{v}-{i:04d}" for i, v in enumerate(fleet["vehicle_id"].astype(str), 1)]
    return fleet.reset_index(drop=True)


def fleet_transition(repeat: int) -> list[dict]:
    fleet = illustrative_fleet()
    start, end = FLEET_YEARS
    vec, result = timed(lambda: transport.transition(fleet, start, end, rule="lowest_tco"), repeat)

    def per_vehicle() -> float:
        total = 0.0
        for i in range(len(fleet)):
            one = transport.transition(fleet.iloc[[i]], start, end, rule="lowest_tco")
            total += float(one["emissions_t_co2e"].sum())
        return total

    loop, looped_total = timed(per_vehicle, 1)
    total = float(result["emissions_t_co2e"].sum())
    return [record(f"Transport: omställning {start}–{end} av en flotta med {FLEET_SIZE} fordon (illustrativ flotta)", vec,
                   target_ms=1000.0, note="flottan: exempelflottan för den påhittade Exempelkommun upprepad (illustrativ, inte data)",
                   baseline=base("samma modell en gång per fordon i en Python-slinga", loop,
                                 emissions_agree=bool(np.isclose(total, looped_total, rtol=1e-9))))]


def budget_sweep(repeat: int) -> list[dict]:
    key = data.version("emissions_total", "emissions_by_sector", "klimatkollen_carbon_budget")
    years = (sc.START_YEARS[0],)                       # Klimatkollen's budget year, the lesson's default
    combos = [(k, g, m, y) for k in data.KOMMUNER for g in sc.GOALS for m in sc.METHODS for y in years]
    budget_lesson.scenario("Luleå")                     # data read once, as in the lesson

    def sweep() -> int:
        for kommun, goal, method, year in combos:
            budget_lesson._scenario.__wrapped__(kommun, goal, method, year, (), 0.0, sc.SWEDEN_NET_ZERO_YEAR,
                                                sc.CARBON_LAW_END_YEAR, key)
        return len(combos)

    samples, _ = timed(sweep, repeat)
    return [record(f"Strategi: koldioxidbudgetens banor, {len(combos)} scenarier "
                   f"({len(data.KOMMUNER)} kommuner × {len(sc.GOALS)} temperaturmål × {len(sc.METHODS)} metoder, start {years[0]})",
                   samples, note="build_scenario utan cache per kombination; ingen naiv jämförelse finns")]


def chart_redraw(repeat: int) -> list[dict]:
    kommun = "Luleå"
    monthly = {o: solar_lesson.monthly(kommun, *o) for o in CHART_UPDATES}   # model cached: drawing only

    figure = solar_lesson.monthly_figure(kommun, *CHART_UPDATES[0])
    renderer = FigureRenderer(figure)
    renderer.png()
    ax = figure.axes[0]
    outline, bars = ax.containers[0], ax.containers[1]

    def fresh(o) -> None:
        figure_png(solar_lesson.monthly_figure(kommun, *o))

    def redraw(o) -> None:
        m = monthly[o]
        for patch, h in zip(outline, m["no_snow_kwh_per_kwp"]):
            patch.set_height(h)
        for patch, h in zip(bars, m["yield_kwh_per_kwp"]):
            patch.set_height(h)
        ax.set_title(f"{kommun}: lutning {o[0]}°, riktning {o[1]}°")
        renderer.png()

    fresh_ms, redraw_ms = Samples(), Samples()
    for _ in range(repeat):                # interleaved, so both see the same load on the machine
        for o in CHART_UPDATES:
            for func, samples in ((fresh, fresh_ms), (redraw, redraw_ms)):
                t, _ = timed(lambda: func(o), 1)
                samples.extend(t)
                samples.cpu.extend(t.cpu)
    renderer.close()
    return [record("Diagram: FigureRenderer ritar om per uppdatering (månadsdiagrammet, Solcellsanläggningen)",
                   redraw_ms, target_ms=100.0,
                   note=f"{len(CHART_UPDATES)} riktningar × {repeat}, omväxlande med jämförelsen",
                   baseline=base("en ny matplotlib-figur per uppdatering (figure_png)", fresh_ms))]


KERNELS = (solar_one_kommun, orientation_map, all_kommuner_yields, fleet_transition, budget_sweep, chart_redraw)


def run(repeat: int = 5, echo=print) -> dict:
    """Every kernel; the ``kernels`` part."""
    warnings.simplefilter("ignore")
    records = []
    for kernel in KERNELS:
        try:
            found = kernel(repeat)
        except Exception as error:           # one broken kernel must not hide the others
            found = [{"name": kernel.__name__, "error": f"{type(error).__name__}: {error}"}]
        for r in found:
            records.append(r)
            if "error" in r:
                echo(f"  {r['name']:<80} FEL: {r['error']}")
                continue
            line = (f"  {r['name']:<80} median {r['median_ms']:9.1f} ms  p95 {r['p95_ms']:9.1f} ms"
                    f"  (CPU {r['median_cpu_ms']:.0f} ms)")
            if "baseline" in r:
                line += f"   naiv {r['baseline']['median_ms']:9.1f} ms ({r['ratio_baseline_over_ours']}×)"
            echo(line)
    return {"kernels": records}
