"""Laptop, office and results for the sync tests of the desktop app."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from test_sync_support import Node, join, make_office

from inspector_app.cli.context import Workspace
from inspector_app.core.directives import issue_directive
from inspector_app.core.photos import add_photo
from inspector_app.store.models import Finding, Officer
from inspector_app.ui.context import AppContext
from inspector_app.ui.writer import Writer

from .builders import concluded_inspection, png_bytes


def laptop_node(ctx) -> Node:
    ws = ctx.workspace
    return Node("laptop", ws.folder, ws.db, ws.blobs)


def enrolled_office(ctx, root: Path, url: str | None = None) -> Node:
    """An office (SQLite in ``root`` unless ``url``) that trusts the ctx's laptop."""
    office = make_office(root, url)
    join(laptop_node(ctx), office, segment="07")
    return office


def inspection_with_directive(ctx) -> tuple[str, str]:
    """A concluded inspection with two findings, a photo and an issued directive."""
    iid = concluded_inspection(ctx, fail=2)
    with ctx.db.write() as s:
        finding = s.scalars(select(Finding).where(Finding.inspection_id == iid)).first()
        add_photo(s, ctx.blobs, inspection_id=iid, finding_id=finding.id,
                  data=png_bytes((200, 60, 60)), caption="门锁啮合")
    with ctx.db.write() as s:
        number = issue_directive(s, ctx.blobs, inspection_id=iid, officer_id=ctx.officer_id).number
    return iid, number


def office_context(office: Node, cert_no: str | None = "35060010") -> AppContext:
    """The office database opened by the app, logged in as ``cert_no`` (a supervisor)."""
    ws = Workspace(folder=office.folder, db=office.db, blobs=office.blobs)
    officer_id = name = None
    if cert_no:
        with office.db.read() as s:
            officer = s.scalars(select(Officer).where(Officer.cert_no == cert_no)).one()
            officer_id, name = officer.id, officer.name
    return AppContext(workspace=ws, writer=Writer(office.db, inline=True), officer_id=officer_id,
                      officer_name=name or "")
