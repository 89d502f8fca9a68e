"""Review of the Strategi chapter (issue 8): the explorers take the new controls across their range."""
import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from models import data  # noqa: E402
from models.data import measures_file as mf  # noqa: E402
from models.lessons.strategi import klimatbudget as kb  # noqa: E402
from models.lessons.strategi import mal_och_budget as mob  # noqa: E402
from models.widgets.strategi import klimatbudget as kbw  # noqa: E402
from models.widgets.strategi import mal_och_budget as mobw  # noqa: E402
from models.widgets.strategi import uppfoljning as upw  # noqa: E402

PNG = b"\x89PNG"


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_klimatbudget_view_with_the_kommuns_measures_file(kommun):
    measures = kb.measures_from_file(mf.template_measures())
    for scope in kb.SCOPES:
        for reference in kb.REFERENCES:
            result = kbw.view(kommun, scope=scope, reference=reference, measures=measures, draw=False)
            assert result.table["År"].tolist() == list(kb.PLAN_YEARS)
            assert result.message
    assert kbw.view(kommun, measures=measures).png.startswith(PNG)


def test_klimatbudget_explorer_takes_measures():
    kbw.explorer("Pajala", measures=kb.measures_from_file(mf.template_measures()))


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_uppfoljning_view_with_and_without_2024(kommun):
    for until in (None, 2023):
        result = upw.view(kommun, until=until, draw=False)
        assert list(result.adopted.columns)[:2] == ["Mål", "Målår"]
    with pytest.raises(ValueError):
        upw.view(kommun, until=2019, draw=False)  # not a year of the snapshot


def test_uppfoljning_explorer_runs():
    upw.explorer("Luleå")


@pytest.mark.parametrize("exclusion", [e for e in mob.EXCLUSIONS if e != mob.CUSTOM_SHARE])
def test_budget_explorer_every_exclusion_including_work_machinery(exclusion):
    for kommun in ("Pajala", "Gällivare", "Luleå"):
        scenario, facts, message, key = mobw.model(kommun, exclusion=exclusion)
        assert key[4] == exclusion and len(facts)
    assert mobw.view("Pajala", exclusion=exclusion).png.startswith(PNG)
