#!/usr/bin/env bash
# Install the project into .venv and start the desktop app on the local SQLite
# database (demo data is added on first start; pass --no-demo to skip it).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e .
if [ -x .venv/bin/inspector-app ]; then
  exec .venv/bin/inspector-app --demo "$@"
fi
.venv/bin/inspector init
exec .venv/bin/inspector demo "$@"
