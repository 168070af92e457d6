"""Chinese is the default UI language: the shipped .qm translates every screen's strings."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from PySide6.QtCore import QCoreApplication

from inspector_app.ui.app import TRANSLATIONS_DIR, install_translators


def test_every_message_is_translated():
    tree = ET.parse(TRANSLATIONS_DIR / "inspector_zh_CN.ts")
    unfinished = [m.find("source").text for m in tree.iter("message")
                  if m.find("translation").get("type") == "unfinished"]
    assert unfinished == []
    assert (TRANSLATIONS_DIR / "inspector_zh_CN.qm").stat().st_size > 1000


def test_chinese_is_installed_and_reaches_the_screens(window, qapp):
    installed = install_translators(qapp, "zh_CN")
    try:
        assert installed
        assert QCoreApplication.translate("HomeScreen", "Unit") == "使用单位"
        # self.tr() in a screen resolves with the class name as context
        assert window.home.tr("Unfinished inspections (%1)") == "未完成的检查（%1）"
        window.home.refresh()
        assert window.home.tabs.tabText(0).startswith("未完成的检查")
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)


def test_english_installs_nothing(qapp):
    assert install_translators(qapp, "en") == []
