"""Benchmarks for what a learner waits on (widget updates): `make bench`.

Runs every ``bench_*`` function of every ``benchmarks/bench_*.py`` module once per value in
the module's ``CASES`` (after its optional ``setup()``), and prints median and worst times.
Functions named ``bench_recompute*`` are the model part of a widget update and must stay
under BUDGET_MS; the script exits non-zero if one does not. Not part of `make test`:
timings don't belong in pass/fail tests.
"""
from __future__ import annotations

import importlib.util
import statistics
import sys
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
BUDGET_MS = 100.0
REPEAT = 2


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(module) -> list[tuple[str, float, float]]:
    if hasattr(module, "setup"):
        module.setup()
    cases = getattr(module, "CASES", [None])
    results = []
    for name in sorted(n for n in dir(module) if n.startswith("bench_")):
        func = getattr(module, name)
        samples = []
        for case in cases:
            for _ in range(REPEAT):
                start = time.perf_counter()
                func() if case is None else func(case)
                samples.append((time.perf_counter() - start) * 1000)
        results.append((f"{module.__name__}.{name}", statistics.median(samples), max(samples)))
    return results


def main() -> int:
    too_slow = []
    for path in sorted((ROOT / "benchmarks").glob("bench_*.py")):
        for label, median, worst in run(load(path)):
            print(f"{label:<50} median {median:8.1f} ms   max {worst:8.1f} ms")
            if ".bench_recompute" in label and median >= BUDGET_MS:
                too_slow.append(label)
    if too_slow:
        print(f"För långsamt (modellens omräkning ska ta under {BUDGET_MS:.0f} ms): {', '.join(too_slow)}")
        return 1
    print(f"Alla omräkningar under {BUDGET_MS:.0f} ms.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
