"""Refresh the desktop app's translations: lupdate, fill known Chinese, lrelease.

    .venv/bin/python scripts/ui_translations.py

The .ts file in resources/translations/ is the source of truth and is edited
with Qt Linguist; this script only fills entries still marked unfinished from
ZH below, so a translator's edits are never overwritten.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "translations" / "inspector_zh_CN.ts"
BIN = Path(sys.executable).parent

ZH = {
    " (unverified)": "（待核实）",
    " · photo required": " · 须拍照",
    "%1 items are still unanswered.": "还有%1个检查项目未填写。",
    "%1 matching pieces of equipment": "找到%1台设备",
    "(choose later)": "（稍后选择）",
    "(choose)": "（请选择）",
    "A reason is required.": "须填写理由。",
    "Add photo…": "添加照片…",
    "Address": "地址",
    "Answer the item before adding photos.": "请先填写该项检查结果，再添加照片。",
    "Answered": "已检项",
    "Answered %1 of %2: %3 passed, %4 failed, %5 not applicable.":
        "已检查%1/%2项：符合%3项，不符合%4项，不适用%5项。",
    "Back to checklist": "返回检查表",
    "Cancel": "取消",
    "Cannot open the database": "无法打开数据库",
    "Change hazard class": "更改隐患等级",
    "Change hazard class…": "更改隐患等级…",
    "Choose photos": "选择照片",
    "Clear": "清除",
    "Conclude and lock": "结束检查并锁定",
    "Concluded and locked 🔒": "检查已结束并锁定 🔒",
    "Conclusion: %1": "检查结论：%1",
    "Contact person": "联系人",
    "Contact phone": "联系电话",
    "Create account": "创建账户",
    "Credit code": "统一社会信用代码",
    "Deadline": "整改期限",
    "Description": "问题描述",
    "District": "区县",
    "Drop photo files here": "将照片文件拖放到此处",
    "Due or overdue (%1)": "检验到期/超期（%1）",
    "Edit unit": "编辑使用单位",
    "Edit unit…": "编辑单位信息…",
    "Equipment": "设备",
    "Equipment to inspect": "受检设备",
    "Every item is answered. Continue with sign-off.": "所有项目均已填写，请继续签字确认。",
    "Fail (F)": "不符合 (F)",
    "Failures: %1 serious, %2 general": "不符合：重大隐患%1项，一般隐患%2项",
    "Finding": "发现的问题",
    "Findings past deadline (%1)": "逾期未整改（%1）",
    "First start: create an officer account": "首次使用：创建执法人员账户",
    "General hazards: rectify by the deadline": "存在一般隐患，限期整改",
    "Hazard": "隐患等级",
    "Hazard class": "隐患等级",
    "Home": "首页",
    "If it fails: %1, deadline %2 days": "不符合时：%1，整改期限%2天",
    "Images (*.jpg *.jpeg *.png *.webp *.heic *.bmp *.tif *.tiff);;All files (*)":
        "图片 (*.jpg *.jpeg *.png *.webp *.heic *.bmp *.tif *.tiff);;所有文件 (*)",
    "Inspector": "监察员",
    "Kind": "设备类别",
    "Language": "界面语言",
    "Law-enforcement certificate no.": "执法证号",
    "Lead officer": "主检执法人员",
    "Legal basis": "检查依据",
    "Log in": "登录",
    "Log in first.": "请先登录。",
    "Main": "主工具栏",
    "Measured": "实测值",
    "Name": "姓名",
    "Never inspected (%1)": "从未检查的单位（%1）",
    "New unit": "新增使用单位",
    "New unit…": "新增单位…",
    "Next inspection": "下次检验日期",
    "Next unanswered (J)": "下一未检项 (J)",
    "No hazard found": "未发现隐患",
    "No officer account exists yet. Create the first one.": "尚无执法人员账户，请创建第一个账户。",
    "Not a number.": "不是有效数字。",
    "Not applicable (N)": "不适用 (N)",
    "Note (optional)": "备注（可选）",
    "Note on the refusal (optional)": "拒签情况说明（可选）",
    "Nothing found.": "未找到。",
    "Officer: %1": "执法人员：%1",
    "Pass (P)": "符合 (P)",
    "Password": "密码",
    "Photos": "照片",
    "Position": "职务",
    "Priority": "重点",
    "Priority unit": "重点单位",
    "Reason": "理由",
    "Record value": "记录测量值",
    "Refused to sign: %1": "拒绝签字：%1",
    "Registration code": "注册代码",
    "Repeat password": "确认密码",
    "Representative refuses to sign": "被检查单位负责人拒绝签字",
    "Role": "角色",
    "Save": "保存",
    "Save signature": "保存签名",
    "Saved": "已保存",
    "Saving…": "正在保存…",
    "Search": "搜索",
    "Search: registration code, unit name, address (scanner works too)":
        "搜索：注册代码、单位名称、地址（可直接扫码）",
    "Second officer": "第二名执法人员",
    "Serious hazard: stop using the equipment at once": "存在重大事故隐患，立即停止使用",
    "Serious hazards: %1 · General hazards: %2": "重大事故隐患：%1项 · 一般隐患：%2项",
    "Settings": "设置",
    "Settings…": "设置…",
    "Sign on the pad first.": "请先在签字板上签名。",
    "Sign-off…": "签字确认…",
    "Signed: %1": "已签名：%1",
    "Special equipment field inspection": "特种设备现场监督检查",
    "Start inspection": "开始检查",
    "Started": "开始时间",
    "Supervisor": "科长（督办）",
    "The language changes the next time the app starts.": "界面语言将在下次启动时生效。",
    "The two passwords differ.": "两次输入的密码不一致。",
    "This inspection is concluded and locked.": "该检查已结束并锁定。",
    "Type the measured value first.": "请先输入测量值。",
    "Type the signer's name.": "请填写签字人姓名。",
    "Unfinished inspections (%1)": "未完成的检查（%1）",
    "Unified social credit code": "统一社会信用代码",
    "Unit": "使用单位",
    "Unit name": "单位名称",
    "Unit representative": "被检查单位负责人",
    "Venue": "场所类型",
    "Venue type": "场所类型",
    "Why does this item differ from the checklist?": "为何与检查表规定的等级不同？",
    "changed": "已更改",
    "e.g. safety manager": "如：安全管理员",
    "not logged in": "未登录",
    "required: %1": "要求：%1",
}


def main() -> int:
    sources = sorted(str(p) for p in (ROOT / "inspector_app" / "ui").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(TS),
                    "-target-language", "zh_CN", "-no-obsolete"], check=True)
    tree = ET.parse(TS)
    missing = []
    for message in tree.iter("message"):
        source = message.find("source").text
        translation = message.find("translation")
        if translation.get("type") == "unfinished":
            if source in ZH:
                translation.text = ZH[source]
                del translation.attrib["type"]
            else:
                missing.append(source)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(TS)], check=True)
    for source in missing:
        print(f"untranslated: {source!r}", file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
