"""Argument checks with Swedish messages, shared by every chapter: import them from here.

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

The checks live in two modules: single values in :mod:`models.common.value_checks`, tables and
yearly series in :mod:`models.common.table_checks`.
"""

from __future__ import annotations

from models.common.table_checks import KINDS, series, table, table_in_place, table_with_columns, yearly
from models.common.value_checks import (
    MAX_COUNT,
    MAX_MAGNITUDE,
    YEAR_MAX,
    YEAR_MIN,
    WrongType,
    choice,
    count,
    finite_result,
    flag,
    fraction,
    instance,
    integer,
    is_real,
    keys,
    non_negative,
    number,
    number_in_range,
    number_list,
    open_unit_rate,
    option,
    positive,
    rate,
    show,
    text,
    year,
)

__all__ = ["KINDS", "MAX_COUNT", "MAX_MAGNITUDE", "YEAR_MAX", "YEAR_MIN", "WrongType", "choice", "count",
           "finite_result", "flag", "fraction", "instance", "integer", "is_real", "keys", "non_negative", "number",
           "number_in_range", "number_list", "open_unit_rate", "option", "positive", "rate", "series", "show",
           "table", "table_in_place", "table_with_columns", "text", "year", "yearly"]
