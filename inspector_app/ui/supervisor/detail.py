"""One received inspection for the supervisor: answers, findings, photos, directive preview.

Read-only. The PDF comes from the core exactly as the directive screen shows it
(``PdfPreview``, rendered off the UI thread for the on-site record).
"""

from __future__ import annotations

import contextlib
from functools import partial
from html import escape

import shiboken6
from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import clock
from inspector_app.core import directives as core
from inspector_app.core.documents_view import inspection_documents
from inspector_app.core.received import inspection_detail
from inspector_app.rules.enums import HAZARD_CLASS_ZH
from inspector_app.store.blobs import BlobError

from ..common import error_text, touch_button
from ..context import AppContext
from ..directive.pdf import PdfPreview
from ..sync.fetch import FetchBar
from ..tasks import run_read

THUMB = 120
MAX_THUMBS = 60
DIRECTIVE, RECORD = "directive", "record"


class InspectionDetailScreen(QWidget):
    sig_home = Signal()

    def __init__(self, ctx: AppContext, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection_id = inspection_id
        with ctx.db.read() as s:
            self.detail = inspection_detail(s, inspection_id)
            self.docs = inspection_documents(s, inspection_id)
        self.kind = ""
        self.finding_statuses = {"open": self.tr("Open"),
                                 "rectified": self.tr("Rectified, to verify"),
                                 "closed": self.tr("Rectified (closed)"),
                                 "escalated": self.tr("Not rectified, past deadline (case)")}
        self.conclusions = {"stop_use": self.tr("Serious hazard: stop using the equipment at once"),
                            "rectify": self.tr("General hazards: rectify by the deadline"),
                            "pass": self.tr("No hazard found")}
        self.summary = QLabel(self._summary_html())
        self.summary.setTextFormat(Qt.TextFormat.RichText)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.findings = QLabel(self._findings_html())
        self.findings.setTextFormat(Qt.TextFormat.RichText)
        self.findings.setWordWrap(True)
        self.photos = QListWidget()
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(THUMB, THUMB))
        self.photos.setResizeMode(QListView.ResizeMode.Adjust)
        self.photos.setMinimumHeight(THUMB + 40)
        self._load_thumbnails()

        info = QWidget()
        ilayout = QVBoxLayout(info)
        ilayout.addWidget(self.summary)
        box = QGroupBox(self.tr("Findings (%1)").replace("%1", str(len(self.detail.findings))))
        QVBoxLayout(box).addWidget(self.findings)
        ilayout.addWidget(box)
        pbox = QGroupBox(self.tr("Photos (%1)").replace("%1", str(len(self.detail.photos))))
        QVBoxLayout(pbox).addWidget(self.photos)
        ilayout.addWidget(pbox)
        ilayout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(info)

        self.preview = PdfPreview()
        self.doc_buttons: dict[str, QPushButton] = {}
        doc_row = QHBoxLayout()
        for kind, label in ((DIRECTIVE, self.tr("Directive")), (RECORD, self.tr("On-site record"))):
            button = touch_button(label)
            button.setCheckable(True)
            button.setAutoExclusive(True)
            button.clicked.connect(partial(self.show_document, kind))
            self.doc_buttons[kind] = button
            doc_row.addWidget(button)
        doc_row.addStretch(1)
        right = QWidget()
        rlayout = QVBoxLayout(right)
        rlayout.setContentsMargins(0, 0, 0, 0)
        rlayout.addLayout(doc_row)
        rlayout.addWidget(self.preview, 1)
        splitter = QSplitter()
        splitter.addWidget(scroll)
        splitter.addWidget(right)
        splitter.setSizes([560, 780])

        home = touch_button(self.tr("Back to the lists"))
        home.clicked.connect(self.sig_home)
        title = QLabel(f"<b style='font-size:14pt'>{escape(self.detail.unit_name)}</b>")
        bar = QHBoxLayout()
        bar.addWidget(home)
        bar.addWidget(title, 1)
        # a scoped laptop: files outside its scope are fetched on demand, then shown
        self.fetch_bar = FetchBar(ctx)
        self.fetch_bar.sig_fetched.connect(lambda _n: self._files_arrived())
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.fetch_bar)
        layout.addWidget(splitter, 1)
        self.fetch_bar.set_inspection(inspection_id)
        self.show_document(DIRECTIVE if self.docs.current else RECORD)

    def _files_arrived(self) -> None:
        self.photos.clear()
        self._load_thumbnails()
        self.show_document(self.kind)

    # -- text ----------------------------------------------------------------------
    def _summary_html(self) -> str:
        d = self.detail
        when = lambda t: clock.format_datetime(t, self.ctx.zone, empty="—")  # noqa: E731
        conclusion = (self.conclusions.get(d.conclusion, d.conclusion) if d.conclusion
                      else self.tr("In progress"))
        answers = self.tr("%1 passed, %2 failed, %3 not applicable").replace(
            "%1", str(d.answers.get("pass", 0))).replace("%2", str(d.answers.get("fail", 0))
        ).replace("%3", str(d.answers.get("na", 0)))
        rows = [(self.tr("Address"), d.unit_address), (self.tr("Officers"), d.officers),
                (self.tr("Unit representative"), d.representative),
                (self.tr("Started"), when(d.started_at)), (self.tr("Concluded"), when(d.concluded_at)),
                (self.tr("Conclusion"), conclusion), (self.tr("Answers"), answers),
                (self.tr("Equipment"), "<br>".join(escape(e) for e in d.equipment))]
        cells = "".join(f"<tr><td style='color:#555;padding-right:12px'>{escape(k)}</td>"
                        f"<td>{v if k == self.tr('Equipment') else escape(v)}</td></tr>"
                        for k, v in rows)
        return f"<table>{cells}</table>"

    def _findings_html(self) -> str:
        if not self.detail.findings:
            return self.tr("No findings.")
        lines = []
        for f in self.detail.findings:
            hazard = HAZARD_CLASS_ZH.get(f.hazard, f.hazard)
            colour = "#b00020" if f.hazard == "serious" else "#b26a00"
            lines.append(f"<p><b style='color:{colour}'>{escape(hazard)}</b> {escape(f.item_id)}"
                         f" — {escape(f.description)}<br><span style='color:#555'>"
                         + escape(self.tr("deadline %1").replace("%1", f.deadline.isoformat()))
                         + f" · {escape(self.finding_statuses.get(f.status, f.status))}"
                         "</span></p>")
        return "".join(lines)

    def _load_thumbnails(self) -> None:
        for sha, caption in self.detail.photos[:MAX_THUMBS]:
            pixmap = QPixmap()
            with contextlib.suppress(BlobError):  # kept at the office: the fetch bar says so
                pixmap.loadFromData(self.ctx.blobs.get(sha))
            item = QListWidgetItem(QIcon(pixmap.scaled(
                THUMB, THUMB, Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation)) if not pixmap.isNull() else QIcon(),
                caption)
            item.setData(Qt.ItemDataRole.UserRole, sha)
            self.photos.addItem(item)

    # -- documents -----------------------------------------------------------------
    def show_document(self, kind: str) -> None:
        self.kind = kind
        self.doc_buttons[kind].setChecked(True)
        blobs, current = self.ctx.blobs, self.docs.current
        if kind == DIRECTIVE:
            if current is None:
                self.preview.show_text(self.tr("No directive issued yet."))
                return
            fn = partial(_directive_bytes, blobs=blobs, directive_id=current.id)
        else:
            fn = partial(_record_bytes, blobs=blobs, inspection_id=self.inspection_id)
        self.preview.show_text(self.tr("Preparing the document…"))
        run_read(self.ctx, fn, on_done=partial(self._show_pdf, kind), on_error=self._pdf_failed)

    def _show_pdf(self, kind: str, data: bytes) -> None:
        if shiboken6.isValid(self.preview) and kind == self.kind:
            self.preview.set_pdf(data)

    def _pdf_failed(self, exc: BaseException) -> None:
        if shiboken6.isValid(self.preview):
            self.preview.show_text(error_text(exc))


def _directive_bytes(session, *, blobs, directive_id: str) -> bytes:
    return core.directive_pdf(session, blobs, directive_id=directive_id)


def _record_bytes(session, *, blobs, inspection_id: str) -> bytes:
    return core.record_pdf(session, blobs, inspection_id=inspection_id)
