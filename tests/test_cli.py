"""The ``inspector`` command, run as a user would run it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, data_dir: Path, stdin: str | None = None, env: dict | None = None):
    full_env = {**os.environ, "INSPECTOR_DATA_DIR": str(data_dir), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "inspector_app.cli.main", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=full_env,
        timeout=300,
        cwd=ROOT,
    )


def test_init_creates_database_in_data_dir(tmp_path):
    result = run("init", data_dir=tmp_path / "d")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "d" / "inspector.sqlite3").exists()
    from inspector_app.store.migrate import declared_head

    assert f"schema revision: {declared_head()}" in result.stdout
    again = run("init", data_dir=tmp_path / "d")
    assert again.returncode == 0 and again.stdout.splitlines()[-1] == result.stdout.splitlines()[-1]


def test_data_dir_option_wins_over_environment(tmp_path):
    result = run("--data-dir", str(tmp_path / "opt"), "init", data_dir=tmp_path / "env")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "opt" / "inspector.sqlite3").exists()
    assert not (tmp_path / "env").exists()


def test_demo_is_deterministic_and_searchable(tmp_path):
    a = run("demo", "--scale", "120", "--seed", "7", data_dir=tmp_path / "a")
    assert a.returncode == 0, a.stderr
    assert "120 equipment" in a.stdout
    b = run("demo", "--scale", "120", "--seed", "7", data_dir=tmp_path / "b")
    assert a.stdout.splitlines()[0].split(" in ")[0] == b.stdout.splitlines()[0].split(" in ")[0]
    check = run("db", "check", data_dir=tmp_path / "a")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "equipment: 120" in check.stdout and check.stdout.strip().endswith("ok")
    found = run("search", "漳州市", data_dir=tmp_path / "a")
    assert found.returncode == 0 and "match(es)" in found.stdout
    assert int(found.stdout.strip().splitlines()[-1].split()[0]) > 0


def test_officers_add_reads_password_from_stdin_never_argv(tmp_path):
    added = run(
        "officers",
        "add",
        "--name",
        "陈明",
        "--cert-no",
        "35069999",
        data_dir=tmp_path / "d",
        stdin="correct horse battery\n",
    )
    assert added.returncode == 0, added.stderr
    listed = run("officers", "list", data_dir=tmp_path / "d")
    assert "35069999" in listed.stdout and "陈明" in listed.stdout
    dup = run(
        "officers",
        "add",
        "--name",
        "陈明",
        "--cert-no",
        "35069999",
        data_dir=tmp_path / "d",
        stdin="another password\n",
    )
    assert dup.returncode == 1
    assert dup.stderr.count("\n") == 1 and "already exists" in dup.stderr
    short = run(
        "officers",
        "add",
        "--name",
        "李",
        "--cert-no",
        "35068888",
        data_dir=tmp_path / "d",
        stdin="short\n",
    )
    assert short.returncode == 1 and "at least 8" in short.stderr
    assert "Traceback" not in short.stderr
    no_pw = run(
        "officers",
        "add",
        "--name",
        "李",
        "--cert-no",
        "35068888",
        "--password",
        "x",
        data_dir=tmp_path / "d",
    )
    assert no_pw.returncode == 2  # there is no such option


def test_forms_check_shipped_forms_pass():
    result = run("forms", "check", data_dir=Path("/nonexistent-not-used"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "all forms are valid" in result.stdout


def test_forms_check_reports_file_and_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: x\nkind: elevator\ntitle: {zh: 电梯, en: Elevator}\nversion: '1'\n"
        "sections:\n  - id: S\n    title: {zh: 节, en: S}\n    items:\n"
        "      - id: X1\n        text_zh: 门锁\n        text_en: lock\n"
        "        hazzard: serious\n",
        encoding="utf-8",
    )
    result = run("forms", "check", str(bad), data_dir=tmp_path / "d")
    assert result.returncode == 1
    assert f"{bad}:" in result.stdout and "hazzard" in result.stdout


@pytest.mark.parametrize("url", ["postgresql+psycopg://u:pw@127.0.0.1:1/x", "nonsense://"])
def test_unreachable_database_is_one_line(tmp_path, url):
    result = run("--db", url, "db", "check", data_dir=tmp_path / "d")
    assert result.returncode == 1
    assert result.stderr.startswith("inspector: error:") and "Traceback" not in result.stderr
    assert "pw@" not in result.stderr


def test_notice_record_verify(tmp_path):
    d = tmp_path / "d"
    assert run("demo", "--scale", "150", "--seed", "2", data_dir=d).returncode == 0
    listing = run("--codes", "inspections", data_dir=d).stdout.splitlines()
    stop = next(line.split()[0] for line in listing if "stop_use" in line)
    open_one = next(line.split()[0] for line in listing if "in_progress" in line)
    a, b = tmp_path / "a.pdf", tmp_path / "b.pdf"
    first = run("notice", stop, "-o", str(a), data_dir=d)
    assert first.returncode == 0, first.stderr
    assert run("notice", stop, "-o", str(b), data_dir=d).returncode == 0
    assert a.read_bytes() == b.read_bytes()
    ok = run("verify", str(a), data_dir=d)
    assert ok.returncode == 0 and ok.stdout.startswith("VALID")
    corrected = tmp_path / "c.pdf"
    assert run("notice", stop, "--supersede", "-o", str(corrected), data_dir=d).returncode == 0
    old = run("verify", str(a), data_dir=d)
    assert old.returncode == 1 and old.stdout.startswith("SUPERSEDED")
    rec = run("record", stop, "-o", str(tmp_path / "r.pdf"), data_dir=d)
    assert rec.returncode == 0 and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    refused = run("notice", open_one, "-o", str(tmp_path / "x.pdf"), data_dir=d)
    assert refused.returncode == 1 and "not concluded" in refused.stderr
    assert not (tmp_path / "x.pdf").exists()
    bogus = run("verify", "--payload", "hello", data_dir=d)
    assert bogus.returncode == 1 and "Traceback" not in bogus.stderr


def test_data_folder_with_chinese_and_percent_in_its_path(tmp_path):
    """A Windows profile like C:\\Users\\张伟 or a folder named 100% must still open."""
    folder = tmp_path / "笔记本A 100%" / "数据"
    result = run("--data-dir", str(folder), "init", data_dir=tmp_path / "unused")
    assert result.returncode == 0, result.stderr
    assert (folder / "inspector.sqlite3").exists()
    assert run("--data-dir", str(folder), "db", "check", data_dir=tmp_path / "unused").returncode == 0
