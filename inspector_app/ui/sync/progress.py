"""The progress dialog of a sync or an import: the four stages, a bar, a line, Cancel."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core.sync_status import DONE, EXPORT, IMPORT, PULL, PUSH, STAGES

# apply_changes reports these while it writes: both belong to the import stage
_ALIASES = {"checking": IMPORT, "applying": IMPORT}


class SyncProgressDialog(QDialog):
    sig_cancel = Signal()

    def __init__(self, title: str, stages: tuple[str, ...] = STAGES,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(540)
        self.stages = stages
        names = {EXPORT: self.tr("Export changes"), PUSH: self.tr("Send to the office"),
                 PULL: self.tr("Fetch from the office"), IMPORT: self.tr("Import")}
        self.stage_labels: dict[str, QLabel] = {}
        row = QHBoxLayout()
        for stage in stages:
            label = QLabel(names[stage])
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.stage_labels[stage] = label
            row.addWidget(label)
        self.bar = QProgressBar()
        self.bar.setRange(0, 0)  # busy until a stage with a known size reports
        self.line = QLabel(self.tr("Starting…"))
        self.line.setWordWrap(True)
        self.line.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.line.setMinimumHeight(self.line.fontMetrics().lineSpacing() * 4 + 6)  # no jumping
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setMinimumHeight(44)
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.bar)
        layout.addWidget(self.line)
        layout.addWidget(self.cancel_button, 0, Qt.AlignmentFlag.AlignRight)
        self.phase = ""
        self._mark("")

    def _mark(self, current: str) -> None:
        reached = True
        for stage in self.stages:
            label = self.stage_labels[stage]
            if stage == current:
                label.setStyleSheet("font-weight: bold; color: #1a4f8b; padding: 4px;"
                                    "border-bottom: 3px solid #1a4f8b;")
                reached = False
            elif reached and current:
                label.setStyleSheet("color: #1b5e20; padding: 4px;")
            else:
                label.setStyleSheet("color: #888; padding: 4px;")

    def update_progress(self, phase: str, done: int, total: int, message: str) -> None:
        phase = _ALIASES.get(phase, phase)
        self.phase = phase
        if phase == DONE:
            self._mark(self.stages[-1])
            self.bar.setRange(0, 1)
            self.bar.setValue(1)
            return
        if phase in self.stage_labels:
            self._mark(phase)
        if total:
            self.bar.setRange(0, total)
            self.bar.setValue(min(done, total))
        else:
            self.bar.setRange(0, 0)
        texts = {EXPORT: self.tr("Exporting the changes not yet acknowledged…"),
                 PUSH: self.tr("Sending to the office…"),
                 PULL: self.tr("Fetching changes from the office…"),
                 IMPORT: self.tr("Checking and importing…")}
        text = texts.get(phase, "")
        if message:
            text = f"{text}\n{message}" if text else message
        self.line.setText(text)

    def _cancel(self) -> None:
        self.cancel_button.setEnabled(False)
        self.line.setText(self.tr("Cancelling… (the step under way finishes or rolls back)"))
        self.sig_cancel.emit()

    def reject(self) -> None:  # Esc or the close box: same as Cancel, the dialog stays
        if self.cancel_button.isEnabled():
            self._cancel()
