"""Publishing a checklist form version from the office (docs/forms.md, "Publishing").

A supervisor edits a form's YAML, reviews what changed against the version new
inspections use today (``preview``), then publishes it: the form is checked with the
same rules as ``inspector forms check``, registered as a ``form_versions`` row and
announced by a ``form_publications`` row signed with the office's key
(``sync/forms_publish.py``). Both travel to every laptop in its next pull; laptops
check the signature and from then on start new inspections of that kind with it.
Inspections already started keep the version they pinned.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from inspector_app.checklists import Form, FormError, check_form_files, load_form, load_forms_dir
from inspector_app.checklists.diff import FormDiff, diff_forms
from inspector_app.rules.enums import OfficerRole
from inspector_app.store.db import Database
from inspector_app.store.ids import new_id
from inspector_app.store.models import FormPublication, FormVersion, Officer
from inspector_app.store.revisions import declared_head
from inspector_app.sync import forms_publish, keys

from .errors import UserError
from .forms import current_form_versions, pinned_form, register_form


@dataclass(frozen=True)
class Candidate:
    """A form file checked and compared with what new inspections of its kind use now."""

    path: Path
    form: Form
    current: FormVersion | None
    diff: FormDiff
    in_folder: bool = False  # one of a folder's forms: skipped when unchanged


@dataclass(frozen=True)
class Published:
    publication_id: str
    form_version_id: str
    form: Form
    diff: FormDiff


def _refuse(problems: list) -> UserError:
    lines = "; ".join(str(p) for p in problems[:5])
    more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
    return UserError(
        f"the form does not pass 'inspector forms check': {lines}{more}",
        message_zh=f"检查表未通过校验：{lines}{more}",
    )


def read_form(path: Path) -> Form:
    """The form of one file, checked by the ``forms check`` rules; UserError listing every
    problem (file:line) otherwise."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"{path}: no such form file", message_zh=f"找不到检查表文件：{path}")
    problems = check_form_files([path])
    try:
        form = load_form(path)
    except FormError as exc:
        problems = problems or exc.problems
        form = None
    if problems or form is None:
        raise _refuse(problems)
    return form


def read_forms(path: Path) -> list[tuple[Form, bool]]:
    """A form file, or every form of a folder (an edited copy of forms/, e.g. after a change
    in common.yaml); each with True when it came from a folder."""
    path = Path(path)
    if not path.is_dir():
        return [(read_form(path), False)]
    problems = check_form_files([path])
    if problems:
        raise _refuse(problems)
    try:
        forms = load_forms_dir(path)
    except FormError as exc:
        raise _refuse(exc.problems) from None
    return [(forms[kind], True) for kind in sorted(forms)]


def preview(session: Session, *, path: Path) -> list[Candidate]:
    """What publishing ``path`` (a form file or a folder of forms) would change, per form."""
    out = []
    current_versions = current_form_versions(session)
    for form, in_folder in read_forms(path):
        current = current_versions.get(form.kind)
        old = pinned_form(session, current.id) if current is not None else None
        out.append(Candidate(Path(path), form, current, diff_forms(old, form), in_folder))
    return out


def _publisher(session: Session, officer_id: str | None) -> tuple[str | None, str]:
    if officer_id is None:
        return None, ""
    officer = session.get(Officer, officer_id)
    if officer is None:
        officer = session.scalars(select(Officer).where(Officer.cert_no == officer_id)).first()
    if officer is None or officer.deleted or not officer.active:
        raise UserError(f"no active officer {officer_id[:40]}", message_zh="找不到该执法人员")
    if officer.role != OfficerRole.SUPERVISOR:
        raise UserError(
            f"{officer.name} is not a supervisor: only a supervisor publishes forms",
            message_zh="只有科室负责人可以发布检查表",
        )
    return officer.id, officer.name


def publish(
    db: Database,
    *,
    folder: Path,
    paths: list[Path],
    officer_id: str | None,
    note: str = "",
    force: bool = False,
) -> list[Published]:
    """Publish the forms of ``paths`` (form files, or folders: their changed forms) in one
    transaction, signed with this office's key. ``force``: publish even a version that is
    already the current one."""
    if not (Path(folder) / keys.OFFICE_KEY_FILE).exists():
        raise UserError(
            "only the office publishes forms: this installation holds no office key "
            "(run 'inspector office init' at the office)",
            message_zh="只有局端可以发布检查表：本机没有局端密钥",
        )
    if len(note) > 2000:
        raise UserError("the note is longer than 2000 characters", message_zh="说明过长")
    signer = keys.load_or_create_device_keys(Path(folder))
    office_device = db.device_id()
    out: list[Published] = []
    with db.write() as session:
        who, name = _publisher(session, officer_id)
        seen: set[str] = set()
        candidates = [c for path in paths for c in preview(session, path=path)]
        for c in candidates:
            path = c.path
            if c.in_folder and c.diff.same_content and not force:
                continue
            if c.form.kind in seen:
                raise UserError(f"{path}: a second form for kind {c.form.kind} in one publication")
            seen.add(c.form.kind)
            if c.current is not None and not force:
                if c.diff.same_content:
                    raise UserError(
                        f"{path}: {c.form.id} {c.form.version} is already what new inspections "
                        "use: nothing to publish",
                        message_zh="该版本已是新检查所用的版本，无需发布",
                    )
                if c.current.version == c.form.version:
                    raise UserError(
                        f"{path}: the content changed but the version is still "
                        f"{c.form.version}: give the form a new 'version:'",
                        message_zh="检查表内容已修改，请更新版本号（version）",
                    )
            version = register_form(session, c.form)
            fields = {
                "id": new_id(),
                "origin_device": office_device,
                "form_version_id": version.id,
                "kind": c.form.kind,
                "form_id": c.form.id,
                "version": c.form.version,
                "content_hash": c.form.content_hash,
                "replaces_version_id": c.current.id if c.current is not None else None,
                "published_at": dt.datetime.now(dt.UTC).replace(microsecond=0),
                "officer_id": who,
                "officer_name": name,
                "note": note,
                "schema_revision": declared_head(),
            }
            text, signature = forms_publish.sign(signer.sign, fields)
            session.add(
                FormPublication(
                    **fields, statement=text, signature=signature, signer_key=signer.sign_public
                )
            )
            session.flush()
            out.append(Published(fields["id"], version.id, c.form, c.diff))
        if not out:
            raise UserError(
                "no form in " + ", ".join(str(p) for p in paths) + " differs from what new "
                "inspections use: nothing to publish",
                message_zh="所有检查表均与新检查所用的版本相同，无需发布",
            )
    return out


def publications(session: Session, *, limit: int = 50) -> list[FormPublication]:
    """The newest publications first (what the office and each laptop took in)."""
    return list(
        session.scalars(
            select(FormPublication)
            .where(FormPublication.deleted.is_(False))
            .order_by(FormPublication.published_at.desc(), FormPublication.id.desc())
            .limit(limit)
        )
    )


@dataclass(frozen=True)
class PublicationView:
    """One publication as the app lists it, with what it changed."""

    publication: FormPublication
    current: bool  # new inspections of its kind use this version now
    diff: FormDiff


def publication_view(session: Session, publication_id: str) -> PublicationView:
    """A publication and its diff against the version it replaced (None: every item new)."""
    row = session.get(FormPublication, publication_id)
    if row is None:
        raise UserError(f"no form publication {publication_id[:40]}", message_zh="找不到该发布记录")
    new = pinned_form(session, row.form_version_id)
    old = None
    if row.replaces_version_id and session.get(FormVersion, row.replaces_version_id) is not None:
        old = pinned_form(session, row.replaces_version_id)
    current = current_form_versions(session).get(new.kind)
    return PublicationView(
        row, current is not None and current.id == row.form_version_id, diff_forms(old, new)
    )
