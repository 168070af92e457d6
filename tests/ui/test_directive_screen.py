"""Issuing a directive after sign-off: preview with QtPdf, print two copies, save, refusals."""

from __future__ import annotations

from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication
from sqlalchemy import select

from inspector_app.core.directives import directive_pdf
from inspector_app.store.models import AuditLog, Directive, ItemResult
from inspector_app.ui.directive.amend import AmendDialog
from inspector_app.ui.directive.screen import DIRECTIVE, RECORD, DirectiveScreen
from inspector_app.ui.signoff.screen import SignoffScreen

from .builders import concluded_inspection


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_issue_preview_save_and_print_two_copies(window, ctx, qtbot, tmp_path):
    iid = concluded_inspection(ctx, fail=2)
    window.open_signoff(iid)  # the locked sign-off view leads to the documents
    signoff = window.screen
    assert isinstance(signoff, SignoffScreen) and signoff.documents.isVisible()
    _click(qtbot, signoff.documents)
    screen = window.screen
    assert isinstance(screen, DirectiveScreen)
    assert screen.kind == RECORD  # nothing issued yet: the on-site record is shown
    assert screen.preview.document.status() == QPdfDocument.Status.Ready
    _click(qtbot, screen.issue)
    # A permanent number: shown first, nothing taken until confirmed.
    confirmation = screen.confirmation
    assert confirmation is not None and confirmation.isVisible()
    shown = confirmation.number
    assert shown in confirmation.text() and shown in confirmation.issue.text()
    with ctx.db.read() as s:
        assert s.scalars(select(Directive).where(Directive.inspection_id == iid)).all() == []
    _click(qtbot, confirmation.cancel)
    assert not confirmation.isVisible()
    with ctx.db.read() as s:
        assert s.scalars(select(Directive).where(Directive.inspection_id == iid)).all() == []
    _click(qtbot, screen.issue)
    assert screen.confirmation.number == shown  # cancelling used no number
    _click(qtbot, screen.confirmation.issue)

    with ctx.db.read() as s:
        directive = s.scalars(select(Directive).where(Directive.inspection_id == iid)).one()
        stored = directive_pdf(s, ctx.blobs, directive_id=directive.id)
    assert directive.number == shown
    assert screen.number.text() == directive.number
    assert directive.number in screen.message.text()
    assert screen.kind == DIRECTIVE and not screen.issue.isVisible()
    doc = screen.preview.document
    assert doc.status() == QPdfDocument.Status.Ready and doc.pageCount() >= 1

    saved = screen.save_document(str(tmp_path / "指令书"))
    assert saved.endswith(".pdf")
    assert (tmp_path / "指令书.pdf").read_bytes() == stored

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    out = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(out))
    sheets = screen.print_document(printer)
    assert printer.copyCount() == 2
    assert out.exists() and out.stat().st_size > 1000
    assert len(PdfReader(out).pages) == sheets == 2 * doc.pageCount()  # 一式两份

    _click(qtbot, screen.doc_buttons[RECORD])  # the on-site record likewise
    assert screen.kind == RECORD and screen.preview.document.pageCount() >= 1
    assert screen.save_document(str(tmp_path / "record.pdf"))
    assert (tmp_path / "record.pdf").read_bytes()[:5] == b"%PDF-"


def test_refusal_is_shown_in_chinese_for_an_inspection_without_findings(window, ctx, qtbot):
    iid = concluded_inspection(ctx, fail=0)
    window.home.refresh()
    view = window.home.table("concluded")
    model = view.model()
    row = next(r for r in range(model.rowCount())
               if model.sourceModel().row_object(r).id == iid)
    window.home.tabs.setCurrentWidget(view)
    view.setCurrentIndex(model.index(row, 0))
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Return)
    screen = window.screen
    assert isinstance(screen, DirectiveScreen) and screen.inspection_id == iid
    _click(qtbot, screen.issue)
    assert screen.confirmation is None  # refused at once: no number offered
    assert screen.message.isVisible()
    assert screen.message.text() == "本次检查未发现问题，无需出具指令书"
    with ctx.db.read() as s:
        assert s.scalars(select(Directive).where(Directive.inspection_id == iid)).all() == []


def test_amend_an_answer_of_a_locked_inspection(window, ctx, qtbot):
    iid = concluded_inspection(ctx, fail=1)
    window.open_documents(iid)
    screen = window.screen
    answers = screen.answers
    target = next(r for r in answers.item_rows() if answers.state(r).outcome == "pass"
                  and answers.state(r).item.measurement is None)
    screen.answer_view.setCurrentIndex(answers.index(target))
    seen: list[str] = []

    def fill_dialog():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, AmendDialog)
        dialog.outcomes["fail"].setChecked(True)
        _click(qtbot, dialog.ok)  # no reason yet: refused in the dialog
        seen.append(dialog.message.text())
        dialog.reason.setPlainText("复核照片后确认门锁啮合不足")
        _click(qtbot, dialog.ok)

    QTimer.singleShot(0, fill_dialog)
    _click(qtbot, screen.amend)
    assert seen == ["须填写理由。"] or seen == ["A reason is required."]
    assert answers.state(target).outcome == "fail"
    assert "补正" in screen.message.text() or "amended" in screen.message.text()
    with ctx.db.read() as s:
        result = s.get(ItemResult, answers.state(target).result_id)
        assert result.outcome == "fail"
        audit = s.scalars(select(AuditLog).where(AuditLog.action == "amendment")).all()
        assert [a.reason for a in audit] == ["复核照片后确认门锁啮合不足"]
    screen.amend_current({"reason": " ", "outcome": "pass"})  # the core refuses too
    assert screen.message.text() == "补正须填写理由"


def test_another_inspector_cannot_issue_the_directive(window, ctx, qtbot):
    """An inspection received from another team's laptop: its documents are shown, but
    出具指令书 is disabled and says why (the core refuses it too)."""
    from inspector_app.core import officers
    from inspector_app.rules.enums import OfficerRole

    iid = concluded_inspection(ctx, fail=1)
    with ctx.db.write() as s:
        other = officers.add_officer(s, name="陈明", cert_no="35060003",
                                     role=OfficerRole.INSPECTOR, password="x" * 12).id  # fmt: skip
    ctx.officer_id = other  # logged in on this laptop as someone outside the team
    window.open_documents(iid)
    screen = window.screen
    assert isinstance(screen, DirectiveScreen) and screen.inspection_id == iid
    assert screen.issue.isVisible() and not screen.issue.isEnabled()
    assert "两名执法人员" in screen.issue.toolTip() or "two officers" in screen.issue.toolTip()
    _click(qtbot, screen.issue)
    assert screen.confirmation is None
    with ctx.db.read() as s:
        assert s.scalars(select(Directive).where(Directive.inspection_id == iid)).all() == []
