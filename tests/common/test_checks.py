"""Bad input must raise ValueError with a Swedish message that shows the bad value.

The error must come from our own checks (models/common/value_checks.py or table_checks.py, or a check in
models/strategy itself), never from deep inside NumPy or pandas, so a learner moving a widget sees a clear sentence and not a traceback.
"""

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models import strategy
from models.common import checks
from models.strategy import (
    budget_exhaustion_year,
    budget_share,
    carbon_law_pathway,
    lad_trend,
    linear_trend,
    pathway,
    remaining_budget,
    required_annual_reduction,
    trend_pathway,
)

SWEDISH_WORDS = ("fick", "Okänd", "måste", "får inte", "saknar", "kräver", "krävs", "inga", "är mindre")
PACKAGE_DIR = Path(strategy.__file__).parent
CHECK_FILES = {Path(checks.__file__).with_name(name) for name in ("value_checks.py", "table_checks.py")}

TIDY = pd.DataFrame({"kommun": ["A", "A", "B", "B"], "year": [2015, 2016, 2015, 2016],
                     "emissions_t": [1.0, 2.0, 3.0, 4.0]})

CASES = [
    # (function, args, kwargs, text that must appear in the message)
    (required_annual_reduction, (-5, 100), {}, "-5"),
    (required_annual_reduction, (5, -100.5), {}, "-100.5"),
    (required_annual_reduction, (5, 0), {}, "0"),
    (required_annual_reduction, (5, 100, "expo"), {}, '"expo"'),
    (required_annual_reduction, ("abc", 100), {}, '"abc"'),
    (required_annual_reduction, (None, 100), {}, "None"),
    (required_annual_reduction, (True, 100), {}, "True"),
    (required_annual_reduction, (5, [100]), {}, "[100]"),
    (required_annual_reduction, (5, float("nan")), {}, "nan"),
    (required_annual_reduction, (5, float("inf")), {}, "inf"),
    (required_annual_reduction, (5, 100, "target_year"), {"years": 0}, "0"),
    (required_annual_reduction, (5, 100, "target_year"), {"years": -3}, "-3"),
    (required_annual_reduction, (5, 100, "target_year"), {"years": 2.5}, "2.5"),
    (required_annual_reduction, (5, 100, "target_year"), {}, "None"),
    (required_annual_reduction, (5, 4.5, "geometric"), {}, "4.5"),
    (required_annual_reduction, (5, 4.5, "target_year"), {"years": 10}, "4.5"),
    (pathway, (100, 2025), {"rate": 1.25}, "1.25"),
    (pathway, (100, 2025), {"rate": 0}, "0"),
    (pathway, (100, 2025), {"rate": -0.1}, "-0.1"),
    (pathway, (100, 2025), {"rate": 1}, "1"),
    (pathway, (100, 2025), {"rate": "0.1"}, '"0.1"'),
    (pathway, (100, 2025), {}, "None"),
    (pathway, (100, 2025), {"rate": 0.1, "budget": 500}, "500"),
    (pathway, (100, 2025), {"budget": -500}, "-500"),
    (pathway, (100, 2025), {"budget": 500, "method": "linear"}, '"linear"'),
    (pathway, (-100, 2025), {"rate": 0.1}, "-100"),
    (pathway, (100, 2025, 2020), {"rate": 0.1}, "2020"),
    (pathway, (100, "2025"), {"rate": 0.1}, '"2025"'),
    (pathway, (100, 2025.5), {"rate": 0.1}, "2025.5"),
    (pathway, (100, 2025), {"budget": 500, "annual_values": "mean"}, '"mean"'),
    (pathway, (100, 2025), {"budget": 500, "method": "geometric", "annual_values": "integral"},
     '"geometric"'),
    (carbon_law_pathway, (-1, 2025), {}, "-1"),
    (budget_share, (TIDY, -10), {}, "-10"),
    (budget_share, (TIDY.rename(columns={"emissions_t": "utslapp"}), 10), {}, "emissions_t"),
    (budget_share, (TIDY.assign(emissions_t=[1.0, -2.0, 3.0, 4.0]), 10), {}, "-2.0"),
    (budget_share, (TIDY.assign(emissions_t=[1.0, "x", 3.0, 4.0]), 10), {}, '"x"'),
    (budget_share, (TIDY.assign(year=[2015, 2015, 2015, 2016]), 10), {}, "2015"),
    (budget_share, (TIDY, 10), {"first_year": 2030}, "2030"),
    (budget_share, (TIDY.to_dict(), 10), {}, "dict"),
    (remaining_budget, (-1, [1.0]), {}, "-1"),
    (remaining_budget, (10, [1.0, -2.0]), {}, "-2.0"),
    (remaining_budget, (10, [1.0]), {"integration": "simpson"}, '"simpson"'),
    (remaining_budget, (10, [1.0, 2.0]), {"integration": "trapezoid"}, "list"),
    (linear_trend, ([1.0, 2.0],), {}, "list"),
    (linear_trend, (pd.Series([1.0], index=[2020]),), {}, "1"),
    (linear_trend, (pd.Series([1.0, -3.0], index=[2020, 2021]),), {}, "-3.0"),
    (lad_trend, (pd.Series([1.0, 2.0], index=["a", "b"]),), {}, "'a'"),
    (trend_pathway, ("line", 2025), {}, "str"),
    (budget_exhaustion_year, (100, -5, 0, 2025), {}, "-5"),
    (budget_exhaustion_year, (100, 5, "fast", 2025), {}, '"fast"'),
]


@pytest.mark.parametrize("func, args, kwargs, fragment", CASES,
                         ids=[f"{c[0].__name__}-{i}" for i, c in enumerate(CASES)])
def test_bad_input_raises_clear_swedish_error(func, args, kwargs, fragment):
    with pytest.raises(ValueError) as excinfo:
        func(*args, **kwargs)
    message = str(excinfo.value)
    assert fragment in message, message
    assert any(word in message for word in SWEDISH_WORDS), message
    # raised by our own check, not by NumPy/pandas internals
    raising_file = Path(excinfo.traceback[-1].path)
    assert raising_file in CHECK_FILES or PACKAGE_DIR in raising_file.parents, raising_file


def test_unknown_method_message_exact():
    with pytest.raises(ValueError) as excinfo:
        required_annual_reduction(1, 10, "expo")
    assert str(excinfo.value) == ('Okänd metod "expo". Giltiga metoder: "exponential", '
                                  '"geometric", "target_year".')


def test_numpy_scalars_are_accepted():
    r = required_annual_reduction(np.float64(10), np.int64(50), years=np.int32(5))
    assert r == pytest.approx(0.18126924692201815)
    path = pathway(np.float32(10), np.int64(2025), rate=np.float64(0.1))
    assert path.index[0] == 2025


# --- the checks added for widgets and lists of keys ----------------------------------------------


def test_option_names_the_control_and_the_valid_choices():
    assert checks.option("Linjär", {"Linjär": 1, "Geometrisk": 2}, "Metod") == "Linjär"
    with pytest.raises(ValueError) as excinfo:
        checks.option("Cirkel", ("Över tid", "Länet"), "Diagram")
    assert str(excinfo.value) == 'Okänt val för Diagram: "Cirkel". Välj ett av: "Över tid", "Länet".'
    with pytest.raises(ValueError, match=r"Okänt val för Startår: \[2024\]"):
        checks.option([2024], {2024: "a"}, "Startår")  # unhashable against a dict


def test_number_in_range_includes_both_ends():
    assert checks.number_in_range(0, 0, 10, "rate", "kalkylränta") == 0.0
    assert checks.number_in_range(10, 0, 10, "rate", "kalkylränta") == 10.0
    with pytest.raises(ValueError, match=r"rate \(kalkylränta\) måste ligga mellan 0 och 10 procent, fick 10.5"):
        checks.number_in_range(10.5, 0, 10, "rate", "kalkylränta", " procent")
    with pytest.raises(ValueError, match='"4"'):
        checks.number_in_range("4", 0, 10, "rate", "kalkylränta")


def test_keys_are_distinct_valid_and_a_string_is_one_key():
    valid = ("industry", "transport")
    assert checks.keys("industry", valid, "exclude", "sektor", "sektorer") == ("industry",)
    assert checks.keys(["transport", "industry", "transport"], valid, "exclude", "sektor", "sektorer") == (
        "transport", "industry")
    assert checks.keys(None, valid, "exclude", "sektor", "sektorer") == ()
    with pytest.raises(ValueError, match='Okänd sektor "steel" för exclude. Giltiga sektorer: "industry", "transport"'):
        checks.keys(["steel"], valid, "exclude", "sektor", "sektorer")
    with pytest.raises(ValueError, match="lista med sektorer, fick 5"):
        checks.keys(5, valid, "exclude", "sektor", "sektorer")


def test_table_in_place_checks_like_table_and_returns_the_same_frame():
    import pandas as pd
    frame = pd.DataFrame({"name": ["a", "b"], "t": [1.0, 2.0], "year": [2020, 2021]})
    spec = {"name": "text", "t": "non_negative", "year": "year"}
    assert checks.table_in_place(frame, spec, "tabellen") is frame
    for column, value, match in (("t", -1.0, "kolumnen t på rad 2 måste vara ett tal ≥ 0, fick -1.0"),
                                 ("t", float("inf"), "kolumnen t på rad 2"),
                                 ("year", 2200, "kolumnen year på rad 2 måste vara ett årtal"),
                                 ("name", 3, "kolumnen name på rad 2 måste vara en text")):
        bad = frame.copy()
        bad[column] = bad[column].astype(object)
        bad.iat[1, bad.columns.get_loc(column)] = value
        with pytest.raises(ValueError, match=match):
            checks.table_in_place(bad, spec, "tabellen")
    with pytest.raises(ValueError, match=r"saknar kolumnerna \['t'\]"):
        checks.table_in_place(frame.drop(columns="t"), spec, "tabellen")
    text_numbers = frame.assign(t=["1", "2"])
    with pytest.raises(ValueError, match='kolumnen t på rad 1 måste vara ett tal ≥ 0, fick "1"'):
        checks.table_in_place(text_numbers, spec, "tabellen")


def test_table_checks_numeric_columns_as_a_whole_with_the_same_messages():
    # a column of numpy numbers (as a model returns it) is checked in one pass: the same row-named errors,
    # empty cells allowed only in optional columns, pandas' nullable integers still cell by cell
    frame = pd.DataFrame({"name": ["a", "b"], "t": [1.0, 2.0], "year": [2020, 2021]})
    spec = {"name": "text", "t": "non_negative", "year": "year"}
    for column, value, match in (("t", -1.0, "kolumnen t på rad 2 måste vara ett tal ≥ 0, fick -1.0"),
                                 ("t", np.nan, "kolumnen t på rad 2 måste vara ett tal ≥ 0, fick nan"),
                                 ("t", 1e300, "kolumnen t på rad 2"),
                                 ("year", 2200, "kolumnen year på rad 2 måste vara ett årtal")):
        bad = frame.copy()
        bad.iat[1, bad.columns.get_loc(column)] = value
        assert bad[column].dtype.kind in "if"
        with pytest.raises(ValueError, match=match):
            checks.table(bad, spec, "tabellen", label=None)
    typed = checks.table(frame, spec, "tabellen")
    assert typed["t"].dtype == np.float64 and typed["year"].dtype == np.int64
    assert typed.equals(frame)
    optional = checks.table(frame.assign(t=[1.0, np.nan]), {"name": "text"}, "tabellen", optional={"t": "number"})
    assert optional["t"].isna().tolist() == [False, True]
    nullable = frame.assign(year=pd.array([2020, None], dtype="Int64"))
    with pytest.raises(ValueError, match="kolumnen year på rad 2 måste vara ett årtal.*saknat värde"):
        checks.table(nullable, spec, "tabellen")


# ----------------------------------------------------------------------------- issue 14: bad input in checks itself
@pytest.mark.parametrize("value, shown", [
    (float("nan"), "nan (ett odefinierat tal)"), (float("inf"), "inf (oändligt)"),
    (float("-inf"), "-inf (minus oändligt)"), (np.float64("nan"), "nan (ett odefinierat tal)"),
    (10 ** 400, "ett heltal med 401 siffror"), (-(10 ** 400), "ett heltal med 401 siffror"),
])
def test_show_names_non_finite_and_huge_numbers_in_swedish(value, shown):
    assert checks.show(value) == shown


@pytest.mark.parametrize("value", ["1,000", None, [1, "a"], {"a": 1}, b"1"])
def test_finite_result_refuses_text_and_other_types_with_a_swedish_type_error(value):
    with pytest.raises(TypeError, match="måste vara ett tal eller en samling tal"):
        checks.finite_result(value, "kostnad", "kr per ton")


@pytest.mark.parametrize("value", [float("nan"), float("inf"), 10 ** 400, [1.0, float("nan")]])
def test_finite_result_refuses_nan_inf_and_overflow(value):
    with pytest.raises(ValueError, match="går inte att räkna ut"):
        checks.finite_result(value, "kostnad", "kr per ton")


def test_instance_refuses_a_nan_of_the_right_type():
    assert checks.instance(1.5, float, "x", "ett tal") == 1.5
    with pytest.raises(ValueError, match="ändligt tal, fick nan"):
        checks.instance(float("nan"), float, "x", "ett tal")


@pytest.mark.parametrize("kind, values, required, ok", [
    # (kind, a column of numpy numbers, required?, passes?) - decided by hand from KINDS
    ("number", [-5.0, 1e15], True, True), ("number", [0.0, 1.1e15], True, False),
    ("number", [1.0, float("nan")], True, False), ("number", [1.0, float("nan")], False, True),
    ("number", [1.0, float("-inf")], False, False), ("number", [float("nan"), float("nan")], False, True),
    ("non_negative", [0.0, 3.0], True, True), ("non_negative", [-0.5, 3.0], True, False),
    ("non_negative", [0, 7], True, True), ("non_negative", [-1, 7], True, False),
    ("positive", [0.1, 3.0], True, True), ("positive", [-0.0, 3.0], True, False), ("positive", [0, 2], True, False),
    ("integer", [1.0, -4.0], True, True), ("integer", [1.0, 2.5], True, False), ("integer", [10 ** 15, 3], True, True),
    ("integer", [2, float("inf")], True, False), ("integer", [2.0, float("nan")], False, True),
    ("year", [1900, 2100], True, True), ("year", [1899, 2000], True, False), ("year", [2000.0, 2101.0], True, False),
    ("year", [2020.5, 2021.0], True, False), ("year", np.array([2020, 2021], dtype=np.uint16), True, True),
])
def test_table_in_place_judges_numpy_columns_as_table_does(kind, values, required, ok):
    # the quick path for numpy columns must accept exactly what table accepts, and a bad column gets table's message
    frame = pd.DataFrame({"name": ["a", "b"], "x": values})
    spec, optional = ({"x": kind}, None) if required else ({}, {"x": kind})
    if ok:
        assert checks.table_in_place(frame, spec, "tabellen", optional=optional) is frame
        checks.table(frame, spec, "tabellen", optional=optional)
        return
    with pytest.raises(ValueError) as from_table:
        checks.table(frame, spec, "tabellen", optional=optional)
    with pytest.raises(ValueError) as in_place:
        checks.table_in_place(frame, spec, "tabellen", optional=optional)
    assert str(in_place.value) == str(from_table.value)
    assert "kolumnen x på rad" in str(in_place.value)


def test_table_in_place_of_an_empty_table():
    empty = pd.DataFrame({"x": np.array([], dtype=float)})
    assert checks.table_in_place(empty, {"x": "positive"}, "tabellen", allow_empty=True) is empty
    with pytest.raises(ValueError, match="tabellen är tom: minst en rad krävs"):
        checks.table_in_place(empty, {"x": "positive"}, "tabellen")


def test_table_in_place_checks_numpy_columns_without_the_cell_by_cell_table(monkeypatch):
    frame = pd.DataFrame({"name": ["a", "b"], "t": [1.0, 2.0], "year": [2020, 2021], "n": [0, 3]})
    monkeypatch.setattr(checks, "table", lambda *a, **k: pytest.fail("table_in_place took the slow path"))
    assert checks.table_in_place(frame, {"name": "text", "t": "positive", "year": "year"}, "tabellen",
                                 optional={"n": "non_negative", "m": "number"}) is frame


def test_yearly_numbers_on_years_take_the_fast_path_to_the_same_result_or_error():
    """Numbers on an integer year index are checked as whole arrays; the result (or the Swedish error)
    must be the one the cell-by-cell check gives the same values as Python objects."""
    rng = np.random.default_rng(0)
    outcomes = set()
    for case in range(400):
        n = int(rng.integers(1, 30))
        years = rng.choice(np.arange(1890, 2110) if case % 7 == 0 else np.arange(1990, 2060), n,
                           replace=case % 5 == 0)
        x = rng.normal(100, 100, n)
        if case % 3 == 0:
            x[rng.random(n) < 0.3] = np.nan
        if case % 11 == 0:
            x[0] = np.inf
        if case % 13 == 0:
            x[0] = 1e16
        values = x.astype(np.float32) if case % 3 == 1 else x
        if case % 3 == 2:
            values = np.nan_to_num(x, nan=0, posinf=0).round().astype(int)
        s = pd.Series(values, index=pd.Index(years.astype((np.int64, np.int32, np.uint16)[case % 3]),
                                             name=("year", None)[case % 2]), name=("co2", None)[case % 2])
        for non_negative in (False, True):
            results = []
            for given in (s, s.astype(object)):
                try:
                    results.append(checks.yearly(given, "history", "utsläpp", non_negative=non_negative))
                except ValueError as error:
                    results.append(str(error))
            fast, cell_by_cell = results
            if isinstance(fast, str):
                assert fast == cell_by_cell
            else:
                pd.testing.assert_series_equal(fast, cell_by_cell)
            outcomes.add(isinstance(fast, str))
    assert outcomes == {True, False}
