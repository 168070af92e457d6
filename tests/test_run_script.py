"""scripts/run.sh on a machine where the project is installed, or lacks Qt's X11 libraries
(issue 9, point 1). The venv's programs are stand-ins that log how they were called, so the
script runs for real without a network, a display or a reinstall."""

from __future__ import annotations

import os
import shutil
import subprocess
import textwrap
from pathlib import Path

import pytest

from inspector_app.ui import system_libs

ROOT = Path(__file__).resolve().parents[1]


def _exe(path: Path, body: str) -> None:
    path.write_text("#!/usr/bin/env bash\n" + textwrap.dedent(body))
    path.chmod(0o755)


@pytest.fixture
def checkout(tmp_path) -> Path:
    """A copy of the repository's scripts and pyproject.toml with a stand-in .venv."""
    repo = tmp_path / "repo"
    (repo / "scripts").mkdir(parents=True)
    shutil.copy(ROOT / "scripts" / "run.sh", repo / "scripts" / "run.sh")
    shutil.copy(ROOT / "pyproject.toml", repo / "pyproject.toml")
    venv = repo / ".venv" / "bin"
    venv.mkdir(parents=True)
    log = tmp_path / "calls.log"
    _exe(
        venv / "python",
        f"""
        echo "python $*" >> {log}
        if [ "$1 $2" = "-m inspector_app.ui.system_libs" ]; then
          [ -n "${{MISSING:-}}" ] && {{ echo "$MISSING"; exit 1; }}
          exit 0
        fi
        exit 0
    """,
    )
    _exe(venv / "inspector-app", f'echo "app $*" >> {log}\n')
    fakes = tmp_path / "bin"
    fakes.mkdir()
    _exe(fakes / "apt-get", f'echo "apt-get $*" >> {log}\n')
    _exe(fakes / "sudo", "exit 1\n")  # no password-less sudo
    _exe(fakes / "id", 'echo "${FAKE_UID:-1000}"\n')
    _exe(fakes / "uname", "echo Linux\n")
    return repo


def _run(repo: Path, **env) -> tuple[subprocess.CompletedProcess, list[str]]:
    log = repo.parent / "calls.log"
    log.unlink(missing_ok=True)
    full = {**os.environ, "PATH": f"{repo.parent / 'bin'}:{os.environ['PATH']}", **env}
    full.pop("QT_QPA_PLATFORM", None)
    result = subprocess.run(
        ["bash", str(repo / "scripts" / "run.sh"), "--language", "zh_CN"],
        env=full,
        capture_output=True,
        text=True,
        timeout=60,
    )
    return result, log.read_text().splitlines() if log.exists() else []


def test_installs_once_then_starts_without_reinstalling(checkout):
    result, calls = _run(checkout)
    assert result.returncode == 0, result.stderr
    assert any("pip install -q -e ." in c for c in calls)  # the first start installs
    assert calls[-1] == "app --demo --language zh_CN"
    again, calls = _run(checkout)
    assert again.returncode == 0, again.stderr
    assert not any("pip" in c for c in calls), calls  # no network, no reinstall
    assert calls[-1] == "app --demo --language zh_CN"
    os.utime(checkout / "pyproject.toml")  # dependencies changed: install again
    (checkout / ".venv" / ".installed").touch()
    newer = (checkout / ".venv" / ".installed").stat().st_mtime - 10
    os.utime(checkout / ".venv" / ".installed", (newer, newer))
    _, calls = _run(checkout)
    assert any("pip install" in c for c in calls)


def test_missing_x11_libraries_are_installed_as_root(checkout):
    _run(checkout)  # installed
    result, calls = _run(checkout, MISSING="libxcb-icccm4 libxcb-cursor0", FAKE_UID="0")
    assert result.returncode == 0, result.stderr
    assert "apt-get install -y -q --no-install-recommends libxcb-icccm4 libxcb-cursor0" in calls, (
        calls
    )
    assert calls[-1] == "app --demo --language zh_CN"


def test_missing_x11_libraries_print_the_exact_apt_line_otherwise(checkout):
    _run(checkout)
    result, calls = _run(checkout, MISSING="libxcb-icccm4 libxcb-keysyms1", FAKE_UID="1000")
    assert result.returncode == 1
    assert (
        "sudo apt-get install -y --no-install-recommends libxcb-icccm4 libxcb-keysyms1"
        in result.stderr
    )
    assert not any(c.startswith(("apt-get", "app")) for c in calls)


def test_ldd_output_names_the_packages():
    out = textwrap.dedent("""\
        libGL.so.1 => /lib/x86_64-linux-gnu/libGL.so.1 (0x1)
        libxcb-icccm.so.4 => not found
        libxcb-keysyms.so.1 => not found
        libxcb-icccm.so.4 => not found
        libfoo-unknown.so.3 => not found
    """)
    sonames = system_libs.not_found(out)
    assert sonames == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libfoo-unknown.so.3"]
    packages, unknown = system_libs.packages_for(sonames)
    assert packages == ["libxcb-icccm4", "libxcb-keysyms1"] and unknown == ["libfoo-unknown.so.3"]
    assert system_libs.apt_line(packages).endswith("libxcb-icccm4 libxcb-keysyms1")


def test_this_machine_has_what_the_xcb_plugin_needs():
    """The real check against the installed wheel (CI installs the libraries)."""
    qt = system_libs.qt_dir()
    assert qt is not None and system_libs.libraries_to_check(qt)
    assert system_libs.main([]) == 0


def test_ci_installs_xvfb_and_every_xcb_library():
    line = (ROOT / ".ci" / "run").read_text()
    words = set(line.replace("\\\n", " ").split())
    assert "xvfb" in words
    assert [p for p in system_libs.XCB_PACKAGES if p not in words] == []
