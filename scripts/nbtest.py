"""Convert every notebook in the toc from MyST Markdown to .ipynb under _build/nbtest/
(a mirror tree, never next to the sources) so nbval can execute them.

Usage: python scripts/nbtest.py   (the Makefile's `test` target runs it before pytest)
"""
from __future__ import annotations

import shutil
import sys

import jupytext

import kommunprofiler
from booktools import BUILD, ROOT, toc_notebooks

NBTEST = BUILD / "nbtest"


def convert_all() -> list:
    shutil.rmtree(NBTEST, ignore_errors=True)
    written = []
    for source in toc_notebooks():
        target = NBTEST / source.relative_to(ROOT).with_suffix(".ipynb")
        target.parent.mkdir(parents=True, exist_ok=True)
        jupytext.write(jupytext.read(source), target)
        written.append(target)
    return written


if __name__ == "__main__":
    kommunprofiler.main()  # the generated profile pages are in the toc
    notebooks = convert_all()
    print(f"{len(notebooks)} notebooks från _toc.yml konverterade till {NBTEST.relative_to(ROOT)}/")
    sys.exit(0 if notebooks else 1)
