"""The pages of the built site in a browser, for the site tests: which pages there are, what a page
shows (its facts), and opening a page until it and everything it loads has settled (test_browser.py,
test_browser_widths.py)."""
from __future__ import annotations

import json
import time
from pathlib import Path

import yaml
from offline_browser import OfflineContext, record_problems

from booktools import BUILD, ROOT, toc_notebooks, toc_pages

SCREENSHOTS = BUILD / "screenshots"
SCREENSHOT_CONFIG = ROOT / "tests" / "screenshots.yml"
EXTRA_PAGES = ["search", "genindex"]
NOTEBOOK_PAGES = {str(p.relative_to(ROOT).with_suffix("")) for p in toc_notebooks()}
BLOCKING_IMPACTS = {"serious", "critical"}
# The tests read only axe's violations; without its passes and incomplete results, axe takes half the
# time (4.4 instead of 8.5 s on Mål och koldioxidbudget, the same violations).
AXE_OPTIONS = {"resultTypes": ["violations"]}
# Visible signs that something went wrong while building or running a page.
ERROR_SELECTORS = (
    ".cell_output .traceback, .cell_output .stderr, .output.traceback, .output.stderr, "
    ".system-message, .problematic"
)

PAGE_FACTS = """
() => {
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const images = [...document.images];
  return {
    lang: document.documentElement.lang,
    title: document.title.trim(),
    noAlt: images.filter((img) => !(img.getAttribute('alt') || '').trim())
                 .map((img) => img.getAttribute('src')),
    notLoaded: images.filter((img) => !(img.complete && img.naturalWidth > 0))
                     .map((img) => img.getAttribute('src')),
    figures: images.filter((img) => (img.getAttribute('src') || '').includes('_images/')
                                     && img.complete && img.naturalWidth > 0).length,
    errors: [...document.querySelectorAll(ERROR_SELECTORS)].filter(visible)
              .map((el) => el.innerText.slice(0, 200)),
    traceback: document.body.innerText.includes('Traceback (most recent call last)'),
    math: document.querySelectorAll('.math').length,
    typeset: document.querySelectorAll('mjx-container').length,
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    loadMs: (() => { const n = performance.getEntriesByType('navigation')[0];
                     return n ? n.loadEventEnd - n.startTime : null; })(),
  };
}
""".replace("ERROR_SELECTORS", json.dumps(ERROR_SELECTORS))


def all_pages() -> list[str]:
    return toc_pages() + EXTRA_PAGES


SELF_CHECK = """() => {
  const feedback = [...document.querySelectorAll('.stratus-selfcheck .sc-feedback')];
  return {questions: document.querySelectorAll('.stratus-selfcheck fieldset').length,
          shown: feedback.filter(f => f.offsetParent !== null).map(f => f.innerText)};
}"""


def screenshot_plan() -> tuple[dict, list[str]]:
    """(widths, pages) to photograph: tests/screenshots.yml plus one lesson per chapter."""
    config = yaml.safe_load(SCREENSHOT_CONFIG.read_text(encoding="utf-8"))
    pages = list(config["pages"])
    chapters_seen = set()
    for page in toc_pages():
        chapter = Path(page).parent
        if page in NOTEBOOK_PAGES and chapter not in chapters_seen:
            chapters_seen.add(chapter)
            if page not in pages:
                pages.append(page)
    return config["widths"], pages


# Playwright's own "networkidle" is discouraged by its authors, and twice in a fresh-clone run it
# never came for one lesson page under load, which failed every browser test
# of the module. The requests a page has under way are counted here instead, so a page that does
# not settle names what it waits on.
QUIET_SECONDS = 0.5
SETTLE_SECONDS = 60
ATTEMPTS = 2


class _PendingRequests:
    """The requests a page has started and not yet finished or failed."""

    def __init__(self, page):
        self.urls: dict = {}
        page.on("request", lambda req: self.urls.__setitem__(req, req.url))
        page.on("requestfinished", lambda req: self.urls.pop(req, None))
        page.on("requestfailed", lambda req: self.urls.pop(req, None))

    def settle(self, page) -> list[str]:
        """Wait until no request has been under way for QUIET_SECONDS; the URLs still under way
        after SETTLE_SECONDS (an empty list when the page settled)."""
        deadline = time.monotonic() + SETTLE_SECONDS
        quiet_since = time.monotonic()
        while time.monotonic() < deadline:
            if self.urls:
                quiet_since = time.monotonic()
            elif time.monotonic() - quiet_since >= QUIET_SECONDS:
                return []
            page.wait_for_timeout(100)          # lets Playwright deliver the request events
        return sorted(set(self.urls.values()))


SETTLED_MS = """() => Math.max(performance.getEntriesByType('navigation')[0].loadEventEnd,
                                ...performance.getEntriesByType('resource').map(r => r.responseEnd))"""


class _Visit:
    """One page on its way: created and navigating at once (its problems and requests recorded from
    the start), checked by :meth:`finish`."""

    def __init__(self, offline: OfflineContext, path: str, settle: bool):
        self.offline, self.path, self.settle = offline, path, settle
        self.start = time.monotonic()
        page = self.page = offline.context.new_page()
        # This checks what a page shows, not how fast: on a 2-core machine that also runs the
        # notebooks and the fuzz tests, a page can take far longer than Playwright's 30 s default.
        page.set_default_timeout(180_000)
        problems = self.problems = []
        record_problems(page, problems)
        page.on("requestfailed", lambda req: problems.append(f"misslyckad begäran: {req.url} ({req.failure})"))
        self.pending = _PendingRequests(page)
        offline.watch(page)
        self.response = page.goto(offline.site_url + path, wait_until="commit")

    def finish(self) -> list[str]:
        """Wait for the load event (and, to settle, for the network and MathJax); the URLs still under
        way if the page did not settle."""
        page = self.page
        page.wait_for_load_state("load")
        if not self.settle:                # layout checks need the loaded page, not a quiet network
            return []
        waiting = self.pending.settle(page)
        if not waiting and page.evaluate("() => document.querySelectorAll('.math').length") > 0:
            page.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise")
            page.evaluate("() => MathJax.startup.promise")
            waiting = self.pending.settle(page)
        return waiting


def _checked(visit: _Visit):
    """(page, problems, HTTP status, seconds to settle) of a started visit, opened once more if it does not
    settle within SETTLE_SECONDS (`offline.reloaded` says so); if it still does not, the requests
    it waits on are a problem."""
    offline, start = visit.offline, visit.start
    for attempt in range(1, ATTEMPTS + 1):
        waiting = visit.finish()
        if not waiting:
            break
        offline.reloaded.append(f"{visit.path} (väntade på {', '.join(waiting)})")
        if attempt < ATTEMPTS:
            visit.page.close()
            offline.forget(visit.page)
            visit = _Visit(offline, visit.path, visit.settle)
    problems = list(visit.problems)
    if waiting:
        problems.append(f"sidan blev inte klar på {SETTLE_SECONDS} s, två gånger; "
                        f"begäran som aldrig avslutades: {', '.join(waiting)}")
    problems += [f"begäran till en annan värd: {url}" for url in offline.forget(visit.page)]
    # the browser's own clock: from the start of the navigation to the load event or the last response,
    # whichever came later (the wall clock here also counts the pages checked meanwhile)
    seconds = (visit.page.evaluate(SETTLED_MS) / 1000 if visit.settle and not waiting
               else time.monotonic() - start)
    return visit.page, problems, visit.response.status if visit.response else None, seconds


def open_page(offline: OfflineContext, path: str, settle: bool = True):
    """Open a page and wait until it and everything it loads has settled.

    Returns (page, problems seen while loading, HTTP status, seconds until the load event and the last
    response, by the browser's clock; wall-clock seconds if it did not settle)."""
    return _checked(_Visit(offline, path, settle))


def viewport(size: dict) -> dict:
    options = {"viewport": {"width": size["width"], "height": size["height"]}}
    if size.get("mobile"):
        options.update(is_mobile=True, has_touch=True)
    return options


def photograph(page, name: str, label: str) -> None:
    """Full-page screenshot into _build/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name.replace('/', '--')}--{label}.png"), full_page=True)


def sideways(name: str, label: str, size: dict, facts: dict) -> str | None:
    """A problem if the page is wider than the window (on a phone the browser would then
    zoom the whole page out, or the reader must scroll sideways)."""
    if facts["scrollWidth"] > size["width"] + 1:
        return f"{name} ({label}): sidan är {facts['scrollWidth']} px bred i ett {size['width']} px brett fönster"
    return None


def self_check(page) -> dict:
    """The lesson's "Testa dig själv": its questions, the explanations shown before any choice, and those shown
    after choosing the first question's right answer (after axe: the choice changes the page)."""
    before = page.evaluate(SELF_CHECK)
    page.locator(".stratus-selfcheck fieldset").first.locator("input[data-correct=true]").check()
    return {"questions": before["questions"], "shown_before": before["shown"],
            "shown_after": page.evaluate(SELF_CHECK)["shown"]}
