"""Property-based fuzzing of every public function (issue 14).

For each entry in :data:`fuzz_registry.REGISTRY`, hypothesis replaces up to two arguments of a valid call
with bad values (wrong types, NaN/inf, huge ints, unknown names, damaged tables/files/bytes, bad
paths) and the call must follow :mod:`fuzzlib`'s rule. Fixed budget per function, derandomized
(the same examples on every run), no deadline.
"""
from __future__ import annotations

import copy
import importlib
import inspect

import matplotlib
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import fuzzlib
from fuzz_registry import KNOWN_FAILURES, REGISTRY, XLSX_OUT
from test_registry import expected

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def function_for(qualname: str):
    module, _, name = qualname.rpartition(".")
    return getattr(importlib.import_module(module), name)


def fresh(value):
    """A copy of a valid argument, so a function that modifies its input never spoils the next call."""
    if hasattr(value, "copy") and not isinstance(value, (str, bytes)):
        try:
            return value.copy()
        except TypeError:
            return value
    return value


NAMES = [pytest.param(n, marks=pytest.mark.xfail(reason=KNOWN_FAILURES[n], strict=False)) if n in KNOWN_FAILURES
         else n for n in sorted(REGISTRY) if n in set(expected())]


@pytest.mark.parametrize("qualname", NAMES)
def test_bad_input_gives_a_swedish_error_or_a_valid_result(qualname, tmp_path):
    spec = REGISTRY[qualname]
    function = function_for(qualname)
    parameters = [p for p in inspect.signature(function).parameters.values()
                  if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)]
    folder = tmp_path
    valid = {}
    for p in parameters:
        if p.name in spec.args:
            value = fuzzlib.resolve(spec.args[p.name])
            valid[p.name] = folder / value if isinstance(value, str) and value == XLSX_OUT else value
        elif p.default is not inspect.Parameter.empty:
            valid[p.name] = p.default
        else:
            pytest.fail(f"{qualname}: ingen giltig exempelvärde för argumentet {p.name!r} i fuzz_registry.py")
    fuzzable = [p.name for p in parameters if p.name not in spec.fixed]
    strategies = {n: fuzzlib.resolve(spec.bad[n]) if n in spec.bad else fuzzlib.bad_for(valid[n], n, folder)
                  for n in fuzzable}

    def attempt(kwargs, replaced):
        where = f"{qualname}({', '.join(f'{k}={fuzzlib.show(kwargs[k])}' for k in replaced) or 'giltiga argument'})"
        before = fuzzlib.snapshot(folder)
        try:
            result = fuzzlib.call(function, kwargs)
        except BaseException as error:  # noqa: BLE001 - the rule decides
            fuzzlib.check_error(error, where)
            if spec.writes:
                left = fuzzlib.snapshot(folder) - before
                assert not left, f"{where}: lämnade filer efter ett fel: {sorted(left)}"
        else:
            fuzzlib.check_result(result, spec, where)
            if spec.check is not None:
                spec.check(result, kwargs)
            if spec.writes:
                fuzzlib.check_written(folder, before, where)
        finally:
            plt.close("all")

    try:
        if not fuzzable:
            attempt(dict(valid), [])
            return

        @settings(max_examples=spec.examples, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck), print_blob=False,
                  phases=(Phase.explicit, Phase.generate), report_multiple_bugs=False)
        @given(st.data())
        def run(data):
            chosen = data.draw(st.lists(st.sampled_from(fuzzable), max_size=min(2, len(fuzzable)), unique=True),
                               label="argument")
            kwargs = {k: fresh(v) for k, v in valid.items()}
            for name in chosen:
                kwargs[name] = data.draw(strategies[name], label=name)
            attempt(kwargs, chosen)

        run()
    finally:
        for path in folder.rglob("*"):
            if path.is_dir():
                path.chmod(0o755)  # so pytest can remove its tmp folder
