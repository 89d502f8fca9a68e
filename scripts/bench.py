"""What a learner and a facilitator wait on, measured (issue 13): `make bench`.

Parts (``--parts a,b``; `make bench PARTS=a,b`); the default is ``widgets,kernels,site``:

* ``widgets`` – every control of every explorer across its range, end to end (model, figure,
  tables, display formatting): p50/p95 per explorer and per control (benchmarks/widget_latency.py);
* ``kernels`` – model kernels against a naive baseline in the same run (benchmarks/kernels.py);
* ``site`` – static-site chart redraw in Chromium per lesson (benchmarks/bench_site_charts.py;
  skipped with a message when _build/html or Chromium is missing);
* ``lessons`` – the lessons' own ``bench_*`` functions (benchmarks/bench_<chapter>_<stem>.py:
  model part of an update, first draws), run once per ``CASES`` value after ``setup()``;
  ``bench_recompute*`` must stay under 100 ms (median);
* ``build`` – clean book build, unchanged rebuild, rebuild after a change in models/, and each
  notebook's execution time, in a copy in /tmp under the shared build lock (some minutes);
* ``test`` – the whole `make test` in a copy (about 15 minutes of both cores);
  ``--test-command "..."`` times another command instead (a stand-in to try the harness).

Results go to benchmarks/results.json (machine, versions, date and load average per part;
parts not run keep their previous section) and benchmarks/results.md (readable summary).
Timings are not pass/fail tests: the exit code is 0 unless a part crashed, or, with
``--strict``, a target was missed.
"""
from __future__ import annotations

import argparse
import importlib.util
import shlex
import statistics
import sys
import time
import traceback
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "benchmarks"
# benchmarks/ on the path; ``models`` comes from the venv's editable install, or from
# PYTHONPATH=<a copy of the repository> to measure another tree (e.g. a `git archive HEAD` copy
# while the working tree is being edited).
if str(BENCHMARKS) not in sys.path:
    sys.path.insert(0, str(BENCHMARKS))

import bench_site_charts  # noqa: E402  (benchmarks/ is on the path from here on)
import build_times  # noqa: E402
import kernels  # noqa: E402
import report  # noqa: E402
import widget_latency  # noqa: E402

PARTS = ("widgets", "kernels", "site", "lessons", "build", "test")
DEFAULT_PARTS = ("widgets", "kernels", "site")
BUDGET_MS = 100.0
REPEAT = 2
# Modules under benchmarks/ that are not per-lesson bench_* modules of the ``lessons`` part.
NOT_LESSONS = ("bench_site_charts", "bench_hub")


def load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_module(module) -> list[tuple[str, float, float]]:
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


def lessons(echo=print) -> dict:
    """The ``lessons`` part: every bench_* function of the per-lesson modules."""
    items, too_slow = [], []
    for path in sorted(BENCHMARKS.glob("bench_*.py")):
        if path.stem in NOT_LESSONS:
            continue
        for label, median, worst in run_module(load(path)):
            echo(f"  {label:<60} median {median:8.1f} ms   max {worst:8.1f} ms")
            budget = BUDGET_MS if ".bench_recompute" in label else None
            items.append({"name": label, "median_ms": round(median, 2), "max_ms": round(worst, 2),
                          "target_ms": budget, "met": None if budget is None else median < budget})
            if budget is not None and median >= budget:
                too_slow.append(label)
    if too_slow:
        echo(f"  För långsamt (modellens omräkning ska ta under {BUDGET_MS:.0f} ms): {', '.join(too_slow)}")
    return {"items": items, "met": not too_slow, "repeat_per_case": REPEAT}


def run_part(part: str, args, echo=print) -> dict:
    if part == "widgets":
        return widget_latency.run(only=args.only, passes=args.passes, echo=echo)
    if part == "kernels":
        return kernels.run(repeat=args.repeat, echo=echo)
    if part == "site":
        return bench_site_charts.run(echo=echo)
    if part == "lessons":
        return lessons(echo)
    if part == "build":
        return build_times.run_build(source=args.source, echo=echo, keep=args.keep)
    if part == "test":
        command = shlex.split(args.test_command) if args.test_command else None
        return build_times.run_test(command, source=args.source, echo=echo, keep=args.keep)
    raise ValueError(part)


def missed(section: dict) -> bool:
    """True when a part's section records a missed target."""
    if section.get("met") is False:
        return True
    rows = section.get("kernels", []) + section.get("items", [])
    return any(r.get("met") is False for r in rows)


def parse(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parts", default=",".join(DEFAULT_PARTS),
                        help=f"kommaseparerade delar av {', '.join(PARTS)} (standard: {','.join(DEFAULT_PARTS)}; 'all')")
    parser.add_argument("--only", help="bara utforskare vars modulnamn innehåller texten (del widgets)")
    parser.add_argument("--passes", type=int, default=2, help="svep per reglage (1:a = första gången, 2:a = återbesök)")
    parser.add_argument("--repeat", type=int, default=5, help="upprepningar per modellkärna")
    parser.add_argument("--source", choices=("head", "worktree"), default="head",
                        help="kopian för build/test: senaste commit (standard) eller arbetskatalogen")
    parser.add_argument("--test-command", help="kommando att tidsmäta i stället för `make test` (del test)")
    parser.add_argument("--keep", action="store_true", help="behåll kopian i /tmp efter build/test")
    parser.add_argument("--no-save", action="store_true", help="skriv inte results.json/results.md")
    parser.add_argument("--strict", action="store_true", help="slutkod 1 om ett mål missas")
    args = parser.parse_args(argv)
    parts = PARTS if args.parts.strip() == "all" else tuple(p.strip() for p in args.parts.split(",") if p.strip())
    unknown = [p for p in parts if p not in PARTS]
    if unknown:
        parser.error(f"okänd del {', '.join(unknown)}; giltiga: {', '.join(PARTS)} eller all")
    return args, parts


def main(argv=None) -> int:
    args, parts = parse(argv)
    crashed, missed_any = [], False
    for part in parts:
        echo = print
        echo(f"\n== {part} ==")
        section = {"machine": report.machine()}
        started = time.perf_counter()
        try:
            section.update(run_part(part, args, echo))
        except Exception as error:
            traceback.print_exc()
            section["error"] = f"{type(error).__name__}: {error}"
            crashed.append(part)
        section["part_seconds"] = round(time.perf_counter() - started, 1)
        missed_any |= missed(section)
        if part == "widgets" and args.only:
            section["only"] = args.only
        if not args.no_save:                      # after every part: a long run keeps what it has;
            results = report.load_results()       # re-read, so a run of other parts meanwhile is kept
            results[part] = section
            report.save(results)
    if not args.no_save:
        print(f"\nSkrev {report.RESULTS_JSON.relative_to(ROOT)} och {report.RESULTS_MD.relative_to(ROOT)}.")
    if crashed:
        print(f"Delar som kraschade: {', '.join(crashed)}", file=sys.stderr)
        return 1
    return 1 if (args.strict and missed_any) else 0


if __name__ == "__main__":
    sys.exit(main())
