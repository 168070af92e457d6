"""The documents of issue 8 from the command line: addressees, records, the 整改报告, settings."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_cli import ROOT, run  # tests/ is on sys.path (no package), as pytest runs it


def _text(path: Path) -> str:
    return "".join("".join(p.extract_text().split()) for p in PdfReader(path).pages)


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-docs")
    made = run("demo", "--scale", "100", "--seed", "3", data_dir=folder)
    assert made.returncode == 0, made.stderr
    return folder


def _query(folder: Path, sql: str):
    with sqlite3.connect(folder / "inspector.sqlite3") as conn:
        return conn.execute(sql).fetchall()


def test_notice_to_the_maintenance_unit_and_back(demo_dir, tmp_path):
    (iid,) = _query(demo_dir, "SELECT inspection_id FROM directives WHERE maintenance_unit_id "
                              "IS NOT NULL GROUP BY inspection_id "
                              "HAVING COUNT(DISTINCT maintenance_unit_id) = 1 LIMIT 1")[0]  # fmt: skip
    again = run("notice", iid, "--to", "maintenance", "-o", str(tmp_path / "mu.pdf"),
                data_dir=demo_dir)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert again.stdout.startswith("printed again 漳市监特令")
    text = _text(tmp_path / "mu.pdf")
    assert "维护保养单位" in text and "你（单位）作为维护保养单位" in text
    user = run("notice", iid, "-o", str(tmp_path / "user.pdf"), data_dir=demo_dir)
    assert user.returncode == 0 and "被检查单位" in _text(tmp_path / "user.pdf")
    bad = run("notice", iid, "--to", "somebody", "-o", str(tmp_path / "x.pdf"), data_dir=demo_dir)
    assert bad.returncode == 1 and bad.stderr.startswith("inspector: error: --to 'somebody'")
    assert len(bad.stderr.strip().splitlines()) == 1


def test_record_prints_its_number_type_and_opinion(demo_dir, tmp_path):
    (iid, number), = _query(demo_dir, "SELECT id, record_number FROM inspections "
                                      "WHERE inspection_type = 'other' AND status = 'concluded' "
                                      "AND unit_opinion != '' LIMIT 1")  # fmt: skip
    result = run("record", iid, "-o", str(tmp_path / "r.pdf"), data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"record {number} ->")
    text = _text(tmp_path / "r.pdf")
    assert number in text and "□常规□专项□证后■其他" in text and "被检查单位意见" in text


def test_rectification_report_prints_the_reinspection_date(demo_dir):
    (number, issued), = _query(demo_dir, "SELECT number, issued_at FROM directives "
                                         "WHERE status = 'issued' ORDER BY issued_at LIMIT 1")  # fmt: skip
    day = issued[:10]
    result = run("rectification-report", number, "--received", day, data_dir=demo_dir)
    assert result.returncode == 0, result.stderr
    assert "复查期限" in result.stdout and "10个工作日" in result.stdout
    bad = run("rectification-report", number, "--received", "2026-13-40", data_dir=demo_dir)
    assert bad.returncode == 1 and "YYYY-MM-DD" in bad.stderr


def test_remedies_settings_are_checked(tmp_path):
    folder = tmp_path / "cfg"
    assert run("init", data_dir=folder).returncode == 0
    bad = run("config", "set", "court", "芗城区", data_dir=folder)
    assert bad.returncode == 1 and "court must name the body in full" in bad.stderr
    good = run("config", "set", "review_body", "漳州市人民政府", data_dir=folder)
    assert good.returncode == 0
    shown = run("config", "show", data_dir=folder)
    assert (
        "review_body" in shown.stdout
        and "漳州市人民政府" in shown.stdout
        and "court" in shown.stdout
    )


def test_forms_check_refuses_a_penalty_article_as_a_duty(tmp_path):
    folder = tmp_path / "forms"
    shutil.copytree(ROOT / "forms", folder)
    common = folder / "common.yaml"
    lines = common.read_text(encoding="utf-8").splitlines()
    at = next(i for i, line in enumerate(lines) if "article: 42" in line)
    lines[at] = lines[at].replace("article: 42", "article: 84")
    common.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run("forms", "check", str(folder), data_dir=tmp_path / "d")
    assert result.returncode == 1
    assert f"common.yaml:{at + 1}: item 'C12': failure 'C12-1': " in result.stdout
    assert "is a penalty article" in result.stdout
