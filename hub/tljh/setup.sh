#!/usr/bin/env bash
# Stratus on The Littlest JupyterHub (TLJH): one server for a workshop of 10-30 participants.
#
# Run as root on the TLJH server, AFTER TLJH itself is installed (see hub/README.md), from a
# clone of the Stratus repository:
#
#     sudo bash hub/tljh/setup.sh
#
# It
#   1. copies the repository to /opt/stratus/material (the models package and data/ every
#      kernel imports; the lessons themselves reach each participant through nbgitpuller),
#   2. builds the participants' environment /opt/stratus/env with Python 3.11 and the book's
#      exact pins (requirements.txt), nbgitpuller and jupyterhub-singleuser (hub/requirements.txt),
#      jupytext + jupyterlab-myst, and `models` installed from /opt/stratus/material,
#   3. installs lab/overrides.json so .md lessons open as notebooks,
#   4. points TLJH at that environment (jupyterhub_config.d/stratus.py) and sets the
#      default app, the idle culler and per-participant limits with tljh-config,
#   5. reloads the hub.
# Running it again updates everything in place (rerun after `git pull` before a workshop).
set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PREFIX=/opt/stratus
ENV="$PREFIX/env"
TLJH_CONDA=/opt/tljh/user/bin/conda
TLJH_HUB_PYTHON=/opt/tljh/hub/bin/python3

# Sizing from benchmarks/bench_hub.py (hub/README.md, "Dimensionering"): one participant's
# server + kernel uses about 0.3 GiB after a lesson; 1 GiB leaves room for the exercises.
MEMORY_LIMIT="${STRATUS_MEMORY_LIMIT:-1G}"
CPU_LIMIT="${STRATUS_CPU_LIMIT:-1}"
# A workshop day has breaks: stop a server only after 90 minutes without activity.
CULL_TIMEOUT="${STRATUS_CULL_TIMEOUT:-5400}"

[ "$(id -u)" = 0 ] || { echo "Kör som root: sudo bash $0" >&2; exit 1; }
[ -x "$TLJH_HUB_PYTHON" ] || { echo "TLJH saknas (/opt/tljh). Installera TLJH först, se hub/README.md." >&2; exit 1; }
command -v git >/dev/null || apt-get install -y git

echo "== 1. Materialet till $PREFIX/material"
mkdir -p "$PREFIX"
rm -rf "$PREFIX/material.new"
git -C "$REPO" archive --format=tar HEAD | (mkdir -p "$PREFIX/material.new" && tar -x -C "$PREFIX/material.new")
rm -rf "$PREFIX/material" && mv "$PREFIX/material.new" "$PREFIX/material"

echo "== 2. Deltagarnas miljö $ENV (Python 3.11 och bokens exakta versioner)"
if [ ! -x "$ENV/bin/python3.11" ]; then
    "$TLJH_CONDA" create --yes --quiet --prefix "$ENV" python=3.11 pip
fi
"$ENV/bin/python" -m pip install --quiet --upgrade pip
"$ENV/bin/python" -m pip install --quiet -r "$PREFIX/material/requirements.txt" -r "$PREFIX/material/hub/requirements.txt"
# jupyterhub-singleuser must speak the same version as TLJH's hub.
HUB_VERSION="$("$TLJH_HUB_PYTHON" -c 'import jupyterhub; print(jupyterhub.__version__)')"
"$ENV/bin/python" -m pip install --quiet "jupyterhub==$HUB_VERSION"
# Editable, so that models finds data/ next to it (models/data/package.py: DATA_DIR).
"$ENV/bin/python" -m pip install --quiet --no-deps -e "$PREFIX/material"
"$ENV/bin/python" -m pip check

echo "== 3. .md-lektioner öppnas som notebooks"
mkdir -p "$ENV/share/jupyter/lab/settings"
cp "$PREFIX/material/lab/overrides.json" "$ENV/share/jupyter/lab/settings/overrides.json"

echo "== 4. TLJH-inställningar"
mkdir -p /opt/tljh/config/jupyterhub_config.d
cp "$REPO/hub/tljh/jupyterhub_config.d/stratus.py" /opt/tljh/config/jupyterhub_config.d/stratus.py
tljh-config set user_environment.default_app jupyterlab
tljh-config set limits.memory "$MEMORY_LIMIT"
tljh-config set limits.cpu "$CPU_LIMIT"
tljh-config set services.cull.enabled true
tljh-config set services.cull.timeout "$CULL_TIMEOUT"
tljh-config set services.cull.every 300
tljh-config set services.cull.users false

echo "== 5. Startar om hubben"
tljh-config reload hub
echo "Klart. Testa: öppna hubben, logga in och klistra in nbgitpuller-länken (hub/README.md)."
