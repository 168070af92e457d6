"""CLI messages a new user meets: one line, in the ``inspector: error:`` form, and Chinese
labels for stored codes (issue 9, points 8 and 10)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from inspector_app.core import demo
from inspector_app.rules.enums import EQUIPMENT_KIND_ZH

ROOT = Path(__file__).resolve().parents[1]


def run(*args: str, data_dir: Path, stdin: str | None = None):
    env = {**os.environ, "INSPECTOR_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [sys.executable, "-m", "inspector_app.cli.main", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env=env,
        timeout=300,
        cwd=ROOT,
    )


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("cli-demo") / "d"
    made = run("demo", "--scale", "80", "--seed", "3", data_dir=folder)
    assert made.returncode == 0, made.stderr
    return folder


@pytest.fixture
def data(demo_folder, tmp_path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(demo_folder, copy)
    return copy


def _one_error_line(result) -> str:
    assert result.returncode == 1, result.stdout + result.stderr
    assert result.stderr.startswith("inspector: error: "), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "unexpected error" not in result.stderr
    return result.stderr


def test_data_dir_that_is_a_file_is_refused_in_one_line(tmp_path):
    a_file = tmp_path / "passwd"
    a_file.write_text("root:x:0:0\n")
    for args in (("init",), ("search", "电梯"), ("officers", "list")):
        err = _one_error_line(run("--data-dir", str(a_file), *args, data_dir=tmp_path / "u"))
        assert "is a file, not a folder" in err and str(a_file) in err
    assert a_file.read_text() == "root:x:0:0\n"


@pytest.mark.parametrize(
    "args",
    [
        ("search", "电梯公司"),
        ("inspections",),
        ("officers", "list"),
        ("db", "check"),
        ("config", "show"),
        ("config", "set", "authority_short", "漳"),
        ("record", "0190", "-o", "r.pdf"),
        ("notice", "0190", "-o", "n.pdf"),
    ],
)
def test_read_commands_refuse_a_folder_without_a_database(tmp_path, args):
    typo = tmp_path / "inspektor-data"
    err = _one_error_line(run("--data-dir", str(typo), *args, data_dir=tmp_path / "unused"))
    assert "no database in" in err and str(typo) in err and "inspector init" in err
    assert not typo.exists()  # nothing created


def test_verify_on_a_folder_without_a_database_is_refused(tmp_path):
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    err = _one_error_line(run("verify", str(pdf), data_dir=tmp_path / "missing"))
    assert "no database in" in err


def test_search_says_when_the_text_is_too_short(data):
    err = _one_error_line(run("search", "幼儿", data_dir=data))
    assert "3 characters" in err
    code_start = run("search", "31", data_dir=data)  # the start of a registration code
    assert code_start.returncode == 0 and int(code_start.stdout.split()[-2]) > 0
    three = run("search", "幼儿园", data_dir=data)
    assert three.returncode == 0, three.stderr


def test_stored_codes_print_as_chinese_labels_unless_codes_asked(data):
    listing = run("inspections", data_dir=data).stdout
    assert "已结束" in listing and "concluded" not in listing
    assert re.search("停止使用|限期整改|未发现问题", listing)
    assert not re.search(r"\b(stop_use|rectify|in_progress)\b", listing)
    codes = run("--codes", "inspections", data_dir=data).stdout
    assert "concluded" in codes and "已结束" not in codes
    found = run("search", "漳州市", data_dir=data).stdout
    assert re.search("电梯|自动扶梯|锅炉|客运索道|大型游乐设施", found)
    assert not re.search(r"\b(elevator|escalator|boiler|ropeway|amusement_ride)\b", found)
    officers = run("officers", "list", data_dir=data).stdout
    assert "监察员" in officers and "科室负责人" in officers and "supervisor" not in officers
    forms = run("forms", "list", data_dir=data).stdout
    kinds = set(EQUIPMENT_KIND_ZH.values())
    assert forms.strip() and all(line.split()[0] in kinds for line in forms.splitlines())


def _readme_command(word: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return next(line for line in text.splitlines() if line.startswith(f"inspector {word}"))


def test_readme_officers_add_example_works_on_the_demo_database(data):
    line = _readme_command("officers add")
    cert = re.search(r"--cert-no (\S+)", line).group(1)
    assert cert not in {c for _n, c, _r in demo.DEMO_OFFICERS}
    name = re.search(r"--name (\S+)", line).group(1)
    added = run(
        "officers",
        "add",
        "--name",
        name,
        "--cert-no",
        cert,
        data_dir=data,
        stdin="a good password\n",
    )
    assert added.returncode == 0, added.stderr


def test_readme_verify_wording_is_what_the_cli_prints():
    from inspector_app.cli.labels import VERIFICATION

    line = _readme_command("verify")
    for status, zh in VERIFICATION.items():
        assert status.upper() in line and zh in line, line
    assert "genuine" not in line


def test_a_reader_that_goes_away_is_no_error():
    """`inspector … | head` closes the pipe early: the command stops quietly with 141
    (128 + SIGPIPE), as the shell's own tools do, instead of an 'unexpected error'."""
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader is gone before the first line
    try:
        done = subprocess.run([sys.executable, "-m", "inspector_app.cli.main", "forms", "check"],
                              stdout=write_end, stderr=subprocess.PIPE, timeout=120)  # fmt: skip
    finally:
        os.close(write_end)
    assert done.returncode == 141
    assert done.stderr.decode() == ""
