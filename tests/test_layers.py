"""Rules, storage, checklists, reports, core and CLI never need Qt.

Imports every non-UI module in a fresh interpreter where PySide6 cannot be
imported; a module that reaches for Qt fails the test with its name.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import inspector_app

SCRIPT = r"""
import importlib, sys

class _NoQt:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("PySide6", "shiboken6", "PyQt5", "PyQt6"):
            raise ImportError(f"Qt is not allowed in this layer: {name}")
        return None

sys.meta_path.insert(0, _NoQt())
failed = []
for name in sys.argv[1:]:
    try:
        importlib.import_module(name)
    except Exception as exc:
        failed.append(f"{name}: {exc}")
print("\n".join(failed))
sys.exit(1 if failed else 0)
"""


def non_ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(inspector_app.__path__, prefix="inspector_app."):
        if info.name.startswith("inspector_app.ui") or ".migrations" in info.name:
            continue
        names.append(info.name)
    return names


def test_non_ui_modules_import_without_qt():
    modules = non_ui_modules()
    assert "inspector_app.store.db" in modules and "inspector_app.cli.main" in modules
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, *modules], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_folder_is_a_package():
    """A folder without __init__.py is skipped by the walk above: refuse that."""
    from pathlib import Path

    root = Path(inspector_app.__file__).parent
    missing = [
        str(folder.relative_to(root))
        for folder in root.rglob("*")
        if folder.is_dir()
        and any(folder.glob("*.py"))
        and not (folder / "__init__.py").exists()
        and folder.name not in {"versions", "__pycache__"}
    ]
    assert missing == []
