"""The ranges of the numbers sync trusts, defined once for the whole system.

Lamport clocks and change-log sequence numbers are 64-bit integers everywhere
(``BIGINT`` on PostgreSQL, SQLite's INTEGER is 64-bit already) and every
database mints and accepts them only in ``1..CLOCK_MAX`` / ``0..SEQ_MAX``, a
quarter of the signed 64-bit range, so no arithmetic on them can overflow.

A clock is not just a number a bundle may carry: whoever receives it adopts it
(``local clock = max(local, seen)``) and mints above it. So a device's push may
not carry a clock more than ``CLOCK_LEAD`` above the receiving office's own
clock. A genuine laptop is never that far ahead (it would take four billion
offline edits); a hostile one can raise the office's clock by at most
``CLOCK_LEAD`` per signed push, so reaching ``CLOCK_MAX`` would take 2**30 pushes,
each one recorded in ``applied_bundles``. Pulls come from the trusted office
and are checked against ``CLOCK_MAX`` only: whatever the office mints, a laptop
accepts.
"""

from __future__ import annotations

CLOCK_MAX = 2**62
SEQ_MAX = 2**62
CLOCK_LEAD = 2**32
# A restored database jumps its clock and its change-log sequence by this much,
# so nothing it writes next can collide with what it wrote after the backup
# (docs/data.md, "Backups").
RESTORE_GAP = 2**31
INT32_MAX = 2**31 - 1


class ClockExhausted(RuntimeError):
    """This database's clock reached ``CLOCK_MAX``; it refuses to mint more."""


def check_minted(clock: int) -> int:
    if clock > CLOCK_MAX:
        raise ClockExhausted(
            f"the Lamport clock reached {clock}, beyond the limit {CLOCK_MAX}; "
            "nothing was written (see docs/data.md)"
        )
    return clock


def untrusted_clock_limit(local_clock: int) -> int:
    """The highest clock a device's push (or enrolment) may carry into this database."""
    return min(max(local_clock, 0) + CLOCK_LEAD, CLOCK_MAX)
