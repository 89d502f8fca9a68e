"""`make lab`: JupyterLab opens the .md lessons as notebooks with MyST rendered.

Starts the venv's JupyterLab on a free local port (no token, no browser) exactly as the
Makefile does, installs nothing, and drives it with Debian's Chromium through Playwright.
Catches version clashes between JupyterLab, jupytext's and jupyterlab-myst's front-end
extensions, which `pip check` cannot see.
"""
from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from booktools import ROOT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
VENV_BIN = Path(sys.executable).parent
SETTINGS = VENV_BIN.parent / "share/jupyter/lab/settings/overrides.json"


def test_lab_settings_make_markdown_open_as_notebook():
    overrides = json.loads(SETTINGS.read_text(encoding="utf-8"))
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["markdown"] == viewers["myst"] == "Jupytext Notebook"
    assert overrides == json.loads((ROOT / "lab/overrides.json").read_text(encoding="utf-8"))


def test_lab_extensions_are_compatible():
    result = subprocess.run([str(VENV_BIN / "jupyter"), "labextension", "list"],
                            capture_output=True, text=True)
    listing = result.stdout + result.stderr
    assert "not compatible" not in listing, listing
    for name in ("jupyterlab-myst", "jupyterlab-jupytext"):
        line = next(l for l in listing.splitlines() if name in l)
        assert "enabled" in line and "OK" in line, line


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory):
    port = _free_port()
    # Serve a copy: opening a notebook writes .ipynb_checkpoints/, which must not land in the repo.
    chapters = tmp_path_factory.mktemp("lab") / "chapters"
    shutil.copytree(ROOT / "chapters", chapters)
    env = dict(os.environ, PATH=f"{VENV_BIN}{os.pathsep}{os.environ['PATH']}", JUPYTER_PREFER_ENV_PATH="1",
               JUPYTERLAB_WORKSPACES_DIR=str(tmp_path_factory.mktemp("workspaces")))
    server = subprocess.Popen(
        [str(VENV_BIN / "jupyter"), "lab", "--no-browser", f"--port={port}", "--ServerApp.token=",
         "--ServerApp.password=", "--ServerApp.ip=127.0.0.1", "--allow-root", f"--notebook-dir={chapters}"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"{url}/api/status", timeout=1)
                break
            except OSError:
                time.sleep(0.25)
        else:
            pytest.fail("JupyterLab did not start within 30 s")
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_lesson_opens_as_notebook_with_myst_rendered(lab_url):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        # Not "networkidle": Lab keeps polling its server, and Playwright's authors discourage it.
        page.goto(f"{lab_url}/lab/workspaces/test/tree/01-strategi?reset", wait_until="load")
        page.locator(".jp-DirListing-itemText", has_text="utslapp.md").first.dblclick(timeout=60_000)
        notebook = page.locator(".jp-NotebookPanel")
        notebook.wait_for(state="visible", timeout=30_000)
        # jupyterlab-myst renders the cells: the admonition becomes a styled box, not ":::{admonition}" text.
        admonition = page.locator(".jp-NotebookPanel .myst-admonition-header-text", has_text="Du kommer att lära dig")
        admonition.first.wait_for(state="visible", timeout=30_000)
        page.wait_for_function(
            "() => document.querySelectorAll('.jp-NotebookPanel .jp-MarkdownCell .myst').length >= 3",
            timeout=30_000,
        )
        browser.close()
    assert not [e for e in errors if "extension" in e.lower() or "RUNTIME" in e], errors
