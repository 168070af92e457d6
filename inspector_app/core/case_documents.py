"""The escalation documents of a 挂牌督办 case, built from the database.

``escalation_doc`` fills the view model of reports/escalation.py: the report to
the next level (57号令 Art 30), the written report to the local government
(Art 31) and the 移送公安机关 record. Whom they go to are office settings
(``superior_authority``, ``local_government``, ``police_authority``); what they
cite is office data (policy/cases.yaml ``documents``).
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from inspector_app.policy import load_case_rules
from inspector_app.reports.escalation import CaseHazard, EscalationDoc, render_escalation
from inspector_app.rules.enums import FINDING_STATUS_ZH, HAZARD_CLASS_ZH
from inspector_app.rules.zh import zh_date
from inspector_app.store.models import Directive

from . import clock
from .cases import case_view
from .directives import _unit_view
from .errors import UserError
from .settings import get_setting

ADDRESSEE_SETTING = {
    "report": ("superior_authority", "上一级市场监督管理部门", "福建省市场监督管理局"),
    "notice": ("local_government", "当地人民政府", "漳州市人民政府"),
    "police": ("police_authority", "公安机关", "漳州市公安局"),
}


def escalation_doc(
    session: Session, *, case_id: str, kind: str, dated: dt.date, offence: str = "",
    facts: str = "",
) -> EscalationDoc:  # fmt: skip
    if kind not in ADDRESSEE_SETTING:
        raise UserError(f"unknown document {kind!r} (report, notice or police)")
    key, zh, example = ADDRESSEE_SETTING[kind]
    addressee = get_setting(session, key)
    if not addressee:
        raise UserError(
            f"set {key} first (inspector config set {key} {example})",
            message_zh=f"尚未设置{zh}（设置 {key}，如 {example}）",
        )
    rules = load_case_rules()
    texts = rules.documents
    view = case_view(session, case_id, case_rules=rules)
    case = view.case
    if kind == "police":
        referral = next((e for e in reversed(view.events) if e.kind == "police_referral"), None)
        offence = offence or (referral.details.get("offence", "") if referral else "")
        facts = facts or (referral.note if referral else "")
        if not offence or not facts:
            raise UserError(
                "record the referral (the suspected offence and the facts) first",
                message_zh="请先登记移送公安机关（涉嫌罪名和涉嫌犯罪的事实）",
            )
    directive = session.get(Directive, case.directive_id) if case.directive_id else None
    zone = clock.office_zone(session)
    actions = []
    for e in view.events:
        if e.kind in ("listed", "five_set"):
            continue
        sentence = f"{zh_date(e.on)}，{e.label}"
        if e.note:
            sentence += f"：{e.note}"
        actions.append(sentence.rstrip("。") + "。")
    return EscalationDoc(
        kind=kind,
        case_number=case.number or "",
        authority_name=get_setting(session, "authority_name"),
        addressee=addressee,
        dated=dated,
        unit=_unit_view(view.unit),
        district=view.unit.district,
        hazards=tuple(
            CaseHazard(
                equipment, HAZARD_CLASS_ZH.get(h, h), text, deadline, FINDING_STATUS_ZH.get(st, st)
            )  # fmt: skip
            for h, equipment, text, deadline, st in view.findings
        ),
        directive_number=directive.number if directive else "",
        directive_issued_on=clock.local_date(directive.issued_at, zone) if directive else None,
        directive_deadline=directive.deadline if directive else None,
        listed_on=case.listed_on,
        deadline=case.deadline,
        leader=case.leader,
        measures=case.measures,
        funds=case.funds,
        responsible=case.responsible,
        emergency_plan=case.emergency_plan,
        actions=tuple(actions),
        basis={
            "report": texts.report_basis,
            "notice": texts.notice_basis,
            "police": texts.police_basis,
        }[kind],  # fmt: skip
        copy_to=texts.notice_copy_to if kind == "notice" else (),
        offence=offence,
        facts=facts,
        attachments=texts.police_attachments if kind == "police" else (),
    )


def escalation_pdf(session: Session, **kwargs) -> bytes:
    return render_escalation(escalation_doc(session, **kwargs))
