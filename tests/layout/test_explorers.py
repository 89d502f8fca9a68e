"""Every explorer hands its widget back through ``models.common.widgets.opened`` (CONTRIBUTING.md)."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXPLORERS = sorted(p for p in (ROOT / "models" / "widgets").rglob("*.py")
                   if "def explorer(" in p.read_text(encoding="utf-8"))


def test_the_explorers_are_found():
    assert len(EXPLORERS) >= 14


@pytest.mark.parametrize("path", EXPLORERS, ids=lambda p: str(p.relative_to(ROOT / "models" / "widgets")))
def test_an_explorer_returns_through_opened(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    explorer = next(n for n in tree.body if isinstance(n, ast.FunctionDef) and n.name == "explorer")
    returns = [n for n in explorer.body if isinstance(n, ast.Return)]    # its own returns, not a callback's
    assert returns, f"{path.name}: explorer() returnerar inget"
    for node in returns:
        call = node.value
        assert isinstance(call, ast.Call) and getattr(call.func, "id", None) == "opened", \
            f"{path.name}:{node.lineno}: explorer() ska returnera opened(…)"
