"""Checks of single values with Swedish messages: numbers, counts, years, texts, flags and options.

Part of :mod:`models.common.checks` (import the checks from there); the tables and series are in
:mod:`models.common.table_checks`. A value of the wrong **type** raises :class:`WrongType` (a
``TypeError`` *and* a ``ValueError``); a wrong **value** raises ``ValueError``. Numbers are always
finite and bounded, years lie in a stated range, counts are bounded so nothing allocates or loops
without limit, and options are compared hashable-safe.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

#: Years any model in the book accepts (data start in 1990; targets end by 2050, pathways by 2100).
YEAR_MIN, YEAR_MAX = 1900, 2100
#: Largest magnitude any number argument may have (well inside float range, far beyond any real value).
MAX_MAGNITUDE = 1e15
#: Largest count (years in a loop, rows to build, steps) any function accepts.
MAX_COUNT = 10_000


class WrongType(TypeError, ValueError):
    """A value of the wrong type. Both a ``TypeError`` and a ``ValueError`` (Swedish message)."""


def show(value) -> str:
    """Format a value for an error message (strings in double quotes, long values shortened)."""
    if isinstance(value, str):
        text = value if len(value) <= 60 else value[:57] + "…"
        return '"' + "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text) + '"'
    if isinstance(value, numbers.Integral) and not isinstance(value, bool) and abs(int(value)) > 10 ** 18:
        return f"ett heltal med {len(str(abs(int(value))))} siffror"
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        try:
            x = float(value)
        except OverflowError:
            x = math.inf if value > 0 else -math.inf
        if math.isnan(x):  # the token the learner may have typed, and what it means
            return "nan (ett odefinierat tal)"
        if math.isinf(x):
            return "inf (oändligt)" if x > 0 else "-inf (minus oändligt)"
        return f"{value}"
    if value is pd.NA:
        return "ett saknat värde"
    if value is pd.NaT:
        return "ett saknat datum"
    if isinstance(value, pd.DataFrame):
        return f"en tabell med {len(value)} rader"
    if isinstance(value, pd.Series):
        return f"en serie med {len(value)} värden"
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001 - any object must be showable
        text = f"<{type(value).__name__}>"
    return text if len(text) <= 80 else text[:77] + "…"


def _type_name(value) -> str:
    return {type(None): "inget värde (None)", str: "text", list: "lista", tuple: "tupel", dict: "ordlista",
            bool: "sant/falskt", bytes: "bytes"}.get(type(value), type(value).__name__)


def is_real(value) -> bool:
    """True for int/float (and NumPy numbers), never for bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, (bool, np.bool_))


def _float(value) -> float:
    """A real number as a float; one too large for a float (a huge integer) as inf."""
    try:
        return float(value)
    except OverflowError:
        return math.inf


def _range_text(low, high, unit: str = "") -> str:
    if low is not None and high is not None:
        return f"mellan {low:g} och {high:g}{unit}"
    if low is not None:
        return f"minst {low:g}{unit}"
    return f"högst {high:g}{unit}"


def number(value, name: str, what: str, low: float | None = None, high: float | None = None,
           unit: str = "") -> float:
    """Return ``value`` as a finite float (with ``low ≤ value ≤ high`` if given) or raise.

    Wrong type -> :class:`WrongType`; NaN, inf, a magnitude over :data:`MAX_MAGNITUDE` or a value
    outside the bounds -> ``ValueError``.
    """
    if not is_real(value):
        raise WrongType(f"{name} ({what}) måste vara ett tal, fick {show(value)} ({_type_name(value)}).")
    x = _float(value)
    if not math.isfinite(x):
        raise ValueError(f"{name} ({what}) måste vara ett ändligt tal, fick {show(value)}.")
    if abs(x) > MAX_MAGNITUDE:
        raise ValueError(f"{name} ({what}) är orimligt stort, fick {show(value)}; högst {MAX_MAGNITUDE:g} till "
                         "beloppet.")
    if (low is not None and x < low) or (high is not None and x > high):
        raise ValueError(f"{name} ({what}) måste ligga {_range_text(low, high, unit)}, fick {show(value)}.")
    return x


def non_negative(value, name: str, what: str, high: float | None = None) -> float:
    """Return ``value`` as a float ≥ 0 or raise ``ValueError``."""
    x = number(value, name, what, high=high)
    if x < 0:
        raise ValueError(f"{name} ({what}) får inte vara negativ, fick {show(value)}. "
                         "Giltigt: ett tal ≥ 0.")
    return x


def positive(value, name: str, what: str, high: float | None = None) -> float:
    """Return ``value`` as a float > 0 or raise ``ValueError``."""
    x = number(value, name, what, high=high)
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


def fraction(value, name: str, what: str, example: str, high: float = 1.0) -> float:
    """Return ``value`` as a float in [0, ``high``) or raise (``example`` e.g. "0.04 för 4 %")."""
    x = number(value, name, what)
    if not 0.0 <= x < high:
        limit = "mindre än 1" if high == 1.0 else f"mindre än {high:g}".replace(".", ",")
        raise ValueError(f"{name} ({what}) måste vara minst 0 och {limit} (t.ex. {example}), "
                         f"fick {show(value)}.")
    return x


def rate(value, name: str = "discount_rate", what: str = "kalkylränta, andel per år",
         example: str = "0.04 för 4 %", minimum_positive: float = 1e-6) -> float:
    """A discount rate in [0, 0.5]: 0 or at least ``minimum_positive`` (a rate of 1e-17 is a typo, not a rate)."""
    x = fraction(value, name, what, example, high=0.5)
    if 0.0 < x < minimum_positive:
        raise ValueError(f"{name} ({what}) är orimligt liten, fick {show(value)}. Ange 0 eller minst "
                         f"{minimum_positive:g} (t.ex. {example}).")
    return x


def number_in_range(value, low: float, high: float, name: str, what: str, unit: str = "") -> float:
    """Return ``value`` as a float with ``low ≤ value ≤ high`` or raise ``ValueError``."""
    return number(value, name, what, low=low, high=high, unit=unit)


def integer(value, name: str, what: str, minimum: int | None = None, maximum: int | None = MAX_COUNT * 1000) -> int:
    """Return ``value`` as an int with ``minimum ≤ value ≤ maximum`` or raise.

    A whole float (``3.0``) counts as an integer. ``maximum`` defaults to a bound far above any
    real count so that a huge int never reaches a loop or an allocation; pass ``None`` to lift it.
    """
    if not is_real(value):
        raise WrongType(f"{name} ({what}) måste vara ett heltal, fick {show(value)} ({_type_name(value)}).")
    if isinstance(value, numbers.Integral):
        n = int(value)
    else:
        x = float(value)
        if not (math.isfinite(x) and x.is_integer()):
            raise ValueError(f"{name} ({what}) måste vara ett heltal, fick {show(value)}.")
        n = int(x)
    if minimum is not None and n < minimum:
        raise ValueError(f"{name} ({what}) måste vara minst {minimum}, fick {show(value)}.")
    if maximum is not None and n > maximum:
        raise ValueError(f"{name} ({what}) får vara högst {maximum}, fick {show(value)}.")
    return n


def count(value, name: str, what: str, minimum: int = 1, maximum: int = MAX_COUNT) -> int:
    """An integer count (years, steps, rows) with ``minimum ≤ value ≤ maximum``."""
    return integer(value, name, what, minimum=minimum, maximum=maximum)


def year(value, name: str = "year", what: str = "årtal", low: int = YEAR_MIN, high: int = YEAR_MAX) -> int:
    """A whole year with ``low ≤ value ≤ high`` (default :data:`YEAR_MIN`–:data:`YEAR_MAX`)."""
    if not is_real(value):
        raise WrongType(f"{name} ({what}) måste vara ett årtal, fick {show(value)} ({_type_name(value)}).")
    x = _float(value)
    if not (math.isfinite(x) and x.is_integer()):
        raise ValueError(f"{name} ({what}) måste vara ett helt årtal, fick {show(value)}.")
    if not low <= x <= high:
        raise ValueError(f"{name} ({what}) måste vara ett årtal mellan {low} och {high}, fick {show(value)}.")
    return int(x)


def text(value, name: str, what: str, max_length: int = 500) -> str:
    """A string (stripped) of at most ``max_length`` characters, or raise."""
    if not isinstance(value, str):
        raise WrongType(f"{name} ({what}) måste vara text, fick {show(value)} ({_type_name(value)}).")
    if len(value) > max_length:
        raise ValueError(f"{name} ({what}) är för lång ({len(value)} tecken); högst {max_length}.")
    return value


def flag(value, name: str, what: str) -> bool:
    """``True`` or ``False`` (also NumPy's), nothing else ("ja", 1 and None are not accepted)."""
    if not isinstance(value, (bool, np.bool_)):
        raise WrongType(f"{name} ({what}) måste vara True eller False, fick {show(value)} ({_type_name(value)}).")
    return bool(value)


def _hashable_in(value, options) -> bool:
    try:
        return value in options
    except TypeError:  # unhashable value against a dict or set
        return False


def choice(value, valid: Iterable[str], name: str = "method",
           singular: str = "metod", plural: str = "metoder") -> str:
    """Return ``value`` if it is one of ``valid``, otherwise raise (a non-string -> :class:`WrongType`)."""
    valid = tuple(valid)
    listed = ", ".join(f'"{v}"' for v in valid)
    where = "" if name == "method" else f" för {name}"
    if not isinstance(value, str):
        raise WrongType(f"Okänd {singular} {show(value)}{where}: ange en av {plural} som text. "
                        f"Giltiga {plural}: {listed}.")
    if not _hashable_in(value, valid):
        raise ValueError(f"Okänd {singular} {show(value)}{where}. "
                         f"Giltiga {plural}: {listed}.")
    return value


def option(value, options, label: str):
    """Return ``value`` if it is one of ``options`` (e.g. a widget's Swedish labels), else raise.

    ``label`` is the control's Swedish name, used in the message. Unhashable values (a list, a
    dict) never reach a dict lookup or a cache: they raise :class:`WrongType`.
    """
    if not _hashable_in(value, options):
        valid = ", ".join(f'"{o}"' for o in options)
        try:
            hash(value)
        except TypeError:
            raise WrongType(f"Okänt val för {label}: {show(value)} ({_type_name(value)}). Välj ett av: {valid}.") from None
        raise ValueError(f"Okänt val för {label}: {show(value)}. Välj ett av: {valid}.")
    return value


def keys(values, valid, name: str, singular: str, plural: str) -> tuple[str, ...]:
    """A tuple of distinct keys, each one of ``valid``; a single string counts as one key."""
    if values is None:
        return ()
    if isinstance(values, str):
        values = (values,)
    if isinstance(values, (Mapping, bytes, pd.DataFrame)) or not isinstance(values, Iterable):
        raise WrongType(f"{name} måste vara en lista med {plural}, fick {show(values)}.")
    items = []
    for item in values:
        if len(items) >= 1000:
            raise ValueError(f"{name}: för många {plural} (högst 1000).")
        items.append(choice(item, valid, name=name, singular=singular, plural=plural))
    return tuple(dict.fromkeys(items))


def finite_result(value, name: str, what: str):
    """Raise a Swedish ``ValueError`` if a computed result is NaN or inf (the inputs were out of reach)."""
    if isinstance(value, (str, bytes, bool, np.bool_)) or value is None:
        raise WrongType(f"{name} ({what}) måste vara ett tal eller en samling tal, fick {show(value)} "
                        f"({_type_name(value)}).")
    try:
        with np.errstate(all="ignore"):
            array = np.asarray(value, dtype=float)
    except OverflowError:
        array = np.asarray(math.inf)
    except (TypeError, ValueError):
        raise WrongType(f"{name} ({what}) måste vara ett tal eller en samling tal, fick {show(value)} "
                        f"({_type_name(value)}).") from None
    if not np.isfinite(array).all():
        raise ValueError(f"{name} ({what}) går inte att räkna ut med de här värdena (resultatet blir "
                         "oändligt eller odefinierat). Kontrollera indata.")
    return value


def instance(value, kind: type, name: str, what: str):
    """Return ``value`` if it is a ``kind`` (e.g. a lesson's result object), else raise :class:`WrongType`.

    A number of the right kind that is NaN or infinite is refused with a ``ValueError``.
    """
    if not isinstance(value, kind):
        raise WrongType(f"{name} måste vara {what} ({kind.__name__}), fick {show(value)} ({_type_name(value)}).")
    if is_real(value):
        finite = math.isfinite(_float(value))
        if not finite:
            raise ValueError(f"{name} ({what}) måste vara ett ändligt tal, fick {show(value)}.")
    return value


def number_list(values, name: str, what: str, low: float | None = None, high: float | None = None,
            max_length: int = 1000, allow_empty: bool = False) -> tuple[float, ...]:
    """A list of finite numbers (each within ``low``–``high``), at most ``max_length`` long."""
    if isinstance(values, (str, bytes, Mapping, pd.DataFrame)) or not isinstance(values, Iterable):
        raise WrongType(f"{name} ({what}) måste vara en lista med tal, fick {show(values)} ({_type_name(values)}).")
    if isinstance(values, range) and len(values) > max_length:
        raise ValueError(f"{name} ({what}): för många värden ({len(values)}); högst {max_length}.")
    out = []
    for item in values:
        if len(out) >= max_length:
            raise ValueError(f"{name} ({what}): för många värden; högst {max_length}.")
        out.append(number(item, name, what, low=low, high=high))
    if not out and not allow_empty:
        raise ValueError(f"{name} ({what}) är tom: minst ett värde krävs.")
    return tuple(out)
