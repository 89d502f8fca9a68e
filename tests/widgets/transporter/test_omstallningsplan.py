"""The Omställningsplan explorer's keys (issue 13): what it shows again from a key must be what it would draw."""
import itertools

import numpy as np
import pandas as pd

from models.transport.turnover import RULES
from models.widgets.transporter import omstallningsplan


def test_one_plan_key_means_one_plan_table():
    # the explorer keeps rule A's plan table by plan_key: every temperature with that key shows the same table
    tables = {}
    for temp in np.arange(-40.0, 0.1, 2.5):
        v = omstallningsplan.view(design_temp_c=float(temp), draw=False)
        tables.setdefault(v.plan_key, []).append(v.plan)
    assert 1 < len(tables) < 17                             # the plan changes with the temperature, not at every step
    for same in tables.values():
        for table in same[1:]:
            pd.testing.assert_frame_equal(table, same[0])


def test_one_mix_chart_for_rules_that_decide_alike():
    # the fleet's mix is keyed on what rule A's plan decided and the title names "regel A", not the rule:
    # two rules with the same fleet year by year show the same chart, rules with different fleets differ
    views = {rule: omstallningsplan.view(rule_a=rule) for rule in RULES}
    for a, b in itertools.combinations(RULES, 2):
        same = views[a].results[a].filter(like="n_").equals(views[b].results[b].filter(like="n_"))
        assert (views[a].mix_png == views[b].mix_png) == same, (a, b)


def test_kept_results_equal_a_fresh_calculation_at_every_temperature():
    # results are kept by what each rule's plan decided: each one must be what the lesson computes afresh
    fleet = omstallningsplan.lesson.example()
    for temp in np.arange(-40.0, 0.1, 5.0):
        v = omstallningsplan.view("lowest_tco", "electric_first", design_temp_c=float(temp), end_year=2045, draw=False)
        fresh = omstallningsplan.lesson.compare_policies(fleet, "lowest_tco", "electric_first", end=2045,
                                                         design_temp_c=float(temp))
        for rule, result in fresh.items():
            pd.testing.assert_frame_equal(v.results[rule], result)
        pd.testing.assert_frame_equal(v.summary, omstallningsplan.lesson.summary_table(fresh))
