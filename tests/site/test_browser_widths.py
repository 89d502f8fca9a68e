"""The site at the other widths of tests/screenshots.yml (a phone): every page fits the window.

Split from tests/site/test_browser.py so that `make test` runs it on one core while the other
opens every page at the first width (one file per worker at a time). The pages to photograph are
photographed here at these widths, into _build/screenshots/.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

# The page helpers of test_browser.py (pytest runs with --import-mode=importlib: no sys.path entry).
_spec = importlib.util.spec_from_file_location("stratus_site_browser", Path(__file__).with_name("test_browser.py"))
_browser = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_browser)
OfflineContext, PAGE_FACTS, ROOT, SCREENSHOTS = _browser.OfflineContext, _browser.PAGE_FACTS, _browser.ROOT, _browser.SCREENSHOTS
all_pages, open_pages, screenshot_plan = _browser.all_pages, _browser.open_pages, _browser.screenshot_plan
_photograph, _sideways, _viewport = _browser._photograph, _browser._sideways, _browser._viewport


def test_every_page_fits_the_window_at_the_other_widths(chromium, site_url, site_summary):
    widths, photographed = screenshot_plan()
    overflow = []
    for label, size in list(widths.items())[1:]:
        offline = OfflineContext(chromium, site_url, **_viewport(size))
        names = all_pages()
        # every page was opened and checked settled at the first width (test_browser.py); here
        # only its width matters, so a page whose network never idles on a busy machine (seen in
        # CI, never alone) does not hang the check
        for name, (_, page, problems, _, _) in zip(names, open_pages(offline, [f"{n}.html" for n in names],
                                                                      settle=False)):
            page.wait_for_timeout(500)
            assert problems == [], f"{name} ({label}): {problems}"
            problem = _sideways(name, label, size, page.evaluate(PAGE_FACTS))
            overflow += [problem] if problem else []
            if name in photographed:
                _photograph(page, name, label)
            page.close()
        offline.close()
    site_summary.append(f"{len(photographed) * len(widths)} skärmbilder i {SCREENSHOTS.relative_to(ROOT)}/")
    assert overflow == [], "Sidan går att skrolla i sidled:\n  " + "\n  ".join(overflow)
