"""Offline bundle for a workshop with no internet: the built site, learner notebooks
(solutions removed), the models package and the data, in one zip.

Usage: python scripts/make_dist.py   (`make dist` builds the book first)
Writes _build/dist/stratus-offline.zip and prints its size.
"""
from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

import jupytext
import nbformat

from booktools import BUILD, ROOT, toc_notebooks

DIST = BUILD / "dist"
ZIP_NAME = "stratus-offline.zip"
TOP = "stratus"
# Fixed timestamp: the same inputs give the same zip.
EPOCH = (2020, 1, 1, 0, 0, 0)
# What a learner needs to run the notebooks, besides them and the site.
PROJECT_FILES = ("README.md", "requirements.txt", "pyproject.toml", "lab/overrides.json")
PROJECT_DIRS = ("models", "data")
SKIP_PARTS = {"__pycache__", ".ipynb_checkpoints"}

README = """Stratus – offlinepaket
======================

Det här paketet fungerar utan internet.

1. Läs boken: öppna webbplats/index.html i en webbläsare. Sökning, figurer och
   formler fungerar utan nätverk.

2. Räkna själv: lektionerna finns som Jupyter-notebooks i mappen lektioner/.
   Lösningarna på övningarna är borttagna ur dem – de finns i boken.
   Notebooks behöver Python 3.11 med paketen i requirements.txt och paketet
   models. Installera dem INNAN workshoppen, medan datorn har internet:

       python3.11 -m venv .venv
       .venv/bin/pip install -r requirements.txt
       .venv/bin/pip install --no-deps -e .
       .venv/bin/jupyter lab lektioner

   (I Windows: .venv\\Scripts\\pip och .venv\\Scripts\\jupyter.)

3. Data: alla CSV-filer ligger i data/ och beskrivs i data/README.md, med
   utgivare, år och licens.

Byggt från commit {commit}.
"""


# A gated sphinx-exercise solution marker: ```{solution-start} label / ```{solution-end},
# with backtick or colon fences, options on the lines inside.
_MARKER = re.compile(
    r"^(?P<fence>`{3,}|:{3,})\{solution-(?P<kind>start|end)\}[^\n]*\n(?:.*?\n)??(?P=fence)[ \t]*$\n?",
    re.S | re.M,
)
PLACEHOLDER = "*Lösningen finns i boken, under övningen på webbplatsen.*"


def learner_notebook(source: Path) -> nbformat.NotebookNode:
    """The lesson as a notebook without outputs and without the exercise solutions
    (everything from a `solution-start` marker to its `solution-end`, also when a
    marker shares a Markdown cell with other text)."""
    notebook = jupytext.read(source)
    cells, hiding = [], False
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            if not hiding:
                cells.append(cell)
            continue
        kept, position = [], 0
        for marker in _MARKER.finditer(cell.source):
            if marker.group("kind") == "start" and not hiding:
                kept.append(cell.source[position:marker.start()])
                kept.append(PLACEHOLDER + "\n")
                hiding = True
            elif marker.group("kind") == "end" and hiding:
                hiding = False
            else:
                raise ValueError(f"{source.relative_to(ROOT)}: solution-start och solution-end går inte jämnt ut.")
            position = marker.end()
        if not hiding:
            kept.append(cell.source[position:])
        text = "".join(kept).strip()
        if text:
            cell.source = text
            cells.append(cell)
    if hiding:
        raise ValueError(f"{source.relative_to(ROOT)}: en solution-start saknar solution-end.")
    # Cell ids from their position, not random (nbformat's default): the same lesson gives the same
    # file, so an unchanged rebuild sees unchanged static files and does not rebuild every page.
    for index, cell in enumerate(cells):
        cell["id"] = f"cell-{index}"
    notebook.cells = cells
    return notebook


def _commit() -> str:
    head = ROOT / ".git" / "HEAD"
    if not head.exists():
        return "okänd"
    ref = head.read_text().strip()
    if ref.startswith("ref: "):
        path = ROOT / ".git" / ref[5:]
        return path.read_text().strip()[:12] if path.exists() else "okänd"
    return ref[:12]


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(f"{TOP}/{name}", date_time=EPOCH)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


def _files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*")
                  if p.is_file() and not SKIP_PARTS & set(p.relative_to(folder).parts))


def build_dist(html_dir: Path = BUILD / "html", target: Path = DIST / ZIP_NAME) -> Path:
    if not (html_dir / "index.html").is_file():
        raise FileNotFoundError(f"{html_dir} saknar index.html: bygg boken först (make book).")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _add(archive, "LASMIG.txt", README.format(commit=_commit()).encode("utf-8"))
        for path in _files(html_dir):
            rel = path.relative_to(html_dir)
            if rel.parts[0] in {"reports", ".buildinfo"} or rel.name == ".buildinfo":
                continue
            _add(archive, f"webbplats/{rel.as_posix()}", path.read_bytes())
        for source in toc_notebooks():
            rel = source.relative_to(ROOT).with_suffix(".ipynb")
            _add(archive, f"lektioner/{rel.as_posix()}", nbformat.writes(learner_notebook(source)).encode("utf-8"))
        for name in PROJECT_FILES:
            _add(archive, name, (ROOT / name).read_bytes())
        for folder in PROJECT_DIRS:
            for path in _files(ROOT / folder):
                _add(archive, path.relative_to(ROOT).as_posix(), path.read_bytes())
    partial.replace(target)
    return target


def main() -> int:
    try:
        target = build_dist()
    except (FileNotFoundError, ValueError) as error:
        print(error, file=sys.stderr)
        return 1
    print(f"Offlinepaketet är klart: {target.relative_to(ROOT)} ({target.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
