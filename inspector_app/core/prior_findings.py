"""What earlier inspections found on the equipment being inspected now.

An inspector standing at an elevator wants to know that the last visit found
its door lock short-circuited and ordered it out of use, and whether that was
ever put right: that is the first thing to look at again. Read-only, no Qt.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from inspector_app.rules.enums import FindingStatus, HazardClass, InspectionStatus
from inspector_app.store.models import Directive, Finding, Inspection, InspectionEquipment


@dataclass(frozen=True)
class PriorFinding:
    inspection_id: str
    inspected_at: dt.datetime  # when that inspection started
    item_id: str
    hazard: str
    description: str
    deadline: dt.date
    status: str
    directive_number: str

    @property
    def stop_use(self) -> bool:
        """A serious hazard: the unit was ordered to stop using the equipment."""
        return self.hazard == HazardClass.SERIOUS.value

    @property
    def still_open(self) -> bool:
        return self.status != FindingStatus.CLOSED.value


def prior_findings(
    session: Session, inspection_id: str
) -> dict[tuple[str, str], list[PriorFinding]]:
    """(inspection_equipment id, item id) of this inspection -> earlier findings on it.

    Per piece of equipment: every finding of its last concluded inspection, and
    the findings of older inspections that are still not closed. Newest first.
    """
    current, earlier = aliased(InspectionEquipment), aliased(InspectionEquipment)
    rows = session.execute(
        select(
            current.id,
            earlier.equipment_id,
            Inspection.id,
            Inspection.started_at,
            Finding.item_id,
            Finding.hazard,
            Finding.description,
            Finding.deadline,
            Finding.status,
            Directive.number,
        )
        .join(earlier, earlier.equipment_id == current.equipment_id)
        .join(Inspection, Inspection.id == earlier.inspection_id)
        .join(Finding, Finding.inspection_equipment_id == earlier.id)
        .outerjoin(Directive, Directive.id == Finding.directive_id)
        .where(
            current.inspection_id == inspection_id,
            current.deleted.is_(False),
            earlier.inspection_id != inspection_id,
            earlier.deleted.is_(False),
            Inspection.deleted.is_(False),
            Inspection.status == InspectionStatus.CONCLUDED,
            Finding.deleted.is_(False),
        )
        .order_by(Inspection.started_at.desc(), Finding.item_id)
    ).all()
    last_of: dict[str, str] = {}  # equipment id -> its last concluded inspection
    for _ie, equipment_id, iid, *_rest in rows:
        last_of.setdefault(equipment_id, iid)
    found: dict[tuple[str, str], list[PriorFinding]] = defaultdict(list)
    for ie_id, equipment_id, iid, started, item_id, hazard, text, deadline, status, number in rows:
        finding = PriorFinding(
            inspection_id=iid,
            inspected_at=started,
            item_id=item_id,
            hazard=str(hazard),
            description=text,
            deadline=deadline,
            status=str(status),
            directive_number=number or "",
        )
        if iid == last_of[equipment_id] or finding.still_open:
            found[(ie_id, item_id)].append(finding)
    return dict(found)
