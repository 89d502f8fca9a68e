"""The workshop hub for real: JupyterHub + configurable-http-proxy + nbgitpuller, two participants in Chromium.

Starts JupyterHub on 127.0.0.1 with hub/jupyterhub_config_local.py (one local process per
participant, homes in a temp dir, a shared password), makes a local git clone of this
repository holding the working tree, and lets two participants follow the workshop's
nbgitpuller link in Debian's Chromium: log in, get their own server, their own clone of the
material, the lesson opened as a notebook with MyST rendered, Run All to the last cell without
an error. Then participant A edits the lesson and saves; B's copy and B's view do not change,
and B is refused A's server. No network: every request to another host is aborted and fails
the test. Every process the hub started is ended at the end.
"""
from __future__ import annotations

import importlib.util
import time
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("stratus_localhub", ROOT / "hub" / "localhub.py")
localhub = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(localhub)

PARTICIPANTS = ("anna", "bengt")
MARKER = "# Annas egen anteckning: syns bara i hennes kopia"
RUN_TIMEOUT_MS = 120_000

_missing = localhub.missing_parts()
pytestmark = pytest.mark.skipif(
    bool(_missing),
    reason="Hubbens paket är inte installerade: " + ", ".join(_missing)
    + " (kör `.venv/bin/pip install -r hub/requirements.txt` och `npm ci --prefix hub`)",
)


@pytest.fixture(scope="module")
def material(tmp_path_factory):
    """A local clone of this repository with the working tree committed on its own branch."""
    return localhub.make_material_repo(tmp_path_factory.mktemp("material") / "stratus")


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    server = localhub.LocalHub(tmp_path_factory.mktemp("hub"), start_timeout=120)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        assert not server.leftovers(), f"processer från hubben lever kvar: {server.leftovers()}"


def pull_link(hub_url: str, repo: str) -> str:
    """The link a facilitator hands out: nbgitpuller through the hub's user-redirect."""
    query = urllib.parse.urlencode({
        "repo": repo, "branch": localhub.BRANCH, "targetpath": localhub.TARGET,
        "urlpath": f"lab/tree/{localhub.TARGET}/{localhub.LESSON}",
    })
    return f"{hub_url}/hub/user-redirect/git-pull?{query}"


class Participant:
    """One browser context (own cookies) on the hub; requests to any other host are aborted."""

    def __init__(self, browser, hub, name: str):
        self.name, self.hub = name, hub
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": 1300, "height": 900}, locale="sv-SE")
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def _route(self, route):
        url = route.request.url
        if url.startswith(self.hub.url + "/") or url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    def open_link_and_log_in(self, link: str) -> None:
        self.page.goto(link, wait_until="domcontentloaded")
        # Not logged in yet: the hub's login page, which returns to the link afterwards.
        self.page.locator("#username_input").fill(self.name)
        self.page.locator("#password_input").fill(self.hub.password)
        self.page.locator("#login_submit").click()

    def wait_for_lesson(self) -> None:
        page = self.page
        # login -> spawn -> nbgitpuller's progress page -> JupyterLab with the lesson
        page.wait_for_url(f"**/user/{self.name}/lab/**", timeout=120_000)
        page.locator(".jp-NotebookPanel").first.wait_for(state="visible", timeout=60_000)
        header = page.locator(".jp-NotebookPanel .myst-admonition-header-text", has_text="Du kommer att lära dig")
        header.first.wait_for(state="visible", timeout=60_000)
        page.wait_for_function(
            "() => document.querySelectorAll('.jp-NotebookPanel .jp-MarkdownCell .myst').length >= 3",
            timeout=30_000,
        )

    def run_all(self) -> None:
        """Run > Run All Cells, once the kernel is idle; tried again (at most 3 times) if no cell starts."""
        page = self.page
        page.locator(".jp-StatusBar-TextItem", has_text="| Idle").first.wait_for(state="visible", timeout=90_000)
        started = ("() => [...document.querySelectorAll('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-CodeCell "
                   ".jp-InputPrompt')].some(p => /\\[(\\*|\\d+)\\]/.test(p.textContent))")
        for _ in range(3):
            page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell").first.click()  # the notebook has focus
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel").get_by_text("Run All Cells", exact=True).click()
            try:
                page.wait_for_function(started, timeout=15_000, polling=250)
                return
            except Exception:
                page.keyboard.press("Escape")
        raise AssertionError(f"{self.name}: Run All Cells startade ingen cell")

    def wait_until_run(self) -> dict:
        """Wait until the last code cell has executed or an error output shows; return what the page shows."""
        state_js = """() => {
            const panel = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)');
            const cells = [...panel.querySelectorAll('.jp-CodeCell')];
            const prompts = cells.map(c => (c.querySelector('.jp-InputPrompt') || {}).textContent || '');
            const errors = [...panel.querySelectorAll(
                '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')]
                .map(e => e.textContent).filter(t => /Traceback|Error/.test(t));
            return {count: cells.length, last: prompts[prompts.length - 1] || '',
                    running: prompts.filter(p => p.includes('*')).length, errors};
        }"""
        self.page.wait_for_function(
            f"() => {{ const s = ({state_js})(); return s.errors.length > 0 || /\\[\\d+\\]/.test(s.last); }}",
            timeout=RUN_TIMEOUT_MS, polling=500,
        )
        return self.page.evaluate(state_js)

    def edit_and_save(self, text: str) -> None:
        """Add a code cell after the first cell, type ``text`` and save (jupytext writes the .md)."""
        page = self.page
        page.locator(".jp-NotebookPanel .jp-Cell").first.click()
        page.keyboard.press("Escape")
        page.keyboard.press("b")
        page.keyboard.press("Enter")
        page.keyboard.type(text)
        page.keyboard.press("Escape")
        page.keyboard.press("Control+s")

    def contents(self, user: str, path: str):
        """GET the user's Jupyter contents API with this participant's cookies."""
        return self.page.request.get(f"{self.hub.url}/user/{user}/api/contents/{path}?type=file&content=1",
                                     max_redirects=0)

    def close(self) -> None:
        self.context.close()


def test_two_participants_pull_the_material_and_run_a_lesson(chromium, hub, material):
    link = pull_link(hub.url, material)
    people = {name: Participant(chromium, hub, name) for name in PARTICIPANTS}
    started = time.monotonic()
    try:
        for person in people.values():
            person.open_link_and_log_in(link)
        for person in people.values():
            person.wait_for_lesson()
        opened = time.monotonic() - started

        # Each participant has a clone of their own, on the workshop branch, in their own home.
        clones = {name: hub.homes / name / localhub.TARGET for name in PARTICIPANTS}
        for name, clone in clones.items():
            assert (clone / ".git").is_dir(), f"{name} fick ingen egen klon: {sorted(p.name for p in hub.homes.iterdir())}"
            assert (clone / localhub.LESSON).is_file()
            head = (clone / ".git" / "HEAD").read_text().strip()
            assert head == f"ref: refs/heads/{localhub.BRANCH}", head
        assert clones["anna"].resolve() != clones["bengt"].resolve()

        # Run All in both notebooks at once, then wait for both to reach the last cell.
        for person in people.values():
            person.run_all()
        hub.processes()  # remember the servers and kernels, so the fixture can check they end
        for name, person in people.items():
            state = person.wait_until_run()
            assert not state["errors"], f"{name}: fel i lektionen:\n" + "\n".join(state["errors"])[-3000:]
            assert state["count"] >= 5 and state["running"] == 0, state
            assert state["last"].strip().startswith("[") and state["last"].strip()[1:-2].isdigit(), state
            # No English pop-up asking to fetch news from the internet (lab/overrides.json turns it off).
            assert not person.page.get_by_text("official Jupyter news").count(), f"{name}: JupyterLab frågar om nyheter"

        # A's edit lands in A's file only; B neither sees it nor reaches A's server.
        anna, bengt = people["anna"], people["bengt"]
        lesson_a = clones["anna"] / localhub.LESSON
        lesson_b = clones["bengt"] / localhub.LESSON
        before_b = lesson_b.read_bytes()
        anna.edit_and_save(MARKER)
        deadline = time.monotonic() + 30
        while MARKER not in lesson_a.read_text(encoding="utf-8") and time.monotonic() < deadline:
            anna.page.wait_for_timeout(250)  # not time.sleep: the request router runs only inside Playwright calls
        assert MARKER in lesson_a.read_text(encoding="utf-8"), "Annas ändring sparades inte i hennes .md"
        assert lesson_b.read_bytes() == before_b
        path = f"{localhub.TARGET}/{localhub.LESSON}"
        own = bengt.contents("bengt", path)
        assert own.status == 200 and MARKER not in own.json()["content"]
        theirs = bengt.contents("anna", path)
        assert theirs.status in (302, 403), f"Bengt kom åt Annas server: {theirs.status}"
        if theirs.status == 302:  # to the hub's OAuth, which then refuses
            refused = bengt.page.request.get(theirs.headers["location"] if theirs.headers["location"].startswith("http")
                                             else hub.url + theirs.headers["location"])
            assert refused.status == 403, refused.status
            assert MARKER not in refused.text()

        for name, person in people.items():
            assert not person.blocked, f"{name}: förfrågningar till andra värdar: {person.blocked[:5]}"
        print(f"\nhubb: lektionen öppen för två deltagare efter {opened:.1f} s, "
              f"körd till slutet efter {time.monotonic() - started:.1f} s")
    except Exception:
        for name, person in people.items():
            try:
                person.page.screenshot(path=str(hub.runtime / f"{name}.png"))
            except Exception:
                pass
        print(f"hubbens logg ({hub.log_path}):\n{hub.log_tail()}")
        raise
    finally:
        for person in people.values():
            person.close()
