"""Driving the screens as a person would: keys to the focused widget, strokes on a pad."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication


def focused():
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(qtbot, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(focused(), key, modifier)


def type_text(qtbot, text: str) -> None:
    qtbot.keyClicks(focused(), text)


def _mouse(widget, kind, point: QPoint, button, buttons) -> None:
    local = QPointF(point)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(point)), button, buttons,
                        Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(widget, event)


def draw_signature(pad) -> None:
    """A zig-zag stroke drawn with real mouse press/move/release events."""
    left = Qt.MouseButton.LeftButton
    points = [QPoint(20 + 12 * i, 30 + (25 if i % 2 else 0)) for i in range(20)]
    _mouse(pad, QMouseEvent.Type.MouseButtonPress, points[0], left, left)
    for p in points[1:]:
        _mouse(pad, QMouseEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, left)
    _mouse(pad, QMouseEvent.Type.MouseButtonRelease, points[-1], left, Qt.MouseButton.NoButton)


def in_range_value(measurement) -> str:
    m = measurement
    if m.min is not None and m.max is not None:
        return f"{(m.min + m.max) / 2:g}"
    return f"{m.min:g}" if m.min is not None else f"{m.max:g}"
