"""Photo thumbnails of one answer: add by file picker or by dropping files on the strip."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QIcon, QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListView,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..common import MessageLabel, touch_button

THUMB = 96


class PhotoStrip(QWidget):
    """A handful of thumbnails (a finding has a few photos, never thousands).

    Emits the chosen or dropped file paths; whoever owns the inspection stores them.
    """

    sig_files = Signal(list)  # list[str] of local file paths

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAcceptDrops(True)
        self.thumbs = QListWidget()
        self.thumbs.setViewMode(QListView.ViewMode.IconMode)
        self.thumbs.setIconSize(QSize(THUMB, THUMB))
        self.thumbs.setFixedHeight(THUMB + 24)
        self.thumbs.setFlow(QListView.Flow.LeftToRight)
        self.thumbs.setWrapping(False)
        self.thumbs.setAcceptDrops(False)
        self.thumbs.setToolTip(self.tr("Drop photo files here"))
        self.add = touch_button(self.tr("Add photo…"))
        self.add.clicked.connect(self._pick)
        self.message = MessageLabel()
        row = QHBoxLayout()
        row.addWidget(self.thumbs, 1)
        row.addWidget(self.add, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(row)
        layout.addWidget(self.message)

    def set_photos(self, pixmaps: list[QPixmap]) -> None:
        self.thumbs.clear()
        for pixmap in pixmaps:
            scaled = pixmap.scaled(THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                                   Qt.TransformationMode.SmoothTransformation)
            self.thumbs.addItem(QListWidgetItem(QIcon(scaled), ""))

    def count(self) -> int:
        return self.thumbs.count()

    def _pick(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(
            self, self.tr("Choose photos"), "",
            self.tr("Images (*.jpg *.jpeg *.png *.webp *.heic *.bmp *.tif *.tiff);;All files (*)"))
        if files:
            self.sig_files.emit(files)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.sig_files.emit(files)
