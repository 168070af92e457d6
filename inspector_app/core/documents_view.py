"""What the documents screen shows of a concluded inspection: its directives and findings.

Reads only, no Qt: the recently concluded inspections for the home screen and,
for one inspection, whether a directive can be issued and which ones exist.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import InspectionStatus
from inspector_app.store.home_rows import ConcludedInspection
from inspector_app.store.models import Directive, Finding, Inspection, Unit


@dataclass(frozen=True)
class DirectiveRow:
    id: str
    number: str
    status: str  # issued | superseded | closed
    issued_at: dt.datetime
    deadline: dt.date


@dataclass(frozen=True)
class InspectionDocuments:
    inspection_id: str
    unit_id: str
    unit_name: str
    status: str
    conclusion: str | None
    findings: int
    has_second_officer: bool
    directives: tuple[DirectiveRow, ...]
    #: Addressees still waiting for a directive (the user unit, maintenance units).
    pending: tuple[str, ...] = ()
    record_number: str = ""
    #: Whether the officer asking may issue or correct its directives (its two officers or
    #: a supervisor); None when nobody was named.
    may_issue: bool | None = None

    @property
    def concluded(self) -> bool:
        return self.status == InspectionStatus.CONCLUDED.value

    @property
    def current(self) -> DirectiveRow | None:
        """The directive in force: the newest that is not superseded."""
        live = [d for d in self.directives if d.status != "superseded"]
        return live[-1] if live else None

    @property
    def in_force(self) -> tuple[DirectiveRow, ...]:
        """Every directive not superseded (one per addressee)."""
        return tuple(d for d in self.directives if d.status != "superseded")


def _finding_count():
    return (
        select(func.count(Finding.id))
        .where(Finding.inspection_id == Inspection.id, Finding.deleted.is_(False))
        .scalar_subquery()
    )


def _directive_number():
    return (
        select(Directive.number)
        .where(Directive.inspection_id == Inspection.id, Directive.status != "superseded")
        .order_by(Directive.issued_at.desc())
        .limit(1)
        .scalar_subquery()
    )


def _concluded():
    return (Inspection.deleted.is_(False), Inspection.status == InspectionStatus.CONCLUDED)


def concluded_inspections(
    session: Session, *, limit: int = 50, offset: int = 0
) -> list[ConcludedInspection]:
    """Concluded inspections, newest first, with their finding count and directive number."""
    stmt = (
        select(
            Inspection.id,
            Unit.id,
            Unit.name,
            Inspection.concluded_at,
            Inspection.conclusion,
            _finding_count(),
            _directive_number(),
        )
        .join(Unit, Unit.id == Inspection.unit_id)
        .where(*_concluded())
        .order_by(Inspection.concluded_at.desc(), Inspection.id)
        .limit(limit)
        .offset(offset)
    )
    return [
        ConcludedInspection(i, u, name, at, str(c) if c else None, n or 0, number or "")
        for i, u, name, at, c, n, number in session.execute(stmt)
    ]


def count_concluded_inspections(session: Session) -> int:
    stmt = select(func.count()).select_from(Inspection).where(*_concluded())
    return session.scalar(stmt) or 0


def inspection_documents(
    session: Session, inspection_id: str, *, officer_id: str | None = None
) -> InspectionDocuments:
    inspection = session.get(Inspection, inspection_id)
    if inspection is None:
        raise LookupError(f"inspection {inspection_id} not found")
    unit = session.get(Unit, inspection.unit_id)
    findings = session.scalar(
        select(func.count(Finding.id)).where(
            Finding.inspection_id == inspection_id, Finding.deleted.is_(False)
        )
    )
    directives = session.execute(
        select(Directive.id, Directive.number, Directive.status, Directive.issued_at,
               Directive.deadline)
        .where(Directive.inspection_id == inspection_id)
        .order_by(Directive.issued_at, Directive.number)
    ).all()
    return InspectionDocuments(
        inspection_id=inspection.id,
        unit_id=inspection.unit_id,
        unit_name=unit.name if unit else "",
        status=str(inspection.status),
        conclusion=str(inspection.conclusion) if inspection.conclusion else None,
        findings=findings or 0,
        has_second_officer=inspection.second_officer_id is not None,
        directives=tuple(DirectiveRow(*row) for row in directives),
        pending=_pending(session, inspection),
        record_number=inspection.record_number or "",
        may_issue=None if officer_id is None else _may_issue(session, inspection, officer_id),
    )


def _may_issue(session: Session, inspection: Inspection, officer_id: str) -> bool:
    from .directives import may_issue

    return may_issue(session, inspection, officer_id)


def _pending(session: Session, inspection: Inspection) -> tuple[str, ...]:
    if inspection.status != InspectionStatus.CONCLUDED.value:
        return ()
    from .directives import pending_addressees

    return tuple(a.name for a in pending_addressees(session, inspection.id))
