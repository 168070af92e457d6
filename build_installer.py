"""Build the one-folder application for this OS, check it, and write the Windows installer script.

    python build_installer.py [--dist dist] [--work build] [--no-check]

Needs PyInstaller (``pip install '.[installer]'``). Builds ``dist/inspector/``
with two programs sharing one Python and one Qt: ``inspector-app`` (the
desktop app) and ``inspector`` (the command line), plus forms, fonts,
translations and the database migrations (installer/inspector.spec). Then it
prints the folder's size (budget 250 MB), runs ``inspector --version``,
``inspector-app --version`` and ``inspector-app --smoke`` from the folder with
an environment that has no Python of ours in it, and writes
``dist/inspector.iss``, the Inno Setup script that turns the folder into a
Windows installer (``iscc dist\\inspector.iss`` on Windows; docs/installer.md).
Exit status 1 when the build, the budget or a check fails.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SPEC = ROOT / "installer" / "inspector.spec"
NAME = "inspector"
BUDGET_MB = 250
APP_ID = "{8E0C8F1A-3C55-4B7E-9A63-2F4C1D6B7A90}"  # fixed: upgrades replace the same app
DISPLAY_NAME = "特种设备现场监督检查"
PUBLISHER = "Inspector"
EXE = ".exe" if sys.platform == "win32" else ""


def version() -> str:
    text = (ROOT / "inspector_app" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__\s*=\s*["\']([^"\']+)["\']', text, re.MULTILINE)
    if not match:
        raise SystemExit("build_installer: no __version__ in inspector_app/__init__.py")
    return match.group(1)


def folder_size(folder: Path) -> int:
    """Bytes of every file in ``folder`` (links not followed)."""
    return sum(p.lstat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def clean_env(data_dir: Path) -> dict[str, str]:
    """An environment as on a machine without our Python: no venv, no PYTHONPATH."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "CONDA", "PYENV", "QT_PLUGIN", "INSPECTOR_"))
        and k not in ("LD_LIBRARY_PATH", "__PYVENV_LAUNCHER__")
    }
    system = [
        p
        for p in env.get("PATH", "").split(os.pathsep)
        if p and not any(m in p.lower() for m in (".venv", "pyenv", "conda", "python"))
    ]
    env["PATH"] = os.pathsep.join(system or ["/usr/bin", "/bin"])
    env["INSPECTOR_DATA_DIR"] = str(data_dir)
    if (
        sys.platform.startswith("linux")
        and not env.get("DISPLAY")
        and not env.get("WAYLAND_DISPLAY")
    ):
        env["QT_QPA_PLATFORM"] = "offscreen"
    return env


@dataclass
class Check:
    command: str
    ok: bool
    seconds: float
    output: str


def run_check(
    folder: Path,
    program: str,
    args: list[str],
    env: dict[str, str],
    cwd: Path,
    timeout: float = 120,
) -> Check:
    exe = folder / (program + EXE)
    shown = f"{program} {' '.join(args)}"
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [str(exe), *args], env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Check(shown, False, time.perf_counter() - started, str(exc))
    output = (done.stdout + done.stderr).strip()
    return Check(shown, done.returncode == 0, time.perf_counter() - started, output)


def check_build(folder: Path) -> list[Check]:
    """The built programs run from the folder alone, and reach everything they ship.

    Versions; the desktop app's ``--smoke`` (window, database, home screen); then
    the command line through the bundled migrations, forms, fonts and libraries:
    demo data, an on-site record PDF, a ledger sample imported.
    """
    want = version()
    with tempfile.TemporaryDirectory(prefix="inspector-check-") as tmp:
        tmp_path = Path(tmp)
        env = clean_env(tmp_path / "data")

        def run(program: str, *args: str) -> Check:
            return run_check(folder, program, list(args), env, tmp_path)

        checks = [run(NAME, "--version"), run("inspector-app", "--version")]
        for check in checks:
            if check.ok and want not in check.output:
                check.ok = False
                check.output += f"  (expected version {want})"
        checks.append(run(NAME, "init"))
        smoke = run("inspector-app", "--smoke")
        if smoke.ok and "ready" not in smoke.output:
            smoke.ok = False
        checks += [smoke, run(NAME, "demo", "--scale", "200")]
        listed = run(NAME, "--codes", "inspections", "--limit", "50")
        checks.append(listed)
        concluded = [
            line.split()[0] for line in listed.output.splitlines() if " concluded " in line
        ]
        record = run(NAME, "record", concluded[0] if concluded else "-", "-o", "record.pdf")
        pdf = tmp_path / "record.pdf"
        if record.ok and not (pdf.is_file() and pdf.read_bytes().startswith(b"%PDF")):
            record.ok = False
            record.output += "  (no PDF written)"
        checks.append(record)
        checks.append(
            run(NAME, "ledger", "sample", "-o", "ledger.xlsx", "--rows", "40", "--units", "10")
        )
        checks.append(run(NAME, "ledger", "import", "ledger.xlsx"))
        checks.append(run(NAME, "db", "check"))
    return checks


def inno_setup_script(version_text: str, source_folder: str = NAME) -> str:
    """The Inno Setup 6 script that packs the built folder into a Windows installer.

    Installs per user (no administrator rights needed) under Programs, adds a
    Start-menu group, and creates the data folder under %LOCALAPPDATA%, which is
    where the app keeps its database (platformdirs' user data folder,
    ``%LOCALAPPDATA%\\inspector\\inspector``); uninstalling keeps the data.
    """
    numeric = ".".join((re.findall(r"\d+", version_text) + ["0"] * 4)[:4])
    return f"""; Generated by build_installer.py for {DISPLAY_NAME} {version_text}.
; Compile on Windows with Inno Setup 6 after building the folder:  iscc inspector.iss
; The folder "{source_folder}" must sit next to this script (build_installer.py puts it there).
#define AppName "{DISPLAY_NAME}"
#define AppVersion "{version_text}"
#define AppExe "inspector-app.exe"

[Setup]
AppId={{{APP_ID}
AppName={{#AppName}}
AppVersion={{#AppVersion}}
AppVerName={{#AppName}} {{#AppVersion}}
AppPublisher={PUBLISHER}
VersionInfoVersion={numeric}
VersionInfoProductName={{#AppName}}
VersionInfoProductVersion={numeric}
VersionInfoDescription={{#AppName}} 安装程序
DefaultDirName={{autopf}}\\Inspector
DefaultGroupName={{#AppName}}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=.
OutputBaseFilename=inspector-setup-{version_text}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
UninstallDisplayIcon={{app}}\\{{#AppExe}}
UninstallDisplayName={{#AppName}}

[Languages]
#if FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "chs"; MessagesFile: "ChineseSimplified.isl"
#else
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "{{cm:CreateDesktopIcon}}"; GroupDescription: "{{cm:AdditionalIcons}}"; Flags: unchecked

[Dirs]
; The app's data folder (database, photos, keys): kept when the app is uninstalled.
Name: "{{localappdata}}\\inspector\\inspector"; Flags: uninsneveruninstall

[Files]
Source: "{source_folder}\\*"; DestDir: "{{app}}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{{group}}\\{{#AppName}}"; Filename: "{{app}}\\{{#AppExe}}"; WorkingDir: "{{localappdata}}\\inspector\\inspector"
Name: "{{group}}\\{{cm:UninstallProgram,{{#AppName}}}}"; Filename: "{{uninstallexe}}"
Name: "{{autodesktop}}\\{{#AppName}}"; Filename: "{{app}}\\{{#AppExe}}"; WorkingDir: "{{localappdata}}\\inspector\\inspector"; Tasks: desktopicon

[Run]
Filename: "{{app}}\\{{#AppExe}}"; Description: "{{cm:LaunchProgram,{{#AppName}}}}"; Flags: nowait postinstall skipifsilent
"""


def windows_version_file(version_text: str, path: Path) -> Path:
    """PyInstaller's version resource (Windows file properties)."""
    parts = tuple(int(n) for n in (re.findall(r"\d+", version_text) + ["0"] * 4)[:4])
    path.write_text(
        f"""VSVersionInfo(
  ffi=FixedFileInfo(filevers={parts}, prodvers={parts}, mask=0x3f, flags=0x0, OS=0x40004,
                    fileType=0x1, subtype=0x0, date=(0, 0)),
  kids=[StringFileInfo([StringTable('080404b0', [
      StringStruct('CompanyName', '{PUBLISHER}'),
      StringStruct('FileDescription', '{DISPLAY_NAME}'),
      StringStruct('FileVersion', '{version_text}'),
      StringStruct('ProductName', '{DISPLAY_NAME}'),
      StringStruct('ProductVersion', '{version_text}')])]),
        VarFileInfo([VarStruct('Translation', [2052, 1200])])])
""",
        encoding="utf-8",
    )
    return path


def build(dist: Path, work: Path) -> float:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            "build_installer: PyInstaller is not installed: pip install '.[installer]'"
        ) from None
    env = dict(os.environ)
    if sys.platform == "win32":
        work.mkdir(parents=True, exist_ok=True)
        env["INSPECTOR_VERSION_FILE"] = str(windows_version_file(version(), work / "version.txt"))
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--clean",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "--log-level",
        "WARN",
    ]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT)
    if done.returncode != 0:
        raise SystemExit(f"build_installer: PyInstaller failed (exit {done.returncode})")
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (dist/)")
    parser.add_argument(
        "--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder"
    )
    parser.add_argument("--no-check", action="store_true", help="skip running the built programs")
    parser.add_argument("--budget-mb", type=float, default=BUDGET_MB, help="size budget in MB")
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()
    print(f"building {NAME} {version()} for {sys.platform} with PyInstaller …", flush=True)
    seconds = build(dist, work)
    folder = dist / NAME
    size_mb = folder_size(folder) / 2**20
    script = dist / "inspector.iss"
    script.write_text(inno_setup_script(version()), encoding="utf-8-sig")  # BOM: Inno reads UTF-8
    print(f"built {folder} in {seconds:.0f} s")
    print(f"size: {size_mb:.1f} MB (budget {args.budget_mb:.0f} MB)")
    print(f"Inno Setup script: {script}")
    failed = size_mb > args.budget_mb
    if failed:
        print(f"FAILED: the folder is over the {args.budget_mb:.0f} MB budget")
    if not args.no_check:
        for check in check_build(folder):
            last = check.output.splitlines()[-1] if check.output else ""
            print(
                f"{'ok  ' if check.ok else 'FAIL'} {check.command[:40]:40} {check.seconds:6.2f} s  "
                f"{last[:60]}"
            )
            if not check.ok:
                print(check.output)
                failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
