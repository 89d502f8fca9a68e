"""The offline bundle for workshops without internet (`make dist`)."""
from __future__ import annotations

import json
import zipfile

import nbformat

from booktools import ROOT, toc_notebooks
from make_dist import PLACEHOLDER, build_dist, learner_notebook

LESSON = """---
jupytext:
  text_representation: {extension: .md, format_name: myst}
kernelspec: {display_name: Python 3, language: python, name: python3}
---
# Lektion

```{code-cell} ipython3
x = 1
```

```{exercise-start}
:label: ovning-1
```

Räkna ut x + 1.

```{exercise-end}
```

```{solution-start} ovning-1
:class: dropdown
```

Svaret är:

```{code-cell} ipython3
x + 1
```

Två.

```{solution-end}
```

:::{solution-start} ovning-2
:::

```{code-cell} ipython3
hemligt = 3
```

:::{solution-end}
:::

## Sammanfattning

Klart.
"""


def test_learner_notebook_has_no_solutions(tmp_path):
    source = tmp_path / "lektion.md"
    source.write_text(LESSON, encoding="utf-8")
    notebook = learner_notebook(source)
    text = "\n".join(cell.source for cell in notebook.cells)
    assert "x = 1" in text and "Räkna ut x + 1." in text and "Sammanfattning" in text
    assert "x + 1\n" not in text and "Två." not in text and "hemligt" not in text and "solution" not in text
    assert text.count(PLACEHOLDER) == 2
    assert [c.cell_type for c in notebook.cells].count("code") == 1


def test_unbalanced_solution_markers_are_refused(tmp_path):
    source = tmp_path / "lektion.md"
    source.write_text(LESSON.replace("```{solution-end}\n```\n\n:::", ":::"), encoding="utf-8")
    try:
        learner_notebook(source)
    except ValueError as error:
        assert "solution" in str(error)
    else:
        raise AssertionError("expected ValueError")


def test_offline_bundle(built_book, tmp_path, site_summary):
    target = build_dist(built_book, tmp_path / "stratus-offline.zip")
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        assert "stratus/LASMIG.txt" in names
        assert "stratus/webbplats/index.html" in names
        assert "stratus/webbplats/_static/mathjax/tex-mml-chtml.js" in names
        assert {"stratus/requirements.txt", "stratus/pyproject.toml", "stratus/models/__init__.py",
                "stratus/data/datapackage.json"} <= names
        assert not any("__pycache__" in n for n in names)
        for source in toc_notebooks():
            name = f"stratus/lektioner/{source.relative_to(ROOT).with_suffix('.ipynb').as_posix()}"
            notebook = nbformat.reads(archive.read(name).decode("utf-8"), as_version=4)
            nbformat.validate(notebook)
            assert not any("{solution-start}" in cell.source for cell in notebook.cells), name
        resources = json.loads(archive.read("stratus/data/datapackage.json"))["resources"]
        for resource in resources:
            assert f"stratus/data/{resource['path']}" in names
    site_summary.append(f"Offlinepaketet: {target.stat().st_size / 1e6:.1f} MB")
