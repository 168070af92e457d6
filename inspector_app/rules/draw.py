"""The 双随机 draw: which units are inspected and by which two officers — provably.

Pure (no SQL, no Qt): the same seed, pool and ratios give the same list, byte for byte,
on any machine, and an auditor can re-run it from the printed record and the pool file
alone (docs/planning.md walks through it by hand). Version ``draw-v1``:

1. Every unit's **key** is ``SHA-256("inspector draw v1\\nunit\\n" + seed + "\\n" + unit id)``
   in lower-case hex.
2. Units are grouped by **stratum** (``stratum_key``: ``key`` for 重点单位, ``general``
   otherwise). In a stratum of N units with ratio r (in basis points, 1 = 0.01 %) the
   ``n = ceil(N × r / 10000)`` units with the smallest keys are drawn.
3. The drawn units, all strata together in ascending key order, get two officers each:
   of the officers allowed in the unit's district and not recused for it, the two with
   the fewest tasks so far in this draw, ties broken by the smaller **officer key**
   ``SHA-256("inspector draw v1\\nofficer\\n" + seed + "\\n" + unit id + "\\n" + officer id)``.

The pool (units with stratum, officers with districts, recusals) is written as a CSV file
(``Pool.to_csv``) whose SHA-256 is the pool hash printed on the draw record; the result is
another CSV (``Draw.to_csv``). A stratum is a plain string, so more inputs (a credit grade,
say) only make more strata and more rows in the ratio table; the steps stay the same.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import heapq
import io
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

ALGORITHM = "draw-v1"
DOMAIN = "inspector draw v1"
BOM = "\ufeff"  # spreadsheets open the CSV files as UTF-8 with it
KEY, GENERAL = "key", "general"
STRATUM_ZH = {KEY: "重点单位", GENERAL: "一般单位"}
GRADED = GENERAL + "-"  # "general-C": a unit that is not 重点, drawn by its credit grade


def graded_stratum(grade: str) -> str:
    """The stratum of a unit that is not 重点 and whose credit grade weighs other than 1."""
    return GRADED + grade


def stratum_zh(stratum: str) -> str:
    """How the draw record names a stratum: 重点单位, 一般单位, 一般单位（信用C级）."""
    if stratum.startswith(GRADED):
        return f"一般单位（信用{stratum[len(GRADED) :]}级）"
    return STRATUM_ZH.get(stratum, stratum)


POOL_HEADER = ("kind", "id", "name", "district", "stratum", "detail")
RESULT_HEADER = (
    "order",
    "unit_id",
    "unit_name",
    "district",
    "stratum",
    "key",
    "lead_officer_id",
    "lead_officer",
    "second_officer_id",
    "second_officer",
)
MAX_SEED = 200
FULL = 10_000  # basis points in 100 %


class DrawError(ValueError):
    """Inputs the draw cannot work with; the message says which and why."""


# -- 重点单位 (总局令第57号 Art 9) ------------------------------------------------------


@dataclass(frozen=True)
class PriorityRules:
    """What makes a unit 重点: office settings (core/planning_settings.py), stored on the plan.

    ``venue_types``: Art 9 (一) crowded places; ``accident_years``: Art 9 (二) an accident
    within that many years before the draw; ``complaints`` confirmed complaints within
    ``complaint_days`` days: Art 9 (三) "many confirmed complaints" (the article gives no
    number: the threshold is local)."""

    venue_types: tuple[str, ...]
    accident_years: int = 2
    complaints: int = 2
    complaint_days: int = 365

    def as_dict(self) -> dict[str, object]:
        return {
            "venue_types": list(self.venue_types),
            "accident_years": self.accident_years,
            "complaints": self.complaints,
            "complaint_days": self.complaint_days,
        }


@dataclass(frozen=True)
class UnitFacts:
    venue_type: str
    listed: bool = False  # put on the 重点 list by the bureau (Art 9 (四), ``units.priority``)
    accidents: tuple[dt.date, ...] = ()
    complaints: tuple[dt.date, ...] = ()  # confirmed ones only


def years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def priority_reasons(facts: UnitFacts, rules: PriorityRules, on: dt.date) -> list[str]:
    """Why a unit is 重点 on ``on`` (empty: it is not), as short Chinese phrases."""
    reasons = []
    if facts.venue_type in rules.venue_types:
        reasons.append("人员密集场所")
    since = years_before(on, rules.accident_years)
    accidents = sorted(d for d in facts.accidents if since <= d <= on)
    if accidents:
        reasons.append(f"{rules.accident_years}年内发生事故（{accidents[-1].isoformat()}）")
    window = on - dt.timedelta(days=rules.complaint_days)
    confirmed = [d for d in facts.complaints if window < d <= on]
    if rules.complaints > 0 and len(confirmed) >= rules.complaints:
        reasons.append(f"投诉举报查实{len(confirmed)}次")
    if facts.listed:
        reasons.append("列入重点名录")
    return reasons


def stratum_key(facts: UnitFacts, rules: PriorityRules, on: dt.date) -> str:
    """The unit's stratum. A credit grade would be one more part of the key (``key-A``)."""
    return KEY if priority_reasons(facts, rules, on) else GENERAL


# -- the pool -----------------------------------------------------------------------------


class PoolUnit(NamedTuple):
    """A unit of the pool: a named tuple, as a city's 50,000 are made for every draw and
    every verification (a frozen dataclass costs several times more to build)."""

    id: str
    name: str
    district: str
    stratum: str
    reasons: str = ""


@dataclass(frozen=True)
class PoolOfficer:
    id: str
    name: str  # name and 执法证号, as printed
    districts: tuple[str, ...] = ()  # empty: every district


@dataclass(frozen=True)
class Pool:
    units: tuple[PoolUnit, ...]
    officers: tuple[PoolOfficer, ...]
    recusals: frozenset[tuple[str, str]] = frozenset()  # (officer id, unit id)

    @classmethod
    def of(
        cls,
        units: Iterable[PoolUnit],
        officers: Iterable[PoolOfficer],
        recusals: Iterable[tuple[str, str]] = (),
    ) -> Pool:
        """Sorted by id, so the same data always makes the same file."""
        unit_list = sorted(units)  # by id: a PoolUnit is a tuple whose first field is its id
        officer_list = sorted(officers, key=lambda o: o.id)
        _unique([u.id for u in unit_list], "unit")
        _unique([o.id for o in officer_list], "officer")
        known_units = {u.id for u in unit_list}
        known_officers = {o.id for o in officer_list}
        kept = frozenset((o, u) for o, u in recusals if o in known_officers and u in known_units)
        return cls(tuple(unit_list), tuple(officer_list), kept)

    def to_csv(self) -> bytes:
        rows = [("unit", *u) for u in self.units]  # id, name, district, stratum, reasons
        rows += [("officer", o.id, o.name, "|".join(o.districts), "", "") for o in self.officers]
        rows += [("recusal", o, "", "", "", u) for o, u in sorted(self.recusals)]
        return _csv(POOL_HEADER, rows)

    def sha256(self) -> str:
        return hashlib.sha256(self.to_csv()).hexdigest()

    @classmethod
    def from_csv(cls, data: bytes) -> Pool:
        """Read a pool file strictly; a malformed one is refused naming its line."""
        units, officers, recusals = [], [], []
        for n, row in _read_csv(data, POOL_HEADER, "pool"):
            kind, ident, name, district, stratum, detail = row
            if not ident or len(ident) > 64:
                raise DrawError(f"pool line {n}: an id of 1-64 characters is needed")
            if kind == "unit":
                if not stratum:
                    raise DrawError(f"pool line {n}: unit {ident} has no stratum")
                units.append(PoolUnit(ident, name, district, stratum, detail))
            elif kind == "officer":
                areas = tuple(d for d in district.split("|") if d)
                officers.append(PoolOfficer(ident, name, areas))
            elif kind == "recusal":
                recusals.append((ident, detail))
            else:
                raise DrawError(f"pool line {n}: unknown kind {kind[:20]!r}")
        pool = cls.of(units, officers, recusals)
        if len(pool.recusals) != len(set(recusals)):
            raise DrawError("pool: a recusal names an officer or a unit not in the pool")
        return pool


def _unique(ids: Sequence[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise DrawError(f"pool: {what} {i} appears twice")
        seen.add(i)


def _csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """The rows as ``csv.writer`` writes them (excel dialect, LF line ends), after a BOM.

    A draw writes a city's 50,000 pool rows, and the writer spends most of its time on
    fields it leaves alone: when every field is text without a comma, a quote or a line
    break, it quotes nothing and writes the fields joined by commas. That text is built
    here directly, and kept only if the whole of it shows no such character (as many
    commas and line ends as the separators, no quote, no CR); anything else is quoted
    field by field as the writer does (``_csv_line``), so the bytes are the same either way."""
    rows = list(rows)
    width = len(header)
    if width > 1 and all(len(row) == width for row in rows):
        try:
            lines = [",".join(header), *[",".join(row) for row in rows]]
        except TypeError:  # a field that is not text: the writer converts it
            lines = []
        text = "\n".join(lines) + "\n"
        if (
            lines
            and text.count(",") == len(lines) * (width - 1)
            and text.count("\n") == len(lines)
            and '"' not in text
            and "\r" not in text
        ):
            return (BOM + text).encode("utf-8")
    lines = [_csv_line(header), *[_csv_line(row) for row in rows]]
    return (BOM + "".join(lines)).encode("utf-8")


def _csv_field(value: object) -> str:
    text = "" if value is None else str(value)
    if "," in text or '"' in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def _csv_line(row: Sequence[object]) -> str:
    """One row as ``csv.writer`` (excel dialect, LF line ends) writes it, except that a
    field with a bare CR is quoted too (the writer of Python 3.11 leaves it bare, and a
    reader then splits the row there): the files must read back, with any Python."""
    if len(row) == 1 and _csv_field(row[0]) == "":
        return '""\n'  # one empty field, not an empty line
    return ",".join(_csv_field(v) for v in row) + "\n"


def _read_csv(data: bytes, header: Sequence[str], what: str) -> Iterable[tuple[int, list[str]]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise DrawError(f"{what} file is not UTF-8 text") from None
    text = text.removeprefix(BOM)
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise DrawError(f"{what} file is not valid CSV: {exc}") from None
    if not rows or tuple(rows[0]) != tuple(header):
        raise DrawError(f"{what} file must start with the header {','.join(header)}")
    for n, row in enumerate(rows[1:], 2):
        if len(row) != len(header):
            raise DrawError(f"{what} line {n}: {len(row)} fields, {len(header)} expected")
        yield n, row


# -- the draw -------------------------------------------------------------------------------


def check_seed(seed: str) -> str:
    """The seed as used: NFC, without surrounding blanks; one line of printable text."""
    text = unicodedata.normalize("NFC", seed).strip()
    if not text:
        raise DrawError("the seed is empty")
    if len(text) > MAX_SEED:
        raise DrawError(f"the seed is longer than {MAX_SEED} characters")
    if any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in text):
        raise DrawError("the seed must be one line of printable text")
    return text


def unit_key(seed: str, unit_id: str) -> str:
    return hashlib.sha256(f"{DOMAIN}\nunit\n{seed}\n{unit_id}".encode()).hexdigest()


def officer_key(seed: str, unit_id: str, officer_id: str) -> str:
    text = f"{DOMAIN}\nofficer\n{seed}\n{unit_id}\n{officer_id}"
    return hashlib.sha256(text.encode()).hexdigest()


def sample_size(count: int, basis_points: int) -> int:
    """``ceil(count × ratio)``, in integers: 15 % of 10 units is 2."""
    return (count * basis_points + FULL - 1) // FULL


def parse_ratio(text: str) -> int:
    """ "15", "15%", "5.2" (percent, up to two decimals) -> basis points."""
    value = text.strip().removesuffix("%").strip()
    whole, _, frac = value.partition(".")
    if not whole.isdigit() or (frac and (not frac.isdigit() or len(frac) > 2)):
        raise DrawError(f"ratio {text!r} is not a percentage such as 15 or 5.25")
    bp = int(whole) * 100 + int((frac + "00")[:2] or 0)
    if bp > FULL:
        raise DrawError(f"ratio {text!r} is above 100 %")
    return bp


def percent(basis_points: int) -> str:
    whole, rest = divmod(basis_points, 100)
    return f"{whole}.{rest:02d}".rstrip("0").rstrip(".") + "%"


@dataclass(frozen=True)
class Drawn:
    order: int
    unit: PoolUnit
    key: str
    lead: PoolOfficer
    second: PoolOfficer


@dataclass(frozen=True)
class StratumCount:
    stratum: str
    pool: int
    ratio: int  # basis points
    drawn: int


@dataclass
class Draw:
    seed: str
    ratios: dict[str, int]
    rows: list[Drawn] = field(default_factory=list)
    strata: list[StratumCount] = field(default_factory=list)

    def to_csv(self) -> bytes:
        return _csv(
            RESULT_HEADER,
            (
                (
                    str(d.order),  # text, as the writer would write it
                    d.unit.id,
                    d.unit.name,
                    d.unit.district,
                    d.unit.stratum,
                    d.key,
                    d.lead.id,
                    d.lead.name,
                    d.second.id,
                    d.second.name,
                )
                for d in self.rows
            ),
        )

    def sha256(self) -> str:
        return hashlib.sha256(self.to_csv()).hexdigest()


def draw(pool: Pool, *, seed: str, ratios: Mapping[str, int]) -> Draw:
    """Draw units per stratum, then two officers per drawn unit (module docstring)."""
    seed = check_seed(seed)
    # (key, unit id, unit): plain tuples sort by key, then id, as _by_key does; each key is
    # unit_key(seed, unit.id), hashed on from the shared prefix's state
    prefix = hashlib.sha256(f"{DOMAIN}\nunit\n{seed}\n".encode())
    by_stratum: dict[str, list[tuple[str, str, PoolUnit]]] = {}
    for unit in pool.units:
        h = prefix.copy()
        h.update(unit.id.encode())
        by_stratum.setdefault(unit.stratum, []).append((h.hexdigest(), unit.id, unit))
    missing = sorted(set(by_stratum) - set(ratios))
    if missing:
        raise DrawError(f"no ratio for stratum {', '.join(missing)}")
    result = Draw(seed=seed, ratios=dict(sorted(ratios.items())))
    chosen: list[tuple[str, str, PoolUnit]] = []
    for stratum in sorted(set(by_stratum) | set(ratios)):
        ratio = ratios[stratum]
        if not 0 <= ratio <= FULL:
            raise DrawError(f"ratio of {stratum} must be 0-100 %")
        members = by_stratum.get(stratum, [])
        n = sample_size(len(members), ratio)
        # unit ids are unique, so no tuple ever compares its PoolUnit
        chosen += heapq.nsmallest(n, members) if n < len(members) else sorted(members)
        result.strata.append(StratumCount(stratum, len(members), ratio, n))
    chosen.sort()
    result.rows = _assign_officers(pool, seed, [(key, unit) for key, _, unit in chosen])
    return result


def _assign_officers(pool: Pool, seed: str, chosen: list[tuple[str, PoolUnit]]) -> list[Drawn]:
    load = {o.id: 0 for o in pool.officers}
    recused: dict[str, set[str]] = {}
    for officer_id, unit_id in pool.recusals:
        recused.setdefault(unit_id, set()).add(officer_id)
    by_district: dict[str, list[PoolOfficer]] = {}
    rows: list[Drawn] = []
    short: list[str] = []
    prefix = f"{DOMAIN}\nofficer\n{seed}\n".encode()
    for order, (key, unit) in enumerate(chosen, 1):
        allowed = by_district.get(unit.district)
        if allowed is None:
            allowed = [o for o in pool.officers if not o.districts or unit.district in o.districts]
            by_district[unit.district] = allowed
        out = recused.get(unit.id, set())
        eligible = [o for o in allowed if o.id not in out]
        if len(eligible) < 2:
            short.append(
                f"{unit.name or unit.id}（{unit.district or '—'}）: {len(eligible)} eligible "
                f"officer(s), {len(out & {o.id for o in allowed})} recused"
            )
            continue
        pair = _two_least_loaded(eligible, load, prefix + f"{unit.id}\n".encode())
        for officer in pair:
            load[officer.id] += 1
        rows.append(Drawn(order, unit, key, pair[0], pair[1]))
    if short:
        more = f" and {len(short) - 3} more" if len(short) > 3 else ""
        raise DrawError(
            "Art 19 needs two officers per unit; not enough for " + "; ".join(short[:3]) + more
        )
    return rows


def _two_least_loaded(
    eligible: list[PoolOfficer], load: dict[str, int], prefix: bytes
) -> tuple[PoolOfficer, PoolOfficer]:
    """The two officers with the smallest (load, officer key); keys only where they decide."""
    levels: dict[int, list[PoolOfficer]] = {}
    for officer in eligible:
        levels.setdefault(load[officer.id], []).append(officer)
    picked: list[PoolOfficer] = []
    for level in sorted(levels):
        ranked = sorted(
            levels[level], key=lambda o: hashlib.sha256(prefix + o.id.encode()).hexdigest()
        )
        picked += ranked[: 2 - len(picked)]
        if len(picked) == 2:
            break
    return picked[0], picked[1]


# -- checking a draw again ------------------------------------------------------------------


@dataclass(frozen=True)
class StoredRow:
    order: int
    unit_id: str
    unit_name: str
    stratum: str
    lead: str
    second: str


def read_result(data: bytes) -> list[StoredRow]:
    rows = []
    for n, row in _read_csv(data, RESULT_HEADER, "result"):
        if not row[0].isdigit():
            raise DrawError(f"result line {n}: order {row[0][:20]!r} is not a number")
        rows.append(StoredRow(int(row[0]), row[1], row[2], row[4], row[6], row[8]))
    return rows


def compare_results(
    stored: bytes, redrawn: Draw, limit: int = 10, *, redrawn_csv: bytes | None = None
) -> list[str]:
    """What differs between a stored result and a new draw (empty: identical bytes);
    ``redrawn_csv``: ``redrawn.to_csv()`` when the caller has it already."""
    if stored == (redrawn.to_csv() if redrawn_csv is None else redrawn_csv):
        return []
    try:
        old = read_result(stored)
    except DrawError as exc:
        return [f"the stored list cannot be read: {exc}"]
    new = {d.unit.id: d for d in redrawn.rows}
    before = {r.unit_id: r for r in old}
    problems: list[str] = []
    if len(old) != len(redrawn.rows):
        problems.append(f"the stored list has {len(old)} units, the draw gives {len(redrawn.rows)}")
    for r in old:
        if r.unit_id not in new:
            problems.append(f"{r.unit_name or r.unit_id} is on the stored list but not drawn")
    for d in redrawn.rows:
        if d.unit.id not in before:
            problems.append(f"{d.unit.name or d.unit.id} is drawn but not on the stored list")
    for r in old:
        d = new.get(r.unit_id)
        if d is not None and (r.lead, r.second) != (d.lead.id, d.second.id):
            problems.append(
                f"{r.unit_name or r.unit_id}: stored officers {r.lead[:8]}/{r.second[:8]}, "
                f"the draw gives {d.lead.name}/{d.second.name}"
            )
        elif d is not None and r.order != d.order:
            problems.append(
                f"{r.unit_name or r.unit_id}: stored as no. {r.order}, drawn as no. {d.order}"
            )
    if not problems:
        problems.append("the stored list differs from the draw in its text (names or keys)")
    return problems[:limit] + (
        [f"… and {len(problems) - limit} more"] if len(problems) > limit else []
    )


def compare_pools(stored: Pool, other: Pool, limit: int = 10) -> list[str]:
    """How two pools differ: units and officers added, removed or changed, recusals."""
    problems: list[str] = []
    a = {u.id: u for u in stored.units}
    b = {u.id: u for u in other.units}
    for uid in sorted(set(a) - set(b)):
        problems.append(f"unit {a[uid].name or uid} ({a[uid].stratum}) is missing")
    for uid in sorted(set(b) - set(a)):
        problems.append(f"unit {b[uid].name or uid} ({b[uid].stratum}) was added")
    for uid in sorted(set(a) & set(b)):
        if a[uid] != b[uid]:
            fields = [
                f
                for f in ("name", "district", "stratum", "reasons")
                if getattr(a[uid], f) != getattr(b[uid], f)
            ]
            problems.append(
                f"unit {a[uid].name or uid}: {', '.join(fields)} changed "
                f"({a[uid].stratum} -> {b[uid].stratum})"
                if "stratum" in fields
                else f"unit {a[uid].name or uid}: {', '.join(fields)} changed"
            )
    oa = {o.id: o for o in stored.officers}
    ob = {o.id: o for o in other.officers}
    for oid in sorted(set(oa) ^ set(ob)):
        who = (oa.get(oid) or ob[oid]).name or oid
        problems.append(f"officer {who} is {'missing' if oid in oa else 'added'}")
    for oid in sorted(set(oa) & set(ob)):
        if oa[oid] != ob[oid]:
            problems.append(f"officer {oa[oid].name or oid}: districts or name changed")
    if stored.recusals != other.recusals:
        problems.append(
            f"recusals differ ({len(stored.recusals ^ other.recusals)} officer-unit pairs)"
        )
    return problems[:limit] + (
        [f"… and {len(problems) - limit} more"] if len(problems) > limit else []
    )


def strata_of(units: Iterable[PoolUnit]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for unit in units:
        counts[unit.stratum] = counts.get(unit.stratum, 0) + 1
    return counts


def expected_total(pool: Pool, ratios: Mapping[str, int]) -> int:
    return sum(sample_size(n, ratios.get(s, 0)) for s, n in strata_of(pool.units).items())


__all__ = [
    "ALGORITHM",
    "GENERAL",
    "KEY",
    "STRATUM_ZH",
    "graded_stratum",
    "stratum_zh",
    "Draw",
    "DrawError",
    "Drawn",
    "Pool",
    "PoolOfficer",
    "PoolUnit",
    "PriorityRules",
    "UnitFacts",
    "check_seed",
    "compare_pools",
    "compare_results",
    "draw",
    "officer_key",
    "parse_ratio",
    "percent",
    "priority_reasons",
    "read_result",
    "sample_size",
    "stratum_key",
    "unit_key",
]
