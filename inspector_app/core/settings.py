"""Installation settings kept in the database, declared once with their defaults."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from inspector_app.store.models import Setting

from .errors import UserError


@dataclass(frozen=True)
class SettingSpec:
    key: str
    default: str
    help: str


SETTINGS = {
    spec.key: spec
    for spec in (
        SettingSpec("authority_name", "漳州市市场监督管理局", "issuing authority, full name"),
        SettingSpec("authority_short", "漳", "abbreviation that starts directive numbers"),
        SettingSpec(
            "directive_segment",
            "",
            "two-digit number segment of this device (01-99), assigned by the office",
        ),
        SettingSpec(
            "time_zone",
            "Asia/Shanghai",
            "office time zone (IANA name) of every time shown and printed",
        ),
        SettingSpec(
            "authority_header",
            "",
            "running header of printed documents (empty: the authority's full name)",
        ),
        SettingSpec(
            "review_body",
            "",
            "行政复议 body named on directives, e.g. 漳州市人民政府 (required to issue)",
        ),
        SettingSpec(
            "court",
            "",
            "行政诉讼 court named on directives, e.g. 漳州市芗城区人民法院 (required to issue)",
        ),
        SettingSpec(
            "superior_authority",
            "",
            "the next level up, e.g. 福建省市场监督管理局 (挂牌督办 reports, 57号令 Art 30)",
        ),
        SettingSpec(
            "local_government",
            "",
            "the local government, e.g. 漳州市人民政府 (written reports, 57号令 Art 31)",
        ),
        SettingSpec(
            "police_authority",
            "",
            "where suspected crimes are referred, e.g. 漳州市公安局 (移送公安机关)",
        ),
        SettingSpec("backups_keep", "7", "daily backups the app keeps in <data>/backups (0: off)"),
        # The annual 双随机 draw (docs/planning.md): local choices, 57号令 gives no numbers.
        SettingSpec(
            "plan_ratio_key",
            "20",
            "draw ratio of the key units (重点单位 by Art 9: a higher ratio), percent",
        ),
        SettingSpec("plan_ratio_general", "5", "draw ratio of the other units, percent"),
        SettingSpec(
            "priority_venue_types",
            "school,kindergarten,hospital,station,mall,scenic_site,amusement_park",
            "venue types that make a unit 重点 (Art 9 (一) crowded places), comma-separated",
        ),
        SettingSpec(
            "priority_accident_years", "2", "an accident within this many years makes 重点 (二)"
        ),
        SettingSpec(
            "priority_complaints",
            "2",
            "confirmed complaints that make a unit 重点 (Art 9 (三)); 0: complaints never do",
        ),
        SettingSpec(
            "priority_complaint_days", "365", "the window, in days, for counting complaints"
        ),
    )
}

#: What each remedies setting must name (the template reads 向____人民政府 / ____人民法院).
_ENDS_WITH = {
    "review_body": "人民政府",
    "court": "人民法院",
    "local_government": "人民政府",
}


def get_setting(session: Session, key: str) -> str:
    spec = SETTINGS[key]
    row = session.get(Setting, key)
    return row.value if row is not None else spec.default


def set_setting(session: Session, key: str, value: str) -> None:
    if key not in SETTINGS:
        raise UserError(f"unknown setting {key!r}; known: {', '.join(SETTINGS)}")
    value = value.strip()
    if key == "directive_segment" and not (value.isdigit() and len(value) == 2 and value != "00"):
        raise UserError(
            "directive_segment must be two digits 01-99 (00 is the office's own)",
            message_zh="指令书编号段应为01至99的两位数字",
        )
    if key == "time_zone":
        from .clock import zone

        try:
            zone(value)
        except ValueError as exc:
            raise UserError(
                str(exc), message_zh=f"未知的时区：{value}（请用如 Asia/Shanghai 的名称）"
            ) from None
    if key == "authority_short" and not (1 <= len(value) <= 6):
        raise UserError("authority_short must be 1-6 characters")
    if key in _ENDS_WITH and not (value.endswith(_ENDS_WITH[key]) and len(value) > 4):
        raise UserError(
            f"{key} must name the body in full, ending with {_ENDS_WITH[key]} "
            f"(e.g. 漳州市{_ENDS_WITH[key]})",
            message_zh=f"应填写完整名称，以“{_ENDS_WITH[key]}”结尾",
        )
    if key == "police_authority" and value and not value.endswith(("公安局", "公安分局")):
        raise UserError(
            "police_authority must name the public security bureau in full (…公安局)",
            message_zh="应填写公安机关的完整名称，以“公安局”或“公安分局”结尾",
        )
    if len(value) > 100:
        raise UserError(f"{key} is too long (at most 100 characters)")
    if key == "backups_keep" and not (value.isdigit() and int(value) <= 365):
        raise UserError(
            "backups_keep must be a whole number 0-365", message_zh="保留备份数应为0至365"
        )
    _check_planning(key, value)
    row = session.get(Setting, key)
    if row is None:
        session.add(Setting(key=key, value=value))
    else:
        row.value = value
    session.flush()


def _check_planning(key: str, value: str) -> None:
    """The draw's settings: ratios as percentages, counts as whole numbers, known venues."""
    from inspector_app.rules.draw import DrawError, parse_ratio
    from inspector_app.rules.enums import VenueType

    if key.startswith("plan_ratio_"):
        try:
            parse_ratio(value)
        except DrawError:
            raise UserError(
                f"{key} must be a percentage 0-100 with at most two decimals (e.g. 5.2)",
                message_zh="抽查比例应为0至100之间的百分数，最多两位小数",
            ) from None
    elif key == "priority_venue_types":
        known = {v.value for v in VenueType}
        wrong = [v for v in value.split(",") if v.strip() and v.strip() not in known]
        if wrong:
            raise UserError(
                f"unknown venue type {wrong[0]!r}; known: {', '.join(sorted(known))}",
                message_zh=f"未知的场所类型：{wrong[0]}",
            )
    elif key in ("priority_accident_years", "priority_complaints", "priority_complaint_days"):
        limit = {"priority_accident_years": 10, "priority_complaints": 100}.get(key, 3660)
        if not (value.isdigit() and int(value) <= limit):
            raise UserError(
                f"{key} must be a whole number 0-{limit}",
                message_zh=f"应为0至{limit}的整数",
            )
