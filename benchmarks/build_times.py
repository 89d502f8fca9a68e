"""Book build and test-suite timings (issue 13): the ``build`` and ``test`` parts of `make bench`.

Both run in a copy of the repository in /tmp, never in the working tree, so its _build/ (and
its jupyter-cache) is never touched:

* the copy is ``git archive HEAD`` (the committed state, as a fresh clone has it; ``--source
  worktree`` copies the tracked and untracked-but-not-ignored files of the working tree
  instead), with node_modules/ (and hub/node_modules/) linked to the working tree's;
* ``PYTHONPATH`` points at the copy, so the notebooks' kernels import the copy's ``models``
  (the venv's editable install would otherwise point back at the working tree);
* every command that builds the book runs under ``flock /tmp/stratus-build.lock`` (a
  concurrent build corrupts the jupyter cache) after ``pgrep -f build_book.py`` is empty;
  the time is measured from when the lock is held, so waiting for another build is excluded.

``build``: a clean build (nothing cached, every notebook executed), a rebuild with nothing
changed, and a rebuild after a change in models/ (a comment line appended to one module: the
build's cache key is a hash of the contents of models/, data/ and the pins, so touching a file's
mtime alone changes nothing and would time the same as the unchanged rebuild), plus each
notebook's execution time from the copy's jupyter-cache. ``test``: the whole `make test` in
its own copy (about 15 minutes of both cores: the lead runs it).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jupyter_cache import get_cache

ROOT = Path(__file__).resolve().parent.parent
LOCK = "/tmp/stratus-build.lock"
TARGETS_S = {"clean_build": 300.0, "unchanged_rebuild": 30.0, "rebuild_after_models_change": None,
             "make_test": 900.0}
CHANGED_MODULE = Path("models") / "common" / "formatting.py"
LINKED = ("node_modules", "hub/node_modules")
# `make test` with the install steps' stamps taken as up to date (-o): the copy shares the
# working tree's installed .venv and node_modules and must never reinstall into them.
MAKE_TEST = ["make", "-o", ".venv/.stratus-installed", "-o", "node_modules/.stratus-installed",
             "-o", ".venv/.stratus-hub-installed", "-o", "hub/node_modules/.stratus-installed", "test"]


def make_copy(source: str = "head", prefix: str = "stratus-bench-") -> Path:
    """A copy of the repository in a new /tmp folder (see the module docstring)."""
    target = Path(tempfile.mkdtemp(prefix=prefix))
    if source == "head":
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD"], check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    elif source == "worktree":
        listing = subprocess.run(["git", "-C", str(ROOT), "ls-files", "-z", "-co", "--exclude-standard"],
                                 check=True, capture_output=True).stdout.decode().split("\0")
        for name in filter(None, listing):
            src = ROOT / name
            if src.is_file():
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target / name)
    else:
        raise ValueError(f"source måste vara 'head' eller 'worktree', fick {source!r}.")
    for name in LINKED:
        if (ROOT / name).is_dir() and not (target / name).exists():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            (target / name).symlink_to(ROOT / name)
    return target


def head_commit() -> str | None:
    """The commit ``git archive HEAD`` copies (None outside a git checkout)."""
    out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    return out.stdout.strip() or None


def wait_for_other_builds(timeout_s: float = 3600.0, echo=print) -> None:
    """Wait until no build_book.py runs (the shared rule), at most ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    said = False
    while subprocess.run(["pgrep", "-f", "build_book.py"], capture_output=True).stdout.strip():
        if not said:
            echo("  väntar på ett annat bokbygge (pgrep -f build_book.py) ...")
            said = True
        if time.monotonic() > deadline:
            raise TimeoutError("Ett annat bokbygge blev inte klart inom tidsgränsen.")
        time.sleep(5)


def locked(command: list[str], cwd: Path, env: dict, log: Path) -> tuple[int, float]:
    """Run ``command`` under ``flock LOCK``; (exit code, seconds from holding the lock to the end)."""
    shell = 'echo "STRATUS-BENCH-START $(date +%s.%N)"; exec "$@"'
    with log.open("w", encoding="utf-8") as out:
        proc = subprocess.run(["flock", LOCK, "sh", "-c", shell, "sh", *command], cwd=cwd, env=env,
                              stdout=out, stderr=subprocess.STDOUT)
    end = time.time()
    start = end
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        if line.startswith("STRATUS-BENCH-START "):
            start = float(line.split()[1])
            break
    return proc.returncode, end - start


def environment(copy: Path) -> dict:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(copy) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    env.pop("STRATUS_DATA_DIR", None)
    return env


def notebook_times(copy: Path) -> list[dict]:
    """Each notebook's execution time [s] from the copy's jupyter-cache (slowest first)."""
    cache = copy / "_build" / ".jupyter_cache"
    if not cache.is_dir():
        return []
    rows = []
    for record in get_cache(str(cache)).list_cache_records():
        seconds = (record.data or {}).get("execution_seconds")
        rows.append({"notebook": str(Path(record.uri).resolve().relative_to(copy.resolve())),
                     "execution_s": None if seconds is None else round(float(seconds), 1)})
    return sorted(rows, key=lambda r: -(r["execution_s"] or 0))


def _item(name: str, seconds: float | None, code: int | None, log: Path | None, note: str = "") -> dict:
    target = TARGETS_S.get(name)
    ok = code == 0
    return {"name": name, "seconds": None if seconds is None else round(seconds, 1), "exit_code": code,
            "target_s": target, "met": (seconds < target if ok else False) if target and seconds is not None else None,
            "log": None if log is None else log.name, "note": note}


def run_build(source: str = "head", echo=print, keep: bool = False) -> dict:
    """Clean build, unchanged rebuild, rebuild after a models/ change, per-notebook times."""
    commit = head_commit()
    copy = make_copy(source)
    env = environment(copy)
    command = [sys.executable, "scripts/build_book.py"]
    echo(f"  kopia: {copy} ({source})")
    items = []
    try:
        for name in ("clean_build", "unchanged_rebuild", "rebuild_after_models_change"):
            if name == "rebuild_after_models_change":
                with (copy / CHANGED_MODULE).open("a", encoding="utf-8") as handle:
                    handle.write("\n# make bench: a change in models/ (this copy only)\n")
            wait_for_other_builds(echo=echo)
            log = copy.parent / f"{copy.name}-{name}.log"
            code, seconds = locked(command, copy, env, log)
            note = f"en kommentarrad tillagd i {CHANGED_MODULE}" if name == "rebuild_after_models_change" else ""
            items.append(_item(name, seconds, code, log, note))
            echo(f"  {name:<30} {seconds:7.1f} s  (slutkod {code}, logg {log})")
            if code != 0:
                echo("  bygget misslyckades: hoppar över resten (se loggen)")
                break
        notebooks = notebook_times(copy)
        for row in notebooks:
            echo(f"    {row['notebook']:<56} {row['execution_s']} s")
    finally:
        if not keep:
            shutil.rmtree(copy, ignore_errors=True)
    return {"source": source, "commit": commit, "items": items, "notebooks": notebooks,
            "method": "copy in /tmp, flock /tmp/stratus-build.lock, PYTHONPATH=copy, scripts/build_book.py"}


def run_test(command: list[str] | None = None, source: str = "head", echo=print, keep: bool = False) -> dict:
    """The whole `make test` (or ``command``, e.g. a stand-in) in a copy, under the build lock."""
    commit = head_commit()
    copy = make_copy(source)
    (copy / ".venv").symlink_to(ROOT / ".venv")          # the same installed venv, no reinstall
    env = environment(copy)
    command = command or MAKE_TEST
    echo(f"  kopia: {copy}; kör {' '.join(command)}")
    try:
        wait_for_other_builds(echo=echo)
        log = copy.parent / f"{copy.name}-make_test.log"
        code, seconds = locked(command, copy, env, log)
        echo(f"  {' '.join(command):<30} {seconds:7.1f} s  (slutkod {code}, logg {log})")
    finally:
        if not keep:
            shutil.rmtree(copy, ignore_errors=True)
    if command != MAKE_TEST:     # a stand-in: its time is kept apart, the make_test figure stays empty
        item = _item("make_test", None, None, None, note="inte mätt: bara ett ersättningskommando tidsmättes; "
                     "kör `make bench PARTS=test` för den riktiga siffran")
        item["standin"] = {"command": command, "seconds": round(seconds, 1), "exit_code": code, "log": log.name}
    else:
        item = _item("make_test", seconds, code, log)
    return {"source": source, "commit": commit, "items": [item], "command": command}
