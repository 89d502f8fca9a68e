"""JupyterHub on this machine only: the configuration tests/hub/test_hub.py and benchmarks/bench_hub.py use.

NOT for a real workshop (see hub/README.md: hub/tljh/ for one server, hub/z2jh/ for Kubernetes).
Every participant gets their own home folder under a temporary directory and their own
single-user Jupyter server (a local process), but all of them run as the same OS user: fine
for testing, no isolation against a participant who wants to read another's files.

Run by hand (after `pip install -r hub/requirements.txt` and `npm ci --prefix hub`):

    .venv/bin/jupyterhub -f hub/jupyterhub_config_local.py

Everything comes from environment variables, with safe defaults:

    STRATUS_HUB_DIR        runtime folder (database, cookie secret, proxy pid, homes/); default: a new temp dir
    STRATUS_HUB_PORT       the public port (the proxy) on 127.0.0.1; default: a free port
    STRATUS_HUB_PASSWORD   the participants' shared password (>= 8 characters); default: a random one, printed
    STRATUS_HUB_API_TOKEN  an admin token for the service "stratus-admin" (REST API); default: none
    STRATUS_HUB_START_TIMEOUT  seconds a single-user server may take to start; default 300

Listens on 127.0.0.1 only: the proxy, the hub's own API and every single-user server.
"""
from __future__ import annotations

import os
import secrets
import socket
import sys
import tempfile
from pathlib import Path

c = get_config()  # noqa: F821  (provided by JupyterHub when it loads this file)

HUB = Path(__file__).resolve().parent
ROOT = HUB.parent
# The venv whose jupyterhub is running this file: its jupyterhub-singleuser, JupyterLab,
# jupytext, jupyterlab-myst, nbgitpuller and kernel serve every participant.
VENV_BIN = Path(sys.executable).parent


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


RUNTIME = Path(os.environ.get("STRATUS_HUB_DIR") or tempfile.mkdtemp(prefix="stratus-hub-"))
HOMES = RUNTIME / "homes"
HOMES.mkdir(parents=True, exist_ok=True)
PORT = int(os.environ.get("STRATUS_HUB_PORT") or _free_port())

# ---------------------------------------------------------------- network: 127.0.0.1 only
c.JupyterHub.bind_url = f"http://127.0.0.1:{PORT}"
c.JupyterHub.hub_bind_url = f"http://127.0.0.1:{_free_port()}"
c.ConfigurableHTTPProxy.api_url = f"http://127.0.0.1:{_free_port()}"
c.Spawner.ip = "127.0.0.1"  # each single-user server picks a random free port on loopback

# ---------------------------------------------------------------- state in the runtime folder
c.JupyterHub.db_url = f"sqlite:///{RUNTIME / 'jupyterhub.sqlite'}"
c.JupyterHub.cookie_secret_file = str(RUNTIME / "jupyterhub_cookie_secret")
c.ConfigurableHTTPProxy.pid_file = str(RUNTIME / "jupyterhub-proxy.pid")
c.JupyterHub.cleanup_servers = True  # stopping the hub stops every participant's server
c.JupyterHub.cleanup_proxy = True

# ---------------------------------------------------------------- the proxy, pinned in hub/package-lock.json
CHP = HUB / "node_modules" / ".bin" / "configurable-http-proxy"
c.ConfigurableHTTPProxy.command = [str(CHP)]
c.ConfigurableHTTPProxy.auth_token = secrets.token_hex(32)
c.ConfigurableHTTPProxy.should_start = True

# ---------------------------------------------------------------- participants: one shared password
c.JupyterHub.authenticator_class = "shared-password"
PASSWORD = os.environ.get("STRATUS_HUB_PASSWORD") or secrets.token_urlsafe(12)
c.SharedPasswordAuthenticator.user_password = PASSWORD
c.Authenticator.allow_all = True  # anyone with the password picks a participant name
if not os.environ.get("STRATUS_HUB_PASSWORD"):
    print(f"[stratus] Deltagarnas lösenord: {PASSWORD}   Hubben: http://127.0.0.1:{PORT}", flush=True)

# An admin token for the benchmark (and a facilitator's scripts): create users, start and
# stop their servers, and use those servers' APIs.
TOKEN = os.environ.get("STRATUS_HUB_API_TOKEN")
if TOKEN:
    c.JupyterHub.services = [{"name": "stratus-admin", "api_token": TOKEN}]
    c.JupyterHub.load_roles = [{
        "name": "stratus-admin",
        "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"],
        "services": ["stratus-admin"],
    }]

# ---------------------------------------------------------------- each participant's server
c.JupyterHub.spawner_class = "jupyterhub.spawner.SimpleLocalProcessSpawner"
c.SimpleLocalProcessSpawner.home_dir_template = str(HOMES / "{username}")
c.Spawner.notebook_dir = str(HOMES / "{username}")
c.Spawner.cmd = [str(VENV_BIN / "jupyterhub-singleuser")]
c.Spawner.default_url = "/lab"
c.Spawner.args = ["--ServerApp.allow_root=True"]  # a test machine or CI runs as root
c.Spawner.environment = {
    # The venv's JupyterLab settings (lab/overrides.json: .md lessons open as notebooks) and
    # its kernel come first, as in `make lab`.
    "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
    "JUPYTER_PREFER_ENV_PATH": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "LANG": "C.UTF-8",
    # Git for nbgitpuller, without reading the machine's or the user's git configuration.
    "GIT_CONFIG_NOSYSTEM": "1",
}
START_TIMEOUT = int(os.environ.get("STRATUS_HUB_START_TIMEOUT") or 300)
c.Spawner.start_timeout = START_TIMEOUT  # 30 servers starting at once on 2 cores are slow
c.Spawner.http_timeout = START_TIMEOUT
c.JupyterHub.concurrent_spawn_limit = 40
c.JupyterHub.active_server_limit = 40
# The hub's UI never says "Server not running; start it?" to a participant after a link:
c.JupyterHub.implicit_spawn_seconds = 0.5
