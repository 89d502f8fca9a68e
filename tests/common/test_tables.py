"""Swedish tables for the page (models.common.tables)."""
import pandas as pd

from models.common.tables import show


def test_show_writes_swedish_numbers():
    html = show(pd.DataFrame({"År": [2027], "Gap (ton CO₂e)": [-1234.6], "Andel (%)": [12.34]})).to_html()
    # Years stay as they are; thousands get a (non-breaking) space, decimals a comma, minus a real minus sign.
    assert ">2027<" in html and ">−1\u00a0235<" in html and ">12,3<" in html
    wide = show(pd.DataFrame({"År": [2027, 2028], "Tak (ton CO₂e)": [1000.0, 900.0]}), transpose=True).to_html()
    assert ">2028<" in wide and ">1\u00a0000<" in wide
