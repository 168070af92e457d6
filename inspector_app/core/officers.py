"""Officer accounts: creation, password checks with lock-out."""

from __future__ import annotations

import datetime as dt
import re

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from inspector_app.rules.enums import OfficerRole
from inspector_app.store.db import Database
from inspector_app.store.models import AuditLog, Officer, utcnow

from .errors import UserError

# argon2id (the library's default type) with RFC 9106's second recommended
# profile scaled for a field laptop: 64 MiB, 3 passes.
_hasher = PasswordHasher(time_cost=3, memory_cost=64 * 1024, parallelism=2)

MIN_PASSWORD_LENGTH = 8
MAX_FAILED_LOGINS = 5
LOCKOUT = dt.timedelta(minutes=15)
_CERT_NO = re.compile(r"^[0-9A-Za-z\-]{4,30}$")


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def add_officer(
    session: Session, *, name: str, cert_no: str, role: OfficerRole, password: str
) -> Officer:
    name = name.strip()
    cert_no = cert_no.strip()
    if not name:
        raise UserError("officer name is empty", message_zh="姓名不能为空", field="name")
    if not _CERT_NO.match(cert_no):
        raise UserError(
            f"law-enforcement certificate number {cert_no!r} must be 4-30 letters or digits",
            message_zh="执法证号应为4至30位字母或数字",
            field="cert_no",
        )
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(
            f"password must have at least {MIN_PASSWORD_LENGTH} characters",
            message_zh=f"密码至少{MIN_PASSWORD_LENGTH}位",
            field="password",
        )
    if session.scalar(select(Officer.id).where(Officer.cert_no == cert_no)):
        raise UserError(
            f"an officer with certificate number {cert_no} already exists",
            message_zh=f"执法证号 {cert_no} 已存在",
            field="cert_no",
        )
    officer = Officer(
        name=name, cert_no=cert_no, role=OfficerRole(role), password_hash=hash_password(password)
    )
    session.add(officer)
    session.flush()
    return officer


def officer_count(session: Session) -> int:
    return (
        session.scalar(select(func.count()).select_from(Officer).where(Officer.deleted.is_(False)))
        or 0
    )


def login(db: Database, *, cert_no: str, password: str, now: dt.datetime | None = None) -> Officer:
    """Check a password; repeated failures lock the account for a while.

    The failure count is committed even though the login fails, which is why
    this use case takes the database rather than a session.
    """
    with db.write() as session:
        officer, error = _check_password(session, cert_no=cert_no, password=password, now=now)
    if error is not None:
        raise error
    assert officer is not None
    return officer


def _check_password(
    session: Session, *, cert_no: str, password: str, now: dt.datetime | None
) -> tuple[Officer | None, UserError | None]:
    now = now or utcnow()
    officer = session.scalar(
        select(Officer).where(Officer.cert_no == cert_no.strip(), Officer.deleted.is_(False))
    )
    wrong = UserError("wrong certificate number or password", message_zh="执法证号或密码错误")
    if officer is None or not officer.active:
        _hasher.hash(password)  # same cost either way: no account probing by timing
        return None, wrong
    if officer.locked_until is not None and officer.locked_until > now:
        minutes = max(1, int((officer.locked_until - now).total_seconds() // 60) + 1)
        return None, UserError(
            f"account locked after repeated wrong passwords; try again in {minutes} min",
            message_zh=f"密码错误次数过多，账户已锁定，请{minutes}分钟后再试",
        )
    try:
        _hasher.verify(officer.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        officer.failed_logins += 1
        if officer.failed_logins >= MAX_FAILED_LOGINS:
            officer.locked_until = now + LOCKOUT
            officer.failed_logins = 0
            session.add(
                AuditLog(
                    officer_id=officer.id,
                    action="login_locked",
                    entity="officer",
                    entity_id=officer.id,
                )
            )
        return None, wrong
    officer.failed_logins = 0
    officer.locked_until = None
    if _hasher.check_needs_rehash(officer.password_hash):
        officer.password_hash = hash_password(password)
    return officer, None
