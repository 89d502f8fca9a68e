"""Excel export for results a learner carries into budget documents.

One function, :func:`write_xlsx`: several tables in one workbook, a Swedish header row, units
in the column names, a source note under each table, and an atomic write (a temporary file
renamed into place), so a failure never leaves a half-written file behind.

What goes in is made safe for Excel: text that starts like a formula (``=``, ``+``, ``-``, ``@``)
is written as text, never as a live formula (formula injection), and control characters that the
file format cannot hold are replaced by a space. What goes wrong on disk (a read-only or missing
folder, a full disk, a folder where the file should be, a name that is too long) comes back as a
Swedish ``ValueError`` naming the file.
"""
from __future__ import annotations

import errno
import io
import os
import re
import tempfile
from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from models.common.checks import WrongType, flag, show

MAX_SHEET_NAME = 31  # Excel's limit
FORBIDDEN_IN_SHEET_NAME = set("[]:*?/\\")
MAX_FILE_NAME_BYTES = 255  # most file systems
MAX_CELL_TEXT = 32_767  # characters in one Excel cell
EXCEL_TZ = "Europe/Stockholm"  # Excel has no time zones: times are written as Swedish wall-clock time
FORMULA_START = ("=", "+", "-", "@")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OS_MESSAGES = {
    errno.EACCES: "du saknar skrivrätt till mappen (eller filen är öppen i ett annat program)",
    errno.EPERM: "du saknar skrivrätt till mappen",
    errno.EROFS: "mappen är skrivskyddad",
    errno.ENOSPC: "disken är full",
    errno.EDQUOT: "diskutrymmet (kvoten) är slut",
    errno.EISDIR: "det finns redan en mapp med det namnet",
    errno.ENAMETOOLONG: "namnet är för långt",
    errno.ENOENT: "mappen finns inte",
    errno.ENOTDIR: "en del av sökvägen är inte en mapp",
    errno.EBUSY: "filen används av ett annat program",
}


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
        In Swedish, for a wrong file suffix, a missing or read-only folder, a folder as target,
        a name that is too long, a full disk, no sheets, or a bad or repeated sheet name
        (Excel compares sheet names without regard to case).
    TypeError
        ``path`` is not a path (:class:`~models.common.checks.WrongType`, also a ``ValueError``).
    """
    target = _target(path)
    if not isinstance(sheets, Mapping) or not sheets:
        if not isinstance(sheets, Mapping):
            raise WrongType(f"Tabellerna ska ges som bladnamn -> tabell (en ordlista), fick {show(sheets)}.")
        raise ValueError("Det finns inga tabeller att spara.")
    seen: dict[str, str] = {}
    for name, table in sheets.items():
        _check_sheet_name(name)
        if name.casefold() in seen:
            raise ValueError(f'Bladnamnen "{seen[name.casefold()]}" och "{name}" är samma för Excel (som inte '
                             "skiljer på stora och små bokstäver). Ge bladen olika namn.")
        seen[name.casefold()] = name
        if not isinstance(table, pd.DataFrame):
            raise ValueError(f'Bladet "{name}" måste vara en tabell (pandas.DataFrame), fick {type(table).__name__}.')
    if notes is not None and not isinstance(notes, Mapping):
        raise WrongType(f"Anteckningarna ska ges som bladnamn -> text, fick {show(notes)}.")
    index = flag(index, "index", "skriv tabellens index som första kolumn")
    notes = {k: v for k, v in (notes or {}).items() if k in sheets}
    for name, note in notes.items():
        if not isinstance(note, str) or len(note) > MAX_CELL_TEXT:
            raise ValueError(f'Anteckningen till bladet "{name}" måste vara en text på högst {MAX_CELL_TEXT} tecken, '
                             f"fick {show(note)}.")
    safe = {name: _safe_table(table, name, index) for name, table in sheets.items()}
    buffer = io.BytesIO()  # build the whole workbook in memory first
    writer = pd.ExcelWriter(buffer, engine="openpyxl")
    for name, table in safe.items():
        try:
            table.to_excel(writer, sheet_name=name, index=index, inf_rep="∞")
        except (ValueError, TypeError, OverflowError, NotImplementedError) as error:
            raise ValueError(f'Bladet "{name}" kunde inte skrivas: en cell har ett värde som Excel inte kan lagra '
                             f"({type(error).__name__}). Gör om värdet till text eller tal.") from None
        sheet = writer.sheets[name]
        _as_text(sheet)
        _fit_columns(sheet)
        sheet.freeze_panes = "A2"
        if name in notes:
            cell = sheet.cell(row=len(table) + 3, column=1, value=_safe_text(str(notes[name])))
            _text_cell(cell)
    writer.close()
    _atomic_write(target, buffer.getvalue())
    return target


def _target(path) -> Path:
    if not isinstance(path, (str, os.PathLike)) or isinstance(path, bytes):
        raise WrongType(f"Ange filen som en sökväg (text eller Path), t.ex. \"resultat.xlsx\", fick {show(path)}.")
    text = os.fspath(path)
    if not isinstance(text, str) or not text.strip():
        raise ValueError(f"Ange ett filnamn som slutar på \".xlsx\", fick {show(text)}.")
    if "\x00" in text:
        raise ValueError(f"Filnamnet innehåller ett ogiltigt tecken (nolltecken): {show(text)}.")
    target = Path(text)
    if target.suffix.lower() != ".xlsx":
        raise ValueError(f'Filnamnet måste sluta på ".xlsx", fick "{target.name}".')
    if len(target.name.encode("utf-8")) > MAX_FILE_NAME_BYTES:
        raise ValueError(f"Filnamnet är för långt ({len(target.name)} tecken); korta det till högst "
                         f"{MAX_FILE_NAME_BYTES // 2} tecken: {show(target.name)}.")
    try:
        folder_ok = target.parent.is_dir()
        is_folder = target.is_dir()
    except OSError as error:
        raise ValueError(f'Filen "{target}" kan inte sparas: {os_reason(error)}.') from None
    if not folder_ok:
        raise ValueError(f'Mappen "{target.parent}" finns inte.')
    if is_folder:
        raise ValueError(f'"{target}" är en mapp, inte en fil. Välj ett annat filnamn.')
    return target


def _atomic_write(target: Path, content: bytes) -> None:
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(suffix=".xlsx", dir=target.parent, prefix=".stratus-")
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        os.replace(temporary, target)
    except OSError as error:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise ValueError(f'Filen "{target}" kunde inte sparas: {os_reason(error)}.') from None
    except BaseException:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise


def os_reason(error: OSError) -> str:
    """A Swedish reason for an operating-system error (read-only, disk full …), never the English ``strerror``."""
    if not isinstance(error, OSError):
        raise WrongType(f"error måste vara ett OSError, fick {show(error)}.")
    return _OS_MESSAGES.get(error.errno, f"operativsystemet nekade (felkod {error.errno})")


def _safe_text(value: str) -> str:
    return _CONTROL.sub(" ", value)


def _safe_table(table: pd.DataFrame, name: str, index: bool) -> pd.DataFrame:
    """The table as Excel can hold it: control characters replaced in text cells, headers and the index,
    time zones dropped (wall-clock time in Europe/Stockholm), integers beyond Excel's numbers as text.
    Text longer than Excel's cell limit, or a two-level header without the index, raise a Swedish error."""
    if isinstance(table.columns, pd.MultiIndex) and not index:
        raise ValueError(f'Bladet "{name}" har rubriker i flera nivåer; Excel-exporten behöver en rubrikrad '
                         "(eller index=True).")
    table = _excel_values(table, name)

    def dirty(values) -> bool:
        return any(isinstance(x, str) and _CONTROL.search(x) for x in values)

    text_columns = [i for i in range(table.shape[1]) if table.iloc[:, i].dtype == object
                    or pd.api.types.is_string_dtype(table.iloc[:, i].dtype)]
    if not (any(dirty(table.iloc[:, i]) for i in text_columns) or dirty(table.columns) or dirty(table.index)):
        return table
    out = table.copy()
    for i in text_columns:
        out.isetitem(i, out.iloc[:, i].map(lambda x: _safe_text(x) if isinstance(x, str) else x))
    out.columns = [_safe_text(c) if isinstance(c, str) else c for c in out.columns]
    out.index = [_safe_text(x) if isinstance(x, str) else x for x in out.index]
    return out


def _excel_values(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Time zones and out-of-range integers made writable; over-long text refused (a copy only if needed)."""
    out = table
    for i in range(table.shape[1]):
        column = table.iloc[:, i]
        if isinstance(column.dtype, pd.DatetimeTZDtype):
            out = out.copy() if out is table else out
            out.isetitem(i, column.dt.tz_convert(EXCEL_TZ).dt.tz_localize(None))
        elif column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            values = column.to_numpy(dtype=object)
            long = [x for x in values if isinstance(x, str) and len(x) > MAX_CELL_TEXT]
            if long:
                raise ValueError(f'Bladet "{name}", kolumnen {show(str(table.columns[i]))}: en text har {len(long[0])} '
                                 f"tecken; en Excel-cell rymmer högst {MAX_CELL_TEXT}.")
            if any(_awkward(x) for x in values):
                out = out.copy() if out is table else out
                out.isetitem(i, column.map(_writable))
    if isinstance(table.index, pd.DatetimeIndex) and table.index.tz is not None:
        out = out.copy() if out is table else out
        out.index = table.index.tz_convert(EXCEL_TZ).tz_localize(None)
    return out


def _awkward(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2 ** 53) or (
        isinstance(value, pd.Timestamp) and value.tz is not None)


def _writable(value):
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 2 ** 53:
        return str(value)  # beyond Excel's exact numbers: kept whole, as text
    if isinstance(value, pd.Timestamp) and value.tz is not None:
        return value.tz_convert(EXCEL_TZ).tz_localize(None)
    return value


def _text_cell(cell) -> None:
    value = cell.value
    if isinstance(value, str) and value.startswith(FORMULA_START):
        cell.data_type = "s"      # never a formula
        cell.quotePrefix = True   # Excel shows it as typed, and keeps it text when edited


def _as_text(sheet) -> None:
    """Formula-like text (``=SUM(…)``, ``+46…``, ``@x``, ``-x``) becomes plain text, never a live formula."""
    for row in sheet.iter_rows():
        for cell in row:
            _text_cell(cell)


def _check_sheet_name(name: str) -> None:
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"Bladnamnet måste vara en icke-tom text, fick {show(name)}.")
    bad = FORBIDDEN_IN_SHEET_NAME & set(name)
    if bad or len(name) > MAX_SHEET_NAME or _CONTROL.search(name) or name.startswith("'") or name.endswith("'"):
        raise ValueError(
            f'Ogiltigt bladnamn {show(name)}: högst {MAX_SHEET_NAME} tecken, inga styrtecken, inte börja eller '
            f'sluta med apostrof och inga av tecknen {" ".join(sorted(FORBIDDEN_IN_SHEET_NAME))}.'
        )
    if name.casefold() == "history":
        raise ValueError('Bladnamnet "History" är reserverat i Excel. Välj ett annat namn.')


def _fit_columns(sheet) -> None:
    """Widen each column to its longest value (capped), so headers are readable when opened."""
    for column in sheet.columns:
        width = max(len(str(cell.value)) if cell.value is not None else 0 for cell in column)
        sheet.column_dimensions[column[0].column_letter].width = min(max(10, width + 2), 60)
