"""Download links under result tables and interactive charts on the static site (issue 12).

When the book is built, every result table a lesson shows (:func:`models.common.tables.show`)
and every interactive chart (:func:`models.common.vega.chart`) gets two small links under it,
*Ladda ner: CSV · Excel*, to files written at build time. Lessons call nothing: the two
display helpers do it.

How it knows it is being built
    ``scripts/build_book.py`` sets the environment variable :data:`FOLDER_ENV` to the build
    folder (``_build/vendor/downloads``, published as ``_static/downloads/``) for the
    notebooks it executes. Without it (a live notebook, the tests, nbval) nothing is written
    and nothing is shown: a learner in JupyterLab already has the table in hand and exports
    with the lesson's own Excel button.

File names
    ``<chapter folder>-<lesson stem>-tabell-<n>`` for the n-th table the page shows (or
    ``-<name>`` for ``show(..., download="<name>")``) and
    ``<chapter folder>-<lesson stem>-diagram-<chart name>`` for a chart, e.g.
    ``01-strategi-utslapp-tabell-1.csv``: unique per page and table, and stable as long as
    the page shows its tables in the same order. The page is found from the folder the
    notebook runs in (the build runs each notebook in its own folder) and the lesson module
    the notebook imported (``models/lessons/<chapter>/<stem>.py`` has the stem of the page,
    CONTRIBUTING.md).

The files
    CSV: UTF-8 with a byte-order mark, semicolon between fields, decimal comma and no
    thousands separator, so Excel with Swedish settings opens it in columns with numbers
    as numbers (and ``pandas.read_csv(f, sep=";", decimal=",")`` reads it back). Text
    that starts like a formula (``=``, ``+``, ``-``, ``@``) gets a leading apostrophe so no
    spreadsheet runs it. Excel: :func:`models.common.export.write_xlsx` (atomic, formula-safe),
    one sheet per table, with a line naming the page it came from.

A chart's data is the inline data of its Vega-Lite spec (the precomputed grid), one table
per dataset, tidied and with Swedish headers by :func:`models.common.chart_data.chart_tables`.
"""
from __future__ import annotations

import html
import io
import numbers
import os
import re
import sys
from collections.abc import Mapping
from pathlib import Path
from types import ModuleType

import pandas as pd
from IPython import get_ipython

from models.common.chart_data import chart_tables
from models.common.checks import WrongType, show
from models.common.export import os_reason, write_xlsx

#: Environment variable naming the build folder; set only by scripts/build_book.py.
FOLDER_ENV = "STRATUS_DOWNLOADS"
#: Where the build folder is published, relative to the site root.
SITE_PATH = "_static/downloads"
#: The file that marks the book's root folder (the site root's source).
BOOK_ROOT_MARKER = "_toc.yml"
_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*$")
_counts: dict[str, int] = {}
_written: set[str] = set()


def check_name(name) -> str:
    """``name`` if it can be part of a download file name (``a-z0-9-``, at most 80 characters)."""
    if not isinstance(name, str):
        raise WrongType(f"Nedladdningsnamnet ska vara en text, fick {show(name)}.")
    if not _NAME.match(name) or len(name) > 80:
        raise ValueError(f"Nedladdningsnamnet får bara ha a–z, 0–9 och - (högst 80 tecken), fick {show(name)}.")
    return name


def build_folder() -> Path | None:
    """The folder download files go to while the book is built, or ``None`` outside a build."""
    value = os.environ.get(FOLDER_ENV, "").strip()
    if not value:
        return None
    folder = Path(value)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ValueError(f'Mappen för nedladdningsfiler "{folder}" ({FOLDER_ENV}) går inte att skapa: '
                         f"{os_reason(error)}.") from None
    return folder


def page_name(folder=None, namespace: Mapping | None = None) -> str:
    """``"01-strategi-utslapp"`` for the lesson page that is running (see the module docstring).

    ``folder`` is where the notebook runs (default: the current folder), ``namespace`` the
    notebook's variables (default: those of ``__main__``). Raises a Swedish ``ValueError``
    when no lesson module of this folder, or more than one, was imported.
    """
    folder = Path.cwd() if folder is None else folder
    if not isinstance(folder, (str, os.PathLike)):
        raise WrongType(f"Mappen ska vara en sökväg, fick {show(folder)}.")
    folder = Path(folder)
    if namespace is None:
        main = sys.modules.get("__main__")
        namespace = vars(main) if main is not None else {}
    if not isinstance(namespace, Mapping):
        raise WrongType(f"Notebookens variabler ska vara en ordlista, fick {show(namespace)}.")
    stems = sorted({value.__name__.rsplit(".", 1)[1].replace("_", "-") for value in namespace.values()
                    if isinstance(value, ModuleType) and value.__name__.startswith("models.lessons.")
                    and value.__name__.count(".") == 3})
    pages = [stem for stem in stems if (folder / f"{stem}.md").is_file()]
    if len(pages) != 1:
        found = ", ".join(pages) if pages else "ingen"
        raise ValueError(f'Nedladdningsfilerna behöver veta vilken lektion som körs: i mappen "{folder}" ska '
                         f"notebooken ha importerat exakt en lektionsmodul med samma namn som sidan, fann {found}.")
    return f"{folder.name}-{pages[0]}"


def csv_bytes(table: pd.DataFrame) -> bytes:
    """``table`` as CSV for Excel with Swedish settings (UTF-8 with BOM, ``;``, decimal comma)."""
    if not isinstance(table, pd.DataFrame):
        raise WrongType(f"Tabellen ska vara en pandas.DataFrame, fick {show(table)}.")
    out = as_numbers(flat_columns(table))
    out.columns = [_cell_text(str(c)) for c in out.columns]
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if column.dtype == object or pd.api.types.is_string_dtype(column.dtype):
            out.isetitem(i, column.map(_csv_cell))
    text = out.to_csv(sep=";", decimal=",", index=False, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def flat_columns(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with one header row of text: the levels of a two-level header joined by " – "."""
    if not isinstance(table, pd.DataFrame):
        raise WrongType(f"Tabellen ska vara en pandas.DataFrame, fick {show(table)}.")
    if not isinstance(table.columns, pd.MultiIndex) and all(isinstance(c, str) for c in table.columns):
        return table
    out = table.copy()
    out.columns = [" – ".join(str(p) for p in (c if isinstance(c, tuple) else (c,))
                              if str(p).strip() and not str(p).startswith("Unnamed:")) or str(i + 1)
                   for i, c in enumerate(table.columns)]
    return out


def as_numbers(table: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``table`` where a text column holding only Swedish-written numbers is numbers.

    A lesson table may hold numbers already written for the page ("93 291,3", "−4"); in a
    download they should be numbers. Only a column whose every non-empty text cell is such a
    number is converted ("–" counts as empty); a number with a leading zero ("0180", a
    code) or a unit ("7,0 %") keeps the column as text.
    """
    if not isinstance(table, pd.DataFrame):
        raise WrongType(f"Tabellen ska vara en pandas.DataFrame, fick {show(table)}.")
    out = table.copy()
    for i in range(out.shape[1]):
        column = out.iloc[:, i]
        if column.dtype != object and not pd.api.types.is_string_dtype(column.dtype):
            continue
        cells = [v for v in column if not _empty(v)]
        if not cells or not all(isinstance(v, str) and _SWEDISH_NUMBER.match(v.strip()) for v in cells):
            continue
        out.isetitem(i, pd.to_numeric(column.map(_parsed)))
    return out


_SWEDISH_NUMBER = re.compile("^[−-]?(?:[1-9]\\d{0,2}(?:[ \u00a0\u202f]\\d{3})+|[1-9]\\d*|0)(?:,\\d+)?$")
_EMPTY = ("", "–", "—")


def _empty(value) -> bool:
    return value is None or (isinstance(value, str) and value.strip() in _EMPTY) or (
        isinstance(value, float) and pd.isna(value))


def _parsed(value):
    if _empty(value):
        return float("nan")
    text = value.strip().replace("−", "-").replace(",", ".")
    return float(re.sub("[ \u00a0\u202f]", "", text)) if "." in text else int(re.sub("[ \u00a0\u202f]", "", text))


def _cell_text(value: str) -> str:
    """Text that a spreadsheet would take for a formula gets a leading apostrophe.

    ``=`` and ``@`` always; ``+`` and ``-`` when not followed by a digit (``"+7,0 %"`` is a
    change, ``"-x"`` or ``"+A1"`` could be a formula); also a leading tab or carriage return.
    """
    if value.startswith(("=", "@", "\t", "\r")) or (
            value.startswith(("+", "-")) and not (len(value) > 1 and value[1].isdigit())):
        return "'" + value
    return value


def _csv_cell(value):
    if isinstance(value, str):
        return _cell_text(value)
    if isinstance(value, numbers.Real) and not isinstance(value, (bool, numbers.Integral)):
        return "" if pd.isna(value) else repr(float(value)).replace(".", ",")
    return value


def write_table(path, table: pd.DataFrame, *, note: str | None = None, sheet: str = "Tabell") -> tuple[Path, Path]:
    """Write ``table`` as ``path`` (.xlsx) and, next to it, the same name with ``.csv``.

    Returns (csv path, xlsx path). The Excel file is written first and atomically; then the
    CSV, also atomically. ``note`` goes two rows under the table in Excel (not in the CSV,
    which holds only the table).
    """
    return write_tables(path, {sheet: table}, note=note)


def write_tables(path, tables: Mapping[str, pd.DataFrame], *, note: str | None = None) -> tuple[Path, ...]:
    """Several tables: one sheet each in ``path`` (.xlsx), one CSV each next to it.

    With one table the CSV has the Excel file's name; with several, ``-1``, ``-2`` … are
    added. Returns the CSV paths followed by the xlsx path.
    """
    if note is not None and not isinstance(note, str):
        raise WrongType(f"Anteckningen ska vara en text, fick {show(note)}.")
    if not isinstance(tables, Mapping):
        raise WrongType(f"Tabellerna ska ges som bladnamn -> tabell (en ordlista), fick {show(tables)}.")
    notes = {name: note for name in tables} if note else None
    for name, table in tables.items():
        if not isinstance(table, pd.DataFrame):
            raise WrongType(f"Bladet {show(name)} ska vara en tabell (pandas.DataFrame), fick {show(table)}.")
    tables = {name: as_numbers(flat_columns(table)) for name, table in tables.items()}
    contents = [csv_bytes(table) for table in tables.values()]  # before anything is written
    xlsx = write_xlsx(path, tables, notes=notes)
    xlsx.chmod(0o644)  # readable by the web server (the atomic write makes it owner-only)
    stems = [xlsx.stem] if len(tables) == 1 else [f"{xlsx.stem}-{i}" for i in range(1, len(tables) + 1)]
    written = []
    for stem, content in zip(stems, contents):
        target = xlsx.with_name(f"{stem}.csv")
        temporary = target.with_name(f".stratus-{target.name}")
        try:
            temporary.write_bytes(content)
            temporary.chmod(0o644)
            os.replace(temporary, target)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise ValueError(f'Filen "{target}" kunde inte sparas: {os_reason(error)}.') from None
        written.append(target)
    return (*written, xlsx)


def _link_prefix(folder: Path) -> str:
    """Relative URL from the page being built to the published download folder."""
    for root in (folder, *folder.parents):
        if (root / BOOK_ROOT_MARKER).is_file():
            return Path(os.path.relpath(root, folder)).as_posix() + "/" + SITE_PATH + "/"
    raise ValueError(f'Mappen "{folder}" ligger inte i boken (ingen {BOOK_ROOT_MARKER} ovanför).')


def _claim(name: str) -> None:
    if name in _written:
        raise ValueError(f'Två tabeller på sidan får samma nedladdningsnamn "{name}". Ge dem olika namn.')
    _written.add(name)


def _links_html(files, what: str, folder=None) -> str:
    """The ``<p class="stratus-downloads">`` under a table or chart: one link per file (.csv, .xlsx)."""
    prefix = _link_prefix(Path.cwd() if folder is None else Path(folder))
    files = [Path(f) for f in files]
    csvs = [f for f in files if f.suffix == ".csv"]
    items = []
    for i, file in enumerate(files, start=1):
        if file.suffix == ".csv":
            label = "CSV" if len(csvs) == 1 else f"CSV {i}"
            kind = "CSV, semikolon och decimalkomma"
        else:
            label, kind = "Excel", "Excel"
        href = html.escape(prefix + file.name)
        items.append(f'<a href="{href}" download="{html.escape(file.name)}" title="{html.escape(kind)}">{label}</a>')
    return (f'<p class="stratus-downloads">Ladda ner {html.escape(what)}: '
            + " · ".join(items) + "</p>")


def table_links(table: pd.DataFrame, name: str | None = None) -> str:
    """Write the files for a table a lesson page shows and return the links; ``""`` outside a build."""
    if not isinstance(table, pd.DataFrame):
        raise WrongType(f"Tabellen ska vara en pandas.DataFrame, fick {show(table)}.")
    if name is not None:
        check_name(name)
    folder = build_folder()
    if folder is None:
        return ""
    page = page_name()
    if name is None:
        _counts[page] = _counts.get(page, 0) + 1
        name = f"tabell-{_counts[page]}"
    stem = f"{page}-{name}"
    _claim(stem)
    files = write_table(folder / f"{stem}.xlsx", table, note=_note(page))
    return _links_html(files, "tabellen")


def register_table_formatter(shell=None) -> bool:
    """In a notebook the build runs: every DataFrame a page shows gets download links under it.

    A lesson shows many result tables as a bare DataFrame (the cell's last value) rather than
    through :func:`~models.common.tables.show`. ``scripts/build_book.py`` starts each build
    kernel with a startup file that calls this, so pandas' own HTML table is followed by the
    links. Returns whether it was registered (only while the book is built, in IPython).
    """
    if build_folder() is None:
        return False
    shell = get_ipython() if shell is None else shell
    if shell is None:
        return False
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not isinstance(formatters, Mapping) or "text/html" not in formatters:
        raise WrongType(f"shell ska vara ett IPython-skal, fick {show(shell)}.")
    formatters["text/html"].for_type(pd.DataFrame, _dataframe_html)
    return True


def _dataframe_html(table: pd.DataFrame) -> str:
    shown = table._repr_html_() or f"<pre>{html.escape(repr(table))}</pre>"
    named_rows = not isinstance(table.index, pd.RangeIndex)  # the page shows the index: so does the file
    try:
        return shown + table_links(table.reset_index() if named_rows else table)
    except Exception as error:  # noqa: BLE001 - the page keeps its table; the build log says why
        # IPython drops the whole HTML output of a failing formatter without a word: say it on
        # stderr instead (the build turns that into a warning, and warnings fail the build).
        print(f"Nedladdningsfilerna för en tabell kunde inte skrivas: {error}", file=sys.stderr)
        return shown


def chart_links(spec: Mapping, name: str) -> str:
    """Write the files for a chart's data and return the links; ``""`` outside a build."""
    check_name(name)
    folder = build_folder()
    if folder is None:
        return ""
    tables = chart_tables(spec)
    if not tables:
        return ""
    page = page_name()
    stem = f"{page}-diagram-{name}"
    _claim(stem)
    files = write_tables(folder / f"{stem}.xlsx", tables, note=_note(page, "diagrammet"))
    return _links_html(files, "diagrammets data")


def _note(page: str, what: str = "tabellen") -> str:
    return (f"Från Stratus, lektionen {page}: {what} som den visas på webbplatsen. "
            "Källor och antaganden står på sidan.")
