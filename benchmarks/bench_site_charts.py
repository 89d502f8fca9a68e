"""Static-site charts: how long a reader waits after moving a control (Chromium, built site).

Needs the built book (``make book``: _build/html) and Debian's Chromium; :func:`run` returns
``{"skipped": reason}`` when either is missing. It serves _build/html on 127.0.0.1, opens every
lesson page with a chart (``figure.stratus-chart``), prints each page's weight (HTML raw and
gzip; the chart libraries are loaded once and then cached) and the time until the charts are
drawn, then finds every control of every chart (``select``, radio groups, range sliders,
checkboxes) and moves it back and forth between two far-apart values (first and last option,
``min`` and ``max``), timing in the page from the change to the redrawn chart
(``stratusChartsIdle()`` plus one animation frame). Target: under 50 ms per redraw.

Run directly for the summary only: ``.venv/bin/python benchmarks/bench_site_charts.py``.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import shutil
import statistics
import threading
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("STRATUS_CHROMIUM", "/usr/bin/chromium")
LIBRARIES = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")
TARGET_MS = 50.0
MOVES = 10      # changes per control (alternating between its two values)

# Every control of every chart on the page: [chart, name, kind, value A, value B].
CONTROLS = """() => {
  const out = [];
  for (const fig of document.querySelectorAll('figure.stratus-chart')) {
    const chart = fig.dataset.stratusChart, seen = new Set();
    for (const el of fig.querySelectorAll('.stratus-chart-controls [name]')) {
      const name = el.getAttribute('name');
      if (seen.has(name)) continue;
      seen.add(name);
      if (el.tagName === 'SELECT') {
        const v = [...el.options].map(o => o.value);
        if (v.length > 1) out.push([chart, name, 'select', v[0], v[v.length - 1]]);
      } else if (el.type === 'radio') {
        const v = [...fig.querySelectorAll(`[name='${name}']`)].map(r => r.value);
        if (v.length > 1) out.push([chart, name, 'radio', v[0], v[v.length - 1]]);
      } else if (el.type === 'checkbox') {
        out.push([chart, name, 'checkbox', 'true', 'false']);
      } else if (el.type === 'range') {
        out.push([chart, name, 'range', el.min, el.max]);
      }
    }
  }
  return out;
}"""

REDRAW = """async ([chart, name, kind, value]) => {
  const fig = document.getElementById('stratus-chart-' + chart);
  const el = fig.querySelector(`.stratus-chart-controls [name='${name}']`);
  const start = performance.now();
  if (kind === 'select') { el.value = value; el.dispatchEvent(new Event('change', {bubbles: true})); }
  else if (kind === 'radio') { const r = fig.querySelector(`[name='${name}'][value='${value}']`);
                               r.checked = true; r.dispatchEvent(new Event('change', {bubbles: true})); }
  else if (kind === 'checkbox') { el.checked = value === 'true'; el.dispatchEvent(new Event('change', {bubbles: true})); }
  else { el.value = value; el.dispatchEvent(new Event('input', {bubbles: true})); }
  await window.stratusChartsIdle();
  await new Promise(r => requestAnimationFrame(() => r()));
  return performance.now() - start;
}"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def chart_pages(html: Path = HTML) -> list[Path]:
    """Built lesson pages holding at least one static-site chart."""
    return sorted(p for p in (html / "chapters").glob("*/*.html") if "stratus-chart-" in p.read_text(encoding="utf-8"))


def missing(html: Path = HTML) -> str | None:
    """Why the part cannot run here (Swedish), or None."""
    if not (html / "chapters").is_dir() or not chart_pages(html):
        return f"Ingen byggd webbplats med diagram i {html} (kör `make book` först)."
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        return f"Chromium saknas ({CHROMIUM}; `make browser` installerar Debians Chromium)."
    try:
        import playwright.sync_api  # noqa: F401  (the browser driver is optional for `make bench`)
    except ImportError:
        return "Python-paketet playwright saknas i .venv."
    return None


def _stats(samples: list[float]) -> dict:
    if not samples:
        return {"n": 0, "median_ms": None, "p95_ms": None, "max_ms": None}
    arr = np.asarray(samples, float)
    return {"n": len(samples), "median_ms": round(float(statistics.median(samples)), 2),
            "p95_ms": round(float(np.percentile(arr, 95)), 2), "max_ms": round(float(arr.max()), 2)}


def run(moves: int = MOVES, echo=print, html: Path = HTML) -> dict:
    """Every control of every chart on every lesson page; the ``site`` part."""
    reason = missing(html)
    if reason:
        echo(f"  hoppar över: {reason}")
        return {"skipped": reason}
    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(html)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    libraries = [html / "_static" / "vega" / name for name in LIBRARIES]
    weight = {"chart_libraries_kb": round(sum(p.stat().st_size for p in libraries if p.is_file()) / 1e3),
              "chart_libraries_gzip_kb": round(sum(len(gzip.compress(p.read_bytes())) for p in libraries
                                                   if p.is_file()) / 1e3)}
    echo(f"  diagrambiblioteken (en gång per besök, sedan cachade): {weight['chart_libraries_kb']} kB, "
         f"{weight['chart_libraries_gzip_kb']} kB gzip")
    lessons, everything = [], []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        try:
            for path in chart_pages(html):
                relative = path.relative_to(html).as_posix()
                raw = path.read_bytes()
                page = browser.new_page()
                page.goto(f"http://127.0.0.1:{server.server_port}/{relative}")
                ready = page.evaluate("() => window.stratusChartsReady.then(() => performance.now())")
                record = {"page": relative, "html_kb": round(len(raw) / 1e3), "html_gzip_kb": round(len(gzip.compress(raw)) / 1e3),
                          "charts_ready_ms": round(ready, 1), "controls": [], "target_ms": TARGET_MS}
                samples = []
                for chart, name, kind, a, b in page.evaluate(CONTROLS):
                    times = [page.evaluate(REDRAW, [chart, name, kind, (b, a)[i % 2]]) for i in range(moves)]
                    samples += times
                    record["controls"].append({"chart": chart, "control": name, "kind": kind,
                                               "values": [a, b], **_stats(times)})
                page.close()
                record.update(_stats(samples))
                record["met"] = None if record["p95_ms"] is None else record["p95_ms"] < TARGET_MS
                everything += samples
                lessons.append(record)
                echo(f"  {relative:<48} p50 {record['median_ms'] or 0:6.1f} ms  p95 {record['p95_ms'] or 0:6.1f} ms  "
                     f"(n {record['n']}, klart efter {ready:5.0f} ms, sidan {record['html_kb']} kB)")
        finally:
            browser.close()
            server.shutdown()
    total = _stats(everything)
    return {"target_ms": TARGET_MS, "all_redraws": total,
            "met": None if total["p95_ms"] is None else total["p95_ms"] < TARGET_MS,
            "weight": weight, "lessons": lessons,
            "method": "headless Chromium, in-page performance.now() from the control event to "
                      "stratusChartsIdle() plus one animation frame"}


if __name__ == "__main__":
    run()
