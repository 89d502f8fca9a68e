"""Browser contexts for the site tests: only the local site is served; a request to any other host is
recorded, and fails (the built book must work without a network).

The wall is Chromium's own (``CHROMIUM_ARGS`` in tests/conftest.py: no host but 127.0.0.1 can be looked
up); the contexts only listen. Playwright's request routing would also stop such a request, but any
route turns off the browser's HTTP cache, and then every page loads the site's scripts, fonts and
MathJax again (about 0.5 s a page)."""
from __future__ import annotations


def record_problems(page, problems: list[str]) -> None:
    """Append to ``problems`` what goes wrong on ``page`` from now on: console errors, script errors and
    HTTP errors (status 400 or more), each as a Swedish line naming it."""
    page.on("console", lambda m: problems.append(f"konsolfel: {m.text}") if m.type == "error" else None)
    page.on("pageerror", lambda e: problems.append(f"JavaScript-fel: {e}"))
    page.on("response", lambda r: problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)


class OfflineContext:
    """A browser context that serves only the local site and records everything else."""

    def __init__(self, browser, site_url: str, **options):
        self.site_url = site_url
        self.origin = "/".join(site_url.split("/", 3)[:3]) + "/"
        self.external: list[str] = []          # requests to other hosts that no watched page can be named for
        self.reloaded: list[str] = []          # pages opened twice because they did not settle
        self._external_by_page: dict = {}      # the requests to other hosts of each watched page
        self.context = browser.new_context(locale="sv-SE", service_workers="block", **options)
        self.context.on("request", self._record)

    def watch(self, page) -> None:
        """Collect the URLs on other hosts that ``page`` asks for (until :meth:`forget`)."""
        self._external_by_page.setdefault(page, [])

    def forget(self, page) -> list[str]:
        """Stop watching ``page``: the URLs on other hosts it asked for, with those no page can be named for."""
        urls = self._external_by_page.pop(page, []) + self.external
        self.external = []
        return urls

    def _record(self, request):
        url = request.url
        if url.startswith((self.origin, "data:", "blob:")):
            return
        try:
            page = request.frame.page
        except Exception:                     # noqa: BLE001  (a request without a page)
            page = None
        self._external_by_page.get(page, self.external).append(url)

    def close(self):
        self.context.close()


class ChartContext(OfflineContext):
    """An :class:`OfflineContext` for pages with static-site charts: every page's console errors, script
    errors and HTTP errors go to ``problems``; :meth:`open` waits until the page's charts are drawn."""

    def __init__(self, browser, site_url: str, **options):
        super().__init__(browser, site_url, **options)
        self.problems: list[str] = []

    def open(self, path: str, wait: bool = True):
        """Open ``path`` (from the site root) in a new page; with ``wait``, until ``stratusChartsReady``."""
        page = self.context.new_page()
        record_problems(page, self.problems)
        page.goto(self.site_url + path, wait_until="load")
        if wait:
            page.wait_for_function("() => window.stratusChartsReady")
            page.evaluate("() => window.stratusChartsReady.then(() => true)")
        return page


# For a figure.stratus-chart: the plot's width and every text drawn past the SVG's edges (a cut-off
# title, legend label or axis title), as the browser lays it out: Vega's own bounds of a legend or an
# axis title can stay as they were first laid out. Vega's fit layout leaves out what it cannot fit, and
# a title it counted but could not wrap made every redraw narrow the plot a little more; the layout
# tests check both.
CHART_LAYOUT = """fig => {
  const view = window.stratusCharts.find(c => c.figure === fig).view;
  const svg = fig.querySelector('.stratus-chart-view svg'), edge = svg.getBoundingClientRect(), outside = [];
  for (const text of svg.querySelectorAll('text')) {
    const box = text.getBoundingClientRect();
    if (!box.width || !text.textContent.trim()) continue;
    if (box.left < edge.left - 1 || box.right > edge.right + 1) {
      outside.push(`${text.textContent} (${Math.round(box.left - edge.left)}–${Math.round(box.right - edge.left)} px av ${Math.round(edge.width)})`);
    }
  }
  return {width: view.width(), outside};
}"""
