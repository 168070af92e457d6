"""build_installer.py: the one-folder build runs without our Python; the Inno Setup script.

The build itself takes minutes (``slow``) but runs in CI, where PyInstaller is
installed by scripts/test.sh (the ``installer`` extra); elsewhere it is skipped
when PyInstaller is missing.
"""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import inspector_app

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
import build_installer  # noqa: E402


def test_one_version_for_the_package_the_commands_and_the_installer(capsys):
    from inspector_app.cli.main import main

    assert build_installer.version() == inspector_app.__version__
    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"inspector {inspector_app.__version__}"


def test_the_app_prints_its_version(qapp, capsys):
    from inspector_app.ui.app import build_parser

    with pytest.raises(SystemExit):
        build_parser().parse_args(["--version"])
    assert capsys.readouterr().out.strip() == f"inspector-app {inspector_app.__version__}"


def test_in_a_frozen_build_files_are_found_in_the_bundle(monkeypatch, tmp_path):
    from inspector_app import paths

    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    try:
        frozen = importlib.reload(paths)
        bundle = tmp_path.resolve()
        found = (frozen.PROJECT_ROOT, frozen.FORMS_DIR, frozen.RESOURCES_DIR)
        assert found == (bundle, bundle / "forms", bundle / "resources")
    finally:
        monkeypatch.undo()
        importlib.reload(paths)
    assert paths.PROJECT_ROOT == ROOT


def _iss(text: str) -> dict[str, list[str]]:
    """Sections of an Inno Setup script and their entry lines (comments and ISPP left out)."""
    sections: dict[str, list[str]] = {}
    current = ""
    for line in text.splitlines():
        if not line.strip() or line.startswith((";", "#")):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = line[1:-1]
            sections[current] = []
        else:
            sections.setdefault(current, []).append(line)
    return sections


def test_inno_setup_script_installs_per_user_with_start_menu_and_a_kept_data_folder(monkeypatch):
    text = build_installer.inno_setup_script("1.2.3")
    iss = _iss(text)
    assert set(iss) >= {"Setup", "Languages", "Dirs", "Files", "Icons", "Run"}
    setup = dict(line.split("=", 1) for line in iss["Setup"])
    assert setup["AppVersion"] == "{#AppVersion}" and '#define AppVersion "1.2.3"' in text
    assert setup["VersionInfoVersion"] == "1.2.3.0"
    assert setup["AppId"] == "{" + build_installer.APP_ID  # "{{" escapes the brace in Inno
    assert setup["PrivilegesRequired"] == "lowest"
    assert setup["OutputBaseFilename"] == "inspector-setup-1.2.3"
    assert "{localappdata}\\inspector\\inspector" in text
    dirs = [line for line in text.splitlines() if line.startswith('Name: "{localappdata}')]
    assert dirs and "uninsneveruninstall" in dirs[0]  # uninstalling keeps the data
    icons = [line for line in text.splitlines() if line.startswith('Name: "{group}')]
    assert any('Filename: "{app}\\{#AppExe}"' in line for line in icons)
    assert '#define AppExe "inspector-app.exe"' in text
    assert 'Source: "inspector\\*"' in text and "recursesubdirs" in text
    # The data folder the installer creates is the one the app uses on Windows.
    from platformdirs import windows

    from inspector_app import paths

    monkeypatch.setattr(windows, "get_win_folder", lambda _name: "LOCALAPPDATA")
    data = windows.Windows(paths.APP_NAME, paths.APP_AUTHOR).user_data_dir
    assert Path(data).parts == ("LOCALAPPDATA", "inspector", "inspector")


def test_a_clean_environment_has_no_venv_and_no_python_path(tmp_path, monkeypatch):
    monkeypatch.setenv("PYTHONPATH", "/somewhere")
    monkeypatch.setenv("VIRTUAL_ENV", "/work/main/.venv")
    monkeypatch.setenv("PATH", f"/work/main/.venv/bin{os.pathsep}/usr/bin")
    env = build_installer.clean_env(tmp_path)
    assert "PYTHONPATH" not in env and "VIRTUAL_ENV" not in env
    assert ".venv" not in env["PATH"] and env["INSPECTOR_DATA_DIR"] == str(tmp_path)


def _has_pyinstaller() -> bool:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
def test_the_built_folder_runs_without_our_python(tmp_path):
    if not _has_pyinstaller():
        if os.environ.get("CI"):
            pytest.fail(
                "PyInstaller is not installed in CI (scripts/test.sh installs '.[installer]')"
            )
        pytest.skip("PyInstaller is not installed: pip install '.[installer]'")
    dist, work = tmp_path / "dist", tmp_path / "build"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "build_installer.py"),
            "--dist",
            str(dist),
            "--work",
            str(work),
        ],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=1800,
    )
    out = done.stdout + done.stderr
    assert done.returncode == 0, out[-6000:]
    folder = dist / "inspector"
    size = build_installer.folder_size(folder)
    assert size <= build_installer.BUDGET_MB * 2**20
    assert f"size: {size / 2**20:.1f} MB" in out
    for line in (
        "inspector --version",
        "inspector-app --smoke",
        "inspector record",
        "inspector ledger import",
        "inspector db check",
    ):
        assert any(row.startswith("ok") and line in row for row in out.splitlines()), out[-3000:]
    # No file of the source tree or the venv is needed: the folder alone, moved elsewhere.
    moved = tmp_path / "elsewhere" / "程序"
    moved.parent.mkdir()
    folder.rename(moved)
    checks = build_installer.check_build(moved)
    assert all(c.ok for c in checks), [(c.command, c.output[-500:]) for c in checks if not c.ok]
    script = (dist / "inspector.iss").read_text(encoding="utf-8-sig")
    assert f'#define AppVersion "{inspector_app.__version__}"' in script
    for name in ("inspector", "inspector-app"):
        assert (moved / (name + build_installer.EXE)).is_file()
    assert (moved / "_internal" / "forms" / "elevator.yaml").is_file()
    assert (moved / "_internal" / "inspector_app" / "store" / "migrations" / "versions").is_dir()
    assert not list(moved.rglob("*QtWebEngine*"))
