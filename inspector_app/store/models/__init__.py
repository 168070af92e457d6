"""SQLAlchemy models, one family per module, re-exported here."""

from .base import Base, Synced, UTCDateTime, utcnow
from .directives import Directive, FollowUp, FollowUpFinding
from .forms import FormPublication
from .inspections import (
    Blob,
    Finding,
    FormVersion,
    Inspection,
    InspectionEquipment,
    ItemResult,
    Photo,
    Signature,
)
from .logs import AuditLog, ChangeLog
from .people import Device, LocalState, NumberSequence, Officer, Setting
from .planning import Campaign, Plan, Recusal, Task, UnitEvent
from .registry import Equipment, EquipmentInUse, MaintenanceUnit, Unit
from .supervision import (
    Attachment,
    BlacklistEntry,
    CaseEvent,
    CreditGrade,
    CreditState,
    Seizure,
    SupervisionCase,
)
from .sync import (
    AppliedBundle,
    OriginBatch,
    SyncConflict,
    SyncCursor,
    SyncEnrolment,
    SyncScopeChange,
    SyncTrust,
    SyncWithheld,
)

__all__ = [
    "AppliedBundle",
    "Attachment",
    "AuditLog",
    "Base",
    "BlacklistEntry",
    "Blob",
    "CaseEvent",
    "Campaign",
    "ChangeLog",
    "CreditGrade",
    "CreditState",
    "Device",
    "Directive",
    "Equipment",
    "EquipmentInUse",
    "Finding",
    "FollowUp",
    "FollowUpFinding",
    "FormPublication",
    "FormVersion",
    "Inspection",
    "InspectionEquipment",
    "ItemResult",
    "LocalState",
    "MaintenanceUnit",
    "NumberSequence",
    "Officer",
    "OriginBatch",
    "Photo",
    "Seizure",
    "Plan",
    "Recusal",
    "Setting",
    "Signature",
    "SupervisionCase",
    "SyncConflict",
    "SyncCursor",
    "SyncEnrolment",
    "SyncScopeChange",
    "SyncTrust",
    "SyncWithheld",
    "Synced",
    "Task",
    "UTCDateTime",
    "Unit",
    "UnitEvent",
    "utcnow",
]


def synced_models() -> list[type[Synced]]:
    """Every mapped class whose rows travel in bundles, in dependency order."""
    tables = {t.name: i for i, t in enumerate(Base.metadata.sorted_tables)}
    classes = [
        m.class_
        for m in Base.registry.mappers
        if issubclass(m.class_, Synced) and getattr(m.class_, "__sync__", True)
    ]
    return sorted(classes, key=lambda c: tables[c.__tablename__])
