"""Static-site charts: how long a reader waits after moving a control (Chromium, built site).

Needs the built book (`make book`) and Debian's Chromium. ``setup()`` serves _build/html on
127.0.0.1, opens every Strategi lesson page once and prints each page's weight (HTML raw and
gzip, and the chart libraries, loaded once and then cached). Each case then moves one
control and waits until the chart has redrawn (``stratusChartsIdle()`` plus one animation
frame): the time from the reader's change to the new picture.
"""
from __future__ import annotations

import functools
import gzip
import http.server
import os
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HTML = ROOT / "_build" / "html"
CHROMIUM = os.environ.get("STRATUS_CHROMIUM", "/usr/bin/chromium")
CHAPTER = "chapters/01-strategi/"
LIBRARIES = ("vega.min.js", "vega-lite.min.js", "vega-embed.min.js")

# (lesson page, chart name, control, the two values it alternates between)
CASES = [
    ("utslapp", "utslapp", "kommun", ("Luleå", "Pajala")),
    ("utslapp", "utslapp", "vy", ("tid", "sektor")),
    ("mal-och-budget", "mal-och-budget", "kommun", ("Luleå", "Pajala")),
    ("mal-och-budget", "mal-och-budget", "start", ("2024", "2027")),
    ("atgarder", "atgarder", "kommun", ("Luleå", "Pajala")),
    ("atgarder", "atgarder", "ranta", ("2", "8")),
    ("klimatbudget", "klimatbudget", "kommun", ("Luleå", "Pajala")),
    ("klimatbudget", "klimatbudget", "tak", ("carbon_law", "lulea")),
    ("uppfoljning", "uppfoljning", "kommun", ("Luleå", "Pajala")),
    ("uppfoljning", "uppfoljning", "tolerans", ("10", "40")),
]

REDRAW = """async ([chart, name, value]) => {
  const fig = document.getElementById('stratus-chart-' + chart);
  const el = fig.querySelector(`[name='${name}']`);
  const start = performance.now();
  if (el.tagName === 'SELECT') { el.value = value; el.dispatchEvent(new Event('change')); }
  else if (el.type === 'radio') { const r = fig.querySelector(`[name='${name}'][value='${value}']`);
                                  r.checked = true; r.dispatchEvent(new Event('change')); }
  else { el.value = value; el.dispatchEvent(new Event('input')); }
  await window.stratusChartsIdle();
  await new Promise(r => requestAnimationFrame(() => r()));
  return performance.now() - start;
}"""

_state: dict = {}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def setup():
    from playwright.sync_api import sync_playwright

    if not (HTML / CHAPTER / "utslapp.html").is_file():
        raise SystemExit("Bygg boken först (make book): _build/html saknas.")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(HTML)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    playwright = sync_playwright().start()
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
    pages = {}
    libraries = sum((HTML / "_static" / "vega" / name).stat().st_size for name in LIBRARIES)
    libraries_gz = sum(len(gzip.compress((HTML / "_static" / "vega" / name).read_bytes())) for name in LIBRARIES)
    print(f"Diagrambiblioteken (en gång per besök, sedan i webbläsarens cache): {libraries / 1e3:.0f} kB, "
          f"{libraries_gz / 1e3:.0f} kB gzip")
    for lesson in dict.fromkeys(c[0] for c in CASES):
        raw = (HTML / CHAPTER / f"{lesson}.html").read_bytes()
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_port}/{CHAPTER}{lesson}.html")
        ready = page.evaluate("() => window.stratusChartsReady.then(() => performance.now())")
        print(f"{lesson:<16} sida {len(raw) / 1e3:5.0f} kB ({len(gzip.compress(raw)) / 1e3:4.0f} kB gzip), "
              f"diagrammet klart {ready:5.0f} ms efter att sidan började laddas")
        pages[lesson] = page
    _state.update(server=server, playwright=playwright, browser=browser, pages=pages, flip={})


def bench_redraw_after_control_change(case):
    """One control moved on the page: the in-page time until the chart has redrawn."""
    lesson, chart, name, values = case
    flip = _state["flip"].get(case, 0)
    _state["flip"][case] = 1 - flip
    return _state["pages"][lesson].evaluate(REDRAW, [chart, name, values[1 - flip]])
