"""Checks of tables and yearly series with Swedish messages: columns, column kinds, cells, years.

Part of :mod:`models.common.checks` (import the checks from there). A table or series is checked
column by column and, where a column is not plain numbers, cell by cell, so a message names the
row or year and the column; text or missing values are never dropped silently.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

import numpy as np
import pandas as pd

from models.common.value_checks import (MAX_COUNT, MAX_MAGNITUDE, YEAR_MAX, YEAR_MIN, WrongType, _type_name, is_real,
                                        non_negative, number, show)

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
