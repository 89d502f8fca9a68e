"""Self-check questions ("Testa dig själv") that work on the static site without a kernel.

Each question is a group of radio buttons; choosing an option reveals whether it was right
and a one-line explanation, by CSS alone (:data:`CSS`, carried in the output itself): no script,
no server, no style sheet of the site. Radio buttons are keyboard-accessible (Tab to the group,
arrow keys to choose) and the feedback is in the page text, so screen readers read it. The same
HTML works in a live notebook in JupyterLab, which has none of the site's style sheets.

In a lesson::

    from models.common.selfcheck import Question, render
    render([Question("…?", ("a", "b", "c"), correct=1, why="…"), ...])

with the cell tagged ``remove-input``.
"""
from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from IPython.display import HTML

from models.common import checks

MAX_OPTIONS = 10
MAX_QUESTIONS = 50

#: The questions' look, and the reveal: an option's feedback shows once it is chosen. Right and wrong differ
#: in text and border style, not only in colour.
CSS = (
    ".stratus-selfcheck fieldset.sc-question{border:1px solid #bbbbbb;border-radius:0.4em;"
    "padding:0.6em 1em 0.8em;margin:0 0 1em}"
    ".stratus-selfcheck legend{font-weight:600;padding:0 0.3em;float:none;width:auto;font-size:1rem}"
    ".stratus-selfcheck .sc-option{margin:0.25em 0}"
    ".stratus-selfcheck .sc-option label{margin-left:0.4em}"
    ".stratus-selfcheck .sc-feedback{display:none;margin:0.2em 0 0.4em 1.6em;padding:0.2em 0.6em}"
    ".stratus-selfcheck input:checked~.sc-feedback{display:block}"
    ".stratus-selfcheck .sc-right{border-left:4px solid #1a7f37;background:#eef8f0}"
    ".stratus-selfcheck .sc-wrong{border-left:4px dashed #8a4500;background:#fdf3ea}"
    ".stratus-selfcheck input:focus-visible{outline:3px solid #1558b0;outline-offset:2px}"
)


@dataclass(frozen=True)
class Question:
    """One multiple-choice question: ``options`` in order, ``correct`` its 0-based index,
    ``why`` one line that explains the right answer (shown after any choice)."""

    text: str
    options: tuple[str, ...]
    correct: int
    why: str

    def __post_init__(self):
        checks.text(self.text, "text", "frågans text", max_length=2000)
        checks.text(self.why, "why", "förklaringen", max_length=2000)
        options = self.options
        if isinstance(options, (str, bytes, Mapping)) or not isinstance(options, Sequence):
            raise checks.WrongType(f"options (svarsalternativen) måste vara en lista med texter, fick "
                                   f"{checks.show(options)}.")
        options = tuple(checks.text(o, "options", "ett svarsalternativ", max_length=500) for o in options)
        if not 2 <= len(options) <= MAX_OPTIONS:
            raise ValueError(f"En fråga behöver 2–{MAX_OPTIONS} svarsalternativ, fick {len(options)}.")
        object.__setattr__(self, "options", options)
        if isinstance(self.correct, bool) or not isinstance(self.correct, int) or not 0 <= self.correct < len(options):
            raise ValueError(f"correct måste vara ett index 0–{len(options) - 1}, fick {checks.show(self.correct)}.")


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40] or "q"


def html_for(questions, key: str) -> str:
    """The HTML of a set of questions, with its :data:`CSS`; ``key`` and the questions' texts make the ids
    unique (two lessons open side by side in JupyterLab share one page: equal radio names would be one group)."""
    if isinstance(questions, Question):
        questions = [questions]
    if isinstance(questions, (str, bytes, Mapping)) or not isinstance(questions, Sequence):
        raise checks.WrongType(f"questions måste vara en lista med frågor (Question), fick {checks.show(questions)}.")
    if not questions:
        raise ValueError("Ange minst en fråga.")
    if len(questions) > MAX_QUESTIONS:
        raise ValueError(f"För många frågor ({len(questions)}); högst {MAX_QUESTIONS} på en sida.")
    key = checks.text(key, "key", "nyckeln som gör id:n unika", max_length=100)
    wrong = next((q for q in questions if not isinstance(q, Question)), None)
    if wrong is not None:
        raise checks.WrongType(f"Varje fråga måste vara en Question, fick {checks.show(wrong)}.")
    digest = hashlib.sha1("\0".join(q.text for q in questions).encode()).hexdigest()[:6]
    parts = [f'<div class="stratus-selfcheck"><style>{CSS}</style>']
    for n, q in enumerate(questions, start=1):
        group = f"sc-{_slug(key)}-{digest}-{n}"
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
