"""Display tables the way a Swedish reader expects: space as thousands separator, decimal comma.

:func:`show` turns a DataFrame into a pandas Styler for a lesson page. It only changes how
numbers are written; the data (and Excel exports) keep full precision. :func:`text_table_html`
writes the same table HTML for a table that is already text, fast enough for a widget.
"""
from __future__ import annotations

import html
import numbers
import sys
import uuid

import pandas as pd

from models.common import checks, downloads
from models.common.formatting import fmt_number


def _formatter(decimals: int, pct_decimals: int, is_pct: bool):
    def fmt(value):
        if isinstance(value, bool) or not isinstance(value, numbers.Real):
            return "" if value is None else str(value)
        if pd.isna(value):
            return "–"
        if isinstance(value, numbers.Integral):
            return str(value) if 1000 <= abs(value) <= 2100 else _minus(fmt_number(value, 0))
        return _minus(fmt_number(float(value), pct_decimals if is_pct else decimals))
    return fmt


def _minus(text: str) -> str:
    """A typographic minus sign (−) instead of a hyphen, as in the book's other figures."""
    return "−" + text[1:] if text.startswith("-") else text


#: Light rules and padding, so a styled table reads like the book's other tables.
TABLE_STYLES = [
    {"selector": "th, td", "props": "padding: 0.3em 0.7em; border-bottom: 1px solid #dddddd; text-align: left;"},
    {"selector": "thead th", "props": "border-bottom: 2px solid #555555; vertical-align: bottom;"},
]


class WithDownloads:
    """A styled table followed by its download links (what :func:`show` returns in a book build)."""

    def __init__(self, styler, links: str):
        self.styler, self.links = styler, links

    def _repr_html_(self) -> str:
        return self.styler._repr_html_() + self.links

    def __getattr__(self, name):
        return getattr(self.styler, name)


def show(table: pd.DataFrame, decimals: int = 0, pct_decimals: int = 1, transpose: bool = False,
         download: str | None = None):
    """A styled copy of ``table`` with Swedish number format and no row numbers.

    Columns whose name contains ``(%)`` get ``pct_decimals`` decimals, other numbers
    ``decimals``. Integers between 1000 and 2100 are taken to be years and written without a
    thousands separator. With ``transpose=True`` the first column becomes the header row
    (e.g. one column per year) and each quantity a row.

    While the book is built, a table shown by the page's own code (not one a widget shows)
    also gets *Ladda ner: CSV · Excel* links under it (:mod:`models.common.downloads`; the
    files hold ``table`` as given, untransposed, with full precision). ``download`` names
    the files (``a-z0-9-``) instead of ``tabell-<n>``. Outside a build it returns the Styler.
    """
    if not isinstance(table, pd.DataFrame):
        raise checks.WrongType(f"table (tabellen) måste vara en pandas.DataFrame, fick {checks.show(table)} "
                               f"({type(table).__name__}).")
    if download is not None:
        downloads.check_name(download)
    styler = _styled(table, decimals, pct_decimals, transpose)
    if downloads.build_folder() is None or sys._getframe(1).f_globals.get("__name__") != "__main__":
        return styler
    return WithDownloads(styler, downloads.table_links(table, download))


def _styled(table: pd.DataFrame, decimals: int, pct_decimals: int, transpose: bool):
    """The Styler with Swedish numbers: one ``format`` call per kind of row or column (percent or not),
    not one per row or column (which costs ~1 ms each when a widget redraws its table)."""
    plain, pct = _formatter(decimals, pct_decimals, False), _formatter(decimals, pct_decimals, True)
    if transpose:
        wide = table.set_index(table.columns[0]).T
        wide.columns = [str(c) for c in wide.columns]
        styler = wide.style.set_table_attributes('class="dataframe"').set_table_styles(TABLE_STYLES)
        is_pct = ["(%)" in str(label) for label in wide.index]
        for fmt, rows in ((plain, [not p for p in is_pct]), (pct, is_pct)):
            if any(rows):
                styler = styler.format(fmt, subset=pd.IndexSlice[wide.index[rows], :])
        return styler
    styler = table.style.hide(axis="index").set_table_attributes('class="dataframe"').set_table_styles(TABLE_STYLES)
    is_pct = ["(%)" in str(column) for column in table.columns]
    for fmt, columns in ((plain, [not p for p in is_pct]), (pct, is_pct)):
        if any(columns):
            styler = styler.format(fmt, subset=table.columns[columns])
    return styler


def text_table_html(table: pd.DataFrame, index: bool = False) -> str:
    """A table whose cells are already text (a widget's formatted ranking, say) as the HTML of
    :func:`show`: the same cells, header and look (:data:`TABLE_STYLES`, no row numbers), written
    directly, as a Styler costs ~10 ms per redraw for ten rows. Cells and names are escaped.
    ``index=True`` shows the index as the first column, headed by its name."""
    if not isinstance(table, pd.DataFrame):
        raise checks.WrongType(f"table (tabellen) måste vara en pandas.DataFrame, fick {checks.show(table)} "
                               f"({type(table).__name__}).")
    index = checks.flag(index, "index", "visa indexet som första kolumn")
    if index:
        first = pd.DataFrame({"" if table.index.name is None else str(table.index.name): table.index.astype(str)})
        table = pd.concat([first, table.reset_index(drop=True)], axis=1)
    name = f"T_{uuid.uuid4().hex[:8]}"
    css = " ".join(", ".join(f"#{name} {part.strip()}" for part in style["selector"].split(",")) + f" {{{style['props']}}}"
                   for style in TABLE_STYLES)
    head = "".join(f"<th>{html.escape(str(column))}</th>" for column in table.columns)
    body = "".join("<tr>" + "".join(f"<td>{html.escape(_text(value))}</td>" for value in row) + "</tr>"
                   for row in table.itertuples(index=False))
    return (f'<style type="text/css">{css}</style><table id="{name}" class="dataframe"><thead><tr>{head}</tr>'
            f"</thead><tbody>{body}</tbody></table>")


def _text(value) -> str:
    """A cell of a text table as :func:`show` writes it: empty for None, a dash for a missing number."""
    if value is None:
        return ""
    if value is pd.NA or (isinstance(value, float) and value != value):
        return "–"
    return str(value)
