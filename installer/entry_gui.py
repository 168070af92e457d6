"""Entry point of the frozen ``inspector-app`` desktop app (build_installer.py)."""

import sys

from inspector_app.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
