#!/usr/bin/env bash
# Set up everything and run the whole test suite: lint, unit, app and browser tests.
# Arguments go to pytest; e.g. `bash scripts/test.sh -m "not browser and not slow"` for the fast layers.
# The requirements are installed only when requirement files changed since the last install (scripts/setup.sh).
# The browser tests need Debian/Ubuntu's Chromium at /usr/bin/chromium; when it is
# missing and we are root (as in CI), it is installed with apt-get.  Elsewhere
# install it yourself (`sudo apt-get install chromium`) or point PAPI_CHROMIUM
# at a Chromium/Chrome binary.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/setup.sh dev
chromium="${PAPI_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ] && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null
fi
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
