"""Start and stop the local test hub (hub/jupyterhub_config_local.py) and make the material's git repo.

Shared by tests/hub/test_hub.py and benchmarks/bench_hub.py; not used by a real hub.

* :func:`make_material_repo` clones this repository into a temporary folder and commits the
  current working tree there on a branch of its own, so nbgitpuller pulls exactly what is being
  tested, from the local disk (no network). It only reads this repository: it never touches
  its index, branches or working tree.
* :class:`LocalHub` runs JupyterHub (with configurable-http-proxy from hub/node_modules) on
  127.0.0.1, waits until it answers, and on :meth:`LocalHub.stop` ends the hub, the proxy,
  every participant's server and every kernel it started, by process id.
"""
from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

HUB_DIR = Path(__file__).resolve().parent
ROOT = HUB_DIR.parent
CONFIG = HUB_DIR / "jupyterhub_config_local.py"
CHP = HUB_DIR / "node_modules" / ".bin" / "configurable-http-proxy"
LESSON = "chapters/01-strategi/utslapp.md"
TARGET = "stratus"  # the folder nbgitpuller clones into, in each participant's home
BRANCH = "workshop"


def missing_parts() -> list[str]:
    """What is not installed for the local hub (empty when everything is there)."""
    missing = []
    bin_dir = Path(sys.executable).parent
    for name, path in (("jupyterhub", bin_dir / "jupyterhub"),
                       ("jupyterhub-singleuser", bin_dir / "jupyterhub-singleuser")):
        if not path.exists():
            missing.append(f"{name} (pip install -r hub/requirements.txt)")
    try:
        import nbgitpuller  # noqa: F401
    except ImportError:
        missing.append("nbgitpuller (pip install -r hub/requirements.txt)")
    if not CHP.exists():
        missing.append("configurable-http-proxy (npm ci --prefix hub)")
    if not shutil.which("git"):
        missing.append("git")
    return missing


def _git(*args: str, cwd: Path) -> str:
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_TERMINAL_PROMPT="0",
               GIT_AUTHOR_NAME="Stratus test", GIT_AUTHOR_EMAIL="test@stratus.invalid",
               GIT_COMMITTER_NAME="Stratus test", GIT_COMMITTER_EMAIL="test@stratus.invalid")
    result = subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, check=True)
    return result.stdout


def make_material_repo(dest: Path, source: Path = ROOT, branch: str = BRANCH) -> str:
    """Clone ``source`` to ``dest`` and commit its working tree there on ``branch``; return a file:// URL.

    The commit holds every file git tracks or would track in ``source`` (ignored files such as
    .venv, node_modules and _build stay out), as they are on disk now.
    """
    dest = Path(dest)
    _git("clone", "--quiet", "--no-hardlinks", str(source), str(dest), cwd=dest.parent)
    _git("checkout", "--quiet", "-b", branch, cwd=dest)
    listing = _git("ls-files", "-z", "--cached", "--others", "--exclude-standard", cwd=source)
    for entry in dest.iterdir():
        if entry.name != ".git":
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for rel in filter(None, listing.split("\0")):
        src = source / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    _git("add", "--all", cwd=dest)
    _git("commit", "--quiet", "--allow-empty", "-m", "Workshop material (working tree)", cwd=dest)
    return dest.resolve().as_uri()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class LocalHub:
    """JupyterHub with its proxy on 127.0.0.1, state and homes under ``runtime``."""

    def __init__(self, runtime: Path, *, api_token: str | None = None, start_timeout: int = 300):
        self.runtime = Path(runtime)
        self.runtime.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.password = secrets.token_urlsafe(12)
        self.api_token = api_token
        self.start_timeout = start_timeout
        self.log_path = self.runtime / "jupyterhub.log"
        self.process: subprocess.Popen | None = None
        self._seen: dict[int, float] = {}  # pid -> create_time of every process the hub started

    @property
    def homes(self) -> Path:
        return self.runtime / "homes"

    def start(self, timeout: float = 60) -> "LocalHub":
        env = dict(os.environ, STRATUS_HUB_DIR=str(self.runtime), STRATUS_HUB_PORT=str(self.port),
                   STRATUS_HUB_PASSWORD=self.password, STRATUS_HUB_START_TIMEOUT=str(self.start_timeout))
        env.pop("STRATUS_HUB_API_TOKEN", None)
        if self.api_token:
            env["STRATUS_HUB_API_TOKEN"] = self.api_token
        bin_dir = Path(sys.executable).parent
        env["PATH"] = f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"
        log = open(self.log_path, "ab")
        self.process = subprocess.Popen(
            [str(bin_dir / "jupyterhub"), "-f", str(CONFIG)],
            cwd=self.runtime, env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub avslutades direkt (kod {self.process.returncode}):\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(f"{self.url}/hub/health", timeout=2) as response:
                    if response.status == 200:
                        return self
            except (OSError, urllib.error.URLError):
                pass
            time.sleep(0.25)
        self.stop()
        raise RuntimeError(f"JupyterHub svarade inte inom {timeout:.0f} s:\n{self.log_tail()}")

    def log_tail(self, chars: int = 6000) -> str:
        try:
            return self.log_path.read_text(encoding="utf-8", errors="replace")[-chars:]
        except OSError:
            return ""

    def processes(self):
        """The hub's live descendants (proxy, single-user servers, kernels), remembered for stop()."""
        import psutil

        if not self.process or self.process.poll() is not None:
            return []
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        for proc in children:
            try:
                self._seen.setdefault(proc.pid, proc.create_time())
            except psutil.NoSuchProcess:
                pass
        return children

    def api(self, method: str, path: str, body: dict | None = None, timeout: float = 30):
        """Call the hub's REST API with the admin token; returns (status, parsed JSON or None)."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(f"{self.url}/hub/api{path}", data=data, method=method,
                                         headers={"Authorization": f"token {self.api_token}",
                                                  "Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                raw = response.read()
                return response.status, (json.loads(raw) if raw else None)
        except urllib.error.HTTPError as error:
            return error.code, None

    def stop(self, timeout: float = 30) -> list[int]:
        """Stop everything the hub started; return the pids that had to be killed."""
        import psutil

        if self.process is None:
            return []
        self.processes()
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)  # the hub stops the servers and the proxy
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        killed = []
        for pid, created in self._seen.items():
            try:
                proc = psutil.Process(pid)
                if proc.create_time() != created:
                    continue  # the pid was reused by an unrelated process
                proc.kill()
                proc.wait(timeout=5)
                killed.append(pid)
            except (psutil.NoSuchProcess, psutil.TimeoutExpired):
                pass
        self.process = None
        return killed

    def leftovers(self) -> list[int]:
        """Pids of processes the hub started that still run (after stop(): should be none)."""
        import psutil

        alive = []
        for pid, created in self._seen.items():
            try:
                proc = psutil.Process(pid)
                if proc.create_time() == created and proc.status() != psutil.STATUS_ZOMBIE:
                    alive.append(pid)
            except psutil.NoSuchProcess:
                pass
        return alive

    def __enter__(self) -> "LocalHub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
