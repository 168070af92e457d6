"""Document numbers a laptop can hand out offline without ever colliding.

Each device is given a two-digit segment (01-99) when the office enrols it;
its numbers are ``<简称><kind>〔YYYY〕第SSNNNN号``: SS the segment, NNNN a
per-device, per-year, per-kind counter (``number_sequences``) advanced inside
the writing transaction. Two devices never share a segment, so they never
share a number; the unique columns refuse the duplicate a misconfiguration
could still produce. Directives (市监特令) and on-site records (市监特记) use it.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from inspector_app.store.models import NumberSequence

from .errors import UserError
from .settings import get_setting

DIRECTIVE = "市监特令"
RECORD = "市监特记"


def document_number(authority_short: str, kind: str, year: int, segment: str, serial: int) -> str:
    return f"{authority_short}{kind}〔{year}〕第{segment}{serial:04d}号"


def device_segment(session: Session) -> str:
    segment = get_setting(session, "directive_segment")
    if not segment:
        raise UserError(
            "this device has no number segment yet; the office assigns one "
            "(inspector config set directive_segment NN)",
            message_zh="本机尚未分配文书编号段，请联系科室分配（设置 directive_segment）",
        )
    return segment


def peek_number(
    session: Session,
    *,
    kind: str,
    sequence: str,
    year: int,
    taken: Callable[[str], bool],
) -> str:
    """The number ``next_number`` would hand out now, read without reserving it (the app
    shows it and asks before a number is used for good)."""
    segment = device_segment(session)
    short = get_setting(session, "authority_short")
    seq = session.get(NumberSequence, f"{sequence}:{year}:{segment}")
    value = seq.value if seq is not None else 0
    while True:
        value += 1
        if value > 9999:
            raise UserError(f"{kind} numbers of segment {segment} for {year} are used up")
        number = document_number(short, kind, year, segment, value)
        if not taken(number):
            return number


def next_number(
    session: Session,
    *,
    kind: str,
    sequence: str,
    year: int,
    taken: Callable[[str], bool],
) -> str:
    """Reserve the next free number of ``kind`` for ``year`` on this device."""
    segment = device_segment(session)
    short = get_setting(session, "authority_short")
    name = f"{sequence}:{year}:{segment}"
    seq = session.get(NumberSequence, name)
    if seq is None:
        seq = NumberSequence(name=name, value=0)
        session.add(seq)
    while True:  # skip numbers already present (e.g. taken in from a restored backup)
        seq.value += 1
        if seq.value > 9999:
            raise UserError(f"{kind} numbers of segment {segment} for {year} are used up")
        number = document_number(short, kind, year, segment, seq.value)
        if not taken(number):
            session.flush()
            return number
