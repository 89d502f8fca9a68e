"""The static-site charts in Chromium (book/_static/stratus-charts.js + models/common/vega.py).

These tests need no book build: they write a few pages that hold charts made by
models.common.vega, next to the vendored vega, vega-lite and vega-embed (copied from
node_modules/ exactly as scripts/build_book.py does) and the site's chart script and
stylesheet, serve them on 127.0.0.1 and drive them in Debian's Chromium with every request
to another host aborted. The chart data is a small illustrative table whose key numbers
are worked out by hand below; the numbers the browser shows must equal those values
written by the book's own Swedish formatter (models.common.formatting).

The lesson pages of the built book are tested in tests/site/test_charts_strategi.py.
"""
from __future__ import annotations

import functools
import http.server
import shutil
import threading

import altair as alt
import pandas as pd
import pytest
from offline_browser import CHART_LAYOUT, ChartContext

from booktools import ROOT
from models.common import vega
from models.common.formatting import fmt_number, fmt_pct

import build_book

KOMMUNER = ["Luleå", "Pajala", "Kiruna"]
BASE_T = {"Luleå": 1000.0, "Pajala": 120.5, "Kiruna": 2400.0}  # illustrative tonnes in 2020
FACTOR = {"a": 1.0, "b": 0.9}
YEARS = range(2020, 2031)
BLOCKING = {"serious", "critical"}

PAGE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8"><title>{title}</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="_static/stratus-charts.css">
<script defer src="_static/vega/vega.min.js"></script>
<script defer src="_static/vega/vega-lite.min.js"></script>
<script defer src="_static/vega/vega-embed.min.js"></script>
<script defer src="_static/stratus-charts.js"></script>
</head><body><main><h1>{title}</h1>{body}</main></body></html>"""


def t_2030(kommun: str, case: str) -> float:
    """The illustrative table's 2030 value, by hand: base × factor × (1 − 0.03 × 10)."""
    return BASE_T[kommun] * FACTOR[case] * 0.7


def _png() -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    from models.common.plotting import figure_png, new_figure

    fig, ax = new_figure(width=4, height=2)
    ax.plot([2020, 2030], [1000, 700])
    return figure_png(fig)


LONG_TITLE = ("En rubrik som är mycket längre än diagrammet är brett, på en telefon och på en "
              "bred skärm, med ord efter ord efter ord")


def make_chart(name: str, kommuner=KOMMUNER, spec_extra=None) -> vega.Chart:
    rows = [{"kommun": k, "fall": c, "year": y, "t": BASE_T[k] * FACTOR[c] * (1 - 0.03 * (y - 2020))}
            for k in kommuner for c in FACTOR for y in YEARS]
    grid = pd.DataFrame(rows)
    last = grid[grid.year == 2030].assign(diff=lambda d: d.t - 1000)
    spec = (alt.Chart(grid).mark_line(point=True)
            .transform_filter(vega.match("kommun", "fall"))
            .transform_calculate(adj="datum.t * pow(1 - rate, datum.year - 2020)")
            .encode(x=alt.X("year:Q", title="År", axis=alt.Axis(format="d")),
                    y=alt.Y("adj:Q", title="Ton CO₂e (illustration)"))
            .properties(width="container", height=240)).to_dict()
    spec["params"] = [vega.kommun_param(kommuner, kommuner[0]),
                      vega.radio_param("fall", ["a", "b"], "a", "Fall", labels=["Fall A", "Fall B"]),
                      vega.range_param("rate", 0, 0.2, 0.01, 0.05, "Extra minskning per år", format=".0%")]
    spec["title"] = {"text": {"expr": "kommun + ': påhittade utsläpp'"}, "subtitle": "Illustration, inte verkliga siffror."}
    spec.update(spec_extra or {})
    keys = [vega.Key("last", "Utsläpp 2030", vega.lookup(last, ["kommun", "fall"], "t"), format=",.1f", unit="ton"),
            vega.Key("diff", "Skillnad mot 1 000 ton", vega.lookup(last, ["kommun", "fall"], "diff"), format=",.0f"),
            vega.Key("share", "Kvar efter tio år", "pow(1 - rate, 10)", format=".1%"),
            vega.Key("none", "Saknas", "null", missing="ingen uppgift")]
    return vega.chart(spec, name=name, description="Påhittade utsläpp för tre kommuner (illustration).",
                      fallback_png=_png(), fallback_alt="Linje från 1 000 ton 2020 till 700 ton 2030.", keys=keys)


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory):
    """A folder with the vendored libraries, the site's chart files and four test pages."""
    try:
        build_book.vendor_chart_libraries()
    except build_book.AssetError as error:
        pytest.fail(str(error), pytrace=False)
    root = tmp_path_factory.mktemp("chart-site")
    static = root / "_static"
    shutil.copytree(build_book.VENDOR / "vega", static / "vega")
    for name in ("stratus-charts.js", "stratus-charts.css"):
        shutil.copy2(ROOT / "book" / "_static" / name, static / name)
    pages = {
        "one.html": ("Ett diagram", make_chart("one").html),
        "two.html": ("Två diagram", make_chart("first").html + make_chart("second").html
                     + make_chart("no-pajala", kommuner=["Luleå", "Kiruna"]).html),
        "broken.html": ("Trasigt diagram", make_chart("broken", spec_extra={"mark": "no-such-mark"}).html),
        "long.html": ("Lång rubrik", make_chart("long", spec_extra={"title": {
            "text": LONG_TITLE, "subtitle": LONG_TITLE + " " + LONG_TITLE}}).html),
        "escape.html": ("Etikett med skript", make_chart(
            "escape", spec_extra={"title": "Ton </script><script>window.hacked=1</script>"}).html),
    }
    for file, (title, body) in pages.items():
        (root / file).write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    return root


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def chart_url(chart_site):
    handler = functools.partial(_Quiet, directory=str(chart_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


class Visit(ChartContext):
    """One browser context (its own localStorage) on the test site."""

    def __init__(self, browser, base: str, **options):
        super().__init__(browser, base, **{"viewport": {"width": 1100, "height": 900}, **options})


@pytest.fixture
def visit(chromium, chart_url):
    v = Visit(chromium, chart_url)
    yield v
    v.close()


def keys(page, chart: str = "one") -> dict[str, str]:
    return page.eval_on_selector_all(
        f"#stratus-chart-{chart} dd[data-key]",
        "els => Object.fromEntries(els.map(e => [e.dataset.key, e.textContent]))")


def drawn(page, chart: str = "one") -> str:
    """What the chart draws: the line's path and the y-axis labels."""
    return page.eval_on_selector(
        f"#stratus-chart-{chart} .stratus-chart-view svg",
        "svg => [...svg.querySelectorAll('path.mark-line, path[aria-roledescription=\"line mark\"], "
        ".mark-line path')].map(p => p.getAttribute('d')).join('|') + '#' + "
        "[...svg.querySelectorAll('.role-axis-label text')].map(t => t.textContent).join(',')")


def settle(page):
    page.evaluate("() => window.stratusChartsIdle()"
                  ".then(() => new Promise(r => requestAnimationFrame(() => r(true))))")


def expected_keys(kommun: str, case: str, rate: float) -> dict[str, str]:
    last = t_2030(kommun, case)
    return {"last": f"{fmt_number(last, 1)}\u00a0ton", "diff": fmt_number(last - 1000, 0),
            "share": fmt_pct(100 * (1 - rate) ** 10, 1), "none": "ingen uppgift"}


def test_chart_draws_as_svg_with_its_controls_and_key_numbers(visit):
    page = visit.open("one.html")
    figure = "#stratus-chart-one"
    assert page.get_attribute(figure, "data-state") == "ready"
    assert page.get_attribute(f"{figure} .stratus-chart-view", "role") == "img"
    assert page.get_attribute(f"{figure} .stratus-chart-view", "aria-label").startswith("Påhittade utsläpp")
    assert page.locator(f"{figure} canvas").count() == 0
    assert page.locator(f"{figure} select[name=kommun] option").all_inner_texts() == KOMMUNER
    assert page.locator(f"{figure} input[name=fall]").count() == 2
    assert page.is_visible(f"{figure} input[name=rate]")
    assert page.inner_text(f"{figure} input[name=rate] + span") == "5\u00a0%"
    assert not page.is_visible(f"{figure} img.stratus-chart-fallback")
    assert page.is_visible(f"{figure} .stratus-chart-keys")
    assert keys(page) == expected_keys("Luleå", "a", 0.05)
    assert drawn(page).endswith("800,1\u00a0000")  # the y axis in Swedish: 1 000
    assert visit.problems == [] and visit.external == []


def test_each_control_changes_the_chart_and_the_key_numbers(visit):
    page = visit.open("one.html")
    figure = "#stratus-chart-one"
    before, shown = drawn(page), keys(page)
    assert page.inner_text(f"{figure} .stratus-chart-title") == "Luleå: påhittade utsläpp"
    assert page.inner_text(f"{figure} .stratus-chart-subtitle") == "Illustration, inte verkliga siffror."
    page.select_option(f"{figure} select[name=kommun]", "Kiruna")
    settle(page)
    assert drawn(page) != before and keys(page) == expected_keys("Kiruna", "a", 0.05) != shown
    assert page.inner_text(f"{figure} .stratus-chart-title") == "Kiruna: påhittade utsläpp"
    before = drawn(page)
    page.check(f"{figure} input[name=fall][value=b]")
    settle(page)
    assert drawn(page) != before and keys(page) == expected_keys("Kiruna", "b", 0.05)
    before = drawn(page)
    page.fill(f"{figure} input[name=rate]", "0.12")
    settle(page)
    assert drawn(page) != before and keys(page) == expected_keys("Kiruna", "b", 0.12)
    assert page.inner_text(f"{figure} input[name=rate] + span") == "12\u00a0%"
    assert visit.problems == [] and visit.external == []


@pytest.mark.parametrize("kommun, case, rate", [
    ("Luleå", "a", 0.0), ("Luleå", "b", 0.2), ("Pajala", "a", 0.07), ("Pajala", "b", 0.01),
    ("Kiruna", "a", 0.15), ("Kiruna", "b", 0.05)])
def test_browser_numbers_equal_the_books_formatting(visit, kommun, case, rate):
    """Hand values (t_2030) through models.common.formatting == what d3 writes on the page."""
    page = visit.open("one.html")
    page.select_option("#stratus-chart-one select[name=kommun]", kommun)
    page.check(f"#stratus-chart-one input[name=fall][value={case}]")
    page.fill("#stratus-chart-one input[name=rate]", str(rate))
    settle(page)
    assert keys(page) == expected_keys(kommun, case, rate)
    raw = page.get_attribute("#stratus-chart-one dd[data-key=last]", "data-value")
    assert float(raw) == pytest.approx(t_2030(kommun, case))
    assert visit.problems == []


def test_keyboard_reaches_and_moves_every_control(visit):
    page = visit.open("one.html")
    page.focus("#stratus-chart-one select[name=kommun]")
    page.keyboard.press("ArrowDown")  # Luleå -> Pajala
    settle(page)
    assert keys(page)["last"] == f"{fmt_number(t_2030('Pajala', 'a'), 1)}\u00a0ton"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "fall"
    page.keyboard.press("ArrowRight")  # Fall A -> Fall B
    settle(page)
    assert keys(page)["last"] == f"{fmt_number(t_2030('Pajala', 'b'), 1)}\u00a0ton"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.name") == "rate"
    page.keyboard.press("ArrowRight")  # 5 % -> 6 %
    settle(page)
    assert keys(page)["share"] == fmt_pct(100 * 0.94 ** 10, 1)
    assert visit.problems == []


def test_chosen_kommun_is_remembered_on_the_next_page_and_shared_by_the_charts(visit):
    page = visit.open("one.html")
    page.select_option("#stratus-chart-one select[name=kommun]", "Pajala")
    settle(page)
    assert page.evaluate("() => localStorage.getItem('stratus-kommun')") == "Pajala"
    page = visit.open("two.html")
    assert page.input_value("#stratus-chart-first select[name=kommun]") == "Pajala"
    assert page.input_value("#stratus-chart-second select[name=kommun]") == "Pajala"
    # A chart that doesn't offer the stored kommun opens on its own default.
    assert page.input_value("#stratus-chart-no-pajala select[name=kommun]") == "Luleå"
    assert keys(page, "second")["last"] == f"{fmt_number(t_2030('Pajala', 'a'), 1)}\u00a0ton"
    page.select_option("#stratus-chart-first select[name=kommun]", "Kiruna")
    settle(page)
    for chart in ("second", "no-pajala"):
        assert page.input_value(f"#stratus-chart-{chart} select[name=kommun]") == "Kiruna"
        assert keys(page, chart)["last"] == f"{fmt_number(t_2030('Kiruna', 'a'), 1)}\u00a0ton"
        assert page.inner_text(f"#stratus-chart-{chart} .stratus-chart-title") == "Kiruna: påhittade utsläpp"
    page = visit.open("one.html")
    assert page.input_value("#stratus-chart-one select[name=kommun]") == "Kiruna"
    assert visit.problems == [] and visit.external == []


def test_controls_and_keys_pass_axe(visit):
    from axe_playwright_python.sync_playwright import Axe

    page = visit.open("two.html")
    violations = Axe().run(page, context=".stratus-chart").response["violations"]
    blocking = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                if v["impact"] in BLOCKING]
    assert blocking == []
    assert page.get_attribute("#stratus-chart-first .vega-bind-radio", "role") == "radiogroup"


def test_without_javascript_the_fallback_image_shows(chromium, chart_url):
    offline = Visit(chromium, chart_url, java_script_enabled=False)
    page = offline.open("one.html", wait=False)
    assert page.is_visible("#stratus-chart-one img.stratus-chart-fallback")
    assert page.get_attribute("#stratus-chart-one img.stratus-chart-fallback", "alt").startswith("Linje")
    assert not page.is_visible("#stratus-chart-one .stratus-chart-keys")
    assert not page.is_visible("#stratus-chart-one .stratus-chart-controls")
    offline.close()


def test_a_chart_that_cannot_be_drawn_keeps_its_image_and_says_so(visit):
    page = visit.open("broken.html")
    assert page.get_attribute("#stratus-chart-broken", "data-state") == "error"
    assert page.is_visible("#stratus-chart-broken img.stratus-chart-fallback")
    assert "kunde inte visas" in page.inner_text("#stratus-chart-broken")
    assert any("stratus-chart-broken kunde inte ritas" in p for p in visit.problems)


def test_a_label_cannot_inject_a_script(visit):
    page = visit.open("escape.html")
    assert page.get_attribute("#stratus-chart-escape", "data-state") == "ready"
    assert page.evaluate("() => window.hacked") is None
    assert "</script>" in page.text_content("#stratus-chart-escape .stratus-chart-title")
    assert visit.problems == []


def test_chart_fits_a_phone_screen(chromium, chart_url):
    phone = Visit(chromium, chart_url)
    page = phone.context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(chart_url + "two.html")
    page.evaluate("() => window.stratusChartsReady.then(() => true)")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    phone.close()


@pytest.mark.parametrize("width", [390, 1200])
def test_a_long_title_wraps_above_the_chart_and_the_plot_keeps_its_width(chromium, chart_url, width):
    """Vega's fit layout counts a title it cannot wrap: before the title moved into the page, every
    redraw narrowed the plot by the title's overhang, until nothing was left of it."""
    phone = Visit(chromium, chart_url)
    page = phone.context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(chart_url + "long.html")
    page.evaluate("() => window.stratusChartsReady.then(() => true)")
    figure = "#stratus-chart-long"
    first = page.eval_on_selector(figure, CHART_LAYOUT)
    assert first["outside"] == [] and first["width"] > 150
    subtitle = page.locator(f"{figure} .stratus-chart-subtitle").bounding_box()
    assert subtitle["height"] > 30 and subtitle["x"] + subtitle["width"] <= width  # wrapped, on the screen
    for rate in ["0.2", "0", "0.2", "0.05"] * 3:
        page.fill(f"{figure} input[name=rate]", rate)
        settle(page)
        assert page.eval_on_selector(figure, CHART_LAYOUT) == first
    for case in ["b", "a"] * 3:
        page.check(f"{figure} input[name=fall][value={case}]")
        settle(page)
    assert page.eval_on_selector(figure, CHART_LAYOUT) == first
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    phone.close()
