"""The built site as files: nothing from other hosts, every internal link and anchor
resolves, MathJax comes from the pinned npm package, figures keep to the colour-blind-safe
palette. The checkers themselves are tested on small hand-made pages first."""
from __future__ import annotations

import itertools
import json
import re

import matplotlib
import numpy as np
import pytest
from PIL import Image

import sitetools
from booktools import ROOT
from sitetools import (WIDGET_VIEW, AssetError, external_resources, fix_page, html_pages, installed_version,
                       internal_link_problems, parse_page, pinned_version, site_size, vendor_assets)

# --- the checkers, on pages made here ------------------------------------------------


def _site(tmp_path, pages: dict[str, str]):
    for name, body in pages.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"<!DOCTYPE html><html lang='sv'><head><title>t</title></head><body>{body}</body></html>")
    return tmp_path


def test_checker_finds_resources_from_other_hosts(tmp_path):
    site = _site(tmp_path, {
        "index.html": '<script src="https://cdn.jsdelivr.net/npm/x.js"></script>'
                      '<link rel="stylesheet" href="//fonts.example.org/a.css">'
                      '<img src="_images/a.png" alt="a"><a href="https://example.org">a link is fine</a>',
    })
    (site / "_static").mkdir()
    (site / "_static" / "t.css").write_text("@font-face { src: url('https://fonts.example.org/f.woff2'); }")
    found = external_resources(site)
    assert found == ["index.html: https://cdn.jsdelivr.net/npm/x.js", "index.html: //fonts.example.org/a.css",
                     "_static/t.css: https://fonts.example.org/f.woff2"]


def test_checker_finds_broken_links_and_anchors(tmp_path):
    site = _site(tmp_path, {
        "index.html": '<a href="a/b.html#here">ok</a><a href="a/b.html#gone">no anchor</a>'
                      '<a href="missing.html">no page</a><a href="#top">self</a><h1 id="top">x</h1>'
                      '<img src="_images/none.png" alt="x"><a href="mailto:x@example.org">mail</a>',
        "a/b.html": '<h2 id="here">here</h2><a href="../index.html#top">back</a>',
    })
    assert internal_link_problems(site) == [
        "index.html: a/b.html#gone (ankaret #gone finns inte)",
        "index.html: missing.html (filen finns inte)",
        "index.html: _images/none.png (filen finns inte)",
    ]


def test_page_fixes():
    page = (
        '<html><head><script>const A = 1</script>\n<script>const A = 1</script><script src="x.js"></script></head>'
        '<body><a class="reference internal" href="s.html">Strategi</a><details><summary>'
        '<span class="toctree-toggle" role="presentation"></span></summary></details>'
        '<a class="current reference internal" href="#">Solel</a><details open="open"><summary>'
        '<span class="toctree-toggle" role="presentation"></span></summary></details>'
        '<div role="list" class="citation-list"><div class="citation" role="doc-biblioentry">R1</div></div>'
        '<script type="application/vnd.jupyter.widget-state+json">{"state": {}}</script></body></html>'
    )
    fixed = fix_page(page)
    assert fixed.count("const A = 1") == 1 and 'src="x.js"' in fixed
    assert '<summary aria-label="Visa eller dölj avsnitten i Strategi">' in fixed
    assert '<details open="open"><summary aria-label="Visa eller dölj avsnitten i Solel">' in fixed
    assert 'role="listitem"' in fixed and "doc-biblioentry" not in fixed
    assert "widget-state" not in fixed
    assert fix_page(fixed) == fixed
    # A page that shows a live widget keeps the state the widget needs.
    live = page.replace("</body>", f'<script type="{WIDGET_VIEW}">{{}}</script></body>')
    assert "widget-state" in fix_page(live)


def test_missing_or_stale_mathjax_stops_the_build_with_a_swedish_message(tmp_path, monkeypatch):
    monkeypatch.setattr(sitetools, "NODE_MODULES", tmp_path / "node_modules")
    with pytest.raises(AssetError, match=r"saknas.*make venv"):
        vendor_assets()
    (tmp_path / "node_modules" / "mathjax").mkdir(parents=True)
    (tmp_path / "node_modules" / "mathjax" / "package.json").write_text('{"version": "3.0.0"}')
    with pytest.raises(AssetError, match=r"är version 3\.0\.0"):
        vendor_assets()


# --- the built site --------------------------------------------------------------------


def test_no_page_loads_anything_from_another_host(built_book):
    assert external_resources(built_book) == []


def test_internal_links_and_anchors_resolve(built_book):
    assert internal_link_problems(built_book) == []


def test_no_page_needs_a_widget_manager(built_book):
    """Widget cells are remove-output: no page shows a live widget, so none loads
    require.js or the widget manager, and no page carries unused widget state."""
    for page in html_pages(built_book):
        html = page.read_text(encoding="utf-8")
        assert WIDGET_VIEW not in html, f"{page.name}: en levande widget på den statiska webbplatsen"
        assert "require.min.js" not in html and "html-manager" not in html, page.name
        assert "widget-state+json" not in html, page.name


def test_mathjax_is_served_from_the_pinned_npm_package(built_book):
    version = pinned_version("mathjax")
    assert installed_version("mathjax") == version
    config = (ROOT / "_config.yml").read_text(encoding="utf-8")
    path = re.search(r"^\s*mathjax_path:\s*(\S+)", config, re.M).group(1)
    script = built_book / "_static" / path
    assert script.is_file()
    assert f'VERSION="{version}"' in script.read_text(encoding="utf-8")
    fonts = list((built_book / "_static" / "mathjax" / "output" / "chtml" / "fonts" / "woff-v2").glob("*.woff"))
    assert len(fonts) > 10
    lock = json.loads((ROOT / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["packages"]["node_modules/mathjax"]["integrity"].startswith("sha512-")


def test_site_size(built_book, site_summary):
    size = site_size(built_book)
    site_summary.append(f"Webbplatsens storlek: {size / 1e6:.1f} MB ({built_book.relative_to(ROOT)})")
    assert size < 80e6, "webbplatsen har vuxit över 80 MB: titta efter stora bilder eller gamla filer"


# --- figures: the colour-blind-safe palette ------------------------------------------------

# Okabe & Ito (2008) as in models.common.plotting, plus black, white, the muted grey and the grid
# grey. A pixel is "in the palette" if it lies on (within 30 of) a straight blend between
# two of these colours (anti-aliasing, transparency, hatching) or on the colour-blind-safe
# sequential maps viridis and cividis.
_ANCHORS = ["#0072B2", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#F0E442",
            "#000000", "#8C8C8C", "#FFFFFF", "#DDDDDD"]
_TOLERANCE = 30.0
_MAX_OFF_PALETTE = 0.02


def _segments() -> list[tuple[np.ndarray, np.ndarray]]:
    anchors = [np.array([int(h[i:i + 2], 16) for i in (1, 3, 5)], float) for h in _ANCHORS]
    segments = list(itertools.combinations(anchors, 2))
    for name in ("viridis", "cividis"):
        colours = matplotlib.colormaps[name](np.linspace(0, 1, 33))[:, :3] * 255
        segments += list(zip(colours[:-1], colours[1:]))
    return segments


SEGMENTS = _segments()


def off_palette_share(path) -> float:
    """Share of the coloured (not grey) pixels of an image that no palette blend explains."""
    pixels = np.asarray(Image.open(path).convert("RGB")).reshape(-1, 3).astype(int)
    coloured = pixels[(pixels.max(axis=1) - pixels.min(axis=1)) > 40]
    if len(coloured) == 0:
        return 0.0
    # each distinct colour once, weighted by how many pixels have it (figures use few colours)
    colours, counts = np.unique(coloured, axis=0, return_counts=True)
    colours = colours.astype(float)
    best = np.full(len(colours), np.inf)
    for a, b in SEGMENTS:
        d = b - a
        t = np.clip(((colours - a) @ d) / (d @ d), 0, 1)
        best = np.minimum(best, np.linalg.norm(colours - (a + t[:, None] * d), axis=1))
    return float(counts[best > _TOLERANCE].sum() / counts.sum())


def test_palette_check_tells_safe_from_unsafe_colours(tmp_path):
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from models.common.plotting import OKABE_ITO, new_figure

    fig, ax = new_figure(width=4, height=3)
    for i, colour in enumerate(OKABE_ITO.values()):
        ax.plot([0, 1], [i, i + 1], color=colour, linewidth=3)
    ax.bar([0.5], [3], color=OKABE_ITO["vermillion"], hatch="//", alpha=0.7)
    fig.savefig(tmp_path / "safe.png")
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([0, 1], [0, 1], color="red", linewidth=3)
    ax.plot([0, 1], [1, 0], color="green", linewidth=3)
    fig.savefig(tmp_path / "red-green.png")
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.imshow(np.arange(100).reshape(10, 10), cmap="jet")
    fig.savefig(tmp_path / "jet.png")
    plt.close("all")
    assert off_palette_share(tmp_path / "safe.png") < 0.005
    assert off_palette_share(tmp_path / "red-green.png") > 0.5
    assert off_palette_share(tmp_path / "jet.png") > 0.5


def _figures(html_dir) -> list[tuple[str, str]]:
    found = set()
    for page in html_pages(html_dir):
        for src in parse_page(page).loaded:
            if "_images/" in src and src.lower().endswith(".png"):
                found.add((str(page.relative_to(html_dir)), str((page.parent / src).resolve())))
    return sorted(found)


def test_every_figure_keeps_to_the_colour_blind_safe_palette(built_book):
    figures = _figures(built_book)
    assert figures, "inga figurer hittades på webbplatsen"
    off = {f"{page}: {image.rsplit('/', 1)[-1]}": round(share, 3)
           for page, image in figures if (share := off_palette_share(image)) > _MAX_OFF_PALETTE}
    assert off == {}, ("Figurer med färger utanför Okabe–Ito-paletten (andel av de färgade pixlarna); "
                       "använd models.common.plotting: " + json.dumps(off, ensure_ascii=False))


def test_figure_and_table_numbers_are_swedish(built_book):
    english = re.compile(r'(caption-number|std-numref)">(Fig\.|Table|Listing) ')
    offenders = [page.name for page in html_pages(built_book) if english.search(page.read_text(encoding="utf-8"))]
    assert offenders == []
