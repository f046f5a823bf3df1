#!/usr/bin/env bash
# Create .venv beside the project and install the pinned requirements into it.
# Usage: scripts/setup.sh [dev]   ("dev" adds the test, lint and benchmark tools)
# A successful install leaves the sha256 of the requirement files it used in .venv; the next run with the
# same files (and the same Python) installs nothing.  A fresh clone, as in CI, has no .venv: everything
# is installed.  Remove .venv/requirements*.sha256 (or .venv) to force a reinstall.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
if [ "${1:-}" = "dev" ]; then
  requirements=requirements-dev.txt
  stamp=.venv/requirements-dev.sha256
else
  requirements=requirements.txt
  stamp=.venv/requirements.sha256
fi
# requirements-dev.txt includes requirements.txt (-r), so both count for either mode.
digest="$( (python3 --version; cat requirements.txt requirements-dev.txt) | sha256sum | cut -d' ' -f1)"
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$digest" ]; then
  echo "setup: $requirements unchanged since the last install; nothing to install"
  exit 0
fi
python3 -m venv .venv
rm -f "$stamp"
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r "$requirements"
echo "$digest" > "$stamp"
