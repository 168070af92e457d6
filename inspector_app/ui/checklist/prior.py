"""What earlier inspections found on this item, shown above the current item."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from inspector_app.core import clock
from inspector_app.core.prior_findings import PriorFinding
from inspector_app.rules.enums import HAZARD_CLASS_ZH

STOP_USE_STYLE = "background: #fde2e1; border: 1px solid #b00020; color: #7a0015;"
OPEN_STYLE = "background: #fff3c4; border: 1px solid #c28a00; color: #4a3500;"
CLOSED_STYLE = "background: #eef2f6; border: 1px solid #9aa8b8; color: #333;"


class PriorBanner(QLabel):
    def __init__(self, zone, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.zone = zone
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setMargin(6)
        self.statuses = {
            "open": self.tr("not rectified"),
            "rectified": self.tr("rectified, to verify"),
            "closed": self.tr("rectified (closed)"),
            "escalated": self.tr("not rectified, past deadline (case)"),
        }
        self.hide()

    def show_findings(self, found: list[PriorFinding]) -> None:
        if not found:
            self.hide()
            return
        lines = []
        for f in found:
            when = clock.format_date(f.inspected_at, self.zone)
            hazard = HAZARD_CLASS_ZH.get(f.hazard, f.hazard)
            order = self.tr("ordered to stop using it") if f.stop_use else ""
            head = (
                self.tr("Inspection of %1 found: %2")
                .replace("%1", when)
                .replace("%2", hazard + (f"（{order}）" if order else ""))
            )
            tail = (
                self.tr("deadline %1 · %2")
                .replace("%1", f.deadline.isoformat())
                .replace("%2", self.statuses.get(f.status, f.status))
            )
            if f.directive_number:
                tail += " · " + f.directive_number
            lines.append(f"<b>{escape(head)}</b><br>{escape(f.description)}<br>{escape(tail)}")
        worst = (
            STOP_USE_STYLE
            if any(f.stop_use and f.still_open for f in found)
            else (OPEN_STYLE if any(f.still_open for f in found) else CLOSED_STYLE)
        )
        self.setStyleSheet(f"QLabel {{ {worst} }}")
        self.setText("<br><br>".join(lines))
        self.show()
