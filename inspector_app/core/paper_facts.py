"""What to compare on the paper when a scanned QR code says a directive is genuine.

A QR code proves the number and the content digest, but a forger could print a
genuine code on a different paper. So ``inspector verify --payload`` also prints
the facts the database holds for that directive, for the officer to read against
the paper: the unit, the date of issue, how many findings and whether any is serious.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import HazardClass
from inspector_app.store.models import Directive, Finding, Inspection, Unit


@dataclass(frozen=True)
class PaperFacts:
    number: str
    unit: str
    issued_on: str  # YYYY-MM-DD, UTC date of issue
    findings: int
    serious: bool
    deadline: str

    def lines(self) -> list[str]:
        return [
            f"  被检查单位 unit:      {self.unit}",
            f"  签发日期 issued on:   {self.issued_on}",
            f"  隐患数 findings:      {self.findings}",
            f"  重大隐患 serious:     {'有 yes' if self.serious else '无 no'}",
            f"  整改期限 deadline:    {self.deadline}",
        ]


def paper_facts(session: Session, number: str) -> PaperFacts | None:
    directive = session.scalar(select(Directive).where(Directive.number == number))
    if directive is None:
        return None
    unit = session.scalar(
        select(Unit.name)
        .join(Inspection, Inspection.unit_id == Unit.id)
        .where(Inspection.id == directive.inspection_id)
    )
    hazards = list(
        session.scalars(
            select(Finding.hazard).where(
                Finding.directive_id == directive.id, Finding.deleted.is_(False)
            )
        )
    )
    return PaperFacts(
        number=number,
        unit=unit or "",
        issued_on=f"{directive.issued_at:%Y-%m-%d}",
        findings=len(hazards),
        serious=any(h == HazardClass.SERIOUS for h in hazards),
        deadline=f"{directive.deadline:%Y-%m-%d}",
    )
