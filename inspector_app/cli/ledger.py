"""``inspector ledger``: import the office's equipment ledger (台账), check it, make samples.

    inspector ledger import FILE [--mapping M] [--dry-run] [--report R.xlsx]
    inspector ledger mapping [-o M.yaml] [--file LEDGER]
    inspector ledger sample -o FILE --rows N --units U [--faults K] [--encoding gbk]

``import`` exits 0 when every row was imported, 3 when some were refused (they
are in the report), 1 when the file could not be imported at all.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from inspector_app import paths

EXIT_REFUSED_ROWS = 3
SHOWN_PROBLEMS = 20


def register(sub: argparse._SubParsersAction) -> None:
    ledger = sub.add_parser("ledger", help="import the equipment ledger (台账) from Excel or CSV")
    cmds = ledger.add_subparsers(dest="ledger_command", required=True, metavar="SUBCOMMAND")

    p = cmds.add_parser(
        "import", help="check the ledger and import its good rows (units, equipment)"
    )
    p.add_argument("file", help=".xlsx, .xls or .csv (UTF-8, UTF-8 with BOM, GBK/GB18030)")
    p.add_argument(
        "--mapping",
        metavar="M",
        help="column mapping (YAML; default: the one saved by the app's import wizard, "
        "else the usual Chinese headers)",
    )
    p.add_argument("--dry-run", action="store_true", help="check and compare only; write nothing")
    p.add_argument(
        "--report",
        metavar="R",
        help="validation report to write (.xlsx; default: next to FILE, when there are problems)",
    )
    p.add_argument("--no-report", action="store_true", help="do not write a report")
    p.set_defaults(func=cmd_import)

    p = cmds.add_parser("mapping", help="write the column mapping in force (to edit it)")
    p.add_argument("-o", "--output", help="YAML file to write (default: print it)")
    p.add_argument("--mapping", metavar="M", help="start from this mapping file")
    p.add_argument("--file", metavar="LEDGER", help="also show how this ledger's columns match")
    p.set_defaults(func=cmd_mapping)

    p = cmds.add_parser(
        "sample", help="write a synthetic ledger (tests, benchmarks, trying it out)"
    )
    p.add_argument("-o", "--output", required=True, help=".xlsx, .xls or .csv")
    p.add_argument("--rows", type=int, default=300)
    p.add_argument("--units", type=int, default=100)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--faults", type=int, default=0, metavar="K", help="spoil every K-th row")
    p.add_argument(
        "--encoding", default="utf-8-sig", help="for .csv (utf-8, utf-8-sig, gbk, gb18030)"
    )
    p.set_defaults(func=cmd_sample)


def _mapping(args: argparse.Namespace):
    from inspector_app.core.ledger import LedgerMapping, load_mapping
    from inspector_app.core.ledger.mapping import SAVED_MAPPING_FILE

    if args.mapping:
        return load_mapping(args.mapping)
    saved = paths.data_dir(getattr(args, "data_dir", None)) / SAVED_MAPPING_FILE
    if saved.is_file():
        return load_mapping(saved)
    return LedgerMapping()


def _progress(task) -> None:
    if task.done == 0 and sys.stderr.isatty():
        print(f"  {task.message} …", file=sys.stderr, flush=True)


def cmd_import(args: argparse.Namespace) -> int:
    from inspector_app.core.ledger import ERROR, LedgerTask, import_ledger

    from .context import open_workspace

    mapping = _mapping(args)
    source = Path(args.file)
    report = None
    if not args.no_report:
        report = (
            Path(args.report) if args.report else source.with_name(source.stem + ".问题报告.xlsx")
        )
    ws = open_workspace(args.data_dir, args.db)
    task = LedgerTask(on_progress=_progress)
    r = import_ledger(
        ws.db, path=source, mapping=mapping, dry_run=args.dry_run, report_path=report, task=task
    )
    encoding = f", {r.encoding}" if r.encoding else ""
    print(
        f"ledger: {r.path.name} ({r.format}{encoding}), sheet {r.sheet!r}, header row "
        f"{r.header_row}" + (f", mapping {mapping.source}" if mapping.source else "")
    )
    for note in r.notes:
        print(f"note: {note}")
    print(f"rows: {r.rows}, good {r.good_rows}, refused {r.refused_rows}, warnings {r.warnings}")
    verb = "would be" if r.dry_run else ""
    print(
        f"units: {r.units_new} new, {r.units_updated} updated, {r.units_unchanged} unchanged"
        + (f" ({verb} written)" if r.dry_run else "")
    )
    print(
        f"equipment: {r.equipment_new} new, {r.equipment_updated} updated, "
        f"{r.equipment_unchanged} unchanged" + (f" ({verb} written)" if r.dry_run else "")
    )
    if r.maintainers_new or r.maintainers_updated:
        print(
            f"maintenance units (维保单位): {r.maintainers_new} new, {r.maintainers_updated} "
            "updated" + (f" ({verb} written)" if r.dry_run else "")
        )
    errors = [p for p in r.problems if p.severity == ERROR]
    for p in errors[:SHOWN_PROBLEMS]:
        print(f"  row {p.row}, {p.column} {p.value!r}: {p.message}")
    if len(errors) > SHOWN_PROBLEMS:
        print(f"  … {len(errors) - SHOWN_PROBLEMS} more")
    if r.report:
        print(f"report: {r.report}")
    print(
        ("checked" if r.dry_run else "imported")
        + f" in {r.seconds:.1f} s"
        + ("; nothing was written (--dry-run)" if r.dry_run else "")
    )
    return EXIT_REFUSED_ROWS if r.refused_rows else 0


def cmd_mapping(args: argparse.Namespace) -> int:
    from inspector_app.core.ledger import preview_ledger, save_mapping
    from inspector_app.rules.ledger import FIELD_BY_KEY

    mapping = _mapping(args)
    if args.file:
        preview = preview_ledger(args.file, mapping=mapping)
        m = preview.match
        print(f"sheet {m.sheet.name!r}, header row {m.header_row}:")
        for column, header in enumerate(m.headers):
            key = m.fields.get(column)
            target = f"{key} ({FIELD_BY_KEY[key].label_zh})" if key else "— not imported"
            print(f"  {header or '(blank)':24} -> {target}")
        for note in preview.notes:
            print(f"note: {note}")
    if args.output:
        path = save_mapping(mapping, args.output)
        print(f"mapping written to {path}")
    elif not args.file:
        print(mapping.to_yaml(), end="")
    return 0


def cmd_sample(args: argparse.Namespace) -> int:
    from inspector_app.core.ledger.sample import write_sample_ledger

    sample = write_sample_ledger(
        args.output,
        rows=args.rows,
        units=args.units,
        seed=args.seed,
        faults=args.faults,
        encoding=args.encoding,
    )
    print(
        f"sample ledger: {sample.path} ({sample.rows} rows, {sample.units} units, "
        f"{len(sample.faults)} spoilt rows)"
    )
    return 0
