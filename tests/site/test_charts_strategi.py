"""The Strategi lessons' static-site charts on the built book, in Chromium, offline.

For every lesson page: the chart draws; changing the kommun and one other control changes
what is drawn and the key numbers; no console errors; no request to another host; axe finds
no serious or critical problem in the chart's controls; and for a sample of kommun ×
control combinations the numbers the browser shows equal what the lesson module returns for
the same inputs (its own Swedish tables, or its numbers through models.common.formatting).
"""
from __future__ import annotations

import pytest
from offline_browser import ChartContext

from models.common.formatting import fmt_number, fmt_pct
from models.lessons.strategi import atgarder, klimatbudget, mal_och_budget, uppfoljning, utslapp

CHAPTER = "chapters/01-strategi/"
BLOCKING = {"serious", "critical"}
NBSP = "\u00a0"
INDUSTRY = ("industry_energy_and_processes",)

# lesson page -> (chart name, a non-kommun control and two of its values)
PAGES = {
    "utslapp": ("utslapp", "vy", ("tid", "sektor")),
    "mal-och-budget": ("mal-och-budget", "metod", ("exponential", "geometric")),
    "atgarder": ("atgarder", "malar", ("2030", "2045")),  # the rate moves the bars: see test_atgarder_numbers
    "klimatbudget": ("klimatbudget", "omfattning", ("sektorer", "hela")),
    "uppfoljning": ("uppfoljning", "indikator", ("total", "transport")),
}


class Offline(ChartContext):
    """The Strategi lessons' pages at desktop width, opened by lesson name."""

    def __init__(self, browser, site_url: str):
        super().__init__(browser, site_url, viewport={"width": 1366, "height": 900})

    def open(self, lesson: str, query: str = ""):
        path = lesson if "/" in lesson else CHAPTER + lesson   # a Strategi lesson, or a path from the site root
        return super().open(f"{path}.html{query}")


@pytest.fixture
def offline(chromium, site_url):
    browser = Offline(chromium, site_url)
    yield browser
    browser.close()


class Opened(Offline):
    """One browser context whose lesson pages stay open between tests: the tests of numbers and
    accessibility set every control they depend on, so they need not open the page again (each
    opening costs seconds of page load)."""

    def __init__(self, browser, site_url: str):
        super().__init__(browser, site_url)
        self.pages: dict = {}

    def open(self, lesson: str, query: str = ""):
        if query or lesson not in self.pages:
            self.pages[lesson] = super().open(lesson, query)
        return self.pages[lesson]


@pytest.fixture(scope="module")
def _opened(chromium, site_url):
    browser = Opened(chromium, site_url)
    yield browser
    browser.close()


@pytest.fixture
def opened(_opened):
    """:class:`Opened`, with the problems seen so far cleared for this test."""
    _opened.problems.clear()
    _opened.external.clear()
    return _opened


def figure(chart: str) -> str:
    return f"#stratus-chart-{chart}"


def set_control(page, chart: str, name: str, value) -> None:
    """Move one control as a reader would, then wait for the chart to redraw."""
    selector = f"{figure(chart)} [name='{name}']"
    kind = page.eval_on_selector(selector, "el => el.tagName === 'SELECT' ? 'select' : el.type")
    if kind == "select":
        page.select_option(selector, str(value))
    elif kind == "radio":
        page.check(f"{selector}[value='{value}']")
    else:
        page.fill(selector, str(value))
    page.evaluate("() => window.stratusChartsIdle()"
                  ".then(() => new Promise(r => requestAnimationFrame(() => r(true))))")


def shown(page, chart: str) -> dict[str, str]:
    return page.eval_on_selector_all(f"{figure(chart)} dd[data-key]",
                                     "els => Object.fromEntries(els.map(e => [e.dataset.key, e.textContent]))")


def drawn(page, chart: str) -> str:
    """Everything the chart shows: its heading, and what the SVG draws (paths, rectangles, texts, their
    opacity), as one string."""
    return page.eval_on_selector(
        figure(chart),
        "fig => (fig.querySelector('.stratus-chart-heading') || {}).textContent + '#' + "
        "[...fig.querySelectorAll('.stratus-chart-view svg :is(path, rect, text)')].map(e => ['d', 'x', 'width', "
        "'height', 'opacity', 'fill-opacity'].map(a => e.getAttribute(a) || '').join() + e.textContent).join('|')")


@pytest.mark.parametrize("lesson", list(PAGES))
def test_chart_draws_and_follows_kommun_and_a_control(offline, lesson):
    chart, control, (first, second) = PAGES[lesson]
    page = offline.open(lesson)
    assert page.get_attribute(figure(chart), "data-state") == "ready"
    assert page.locator(f"{figure(chart)} .stratus-chart-view svg").count() == 1
    assert page.input_value(f"{figure(chart)} select[name=kommun]") == "Luleå"
    set_control(page, chart, control, first)
    before, keys = drawn(page, chart), shown(page, chart)
    set_control(page, chart, "kommun", "Pajala")
    after, keys_after = drawn(page, chart), shown(page, chart)
    assert after != before, f"{lesson}: diagrammet ändras inte med kommunen"
    assert keys_after != keys, f"{lesson}: nyckeltalen ändras inte med kommunen"
    set_control(page, chart, control, second)
    assert drawn(page, chart) != after, f"{lesson}: diagrammet ändras inte med {control}"
    if lesson != "utslapp":  # the fact box is the kommun's, whatever the view
        assert shown(page, chart) != keys_after, f"{lesson}: nyckeltalen ändras inte med {control}"
    assert offline.problems == [] and offline.external == []


@pytest.mark.parametrize("lesson", list(PAGES))
def test_controls_pass_axe(opened, lesson):
    from axe_playwright_python.sync_playwright import Axe

    page = opened.open(lesson)
    violations = Axe().run(page, context=figure(PAGES[lesson][0])).response["violations"]
    blocking = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                if v["impact"] in BLOCKING]
    assert blocking == []
    labels = page.eval_on_selector_all(f"{figure(PAGES[lesson][0])} select, {figure(PAGES[lesson][0])} input",
                                       "els => els.map(e => e.labels && e.labels.length ? e.labels[0].innerText : "
                                       "(e.closest('[aria-labelledby]') ? 'grupp' : ''))")
    assert all(label.strip() for label in labels), labels


def test_kommun_chosen_on_one_lesson_opens_the_next(offline):
    page = offline.open("utslapp")
    set_control(page, "utslapp", "kommun", "Kiruna")
    for lesson in ("mal-och-budget", "uppfoljning"):
        page = offline.open(lesson)
        assert page.input_value(f"{figure(PAGES[lesson][0])} select[name=kommun]") == "Kiruna"
    assert offline.problems == [] and offline.external == []


def test_a_profile_link_chooses_the_kommun(offline):
    """The kommun profiles link into the lessons as lesson.html?kommun=<name>."""
    page = offline.open("mal-och-budget", "?kommun=%C3%96vertorne%C3%A5")
    assert page.input_value(f"{figure(PAGES['mal-och-budget'][0])} select[name=kommun]") == "Övertorneå"
    page = offline.open("uppfoljning")  # remembered on the next page too
    assert page.input_value(f"{figure(PAGES['uppfoljning'][0])} select[name=kommun]") == "Övertorneå"
    page = offline.open("utslapp", "?kommun=Stockholm")  # not a kommun here: the remembered one stays
    assert page.input_value(f"{figure(PAGES['utslapp'][0])} select[name=kommun]") == "Övertorneå"
    assert offline.problems == [] and offline.external == []


# --- the numbers: browser == lesson module ---------------------------------------------------


def _value(table, label_start: str) -> str:
    """The value of the Swedish table row whose label starts with ``label_start``."""
    rows = [v for label, v in zip(table.index if "Nyckeltal" not in table else table["Nyckeltal"],
                                  table.iloc[:, -1]) if str(label).startswith(label_start)]
    assert len(rows) == 1, (label_start, list(table.index))
    return rows[0]


@pytest.mark.parametrize("kommun, view", [("Luleå", "tid"), ("Pajala", "sektor"), ("Älvsbyn", "tid")])
def test_utslapp_numbers(opened, kommun, view):
    page = opened.open("utslapp")
    set_control(page, "utslapp", "kommun", kommun)
    set_control(page, "utslapp", "vy", view)
    facts = utslapp.fact_table(kommun).set_index("Nyckeltal")
    keys = shown(page, "utslapp")
    assert keys["utslapp"] == _value(facts, "Utsläpp ").replace(" tusen", f"{NBSP}tusen")
    assert keys["per_invanare"] == _value(facts, "Per invånare").replace(" ton", f"{NBSP}ton")
    assert keys["forandring"] == _value(facts, "Förändring 2015")
    assert keys["storsta_sektor"] == utslapp.summary(kommun)["largest_sector_sv"]
    assert opened.problems == []


@pytest.mark.parametrize("kommun, method, start, exclusion, sectors", [
    ("Luleå", "exponential", 2024, "0", ()),
    ("Kiruna", "geometric", 2025, "i", INDUSTRY),
    ("Arjeplog", "target_year", 2026, "im", INDUSTRY + ("work_machinery",)),
    ("Boden", "exponential", 2024, "ie", INDUSTRY + ("electricity_and_district_heating",)),
])
def test_mal_och_budget_numbers(opened, kommun, method, start, exclusion, sectors):
    page = opened.open("mal-och-budget")
    for name, value in (("kommun", kommun), ("metod", method), ("start", start), ("undantag", exclusion)):
        set_control(page, "mal-och-budget", name, value)
    result = mal_och_budget.scenario(kommun, "1.5C", method, start, exclude_sectors=sectors)
    table = mal_och_budget.summary_table(result)["Värde"]
    keys = shown(page, "mal-och-budget")
    remaining = result.summary["remaining_t"]
    if remaining > 0:
        assert keys["kvar"] == table[f"Budget kvar {start}"].replace(" tusen", f"{NBSP}tusen")
    else:
        assert keys["kvar"] == "slut – redan förbrukad" and table[f"Budget kvar {start}"].startswith("slut")
    expected = table["Nödvändig minskning per år"]
    assert keys["minskning"] == expected
    years = table["Budgeten räcker (år med dagens utsläpp)"]
    assert keys["ar_kvar"] == (years.replace(" år", f"{NBSP}år") if remaining > 0 else years)
    runs_out = table["Budgeten tar slut med nuvarande trend"]
    assert keys["slut"] == (runs_out if runs_out[0].isdigit() else "aldrig – trenden når noll först")
    assert opened.problems == []


@pytest.mark.parametrize("kommun, rate, year", [("Luleå", 4, 2030), ("Pajala", 0, 2045), ("Gällivare", 10, 2035)])
def test_atgarder_numbers(opened, kommun, rate, year):
    page = opened.open("atgarder")
    for name, value in (("ranta", atgarder.DEFAULT_RATE_PCT), ("kommun", kommun), ("malar", year)):
        set_control(page, "atgarder", name, value)
    before = drawn(page, "atgarder")
    set_control(page, "atgarder", "ranta", rate)
    assert (drawn(page, "atgarder") != before) == (rate != atgarder.DEFAULT_RATE_PCT)  # costs follow the rate
    case = atgarder.measures_case(kommun, discount_rate_pct=rate, year=year)
    table = atgarder.coverage_table(case.coverage, case.gap)["Värde"]
    keys = shown(page, "atgarder")
    unit = lambda text: text.replace(" ton", f"{NBSP}ton")  # noqa: E731  (the page puts a no-break space)
    assert keys["gap"] == unit(table[f"Gap {year} (beräknat)"])
    assert keys["atgarder"] == unit(table[f"Åtgärdernas minskning som hinner starta senast {year}"])
    assert keys["andel"] == table["Andel av gapet som åtgärderna täcker"]
    assert keys["kvar"] == unit(table["Kvar att hitta åtgärder för"])
    assert opened.problems == []


@pytest.mark.parametrize("kommun, scope, ceiling", [("Luleå", 0, 0), ("Pajala", 2, 2), ("Haparanda", 1, 1)])
def test_klimatbudget_numbers(opened, kommun, scope, ceiling):
    page = opened.open("klimatbudget")
    scope_value = ("sektorer", "utan_industri", "hela")[scope]
    ceiling_value = ("carbon_law", "lanet", "lulea")[ceiling]
    for name, value in (("kommun", kommun), ("omfattning", scope_value), ("tak", ceiling_value)):
        set_control(page, "klimatbudget", name, value)
    f = klimatbudget.summary_figures(klimatbudget.climate_budget(
        kommun, list(klimatbudget.SCOPES)[scope], list(klimatbudget.ceiling_options())[ceiling]))
    keys = shown(page, "klimatbudget")
    tonnes = lambda v: f"{fmt_number(v)}{NBSP}ton CO₂e"  # noqa: E731
    assert keys == {"tak": tonnes(f["ceiling_last_t"]), "behov": tonnes(f["required_last_t"]),
                    "gap": tonnes(f["gap_last_t"]), "tackning": fmt_pct(f["covered_last_pct"], 0)}
    assert opened.problems == []


@pytest.mark.parametrize("kommun, indicator, tolerance", [("Luleå", "total", 20), ("Pajala", "ev_new", 50),
                                                          ("Kalix", "transport", 0)])
def test_uppfoljning_numbers(opened, kommun, indicator, tolerance):
    page = opened.open("uppfoljning")
    for name, value in (("kommun", kommun), ("indikator", indicator), ("tolerans", tolerance)):
        set_control(page, "uppfoljning", name, value)
    name = uppfoljning.indicator(kommun, next(i.name for i in uppfoljning.indicators(kommun) if i.key == indicator)).name
    card = uppfoljning.scorecard_sv(uppfoljning.scorecard(kommun, tolerance / 100, "lad")).set_index("Nyckeltal")
    row = card.loc[name]
    keys = shown(page, "uppfoljning")
    assert keys["status"] == row["Status"]
    assert keys["senaste"] == f"{row['Senaste värde']} ({row['Senaste år']})"
    assert keys["mal"] == row["Målvärde"]
    assert keys["trend"] == row["Trend målåret, medianregression"]
    share = row["Trenden ger av behövd förändring (%)"]
    assert keys["andel"] == (f"{share}{NBSP}%" if share != "–" else "–")
    assert opened.problems == []
