"""Controls and expressions for the static-site charts (see :mod:`models.common.vega`).

The Vega-Lite params a chart binds to its controls (the kommun drop-down, selects, radio
buttons, sliders), the Vega expressions that filter the inline data and look numbers up
for the current controls, and the :class:`Key` numbers shown next to a chart. Lessons use
them through :mod:`models.common.vega`, which re-exports every public name.
"""
from __future__ import annotations

import json
import math
import numbers
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from models.common import checks

KOMMUN_PARAM = "kommun"
MAX_ROWS = 5000
"""Most data rows one chart may carry inline (all datasets together)."""

# A param of ours carries its display format here until chart() moves it into usermeta.
_FORMAT = "stratus_format"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
# Words a Vega expression cannot use as a param name (JavaScript keywords and the names
# Vega itself gives signals and data).
RESERVED = frozenset("""
break case catch class const continue debugger default delete do else enum export extends
false finally for function if import in instanceof let new null return super switch this
throw true try typeof var void while with yield await datum event item parent width height
padding autosize background cursor unit""".split())


def _name(value, what: str) -> str:
    if not isinstance(value, str) or not _NAME.match(value):
        raise ValueError(f"{what} måste bestå av små bokstäver a–z, siffror och _ "
                         f"och börja med en bokstav, fick {value!r}.")
    if value in RESERVED:
        raise ValueError(f"{what} får inte vara {value!r}: ordet är reserverat i Vegas uttryck.")
    return value


def _d3_format(value, what: str) -> str:
    if not isinstance(value, str) or not value or "'" in value or "\\" in value:
        raise ValueError(f"Formatet för {what} måste vara en d3-format-text (t.ex. \",.1f\" eller \".0%\"), "
                         f"fick {value!r}.")
    return value


def _sequence(value, what: str, limit: int = MAX_ROWS) -> list:
    """``value`` as a list: a list, tuple or other sequence (never a text, a mapping or a table)."""
    if isinstance(value, (str, bytes, Mapping, pd.DataFrame)) or not isinstance(value, (Sequence, pd.Series, pd.Index)):
        raise checks.WrongType(f"{what} måste vara en lista, fick {checks.show(value)}.")
    if len(value) > limit:
        raise ValueError(f"{what}: för många värden ({len(value)}); högst {limit}.")
    return list(value)


def _text(value, what: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValueError(f"{what} måste vara en text som inte är tom, fick {value!r}.")
    return value.strip()


def js_key(value) -> str:
    """``String(value)`` as JavaScript writes it (``2024.0`` -> ``"2024"``, ``True`` -> ``"true"``).

    The lookup tables of :func:`lookup` are keyed this way, so a param value from a select
    or a slider finds its row."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        value = float(value)
        if not math.isfinite(value):
            raise ValueError(f"Ett nyckelvärde måste vara ett ändligt tal, fick {value!r}.")
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, str):
        return value
    raise TypeError(f"Ett nyckelvärde måste vara text, tal eller sant/falskt, fick {type(value).__name__}.")


def _json_value(value):
    """A plain JSON value (None for NaN/None/inf; numpy scalars as Python numbers)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        value = float(value)
        return value if math.isfinite(value) else None
    if isinstance(value, str):
        return value
    if hasattr(value, "item"):  # numpy scalar of another kind
        return _json_value(value.item())
    raise TypeError(f"Kan inte lägga in ett värde av typen {type(value).__name__} i diagrammet.")


# --- parameters (controls) -----------------------------------------------------------


def select_param(name: str, options: Sequence, value, label: str, labels: Sequence[str] | None = None) -> dict:
    """A Vega-Lite param bound to a drop-down list.

    ``options`` are the values the chart and :func:`lookup` see; ``labels`` (Swedish, same
    length) what the reader sees. ``value`` must be one of ``options``."""
    _name(name, "Parameterns namn")
    options = [_json_value(o) for o in _sequence(options, f"Valen för {name}")]
    if not options:
        raise ValueError(f"Listan för {name} måste ha minst ett val.")
    if any(o is None for o in options):
        raise ValueError(f"Valen för {name} får inte vara tomma eller odefinierade tal, fick {options}.")
    if len(set(map(js_key, options))) < len(options):
        raise ValueError(f"Valen för {name} förekommer flera gånger: {options}.")
    if _json_value(value) not in options:
        raise ValueError(f"Startvärdet {value!r} för {name} finns inte bland valen {options}.")
    bind = {"input": "select", "options": options, "name": _text(label, "Etiketten")}
    if labels is not None:
        labels = [_text(x, "Etiketten för ett val") for x in _sequence(labels, f"Etiketterna för {name}")]
        if len(labels) != len(options):
            raise ValueError(f"{name}: {len(labels)} etiketter för {len(options)} val.")
        bind["labels"] = labels
    return {"name": name, "value": _json_value(value), "bind": bind}


def radio_param(name: str, options: Sequence, value, label: str, labels: Sequence[str] | None = None) -> dict:
    """Like :func:`select_param`, drawn as radio buttons (for two to four choices)."""
    param = select_param(name, options, value, label, labels)
    param["bind"]["input"] = "radio"
    return param


def range_param(name: str, minimum: float, maximum: float, step: float, value: float, label: str,
                format: str | None = None) -> dict:
    """A Vega-Lite param bound to a slider from ``minimum`` to ``maximum`` in ``step``s.

    ``format`` (d3-format, e.g. ``".1%"`` for a rate given as a fraction, ``",.0f"``) makes
    the site show the slider's value in Swedish next to it; without it the browser shows
    the raw number (``0.05``)."""
    _name(name, "Parameterns namn")
    low, high, step_, start = (_json_value(x) for x in (minimum, maximum, step, value))
    if any(not isinstance(x, (int, float)) or isinstance(x, bool) or x is None for x in (low, high, step_, start)):
        raise ValueError(f"{name}: min, max, steg och startvärde måste vara ändliga tal.")
    if not (low < high and step_ > 0 and low <= start <= high):
        raise ValueError(f"{name}: kräver min < max, steg > 0 och min ≤ startvärde ≤ max "
                         f"(fick {low}, {high}, {step_}, {start}).")
    param = {"name": name, "value": start,
             "bind": {"input": "range", "min": low, "max": high, "step": step_,
                      "name": _text(label, "Etiketten")}}
    if format is not None:
        param[_FORMAT] = _d3_format(format, name)
    return param


def kommun_param(kommuner: Sequence[str], value: str, label: str = "Kommun") -> dict:
    """The kommun drop-down (param ``"kommun"``): remembered across pages by the site script."""
    kommuner = [_text(k, "Kommunens namn") for k in _sequence(kommuner, "kommuner")]
    return select_param(KOMMUN_PARAM, kommuner, value, label)


# --- expressions -----------------------------------------------------------------------


def match(*params: str, field_names: Mapping[str, str] | None = None) -> str:
    """Filter expression keeping the rows whose columns equal the current param values:
    ``match("kommun", "metod")`` -> ``"datum['kommun'] == kommun && datum['metod'] == metod"``.

    ``field_names`` maps a param to its column when they differ."""
    if not params:
        raise ValueError("match behöver minst en parameter.")
    field_names = dict(field_names or {})
    parts = []
    for param in params:
        _name(param, "Parameterns namn")
        column = field_names.get(param, param)
        parts.append(f"datum[{json.dumps(column)}] == {param}")
    return " && ".join(parts)


def lookup(table, by: Sequence[str], value: str) -> str:
    """A Vega expression that looks up column ``value`` of ``table`` (a DataFrame) for the
    current values of the params ``by`` (the table's columns of the same names).

    The rows become an object literal keyed by the params' values joined with ``"|"``
    (``{"Luleå|2024": 1234.5, …}[kommun + "|" + start_year]``), so the browser finds the
    number without a dataset. NaN becomes ``null`` (the key shows its ``missing`` text);
    each combination of ``by`` must occur once."""
    by = [_name(b, "Parameterns namn") for b in by]
    if not by:
        raise ValueError("lookup behöver minst en parameter att slå upp med.")
    missing = [c for c in (*by, value) if c not in getattr(table, "columns", ())]  # noqa: B007
    if missing:
        raise ValueError(f"Tabellen saknar kolumnerna {missing}.")
    entries: dict[str, object] = {}
    for row in table[[*by, value]].itertuples(index=False, name=None):
        parts = [js_key(v) for v in row[:-1]]
        if any("|" in p for p in parts):
            raise ValueError(f"Ett nyckelvärde får inte innehålla |, fick {parts}.")
        key = "|".join(parts)
        if key in entries:
            raise ValueError(f"Kombinationen {key!r} finns flera gånger i tabellen.")
        value = row[-1]
        entries[key] = value if isinstance(value, list) else _json_value(value)
    if len(entries) > MAX_ROWS:
        raise ValueError(f"Uppslagstabellen har {len(entries)} rader, högst {MAX_ROWS} får bäddas in.")
    literal = _safe_json(entries)
    joined = ' + "|" + '.join(by)
    return f"({literal})[{joined}]"


def mapping(values: Mapping, key: str) -> str:
    """A Vega expression mapping ``key`` (an expression, e.g. ``"datum.serie"``) through a
    small dict: ``mapping({"a": "Utfall"}, "datum.serie")`` -> ``({"a":"Utfall"})[datum.serie]``.

    For Swedish labels of coded values inside ``calculate`` transforms and titles."""
    if not isinstance(values, Mapping) or not values:
        raise ValueError("mapping behöver en ordlista med minst ett värde.")
    literal = _safe_json({js_key(k): _json_value(v) for k, v in values.items()})
    return f"({literal})[{_text(key, 'Uttrycket')}]"


def lookup_param(name: str, table, by: Sequence[str], columns: Sequence[str]) -> tuple[dict, dict[str, str]]:
    """Several columns looked up at once: ``(param, {column: expression})``.

    The param (add it to the spec's params) holds the current row of ``columns`` as an
    array, looked up like :func:`lookup` by the params ``by``; each expression
    (``"name[0]"`` …) picks one column for a :class:`Key`. One table for all the keys keeps
    the page small when they share a large grid."""
    _name(name, "Parameterns namn")
    if not isinstance(table, pd.DataFrame):
        raise checks.WrongType(f"Tabellen för {name} måste vara en pandas.DataFrame, fick {checks.show(table)}.")
    by = [_name(b, "Parameterns namn") for b in _sequence(by, "by (parametrarna att slå upp med)")]
    columns = _sequence(columns, "columns (kolumnerna att slå upp)")
    if not columns:
        raise ValueError("lookup_param behöver minst en kolumn att slå upp.")
    missing = [c for c in [*by, *columns] if not _hashable_column(c, table)]
    if missing:
        raise ValueError(f"Tabellen saknar kolumnerna {missing}.")
    packed = table[list(by)].copy()
    packed["__row"] = [[_json_value(v) for v in row] for row in table[columns].itertuples(index=False, name=None)]
    param = {"name": name, "expr": lookup(packed, by, "__row")}
    return param, {column: f"({name} ? {name}[{i}] : null)" for i, column in enumerate(columns)}


def _hashable_column(column, table: pd.DataFrame) -> bool:
    try:
        return column in table.columns
    except TypeError:  # an unhashable column name
        return False


@dataclass(frozen=True)
class Key:
    """One key number shown next to the chart, following the controls.

    name
        Short id (``a-z0-9_``); the page shows it as ``<dd data-key="name">`` and the
        spec carries it as the params ``key_<name>`` (number) and ``key_<name>_text``.
    label
        Swedish label, e.g. ``"Nödvändig minskning per år"``.
    expr
        Vega expression for the number over the chart's params (:func:`lookup` for a grid
        value, or a formula).
    format
        d3-format string: ``",.0f"`` (1 234), ``",.1f"`` (1 234,5), ``".1%"`` (4,5 %; the
        number is a fraction), ``"+,.0f"`` (signed). ``None`` for a text key (``expr``
        gives a string, e.g. a sector's name from :func:`lookup`).
    unit
        Written after the number with a no-break space (``"ton CO₂e"``, ``"kr"``, ``"år"``).
    missing
        Text shown when the number is missing (``null``/NaN), e.g. ``"ingen data"``.
    """

    name: str
    label: str
    expr: str
    format: str | None = ",.0f"
    unit: str = ""
    missing: str = "–"

    def __post_init__(self):
        _name(self.name, "Nyckeltalets namn")
        _text(self.label, "Nyckeltalets etikett")
        _text(self.expr, "Nyckeltalets uttryck")
        if self.format is not None:
            _d3_format(self.format, self.name)

    @property
    def signal(self) -> str:
        return f"key_{self.name}"

    def params(self) -> list[dict]:
        raw = self.signal
        if self.format is None:
            text = f"isValid({raw}) && {raw} !== '' ? '' + {raw} : null"
        else:
            text = f"isValid({raw}) && isFinite({raw}) ? format({raw}, '{self.format}') : null"
        return [{"name": raw, "expr": self.expr}, {"name": f"{raw}_text", "expr": text}]


def _safe_json(value) -> str:
    """JSON that is safe inside HTML (a <script> element or an attribute)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))
