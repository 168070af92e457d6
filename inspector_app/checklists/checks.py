"""Legal checks on a form's failures, each reported at the line an author must fix.

The schema says a file is well formed; these rules say it is legally right
(LEGAL-REVIEW.md): a penalty article is never a duty the unit "violated", a
serious failure names a statutory duty and not only the standard that judges
it, a standard is cited with its title and clause, facts state what was seen
rather than negating the rule, and stop-use is never written into a measure.
"""

from __future__ import annotations

import re

from .citations import STANDARD_TYPES, Citation
from .facts import MEASUREMENT_ONLY, PLACEHOLDERS, REPORT_ONLY, placeholders, stray_braces
from .problems import FormProblem
from .schema import CitationSpec, FailureSpec, ItemSpec
from .sources import Registry
from .yamlsource import Loc, YamlSource

# A free-text reference that names a standard (GB, GB/T, TSG, JB, DB…) must carry 《》.
_STANDARD_CODE = re.compile(r"\b(GB(/T)?|TSG|JB(/T)?|DB\d*(/T)?)\s*[A-Z]?\d")
_NEGATED_RULE = re.compile(r"不符合要求[。．.]?$")
_STOP_IN_MEASURE = ("停止使用", "停用")
_REINSPECTION_IN_MEASURE = "检验合格后方可"


def check_item(
    item: ItemSpec, loc: Loc, source: YamlSource, registry: Registry | None
) -> list[FormProblem]:
    out: list[FormProblem] = []
    where = f"item '{item.id}'"

    def problem(at: Loc, message: str) -> None:
        out.append(source.problem((*loc, *at), f"{where}: {message}"))

    for k, ref in enumerate(item.basis):
        if _STANDARD_CODE.search(ref.source) and "《" not in ref.source:
            problem(("basis", k, "source"), f"standard cited without 《》: '{ref.source}'")
        if _STANDARD_CODE.search(ref.source) and not ref.clause.strip():
            problem(("basis", k, "clause"), f"standard '{ref.source}' cited without a clause")

    seen: set[str] = set()
    for k, failure in enumerate(item.failures):
        at = ("failures", k)
        if failure.id in seen:
            problem((*at, "id"), f"duplicate failure id '{failure.id}'")
        seen.add(failure.id)
        if not failure.id.startswith(item.id + "-"):
            problem((*at, "id"), f"failure id '{failure.id}' must start with '{item.id}-'")
        for message, sub in _check_failure(item, failure, registry):
            problem((*at, *sub), f"failure '{failure.id}': {message}")

    _check_classes(item, problem)
    return out


def _check_classes(item: ItemSpec, problem) -> None:
    m = item.measurement
    triggers = [f.when for f in item.failures]
    if m is None:
        if any(triggers):
            problem(("failures",), "'when' is only for measurement items")
        if item.hazard not in {f.hazard for f in item.failures}:
            problem(("hazard",), f"no failure has the item's hazard class '{item.hazard}'")
        return
    if triggers.count("out_of_range") != 1:
        problem(
            ("failures",), "a measurement item needs exactly one failure with 'when: out_of_range'"
        )
    for k, failure in enumerate(item.failures):
        if failure.when == "out_of_range" and failure.hazard != item.hazard:
            problem(
                ("failures", k, "hazard"),
                "the out_of_range failure must have the item's hazard class",
            )
        if failure.when == "serious_limit" and failure.hazard != "serious":
            problem(("failures", k, "hazard"), "a serious_limit failure must be serious")
    if m.has_serious_limit and "serious_limit" not in triggers:
        problem(
            ("measurement",),
            "serious_min/serious_max given but no failure has 'when: serious_limit'",
        )
    if "serious_limit" in triggers and not m.has_serious_limit:
        problem(("failures",), "a serious_limit failure needs serious_min or serious_max")


def _check_failure(item: ItemSpec, failure: FailureSpec, registry: Registry | None):
    resolved: dict[str, list[Citation]] = {}
    for role in ("violates", "judged_by", "penalty"):
        resolved[role] = []
        for m, spec in enumerate(getattr(failure, role)):
            citation, message = resolve_citation(spec, registry)
            if message:
                yield message, (role, m)
                continue
            resolved[role].append(citation)
            yield from ((msg, (role, m)) for msg in _check_role(role, spec, citation, registry))
    if failure.hazard == "serious":
        if resolved["violates"] and not any(c.is_statute for c in resolved["violates"]):
            yield (
                "a serious failure must name a duty of a law or regulation under 'violates' "
                "(a standard such as GB 45067 only judges the class)",
                ("violates",),
            )
        if not failure.judged_by:
            yield "a serious failure needs 'judged_by' (the provision that makes it serious)", ()
    elif failure.judged_by:
        yield (
            "'judged_by' is for serious failures only (it prints 判定为重大事故隐患)",
            ("judged_by",),
        )

    names = placeholders(failure.fact_zh)
    for name in names:
        if name not in PLACEHOLDERS:
            yield (
                f"unknown placeholder '{{{name}}}' (known: {', '.join(PLACEHOLDERS)})",
                ("fact_zh",),
            )
        elif name in MEASUREMENT_ONLY and item.measurement is None:
            yield f"'{{{name}}}' is only for measurement items", ("fact_zh",)
        elif name in REPORT_ONLY and item.source != "inspection_report":
            yield f"'{{{name}}}' is only for items read from the inspection report", ("fact_zh",)
    if stray_braces(failure.fact_zh):
        yield "unbalanced '{' or '}' in the fact", ("fact_zh",)
    if _NEGATED_RULE.search(failure.fact_zh.strip()):
        yield "state what was found, not the rule followed by 不符合要求", ("fact_zh",)
    if any(word in failure.measure_zh for word in _STOP_IN_MEASURE):
        yield (
            "stop-use is printed in its own block for serious failures; "
            "do not write it into 'measure_zh'",
            ("measure_zh",),
        )
    if _REINSPECTION_IN_MEASURE in failure.measure_zh:
        yield (
            "write 'reinspection: true' instead of 检验合格后方可… in 'measure_zh'",
            ("measure_zh",),
        )
    if failure.reinspection and failure.hazard != "serious":
        yield (
            "'reinspection' only applies to serious failures (it conditions resuming use)",
            ("reinspection",),
        )


def _check_role(role: str, spec: CitationSpec, citation: Citation, registry: Registry | None):
    doc = registry.get(spec.doc) if registry else None
    if doc is None:
        return
    if spec.status == "V" and doc.status == "R":
        yield f"'{spec.doc}' is marked R in the registry: a citation of it cannot be V"
    if citation.type in STANDARD_TYPES:
        if not spec.clause.strip():
            yield f"standard {citation.code} 《{citation.title}》 cited without a clause"
        if spec.article is not None:
            yield f"{citation.code} is a standard: give 'clause', not 'article'"
    else:
        if spec.article is None and citation.type in ("law", "regulation"):
            yield f"《{citation.title}》 cited without an article"
        if spec.clause.strip():
            yield f"《{citation.title}》 is a statute: give 'article'/'paragraph'/'item', not 'clause'"
    penal = doc.is_penalty_article(spec.article)
    if role == "violates" and penal:
        first = doc.penalty_articles[0]
        yield (
            f"{citation.text()} is a penalty article (法律责任 from 第{_cn(first)}条): "
            "cite it under 'penalty', not 'violates'"
        )
    if role == "penalty" and not penal:
        yield f"{citation.text()} is not in the 法律责任 chapter of 《{citation.title}》"


def _cn(n: int) -> str:
    from .citations import cn_number

    return cn_number(n)


def resolve_citation(spec: CitationSpec, registry: Registry | None) -> tuple[Citation | None, str]:
    """(citation, "") or (None, message) when the document is unknown."""
    if registry is None:
        return None, f"unknown source '{spec.doc}' (no sources.yaml beside the form)"
    doc = registry.get(spec.doc)
    if doc is None:
        known = ", ".join(registry.docs)
        return None, f"unknown source '{spec.doc}' (known in {registry.display}: {known})"
    return (
        Citation(
            doc=doc.id,
            title=doc.title,
            code=doc.code,
            type=doc.type,
            article=spec.article,
            paragraph=spec.paragraph,
            item=spec.item,
            clause=spec.clause.strip(),
            status=spec.status,
        ),
        "",
    )
