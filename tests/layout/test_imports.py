"""The package layout of CONTRIBUTING.md, checked on the source: who may import whom.

Layers: ``models.common`` → ``models.data`` and the domain packages (``strategy``, ``transport``,
``solar``) → ``models.lessons.<chapter>`` → ``models.widgets.<chapter>`` / ``models.charts.<chapter>``.
Imports only run downward, never inside a function, and never form a cycle; the domain packages
read no files and draw nothing.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
MODELS = ROOT / "models"
DOMAINS = ("strategy", "transport", "solar")
CHAPTER_OF = {"strategi": "strategy", "transporter": "transport", "solel": "solar"}
FORBIDDEN_IN_DOMAIN = ("matplotlib", "ipywidgets", "IPython", "pvlib.iotools", "openpyxl")
READERS = ("read_csv", "read_excel", "read_text", "read_bytes", "read_epw", "load_workbook")


def modules() -> dict[str, Path]:
    found = {}
    for path in sorted(MODELS.rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found[name] = path
    return found


MODULES = modules()


def imported(name: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, at module level) for every import of ``models`` code in a file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    top = {id(node) for node in tree.body}
    top |= {id(n) for node in tree.body if isinstance(node, (ast.If, ast.Try)) for n in ast.walk(node)}
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            targets = [module] + [f"{module}.{alias.name}" for alias in node.names if f"{module}.{alias.name}" in MODULES]
        else:
            continue
        for target in targets:
            found.append((target, node.lineno, id(node) in top))
    return found


def layer(name: str) -> tuple[str, str | None]:
    parts = name.split(".")
    if len(parts) == 1:
        return "root", None
    if parts[1] in ("lessons", "widgets", "charts"):
        # a chapter is a folder; a module directly under the layer (models/widgets/_preload.py) is the book's
        chapter = parts[2] if len(parts) > 2 and (ROOT / "models" / parts[1] / parts[2]).is_dir() else None
        return parts[1], chapter
    return parts[1], None


ALLOWED = {
    "common": {"common"},
    "data": {"common", "data"},
    **{d: {"common", d} for d in DOMAINS},
    "lessons": {"common", "data", "lessons", *DOMAINS},
    "widgets": {"common", "data", "lessons", "widgets", *DOMAINS},
    "charts": {"common", "data", "lessons", "charts", *DOMAINS},
    "root": set(),
}


def test_every_import_runs_downward():
    problems = []
    for name, path in MODULES.items():
        kind, chapter = layer(name)
        for target, line, _ in imported(name, path):
            if not target.startswith("models.") and target != "models":
                continue
            if target == "models":
                continue
            their_kind, their_chapter = layer(target)
            if their_kind not in ALLOWED.get(kind, set()):
                problems.append(f"{path.relative_to(ROOT)}:{line} imports {target} ({kind} may not import {their_kind})")
            elif kind in ("lessons", "widgets", "charts") and their_kind in ("lessons", "widgets", "charts"):
                # book-level modules directly under models/lessons (e.g. the kommun profiles) use every chapter
                if chapter in CHAPTER_OF and their_chapter and chapter != their_chapter:
                    problems.append(f"{path.relative_to(ROOT)}:{line} imports another chapter's {target}")
            if kind in ("lessons", "widgets", "charts") and chapter and their_kind in DOMAINS:
                if CHAPTER_OF.get(chapter) not in (None, their_kind) and their_kind != "strategy":
                    problems.append(f"{path.relative_to(ROOT)}:{line} imports another chapter's domain package {target}")
            if kind in DOMAINS and their_kind in DOMAINS and their_kind != kind:
                problems.append(f"{path.relative_to(ROOT)}:{line}: domain package {kind} imports {their_kind}")
    assert not problems, "\n".join(problems)


def test_no_imports_inside_functions():
    problems = [f"{path.relative_to(ROOT)}:{line} imports {target} inside a function"
                for name, path in MODULES.items() for target, line, top in imported(name, path)
                if not top and target.startswith("models")]
    assert not problems, "\n".join(problems)


def test_no_import_cycles():
    graph = {name: {t for t, _, _ in imported(name, path) if t in MODULES and t != name} for name, path in MODULES.items()}
    # a package's __init__ importing its own submodules is the normal direction; ignore child -> own parent edges
    for name in graph:
        graph[name] = {t for t in graph[name] if not name.startswith(t + ".")}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        for nxt in graph[node]:
            if state.get(nxt) == 1:
                cycles.append(" → ".join(stack[stack.index(nxt):] + [nxt]))
            elif state.get(nxt) is None:
                visit(nxt, stack + [nxt])
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node, [node])
    assert not cycles, "\n".join(cycles)


@pytest.mark.parametrize("domain", DOMAINS)
def test_domain_packages_are_pure(domain):
    folder = MODELS / domain
    if not folder.is_dir():
        pytest.skip(f"models/{domain} finns inte ännu")
    problems = []
    for path in sorted(folder.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            for module in names:
                if module.startswith(FORBIDDEN_IN_DOMAIN):
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno} imports {module}")
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                if called in READERS or called == "open":
                    problems.append(f"{path.relative_to(ROOT)}:{node.lineno} calls {called}(): domain code reads no files")
    assert not problems, "\n".join(problems)
