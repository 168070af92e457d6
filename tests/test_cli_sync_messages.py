"""The sync-related CLI messages: one line, ``inspector: error:`` form, no library noise."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import select
from test_sync_support import join, make_node, make_office, push_bundle

from inspector_app.cli.main import main
from inspector_app.core import demo
from inspector_app.store.models import Directive

ROOT = Path(__file__).resolve().parents[1]


def run(*args, data_dir: Path) -> subprocess.CompletedProcess:
    """The real command, arguments as bytes (a terminal can pass any)."""
    env = {**os.environ, "INSPECTOR_DATA_DIR": str(data_dir)}
    return subprocess.run(
        [
            sys.executable.encode(),
            b"-m",
            b"inspector_app.cli.main",
            *(a if isinstance(a, bytes) else str(a).encode() for a in args),
        ],
        capture_output=True,
        env=env,
        timeout=120,
        cwd=ROOT,
    )


def _one_error_line(result: subprocess.CompletedProcess) -> str:
    err = result.stderr.decode("utf-8", "replace")
    assert result.returncode == 1, (result.returncode, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("inspector: error: "), err
    assert "Traceback" not in err and "Background on this error" not in err
    return lines[0]


def test_serve_on_a_busy_port_says_so_in_one_line(tmp_path):
    assert main(["--data-dir", str(tmp_path / "o"), "office", "init"]) == 0
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = run("--data-dir", tmp_path / "o", "serve", "--port", port, data_dir=tmp_path)
    line = _one_error_line(result)
    assert f"cannot listen on 127.0.0.1:{port}" in line and "in use" in line


def test_sync_refuses_a_server_address_without_scheme_at_once(tmp_path, capsys):
    started = time.monotonic()
    assert main(["--data-dir", str(tmp_path / "l"), "sync", "--server", "office.example"]) == 1
    assert time.monotonic() - started < 5  # no six attempts with backoff
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "must start with http:// or https://" in err


def test_importing_a_push_bundle_on_a_laptop_says_where_it_belongs(tmp_path, capsys):
    office = make_office(tmp_path)
    lap, other = make_node(tmp_path, "lap"), make_node(tmp_path, "other")
    join(lap, office)
    demo.generate(lap.db, lap.blobs, equipment=3, seed=1)
    path = tmp_path / "push.bundle"
    path.write_bytes(push_bundle(lap).data)
    assert main(["--data-dir", str(other.folder), "bundle", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert "import it at the office" in err and "office init" not in err


def test_export_with_nothing_pending_writes_no_file(tmp_path, capsys):
    office = make_office(tmp_path)
    lap = make_node(tmp_path, "lap")
    join(lap, office)
    first = tmp_path / "first.bundle"
    assert main(["--data-dir", str(lap.folder), "bundle", "export", "-o", str(first)]) == 0
    assert first.exists()
    assert main(["--data-dir", str(office.folder), "bundle", "import", str(first)]) == 0
    back = tmp_path / "back.bundle"
    assert (
        main(
            [
                "--data-dir",
                str(office.folder),
                "bundle",
                "export",
                "--for-device",
                lap.db.device_id(),
                "-o",
                str(back),
            ]
        )
        == 0
    )
    assert main(["--data-dir", str(lap.folder), "bundle", "import", str(back)]) == 0
    capsys.readouterr()
    again = tmp_path / "again.bundle"
    assert main(["--data-dir", str(lap.folder), "bundle", "export", "-o", str(again)]) == 0
    assert "nothing to export" in capsys.readouterr().out and not again.exists()
    assert (
        main(
            [
                "--data-dir",
                str(lap.folder),
                "bundle",
                "export",
                "--since",
                str(2**70),
                "-o",
                str(again),
            ]
        )
        == 1
    )
    assert "--since" in capsys.readouterr().err


def test_verify_on_a_non_pdf_is_one_line_without_pypdf_warnings(tmp_path):
    assert main(["--data-dir", str(tmp_path / "d"), "init"]) == 0
    junk = tmp_path / "not.pdf"
    junk.write_bytes(b"hello, this is not a PDF")
    line = _one_error_line(run("verify", junk, data_dir=tmp_path / "d"))
    assert line.endswith("is not a PDF file")
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4\n1 0 obj\n<<>>\n")  # a PDF header, then nothing sound
    line = _one_error_line(run("verify", broken, data_dir=tmp_path / "d"))
    assert "PDF" in line


def test_verify_payload_prints_what_to_compare_on_paper(tmp_path, capsys):
    node = make_node(tmp_path, "d")
    demo.generate(node.db, node.blobs, equipment=12, seed=3)
    with node.db.read() as s:
        directive = s.scalars(select(Directive).order_by(Directive.number)).first()
    from inspector_app.reports.integrity import qr_payload

    payload = qr_payload(directive.number, directive.content_digest)
    assert main(["--data-dir", str(node.folder), "verify", "--payload", payload]) == 0
    out = capsys.readouterr().out
    assert out.startswith("VALID")
    for label in ("unit:", "issued on:", "findings:", "serious:", "deadline:"):
        assert label in out
    assert f"{directive.issued_at:%Y-%m-%d}" in out


def test_database_errors_and_odd_arguments_are_one_line(tmp_path, capsys):
    line = _one_error_line(
        run("--db", "postgresql+psycopg://nobody@127.0.0.1:1/none", "init", data_dir=tmp_path)
    )
    assert "cannot open database" in line
    assert main(["--data-dir", str(tmp_path / "d"), "init"]) == 0
    line = _one_error_line(run("search", b"\xff\xfe\xfd", data_dir=tmp_path / "d"))
    assert "not valid UTF-8" in line
    assert main(["--data-dir", str(tmp_path / "d"), "search", "幼儿\x00园"]) == 0
    assert "match(es)" in capsys.readouterr().out
