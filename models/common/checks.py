"""Argument checks with Swedish messages, shared by every chapter.

Every check names the parameter, shows the bad value and says what is valid, so a learner moving
a widget slider or uploading a file never sees a traceback from deep inside NumPy or pandas:

* a value of the wrong **type** (text where a number is wanted, a list where an option is wanted,
  ``None`` for a table) raises :class:`WrongType`, which is a ``TypeError`` *and* a ``ValueError``
  (so code that shows every ``ValueError`` to the learner keeps working);
* a wrong **value** (out of range, not finite, unknown option, missing column) raises ``ValueError``.

Numbers are always finite and bounded (:func:`number` takes ``low``/``high``), years lie in a
stated range (:func:`year`, default :data:`YEAR_MIN`–:data:`YEAR_MAX`), counts are bounded
(:func:`integer` with ``maximum``) so nothing allocates or loops without limit, options are
compared hashable-safe (:func:`option`, :func:`choice`, :func:`keys`), and tables and series are
checked column by column (:func:`table`, :func:`series`).
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
    try:
        x = float(value)
    except OverflowError:
        x = math.inf
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
    try:
        x = float(value)
    except OverflowError:
        x = math.inf
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


# ----------------------------------------------------------------------------- tables and series
#: Column kinds for :func:`table`: what each kind accepts, in Swedish for messages.
KINDS = {"number": "ett ändligt tal", "non_negative": "ett tal ≥ 0", "positive": "ett tal > 0",
         "integer": "ett heltal", "year": f"ett årtal ({YEAR_MIN}–{YEAR_MAX})", "text": "en text",
         "any": "ett värde"}


def table_with_columns(table, required, name: str, optional_note: str = ""):
    """Return ``table`` if it is a DataFrame with every ``required`` column, else raise.

    Not a DataFrame -> :class:`WrongType`; a missing column -> ``ValueError``.
    """
    required = list(required)
    if not isinstance(table, pd.DataFrame):
        raise WrongType(f"{name} måste vara en pandas.DataFrame med kolumnerna {required}, "
                        f"fick {show(table)} ({_type_name(table)}).")
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ValueError(f"{name} saknar kolumnerna {missing}. Nödvändiga kolumner: {required}"
                         f"{f' ({optional_note})' if optional_note else ''}.")
    if table.columns.duplicated().any():
        raise ValueError(f"{name} har dubbla kolumner: {sorted(set(table.columns[table.columns.duplicated()]))}.")
    return table


def _plain_numeric(values: pd.Series) -> bool:
    """Whether a column holds numpy integers or floats (not objects, not pandas' nullable types)."""
    return isinstance(values.dtype, np.dtype) and values.dtype.kind in "iuf"


def _numeric_column(values: pd.Series, kind: str, optional: bool = False) -> tuple[np.ndarray, np.ndarray]:
    """The column as floats and a mask of the cells that break ``kind`` (empty cells break it unless
    ``optional``). A column of numpy integers or floats, as a model returns it, is checked as a whole;
    any other column cell by cell."""
    plain = _plain_numeric(values)
    whole = plain and values.dtype.kind in "iu"            # integers: finite and whole by their type
    if plain:
        x = values.to_numpy(dtype=float)
        bad = (np.abs(x) > MAX_MAGNITUDE) if whole else ~(np.abs(x) <= MAX_MAGNITUDE)   # NaN, ±inf: bad
    else:
        raw = values.to_numpy(dtype=object)
        ok_type = np.array([is_real(x) for x in raw], dtype=bool)
        x = np.full(len(raw), np.nan)
        with np.errstate(all="ignore"):
            for i in np.flatnonzero(ok_type):
                try:
                    x[i] = float(raw[i])
                except OverflowError:
                    x[i] = np.inf
        bad = ~ok_type | ~np.isfinite(x) | (np.abs(np.nan_to_num(x)) > MAX_MAGNITUDE)
    if kind == "non_negative":
        bad |= x < 0
    elif kind == "positive":
        bad |= ~(x > 0)
    elif kind in ("integer", "year"):
        if not whole:
            bad |= np.isfinite(x) & (np.mod(np.nan_to_num(x), 1) != 0)
        if kind == "year":
            bad |= (x < YEAR_MIN) | (x > YEAR_MAX)
    if optional:
        bad &= ~(np.isnan(x) if plain else np.array([_missing(v) for v in values], dtype=bool))
    return x, bad


def table(frame, columns: Mapping[str, str], name: str, *, label=None, allow_empty: bool = False,
          optional: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Check a table's required columns and the kind of every cell; return a typed copy.

    ``columns`` maps column -> kind (see :data:`KINDS`); ``optional`` the same for columns that may
    be absent (empty cells allowed there). ``label`` names the column whose value identifies a row
    in messages (e.g. ``"measure"``); without it rows are numbered from 1. Number columns come back
    as ``float64``, integer/year columns as ``int64``.
    """
    table_with_columns(frame, list(columns), name)
    if frame.empty and not allow_empty:
        raise ValueError(f"{name} är tom: minst en rad krävs.")
    if len(frame) > MAX_COUNT * 10:
        raise ValueError(f"{name} har {len(frame)} rader; högst {MAX_COUNT * 10}.")
    out = frame.copy()
    spec = dict(columns)
    spec.update({c: k for c, k in (optional or {}).items() if c in frame.columns})

    def row_name(i: int) -> str:
        if label is not None and label in frame.columns:
            return f"för {show(frame[label].iloc[i])}"
        return f"på rad {i + 1}"

    for column, kind in spec.items():
        if kind == "any":
            continue
        values = frame[column]
        is_optional = column not in columns
        if kind == "text":
            bad = np.array([not (isinstance(x, str) or (is_optional and _missing(x))) for x in values], dtype=bool)
            if bad.any():
                i = int(np.flatnonzero(bad)[0])
                raise ValueError(f"{name}: kolumnen {column} {row_name(i)} måste vara {KINDS[kind]}, "
                                 f"fick {show(values.iloc[i])}.")
            continue
        x, bad = _numeric_column(values, kind, optional=is_optional)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(f"{name}: kolumnen {column} {row_name(i)} måste vara {KINDS[kind]}, "
                             f"fick {show(values.iloc[i])}.")
        typed = "int64" if kind in ("integer", "year") and not is_optional else "float64"
        if values.dtype != typed:                   # a column already of its type stays as it is
            out[column] = x.astype(typed)
    return out


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))


def series(values, name: str, what: str, *, kind: str = "number", years: bool = True,
           allow_empty: bool = False) -> pd.Series:
    """A pandas Series of numbers (``kind`` as in :data:`KINDS`) with a year index, checked cell by cell.

    Text or missing values are never dropped silently: they raise, naming the year.
    """
    if not isinstance(values, pd.Series):
        raise WrongType(f"{name} ({what}) måste vara en pandas.Series, fick {show(values)} ({_type_name(values)}).")
    if values.empty and not allow_empty:
        raise ValueError(f"{name} ({what}) är tom: minst ett värde krävs.")
    if len(values) > MAX_COUNT:
        raise ValueError(f"{name} ({what}) har {len(values)} värden; högst {MAX_COUNT}.")
    out = values.copy()
    if years:
        index = np.array(values.index, dtype=object)
        ok = np.array([is_real(y) and math.isfinite(float(y)) and float(y).is_integer()
                       and YEAR_MIN <= float(y) <= YEAR_MAX for y in index], dtype=bool)
        if not ok.all():
            i = int(np.flatnonzero(~ok)[0])
            raise ValueError(f"{name} ({what}) måste ha årtal ({YEAR_MIN}–{YEAR_MAX}) som index, fick {index[i]!r}.")
        if pd.Index(index).duplicated().any():
            raise ValueError(f"{name} ({what}) har samma år flera gånger.")
        out.index = pd.Index([int(y) for y in index], name=values.index.name)
    x, bad = _numeric_column(values, kind)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        where = f"år {out.index[i]}" if years else f"värde {i + 1}"
        raise ValueError(f"{name} ({what}), {where}: måste vara {KINDS[kind]}, fick {show(values.iloc[i])}.")
    return pd.Series(x, index=out.index, name=values.name)


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


def yearly(values, name: str, what: str, *, non_negative: bool = False) -> pd.Series:
    """A series of yearly values: year index, numbers or empty (a year without data, dropped), sorted.

    Text ("mycket", "1,000") and inf are never dropped silently: they raise, naming the year. Years
    must be whole and within :data:`YEAR_MIN`–:data:`YEAR_MAX`.
    """
    if not isinstance(values, pd.Series):
        raise WrongType(f"{name} ({what}) måste vara en pandas.Series indexerad med år, fick {show(values)} "
                        f"({_type_name(values)}).")
    plain = _plain_yearly(values, non_negative)
    if plain is not None:
        return plain
    present = values[[not _missing(x) for x in values.to_numpy(dtype=object)]] if len(values) else values
    checked = series(present, name, what, kind="non_negative" if non_negative else "number", allow_empty=True)
    return checked.sort_index()


def _plain_yearly(values: pd.Series, non_negative: bool) -> pd.Series | None:
    """:func:`yearly` at numpy speed for numbers on whole-number years (as the models pass them), when every
    check passes; ``None`` (check cell by cell, for the message) for anything else."""
    index = values.index
    if not (_plain_numeric(values) and isinstance(index.dtype, np.dtype) and index.dtype.kind in "iu"
            and 0 < len(values) <= MAX_COUNT):
        return None
    years, x = index.to_numpy(), values.to_numpy(dtype=float)
    keep = ~np.isnan(x)
    kept = x[keep]
    if (not len(kept) or not (np.abs(kept) <= MAX_MAGNITUDE).all() or (non_negative and (kept < 0).any())
            or years.min() < YEAR_MIN or years.max() > YEAR_MAX or index.has_duplicates):
        return None
    years = years[keep].astype(np.int64)
    order = np.argsort(years, kind="stable")
    return pd.Series(kept[order], index=pd.Index(years[order], name=index.name), name=values.name)


def instance(value, kind: type, name: str, what: str):
    """Return ``value`` if it is a ``kind`` (e.g. a lesson's result object), else raise :class:`WrongType`.

    A number of the right kind that is NaN or infinite is refused with a ``ValueError``.
    """
    if not isinstance(value, kind):
        raise WrongType(f"{name} måste vara {what} ({kind.__name__}), fick {show(value)} ({_type_name(value)}).")
    if is_real(value):
        try:
            finite = math.isfinite(float(value))
        except OverflowError:
            finite = False
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


def table_in_place(frame, columns: Mapping[str, str], name: str, *, label=None, allow_empty: bool = False,
                   optional: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Check a table exactly as :func:`table` does, but return ``frame`` itself (no typed copy).

    For the hot path of a live explorer: a column of numpy numbers is checked as a whole (the rules of
    :func:`_numeric_column`), a required text column by type; anything else (object or nullable
    columns, optional text columns) and any column that breaks its kind goes through :func:`table`,
    which raises its message naming the row and the column.
    """
    table_with_columns(frame, list(columns), name)
    fast = (allow_empty or len(frame) > 0) and len(frame) <= MAX_COUNT * 10
    spec = dict(columns)
    spec.update({c: k for c, k in (optional or {}).items() if c in frame.columns})
    for column, kind in spec.items():
        if not fast:
            break
        if kind == "any":
            continue
        values = frame[column]
        if kind == "text":
            fast = column in columns and all(isinstance(x, str) for x in values.to_numpy(dtype=object))
        else:
            fast = _plain_numeric(values) and not _numeric_column(values, kind, optional=column not in columns)[1].any()
    if not fast:
        table(frame, columns, name, label=label, allow_empty=allow_empty, optional=optional)
    return frame
