"""Touch mode (a setting of this machine): toolbar buttons, tabs, check boxes, combo boxes
and list headers at least 44 px, as the answer buttons always are."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from .common import TOUCH_MIN

TOUCH_STYLE = f"""
QToolBar QToolButton {{ min-height: {TOUCH_MIN}px; min-width: {TOUCH_MIN}px; padding: 0 10px; }}
QTabBar::tab {{ min-height: {TOUCH_MIN}px; padding: 0 14px; }}
QCheckBox, QRadioButton {{ min-height: {TOUCH_MIN}px; }}
QCheckBox::indicator, QRadioButton::indicator {{ width: 28px; height: 28px; }}
QAbstractItemView::indicator {{ width: 28px; height: 28px; }}
QComboBox, QLineEdit, QDateEdit {{ min-height: {TOUCH_MIN}px; }}
QMenuBar::item {{ padding: 12px 14px; }}
QMenu::item {{ padding: 12px 24px; }}
QScrollBar:vertical {{ width: 22px; }}
QScrollBar:horizontal {{ height: 22px; }}
"""


def apply(app: QApplication, enabled: bool) -> None:
    """Switch touch mode on or off for every window, at once."""
    app.setStyleSheet(TOUCH_STYLE if enabled else "")
