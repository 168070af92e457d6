"""``inspector office|device|bundle|sync|serve``: the sync commands of the CLI."""

from __future__ import annotations

import argparse
import json
import socket
from pathlib import Path
from typing import Any

from inspector_app.cli.context import open_workspace
from inspector_app.store.limits import SEQ_MAX

from . import enrol, incoming, keys, outgoing
from .errors import SyncError


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise SyncError(f"cannot read {path}: {exc.strerror}") from None


def _write(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise SyncError(f"cannot write {path}: {exc.strerror}") from None


def cmd_office_init(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db)
    keys.create_office_key(ws.folder)
    enrol.ensure_device(ws.db, ws.folder, name="office")
    office = keys.office_public(ws.folder, ws.db.device_id())
    print(f"office key created in {ws.folder / keys.OFFICE_KEY_FILE} (id {office.key_id})")
    print(f"give laptops this key: {office.encode()}")
    return 0


def cmd_office_public_key(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    enrol.ensure_device(ws.db, ws.folder, name="office")
    print(keys.office_public(ws.folder, ws.db.device_id()).encode())
    return 0


def cmd_office_trust(args: argparse.Namespace) -> int:
    text = args.key
    if Path(text).is_file():
        text = _read(text).decode("ascii", "replace")
    office = keys.parse_office_key(text)
    ws = open_workspace(args.data_dir, args.db)
    enrol.trust_office(ws.db, office)
    print(f"trusting office {office.device_id} (key id {office.key_id})")
    return 0


def cmd_enrol_request(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db)
    req = enrol.enrol_request(ws.db, ws.folder, name=args.name or socket.gethostname()[:100])
    _write(args.output, enrol.encode_request(req))
    print(f"enrolment request for device {req['device_id']} -> {args.output}")
    print(f"fingerprint (read it to the office): {req['fingerprint']}")
    return 0


def cmd_enrol(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    req: dict[str, Any] | str = args.request
    if Path(args.request).is_file():
        try:
            req = json.loads(_read(args.request))
        except ValueError:
            raise SyncError(f"{args.request} is not an enrolment request (bad JSON)") from None
    row = enrol.enrol(ws.db, req, segment=args.segment or "")
    print(
        f"enrolled {row.name} ({row.device_id}), fingerprint {row.fingerprint}"
        + (f", directive segment {row.segment}" if row.segment else "")
    )
    return 0


def cmd_revoke(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    row = enrol.revoke(ws.db, args.device_id)
    print(f"revoked {row.name} ({row.device_id})")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    for row in enrol.pending_and_enrolled(ws.db):
        state = "revoked" if row.revoked_at else "enrolled" if row.enrolled_at else "PENDING"
        relay = " relay" if row.relay else ""
        scoped = f"  [{_scope_text(ws, row.scope)}]" if row.scope is not None else ""
        print(
            f"{row.device_id}  {state:8} {row.segment or '--'}  {row.fingerprint}  "
            f"{row.name}{relay}{scoped}"
        )
    return 0


def cmd_scope(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from inspector_app.store.models import Officer

    from . import scope

    ws = open_workspace(args.data_dir, args.db, create=False)
    officer_ids = []
    with ws.db.read() as session:
        for cert in args.officer or []:
            oid = session.scalar(select(Officer.id).where(Officer.cert_no == cert.strip()))
            if oid is None:
                raise SyncError(f"no officer with 执法证号 {cert}")
            officer_ids.append(oid)
    if args.all and (args.district or args.officer):
        raise SyncError("--all is a scope of its own: give it without --district/--officer")
    row = scope.set_scope(
        ws.db, args.device_id, districts=args.district or [], officers=officer_ids,
        everything=args.all,
    )  # fmt: skip
    print(f"{row.name} ({row.device_id}): {_scope_text(ws, row.scope)}")
    return 0


def _scope_text(ws, value) -> str:
    from . import scope

    with ws.db.read() as session:
        described = scope.describe(session, scope.Scope.read(value))
    if described.get("all"):
        return "everything (no scope)"
    return (
        f"districts {', '.join(described['districts']) or '-'}; "
        f"officers {', '.join(described['officers']) or '-'} (and their tasks' units)"
    )


def cmd_relay(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    row = enrol.set_relay(ws.db, args.device_id, relay=not args.off)
    if row.relay:
        print(f"{row.name} ({row.device_id}) may now forward other devices' attested changes")
    else:
        print(f"{row.name} ({row.device_id}) may send only its own changes")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db, create=False)
    k = enrol.ensure_device(ws.db, ws.folder)
    since = args.since
    if since is not None and not 0 <= since <= SEQ_MAX:
        raise SyncError(f"--since must be between 0 and {SEQ_MAX}")
    if args.for_device:
        since = since or 0
        ex = outgoing.export_pull(
            ws.db,
            ws.blobs,
            keys=k,
            device_id=args.for_device,
            since=since,
            limit=None,
            include_own=args.include_own,
        )
        nothing = ex.manifest["seq_to"] == since
    else:
        if args.include_own:
            raise SyncError("--include-own goes with --for-device (a pull bundle for a laptop)")
        ex = outgoing.export_push(
            ws.db,
            ws.blobs,
            keys=k,
            office=enrol.trusted_office(ws.db),
            since=since,
            include_forwarded=args.all,
            officer_id=args.officer,
        )
        nothing = not ex.manifest["change_count"] and not ex.withheld and not ex.catching_up
    m = ex.manifest
    for line in _withheld_lines(ex.withheld):
        print(line)
    if nothing:
        print(f"nothing to export: no changes after {m['seq_from'] - 1}; no file written")
        return 0
    _write(args.output, ex.data)
    print(
        f"bundle {ex.bundle_id[:16]}: changes {m['seq_from']}..{m['seq_to']} "
        f"({m['change_count']} changes, {len(m['blobs'])} blobs) -> {args.output}"
    )
    return 0


def _withheld_lines(items) -> list[str]:
    if not items:
        return []
    first = items[0]
    return [
        f"warning: {len(items)} change(s) left out: blob {first.blob_sha256} is {first.problem} "
        f"here ({first.table_name} {first.row_id}); see 'inspector blobs check'"
    ]


def cmd_import(args: argparse.Namespace) -> int:
    ws = open_workspace(args.data_dir, args.db)
    for path in args.files:
        try:
            r = incoming.import_bundle(ws.db, ws.blobs, _read(path), folder=ws.folder)
        except SyncError as exc:
            raise SyncError(f"{path}: refused, nothing changed: {exc}") from None
        if r.already:
            print(f"{path}: bundle {r.bundle_id[:16]} was already imported; nothing to do")
        else:
            res = r.result
            print(
                f"{path}: imported from {r.device_id}: {res.applied} applied, "
                f"{res.identical} already here, {res.older} older, {res.conflicts} conflicts"
            )
        if r.withheld:
            print(
                f"{path}: warning: the sender left out {r.withheld} change(s) because a blob "
                "is missing or damaged on its side"
            )
        if r.requeued:
            print(f"{path}: {r.requeued} withheld change(s) are complete again and queued")
        for refused in r.refused_forms:
            print(f"{path}: warning: {refused} refused: {refused.reason}")
    return 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from inspector_app.store.models import SyncConflict

    ws = open_workspace(args.data_dir, args.db, create=False)
    with ws.db.read() as session:
        stmt = select(SyncConflict).order_by(SyncConflict.id)
        if not args.all:
            stmt = stmt.where(SyncConflict.resolved.is_(False))
        rows = list(session.scalars(stmt))
    for c in rows:
        changed = sorted(
            k
            for k in c.winner_payload
            if k not in ("clock", "origin_device", "updated_at")
            and c.winner_payload.get(k) != c.loser_payload.get(k)
        )
        print(
            f"#{c.id} {c.table_name} {c.row_id}: kept {c.winner_device[:8]}@{c.winner_clock}, "
            f"set aside {c.loser_device[:8]}@{c.loser_clock}; differs in {', '.join(changed)}"
        )
    print(f"{len(rows)} conflict(s)")
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    from .client import check_server_url, sync

    check_server_url(args.server)  # a wrong address is said before anything is opened
    ws = open_workspace(args.data_dir, args.db, create=False)
    report = sync(
        ws.db, ws.blobs, folder=ws.folder, server=args.server, attempts=args.attempts, log=print
    )
    print(f"sync done: pushed {report.pushed} bundle(s), pulled {report.pulled_changes} change(s)")
    if report.withheld:
        print(
            f"warning: the office left out {report.withheld} change(s) because a photo, "
            "signature or PDF is missing or damaged there; it has been told (blobs check)"
        )
    for refused in report.refused_forms:
        print(f"warning: {refused} refused: {refused.reason}")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from inspector_app.server.run import serve

    return serve(
        db_url=args.serve_db or args.db,
        data_dir=args.data_dir,
        host=args.host,
        port=args.port,
        workers=args.workers,
    )


def register(sub: Any) -> None:
    office = sub.add_parser("office", help="the central office's keys").add_subparsers(
        dest="office_command", required=True, metavar="SUBCOMMAND"
    )
    p = office.add_parser("init", help="create the office's bundle encryption key")
    p.set_defaults(func=cmd_office_init)
    p = office.add_parser("public-key", help="print the office key laptops must trust (base64)")
    p.set_defaults(func=cmd_office_public_key)
    p = office.add_parser("trust", help="on a laptop: trust the office key (file or base64)")
    p.add_argument("key")
    p.set_defaults(func=cmd_office_trust)

    device = sub.add_parser("device", help="device enrolment").add_subparsers(
        dest="device_command", required=True, metavar="SUBCOMMAND"
    )
    p = device.add_parser("enrol-request", help="write this laptop's enrolment request")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--name", help="device name (default: the host name)")
    p.set_defaults(func=cmd_enrol_request)
    p = device.add_parser("enrol", help="at the office: enrol a device from its request file or id")
    p.add_argument("request")
    p.add_argument("--segment", help="directive number segment to give it (01-99)")
    p.set_defaults(func=cmd_enrol)
    p = device.add_parser("revoke", help="at the office: refuse a device from now on")
    p.add_argument("device_id")
    p.set_defaults(func=cmd_revoke)
    p = device.add_parser("list", help="at the office: pending, enrolled and revoked devices")
    p.set_defaults(func=cmd_devices)
    p = device.add_parser(
        "scope", help="at the office: what a laptop pulls (its districts and officers' tasks)"
    )
    p.add_argument("device_id")
    p.add_argument("--district", action="append", help="a district it gets (repeat)")
    p.add_argument(
        "--officer", action="append", metavar="CERT_NO", help="an officer using it (repeat)"
    )
    p.add_argument("--all", action="store_true", help="no scope: everything (the default)")
    p.set_defaults(func=cmd_scope)
    p = device.add_parser(
        "relay", help="at the office: let a supervisor's machine forward others' changes"
    )
    p.add_argument("device_id")
    p.add_argument("--off", action="store_true", help="withdraw it: own changes only")
    p.set_defaults(func=cmd_relay)

    bundles = sub.add_parser("bundle", help="sync bundles on files").add_subparsers(
        dest="bundle_command", required=True, metavar="SUBCOMMAND"
    )
    p = bundles.add_parser("export", help="write what the office has not acknowledged")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--since", type=int, help="export changes after this change-log seq")
    p.add_argument(
        "--all",
        action="store_true",
        help="a relay: also forward other devices' changes that came with their attestation",
    )
    p.add_argument("--for-device", metavar="ID", help="at the office: a bundle for this device")
    p.add_argument(
        "--include-own",
        action="store_true",
        help="with --for-device: also the device's own changes (a restored laptop)",
    )
    p.add_argument("--officer", metavar="ID", help="officer id to name in the manifest")
    p.set_defaults(func=cmd_export)
    p = bundles.add_parser("import", help="verify and apply bundles (each all or nothing)")
    p.add_argument("files", nargs="+")
    p.set_defaults(func=cmd_import)

    p = bundles.add_parser("conflicts", help="concurrent edits whose losing version was kept")
    p.add_argument("--all", action="store_true", help="also resolved ones")
    p.set_defaults(func=cmd_conflicts)

    p = sub.add_parser("sync", help="push pending changes to the office server and pull")
    p.add_argument("--server", required=True, metavar="URL")
    p.add_argument("--attempts", type=int, default=6, help="tries per request on network errors")
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("serve", help="run the office sync server (HTTP)")
    p.add_argument("--db", dest="serve_db", metavar="URL", help="office database URL")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8750)
    p.add_argument("--workers", type=int, default=1)
    p.set_defaults(func=cmd_serve)
