"""Checklist form versions in the database: register, pin, load back."""

from __future__ import annotations

import hashlib

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.checklists import Form, load_forms_dir
from inspector_app.rules.enums import EquipmentKind
from inspector_app.store.ids import content_id
from inspector_app.store.models import FormPublication, FormVersion


def register_form(session: Session, form: Form) -> FormVersion:
    """Store this exact form version once (idempotent by content hash)."""
    row_id = content_id(form.content_hash)
    existing = session.get(FormVersion, row_id)
    if existing is not None:
        return existing
    row = FormVersion(
        id=row_id,
        form_id=form.id,
        kind=form.kind,
        version=form.version,
        title_zh=form.title_zh,
        content_hash=form.content_hash,
        content_json=form.to_canonical_json(),
    )
    session.add(row)
    session.flush()
    return row


def register_shipped_forms(session: Session, directory=None) -> dict[EquipmentKind, FormVersion]:
    return {kind: register_form(session, form) for kind, form in load_forms_dir(directory).items()}


def current_form_versions(session: Session) -> dict[EquipmentKind, FormVersion]:
    """What a new inspection of each kind uses: the version the office published last
    (``core/form_publishing.py``; a laptop took in only publications whose signature it
    verified), else the newest registered one (the shipped forms). Once the office has
    published a kind, a new release's shipped form for it waits for the office to publish
    it too. Inspections already started keep their pinned version."""
    rows = session.scalars(
        select(FormVersion).where(FormVersion.deleted.is_(False)).order_by(FormVersion.created_at)
    ).all()
    current = {EquipmentKind(r.kind): r for r in rows}
    published = session.execute(
        select(FormPublication, FormVersion)
        .join(FormVersion, FormVersion.id == FormPublication.form_version_id)
        .where(FormPublication.deleted.is_(False), FormVersion.deleted.is_(False))
        .order_by(FormPublication.published_at, FormPublication.id)
    ).all()
    for publication, version in published:
        if version.content_hash == publication.content_hash and version.kind == publication.kind:
            current[EquipmentKind(version.kind)] = version
    return current


# A form version's id is derived from its content hash, so an id always names
# the same content: the parsed form can be cached for the life of the process.
_pinned: dict[str, Form] = {}


def pinned_form(session: Session, form_version_id: str) -> Form:
    """The form exactly as the inspection pinned it."""
    form = _pinned.get(form_version_id)
    if form is None:
        row = session.get(FormVersion, form_version_id)
        if row is None:
            raise LookupError(f"form version {form_version_id} is not in this database")
        # The stored text is what was hashed; a newer model reading older JSON fills new
        # fields with defaults and would dump it differently, so the text is checked.
        if hashlib.sha256(row.content_json.encode("utf-8")).hexdigest() != row.content_hash:
            raise LookupError(f"form version {form_version_id}: content does not match its hash")
        form = Form.from_canonical_json(row.content_json)
        _pinned[form_version_id] = form
    return form
