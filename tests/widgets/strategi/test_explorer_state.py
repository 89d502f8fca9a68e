"""State the chapter's explorers keep between views: no view shares a table with another, and an explorer
opens even if a kommun's data cannot be read."""
import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

from models import data  # noqa: E402
from models.widgets.strategi import atgarder as w  # noqa: E402
from models.widgets.strategi import klimatbudget as kb  # noqa: E402


def test_each_view_gets_its_own_cost_curve_table():
    first = w.view("Luleå", draw=False)
    original = first.table.copy()
    first.table.iloc[0, 0] = "ändrad av anroparen"
    first.table["extra"] = 1
    second = w.view("Luleå", draw=False)                      # same curve: the kept table
    assert second.table is not first.table
    pd.testing.assert_frame_equal(second.table, original)


@pytest.mark.parametrize("module, reader", [(w, "sector_emissions"), (kb, "scope_emissions")])
def test_an_explorer_opens_when_a_kommun_has_no_sector_data(module, reader, monkeypatch):
    lesson = module.lesson if module is w else module.report
    real = getattr(lesson, reader)

    def read(kommun, *args, **kwargs):
        if data.kommun_name(kommun) == "Pajala":
            raise ValueError("Pajala saknar sektordata.")
        return real(kommun, *args, **kwargs)
    monkeypatch.setattr(lesson, reader, read)
    box = module.explorer("Luleå")
    assert box.children


def test_the_explorer_shows_the_cost_curve_table_with_its_numbers():
    import contextlib
    import io
    import re

    from IPython.core.interactiveshell import InteractiveShell

    shown = []
    view = w.view("Kiruna", draw=False)
    with contextlib.redirect_stdout(io.StringIO()):
        InteractiveShell.instance()
        import IPython.display as d
        original = d.display
        try:
            w.display = lambda *objects, **_: shown.extend(objects)
            w.show(view)
        finally:
            w.display = original
    html = [o.data for o in shown if type(o).__name__ == "HTML"]
    table = html[-1]
    cells = re.findall(r"<td>(.*?)</td>", table)
    assert re.findall(r"<th>(.*?)</th>", table)[:2] == ["Nr", "Åtgärd"]
    assert cells[:2] == ["1", view.table.iloc[0, 0]] and len(cells) == view.table.size + len(view.table)
    assert "Kiruna" in html[0]                                   # the summary, headed by the kommun
