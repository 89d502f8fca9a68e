"""Self-check questions ("Testa dig själv") that work on the static site without a kernel.

Each question is a group of radio buttons; choosing an option reveals whether it was right
and a one-line explanation, by CSS alone (``book/_static/stratus.css``): no script, no server.
Radio buttons are keyboard-accessible (Tab to the group, arrow keys to choose) and the
feedback is in the page text, so screen readers read it. In a live notebook the same HTML works.

In a lesson::

    from models.common.selfcheck import Question, render
    render([Question("…?", ("a", "b", "c"), correct=1, why="…"), ...])

with the cell tagged ``remove-input``.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from IPython.display import HTML


@dataclass(frozen=True)
class Question:
    """One multiple-choice question: ``options`` in order, ``correct`` its 0-based index,
    ``why`` one line that explains the right answer (shown after any choice)."""

    text: str
    options: tuple[str, ...]
    correct: int
    why: str

    def __post_init__(self):
        if not isinstance(self.options, tuple) or len(self.options) < 2:
            raise ValueError("En fråga behöver minst två svarsalternativ (en tuple).")
        if not isinstance(self.correct, int) or not 0 <= self.correct < len(self.options):
            raise ValueError(f"correct måste vara ett index 0–{len(self.options) - 1}, fick {self.correct!r}.")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "q"


def html_for(questions, key: str) -> str:
    """The HTML of a set of questions; ``key`` makes the ids unique on the page."""
    if not questions:
        raise ValueError("Ange minst en fråga.")
    parts = ['<div class="stratus-selfcheck">']
    for n, q in enumerate(questions, start=1):
        if not isinstance(q, Question):
            raise TypeError(f"Varje fråga måste vara en Question, fick {type(q).__name__}.")
        group = f"sc-{_slug(key)}-{n}"
        parts.append(f'<fieldset class="sc-question"><legend>{n}. {html.escape(q.text)}</legend>')
        for i, option in enumerate(q.options):
            ident = f"{group}-{i}"
            verdict = "right" if i == q.correct else "wrong"
            label = "Rätt!" if i == q.correct else "Inte riktigt."
            parts.append(
                f'<div class="sc-option"><input type="radio" name="{group}" id="{ident}" value="{i}" '
                f'data-correct="{str(i == q.correct).lower()}">'
                f'<label for="{ident}">{html.escape(option)}</label>'
                f'<p class="sc-feedback sc-{verdict}" role="status"><strong>{label}</strong> '
                f'{html.escape(q.why)}</p></div>')
        parts.append("</fieldset>")
    parts.append("</div>")
    return "".join(parts)


def render(questions, key: str = "testa") -> HTML:
    """The questions as an HTML output for a notebook cell (tag the cell ``remove-input``)."""
    return HTML(html_for(questions, key))
