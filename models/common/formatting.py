"""Swedish number formatting: the one place that writes numbers for learners.

Thousands are separated by a no-break space, the decimal mark is a comma and negative numbers
get a real minus sign (−), as in Swedish print (Språkrådet, *Svenska skrivregler*, 2017).
Every table, chart label, message and export text in the book goes through these functions.
"""
from __future__ import annotations

import math
import numbers

from models.common.checks import WrongType, flag, integer, is_real, show

NBSP = "\u00a0"
MINUS = "\u2212"


def fmt_number(value, decimals: int = 0, signed: bool = False) -> str:
    """``1234567.5`` -> ``"1 234 568"``; ``-4.25`` with 1 decimal -> ``"−4,3"``.

    ``None`` and NaN become ``"–"``; ``signed=True`` puts a ``+`` before positive numbers.
    """
    decimals = integer(decimals, "decimals", "antal decimaler", minimum=0, maximum=12)
    signed = flag(signed, "signed", "visa plustecken")
    if _absent(value):
        return "–"
    value = _real(value)
    if math.isinf(value):
        return "∞" if value > 0 else f"{MINUS}∞"
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    if float(text.replace(NBSP, "").replace(",", ".")) == 0:
        return text
    sign = MINUS if value < 0 else ("+" if signed else "")
    return f"{sign}{text}"


def fmt_pct(value, decimals: int = 1, signed: bool = False) -> str:
    """A percentage in Swedish format, e.g. ``"−4,5 %"`` (no-break space before %)."""
    text = fmt_number(value, decimals, signed)
    return text if text == "–" else f"{text}{NBSP}%"


def fmt_auto(value) -> str:
    """A number with as many decimals as it needs (at most one): ``1500000`` -> ``"1 500 000"``.

    Used where a learner's own value is echoed back (file cells, error messages).
    """
    if _absent(value):
        return "–"
    value = _real(value)
    if math.isinf(value):
        return fmt_number(value)
    return fmt_number(value, 0 if value.is_integer() else 1)


def fmt_plain(value) -> str:
    """A number as a learner typed it, without thousands separators: ``2.5`` -> ``"2,5"``."""
    if _absent(value):
        return "–"
    value = _real(value)
    if math.isinf(value):
        return fmt_number(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value)).replace("-", MINUS)
    return f"{value:g}".replace(".", ",").replace("-", MINUS)


def _absent(value) -> bool:
    """``None`` or NaN: written as a dash (a huge int is a number, not absent)."""
    if value is None:
        return True
    if not is_real(value):
        return False
    try:
        return math.isnan(float(value))
    except OverflowError:
        return False


def _real(value) -> float:
    """``value`` as a float (huge ints become ±inf); anything but a number raises :class:`WrongType`."""
    if not is_real(value):
        raise WrongType(f"Talet som ska skrivas ut måste vara ett tal, fick {show(value)}.")
    try:
        return float(value)
    except OverflowError:
        return math.inf if value > 0 else -math.inf
