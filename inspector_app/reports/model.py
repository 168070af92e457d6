"""View models the PDF engine renders.

The core layer fills these from the database; the reports package never sees
SQLAlchemy rows, so it can be tested (and benchmarked) with plain literals.
Everything is frozen: a printed document is a snapshot. Sequence fields accept
lists and are stored as tuples so a document is immutable once built.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from inspector_app.rules.enums import EquipmentKind, HazardClass

#: Legal basis for issuing a directive: 特种设备安全法 Art 62 (written directive) and
#: 总局令第57号 Art 23 (directive; serious hazards stop at once). A field, so the core
#: layer may override it per document.
DEFAULT_ORDER_BASIS = (
    "《中华人民共和国特种设备安全法》第六十二条和《特种设备安全监督检查办法》第二十三条"
)

#: 总局令第57号 Art 5.
INSPECTION_TYPES = ("常规", "专项", "证后", "其他")


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
    """One problem as printed: a fact, the duty it breaks, the measure ordered.

    ``equipment_codes`` names the equipment (registration codes) the problem was
    seen on; one problem seen on several machines lists them all. Empty means it
    concerns the unit as a whole, so for a serious hazard every listed piece of
    equipment is ordered out of use. ``scope`` 'unit' marks a management problem:
    printed under the unit, without an equipment line (its codes still say which
    machines stop if it is serious).
    """

    seq: int
    item_id: str
    description: str  # the fact as observed
    hazard: HazardClass
    provision: str  # the duty violated, e.g. 《中华人民共和国特种设备安全法》第四十条第三款
    measure: str
    photos: tuple[Photo, ...] = ()
    equipment_codes: tuple[str, ...] = ()
    judged_by: str = ""  # printed as 依据…，判定为重大事故隐患 (serious only)
    penalty: str = ""  # printed only in the consequence sentence
    reinspection: bool = False  # use again only after an inspection body passes it
    scope: str = "equipment"  # equipment | unit

    def __post_init__(self) -> None:
        _freeze_sequences(self, "photos", "equipment_codes")
        if self.scope not in ("equipment", "unit"):
            raise ValueError("scope must be 'equipment' or 'unit'")


@dataclass(frozen=True)
class FollowUp:
    """整改复查: filled in later; printed in its own box on the directive."""

    date: date
    result: str
    officer: Officer | None = None


def print_order(problems: tuple[Problem, ...]) -> tuple[Problem, ...]:
    """Problems as printed and numbered: the unit's management problems first, then the
    equipment's; serious before general within each; otherwise in the order given.

    Numbers follow that order, so the stop-use box, the measures and the photo
    captions all refer to the numbers the reader sees.
    """
    ranked = sorted(
        enumerate(problems),
        key=lambda ip: (ip[1].scope != "unit", ip[1].hazard != HazardClass.SERIOUS, ip[0]),
    )
    out = []
    for seq, (_, p) in enumerate(ranked, start=1):
        out.append(p if p.seq == seq else replace(p, seq=seq))
    return tuple(out)


def _check_officers(officers: tuple[Officer, ...]) -> None:
    # 特种设备安全监督检查办法 Art 19: at least two officers take part.
    if len(officers) < 2:
        raise ValueError("at least two officers (执法人员) must sign")


@dataclass(frozen=True)
class DirectiveDoc:
    """特种设备安全监察指令书 (DOMAIN.md §5)."""

    number: str  # e.g. 某市监特令〔2026〕第010001号
    authority_name: str  # e.g. 某某市市场监督管理局
    authority_short: str  # running-header label, e.g. 某某市市场监督管理局
    issued_on: date
    deadline: date
    unit: Unit  # the addressee: the user unit, or the maintenance unit
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
    #: 行政复议 goes to this body (the city's people's government, 行政复议法 2023).
    review_body: str = ""
    #: 行政诉讼 goes to this court.
    court: str = ""
    #: "maintenance": the directive goes to the maintenance unit of equipment of
    #: ``inspected_unit_name`` (安全法 Art 45, TSG T5002).
    addressee: str = "user"
    inspected_unit_name: str = ""

    def __post_init__(self) -> None:
        _freeze_sequences(self, "equipment", "problems", "officers")
        object.__setattr__(self, "problems", print_order(self.problems))
        _check_officers(self.officers)
        if not self.review_body.strip() or not self.court.strip():
            raise ValueError("a directive names the review body and the court (remedies)")
        if self.addressee not in ("user", "maintenance"):
            raise ValueError("addressee must be 'user' or 'maintenance'")

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
    inspection_type: str  # 常规 | 专项 | 证后 | 其他 (总局令第57号 Art 5)
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
    scope: str = ""  # 检查内容: the sections actually checked, in words
    task_source: str = ""  # 任务来源: the plan, the campaign, the complaint …
    legal_basis: str = "《中华人民共和国特种设备安全法》《特种设备安全监督检查办法》"
    unit_signature_png: bytes | None = None
    unit_signer_name: str | None = None
    signed_on: date | None = None
    refused_to_sign: bool = False
    refusal_note: str = ""
    include_photos: bool = False

    def __post_init__(self) -> None:
        if self.inspection_type not in INSPECTION_TYPES:
            raise ValueError(f"inspection_type must be one of {'/'.join(INSPECTION_TYPES)}")
        _freeze_sequences(self, "equipment", "problems", "officers")
        object.__setattr__(self, "problems", print_order(self.problems))
        _check_officers(self.officers)


__all__ = [
    "DEFAULT_ORDER_BASIS",
    "INSPECTION_TYPES",
    "DirectiveDoc",
    "EquipmentCheck",
    "EquipmentRef",
    "FollowUp",
    "Officer",
    "Photo",
    "Problem",
    "RecordDoc",
    "print_order",
    "Unit",
]
