"""The measures explorer across its whole control range, with good and bad uploaded files.

The book build and nbval only run the default; an exception inside an ipywidgets callback is
swallowed by the build. So every kommun, the whole discount-rate and target-year range, both
interaction settings and a set of bad files are exercised here.
"""
import datetime
import io

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from models import data  # noqa: E402
from models.common.widgets import uploaded_file  # noqa: E402
from models.data import measures_file  # noqa: E402
from models.lessons.strategi import atgarder as lesson  # noqa: E402
from models.widgets.strategi import atgarder as w  # noqa: E402

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
HEADER = ";".join(measures_file.headers()[:9])
GOOD = "Ny panna;Egen uppvärmning av bostäder och lokaler;Fastighet;2026;100;1000000;20000;-50000;10"


def upload(*rows, name="plan.csv", header=HEADER):
    return name, ("\n".join([header, *rows]) + "\n").encode("utf-8")


RATES = list(np.arange(lesson.RATE_MIN_PCT, lesson.RATE_MAX_PCT + 1e-9, lesson.RATE_STEP_PCT))
YEARS = list(range(lesson.first_target_year(), lesson.LAST_TARGET_YEAR + 1))


@pytest.mark.parametrize("sequential", [True, False])
@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_every_kommun_with_the_example_file(kommun, sequential):
    view = w.view(kommun, sequential=sequential, draw=False)
    assert view.error is None and view.kommun == kommun
    assert view.curve["cost_per_tonne"].is_monotonic_increasing
    assert view.gap["gap_t_per_year"] > 0
    assert len(view.table) == len(measures_file.template_measures())
    if not sequential:
        assert not view.warnings
    if sequential and kommun != "Luleå" and view.warnings:
        assert "Luleås storlek" in view.warnings[0]  # falls back to measures one by one, says why


def test_lulea_default_is_sequential_without_warnings():
    view = w.view(draw=False)
    assert view.warnings == ()
    assert "standalone_abatement_t_per_year" in view.curve.columns
    # the interaction removes tonnes in Transporter and Arbetsmaskiner
    assert view.curve["interaction_loss_t_per_year"].sum() > 0


@pytest.mark.parametrize("rate", RATES)
def test_whole_discount_rate_range(rate):
    view = w.view("Luleå", rate, draw=False)
    assert view.discount_rate == pytest.approx(rate / 100)
    assert np.isfinite(view.curve["cost_per_tonne"]).all()


def test_higher_discount_rate_makes_investments_dearer():
    low = w.view("Luleå", 0.0, draw=False).curve.set_index("measure")["cost_per_tonne"]
    high = w.view("Luleå", 10.0, draw=False).curve.set_index("measure")["cost_per_tonne"]
    car = "Exempel: 10 000 dieselbilar ersätts med elbilar"
    assert high[car] > low[car]
    # HVO has no investment, so measured one by one its cost does not depend on the rate
    # (in sequence it can: at 0 % the electric machines come first and take tonnes from it).
    hvo = "Exempel: HVO100 i stället för diesel i arbetsmaskiner"
    low, high = (w.view("Luleå", r, sequential=False, draw=False).curve.set_index("measure")["cost_per_tonne"]
                 for r in (0.0, 10.0))
    # 2 000 000 l × 3 kr/l extra = 6 000 000 kr/yr over 2 000 000 · (3.21 - 0.476) / 1000 = 5 468 t/yr
    assert high[hvo] == pytest.approx(low[hvo]) == pytest.approx(6_000_000 / 5_468)


@pytest.mark.parametrize("year", YEARS)
def test_whole_target_year_range(year):
    view = w.view("Luleå", target_year=year, draw=False)
    assert view.gap["target_year"] == year
    counted = view.coverage["counted"]
    starts = view.curve["start_year"].astype(int)
    assert list(counted) == list(starts <= year)
    if (starts > year).any():
        assert any(f"Startar efter {year}" in text for text in view.warnings)


@pytest.mark.parametrize("rate, year", [(-0.5, 2030), (10.5, 2030), (4.0, 2024), (4.0, 2046), ("4", 2030)])
def test_out_of_range_controls_raise(rate, year):
    with pytest.raises(ValueError):
        w.view("Luleå", rate, year, draw=False)


def test_draws_both_charts_and_caches_them():
    view = w.view("Luleå", 3.0, 2031)
    assert view.macc_png.startswith(PNG_MAGIC) and view.coverage_png.startswith(PNG_MAGIC)
    again = w.view("Luleå", 3.0, 2031)
    assert again.macc_png is view.macc_png


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_charts_draw_for_every_kommun(kommun):
    view = w.view(kommun)
    assert view.macc_png.startswith(PNG_MAGIC) and len(view.macc_png) > 10_000
    assert view.coverage_png.startswith(PNG_MAGIC) and len(view.coverage_png) > 5_000


@pytest.mark.parametrize("rate, year, sequential", [(RATES[0], YEARS[0], True), (RATES[-1], YEARS[-1], False),
                                                     (RATES[0], YEARS[-1], False), (RATES[-1], YEARS[0], True)])
def test_charts_draw_at_the_ends_of_the_sliders(rate, year, sequential):
    view = w.view("Luleå", rate, year, sequential)
    assert view.macc_png.startswith(PNG_MAGIC) and view.coverage_png.startswith(PNG_MAGIC)


def test_good_uploads_csv_and_xlsx():
    view = w.view(upload=upload(GOOD), draw=False)
    assert view.error is None and view.source == 'filen "plan.csv"'
    # CRF(4 %, 10) = 0.1232909: (123 290.94 + 20 000 - 50 000) / 100 t = 932.91 kr/t
    assert view.curve.loc[0, "cost_per_tonne"] == pytest.approx(932.9094, abs=1e-4)
    book = Workbook()
    book.active.append(list(measures_file.headers()[:9]))
    book.active.append(["Ny panna", "Egen uppvärmning av bostäder och lokaler", "Fastighet", 2026, 100, 1_000_000,
                        20_000, -50_000, 10])
    buffer = io.BytesIO()
    book.save(buffer)
    view = w.view(upload=("plan.xlsx", buffer.getvalue()), draw=False)
    assert view.curve.loc[0, "cost_per_tonne"] == pytest.approx(932.9094, abs=1e-4)


BAD_UPLOADS = [
    (upload(GOOD.replace(";100;", ";hundra;")), 'plan.csv, rad 2, kolumn E "Utsläppsminskning (ton CO₂e/år)"'),
    (upload(GOOD, GOOD.rsplit(";", 1)[0] + ";0"), 'plan.csv, rad 3, kolumn I "Livslängd (år)"'),
    (upload(GOOD.replace("Egen uppvärmning av bostäder och lokaler", "Lokaler")), 'plan.csv, rad 2, kolumn B "Sektor"'),
    (upload(GOOD, "", GOOD), 'plan.csv, rad 2 och 4, kolumn A "Åtgärd"'),
    (upload(GOOD.replace(";1000000;", ";-5;")), 'plan.csv, rad 2, kolumn F "Investering (kr)"'),
    (upload(GOOD.replace(";-50000;", ";;")), 'plan.csv, rad 2, kolumn H "Ändrad energikostnad (kr/år)"'),
    (upload(GOOD, header=HEADER.replace("(kr)", "(Mkr)")), 'plan.csv, rad 1, kolumn F "Investering (Mkr)"'),
    (upload(GOOD, header=HEADER.replace(";Livslängd (år)", "")), 'plan.csv, rad 1: kolumnen "Livslängd (år)" saknas'),
    (("plan.xlsx", b"this is not excel"), 'Filen "plan.xlsx" går inte att öppna'),
    (("plan.docx", b"PK\x03\x04"), 'Filen "plan.docx" är varken'),
    (("plan.csv", b""), 'Filen "plan.csv" är tom'),
]


@pytest.mark.parametrize("bad, fragment", BAD_UPLOADS)
def test_bad_uploads_give_a_swedish_message_not_a_traceback(bad, fragment):
    view = w.view("Luleå", upload=bad)
    assert view.error is not None and view.error.startswith(fragment), view.error
    assert view.curve is None and view.macc_png is None
    with pytest.raises(ValueError, match="rätta först felet"):
        w.export_view(view, "x.xlsx")


def test_measure_bigger_than_its_sector_falls_back_with_a_message():
    # Arjeplog's own heating was 247.6 t in 2024 (SMHI via Klimatkollen); 1 000 t cannot be cut there.
    view = w.view("Arjeplog", upload=upload(GOOD.replace(";100;", ";1000;")), draw=False)
    assert view.error is None
    assert 'Åtgärden "Ny panna" (rad 2)' in view.warnings[0] and "mer än hela sektorn" in view.warnings[0]
    assert "Luleås storlek" not in view.warnings[0]  # that hint is only for the example file
    assert "standalone_abatement_t_per_year" not in view.curve.columns


def test_measure_outside_the_gap_sectors_is_listed():
    row = GOOD.replace("Egen uppvärmning av bostäder och lokaler", "El och fjärrvärme")
    view = w.view("Luleå", upload=upload(row), draw=False)
    assert not view.coverage["counted"].any()
    assert any("inte ingår i gapet" in text for text in view.warnings)


def test_export_view_reads_back(tmp_path):
    view = w.view("Luleå", 4.0, 2030, draw=False)
    path = w.export_view(view, tmp_path / "kurva.xlsx")
    back = pd.read_excel(path, sheet_name="Åtgärdskostnader", nrows=len(view.curve))
    np.testing.assert_allclose(back["Kostnad (kr/ton CO₂e)"], view.curve["cost_per_tonne"])
    gap = pd.read_excel(path, sheet_name="Gapet", nrows=6)
    assert gap.loc[2, "Uppgift"] == "Gap 2030 (beräknat)"


def _controls(box):
    (up, example), (choice, year), rate, sequential, save, output = (
        box.children[0].children, box.children[1].children, *box.children[2:])
    return up, example, choice, year, rate, sequential, save, output


def test_explorer_callbacks_run_for_every_control_value(tmp_path, monkeypatch):
    # Drawing is covered above; here the charts are stubbed so every control value runs quickly.
    monkeypatch.setattr(w._CHARTS, "png", lambda key, structure, make_chart, update_chart: PNG_MAGIC)
    monkeypatch.chdir(tmp_path)
    box = w.explorer("Luleå")
    up, example, choice, year, rate, sequential, save, output = _controls(box)
    assert up.description == "Ladda upp din åtgärdsfil" and rate.description == "Kalkylränta (%)"
    assert (rate.min, rate.max, rate.step) == (lesson.RATE_MIN_PCT, lesson.RATE_MAX_PCT, lesson.RATE_STEP_PCT)
    assert (year.min, year.max) == (YEARS[0], YEARS[-1])
    for kommun in data.KOMMUNER:
        choice.value = kommun  # runs the observer; outside a kernel any exception propagates
    for value in RATES:
        rate.value = value
    for value in YEARS:
        year.value = value
    sequential.value = False
    sequential.value = True
    save.click()
    assert (tmp_path / "atgardskostnader_kiruna.xlsx").is_file()  # the last kommun in the list


def _file_value(name, content):
    return ({"name": name, "type": "text/csv", "size": len(content), "content": memoryview(content),
             "last_modified": datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)},)


def test_explorer_upload_bad_then_good_then_example(tmp_path, monkeypatch):
    monkeypatch.setattr(w._CHARTS, "png", lambda key, structure, make_chart, update_chart: PNG_MAGIC)
    monkeypatch.chdir(tmp_path)
    seen = []
    real_view = w.view
    monkeypatch.setattr(w, "view", lambda *a, **k: seen.append(real_view(*a, **k)) or seen[-1])
    box = w.explorer("Luleå")
    up, example, choice, year, rate, sequential, save, output = _controls(box)
    up.value = _file_value(*upload(GOOD.replace(";100;", ";hundra;")))
    assert seen[-1].error.startswith('plan.csv, rad 2, kolumn E')
    save.click()  # nothing to save: a message, no file, no exception
    assert not list(tmp_path.iterdir())
    up.value = _file_value(*upload(GOOD))
    assert seen[-1].error is None and seen[-1].source == 'filen "plan.csv"'
    example.click()
    assert seen[-1].source == lesson.EXAMPLE_SOURCE


def test_uploaded_file_formats():
    assert uploaded_file(()) is None
    item = {"name": "a.csv", "content": memoryview(b"x")}
    assert uploaded_file((item,)) == ("a.csv", b"x")
    assert uploaded_file({"a.csv": item}) == ("a.csv", b"x")  # ipywidgets 7
