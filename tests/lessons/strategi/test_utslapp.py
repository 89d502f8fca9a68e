"""Learner-facing tables: Swedish formatting and agreement with published figures."""
import pytest

from models import data, emissions_report
from models.plotting import fmt_number, fmt_pct


def test_swedish_number_format():
    assert fmt_number(2995747.739) == "2\u00a0995\u00a0748"
    assert fmt_number(37.61, 1) == "37,6"
    assert fmt_pct(-4.54) == "−4,5\u00a0%"
    assert fmt_pct(0.753, 2, signed=True) == "+0,75\u00a0%"


@pytest.mark.parametrize("kommun", data.KOMMUNER)
def test_trend_table_matches_klimatkollen_for_every_kommun(kommun):
    table = emissions_report.trend_table(kommun)
    assert list(table.columns) == [f"{kommun}, mått", "Stratus", "Klimatkollen"]
    assert (table["Stratus"] == table["Klimatkollen"]).all(), table


def test_fact_table_for_luleå():
    table = emissions_report.fact_table("Luleå")
    values = dict(zip(table["Nyckeltal"], table["Luleå"]))
    # SMHI 2024: 2 995 747.739 t -> "2 996 tusen ton"; share 2 995 747.739 / 4 876 335 = 61.4 %
    assert values["Utsläpp 2024"] == "2\u00a0996 tusen ton CO₂e"
    assert values["Andel av länets utsläpp 2024"].startswith("61,4\u00a0%")
    assert values["Största sektor"].startswith("Industri (energi + processer)")
