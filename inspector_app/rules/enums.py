"""Domain vocabularies shared by every layer.

Values are stable English tokens: they are stored in the database, written in
forms/ and carried in sync bundles, so never rename one without a migration.
"""

from __future__ import annotations

from enum import StrEnum


class EquipmentKind(StrEnum):
    ELEVATOR = "elevator"
    ESCALATOR = "escalator"
    BOILER = "boiler"
    ROPEWAY = "ropeway"
    AMUSEMENT_RIDE = "amusement_ride"


class VenueType(StrEnum):
    SCHOOL = "school"
    KINDERGARTEN = "kindergarten"
    HOSPITAL = "hospital"
    STATION = "station"
    MALL = "mall"
    SCENIC_SITE = "scenic_site"
    AMUSEMENT_PARK = "amusement_park"
    RESIDENTIAL = "residential"


class EquipmentStatus(StrEnum):
    IN_USE = "in_use"
    SUSPENDED = "suspended"
    SEALED = "sealed"
    SCRAPPED = "scrapped"


class OfficerRole(StrEnum):
    INSPECTOR = "inspector"
    SUPERVISOR = "supervisor"


class HazardClass(StrEnum):
    """GB 45067-2024 重大事故隐患 vs 一般隐患."""

    SERIOUS = "serious"
    GENERAL = "general"


class Outcome(StrEnum):
    """One checklist answer."""

    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "na"


class Conclusion(StrEnum):
    """What an inspection concludes for the unit."""

    STOP_USE = "stop_use"  # any serious hazard: 立即停止使用
    RECTIFY = "rectify"  # general hazards only: 限期整改
    PASS = "pass"  # no hazard found


class InspectionType(StrEnum):
    """The four kinds of supervisory inspection of 总局令第57号 Art 5."""

    ROUTINE = "routine"  # 常规: annual plan, 双随机
    SPECIAL = "special"  # 专项: a campaign (holidays, major events …)
    POST_LICENCE = "post_licence"  # 证后: after a licence is granted
    OTHER = "other"  # 其他: complaints, referrals, leads from inspection bodies


class InspectionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    CONCLUDED = "concluded"  # signed and locked; corrections only as amendments
    CANCELLED = "cancelled"


class FindingStatus(StrEnum):
    OPEN = "open"
    RECTIFIED = "rectified"  # the unit says it is fixed, evidence recorded at follow-up
    CLOSED = "closed"  # verified closed by an officer
    ESCALATED = "escalated"  # not corrected by the deadline: penalty case


EQUIPMENT_KIND_ZH = {
    EquipmentKind.ELEVATOR: "电梯",
    EquipmentKind.ESCALATOR: "自动扶梯",
    EquipmentKind.BOILER: "锅炉",
    EquipmentKind.ROPEWAY: "客运索道",
    EquipmentKind.AMUSEMENT_RIDE: "大型游乐设施",
}

VENUE_TYPE_ZH = {
    VenueType.SCHOOL: "学校",
    VenueType.KINDERGARTEN: "幼儿园",
    VenueType.HOSPITAL: "医院",
    VenueType.STATION: "车站",
    VenueType.MALL: "商场",
    VenueType.SCENIC_SITE: "旅游景区",
    VenueType.AMUSEMENT_PARK: "游乐园",
    VenueType.RESIDENTIAL: "居民住宅",
}

OFFICER_ROLE_ZH = {OfficerRole.INSPECTOR: "监察员", OfficerRole.SUPERVISOR: "科室负责人"}

EQUIPMENT_STATUS_ZH = {
    EquipmentStatus.IN_USE: "在用",
    EquipmentStatus.SUSPENDED: "停用",
    EquipmentStatus.SEALED: "查封",
    EquipmentStatus.SCRAPPED: "报废",
}

INSPECTION_STATUS_ZH = {
    InspectionStatus.IN_PROGRESS: "检查中",
    InspectionStatus.CONCLUDED: "已结束",
    InspectionStatus.CANCELLED: "已取消",
}

CONCLUSION_ZH = {
    Conclusion.STOP_USE: "停止使用",
    Conclusion.RECTIFY: "限期整改",
    Conclusion.PASS: "未发现问题",
}

FINDING_STATUS_ZH = {
    FindingStatus.OPEN: "待整改",
    FindingStatus.RECTIFIED: "已整改待核实",
    FindingStatus.CLOSED: "已整改（销号）",
    FindingStatus.ESCALATED: "逾期未整改（转立案）",
}

OUTCOME_ZH = {Outcome.PASS: "符合", Outcome.FAIL: "不符合", Outcome.NOT_APPLICABLE: "不适用"}

INSPECTION_TYPE_ZH = {
    InspectionType.ROUTINE: "常规",
    InspectionType.SPECIAL: "专项",
    InspectionType.POST_LICENCE: "证后",
    InspectionType.OTHER: "其他",
}

HAZARD_CLASS_ZH = {
    HazardClass.SERIOUS: "重大事故隐患",
    HazardClass.GENERAL: "一般隐患",
}
