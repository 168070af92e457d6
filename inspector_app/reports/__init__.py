"""PDF documents an inspector prints on site: the directive and the on-site record.

Pure Python + reportlab: no Qt, no database. The core layer fills the frozen view
models in :mod:`.model`; the renderers return PDF bytes, identical for identical input.
"""

from inspector_app.reports.directive import render_directive
from inspector_app.reports.integrity import (
    content_digest,
    directive_qr_payload,
    parse_qr_payload,
    qr_payload,
)
from inspector_app.reports.model import (
    DirectiveDoc,
    EquipmentCheck,
    EquipmentRef,
    FollowUp,
    Officer,
    Photo,
    Problem,
    RecordDoc,
    Unit,
)
from inspector_app.reports.record import render_record

__all__ = [
    "DirectiveDoc",
    "EquipmentCheck",
    "EquipmentRef",
    "FollowUp",
    "Officer",
    "Photo",
    "Problem",
    "RecordDoc",
    "Unit",
    "content_digest",
    "directive_qr_payload",
    "parse_qr_payload",
    "qr_payload",
    "render_directive",
    "render_record",
]
