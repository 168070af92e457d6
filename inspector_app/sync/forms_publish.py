"""Signed form publications: the office says which form version new inspections use.

A publication (``store/models/forms.py``) carries a **statement**, the canonical JSON of
its fields (which form version, by id and content hash, for which kind, when, by whom),
signed with the office's Ed25519 key: the key laptops already trust for pull bundles
(``SyncTrust.sign_key``, given with ``inspector office public-key``). The bundle's own
signature says the office sent it; the statement's says the office *published* it, and
stays checkable wherever the row goes (a backup restored, a relay, a USB stick).

Whoever imports a bundle screens its publications first (``screen``): one that is
unsigned, signed by another key, whose fields differ from what was signed, or whose
form version is missing or does not hash to the signed value is left out with the
reason; everything else in the bundle is applied as usual. At the office a laptop's
push may carry no publication of its own making (only the office publishes).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy.orm import Session

from inspector_app.store.models import FormVersion

from . import keys
from .columns import table_specs
from .errors import SyncError

TABLE = "form_publications"
_PREFIX = b"inspector form publication v1\n"
#: The fields the statement covers, in the row's own names.
SIGNED = (
    "id",
    "origin_device",
    "form_version_id",
    "kind",
    "form_id",
    "version",
    "content_hash",
    "replaces_version_id",
    "published_at",
    "officer_id",
    "officer_name",
    "note",
    "schema_revision",
)


def _text(name: str, value: Any) -> Any:
    if name == "published_at":
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat(timespec="seconds")
    return None if value is None else str(value)


def statement(fields: dict[str, Any]) -> str:
    """The canonical text of a publication's fields (what is signed)."""
    body = {name: _text(name, fields[name]) for name in SIGNED}
    return json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def sign(key: Ed25519PrivateKey, fields: dict[str, Any]) -> tuple[str, bytes]:
    text = statement(fields)
    return text, key.sign(_PREFIX + text.encode("utf-8"))


@dataclass(frozen=True)
class Refused:
    """A publication left out of an import, and why (shown to the user, logged)."""

    publication_id: str
    form_id: str
    version: str
    reason: str
    reason_zh: str

    def __str__(self) -> str:
        return f"form publication {self.form_id} {self.version} ({self.publication_id[:8]})"


def check(
    row: dict[str, Any],
    *,
    office_sign_key: bytes,
    office_device: str,
    content_of: Callable[[str], tuple[str, str, str] | None],
) -> tuple[str, str] | None:
    """Why the publication ``row`` (decoded) is not the office's, or None when it is.

    ``content_of(form_version_id)``: (kind, content_hash, content_json) of that form
    version, from the same bundle or this database; None when neither has it."""
    if row.get("deleted"):
        return "a publication cannot be withdrawn by a change", "发布记录不能被撤销或删除"
    if not row.get("signature") or not row.get("statement"):
        return "it is not signed", "未签名"
    if row["signer_key"] != office_sign_key:
        return (
            "it is signed by another key than the office this device trusts",
            "签名密钥不是本机信任的局端密钥",
        )
    try:
        keys.verify_key(office_sign_key).verify(
            row["signature"], _PREFIX + row["statement"].encode("utf-8")
        )
    except InvalidSignature:
        return "its signature is invalid (altered after signing)", "签名无效（签名后被改动）"
    if row["statement"] != statement(row) or row["origin_device"] != office_device:
        return "its fields differ from what the office signed", "发布内容与局端签名的内容不一致"
    content = content_of(row["form_version_id"])
    if content is None:
        return "its form version is not in the bundle or this database", "缺少所发布的检查表版本"
    kind, content_hash, content_json = content
    digest = hashlib.sha256(content_json.encode("utf-8")).hexdigest()
    if content_hash != row["content_hash"] or digest != content_hash or kind != row["kind"]:
        return (
            "its form version does not match the signed content hash",
            "检查表内容与签名的内容摘要不一致",
        )
    return None


def screen(
    session: Session,
    changes: list[dict[str, Any]],
    *,
    office_sign_key: bytes | None,
    office_device: str | None,
) -> tuple[list[dict[str, Any]], list[Refused]]:
    """The changes to apply and the publications refused. ``office_sign_key`` None: no
    office is trusted here, so no publication can be taken in."""
    if not any(c.get("table") == TABLE for c in changes if isinstance(c, dict)):
        return changes, []
    specs = table_specs()
    versions = {}
    for c in changes:
        if isinstance(c, dict) and c.get("table") == "form_versions":
            payload = c.get("payload")
            if isinstance(payload, dict) and isinstance(payload.get("id"), str):
                versions[payload["id"]] = payload

    def content_of(form_version_id: str) -> tuple[str, str, str] | None:
        payload = versions.get(form_version_id)
        if payload is not None:
            try:
                return (
                    str(payload["kind"]),
                    str(payload["content_hash"]),
                    str(payload["content_json"]),
                )
            except KeyError:
                return None
        row = session.get(FormVersion, form_version_id)
        return None if row is None else (str(row.kind), row.content_hash, row.content_json)

    kept: list[dict[str, Any]] = []
    refused: list[Refused] = []
    for change in changes:
        if not (isinstance(change, dict) and change.get("table") == TABLE):
            kept.append(change)
            continue
        payload = change.get("payload")
        try:
            row = specs[TABLE].decode(payload)  # type: ignore[arg-type]
        except (SyncError, ValueError, TypeError, AttributeError, KeyError) as exc:
            why = (f"it is malformed ({exc})"[:200], "格式错误")
            row = payload if isinstance(payload, dict) else {}
        else:
            why = (
                ("no office is trusted here", "本机未信任任何局端")
                if office_sign_key is None or office_device is None
                else check(
                    row,
                    office_sign_key=office_sign_key,
                    office_device=office_device,
                    content_of=content_of,
                )
            )
        if why is None:
            kept.append(change)
            continue
        refused.append(
            Refused(
                str(row.get("id") or change.get("row_id") or "")[:36],
                str(row.get("form_id") or "?")[:50],
                str(row.get("version") or "?")[:30],
                *why,
            )
        )
    return kept, refused
