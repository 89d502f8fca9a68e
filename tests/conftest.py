"""Shared pytest setup: the helper modules' folders on the import path, the book-build fixture, the check
that nbval ran every toc notebook, the test files' order under xdist and the live-figure redraw check."""
from __future__ import annotations

import fcntl
import io
import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest
from PIL import Image
from xdist.scheduler import LoadFileScheduling

from booktools import BUILD, ROOT, toc_notebooks
from models.common.live_figure import LiveFigure

NBTEST = BUILD / "nbtest"

# Helper modules beside the tests (``fuzzlib``, ``fuzz_registry``, ``offline_browser``): importable by name
# under ``--import-mode=importlib``, which puts no test folder on the path itself.
for _helpers in (Path(__file__).resolve().parent / "fuzz", Path(__file__).resolve().parent / "site"):
    if str(_helpers) not in sys.path:
        sys.path.insert(0, str(_helpers))


def pytest_collection_finish(session):
    """With nbval on, every notebook in _toc.yml must have been collected for execution."""
    config = session.config
    if not (config.getoption("nbval", default=False) or config.getoption("nbval_lax", default=False)):
        return
    collected = {Path(str(item.path)).resolve() for item in session.items if str(item.path).endswith(".ipynb")}
    expected = {(NBTEST / nb.relative_to(ROOT).with_suffix(".ipynb")).resolve() for nb in toc_notebooks()}
    missing = sorted(str(p.relative_to(ROOT)) for p in expected - collected)
    if missing:
        raise pytest.UsageError(
            "These notebooks are in _toc.yml but were not collected by nbval "
            f"(run scripts/nbtest.py and pass _build/nbtest to pytest): {missing}"
        )


# --- live figures (models.common.live_figure): a redraw shows what a whole drawing shows -------
@pytest.fixture
def redraws_like_a_whole_drawing():
    """``check(make, change)``: a chart from ``make()`` in a live figure, moved by ``change(chart)`` and
    redrawn by its moving parts only, shows something new, and what the same figure drawn whole (no
    kept image) shows, pixel for pixel (≥ 99,9 % of pixels: texts may shift by half a pixel)."""
    def pixels(png: bytes):
        return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))

    def check(make, change) -> None:
        chart = make()
        live = LiveFigure(chart.figure, chart.dynamic)
        try:
            first = pixels(live.png())
            change(chart)
            live.set_dynamic(chart.dynamic)
            updated = pixels(live.png())
            live.invalidate()                   # the same figure drawn whole, without kept images
            whole = pixels(live.png())
        finally:
            live.close()
        assert not (first.shape == updated.shape and (first == updated).all()), "ändringen syns inte i bilden"
        assert (updated == whole).all(axis=-1).mean() > 0.999

    return check


# --- test order under `make test` (pytest-xdist, one test file per worker at a time) -------
# Files run longest first, so the workers finish together: the seconds each file took in a
# recent run are in tests/durations.json (every run writes _build/test-durations.json; copy it
# over after adding or changing slow tests). The browser tests of the site come first of all:
# the book build they wait for and the page visits after it are the run's longest chain; the
# other files that need the book come last, so no worker waits for the build.
# The longest files go to the workers in parts (SPLIT_FILES): their tests' parameters (a page, a
# function) in name order are dealt round into the parts, and a parameter's tests stay together
# (test_browser.py's tests of one page share one visit of it).
DURATIONS = ROOT / "tests" / "durations.json"
MEASURED_DURATIONS = BUILD / "test-durations.json"
SECONDS_PER_UNKNOWN_TEST = 0.5
SPLIT_FILES = {"tests/site/test_browser.py": 3, "tests/site/test_browser_widths.py": 2,
               "tests/site/test_charts_layout.py": 2, "tests/fuzz/test_fuzz.py": 3}


def _test_file(nodeid: str) -> str:
    return nodeid.split("::", 1)[0]


def _parameter(nodeid: str) -> str:
    """The parameter id of a test ("" for a test without parameters)."""
    test = nodeid.rsplit("::", 1)[-1]
    return test[test.index("[") + 1:-1] if "[" in test else ""


def scopes(nodeids) -> dict[str, str]:
    """The work unit of each test: its file, or for a file in SPLIT_FILES, ``<file>::del-<k>``."""
    nodeids = list(nodeids)
    parameters: dict[str, set] = {}
    for nodeid in nodeids:
        if _test_file(nodeid) in SPLIT_FILES:
            parameters.setdefault(_test_file(nodeid), set()).add(_parameter(nodeid))
    part = {(name, value): index % SPLIT_FILES[name]
            for name, values in parameters.items() for index, value in enumerate(sorted(values))}
    return {nodeid: (f"{_test_file(nodeid)}::del-{part[_test_file(nodeid), _parameter(nodeid)]}"
                     if _test_file(nodeid) in SPLIT_FILES else _test_file(nodeid)) for nodeid in nodeids}


def expected_seconds(items) -> dict[str, float]:
    """Expected seconds per test file: the recorded time, else half a second per test."""
    try:
        recorded = json.loads(DURATIONS.read_text(encoding="utf-8"))["seconds"]
    except (OSError, ValueError, KeyError):
        recorded = {}
    counts = Counter(_test_file(item.nodeid) for item in items)
    return {name: float(recorded.get(name, SECONDS_PER_UNKNOWN_TEST * n)) for name, n in counts.items()}


@pytest.hookimpl(trylast=True)        # after pytest has grouped the tests that share a module-scoped parameter
def pytest_collection_modifyitems(session, config, items):
    """Work units (files, or parts of the SPLIT_FILES) longest first, each unit's tests in their order, in
    three groups: the longest unit that needs the built book (the first worker builds it), then every
    unit that does not need it (the other workers run them meanwhile instead of waiting for the
    build), then the other units that need it."""
    seconds = expected_seconds(items)
    scope = scopes(item.nodeid for item in items)
    scope_seconds = {unit: seconds[_test_file(unit)] / SPLIT_FILES.get(_test_file(unit), 1)
                     for unit in scope.values()}
    needs_book = {scope[item.nodeid] for item in items if "built_book" in getattr(item, "fixturenames", ())}
    first = max(sorted(needs_book), key=lambda unit: scope_seconds[unit], default=None)

    def order(item):
        unit = scope[item.nodeid]
        return (0 if unit == first else 2 if unit in needs_book else 1), -scope_seconds[unit], unit

    items.sort(key=order)


class LongestFileFirst(LoadFileScheduling):
    """pytest-xdist's one-file-per-worker scheduling, with the SPLIT_FILES in parts, handing out the
    work units in the collection order set above instead of by number of tests (which put the long
    notebooks and the build last)."""

    def schedule(self) -> None:
        if self.collection is None and self.registered_collections:
            self._scopes = scopes(next(iter(self.registered_collections.values())))
        reorder = self.config.option.loadscopereorder
        self.config.option.loadscopereorder = False
        try:
            super().schedule()
        finally:
            self.config.option.loadscopereorder = reorder

    def _split_scope(self, nodeid: str) -> str:
        return getattr(self, "_scopes", {}).get(nodeid) or super()._split_scope(nodeid)


def pytest_xdist_make_scheduler(config, log):
    if config.getvalue("dist") == "loadfile":
        return LongestFileFirst(config, log)
    return None


_RUN_SECONDS: Counter = Counter()


def pytest_runtest_logreport(report):
    """On the controller: the seconds each test file took (setup, call and teardown)."""
    _RUN_SECONDS[_test_file(report.nodeid)] += report.duration


def _write_measured_durations(session) -> None:
    if hasattr(session.config, "workerinput") or not _RUN_SECONDS or session.testsfailed:
        return
    BUILD.mkdir(parents=True, exist_ok=True)
    record = {"about": "Seconds per test file in one `make test` run (tests/conftest.py orders the files "
                       "longest first); copy to tests/durations.json to use it.",
              "seconds": {name: round(value, 1) for name, value in sorted(_RUN_SECONDS.items())}}
    MEASURED_DURATIONS.write_text(json.dumps(record, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


@pytest.fixture(scope="session")
def built_book():
    """Build the book once per test run (warnings as errors); returns the html folder.

    `make test` runs on both cores (pytest-xdist): the first worker that needs the book builds
    it while the others wait on a lock, and a stamp with the run's id tells the others it is
    built (two builds at once would corrupt the jupyter cache).
    """
    run_id = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"single-{os.getpid()}"
    BUILD.mkdir(parents=True, exist_ok=True)
    stamp = BUILD / ".built-for-test-run"
    with open(BUILD / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            done = stamp.read_text(encoding="utf-8").split("\n", 1) if stamp.exists() else []
            if done and done[0] == run_id:
                if len(done) > 1 and done[1]:
                    pytest.fail(done[1], pytrace=False)
                return BUILD / "html"
            result = subprocess.run(
                [sys.executable, str(ROOT / "scripts" / "build_book.py")],
                cwd=ROOT, capture_output=True, text=True,
            )
            failure = ("" if result.returncode == 0 else
                       f"Book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}")
            stamp.write_text(f"{run_id}\n{failure}", encoding="utf-8")
            if failure:
                pytest.fail(failure, pytrace=False)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)
    return BUILD / "html"


# --- the built site in a real browser (tests/site/test_browser.py) -----------------
# Debian's Chromium, driven by Playwright for Python; never a browser that Playwright
# downloads. `make test` installs it (scripts/ensure_system.sh).
import functools  # noqa: E402
import http.server  # noqa: E402
import threading  # noqa: E402

CHROMIUM = os.environ.get("STRATUS_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
    # A second wall besides the request router in the tests: no host but this machine
    # can even be looked up.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# The site is served under a sub-path, as on GitHub Pages, so links that assume the
# site sits at the server root show up as failed requests.
SITE_PREFIX = "/stratus/"
SUMMARY_KEY = pytest.StashKey[list]()


class _QuietSiteHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript",
                      ".woff": "font/woff", ".woff2": "font/woff2", ".svg": "image/svg+xml"}

    def translate_path(self, path):
        if not path.startswith(SITE_PREFIX):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(SITE_PREFIX):])

    def send_response(self, code, message=None):
        super().send_response(code, message)
        if code == 200:      # the site does not change during a run: each page reuses the scripts, fonts, MathJax
            self.send_header("Cache-Control", "max-age=3600")

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def site_url(built_book):
    """Base URL of the built site, served over HTTP on 127.0.0.1 (free port) for the session."""
    handler = functools.partial(_QuietSiteHandler, directory=str(built_book))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}{SITE_PREFIX}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def chromium():
    """A headless Debian Chromium, launched through Playwright (closed after the module)."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(
            f"Chromium saknas ({CHROMIUM}). Installera Debians paket: `apt-get install chromium` "
            "(`make test` gör det när du kör som root), eller ange sökvägen i STRATUS_CHROMIUM.",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_summary(request):
    """Lines the site tests want printed at the end of the run (slowest page, size...)."""
    return request.config.stash.setdefault(SUMMARY_KEY, [])


SUMMARY_DIR = BUILD / "site-summary"


def pytest_sessionstart(session):
    if not hasattr(session.config, "workerinput"):          # the controller (or a run without xdist)
        for old in SUMMARY_DIR.glob("*.txt"):
            old.unlink()


def pytest_sessionfinish(session):
    """An xdist worker hands its summary lines to the controller through a file; the controller
    writes the seconds per test file."""
    _write_measured_durations(session)
    worker = getattr(session.config, "workerinput", {}).get("workerid")
    lines = session.config.stash.get(SUMMARY_KEY, [])
    if worker and lines:
        SUMMARY_DIR.mkdir(parents=True, exist_ok=True)
        (SUMMARY_DIR / f"{worker}.txt").write_text("\n".join(lines), encoding="utf-8")


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    lines = list(config.stash.get(SUMMARY_KEY, []))
    for part in sorted(SUMMARY_DIR.glob("*.txt")):
        lines += part.read_text(encoding="utf-8").splitlines()
    if lines:
        terminalreporter.section("webbplatsen")
        for line in lines:
            terminalreporter.write_line(line)
