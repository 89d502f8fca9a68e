"""The machine a benchmark ran on, and benchmarks/results.json + results.md (issue 13).

``results.json`` keeps one section per part (``widgets``, ``kernels``, ``site``, ``build``,
``test``, ``lessons``), each with the machine and the load average when that part started:
running some parts (``make bench PARTS=build``) replaces those sections and keeps the others.
``results.md`` is the readable summary of the whole file, rewritten every run.
"""
from __future__ import annotations

import datetime as dt
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from importlib import metadata
from pathlib import Path

import models
from models.common.formatting import fmt_number

ROOT = Path(__file__).resolve().parent.parent
RESULTS_JSON = ROOT / "benchmarks" / "results.json"
RESULTS_MD = ROOT / "benchmarks" / "results.md"
LIBRARIES = ("numpy", "pandas", "matplotlib", "pvlib", "ipywidgets", "ipython", "altair", "jupyter-book",
             "myst-nb", "jupyter-cache", "playwright")


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _ram_gb() -> float | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    return None


def _os() -> str:
    try:
        for line in Path("/etc/os-release").read_text().splitlines():
            if line.startswith("PRETTY_NAME="):
                return f"{line.split('=', 1)[1].strip(chr(34))}, Linux {platform.release()}"
    except OSError:
        pass
    return platform.platform()


def _version(name: str) -> str | None:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return None


def _relative(path: Path) -> str:
    """``path`` relative to the repository when it lies inside it (results carry no machine paths)."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return path.name


def _git_head() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def machine() -> dict:
    """CPU model, cores, RAM, OS, Python, key library versions, date and load average now, and
    which code was measured (the repository's HEAD and the ``models`` package imported)."""
    load = os.getloadavg() if hasattr(os, "getloadavg") else (None, None, None)
    return {
        "git_head": _git_head(), "models_package": _relative(Path(models.__file__).resolve().parent),
        "cpu": _cpu_model(), "cores": os.cpu_count(), "ram_gb": _ram_gb(), "os": _os(),
        "python": sys.version.split()[0],
        "libraries": {name: _version(name) for name in LIBRARIES},
        "date_utc": dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds"),
        "load_average_1_5_15": [round(x, 2) for x in load] if load[0] is not None else None,
        "speed_reference_ms": speed_reference(),
    }


def speed_reference(repeats: int = 5) -> dict:
    """How long three fixed pieces of work take on this machine now [ms, median of ``repeats``].

    The same code measured on two days can differ by a factor of two on a shared virtual machine (another
    tenant on the same host); these say how fast the machine was while a part ran, so runs can be compared:
    pure Python (a loop over 300 000 integers), numpy (sorting 2 million floats) and matplotlib (a chart with
    a line, 20 bars and 30 texts drawn with Agg).
    """
    import numpy as np
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    values = np.random.default_rng(13).random(2_000_000)
    x = np.linspace(0, 10, 2_000)

    def python() -> None:
        sum(i * i for i in range(300_000))

    def numpy() -> None:
        np.sort(values)

    def chart() -> None:
        figure = Figure(figsize=(8, 4), dpi=100)
        ax = figure.add_subplot()
        ax.plot(x, np.sin(x))
        ax.bar(np.arange(20), np.arange(20) % 7, alpha=0.5)
        for i in range(30):
            ax.text(i / 3, 0.5, f"text {i}", fontsize=8)
        FigureCanvasAgg(figure).draw()

    def timed(work) -> float:
        samples = []
        for _ in range(repeats):
            start = time.perf_counter()
            work()
            samples.append((time.perf_counter() - start) * 1000)
        return round(statistics.median(samples), 1)

    return {"python": timed(python), "numpy": timed(numpy), "matplotlib": timed(chart)}


def load_results(path: Path = RESULTS_JSON) -> dict:
    if path.is_file():
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            return {}
    return {}


def save(results: dict, json_path: Path = RESULTS_JSON, md_path: Path = RESULTS_MD) -> None:
    """Write both files atomically (a temporary file, then rename)."""
    for path, text in ((json_path, json.dumps(results, indent=1, ensure_ascii=False) + "\n"),
                       (md_path, markdown(results))):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)


def _ms(x) -> str:
    """Swedish number: no decimals from 100 on, one below (``None`` -> "–")."""
    return fmt_number(x, 0 if x is not None and x >= 100 else 1)


def _ratio(r: dict) -> str:
    text = fmt_number(r["ratio_baseline_over_ours"], 1) + "×"
    return text + (f" ({fmt_number(r['ratio_cpu'], 1)}×)" if r.get("ratio_cpu") else "")


def _met(x) -> str:
    return {True: "ja", False: "**nej**", None: "–"}[x]


def _head(section: dict) -> list[str]:
    m = section.get("machine", {})
    load = m.get("load_average_1_5_15")
    speed = m.get("speed_reference_ms")
    reference = (f" Referensarbetet (maskinens fart just då) tog: Python {_ms(speed['python'])} ms, numpy "
                 f"{_ms(speed['numpy'])} ms, matplotlib {_ms(speed['matplotlib'])} ms." if speed else "")
    return [f"*Kört {m.get('date_utc', '?')}, lastmedelvärde vid start {load} (1/5/15 min) på "
            f"{m.get('cores', '?')} kärnor; kod: {m.get('models_package', '?')}, HEAD {str(m.get('git_head'))[:10]}. "
            "Tider är väggklocka; CPU-tiden (processens) påverkas mindre av andra program på maskinen." + reference
            + "*", ""]


def markdown(results: dict) -> str:
    """The readable summary (Swedish, as the README): one section per part in the results."""
    out = ["# Prestanda: mätresultat (`make bench`)", "",
           "Genererad av `scripts/bench.py` från `benchmarks/results.json`; ändra inte för hand.", ""]
    m = next((s["machine"] for s in results.values() if isinstance(s, dict) and "machine" in s), None)
    if m:
        libs = ", ".join(f"{k} {v}" for k, v in m["libraries"].items() if v)
        out += [f"**Maskin:** {m['cpu']}, {m['cores']} kärnor, {fmt_number(m['ram_gb'], 1)} GB RAM, {m['os']}; "
                f"Python {m['python']}; {libs}.", ""]
    w = results.get("widgets")
    if w and "explorers" in w:
        t = w["all_updates_first"]
        out += ["## Utforskarna (widgetar), från ändrat reglage till uppdaterad utdata", ""] + _head(w)
        out += [f"Alla uppdateringar första gången: p50 {_ms(t['median_ms'])} ms, p95 {_ms(t['p95_ms'])} ms "
                f"(n {t['n']}); mål p95 < {w['target_p95_ms']:.0f} ms: {_met(w['met'])}. "
                f"CPU-tid p95 {_ms(w['all_updates_first_cpu']['p95_ms'])} ms.", "",
                "| Utforskare | p50 (ms) | p95 (ms) | CPU p95 (ms) | återbesök p95 (ms) | n | mål nått |",
                "|---|---:|---:|---:|---:|---:|:-:|"]
        for e in w["explorers"]:
            f = e["first"]
            name = e["explorer"].replace("models.widgets.", "")
            if e.get("error") and not f["n"]:
                out.append(f"| {name} | fel: {e['error']} | | | | | |")
                continue
            if e.get("error"):
                name += f" (fel: {e['error']})"
            out.append(f"| {name} | {_ms(f['median_ms'])} | {_ms(f['p95_ms'])} | {_ms(e['first_cpu']['p95_ms'])} | "
                       f"{_ms(e['revisit']['p95_ms'])} | {f['n']} | {_met(e['met'])} |")
        slow = sorted((c["first"]["p95_ms"] or 0, e["explorer"].replace("models.widgets.", ""), c["control"])
                      for e in w["explorers"] for c in e["controls"])[-8:][::-1]
        out += ["", "Långsammaste reglagen (p95 första gången): "
                + "; ".join(f"{n} {c} {_ms(p)} ms" for p, n, c in slow) + ".", ""]
    s = results.get("site")
    if s:
        out += ["## Webbplatsens diagram i Chromium, från ändrat reglage till nytt diagram", ""] + _head(s)
        if "skipped" in s:
            out += [f"Hoppades över: {s['skipped']}", ""]
        else:
            t = s["all_redraws"]
            out += [f"Alla omritningar: p50 {_ms(t['median_ms'])} ms, p95 {_ms(t['p95_ms'])} ms (n {t['n']}); "
                    f"mål < {s['target_ms']:.0f} ms: {_met(s['met'])}.", "",
                    "| Sida | p50 (ms) | p95 (ms) | n | diagrammet klart (ms) | mål nått |", "|---|---:|---:|---:|---:|:-:|"]
            out += [f"| {r['page']} | {_ms(r['median_ms'])} | {_ms(r['p95_ms'])} | {r['n']} | "
                    f"{_ms(r['charts_ready_ms'])} | {_met(r['met'])} |" for r in s["lessons"]]
            out.append("")
    k = results.get("kernels")
    if k:
        out += ["## Modellkärnor mot en naiv jämförelse i samma körning", ""] + _head(k)
        out += ["| Kärna | median (ms) | p95 (ms) | CPU median (ms) | n | naiv jämförelse | naiv median (ms) | kvot (CPU) | mål |",
                "|---|---:|---:|---:|---:|---|---:|---:|:-:|"]
        for r in k["kernels"]:
            if "error" in r:
                out.append(f"| {r['name']} | fel: {r['error']} | | | | | | | |")
                continue
            b = r.get("baseline")
            target = "–" if r["target_ms"] is None else f"< {_ms(r['target_ms'])} ms: {_met(r['met'])}"
            out.append(f"| {r['name']} | {_ms(r['median_ms'])} | {_ms(r['p95_ms'])} | {_ms(r.get('median_cpu_ms'))} | "
                       f"{r['n']} | "
                       f"{b['name'] if b else '–'} | {_ms(b['median_ms']) if b else '–'} | "
                       f"{_ratio(r) if b else '–'} | {target} |")
        out.append("")
    for part, title in (("build", "Bokbygget"), ("test", "Hela `make test`")):
        b = results.get(part)
        if not b:
            continue
        out += [f"## {title}", ""] + _head(b)
        if "skipped" in b:
            out += [f"Inte mätt: {b['skipped']}", ""]
            continue
        out += ["| Steg | tid (s) | mål (s) | mål nått | anmärkning |", "|---|---:|---:|:-:|---|"]
        out += [f"| {i['name']} | {_ms(i['seconds'])} | {_ms(i['target_s'])} | {_met(i['met'])} | {i['note']} |"
                for i in b["items"]]
        if b.get("notebooks"):
            out += ["", "Körtid per notebook (jupyter-cache): " + "; ".join(
                f"{n['notebook']} {fmt_number(n['execution_s'], 1)} s" for n in b["notebooks"]) + "."]
        out.append("")
    lessons = results.get("lessons")
    if lessons and "items" in lessons:
        out += ["## Lektionernas egna mätningar (benchmarks/bench_*.py)", ""] + _head(lessons)
        out += ["| Mätning | median (ms) | max (ms) |", "|---|---:|---:|"]
        out += [f"| {i['name']} | {_ms(i['median_ms'])} | {_ms(i['max_ms'])} |" for i in lessons["items"]]
        out.append("")
    return "\n".join(out)
