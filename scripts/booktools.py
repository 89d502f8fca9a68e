"""Small helpers shared by the build and test scripts: the table of contents,
which pages are notebooks, and the hash of everything a notebook's output depends on."""
from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TOC = ROOT / "_toc.yml"
BUILD = ROOT / "_build"
SOURCE_DIRS = ("book", "chapters")
# Everything notebook output depends on besides the notebook's own code cells.
# The execution cache hashes only code cells, so a change here must clear it.
# The jupyter-book command of the running environment (it has no `python -m` entry point).
JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")
CACHE_INPUTS = ("models", "data", "requirements.txt", "pyproject.toml", "_config.yml")


def _toc_entries(node) -> list[str]:
    """All `file:`/`root:` values in a (nested) _toc.yml structure, in order."""
    found: list[str] = []
    if isinstance(node, dict):
        for key in ("root", "file"):
            if key in node:
                found.append(node[key])
        for value in node.values():
            if isinstance(value, (list, dict)):
                found.extend(_toc_entries(value))
    elif isinstance(node, list):
        for item in node:
            found.extend(_toc_entries(item))
    return found


def toc_pages(toc: Path = TOC) -> list[str]:
    """Page names (paths without extension, relative to the repo root) listed in the toc."""
    return _toc_entries(yaml.safe_load(toc.read_text(encoding="utf-8")))


def page_path(page: str) -> Path | None:
    """The source file of a toc page, or None if it doesn't exist."""
    for suffix in (".md", ".ipynb"):
        candidate = ROOT / f"{page}{suffix}"
        if candidate.is_file():
            return candidate
    return None


def front_matter(path: Path) -> dict:
    """The YAML front matter of a Markdown file ({} if none)."""
    text = path.read_text(encoding="utf-8")
    if not text.startswith("---"):
        return {}
    end = text.find("\n---", 3)
    if end == -1:
        return {}
    return yaml.safe_load(text[3:end]) or {}


def is_notebook(path: Path) -> bool:
    """A MyST Markdown notebook: front matter with a jupytext section and a kernelspec."""
    meta = front_matter(path)
    return "jupytext" in meta and "kernelspec" in meta


def toc_notebooks(toc: Path = TOC) -> list[Path]:
    """Source files of every notebook page in the toc."""
    paths = [page_path(page) for page in toc_pages(toc)]
    return [p for p in paths if p is not None and p.suffix == ".md" and is_notebook(p)]


def all_notebooks() -> list[Path]:
    """Every MyST notebook under the book's source folders, in the toc or not."""
    return sorted(
        p for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.md")
        if "_build" not in p.parts and ".ipynb_checkpoints" not in p.parts and is_notebook(p)
    )


def stray_ipynb() -> list[Path]:
    """.ipynb files lying among the book sources (they'd hijack the page's launch link)."""
    return sorted(
        p for d in SOURCE_DIRS for p in (ROOT / d).rglob("*.ipynb")
        if ".ipynb_checkpoints" not in p.parts
    )


def inputs_hash(root: Path = ROOT) -> str:
    """SHA-256 over the files that notebook outputs depend on (see CACHE_INPUTS)."""
    digest = hashlib.sha256()
    for name in CACHE_INPUTS:
        target = root / name
        if not target.exists():
            continue
        files = [target] if target.is_file() else sorted(
            p for p in target.rglob("*") if p.is_file() and "__pycache__" not in p.parts
        )
        for path in files:
            digest.update(str(path.relative_to(root)).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()
