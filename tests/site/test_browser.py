"""The published site in a real browser (Debian's Chromium through Playwright), offline.

Every page in the toc (plus the search and index pages) is opened once from a local HTTP
server; any request to another host fails (Chromium looks up no other host) and is recorded,
so a page that would need the internet fails here. Each visit also runs the axe-core accessibility rules that ship
inside the axe-playwright-python wheel. Every page is opened again at phone width and
must fit the window (tests/site/test_browser_widths.py). Screenshots of the pages in tests/screenshots.yml
(and the first lesson of each chapter) go to _build/screenshots/ for a person to look at; what each
visit saw goes to _build/site-report/.

Each page's tests share one visit (the module-scoped ``visit`` fixture, parametrized by page): pytest
runs them together, and `make test` hands the pages to its workers in parts (tests/conftest.py).
"""
from __future__ import annotations

import json

import pytest
import yaml
from offline_browser import OfflineContext
from site_pages import (AXE_OPTIONS, BLOCKING_IMPACTS, NOTEBOOK_PAGES, PAGE_FACTS, all_pages, open_page, photograph,
                        screenshot_plan, self_check, sideways, viewport)

from booktools import BUILD, ROOT, toc_pages

REPORT = BUILD / "site-report"
LESSONS = sorted(NOTEBOOK_PAGES)
WIDTHS, PHOTOGRAPHED = screenshot_plan()


def _by_page(names):
    """Parametrize a test by page, through the shared ``visit`` fixture."""
    return pytest.mark.parametrize("visit", names, indirect=True, ids=str)


@pytest.fixture(scope="module")
def first_width(chromium, site_url, site_summary):
    """(label, size, offline context, results by page) of the first screenshot width; at the end, the pages
    that had to be opened twice, the slowest page and the minor axe findings go into the run's summary."""
    label, size = next(iter(WIDTHS.items()))
    offline = OfflineContext(chromium, site_url, **viewport(size))
    results: dict = {}
    yield label, size, offline, results
    offline.close()
    if offline.reloaded:
        site_summary.append("öppnade igen för att de inte blev klara: " + "; ".join(offline.reloaded))
    if results:
        slowest = max(results, key=lambda name: results[name]["seconds"])
        site_summary.append(f"{len(results)} sidor öppnade i Chromium utan nätverk; långsammast: {slowest} "
                            f"({results[slowest]['seconds']:.2f} s till load och sista svaret). "
                            f"Rapport: {REPORT.relative_to(ROOT)}/")
    minor = sorted({f"{v['id']} ({v['impact']})" for r in results.values() for v in r["violations"]
                    if v["impact"] not in BLOCKING_IMPACTS})
    if minor:
        site_summary.append("axe, mindre allvarligt (blockerar inte): " + ", ".join(minor))


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


@pytest.fixture(scope="module")
def visit(request, first_width, axe):
    """One page (the parameter) opened at the first screenshot width: its load problems, facts, axe result
    and self-check (photographed if it is to be)."""
    name = request.param
    label, size, offline, results = first_width
    page, problems, status, seconds = open_page(offline, f"{name}.html")
    try:
        facts = page.evaluate(PAGE_FACTS)
        if name in PHOTOGRAPHED:
            photograph(page, name, label)
        # axe reads the stylesheets again itself (and resolves @import against the page,
        # giving a harmless 404): the page's own problems were collected above.
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        checked = self_check(page) if name in NOTEBOOK_PAGES else None   # after axe: a choice changes the page
    finally:
        page.close()
    result = results[name] = {
        "name": name, "status": status, "problems": problems, "facts": facts, "seconds": seconds,
        "overflow": sideways(name, label, size, facts), "self_check": checked,
        "violations": [{"id": v["id"], "impact": v["impact"], "help": v["help"],
                        "nodes": [n["target"] for n in v["nodes"]][:5], "count": len(v["nodes"])} for v in violations]}
    REPORT.mkdir(parents=True, exist_ok=True)
    (REPORT / f"{name.replace('/', '--')}.json").write_text(json.dumps(result, indent=2, ensure_ascii=False),
                                                              encoding="utf-8")
    return result


@_by_page(all_pages())
def test_page_loads_offline_without_errors(visit):
    assert visit["status"] == 200, f"{visit['name']}: HTTP {visit['status']}"
    assert visit["problems"] == [], f"{visit['name']}:\n  " + "\n  ".join(visit["problems"])


@_by_page(all_pages())
def test_page_loads_within_30_seconds(visit):
    """A page that needs more than 30 s from a local server is broken, not slow (speed itself is
    measured by `make bench`, not here: on a busy 2-core machine a page can take 5 s)."""
    assert visit["seconds"] <= 30, f"{visit['name']}: {visit['seconds']:.1f} s"


@_by_page(all_pages())
def test_page_is_swedish_titled_and_described(visit):
    name, facts = visit["name"], visit["facts"]
    assert facts["lang"] == "sv", name
    assert facts["title"] and "<no title>" not in facts["title"], name
    assert facts["noAlt"] == [], f"{name}: bilder utan alt-text: {facts['noAlt']}"
    assert facts["notLoaded"] == [], f"{name}: bilder som inte visas: {facts['notLoaded']}"


@_by_page(all_pages())
def test_page_shows_no_error_output(visit):
    name, facts = visit["name"], visit["facts"]
    assert facts["errors"] == [], f"{name}: synlig felutskrift: {facts['errors']}"
    assert not facts["traceback"], f"{name}: en Python-traceback syns på sidan"


@_by_page(all_pages())
def test_math_is_typeset_from_the_site_itself(visit):
    facts = visit["facts"]
    assert facts["typeset"] >= facts["math"], f"{visit['name']}: {facts['math']} formler, {facts['typeset']} typsatta"


@_by_page(all_pages())
def test_page_fits_the_window_at_the_first_width(visit):
    """Every page fits the window at the first screenshot width (the other widths:
    tests/site/test_browser_widths.py)."""
    assert visit["overflow"] is None, f"Sidan går att skrolla i sidled: {visit['overflow']}"


@_by_page(all_pages())
def test_no_serious_accessibility_violations(visit):
    blocking = [v for v in visit["violations"] if v["impact"] in BLOCKING_IMPACTS]
    assert blocking == [], f"{visit['name']}: " + json.dumps(blocking, indent=1, ensure_ascii=False)


@_by_page(LESSONS)
def test_lesson_shows_its_prerendered_figures(visit):
    assert visit["facts"]["figures"] >= 1, f"{visit['name']}: inga förrenderade figurer visas"


@_by_page(LESSONS)
def test_lesson_self_check_hides_its_answers_until_one_is_chosen(visit):
    """No explanation shows before a choice; choosing the first question's right answer shows "Rätt!" with
    its explanation, and nothing else (the style travels with the questions: models/common/selfcheck.py)."""
    check = visit["self_check"]
    assert check["questions"] >= 3 and check["shown_before"] == []
    assert len(check["shown_after"]) == 1 and check["shown_after"][0].startswith("Rätt! "), check


def test_screenshot_plan_names_pages_of_the_book():
    unknown = [p for p in PHOTOGRAPHED if p not in toc_pages()]
    assert unknown == [], f"tests/screenshots.yml nämner sidor som inte finns i _toc.yml: {unknown}"


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
<html lang="sv"><head><meta charset="utf-8"><title>MathJax-test</title><link rel="icon" href="data:,">
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


OUTSIDE_PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>Extern bild</title><link rel="icon" href="data:,"></head>
<body><img alt="extern" src="https://example.org/bild.png"><img alt="lokal" src="_static/stratus.css"></body></html>"""


def test_a_request_to_another_host_fails_and_is_named(chromium, site_url):
    """The offline wall itself: a page asking for a file on another host gets nothing, and the visit names
    the URL (while the site's own files still load)."""
    offline = OfflineContext(chromium, site_url)
    offline.context.route(site_url + "__outside-test.html", lambda route: route.fulfill(
        status=200, content_type="text/html; charset=utf-8", body=OUTSIDE_PAGE))
    page, problems, status, _ = open_page(offline, "__outside-test.html")
    page.close()
    offline.close()
    assert status == 200
    assert "begäran till en annan värd: https://example.org/bild.png" in problems, problems
    assert any(p.startswith("misslyckad begäran: https://example.org/bild.png") for p in problems), problems
    assert not any("stratus.css" in p for p in problems), problems
