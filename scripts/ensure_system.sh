#!/usr/bin/env bash
# Make sure the system programs that `make` needs are installed, from Debian's packages.
#
#   scripts/ensure_system.sh npm        Node.js and npm (for `npm ci` of the site's assets)
#   scripts/ensure_system.sh chromium   Debian's Chromium (for the browser tests)
#
# As root a missing program is installed with apt-get. Otherwise the script stops and
# says, in Swedish, what to install. Playwright's own browser download is never used.
set -euo pipefail

need_program() {
  local program=$1 packages=$2 why=$3
  if command -v "$program" >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "Installerar $packages från Debians paket ($why) ..."
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $packages >/dev/null
    command -v "$program" >/dev/null 2>&1 && return 0
  fi
  echo "Programmet '$program' saknas ($why)." >&2
  echo "Installera det, till exempel med: sudo apt-get install $packages" >&2
  exit 1
}

for what in "$@"; do
  case "$what" in
    npm) need_program npm "nodejs npm" "behövs för att hämta MathJax till webbplatsen" ;;
    chromium)
      if [ -n "${STRATUS_CHROMIUM:-}" ] && [ -x "$STRATUS_CHROMIUM" ]; then
        continue
      fi
      need_program chromium "chromium fonts-liberation fonts-dejavu-core" "webbläsaren som testerna av webbplatsen körs i" ;;
    *) echo "ensure_system.sh: okänt program '$what'" >&2; exit 2 ;;
  esac
done
