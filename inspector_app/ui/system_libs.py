"""Which system libraries Qt's X11 (``xcb``) platform plugin lacks on this machine.

A bare Debian install has Python and the PySide6 wheel but not the X11 client
libraries the wheel's ``libqxcb.so`` links to, and Qt's own error names the
wrong one ("xcb-cursor0 or libxcb-cursor0 is needed") whichever is missing.
``ldd`` on the plugin says exactly which are missing; the table says which
Debian/Ubuntu package ships each. ``scripts/run.sh`` runs this before the app:

    python -m inspector_app.ui.system_libs            # missing packages, exit 1 if any
    python -m inspector_app.ui.system_libs --apt-line # the apt-get line to install them

No Qt import here: this must run when Qt cannot load.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

# soname -> Debian/Ubuntu package (bookworm, jammy, noble)
PACKAGES = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xinerama.so.0": "libxcb-xinerama0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libXau.so.6": "libxau6",
    "libXdmcp.so.6": "libxdmcp6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libGLX.so.0": "libglx0",
    "libOpenGL.so.0": "libopengl0",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
}
# What the xcb plugin links to beyond the offscreen platform (CI installs all of them).
XCB_PACKAGES = sorted(
    {PACKAGES[s] for s in PACKAGES if s.startswith(("libxcb", "libX11-xcb", "libxkbcommon-x11"))}
    - {"libxcb-xinerama0", "libxcb-xinput0"}
)
_NOT_FOUND = re.compile(r"^\s*(\S+)\s+=>\s+not found", re.MULTILINE)


def qt_dir() -> Path | None:
    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "Qt"


def libraries_to_check(qt: Path) -> list[Path]:
    candidates = [
        qt / "plugins" / "platforms" / "libqxcb.so",
        qt / "lib" / "libQt6XcbQpa.so.6",
        qt / "lib" / "libQt6Gui.so.6",
        qt / "lib" / "libQt6Widgets.so.6",
    ]
    return [p for p in candidates if p.exists()]


def not_found(ldd_output: str) -> list[str]:
    """Sonames ``ldd`` could not resolve, in its order, once each."""
    return list(dict.fromkeys(_NOT_FOUND.findall(ldd_output)))


def missing_sonames(libraries: Iterable[Path]) -> list[str]:
    found: list[str] = []
    for library in libraries:
        try:
            out = subprocess.run(
                ["ldd", str(library)], capture_output=True, text=True, timeout=30, check=False
            ).stdout
        except (OSError, subprocess.SubprocessError):
            continue  # no ldd (not glibc Linux): nothing to say
        found += not_found(out)
    return list(dict.fromkeys(found))


def packages_for(sonames: Iterable[str]) -> tuple[list[str], list[str]]:
    """(Debian packages to install, sonames no package is known for)."""
    known = sorted({PACKAGES[s] for s in sonames if s in PACKAGES})
    unknown = [s for s in sonames if s not in PACKAGES]
    return known, unknown


def apt_line(packages: Iterable[str]) -> str:
    return "sudo apt-get install -y --no-install-recommends " + " ".join(packages)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m inspector_app.ui.system_libs", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--apt-line",
        action="store_true",
        help="print the apt-get command instead of the package names",
    )
    args = parser.parse_args(argv)
    qt = qt_dir()
    if qt is None:
        print("PySide6 is not installed", file=sys.stderr)
        return 2
    packages, unknown = packages_for(missing_sonames(libraries_to_check(qt)))
    if unknown:
        print("missing libraries without a known package: " + " ".join(unknown), file=sys.stderr)
    if packages:
        print(apt_line(packages) if args.apt_line else " ".join(packages))
    return 1 if packages or unknown else 0


if __name__ == "__main__":
    sys.exit(main())
