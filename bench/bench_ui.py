"""Desktop app benchmarks (not a test). Run: .venv/bin/python -m bench.bench_ui [--runs 7]

a. ``inspector-app --smoke`` wall time on a database made by ``inspector demo --scale
   20000`` (made once, through the CLI, in a temp data folder), against a bare PySide6
   script with the same QApplication setup that shows one QLabel; both quit as soon as
   their window is shown. Interleaved runs, medians and ratio (target <= 2.5). Peak RSS
   of the smoke run from wait4() (target <= 250 MB).
b. Opening a 300-item checklist (seven elevators registered in a temp database, as
   tests/ui does): median ms from constructing the screen to it being shown
   (target <= 300 ms).
c. Answer to committed row: from the answer call in the checklist screen to the
   writer thread's done signal for that row, p95 over ~200 answers (target <= 16 ms).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.common import median_ms, p95_ms

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
app.setApplicationName("inspector-app")
app.setOrganizationName("inspector")
label = QLabel("特种设备现场监督检查")
label.resize(1366, 768)
QTimer.singleShot(0, app.quit)  # runs once the window is shown, as --smoke does
label.show()
sys.exit(app.exec())
"""


def _run(cmd: list[str], env: dict) -> tuple[float, int]:
    """Wall seconds and peak RSS (kB) of one child process."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} exited {proc.returncode}: {err[-2000:]}")
    return elapsed, usage.ru_maxrss


def bench_smoke(folder: Path, runs: int) -> None:
    data = folder / "demo20k"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INSPECTOR_DATA_DIR=str(data))
    cli = Path(sys.executable).parent / "inspector"
    started = time.perf_counter()
    subprocess.run([str(cli), "demo", "--scale", "20000"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    print(f"demo --scale 20000 made in {time.perf_counter() - started:.1f} s", flush=True)
    app = Path(sys.executable).parent / "inspector-app"
    smoke_cmd = [str(app), "--smoke"] if app.exists() else [
        sys.executable, "-m", "inspector_app.ui.app", "--smoke"]
    _run(smoke_cmd, env)  # first start migrates/registers forms; not timed
    bare = [sys.executable, "-c", BARE]
    smoke, b0, rss = [], [], []
    for _ in range(runs):
        t, kb = _run(smoke_cmd, env)
        smoke.append(t)
        rss.append(kb)
        b0.append(_run(bare, env)[0])
    med = statistics.median
    print(f"smoke (20k equipment)       median {med(smoke) * 1000:7.0f} ms", flush=True)
    print(f"bare QLabel                 median {med(b0) * 1000:7.0f} ms   "
          f"ratio {med(smoke) / med(b0):4.2f}   (target <= 2.5)", flush=True)
    print(f"smoke peak RSS              max {max(rss) / 1024:7.1f} MB   "
          f"median {med(rss) / 1024:.1f} MB   (target <= 250 MB)", flush=True)


def _checklist_fixture(folder: Path, inline: bool):
    from sqlalchemy import select

    from inspector_app.cli.context import open_workspace
    from inspector_app.core import demo
    from inspector_app.core.inspections import start_inspection
    from inspector_app.rules.enums import EquipmentKind
    from inspector_app.store.models import Equipment, Officer, Unit
    from inspector_app.ui.context import AppContext
    from inspector_app.ui.writer import Writer

    ws = open_workspace(str(folder))
    demo.generate(ws.db, ws.blobs, equipment=24, seed=7)
    with ws.db.write() as s:
        unit_id = s.scalars(select(Unit.id).order_by(Unit.id)).first()
        ids = []
        for i in range(7):
            eq = Equipment(unit_id=unit_id, kind=EquipmentKind.ELEVATOR, category_code="3110",
                           registration_code=f"311035060220200{i:05d}", name=f"{i + 1}号测试梯",
                           attributes={"drive": "traction", "usage": "passenger"})
            s.add(eq)
            s.flush()
            ids.append(eq.id)
        lead = s.scalars(select(Officer).where(Officer.cert_no == "35060001")).one()
        second = s.scalars(select(Officer).where(Officer.cert_no == "35060002")).one()
        iid = start_inspection(s, unit_id=unit_id, equipment_ids=ids, lead_officer_id=lead.id,
                               second_officer_id=second.id).id
        lead_id, lead_name = lead.id, lead.name
    writer = Writer(ws.db, inline=inline)
    return ws, AppContext(workspace=ws, writer=writer, officer_id=lead_id,
                          officer_name=lead_name), iid


def bench_open_checklist(folder: Path, runs: int) -> None:
    from PySide6.QtWidgets import QApplication

    from inspector_app.ui.checklist.screen import ChecklistScreen

    ws, ctx, iid = _checklist_fixture(folder / "open", inline=True)
    app = QApplication.instance()
    ChecklistScreen(ctx, iid).deleteLater()  # warm the form cache, as a second open is
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        screen = ChecklistScreen(ctx, iid)
        screen.resize(1366, 700)
        screen.show()
        app.processEvents()
        samples.append(time.perf_counter() - start)
        total = screen.model.counts().total
        screen.close()
        screen.deleteLater()
        app.processEvents()
    print(f"open checklist ({total} items)   median {median_ms(samples):7.1f} ms   "
          f"p95 {p95_ms(samples):7.1f} ms   (target <= 300 ms)", flush=True)
    ctx.writer.shutdown()
    ws.db.dispose()


def bench_answer_commit(folder: Path, answers: int) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    from inspector_app.rules.enums import Outcome
    from inspector_app.ui.checklist.screen import ChecklistScreen

    ws, ctx, iid = _checklist_fixture(folder / "answer", inline=False)
    screen = ChecklistScreen(ctx, iid)
    screen.resize(1366, 700)
    screen.show()
    done: dict[int, float] = {}
    ctx.writer.sig_done.connect(lambda job, _r: done.__setitem__(job, time.perf_counter()))
    ctx.writer.sig_failed.connect(lambda job, exc: print("failed:", exc, flush=True))
    samples = []
    for _ in range(answers):
        state = screen.current_state()
        if state is None or state.outcome is not None:
            screen.resume()
            state = screen.current_state()
            if state is None or state.outcome is not None:
                break
        before = len(done)
        start = time.perf_counter()
        if state.item.measurement is not None:
            m = state.item.measurement
            value = (m.min + m.max) / 2 if m.min is not None and m.max is not None else (
                m.min if m.min is not None else m.max)
            screen.measure(value)
        else:
            screen.answer(Outcome.PASS)
        while len(done) == before:
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        samples.append(done[max(done)] - start)
        ctx.writer.wait_idle()  # the re-read after the commit is not part of the figure
    print(f"answer -> committed ({len(samples)} answers)   median {median_ms(samples):6.2f} ms   "
          f"p95 {p95_ms(samples):6.2f} ms   (target <= 16 ms)", flush=True)
    screen.close()
    ctx.writer.shutdown()
    ws.db.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--answers", type=int, default=200)
    parser.add_argument("--skip-smoke", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="bench-ui-"))
    try:
        if not args.skip_smoke:
            bench_smoke(folder, args.runs)
        from PySide6.QtWidgets import QApplication

        _app = QApplication(sys.argv[:1])
        bench_open_checklist(folder, max(args.runs, 15))
        bench_answer_commit(folder, args.answers)
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    sys.stdout.flush()
    os._exit(0)  # skip PySide's interpreter-teardown GC, which can crash after the figures


if __name__ == "__main__":
    main()
