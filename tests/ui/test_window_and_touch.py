"""The main window fits the screen and comes back as it was left; touch mode makes every
target 44 px (issue 9, points 2 and 16)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QCheckBox, QToolButton, QWidget

from inspector_app.ui import settings
from inspector_app.ui.common import TOUCH_MIN
from inspector_app.ui.mainwindow import MainWindow
from inspector_app.ui.settings import SettingsDialog


def _shown(qtbot, ctx) -> MainWindow:
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.show_placed()
    qtbot.waitExposed(window)
    return window


def _global(widget: QWidget) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_status_bar_is_inside_the_available_screen(ctx, qtbot):
    window = _shown(qtbot, ctx)
    available = QWidget.screen(window).availableGeometry()
    assert available.contains(_global(window.statusBar())), (available, _global(window.statusBar()))
    assert window.frameGeometry().height() <= available.height()
    assert window.frameGeometry().width() <= available.width()
    assert window.officer_label.isVisible() and window.busy.parent() is not None


def test_small_screen_opens_maximized_and_geometry_is_remembered(ctx, qtbot):
    window = _shown(qtbot, ctx)
    assert window.isMaximized()  # the test screen is smaller than 1600x900
    window.showNormal()
    window.setGeometry(60, 70, 620, 500)
    qtbot.wait(20)
    window.close()
    assert settings.get(settings.WINDOW_MAXIMIZED) is False
    again = _shown(qtbot, ctx)
    assert not again.isMaximized()
    assert again.geometry() == QRect(60, 70, 620, 500)
    again.showMaximized()
    qtbot.wait(20)
    again.close()
    assert settings.get(settings.WINDOW_MAXIMIZED) is True
    third = _shown(qtbot, ctx)
    assert third.isMaximized()


def test_saved_geometry_off_every_screen_is_not_used(ctx, qtbot):
    window = MainWindow(ctx)
    qtbot.addWidget(window)
    window.setGeometry(5000, 4000, 600, 400)
    settings.put(settings.WINDOW_GEOMETRY, bytes(window.saveGeometry().data()))
    settings.put(settings.WINDOW_MAXIMIZED, False)
    placed = _shown(qtbot, ctx)
    available = QWidget.screen(placed).availableGeometry()
    assert available.contains(_global(placed.statusBar()))


def _sizes(window: MainWindow) -> tuple[int, int]:
    buttons = [b for b in window.toolbar.findChildren(QToolButton) if b.isVisible()]
    return min(b.height() for b in buttons), window.home.tabs.tabBar().height()


def test_touch_mode_makes_toolbar_buttons_tabs_and_check_boxes_44_px(ctx, qtbot, qapp):
    window = _shown(qtbot, ctx)
    assert min(_sizes(window)) < TOUCH_MIN  # the ordinary desktop sizes
    dialog = SettingsDialog(window)
    qtbot.addWidget(dialog)
    assert not dialog.touch.isChecked()
    dialog.touch.setChecked(True)
    dialog.accept()
    try:
        assert settings.get(settings.TOUCH_MODE) is True
        qtbot.wait(20)
        assert min(_sizes(window)) >= TOUCH_MIN  # at once, without a restart
        box = QCheckBox("只看逾期")
        qtbot.addWidget(box)
        box.show()
        assert box.height() >= TOUCH_MIN
        window.open_unit(window.home.due.row_object(0).unit_id)
        start = window.start_dialog
        assert start.second.height() >= TOUCH_MIN and start.rep_name.height() >= TOUCH_MIN
    finally:
        from inspector_app.ui import touch

        touch.apply(qapp, False)


def test_daily_backups_kept_is_set_in_the_settings_dialog(ctx, qtbot):
    """The database's backups_keep, shown and changed in 设置 (not only on the command line),
    written through the writer; the sync server and the other settings are unchanged."""
    from inspector_app.core.backups import backups_keep

    window = _shown(qtbot, ctx)
    dialog = SettingsDialog(window, ctx)
    qtbot.addWidget(dialog)
    assert dialog.backups is not None and dialog.backups.value() == backups_keep(ctx.db) == 7
    dialog.backups.setValue(3)
    dialog.accept()
    ctx.writer.wait_idle()
    assert backups_keep(ctx.db) == 3
    again = SettingsDialog(window, ctx)
    qtbot.addWidget(again)
    assert again.backups.value() == 3
    assert SettingsDialog(window).backups is None  # no database: only the machine's settings
