"""Running the checklist: every answer goes straight to the writer, no Save button.

Keys (documented in docs/ui.md): P/1 pass, F/2 fail, N/3 not applicable,
J or Ctrl+Down next unanswered, Up/Down move, Enter/M measured value, Esc back to the list,
S sign-off, / find in the checklist. A click on a section header folds it.
"""

from __future__ import annotations

import contextlib
import dataclasses
from pathlib import Path

import shiboken6
from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListView,
    QProgressBar,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from inspector_app.checklists import judge_measurement
from inspector_app.core import inspections as core
from inspector_app.core.inspection_view import (
    RowState,
    load_header,
    load_rows,
    photo_blobs,
    reload_row,
)
from inspector_app.core.photos import add_photo
from inspector_app.core.prior_findings import prior_findings
from inspector_app.rules.enums import InspectionStatus, Outcome
from inspector_app.store.blobs import BlobError

from ..common import MessageLabel, error_text, touch_button
from ..context import AppContext
from ..sync.fetch import FetchBar
from .delegate import ElidingDelegate
from .failures import wire_findings
from .hazard_dialog import HazardDialog
from .model import ChecklistModel
from .navigator import ChecklistNavigator
from .panel import ItemPanel
from .prior import PriorBanner

ANSWER_KEYS = {
    Qt.Key.Key_P: Outcome.PASS, Qt.Key.Key_1: Outcome.PASS,
    Qt.Key.Key_F: Outcome.FAIL, Qt.Key.Key_2: Outcome.FAIL,
    Qt.Key.Key_N: Outcome.NOT_APPLICABLE, Qt.Key.Key_3: Outcome.NOT_APPLICABLE,
}
SCREEN_KEYS = set(ANSWER_KEYS) | {Qt.Key.Key_J, Qt.Key.Key_M, Qt.Key.Key_S, Qt.Key.Key_Return,
                                  Qt.Key.Key_Enter, Qt.Key.Key_Slash}
# Typed into the measured-value field (which takes only numbers), these still answer.
VALUE_FIELD_KEYS = {Qt.Key.Key_P: Outcome.PASS, Qt.Key.Key_F: Outcome.FAIL,
                    Qt.Key.Key_N: Outcome.NOT_APPLICABLE}


class ChecklistView(QListView):
    """Leaves the answer keys to the screen instead of using them for type-ahead search;
    a click on a section header folds or unfolds it."""

    sig_header_clicked = Signal(int)  # header row

    def keyPressEvent(self, event: QKeyEvent) -> None:
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in SCREEN_KEYS and mods == Qt.KeyboardModifier.NoModifier:
            event.ignore()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.indexAt(event.position().toPoint())
        if index.isValid() and self.model().is_header(index.row()):
            self.sig_header_clicked.emit(index.row())
            return
        super().mousePressEvent(event)


class ChecklistScreen(QWidget):
    sig_home = Signal()
    sig_signoff = Signal(str)  # inspection id

    def __init__(self, ctx: AppContext, inspection_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.inspection_id = inspection_id
        with ctx.db.read() as s:
            self.header = load_header(s, inspection_id)
            states = load_rows(s, inspection_id)
            prior = prior_findings(s, inspection_id)
        self.locked = self.header.status != InspectionStatus.IN_PROGRESS.value
        self.model = ChecklistModel(states, english=ctx.english, parent=self)
        self.model.set_prior(prior)
        self.view = ChecklistView()
        self.view.setModel(self.model)
        self.view.setUniformItemSizes(True)
        self.view.setWordWrap(False)
        self.view.setItemDelegate(ElidingDelegate(self.view))
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.sig_header_clicked.connect(self.toggle_section)
        self.navigator = ChecklistNavigator()
        self.navigator.set_sections(self.model.headers())
        self.navigator.sig_changed.connect(self.apply_filter)
        self.navigator.sig_section.connect(self.jump_to_section)
        self.navigator.search.installEventFilter(self)
        self.prior_banner = PriorBanner(ctx.zone)
        self.view.setStyleSheet("QListView { font-size: 11pt; } QListView::item { min-height: 30px; }")
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.panel = ItemPanel(english=ctx.english)
        self.panel.sig_answer.connect(lambda o: self.answer(Outcome(o)))
        self.panel.sig_measure.connect(self.measure)
        self.panel.sig_note.connect(self._note)
        self.panel.sig_change_hazard.connect(self.change_hazard)
        wire_findings(self)
        self.panel.photos.sig_files.connect(self.add_photo_files)
        self.panel.value.installEventFilter(self)
        scroll = QScrollArea()
        scroll.setWidget(self.panel)
        scroll.setWidgetResizable(True)
        left, right = QWidget(), QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.navigator)
        left_layout.addWidget(self.view, 1)
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.prior_banner)
        right_layout.addWidget(scroll, 1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)

        title = QLabel(f"<b style='font-size:14pt'>{self.header.unit_name}</b>")
        self.progress = QProgressBar()
        self.progress.setMinimumWidth(200)
        self.failures = QLabel()
        self.status = MessageLabel()
        home = touch_button(self.tr("Home"))
        home.clicked.connect(self.sig_home)
        nxt = touch_button(self.tr("Next unanswered (J)"))
        nxt.clicked.connect(self.next_unanswered)
        signoff = touch_button(self.tr("Sign-off…"))
        signoff.clicked.connect(lambda: self.sig_signoff.emit(self.inspection_id))
        bar = QHBoxLayout()
        bar.addWidget(home)
        bar.addWidget(title, 1)
        bar.addWidget(self.failures)
        bar.addWidget(self.progress)
        bar.addWidget(nxt)
        bar.addWidget(signoff)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        if self.locked:
            self.status.show_info(self.tr("This inspection is concluded and locked."))
        layout.addWidget(self.status)
        # photos taken on another laptop and outside this one's sync scope: fetched on demand
        self.fetch_bar = FetchBar(ctx)
        self.fetch_bar.sig_fetched.connect(lambda _n: self._reload(self.current_row()))
        layout.addWidget(self.fetch_bar)
        layout.addWidget(splitter, 1)
        self.fetch_bar.set_inspection(inspection_id)
        self._update_progress()
        self.resume()

    # -- navigation --------------------------------------------------------------
    def resume(self) -> None:
        """Go to the first unanswered item (or the first item when all are answered)."""
        row = self._next_unanswered(-1)
        if row < 0:
            rows = [r for r in self.model.item_rows() if not self._filtered_out(r)]
            row = rows[0] if rows else -1
        self.go_to(row)

    def go_to(self, row: int, *, focus: bool = True) -> None:
        if row < 0:
            return
        header = self.model.header_of(row)
        if header in self.model.collapsed:  # unfold the section the item is in
            self.set_section_collapsed(header, False)
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
        self.view.scrollTo(index)
        if not focus:  # e.g. while typing in the checklist's search
            return
        state = self.model.state(row)
        if state and state.item.measurement is not None and state.outcome is None and not self.locked:
            self.panel.focus_value()
        else:
            self.view.setFocus()

    def current_row(self) -> int:
        return self.view.currentIndex().row()

    def current_state(self) -> RowState | None:
        return self.model.state(self.current_row())

    def next_unanswered(self) -> None:
        row = self._next_unanswered(self.current_row())
        if row < 0:
            if self.navigator.active() and self.model.next_unanswered() >= 0:
                self.status.show_info(self.tr("No unanswered item among those shown."))
            else:
                self.status.show_info(self.tr("Every item is answered. Continue with sign-off."))
            return
        self.go_to(row)

    def _next_unanswered(self, after: int) -> int:
        """The next unanswered item the search and filter show (wrapping round; folded
        sections count: going there unfolds them)."""
        n = self.model.rowCount()
        for step in range(1, n + 1):
            row = (after + step) % n if after >= 0 else step - 1
            state = self.model.state(row)
            if state is not None and state.outcome is None and not self._filtered_out(row):
                return row
        return -1

    def _next_visible_item(self, after: int) -> int:
        row = self.model.next_item(after)
        while row >= 0 and self.view.isRowHidden(row):
            row = self.model.next_item(row)
        return row

    def _current_changed(self, current, _previous) -> None:
        state = self.model.state(current.row())
        if state is not None:
            self.panel.show_state(state, locked=self.locked)
            self._show_photos(state)
            self.prior_banner.show_findings(self.model.prior(current.row()))

    # -- search, filters, sections -------------------------------------------------
    def _filtered_out(self, row: int) -> bool:
        state = self.model.state(row)
        return state is None or not self.navigator.accepts(
            state, found_before=bool(self.model.prior(row)))

    def apply_filter(self, *, keep_current: bool = False) -> None:
        """Hide what the search and filter leave out, and the items of folded sections.

        After an answer (``keep_current``) the current item stays shown until the person
        moves on, even when it no longer matches."""
        current = self.current_row() if keep_current else -2
        active = self.navigator.active()
        shown_in: set[int] = set()
        for header, _title in self.model.headers():
            for row in self.model.section_items(header):
                visible = not active or row == current or not self._filtered_out(row)
                if visible:
                    shown_in.add(header)
                hidden = not visible or header in self.model.collapsed
                if self.view.isRowHidden(row) != hidden:
                    self.view.setRowHidden(row, hidden)
            if self.view.isRowHidden(header) != (header not in shown_in):
                self.view.setRowHidden(header, header not in shown_in)
        current = self.current_row()
        if current < 0 or self.view.isRowHidden(current):
            first = self._next_visible_item(-1)
            if first >= 0:
                self.go_to(first, focus=False)

    def set_section_collapsed(self, header: int, collapsed: bool) -> None:
        self.model.set_collapsed(header, collapsed)
        self.apply_filter()

    def toggle_section(self, header: int) -> None:
        self.set_section_collapsed(header, header not in self.model.collapsed)

    def jump_to_section(self, header: int) -> None:
        self.set_section_collapsed(header, False)
        rows = [r for r in self.model.section_items(header) if not self.view.isRowHidden(r)]
        if rows:
            self.go_to(rows[0])
        self.view.scrollTo(self.model.index(header),
                           QListView.ScrollHint.PositionAtTop)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if mods != Qt.KeyboardModifier.NoModifier:
            return False
        if watched is self.panel.value and key in VALUE_FIELD_KEYS:
            self.answer(VALUE_FIELD_KEYS[key])
            return True
        if watched is self.panel.value and key == Qt.Key.Key_J:
            self.next_unanswered()
            return True
        if watched is self.navigator.search and key in (Qt.Key.Key_Return, Qt.Key.Key_Enter,
                                                        Qt.Key.Key_Escape, Qt.Key.Key_Down):
            if key == Qt.Key.Key_Escape:
                self.navigator.search.clear()
            self.apply_filter()
            self.view.setFocus()
            return True
        return False

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if key == Qt.Key.Key_Down and mods == Qt.KeyboardModifier.ControlModifier:
            self.next_unanswered()
        elif mods != Qt.KeyboardModifier.NoModifier:
            super().keyPressEvent(event)
        elif key in ANSWER_KEYS:
            self.answer(ANSWER_KEYS[key])
        elif key == Qt.Key.Key_J:
            self.next_unanswered()
        elif key == Qt.Key.Key_Slash:
            self.navigator.search.setFocus()
            self.navigator.search.selectAll()
        elif key == Qt.Key.Key_S:
            self.sig_signoff.emit(self.inspection_id)
        elif key in (Qt.Key.Key_M, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            state = self.current_state()
            if state and state.item.measurement is not None:
                self.panel.focus_value()
        elif key == Qt.Key.Key_Escape:
            self.view.setFocus()
        elif key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            step = self._next_visible_item(self.current_row()) if key == Qt.Key.Key_Down else -1
            if step >= 0:
                self.go_to(step)
        else:
            super().keyPressEvent(event)

    # -- answers -------------------------------------------------------------------
    def answer(self, outcome: Outcome, value: float | None = None) -> None:
        row, state = self.current_row(), self.current_state()
        if state is None or self.locked:
            return
        # Show the answer at once; the row is re-read when the writer has committed it.
        optimistic = dataclasses.replace(state, outcome=outcome.value, value=value)
        if outcome is Outcome.FAIL and optimistic.hazard is None:
            optimistic.hazard = state.item.hazard
        self.model.set_state(row, optimistic)
        self._update_progress()
        kwargs = dict(inspection_equipment_id=state.ie_id, item_id=state.item.id,
                      officer_id=self.ctx.officer_id)
        kwargs |= {"value": value} if value is not None else {"outcome": outcome}
        if value is not None and state.item.source == "inspection_report":
            kwargs["report_no"], kwargs["report_date"] = self.panel.report.values()
        if outcome is Outcome.FAIL:  # stay: the finding, its deadline and photos come next
            self.panel.show_state(optimistic, locked=self.locked)
            self.view.setFocus()
        else:
            nxt = self._next_visible_item(row)
            self.go_to(nxt if nxt >= 0 else row)
        self._write(lambda s: core.record_answer(s, **kwargs), row)

    def measure(self, value: float) -> None:
        state = self.current_state()
        if state is None or state.item.measurement is None:
            return
        try:
            outcome = judge_measurement(state.item, value)
        except ValueError as exc:
            self.panel.message.show_error(str(exc))
            return
        self.answer(outcome, value)

    def _note(self, note: str) -> None:
        state, row = self.current_state(), self.current_row()
        if state and state.result_id:
            rid = state.result_id
            self._write(lambda s: core.set_note(s, item_result_id=rid, note=note), row)

    def change_hazard(self) -> None:
        state, row = self.current_state(), self.current_row()
        if not state or not state.result_id:
            return
        dialog = HazardDialog(state.hazard, self)
        if dialog.exec():
            hazard, reason = dialog.values()
            rid, officer = state.result_id, self.ctx.officer_id
            self._write(lambda s: core.override_hazard(
                s, item_result_id=rid, hazard=hazard, reason=reason, officer_id=officer), row)

    def add_photo_files(self, files: list[str]) -> None:
        """Store dropped or picked files as photos of the current answer (used by drag-and-drop)."""
        state, row = self.current_state(), self.current_row()
        if not state or not state.result_id:
            self.panel.photos.message.show_error(self.tr("Answer the item before adding photos."))
            return
        self.panel.photos.message.clear_message()
        for path in files:
            try:
                data = Path(path).read_bytes()
            except OSError as exc:
                self.panel.photos.message.show_error(f"{Path(path).name}: {exc.strerror}")
                continue
            kwargs = dict(inspection_id=self.inspection_id, data=data, finding_id=state.finding_id,
                          item_result_id=state.result_id, name=Path(path).name)
            blobs = self.ctx.blobs
            self.ctx.writer.submit(
                lambda s, kw=kwargs, b=blobs: add_photo(s, b, **kw).id,
                on_done=lambda _id, r=row: self._reload(r),
                on_error=self.panel.photos.message.show_error_from)

    # -- after the writer ------------------------------------------------------------
    def _write(self, job, row: int) -> None:
        self.ctx.writer.submit(job, on_done=lambda _r: self._reload(row),
                               on_error=lambda exc: self._failed(exc, row))

    def _failed(self, exc: BaseException, row: int) -> None:
        if not shiboken6.isValid(self.panel):
            return
        self.panel.message.show_error(error_text(exc))
        self._reload(row)

    def _reload(self, row: int) -> None:
        if not shiboken6.isValid(self.model):  # the screen was closed before the write ended
            return
        old = self.model.state(row)
        if old is None:
            return
        with self.ctx.db.read() as s:
            fresh = reload_row(s, old)
        self.model.set_state(row, fresh)
        self._update_progress()
        if row == self.current_row():
            self.panel.show_state(fresh, locked=self.locked)
            self._show_photos(fresh)

    def _show_photos(self, state: RowState) -> None:
        pixmaps: list[QPixmap] = []
        if state.result_id and state.photo_count:
            with self.ctx.db.read() as s:
                blobs = photo_blobs(s, state.result_id)
            for _pid, sha in blobs:
                pixmap = QPixmap()
                with contextlib.suppress(BlobError):  # kept at the office: see fetch_bar
                    pixmap.loadFromData(self.ctx.blobs.get(sha))
                pixmaps.append(pixmap)
        self.panel.photos.set_photos(pixmaps)

    def _update_progress(self) -> None:
        if self.navigator.active():
            self.apply_filter(keep_current=True)
        c = self.model.counts()
        self.progress.setMaximum(max(1, c.total))
        self.progress.setValue(c.answered)
        self.progress.setFormat(f"{c.answered}/{c.total}")
        self.failures.setText(
            self.tr("Failures: %1 serious, %2 general")
            .replace("%1", str(c.serious)).replace("%2", str(c.general)))
        self.failures.setStyleSheet("color: #b00020; font-weight: bold;" if c.serious else "")
