"""Where the published site points: the repository, the launch buttons (Binder and a
JupyterHub), the Binder environment and the publishing workflow."""
from __future__ import annotations

import copy
import importlib
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from booktools import ROOT, toc_notebooks
from build_book import effective_config
from sitetools import GITHUB_REPO, expected_launch_urls, html_pages, launch_config_problems, parse_page

CONFIG = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
# What the build used: _config.yml with the STRATUS_* overrides of the environment (the
# CI workflow points the site at the repository it builds).
BUILT = effective_config()[0]
WORKFLOWS = ROOT / ".github" / "workflows"


def test_repository_and_launch_settings_are_well_formed():
    assert launch_config_problems(CONFIG) == []
    assert launch_config_problems(BUILT) == []
    assert CONFIG["launch_buttons"]["binderhub_url"] == "https://mybinder.org"


@pytest.mark.parametrize("section, key, value, complaint", [
    ("repository", "url", "https://https://github.com/a/b", "repository.url"),
    ("repository", "url", "https://github.com/a/b.git", "repository.url"),
    ("repository", "url", "https://github.com/a/b/", "repository.url"),
    ("repository", "url", "", "repository.url"),
    ("repository", "branch", "main branch", "repository.branch"),
    ("repository", "path_to_book", "bok", "path_to_book"),
    ("launch_buttons", "binderhub_url", "http://mybinder.org", "binderhub_url"),
    ("launch_buttons", "binderhub_url", "https://mybinder.org/", "binderhub_url"),
    ("launch_buttons", "jupyterhub_url", "hub.kommun.se", "jupyterhub_url"),
    ("launch_buttons", "jupyterhub_url", "https://https://hub.kommun.se", "jupyterhub_url"),
    ("launch_buttons", "colab_url", "https://colab.research.google.com", "colab_url"),
    ("launch_buttons", "thebe", True, "thebe"),
    ("launch_buttons", "notebook_interface", "classic", "notebook_interface"),
])
def test_malformed_settings_are_refused(section, key, value, complaint):
    config = copy.deepcopy(CONFIG)
    config[section][key] = value
    problems = launch_config_problems(config)
    assert len(problems) == 1 and complaint in problems[0], problems


def test_a_municipal_hub_is_accepted():
    config = copy.deepcopy(CONFIG)
    config["launch_buttons"]["jupyterhub_url"] = "https://jupyter.energikontornorr.se"
    assert launch_config_problems(config) == []


def test_environment_overrides_the_repository_and_hubs(tmp_path):
    build_book = importlib.import_module("build_book")
    env = {"STRATUS_REPOSITORY_URL": "https://github.com/en-fork/stratus ",
           "STRATUS_JUPYTERHUB_URL": "https://hub.example.se"}
    target = build_book.config_with_overrides(env, target=tmp_path / "_config.yml")
    written = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert written["repository"]["url"] == "https://github.com/en-fork/stratus"
    assert written["launch_buttons"]["jupyterhub_url"] == "https://hub.example.se"
    unchanged = {k: v for k, v in written.items() if k not in ("repository", "launch_buttons")}
    assert unchanged == {k: v for k, v in CONFIG.items() if k not in ("repository", "launch_buttons")}
    assert build_book.config_with_overrides({}, target=tmp_path / "none.yml") is None


def test_binder_environment_installs_the_pinned_book():
    binder = ROOT / ".binder"
    assert (binder / "requirements.txt").read_text().splitlines()[-1] == "-r ../requirements.txt"
    assert (binder / "runtime.txt").read_text().strip() == "python-3.11"
    post_build = (binder / "postBuild").read_text()
    assert "pip install --no-deps --no-cache-dir -e ." in post_build
    assert "lab/overrides.json" in post_build
    requirements = (ROOT / "requirements.txt").read_text()
    for package in ("jupytext==", "jupyterlab==", "jupyterlab_myst==", "ipywidgets=="):
        assert package in requirements, f"Binder needs {package} to open the lessons"


def _launch_links(page_html) -> list[str]:
    hubs = tuple(filter(None, (BUILT["launch_buttons"].get("binderhub_url"),
                               BUILT["launch_buttons"].get("jupyterhub_url"))))
    return [href for href in parse_page(page_html).anchors if hubs and href.startswith(hubs)]


@pytest.mark.parametrize("notebook", toc_notebooks(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_lesson_has_a_working_launch_link(built_book, notebook):
    page = str(notebook.relative_to(ROOT).with_suffix(""))
    links = _launch_links(built_book / f"{page}.html")
    expected = expected_launch_urls(BUILT, page)
    assert sorted(links) == sorted(expected.values())
    for url in links:
        query = parse_qs(urlsplit(url).query)
        opened = query["urlpath"][0].split("lab/tree/", 1)[1]
        if "repo" in query:  # nbgitpuller clones into a folder named like the repository
            opened = opened.split("/", 1)[1]
        assert (ROOT / opened).is_file(), f"{url} öppnar {opened}, som inte finns i repot"


def test_only_lessons_have_launch_links(built_book):
    lessons = {str(p.relative_to(ROOT).with_suffix(".html")) for p in toc_notebooks()}
    others = [p for p in html_pages(built_book) if str(p.relative_to(built_book)) not in lessons]
    assert all(_launch_links(p) == [] for p in others)


def test_repository_button_points_to_the_repository(built_book):
    hrefs = parse_page(built_book / "book" / "intro.html").anchors
    assert BUILT["repository"]["url"] in hrefs
    assert GITHUB_REPO.match(BUILT["repository"]["url"])


def test_publishing_workflow_deploys_the_configured_branch():
    publish = yaml.safe_load((WORKFLOWS / "pages.yml").read_text(encoding="utf-8"))
    triggers = publish[True] if True in publish else publish["on"]  # YAML 1.1 reads `on` as True
    assert CONFIG["repository"]["branch"] in triggers["push"]["branches"]
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    assert "make test" in text and "actions/deploy-pages" in text
    assert "STRATUS_REPOSITORY_URL" in text
    links = (WORKFLOWS / "links.yml").read_text(encoding="utf-8")
    assert "schedule" in links and "scripts/check_links.py" in links
