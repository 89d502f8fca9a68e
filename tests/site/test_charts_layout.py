"""Every lesson's static-site chart keeps its shape as the reader uses it, on a phone and a wide screen.

For each lesson page with a chart, at 390 and 1280 px: no text the chart draws reaches past its SVG
(a legend label or axis title cut off at the edge); the title and subtitle stand above the chart, as
text that wraps; and after every control has been moved to its first and its last value (the ones
the benchmark moves) and back, twice, the plot is about as wide as when the page opened and stays
so. Before the title moved out of the SVG, Vega's fit layout narrowed a plot whose title was wider
than the chart at every redraw, on Omställningsplan by 47 px, until nothing was left of it.
"""
from __future__ import annotations

import pytest
from offline_browser import CHART_LAYOUT, ChartContext

from benchmarks.bench_site_charts import CONTROLS, REDRAW
from booktools import toc_notebooks

LESSONS = [nb.relative_to(nb.parents[2]).with_suffix("").as_posix() for nb in toc_notebooks()
           if nb.parent.name[:3] in ("01-", "02-", "03-")]
WIDTHS = (390, 1280)

# Where a control stands now, as the benchmark's REDRAW takes it: [chart, name, kind] -> value.
CURRENT = """([chart, name, kind]) => {
  const fig = document.getElementById('stratus-chart-' + chart);
  const el = fig.querySelector(`.stratus-chart-controls [name='${name}']`);
  if (kind === 'radio') return fig.querySelector(`[name='${name}']:checked`).value;
  return kind === 'checkbox' ? String(el.checked) : el.value;
}"""


@pytest.fixture(scope="module")
def contexts(chromium, site_url):
    opened = {width: ChartContext(chromium, site_url, viewport={"width": width, "height": 900}) for width in WIDTHS}
    yield opened
    for context in opened.values():
        context.close()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lesson", LESSONS)
def test_chart_fits_and_keeps_its_width_through_every_control(contexts, lesson, width):
    browser = contexts[width]
    browser.problems.clear()
    page = browser.open(f"{lesson}.html")
    figures = page.locator("figure.stratus-chart")
    assert figures.count(), f"{lesson}: inget interaktivt diagram"
    for i in range(figures.count()):
        figure = figures.nth(i).element_handle()
        where = f"{lesson} ({width} px), {figure.get_attribute('id')}"
        assert figure.get_attribute("data-state") == "ready", where
        heading = figures.nth(i).locator(".stratus-chart-title")
        assert heading.is_visible() and heading.inner_text().strip(), f"{where}: rubriken syns inte"
        box = figures.nth(i).locator(".stratus-chart-heading").bounding_box()
        assert box["x"] + box["width"] <= width, f"{where}: rubriken går utanför skärmen"
        first = figure.evaluate(CHART_LAYOUT)
        assert first["outside"] == [], f"{where}: ritas utanför diagrammet: {first['outside']}"
        chart = figure.get_attribute("data-stratus-chart")
        controls = [c for c in page.evaluate(CONTROLS) if c[0] == chart]   # the benchmark's: far values
        controls = [(control[:3], control[3:], page.evaluate(CURRENT, control[:3])) for control in controls]
        widths = []
        for _ in range(2):
            for control, values, now in controls:
                for value in (*values, now):
                    page.evaluate(REDRAW, [*control, value])
                    layout = figure.evaluate(CHART_LAYOUT)
                    assert layout["outside"] == [], f"{where}, {control[1]} = {value}: ritas utanför: {layout['outside']}"
            widths.append(figure.evaluate(CHART_LAYOUT)["width"])
        # Back where it started, the plot is about as wide as when it opened (the first draw fits the
        # plot once, and each change fits it once more: a few pixels settle, on Åtgärdsplan 17 px on
        # a phone), and a second round leaves it where the first did: it does not drift.
        assert abs(widths[0] - first["width"]) <= max(8, 0.1 * first["width"]), (
            f"{where}: diagrammet är {widths[0]} px brett sedan reglagen flyttats fram och tillbaka, "
            f"men var {first['width']} px")
        assert abs(widths[1] - widths[0]) <= 2, f"{where}: diagrammet krymper eller växer för varje ändring: {widths}"
    page.close()
    assert browser.problems == [], f"{lesson} ({width} px): {browser.problems}"
