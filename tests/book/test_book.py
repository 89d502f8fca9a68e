"""The book as a whole: table of contents, notebook sources, and the built site."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser

import jupytext
import pytest
import yaml

from booktools import JUPYTER_BOOK, ROOT, all_notebooks, front_matter, inputs_hash, page_path, stray_ipynb, toc_notebooks, toc_pages


def test_every_toc_page_exists():
    missing = [page for page in toc_pages() if page_path(page) is None]
    assert not missing, f"Pages in _toc.yml without a source file: {missing}"


def test_every_notebook_is_in_the_toc():
    orphans = sorted(set(all_notebooks()) - set(toc_notebooks()))
    assert not orphans, f"Notebooks not in _toc.yml (never built or tested): {orphans}"


def test_toc_has_notebooks():
    assert ROOT / "chapters/01-strategi/utslapp.md" in toc_notebooks()


@pytest.mark.parametrize("path", toc_notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_header_is_pinned(path):
    meta = front_matter(path)
    representation = meta["jupytext"]["text_representation"]
    assert representation["format_name"] == "myst"
    assert representation["jupytext_version"] == jupytext.__version__
    assert meta["kernelspec"]["name"] == "python3"
    assert meta["kernelspec"]["language"] == "python"


def test_no_ipynb_tracked_in_git():
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(["git", "ls-files", "*.ipynb"], cwd=ROOT, capture_output=True, text=True).stdout
    assert tracked.strip() == "", f"Tracked .ipynb files (keep notebooks as MyST .md only):\n{tracked}"


def test_no_stray_ipynb_next_to_sources():
    assert stray_ipynb() == []


def test_nothing_reads_the_reference_pack():
    """A user's clone has only this repository: no code, script or config may open the
    reference pack that sits beside it on the developers' machines."""
    pattern = re.compile(r"\.\./" + "shared")
    allowed = {"scripts/import_reference_data.py"}  # maintainer-only, never run by make or tests
    candidates = [p for folder in ("models", "scripts", "tests", ".ci") for p in (ROOT / folder).rglob("*")
                  if p.is_file() and p.suffix in {".py", ".sh", ""}]
    candidates += [ROOT / name for name in ("Makefile", "_config.yml", "_toc.yml", "pyproject.toml")]
    offenders = [str(p.relative_to(ROOT)) for p in candidates
                 if str(p.relative_to(ROOT)) not in allowed
                 and pattern.search(p.read_text(encoding="utf-8", errors="ignore"))]
    assert not offenders


def test_cache_key_changes_with_models_and_data(tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "models" / "m.py").write_text("x = 1\n")
    (tmp_path / "data" / "d.csv").write_text("a\n1\n")
    before = inputs_hash(tmp_path)
    (tmp_path / "data" / "d.csv").write_text("a\n2\n")
    after_data = inputs_hash(tmp_path)
    (tmp_path / "models" / "m.py").write_text("x = 2\n")
    after_models = inputs_hash(tmp_path)
    assert len({before, after_data, after_models}) == 3
    assert inputs_hash(tmp_path) == after_models


FAILING_NOTEBOOK = """---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
# Fel

```{code-cell} ipython3
1 / 0
```
"""


def test_a_failing_notebook_fails_the_build(tmp_path):
    """jupyter-book exits 0 on a failing notebook unless raise-on-error is set: ours must fail."""
    shutil.copy(ROOT / "_config.yml", tmp_path / "_config.yml")
    config = yaml.safe_load((tmp_path / "_config.yml").read_text(encoding="utf-8"))
    config.pop("bibtex_bibfiles", None)  # the tiny book cites nothing
    (tmp_path / "_config.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    (tmp_path / "_toc.yml").write_text("format: jb-book\nroot: index\nchapters:\n  - file: fel\n")
    (tmp_path / "index.md").write_text("# Start\n")
    (tmp_path / "fel.md").write_text(FAILING_NOTEBOOK)
    result = subprocess.run(
        [JUPYTER_BOOK, "build", str(tmp_path), "-W", "--keep-going"],
        cwd=tmp_path, capture_output=True, text=True,
    )
    assert result.returncode != 0
    assert "ZeroDivisionError" in result.stdout + result.stderr


# --- the built site ---------------------------------------------------------------


class _Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang = None
        self.images: list[dict] = []
        self.classes: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "img":
            self.images.append(attrs)
        if "class" in attrs:
            self.classes.extend((attrs["class"] or "").split())


def _parse(path):
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_book_builds_with_every_page(built_book):
    for page in toc_pages():
        assert (built_book / f"{page}.html").is_file(), page


def test_every_page_is_swedish_and_error_free(built_book):
    for page in toc_pages():
        html = (built_book / f"{page}.html").read_text(encoding="utf-8")
        parsed = _parse(built_book / f"{page}.html")
        assert parsed.lang == "sv", page
        assert "Traceback" not in html, page
        assert "output traceback" not in html and "output stderr" not in html, page
        for image in parsed.images:
            assert image.get("alt"), f"{page}: image without alt text: {image.get('src')}"


def test_lesson_shows_prerendered_figures(built_book):
    page = built_book / "chapters/01-strategi/utslapp.html"
    parsed = _parse(page)
    figures = [img for img in parsed.images if "_images" in (img.get("src") or "")]
    assert len(figures) >= 4
    html = page.read_text(encoding="utf-8")
    for name in ("fig-utslapp-total", "fig-utslapp-sektor", "fig-utslapp-sektortrend", "fig-utslapp-lan"):
        assert f'id="{name}"' in html
    for image in figures:
        assert (page.parent / image["src"]).resolve().is_file()
    assert "Luleå" in html and "Källor" in html
