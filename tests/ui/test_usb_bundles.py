"""导出到U盘… on a laptop, 导入同步包… at the office: file names, counts, the report dialog."""

from __future__ import annotations

import re
import shutil

from PySide6.QtWidgets import QWidget
from sqlalchemy import select

from inspector_app.store.models import Finding, Inspection
from inspector_app.ui.sync.actions import SyncController

from .sync_builders import enrolled_office, inspection_with_directive, office_context


def _finish(qtbot, controller, start) -> bool:
    with qtbot.waitSignal(controller.sig_finished, timeout=60000) as done:
        assert start()
    return done.args[0]


def test_export_to_usb_then_import_at_the_office(window, ctx, qtbot, tmp_path):
    office = enrolled_office(ctx, tmp_path / "office")
    iid, _number = inspection_with_directive(ctx)
    usb = tmp_path / "U盘"
    usb.mkdir()

    assert _finish(qtbot, window.sync, lambda: window.sync.export_to_folder(str(usb)))
    files = list(usb.iterdir())
    assert len(files) == 1
    name = files[0].name
    assert re.fullmatch(r"同步包_laptop_[0-9a-f]{8}_\d{8}-\d{4}_seq1-\d+\.bundle", name), name
    changes = window.sync.last_result.changes
    assert changes > 100  # the demo data and the inspection
    box = window.sync.info_box
    assert box.isVisible() and str(changes) in box.text() and name in box.text()
    assert window.sync_status.pending > 0  # written to a stick is not acknowledged

    # at the office: the same file twice, and a file that is no bundle
    twice = tmp_path / "copy.bundle"
    shutil.copy(files[0], twice)
    junk = tmp_path / "notes.bundle"
    junk.write_bytes(b"not a bundle at all")
    octx = office_context(office, cert_no=None)
    parent = QWidget()
    qtbot.addWidget(parent)
    controller = SyncController(octx, parent)
    phases: list[str] = []
    controller.runner.sig_progress.connect(lambda p, *_a: phases.append(p))
    assert _finish(qtbot, controller,
                   lambda: controller.import_bundles([str(files[0]), str(twice), str(junk)]))
    assert "applying" in phases
    report = controller.report_dialog
    assert report is not None and report.isVisible()
    first, second, third = (report.row_texts(r) for r in range(3))
    with office.db.read() as s:
        assert s.get(Inspection, iid) is not None
        n_findings = len(s.scalars(select(Finding).where(Finding.inspection_id == iid)).all())
        n_inspections = len(s.scalars(select(Inspection)).all())
    assert first[0] == name and first[1] in ("已导入", "Applied")
    assert int(first[2]) == n_inspections and int(first[3]) >= n_findings == 2
    assert second[1] in ("此前已导入", "Already imported")
    assert third[1] in ("已拒绝", "Refused") and third[5]  # the reason is shown
    assert "1" in report.totals.text() and "3" in report.totals.text()
    octx.writer.shutdown()
    office.db.dispose()


def test_export_with_nothing_new_writes_no_file(window, ctx, qtbot, tmp_path):
    from inspector_app.sync import outgoing

    office = enrolled_office(ctx, tmp_path / "office")
    with ctx.db.write() as s:  # pretend the office acknowledged everything
        last = s.scalar(select(outgoing.ChangeLog.seq).order_by(outgoing.ChangeLog.seq.desc()))
        outgoing.save_cursor(s, office.db.device_id(), acked=last)
    window.sync_status.refresh()
    assert window.sync_status.pending == 0
    usb = tmp_path / "usb"
    usb.mkdir()
    assert _finish(qtbot, window.sync, lambda: window.sync.export_to_folder(str(usb)))
    assert list(usb.iterdir()) == []
    assert "没有" in window.sync.info_box.text() or "Nothing" in window.sync.info_box.text()
    office.db.dispose()


def test_export_to_a_missing_folder_is_refused_in_chinese(window, ctx, qtbot, tmp_path):
    office = enrolled_office(ctx, tmp_path / "office")
    assert not _finish(qtbot, window.sync,
                       lambda: window.sync.export_to_folder(str(tmp_path / "gone")))
    assert window.sync.last_error.startswith("无法写入")
    office.db.dispose()
