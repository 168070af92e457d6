"""``inspector forms diff|publish|publications``: form versions published by the office."""

from __future__ import annotations

import argparse
from pathlib import Path

from inspector_app.checklists.diff import FormDiff
from inspector_app.core import form_publishing
from inspector_app.rules.enums import HAZARD_CLASS_ZH

from . import labels
from .context import open_workspace


def diff_lines(diff: FormDiff, title: str) -> list[str]:
    """The review a supervisor reads before publishing (also what ``diff`` prints)."""
    hazard = lambda h: labels.label(HAZARD_CLASS_ZH, h)  # noqa: E731
    old = diff.old_version or "（无）"
    lines = [f"{title}：{old} → {diff.new_version}"]
    if diff.old_version is None:
        lines.append(f"  该类设备尚无检查表：{len(diff.added)} 项均为新增")
        return lines
    if diff.same_content:
        lines.append("  内容与新检查所用的版本相同")
        return lines
    if diff.empty:
        lines.append("  检查项无变化（仅表头或章节变化）")
    for item in diff.added:
        lines.append(f"  + 新增 {item.id} [{hazard(item.hazard)}] {item.text_zh}")
    for item in diff.removed:
        lines.append(f"  - 删除 {item.id} [{hazard(item.hazard)}] {item.text_zh}")
    for r in diff.reworded:
        lines.append(f"  ~ 措辞 {r.item_id}：{r.old}")
        lines.append(f"         → {r.new}")
    for h in diff.hazard:
        lines.append(f"  ! 隐患等级 {h.item_id}：{hazard(h.old)} → {hazard(h.new)}（{h.text_zh}）")
    for item in diff.otherwise:
        lines.append(f"  * 其他修改 {item.id}（期限、不符合情形、测量或适用条件）{item.text_zh}")
    counts = (
        f"  合计：新增 {len(diff.added)}，删除 {len(diff.removed)}，措辞 {len(diff.reworded)}，"
        f"隐患等级 {len(diff.hazard)}，其他 {len(diff.otherwise)}"
    )
    lines.append(counts)
    return lines


def _title(form) -> str:
    return f"{labels.label(labels.KIND, form.kind)} {form.id}"


def cmd_forms_diff(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        candidates = [c for p in args.files for c in form_publishing.preview(session, path=Path(p))]
    for c in candidates:
        for line in diff_lines(c.diff, _title(c.form)):
            print(line)
    return 0


def cmd_forms_publish(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        candidates = [c for p in args.files for c in form_publishing.preview(session, path=Path(p))]
    for c in candidates:
        if c.in_folder and c.diff.same_content and not args.force:
            print(f"{_title(c.form)} {c.form.version}：未修改，不发布")
            continue
        for line in diff_lines(c.diff, _title(c.form)):
            print(line)
    if args.dry_run:
        print("dry run: nothing published")
        return 0
    done = form_publishing.publish(
        ws.db,
        folder=ws.folder,
        paths=[Path(p) for p in args.files],
        officer_id=args.officer,
        note=args.note,
        force=args.force,
    )
    for p in done:
        print(
            f"published {p.form.id} {p.form.version} ({p.form.content_hash[:16]}), "
            f"publication {p.publication_id}: laptops use it for new inspections after "
            "their next sync"
        )
    return 0


def cmd_forms_publications(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        rows = form_publishing.publications(session, limit=args.limit)
        for r in rows:
            when = r.published_at.strftime("%Y-%m-%d %H:%M")
            who = r.officer_name or "-"
            print(
                f"{when}  {labels.width(labels.label(labels.KIND, r.kind), 14)} {r.form_id:20} "
                f"{r.version:8} {r.content_hash[:16]}  {who}  {r.note}"
            )
    print(f"{len(rows)} publication(s)")
    return 0


def add_parsers(forms: argparse._SubParsersAction) -> None:
    p = forms.add_parser(
        "diff", help="what an edited form changes against the version new inspections use"
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="edited form file(s)")
    p.set_defaults(func=cmd_forms_diff)
    p = forms.add_parser(
        "publish",
        help="(office) check, show the changes, sign and publish form version(s) to the laptops",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="edited form file(s)")
    p.add_argument("--officer", metavar="CERT_NO", help="the supervisor publishing (执法证号)")
    p.add_argument("--note", default="", help="why (shown with the publication)")
    p.add_argument("--dry-run", action="store_true", help="check and show the changes only")
    p.add_argument(
        "--force", action="store_true", help="publish even an unchanged or same-numbered version"
    )
    p.set_defaults(func=cmd_forms_publish)
    p = forms.add_parser("publications", help="form versions published, newest first")
    p.add_argument("--limit", type=int, default=50)
    p.set_defaults(func=cmd_forms_publications)
