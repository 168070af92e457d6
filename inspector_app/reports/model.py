"""View models the PDF engine renders.

The core layer fills these from the database; the reports package never sees
SQLAlchemy rows, so it can be tested (and benchmarked) with plain literals.
Everything is frozen: a printed document is a snapshot. Sequence fields accept
lists and are stored as tuples so a document is immutable once built.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from inspector_app.rules.enums import EquipmentKind, HazardClass

#: Legal basis for issuing a directive (特种设备安全法 Art 62: written directive).
#: DOMAIN.md marks Art 61–63 as [R], so the core layer may override it per document.
DEFAULT_ORDER_BASIS = "《中华人民共和国特种设备安全法》第六十二条"


def _freeze_sequences(obj: object, *names: str) -> None:
    for name in names:
        value = getattr(obj, name)
        if not isinstance(value, tuple):
            object.__setattr__(obj, name, tuple(value))


@dataclass(frozen=True)
class Officer:
    """A person who signs: officer, recorder. ``cert_no`` is the 执法证号."""

    name: str
    cert_no: str
    signature_png: bytes | None = None


@dataclass(frozen=True)
class Unit:
    """The inspected user unit (使用单位)."""

    name: str
    uscc: str  # 统一社会信用代码
    address: str
    contact_name: str
    contact_phone: str
    legal_representative: str = ""


@dataclass(frozen=True)
class EquipmentRef:
    name: str
    kind: EquipmentKind
    registration_code: str  # 注册代码 / 设备代码
    certificate_no: str  # 使用登记证编号
    location: str
    category_name: str = ""  # e.g. 曳引驱动乘客电梯


@dataclass(frozen=True)
class Photo:
    """Evidence photo, already downscaled (JPEG or PNG) by the photo pipeline."""

    image_bytes: bytes
    caption: str
    taken_at: datetime


@dataclass(frozen=True)
class Problem:
    """One finding as printed.

    ``equipment_codes`` names the equipment (registration codes) the finding is
    about; empty means it concerns the unit's management as a whole, so for a
    serious hazard every listed piece of equipment is ordered out of use.
    """

    seq: int
    item_id: str
    description: str
    hazard: HazardClass
    provision: str  # e.g. 《中华人民共和国特种设备安全法》第四十条
    measure: str
    photos: tuple[Photo, ...] = ()
    equipment_codes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _freeze_sequences(self, "photos", "equipment_codes")


@dataclass(frozen=True)
class FollowUp:
    """整改复查: filled in later; printed in its own box on the directive."""

    date: date
    result: str
    officer: Officer | None = None


def _check_officers(officers: tuple[Officer, ...]) -> None:
    # 特种设备安全监督检查办法 Art 19: at least two officers take part.
    if len(officers) < 2:
        raise ValueError("at least two officers (执法人员) must sign")


@dataclass(frozen=True)
class DirectiveDoc:
    """特种设备安全监察指令书 (DOMAIN.md §5)."""

    number: str  # e.g. 某市监特令〔2026〕第0001号
    authority_name: str  # e.g. 某某市市场监督管理局
    authority_short: str  # e.g. 某市市监局
    issued_on: date
    deadline: date
    unit: Unit
    equipment: tuple[EquipmentRef, ...]
    problems: tuple[Problem, ...]
    officers: tuple[Officer, ...]
    unit_signature_png: bytes | None = None
    unit_signer_name: str | None = None
    receipt_date: date | None = None
    refused_to_sign: bool = False
    refusal_note: str = ""  # who witnessed the refusal and how
    supersedes_number: str | None = None
    follow_up: FollowUp | None = None
    order_basis: str = DEFAULT_ORDER_BASIS

    def __post_init__(self) -> None:
        _freeze_sequences(self, "equipment", "problems", "officers")
        _check_officers(self.officers)

    @property
    def has_serious(self) -> bool:
        return any(p.hazard == HazardClass.SERIOUS for p in self.problems)


@dataclass(frozen=True)
class EquipmentCheck:
    """Per-equipment tally of checklist answers for the record."""

    equipment: EquipmentRef
    checked: int
    passed: int
    failed: int
    not_applicable: int


@dataclass(frozen=True)
class RecordDoc:
    """现场监督检查记录 (DOMAIN.md §5)."""

    record_no: str
    authority_name: str
    inspection_type: str  # '专项' or '全面'
    started_at: datetime
    ended_at: datetime
    unit: Unit
    accompanied_by_name: str
    accompanied_by_position: str
    equipment: tuple[EquipmentCheck, ...]
    problems: tuple[Problem, ...]
    measures_taken: str
    unit_opinion: str
    officers: tuple[Officer, ...]
    recorder: Officer
    place: str = ""  # 检查地点; the unit's address when empty
    scope: str = ""  # 检查内容: what was checked, in words
    unit_signature_png: bytes | None = None
    unit_signer_name: str | None = None
    signed_on: date | None = None
    refused_to_sign: bool = False
    refusal_note: str = ""
    include_photos: bool = False

    def __post_init__(self) -> None:
        if self.inspection_type not in ("专项", "全面"):
            raise ValueError("inspection_type must be '专项' or '全面'")
        _freeze_sequences(self, "equipment", "problems", "officers")
        _check_officers(self.officers)


__all__ = [
    "DEFAULT_ORDER_BASIS",
    "DirectiveDoc",
    "EquipmentCheck",
    "EquipmentRef",
    "FollowUp",
    "Officer",
    "Photo",
    "Problem",
    "RecordDoc",
    "Unit",
]
