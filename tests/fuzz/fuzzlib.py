"""The fuzz harness: bad-value strategies, the rule every public function must follow, and :class:`Spec`.

The rule (CONTRIBUTING.md, issue 14): a call with bad input either raises our own ``ValueError``
(``TypeError`` for a wrong type) with a Swedish message, raised from code in ``models/``, or returns a
valid result: no NaN, no inf, no negative tonnes, no "nan"/"inf" in a Swedish table, and no file left
half-written. Never an exception from inside a library, never a hang.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import math
import os
import re
import signal
import tempfile
import traceback
from collections.abc import Callable, Mapping
from pathlib import Path

import numpy as np
import pandas as pd
from hypothesis import strategies as st

MODELS = Path(__file__).resolve().parents[2] / "models"
CALL_TIMEOUT_S = 20
#: Bounded but slow calls get a longer hang guard: ``data.validate()`` runs frictionless over every file of
#: the package and, on first use, imports jsonschema (which compiles its IRI grammars): about 4 s on an idle
#: laptop, up to 25 s on a loaded two-core machine. Its result is cached on the data's version.
SLOW_CALLS_S = {"models.data.package.validate": 120}
SWEDISH_WORDS = {"måste", "får", "inte", "ska", "finns", "okänd", "okänt", "ogiltig", "ogiltigt", "giltiga",
                 "giltigt", "mellan", "fick", "saknas", "rad", "kolumn", "filen", "värde", "ange", "välj",
                 "högst", "minst", "eller", "och", "tal", "heltal", "mappen", "saknar"}
ENGLISH = re.compile(
    r"\b(must be|expected|unhashable|not supported|cannot|could not|has no attribute|object is not|"
    r"invalid literal|out of (range|bounds)|unsupported operand|no such file|permission denied|errno|"
    r"is not defined|not enough|too many|division by zero|overflow|truncated|bad magic|traceback|"
    r"not a zip|no columns|keyerror|nonetype' object|argument of type|got an unexpected)\b", re.I)
NAN_TEXT = re.compile(r"(?<![A-Za-zÅÄÖåäö])(nan|NaN|inf|-inf|Infinity|NaT|<NA>)(?![A-Za-zÅÄÖåäö])")


class Hang(Exception):
    """A call ran longer than :data:`CALL_TIMEOUT_S`."""


# ----------------------------------------------------------------------------- bad values
HUGE = 10 ** 400
NONFINITE = [math.nan, math.inf, -math.inf]
ODD_NUMBERS = [*NONFINITE, HUGE, -HUGE, 1e308, -1e308, 1e-17, -1e-17, 0, -1, -0.5, 10 ** 15, -(10 ** 15),
               2 ** 63, 20_000, 2200, 1e6, np.float64("nan"), np.int64(2 ** 62)]
WRONG_TYPES = [None, "12", "1,000", "abc", [1, 2], ["Luleå"], {"a": 1}, (), b"\x00", object(), True, False,
               pd.DataFrame(), pd.Series(dtype=float), dt.date(2024, 1, 1)]
ODD_TEXT = ["", " ", "okänd", "xyz", "Lulea kommun", "=1+1", "a" * 400, "\x00\x07", "NaN", "1.5C", "0",
            "Luleå ", "LULEÅ", "Norrbottens län", "SE", "25", "9999"]

numbers = st.one_of(st.sampled_from(ODD_NUMBERS), st.floats(allow_nan=True, allow_infinity=True),
                    st.integers(min_value=-(10 ** 30), max_value=10 ** 30))
any_bad = st.one_of(st.sampled_from(WRONG_TYPES), st.sampled_from(ODD_NUMBERS), st.sampled_from(ODD_TEXT))
bad_number = st.one_of(numbers, st.sampled_from(WRONG_TYPES))
bad_text = st.one_of(st.sampled_from(ODD_TEXT), st.text(max_size=12), st.sampled_from(WRONG_TYPES),
                     st.sampled_from(ODD_NUMBERS))
bad_bool = st.sampled_from([None, "ja", "nej", 2, -1, math.nan, [True], "False"])
bad_sequence = st.one_of(st.sampled_from([None, "Luleå", "abc", [None], [math.nan], [[1]], {"x": 1}, range(10 ** 12),
                                          [10 ** 400], ["okänd", "okänd"], 7]), st.lists(bad_text, max_size=3))


def bad_paths(folder: Path) -> list:
    """Export targets that must give a Swedish error (or be written whole)."""
    readonly = folder / "skrivskyddad"
    readonly.mkdir(exist_ok=True)
    readonly.chmod(0o555)
    (folder / "en-mapp.xlsx").mkdir(exist_ok=True)
    return [None, 3, ["x.xlsx"], folder / "saknas" / "x.xlsx", readonly / "x.xlsx", folder / "en-mapp.xlsx",
            folder / ("å" * 300 + ".xlsx"), folder / "x.csv", folder / "x", str(folder / "ok.xlsx"), "",
            folder / "nul\x00.xlsx", Path("/proc/stratus.xlsx")]


def damaged_tables(valid: pd.DataFrame) -> st.SearchStrategy:
    """A valid table spoiled one way: a column dropped, NaN/inf/text/negative/huge in a cell, no rows."""
    columns = list(valid.columns)

    def spoil(args):
        how, column, row = args
        table = valid.copy()
        if not columns or table.empty:
            return table
        column = columns[column % len(columns)]
        row = row % len(table)
        if how == "drop":
            return table.drop(columns=[column])
        if how == "empty":
            return table.iloc[0:0]
        if how == "duplicate":
            return pd.concat([table, table.iloc[[row]]])
        value = {"nan": math.nan, "inf": math.inf, "-inf": -math.inf, "text": "mycket", "negative": -1e9,
                 "huge": 1e300, "none": None, "list": [1, 2], "zero": 0}[how]
        table[column] = table[column].astype(object)
        table.iat[row, table.columns.get_loc(column)] = value
        return table

    hows = ["drop", "empty", "duplicate", "nan", "inf", "-inf", "text", "negative", "huge", "none", "list", "zero"]
    return st.tuples(st.sampled_from(hows), st.integers(0, 50), st.integers(0, 10 ** 4)).map(spoil)


def damaged_series(valid: pd.Series) -> st.SearchStrategy:
    def spoil(args):
        how, row = args
        series = valid.copy()
        if series.empty:
            return series
        row = row % len(series)
        if how == "empty":
            return series.iloc[0:0]
        if how == "text_index":
            series.index = [f"år{i}" for i in range(len(series))]
            return series
        if how == "huge_index":
            series.index = [10 ** 15 + i for i in range(len(series))]
            return series
        value = {"nan": math.nan, "inf": math.inf, "text": "mycket", "negative": -1e9, "huge": 1e300}[how]
        series = series.astype(object)
        series.iloc[row] = value
        return series

    return st.tuples(st.sampled_from(["empty", "text_index", "huge_index", "nan", "inf", "text", "negative", "huge"]),
                     st.integers(0, 10 ** 4)).map(spoil)


def damaged_bytes(valid: bytes) -> st.SearchStrategy:
    def spoil(args):
        how, at = args
        if how == "flip" and valid:
            i = len(valid) // 4 + at % max(1, len(valid) // 2)
            return valid[:i] + bytes([valid[i] ^ 0xFF]) + valid[i + 1:]
        if how == "truncate":
            return valid[: max(1, at % max(1, len(valid)))]
        return {"empty": b"", "junk": b"PK\x03\x04" + b"\x00" * 64, "binary": bytes(range(256)) * 4,
                "utf16": "a;b\n1;2\n".encode("utf-16"), "text": b"hej;hopp\n1;2\n"}.get(how, valid)

    return st.tuples(st.sampled_from(["flip", "truncate", "empty", "junk", "binary", "utf16", "text"]),
                     st.integers(0, 10 ** 6)).map(spoil)


def bad_for(valid, name: str, folder: Path) -> st.SearchStrategy:
    """The bad values to try for one argument, chosen by the kind of its valid value."""
    if name in ("path", "target", "folder", "directory"):
        return st.sampled_from(bad_paths(folder))
    if isinstance(valid, bool):
        return st.one_of(bad_bool, st.sampled_from(WRONG_TYPES))
    if isinstance(valid, (int, float, np.integer, np.floating)):
        return bad_number
    if isinstance(valid, str):
        return bad_text
    if isinstance(valid, pd.DataFrame):
        return st.one_of(damaged_tables(valid), st.sampled_from(WRONG_TYPES))
    if isinstance(valid, pd.Series):
        return st.one_of(damaged_series(valid), st.sampled_from(WRONG_TYPES))
    if isinstance(valid, (bytes, bytearray)):
        return st.one_of(damaged_bytes(bytes(valid)), st.sampled_from(WRONG_TYPES))
    if isinstance(valid, tuple) and len(valid) == 2 and isinstance(valid[1], (bytes, bytearray)):
        name_ = valid[0]
        return st.one_of(damaged_bytes(bytes(valid[1])).map(lambda b: (name_, b)),
                         st.sampled_from([(name_, b""), ("x.pdf", b"%PDF"), (3, b"a"), (name_, "text")]),
                         st.sampled_from(WRONG_TYPES))
    if isinstance(valid, (list, tuple, set, frozenset, range)):
        return st.one_of(bad_sequence, st.sampled_from(WRONG_TYPES))
    return any_bad


# ----------------------------------------------------------------------------- specs
@dataclasses.dataclass
class Lazy:
    """A valid argument that is expensive to build: made once, on first use."""

    make: Callable
    _value: object = dataclasses.field(default=None, repr=False)
    _made: bool = False

    def get(self):
        if not self._made:
            self._value, self._made = self.make(), True
        return self._value


@dataclasses.dataclass
class Spec:
    """How to fuzz one public function.

    ``args``: a valid value for each argument that has no default (and any default to override),
    plain or :class:`Lazy`; ``bad``: extra strategies per argument; ``fixed``: arguments that are
    labels from the calling code, not user input, and are never fuzzed; ``allow_nan``: names of
    result columns/keys that may hold NaN (e.g. an optional land area) or ``True`` for any;
    ``tonnes``: result columns that must never be negative; ``check``: an extra invariant
    ``check(result, kwargs)`` for silent coercions; ``examples``: the example budget.
    """

    args: Mapping = dataclasses.field(default_factory=dict)
    bad: Mapping = dataclasses.field(default_factory=dict)
    fixed: tuple = ()
    allow_nan: object = ()
    tonnes: tuple = ()
    check: Callable | None = None
    examples: int = 25
    writes: bool = False


def S(**args) -> Spec:
    """Shorthand: a spec with valid arguments; options go in ``_bad``, ``_fixed`` … keywords."""
    options = {k[1:]: args.pop(k) for k in list(args) if k.startswith("_")}
    return Spec(args=args, **options)


def resolve(value):
    return value.get() if isinstance(value, Lazy) else value


# ----------------------------------------------------------------------------- the rule
def swedish(message: str) -> bool:
    words = set(re.findall(r"[a-zåäöé]+", message.casefold()))
    return bool(re.search(r"[åäöÅÄÖ]", message) or words & SWEDISH_WORDS)


def raised_in_models(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and Path(frames[-1].filename).resolve().is_relative_to(MODELS)


def check_error(error: BaseException, where: str) -> None:
    if isinstance(error, Hang):
        raise AssertionError(f"{where}: hängde i mer än {CALL_TIMEOUT_S} s") from error
    if not isinstance(error, (ValueError, TypeError)) or isinstance(error, (UnicodeError, AssertionError)):
        raise AssertionError(f"{where}: främmande undantag {type(error).__name__}: {error}") from error
    message = str(error)
    if not swedish(message) or ENGLISH.search(message):
        raise AssertionError(f"{where}: meddelandet är inte svenska: {message!r}") from error
    if not raised_in_models(error):
        frame = traceback.extract_tb(error.__traceback__)[-1]
        raise AssertionError(f"{where}: {type(error).__name__} från {frame.filename}:{frame.lineno} "
                             f"(inte från models/): {message}") from error


def _bad_float(x) -> bool:
    try:
        return not math.isfinite(float(x))
    except (TypeError, ValueError, OverflowError):
        return False


def check_result(result, spec: Spec, where: str, path: str = "resultat", depth: int = 0) -> None:
    """No NaN/inf, no negative tonnes, no "nan"/"inf" text anywhere in the result."""
    if depth > 4 or result is None:
        return
    allow = spec.allow_nan

    def allowed(key) -> bool:
        return allow is True or str(key) in allow

    if isinstance(result, pd.DataFrame):
        for column in result.columns:
            check_result(result[column], spec, where, f"{path}[{column!r}]", depth + 1)
        return
    if isinstance(result, pd.Series):
        key = path.rsplit("[", 1)[-1].strip("]'\"") if "[" in path else result.name
        if pd.api.types.is_numeric_dtype(result.dtype) and not pd.api.types.is_bool_dtype(result.dtype):
            values = result.to_numpy(dtype=float, na_value=np.nan)
            if not allowed(key) and not allowed(result.name) and not np.isfinite(values).all():
                raise AssertionError(f"{where}: {path} innehåller NaN/inf: {result[~np.isfinite(values)].head(3).to_dict()}")
            if (str(key) in spec.tonnes or str(result.name) in spec.tonnes) and (values[np.isfinite(values)] < -1e-9).any():
                raise AssertionError(f"{where}: {path} har negativa ton: {values.min()}")
        elif result.dtype == object or pd.api.types.is_string_dtype(result.dtype):
            for value in result.head(200):
                if isinstance(value, str):
                    if NAN_TEXT.search(value) and not allowed(key):
                        raise AssertionError(f"{where}: {path} visar {value!r}")
                elif isinstance(value, (float, np.floating)) and not allowed(key) and not allowed(result.name):
                    if not math.isfinite(value):
                        raise AssertionError(f"{where}: {path} innehåller {value}")
        return
    if isinstance(result, (float, np.floating)):
        if not math.isfinite(result) and not allowed(path):
            raise AssertionError(f"{where}: {path} = {result}")
        return
    if isinstance(result, str):
        if NAN_TEXT.search(result) and not allowed(path):
            raise AssertionError(f"{where}: {path} visar {result[:200]!r}")
        return
    if isinstance(result, Mapping):
        for key, value in list(result.items())[:200]:
            check_result(value, spec, where, str(key), depth + 1)
        return
    if isinstance(result, (list, tuple)):
        for i, value in enumerate(result[:200]):
            check_result(value, spec, where, f"{path}[{i}]", depth + 1)
        return
    if dataclasses.is_dataclass(result) and not isinstance(result, type):
        for field in dataclasses.fields(result):
            check_result(getattr(result, field.name), spec, where, field.name, depth + 1)


def call(function, kwargs: dict):
    """Call with a hang guard (SIGALRM, main thread only)."""
    def alarm(signum, frame):
        raise Hang()

    previous = signal.signal(signal.SIGALRM, alarm)
    signal.alarm(SLOW_CALLS_S.get(f"{getattr(function, '__module__', '')}.{getattr(function, '__name__', '')}",
                                  CALL_TIMEOUT_S))
    try:
        return function(**kwargs)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def snapshot(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*") if os.access(p.parent, os.R_OK | os.X_OK)}


def new_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="stratus-fuzz-"))


def show(value, width: int = 80) -> str:
    try:
        text = repr(value)
    except Exception:  # noqa: BLE001
        text = f"<{type(value).__name__}>"
    return text if len(text) <= width else text[:width] + "…"


def check_written(folder: Path, before: set[str], where: str) -> None:
    """Every new file is a whole workbook (opens with openpyxl); no temporary file is left."""
    import zipfile
    for name in sorted(fuzzlib_new(folder, before)):
        path = folder / name
        if path.is_file():
            assert not path.name.startswith(".stratus-"), f"{where}: temporär fil kvar: {name}"
            if path.suffix == ".xlsx":
                assert zipfile.is_zipfile(path), f"{where}: {name} är inte en hel arbetsbok"


def fuzzlib_new(folder: Path, before: set[str]) -> set[str]:
    return snapshot(folder) - before
