#!/usr/bin/env bash
# Start the desktop app on the local SQLite database (demo data is added on first
# start; pass --no-demo to skip it). The first run installs the project into .venv;
# later runs start at once and need no network (they reinstall only when
# pyproject.toml changed). On Debian/Ubuntu the X11 libraries Qt's xcb platform
# needs are installed when missing (as root or with sudo), or the exact apt-get
# line is printed.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3}"
STAMP=.venv/.installed

if [ ! -x .venv/bin/python ] || [ ! -f "$STAMP" ] || [ pyproject.toml -nt "$STAMP" ]; then
  [ -x .venv/bin/python ] || "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e .
  touch "$STAMP"
fi

# Qt's X11 platform links to system libraries a bare machine may lack, and Qt's own
# message then names the wrong one: ask ldd, and install what it says is missing.
if [ "$(uname -s)" = Linux ] && [ "${QT_QPA_PLATFORM:-xcb}" = xcb ]; then
  if ! missing="$(.venv/bin/python -m inspector_app.ui.system_libs)"; then
    if [ -n "$missing" ] && command -v apt-get >/dev/null 2>&1; then
      if [ "$(id -u)" = 0 ]; then
        echo "Installing the X11 libraries Qt needs: $missing"
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
      elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        echo "Installing the X11 libraries Qt needs: $missing"
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
      else
        echo "The desktop app needs these system libraries; install them with:" >&2
        echo "  sudo apt-get install -y --no-install-recommends $missing" >&2
        exit 1
      fi
    elif [ -n "$missing" ]; then
      echo "The desktop app needs these system libraries (Debian/Ubuntu names): $missing" >&2
      exit 1
    fi
  fi
fi

if [ -x .venv/bin/inspector-app ]; then
  exec .venv/bin/inspector-app --demo "$@"
fi
.venv/bin/inspector init
exec .venv/bin/inspector demo "$@"
