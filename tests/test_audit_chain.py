"""The audit log as hash chains: supervisors' acts are in it, every database that holds the
rows can verify them, and a row edited or deleted by hand in SQLite is found and named."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import select
from test_sync_support import file_sync, join, make_node, make_office

from inspector_app.cli.main import main
from inspector_app.core import demo
from inspector_app.core.conflicts import open_conflicts, resolve_conflict
from inspector_app.core.inspections import amend_answer, override_hazard
from inspector_app.rules.enums import HazardClass, InspectionStatus, Outcome
from inspector_app.store import audit
from inspector_app.store.models import (
    AuditLog,
    Inspection,
    InspectionEquipment,
    ItemResult,
    LocalState,
    Officer,
    Unit,
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def office_url(request):
    return None if request.param == "sqlite" else request.getfixturevalue("make_pg_url")()


def _failed(s, status: InspectionStatus) -> ItemResult:
    return s.scalars(
        select(ItemResult)
        .join(InspectionEquipment)
        .join(Inspection)
        .where(ItemResult.outcome == Outcome.FAIL, Inspection.status == status)
        .order_by(ItemResult.id)
    ).first()


def _supervisor_acts(node) -> None:
    """A hazard override (open inspection) and an amendment (concluded, locked one)."""
    with node.db.write() as s:
        officer = s.scalars(select(Officer).order_by(Officer.cert_no)).first()
        failed = _failed(s, InspectionStatus.IN_PROGRESS)
        hazard = (
            HazardClass.GENERAL if failed.hazard == HazardClass.SERIOUS else HazardClass.SERIOUS
        )
        override_hazard(
            s, item_result_id=failed.id, hazard=hazard, reason="现场复核", officer_id=officer.id
        )
    with node.db.write() as s:
        amend_answer(
            s,
            item_result_id=_failed(s, InspectionStatus.CONCLUDED).id,
            officer_id=officer.id,
            reason="笔误更正",
            outcome=Outcome.PASS,
        )


def test_chains_from_several_devices_verify_everywhere(tmp_path, office_url, capsys):
    office = make_office(tmp_path, office_url)
    a, b = make_node(tmp_path, "a"), make_node(tmp_path, "b")
    join(a, office, "01")
    join(b, office, "02")
    demo.generate(a.db, a.blobs, equipment=12, seed=3)
    _supervisor_acts(a)
    file_sync(a, office)
    file_sync(b, office)
    with office.db.read() as s:
        unit_id = s.scalars(select(Unit.id).order_by(Unit.id)).first()
    for node, name in ((a, "甲改"), (b, "乙改")):
        with node.db.write() as s:
            s.get(Unit, unit_id).name = name
    file_sync(a, office)
    file_sync(b, office)
    with office.db.write() as s:  # the supervisor settles the conflict at the office
        officer = s.scalars(select(Officer).order_by(Officer.cert_no)).first()
        conflict = open_conflicts(s, limit=1)[0]
        resolve_conflict(
            s, conflict_id=conflict.id, officer_id=officer.id, keep="loser", note="以乙为准"
        )
    for node in (a, b):
        file_sync(node, office)
    with office.db.read() as s:
        actions = {r.action for r in s.scalars(select(AuditLog))}
        chains = {r.chain for r in s.scalars(select(AuditLog))}
    assert {"hazard_override", "amendment", "conflict_resolved", "device_enrolled"} <= actions
    assert len(chains) >= 2  # laptop a's and the office's
    for node in (office, a, b):
        with node.db.read() as s:
            report = audit.verify(s)
        assert report.ok, (node.name, [str(p) for p in report.problems])
        assert report.rows >= 3
    url = office.db.engine.url.render_as_string(hide_password=False)
    assert main(["--data-dir", str(office.folder), "--db", url, "audit", "verify"]) == 0
    assert capsys.readouterr().out.strip().endswith("ok")


@pytest.fixture
def chained(tmp_path):
    """A laptop with a chain of its own (demo data, then supervisor acts) and one received."""
    office = make_office(tmp_path)
    lap = make_node(tmp_path, "lap")
    join(lap, office, "01")
    demo.generate(lap.db, lap.blobs, equipment=12, seed=3)
    _supervisor_acts(lap)
    for n in range(3):
        with lap.db.write() as s:
            s.add(
                AuditLog(officer_id=None, action="login_locked", entity="officer", entity_id=str(n))
            )
    file_sync(lap, office)  # brings the office's chain (its enrolment row) here
    with lap.db.read() as s:
        mine = s.get(LocalState, 1).audit_chain
        rows = list(
            s.scalars(select(AuditLog).where(AuditLog.chain == mine).order_by(AuditLog.chain_seq))
        )
        assert audit.verify(s).ok and len(rows) >= 5
    lap.db.dispose()
    return lap, rows, tmp_path / "lap" / "inspector.sqlite3"


def _by_hand(path, sql: str, *params) -> None:
    con = sqlite3.connect(path)
    with con:
        con.execute(sql, params)
    con.close()


def _verify(lap, capsys) -> str:
    assert main(["--data-dir", str(lap.folder), "audit", "verify"]) == 1
    out = capsys.readouterr().out
    assert "PROBLEMS FOUND" in out
    return out


def test_an_edited_row_is_named(chained, capsys):
    lap, rows, path = chained
    target = rows[2]
    _by_hand(path, "UPDATE audit_log SET reason = ? WHERE id = ?", "悄悄改过", target.id)
    out = _verify(lap, capsys)
    assert f"audit_log row {target.id}" in out and "altered" in out


def test_an_edited_action_with_its_hash_recomputed_is_still_found(chained, capsys):
    """Recomputing the edited row's own hash breaks the link from the next row."""
    lap, rows, path = chained
    target = rows[1]
    fields = dict(target.__dict__, action="nothing_happened")
    fields["row_hash"] = audit.row_hash({k: fields[k] for k in audit.HASHED})
    _by_hand(
        path,
        "UPDATE audit_log SET action = ?, row_hash = ? WHERE id = ?",
        "nothing_happened",
        fields["row_hash"],
        target.id,
    )
    out = _verify(lap, capsys)
    assert f"audit_log row {rows[2].id}" in out and "does not link" in out


def test_a_deleted_row_is_named(chained, capsys):
    lap, rows, path = chained
    _by_hand(path, "DELETE FROM audit_log WHERE id = ?", rows[2].id)
    out = _verify(lap, capsys)
    assert f"audit_log row {rows[3].id}" in out and "1 row(s) before it are missing" in out


def test_deleting_the_newest_row_is_noticed(chained, capsys):
    lap, rows, path = chained
    _by_hand(path, "DELETE FROM audit_log WHERE id = ?", rows[-1].id)
    out = _verify(lap, capsys)
    assert "the newest were deleted" in out


def test_a_deleted_received_row_is_noticed(chained, capsys):
    lap, rows, path = chained
    con = sqlite3.connect(path)
    foreign = con.execute(
        "SELECT id FROM audit_log WHERE chain != (SELECT audit_chain FROM local_state)"
    ).fetchone()[0]
    con.close()
    _by_hand(path, "DELETE FROM audit_log WHERE id = ?", foreign)
    out = _verify(lap, capsys)
    assert f"audit_log row {foreign}" in out and "missing from the audit log" in out
