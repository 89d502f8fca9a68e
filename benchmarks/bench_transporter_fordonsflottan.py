"""Lesson "Fordonsflottan idag": one explorer update (model part), per year, and an uploaded file."""
from models.data import fleet_file
from models.widgets.transporter import fordonsflottan as w

CASES = (2020, 2025, 2030, 2035)
_UPLOAD = None


def setup():
    global _UPLOAD
    _UPLOAD = ("mall.xlsx", fleet_file.TEMPLATE_XLSX.read_bytes())
    w.view(draw=False)
    w.view(upload=_UPLOAD, draw=False)


def bench_recompute_example(year):
    w.view("Luleå", year, "residual_mix", "earlier_plan", draw=False)


def bench_recompute_uploaded_xlsx(year):
    fleet_file._read_bytes.cache_clear()
    w.view("Kiruna", year, upload=_UPLOAD, draw=False)


def bench_draw_chart(year):
    w._CACHE.clear()
    w.view("Luleå", year)
