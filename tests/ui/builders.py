"""Concluded inspections made through the core, for the screens that come after sign-off."""

from __future__ import annotations

import io

from PIL import Image
from sqlalchemy import select

from inspector_app.core import inspections as core
from inspector_app.core.inspection_view import load_rows
from inspector_app.core.photos import add_photo
from inspector_app.rules.enums import HazardClass, Outcome
from inspector_app.store.blobs import store_blob
from inspector_app.store.models import Equipment, Inspection, Officer


def png_bytes(color=(40, 120, 200)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (120, 60), color).save(buf, format="PNG")
    return buf.getvalue()


def concluded_inspection(ctx, *, fail: int = 1, serious: bool = False,
                         skip_units: frozenset[str] = frozenset()) -> str:
    """A concluded inspection of one elevator with ``fail`` failed items (none: passed).

    The failures are ordinary items; with ``serious`` the first failed item is a
    serious hazard. No directive is issued.
    """
    with ctx.db.read() as s:
        taken = set(s.scalars(select(Inspection.unit_id)))
        eq = next(e for e in s.scalars(select(Equipment).where(Equipment.kind == "elevator")
                                       .order_by(Equipment.id))
                  if e.unit_id not in taken and e.unit_id not in skip_units)
        second = s.scalars(select(Officer).where(Officer.cert_no == "35060002")).one().id
    with ctx.db.write() as s:
        iid = core.start_inspection(s, unit_id=eq.unit_id, equipment_ids=[eq.id],
                                    lead_officer_id=ctx.officer_id, second_officer_id=second,
                                    representative_name="林志强",
                                    representative_position="安全管理员").id
    with ctx.db.write() as s:
        rows = load_rows(s, iid)
        plain = [r for r in rows if r.item.measurement is None]
        wanted_serious = [r for r in plain if r.item.hazard == HazardClass.SERIOUS.value]
        failing = (wanted_serious[:1] if serious else []) + [
            r for r in plain
            if r.item.hazard != HazardClass.SERIOUS.value and not r.item.photo_required]
        failing_ids = {r.item.id for r in failing[:fail]}
        for r in rows:
            kwargs = dict(inspection_equipment_id=r.ie_id, item_id=r.item.id,
                          officer_id=ctx.officer_id)
            if r.item.measurement is not None:
                m = r.item.measurement
                good = (m.min + m.max) / 2 if m.min is not None and m.max is not None else (
                    m.min if m.min is not None else m.max)
                core.record_answer(s, value=good, **kwargs)
            else:
                outcome = Outcome.FAIL if r.item.id in failing_ids else Outcome.PASS
                answer = core.record_answer(s, outcome=outcome, **kwargs)
                if outcome is Outcome.FAIL and r.item.photo_required:  # conclude needs it
                    finding = core.findings_of(s, answer.id)[0]
                    add_photo(s, ctx.blobs, inspection_id=iid, data=png_bytes((180, 60, 40)),
                              finding_id=finding.id, item_result_id=answer.id)
        for r in load_rows(s, iid):  # what the inspector writes into a fact's blanks (＿＿)
            for f in r.findings:
                if "＿＿" in f.description:
                    core.update_finding(s, finding_id=f.id,
                                        description=f.description.replace("＿＿", "现场核实"))
        for role, name in (("lead_officer", ctx.officer_name), ("second_officer", "第二人"),
                           ("representative", "林志强")):
            sha = store_blob(s, ctx.blobs, png_bytes(), media_type="image/png")
            core.add_signature(s, inspection_id=iid, role=role, signer_name=name,
                               blob_sha256=sha)
        core.conclude_inspection(s, inspection_id=iid, officer_id=ctx.officer_id)
    return iid
