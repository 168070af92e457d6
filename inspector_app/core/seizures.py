"""查封、扣押 of equipment (总局令第57号 Art 26) and lifting it: recorded, audited, synced.

Sealing marks the equipment ``sealed`` in the registry; lifting the last seal puts
it back in use. The board counts seals not yet lifted; statistics count seals by
the day they were made.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import EquipmentStatus
from inspector_app.store.models import AuditLog, Equipment, Seizure

from .errors import NotFound, UserError

KINDS = {"seal": "查封", "seize": "扣押"}


def record_seizure(
    session: Session, *, equipment_id: str, kind: str, on: dt.date, officer_id: str,
    document_no: str = "", reason: str = "", inspection_id: str | None = None,
) -> Seizure:  # fmt: skip
    if kind not in KINDS:
        raise UserError(f"kind must be one of {', '.join(KINDS)}", message_zh="应为查封或扣押")
    equipment = session.get(Equipment, equipment_id)
    if equipment is None or equipment.deleted:
        raise NotFound(f"equipment {equipment_id} not found", message_zh="未找到该设备")
    if not reason.strip():
        raise UserError("a seizure needs its reason", message_zh="请填写查封、扣押的理由",
                        field="reason")  # fmt: skip
    seizure = Seizure(equipment_id=equipment_id, inspection_id=inspection_id, kind=kind, on=on,
                      document_no=document_no.strip(), reason=reason.strip(),
                      officer_id=officer_id)  # fmt: skip
    session.add(seizure)
    equipment.status = EquipmentStatus.SEALED
    session.flush()
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="equipment_seized",
            entity="equipment",
            entity_id=equipment_id,
            reason=reason.strip(),
            details={
                "seizure": seizure.id,
                "kind": kind,
                "on": on.isoformat(),
                "document_no": document_no.strip(),
            },
        )  # fmt: skip
    )
    session.flush()
    return seizure


def lift_seizure(
    session: Session, *, seizure_id: str, on: dt.date, officer_id: str, note: str
) -> Seizure:
    seizure = session.get(Seizure, seizure_id)
    if seizure is None or seizure.deleted:
        raise NotFound(f"seizure {seizure_id} not found", message_zh="未找到该查封、扣押记录")
    if seizure.lifted_on is not None:
        raise UserError("already lifted", message_zh="已解除")
    if on < seizure.on:
        raise UserError(
            "cannot be lifted before it was made", message_zh="解除日期不能早于查封日期"
        )
    if not note.strip():
        raise UserError("say why it is lifted", message_zh="请填写解除的理由", field="note")
    seizure.lifted_on, seizure.lift_note = on, note.strip()
    session.flush()
    still = session.scalar(
        select(Seizure.id).where(Seizure.equipment_id == seizure.equipment_id,
                                 Seizure.lifted_on.is_(None), Seizure.deleted.is_(False))
    )  # fmt: skip
    if still is None:
        session.get(Equipment, seizure.equipment_id).status = EquipmentStatus.IN_USE
    session.add(
        AuditLog(
            officer_id=officer_id,
            action="seizure_lifted",
            entity="equipment",
            entity_id=seizure.equipment_id,
            reason=note.strip(),
            details={"seizure": seizure.id, "on": on.isoformat()},
        )  # fmt: skip
    )
    session.flush()
    return seizure
