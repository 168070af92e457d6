"""复查: verify each open finding of a unit, with photo evidence; closes findings and directives.

The follow-up record is created by the first result written (so opening the
screen and leaving writes nothing). Evidence photos are stored on the finding
through the writer as soon as they are picked or dropped; "Rectified" closes
the finding with the latest of them (a serious hazard needs one: the core says so).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core.followup_view import FollowUpRow, follow_up_rows
from inspector_app.core.followups import (
    open_findings_of_unit,
    record_follow_up_result,
    start_follow_up,
)
from inspector_app.core.photos import add_photo
from inspector_app.rules.enums import HAZARD_CLASS_ZH, HazardClass
from inspector_app.store.blobs import BlobError
from inspector_app.store.models import Unit

from ..checklist.photos import PhotoStrip
from ..common import MessageLabel, error_text, touch_button
from ..context import AppContext
from .model import FollowUpModel


class FollowUpScreen(QWidget):
    sig_home = Signal()
    sig_documents = Signal(str)  # inspection id

    def __init__(self, ctx: AppContext, unit_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.unit_id = unit_id
        self.follow_up_id: str | None = None
        self.evidence: dict[str, list[tuple[str, str]]] = {}  # finding -> [(photo id, sha)]
        with ctx.db.read() as s:
            unit = s.get(Unit, unit_id)
            self.finding_ids = [f.id for f in open_findings_of_unit(s, unit_id)]
        title = self.tr("Follow-up: %1").replace("%1", unit.name)
        self.title = QLabel(f"<b style='font-size:14pt'>{title}</b>")
        self.summary = QLabel()
        self.model = FollowUpModel(self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(36)
        self.view.setWordWrap(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # the finding itself
        for column, width in enumerate((92, 90, 50, 90, 0, 104, 264)):
            if width:
                self.view.setColumnWidth(column, width)

        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.photos = PhotoStrip()
        self.photos.add.setText(self.tr("Add evidence photo…"))
        self.photos.sig_files.connect(self.add_evidence_files)
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What was found at the follow-up (optional)"))
        self.rectified = touch_button(self.tr("Rectified ✔"))
        self.rectified.setStyleSheet("font-weight: bold; color: #1b5e20;")
        self.rectified.clicked.connect(lambda: self.mark(True))
        self.not_rectified = touch_button(self.tr("Not rectified ✘"))
        self.not_rectified.setStyleSheet("font-weight: bold; color: #b00020;")
        self.not_rectified.clicked.connect(lambda: self.mark(False))
        self.message = MessageLabel()
        box = QGroupBox(self.tr("Selected finding"))
        panel = QVBoxLayout(box)
        panel.addWidget(self.detail)
        panel.addWidget(QLabel(self.tr("Photos of the rectification")))
        panel.addWidget(self.photos)
        panel.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addWidget(self.not_rectified)
        buttons.addWidget(self.rectified)
        panel.addLayout(buttons)
        panel.addWidget(self.message)
        panel.addStretch(1)

        splitter = QSplitter()
        splitter.addWidget(self.view)
        splitter.addWidget(box)
        splitter.setSizes([860, 480])
        home = touch_button(self.tr("Home"))
        home.clicked.connect(self.sig_home)
        self.documents = touch_button(self.tr("Directive…"))
        self.documents.clicked.connect(self._open_documents)
        bar = QHBoxLayout()
        bar.addWidget(home)
        bar.addWidget(self.title, 1)
        bar.addWidget(self.summary)
        bar.addWidget(self.documents)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)
        self.view.selectionModel().currentRowChanged.connect(lambda *_: self._show_current())
        self.reload()
        self.select(0)

    # -- reading -----------------------------------------------------------------
    def reload(self) -> None:
        row = self.current_row_index()
        with self.ctx.db.read() as s:
            rows = follow_up_rows(s, self.finding_ids)
        self.model.set_rows(rows)
        open_count = sum(1 for r in rows if r.status != "closed")
        self.summary.setText(self.tr("%1 to verify · %2 closed")
                             .replace("%1", str(open_count))
                             .replace("%2", str(len(rows) - open_count)))
        if rows:
            self.select(max(0, min(row, len(rows) - 1)))
        else:
            self.detail.setText(self.tr("This unit has no open finding."))
        self._show_current()

    def select(self, row: int) -> None:
        if 0 <= row < self.model.rowCount():
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)

    def current_row_index(self) -> int:
        return self.view.currentIndex().row() if self.view.currentIndex().isValid() else 0

    def current(self) -> FollowUpRow | None:
        return self.model.row(self.view.currentIndex().row())

    def _show_current(self) -> None:
        r = self.current()
        enabled = r is not None
        for widget in (self.rectified, self.not_rectified, self.photos, self.note):
            widget.setEnabled(enabled)
        self.documents.setEnabled(enabled)
        if r is None:
            return
        hazard = HAZARD_CLASS_ZH.get(HazardClass(r.hazard), r.hazard)
        colour = "#b00020" if r.hazard == HazardClass.SERIOUS.value else "#c25e00"
        lines = [f"<b>{r.item_id}</b>  {r.description}",
                 f"<span style='color:{colour}'>{hazard}</span> · "
                 + self.tr("deadline %1").replace("%1", r.deadline.isoformat()),
                 f"{r.equipment_name} {r.registration_code}",
                 self.tr("Status: %1").replace("%1", self.model.finding_status_text(r.status))]
        if r.directive_number:
            lines.append(self.tr("Directive: %1").replace("%1", self.model.directive_text(r)))
        if r.hazard == HazardClass.SERIOUS.value:
            lines.append("<i>" + self.tr("A serious hazard closes only with a photo of the "
                                         "rectification.") + "</i>")
        self.detail.setText("<br>".join(lines))
        self._show_photos(r.id)

    def _show_photos(self, finding_id: str) -> None:
        pixmaps = []
        for _pid, sha in self.evidence.get(finding_id, []):
            pixmap = QPixmap()
            with contextlib.suppress(BlobError):  # kept at the office: an empty tile
                pixmap.loadFromData(self.ctx.blobs.get(sha))
            pixmaps.append(pixmap)
        self.photos.set_photos(pixmaps)

    def _open_documents(self) -> None:
        r = self.current()
        if r is not None:
            self.sig_documents.emit(r.inspection_id)

    # -- writing -------------------------------------------------------------------
    def add_evidence_files(self, files: list[str]) -> None:
        r = self.current()
        if r is None:
            return
        self.photos.message.clear_message()
        blobs = self.ctx.blobs
        for path in files:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                self.photos.message.show_error(f"{Path(path).name}: {exc.strerror}")
                continue
            kwargs = dict(inspection_id=r.inspection_id, finding_id=r.id, data=data,
                          caption="整改后照片", name=Path(path).name)

            def job(s, kw=kwargs):
                photo = add_photo(s, blobs, **kw)
                return photo.id, photo.print_sha256

            self.ctx.writer.submit(job, on_done=lambda res, fid=r.id: self._photo_added(fid, res),
                                   on_error=self.photos.message.show_error_from)

    def _photo_added(self, finding_id: str, photo: tuple[str, str]) -> None:
        self.evidence.setdefault(finding_id, []).append(photo)
        r = self.current()
        if shiboken6.isValid(self.photos) and r is not None and r.id == finding_id:
            self._show_photos(finding_id)

    def mark(self, rectified: bool) -> None:
        """Record the result for the selected finding; the next open one is selected after."""
        r = self.current()
        if r is None:
            return
        self.message.clear_message()
        evidence = self.evidence.get(r.id, [])
        kwargs = dict(finding_id=r.id, rectified=rectified, note=self.note.text().strip(),
                      evidence_photo_id=evidence[-1][0] if evidence else None)
        follow_up_id, unit_id, officer = self.follow_up_id, self.unit_id, self.ctx.officer_id

        def job(s):
            fid = follow_up_id or start_follow_up(s, unit_id=unit_id, officer_id=officer).id
            record_follow_up_result(s, follow_up_id=fid, **kwargs)
            return fid

        self.ctx.writer.submit(job, on_done=self._marked, on_error=self._failed)

    def _marked(self, follow_up_id: str) -> None:
        if not shiboken6.isValid(self.message):
            return
        self.follow_up_id = follow_up_id
        self.note.clear()
        self.reload()
        rows = self.model.rows()
        current = self.current_row_index()
        nxt = next((i for i in list(range(current + 1, len(rows))) + list(range(current))
                    if rows[i].status != "closed"), -1)
        if nxt >= 0:
            self.select(nxt)
        self.message.show_info(self.tr("Recorded."))

    def _failed(self, exc: BaseException) -> None:
        if not shiboken6.isValid(self.message):
            return
        if getattr(exc, "field", None) == "photo":
            self.photos.message.show_error(error_text(exc))
        else:
            self.message.show_error(error_text(exc))
