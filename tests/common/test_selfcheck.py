"""Self-check questions ("Testa dig själv"): the HTML by hand, and the reveal in Chromium with no site style sheet.

The questions must work where only their own output is on the page: a live notebook in JupyterLab has
none of the book's style sheets, so the rules travel in the output (``selfcheck.CSS``).
"""
from __future__ import annotations

import re

import pytest

from models.common import selfcheck
from models.common.selfcheck import Question, html_for, render

QUESTIONS = [
    Question("Vilken sektor är störst i Pajala?", ("Industri", "Arbetsmaskiner", "Jordbruk"), correct=1,
             why="Gruvans maskiner räknas som arbetsmaskiner."),
    Question("Är <b>2 + 2</b> = 4?", ("Ja", "Nej"), correct=0, why="Det & inget annat."),
]


def test_one_group_of_radio_buttons_per_question_with_the_right_answer_marked():
    page = html_for(QUESTIONS, "testa")
    assert page.count("<fieldset") == 2
    groups = re.findall(r'<input type="radio" name="([^"]+)" id="([^"]+)" value="(\d)" data-correct="(\w+)">', page)
    assert len(groups) == 5                                   # 3 + 2 options
    names = [g[0] for g in groups]
    assert len(set(names[:3])) == 1 and len(set(names[3:])) == 1 and names[0] != names[3]
    assert len({g[1] for g in groups}) == 5                   # every id once
    assert [g[3] for g in groups] == ["false", "true", "false", "true", "false"]
    assert page.count("<strong>Rätt!</strong>") == 2 and page.count("<strong>Inte riktigt.</strong>") == 3
    # each option's explanation is the question's, and the right one says so
    assert page.count("Gruvans maskiner räknas som arbetsmaskiner.") == 3


def test_texts_are_escaped_not_markup():
    page = html_for(QUESTIONS, "testa")
    assert "Är &lt;b&gt;2 + 2&lt;/b&gt; = 4?" in page and "<b>" not in page
    assert "Det &amp; inget annat." in page


def test_the_style_travels_with_the_questions():
    page = html_for(QUESTIONS, "testa")
    assert page.startswith(f'<div class="stratus-selfcheck"><style>{selfcheck.CSS}</style>')
    assert "input:checked~.sc-feedback{display:block}" in selfcheck.CSS
    assert render(QUESTIONS).data == page


def test_ids_are_the_same_every_build_and_differ_between_question_sets():
    first = html_for(QUESTIONS, "testa")
    assert html_for(QUESTIONS, "testa") == first
    other = html_for([QUESTIONS[0], Question("En annan fråga?", ("a", "b"), correct=1, why="b.")], "testa")
    names = lambda page: set(re.findall(r'name="([^"]+)"', page))   # noqa: E731
    assert not names(first) & names(other)      # two lessons open side by side in JupyterLab: no shared group


@pytest.mark.parametrize("make, error, words", [
    (lambda: Question("?", ("a",), correct=0, why="."), ValueError, "2–10 svarsalternativ"),
    (lambda: Question("?", ("a", "b"), correct=2, why="."), ValueError, "correct måste vara ett index 0–1"),
    (lambda: Question("?", "ab", correct=0, why="."), TypeError, "options (svarsalternativen)"),
    (lambda: html_for([], "testa"), ValueError, "minst en fråga"),
    (lambda: html_for([QUESTIONS[0], "fråga"], "testa"), TypeError, "Varje fråga måste vara en Question"),
])
def test_bad_questions_get_a_swedish_error(make, error, words):
    with pytest.raises(error, match=re.escape(words)):
        make()


def test_choosing_an_option_reveals_its_verdict_with_no_site_style_sheet(chromium):
    page = chromium.new_page()
    try:
        page.set_content(f"<!doctype html><html lang='sv'><body>{html_for(QUESTIONS, 'testa')}</body></html>")
        feedback = page.locator(".sc-feedback")
        assert feedback.count() == 5
        assert [feedback.nth(i).is_visible() for i in range(5)] == [False] * 5      # nothing given away
        page.get_by_label("Industri").check()                                       # wrong
        assert [feedback.nth(i).is_visible() for i in range(5)] == [True, False, False, False, False]
        assert feedback.nth(0).inner_text().startswith("Inte riktigt.")
        page.get_by_label("Arbetsmaskiner").check()                                 # right: the wrong one goes
        assert [feedback.nth(i).is_visible() for i in range(5)] == [False, True, False, False, False]
        assert feedback.nth(1).inner_text().startswith("Rätt! Gruvans maskiner")
        page.keyboard.press("ArrowDown")                                            # the keyboard moves the choice
        assert [feedback.nth(i).is_visible() for i in range(5)] == [False, False, True, False, False]
    finally:
        page.close()
