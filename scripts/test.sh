#!/usr/bin/env bash
# Install the project into .venv and run the whole test suite.
# PostgreSQL tests run when INSPECTOR_TEST_PG_URL is set (.ci/run starts a server);
# otherwise they are skipped with the reason.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
# installer: PyInstaller, for the test that builds and runs the one-folder app (tests/test_installer.py)
.venv/bin/python -m pip install -q -e '.[test,installer]'
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
exec .venv/bin/python -m pytest -q "$@"
