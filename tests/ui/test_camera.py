"""Taking a photo: the button only where a camera exists; a photo taken is stored like a picked file.

No camera here (and maybe no QtMultimedia): the camera list is monkeypatched and the
dialog's capture handler is called with a QImage, as QImageCapture.imageCaptured would.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from sqlalchemy import func, select

from inspector_app.core import inspections as core
from inspector_app.rules.enums import Outcome
from inspector_app.store.models import Equipment, Inspection, Officer, Photo
from inspector_app.ui.checklist import camera
from inspector_app.ui.checklist.photos import PhotoStrip
from inspector_app.ui.checklist.screen import ChecklistScreen


class FakeCamera:
    def __init__(self, name: str) -> None:
        self.name = name

    def description(self) -> str:
        return self.name


def _no_multimedia():
    raise ImportError("libpulse.so.0: cannot open shared object file")


@pytest.mark.parametrize("inputs", [lambda: [], _no_multimedia], ids=["no-camera", "no-qtmultimedia"])
def test_no_camera_no_button(qapp, qtbot, monkeypatch, inputs):
    monkeypatch.setattr(camera, "video_inputs", inputs)
    strip = PhotoStrip()
    qtbot.addWidget(strip)
    strip.show()
    assert strip.take.isHidden()
    assert strip.add.isVisible()


def _failed_item_screen(ctx, qtbot) -> ChecklistScreen:
    with ctx.db.read() as s:
        taken = set(s.scalars(select(Inspection.unit_id)))
        eq = next(e for e in s.scalars(select(Equipment).order_by(Equipment.id))
                  if e.unit_id not in taken)
        second = s.scalars(select(Officer).where(Officer.cert_no == "35060002")).one().id
    with ctx.db.write() as s:
        iid = core.start_inspection(s, unit_id=eq.unit_id, equipment_ids=[eq.id],
                                    lead_officer_id=ctx.officer_id, second_officer_id=second,
                                    representative_name="林志强",
                                    representative_position="安全管理员").id
    screen = ChecklistScreen(ctx, iid)
    qtbot.addWidget(screen)
    screen.show()
    if screen.current_state().item.measurement is not None:
        screen.go_to(screen.model.next_item(screen.current_row()))
    screen.answer(Outcome.FAIL)
    assert screen.current_state().result_id is not None
    return screen


def _photo_count(ctx, inspection_id: str) -> int:
    with ctx.db.read() as s:
        return s.scalar(select(func.count()).select_from(Photo).where(
            Photo.inspection_id == inspection_id, Photo.deleted.is_(False)))


def test_photo_taken_is_stored_like_a_picked_file(ctx, qtbot, monkeypatch):
    monkeypatch.setattr(camera, "video_inputs", lambda: [FakeCamera("Front"), FakeCamera("Back")])
    started: list[int] = []
    monkeypatch.setattr(camera.CameraDialog, "_start_camera", lambda self, i: started.append(i))
    screen = _failed_item_screen(ctx, qtbot)
    strip = screen.panel.photos
    assert strip.take.isVisible() and strip.take.isEnabled()

    qtbot.mouseClick(strip.take, Qt.MouseButton.LeftButton)
    dialog = strip.camera_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.picker.isVisibleTo(dialog) and dialog.picker.count() == 2  # two cameras: a choice
    assert started == [0]
    dialog.picker.setCurrentIndex(1)
    assert started == [0, 1]

    image = QImage(640, 480, QImage.Format.Format_RGB32)
    image.fill(QColor(30, 120, 200))
    dialog._captured(1, image)  # what QImageCapture.imageCaptured delivers

    assert not dialog.isVisible() and strip.camera_dialog is None
    assert not strip.message.isVisible(), strip.message.text()
    assert strip.count() == 1
    assert _photo_count(ctx, screen.inspection_id) == 1
    with ctx.db.read() as s:
        photo = s.scalars(select(Photo).where(Photo.inspection_id == screen.inspection_id)).one()
        assert photo.item_result_id == screen.current_state().result_id
        original = ctx.blobs.get(photo.original_sha256)
    assert original[:2] == b"\xff\xd8"  # the JPEG taken, kept as the original


def test_unreadable_capture_is_refused_like_a_file(ctx, qtbot, monkeypatch):
    monkeypatch.setattr(camera, "video_inputs", lambda: [FakeCamera("Only")])
    monkeypatch.setattr(camera.CameraDialog, "_start_camera", lambda self, i: None)
    screen = _failed_item_screen(ctx, qtbot)
    strip = screen.panel.photos

    strip.add_photo_data(b"not a jpeg at all", "camera-1.jpg")
    assert strip.message.isVisible()
    assert "camera-1.jpg" in strip.message.text()
    assert "不是可识别的图片文件" in strip.message.text() or "not a readable image" in strip.message.text()

    dialog = camera.CameraDialog(camera.video_inputs(), strip)
    qtbot.addWidget(dialog)
    assert not dialog.picker.isVisibleTo(dialog)  # one camera: no choice to make
    dialog._captured(1, QImage())  # a null image: nothing is stored, the dialog says so
    assert dialog.message.text()
    assert strip.count() == 0
    assert _photo_count(ctx, screen.inspection_id) == 0
