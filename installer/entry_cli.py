"""Entry point of the frozen ``inspector`` command (build_installer.py)."""

import sys

from inspector_app.cli.main import main

if __name__ == "__main__":
    sys.exit(main())
