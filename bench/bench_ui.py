"""Desktop app benchmarks (not a test). Run: .venv/bin/python -m bench.bench_ui [--runs 7]

a. Start-up on a database made by ``inspector demo --scale 20000`` (made once, through
   the CLI, in a temp data folder): ``inspector-app --smoke`` against a bare PySide6
   script with the same QApplication setup that shows one QLabel. Both print
   ``shown <ms>`` when their window is first exposed (ms since the top of the entry
   module); the bare script then quits. The app prints ``ready <ms>`` once its home
   screen shows its first page (read with sqlite3 before SQLAlchemy is loaded:
   ``store/quickread.py``) and ``loaded <ms>`` once the data layer is in behind it,
   then exits. Interleaved runs (the order alternates), medians of: time to shown
   (measured here, from spawning the process to reading the line; the child's own
   figure is shown too) and its ratio app/bare (target <= 1.5); the app's time to
   ready, i.e. cold start to a usable home screen, and its ratio to the bare
   script's wall time (target <= 2.5); time to loaded; wall time of each process.
   Peak RSS of the smoke run from wait4() (target <= 250 MB).
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
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import median_ms, p95_ms

BARE = """
import time
STARTED = time.perf_counter()
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel


class FirstExposed(QObject):  # as inspector_app.ui.startup.FirstExposed
    def __init__(self, widget, callback):
        super().__init__(widget)
        self.callback = callback
        widget.winId()
        self.handle = widget.windowHandle()
        self.handle.installEventFilter(self)

    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and self.callback and self.handle.isExposed():
            callback, self.callback = self.callback, None
            QTimer.singleShot(0, callback)
        return False


def shown():
    print(f"shown {round((time.perf_counter() - STARTED) * 1000)}", flush=True)
    app.quit()


app = QApplication(sys.argv[:1])
app.setApplicationName("inspector-app")
app.setOrganizationName("inspector")
label = QLabel("特种设备现场监督检查")
label.resize(1366, 768)
probe = FirstExposed(label, shown)
label.show()
sys.exit(app.exec())
"""


@dataclass
class Run:
    wall: float  # s, spawn to exit
    rss_kb: int
    seen: dict[str, float] = field(default_factory=dict)  # line word -> s since spawn
    said: dict[str, int] = field(default_factory=dict)  # line word -> the child's own ms


def _run(cmd: list[str], env: dict) -> Run:
    """One child process: wall time, peak RSS, and when each stdout line arrived."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    run = Run(0.0, 0)

    def read() -> None:
        for line in proc.stdout:
            word, _, value = line.strip().partition(" ")
            run.seen.setdefault(word, time.perf_counter() - start)
            if value.isdigit():
                run.said.setdefault(word, int(value))

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    _pid, status, usage = os.wait4(proc.pid, 0)
    run.wall = time.perf_counter() - start
    run.rss_kb = usage.ru_maxrss
    reader.join(5)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read() if proc.stderr else ""
    if proc.returncode != 0 or "shown" not in run.seen:
        raise SystemExit(f"{cmd} exited {proc.returncode}: {err[-2000:]}")
    return run


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
    bare_cmd = [sys.executable, "-c", BARE]
    smoke: list[Run] = []
    bare: list[Run] = []
    for i in range(runs):
        pair = [(smoke_cmd, smoke), (bare_cmd, bare)]
        for cmd, into in pair if i % 2 == 0 else reversed(pair):
            into.append(_run(cmd, env))
    for run in smoke:
        if "ready" not in run.seen:
            raise SystemExit("--smoke exited without printing 'ready'")

    def med(runs_: list[Run], get) -> float:
        return statistics.median(get(r) for r in runs_)

    app_shown = med(smoke, lambda r: r.seen["shown"])
    bare_shown = med(bare, lambda r: r.seen["shown"])
    app_ready = med(smoke, lambda r: r.seen["ready"])
    app_wall, bare_wall = med(smoke, lambda r: r.wall), med(bare, lambda r: r.wall)
    rss = [r.rss_kb for r in smoke]
    print(f"time to shown  smoke (20k)  median {app_shown * 1000:6.0f} ms   "
          f"(own figure {med(smoke, lambda r: r.said['shown']):.0f} ms)", flush=True)
    print(f"time to shown  bare QLabel  median {bare_shown * 1000:6.0f} ms   "
          f"(own figure {med(bare, lambda r: r.said['shown']):.0f} ms)   "
          f"ratio {app_shown / bare_shown:4.2f}   (target <= 1.5)", flush=True)
    print(f"time to ready  smoke (20k)  median {app_ready * 1000:6.0f} ms   "
          f"(own figure {med(smoke, lambda r: r.said['ready']):.0f} ms)   "
          f"ratio to bare wall {app_ready / bare_wall:4.2f}   (target <= 2.5)", flush=True)
    if all("loaded" in r.seen for r in smoke):
        app_loaded = med(smoke, lambda r: r.seen["loaded"])
        print(f"time to loaded smoke (20k)  median {app_loaded * 1000:6.0f} ms   "
              f"(data layer in, behind the shown page)   "
              f"ratio to bare wall {app_loaded / bare_wall:4.2f}", flush=True)
    print(f"wall time      smoke (20k)  median {app_wall * 1000:6.0f} ms   "
          f"bare median {bare_wall * 1000:.0f} ms   ratio {app_wall / bare_wall:4.2f}", flush=True)
    print(f"smoke peak RSS              max {max(rss) / 1024:7.1f} MB   "
          f"median {statistics.median(rss) / 1024:.1f} MB   (target <= 250 MB)", flush=True)


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
