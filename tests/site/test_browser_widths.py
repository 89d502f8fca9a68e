"""The site at the other widths of tests/screenshots.yml (a phone): every page fits the window.

Split from tests/site/test_browser.py so that `make test` can run it beside the visits at the first width
(tests/conftest.py hands the pages of both files to the workers in parts). The pages to photograph are
photographed here at these widths, into _build/screenshots/.
"""
from __future__ import annotations

import pytest
from offline_browser import OfflineContext
from site_pages import PAGE_FACTS, all_pages, open_page, photograph, screenshot_plan, sideways, viewport

WIDTHS, PHOTOGRAPHED = screenshot_plan()
OTHER_WIDTHS = list(WIDTHS.items())[1:]


@pytest.fixture(scope="module")
def contexts(chromium, site_url):
    """An offline browser context for each of the other widths, by label."""
    opened = {label: OfflineContext(chromium, site_url, **viewport(size)) for label, size in OTHER_WIDTHS}
    yield opened
    for offline in opened.values():
        offline.close()


@pytest.mark.parametrize("label,size", OTHER_WIDTHS, ids=[label for label, _ in OTHER_WIDTHS])
@pytest.mark.parametrize("name", all_pages(), ids=str)
def test_page_fits_the_window_at_the_other_widths(contexts, name, label, size):
    # every page was opened and checked settled at the first width (test_browser.py); here
    # only its width matters, so a page whose network never idles on a busy machine (seen in
    # CI, never alone) does not hang the check
    page, problems, _, _ = open_page(contexts[label], f"{name}.html", settle=False)
    try:
        page.wait_for_timeout(500)
        facts = page.evaluate(PAGE_FACTS)
        if name in PHOTOGRAPHED:
            photograph(page, name, label)
    finally:
        page.close()
    assert problems == [], f"{name} ({label}): {problems}"
    problem = sideways(name, label, size, facts)
    assert problem is None, f"Sidan går att skrolla i sidled: {problem}"
