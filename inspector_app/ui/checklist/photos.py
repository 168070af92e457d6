"""Photo thumbnails of one answer: add by file picker, by dropping files on the strip,
or by taking a photo with a camera of this computer (only shown where there is one).
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

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
from . import camera

THUMB = 96


def available_cameras() -> list:
    """The cameras present; none where QtMultimedia cannot be loaded (imported only here)."""
    try:
        return camera.video_inputs()
    except ImportError:
        return []


class PhotoStrip(QWidget):
    """A handful of thumbnails (a finding has a few photos, never thousands).

    Emits the chosen or dropped file paths; whoever owns the inspection stores them.
    A photo taken with the camera is emitted the same way, as a file.
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
        self.take = touch_button(self.tr("Take photo…"))
        self.take.clicked.connect(self._take_photo)
        self.take.setVisible(bool(available_cameras()))
        self.camera_dialog: camera.CameraDialog | None = None
        self.message = MessageLabel()
        buttons = QVBoxLayout()
        buttons.addWidget(self.add)
        buttons.addWidget(self.take)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.thumbs, 1)
        row.addLayout(buttons, 0)
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

    def _take_photo(self) -> None:
        devices = available_cameras()  # again: a camera may have been unplugged since
        if not devices:
            self.take.hide()
            self.message.show_error(self.tr("No camera found."))
            return
        dialog = camera.CameraDialog(devices, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.sig_photo.connect(self.add_photo_data)
        dialog.finished.connect(self._camera_dialog_closed)
        self.camera_dialog = dialog
        dialog.open()

    def _camera_dialog_closed(self, _result: int) -> None:
        self.camera_dialog = None

    def add_photo_data(self, data: bytes, name: str = "") -> None:
        """Hand a photo taken here over as a file, exactly as a picked one.

        The file lives only while sig_files is delivered: its receivers (same thread,
        so a direct call) read the bytes at once, and the original is then in the blob store.
        """
        name = name or dt.datetime.now().strftime("camera-%Y%m%d-%H%M%S.jpg")
        folder = tempfile.mkdtemp(prefix="inspector-camera-")
        try:
            path = Path(folder) / name
            try:
                path.write_bytes(data)
            except OSError as exc:
                self.message.show_error(f"{name}: {exc.strerror}")
                return
            self.sig_files.emit([str(path)])
        finally:
            shutil.rmtree(folder, ignore_errors=True)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if files:
            event.acceptProposedAction()
            self.sig_files.emit(files)
