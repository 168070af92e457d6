"""Sign-off: everything missing listed at once, drawn pads count, review before the unit signs,
a warning when most items are not applicable (issue 9, points 4, 5 and 13)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import select

from inspector_app.core import inspections as core
from inspector_app.core.inspection_view import load_rows
from inspector_app.core.photos import add_photo
from inspector_app.rules.enums import HazardClass, InspectionStatus, Outcome
from inspector_app.store.models import Equipment, Inspection, Officer, Signature
from inspector_app.ui.checklist.screen import ChecklistScreen
from inspector_app.ui.signoff.screen import SignoffScreen

from .builders import png_bytes
from .helpers import draw_signature


def _inspection(
    ctx, *, fail_serious=False, fail_general=False, photos=True, na_most=False, leave_unanswered=0
) -> str:
    """An inspection of one elevator with both officers, answered as asked, not signed."""
    with ctx.db.read() as s:
        eq = s.scalars(
            select(Equipment).where(Equipment.kind == "elevator").order_by(Equipment.id)
        ).first()
        second = s.scalars(select(Officer).where(Officer.cert_no == "35060002")).one().id
    with ctx.db.write() as s:
        iid = core.start_inspection(
            s,
            unit_id=eq.unit_id,
            equipment_ids=[eq.id],
            lead_officer_id=ctx.officer_id,
            second_officer_id=second,
            representative_name="林志强",
        ).id
    with ctx.db.write() as s:
        rows = load_rows(s, iid)
        plain = [r for r in rows if r.item.measurement is None]
        serious = next(r for r in plain if r.item.hazard == HazardClass.SERIOUS.value)
        general = next(
            r for r in plain if r.item.hazard == HazardClass.GENERAL.value and r.item.photo_required
        )
        failing = {
            r.item.id
            for r in ([serious] if fail_serious else []) + ([general] if fail_general else [])
        }
        todo = rows[: len(rows) - leave_unanswered]
        for n, r in enumerate(todo):
            kwargs = dict(
                inspection_equipment_id=r.ie_id, item_id=r.item.id, officer_id=ctx.officer_id
            )
            if r.item.id in failing:
                answer = core.record_answer(s, outcome=Outcome.FAIL, **kwargs)
                if photos:
                    add_photo(
                        s,
                        ctx.blobs,
                        inspection_id=iid,
                        data=png_bytes(),
                        finding_id=answer.finding_id,
                        item_result_id=answer.id,
                    )
            elif na_most and n % 4:
                core.record_answer(s, outcome=Outcome.NOT_APPLICABLE, **kwargs)
            else:
                core.record_answer(s, outcome=Outcome.PASS, **kwargs)
    return iid


def _signoff(window, iid) -> SignoffScreen:
    window.open_signoff(iid)
    screen = window.screen
    assert isinstance(screen, SignoffScreen)
    return screen


def _click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _status(ctx, iid) -> str:
    with ctx.db.read() as s:
        return s.get(Inspection, iid).status


def test_drawn_but_unsaved_signatures_count_and_the_unit_signs_after_the_findings(
    window, ctx, qtbot
):
    iid = _inspection(ctx, fail_serious=True, fail_general=True)
    screen = _signoff(window, iid)
    for role in ("lead_officer", "second_officer"):
        draw_signature(screen.boxes[role].pad)  # drawn, Save never pressed
    rep = screen.boxes["representative"]
    assert rep.pad.isHidden()  # no pad on the main page: the findings come first
    _click(qtbot, rep.save)
    review = screen.review
    assert review is not None and review.isVisible()
    texts = [review.list.item(i).text() for i in range(review.list.count())]
    assert len(texts) == 2
    assert texts[0].startswith("【重大事故隐患】") and texts[1].startswith("【一般隐患】")
    _click(qtbot, review.sign)  # nothing drawn yet
    assert review.isVisible() and review.message.text()
    draw_signature(review.pad)
    _click(qtbot, review.sign)
    assert not review.isVisible()
    assert rep.state.text() and "林志强" in rep.state.text()

    _click(qtbot, screen.conclude)
    assert _status(ctx, iid) == InspectionStatus.CONCLUDED, screen.message.text()
    with ctx.db.read() as s:
        roles = set(s.scalars(select(Signature.role).where(Signature.inspection_id == iid)))
    assert roles == {"lead_officer", "second_officer", "representative"}


def test_conclude_lists_every_missing_photo_answer_and_signature(window, ctx, qtbot):
    iid = _inspection(ctx, fail_serious=True, photos=False, leave_unanswered=2)
    screen = _signoff(window, iid)
    _click(qtbot, screen.conclude)
    text = screen.message.text()
    assert screen.message.isVisible() and _status(ctx, iid) == InspectionStatus.IN_PROGRESS
    lines = text.splitlines()
    assert len(lines) == 1 + 2 + 1 + 3, text  # heading, 2 answers, 1 photo, 3 signatures
    assert sum("未填写" in line for line in lines) == 2
    assert sum("须拍照" in line for line in lines) == 1
    assert "主检执法人员尚未签名" in text and "被检查单位负责人须签名" in text


def test_checklist_marks_failed_items_missing_their_photo(window, ctx, qtbot):
    iid = _inspection(ctx, fail_serious=True, photos=False)
    window.open_checklist(iid)
    screen = window.screen
    assert isinstance(screen, ChecklistScreen)
    model = screen.model
    missing = [r for r in model.item_rows() if model.state(r).needs_photo]
    assert len(missing) == 1
    flag = model.tr("needs a photo")
    assert flag in model.index(missing[0]).data()
    others = [r for r in model.item_rows() if r not in missing]
    assert all(flag not in model.index(r).data() for r in others)


def test_most_items_not_applicable_asks_before_concluding(window, ctx, qtbot):
    iid = _inspection(ctx, na_most=True)
    screen = _signoff(window, iid)
    for role in ("lead_officer", "second_officer"):
        draw_signature(screen.boxes[role].pad)
    screen.refusal_note.insert("不在现场")
    _click(qtbot, screen.refuse)
    _click(qtbot, screen.conclude)
    warning = screen.na_warning
    assert isinstance(warning, QMessageBox) and warning.isVisible()
    assert "不适用" in warning.text() or "not applicable" in warning.text()
    assert _status(ctx, iid) == InspectionStatus.IN_PROGRESS
    back = next(
        b for b in warning.buttons() if warning.buttonRole(b) == QMessageBox.ButtonRole.RejectRole
    )
    with qtbot.waitSignal(screen.sig_checklist, timeout=2000):
        _click(qtbot, back)
    assert _status(ctx, iid) == InspectionStatus.IN_PROGRESS

    screen = _signoff(window, iid)
    for role in ("lead_officer", "second_officer"):
        draw_signature(screen.boxes[role].pad)
    _click(qtbot, screen.conclude)
    warning = screen.na_warning
    _click(
        qtbot,
        next(
            b
            for b in warning.buttons()
            if warning.buttonRole(b) == QMessageBox.ButtonRole.AcceptRole
        ),
    )
    assert _status(ctx, iid) == InspectionStatus.CONCLUDED, screen.message.text()
