"""Cell helpers shared by the readers of user files: numbers written the Swedish or the English way,
headers compared without case or spacing, quoted listings for messages, spreadsheet column letters
and the accepted spellings of a choice column. :mod:`models.data.upload` re-exports them.
"""
from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping

import numpy as np

from models.common import checks
from models.common.formatting import fmt_plain


def normalise(text, spaces: bool = True) -> str:
    """Case-folded text for comparing headers, units and choices (CO₂ = CO2, no-break space = space)."""
    text = checks.text(text, "text", "texten som jämförs", max_length=10_000)
    spaces = checks.flag(spaces, "spaces", "behåll mellanslag")
    # "CO₂e" saved by Excel as a Windows-1252 CSV becomes "CO?e"
    text = text.replace("₂", "2").replace("CO?e", "CO2e").replace("\u00a0", " ").casefold().strip()
    return re.sub(r"\s+", " " if spaces else "", text)


def _text(cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and math.isnan(cell):
        return ""
    if is_number(cell):
        return fmt_plain(float(cell)) if math.isfinite(float(cell)) else str(cell)
    if isinstance(cell, (dt.datetime, dt.date)):
        return cell.isoformat(sep=" ") if isinstance(cell, dt.datetime) else cell.isoformat()
    return str(cell).strip()


def is_number(cell) -> bool:
    """True for int and float cells (as Excel gives them), not for bool."""
    return isinstance(cell, (int, float, np.integer, np.floating)) and not isinstance(cell, (bool, np.bool_))


_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")
_GROUPED_COMMA = re.compile(r"[+-]?\d{1,3}(,\d{3})+(\.\d+)?")
_GROUPED_DOT = re.compile(r"[+-]?\d{1,3}(\.\d{3})+(,\d+)?")
_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2},\d{3}")  # "1,000", "12,500": thousands or decimals?


def parse_number(text: str) -> float | None:
    """A number written the Swedish or the English way (``"1 234,5"``, ``"1,234.5"``), or ``None``.

    A single comma is a decimal comma (``"1,5"`` = 1.5, ``"0,250"`` = 0.25). ``"1,000"`` (one to three
    digits, a comma, exactly three digits) is ambiguous – a thousand or one? – and gives ``None``
    so the reader asks the learner to write ``1000`` or ``1,0``; it is never guessed.
    """
    s = str(text).strip()
    for space in (" ", "\u00a0", "\u202f", "\u2009"):
        s = s.replace(space, "")
    s = s.replace("\u2212", "-").replace("\u2013", "-")
    if "," in s and "." in s:
        if _GROUPED_DOT.fullmatch(s):        # 1.234.567,5
            s = s.replace(".", "").replace(",", ".")
        elif _GROUPED_COMMA.fullmatch(s):    # 1,234,567.5
            s = s.replace(",", "")
        else:
            return None
    elif s.count(",") == 1:                  # decimal comma
        if _AMBIGUOUS.fullmatch(s):          # "1,000": a thousand or one? never guess
            return None
        s = s.replace(",", ".")
    elif s.count(",") > 1:
        return None
    if not _NUMBER.fullmatch(s):
        return None
    value = float(s)
    return value if math.isfinite(value) else None


def _quote(value) -> str:
    return f'"{_text(value)}"'


def listing(items) -> str:
    """``a, b`` -> ``"a", "b"`` for messages."""
    if isinstance(items, (str, bytes)) or not isinstance(items, (list, tuple, set, frozenset, dict)) and not hasattr(
            items, "__iter__"):
        raise checks.WrongType(f"items måste vara en lista med texter, fick {checks.show(items)}.")
    shown = []
    for item in items:
        if len(shown) >= 1000:
            raise ValueError("items: för många värden att räkna upp (högst 1000).")
        if not isinstance(item, str):
            raise checks.WrongType(f"items måste vara en lista med texter, fick {checks.show(item)} i listan.")
        shown.append(f'"{item}"')
    return ", ".join(shown)


def column_letter(index: int) -> str:
    """Spreadsheet column letter for a 0-based index: 0 -> A, 26 -> AA (Excel has 16 384 columns, A–XFD)."""
    index = checks.integer(index, "index", "kolumnens nummer (0 = A)", minimum=0, maximum=16_383)
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class Choices(dict):
    """Accepted spellings -> stored value, plus the Swedish labels to list in error messages."""

    def __init__(self, spellings: Mapping[str, str], labels: tuple[str, ...]):
        super().__init__(spellings)
        self.labels = labels


def choices(values: Mapping[str, str] | tuple) -> Choices:
    """Accepted spellings for a choice column: each label and key, case- and space-insensitive.

    ``values`` maps key -> Swedish label (or is a tuple of labels). The stored value is the key;
    error messages list the labels.
    """
    if not isinstance(values, Mapping):
        if isinstance(values, str) or not isinstance(values, (list, tuple)):
            raise checks.WrongType(f"values måste vara nyckel -> etikett eller en lista med etiketter, fick "
                                   f"{checks.show(values)}.")
        values = {v: v for v in values}
    bad = [k for k, v in values.items() if not isinstance(k, str) or not isinstance(v, str)]
    if bad:
        raise checks.WrongType(f"Valen måste vara text, fick {checks.show(bad[0])}.")
    lookup = {normalise(label, spaces=False): key for key, label in values.items()}
    lookup.update({normalise(key, spaces=False): key for key in values})
    return Choices(lookup, tuple(values.values()))
