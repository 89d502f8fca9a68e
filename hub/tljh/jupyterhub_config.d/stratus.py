"""Stratus on The Littlest JupyterHub: run every participant in /opt/stratus/env.

Copied to /opt/tljh/config/jupyterhub_config.d/ by hub/tljh/setup.sh; TLJH loads it after
its own configuration (tljh-config values), so the settings here win.
"""
ENV = "/opt/stratus/env"

# The participants' server and kernel come from the Stratus environment (Python 3.11, the
# book's pins, jupytext, jupyterlab-myst, nbgitpuller, models), not TLJH's shared user env.
c.SystemdSpawner.extra_paths = [f"{ENV}/bin"]  # noqa: F821 (c is given by JupyterHub)
c.Spawner.cmd = [f"{ENV}/bin/jupyterhub-singleuser"]  # noqa: F821
c.Spawner.environment = {  # noqa: F821
    # The environment's JupyterLab settings (lab/overrides.json) and kernel come first.
    "JUPYTER_PREFER_ENV_PATH": "1",
    "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    "LANG": "C.UTF-8",
}
c.Spawner.default_url = "/lab"  # noqa: F821
# 30 participants clicking the same link at 09:00: give slow starts time instead of failing.
c.Spawner.start_timeout = 300  # noqa: F821
c.Spawner.http_timeout = 120  # noqa: F821
