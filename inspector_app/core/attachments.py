"""Files kept with a record: the unit's 整改报告 on a directive, a case's evidence.

The bytes are a content-addressed blob (they travel in sync bundles like photos);
the ``attachments`` row names its owner, purpose, file name and type. Only the
kinds of file an office receives are accepted (PDF, images, Word/Excel, text),
recognised by their content, not by their name.
"""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.store.blobs import BlobStore, store_blob
from inspector_app.store.models import Attachment, AuditLog, Directive

from .directives import record_rectification_report
from .errors import NotFound, UserError

MAX_BYTES = 40 * 1024 * 1024
OWNERS = ("directive", "case_event")
_MAGIC = (
    (b"%PDF-", "application/pdf"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF8", "image/gif"),
    (b"PK\x03\x04", "application/zip"),  # .docx / .xlsx are zip containers
    (b"\xd0\xcf\x11\xe0", "application/vnd.ms-office"),  # old .doc / .xls
)
_OFFICE = {".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
           ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}  # fmt: skip


def media_type_of(name: str, data: bytes) -> str:
    """The file's type from its first bytes; refused when it is none an office sends."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            if kind == "application/zip":
                return _OFFICE.get(PurePath(name).suffix.lower(), kind)
            return kind
    if PurePath(name).suffix.lower() == ".txt":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return "text/plain"
    raise UserError(
        f"{name}: not a PDF, image, Word/Excel or UTF-8 text file",
        message_zh=f"{name}：只接受PDF、图片、Word/Excel文档或文本文件",
    )


def attach(
    session: Session, blobs: BlobStore, *, owner: str, owner_id: str, purpose: str,
    name: str, data: bytes,
) -> Attachment:  # fmt: skip
    if owner not in OWNERS:
        raise UserError(f"unknown attachment owner {owner!r}")
    name = PurePath(name.replace("\\", "/")).name.strip() or "附件"
    if not data:
        raise UserError(f"{name}: the file is empty", message_zh=f"{name}：文件为空")
    if len(data) > MAX_BYTES:
        raise UserError(f"{name}: larger than {MAX_BYTES // 2**20} MB",
                        message_zh=f"{name}：文件超过{MAX_BYTES // 2**20}MB")  # fmt: skip
    media_type = media_type_of(name, data)
    sha = store_blob(session, blobs, data, media_type=media_type)
    row = Attachment(owner=owner, owner_id=owner_id, purpose=purpose, name=name[:200],
                     media_type=media_type, blob_sha256=sha)  # fmt: skip
    session.add(row)
    session.flush()
    return row


def attachments_of(session: Session, owner: str, owner_id: str) -> list[Attachment]:
    return list(
        session.scalars(
            select(Attachment)
            .where(Attachment.owner == owner, Attachment.owner_id == owner_id,
                   Attachment.deleted.is_(False))
            .order_by(Attachment.created_at, Attachment.name)
        )
    )  # fmt: skip


def record_report_with_files(
    session: Session, blobs: BlobStore, *, directive_id: str, received_on: dt.date,
    officer_id: str, files: list[tuple[str, bytes]],
) -> tuple[Directive, str]:  # fmt: skip
    """The unit's 整改报告 came in, with its pages: the re-inspection is due 10 working days
    later (57号令 Art 29); the files are kept with the directive."""
    directive, warning = record_rectification_report(
        session, directive_id=directive_id, received_on=received_on, officer_id=officer_id
    )
    for name, data in files:
        attach(session, blobs, owner="directive", owner_id=directive.id,
               purpose="rectification_report", name=name, data=data)  # fmt: skip
    if files:
        session.add(
            AuditLog(
                officer_id=officer_id,
                action="rectification_report_files",
                entity="directive",
                entity_id=directive.id,
                details={"files": [name for name, _ in files]},
            )  # fmt: skip
        )
        session.flush()
    return directive, warning


def directive_by_number(session: Session, number: str) -> Directive:
    directive = session.scalar(select(Directive).where(Directive.number == number.strip()))
    if directive is None:
        raise NotFound(f"no directive numbered {number}", message_zh="未找到该编号的指令书")
    return directive
