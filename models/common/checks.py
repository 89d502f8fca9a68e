"""Argument checks with Swedish messages, shared by every chapter.

Every check raises ``ValueError`` with a Swedish message that names the parameter, shows
the bad value and says what is valid, so a learner moving a widget slider never sees a
traceback from deep inside NumPy or pandas.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable

import pandas as pd


def show(value) -> str:
    """Format a value for an error message (strings in double quotes)."""
    if isinstance(value, str):
        return f'"{value}"'
    return repr(value) if not isinstance(value, numbers.Real) else f"{value}"


def number(value, name: str, what: str) -> float:
    """Return ``value`` as a finite float or raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} ({what}) måste vara ett tal, fick {show(value)} "
                         f"av typen {type(value).__name__}.")
    x = float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} ({what}) måste vara ett ändligt tal, fick {show(value)}.")
    return x


def non_negative(value, name: str, what: str) -> float:
    """Return ``value`` as a float ≥ 0 or raise ``ValueError``."""
    x = number(value, name, what)
    if x < 0:
        raise ValueError(f"{name} ({what}) får inte vara negativ, fick {show(value)}. "
                         "Giltigt: ett tal ≥ 0.")
    return x


def positive(value, name: str, what: str) -> float:
    """Return ``value`` as a float > 0 or raise ``ValueError``."""
    x = number(value, name, what)
    if x <= 0:
        raise ValueError(f"{name} ({what}) måste vara större än 0, fick {show(value)}.")
    return x


def open_unit_rate(value, name: str = "rate", what: str = "minskningstakt per år") -> float:
    """Return ``value`` as a float strictly between 0 and 1 or raise ``ValueError``."""
    x = number(value, name, what)
    if not 0.0 < x < 1.0:
        raise ValueError(f"{name} ({what}) måste ligga mellan 0 och 1 (andel per år, t.ex. "
                         f"0.1172 för 11,72 %), fick {show(value)}.")
    return x


def fraction(value, name: str, what: str, example: str) -> float:
    """Return ``value`` as a float in [0, 1) or raise ``ValueError`` (``example`` e.g. "0.04 för 4 %")."""
    x = number(value, name, what)
    if not 0.0 <= x < 1.0:
        raise ValueError(f"{name} ({what}) måste vara minst 0 och mindre än 1 (t.ex. {example}), "
                         f"fick {show(value)}.")
    return x


def table_with_columns(table, required, name: str, optional_note: str = ""):
    """Return ``table`` if it is a DataFrame with every ``required`` column, else raise ``ValueError``."""
    required = list(required)
    if not isinstance(table, pd.DataFrame):
        raise ValueError(f"{name} måste vara en pandas.DataFrame med kolumnerna {required}, "
                         f"fick {type(table).__name__}.")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(f"{name} saknar kolumnerna {missing}. Nödvändiga kolumner: {required}"
                         f"{f' ({optional_note})' if optional_note else ''}.")
    return table


def integer(value, name: str, what: str, minimum: int | None = None) -> int:
    """Return ``value`` as an int (≥ ``minimum``) or raise ``ValueError``."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise ValueError(f"{name} ({what}) måste vara ett heltal, fick {show(value)} "
                         f"av typen {type(value).__name__}.")
    if isinstance(value, numbers.Integral):
        n = int(value)
    elif math.isfinite(float(value)) and float(value).is_integer():
        n = int(value)
    else:
        raise ValueError(f"{name} ({what}) måste vara ett heltal, fick {show(value)}.")
    if minimum is not None and n < minimum:
        raise ValueError(f"{name} ({what}) måste vara minst {minimum}, fick {show(value)}.")
    return n


def choice(value, valid: Iterable[str], name: str = "method",
           singular: str = "metod", plural: str = "metoder") -> str:
    """Return ``value`` if it is one of ``valid``, otherwise raise ``ValueError``."""
    valid = tuple(valid)
    if not isinstance(value, str) or value not in valid:
        listed = ", ".join(f'"{v}"' for v in valid)
        where = "" if name == "method" else f" för {name}"
        raise ValueError(f"Okänd {singular} {show(value)}{where}. "
                         f"Giltiga {plural}: {listed}.")
    return value


def option(value, options, label: str):
    """Return ``value`` if it is one of ``options`` (e.g. a widget's Swedish labels), else raise.

    ``label`` is the control's Swedish name, used in the message.
    """
    try:
        found = value in options
    except TypeError:  # unhashable value against a dict
        found = False
    if not found:
        valid = ", ".join(f'"{o}"' for o in options)
        raise ValueError(f"Okänt val för {label}: {show(value)}. Välj ett av: {valid}.")
    return value


def number_in_range(value, low: float, high: float, name: str, what: str, unit: str = "") -> float:
    """Return ``value`` as a float with ``low ≤ value ≤ high`` or raise ``ValueError``."""
    x = number(value, name, what)
    if not low <= x <= high:
        raise ValueError(f"{name} ({what}) måste ligga mellan {low:g} och {high:g}{unit}, fick {show(value)}.")
    return x


def keys(values, valid, name: str, singular: str, plural: str) -> tuple[str, ...]:
    """A tuple of distinct keys, each one of ``valid``; a single string counts as one key."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = (values,)
    try:
        items = tuple(values)
    except TypeError:
        raise ValueError(f"{name} måste vara en lista med {plural}, fick {show(values)}.") from None
    for item in items:
        choice(item, valid, name=name, singular=singular, plural=plural)
    return tuple(dict.fromkeys(items))
