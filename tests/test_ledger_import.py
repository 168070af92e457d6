"""Importing the equipment ledger into a real database (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt

import pytest
from ledger_files import GOOD, sample_table, write_csv, write_xlsx
from python_calamine import CalamineWorkbook
from sqlalchemy import func, select

from inspector_app.core.equipment import save_equipment
from inspector_app.core.ledger import (
    ERROR,
    WARNING,
    LedgerCancelled,
    LedgerFileError,
    LedgerMapping,
    LedgerTask,
    import_ledger,
    load_mapping,
    save_mapping,
)
from inspector_app.core.ledger.sample import write_sample_ledger
from inspector_app.core.units import save_unit
from inspector_app.rules.enums import EquipmentKind, VenueType
from inspector_app.store.models import ChangeLog, Equipment, Unit


def _count(db, model) -> int:
    with db.read() as s:
        return s.scalar(select(func.count()).select_from(model))


def _log(db) -> int:
    return _count(db, ChangeLog)


def test_a_ledger_becomes_units_and_equipment_change_logged(db, tmp_path):
    path = write_xlsx(tmp_path / "台账.xlsx", GOOD)
    result = import_ledger(db, path=path)
    assert (result.rows, result.refused_rows, result.errors) == (3, 0, 0)
    assert (result.units_new, result.equipment_new) == (2, 3)
    with db.read() as s:
        school = s.scalars(select(Unit).where(Unit.uscc == "9144030071526726XG")).one()
        assert (school.name, school.venue_type, school.district) == (
            "漳州市实验小学",
            VenueType.SCHOOL,
            "芗城区",
        )
        lift = s.scalars(
            select(Equipment).where(Equipment.registration_code == "31103506002016053337")
        ).one()
        assert lift.unit_id == school.id and lift.kind == EquipmentKind.ELEVATOR
        assert lift.category_code == "3110" and lift.certificate_no == "梯11闽E3622(16)"
        assert lift.commissioned_on == dt.date(2016, 5, 3)
        assert lift.next_inspection_due == dt.date(2026, 9, 1)
        assert lift.attributes == {"drive": "traction", "usage": "passenger"}
        boiler = s.scalars(select(Equipment).where(Equipment.kind == EquipmentKind.BOILER)).one()
        assert (boiler.category_code, boiler.attributes) == ("1200", {"medium": "hot_water"})
        escalator = s.scalars(
            select(Equipment).where(Equipment.kind == EquipmentKind.ESCALATOR)
        ).one()
        assert escalator.commissioned_on == dt.date(2019, 7, 1)  # Excel serial 43647
        assert escalator.next_inspection_due == dt.date(2026, 10, 1)
        logged = s.execute(
            select(ChangeLog.table_name, func.count()).group_by(ChangeLog.table_name)
        ).all()
    assert dict(logged) == {"units": 2, "equipment": 3, "maintenance_units": 1}  # 维保单位


def test_importing_the_same_file_again_changes_nothing(db, tmp_path):
    sample = write_sample_ledger(tmp_path / "l.xlsx", rows=120, units=40, seed=5)
    first = import_ledger(db, path=sample.path)
    assert (first.units_new, first.equipment_new) == (40, 120)
    logged = _log(db)
    again = import_ledger(db, path=sample.path)
    assert again.changes == 0
    assert (again.units_unchanged, again.equipment_unchanged) == (40, 120)
    assert _log(db) == logged


def test_a_changed_cell_is_one_update_and_a_blank_cell_changes_nothing(db, tmp_path):
    import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    logged = _log(db)
    edited = [row[:] for row in GOOD]
    edited[1][9] = "新教学楼"  # 安装地点
    edited[1][11] = ""  # 型号 left blank: keeps KLK2
    edited[3][3] = ""  # 所在区县 blank on the unit
    result = import_ledger(db, path=write_xlsx(tmp_path / "b.xlsx", edited))
    assert (result.equipment_updated, result.equipment_unchanged) == (1, 2)
    assert (result.units_updated, result.units_unchanged) == (0, 2)
    assert _log(db) == logged + 1
    with db.read() as s:
        lift = s.scalars(
            select(Equipment).where(Equipment.registration_code == "31103506002016053337")
        ).one()
        assert (lift.location, lift.model) == ("新教学楼", "KLK2")
        entry = s.scalars(select(ChangeLog).order_by(ChangeLog.seq.desc()).limit(1)).one()
        assert entry.row_id == lift.id and entry.payload["location"] == "新教学楼"
        assert entry.payload["clock"] == lift.clock


def test_bad_rows_are_reported_and_only_good_rows_imported(db, tmp_path):
    table, planted = sample_table(rows=60, units=20, faults=7)
    path = write_xlsx(tmp_path / "bad.xlsx", table)
    report = tmp_path / "report.xlsx"
    result = import_ledger(db, path=path, report_path=report)
    errors = {p.row: p for p in result.problems if p.severity == ERROR}
    for row, what in planted.items():
        assert row in errors, (row, what)
    columns = {
        "uscc": "统一社会信用代码",
        "registration_code": "设备注册代码",
        "venue_type": "场所类型",
        "date": "下次检验日期",
        "duplicate": "设备注册代码",
        "kind": "设备品种",
    }
    for row, what in planted.items():
        assert errors[row].column == columns[what], (row, what, errors[row])
    assert "重复" in next(errors[r].message for r, w in planted.items() if w == "duplicate")
    assert result.refused_rows >= len(planted)
    assert _count(db, Equipment) == result.rows - result.refused_rows
    # The report: the refused rows to fix and re-import, and the list of problems.
    book = CalamineWorkbook.from_path(str(report))
    assert book.sheet_names == ["待修正", "问题清单", "说明"]
    fix = book.get_sheet_by_name("待修正").to_python()
    assert fix[0][: len(table[0])] == table[0] and fix[0][-2:] == ["导入问题", "原行号"]
    assert len(fix) - 1 == result.refused_rows
    listed = book.get_sheet_by_name("问题清单").to_python()
    assert listed[0] == ["行号", "列", "值", "问题", "处理"]
    assert {int(r[0]) for r in listed[1:] if r[4] == "未导入"} >= set(planted)


def test_the_fixed_report_imports_the_rest(db, tmp_path):
    table, planted = sample_table(rows=40, units=12, faults=9)
    report = tmp_path / "report.xlsx"
    first = import_ledger(db, path=write_xlsx(tmp_path / "bad.xlsx", table), report_path=report)
    fix = CalamineWorkbook.from_path(str(report)).get_sheet_by_name("待修正").to_python()
    header, rows = fix[0], fix[1:]
    originals = {int(float(r[-1])): r for r in rows}
    clean, _ = sample_table(rows=40, units=12, faults=0)
    repaired = [header] + [clean[n - 1] + ["", n] for n in originals]  # the office's corrections
    second = import_ledger(db, path=write_xlsx(tmp_path / "fixed.xlsx", repaired))
    assert second.errors == 0
    assert second.equipment_new + first.equipment_new == 40


def test_dry_run_writes_nothing(db, tmp_path):
    before = _log(db)
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD), dry_run=True)
    assert (result.units_new, result.equipment_new) == (2, 3)
    assert _count(db, Unit) == 0 and _log(db) == before


def test_cancel_while_writing_leaves_the_database_as_it_was(db, tmp_path):
    sample = write_sample_ledger(tmp_path / "l.csv", rows=12000, units=3000)
    before = _log(db)

    def cancel_when_writing(task: LedgerTask) -> None:
        if task.phase == "writing" and task.done >= 5000:
            task.cancel()

    with pytest.raises(LedgerCancelled):
        import_ledger(db, path=sample.path, task=LedgerTask(on_progress=cancel_when_writing))
    assert _count(db, Unit) == 0 and _count(db, Equipment) == 0 and _log(db) == before


def test_rows_meet_what_the_inspectors_registered(db, tmp_path):
    """Units by credit code and equipment by registration code, whoever registered them."""
    with db.write() as s:
        unit = save_unit(
            s, name="实验小学（现场登记）", uscc="9144030071526726XG", venue_type=VenueType.SCHOOL
        )
        save_equipment(
            s,
            unit_id=unit.id,
            kind=EquipmentKind.ELEVATOR,
            category_code="3110",
            registration_code="31103506002016053337",
            name="东梯",
        )
        other = save_equipment(
            s,
            unit_id=unit.id,
            kind=EquipmentKind.ELEVATOR,
            category_code="3110",
            registration_code="31103506002016053338",
            certificate_no="梯31闽E0101(19)",
        )
        unit_id, other_code = unit.id, other.registration_code
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    # 万达广场's only row is refused below, so it is not created either.
    assert (result.units_new, result.units_updated) == (0, 1)
    assert (result.equipment_new, result.equipment_updated) == (1, 1)
    refused = [p for p in result.problems if p.severity == ERROR]
    assert len(refused) == 1 and refused[0].row == 4  # the escalator's certificate is taken
    assert other_code in refused[0].message
    with db.read() as s:
        assert s.scalar(select(func.count()).select_from(Unit)) == 1
        unit = s.get(Unit, unit_id)
        assert unit.name == "漳州市实验小学"  # the ledger's name wins; the unit is the same
        lift = s.scalars(
            select(Equipment).where(Equipment.registration_code == "31103506002016053337")
        ).one()
        assert lift.name == "1号客梯" and lift.unit_id == unit_id


def test_a_kind_other_than_the_databases_is_refused(db, tmp_path):
    from inspector_app.store.changes import bulk_insert

    with db.write() as s:  # as an older release or another laptop may have stored it
        unit = save_unit(s, name="某商场", uscc="91350600MA00000074", venue_type=VenueType.MALL)
        bulk_insert(
            s,
            Equipment,
            [
                {
                    "unit_id": unit.id,
                    "kind": EquipmentKind.ELEVATOR,
                    "category_code": "3000",
                    "attributes": {},
                    "registration_code": "33103506032019000101",
                }
            ],
        )
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    refused = [p for p in result.problems if p.severity == ERROR]
    assert [p.row for p in refused] == [4] and "数据库中该设备是电梯" in refused[0].message


def test_a_tombstoned_piece_of_equipment_comes_back(db, tmp_path):
    import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    with db.write() as s:
        lift = s.scalars(select(Equipment).where(Equipment.kind == EquipmentKind.BOILER)).one()
        lift.deleted = True
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    assert result.equipment_updated == 1
    with db.read() as s:
        assert (
            not s.scalars(select(Equipment).where(Equipment.kind == EquipmentKind.BOILER))
            .one()
            .deleted
        )


def test_a_new_unit_needs_a_name_and_a_venue_type(db, tmp_path):
    rows = [r[:] for r in GOOD]
    rows[3][4] = ""  # 场所类型 of a unit the database does not know
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", rows))
    refused = [p for p in result.problems if p.severity == ERROR]
    assert [p.row for p in refused] == [4] and "缺少场所类型" in refused[0].message
    assert result.units_new == 1


def test_rows_of_one_unit_that_disagree_get_a_note(db, tmp_path):
    rows = [r[:] for r in GOOD]
    rows[2][2] = "另一个地址"
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", rows))
    notes = [p for p in result.problems if p.severity == WARNING]
    assert [(p.row, p.column) for p in notes] == [(3, "单位地址")]
    assert "以第2行为准" in notes[0].message and result.refused_rows == 0


def test_maintenance_unit_is_read_and_checked(db, tmp_path):
    rows = [r[:] for r in GOOD]
    rows[1][15] = "91350600MA2XN8KX52"  # check character wrong
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", rows), dry_run=True)
    refused = [p for p in result.problems if p.severity == ERROR]
    assert [(p.row, p.column) for p in refused] == [(2, "维保单位统一社会信用代码")]
    assert refused[0].message.startswith("维保单位第18位校验码")


def test_parsed_rows_carry_the_maintenance_unit(tmp_path):
    from inspector_app.core.ledger.importer import preview_ledger
    from inspector_app.core.ledger.parse import parse_rows

    preview = preview_ledger(write_xlsx(tmp_path / "a.xlsx", GOOD))
    parsed = parse_rows(preview.match, LedgerMapping().vocabulary(), LedgerTask())
    first = parsed.rows[0]
    assert (first.maintainer_name, first.maintainer_uscc) == (
        "漳州市安达电梯工程有限公司",
        "91350600MA2XN8KX53",
    )
    assert parsed.rows[1].maintainer_name is None


def test_an_offices_own_headers_and_spellings_through_a_saved_mapping(db, tmp_path):
    rows = [r[:] for r in GOOD]
    rows[0][6] = "电梯注册码"
    rows[0][4] = "单位性质"
    rows[3][4] = "写字楼"
    path = write_xlsx(tmp_path / "a.xlsx", rows)
    with pytest.raises(LedgerFileError, match="no column for: registration_code") as refused:
        import_ledger(db, path=path)
    assert "缺少必需的列：设备注册代码" in refused.value.message_zh
    mapping = LedgerMapping(
        columns={"电梯注册码": "registration_code", "单位性质": "venue_type"},
        values={"venue_type": {"写字楼": "mall"}},
    )
    saved = save_mapping(mapping, tmp_path / "mapping.yaml")
    result = import_ledger(db, path=path, mapping=load_mapping(saved))
    assert (result.errors, result.equipment_new) == (0, 3)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_offices_save(db, tmp_path, encoding):
    path = write_csv(tmp_path / "台账.csv", GOOD, encoding)
    result = import_ledger(db, path=path)
    assert (result.errors, result.units_new, result.equipment_new) == (0, 2, 3)
    assert (
        result.encoding
        == {"utf-8": "UTF-8", "utf-8-sig": "UTF-8-BOM", "gbk": "GBK", "gb18030": "GBK"}[encoding]
    )
    with db.read() as s:
        assert s.scalar(select(Unit.name).where(Unit.uscc == "91350600MA00000074")) == "万达广场"


def test_old_xls_files(db, tmp_path):
    pytest.importorskip("xlwt")
    sample = write_sample_ledger(tmp_path / "old.xls", rows=50, units=15, seed=2)
    result = import_ledger(db, path=sample.path)
    assert result.format == "xls" and (result.errors, result.equipment_new) == (0, 50)


def _triggers(db) -> set[str]:
    if not db.is_sqlite:
        return set()
    with db.engine.connect() as conn:
        return set(
            conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type='trigger'").scalars()
        )


def test_a_big_import_is_searchable_and_search_keeps_working(db, tmp_path):
    from inspector_app.store.search import search_equipment, search_units

    triggers = _triggers(db)
    sample = write_sample_ledger(tmp_path / "l.csv", rows=2500, units=800, seed=4)
    import_ledger(db, path=sample.path)  # past BULK_INDEX_FROM: indexed set-wise on SQLite
    assert _triggers(db) == triggers
    with db.read() as s:
        unit = s.scalars(select(Unit).order_by(Unit.id).offset(500).limit(1)).one()
        piece = s.scalars(select(Equipment).order_by(Equipment.id).offset(2000).limit(1)).one()
        assert [u.id for u in search_units(s, unit.name)] == [unit.id]
        assert piece.id in {h.id for h in search_equipment(s, piece.registration_code[-9:])}
        owner = s.get(Unit, piece.unit_id)
        assert piece.id in {h.id for h in search_equipment(s, owner.name, limit=100)}
    with db.write() as s:  # rows written afterwards are indexed by the triggers again
        later = save_unit(
            s, name="新登记的托儿所", uscc="91350600MA00000074", venue_type=VenueType.KINDERGARTEN
        )
        later_id = later.id
    with db.read() as s:
        assert [u.id for u in search_units(s, "新登记的托儿")] == [later_id]


def test_a_cancelled_big_import_keeps_the_search_triggers(db, tmp_path):
    triggers = _triggers(db)
    sample = write_sample_ledger(tmp_path / "l.csv", rows=6000, units=2000, seed=6)

    def cancel_late(task: LedgerTask) -> None:
        if task.phase == "writing" and task.done >= 5000:
            task.cancel()

    with pytest.raises(LedgerCancelled):
        import_ledger(db, path=sample.path, task=LedgerTask(on_progress=cancel_late))
    assert _triggers(db) == triggers and _count(db, Unit) == 0


def test_a_big_file_is_compared_in_one_pass_and_changes_nothing_the_second_time(db, tmp_path):
    from inspector_app.core.ledger.upsert import SCAN_FROM

    sample = write_sample_ledger(tmp_path / "l.csv", rows=SCAN_FROM + 500, units=SCAN_FROM)
    first = import_ledger(db, path=sample.path)
    assert first.equipment_new == SCAN_FROM + 500 and first.units_new == SCAN_FROM
    logged = _log(db)
    again = import_ledger(db, path=sample.path)
    assert again.changes == 0 and again.equipment_unchanged == SCAN_FROM + 500
    assert _log(db) == logged
