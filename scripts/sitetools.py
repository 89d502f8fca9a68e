"""The published site: browser assets served from the site itself, small HTML fixes
after the build, and static checks of the built pages.

Used by scripts/build_book.py (vendor before the build, fix and check after it),
scripts/make_dist.py, scripts/check_links.py and the tests.
"""
from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from booktools import BUILD, ROOT

HTML = BUILD / "html"
# html_static_path entry (see _config.yml): its contents are published under _static/.
VENDOR = BUILD / "vendor"
NODE_MODULES = ROOT / "node_modules"
PACKAGE_LOCK = ROOT / "package-lock.json"

# MathJax 3: the combined TeX+MathML→CHTML file that mathjax_path names, plus what it
# loads on demand (TeX extensions, CHTML fonts, the menu's renderer switch to SVG, and
# the accessibility explorer with its speech rules). The other combined builds and the
# Node.js entry points are left out.
MATHJAX_PARTS = ("tex-mml-chtml.js", "input", "output", "ui", "a11y", "sre")


class AssetError(RuntimeError):
    """A vendored asset is missing or not the pinned version (message in Swedish)."""


def pinned_version(package: str) -> str:
    """The version of an npm package pinned in package-lock.json."""
    lock = json.loads(PACKAGE_LOCK.read_text(encoding="utf-8"))
    try:
        return lock["packages"][f"node_modules/{package}"]["version"]
    except KeyError:
        raise AssetError(f"{package} saknas i package-lock.json.") from None


def installed_version(package: str) -> str | None:
    manifest = NODE_MODULES / package / "package.json"
    if not manifest.is_file():
        return None
    return json.loads(manifest.read_text(encoding="utf-8"))["version"]


def vendor_assets() -> dict[str, str]:
    """Copy the pinned browser assets from node_modules/ into _build/vendor/.

    Returns {package: version}. Raises AssetError (Swedish) when node_modules/ is
    missing or holds another version than package-lock.json pins."""
    wanted = pinned_version("mathjax")
    have = installed_version("mathjax")
    if have != wanted:
        found = "saknas" if have is None else f"är version {have}"
        raise AssetError(
            f"MathJax {wanted} behövs för bokens formler men node_modules/mathjax {found}. "
            "Kör `make venv` (som kör `npm ci` med versionerna i package-lock.json)."
        )
    target = VENDOR / "mathjax"
    stamp = target / ".version"
    if not (stamp.is_file() and stamp.read_text().strip() == wanted):
        shutil.rmtree(target, ignore_errors=True)
        source = NODE_MODULES / "mathjax" / "es5"
        for part in MATHJAX_PARTS:
            src = source / part
            if src.is_dir():
                shutil.copytree(src, target / part)
            else:
                target.mkdir(parents=True, exist_ok=True)
                shutil.copy2(src, target / part)
        shutil.copy2(NODE_MODULES / "mathjax" / "LICENSE", target / "LICENSE")
        stamp.write_text(wanted + "\n")
    return {"mathjax": wanted}


# --- fixes applied to the built HTML ----------------------------------------------

# pydata-sphinx-theme draws the sidebar's expand/collapse control as a <summary> that
# holds only an icon, so screen readers announce nothing (axe: summary-name, serious).
_TOGGLE = re.compile(
    r'(<a class="[^"]*reference internal[^"]*" href="[^"]*">(?P<title>[^<]*)</a>'
    r'<details(?: open="open")?>)<summary>(?=<span class="toctree-toggle")'
)
# docutils marks bibliography entries role="doc-biblioentry" inside role="list"; that
# role is deprecated, so axe sees a list without list items (aria-required-children,
# critical). ARIA's advice is role="listitem".
_BIBLIOENTRY = 'role="doc-biblioentry"'
# myst-nb embeds the saved widget state of a notebook even when every widget output is
# removed (remove-output): hundreds of kB that nothing on the page reads.
_WIDGET_STATE = re.compile(
    r'\s*<script type="application/vnd\.jupyter\.widget-state\+json">.*?</script>', re.S
)
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
# sphinx-thebe and sphinx-togglebutton add their inline settings once per read of the
# sources, and a build that reads twice (as ours does after executing notebooks) gets
# them twice: `const THEBE_JS_URL` declared twice is a SyntaxError on every page.
_INLINE_SCRIPT = re.compile(r"\s*<script>(.*?)</script>", re.S)


def _drop_repeated_inline_scripts(html: str) -> str:
    head_end = html.find("</head>")
    head, rest = html[:head_end], html[head_end:]
    seen: set[str] = set()

    def once(match: re.Match) -> str:
        body = match.group(1).strip()
        if body in seen:
            return ""
        seen.add(body)
        return match.group(0)

    return _INLINE_SCRIPT.sub(once, head) + rest


# The theme's interface strings that have no Swedish translation (jupyter-book #1780):
# screen readers would read them with Swedish pronunciation on a lang="sv" page.
UI_ATTRIBUTES = {
    "Search this book...": "Sök i boken …",
    "Color mode": "Färgläge",
    "Light": "Ljust",
    "Dark": "Mörkt",
    "System Settings": "Som datorns inställning",
    "Launch interactive content": "Kör lektionen live",
    "Launch on Binder": "Kör i Binder",
    "Launch on JupyterHub": "Kör på JupyterHub",
    "Toggle primary sidebar": "Visa eller dölj menyn",
    "Toggle secondary sidebar": "Visa eller dölj sidans innehållsförteckning",
    "Site navigation": "Meny",
    "On this page": "På den här sidan",
    "Main": "Bokens innehåll",
    "Page": "Sidans innehåll",
    "next page": "nästa sida",
    "previous page": "föregående sida",
    "Link to this heading": "Länk till rubriken",
    "Link to this image": "Länk till bilden",
    "Link to this table": "Länk till tabellen",
    "Link to this code": "Länk till koden",
    "Link to this equation": "Länk till formeln",
    "Link to this term": "Länk till ordet",
    "Link to this definition": "Länk till definitionen",
    "Version warning": "Versionsvarning",
}
UI_TEXT = {
    ">Skip to main content</a>": ">Hoppa till innehållet</a>",
    "</i>Back to top</button>": "</i>Till början av sidan</button>",
}
_UI_ATTRIBUTE = re.compile(r'\b(title|aria-label|placeholder)="([^"]*)"')


# The primary sidebar holds the book's title link outside any landmark (axe: region).
_SIDEBAR = '<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar">'
_SIDEBAR_LANDMARK = ('<div id="pst-primary-sidebar" class="bd-sidebar-primary bd-sidebar" '
                     'role="complementary" aria-label="Bokens meny">')


def _swedish_interface(html: str) -> str:
    html = _UI_ATTRIBUTE.sub(
        lambda m: f'{m.group(1)}="{UI_ATTRIBUTES.get(m.group(2), m.group(2))}"', html)
    for english, swedish in UI_TEXT.items():
        html = html.replace(english, swedish)
    return html


def fix_page(html: str) -> str:
    html = _TOGGLE.sub(
        lambda m: f'{m.group(1)}<summary aria-label="Visa eller dölj avsnitten i {m.group("title")}">',
        html,
    )
    html = html.replace(_BIBLIOENTRY, 'role="listitem"')
    html = _drop_repeated_inline_scripts(html)
    html = _swedish_interface(html)
    html = html.replace(_SIDEBAR, _SIDEBAR_LANDMARK)
    if WIDGET_VIEW not in html:
        html = _WIDGET_STATE.sub("", html)
    return html


# sphinx-copybutton has no Swedish messages: its button would say "Copy".
COPYBUTTON_SV = (
    "const messages = {\n  'sv': {\n    'copy': 'Kopiera',\n    'copy_to_clipboard': 'Kopiera till urklipp',\n"
    "    'copy_success': 'Kopierat!',\n    'copy_failure': 'Det gick inte att kopiera',\n  },\n"
)


def fix_site(html_dir: Path = HTML) -> int:
    """Apply fix_page to every page of the built site (and give the copy button Swedish
    messages); returns how many pages changed."""
    copybutton = html_dir / "_static" / "copybutton.js"
    if copybutton.is_file():
        script = copybutton.read_text(encoding="utf-8")
        if "'sv':" not in script and "const messages = {\n" in script:
            copybutton.write_text(script.replace("const messages = {\n", COPYBUTTON_SV, 1), encoding="utf-8")
    changed = 0
    for page in html_pages(html_dir):
        text = page.read_text(encoding="utf-8")
        fixed = fix_page(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")
            changed += 1
    return changed


# --- reading the built site --------------------------------------------------------


def html_pages(html_dir: Path = HTML) -> list[Path]:
    """Every HTML page of the site (not the theme's templates under _static/)."""
    return sorted(
        p for p in html_dir.rglob("*.html")
        if not p.relative_to(html_dir).parts[0].startswith("_")
    )


class _Links(HTMLParser):
    """Collects ids, links and loaded resources of one page."""

    # (tag, attribute) pairs whose URL the browser loads while showing the page.
    LOADED = {("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
              ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"),
              ("video", "poster"), ("input", "src"), ("track", "src")}
    LOADED_LINK_RELS = {"stylesheet", "preload", "icon", "shortcut", "modulepreload",
                        "prefetch", "manifest", "apple-touch-icon", "preconnect", "dns-prefetch"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.anchors: list[str] = []
        self.loaded: list[str] = []
        self.inline_css: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "a" and attrs.get("href") is not None:
            self.anchors.append(attrs["href"])
        for (t, a) in self.LOADED:
            if tag == t and attrs.get(a):
                self.loaded.append(attrs[a])
        if tag == "img" and attrs.get("srcset"):
            self.loaded.extend(part.split()[0] for part in attrs["srcset"].split(",") if part.strip())
        if tag == "link" and attrs.get("href"):
            rels = set((attrs.get("rel") or "").lower().split())
            if rels & self.LOADED_LINK_RELS:
                self.loaded.append(attrs["href"])
        if attrs.get("style"):
            self.inline_css.append(attrs["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        if tag == "style":
            self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.inline_css.append(data)


def parse_page(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)|@import\s+['"]([^'"]+)['"]""")


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.netloc) or parts.scheme not in ("", "file")


def external_resources(html_dir: Path = HTML) -> list[str]:
    """'page: url' for every resource a page or stylesheet would load from another host."""
    found = []
    for page in html_pages(html_dir):
        parsed = parse_page(page)
        css_urls = [a or b for text in parsed.inline_css for a, b in _CSS_URL.findall(text)]
        for url in parsed.loaded + css_urls:
            if is_external(url) and not url.startswith("data:"):
                found.append(f"{page.relative_to(html_dir)}: {url}")
    for sheet in sorted((html_dir / "_static").rglob("*.css")):
        text = sheet.read_text(encoding="utf-8", errors="ignore")
        for a, b in _CSS_URL.findall(text):
            url = a or b
            if is_external(url) and not url.startswith("data:"):
                found.append(f"{sheet.relative_to(html_dir)}: {url}")
    return found


def _resolve(page: Path, url: str, html_dir: Path) -> tuple[Path, str]:
    parts = urlsplit(url)
    path = unquote(parts.path)
    if path.startswith("/"):
        target = html_dir / path.lstrip("/")
    elif path:
        target = (page.parent / path).resolve()
    else:
        target = page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def internal_link_problems(html_dir: Path = HTML) -> list[str]:
    """Every internal link, anchor and loaded file that does not resolve, as 'page: url (why)'."""
    html_dir = html_dir.resolve()
    problems = []
    ids: dict[Path, set[str]] = {}

    def ids_of(path: Path) -> set[str]:
        if path not in ids:
            ids[path] = parse_page(path).ids
        return ids[path]

    for page in html_pages(html_dir):
        page = page.resolve()
        parsed = parse_page(page)
        ids[page] = parsed.ids
        name = page.relative_to(html_dir)
        for url in parsed.anchors + parsed.loaded:
            if not url or is_external(url) or url.startswith(("data:", "#!")):
                continue
            target, fragment = _resolve(page, url, html_dir)
            if html_dir not in target.parents and target != html_dir:
                problems.append(f"{name}: {url} (pekar utanför webbplatsen)")
            elif not target.is_file():
                problems.append(f"{name}: {url} (filen finns inte)")
            elif fragment and target.suffix == ".html" and fragment not in ids_of(target):
                problems.append(f"{name}: {url} (ankaret #{fragment} finns inte)")
    return problems


def external_links(html_dir: Path = HTML) -> dict[str, list[str]]:
    """{url: [pages]} for every link to another site (for the scheduled link check)."""
    links: dict[str, list[str]] = {}
    for page in html_pages(html_dir):
        for url in parse_page(page).anchors:
            if urlsplit(url).scheme in ("http", "https"):
                links.setdefault(url, []).append(str(page.relative_to(html_dir)))
    return links


def site_size(html_dir: Path = HTML) -> int:
    """Total size of the built site in bytes."""
    return sum(p.stat().st_size for p in html_dir.rglob("*") if p.is_file())


# --- repository and launch buttons -------------------------------------------------------

GITHUB_REPO = re.compile(r"^https://github\.com/(?P<org>[A-Za-z0-9_.-]+)/(?P<repo>[A-Za-z0-9_.-]+)$")
HUB_URL = re.compile(r"^https://[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(/[A-Za-z0-9_.~/-]*)?$")
BRANCH = re.compile(r"^[A-Za-z0-9._/-]+$")


def launch_config_problems(config: dict, root: Path = ROOT) -> list[str]:
    """What is wrong with the repository and launch settings of a _config.yml (Swedish).

    The book is published from GitHub; a launch button must lead to a hub that can open
    our MyST Markdown lessons (Binder or a JupyterHub with jupytext; not Colab)."""
    problems = []
    repository = config.get("repository") or {}
    launch = config.get("launch_buttons") or {}
    url = str(repository.get("url") or "")
    match = GITHUB_REPO.match(url)
    if not match or url.endswith(".git"):
        problems.append(f"repository.url {url!r} ska vara https://github.com/<ägare>/<repo> (utan .git och /)")
    branch = str(repository.get("branch") or "")
    if not BRANCH.match(branch):
        problems.append(f"repository.branch {branch!r} är inget giltigt grennamn")
    book_path = str(repository.get("path_to_book") or "")
    if book_path and not (root / book_path).is_dir():
        problems.append(f"repository.path_to_book {book_path!r} finns inte i repot")
    for key in ("binderhub_url", "jupyterhub_url"):
        value = str(launch.get(key) or "")
        if value and (not HUB_URL.match(value) or value.endswith("/") or value.count("://") != 1):
            problems.append(f"launch_buttons.{key} {value!r} ska vara en https-adress utan / på slutet")
    for key in ("colab_url", "deepnote_url", "jupyterlite_url"):
        if launch.get(key):
            problems.append(f"launch_buttons.{key} ska vara tom: tjänsten kan inte öppna lektionerna (MyST Markdown)")
    if launch.get("thebe"):
        problems.append("launch_buttons.thebe ska vara false (Thebe laddar från ett CDN och ritar inte widgets)")
    if (launch.get("binderhub_url") or launch.get("jupyterhub_url")) and launch.get("notebook_interface") != "jupyterlab":
        problems.append("launch_buttons.notebook_interface ska vara jupyterlab (som öppnar .md som notebook)")
    if launch.get("binderhub_url"):
        for name in ("requirements.txt", "postBuild"):
            if not (root / ".binder" / name).is_file():
                problems.append(f".binder/{name} saknas: Binder kan inte bygga miljön")
    return problems


def expected_launch_urls(config: dict, page: str) -> dict[str, str]:
    """The launch links sphinx-book-theme should put on a notebook page, by service."""
    repository = config["repository"]
    launch = config.get("launch_buttons") or {}
    match = GITHUB_REPO.match(repository["url"])
    org, repo = match.group("org"), match.group("repo")
    branch = repository["branch"]
    prefix = (repository.get("path_to_book") or "").strip("/")
    path = f"{prefix + '/' if prefix else ''}{page}.md"
    urls = {}
    if launch.get("binderhub_url"):
        urls["binder"] = f"{launch['binderhub_url']}/v2/gh/{org}/{repo}/{branch}?urlpath=lab/tree/{path}"
    if launch.get("jupyterhub_url"):
        urls["jupyterhub"] = (f"{launch['jupyterhub_url']}/hub/user-redirect/git-pull?"
                              f"repo={repository['url'].replace(':', '%3A')}"
                              f"&urlpath=lab/tree/{repo}/{path}&branch={branch}")
    return urls
