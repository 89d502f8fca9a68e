"""Excel export for results a learner carries into budget documents.

One function, :func:`write_xlsx`: several tables in one workbook, a Swedish header row, units
in the column names, a source note under each table, and an atomic write (a temporary file
renamed into place), so a failure never leaves a half-written file behind.
"""
from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

MAX_SHEET_NAME = 31  # Excel's limit
FORBIDDEN_IN_SHEET_NAME = set("[]:*?/\\")


def write_xlsx(path, sheets: Mapping[str, pd.DataFrame], *, notes: Mapping[str, str] | None = None,
               index: bool = False) -> Path:
    """Write ``sheets`` (sheet name -> table) to an .xlsx file and return its path.

    Parameters
    ----------
    path : str or Path
        Target file; must end in ``.xlsx``. Its folder must exist.
    sheets : mapping of str to DataFrame
        One worksheet per entry, in order. Column names become the header row: give them
        in Swedish with units, e.g. ``"Utsläpp (ton CO₂e)"``.
    notes : mapping of str to str, optional
        A line of text (source, assumptions) written two rows under the table on that sheet.
    index : bool
        Also write the DataFrame index as the first column.

    Raises
    ------
    ValueError
        In Swedish, for a wrong file suffix, a missing folder, no sheets, or a bad sheet name.
    """
    target = Path(path)
    if target.suffix.lower() != ".xlsx":
        raise ValueError(f'Filnamnet måste sluta på ".xlsx", fick "{target.name}".')
    if not target.parent.is_dir():
        raise ValueError(f'Mappen "{target.parent}" finns inte.')
    if not sheets:
        raise ValueError("Det finns inga tabeller att spara.")
    for name, table in sheets.items():
        _check_sheet_name(name)
        if not isinstance(table, pd.DataFrame):
            raise ValueError(f'Bladet "{name}" måste vara en tabell (pandas.DataFrame), fick {type(table).__name__}.')
    notes = dict(notes or {})
    buffer = io.BytesIO()  # build the whole workbook in memory first
    writer = pd.ExcelWriter(buffer, engine="openpyxl")
    for name, table in sheets.items():
        table.to_excel(writer, sheet_name=name, index=index)
        sheet = writer.sheets[name]
        _fit_columns(sheet)
        sheet.freeze_panes = "A2"
        if name in notes:
            sheet.cell(row=len(table) + 3, column=1, value=notes[name])
    writer.close()
    handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=target.parent, prefix=".stratus-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(buffer.getvalue())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return target


def _check_sheet_name(name: str) -> None:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"Bladnamnet måste vara en icke-tom text, fick {name!r}.")
    bad = FORBIDDEN_IN_SHEET_NAME & set(name)
    if bad or len(name) > MAX_SHEET_NAME:
        raise ValueError(
            f'Ogiltigt bladnamn "{name}": högst {MAX_SHEET_NAME} tecken och inga av tecknen '
            f'{" ".join(sorted(FORBIDDEN_IN_SHEET_NAME))}.'
        )


def _fit_columns(sheet) -> None:
    """Widen each column to its longest value (capped), so headers are readable when opened."""
    for column in sheet.columns:
        width = max(len(str(cell.value)) if cell.value is not None else 0 for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 60)
