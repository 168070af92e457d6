"""Checklist form versions published by the office, signed by its key.

A publication names one ``form_versions`` row (the resolved form, by content
hash) and says, with the office's Ed25519 signature over ``statement``, that new
inspections of that kind use it from ``published_at`` on. Laptops verify the
signature against the office key they trust before they take a publication in
(sync/forms_publish.py); rows are never changed once written. The diff a
supervisor saw before publishing is against ``replaces_version_id``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Index, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from inspector_app.rules.enums import EquipmentKind

from .base import Base, Synced


class FormPublication(Synced, Base):
    __tablename__ = "form_publications"
    __table_args__ = (Index("ix_form_publications_kind", "kind", "published_at"),)

    form_version_id: Mapped[str] = mapped_column(ForeignKey("form_versions.id"))
    kind: Mapped[EquipmentKind] = mapped_column(String(20))
    form_id: Mapped[str] = mapped_column(String(50))
    version: Mapped[str] = mapped_column(String(30))
    content_hash: Mapped[str] = mapped_column(String(64))
    # What new inspections of this kind used at the office when it was published.
    replaces_version_id: Mapped[str | None] = mapped_column(String(36))
    published_at: Mapped[dt.datetime] = mapped_column()
    officer_id: Mapped[str | None] = mapped_column(String(36))
    officer_name: Mapped[str] = mapped_column(String(50), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    # The publisher's schema revision: a laptop on an older release keeps it for later.
    schema_revision: Mapped[str] = mapped_column(String(32), default="")
    # The signed canonical JSON of every field above, the signature and the signer.
    statement: Mapped[str] = mapped_column(Text)
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    signer_key: Mapped[bytes] = mapped_column(LargeBinary)
