"""Shared pytest setup: the book-build fixture and the check that nbval ran every toc notebook."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from booktools import BUILD, ROOT, toc_notebooks

NBTEST = BUILD / "nbtest"


def pytest_collection_finish(session):
    """With nbval on, every notebook in _toc.yml must have been collected for execution."""
    config = session.config
    if not (config.getoption("nbval", default=False) or config.getoption("nbval_lax", default=False)):
        return
    collected = {Path(str(item.path)).resolve() for item in session.items if str(item.path).endswith(".ipynb")}
    expected = {(NBTEST / nb.relative_to(ROOT).with_suffix(".ipynb")).resolve() for nb in toc_notebooks()}
    missing = sorted(str(p.relative_to(ROOT)) for p in expected - collected)
    if missing:
        raise pytest.UsageError(
            "These notebooks are in _toc.yml but were not collected by nbval "
            f"(run scripts/nbtest.py and pass _build/nbtest to pytest): {missing}"
        )


@pytest.fixture(scope="session")
def built_book():
    """Build the book once per session (warnings as errors); returns the html folder."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_book.py")],
        cwd=ROOT, capture_output=True, text=True,
    )
    if result.returncode != 0:
        pytest.fail(f"Book build failed:\n{result.stdout[-6000:]}\n{result.stderr[-6000:]}", pytrace=False)
    return BUILD / "html"
