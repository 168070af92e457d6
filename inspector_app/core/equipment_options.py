"""Choices the equipment form offers: categories per kind and the attributes checklists use.

The attributes are the ones the shipped forms test in ``applies_when`` (see the
comment at the top of each forms/*.yaml); an attribute left empty means every
item applies, so "unknown" is always a safe answer.
"""

from __future__ import annotations

from inspector_app.rules.enums import EquipmentKind
from inspector_app.rules.identifiers import CATEGORY_NAMES, category_kind

# kind -> ((attribute, label_zh, ((value, value_zh), ...)), ...)
ATTRIBUTES: dict[EquipmentKind, tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...]] = {
    EquipmentKind.ELEVATOR: (
        ("drive", "驱动方式", (("traction", "曳引驱动"), ("hydraulic", "液压驱动"),
                            ("forced", "强制驱动"))),
        ("usage", "用途", (("passenger", "乘客电梯"), ("bed", "病床电梯"),
                         ("goods", "载货电梯"), ("vehicle", "汽车电梯"))),
        ("door_opening", "开门方式", (("side", "旁开"), ("centre", "中分"))),
        ("machine_room", "机房", (("present", "有机房"), ("absent", "无机房"))),
    ),
    EquipmentKind.ESCALATOR: (
        ("type", "型式", (("escalator", "自动扶梯"), ("moving_walk", "自动人行道"))),
        ("rated_speed", "名义速度（m/s）", (("0.5", "0.5"), ("0.65", "0.65"), ("0.75", "0.75"))),
    ),
    EquipmentKind.BOILER: (
        ("medium", "介质", (("steam", "蒸汽"), ("hot_water", "热水"),
                          ("organic_heat_carrier", "有机热载体"))),
        ("fuel", "燃料", (("gas", "燃气"), ("oil", "燃油"), ("coal", "燃煤"),
                        ("biomass", "生物质"), ("electric", "电加热"))),
    ),
    EquipmentKind.ROPEWAY: (
        ("grip", "抱索器", (("detachable", "脱挂式"), ("fixed", "固定式"))),
        ("carrier", "运载工具", (("gondola", "吊厢"), ("chair", "吊椅"), ("cabin", "往复式客车"),
                             ("surface", "地面缆车"))),
    ),
    EquipmentKind.AMUSEMENT_RIDE: (
        ("restraint", "乘客束缚装置", (("belt", "安全带"), ("lap_bar", "压腿护杠"),
                                 ("shoulder_bar", "压肩护杠"))),
        ("cabin", "座舱", (("enclosed", "封闭式"), ("open", "开放式"))),
        ("lift", "提升方式", (("rope", "钢丝绳"), ("chain", "链条"), ("tyre", "摩擦轮"),
                          ("none", "无"))),
        ("track", "轨道", (("present", "有"), ("absent", "无"))),
    ),
}


def categories_of(kind: EquipmentKind | str) -> list[tuple[str, str]]:
    """(code, Chinese name) of the catalogue categories that belong to ``kind``, by code."""
    kind = EquipmentKind(kind)
    return [(code, name) for code, name in sorted(CATEGORY_NAMES.items())
            if category_kind(code) == kind]
