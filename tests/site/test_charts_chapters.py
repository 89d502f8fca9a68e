"""Every lesson's static-site chart in the Transporter and Solel chapters, in Chromium, offline.

For each lesson page: every chart draws; each of its controls, moved to another value, changes
what is drawn or the key numbers; the kommun control (where the lesson has kommun data) changes
both; no console errors; no request to another host; axe finds no serious or critical problem
in the chart's controls. The numbers themselves are checked against the lesson modules in the
chapters' own chart tests (tests/charts/) and, for Strategi, in test_charts_strategi.py.
"""
from __future__ import annotations

import pytest

from booktools import toc_notebooks

try:
    from test_charts_strategi import BLOCKING, _opened, drawn, opened, shown  # noqa: F401  (fixtures)
except ImportError:  # pytest's importlib mode: load the sibling module by path
    import importlib.util
    from pathlib import Path

    _spec = importlib.util.spec_from_file_location("charts_strategi", Path(__file__).with_name("test_charts_strategi.py"))
    _module = importlib.util.module_from_spec(_spec)
    _spec.loader.exec_module(_module)
    BLOCKING, _opened, drawn, opened, shown = (_module.BLOCKING, _module._opened, _module.drawn, _module.opened,
                                               _module.shown)

LESSONS = [nb.relative_to(nb.parents[2]).with_suffix("").as_posix() for nb in toc_notebooks()
           if nb.parent.name in ("02-transporter", "03-solel")]

# Lessons whose chart is the same for every kommun (the kommun chooses the key numbers), and why.
KOMMUN_SETS_ONLY_THE_KEYS = {
    "chapters/02-transporter/fordonsflottan": "exempelflottan är påhittad och densamma i alla kommuner; "
                                              "kommunen väljer nyckeltalen om dess personbilar",
}


def _open(opened, lesson):
    """The lesson page, opened once in this module's browser context and kept for the axe test (the
    kommun a test chooses is remembered on the next page, as for a reader: the tests move each control
    from wherever it stands)."""
    return opened.open(lesson)


def _idle(page):
    page.evaluate("() => window.stratusChartsIdle().then(() => new Promise(r => requestAnimationFrame(() => r(true))))")


def _move(page, figure_id: str, name: str) -> bool:
    """Move one control to another value; False if it has only one value."""
    selector = f"#{figure_id} [name='{name}']"
    kind = page.eval_on_selector(selector, "el => el.tagName === 'SELECT' ? 'select' : el.type")
    if kind == "select":
        options = page.eval_on_selector(selector, "el => [...el.options].map(o => o.value)")
        current = page.input_value(selector)
        others = [o for o in options if o != current]
        if not others:
            return False
        page.select_option(selector, others[-1])
    elif kind == "radio":
        values = page.eval_on_selector_all(selector, "els => els.map(e => [e.value, e.checked])")
        others = [v for v, checked in values if not checked]
        if not others:
            return False
        page.check(f"{selector}[value='{others[-1]}']")
    else:
        low, high, value = page.eval_on_selector(selector, "el => [el.min, el.max, el.value]")
        target = low if value == high else high
        if target == value:
            return False
        page.fill(selector, target)
    _idle(page)
    return True


@pytest.mark.parametrize("lesson", LESSONS)
def test_every_control_moves_the_chart(opened, lesson):
    page = _open(opened, lesson)
    figures = page.eval_on_selector_all("figure.stratus-chart", "els => els.map(e => [e.id, e.dataset.state])")
    assert figures, f"{lesson}: inget interaktivt diagram på sidan"
    for figure_id, state in figures:
        assert state == "ready", f"{lesson}: diagrammet {figure_id} ritades inte ({state})"
        chart = figure_id.removeprefix("stratus-chart-")
        names = page.eval_on_selector_all(f"#{figure_id} [name]", "els => [...new Set(els.map(e => e.name))]")
        assert names, f"{lesson}: diagrammet {figure_id} har inga reglage"
        for name in names:
            before = (drawn(page, chart), shown(page, chart))
            if not _move(page, figure_id, name):
                continue
            after = (drawn(page, chart), shown(page, chart))
            assert after != before, f"{lesson}: reglaget {name} ändrar varken diagrammet eller nyckeltalen"
            if name == "kommun" and lesson not in KOMMUN_SETS_ONLY_THE_KEYS:
                assert after[0] != before[0] and after[1] != before[1], \
                    f"{lesson}: kommunvalet ska ändra både diagrammet och nyckeltalen"
    assert opened.problems == [] and opened.external == []


@pytest.mark.parametrize("lesson", LESSONS)
def test_chart_controls_pass_axe(opened, lesson):
    from axe_playwright_python.sync_playwright import Axe

    page = _open(opened, lesson)
    violations = Axe().run(page, context="figure.stratus-chart").response["violations"]
    blocking = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations
                if v["impact"] in BLOCKING]
    assert blocking == []
