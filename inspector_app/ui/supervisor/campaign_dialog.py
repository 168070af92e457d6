"""新建专项…: a campaign (专项监督检查, 57号令 Art 10–11) made from the supervisor's tab.

The dialog only gathers what ``inspector campaign create`` takes; the campaign is made by
the same ``core.campaigns.create_campaign`` through the writer, so its checks and refusals
are the CLI's, and a refused campaign writes nothing (the job's transaction rolls back).
The owner is an officer of the office, the logged-in supervisor unless another is chosen.
"""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDateEdit,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from inspector_app.core import board, campaigns, clock, worklist
from inspector_app.rules import draw as rules
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH, OFFICER_ROLE_ZH, VENUE_TYPE_ZH

from ..common import MessageLabel, dialog_buttons, error_text
from ..context import AppContext

DEFAULT_BASIS = "《特种设备安全监督检查办法》（国家市场监督管理总局令第57号）第十条、第十一条"


def check_list(items: list[tuple[str, str]]) -> QListWidget:
    """Checkable choices; none checked means all (as the CLI's omitted --kind)."""
    box = QListWidget()
    for value, text in items:
        item = QListWidgetItem(text)
        item.setData(Qt.ItemDataRole.UserRole, value)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Unchecked)
        box.addItem(item)
    box.setMinimumHeight(150)
    return box


def checked(box: QListWidget) -> list[str]:
    return [
        box.item(i).data(Qt.ItemDataRole.UserRole)
        for i in range(box.count())
        if box.item(i).checkState() == Qt.CheckState.Checked
    ]


def _percent_box(value: float = 100.0) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 100)
    box.setDecimals(2)
    box.setSuffix(" %")
    box.setValue(value)
    return box


def basis_points(box: QDoubleSpinBox) -> int:
    return round(box.value() * 100)


class CampaignDialog(QDialog):
    sig_created = Signal(str)  # the campaign's id

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("New campaign (专项监督检查)"))
        self.setMinimumWidth(980)
        today = clock.today(ctx.zone)
        with ctx.db.read() as s:
            self.districts = board.districts(s)
            officers = [(o.id, f"{o.name}  {o.cert_no}（{OFFICER_ROLE_ZH.get(o.role, o.role)}）")
                        for o in worklist.active_officers(s)]  # fmt: skip
        self.name = QLineEdit()
        self.name.setPlaceholderText(self.tr("e.g. 2026年校园及周边特种设备安全专项检查"))
        self.doc_no = QLineEdit()
        self.doc_no.setPlaceholderText(self.tr("e.g. 漳市监特〔2026〕12号"))
        self.basis = QLineEdit(DEFAULT_BASIS)
        self.starts, self.ends = QDateEdit(), QDateEdit()
        for box, day in ((self.starts, today), (self.ends, today + dt.timedelta(days=90))):
            box.setCalendarPopup(True)
            box.setDisplayFormat("yyyy-MM-dd")
            box.setDate(QDate(day.year, day.month, day.day))
        period = QHBoxLayout()
        period.addWidget(self.starts)
        period.addWidget(QLabel(self.tr("to")))
        period.addWidget(self.ends)
        period.addStretch(1)
        self.owner = QComboBox()
        for oid, text in officers:
            self.owner.addItem(text, oid)
        self.owner.setCurrentIndex(max(0, self.owner.findData(ctx.officer_id)))
        form = QFormLayout()
        form.addRow(self.tr("Campaign name"), self.name)
        form.addRow(self.tr("任务来源 (document no.)"), self.doc_no)
        form.addRow(self.tr("Legal basis"), self.basis)
        form.addRow(self.tr("Period"), period)
        form.addRow(self.tr("Owner"), self.owner)

        # scope: kinds × venue types × districts, or an explicit list of units
        self.by_cells = QRadioButton(self.tr("Kinds × venue types × districts"))
        self.by_list = QRadioButton(self.tr("An explicit list of units"))
        self.by_cells.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.by_cells)
        group.addButton(self.by_list)
        self.kinds = check_list([(k.value, t) for k, t in EQUIPMENT_KIND_ZH.items()])
        self.venues = check_list([(v.value, t) for v, t in VENUE_TYPE_ZH.items()])
        self.district_box = check_list([(d, d) for d in self.districts])
        cells = QWidget()
        grid = QGridLayout(cells)
        grid.setContentsMargins(0, 0, 0, 0)
        for column, (title, box) in enumerate(((self.tr("Equipment kinds"), self.kinds),
                                               (self.tr("Venue types"), self.venues),
                                               (self.tr("Districts"), self.district_box))):  # fmt: skip
            grid.addWidget(QLabel(title), 0, column)
            grid.addWidget(box, 1, column)
        hint = QLabel(self.tr("Nothing ticked in a column means all of it."))
        hint.setStyleSheet("color: #555;")
        grid.addWidget(hint, 2, 0, 1, 3)
        self.units = QPlainTextEdit()
        self.units.setPlaceholderText(
            self.tr("One unit a line: its 统一社会信用代码 (or its id in this system)")
        )
        self.scope = QStackedWidget()
        self.scope.addWidget(cells)
        self.scope.addWidget(self.units)
        self.by_list.toggled.connect(lambda on: self.scope.setCurrentIndex(int(on)))
        choose = QHBoxLayout()
        choose.addWidget(QLabel(self.tr("Scope:")))
        choose.addWidget(self.by_cells)
        choose.addWidget(self.by_list)
        choose.addStretch(1)

        # targets: one for every cell, and exceptions for some
        self.target = _percent_box()
        self.targets = QTableWidget(0, 4)
        self.targets.setHorizontalHeaderLabels(
            [self.tr("Kind"), self.tr("Venue"), self.tr("District"), self.tr("Target")]
        )
        self.targets.verticalHeader().hide()
        self.targets.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.targets.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.targets.setMaximumHeight(130)
        add = QPushButton(self.tr("Add a cell target"))
        add.clicked.connect(lambda: self.add_target_row())
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self._remove_target_row)
        target_row = QHBoxLayout()
        target_row.addWidget(QLabel(self.tr("Target coverage of every scope cell")))
        target_row.addWidget(self.target)
        target_row.addStretch(1)
        target_row.addWidget(add)
        target_row.addWidget(remove)

        self.message = MessageLabel()
        buttons, self.ok = dialog_buttons(self, self.tr("Create campaign"), self.tr("Cancel"),
                                          self.create)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addLayout(choose)
        layout.addWidget(self.scope, 1)
        layout.addLayout(target_row)
        layout.addWidget(self.targets)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    # -- cell targets -------------------------------------------------------------------
    def add_target_row(self, kind: str = campaigns.ANY, venue: str = campaigns.ANY,
                       district: str = campaigns.ANY, percent: float = 100.0) -> int:  # fmt: skip
        row = self.targets.rowCount()
        self.targets.insertRow(row)
        choices = (
            [(k.value, t) for k, t in EQUIPMENT_KIND_ZH.items()],
            [(v.value, t) for v, t in VENUE_TYPE_ZH.items()],
            [(d, d) for d in self.districts],
        )
        for column, (values, wanted) in enumerate(zip(choices, (kind, venue, district),
                                                      strict=True)):  # fmt: skip
            combo = QComboBox()
            combo.addItem(self.tr("(any)"), campaigns.ANY)
            for value, text in values:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(wanted)))
            self.targets.setCellWidget(row, column, combo)
        self.targets.setCellWidget(row, 3, _percent_box(percent))
        return row

    def _remove_target_row(self) -> None:
        row = self.targets.currentRow()
        if row < 0:
            row = self.targets.rowCount() - 1
        if row >= 0:
            self.targets.removeRow(row)

    def target_values(self) -> dict[str, int]:
        """``{"kind|venue|district": basis points}``, as ``campaigns.parse_target`` gives."""
        values = {"|".join((campaigns.ANY,) * 3): basis_points(self.target)}
        for row in range(self.targets.rowCount()):
            key = "|".join(self.targets.cellWidget(row, c).currentData() for c in range(3))
            values[key] = basis_points(self.targets.cellWidget(row, 3))
        if values["|".join((campaigns.ANY,) * 3)] == rules.FULL and len(values) == 1:
            return {}  # 100 % everywhere is the default: nothing to store
        return values

    # -- saving ---------------------------------------------------------------------------
    def create(self) -> None:
        self.message.clear_message()
        by_list = self.by_list.isChecked()
        refs = self.units.toPlainText().splitlines() if by_list else []
        if by_list and not any(r.strip() for r in refs):
            self.message.show_error(self.tr("Write at least one unit in the list."))
            return
        if not self.ctx.supervisor:
            self.message.show_error(self.tr("Only a supervisor (科室负责人) may create a "
                                            "campaign."))  # fmt: skip
            return
        kwargs = dict(
            name=self.name.text(),
            doc_no=self.doc_no.text(),
            legal_basis=self.basis.text(),
            kinds=[] if by_list else checked(self.kinds),
            venue_types=[] if by_list else checked(self.venues),
            districts=[] if by_list else checked(self.district_box),
            starts_on=self.starts.date().toPython(),
            ends_on=self.ends.date().toPython(),
            targets=self.target_values(),
            owner_id=self.owner.currentData() or self.ctx.officer_id or "",
        )  # fmt: skip
        self.ok.setEnabled(False)
        self.ctx.writer.submit(lambda s: _create(s, refs=refs, **kwargs),
                               on_done=self._created, on_error=self._failed)  # fmt: skip

    def _created(self, campaign_id: str) -> None:
        self.sig_created.emit(campaign_id)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.show_error(error_text(exc))
        field = getattr(exc, "field", None)
        widget = {"name": self.name, "doc_no": self.doc_no, "ends_on": self.ends,
                  "units": self.units}.get(field or "")  # fmt: skip
        if widget is not None:
            widget.setFocus()


def _create(session, *, refs: list[str], **kwargs) -> str:
    unit_ids = campaigns.units_by_reference(session, refs) if refs else []
    return campaigns.create_campaign(session, unit_ids=unit_ids, **kwargs).id


class CampaignTasksDialog(QDialog):
    """生成任务…: the campaign's tasks, per scope cell as many units as its target asks,
    drawn with a seed like the annual plan (``core.campaigns.generate_tasks``, as
    ``inspector campaign tasks`` does); each task gets two officers."""

    sig_done = Signal(int)  # tasks made

    def __init__(self, ctx: AppContext, campaign_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx, self.campaign_id = ctx, campaign_id
        with ctx.db.read() as s:
            campaign = campaigns.get_campaign(s, campaign_id)
            name, ends = campaign.name, campaign.ends_on
            in_scope = len(campaigns.scope_units(s, campaign))
        self.setWindowTitle(self.tr("Make the campaign's tasks"))
        self.setMinimumWidth(560)
        self.seed = QLineEdit()
        self.seed.setPlaceholderText(self.tr("e.g. the numbers of two dice throws"))
        self.due = QDateEdit()
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setDate(QDate(ends.year, ends.month, ends.day))
        self.message = MessageLabel()
        form = QFormLayout()
        form.addRow(QLabel(f"<b>{escape(name)}</b>"))
        explain = QLabel(self.tr("%1 registered units are in the scope; each scope cell gets "
                                 "the share of its units its target asks, drawn at random "
                                 "with two officers each.").replace("%1", str(in_scope)))  # fmt: skip
        explain.setWordWrap(True)
        form.addRow(explain)
        form.addRow(self.tr("Random seed"), self.seed)
        form.addRow(self.tr("Tasks due"), self.due)
        buttons, self.ok = dialog_buttons(self, self.tr("Make tasks"), self.tr("Cancel"),
                                          self.make)  # fmt: skip
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def make(self) -> None:
        self.message.clear_message()
        if not self.ctx.supervisor:
            self.message.show_error(self.tr("Only a supervisor (科室负责人) may do this."))
            return
        kwargs = dict(campaign_id=self.campaign_id, seed=self.seed.text(),
                      officer_id=self.ctx.officer_id or "", due_on=self.due.date().toPython())  # fmt: skip
        blobs = self.ctx.blobs
        self.ok.setEnabled(False)
        self.ctx.writer.submit(lambda s: campaigns.generate_tasks(s, blobs, **kwargs),
                               on_done=self._done, on_error=self._failed)  # fmt: skip

    def _done(self, n: int) -> None:
        self.sig_done.emit(n)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.ok.setEnabled(True)
        self.message.show_error(error_text(exc))
