"""同步 → 检查表版本…: the publications a laptop took in and what each one changed."""

from __future__ import annotations

from test_forms_publish import edited_forms
from test_sync_support import deliver, pull_bundle

from inspector_app.core import form_publishing
from inspector_app.core.forms import register_shipped_forms

from .sync_builders import enrolled_office, laptop_node


def test_the_laptop_shows_the_published_version_and_its_changes(window, ctx, qtbot, tmp_path):
    office = enrolled_office(ctx, tmp_path / "office")
    try:
        with office.db.write() as s:
            register_shipped_forms(s)
        form_publishing.publish(
            office.db, folder=office.folder, paths=[edited_forms(tmp_path)], officer_id=None,
            note="E02 并入 E90",
        )  # fmt: skip
        laptop = laptop_node(ctx)
        deliver(pull_bundle(office, laptop).data, laptop)
    finally:
        office.db.dispose()
    window.forms_action.trigger()
    dialog = window.forms_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.model.rowCount() == 1
    row = [dialog.model.index(0, c).data() for c in range(dialog.model.columnCount())]
    assert row[1:5] == ["电梯", "elevator", "2026.3", "✓"] and row[6] == "E02 并入 E90"
    text = dialog.diff.toPlainText()
    assert "2026.2 → 2026.3" in text
    for part in ("E90", "E02", "E01", "并已告知使用单位", "E11", "重大事故隐患 → 一般隐患"):
        assert part in text, text
    assert not dialog.empty.isVisible()
    dialog.close()


def test_no_publication_yet_says_the_shipped_forms_are_used(window, qtbot):
    window.forms_action.trigger()
    dialog = window.forms_dialog
    qtbot.waitUntil(dialog.isVisible)
    assert dialog.model.rowCount() == 0 and dialog.empty.isVisible()
    dialog.close()
