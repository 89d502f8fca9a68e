"""Lesson "Åtgärdsplan och åtgärdskostnader": what one explorer update costs.

The model part (read the file, gap, measures in sequence, cost curve, tables) for every kommun
with the example file and with an uploaded Excel file; drawing the two charts is measured
separately (it is cached per setting, so only the first view of a setting pays for it).
"""
from models import data
from models.data import measures_file
from models.widgets.strategi import atgarder as w

CASES = data.KOMMUNER
_XLSX = None


def setup():
    global _XLSX
    _XLSX = ("atgardsmall.xlsx", measures_file.TEMPLATE_XLSX.read_bytes())
    w.view("Luleå", draw=False)  # warm the data caches, as the lesson's first cells do
    measures_file.read_measures(_XLSX[1], "varm.xlsx")  # import openpyxl once


def bench_recompute_example_file(kommun):
    """Model only, the book's example file: gap, sequence, curve, coverage, tables."""
    w.view(kommun, 4.0, 2030, True, draw=False)


def bench_recompute_uploaded_xlsx(kommun):
    """Model only, a newly uploaded .xlsx (parsed, not yet cached)."""
    w._read_upload.cache_clear()
    w.view(kommun, 4.0, 2030, True, upload=_XLSX, draw=False)


def bench_recompute_slider_move_after_upload(kommun):
    """Model only, a slider moved after an upload (the parsed file is cached)."""
    w.view(kommun, 5.5, 2035, True, upload=_XLSX, draw=False)


def bench_first_draw_both_charts(kommun):
    """First view of a new setting: the model plus both charts drawn (not cached)."""
    w._CHARTS.clear()
    w.view(kommun, 4.0, 2030, True)
