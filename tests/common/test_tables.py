"""Swedish tables for the page (models.common.tables)."""
import pandas as pd

from models.common.tables import show, text_table_html


def test_show_writes_swedish_numbers():
    html = show(pd.DataFrame({"År": [2027], "Gap (ton CO₂e)": [-1234.6], "Andel (%)": [12.34]})).to_html()
    # Years stay as they are; thousands get a (non-breaking) space, decimals a comma, minus a real minus sign.
    assert ">2027<" in html and ">−1\u00a0235<" in html and ">12,3<" in html
    wide = show(pd.DataFrame({"År": [2027, 2028], "Tak (ton CO₂e)": [1000.0, 900.0]}), transpose=True).to_html()
    assert ">2028<" in wide and ">1\u00a0000<" in wide


def test_a_text_table_gets_the_same_html_as_show():
    # a widget's formatted ranking (text cells) written directly: the same header and cells, in order,
    # as the book's Styler table, no row numbers, the same look, and a learner's text escaped
    import html
    import re

    import pytest

    table = pd.DataFrame({"Byggnad": ["Skola <b>A</b>", "Sporthall"], "Årlig besparing (kr)": ["12 300", "−4 500"]})

    def cells(text, tag):
        return [html.unescape(c).strip() for c in re.findall(rf"<{tag}\b[^>]*>(.*?)</{tag}>", text, re.S)]

    ours, book = text_table_html(table), show(table).to_html()
    assert cells(ours, "th") == cells(book, "th") == ["Byggnad", "Årlig besparing (kr)"]
    assert cells(ours, "td") == cells(book, "td") == ["Skola <b>A</b>", "12 300", "Sporthall", "−4 500"]
    assert "&lt;b&gt;" in ours and "padding: 0.3em 0.7em" in ours and 'class="dataframe"' in ours
    with pytest.raises(TypeError, match="DataFrame"):
        text_table_html([["Skola", "1"]])


def test_a_text_table_can_show_its_index_and_missing_cells():
    import math

    table = pd.DataFrame({"Värde": ["149 462 ton", None, math.nan]},       # both missing in a text column
                         index=pd.Index(["Utsläpp 2024", "Gap 2030", "Kvar"], name="Kiruna"))
    shown = text_table_html(table, index=True)
    import re
    assert re.findall(r"<th>(.*?)</th>", shown) == ["Kiruna", "Värde"]
    assert re.findall(r"<td>(.*?)</td>", shown) == ["Utsläpp 2024", "149 462 ton", "Gap 2030", "–", "Kvar", "–"]
