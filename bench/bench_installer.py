"""The one-folder build: build time, folder size, ``--smoke`` from the folder against the venv.

    .venv/bin/python -m bench.bench_installer [--folder dist/inspector] [--runs 5]

Without ``--folder`` it builds into a temporary folder first (build_installer.py,
timed). Both apps start on the same kind of data folder, created by a first run
that is not counted; each run is a new process that opens the main window,
the database and the home screen and exits (``--smoke``). Reported: the
median wall-clock time and the app's own "ready" milliseconds, and the ratio
built/venv.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import build_installer  # noqa: E402


def smoke(command: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float]:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)
    took = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{done.stdout}{done.stderr}")
    ready = next(
        (float(line.split()[1]) for line in done.stdout.splitlines() if line.startswith("ready")),
        float("nan"),
    )
    return took, ready


def measure(name: str, command: list[str], env: dict[str, str], cwd: Path, runs: int):
    smoke(command, env, cwd)  # creates the database and registers the forms
    samples = [smoke(command, env, cwd) for _ in range(runs)]
    wall = statistics.median(s[0] for s in samples)
    ready = statistics.median(s[1] for s in samples)
    print(f"{name:8} --smoke  median {wall:6.2f} s wall, ready {ready:6.0f} ms ({runs} runs)")
    return wall, ready


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folder", type=Path, help="an existing build (dist/inspector)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench_installer_"))
    try:
        folder = args.folder
        if folder is None:
            seconds = build_installer.build(tmp / "dist", tmp / "build")
            folder = tmp / "dist" / build_installer.NAME
            print(f"build    {seconds:6.1f} s (PyInstaller, one folder)")
        size = build_installer.folder_size(folder) / 2**20
        print(f"size     {size:6.1f} MB (budget {build_installer.BUDGET_MB} MB)")
        frozen_env = build_installer.clean_env(tmp / "data-frozen")
        frozen_env["QT_QPA_PLATFORM"] = "offscreen"
        venv_env = dict(
            os.environ,
            INSPECTOR_DATA_DIR=str(tmp / "data-venv"),
            QT_QPA_PLATFORM="offscreen",
            PYTHONPATH=str(ROOT),
        )
        built = measure(
            "built",
            [str(folder / ("inspector-app" + build_installer.EXE)), "--smoke"],
            frozen_env,
            tmp,
            args.runs,
        )
        venv = measure(
            "venv",
            [sys.executable, "-m", "inspector_app.ui.app", "--smoke"],
            venv_env,
            tmp,
            args.runs,
        )
        print(f"ratio built/venv: wall {built[0] / venv[0]:4.2f}, ready {built[1] / venv[1]:4.2f}")
    finally:  # the build and its work folder take about a gigabyte
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
