"""Tables built from a user-file :class:`~models.data.upload.Schema`: the Excel template's two sheets
(:func:`template_table`, :func:`instructions`) and the check of a typed table handed back by a caller
(:func:`check_typed`).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from models.common import checks
from models.common.formatting import fmt_plain
from models.data.cells import listing, parse_number
from models.data.upload import Schema


_TABLE_KINDS = {"text": "text", "choice": "text", "number": "number", "non_negative": "non_negative",
                "positive": "positive", "integer": "integer", "year": "year"}


def check_typed(table, schema: Schema, name: str, label: str | None = None) -> pd.DataFrame:
    """A table as :func:`read_table` returns it, checked again (for functions that take one from a caller).

    Every required column of ``schema`` is there, every cell of its kind (a choice among the stored
    values, a boolean True/False) and within the column's limits. Returns ``table``; raises a Swedish
    ``ValueError`` (``TypeError`` for a value that is not a table) naming the row (by ``label``) and column.
    """
    if not isinstance(schema, Schema):
        raise checks.WrongType(f"schema måste vara en upload.Schema, fick {checks.show(schema)}.")
    what = f"{checks.text(name, 'name', 'argumentets namn')} ({schema.what})"
    required = {c.key: _TABLE_KINDS.get(c.kind, "any") for c in schema.columns if c.required}
    optional = {c.key: _TABLE_KINDS.get(c.kind, "any") for c in schema.columns if not c.required}
    label = label if isinstance(table, pd.DataFrame) and label in table.columns else None
    checks.table(table, required, what, label=label, optional=optional)
    if len(table) > schema.max_rows:
        raise ValueError(f"{what} har {len(table)} rader; högst {schema.max_rows}.")
    for column in schema.columns:
        if column.key not in table.columns:
            continue
        values = table[column.key]
        present = ~values.isna().to_numpy(dtype=bool) if not column.required else np.ones(len(values), bool)
        if column.kind == "choice":
            valid = list(dict.fromkeys((column.choices or {}).values()))
            bad = [v for v, p in zip(values, present) if p and not (isinstance(v, str) and v in valid)]
            if bad:
                raise ValueError(f"{what}: kolumnen {column.key} har det okända värdet {checks.show(bad[0])}. "
                                 f"Giltiga: {listing(valid)}.")
        elif column.kind == "boolean":
            bad = [v for v in values if not isinstance(v, (bool, np.bool_))]
            if bad:
                raise ValueError(f"{what}: kolumnen {column.key} måste vara sant eller falskt (True/False), "
                                 f"fick {checks.show(bad[0])}.")
        elif column.kind == "datetime":
            bad = [v for v, p in zip(values, present) if p and not (isinstance(v, (pd.Timestamp, dt.datetime))
                                                                 and not pd.isna(v))]
            if bad:
                raise ValueError(f"{what}: kolumnen {column.key} måste vara tidpunkter, fick {checks.show(bad[0])}.")
        elif column.kind in _TABLE_KINDS and column.kind not in ("text", "choice"):
            x = pd.to_numeric(values, errors="coerce").to_numpy(dtype=float, na_value=np.nan)
            low = -np.inf if column.minimum is None else column.minimum
            high = np.inf if column.maximum is None else column.maximum
            bad = ~np.isnan(x) & ((x < low) | (x > high))
            if bad.any():
                span = " och ".join(fmt_plain(v) for v in (column.minimum, column.maximum) if v is not None)
                word = "mellan" if column.minimum is not None and column.maximum is not None else (
                    "minst" if column.minimum is not None else "högst")
                raise ValueError(f"{what}: kolumnen {column.key} måste vara {word} {span}, "
                                 f"fick {checks.show(values[bad].iloc[0])}.")
    return table



def template_table(schema: Schema, rows: list[list[str]]) -> pd.DataFrame:
    """A template's text rows as a table with numbers as numbers (for writing the Excel twin)."""
    if not isinstance(schema, Schema):
        raise checks.WrongType(f"schema måste vara en upload.Schema, fick {checks.show(schema)}.")
    if (not isinstance(rows, (list, tuple)) or not rows
            or not all(isinstance(r, (list, tuple)) and all(isinstance(c, str) for c in r) for r in rows)):
        raise checks.WrongType(f"rows måste vara mallens rader som listor med text, fick {checks.show(rows)}.")
    header, body = rows[0], [r for r in rows[1:] if any(cell.strip() for cell in r)]
    kinds = {c.header: c.kind for c in schema.columns}
    table = pd.DataFrame(body, columns=header).astype(object)
    for column in header:
        kind = kinds.get(column)
        if kind in ("number", "non_negative", "positive", "integer", "year"):
            values = [parse_number(cell) if cell.strip() else None for cell in table[column]]
            table[column] = [None if x is None else (int(x) if kind in ("integer", "year") else x) for x in values]
    return table


def instructions(schema: Schema) -> pd.DataFrame:
    """The "Instruktioner" sheet of a template: each header and what to write in it."""
    if not isinstance(schema, Schema):
        raise checks.WrongType(f"schema måste vara en upload.Schema, fick {checks.show(schema)}.")
    return pd.DataFrame({"Kolumn": list(schema.headers), "Vad du skriver": [c.help for c in schema.columns]})
