"""``inspector backup|restore|audit|blobs``: keeping an installation's data sound."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from inspector_app import paths
from inspector_app.core import backups, health
from inspector_app.core.errors import UserError

from .context import open_workspace


def cmd_backup(args: argparse.Namespace) -> int:
    folder = paths.data_dir(args.data_dir)
    if args.db:
        raise UserError(
            "backup copies a SQLite installation; back up PostgreSQL with pg_dump and copy "
            "the data folder's blobs/ and key files (docs/data.md)"
        )
    report = backups.create_backup(folder, Path(args.output), include_keys=not args.without_keys)
    mib = report.size / 2**20
    print(
        f"backup -> {report.path} ({mib:.1f} MiB): database {report.database_bytes / 2**20:.1f} "
        f"MiB, {report.blobs} blob(s), keys: {', '.join(report.keys) or 'none'}, "
        f"{report.seconds:.1f} s"
    )
    if report.missing:
        raise UserError(
            f"backup written, but {len(report.missing)} blob(s) were missing or damaged in "
            f"{folder} and are not in it (first {report.missing[0]}); run 'inspector blobs check'"
        )
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    if args.in_place:
        if args.file:
            raise UserError("--in-place takes no backup file: it marks the database in place")
        ws = open_workspace(args.restore_dir or args.data_dir, args.db)
        device = backups.mark_restored(
            ws.db, details={"restored_by": "inspector restore --in-place"}
        )
        print(
            f"marked as restored: device {device} is a new incarnation; laptops will send "
            "again what it lost at their next sync"
        )
        return 0
    if not args.file:
        raise UserError("give the backup file: inspector restore FILE --data-dir NEW_FOLDER")
    target = args.restore_dir or args.data_dir
    if not target:
        raise UserError("say where to restore: inspector restore FILE --data-dir NEW_FOLDER")
    report = backups.restore_backup(Path(args.file), Path(target))
    print(
        f"restored {args.file} (made {report.created_at[:19]}) into {report.folder}: "
        f"device {report.device_id}, {report.blobs} blob(s), {report.seconds:.1f} s"
    )
    if report.keys_left_out:
        print(
            "note: the backup holds no device key; this copy cannot sync as its device "
            "until it is enrolled again (inspector device enrol-request)"
        )
    print("next: inspector --data-dir " + str(report.folder) + " db check")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from inspector_app.store import audit

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        report = audit.verify(session)
    print(
        f"audit log: {report.rows} row(s) in {report.chains} chain(s)"
        + (f", {report.unchained} from before chaining (not checked)" if report.unchained else "")
    )
    for problem in report.problems:
        print(f"BROKEN: {problem}")
    print("ok" if report.ok else "PROBLEMS FOUND")
    return 0 if report.ok else 1


def cmd_blobs_check(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from inspector_app.store.models import Blob, Photo, Signature
    from inspector_app.sync import withheld

    ws = open_workspace(args.data_dir, args.db, create=False)
    if args.requeue:
        with ws.db.write() as session:
            queued = withheld.requeue(session, ws.blobs)
        print(f"queued again: {queued} change(s) whose blob is back")
    with ws.db.read() as session:
        report = health.check_blobs(session, ws.blobs)
        held = withheld.open_items(session)
        for sha, problem in list(report.problems.items())[:20]:
            users = [
                f"photo {p}"
                for p in session.scalars(
                    select(Photo.id).where(
                        (Photo.original_sha256 == sha) | (Photo.print_sha256 == sha)
                    )
                )
            ] + [
                f"signature {s}"
                for s in session.scalars(select(Signature.id).where(Signature.blob_sha256 == sha))
            ]
            size = session.scalar(select(Blob.size).where(Blob.sha256 == sha))
            print(f"{sha}  {problem:8} {size or 0:>9} bytes  {', '.join(users[:3]) or '-'}")
        for item in held[:20]:
            print(
                f"withheld: change {item.seq} {item.table_name} {item.row_id} from device "
                f"{item.device_id[:8]}: blob {item.blob_sha256[:16]}… {item.problem}"
            )
    print(
        f"{report.checked} blob(s) checked, {len(report.problems)} missing or damaged, "
        f"{len(held)} change(s) withheld"
    )
    if report.problems or held:
        print(
            "restore the files from a backup into the blobs folder (or have the device that "
            "took them send them again: inspector bundle export --since 0), then run "
            "'inspector blobs check --requeue'"
        )
        return 1
    return 0


def cmd_blobs_fetch(args: argparse.Namespace) -> int:
    from inspector_app.sync import client

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        shas = list(args.sha256 or [])
        if args.inspection:
            shas += client.remote_blobs_of(session, inspection_id=args.inspection)
    if not shas:
        print("nothing to fetch: every file of it is here")
        return 0
    n = client.fetch_blobs(
        ws.db, ws.blobs, folder=ws.folder, server=args.server, shas=sorted(set(shas))
    )
    print(f"fetched {n} file(s) from the office")
    return 0


def register(sub: Any) -> None:
    p = sub.add_parser(
        "backup", help="write one file with the database, every blob and the keys (hashed)"
    )
    p.add_argument("-o", "--output", required=True, metavar="FILE")
    p.add_argument(
        "--without-keys",
        action="store_true",
        help="leave the private key files out (the restored copy must be enrolled again)",
    )
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser(
        "restore", help="check a backup completely, then restore it into a new data folder"
    )
    p.add_argument("file", nargs="?")
    p.add_argument("--data-dir", dest="restore_dir", metavar="NEW", help="folder to restore into")
    p.add_argument(
        "--in-place",
        action="store_true",
        help="the database was restored by other means (pg_restore, a copied folder): make it "
        "a new incarnation so that sync recovers what it lost",
    )
    p.set_defaults(func=cmd_restore)

    audit = sub.add_parser("audit", help="the audit log").add_subparsers(
        dest="audit_command", required=True, metavar="SUBCOMMAND"
    )
    p = audit.add_parser("verify", help="check the audit hash chains; name the first broken row")
    p.set_defaults(func=cmd_audit_verify)

    blobs = sub.add_parser("blobs", help="photos, signatures and PDFs on disk").add_subparsers(
        dest="blobs_command", required=True, metavar="SUBCOMMAND"
    )
    p = blobs.add_parser(
        "check", help="every blob against its hash, and changes withheld because of one"
    )
    p.add_argument(
        "--requeue", action="store_true", help="send withheld changes whose blob is back again"
    )
    p.set_defaults(func=cmd_blobs_check)
    p = blobs.add_parser(
        "fetch", help="a scoped laptop: fetch files kept at the office (photos, signatures)"
    )
    p.add_argument("sha256", nargs="*", help="the files' hashes")
    p.add_argument("--inspection", metavar="ID", help="every file of this inspection")
    p.add_argument("--server", required=True, metavar="URL")
    p.set_defaults(func=cmd_blobs_fetch)
