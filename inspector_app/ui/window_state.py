"""The main window fits the screen it opens on, and comes back as it was left.

At 1366x768 a window of 1366x768 plus its title bar is taller than the space
the desktop leaves (``availableGeometry``), which pushes the status bar off
the screen. A saved geometry is used only when it still fits a screen; small
screens (and a window closed maximized) open maximized.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

from . import settings

PREFERRED = QSize(1366, 768)
SMALL_SCREEN = QSize(1600, 900)  # below this, open maximized
FRAME_ALLOWANCE = QSize(16, 48)  # title bar and borders a window manager adds


def _available(window: QWidget) -> QRect:
    screen = (
        QWidget.screen(window) or QGuiApplication.primaryScreen()
    )  # MainWindow.screen is its page
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 768)


def _fits(rect: QRect) -> bool:
    return any(
        s.availableGeometry().contains(rect.center())
        and s.availableGeometry().height() >= rect.height()
        for s in QGuiApplication.screens()
    )


def place(window: QWidget) -> bool:
    """Size and position ``window`` before it is shown; True when it should be maximized."""
    saved = settings.get(settings.WINDOW_GEOMETRY)
    maximized = bool(settings.get(settings.WINDOW_MAXIMIZED))
    if saved and window.restoreGeometry(QByteArray(bytes(saved))) and _fits(window.geometry()):
        return maximized
    available = _available(window)
    width = min(PREFERRED.width(), available.width() - FRAME_ALLOWANCE.width())
    height = min(PREFERRED.height(), available.height() - FRAME_ALLOWANCE.height())
    window.resize(max(width, 640), max(height, 480))
    frame = QRect(
        0, 0, window.width() + FRAME_ALLOWANCE.width(), window.height() + FRAME_ALLOWANCE.height()
    )
    frame.moveCenter(available.center())
    window.move(max(available.left(), frame.left()), max(available.top(), frame.top()))
    small = available.width() < SMALL_SCREEN.width() or available.height() < SMALL_SCREEN.height()
    return maximized or small


def show(window: QWidget, maximized: bool) -> None:
    if maximized:
        window.showMaximized()
    else:
        window.show()


def remember(window: QWidget) -> None:
    """Keep the geometry (the normal one, when maximized) and the maximized state."""
    settings.put(settings.WINDOW_GEOMETRY, bytes(window.saveGeometry().data()))
    settings.put(settings.WINDOW_MAXIMIZED, window.isMaximized())
