"""The published site in a real browser (Debian's Chromium through Playwright), offline.

Every page in the toc (plus the search and index pages) is opened once from a local HTTP
server; any request to another host is aborted and recorded, so a page that would need
the internet fails here. Each visit also runs the axe-core accessibility rules that ship
inside the axe-playwright-python wheel. Every page is opened again at phone width and
must fit the window (tests/site/test_browser_widths.py). Screenshots of the pages in tests/screenshots.yml (and the first
lesson of each chapter) go to _build/screenshots/ for a person to look at.
"""
from __future__ import annotations

import json
import time
from collections import deque
from pathlib import Path

import pytest
import yaml
from offline_browser import OfflineContext, record_problems

from booktools import BUILD, ROOT, toc_notebooks, toc_pages

SCREENSHOTS = BUILD / "screenshots"
REPORT = BUILD / "site-report.json"
SCREENSHOT_CONFIG = ROOT / "tests" / "screenshots.yml"
EXTRA_PAGES = ["search", "genindex"]
NOTEBOOK_PAGES = {str(p.relative_to(ROOT).with_suffix("")) for p in toc_notebooks()}
BLOCKING_IMPACTS = {"serious", "critical"}
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
# Pages opened ahead of the one being checked (open_pages): the browser loads them while this process
# waits on the first or runs axe on it; checking one page at a time left the cores mostly idle.
AHEAD = 2


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


def open_pages(offline: OfflineContext, paths, settle: bool = True, ahead: int = AHEAD):
    """:func:`open_page` for each path, in order, with up to ``ahead`` later pages already loading:
    yields (path, page, problems, HTTP status, seconds as open_page). The caller closes
    each page."""
    paths, loading = list(paths), deque()
    for index, path in enumerate(paths):
        while len(loading) <= ahead and index + len(loading) < len(paths):
            loading.append(_Visit(offline, paths[index + len(loading)], settle))
        visit = loading.popleft()
        yield (path, *_checked(visit))


def _viewport(size: dict) -> dict:
    options = {"viewport": {"width": size["width"], "height": size["height"]}}
    if size.get("mobile"):
        options.update(is_mobile=True, has_touch=True)
    return options


def _photograph(page, name: str, label: str) -> None:
    """Full-page screenshot into _build/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name.replace('/', '--')}--{label}.png"), full_page=True)


def _sideways(name: str, label: str, size: dict, facts: dict) -> str | None:
    """A problem if the page is wider than the window (on a phone the browser would then
    zoom the whole page out, or the reader must scroll sideways)."""
    if facts["scrollWidth"] > size["width"] + 1:
        return f"{name} ({label}): sidan är {facts['scrollWidth']} px bred i ett {size['width']} px brett fönster"
    return None


def _self_check(page) -> dict:
    """The lesson's "Testa dig själv": its questions, the explanations shown before any choice, and those shown
    after choosing the first question's right answer (after axe: the choice changes the page)."""
    before = page.evaluate(SELF_CHECK)
    page.locator(".stratus-selfcheck fieldset").first.locator("input[data-correct=true]").check()
    return {"questions": before["questions"], "shown_before": before["shown"],
            "shown_after": page.evaluate(SELF_CHECK)["shown"]}


@pytest.fixture(scope="module")
def visits(chromium, site_url, site_summary):
    """Each page opened once at the first screenshot width: its load problems, facts and
    axe result by page name (the pages to photograph are photographed on the way)."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    widths, photographed = screenshot_plan()
    label, size = next(iter(widths.items()))
    offline = OfflineContext(chromium, site_url, **_viewport(size))
    results = {}
    names = all_pages()
    for name, (_, page, problems, status, seconds) in zip(names, open_pages(offline, [f"{n}.html" for n in names])):
        facts = page.evaluate(PAGE_FACTS)
        if name in photographed:
            _photograph(page, name, label)
        overflow = _sideways(name, label, size, facts)
        # axe reads the stylesheets again itself (and resolves @import against the page,
        # giving a harmless 404): the page's own problems were collected above.
        violations = axe.run(page).response["violations"]
        self_check = _self_check(page) if name in NOTEBOOK_PAGES else None
        page.close()
        results[name] = {"status": status, "problems": problems, "facts": facts, "seconds": seconds,
                         "overflow": overflow, "self_check": self_check,
                         "violations": [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                                         "nodes": [n["target"] for n in v["nodes"]][:5],
                                         "count": len(v["nodes"])} for v in violations]}
    offline.close()
    if offline.reloaded:
        site_summary.append("öppnade igen för att de inte blev klara: " + "; ".join(offline.reloaded))
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(results, indent=2, ensure_ascii=False), encoding="utf-8")
    slowest = max(results, key=lambda n: results[n]["seconds"])
    minor = sorted({f"{v['id']} ({v['impact']})" for r in results.values() for v in r["violations"]
                    if v["impact"] not in BLOCKING_IMPACTS})
    site_summary.append(
        f"{len(results)} sidor öppnade i Chromium utan nätverk; långsammast: {slowest} "
        f"({results[slowest]['seconds']:.2f} s till load och sista svaret, med {AHEAD} sidor öppnade i förväg; "
        f"load-händelsen efter "
        f"{(results[slowest]['facts']['loadMs'] or 0) / 1000:.2f} s). Rapport: {REPORT.relative_to(ROOT)}"
    )
    if minor:
        site_summary.append("axe, mindre allvarligt (blockerar inte): " + ", ".join(minor))
    return results


@pytest.mark.parametrize("name", all_pages())
def test_page_loads_offline_without_errors(visits, name):
    visit = visits[name]
    assert visit["status"] == 200, f"{name}: HTTP {visit['status']}"
    assert visit["problems"] == [], f"{name}:\n  " + "\n  ".join(visit["problems"])


@pytest.mark.parametrize("name", all_pages())
def test_page_is_swedish_titled_and_described(visits, name):
    facts = visits[name]["facts"]
    assert facts["lang"] == "sv", name
    assert facts["title"] and "<no title>" not in facts["title"], name
    assert facts["noAlt"] == [], f"{name}: bilder utan alt-text: {facts['noAlt']}"
    assert facts["notLoaded"] == [], f"{name}: bilder som inte visas: {facts['notLoaded']}"


@pytest.mark.parametrize("name", all_pages())
def test_page_shows_no_error_output(visits, name):
    facts = visits[name]["facts"]
    assert facts["errors"] == [], f"{name}: synlig felutskrift: {facts['errors']}"
    assert not facts["traceback"], f"{name}: en Python-traceback syns på sidan"


@pytest.mark.parametrize("name", all_pages())
def test_math_is_typeset_from_the_site_itself(visits, name):
    facts = visits[name]["facts"]
    assert facts["typeset"] >= facts["math"], f"{name}: {facts['math']} formler, {facts['typeset']} typsatta"


@pytest.mark.parametrize("name", sorted(NOTEBOOK_PAGES))
def test_lesson_shows_its_prerendered_figures(visits, name):
    assert visits[name]["facts"]["figures"] >= 1, f"{name}: inga förrenderade figurer visas"


@pytest.mark.parametrize("name", all_pages())
def test_no_serious_accessibility_violations(visits, name):
    blocking = [v for v in visits[name]["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], f"{name}: " + json.dumps(blocking, indent=1, ensure_ascii=False)


@pytest.mark.parametrize("name", sorted(NOTEBOOK_PAGES))
def test_lesson_self_check_hides_its_answers_until_one_is_chosen(visits, name):
    """No explanation shows before a choice; choosing the first question's right answer shows "Rätt!" with
    its explanation, and nothing else (the style travels with the questions: models/common/selfcheck.py)."""
    check = visits[name]["self_check"]
    assert check["questions"] >= 3 and check["shown_before"] == []
    assert len(check["shown_after"]) == 1 and check["shown_after"][0].startswith("Rätt! "), check


def test_every_page_loads_quickly(visits):
    """A page that needs more than 30 s from a local server is broken, not slow (speed itself is
    measured by `make bench`, not here: on a busy 2-core machine a page can take 5 s)."""
    slow = {n: round(v["seconds"], 2) for n, v in visits.items() if v["seconds"] > 30}
    assert slow == {}


def test_search_finds_a_swedish_word(chromium, site_url):
    offline = OfflineContext(chromium, site_url)
    page, problems, status, _ = open_page(offline, "search.html?q=koldioxidbudget")
    page.wait_for_selector("#search-results ul.search li", timeout=15000)
    hits = page.eval_on_selector_all("#search-results ul.search li a", "els => els.map(e => e.getAttribute('href'))")
    page.close()
    offline.close()
    assert status == 200 and problems == []
    assert any("ordlista" in href for href in hits), hits


MATHJAX_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>MathJax-test</title>
<script defer src="_static/{path}"></script></head>
<body><p>Inline <span class="math notranslate nohighlight">\\(E = mc^2\\)</span> och</p>
<div class="math notranslate nohighlight">\\[\\sum_{{i=1}}^{{n}} x_i \\geq \\sqrt{{\\frac{{a}}{{b}}}}\\]</div>
</body></html>"""


def test_vendored_mathjax_typesets_offline(chromium, site_url):
    """No page may need math today, so a test page inside the site loads the vendored
    MathJax exactly as Sphinx would, and must typeset with fonts from the site itself."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    path = config["sphinx"]["config"]["mathjax_path"]
    offline = OfflineContext(chromium, site_url)
    fonts = []
    offline.context.route(site_url + "__mathjax-test.html", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=MATHJAX_PAGE.format(path=path)))
    offline.context.on("response", lambda res: fonts.append(res.status) if ".woff" in res.url else None)
    page, problems, status, _ = open_page(offline, "__mathjax-test.html")
    page.wait_for_function("() => document.querySelectorAll('mjx-container').length === 2", timeout=15000)
    page.evaluate("() => document.fonts.ready.then(() => document.fonts.size)")
    page.close()
    offline.close()
    assert status == 200 and problems == []
    assert fonts and set(fonts) == {200}, "MathJax-typsnitten hämtades inte från webbplatsen"


def test_no_sideways_scrolling_at_the_first_width(visits):
    """Every page fits the window at the first screenshot width (the other widths:
    tests/site/test_browser_widths.py, on the other core)."""
    widths, photographed = screenshot_plan()
    unknown = [p for p in photographed if p not in toc_pages()]
    assert unknown == [], f"tests/screenshots.yml nämner sidor som inte finns i _toc.yml: {unknown}"
    overflow = [visit["overflow"] for visit in visits.values() if visit["overflow"]]
    assert overflow == [], "Sidan går att skrolla i sidled:\n  " + "\n  ".join(overflow)
