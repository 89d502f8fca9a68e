"""Build the book into _build/html, offline, with warnings as errors.

Guards against the known Jupyter Book 1 traps:
- the execution cache hashes only code cells: when models/, data/ or the pins change,
  the cache and doctrees are cleared so every notebook re-executes;
- a stray .ipynb next to a .md source would take over the page's launch link: refuse;
- a failing notebook must fail the build: nb_execution_raise_on_error + checking
  _build/html/reports for execution error logs.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time

from booktools import BUILD, JUPYTER_BOOK, ROOT, inputs_hash, stray_ipynb

STAMP = BUILD / ".stratus-inputs.sha256"
STALE_WITH_INPUTS = (".jupyter_cache", "jupyter_execute", ".doctrees")


def clear_stale_cache() -> None:
    current = inputs_hash()
    previous = STAMP.read_text().strip() if STAMP.exists() else None
    if previous != current:
        for name in STALE_WITH_INPUTS:
            shutil.rmtree(BUILD / name, ignore_errors=True)
        if previous is not None:
            print("models/, data/ eller beroenden har ändrats: kör om alla notebooks.")


def main() -> int:
    strays = stray_ipynb()
    if strays:
        listing = "\n  ".join(str(p.relative_to(ROOT)) for p in strays)
        print(f"Ta bort .ipynb-filerna bland bokens källor innan bygget:\n  {listing}", file=sys.stderr)
        return 1
    clear_stale_cache()
    shutil.rmtree(BUILD / "html" / "reports", ignore_errors=True)
    env = dict(os.environ, OMP_NUM_THREADS="1", PYDEVD_DISABLE_FILE_VALIDATION="1",
               JUPYTER_PREFER_ENV_PATH="1")
    cmd = [JUPYTER_BOOK, "build", str(ROOT),
           "--builder", "html", "-W", "-n", "--keep-going"]
    start = time.monotonic()
    result = subprocess.run(cmd, cwd=ROOT, env=env)
    elapsed = time.monotonic() - start
    reports = sorted((BUILD / "html" / "reports").glob("**/*.log"))
    if result.returncode != 0 or reports:
        for log in reports:
            print(f"\n--- {log.relative_to(ROOT)} ---\n{log.read_text(encoding='utf-8')}", file=sys.stderr)
        print(f"Bokbygget misslyckades efter {elapsed:.0f} s.", file=sys.stderr)
        return result.returncode or 1
    STAMP.write_text(inputs_hash())
    index = BUILD / "html" / "index.html"
    print(f"Boken är byggd på {elapsed:.0f} s. Öppna: {index.as_uri()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
