"""A signature pad: mouse, pen or finger strokes painted onto an image, saved as PNG."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import QSizePolicy, QWidget

PAD_SIZE = QSize(360, 120)


class SignaturePad(QWidget):
    sig_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumSize(PAD_SIZE)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, True)
        self.setAttribute(Qt.WidgetAttribute.WA_StaticContents, True)
        self.setCursor(Qt.CursorShape.CrossCursor)
        self._image = self._blank(PAD_SIZE)
        self._last: QPointF | None = None
        self._strokes = 0

    @staticmethod
    def _blank(size: QSize) -> QImage:
        image = QImage(size, QImage.Format.Format_ARGB32)
        image.fill(QColor("white"))
        return image

    def is_empty(self) -> bool:
        return self._strokes == 0

    def clear(self) -> None:
        self._image = self._blank(self._image.size())
        self._strokes = 0
        self.update()
        self.sig_changed.emit()

    def image(self) -> QImage:
        return self._image

    def png_bytes(self) -> bytes:
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        self._image.save(buffer, "PNG")
        return bytes(data.data())

    # -- drawing -----------------------------------------------------------------
    def _begin(self, point: QPointF) -> None:
        self._last = point
        self._strokes += 1
        self._line(point, point)

    def _move(self, point: QPointF, pressure: float = 1.0) -> None:
        if self._last is None:
            return
        self._line(self._last, point, pressure)
        self._last = point

    def _end(self) -> None:
        if self._last is not None:
            self._last = None
            self.sig_changed.emit()

    def _line(self, a: QPointF, b: QPointF, pressure: float = 1.0) -> None:
        painter = QPainter(self._image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor("#0d1b5e"), 1.5 + 2.0 * pressure, Qt.PenStyle.SolidLine,
                   Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawLine(a, b)
        painter.end()
        self.update()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._move(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._move(event.position())
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QTabletEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QTabletEvent.Type.TabletMove:
            self._move(event.position(), event.pressure())
        elif kind == QTabletEvent.Type.TabletRelease:
            self._end()
        event.accept()

    def event(self, event) -> bool:
        if isinstance(event, QTouchEvent):
            points = event.points()
            if points:
                pos = points[0].position()
                if event.type() == QTouchEvent.Type.TouchBegin:
                    self._begin(pos)
                elif event.type() == QTouchEvent.Type.TouchUpdate:
                    self._move(pos)
                else:
                    self._end()
            event.accept()
            return True
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        if size.width() > self._image.width() or size.height() > self._image.height():
            bigger = self._blank(size.expandedTo(self._image.size()))
            painter = QPainter(bigger)
            painter.drawImage(0, 0, self._image)
            painter.end()
            self._image = bigger
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(event.rect(), self._image, event.rect())
        painter.setPen(QPen(QColor("#9e9e9e"), 1, Qt.PenStyle.DashLine))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        baseline = self.height() - 24
        painter.drawLine(12, baseline, self.width() - 12, baseline)
        painter.end()
