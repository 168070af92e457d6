"""The steps of a 挂牌督办 case on the command line (``inspector cases …``) and the unit's
整改报告 with its pages (``inspector rectification-report --file``), on both databases:
the supervisor logs in, every step is written with its audit row, a refusal is one line
and writes nothing."""

from __future__ import annotations

import datetime as dt
import io
import sys

import desk_fixture
import pytest
from argon2 import PasswordHasher
from desk_fixture import TODAY
from sqlalchemy import func, select

from inspector_app.cli.main import main
from inspector_app.core import cases, officers
from inspector_app.store.models import (
    Attachment,
    AuditLog,
    CaseEvent,
    ChangeLog,
    Directive,
    Finding,
    SupervisionCase,
)

PASSWORD = "demo-pass-2026\n"
CERT = desk_fixture.SUPERVISOR[1]


@pytest.fixture(autouse=True)
def cheap_passwords(monkeypatch):
    monkeypatch.setattr(officers, "_hasher", PasswordHasher(time_cost=1, memory_cost=64))


@pytest.fixture
def office(db, blobs, tmp_path):
    ids = desk_fixture.build(db, blobs)  # blobs live in tmp_path/blobs, the CLI's folder
    with db.write() as s:
        [p] = [x for x in cases.proposals(s, today=TODAY) if x.proposal.unit_id == ids["U1"]]
        case = cases.open_case(
            s, unit_id=ids["U1"], finding_ids=list(p.proposal.finding_ids),
            basis=p.proposal.basis, directive_id=p.proposal.directive_id,
            deadline=dt.date(2026, 9, 30), leader="陈副局长", officer_id=ids["boss"],
            today=TODAY,
        )  # fmt: skip
        number = case.number
    return db, blobs, ids, number, ["--data-dir", str(tmp_path), "--db", db.url]


def run(monkeypatch, base, *words, password=PASSWORD):
    monkeypatch.setattr(sys, "stdin", io.StringIO(password))
    return main([*base, *words])


def _events(db, number):
    with db.read() as s:
        case = cases.case_by_number(s, number)
        return [e.kind for e in s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                          .order_by(CaseEvent.on, CaseEvent.created_at))]  # fmt: skip


def _one_line_error(capsys, *expected: str) -> None:
    err = capsys.readouterr().err
    assert err.startswith("inspector: error: ") and err.count("\n") == 1, err
    for text in expected:
        assert text in err, err


def test_case_steps_on_the_command_line(office, monkeypatch, capsys, tmp_path):
    db, blobs, _ids, number, base = office
    sup = ["--officer", CERT]

    # A wrong password: one line, nothing written.
    assert run(monkeypatch, base, "cases", "five", number, *sup, "--measures", "更换门锁",
               "--funds", "8万元", "--responsible", "林某", "--plan", "专人值守",
               password="wrong\n") == 1  # fmt: skip
    _one_line_error(capsys, "wrong certificate number or password")
    assert _events(db, number) == ["listed"]
    # A case number that does not exist: said before the password is asked for.
    assert run(monkeypatch, base, "cases", "step", "漳市监特督〔2026〕第999999号", "filed",
               *sup, password="") == 1  # fmt: skip
    _one_line_error(capsys, "no case numbered")

    assert run(monkeypatch, base, "cases", "five", number, *sup, "--on", "2026-06-15", "--measures",
               "更换层门门锁并全面检修安全回路", "--funds", "8万元（已到位）", "--responsible",
               "总务处主任 林某", "--plan", "停梯期间设专人值守") == 0  # fmt: skip
    assert "督办中" in capsys.readouterr().out
    assert run(monkeypatch, base, "cases", "step", number, "filed", *sup,
               "--on", "2026-06-16", "--note", "已报市安委办备案") == 0  # fmt: skip
    # Too late to ask for an extension (20 working days before the 时限): refused.
    assert run(monkeypatch, base, "cases", "extend", number, *sup, "--on", "2026-09-20",
               "--to", "2026-11-30", "--reason", "配件订货周期长") == 1  # fmt: skip
    _one_line_error(capsys, "extension must be asked by")
    assert run(monkeypatch, base, "cases", "extend", number, *sup, "--on", "2026-08-10",
               "--to", "2026-11-30", "--reason", "配件订货周期长") == 0  # fmt: skip
    assert run(monkeypatch, base, "cases", "decide", number, *sup, "--refuse") == 1
    _one_line_error(capsys, "note is required")
    assert run(monkeypatch, base, "cases", "decide", number, *sup, "--grant",
               "--on", "2026-08-17", "--note", "同意") == 0  # fmt: skip
    assert "时限2026-11-30" in capsys.readouterr().out

    evidence = tmp_path / "验收报告.pdf"
    evidence.write_bytes(b"%PDF-1.4 acceptance report")
    # The hazard is not closed by a follow-up yet: refused.
    assert run(monkeypatch, base, "cases", "accept", number, *sup, "--note", "验收合格",
               "--evidence", str(evidence)) == 1  # fmt: skip
    _one_line_error(capsys, "not closed by a follow-up")
    assert run(monkeypatch, base, "cases", "accept", number, *sup, "--note", "验收合格",
               "--evidence", str(tmp_path / "missing.pdf")) == 1  # fmt: skip
    _one_line_error(capsys, "cannot read", "missing.pdf")
    with db.write() as s:
        f = s.get(Finding, cases.case_by_number(s, number).finding_ids[0])
        f.status, f.closed_at = "closed", dt.datetime(2026, 11, 18, 2, tzinfo=dt.UTC)
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"\xff\xfe not text")
    assert run(monkeypatch, base, "cases", "accept", number, *sup, "--note", "验收合格",
               "--evidence", str(evidence), str(notes)) == 1  # fmt: skip
    _one_line_error(capsys, "notes.txt")
    assert _events(db, number) == ["listed", "five_set", "filed", "extension_requested",
                                   "extension_decided"]  # fmt: skip
    assert run(monkeypatch, base, "cases", "accept", number, *sup, "--on", "2026-11-20",
               "--note", "隐患已消除，验收合格", "--evidence", str(evidence)) == 0  # fmt: skip
    assert "已验收销号" in capsys.readouterr().out
    # Closed: no more changes, but a referral to the police is still possible.
    assert run(monkeypatch, base, "cases", "withdraw", number, *sup, "--reason", "x") == 1
    _one_line_error(capsys, "can no longer change")
    assert run(monkeypatch, base, "cases", "police", number, *sup, "--offence", "危险作业罪",
               "--facts", "责令停止使用后仍继续使用") == 0  # fmt: skip

    with db.read() as s:
        case = cases.case_by_number(s, number)
        assert (case.status, case.deadline, case.police_referral) == (
            "accepted", dt.date(2026, 11, 30), True)  # fmt: skip
        assert case.measures == "更换层门门锁并全面检修安全回路"
        events = s.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)).all()
        audited = s.scalars(select(AuditLog.action).where(AuditLog.entity_id == case.id)).all()
        assert sorted(audited) == sorted(f"case_{e.kind}" for e in events)
        logged = set(s.scalars(select(ChangeLog.row_id).where(
            ChangeLog.table_name == "case_events")))  # fmt: skip
        assert {e.id for e in events} <= logged
        [kept] = s.scalars(select(Attachment).where(Attachment.owner == "case_event")).all()
        assert kept.name == "验收报告.pdf" and blobs.get(kept.blob_sha256).startswith(b"%PDF")
        assert s.scalar(select(ChangeLog.row_id).where(ChangeLog.table_name == "attachments",
                                                       ChangeLog.row_id == kept.id))  # fmt: skip

    assert main([*base, "cases", "show", number]) == 0
    out = capsys.readouterr().out
    for text in ("已验收销号", "五到位：已落实", "更换层门门锁并全面检修安全回路", "配件订货周期长",
                 "验收报告.pdf", "已移送公安机关", "备案"):  # fmt: skip
        assert text in out, out


def test_withdraw_and_the_rectification_report_with_its_pages(office, monkeypatch, capsys,
                                                              tmp_path):  # fmt: skip
    db, blobs, _ids, number, base = office
    assert run(monkeypatch, base, "cases", "withdraw", number, "--officer", CERT,
               "--reason", "") == 1  # fmt: skip
    _one_line_error(capsys, "reason is required")
    assert run(monkeypatch, base, "cases", "withdraw", number, "--officer", CERT,
               "--reason", "隐患系误报，经复核不属重大事故隐患") == 0  # fmt: skip
    assert "已撤销" in capsys.readouterr().out

    with db.read() as s:
        directive = s.scalars(select(Directive).where(Directive.report_received_on.is_(None),
                                                      Directive.status != "superseded")
                              .order_by(Directive.number)).first()  # fmt: skip
        directive_number = directive.number
    page = tmp_path / "整改报告.png"
    page.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    bad = tmp_path / "整改报告.exe"
    bad.write_bytes(b"MZ\x90\x00")
    base_report = [*base, "rectification-report", directive_number, "--received", "2026-06-12"]
    assert main([*base_report, "--file", str(page), "--file", str(bad)]) == 1
    _one_line_error(capsys, "整改报告.exe")
    with db.read() as s:
        assert s.get(Directive, directive.id).report_received_on is None  # nothing written
        assert s.scalar(select(func.count()).select_from(Attachment)) == 0
    assert main([*base_report, "--file", str(page)]) == 0
    assert "附件1份" in capsys.readouterr().out
    with db.read() as s:
        d = s.get(Directive, directive.id)
        assert d.report_received_on == dt.date(2026, 6, 12) and d.reinspection_due is not None
        [kept] = s.scalars(select(Attachment).where(Attachment.owner_id == d.id)).all()
        assert (kept.purpose, kept.name) == ("rectification_report", "整改报告.png")
        assert s.scalar(select(ChangeLog.row_id).where(ChangeLog.table_name == "attachments",
                                                       ChangeLog.row_id == kept.id))  # fmt: skip
        assert blobs.get(kept.blob_sha256) == page.read_bytes()
        assert s.scalar(select(AuditLog.id).where(AuditLog.entity_id == d.id,
                                                  AuditLog.action == "rectification_report_files"))  # fmt: skip
        assert s.get(SupervisionCase, cases.case_by_number(s, number).id).status == "withdrawn"


def test_board_by_campaign_on_the_command_line(office, capsys):
    """``--campaign`` takes a campaign record by name or id; an unknown one is one line."""
    db, _blobs, ids, _number, base = office
    from inspector_app.core import campaigns

    with db.write() as s:
        c = campaigns.create_campaign(s, name="电梯专项", doc_no="漳市监特〔2026〕12号",
                                      owner_id=ids["boss"], starts_on=dt.date(2026, 6, 1),
                                      ends_on=dt.date(2026, 6, 30))  # fmt: skip
        campaign_id = c.id
    capsys.readouterr()
    assert main([*base, "board", "--campaign", "电梯专项"]) == 0
    out = capsys.readouterr().out
    assert "专项检查：电梯专项（漳市监特〔2026〕12号）" in out
    assert main([*base, "board", "--campaign", campaign_id, "--from", "2025-07-01"]) == 0
    lines = [x.split() for x in capsys.readouterr().out.splitlines()[2:]]
    assert lines and all(words[-1] == "0" for words in lines)  # no inspection from its tasks yet
    assert main([*base, "board", "--campaign", "没有这个专项"]) == 1
    _one_line_error(capsys, "没有这个专项")
    book = f"{base[1]}/专项统计.xlsx"
    assert main([*base, "stats", "--from", "2026-01-01", "--to", "2026-06-30",
                 "--campaign", "电梯专项", "-o", book]) == 0  # fmt: skip
    import openpyxl

    about = {r[0]: r[1] for r in openpyxl.load_workbook(book)["说明"].iter_rows(values_only=True)
             if r and r[0]}  # fmt: skip
    assert about["专项检查"] == "电梯专项（漳市监特〔2026〕12号）"
