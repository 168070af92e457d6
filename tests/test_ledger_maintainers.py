"""The ledger's 维保单位 columns name the equipment's maintenance unit (SQLite and PostgreSQL)."""

from __future__ import annotations

from ledger_files import GOOD, write_xlsx
from sqlalchemy import func, select

from inspector_app.core import maintenance
from inspector_app.core.ledger import WARNING, import_ledger
from inspector_app.store.models import ChangeLog, Equipment, MaintenanceUnit

LIFT, BOILER, ESCALATOR = "31103506002016053337", "12003506002018000017", "33103506032019000101"
ANDA, ANDA_USCC = "漳州市安达电梯工程有限公司", "91350600MA2XN8KX53"


def _maintainer_of(db, code: str) -> MaintenanceUnit | None:
    with db.read() as s:
        eq = s.scalars(select(Equipment).where(Equipment.registration_code == code)).one()
        return maintenance.maintenance_unit_of(s, eq)


def _units(db) -> list[tuple[str, str]]:
    with db.read() as s:
        rows = s.execute(select(MaintenanceUnit.name, MaintenanceUnit.uscc)).all()
    return sorted(tuple(r) for r in rows)


def _logged(db, table: str) -> int:
    with db.read() as s:
        return s.scalar(
            select(func.count()).select_from(ChangeLog).where(ChangeLog.table_name == table)
        )


def test_equipment_names_the_ledgers_maintenance_unit_once_per_company(db, tmp_path):
    rows = [r[:] for r in GOOD]
    rows[3][14], rows[3][15] = ANDA, ANDA_USCC  # the escalator too: one company, two rows
    path = write_xlsx(tmp_path / "台账.xlsx", rows)
    result = import_ledger(db, path=path)
    assert (result.maintainers_new, result.maintainers_updated) == (1, 0)
    assert _units(db) == [(ANDA, ANDA_USCC)]
    lift, escalator = _maintainer_of(db, LIFT), _maintainer_of(db, ESCALATOR)
    assert lift is not None and escalator is not None and lift.id == escalator.id
    assert _maintainer_of(db, BOILER) is None  # a blank 维保单位 names nobody
    assert _logged(db, "maintenance_units") == 1  # it syncs like every registry row
    with db.read() as s:  # the equipment's change-log payload carries the link
        payloads = s.scalars(
            select(ChangeLog.payload).where(ChangeLog.table_name == "equipment")
        ).all()
    assert sorted(p["maintenance_unit_id"] or "" for p in payloads) == ["", lift.id, lift.id]
    logged = _logged(db, "maintenance_units") + _logged(db, "equipment")
    again = import_ledger(db, path=path)
    assert again.changes == 0 and again.equipment_unchanged == 3
    assert _logged(db, "maintenance_units") + _logged(db, "equipment") == logged


def test_a_company_an_inspector_registered_by_name_is_found_and_gets_its_code(db, tmp_path):
    with db.write() as s:
        known = maintenance.find_or_add(s, name=f"  {ANDA} ")  # typed on a laptop, no code
        known_id = known.id
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    assert (result.maintainers_new, result.maintainers_updated) == (0, 1)
    assert _units(db) == [(ANDA, ANDA_USCC)]
    assert _maintainer_of(db, LIFT).id == known_id


def test_a_renamed_company_keeps_its_row_and_takes_the_ledgers_name(db, tmp_path):
    with db.write() as s:
        old_id = maintenance.find_or_add(s, name="漳州安达电梯有限公司", uscc=ANDA_USCC).id
    dry = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD), dry_run=True)
    assert (dry.maintainers_new, dry.maintainers_updated) == (0, 1)
    assert _units(db) == [("漳州安达电梯有限公司", ANDA_USCC)]  # the dry run wrote nothing
    import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    assert _units(db) == [(ANDA, ANDA_USCC)]
    assert _maintainer_of(db, LIFT).id == old_id


def test_a_blank_cell_keeps_the_known_maintenance_unit_and_a_new_one_replaces_it(db, tmp_path):
    import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    with db.write() as s:
        other = maintenance.find_or_add(s, name="福建快捷电梯维修有限公司")
        boiler = s.scalars(select(Equipment).where(Equipment.registration_code == BOILER)).one()
        maintenance.assign(s, equipment_id=boiler.id, maintenance_unit_id=other.id)
        other_id = other.id
    again = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", GOOD))
    assert again.changes == 0
    assert _maintainer_of(db, BOILER).id == other_id  # the boiler's row leaves 维保单位 blank
    rows = [r[:] for r in GOOD]
    rows[1][14], rows[1][15] = "福建快捷电梯维修有限公司", ""
    changed = import_ledger(db, path=write_xlsx(tmp_path / "b.xlsx", rows))
    assert (changed.equipment_updated, changed.maintainers_new) == (1, 0)
    assert _maintainer_of(db, LIFT).id == other_id


def test_an_unknown_code_without_a_name_is_a_note_and_the_row_is_imported(db, tmp_path):
    rows = [r[:] for r in GOOD]
    rows[1][14] = ""  # only the code
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", rows))
    notes = [p for p in result.problems if p.severity == WARNING]
    assert [(p.row, p.column, p.value) for p in notes] == [
        (2, "维保单位统一社会信用代码", ANDA_USCC)
    ]
    assert "未关联维保单位" in notes[0].message
    assert result.equipment_new == 3 and result.refused_rows == 0
    assert _units(db) == [] and _maintainer_of(db, LIFT) is None
    with db.write() as s:  # once the office knows the company, the code alone finds it
        maintenance.find_or_add(s, name=ANDA, uscc=ANDA_USCC)
    linked = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", rows))
    assert linked.equipment_updated == 1 and linked.maintainers_new == 0
    assert _maintainer_of(db, LIFT).name == ANDA


def test_a_name_alone_and_the_name_with_its_code_are_one_new_company(db, tmp_path):
    rows = [r[:] for r in GOOD]
    rows[3][14] = ANDA  # the escalator's row names the company without its code
    result = import_ledger(db, path=write_xlsx(tmp_path / "a.xlsx", rows))
    assert result.maintainers_new == 1
    assert _units(db) == [(ANDA, ANDA_USCC)]
    assert _maintainer_of(db, ESCALATOR).id == _maintainer_of(db, LIFT).id
