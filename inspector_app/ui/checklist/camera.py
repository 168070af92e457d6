"""Taking a photo with a camera of this computer, for the photo strip.

QtMultimedia is imported only here and only inside functions: the app starts the
same without it, and where it cannot be loaded (missing system libraries) or no
camera is connected, the strip simply shows no camera button.
"""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ..common import MessageLabel, dialog_buttons

JPEG_QUALITY = 92


def video_inputs() -> list:
    """The cameras present (QCameraDevice list). Raises ImportError without QtMultimedia."""
    from PySide6.QtMultimedia import QMediaDevices

    return list(QMediaDevices.videoInputs())


def jpeg_bytes(image: QImage, quality: int = JPEG_QUALITY) -> bytes:
    """The image encoded as JPEG, or b"" when it cannot be (a null image)."""
    if image.isNull():
        return b""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    ok = image.save(buffer, "JPEG", quality)
    buffer.close()
    return bytes(data.data()) if ok else b""


class CameraDialog(QDialog):
    """Live preview of one camera (a choice when there are several) and a button to take the photo.

    Emits the JPEG bytes of the photo taken and closes.
    """

    sig_photo = Signal(bytes)

    def __init__(self, devices: list, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Take photo"))
        self.devices = list(devices)
        self.camera = None
        self.session = None
        self.image_capture = None
        self.picker = QComboBox()
        for device in self.devices:
            self.picker.addItem(device.description())
        self.picker.setVisible(len(self.devices) > 1)
        self.picker.currentIndexChanged.connect(self._start_camera)
        self.viewfinder = self._make_viewfinder()
        self.viewfinder.setMinimumSize(480, 360)
        self.message = MessageLabel()
        buttons, self.shoot = dialog_buttons(
            self, self.tr("Take photo"), self.tr("Cancel"), self._shoot
        )
        self.shoot.setEnabled(False)  # until the camera says it is ready
        layout = QVBoxLayout(self)
        layout.addWidget(self.picker)
        layout.addWidget(self.viewfinder, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.finished.connect(self._stop_camera)
        if self.devices:
            self._start_camera(0)

    def _make_viewfinder(self) -> QWidget:
        try:
            from PySide6.QtMultimediaWidgets import QVideoWidget
        except ImportError:
            placeholder = QLabel(self.tr("No preview available"))
            placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            return placeholder
        return QVideoWidget()

    def _start_camera(self, index: int) -> None:
        """Show the preview of the camera at ``index`` in the list (stopping another one)."""
        self._stop_camera()
        self.shoot.setEnabled(False)
        self.message.clear_message()
        try:
            from PySide6.QtMultimedia import QCamera, QImageCapture, QMediaCaptureSession
        except ImportError:
            self.message.show_error(self.tr("The camera cannot be used on this computer."))
            return
        self.camera = QCamera(self.devices[index], self)
        self.image_capture = QImageCapture(self)
        self.session = QMediaCaptureSession(self)
        self.session.setCamera(self.camera)
        self.session.setImageCapture(self.image_capture)
        self.session.setVideoOutput(self.viewfinder)
        self.camera.errorOccurred.connect(
            lambda _error, text: self.message.show_error(
                self.tr("Camera error: %1").replace("%1", text)
            )
        )
        self.image_capture.errorOccurred.connect(
            lambda _id, _error, text: self.message.show_error(
                self.tr("The photo could not be taken: %1").replace("%1", text)
            )
        )
        self.image_capture.readyForCaptureChanged.connect(self.shoot.setEnabled)
        self.image_capture.imageCaptured.connect(self._captured)
        self.camera.start()

    def _stop_camera(self, *_args) -> None:
        if self.camera is not None:
            self.camera.stop()
        for obj in (self.session, self.image_capture, self.camera):
            if obj is not None:
                obj.deleteLater()
        self.camera = self.session = self.image_capture = None

    def _shoot(self) -> None:
        if self.image_capture is None or not self.image_capture.isReadyForCapture():
            return
        self.shoot.setEnabled(False)
        self.image_capture.capture()

    def _captured(self, _request_id: int, image: QImage) -> None:
        """QImageCapture.imageCaptured: hand the photo over as JPEG bytes and close."""
        data = jpeg_bytes(image)
        if not data:
            self.message.show_error(
                self.tr("The photo could not be taken: %1").replace("%1", self.tr("empty image"))
            )
            self.shoot.setEnabled(self.image_capture is not None)
            return
        self.sig_photo.emit(data)
        self.accept()
